//! `sto demo --scenario FILE.json`: the main job on a realistic issue,
//! from a scenario file (`data/scenario-office-fund.json`): deploy the
//! stack, create the token from the scenario's parameters, set its
//! documents, issue from the allocation file (KYC, batches, trust flags),
//! then the after-issuance steps: a secondary trade (executed by the
//! distribution-side securities firm, since holders' ledger addresses are
//! custodial), a pledge, a court-ordered forced transfer, a freeze and the
//! reconciliation by category. Every step prints its transaction and gas;
//! the end is a summary table, and every holder's final balance is
//! checked against the allocation file and the steps (a mismatch is an
//! error).
//!
//! Scenario file: `name`, `symbol`, `decimals`, `security_kind`,
//! `issue_id` (text, at most 32 bytes), `issuer`, `account_management_institution`
//! (names, shown only), `partitions`, `default_partitions`,
//! `allocations_file` (relative to the scenario file), `documents`
//! (`name`, `uri`, `sha256_of_text`: the document hash is the SHA-256 of
//! that text), `after_issuance` (steps named by `step`: `secondary trade`
//! {from_row, to_row, units, partition}, `pledge` {row, units, pledgee_row,
//! reference}, `court-ordered forced transfer` {from_row, to_row, units,
//! reason}, `freeze` {row}, `reconcile by category`); rows are 1-based data
//! rows of the allocation file.

use std::collections::BTreeMap;
use std::path::Path;

use alloy::primitives::{Address, Bytes, B256, U256};
use serde::Deserialize;
use sto_abi::derivation::category_name;
use sto_abi::{
    IERC20Face, ISecurityTokenAdmin, ISecurityTokenCompliance as C, IERC1410, IERC1643, IERC1644,
};

use crate::allocations::{self, Allocations};
use crate::client::{CliError, Client};
use crate::demo::{create_token, deploy_stack, Cast, Log};
use crate::units::{partition, partition_name};

/// A scenario file.
#[derive(Debug, Clone, Deserialize)]
pub struct Scenario {
    /// ERC-20 name.
    pub name: String,
    /// ERC-20 symbol.
    pub symbol: String,
    /// Decimals.
    pub decimals: u8,
    /// Kind of security (R13).
    pub security_kind: String,
    /// Issue identifier (text).
    pub issue_id: String,
    /// Issuer's name (shown).
    #[serde(default)]
    pub issuer: String,
    /// Account-management institution's code (shown).
    #[serde(default)]
    pub account_management_institution: String,
    /// Every partition of the issue.
    pub partitions: Vec<String>,
    /// Default partitions.
    pub default_partitions: Vec<String>,
    /// The allocation file, relative to the scenario file.
    pub allocations_file: String,
    /// Documents.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Steps after issuance.
    #[serde(default)]
    pub after_issuance: Vec<Step>,
}

/// One document of the scenario.
#[derive(Debug, Clone, Deserialize)]
pub struct Document {
    /// Name (at most 32 bytes).
    pub name: String,
    /// URI.
    pub uri: String,
    /// Text whose SHA-256 is the document hash.
    pub sha256_of_text: String,
}

/// One after-issuance step.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "step")]
pub enum Step {
    /// A trade between two holders.
    #[serde(rename = "secondary trade")]
    Trade {
        /// Seller row.
        from_row: usize,
        /// Buyer row.
        to_row: usize,
        /// Units.
        units: u64,
        /// Partition.
        partition: String,
    },
    /// A pledge of part of a holding.
    #[serde(rename = "pledge")]
    Pledge {
        /// Pledgor row.
        row: usize,
        /// Units.
        units: u64,
        /// Pledgee row.
        pledgee_row: usize,
        /// Loan reference.
        reference: String,
    },
    /// A forced transfer by the controller.
    #[serde(rename = "court-ordered forced transfer")]
    Forced {
        /// Holder row.
        from_row: usize,
        /// Receiver row.
        to_row: usize,
        /// Units.
        units: u64,
        /// The order.
        reason: String,
    },
    /// A freeze of a holder's whole address.
    #[serde(rename = "freeze")]
    Freeze {
        /// Holder row.
        row: usize,
    },
    /// The reconciliation by category.
    #[serde(rename = "reconcile by category")]
    Reconcile,
}

/// Loads and checks a scenario file.
///
/// # Errors
/// Unreadable, not JSON of this shape, or naming rows outside the file.
pub fn load(path: &Path) -> Result<(Scenario, Vec<u8>), CliError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| CliError(format!("{}: {e}", path.display())))?;
    let scenario: Scenario = serde_json::from_str(&text)
        .map_err(|e| CliError(format!("{}: not a scenario file: {e}", path.display())))?;
    let bad = |what: &str, e: CliError| CliError(format!("{}: {what}: {e}", path.display()));
    let word = |what: &str, text: &str| partition(text).map_err(|e| bad(what, e));
    word("issue_id", &scenario.issue_id)?;
    for p in scenario
        .partitions
        .iter()
        .chain(&scenario.default_partitions)
    {
        word("partitions", p)?;
    }
    for d in &scenario.documents {
        word("documents[].name", &d.name)?;
    }
    if scenario.allocations_file.is_empty() {
        return Err(CliError(format!(
            "{}: allocations_file is empty",
            path.display()
        )));
    }
    let csv = path
        .parent()
        .unwrap_or(Path::new("."))
        .join(&scenario.allocations_file);
    let bytes = std::fs::read(&csv).map_err(|e| CliError(format!("{}: {e}", csv.display())))?;
    // Every row and reference the steps name, before anything is sent.
    let known = scenario
        .partitions
        .iter()
        .map(|p| partition(p))
        .collect::<Result<Vec<_>, _>>()?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| CliError(format!("{}: not UTF-8 text", csv.display())))?;
    let rules = allocations::Rules {
        decimals: scenario.decimals,
        partitions: &known,
        planned: None,
    };
    let a = allocations::parse(&text, &rules)
        .map_err(|errors| CliError(format!("{}: refused: {}", csv.display(), errors.join("; "))))?;
    for step in &scenario.after_issuance {
        let rows: Vec<usize> = match step {
            Step::Trade {
                from_row,
                to_row,
                partition: p,
                ..
            } => {
                word("after_issuance secondary trade partition", p)?;
                vec![*from_row, *to_row]
            }
            Step::Pledge {
                row,
                pledgee_row,
                reference,
                ..
            } => {
                word("after_issuance pledge reference", reference)?;
                vec![*row, *pledgee_row]
            }
            Step::Forced {
                from_row, to_row, ..
            } => vec![*from_row, *to_row],
            Step::Freeze { row } => vec![*row],
            Step::Reconcile => vec![],
        };
        for r in rows {
            row(&a, r).map_err(|e| CliError(format!("{}: {e}", path.display())))?;
        }
    }
    Ok((scenario, bytes))
}

/// The allocation row `row` (1-based).
fn row(a: &Allocations, row: usize) -> Result<&allocations::Allocation, CliError> {
    row.checked_sub(1)
        .and_then(|i| a.rows.get(i))
        .ok_or_else(|| {
            CliError(format!(
                "the scenario names row {row}; the allocation file has {} rows",
                a.rows.len()
            ))
        })
}

/// Runs the scenario at `path`.
///
/// # Errors
/// Any step fails, or a final balance differs from what the file and the
/// steps give.
pub async fn run(client: &Client, cast: &Cast, path: &Path) -> Result<(), CliError> {
    let started = std::time::Instant::now();
    let (s, bytes) = load(path)?;
    let issuer = cast.issuer.address();
    let controller = cast.controller.address();
    let firm = cast.operator.address();
    let mut log = Log { gas: vec![] };
    println!(
        "scenario: {} ({}), issuer {} , institution {}",
        s.name, s.symbol, s.issuer, s.account_management_institution
    );
    println!("1. Deploy the stack");
    let stack = deploy_stack(client, issuer, &mut log).await?;

    println!("2. Create the token from the scenario's parameters");
    let defaults = s
        .default_partitions
        .iter()
        .map(|p| partition(p))
        .collect::<Result<Vec<_>, _>>()?;
    let init = ISecurityTokenAdmin::initializeCall {
        name: s.name.clone(),
        symbol: s.symbol.clone(),
        decimals: s.decimals,
        issuer,
        controllers: vec![controller],
        defaultPartitions: defaults,
        accountManager: controller,
        securityKind: s.security_kind.clone(),
        issueId: partition(&s.issue_id)?,
    };
    let token = create_token(client, issuer, stack.factory.address, &init, &mut log).await?;
    println!("  token proxy {token}");
    let sent = client
        .send_call(
            "appointing the securities firm",
            issuer,
            token,
            ISecurityTokenAdmin::appointOperatorCall {
                operator: firm,
                side: 2,
            },
        )
        .await?;
    log.step("appointOperator(securities firm, distribution side)", &sent);
    for d in &s.documents {
        let sent = client
            .send_call(
                &format!("setting document {}", d.name),
                issuer,
                token,
                IERC1643::setDocumentCall {
                    name: partition(&d.name)?,
                    uri: d.uri.clone(),
                    documentHash: crate::issuance::sha256(d.sha256_of_text.as_bytes()),
                },
            )
            .await?;
        log.step(&format!("setDocument({})", d.name), &sent);
    }

    println!("3. Issue from the allocation file");
    let known = s
        .partitions
        .iter()
        .map(|p| partition(p))
        .collect::<Result<Vec<_>, _>>()?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| CliError::new("the allocation file is not UTF-8"))?;
    let rules = allocations::Rules {
        decimals: s.decimals,
        partitions: &known,
        planned: None,
    };
    let a = allocations::parse(&text, &rules).map_err(|errors| {
        CliError(format!(
            "the allocation file is refused: {}",
            errors.join("; ")
        ))
    })?;
    let sha = a.content_sha256();
    let journal_dir = std::env::temp_dir().join(format!("sto-scenario-{}", std::process::id()));
    let journal = crate::issuance::journal_path(&journal_dir, token, sha);
    let issue_started = std::time::Instant::now();
    let mut progress = |_: usize, _: usize, _: &str| {};
    let mut on_tx = |what: &str, sent: &crate::client::Sent| log.step(what, sent);
    let report = crate::issuance::run(
        client,
        issuer,
        token,
        &a,
        &s.allocations_file,
        sha,
        &journal,
        50,
        &mut progress,
        &mut on_tx,
    )
    .await?;
    let issue_secs = issue_started.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&journal_dir);
    println!(
        "  {} holders, {} units, {} batches: gas {} ({} per holder), {:.1} s",
        report.holders,
        a.total,
        report.batches,
        report.run_gas,
        report.run_gas / report.holders.max(1) as u64,
        issue_secs
    );

    println!("4. After issuance");
    // Expected balances: the file, then every step that moves value.
    let mut expected: BTreeMap<(Address, B256), U256> = BTreeMap::new();
    for r in &a.rows {
        *expected.entry((r.holder, r.partition)).or_default() += r.units;
    }
    let mut frozen_holders = vec![];
    for step in &s.after_issuance {
        match step {
            Step::Trade {
                from_row,
                to_row,
                units,
                partition: p,
            } => {
                let (from, to) = (row(&a, *from_row)?.holder, row(&a, *to_row)?.holder);
                let p = partition(p)?;
                let value = U256::from(*units);
                let sent = client
                    .send_call(
                        "the secondary trade",
                        firm,
                        token,
                        IERC1410::operatorTransferByPartitionCall {
                            partition: p,
                            from,
                            to,
                            value,
                            data: Bytes::new(),
                            operatorData: Bytes::from_static(b"OTC trade"),
                        },
                    )
                    .await?;
                log.step(&format!("secondary trade: {units} from row {from_row} to row {to_row} (securities firm)"), &sent);
                *expected.entry((from, p)).or_default() -= value;
                *expected.entry((to, p)).or_default() += value;
            }
            Step::Pledge {
                row: r,
                units,
                pledgee_row,
                reference,
            } => {
                let holder = row(&a, *r)?;
                let pledgee = row(&a, *pledgee_row)?.holder;
                let sent = client
                    .send_call(
                        "the pledge",
                        controller,
                        token,
                        C::pledgeCall {
                            holder: holder.holder,
                            partition: holder.partition,
                            amount: U256::from(*units),
                            pledgee,
                            refCode: partition(reference)?,
                        },
                    )
                    .await?;
                log.step(
                    &format!("pledge: {units} of row {r} to row {pledgee_row} ({reference})"),
                    &sent,
                );
            }
            Step::Forced {
                from_row,
                to_row,
                units,
                reason,
            } => {
                let from = row(&a, *from_row)?;
                let to = row(&a, *to_row)?.holder;
                let value = U256::from(*units);
                let sent = client
                    .send_call(
                        "the forced transfer",
                        controller,
                        token,
                        IERC1644::controllerTransferByPartitionCall {
                            partition: from.partition,
                            from: from.holder,
                            to,
                            value,
                            data: Bytes::new(),
                            operatorData: Bytes::copy_from_slice(reason.as_bytes()),
                        },
                    )
                    .await?;
                log.step(
                    &format!(
                        "forced transfer: {units} from row {from_row} to row {to_row} ({reason})"
                    ),
                    &sent,
                );
                *expected.entry((from.holder, from.partition)).or_default() -= value;
                *expected.entry((to, from.partition)).or_default() += value;
            }
            Step::Freeze { row: r } => {
                let holder = row(&a, *r)?.holder;
                let sent = client
                    .send_call(
                        "the freeze",
                        controller,
                        token,
                        C::freezeAddressCall { holder },
                    )
                    .await?;
                log.step(&format!("freezeAddress: row {r}"), &sent);
                frozen_holders.push(holder);
            }
            Step::Reconcile => {
                let rec = client.read(token, C::reconciliationCall {}).await?;
                let scan = crate::reconcile::scan_registered(client, token).await?;
                let table = crate::reconcile::table(&rec, &scan);
                println!("  reconciliation by holder category:");
                for line in &table.lines {
                    println!("    {line}");
                }
                if !table.balanced {
                    return Err(CliError::new("reconciliation failed (see the table)"));
                }
            }
        }
    }

    println!("5. Summary");
    let mut mismatches = vec![];
    for ((holder, p), want) in &expected {
        let got = client
            .read(
                token,
                IERC1410::balanceOfByPartitionCall {
                    partition: *p,
                    tokenHolder: *holder,
                },
            )
            .await?;
        if got != *want {
            mismatches.push(format!(
                "{holder} in {}: {got}, expected {want}",
                partition_name(*p)
            ));
        }
    }
    for holder in &frozen_holders {
        let info = client
            .read(token, C::holderInfoCall { holder: *holder })
            .await?;
        if !info.frozen {
            mismatches.push(format!("{holder} should be frozen"));
        }
    }
    let mut holders_by_category: BTreeMap<&str, usize> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in &a.rows {
        if seen.insert(r.holder) {
            *holders_by_category
                .entry(category_name(r.category))
                .or_default() += 1;
        }
    }
    let rec = client.read(token, C::reconciliationCall {}).await?;
    let ledger = client.read(token, C::ledgerCall {}).await?;
    let supply = client.read(token, IERC20Face::totalSupplyCall {}).await?;
    println!("  {:<24} {:>8} {:>12}", "category", "holders", "units");
    for (name, units) in [
        ("individual", rec.individual),
        ("corporate", rec.corporate),
        ("issuer-own", rec.issuerOwn),
        ("unclassified", rec.unclassified),
    ] {
        let n = holders_by_category.get(name).copied().unwrap_or(0);
        println!("  {name:<24} {n:>8} {units:>12}");
    }
    for p in &s.partitions {
        let supply = client
            .read(
                token,
                IERC1410::totalSupplyByPartitionCall {
                    partition: partition(p)?,
                },
            )
            .await?;
        println!("  {:<24} {:>8} {supply:>12}", format!("partition {p}"), "");
    }
    let trust = a.rows.iter().filter(|r| r.trust).count();
    println!(
        "  {:<24} {:>8} {:>12}",
        "pledged", "", ledger.pledgedQuantity
    );
    println!(
        "  {:<24} {:>8} {:>12}",
        "frozen addresses",
        frozen_holders.len(),
        ""
    );
    println!("  {:<24} {trust:>8} {:>12}", "trust-flagged holdings", "");
    println!(
        "  {:<24} {:>8} {supply:>12}",
        "total supply", ledger.holderCount
    );
    let reconciled = rec.individual + rec.corporate + rec.issuerOwn + rec.unclassified == supply
        && supply == a.total;
    println!(
        "  reconciliation: {}",
        if reconciled {
            "categories sum to the total supply, which equals the allocation file"
        } else {
            "FAILED"
        }
    );
    let total_gas: u64 = log.gas.iter().map(|g| g.1).sum();
    println!(
        "  total gas {total_gas} in {} transactions; issuance {} gas ({} per holder); wall time {:.1} s",
        log.gas.len(),
        report.run_gas,
        report.run_gas / report.holders.max(1) as u64,
        started.elapsed().as_secs_f64()
    );
    if !reconciled || !mismatches.is_empty() {
        return Err(CliError(format!(
            "the final register differs from the allocation file and the steps: {}",
            mismatches.join("; ")
        )));
    }
    println!("scenario done: every holder's balance matches the allocation file and the steps");
    Ok(())
}
