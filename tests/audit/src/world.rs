//! The token as deployed: its three programs through the StylusDeployer, the
//! beacon, the proxy template and the factory, one token created and
//! initialised through the factory, and a second implementation ready for
//! the mid-sequence upgrade. Built once; every sequence starts from a copy
//! of its state.

use alloy_primitives::{keccak256, Address, LogData, B256};
use alloy_sol_types::SolCall;
use beacon_abi::beacon::IUpgradeableBeacon;
use beacon_chain_tests::{
    alice, create_token, deploy_beacon_and_factory, deploy_token_programs, ok,
};
use devnode::{DevNode, NodeConfig, Tx};
use sto_abi::{ISecurityTokenAdmin, ISecurityTokenCompliance};

use crate::actors::{self, address};
use crate::model::Model;
use crate::ops::Op;

/// Stack the suite's thread needs (what the dev chain gives each
/// transaction's thread by default).
pub const STACK: usize = 256 << 20;

/// Runs `f` on a thread with a [`STACK`]-sized stack and returns its result.
pub fn on_large_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("sto-audit".into())
            .stack_size(STACK)
            .spawn_scoped(s, f)
            .expect("spawn the suite thread")
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

/// What a call did on chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Return data, or revert data.
    pub result: Result<Vec<u8>, Vec<u8>>,
    /// Logs (address, data), in order.
    pub logs: Vec<(Address, LogData)>,
}

/// The deployed token and its chain.
pub struct World {
    /// The chain.
    pub node: DevNode,
    /// State right after initialisation.
    base: devnode::evm::Db,
    /// The token proxy.
    pub token: Address,
    /// The beacon.
    pub beacon: Address,
    /// Implementation v1 (the beacon's at the start) and v2.
    pub implementations: [Address; 2],
    /// keccak256 of each deployed program (for the report).
    pub code_hashes: Vec<(String, B256)>,
    /// Index into `implementations` of the one the beacon names.
    current: usize,
}

impl World {
    /// Deploys everything (programs cached, as a chain operator caches its
    /// hot contracts, which also makes the suite faster). Transactions run
    /// on the caller's thread, which must have a large stack
    /// ([`STACK`], see [`on_large_stack`]).
    pub fn deploy() -> Self {
        let mut node = DevNode::new(NodeConfig {
            cache_all_programs: true,
            stack_size: 0,
            ..NodeConfig::default()
        });
        let (_, _, v1) = deploy_token_programs(&mut node);
        let (_, _, v2) = deploy_token_programs(&mut node);
        let (_, beacon, factory) = deploy_beacon_and_factory(&mut node, v1);
        let issue_id = keccak256("AUDIT-0001");
        let init = ISecurityTokenAdmin::initializeCall {
            name: "Audit Fund".into(),
            symbol: "AUD".into(),
            decimals: 0,
            issuer: address(actors::ISSUER),
            controllers: vec![address(actors::CONTROLLER)],
            defaultPartitions: actors::defaults(),
            accountManager: address(actors::CONTROLLER),
            securityKind: "투자계약증권".into(),
            issueId: issue_id,
        };
        let (token, _) = create_token(&mut node, factory, init.abi_encode(), issue_id);
        // KYC and the custody account, as the model starts (model::Model::new).
        for (who, category) in crate::model::initial_registrations() {
            let call = ISecurityTokenCompliance::registerHolderCall {
                holder: address(who),
                category,
            };
            ok(&mut node, address(actors::ISSUER), token, call.abi_encode());
        }
        let custody = ISecurityTokenCompliance::setCustodyAccountCall {
            custody: address(actors::OUTSIDER),
        };
        ok(
            &mut node,
            address(actors::CONTROLLER),
            token,
            custody.abi_encode(),
        );
        let code_hashes = [
            "security-token",
            "security-token-admin",
            "security-token-compliance",
            "beacon-proxy",
            "upgradeable-beacon",
            "token-factory",
        ]
        .iter()
        .map(|n| {
            (
                n.to_string(),
                keccak256(sto_artifacts::get(n).expect("artifact").code),
            )
        })
        .collect();
        let base = node.db().clone();
        Self {
            node,
            base,
            token,
            beacon,
            implementations: [v1, v2],
            code_hashes,
            current: 0,
        }
    }

    /// Back to the state right after initialisation; returns its model.
    pub fn reset(&mut self) -> Model {
        self.node.set_db(self.base.clone());
        self.current = 0;
        Model::new(self.token, self.beacon, self.implementations)
    }

    /// Sends `op`; an upgrade points the beacon at the implementation it
    /// does not name now.
    pub fn run(&mut self, op: &Op) -> Outcome {
        let tx = match op.caller() {
            Some(by) => Tx::call(address(by), self.token, op.calldata()),
            None => {
                self.current = 1 - self.current;
                let next = self.implementations[self.current];
                Tx::call(
                    alice(),
                    self.beacon,
                    IUpgradeableBeacon::upgradeToCall {
                        newImplementation: next,
                    }
                    .abi_encode(),
                )
            }
        };
        let r = self
            .node
            .transact(tx)
            .expect("the chain runs the transaction");
        let logs = r.logs.iter().map(|l| (l.address, l.data.clone())).collect();
        Outcome {
            result: if r.status {
                Ok(r.output.to_vec())
            } else {
                Err(r.output.to_vec())
            },
            logs,
        }
    }

    /// A view of the token, decoded.
    pub fn view<C: SolCall>(&mut self, call: C) -> C::Return {
        self.view_as(alice(), call)
    }

    /// A view sent as `from` (for `canTransfer`, which answers for msg.sender).
    pub fn view_as<C: SolCall>(&mut self, from: Address, call: C) -> C::Return {
        let r = self
            .node
            .call(Tx::call(from, self.token, call.abi_encode()))
            .expect("view runs");
        assert!(r.status, "view {} reverted: {:?}", C::SIGNATURE, r.output);
        C::abi_decode_returns(&r.output).expect("view decodes")
    }
}
