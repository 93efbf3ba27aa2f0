//! Each hostio's exact effect, through the raw `devnode-test-hostio`
//! program (one op per call; see its source for the byte protocol).

mod common;

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use common::*;
use devnode::{DevNode, Tx};

const HOSTIO: &str = "devnode-test-hostio";

fn op(code: u8, args: &[&[u8]]) -> Vec<u8> {
    let mut v = vec![code];
    for a in args {
        v.extend_from_slice(a);
    }
    v
}

fn w(b: u8) -> [u8; 32] {
    B256::with_last_byte(b).0
}

fn run(n: &mut DevNode, a: Address, data: Vec<u8>) -> Bytes {
    let r = send(n, a, data);
    assert!(r.status, "{r:?}");
    r.output
}

fn setup() -> (DevNode, Address) {
    let mut n = node();
    let a = deploy_program(&mut n, HOSTIO);
    (n, a)
}

#[test]
fn environment_hostios_report_the_call_and_block() {
    let (mut n, a) = setup();
    let r = n
        .transact(Tx::call(alice(), a, op(0x01, &[])).value(U256::from(5)))
        .unwrap();
    assert!(r.status, "{r:?}");
    let o = &r.output;
    assert_eq!(&o[0..20], alice().as_slice(), "msg_sender");
    assert_eq!(&o[20..40], a.as_slice(), "contract_address");
    assert_eq!(&o[40..60], alice().as_slice(), "tx_origin");
    assert_eq!(U256::from_be_slice(&o[60..92]), U256::from(5), "msg_value");
    assert_eq!(
        U256::from_be_slice(&o[92..124]),
        U256::from(n.config().base_fee),
        "block_basefee"
    );
    assert_eq!(
        &o[124..144],
        alloy_primitives::address!("A4B000000000000000000073657175656e636572").as_slice(),
        "block_coinbase"
    );
    assert_eq!(
        U256::from_be_slice(&o[144..176]),
        U256::from(n.config().base_fee),
        "tx_gas_price"
    );
    let u64_at = |i: usize| u64::from_be_bytes(o[i..i + 8].try_into().unwrap());
    assert_eq!(u64_at(176), 412_346, "chainid");
    assert_eq!(u64_at(184), n.block().0, "block_number");
    assert_eq!(u64_at(192), n.block().1, "block_timestamp");
    assert_eq!(u64_at(200), n.config().block_gas_limit, "block_gas_limit");
    assert_eq!(
        u32::from_be_bytes(o[208..212].try_into().unwrap()),
        0,
        "msg_reentrant"
    );
    assert_eq!(
        u32::from_be_bytes(o[212..216].try_into().unwrap()),
        10_000,
        "tx_ink_price"
    );
}

#[test]
fn storage_cache_flush_and_load_write_through_to_state() {
    let (mut n, a) = setup();
    let out = run(&mut n, a, op(0x02, &[&w(7), &w(42)]));
    assert_eq!(&out[..], &w(42));
    assert_eq!(n.storage(a, U256::from(7)), U256::from(42));
    assert_eq!(&run(&mut n, a, op(0x03, &[&w(7)]))[..], &w(42));
}

#[test]
fn unflushed_cached_writes_are_discarded_as_in_nitro() {
    let (mut n, a) = setup();
    run(&mut n, a, op(0x04, &[&w(8), &w(1)]));
    assert_eq!(n.storage(a, U256::from(8)), U256::ZERO);
}

#[test]
fn transient_storage_lives_for_one_transaction() {
    let (mut n, a) = setup();
    assert_eq!(&run(&mut n, a, op(0x05, &[&w(3), &w(9)]))[..], &w(9));
    assert_eq!(&run(&mut n, a, op(0x06, &[&w(3)]))[..], &w(0));
}

#[test]
fn emit_log_splits_topics_from_data() {
    let (mut n, a) = setup();
    let r = send(&mut n, a, op(0x07, &[&[2], &w(1), &w(2), b"hello"]));
    assert!(r.status, "{r:?}");
    assert_eq!(r.logs.len(), 1);
    assert_eq!(r.logs[0].topics(), &[B256::from(w(1)), B256::from(w(2))]);
    assert_eq!(&r.logs[0].data.data[..], b"hello");
    // More than four topics is a failure.
    let r = send(&mut n, a, op(0x07, &[&[5], &[0u8; 160]]));
    assert!(!r.status);
}

#[test]
fn native_keccak256_hashes_its_input() {
    let (mut n, a) = setup();
    assert_eq!(
        &run(&mut n, a, op(0x08, &[b"stylus"]))[..],
        keccak256(b"stylus").as_slice()
    );
}

#[test]
fn math_hostios_follow_evm_semantics() {
    let (mut n, a) = setup();
    let u = |x: u64| U256::from(x).to_be_bytes::<32>();
    let m = |n: &mut DevNode, k: u8, x: u64, y: u64, z: u64| {
        U256::from_be_slice(&run(n, a, op(0x09, &[&[k], &u(x), &u(y), &u(z)])))
    };
    assert_eq!(m(&mut n, 0, 17, 5, 0), U256::from(3), "div");
    assert_eq!(m(&mut n, 0, 17, 0, 0), U256::ZERO, "div by zero");
    assert_eq!(m(&mut n, 1, 17, 5, 0), U256::from(2), "mod");
    assert_eq!(m(&mut n, 2, 3, 4, 0), U256::from(81), "pow");
    assert_eq!(m(&mut n, 3, 10, 5, 7), U256::from(1), "add_mod");
    assert_eq!(m(&mut n, 4, 10, 5, 7), U256::from(1), "mul_mod");
    assert_eq!(m(&mut n, 4, 10, 5, 0), U256::ZERO, "mul_mod by zero");
}

#[test]
fn exit_early_returns_or_reverts_with_the_written_result() {
    let (mut n, a) = setup();
    let r = send(&mut n, a, op(0x0a, &[&0u32.to_be_bytes(), b"ok"]));
    assert!(r.status);
    assert_eq!(&r.output[..], b"ok");
    let r = send(&mut n, a, op(0x0a, &[&1u32.to_be_bytes(), b"no"]));
    assert!(!r.status);
    assert_eq!(&r.output[..], b"no");
}

#[test]
fn account_hostios_read_balance_codehash_and_code() {
    let (mut n, a) = setup();
    let evm = deploy_evm(&mut n, EVM_RETURN_42);
    let o = run(&mut n, a, op(0x0b, &[evm.as_slice()]));
    assert_eq!(U256::from_be_slice(&o[0..32]), U256::ZERO);
    assert_eq!(&o[32..64], keccak256(EVM_RETURN_42).as_slice());
    assert_eq!(
        u32::from_be_bytes(o[64..68].try_into().unwrap()),
        EVM_RETURN_42.len() as u32
    );
    assert_eq!(u32::from_be_bytes(o[68..72].try_into().unwrap()), 3);
    assert_eq!(&o[72..75], &EVM_RETURN_42[1..4]);
    let o = run(&mut n, a, op(0x0b, &[bob().as_slice()]));
    assert_eq!(U256::from_be_slice(&o[0..32]), n.balance(bob()));
    assert_eq!(
        &o[32..64],
        alloy_primitives::KECCAK256_EMPTY.as_slice(),
        "codehash of a funded codeless account"
    );
    let nobody = Address::with_last_byte(0x99);
    let o = run(&mut n, a, op(0x0b, &[nobody.as_slice()]));
    assert_eq!(&o[32..64], &[0u8; 32], "codehash of an empty account");
}

#[test]
fn gas_and_ink_left_shrink_within_the_limit() {
    let (mut n, a) = setup();
    let r = n
        .transact(Tx::call(alice(), a, op(0x0c, &[])).gas(1_000_000))
        .unwrap();
    let gas = u64::from_be_bytes(r.output[0..8].try_into().unwrap());
    let ink = u64::from_be_bytes(r.output[8..16].try_into().unwrap());
    assert!(gas > 900_000 && gas < 1_000_000, "{gas}");
    assert!(
        ink < gas * 10_000 && ink > (gas - 10) * 10_000,
        "{ink} vs {gas}"
    );
}

#[test]
fn calls_return_status_and_data_and_static_calls_cannot_write() {
    let (mut n, a) = setup();
    let b = deploy(&mut n, init_code(HOSTIO));
    let evm = deploy_evm(&mut n, EVM_RETURN_42);
    let o = run(&mut n, a, op(0x0d, &[&[0], evm.as_slice(), &[0u8; 32]]));
    assert_eq!(o[0], 0);
    assert_eq!(u32::from_be_bytes(o[1..5].try_into().unwrap()), 32);
    assert_eq!(U256::from_be_slice(&o[5..37]), U256::from(42));
    // Static call into a storage write: the callee fails, status 1.
    let write = op(0x02, &[&w(1), &w(1)]);
    let o = run(
        &mut n,
        a,
        op(0x0d, &[&[2], b.as_slice(), &[0u8; 32], &write]),
    );
    assert_eq!(o[0], 1);
    assert_eq!(n.storage(b, U256::from(1)), U256::ZERO);
    // Delegate call writes into the caller's storage.
    run(
        &mut n,
        a,
        op(0x0d, &[&[1], b.as_slice(), &[0u8; 32], &write]),
    );
    assert_eq!(n.storage(a, U256::from(1)), U256::from(1));
    assert_eq!(n.storage(b, U256::from(1)), U256::ZERO);
    // The callee sees the caller as msg_sender and is flagged reentrant only on re-entry.
    let o = run(
        &mut n,
        a,
        op(0x0d, &[&[0], b.as_slice(), &[0u8; 32], &[0x01]]),
    );
    assert_eq!(&o[5..25], a.as_slice());
    let reentry = op(0x0d, &[&[0], a.as_slice(), &[0u8; 32], &[0x01]]);
    let o = run(
        &mut n,
        a,
        op(0x0d, &[&[0], b.as_slice(), &[0u8; 32], &reentry]),
    );
    // a -> b -> a(env): a's env output sits inside b's return data.
    let inner = &o[5 + 5..];
    assert_eq!(
        u32::from_be_bytes(inner[208..212].try_into().unwrap()),
        1,
        "msg_reentrant"
    );
}

#[test]
fn read_return_data_honours_offset_and_size() {
    let (mut n, a) = setup();
    let evm = deploy_evm(&mut n, EVM_RETURN_42);
    let o = run(
        &mut n,
        a,
        op(
            0x13,
            &[
                &30u32.to_be_bytes(),
                &10u32.to_be_bytes(),
                evm.as_slice(),
                &[0u8; 32],
            ],
        ),
    );
    assert_eq!(&o[..], &[0, 42]);
}

#[test]
fn create1_and_create2_return_the_evm_addresses() {
    let (mut n, a) = setup();
    let init = evm_init(EVM_RETURN_42);
    let o = run(&mut n, a, op(0x0e, &[&[0], &[0u8; 32], &[0u8; 32], &init]));
    assert_eq!(&o[..20], a.create(1).as_slice());
    assert_eq!(u32::from_be_bytes(o[20..24].try_into().unwrap()), 0);
    let salt = B256::with_last_byte(9);
    let o = run(
        &mut n,
        a,
        op(0x0e, &[&[1], salt.as_slice(), &[0u8; 32], &init]),
    );
    assert_eq!(&o[..20], a.create2(salt, keccak256(&init)).as_slice());
    assert_eq!(
        &n.code(a.create2(salt, keccak256(&init)))[..],
        EVM_RETURN_42
    );
    // Failing init code: zero address and the revert data length.
    let o = run(
        &mut n,
        a,
        op(0x0e, &[&[0], &[0u8; 32], &[0u8; 32], EVM_REVERT_DEAD]),
    );
    assert_eq!(&o[..20], &[0u8; 20]);
    assert_eq!(u32::from_be_bytes(o[20..24].try_into().unwrap()), 2);
}

#[test]
fn console_hostios_are_captured() {
    let (mut n, a) = setup();
    let r = send(&mut n, a, op(0x0f, &[b"hi there"]));
    assert_eq!(r.console, vec!["hi there".to_string(), "-7".to_string()]);
}

#[test]
fn pay_for_memory_grow_prices_pages_and_refuses_past_the_limit() {
    let (mut n, a) = setup();
    let r = send(&mut n, a, op(0x10, &[&[1]]));
    assert!(r.status, "{r:?}");
    let r = n
        .transact(Tx::call(alice(), a, op(0x10, &[&[200]])).gas(5_000_000))
        .unwrap();
    assert!(!r.status);
    assert_eq!(r.gas_used, 5_000_000);
}

#[test]
fn infinite_loops_and_traps_fail_cleanly() {
    let (mut n, a) = setup();
    let r = n
        .transact(Tx::call(alice(), a, op(0x11, &[])).gas(1_000_000))
        .unwrap();
    assert!(!r.status);
    assert_eq!(r.gas_used, 1_000_000);
    let r = n
        .transact(Tx::call(alice(), a, op(0x12, &[])).gas(1_000_000))
        .unwrap();
    assert!(!r.status);
    assert!(r.gas_used < 1_000_000);
}
