//! Total-quantity reconciliation (총량관리, R17): the token's per-category
//! totals against an independent scan of the chain.
//!
//! The scan takes every address the register lists (`holdersPage`) and
//! every address any `Transfer` log ever named, replays the `Transfer` logs
//! into balances, and checks (1) the replayed balance of every address
//! equals its `balanceOf`, (2) the sum per holder category of those
//! balances equals `totalSupplyByCategory`, and (3) the categories sum to
//! `totalSupply`. `sto reconcile` prints the table and exits non-zero on
//! any difference; `sto demo` prints the same table.

use std::collections::{BTreeMap, BTreeSet};

use alloy::primitives::{Address, U256};
use alloy::sol_types::SolEvent;
use serde_json::json;
use sto_abi::derivation::category_name;
use sto_abi::{IERC20Face, ISecurityTokenCompliance as Compliance};

use crate::client::{CliError, Client};
use crate::ctx::Ctx;

/// What the scan of the chain found.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Balance total per category 0..=3, from `balanceOf` of every address.
    pub totals: [U256; 4],
    /// Addresses scanned.
    pub addresses: usize,
    /// Addresses whose replayed `Transfer` logs disagree with `balanceOf`.
    pub log_mismatches: Vec<String>,
}

/// Every address in `token`'s register (`holderCount`, `holdersPage`), in
/// order of first registration, read in pages of 200.
///
/// # Errors
/// The node does not answer.
pub async fn registered_holders(client: &Client, token: Address) -> Result<Vec<Address>, CliError> {
    let count = client.read(token, Compliance::holderCountCall {}).await?;
    let mut holders = vec![];
    let mut start = U256::ZERO;
    while start < count {
        let page = client
            .read(
                token,
                Compliance::holdersPageCall {
                    start,
                    count: U256::from(200),
                },
            )
            .await?;
        if page.is_empty() {
            break;
        }
        start += U256::from(page.len());
        holders.extend(page);
    }
    Ok(holders)
}

/// Scans `token`: the register and every `Transfer` log.
///
/// # Errors
/// The node does not answer.
pub async fn scan_registered(client: &Client, token: Address) -> Result<Scan, CliError> {
    let mut addresses: BTreeSet<Address> = registered_holders(client, token)
        .await?
        .into_iter()
        .collect();
    let mut replayed: BTreeMap<Address, U256> = BTreeMap::new();
    let logs = client
        .logs(token, IERC20Face::Transfer::SIGNATURE_HASH)
        .await?;
    for log in &logs {
        let Ok(t) = IERC20Face::Transfer::decode_log_data(log.data()) else {
            continue;
        };
        if !t.from.is_zero() {
            let b = replayed.entry(t.from).or_default();
            *b = b.saturating_sub(t.value);
        }
        if !t.to.is_zero() {
            *replayed.entry(t.to).or_default() += t.value;
        }
    }
    addresses.extend(replayed.keys().copied());
    let mut scan = Scan {
        addresses: addresses.len(),
        ..Scan::default()
    };
    for holder in addresses {
        let balance = client
            .read(token, IERC20Face::balanceOfCall { account: holder })
            .await?;
        let info = client
            .read(token, Compliance::holderInfoCall { holder })
            .await?;
        let category = usize::from(info.category.min(3));
        scan.totals[category] += balance;
        let from_logs = replayed.get(&holder).copied().unwrap_or_default();
        if from_logs != balance {
            scan.log_mismatches.push(format!(
                "{holder}: Transfer logs give {from_logs}, balanceOf {balance}"
            ));
        }
    }
    Ok(scan)
}

/// The printed reconciliation.
pub struct Table {
    /// Lines to print.
    pub lines: Vec<String>,
    /// (category, on-chain total, scanned total).
    pub rows: Vec<(&'static str, U256, U256)>,
    /// Every check passed.
    pub balanced: bool,
}

/// The table of `rec` (the token's `reconciliation()`) against `scan`.
pub fn table(rec: &Compliance::reconciliationReturn, scan: &Scan) -> Table {
    let onchain = [
        rec.unclassified,
        rec.individual,
        rec.corporate,
        rec.issuerOwn,
    ];
    let mut rows = vec![];
    let mut lines = vec![format!(
        "{:<14} {:>20} {:>20} {:>6}",
        "category", "token total", "scan of holders", "match"
    )];
    let mut balanced = true;
    for c in [1u8, 2, 3, 0] {
        let i = usize::from(c);
        let ok = onchain[i] == scan.totals[i];
        balanced &= ok;
        rows.push((category_name(c), onchain[i], scan.totals[i]));
        lines.push(format!(
            "{:<14} {:>20} {:>20} {:>6}",
            category_name(c),
            onchain[i],
            scan.totals[i],
            if ok { "yes" } else { "NO" }
        ));
    }
    let sum: U256 = onchain.iter().copied().sum();
    let sums_ok = sum == rec.supply;
    balanced &= sums_ok && scan.log_mismatches.is_empty();
    lines.push(format!(
        "{:<14} {:>20} {:>20} {:>6}",
        "total supply",
        rec.supply,
        scan.totals.iter().copied().sum::<U256>(),
        if sums_ok { "yes" } else { "NO" }
    ));
    lines.push(format!(
        "{} addresses scanned; Transfer logs replayed: {}",
        scan.addresses,
        if scan.log_mismatches.is_empty() {
            "every balance agrees".to_string()
        } else {
            format!("{} disagree", scan.log_mismatches.len())
        }
    ));
    lines.extend(scan.log_mismatches.iter().cloned());
    Table {
        lines,
        rows,
        balanced,
    }
}

/// `sto reconcile --token T`.
///
/// # Errors
/// The node does not answer, or the totals do not reconcile.
pub async fn run(ctx: &mut Ctx, token: &str) -> Result<(), CliError> {
    let token = ctx.token(token).await?;
    let rec = ctx
        .client
        .read(token, Compliance::reconciliationCall {})
        .await?;
    let scan = scan_registered(&ctx.client, token).await?;
    let t = table(&rec, &scan);
    for line in &t.lines {
        ctx.out.line(line);
    }
    let rows: Vec<_> = t
        .rows
        .iter()
        .map(
            |(name, a, b)| json!({"category": name, "token": a.to_string(), "scan": b.to_string()}),
        )
        .collect();
    ctx.out.field("categories", json!(rows));
    ctx.out.field("total_supply", json!(rec.supply.to_string()));
    ctx.out.field("addresses", json!(scan.addresses));
    ctx.out.field("balanced", json!(t.balanced));
    if !t.balanced {
        return Err(CliError::new(
            "reconciliation failed: the token's per-category totals differ from the scan (see the table)",
        ));
    }
    Ok(())
}
