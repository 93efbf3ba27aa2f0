//! The comparisons and invariants checked after each step, each counted
//! by name for the report. A violation is an error message naming what
//! differed; the suite turns it into a failing, shrinkable sequence.

use std::collections::BTreeMap;

use alloy_primitives::{Address, B256, U256};
use sto_abi::{
    IERC20Face, ISecurityTokenAdmin, ISecurityTokenCompliance, IERC1410, IERC1594, IERC1644,
};

use crate::actors::{address, partition, COUNT, ZERO};
use crate::model::{Expected, Model};
use crate::ops::Op;
use crate::world::{Outcome, World};

/// How many times each check ran.
pub type Counts = BTreeMap<&'static str, u64>;

/// Fails with `what` unless `ok`; counts the check.
fn check(
    counts: &mut Counts,
    name: &'static str,
    ok: bool,
    what: impl FnOnce() -> String,
) -> Result<(), String> {
    *counts.entry(name).or_default() += 1;
    if ok {
        Ok(())
    } else {
        Err(format!("{name}: {}", what()))
    }
}

/// The ERC-1400 status byte the token must report for a revert.
pub fn status_for(revert: &[u8]) -> u8 {
    use alloy_sol_types::SolError;
    use sto_abi::ISecurityTokenErrors::*;
    let sel: [u8; 4] = revert
        .get(..4)
        .and_then(|s| s.try_into().ok())
        .unwrap_or_default();
    match sel {
        s if s == InsufficientBalance::SELECTOR => 0x52,
        s if s == InsufficientAllowance::SELECTOR => 0x53,
        s if s == TransfersPaused::SELECTOR => 0x54,
        s if s == LockedBalance::SELECTOR => 0x55,
        s if s == InvalidSender::SELECTOR
            || s == SenderNotRegistered::SELECTOR
            || s == SenderFrozen::SELECTOR =>
        {
            0x56
        }
        s if s == InvalidReceiver::SELECTOR || s == ReceiverNotRegistered::SELECTOR => 0x57,
        s if s == NotOperator::SELECTOR
            || s == SelfDealing::SELECTOR
            || s == PartitionChangeNotAllowed::SELECTOR
            || s == NotController::SELECTOR
            || s == NotIssuer::SELECTOR =>
        {
            0x58
        }
        _ => 0x50,
    }
}

/// What `canTransfer*` answered before a transfer ran: (status, reason).
pub type Verdict = (u8, B256);

/// Asks the `canTransfer*` that matches `op`, when there is one.
pub fn ask(world: &mut World, op: &Op) -> Option<Verdict> {
    match op {
        Op::Transfer {
            by,
            partition: Some(p),
            to,
            value,
        } => {
            let r = world.view(IERC1410::canTransferByPartitionCall {
                from: address(*by),
                to: address(*to),
                partition: partition(*p),
                value: *value,
                data: Default::default(),
            });
            Some((r.status[0], r.reason))
        }
        Op::Transfer {
            by,
            partition: None,
            to,
            value,
        } => {
            let r = world.view_as(
                address(*by),
                IERC1594::canTransferCall {
                    to: address(*to),
                    value: *value,
                    data: Default::default(),
                },
            );
            Some((r.status[0], r.reason))
        }
        Op::TransferFrom {
            by,
            from,
            to,
            value,
        } => {
            let r = world.view_as(
                address(*by),
                IERC1594::canTransferFromCall {
                    from: address(*from),
                    to: address(*to),
                    value: *value,
                    data: Default::default(),
                },
            );
            Some((r.status[0], r.reason))
        }
        _ => None,
    }
}

/// The call's result and logs against the model's expectation, and the
/// `canTransfer*` verdict (if asked) against the real outcome.
pub fn outcome(
    counts: &mut Counts,
    expected: &Expected,
    got: &Outcome,
    verdict: Option<Verdict>,
) -> Result<(), String> {
    let describe = |r: &Result<Vec<u8>, Vec<u8>>| match r {
        Ok(d) => format!("success 0x{}", hex::encode(d)),
        Err(d) => format!("revert {}", crate::report::error_name(d)),
    };
    check(
        counts,
        "result matches the model (return data or exact custom error)",
        expected.result == got.result,
        || {
            format!(
                "model expects {}, token gave {}",
                describe(&expected.result),
                describe(&got.result)
            )
        },
    )?;
    check(
        counts,
        "events match the model (every log, in order)",
        expected.logs == got.logs,
        || {
            format!(
                "model expects {} logs {:?}, token emitted {} logs {:?}",
                expected.logs.len(),
                expected.logs,
                got.logs.len(),
                got.logs
            )
        },
    )?;
    if let Some((status, reason)) = verdict {
        let (want_status, want_reason) = match &got.result {
            Ok(_) => (0x51, B256::ZERO),
            Err(e) => {
                let mut r = [0u8; 32];
                r[..4].copy_from_slice(&e[..4.min(e.len())]);
                (status_for(e), B256::new(r))
            }
        };
        check(
            counts,
            "canTransfer* agrees with the real call (status and reason)",
            (status, reason) == (want_status, want_reason),
            || {
                format!(
                    "canTransfer* said 0x{status:02x} {reason}, the call gave {}",
                    describe(&got.result)
                )
            },
        )?;
    }
    Ok(())
}

/// Accounts `op` names (never the zero address).
pub fn touched(op: &Op) -> Vec<Address> {
    use Op::*;
    let mut v = match op {
        Issue { by, to, .. } | Transfer { by, to, .. } => vec![*by, *to],
        TransferFrom { by, from, to, .. }
        | OperatorTransfer { by, from, to, .. }
        | ControllerTransfer { by, from, to, .. } => vec![*by, *from, *to],
        Redeem { by, .. } => vec![*by],
        Register { who, .. }
        | Unregister { who, .. }
        | FreezeAddress { who, .. }
        | FreezePartial { who, .. } => vec![*who],
        Pledge {
            holder, pledgee, ..
        } => vec![*holder, *pledgee],
        Seize { holder, .. } => vec![*holder, crate::actors::OUTSIDER],
        ReleasePledge { .. } | EnforcePledge { .. } => crate::actors::HOLDERS
            .iter()
            .copied()
            .chain([
                crate::actors::ISSUER,
                crate::actors::CONTROLLER,
                crate::actors::OUTSIDER,
            ])
            .collect(),
        RedeemFrom { by, from, .. }
        | OperatorRedeem { by, from, .. }
        | ControllerRedeem { by, from, .. } => vec![*by, *from],
        _ => vec![],
    };
    v.sort();
    v.dedup();
    v.into_iter().filter(|i| *i != ZERO).map(address).collect()
}

/// The ledger invariants for `holders` and the totals, against the model.
pub fn ledger(
    counts: &mut Counts,
    world: &mut World,
    model: &Model,
    holders: &[Address],
) -> Result<(), String> {
    for holder in holders {
        let holder = *holder;
        let balance = world.view(IERC20Face::balanceOfCall { account: holder });
        let parts = world.view(IERC1410::partitionsOfCall {
            tokenHolder: holder,
        });
        let mut sum = U256::ZERO;
        for p in &parts {
            let b = world.view(IERC1410::balanceOfByPartitionCall {
                partition: *p,
                tokenHolder: holder,
            });
            check(
                counts,
                "partitionsOf has no zero-balance entry",
                !b.is_zero(),
                || format!("{holder} lists {p} with balance 0"),
            )?;
            check(
                counts,
                "balanceOfByPartition matches the model",
                b == model.balance(holder, *p),
                || {
                    format!(
                        "{holder} in {p}: token {b}, model {}",
                        model.balance(holder, *p)
                    )
                },
            )?;
            sum += b;
        }
        check(
            counts,
            "per-holder sum over partitions == balanceOf",
            sum == balance,
            || format!("{holder}: sum {sum}, balanceOf {balance}"),
        )?;
        check(
            counts,
            "balanceOf matches the model",
            balance == model.balance_of(holder),
            || {
                format!(
                    "{holder}: token {balance}, model {}",
                    model.balance_of(holder)
                )
            },
        )?;
        let info = world.view(ISecurityTokenCompliance::holderInfoCall { holder });
        let want = (
            model.registered.contains(&holder),
            model.categories.get(&holder).copied().unwrap_or(0),
            model.frozen_accounts.contains(&holder),
        );
        check(
            counts,
            "holderInfo (KYC, category, address freeze) matches the model",
            (info.registered, info.category, info.frozen) == want,
            || {
                format!(
                    "{holder}: token {:?}, model {want:?}",
                    (info.registered, info.category, info.frozen)
                )
            },
        )?;
        for p in crate::actors::PARTITIONS
            .iter()
            .enumerate()
            .map(|(i, _)| partition(i))
        {
            let frozen = world.view(ISecurityTokenCompliance::frozenBalanceOfCall {
                partition: p,
                holder,
            });
            let pledged = world.view(ISecurityTokenCompliance::pledgedBalanceOfCall {
                partition: p,
                holder,
            });
            check(
                counts,
                "frozen and pledged amounts match the model",
                (frozen, pledged) == (model.frozen_in(holder, p), model.pledged_in(holder, p)),
                || {
                    format!(
                        "{holder} in {p}: token ({frozen}, {pledged}), model ({}, {})",
                        model.frozen_in(holder, p),
                        model.pledged_in(holder, p)
                    )
                },
            )?;
            check(
                counts,
                "frozen + pledged never exceeds the holding (R10, R14)",
                frozen + pledged <= model.balance(holder, p),
                || format!("{holder} in {p}: frozen {frozen} + pledged {pledged} > balance"),
            )?;
        }
        let mut sorted = parts.clone();
        sorted.sort();
        check(
            counts,
            "partitionsOf matches the model",
            sorted == model.partitions_of(holder),
            || {
                format!(
                    "{holder}: token {parts:?}, model {:?}",
                    model.partitions_of(holder)
                )
            },
        )?;
    }
    let total = world.view(IERC20Face::totalSupplyCall {});
    let partitions = world.view(IERC1410::totalPartitionsCall {});
    let mut sum = U256::ZERO;
    for p in &partitions {
        let s = world.view(IERC1410::totalSupplyByPartitionCall { partition: *p });
        check(
            counts,
            "totalSupplyByPartition matches the model",
            s == model.supply_of(*p),
            || format!("{p}: token {s}, model {}", model.supply_of(*p)),
        )?;
        sum += s;
    }
    check(
        counts,
        "sum over partitions == totalSupply",
        sum == total,
        || format!("sum {sum}, totalSupply {total}"),
    )?;
    check(
        counts,
        "totalSupply matches the model",
        total == model.total_supply(),
        || format!("token {total}, model {}", model.total_supply()),
    )?;
    check(
        counts,
        "totalPartitions matches the model (order of first issue)",
        partitions == model.partitions,
        || format!("token {partitions:?}, model {:?}", model.partitions),
    )?;
    let r = world.view(ISecurityTokenCompliance::reconciliationCall {});
    let got = [r.unclassified, r.individual, r.corporate, r.issuerOwn];
    let want = [0u8, 1, 2, 3].map(|c| model.category_total(c));
    check(
        counts,
        "per-category totals match the model (R17)",
        got == want,
        || format!("token {got:?}, model {want:?}"),
    )?;
    check(
        counts,
        "sum over categories == totalSupply (R17)",
        r.supply == total && got.iter().copied().sum::<U256>() == total,
        || {
            format!(
                "categories {got:?}, supply {}, totalSupply {total}",
                r.supply
            )
        },
    )?;
    Ok(())
}

/// The switches, with the rule that a false isIssuable/isControllable
/// never comes back.
pub fn switches(
    counts: &mut Counts,
    world: &mut World,
    model: &Model,
    was: (bool, bool),
) -> Result<(bool, bool), String> {
    let paused = world.view(ISecurityTokenAdmin::pausedCall {});
    let issuable = world.view(IERC1594::isIssuableCall {});
    let controllable = world.view(IERC1644::isControllableCall {});
    check(
        counts,
        "paused matches the model",
        paused == model.paused,
        || format!("token {paused}"),
    )?;
    check(
        counts,
        "isIssuable matches the model",
        issuable == model.issuable,
        || format!("token {issuable}"),
    )?;
    check(
        counts,
        "isControllable matches the model",
        controllable == model.controllable,
        || format!("token {controllable}"),
    )?;
    check(
        counts,
        "once false, isIssuable and isControllable stay false",
        (was.0 || !issuable) && (was.1 || !controllable),
        || {
            format!(
                "was ({}, {}), now ({issuable}, {controllable})",
                was.0, was.1
            )
        },
    )?;
    Ok((issuable, controllable))
}

/// Everything at the end of a sequence: every account's holdings,
/// allowances and operator authorisations, roles.
pub fn full(counts: &mut Counts, world: &mut World, model: &Model) -> Result<(), String> {
    let accounts: Vec<Address> = (0..COUNT).filter(|i| *i != ZERO).map(address).collect();
    ledger(counts, world, model, &accounts)?;
    for owner in &accounts {
        for other in &accounts {
            let allowance = world.view(IERC20Face::allowanceCall {
                owner: *owner,
                spender: *other,
            });
            check(
                counts,
                "allowance matches the model",
                allowance == model.allowance(*owner, *other),
                || {
                    format!(
                        "{owner} -> {other}: token {allowance}, model {}",
                        model.allowance(*owner, *other)
                    )
                },
            )?;
            let is_op = world.view(IERC1410::isOperatorCall {
                operator: *other,
                tokenHolder: *owner,
            });
            let want = other == owner || model.operators.contains(&(*owner, *other));
            check(
                counts,
                "isOperator matches the model",
                is_op == want,
                || format!("{other} for {owner}: token {is_op}"),
            )?;
        }
        let c = world.view(ISecurityTokenAdmin::isControllerCall { account: *owner });
        check(
            counts,
            "isController matches the model",
            c == model.controllers.contains(owner),
            || format!("{owner}: token {c}"),
        )?;
        let side = world.view(ISecurityTokenAdmin::operatorSideCall { account: *owner });
        let want = model.token_operators.get(owner).copied().unwrap_or(0);
        check(
            counts,
            "operatorSide matches the model",
            side == want,
            || format!("{owner}: token {side}, model {want}"),
        )?;
    }
    for (i, want) in model.pledges.iter().enumerate() {
        let got = world.view(ISecurityTokenCompliance::getPledgeCall {
            id: U256::from(i + 1),
        });
        check(
            counts,
            "every pledge record matches the model (R14)",
            (
                got.holder,
                got.partition,
                got.amount,
                got.pledgee,
                got.status,
            ) == (
                want.holder,
                want.partition,
                want.amount,
                want.pledgee,
                want.status,
            ),
            || format!("pledge #{}: token {got:?}, model {want:?}", i + 1),
        )?;
    }
    let issuer = world.view(ISecurityTokenAdmin::issuerCall {});
    check(
        counts,
        "issuer matches the model",
        issuer == model.issuer,
        || format!("token {issuer}"),
    )?;
    Ok(())
}
