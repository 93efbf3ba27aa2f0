//! Random operations: mostly the common moves with small amounts between a
//! few holders, mixed with privileged calls by the wrong account, the zero
//! address, the zero partition, huge amounts, partition changes, closing
//! operations and mid-sequence upgrades.

use alloy_primitives::U256;
use proptest::prelude::*;

use crate::actors::{CONTROLLER, COUNT, HOLDERS, ISSUER, OUTSIDER, ZERO};
use crate::model::max_amount;
use crate::ops::Op;

/// A caller: usually a holder, sometimes the issuer, controller or outsider.
fn caller() -> impl Strategy<Value = usize> {
    prop_oneof![
        6 => proptest::sample::select(HOLDERS.to_vec()),
        2 => Just(ISSUER),
        2 => Just(CONTROLLER),
        1 => Just(OUTSIDER),
    ]
}

/// A counterparty: any actor, the zero address now and then.
fn party() -> impl Strategy<Value = usize> {
    prop_oneof![
        8 => proptest::sample::select(HOLDERS.to_vec()),
        1 => Just(ISSUER),
        1 => Just(CONTROLLER),
        1 => Just(OUTSIDER),
        1 => Just(ZERO),
    ]
}

/// A partition index: the defaults and the locked tranche, rarely zero.
fn part() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0..3usize, 1 => Just(3usize)]
}

/// An amount: small, zero, or at the edges of what the token accepts.
fn amount() -> impl Strategy<Value = U256> {
    prop_oneof![
        12 => (1u64..60).prop_map(U256::from),
        2 => Just(U256::ZERO),
        1 => Just(max_amount()),
        1 => Just(max_amount() + U256::from(1)),
        1 => Just(U256::MAX),
    ]
}

/// One operation.
pub fn op() -> impl Strategy<Value = Op> {
    let any_actor = 0..COUNT - 1;
    prop_oneof![
        6 => (prop_oneof![4 => Just(ISSUER), 1 => caller()], proptest::option::weighted(0.8, part()), party(), amount())
            .prop_map(|(by, partition, to, value)| Op::Issue { by, partition, to, value }),
        8 => (caller(), proptest::option::weighted(0.7, part()), party(), amount())
            .prop_map(|(by, partition, to, value)| Op::Transfer { by, partition, to, value }),
        2 => (caller(), party(), party(), amount()).prop_map(|(by, from, to, value)| Op::TransferFrom { by, from, to, value }),
        2 => (caller(), party(), prop_oneof![3 => amount(), 1 => Just(U256::MAX)])
            .prop_map(|(by, spender, value)| Op::Approve { by, spender, value }),
        4 => (caller(), part(), party(), party(), amount(), proptest::option::weighted(0.2, part()))
            .prop_map(|(by, partition, from, to, value, change_to)| Op::OperatorTransfer { by, partition, from, to, value, change_to }),
        2 => (caller(), party(), proptest::option::weighted(0.3, part()), any::<bool>())
            .prop_map(|(by, operator, partition, authorized)| Op::SetOperator { by, operator, partition, authorized }),
        2 => (caller(), proptest::option::weighted(0.7, part()), amount()).prop_map(|(by, partition, value)| Op::Redeem { by, partition, value }),
        1 => (caller(), party(), amount()).prop_map(|(by, from, value)| Op::RedeemFrom { by, from, value }),
        1 => (caller(), part(), party(), amount()).prop_map(|(by, partition, from, value)| Op::OperatorRedeem { by, partition, from, value }),
        3 => (prop_oneof![3 => Just(CONTROLLER), 1 => caller()], proptest::option::weighted(0.6, part()), party(), party(), amount(), proptest::option::weighted(0.2, part()))
            .prop_map(|(by, partition, from, to, value, change_to)| Op::ControllerTransfer { by, partition, from, to, value, change_to }),
        1 => (prop_oneof![3 => Just(CONTROLLER), 1 => caller()], proptest::option::weighted(0.6, part()), party(), amount())
            .prop_map(|(by, partition, from, value)| Op::ControllerRedeem { by, partition, from, value }),
        1 => (caller(), any::<bool>()).prop_map(|(by, on)| Op::Pause { by, on }),
        1 => (caller(), party(), 0u8..4).prop_map(|(by, who, side)| Op::TokenOperator { by, who, side }),
        1 => (caller(), any_actor, any::<bool>()).prop_map(|(by, who, appoint)| Op::Controller { by, who, appoint }),
        1 => Just(Op::Upgrade),
        1 => caller().prop_map(|by| Op::FinalizeIssuance { by }),
        1 => caller().prop_map(|by| Op::RenounceControl { by }),
    ]
}

/// A valid issuance by the issuer to a holder, so that sequences have
/// balances to move.
fn funding() -> impl Strategy<Value = Op> {
    (
        0..3usize,
        proptest::sample::select(HOLDERS.to_vec()),
        1u64..100,
    )
        .prop_map(|(p, to, v)| Op::Issue {
            by: ISSUER,
            partition: Some(p),
            to,
            value: U256::from(v),
        })
}

/// A sequence: up to three fundings, then 1..=`max_len` random operations.
pub fn sequence(max_len: usize) -> impl Strategy<Value = Vec<Op>> {
    (
        proptest::collection::vec(funding(), 0..=3),
        proptest::collection::vec(op(), 1..=max_len),
    )
        .prop_map(|(mut head, tail)| {
            head.extend(tail);
            head
        })
}
