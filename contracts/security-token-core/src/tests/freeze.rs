//! Freezes, seizure and the trust-property flag (R10, R15).

use super::*;
use crate::errors::*;
use sto_abi::{IERC20Face, ISecurityTokenCompliance as C, IERC1410, IERC1644};
use stylus_sdk::alloy_sol_types::SolError;

#[test]
fn an_address_freeze_stops_holder_and_operator_moves_but_not_receiving() {
    let mut f = Fixture::new().issued(PA, ALICE, 10).issued(PA, BOB, 10);
    f.take_logs();
    f.by(CONTROLLER).freeze_address(ALICE).unwrap();
    assert_eq!(
        f.take_logs(),
        vec![log_of(&C::AddressFrozen {
            holder: ALICE,
            by: CONTROLLER
        })]
    );
    assert_eq!(f.token.holder_info(ALICE), (true, 1, true));
    let frozen = Error::SenderFrozen(SenderFrozen { holder: ALICE });
    assert_eq!(
        f.by(ALICE).transfer_by_partition(PA, BOB, u(1), no_data()),
        Err(frozen.clone())
    );
    assert_eq!(
        f.by(FIRM)
            .operator_transfer_by_partition(PA, ALICE, BOB, u(1), no_data(), no_data()),
        Err(frozen.clone())
    );
    assert_eq!(f.by(ALICE).redeem(u(1), no_data()), Err(frozen));
    let (status, reason, _) = f
        .token
        .can_transfer_by_partition(ALICE, BOB, PA, u(1), no_data());
    assert_eq!(
        (status.0, &reason[..4]),
        ([0x56], &SenderFrozen::SELECTOR[..])
    );
    f.by(BOB)
        .transfer_by_partition(PA, ALICE, u(2), no_data())
        .unwrap();
    f.by(CONTROLLER)
        .controller_transfer_by_partition(PA, ALICE, BOB, u(1), no_data(), no_data())
        .unwrap();
    f.by(CONTROLLER).unfreeze_address(ALICE).unwrap();
    f.by(ALICE)
        .transfer_by_partition(PA, BOB, u(1), no_data())
        .unwrap();
    assert_eq!(f.token.balance_of(ALICE), u(10));
}

#[test]
fn freezes_are_the_controllers_and_need_a_holder() {
    let mut f = Fixture::new().issued(PA, ALICE, 10);
    for who in [ISSUER, FIRM, ALICE] {
        let missing = Err(Error::NotController(NotController { account: who }));
        assert_eq!(f.by(who).freeze_address(ALICE), missing);
        assert_eq!(f.by(who).unfreeze_address(ALICE), missing);
        assert_eq!(f.by(who).freeze_partial(ALICE, PA, u(1)), missing);
        assert_eq!(f.by(who).unfreeze_partial(ALICE, PA, u(1)), missing);
        assert_eq!(f.by(who).set_custody_account(BOB), missing);
        assert_eq!(f.by(who).seize(ALICE, PA, u(1), ISSUE_ID), missing);
    }
    let zero = Err(Error::ZeroAddress(ZeroAddress {}));
    assert_eq!(f.by(CONTROLLER).freeze_address(Address::ZERO), zero);
    assert_eq!(
        f.by(CONTROLLER).freeze_partial(Address::ZERO, PA, u(1)),
        zero
    );
    assert_eq!(f.by(CONTROLLER).set_custody_account(Address::ZERO), zero);
    assert_eq!(
        f.by(CONTROLLER).freeze_partial(ALICE, B256::ZERO, u(1)),
        Err(Error::InvalidPartition(InvalidPartition {
            partition: B256::ZERO
        }))
    );
}

#[test]
fn a_partial_freeze_locks_an_amount_with_status_0x55_and_is_lifted_exactly() {
    let mut f = Fixture::new().issued(PA, ALICE, 10);
    f.take_logs();
    f.by(CONTROLLER).freeze_partial(ALICE, PA, u(6)).unwrap();
    assert_eq!(
        f.take_logs(),
        vec![log_of(&C::TokensFrozen {
            holder: ALICE,
            partition: PA,
            amount: u(6),
            by: CONTROLLER
        })]
    );
    assert_eq!(f.token.frozen_balance_of(PA, ALICE), u(6));
    assert_eq!(f.token.ledger().frozen, u(6));
    let locked = Err(Error::LockedBalance(LockedBalance {
        holder: ALICE,
        partition: PA,
        unlocked: u(4),
        required: u(5),
    }));
    assert_eq!(
        f.by(ALICE).transfer_by_partition(PA, BOB, u(5), no_data()),
        locked
    );
    assert_eq!(
        f.by(CONTROLLER).controller_transfer_by_partition(
            PA,
            ALICE,
            BOB,
            u(5),
            no_data(),
            no_data()
        ),
        locked,
        "forced transfers do not take frozen value (seize does)"
    );
    let (status, _, _) = f
        .token
        .can_transfer_by_partition(ALICE, BOB, PA, u(5), no_data());
    assert_eq!(status.0, [0x55]);
    assert_eq!(
        f.by(CONTROLLER).freeze_partial(ALICE, PA, u(5)),
        Err(Error::LockedBalance(LockedBalance {
            holder: ALICE,
            partition: PA,
            unlocked: u(4),
            required: u(5),
        })),
        "cannot freeze more than is free"
    );
    assert_eq!(
        f.by(CONTROLLER).unfreeze_partial(ALICE, PA, u(7)),
        Err(Error::InsufficientFrozen(InsufficientFrozen {
            holder: ALICE,
            partition: PA,
            frozen: u(6),
            required: u(7),
        }))
    );
    f.by(CONTROLLER).unfreeze_partial(ALICE, PA, u(6)).unwrap();
    assert_eq!(f.token.frozen_balance_of(PA, ALICE), u(0));
    assert_eq!(f.token.ledger().frozen, u(0));
    f.by(ALICE)
        .transfer_by_partition(PA, BOB, u(10), no_data())
        .unwrap();
}

#[test]
fn seizure_moves_frozen_and_free_value_to_custody_but_never_pledged_value() {
    let mut f = Fixture::new().issued(PA, ALICE, 100);
    let order = B256::repeat_byte(0x0c);
    assert_eq!(
        f.by(CONTROLLER).seize(ALICE, PA, u(1), order),
        Err(Error::NoCustodyAccount(NoCustodyAccount {}))
    );
    f.by(CONTROLLER).set_custody_account(DAVE).unwrap();
    assert_eq!(f.token.custody_account(), DAVE);
    assert_eq!(
        f.by(CONTROLLER).seize(ALICE, PA, u(1), order),
        Err(Error::ReceiverNotRegistered(ReceiverNotRegistered {
            holder: DAVE
        }))
    );
    f.by(ISSUER).register_holder(DAVE, 2).unwrap();
    f.by(CONTROLLER).freeze_partial(ALICE, PA, u(30)).unwrap();
    f.by(CONTROLLER).freeze_address(ALICE).unwrap();
    f.by(CONTROLLER)
        .pledge(ALICE, PA, u(20), BOB, order)
        .unwrap();
    f.by(ISSUER).set_trust_property(ALICE, PA, true).unwrap();
    assert_eq!(
        f.by(CONTROLLER).seize(ALICE, PA, u(81), order),
        Err(Error::LockedBalance(LockedBalance {
            holder: ALICE,
            partition: PA,
            unlocked: u(80),
            required: u(81),
        }))
    );
    f.take_logs();
    f.by(CONTROLLER).seize(ALICE, PA, u(70), order).unwrap();
    assert_eq!(f.bal(PA, ALICE), u(30), "20 pledged + 10 still frozen");
    assert_eq!(f.bal(PA, DAVE), u(70));
    assert_eq!(f.token.frozen_balance_of(PA, ALICE), u(10));
    assert_eq!(f.token.pledged_balance_of(PA, ALICE), u(20));
    assert!(
        f.token.is_trust_property(PA, ALICE),
        "the flag stays on the holding"
    );
    assert_eq!(f.token.reconciliation(), (u(100), u(30), u(70), u(0), u(0)));
    let reference = bytes(order.as_slice());
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&IERC1410::TransferByPartition {
                fromPartition: PA,
                operator: CONTROLLER,
                from: ALICE,
                to: DAVE,
                value: u(70),
                data: reference.clone(),
                operatorData: bytes(b""),
            }),
            log_of(&IERC20Face::Transfer {
                from: ALICE,
                to: DAVE,
                value: u(70)
            }),
            log_of(&C::Seized {
                holder: ALICE,
                custody: DAVE,
                partition: PA,
                value: u(70),
                refCode: order,
                controller: CONTROLLER,
            }),
            log_of(&IERC1644::ControllerTransfer {
                controller: CONTROLLER,
                from: ALICE,
                to: DAVE,
                value: u(70),
                data: reference,
                operatorData: bytes(b""),
            }),
        ]
    );
    f.assert_invariants(&[ALICE, DAVE]);
}

#[test]
fn the_trust_flag_is_set_by_issuer_or_controller_and_survives_an_empty_holding() {
    let mut f = Fixture::new().issued(PL, CAROL, 5);
    assert_eq!(
        f.by(ALICE).set_trust_property(CAROL, PL, true),
        Err(Error::NotIssuerOrController(NotIssuerOrController {
            account: ALICE
        }))
    );
    f.take_logs();
    f.by(CONTROLLER)
        .set_trust_property(CAROL, PL, true)
        .unwrap();
    assert_eq!(
        f.take_logs(),
        vec![log_of(&C::TrustPropertySet {
            holder: CAROL,
            partition: PL,
            trust: true,
            by: CONTROLLER
        })]
    );
    assert!(f.token.is_trust_property(PL, CAROL));
    assert!(!f.token.is_trust_property(PA, CAROL));
    f.by(CAROL)
        .transfer_by_partition(PL, BOB, u(5), no_data())
        .unwrap();
    assert!(f.token.is_trust_property(PL, CAROL));
    assert!(
        !f.token.is_trust_property(PL, BOB),
        "the flag does not travel"
    );
    f.by(ISSUER).set_trust_property(CAROL, PL, false).unwrap();
    assert!(!f.token.is_trust_property(PL, CAROL));
    assert_eq!(
        f.by(ISSUER).set_trust_property(CAROL, B256::ZERO, true),
        Err(Error::InvalidPartition(InvalidPartition {
            partition: B256::ZERO
        }))
    );
}
