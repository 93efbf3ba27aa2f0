//! Native unit tests in the stylus-test VM: one module per concern, each
//! test named after the rule it pins. Storage is not rolled back after a
//! failing call in this VM, which is why every entry point validates
//! before it writes (a test of a revert also checks nothing changed).

mod admin;
mod batch;
mod controller;
mod documents;
mod erc1410;
mod erc1594;
mod erc20;
mod freeze;
mod initializer;
mod kyc;
mod layout;
mod pledges;
mod routing;
mod status;

use crate::SecurityToken;
use alloc::{string::String, vec, vec::Vec};
use stylus_sdk::{
    alloy_primitives::{address, Address, Bytes, B256, U256},
    alloy_sol_types::SolEvent,
    testing::TestVM,
};

pub const DEPLOYER: Address = address!("00000000000000000000000000000000000000d0");
pub const ISSUER: Address = address!("00000000000000000000000000000000000000a1");
pub const CONTROLLER: Address = address!("00000000000000000000000000000000000000c1");
pub const AMI: Address = address!("00000000000000000000000000000000000000a2");
pub const ALICE: Address = address!("0000000000000000000000000000000000000a11");
pub const BOB: Address = address!("0000000000000000000000000000000000000b0b");
pub const CAROL: Address = address!("0000000000000000000000000000000000000ca1");
/// An issuer-appointed, distribution-side token-level operator.
pub const FIRM: Address = address!("00000000000000000000000000000000000000f1");

/// Never registered (KYC): what an unknown address is.
pub const DAVE: Address = address!("0000000000000000000000000000000000000da5");

/// The holders [`Fixture::new`] registers, with their categories: ALICE
/// and BOB individuals, CAROL, FIRM and AMI corporate, ISSUER issuer-own.
pub const REGISTERED: [(Address, u8); 6] = [
    (ALICE, 1),
    (BOB, 1),
    (CAROL, 2),
    (FIRM, 2),
    (AMI, 2),
    (ISSUER, 3),
];

/// A partition whose first byte is `tag`.
pub const fn partition(tag: u8) -> B256 {
    let mut bytes = [0u8; 32];
    bytes[0] = tag;
    B256::new(bytes)
}

/// Default partition 1 ("A").
pub const PA: B256 = partition(b'A');
/// Default partition 2 ("B").
pub const PB: B256 = partition(b'B');
/// A non-default partition ("L", e.g. locked tranche).
pub const PL: B256 = partition(b'L');
pub const ISSUE_ID: B256 = partition(b'K');

pub fn u(v: u64) -> U256 {
    U256::from(v)
}

pub fn bytes(b: &[u8]) -> Bytes {
    Bytes::copy_from_slice(b)
}

pub fn no_data() -> &'static [u8] {
    &[]
}

pub fn data(b: &[u8]) -> &[u8] {
    b
}

/// The (topics, data) a log of `event` has on chain.
pub fn log_of<E: SolEvent>(event: &E) -> (Vec<B256>, Vec<u8>) {
    let log = event.encode_log_data();
    (log.topics().to_vec(), log.data.to_vec())
}

/// A token behind a (simulated) proxy: storage of a fresh account, no
/// constructor run, initialised by `DEPLOYER` with `ISSUER`, `CONTROLLER`,
/// default partitions [A, B], `FIRM` as distribution-side operator and
/// the [`REGISTERED`] holders registered.
pub struct Fixture {
    pub vm: TestVM,
    pub token: SecurityToken,
}

impl Fixture {
    /// Uninitialised proxy storage.
    pub fn bare() -> Self {
        let vm = TestVM::default();
        vm.set_block_timestamp(1_700_000_000);
        let token = SecurityToken::from(&vm);
        Fixture { vm, token }
    }

    /// Runs the bare program's constructor (as the StylusDeployer does for
    /// a deployed implementation), which disables it.
    pub fn construct_bare(&mut self) {
        self.vm.set_sender(DEPLOYER);
        let input = crate::program::CONSTRUCTOR_SELECTOR.to_vec();
        let out = crate::program::handle(&mut self.token, crate::program::Program::Admin, &input);
        assert_eq!(out, Ok(Vec::new()));
    }

    /// Initialised token, logs cleared.
    pub fn new() -> Self {
        let mut f = Self::bare();
        f.vm.set_sender(DEPLOYER);
        f.token
            .initialize(
                b"Gangnam Office Fund",
                b"GOF",
                0,
                ISSUER,
                vec![CONTROLLER],
                vec![PA, PB],
                AMI,
                "투자계약증권".as_bytes(),
                ISSUE_ID,
            )
            .unwrap();
        f.by(ISSUER).appoint_operator(FIRM, 2).unwrap();
        for (holder, category) in REGISTERED {
            f.by(ISSUER).register_holder(holder, category).unwrap();
        }
        f.vm.clear_mocks();
        f
    }

    /// The token, called by `sender`.
    pub fn by(&mut self, sender: Address) -> &mut SecurityToken {
        self.vm.set_sender(sender);
        &mut self.token
    }

    /// Issues `value` into `partition` for `to` (as the issuer), clearing logs.
    pub fn issued(mut self, partition: B256, to: Address, value: u64) -> Self {
        self.by(ISSUER)
            .issue_by_partition(partition, to, u(value), no_data())
            .unwrap();
        self.vm.clear_mocks();
        self
    }

    /// The logs emitted since the last call, then clears them.
    pub fn take_logs(&self) -> Vec<(Vec<B256>, Vec<u8>)> {
        let logs = self.vm.get_emitted_logs();
        self.vm.clear_mocks();
        logs
    }

    /// Balance of `holder` in `partition`.
    pub fn bal(&self, partition: B256, holder: Address) -> U256 {
        self.token.balance_of_by_partition(partition, holder)
    }

    /// Asserts the ERC-1410 sum invariants for the given holders (R1):
    /// per holder sum over partitionsOf == balanceOf, no zero entries; sum
    /// of balances == totalSupply == sum of partition supplies.
    pub fn assert_invariants(&self, holders: &[Address]) {
        let mut total = U256::ZERO;
        for holder in holders {
            let parts = self.token.partitions_of(*holder);
            let sum: U256 = parts.iter().map(|p| self.bal(*p, *holder)).sum();
            assert!(
                parts.iter().all(|p| !self.bal(*p, *holder).is_zero()),
                "zero partition listed"
            );
            assert_eq!(
                sum,
                self.token.balance_of(*holder),
                "partition sum of {holder}"
            );
            total += sum;
        }
        assert_eq!(total, self.token.total_supply());
        let supplies: U256 = self
            .token
            .total_partitions()
            .iter()
            .map(|p| self.token.total_supply_by_partition(*p))
            .sum();
        assert_eq!(supplies, self.token.total_supply());
    }
}
