//! The ABI crate and the contract cannot drift: every function selector of
//! every `sto_abi` interface is routed by the contract, and the storage
//! slots are where `storage.rs` documents them (the layout the upgrade
//! checker relies on).

use super::*;
use stylus_sdk::{
    abi::Router,
    alloy_primitives::{keccak256, U8},
};

fn routes(token: &mut SecurityToken, selector: [u8; 4]) -> bool {
    <SecurityToken as Router<SecurityToken>>::route(token, u32::from_be_bytes(selector), &[])
        .is_some()
}

#[test]
fn every_selector_of_the_abi_crate_is_routed_by_the_contract() {
    let all: Vec<&[[u8; 4]]> = vec![
        sto_abi::IERC20Face::IERC20FaceCalls::SELECTORS,
        sto_abi::IERC1410::IERC1410Calls::SELECTORS,
        sto_abi::IERC1594::IERC1594Calls::SELECTORS,
        sto_abi::IERC1643::IERC1643Calls::SELECTORS,
        sto_abi::IERC1644::IERC1644Calls::SELECTORS,
        sto_abi::ISecurityTokenAdmin::ISecurityTokenAdminCalls::SELECTORS,
    ];
    let mut f = Fixture::bare();
    let mut count = 0;
    for selectors in all {
        for selector in selectors {
            assert!(
                routes(&mut f.token, *selector),
                "selector {:02x?} is not routed",
                selector
            );
            count += 1;
        }
    }
    assert_eq!(count, 59, "number of ABI functions");
}

#[test]
fn an_unknown_selector_is_not_routed() {
    let mut f = Fixture::bare();
    assert!(!routes(&mut f.token, [0xde, 0xad, 0xbe, 0xef]));
}

fn slot(n: u64) -> U256 {
    U256::from(n)
}

fn map_slot(key: B256, root: U256) -> U256 {
    let mut preimage = [0u8; 64];
    preimage[..32].copy_from_slice(key.as_slice());
    preimage[32..].copy_from_slice(&root.to_be_bytes::<32>());
    U256::from_be_bytes(keccak256(preimage).0)
}

fn address_key(a: Address) -> B256 {
    a.into_word()
}

#[test]
fn storage_slots_are_where_the_layout_says() {
    let mut f = Fixture::new().issued(PL, ALICE, 5);
    f.token.status.set(U8::from(0x21));
    // Slot 0: issuer in bytes 12..32, decimals at byte 11, status at byte 10 (right-aligned packing).
    let word0 = f.vm.get_storage(slot(0));
    assert_eq!(&word0[12..], ISSUER.as_slice());
    assert_eq!(word0[11], 0, "decimals");
    assert_eq!(word0[10], 0x21, "status");
    assert_eq!(f.vm.get_storage(slot(1)), B256::from(u(5)), "total supply");
    let holder_word = f.vm.get_storage(map_slot(address_key(ALICE), slot(4)));
    assert_eq!(holder_word, B256::from(u(5)), "holders[alice]");
    let holding =
        f.vm.get_storage(map_slot(PL, map_slot(address_key(ALICE), slot(5))));
    assert_eq!(holding, B256::from(u(5)), "holdings[alice][L]");
    assert_eq!(
        f.vm.get_storage(slot(6)),
        B256::ZERO,
        "holder_partitions root is a mapping"
    );
    let alice_list_len = f.vm.get_storage(map_slot(address_key(ALICE), slot(6)));
    assert_eq!(
        alice_list_len,
        B256::from(u(1)),
        "holder_partitions[alice].length"
    );
    let supply = U256::from_be_bytes(f.vm.get_storage(map_slot(PL, slot(7))).0);
    assert_eq!(
        supply,
        u(5) | (U256::from(1) << 255),
        "partition word: supply and listed bit"
    );
    assert_eq!(
        f.vm.get_storage(slot(8)),
        B256::from(u(1)),
        "partitions.length"
    );
    assert_eq!(
        f.vm.get_storage(slot(9)),
        B256::from(u(2)),
        "default_partitions.length"
    );
    let firm_roles = f.vm.get_storage(map_slot(address_key(FIRM), slot(13)));
    assert_eq!(
        firm_roles[31],
        crate::storage::role_bits::DISTRIBUTION_OPERATOR,
        "roles[firm]"
    );
    assert_eq!(
        &f.vm.get_storage(slot(18))[12..],
        AMI.as_slice(),
        "account manager"
    );
    assert_eq!(f.vm.get_storage(slot(20)), ISSUE_ID, "issue id");
}
