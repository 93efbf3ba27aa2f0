//! ERC-1644 controller operations (R5, R10, R19).

use super::*;
use crate::errors::*;
use sto_abi::{status::change_partition_data, IERC20Face, IERC1410, IERC1644};

#[test]
fn controller_transfer_forces_a_move_from_default_partitions_even_while_paused() {
    let mut f = Fixture::new().issued(PA, ALICE, 10);
    f.by(ISSUER).pause().unwrap();
    f.take_logs();
    f.by(CONTROLLER)
        .controller_transfer(ALICE, BOB, u(10), data(b"d"), data(b"order 7"))
        .unwrap();
    assert_eq!(
        (f.token.balance_of(ALICE), f.token.balance_of(BOB)),
        (u(0), u(10))
    );
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&IERC1410::TransferByPartition {
                fromPartition: PA,
                operator: CONTROLLER,
                from: ALICE,
                to: BOB,
                value: u(10),
                data: bytes(b"d"),
                operatorData: bytes(b"order 7"),
            }),
            log_of(&IERC20Face::Transfer {
                from: ALICE,
                to: BOB,
                value: u(10)
            }),
            log_of(&IERC1644::ControllerTransfer {
                controller: CONTROLLER,
                from: ALICE,
                to: BOB,
                value: u(10),
                data: bytes(b"d"),
                operatorData: bytes(b"order 7"),
            }),
        ]
    );
}

#[test]
fn controller_functions_require_a_controller() {
    let mut f = Fixture::new().issued(PA, ALICE, 10);
    let missing = |account| Err(Error::NotController(NotController { account }));
    assert_eq!(
        f.by(ISSUER)
            .controller_transfer(ALICE, BOB, u(1), no_data(), no_data()),
        missing(ISSUER)
    );
    assert_eq!(
        f.by(FIRM)
            .controller_redeem(ALICE, u(1), no_data(), no_data()),
        missing(FIRM)
    );
    assert_eq!(
        f.by(ALICE)
            .controller_transfer_by_partition(PA, ALICE, BOB, u(1), no_data(), no_data()),
        missing(ALICE).map(|()| PA)
    );
    assert_eq!(
        f.by(BOB)
            .controller_redeem_by_partition(PA, ALICE, u(1), no_data(), no_data()),
        missing(BOB)
    );
    f.by(ISSUER).dismiss_controller(CONTROLLER).unwrap();
    assert_eq!(
        f.by(CONTROLLER)
            .controller_redeem(ALICE, u(1), no_data(), no_data()),
        missing(CONTROLLER)
    );
    assert_eq!(f.token.balance_of(ALICE), u(10));
}

#[test]
fn after_renouncing_every_controller_function_reverts_not_controllable() {
    let mut f = Fixture::new().issued(PA, ALICE, 10);
    f.by(ISSUER).renounce_controllability().unwrap();
    let gone = Err(Error::NotControllable(NotControllable {}));
    assert_eq!(
        f.by(CONTROLLER)
            .controller_transfer(ALICE, BOB, u(1), no_data(), no_data()),
        gone
    );
    assert_eq!(
        f.by(CONTROLLER)
            .controller_redeem(ALICE, u(1), no_data(), no_data()),
        gone
    );
    assert_eq!(
        f.by(CONTROLLER).controller_transfer_by_partition(
            PA,
            ALICE,
            BOB,
            u(1),
            no_data(),
            no_data()
        ),
        gone.clone().map(|()| PA)
    );
    assert_eq!(
        f.by(CONTROLLER)
            .controller_redeem_by_partition(PA, ALICE, u(1), no_data(), no_data()),
        gone
    );
    assert_eq!(
        f.by(CONTROLLER)
            .operator_transfer_by_partition(PA, ALICE, BOB, u(1), no_data(), no_data()),
        Err(Error::NotOperator(NotOperator {
            operator: CONTROLLER,
            holder: ALICE,
            partition: PA
        })),
        "a former controller is an ordinary account on the operator path"
    );
}

#[test]
fn controller_redeem_burns_with_controller_redemption() {
    let mut f = Fixture::new().issued(PA, ALICE, 3).issued(PB, ALICE, 3);
    f.by(CONTROLLER)
        .controller_redeem(ALICE, u(5), data(b"d"), data(b"seizure"))
        .unwrap();
    assert_eq!(f.token.total_supply(), u(1));
    let logs = f.take_logs();
    assert_eq!(
        logs.len(),
        7,
        "two chunks of three events, then ControllerRedemption"
    );
    assert_eq!(
        logs[6],
        log_of(&IERC1644::ControllerRedemption {
            controller: CONTROLLER,
            tokenHolder: ALICE,
            value: u(5),
            data: bytes(b"d"),
            operatorData: bytes(b"seizure"),
        })
    );
    f.assert_invariants(&[ALICE]);
}

#[test]
fn controller_moves_still_respect_balances_and_parties() {
    let mut f = Fixture::new().issued(PA, ALICE, 3);
    assert_eq!(
        f.by(CONTROLLER)
            .controller_transfer(ALICE, BOB, u(4), no_data(), no_data()),
        Err(insufficient_balance(ALICE, B256::ZERO, u(3), u(4)))
    );
    assert_eq!(
        f.by(CONTROLLER)
            .controller_transfer(ALICE, Address::ZERO, u(1), no_data(), no_data()),
        Err(Error::InvalidReceiver(InvalidReceiver {
            receiver: Address::ZERO
        }))
    );
    assert_eq!(
        f.by(CONTROLLER)
            .controller_redeem(Address::ZERO, u(1), no_data(), no_data()),
        Err(Error::InvalidSender(InvalidSender {
            sender: Address::ZERO
        }))
    );
    assert_eq!(
        f.by(CONTROLLER)
            .controller_redeem_by_partition(PL, ALICE, u(1), no_data(), no_data()),
        Err(insufficient_balance(ALICE, PL, u(0), u(1)))
    );
}

#[test]
fn controller_transfer_by_partition_can_move_value_into_another_partition() {
    let mut f = Fixture::new().issued(PL, ALICE, 8);
    let to = f
        .by(CONTROLLER)
        .controller_transfer_by_partition(
            PL,
            ALICE,
            BOB,
            u(8),
            data(&change_partition_data(PB)),
            data(b"release"),
        )
        .unwrap();
    assert_eq!(to, PB);
    assert_eq!(f.bal(PB, BOB), u(8));
    let logs = f.take_logs();
    assert_eq!(
        logs[1],
        log_of(&IERC1410::ChangedPartition {
            fromPartition: PL,
            toPartition: PB,
            value: u(8)
        })
    );
    assert_eq!(logs.len(), 4);
    f.assert_invariants(&[ALICE, BOB]);
}

#[test]
fn controller_redeem_by_partition_burns_from_that_partition() {
    let mut f = Fixture::new().issued(PL, ALICE, 8);
    f.by(CONTROLLER)
        .controller_redeem_by_partition(PL, ALICE, u(8), no_data(), data(b"court"))
        .unwrap();
    assert_eq!(f.token.total_supply_by_partition(PL), U256::ZERO);
    assert!(f.token.partitions_of(ALICE).is_empty());
    assert_eq!(f.take_logs().len(), 4);
}

#[test]
fn partition_change_data_is_ignored_without_a_partition_and_on_redemption() {
    // ERC-1644 `controllerTransfer` names no partition: the change
    // convention does not apply, the value stays in its partition, and a
    // zero target is not even looked at.
    let mut f = Fixture::new().issued(PA, ALICE, 10);
    let into = |p| change_partition_data(p);
    f.by(CONTROLLER)
        .controller_transfer(ALICE, BOB, u(4), &into(PL), data(b"order"))
        .unwrap();
    assert_eq!(f.token.balance_of_by_partition(PA, BOB), u(4));
    assert_eq!(f.token.balance_of_by_partition(PL, BOB), u(0));
    f.by(CONTROLLER)
        .controller_transfer(ALICE, BOB, u(1), &into(B256::ZERO), data(b"order"))
        .unwrap();
    assert_eq!(f.token.balance_of_by_partition(PA, BOB), u(5));
    // Redemptions have no destination partition: change data is ignored.
    f.by(CONTROLLER)
        .controller_redeem_by_partition(PA, ALICE, u(2), &into(B256::ZERO), data(b"order"))
        .unwrap();
    assert_eq!(f.token.balance_of_by_partition(PA, ALICE), u(3));
    assert_eq!(f.token.total_supply(), u(8));
}
