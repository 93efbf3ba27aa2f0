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
        // The Korean rules (R10, R12, R14, R16).
        2 => (prop_oneof![4 => Just(ISSUER), 1 => caller()], party(), prop_oneof![6 => 1u8..4, 1 => Just(0u8), 1 => Just(4u8)])
            .prop_map(|(by, who, category)| Op::Register { by, who, category }),
        1 => (prop_oneof![4 => Just(ISSUER), 1 => caller()], party()).prop_map(|(by, who)| Op::Unregister { by, who }),
        1 => (controller_mostly(), party(), any::<bool>()).prop_map(|(by, who, on)| Op::FreezeAddress { by, who, on }),
        2 => (controller_mostly(), party(), part(), amount(), any::<bool>())
            .prop_map(|(by, who, partition, value, on)| Op::FreezePartial { by, who, partition, value, on }),
        3 => (prop_oneof![2 => Just(CONTROLLER), 1 => Just(ISSUER), 1 => caller()], prop_oneof![4 => proptest::sample::select(HOLDERS.to_vec()), 1 => party()], part(), small(), party())
            .prop_map(|(by, holder, partition, value, pledgee)| Op::Pledge { by, holder, partition, value, pledgee }),
        2 => (prop_oneof![1 => Just(CONTROLLER), 2 => caller()], pledge_id()).prop_map(|(by, id)| Op::ReleasePledge { by, id }),
        2 => (controller_mostly(), pledge_id()).prop_map(|(by, id)| Op::EnforcePledge { by, id }),
        1 => (controller_mostly(), party(), part(), amount())
            .prop_map(|(by, holder, partition, value)| Op::Seize { by, holder, partition, value }),
    ]
}

/// A pledge id: mostly the first ones a sequence creates, sometimes 0 or
/// one that does not exist.
fn pledge_id() -> impl Strategy<Value = u64> {
    prop_oneof![4 => 1u64..3, 1 => 0u64..6]
}

/// A small amount (pledges and freezes of part of a holding).
fn small() -> impl Strategy<Value = U256> {
    prop_oneof![6 => (1u64..30).prop_map(U256::from), 1 => amount()]
}

/// The controller, sometimes someone else.
fn controller_mostly() -> impl Strategy<Value = usize> {
    prop_oneof![3 => Just(CONTROLLER), 1 => caller()]
}

/// A valid issuance by the issuer to a holder, so that sequences have
/// balances to move; one in three is followed by a valid pledge of part of
/// it (by the controller, to another holder), so that releases,
/// enforcements and seizures of pledged holdings happen.
fn funding() -> impl Strategy<Value = Vec<Op>> {
    (
        0..3usize,
        proptest::sample::select(HOLDERS.to_vec()),
        1u64..100,
        proptest::option::weighted(
            0.35,
            (proptest::sample::select(HOLDERS.to_vec()), 1u64..100),
        ),
    )
        .prop_map(|(p, to, v, pledge)| {
            let mut ops = vec![Op::Issue {
                by: ISSUER,
                partition: Some(p),
                to,
                value: U256::from(v),
            }];
            if let Some((pledgee, share)) = pledge {
                ops.push(Op::Pledge {
                    by: CONTROLLER,
                    holder: to,
                    partition: p,
                    value: U256::from(1 + share % v),
                    pledgee,
                });
            }
            ops
        })
}

/// A sequence: up to five fundings, then 1..=`max_len` random operations.
pub fn sequence(max_len: usize) -> impl Strategy<Value = Vec<Op>> {
    (
        proptest::collection::vec(funding(), 0..=5),
        proptest::collection::vec(op(), 1..=max_len),
    )
        .prop_map(|(head, tail)| {
            let mut ops: Vec<Op> = head.into_iter().flatten().collect();
            ops.extend(tail);
            ops
        })
}
