//! ERC-20 face (R6).

use super::*;
use crate::errors::*;
use sto_abi::{IERC20Face, IERC1410};

#[test]
fn approve_sets_the_allowance_and_emits_approval() {
    let mut f = Fixture::new();
    assert_eq!(f.by(ALICE).approve(BOB, u(5)), Ok(true));
    assert_eq!(f.token.allowance(ALICE, BOB), u(5));
    assert_eq!(
        f.take_logs(),
        vec![log_of(&IERC20Face::Approval {
            owner: ALICE,
            spender: BOB,
            value: u(5)
        })]
    );
    assert_eq!(
        f.by(ALICE).approve(Address::ZERO, u(5)),
        Err(Error::ZeroAddress(ZeroAddress {}))
    );
}

#[test]
fn transfer_moves_from_default_partitions_and_returns_true() {
    let mut f = Fixture::new().issued(PB, ALICE, 10);
    assert_eq!(f.by(ALICE).transfer(BOB, u(4)), Ok(true));
    assert_eq!(
        (f.token.balance_of(ALICE), f.token.balance_of(BOB)),
        (u(6), u(4))
    );
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&IERC1410::TransferByPartition {
                fromPartition: PB,
                operator: ALICE,
                from: ALICE,
                to: BOB,
                value: u(4),
                data: bytes(b""),
                operatorData: bytes(b""),
            }),
            log_of(&IERC20Face::Transfer {
                from: ALICE,
                to: BOB,
                value: u(4)
            }),
        ]
    );
}

#[test]
fn transfer_reverts_instead_of_returning_false() {
    let mut f = Fixture::new().issued(PB, ALICE, 10);
    assert_eq!(
        f.by(ALICE).transfer(BOB, u(11)),
        Err(insufficient_balance(ALICE, B256::ZERO, u(10), u(11)))
    );
    assert_eq!(
        f.by(ALICE).transfer(Address::ZERO, u(1)),
        Err(Error::InvalidReceiver(InvalidReceiver {
            receiver: Address::ZERO
        }))
    );
}

#[test]
fn transfer_of_zero_emits_one_transfer_in_the_first_default_partition() {
    let mut f = Fixture::new();
    assert_eq!(f.by(ALICE).transfer(BOB, U256::ZERO), Ok(true));
    let logs = f.take_logs();
    assert_eq!(
        logs[1],
        log_of(&IERC20Face::Transfer {
            from: ALICE,
            to: BOB,
            value: U256::ZERO
        })
    );
    assert_eq!(
        logs[0].0[1], PA,
        "TransferByPartition's fromPartition topic"
    );
}

#[test]
fn transfer_from_spends_the_allowance() {
    let mut f = Fixture::new().issued(PA, ALICE, 10);
    f.by(ALICE).approve(BOB, u(3)).unwrap();
    assert_eq!(f.by(BOB).transfer_from(ALICE, CAROL, u(3)), Ok(true));
    assert_eq!(f.token.allowance(ALICE, BOB), U256::ZERO);
    assert_eq!(f.token.balance_of(CAROL), u(3));
    assert_eq!(
        f.by(BOB).transfer_from(ALICE, CAROL, u(1)),
        Err(Error::InsufficientAllowance(InsufficientAllowance {
            holder: ALICE,
            spender: BOB,
            allowance: U256::ZERO,
            required: u(1),
        }))
    );
}

#[test]
fn metadata_views_read_what_initialize_stored() {
    let f = Fixture::new().issued(PA, ALICE, 10).issued(PL, BOB, 5);
    assert_eq!(
        (f.token.name(), f.token.symbol(), f.token.decimals()),
        (b"Gangnam Office Fund".to_vec(), b"GOF".to_vec(), 0)
    );
    assert_eq!(f.token.total_supply(), u(15));
    assert_eq!(f.token.balance_of(BOB), u(5));
    assert_eq!(f.token.balance_of(CAROL), U256::ZERO);
}
