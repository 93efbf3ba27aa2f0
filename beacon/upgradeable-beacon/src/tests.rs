//! Native unit tests of the beacon on the stylus-test VM: ownership,
//! upgrade checks, events and error encodings. Proxies following the beacon
//! are exercised on the dev chain, where real wasm runs.

use super::*;
use beacon_abi::arb_wasm::IArbWasm;
use storage_layout::{probe, Layout};
use stylus_sdk::{
    alloy_primitives::{keccak256, B256, U256},
    alloy_sol_types::{SolError, SolEvent},
    testing::*,
};

const OWNER: Address = Address::repeat_byte(0x0a);
const STRANGER: Address = Address::repeat_byte(0x0b);
const NOMINEE: Address = Address::repeat_byte(0x0c);
const IMPL_V1: Address = Address::repeat_byte(0x01);
const IMPL_V2: Address = Address::repeat_byte(0x02);

/// A VM where `IMPL_V1` and `IMPL_V2` hold EVM code, so both are valid targets.
fn vm_with_code() -> TestVM {
    let vm = TestVM::new();
    vm.set_code(IMPL_V1, vec![0x60, 0x00]);
    vm.set_code(IMPL_V2, vec![0x60, 0x01]);
    vm
}

/// A beacon built by `OWNER` pointing at `IMPL_V1`, with the logs cleared.
fn deployed(vm: &TestVM) -> UpgradeableBeacon {
    let mut beacon = UpgradeableBeacon::from(vm);
    beacon.constructor(IMPL_V1, OWNER).unwrap();
    vm.clear_mocks();
    vm.set_sender(OWNER);
    beacon
}

fn encoded(err: BeaconError) -> Vec<u8> {
    err.into()
}

#[test]
fn constructor_sets_owner_and_implementation_and_announces_both() {
    let vm = vm_with_code();
    let mut beacon = UpgradeableBeacon::from(&vm);
    beacon.constructor(IMPL_V1, OWNER).unwrap();
    assert_eq!(beacon.implementation(), IMPL_V1);
    assert_eq!(beacon.owner(), OWNER);
    assert_eq!(beacon.pending_owner(), Address::ZERO);
    let logs = vm.get_emitted_logs();
    assert_eq!(logs.len(), 2);
    let transferred =
        OwnershipTransferred::decode_raw_log(logs[0].0.iter().copied(), &logs[0].1).unwrap();
    assert_eq!(transferred.previousOwner, Address::ZERO);
    assert_eq!(transferred.newOwner, OWNER);
    assert_eq!(
        logs[1].0,
        vec![Upgraded::SIGNATURE_HASH, IMPL_V1.into_word()]
    );
}

#[test]
fn constructor_refuses_a_zero_owner() {
    let vm = vm_with_code();
    let mut beacon = UpgradeableBeacon::from(&vm);
    let err = beacon.constructor(IMPL_V1, Address::ZERO).unwrap_err();
    assert_eq!(
        encoded(err),
        OwnableInvalidOwner {
            owner: Address::ZERO
        }
        .abi_encode()
    );
}

#[test]
fn constructor_refuses_an_implementation_without_code() {
    let vm = TestVM::new();
    let mut beacon = UpgradeableBeacon::from(&vm);
    let err = beacon.constructor(IMPL_V1, OWNER).unwrap_err();
    assert!(matches!(
        err,
        BeaconError::InvalidImplementation(BeaconInvalidImplementation { implementation })
            if implementation == IMPL_V1
    ));
}

#[test]
fn owner_upgrade_changes_the_implementation_and_emits_upgraded() {
    let vm = vm_with_code();
    let mut beacon = deployed(&vm);
    beacon.upgrade_to(IMPL_V2).unwrap();
    assert_eq!(beacon.implementation(), IMPL_V2);
    let logs = vm.get_emitted_logs();
    assert_eq!(logs.len(), 1);
    let upgraded = Upgraded::decode_raw_log(logs[0].0.iter().copied(), &logs[0].1).unwrap();
    assert_eq!(upgraded.implementation, IMPL_V2);
}

#[test]
fn upgrade_by_a_non_owner_reverts_with_ownable_unauthorized_account() {
    let vm = vm_with_code();
    let mut beacon = deployed(&vm);
    vm.set_sender(STRANGER);
    let err = beacon.upgrade_to(IMPL_V2).unwrap_err();
    let bytes = encoded(err);
    assert_eq!(&bytes[..4], OwnableUnauthorizedAccount::SELECTOR.as_slice());
    let decoded = OwnableUnauthorizedAccount::abi_decode(&bytes).unwrap();
    assert_eq!(decoded.account, STRANGER);
    assert_eq!(beacon.implementation(), IMPL_V1, "state unchanged");
    assert!(vm.get_emitted_logs().is_empty());
}

#[test]
fn upgrade_to_an_address_without_code_reverts_with_invalid_implementation() {
    let vm = vm_with_code();
    let mut beacon = deployed(&vm);
    let empty = Address::repeat_byte(0xee);
    let err = beacon.upgrade_to(empty).unwrap_err();
    assert_eq!(
        encoded(err),
        BeaconInvalidImplementation {
            implementation: empty
        }
        .abi_encode()
    );
    assert_eq!(beacon.implementation(), IMPL_V1);
}

/// Deployed Stylus code: the `EF F0 00 00` prefix then (here fake) brotli.
fn stylus_code() -> Vec<u8> {
    vec![0xEF, 0xF0, 0x00, 0x00, 0x1b, 0x2c, 0x3d]
}

#[test]
fn upgrade_to_an_activated_stylus_program_asks_arbwasm_and_succeeds() {
    let vm = vm_with_code();
    let program = Address::repeat_byte(0x03);
    vm.set_code(program, stylus_code());
    let mut beacon = deployed(&vm);
    let query = IArbWasm::codehashVersionCall {
        codehash: keccak256(stylus_code()),
    }
    .abi_encode();
    vm.mock_static_call(
        ARB_WASM,
        query,
        Ok(U256::from(2).to_be_bytes::<32>().to_vec()),
    );
    beacon.upgrade_to(program).unwrap();
    assert_eq!(beacon.implementation(), program);
}

#[test]
fn upgrade_to_an_unactivated_stylus_program_reverts() {
    let vm = vm_with_code();
    let program = Address::repeat_byte(0x03);
    vm.set_code(program, stylus_code());
    let mut beacon = deployed(&vm);
    let query = IArbWasm::codehashVersionCall {
        codehash: keccak256(stylus_code()),
    }
    .abi_encode();
    // ArbWasm's ProgramNotActivated() selector.
    vm.mock_static_call(ARB_WASM, query, Err(vec![0x6f, 0x80, 0x9c, 0x4e]));
    let err = beacon.upgrade_to(program).unwrap_err();
    assert!(matches!(err, BeaconError::InvalidImplementation(_)));
    assert_eq!(beacon.implementation(), IMPL_V1);
}

#[test]
fn ownership_moves_only_when_the_nominee_accepts() {
    let vm = vm_with_code();
    let mut beacon = deployed(&vm);
    beacon.transfer_ownership(NOMINEE).unwrap();
    assert_eq!(beacon.owner(), OWNER, "still the owner until acceptance");
    assert_eq!(beacon.pending_owner(), NOMINEE);
    let logs = vm.get_emitted_logs();
    assert_eq!(
        logs[0].0,
        vec![
            OwnershipTransferStarted::SIGNATURE_HASH,
            OWNER.into_word(),
            NOMINEE.into_word()
        ]
    );

    vm.set_sender(NOMINEE);
    beacon.accept_ownership().unwrap();
    assert_eq!(beacon.owner(), NOMINEE);
    assert_eq!(beacon.pending_owner(), Address::ZERO);
    let logs = vm.get_emitted_logs();
    assert_eq!(
        logs[1].0,
        vec![
            OwnershipTransferred::SIGNATURE_HASH,
            OWNER.into_word(),
            NOMINEE.into_word()
        ]
    );

    // The old owner lost the upgrade right; the new one has it.
    vm.set_sender(OWNER);
    assert!(matches!(
        beacon.upgrade_to(IMPL_V2),
        Err(BeaconError::Unauthorized(_))
    ));
    vm.set_sender(NOMINEE);
    beacon.upgrade_to(IMPL_V2).unwrap();
}

#[test]
fn only_the_owner_may_nominate() {
    let vm = vm_with_code();
    let mut beacon = deployed(&vm);
    vm.set_sender(STRANGER);
    let err = beacon.transfer_ownership(STRANGER).unwrap_err();
    assert_eq!(
        encoded(err),
        OwnableUnauthorizedAccount { account: STRANGER }.abi_encode()
    );
    assert_eq!(beacon.pending_owner(), Address::ZERO);
}

#[test]
fn only_the_nominee_may_accept() {
    let vm = vm_with_code();
    let mut beacon = deployed(&vm);
    beacon.transfer_ownership(NOMINEE).unwrap();
    vm.set_sender(STRANGER);
    let err = beacon.accept_ownership().unwrap_err();
    assert_eq!(
        encoded(err),
        OwnableUnauthorizedAccount { account: STRANGER }.abi_encode()
    );
    assert_eq!(beacon.owner(), OWNER);
}

#[test]
fn nominating_zero_cancels_a_pending_handover() {
    let vm = vm_with_code();
    let mut beacon = deployed(&vm);
    beacon.transfer_ownership(NOMINEE).unwrap();
    beacon.transfer_ownership(Address::ZERO).unwrap();
    vm.set_sender(NOMINEE);
    assert!(beacon.accept_ownership().is_err());
    vm.set_sender(Address::ZERO);
    assert!(beacon.accept_ownership().is_err(), "zero never accepts");
    assert_eq!(beacon.owner(), OWNER);
}

/// The beacon's storage as declared for the layout checker.
fn declared_layout() -> Layout {
    Layout::new("upgradeable-beacon", env!("CARGO_PKG_VERSION"))
        .field("implementation", 0, 0, 20, "address")
        .field("owner", 1, 0, 20, "address")
        .field("pending_owner", 2, 0, 20, "address")
}

fn storage_words(vm: &TestVM) -> Vec<([u8; 32], [u8; 32])> {
    vm.snapshot()
        .storage
        .into_iter()
        .map(|(k, v): (U256, B256)| (k.to_be_bytes::<32>(), v.0))
        .collect()
}

#[test]
fn declared_layout_matches_the_slots_the_storage_struct_writes() {
    let vm = TestVM::new();
    let full = Address::repeat_byte(0xff);
    vm.set_code(full, vec![0x00]);
    let mut beacon = UpgradeableBeacon::from(&vm);
    let layout = declared_layout();
    let writes: [&dyn Fn(&mut UpgradeableBeacon); 3] = [
        &|b| b.implementation.set(full),
        &|b| b.owner.set(full),
        &|b| b.pending_owner.set(full),
    ];
    for (field, write) in layout.fields.iter().zip(writes) {
        let before = storage_words(&vm);
        write(&mut beacon);
        let changes = probe::changes(before, storage_words(&vm));
        assert_eq!(changes.len(), 1, "{}: {changes:?}", field.name);
        assert!(changes[0].within(field), "{}: {changes:?}", field.name);
        assert_eq!(changes[0].bytes, field.bytes, "{}", field.name);
    }
}
