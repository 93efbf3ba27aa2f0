//! KYC (R12), holder categories and per-category totals (R17), the
//! registrar role and the address rule, on the token's own functions.

use super::*;
use crate::errors::*;
use sto_abi::ISecurityTokenCompliance as C;
use stylus_sdk::alloy_sol_types::SolError;

fn categories(f: &Fixture) -> [U256; 5] {
    let (supply, a, b, c, d) = f.token.reconciliation();
    [supply, a, b, c, d]
}

#[test]
fn register_holder_sets_the_category_lists_the_holder_and_emits() {
    let mut f = Fixture::new();
    assert_eq!(f.token.holder_info(DAVE), (false, 0, false));
    let before = f.token.holder_count();
    f.by(ISSUER).register_holder(DAVE, 2).unwrap();
    assert_eq!(f.token.holder_info(DAVE), (true, 2, false));
    assert_eq!(f.token.holder_count(), before + u(1));
    assert_eq!(
        f.token.holders_page(before, u(10)),
        vec![DAVE],
        "listed last, once"
    );
    assert_eq!(
        f.take_logs(),
        vec![log_of(&C::HolderRegistered {
            holder: DAVE,
            category: 2,
            by: ISSUER
        })]
    );
    // Registering again (new category) does not list twice.
    f.by(ISSUER).register_holder(DAVE, 1).unwrap();
    assert_eq!(f.token.holder_count(), before + u(1));
    assert_eq!(f.token.holder_info(DAVE), (true, 1, false));
}

#[test]
fn only_the_issuer_or_a_registrar_registers_and_categories_are_checked() {
    let mut f = Fixture::new();
    let refused = Err(Error::NotRegistrar(NotRegistrar { account: BOB }));
    assert_eq!(f.by(BOB).register_holder(DAVE, 1), refused);
    assert_eq!(f.by(BOB).unregister_holder(ALICE), refused);
    assert_eq!(
        f.by(CONTROLLER).register_holder(DAVE, 1),
        Err(Error::NotRegistrar(NotRegistrar {
            account: CONTROLLER
        }))
    );
    for bad in [0u8, 4, 255] {
        assert_eq!(
            f.by(ISSUER).register_holder(DAVE, bad),
            Err(Error::InvalidCategory(InvalidCategory { category: bad }))
        );
    }
    assert_eq!(
        f.by(ISSUER).register_holders(vec![DAVE, Address::ZERO], 1),
        Err(Error::ZeroAddress(ZeroAddress {}))
    );
    assert_eq!(
        f.token.holder_info(DAVE),
        (false, 0, false),
        "a refused batch registers nobody"
    );
    // A registrar appointed by the issuer may; dismissed, it may not.
    assert_eq!(f.by(BOB).set_registrar(BOB, true), Err(not_issuer(BOB)));
    f.take_logs();
    f.by(ISSUER).set_registrar(BOB, true).unwrap();
    assert!(f.token.is_registrar(BOB));
    assert_eq!(
        f.take_logs(),
        vec![log_of(&C::RegistrarChanged {
            account: BOB,
            enabled: true,
            by: ISSUER
        })]
    );
    f.by(BOB).register_holder(DAVE, 1).unwrap();
    f.by(ISSUER).set_registrar(BOB, false).unwrap();
    assert!(!f.token.is_registrar(BOB));
    assert_eq!(f.by(BOB).register_holder(DAVE, 2), refused);
}

#[test]
fn a_batch_registers_every_holder_with_one_event_each() {
    let mut f = Fixture::new();
    let (d, e) = (DAVE, Address::repeat_byte(0xee));
    f.by(ISSUER).register_holders(vec![d, e], 3).unwrap();
    assert_eq!(f.token.holder_info(d), (true, 3, false));
    assert_eq!(f.token.holder_info(e), (true, 3, false));
    assert_eq!(f.take_logs().len(), 2);
    f.by(ISSUER).unregister_holders(vec![d, e]).unwrap();
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&C::HolderUnregistered {
                holder: d,
                by: ISSUER
            }),
            log_of(&C::HolderUnregistered {
                holder: e,
                by: ISSUER
            }),
        ]
    );
    assert_eq!(f.token.holder_info(d), (false, 3, false), "category kept");
}

#[test]
fn unregistered_addresses_can_neither_send_nor_receive_nor_be_issued_to() {
    let mut f = Fixture::new().issued(PA, ALICE, 50);
    assert_eq!(
        f.by(ALICE).transfer_by_partition(PA, DAVE, u(1), no_data()),
        Err(Error::ReceiverNotRegistered(ReceiverNotRegistered {
            holder: DAVE
        }))
    );
    assert_eq!(
        f.by(ISSUER).issue_by_partition(PA, DAVE, u(1), no_data()),
        Err(Error::ReceiverNotRegistered(ReceiverNotRegistered {
            holder: DAVE
        }))
    );
    f.by(ISSUER).unregister_holder(ALICE).unwrap();
    let not_sender = Error::SenderNotRegistered(SenderNotRegistered { holder: ALICE });
    assert_eq!(
        f.by(ALICE).transfer_by_partition(PA, BOB, u(1), no_data()),
        Err(not_sender.clone())
    );
    assert_eq!(f.by(ALICE).transfer(BOB, u(1)), Err(not_sender.clone()));
    assert_eq!(f.by(ALICE).redeem(u(1), no_data()), Err(not_sender.clone()));
    assert_eq!(
        f.by(FIRM)
            .operator_transfer_by_partition(PA, ALICE, BOB, u(1), no_data(), no_data()),
        Err(not_sender)
    );
    assert_eq!(
        f.by(BOB).transfer_by_partition(PA, ALICE, u(0), no_data()),
        Err(Error::ReceiverNotRegistered(ReceiverNotRegistered {
            holder: ALICE
        }))
    );
    // canTransfer says 0x56 / 0x57 with the error's selector.
    let (status, reason, _) = f
        .token
        .can_transfer_by_partition(ALICE, BOB, PA, u(1), no_data());
    assert_eq!(status.0, [0x56]);
    assert_eq!(reason[..4], SenderNotRegistered::SELECTOR);
    let (status, reason, _) = f
        .token
        .can_transfer_by_partition(BOB, DAVE, PA, u(0), no_data());
    assert_eq!(status.0, [0x57]);
    assert_eq!(reason[..4], ReceiverNotRegistered::SELECTOR);
    assert_eq!(f.token.balance_of(ALICE), u(50), "nothing moved");
}

#[test]
fn forced_moves_need_a_registered_receiver_but_not_a_registered_sender() {
    let mut f = Fixture::new().issued(PA, ALICE, 50);
    f.by(ISSUER).unregister_holder(ALICE).unwrap();
    f.by(CONTROLLER)
        .controller_transfer_by_partition(PA, ALICE, BOB, u(5), no_data(), no_data())
        .unwrap();
    f.by(CONTROLLER)
        .controller_redeem(ALICE, u(5), no_data(), no_data())
        .unwrap();
    assert_eq!(f.token.balance_of(ALICE), u(40));
    assert_eq!(
        f.by(CONTROLLER)
            .controller_transfer(BOB, DAVE, u(1), no_data(), no_data()),
        Err(Error::ReceiverNotRegistered(ReceiverNotRegistered {
            holder: DAVE
        }))
    );
}

#[test]
fn category_totals_follow_every_move_and_sum_to_the_supply() {
    // ALICE, BOB individual (1); CAROL corporate (2); ISSUER issuer-own (3).
    let mut f = Fixture::new()
        .issued(PA, ALICE, 100)
        .issued(PB, CAROL, 40)
        .issued(PL, ISSUER, 10);
    assert_eq!(categories(&f), [u(150), u(100), u(40), u(10), u(0)]);
    f.by(ALICE)
        .transfer_by_partition(PA, BOB, u(30), no_data())
        .unwrap();
    assert_eq!(
        categories(&f),
        [u(150), u(100), u(40), u(10), u(0)],
        "same category"
    );
    f.by(ALICE)
        .transfer_by_partition(PA, CAROL, u(20), no_data())
        .unwrap();
    assert_eq!(categories(&f), [u(150), u(80), u(60), u(10), u(0)]);
    f.by(CAROL)
        .redeem_by_partition(PB, u(15), no_data())
        .unwrap();
    assert_eq!(categories(&f), [u(135), u(80), u(45), u(10), u(0)]);
    // Re-registering moves the holder's balance to its new category.
    f.by(ISSUER).register_holder(BOB, 2).unwrap();
    assert_eq!(categories(&f), [u(135), u(50), u(75), u(10), u(0)]);
    for c in 0..=3 {
        assert_eq!(
            f.token.total_supply_by_category(c),
            categories(&f)[(c as usize + 3) % 4 + 1]
        );
    }
    assert_eq!(f.token.total_supply_by_category(9), u(0));
}

#[test]
fn value_held_before_registration_is_unclassified_until_its_holder_registers() {
    let mut f = Fixture::new().issued(PA, ALICE, 10);
    // A layout 1.0.0 holder: balance but no registration bits.
    f.token.holdings.setter(DAVE).setter(PA).set(u(7));
    f.token.holder_partitions.setter(DAVE).push(PA);
    f.token.total_supply.set(u(17));
    assert_eq!(categories(&f), [u(17), u(10), u(0), u(0), u(7)]);
    f.by(ISSUER).register_holder(DAVE, 2).unwrap();
    assert_eq!(categories(&f), [u(17), u(10), u(7), u(0), u(0)]);
}

#[test]
fn derive_holder_address_is_the_documented_rule() {
    let f = Fixture::new();
    assert_eq!(
        f.token.derive_holder_address(b"KSA01", b"990-00-000001", 3),
        sto_abi::derivation::holder_address("KSA01", "990-00-000001", 3)
    );
    assert_eq!(
        f.token.derive_holder_address(b"KSA01", b"990-00-000001", 3),
        address!("F6B820438D9AE9936b3617862c03DEA67cFD801E")
    );
}
