//! ERC-1594 (R3): transfers with data from the default partitions,
//! allowance-based transfers and redemption, partition-less issue.

use super::*;
use crate::errors::*;
use sto_abi::{IERC20Face, IERC1410, IERC1594};

#[test]
fn transfer_with_data_draws_from_default_partitions_in_order() {
    let mut f = Fixture::new()
        .issued(PA, ALICE, 30)
        .issued(PB, ALICE, 50)
        .issued(PL, ALICE, 100);
    f.by(ALICE)
        .transfer_with_data(BOB, u(40), data(b"x"))
        .unwrap();
    assert_eq!(
        (f.bal(PA, ALICE), f.bal(PB, ALICE), f.bal(PL, ALICE)),
        (u(0), u(40), u(100))
    );
    assert_eq!((f.bal(PA, BOB), f.bal(PB, BOB)), (u(30), u(10)));
    let chunk = |partition, value| {
        log_of(&IERC1410::TransferByPartition {
            fromPartition: partition,
            operator: ALICE,
            from: ALICE,
            to: BOB,
            value: u(value),
            data: bytes(b"x"),
            operatorData: bytes(b""),
        })
    };
    let erc20 = |value| {
        log_of(&IERC20Face::Transfer {
            from: ALICE,
            to: BOB,
            value: u(value),
        })
    };
    assert_eq!(
        f.take_logs(),
        vec![chunk(PA, 30), erc20(30), chunk(PB, 10), erc20(10)]
    );
    f.assert_invariants(&[ALICE, BOB]);
}

#[test]
fn transfer_with_data_reports_the_total_available_over_default_partitions() {
    let mut f = Fixture::new()
        .issued(PA, ALICE, 3)
        .issued(PB, ALICE, 4)
        .issued(PL, ALICE, 100);
    assert_eq!(
        f.by(ALICE).transfer_with_data(BOB, u(8), no_data()),
        Err(insufficient_balance(ALICE, B256::ZERO, u(7), u(8)))
    );
    assert_eq!(f.token.balance_of(BOB), U256::ZERO);
}

#[test]
fn transfer_with_data_without_default_partitions_reverts() {
    let mut f = Fixture::new().issued(PA, ALICE, 3);
    f.by(ISSUER).set_default_partitions(vec![]).unwrap();
    assert_eq!(
        f.by(ALICE).transfer_with_data(BOB, u(1), no_data()),
        Err(Error::NoDefaultPartitions(NoDefaultPartitions {}))
    );
    assert_eq!(
        f.by(ISSUER).issue(ALICE, u(1), no_data()),
        Err(Error::NoDefaultPartitions(NoDefaultPartitions {}))
    );
}

#[test]
fn transfer_with_data_rejects_zero_receiver_and_pause() {
    let mut f = Fixture::new().issued(PA, ALICE, 3);
    assert_eq!(
        f.by(ALICE)
            .transfer_with_data(Address::ZERO, u(1), no_data()),
        Err(Error::InvalidReceiver(InvalidReceiver {
            receiver: Address::ZERO
        }))
    );
    f.by(ISSUER).pause().unwrap();
    assert_eq!(
        f.by(ALICE).transfer_with_data(BOB, u(1), no_data()),
        Err(Error::TransfersPaused(TransfersPaused {}))
    );
}

#[test]
fn transfer_from_with_data_debits_the_allowance() {
    let mut f = Fixture::new().issued(PA, ALICE, 100);
    f.by(ALICE).approve(BOB, u(60)).unwrap();
    f.by(BOB)
        .transfer_from_with_data(ALICE, CAROL, u(50), data(b"d"))
        .unwrap();
    assert_eq!(f.token.allowance(ALICE, BOB), u(10));
    assert_eq!(f.bal(PA, CAROL), u(50));
    assert_eq!(
        f.by(BOB)
            .transfer_from_with_data(ALICE, CAROL, u(11), no_data()),
        Err(Error::InsufficientAllowance(InsufficientAllowance {
            holder: ALICE,
            spender: BOB,
            allowance: u(10),
            required: u(11),
        }))
    );
    assert_eq!(
        f.by(BOB)
            .transfer_from_with_data(Address::ZERO, CAROL, u(1), no_data()),
        Err(Error::InvalidSender(InvalidSender {
            sender: Address::ZERO
        }))
    );
}

#[test]
fn an_unlimited_allowance_is_never_debited() {
    let mut f = Fixture::new().issued(PA, ALICE, 100);
    f.by(ALICE).approve(BOB, U256::MAX).unwrap();
    f.by(BOB)
        .transfer_from_with_data(ALICE, CAROL, u(50), no_data())
        .unwrap();
    assert_eq!(f.token.allowance(ALICE, BOB), U256::MAX);
}

#[test]
fn issue_goes_into_the_first_default_partition() {
    let mut f = Fixture::new();
    f.by(ISSUER).issue(ALICE, u(7), data(b"i")).unwrap();
    assert_eq!(f.bal(PA, ALICE), u(7));
    assert_eq!(
        f.take_logs()[1],
        log_of(&IERC1594::Issued {
            operator: ISSUER,
            to: ALICE,
            value: u(7),
            data: bytes(b"i")
        })
    );
    assert_eq!(
        f.by(ALICE).issue(ALICE, u(7), no_data()),
        Err(Error::NotIssuer(NotIssuer { account: ALICE }))
    );
}

#[test]
fn redeem_draws_from_default_partitions() {
    let mut f = Fixture::new().issued(PA, ALICE, 5).issued(PB, ALICE, 5);
    f.by(ALICE).redeem(u(7), data(b"r")).unwrap();
    assert_eq!((f.bal(PA, ALICE), f.bal(PB, ALICE)), (u(0), u(3)));
    assert_eq!(f.token.total_supply(), u(3));
    let logs = f.take_logs();
    assert_eq!(logs.len(), 6, "two chunks of three events");
    assert_eq!(
        logs[4],
        log_of(&IERC1594::Redeemed {
            operator: ALICE,
            from: ALICE,
            value: u(2),
            data: bytes(b"r")
        })
    );
    assert_eq!(
        f.by(ALICE).redeem(u(4), no_data()),
        Err(insufficient_balance(ALICE, B256::ZERO, u(3), u(4)))
    );
    f.assert_invariants(&[ALICE]);
}

#[test]
fn redeem_from_debits_the_allowance() {
    let mut f = Fixture::new().issued(PA, ALICE, 10);
    assert_eq!(
        f.by(BOB).redeem_from(ALICE, u(1), no_data()),
        Err(Error::InsufficientAllowance(InsufficientAllowance {
            holder: ALICE,
            spender: BOB,
            allowance: u(0),
            required: u(1),
        }))
    );
    f.by(ALICE).approve(BOB, u(4)).unwrap();
    f.by(BOB).redeem_from(ALICE, u(4), no_data()).unwrap();
    assert_eq!(f.token.allowance(ALICE, BOB), u(0));
    assert_eq!(f.token.total_supply(), u(6));
    assert_eq!(
        f.by(BOB).redeem_from(Address::ZERO, u(0), no_data()),
        Err(Error::InvalidSender(InvalidSender {
            sender: Address::ZERO
        }))
    );
    f.by(ISSUER).pause().unwrap();
    assert_eq!(
        f.by(BOB).redeem_from(ALICE, u(0), no_data()),
        Err(Error::TransfersPaused(TransfersPaused {}))
    );
}

#[test]
fn is_issuable_is_true_until_finalized() {
    let mut f = Fixture::new();
    assert!(f.token.is_issuable());
    f.by(ISSUER).finalize_issuance().unwrap();
    assert!(!f.token.is_issuable());
}
