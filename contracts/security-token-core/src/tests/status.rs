//! `canTransfer*` (R3): status byte and reason agree with the real call.

use super::*;
use crate::errors::*;
use sto_abi::{status, status::reason_from_selector, ISecurityTokenErrors as E};
use stylus_sdk::alloy_primitives::FixedBytes;
use stylus_sdk::alloy_sol_types::SolError;

fn verdict<T: SolError>(code: u8) -> (FixedBytes<1>, B256) {
    (FixedBytes([code]), reason_from_selector(T::SELECTOR))
}

const OK: (FixedBytes<1>, B256) = (FixedBytes([status::TRANSFER_SUCCESS]), B256::ZERO);

#[test]
fn can_transfer_by_partition_says_0x51_and_the_destination_when_the_call_would_succeed() {
    let f = Fixture::new().issued(PL, ALICE, 10);
    assert_eq!(
        f.token
            .can_transfer_by_partition(ALICE, BOB, PL, u(10), no_data()),
        (FixedBytes([0x51]), B256::ZERO, PL)
    );
}

#[test]
fn can_transfer_by_partition_maps_each_failure_to_its_status_and_error_selector() {
    let mut f = Fixture::new().issued(PL, ALICE, 10);
    let check = |f: &Fixture, from, to, partition, value| {
        let (status, reason, destination) =
            f.token
                .can_transfer_by_partition(from, to, partition, u(value), no_data());
        assert_eq!(destination, B256::ZERO);
        (status, reason)
    };
    assert_eq!(
        check(&f, ALICE, BOB, PL, 11),
        verdict::<E::InsufficientBalance>(0x52)
    );
    assert_eq!(
        check(&f, ALICE, Address::ZERO, PL, 1),
        verdict::<E::InvalidReceiver>(0x57)
    );
    assert_eq!(
        check(&f, Address::ZERO, BOB, PL, 0),
        verdict::<E::InvalidSender>(0x56)
    );
    assert_eq!(
        check(&f, ALICE, BOB, B256::ZERO, 1),
        verdict::<E::InvalidPartition>(0x50)
    );
    f.by(ISSUER).pause().unwrap();
    assert_eq!(
        check(&f, ALICE, BOB, PL, 1),
        verdict::<E::TransfersPaused>(0x54)
    );
    assert_eq!(
        check(&Fixture::bare(), ALICE, BOB, PL, 0),
        verdict::<E::NotInitialized>(0x50)
    );
}

#[test]
fn can_transfer_answers_for_the_caller_over_default_partitions() {
    let mut f = Fixture::new().issued(PA, ALICE, 5).issued(PL, ALICE, 100);
    f.vm.set_sender(ALICE);
    assert_eq!(f.token.can_transfer(BOB, u(5), no_data()), OK);
    assert_eq!(
        f.token.can_transfer(BOB, u(6), no_data()),
        verdict::<E::InsufficientBalance>(0x52)
    );
    f.by(ISSUER).set_default_partitions(vec![]).unwrap();
    f.vm.set_sender(ALICE);
    assert_eq!(
        f.token.can_transfer(BOB, u(1), no_data()),
        verdict::<E::NoDefaultPartitions>(0x50)
    );
}

#[test]
fn can_transfer_from_checks_the_callers_allowance() {
    let mut f = Fixture::new().issued(PA, ALICE, 5);
    f.vm.set_sender(BOB);
    assert_eq!(
        f.token.can_transfer_from(ALICE, CAROL, u(1), no_data()),
        verdict::<E::InsufficientAllowance>(0x53)
    );
    f.by(ALICE).approve(BOB, u(9)).unwrap();
    f.vm.set_sender(BOB);
    assert_eq!(f.token.can_transfer_from(ALICE, CAROL, u(5), no_data()), OK);
    assert_eq!(
        f.token.can_transfer_from(ALICE, CAROL, u(6), no_data()),
        verdict::<E::InsufficientBalance>(0x52)
    );
}

#[test]
fn error_status_table_follows_erc1400() {
    let cases: [(Error, u8); 8] = [
        (insufficient_balance(ALICE, PA, u(0), u(1)), 0x52),
        (
            Error::InsufficientAllowance(InsufficientAllowance {
                holder: ALICE,
                spender: BOB,
                allowance: u(0),
                required: u(1),
            }),
            0x53,
        ),
        (Error::TransfersPaused(TransfersPaused {}), 0x54),
        (Error::InvalidSender(InvalidSender { sender: ALICE }), 0x56),
        (
            Error::InvalidReceiver(InvalidReceiver { receiver: ALICE }),
            0x57,
        ),
        (
            Error::NotOperator(NotOperator {
                operator: ALICE,
                holder: BOB,
                partition: PA,
            }),
            0x58,
        ),
        (Error::NotController(NotController { account: ALICE }), 0x58),
        (Error::NoDefaultPartitions(NoDefaultPartitions {}), 0x50),
    ];
    for (error, code) in cases {
        assert_eq!(error.status(), code, "{error:?}");
    }
}

/// Every combination of sender, receiver, partition, value and pause from a
/// small grid: 0x51 exactly when the real call succeeds, otherwise the
/// reason is the selector of the error the real call reverts with.
#[test]
fn can_transfer_by_partition_agrees_with_transfer_by_partition_on_a_grid() {
    let mut cases = 0;
    for paused in [false, true] {
        for from in [ALICE, BOB, Address::ZERO] {
            for to in [BOB, Address::ZERO] {
                for partition in [PA, PL, B256::ZERO] {
                    for value in [0u64, 1, 6, 7] {
                        let mut f = Fixture::new().issued(PA, ALICE, 6).issued(PL, ALICE, 1);
                        if paused {
                            f.by(ISSUER).pause().unwrap();
                        }
                        let (status, reason, destination) = f.token.can_transfer_by_partition(
                            from,
                            to,
                            partition,
                            u(value),
                            no_data(),
                        );
                        let real =
                            f.by(from)
                                .transfer_by_partition(partition, to, u(value), no_data());
                        match real {
                            Ok(p) => {
                                assert_eq!(
                                    (status, reason, destination),
                                    (FixedBytes([0x51]), B256::ZERO, p)
                                );
                            }
                            Err(error) => {
                                assert_eq!(status, FixedBytes([error.status()]));
                                assert_eq!(reason, error.reason());
                                assert_ne!(status, FixedBytes([0x51]));
                            }
                        }
                        cases += 1;
                    }
                }
            }
        }
    }
    assert_eq!(cases, 144);
}
