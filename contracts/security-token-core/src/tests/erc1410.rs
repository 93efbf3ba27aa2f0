//! ERC-1410 partitions (R1, R2): issue, transfer, operators, partition
//! change, redemption, and the sum invariants.

use super::*;
use crate::{errors::*, words::MAX_AMOUNT};
use sto_abi::{status::change_partition_data, IERC20Face, IERC1410, IERC1594, IERC1644};

#[test]
fn issue_by_partition_credits_the_holder_and_lists_the_partition() {
    let mut f = Fixture::new();
    f.by(ISSUER)
        .issue_by_partition(PL, ALICE, u(100), data(b"sub"))
        .unwrap();
    assert_eq!(f.bal(PL, ALICE), u(100));
    assert_eq!(f.token.balance_of(ALICE), u(100));
    assert_eq!(f.token.partitions_of(ALICE), vec![PL]);
    assert_eq!(f.token.total_partitions(), vec![PL]);
    assert_eq!(f.token.total_supply_by_partition(PL), u(100));
    assert_eq!(f.token.total_supply(), u(100));
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&IERC1410::IssuedByPartition {
                partition: PL,
                operator: ISSUER,
                to: ALICE,
                value: u(100),
                data: bytes(b"sub"),
                operatorData: bytes(b""),
            }),
            log_of(&IERC1594::Issued {
                operator: ISSUER,
                to: ALICE,
                value: u(100),
                data: bytes(b"sub")
            }),
            log_of(&IERC20Face::Transfer {
                from: Address::ZERO,
                to: ALICE,
                value: u(100)
            }),
        ]
    );
}

#[test]
fn issue_by_partition_requires_the_issuer() {
    let mut f = Fixture::new();
    for caller in [CONTROLLER, FIRM, ALICE] {
        assert_eq!(
            f.by(caller).issue_by_partition(PA, ALICE, u(1), no_data()),
            Err(Error::NotIssuer(NotIssuer { account: caller }))
        );
    }
    assert_eq!(f.token.total_supply(), U256::ZERO);
}

#[test]
fn issue_by_partition_rejects_zero_receiver_zero_partition_and_pause() {
    let mut f = Fixture::new();
    assert_eq!(
        f.by(ISSUER)
            .issue_by_partition(PA, Address::ZERO, u(1), no_data()),
        Err(Error::InvalidReceiver(InvalidReceiver {
            receiver: Address::ZERO
        }))
    );
    assert_eq!(
        f.by(ISSUER)
            .issue_by_partition(B256::ZERO, ALICE, u(1), no_data()),
        Err(Error::InvalidPartition(InvalidPartition {
            partition: B256::ZERO
        }))
    );
    f.by(ISSUER).pause().unwrap();
    assert_eq!(
        f.by(ISSUER).issue_by_partition(PA, ALICE, u(1), no_data()),
        Err(Error::TransfersPaused(TransfersPaused {}))
    );
    assert_eq!(f.token.total_supply(), U256::ZERO);
    assert!(f.token.total_partitions().is_empty());
}

#[test]
fn total_supply_is_capped_at_two_to_the_120_minus_one() {
    let mut f = Fixture::new();
    f.by(ISSUER)
        .issue_by_partition(PA, ALICE, MAX_AMOUNT - u(1), no_data())
        .unwrap();
    f.by(ISSUER)
        .issue_by_partition(PB, BOB, u(1), no_data())
        .unwrap();
    assert_eq!(f.token.total_supply(), MAX_AMOUNT);
    assert_eq!(
        f.by(ISSUER).issue_by_partition(PA, ALICE, u(1), no_data()),
        Err(Error::AmountTooLarge(AmountTooLarge { value: u(1) }))
    );
    assert_eq!(
        f.by(ISSUER)
            .issue_by_partition(PA, ALICE, U256::MAX, no_data()),
        Err(Error::AmountTooLarge(AmountTooLarge { value: U256::MAX }))
    );
    f.assert_invariants(&[ALICE, BOB]);
}

#[test]
fn transfer_by_partition_moves_value_returns_the_partition_and_emits_events() {
    let mut f = Fixture::new().issued(PL, ALICE, 100);
    let to_partition = f
        .by(ALICE)
        .transfer_by_partition(PL, BOB, u(30), data(b"memo"))
        .unwrap();
    assert_eq!(to_partition, PL);
    assert_eq!((f.bal(PL, ALICE), f.bal(PL, BOB)), (u(70), u(30)));
    assert_eq!(f.token.partitions_of(BOB), vec![PL]);
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&IERC1410::TransferByPartition {
                fromPartition: PL,
                operator: ALICE,
                from: ALICE,
                to: BOB,
                value: u(30),
                data: bytes(b"memo"),
                operatorData: bytes(b""),
            }),
            log_of(&IERC20Face::Transfer {
                from: ALICE,
                to: BOB,
                value: u(30)
            }),
        ]
    );
    f.assert_invariants(&[ALICE, BOB]);
}

#[test]
fn a_partition_that_reaches_zero_leaves_partitions_of() {
    let mut f = Fixture::new()
        .issued(PA, ALICE, 10)
        .issued(PL, ALICE, 5)
        .issued(PB, ALICE, 1);
    f.by(ALICE)
        .transfer_by_partition(PA, BOB, u(10), no_data())
        .unwrap();
    let mut parts = f.token.partitions_of(ALICE);
    parts.sort();
    assert_eq!(parts, vec![PB, PL]);
    f.by(ALICE)
        .transfer_by_partition(PB, BOB, u(1), no_data())
        .unwrap();
    assert_eq!(f.token.partitions_of(ALICE), vec![PL]);
    assert_eq!(
        f.token.total_partitions(),
        vec![PA, PL, PB],
        "the global list keeps every partition"
    );
    f.assert_invariants(&[ALICE, BOB]);
}

#[test]
fn transfer_by_partition_reverts_on_insufficient_balance_with_the_amounts() {
    let mut f = Fixture::new().issued(PL, ALICE, 10);
    assert_eq!(
        f.by(ALICE).transfer_by_partition(PL, BOB, u(11), no_data()),
        Err(insufficient_balance(ALICE, PL, u(10), u(11)))
    );
    assert_eq!(
        f.by(ALICE).transfer_by_partition(PA, BOB, u(1), no_data()),
        Err(insufficient_balance(ALICE, PA, u(0), u(1)))
    );
    assert_eq!(f.bal(PL, ALICE), u(10));
}

#[test]
fn transfer_by_partition_rejects_zero_receiver_zero_partition_and_pause() {
    let mut f = Fixture::new().issued(PL, ALICE, 10);
    assert_eq!(
        f.by(ALICE)
            .transfer_by_partition(PL, Address::ZERO, u(1), no_data()),
        Err(Error::InvalidReceiver(InvalidReceiver {
            receiver: Address::ZERO
        }))
    );
    assert_eq!(
        f.by(ALICE)
            .transfer_by_partition(B256::ZERO, BOB, u(1), no_data()),
        Err(Error::InvalidPartition(InvalidPartition {
            partition: B256::ZERO
        }))
    );
    f.by(ISSUER).pause().unwrap();
    assert_eq!(
        f.by(ALICE).transfer_by_partition(PL, BOB, u(1), no_data()),
        Err(Error::TransfersPaused(TransfersPaused {}))
    );
    assert_eq!(f.bal(PL, BOB), U256::ZERO);
}

#[test]
fn locked_amount_in_a_holding_cannot_move() {
    let mut f = Fixture::new().issued(PL, ALICE, 100);
    // A later rule (pledge/freeze) writes the locked amount into bits 120..240.
    let word = f.token.holding(ALICE, PL) | (u(60) << 120);
    f.token.holdings.setter(ALICE).setter(PL).set(word);
    assert_eq!(
        f.by(ALICE).transfer_by_partition(PL, BOB, u(41), no_data()),
        Err(Error::LockedBalance(LockedBalance {
            holder: ALICE,
            partition: PL,
            unlocked: u(40),
            required: u(41)
        })),
        "enough balance, but locked: 0x55, not 0x52"
    );
    assert_eq!(
        f.by(ALICE)
            .transfer_by_partition(PL, BOB, u(101), no_data()),
        Err(insufficient_balance(ALICE, PL, u(40), u(101)))
    );
    f.by(ALICE)
        .transfer_by_partition(PL, BOB, u(40), no_data())
        .unwrap();
    assert_eq!(f.bal(PL, ALICE), u(60));
    assert_eq!(
        crate::words::high(f.token.holding(ALICE, PL)),
        u(60),
        "the lock survives the transfer"
    );
}

#[test]
fn authorize_and_revoke_operator_emit_events_and_set_is_operator() {
    let mut f = Fixture::new();
    assert!(
        f.token.is_operator(ALICE, ALICE),
        "a holder is its own operator"
    );
    f.by(ALICE).authorize_operator(BOB).unwrap();
    assert!(f.token.is_operator(BOB, ALICE));
    assert!(f.token.is_operator_for_partition(PL, BOB, ALICE));
    f.by(ALICE).revoke_operator(BOB).unwrap();
    assert!(!f.token.is_operator(BOB, ALICE));
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&IERC1410::AuthorizedOperator {
                operator: BOB,
                tokenHolder: ALICE
            }),
            log_of(&IERC1410::RevokedOperator {
                operator: BOB,
                tokenHolder: ALICE
            }),
        ]
    );
}

#[test]
fn authorize_and_revoke_operator_by_partition_are_scoped_to_the_partition() {
    let mut f = Fixture::new();
    f.by(ALICE)
        .authorize_operator_by_partition(PL, BOB)
        .unwrap();
    assert!(f.token.is_operator_for_partition(PL, BOB, ALICE));
    assert!(!f.token.is_operator_for_partition(PA, BOB, ALICE));
    assert!(!f.token.is_operator(BOB, ALICE));
    f.by(ALICE).revoke_operator_by_partition(PL, BOB).unwrap();
    assert!(!f.token.is_operator_for_partition(PL, BOB, ALICE));
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&IERC1410::AuthorizedOperatorByPartition {
                partition: PL,
                operator: BOB,
                tokenHolder: ALICE
            }),
            log_of(&IERC1410::RevokedOperatorByPartition {
                partition: PL,
                operator: BOB,
                tokenHolder: ALICE
            }),
        ]
    );
}

#[test]
fn operator_authorisation_rejects_self_and_zero() {
    let mut f = Fixture::new();
    let own = Err(Error::SelfAuthorization(SelfAuthorization {}));
    assert_eq!(f.by(ALICE).authorize_operator(ALICE), own);
    assert_eq!(f.by(ALICE).revoke_operator(ALICE), own);
    assert_eq!(f.by(ALICE).authorize_operator_by_partition(PL, ALICE), own);
    assert_eq!(f.by(ALICE).revoke_operator_by_partition(PL, ALICE), own);
    let zero = Err(Error::ZeroAddress(ZeroAddress {}));
    assert_eq!(f.by(ALICE).authorize_operator(Address::ZERO), zero);
    assert_eq!(
        f.by(ALICE)
            .authorize_operator_by_partition(PL, Address::ZERO),
        zero
    );
    assert!(f.take_logs().is_empty());
}

#[test]
fn operator_transfer_by_partition_works_for_authorised_operators_only() {
    let mut f = Fixture::new().issued(PL, ALICE, 100);
    assert_eq!(
        f.by(BOB)
            .operator_transfer_by_partition(PL, ALICE, CAROL, u(1), no_data(), no_data()),
        Err(Error::NotOperator(NotOperator {
            operator: BOB,
            holder: ALICE,
            partition: PL
        }))
    );
    f.by(ALICE)
        .authorize_operator_by_partition(PL, BOB)
        .unwrap();
    f.take_logs();
    let to = f
        .by(BOB)
        .operator_transfer_by_partition(PL, ALICE, CAROL, u(10), data(b"d"), data(b"od"))
        .unwrap();
    assert_eq!(to, PL);
    assert_eq!(f.bal(PL, CAROL), u(10));
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&IERC1410::TransferByPartition {
                fromPartition: PL,
                operator: BOB,
                from: ALICE,
                to: CAROL,
                value: u(10),
                data: bytes(b"d"),
                operatorData: bytes(b"od"),
            }),
            log_of(&IERC20Face::Transfer {
                from: ALICE,
                to: CAROL,
                value: u(10)
            }),
        ]
    );
    f.by(ALICE).revoke_operator_by_partition(PL, BOB).unwrap();
    assert_eq!(
        f.by(BOB)
            .operator_transfer_by_partition(PL, ALICE, CAROL, u(1), no_data(), no_data()),
        Err(Error::NotOperator(NotOperator {
            operator: BOB,
            holder: ALICE,
            partition: PL
        }))
    );
}

#[test]
fn operator_transfer_by_partition_checks_sender_receiver_and_pause() {
    let mut f = Fixture::new().issued(PL, ALICE, 100);
    assert_eq!(
        f.by(FIRM).operator_transfer_by_partition(
            PL,
            Address::ZERO,
            BOB,
            u(1),
            no_data(),
            no_data()
        ),
        Err(Error::InvalidSender(InvalidSender {
            sender: Address::ZERO
        }))
    );
    assert_eq!(
        f.by(FIRM).operator_transfer_by_partition(
            PL,
            ALICE,
            Address::ZERO,
            u(1),
            no_data(),
            no_data()
        ),
        Err(Error::InvalidReceiver(InvalidReceiver {
            receiver: Address::ZERO
        }))
    );
    f.by(ISSUER).pause().unwrap();
    assert_eq!(
        f.by(FIRM)
            .operator_transfer_by_partition(PL, ALICE, BOB, u(1), no_data(), no_data()),
        Err(Error::TransfersPaused(TransfersPaused {}))
    );
}

#[test]
fn a_token_level_operator_moves_any_holders_tokens_without_authorisation() {
    let mut f = Fixture::new().issued(PL, ALICE, 100);
    f.by(FIRM)
        .operator_transfer_by_partition(PL, ALICE, BOB, u(25), no_data(), data(b"trade 42"))
        .unwrap();
    assert_eq!(f.bal(PL, BOB), u(25));
    assert!(
        !f.token.is_operator(FIRM, ALICE),
        "isOperator reports only holder authorisation"
    );
    f.by(ISSUER).dismiss_operator(FIRM).unwrap();
    assert_eq!(
        f.by(FIRM)
            .operator_transfer_by_partition(PL, ALICE, BOB, u(1), no_data(), no_data()),
        Err(Error::NotOperator(NotOperator {
            operator: FIRM,
            holder: ALICE,
            partition: PL
        }))
    );
}

#[test]
fn a_token_level_operator_changes_partition_with_the_flag_and_operator_data() {
    let mut f = Fixture::new().issued(PL, ALICE, 100);
    let to = f
        .by(FIRM)
        .operator_transfer_by_partition(
            PL,
            ALICE,
            BOB,
            u(40),
            data(&change_partition_data(PA)),
            data(b"unlock"),
        )
        .unwrap();
    assert_eq!(to, PA);
    assert_eq!(
        (f.bal(PL, ALICE), f.bal(PA, BOB), f.bal(PL, BOB)),
        (u(60), u(40), u(0))
    );
    assert_eq!(
        (
            f.token.total_supply_by_partition(PL),
            f.token.total_supply_by_partition(PA)
        ),
        (u(60), u(40))
    );
    assert_eq!(f.token.total_partitions(), vec![PL, PA]);
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&IERC1410::TransferByPartition {
                fromPartition: PL,
                operator: FIRM,
                from: ALICE,
                to: BOB,
                value: u(40),
                data: bytes(&change_partition_data(PA)),
                operatorData: bytes(b"unlock"),
            }),
            log_of(&IERC1410::ChangedPartition {
                fromPartition: PL,
                toPartition: PA,
                value: u(40)
            }),
            log_of(&IERC20Face::Transfer {
                from: ALICE,
                to: BOB,
                value: u(40)
            }),
        ]
    );
    f.assert_invariants(&[ALICE, BOB]);
}

#[test]
fn the_partition_flag_is_ignored_without_operator_data() {
    let mut f = Fixture::new().issued(PL, ALICE, 100);
    let to = f
        .by(FIRM)
        .operator_transfer_by_partition(
            PL,
            ALICE,
            BOB,
            u(1),
            data(&change_partition_data(PA)),
            no_data(),
        )
        .unwrap();
    assert_eq!(to, PL);
    assert_eq!(f.bal(PL, BOB), u(1));
}

#[test]
fn a_holder_authorised_operator_may_not_change_partition() {
    let mut f = Fixture::new().issued(PL, ALICE, 100);
    f.by(ALICE).authorize_operator(BOB).unwrap();
    assert_eq!(
        f.by(BOB).operator_transfer_by_partition(
            PL,
            ALICE,
            BOB,
            u(1),
            data(&change_partition_data(PA)),
            data(b"x")
        ),
        Err(Error::PartitionChangeNotAllowed(
            PartitionChangeNotAllowed { operator: BOB }
        ))
    );
    assert_eq!(
        f.by(FIRM).operator_transfer_by_partition(
            PL,
            ALICE,
            BOB,
            u(1),
            data(&change_partition_data(B256::ZERO)),
            data(b"x")
        ),
        Err(Error::InvalidPartition(InvalidPartition {
            partition: B256::ZERO
        }))
    );
    assert_eq!(f.bal(PL, ALICE), u(100));
}

#[test]
fn a_controller_uses_the_operator_functions_as_forced_moves_even_while_paused() {
    let mut f = Fixture::new().issued(PL, ALICE, 100);
    f.by(ISSUER).pause().unwrap();
    f.take_logs();
    f.by(CONTROLLER)
        .operator_transfer_by_partition(PL, ALICE, BOB, u(5), no_data(), data(b"court"))
        .unwrap();
    let logs = f.take_logs();
    assert_eq!(logs.len(), 3);
    assert_eq!(
        logs[2],
        log_of(&IERC1644::ControllerTransfer {
            controller: CONTROLLER,
            from: ALICE,
            to: BOB,
            value: u(5),
            data: bytes(b""),
            operatorData: bytes(b"court"),
        })
    );
    f.by(CONTROLLER)
        .operator_redeem_by_partition(PL, ALICE, u(5), data(b"seize"))
        .unwrap();
    let logs = f.take_logs();
    assert_eq!(
        logs.last().unwrap(),
        &log_of(&IERC1644::ControllerRedemption {
            controller: CONTROLLER,
            tokenHolder: ALICE,
            value: u(5),
            data: bytes(b""),
            operatorData: bytes(b"seize"),
        })
    );
    assert_eq!((f.bal(PL, ALICE), f.bal(PL, BOB)), (u(90), u(5)));
    f.assert_invariants(&[ALICE, BOB]);
}

#[test]
fn redeem_by_partition_burns_the_callers_tokens_with_events() {
    let mut f = Fixture::new().issued(PL, ALICE, 100);
    f.by(ALICE)
        .redeem_by_partition(PL, u(100), data(b"exit"))
        .unwrap();
    assert_eq!(f.token.total_supply(), U256::ZERO);
    assert_eq!(f.token.total_supply_by_partition(PL), U256::ZERO);
    assert!(f.token.partitions_of(ALICE).is_empty());
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&IERC1410::RedeemedByPartition {
                partition: PL,
                operator: ALICE,
                from: ALICE,
                value: u(100),
                data: bytes(b"exit"),
                operatorData: bytes(b""),
            }),
            log_of(&IERC1594::Redeemed {
                operator: ALICE,
                from: ALICE,
                value: u(100),
                data: bytes(b"exit")
            }),
            log_of(&IERC20Face::Transfer {
                from: ALICE,
                to: Address::ZERO,
                value: u(100)
            }),
        ]
    );
}

#[test]
fn redeem_by_partition_reverts_on_balance_partition_and_pause() {
    let mut f = Fixture::new().issued(PL, ALICE, 10);
    assert_eq!(
        f.by(ALICE).redeem_by_partition(PL, u(11), no_data()),
        Err(insufficient_balance(ALICE, PL, u(10), u(11)))
    );
    assert_eq!(
        f.by(ALICE).redeem_by_partition(B256::ZERO, u(1), no_data()),
        Err(Error::InvalidPartition(InvalidPartition {
            partition: B256::ZERO
        }))
    );
    f.by(ISSUER).pause().unwrap();
    assert_eq!(
        f.by(ALICE).redeem_by_partition(PL, u(1), no_data()),
        Err(Error::TransfersPaused(TransfersPaused {}))
    );
    assert_eq!(f.token.total_supply(), u(10));
}

#[test]
fn operator_redeem_by_partition_needs_holder_authorisation_not_token_operator_status() {
    let mut f = Fixture::new().issued(PL, ALICE, 10);
    assert_eq!(
        f.by(FIRM)
            .operator_redeem_by_partition(PL, ALICE, u(1), no_data()),
        Err(Error::NotOperator(NotOperator {
            operator: FIRM,
            holder: ALICE,
            partition: PL
        }))
    );
    f.by(ALICE).authorize_operator(BOB).unwrap();
    f.take_logs();
    f.by(BOB)
        .operator_redeem_by_partition(PL, ALICE, u(4), data(b"od"))
        .unwrap();
    assert_eq!(f.bal(PL, ALICE), u(6));
    assert_eq!(
        f.take_logs()[0],
        log_of(&IERC1410::RedeemedByPartition {
            partition: PL,
            operator: BOB,
            from: ALICE,
            value: u(4),
            data: bytes(b""),
            operatorData: bytes(b"od"),
        })
    );
    assert_eq!(
        f.by(BOB)
            .operator_redeem_by_partition(PL, Address::ZERO, u(1), no_data()),
        Err(Error::InvalidSender(InvalidSender {
            sender: Address::ZERO
        }))
    );
}

#[test]
fn zero_value_transfers_write_nothing_and_still_emit_events() {
    let mut f = Fixture::new().issued(PL, ALICE, 10);
    f.by(ALICE)
        .transfer_by_partition(PL, BOB, U256::ZERO, no_data())
        .unwrap();
    assert!(f.token.partitions_of(BOB).is_empty());
    assert_eq!(f.take_logs().len(), 2);
    f.assert_invariants(&[ALICE, BOB]);
}

#[test]
fn transfer_to_self_keeps_balances_and_invariants() {
    let mut f = Fixture::new().issued(PL, ALICE, 10);
    f.by(ALICE)
        .transfer_by_partition(PL, ALICE, u(10), no_data())
        .unwrap();
    assert_eq!(f.bal(PL, ALICE), u(10));
    assert_eq!(f.token.partitions_of(ALICE), vec![PL]);
    f.assert_invariants(&[ALICE]);
}
