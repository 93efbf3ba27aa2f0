//! Issuance from a subscription allocation file, exactly once.
//!
//! After `allocations::parse` accepted the whole file, the run has three
//! phases, each checked against the chain before anything is sent:
//!
//! 1. KYC: every holder not yet registered with its category is registered
//!    (`registerHolders`, one call per category chunk);
//! 2. issuance: the rows of each partition, in file order, cut into batches
//!    of `batch_size`; each batch has an id derived from the token, the
//!    SHA-256 of the file's parsed content (so line ends, a BOM or spaces
//!    do not make a new issue), the partition and the batch's index, and is issued
//!    with `issueBatchByPartition(batchId, …)`, which the token refuses for
//!    an id it has seen (`BatchAlreadyIssued`). A batch whose id the token
//!    reports issued (`isBatchIssued`) is skipped. So a re-run after any
//!    interruption (killed process, RPC failure, reverted batch) issues
//!    exactly what is missing, and no holder is ever issued twice, even if
//!    the journal was lost;
//! 3. trust property: every flagged holding not yet flagged
//!    (`setTrustProperties`).
//!
//! The journal (`<deployments>/issuance-<token>-<sha8>.json`, written
//! atomically after every transaction) records what was sent, the holders'
//! institution and account (for `sto holders`), and the gas of every run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use alloy::primitives::{keccak256, Address, B256, U256};
use serde::{Deserialize, Serialize};
use sto_abi::derivation::category_name;
use sto_abi::{IERC20Face, ISecurityTokenAdmin as Admin, ISecurityTokenCompliance as C};

use crate::allocations::{Allocation, Allocations};
use crate::client::{CliError, Client, Sent};

/// Format tag of the journal file.
pub const JOURNAL_FORMAT: &str = "sto-issuance-journal/1";

/// Environment variable of the crash test: exit with status 70 right after
/// the Nth issuance batch of this run is mined, before it is journaled
/// (the worst moment for a crash).
pub const CRASH_AFTER_BATCHES: &str = "STO_TEST_CRASH_AFTER_BATCHES";

/// One journaled holder: where its ledger address comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalHolder {
    /// Ledger address.
    pub address: Address,
    /// Institution code.
    pub institution: String,
    /// Account number.
    pub account: String,
    /// Category name.
    pub category: String,
}

/// One journaled transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalStep {
    /// `register`, `issue` or `trust`.
    pub kind: String,
    /// What it did (`batch 3 of general: 50 holders, 61234 units`).
    pub what: String,
    /// Batch id (issue steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<B256>,
    /// Transaction hash.
    pub tx: B256,
    /// Block.
    pub block: u64,
    /// Gas used.
    pub gas: u64,
}

/// The journal of one allocation file on one token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// [`JOURNAL_FORMAT`].
    pub format: String,
    /// The token.
    pub token: Address,
    /// The allocation file as given.
    pub file: String,
    /// SHA-256 of its parsed content (`Allocations::content_sha256`).
    pub file_sha256: B256,
    /// Every holder of the file.
    pub holders: Vec<JournalHolder>,
    /// Every transaction sent, over all runs.
    pub steps: Vec<JournalStep>,
}

impl Journal {
    /// Loads `path`, or starts a journal when there is none.
    ///
    /// # Errors
    /// The file exists but is not a journal of this token and file.
    pub fn open(
        path: &Path,
        token: Address,
        file: &str,
        sha: B256,
        a: &Allocations,
    ) -> Result<Self, CliError> {
        if path.exists() {
            let text = std::fs::read_to_string(path)
                .map_err(|e| CliError(format!("{}: {e}", path.display())))?;
            let j: Journal = serde_json::from_str(&text).map_err(|e| {
                CliError(format!("{}: not an issuance journal ({e})", path.display()))
            })?;
            if j.format != JOURNAL_FORMAT || j.token != token || j.file_sha256 != sha {
                return Err(CliError(format!(
                    "{} is the journal of another token or file (token {}, sha256 {})",
                    path.display(),
                    j.token,
                    j.file_sha256
                )));
            }
            return Ok(j);
        }
        Ok(Journal {
            format: JOURNAL_FORMAT.into(),
            token,
            file: file.into(),
            file_sha256: sha,
            holders: a
                .rows
                .iter()
                .map(|r| JournalHolder {
                    address: r.holder,
                    institution: r.institution.clone(),
                    account: r.account.clone(),
                    category: category_name(r.category).into(),
                })
                .collect(),
            steps: vec![],
        })
    }

    fn save(&self, path: &Path) -> Result<(), CliError> {
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| CliError(format!("encoding the journal: {e}")))?;
        crate::records::write_atomic(path, text.as_bytes())
    }
}

/// Where the journal of `token` and a file with `sha` lives.
pub fn journal_path(deployments: &Path, token: Address, sha: B256) -> PathBuf {
    deployments.join(format!(
        "issuance-{}-{}.json",
        token.to_string().to_lowercase(),
        &hex::encode(sha)[..8]
    ))
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> B256 {
    use sha2::Digest;
    B256::from_slice(&sha2::Sha256::digest(bytes))
}

/// The id of issuance batch `index` of `partition`.
pub fn batch_id(token: Address, sha: B256, partition: B256, index: u32) -> B256 {
    let mut pre = b"sto-allocation-batch/v1".to_vec();
    pre.extend_from_slice(token.as_slice());
    pre.extend_from_slice(sha.as_slice());
    pre.extend_from_slice(partition.as_slice());
    pre.extend_from_slice(&index.to_be_bytes());
    keccak256(pre)
}

/// What a run did and what the file amounts to.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Holders in the file.
    pub holders: usize,
    /// Holders this run registered.
    pub registered_now: usize,
    /// Issuance batches in the file's plan.
    pub batches: usize,
    /// Batches this run issued.
    pub issued_now: usize,
    /// Holdings flagged as trust property this run.
    pub trust_now: usize,
    /// Units per partition name.
    pub by_partition: BTreeMap<String, U256>,
    /// Units per category name.
    pub by_category: BTreeMap<&'static str, U256>,
    /// Gas of every journaled transaction, all runs.
    pub total_gas: u64,
    /// Gas of this run.
    pub run_gas: u64,
}

/// What would make the issuance revert, checked before anything is sent
/// (registration would otherwise land and the issue fail): the signer is
/// the issuer, the token is not paused, and issuance is open. (The supply
/// limit is checked in [`run`] once the batches still to issue are known.)
///
/// # Errors
/// The first of those that fails, by name.
async fn preflight(client: &Client, from: Address, token: Address) -> Result<(), CliError> {
    let issuer = client.read(token, Admin::issuerCall {}).await?;
    if issuer != from {
        return Err(CliError(format!(
            "the signer {from} is not the token's issuer ({issuer}): only the issuer issues; nothing was sent"
        )));
    }
    if client.read(token, Admin::pausedCall {}).await? {
        return Err(CliError::new(
            "the token is paused: unpause it before issuing; nothing was sent",
        ));
    }
    if !client
        .read(token, sto_abi::IERC1594::isIssuableCall {})
        .await?
    {
        return Err(CliError::new(
            "issuance of this token is closed for good; nothing was sent",
        ));
    }
    Ok(())
}

/// One planned issuance batch.
struct Batch<'a> {
    partition: B256,
    name: String,
    index: u32,
    rows: Vec<&'a Allocation>,
    /// Its exactly-once id (`batch_id`).
    id: B256,
    /// Already on chain before this run (read once, before anything is sent).
    done: bool,
}

/// Runs the allocation file `a` on `token` from `issuer`, journaling to
/// `journal_file`; `progress(step, total, what)` is told of each phase.
///
/// # Errors
/// A transaction fails (the journal keeps what landed; re-run to resume),
/// or the chain does not answer.
#[allow(clippy::too_many_arguments)]
pub async fn run(
    client: &Client,
    issuer: Address,
    token: Address,
    a: &Allocations,
    file: &str,
    sha: B256,
    journal_file: &Path,
    batch_size: usize,
    progress: &mut dyn FnMut(usize, usize, &str),
    on_tx: &mut dyn FnMut(&str, &Sent),
) -> Result<Report, CliError> {
    let batch_size = batch_size.max(1);
    preflight(client, issuer, token).await?;
    let mut journal = Journal::open(journal_file, token, file, sha, a)?;
    let mut report = Report {
        holders: a.rows.len(),
        by_partition: a.by_partition(),
        by_category: a.by_category(),
        ..Report::default()
    };

    // 1. KYC, per category, for holders not yet registered so.
    let mut pending: BTreeMap<u8, Vec<Address>> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in &a.rows {
        if !seen.insert(r.holder) {
            continue;
        }
        let info = client
            .read(token, C::holderInfoCall { holder: r.holder })
            .await?;
        if !(info.registered && info.category == r.category) {
            pending.entry(r.category).or_default().push(r.holder);
        }
    }
    let register_chunks: Vec<(u8, Vec<Address>)> = pending
        .into_iter()
        .flat_map(|(c, list)| {
            list.chunks((batch_size * 2).min(200))
                .map(|ch| (c, ch.to_vec()))
                .collect::<Vec<_>>()
        })
        .collect();

    // 2. Issuance batches, per partition in file order.
    let mut by_partition: Vec<(B256, String, Vec<&Allocation>)> = vec![];
    for r in &a.rows {
        match by_partition.iter_mut().find(|(p, _, _)| *p == r.partition) {
            Some((_, _, rows)) => rows.push(r),
            None => by_partition.push((r.partition, r.partition_name.clone(), vec![r])),
        }
    }
    let mut batches = vec![];
    for (partition, name, rows) in &by_partition {
        for (i, chunk) in rows.chunks(batch_size).enumerate() {
            let id = batch_id(token, sha, *partition, i as u32);
            let done = client
                .read(token, Admin::isBatchIssuedCall { batchId: id })
                .await?;
            batches.push(Batch {
                partition: *partition,
                name: name.clone(),
                index: i as u32,
                rows: chunk.to_vec(),
                id,
                done,
            });
        }
    }
    report.batches = batches.len();

    // 3. Trust flags not yet set, per partition.
    let mut trust: BTreeMap<B256, Vec<Address>> = BTreeMap::new();
    for r in a.rows.iter().filter(|r| r.trust) {
        let set = client
            .read(
                token,
                C::isTrustPropertyCall {
                    partition: r.partition,
                    holder: r.holder,
                },
            )
            .await?;
        if !set {
            trust.entry(r.partition).or_default().push(r.holder);
        }
    }

    // The units still to issue must fit under the token's limit.
    let mut pending_units = U256::ZERO;
    for b in &batches {
        if !b.done {
            pending_units += b.rows.iter().map(|r| r.units).sum::<U256>();
        }
    }
    let supply = client.read(token, IERC20Face::totalSupplyCall {}).await?;
    let max = crate::allocations::max_amount();
    if pending_units > max - supply.min(max) {
        return Err(CliError(format!(
            "issuing {pending_units} more base units would take the supply ({supply}) over the token's limit of 2^120 - 1; nothing was sent"
        )));
    }
    let total = register_chunks.len() + batches.len() + trust.len();
    let mut step = 0;
    let record =
        |journal: &mut Journal, kind: &str, what: String, batch: Option<B256>, sent: &Sent| {
            journal.steps.push(JournalStep {
                kind: kind.into(),
                what,
                batch_id: batch,
                tx: sent.hash,
                block: sent.block,
                gas: sent.gas_used,
            });
            journal.save(journal_file)
        };
    for (category, holders) in register_chunks {
        step += 1;
        let what = format!(
            "registering {} {} holders (KYC)",
            holders.len(),
            category_name(category)
        );
        progress(step, total, &what);
        let n = holders.len();
        let sent = client
            .send_call(
                &what,
                issuer,
                token,
                C::registerHoldersCall { holders, category },
            )
            .await?;
        on_tx(&what, &sent);
        report.registered_now += n;
        report.run_gas += sent.gas_used;
        record(&mut journal, "register", what, None, &sent)?;
    }
    let crash_after: Option<usize> = std::env::var(CRASH_AFTER_BATCHES)
        .ok()
        .and_then(|v| v.parse().ok());
    for b in &batches {
        step += 1;
        let id = b.id;
        let units: U256 = b.rows.iter().map(|r| r.units).sum();
        let what = format!(
            "issuing batch {} of {}: {} holders, {} units",
            b.index + 1,
            b.name,
            b.rows.len(),
            units
        );
        if b.done {
            progress(step, total, &format!("{what}: already on chain, skipped"));
            continue;
        }
        progress(step, total, &what);
        let call = Admin::issueBatchByPartitionCall {
            batchId: id,
            partition: b.partition,
            holders: b.rows.iter().map(|r| r.holder).collect(),
            values: b.rows.iter().map(|r| r.units).collect(),
        };
        let sent = client.send_call(&what, issuer, token, call).await?;
        on_tx(&what, &sent);
        report.issued_now += 1;
        report.run_gas += sent.gas_used;
        if crash_after == Some(report.issued_now) {
            eprintln!(
                "{CRASH_AFTER_BATCHES}: exiting after {} batches",
                report.issued_now
            );
            std::process::exit(70);
        }
        record(&mut journal, "issue", what, Some(id), &sent)?;
    }
    for (partition, holders) in trust {
        step += 1;
        let what = format!(
            "flagging {} holdings of {} as trust property",
            holders.len(),
            crate::units::partition_name(partition)
        );
        progress(step, total, &what);
        let n = holders.len();
        let call = C::setTrustPropertiesCall {
            holders,
            partition,
            trust: true,
        };
        let sent = client.send_call(&what, issuer, token, call).await?;
        on_tx(&what, &sent);
        report.trust_now += n;
        report.run_gas += sent.gas_used;
        record(&mut journal, "trust", what, None, &sent)?;
    }
    // Every batch of the plan must now be on chain.
    for b in &batches {
        if !client
            .read(token, Admin::isBatchIssuedCall { batchId: b.id })
            .await?
        {
            return Err(CliError(format!(
                "batch {} of {} is not on chain after the run; run the command again",
                b.index + 1,
                b.name
            )));
        }
    }
    let _ = client.read(token, IERC20Face::totalSupplyCall {}).await?;
    report.total_gas = journal.steps.iter().map(|s| s.gas).sum();
    journal.save(journal_file)?;
    Ok(report)
}

/// The journals in `dir` of `token`, for naming holders by account.
pub fn journals_of(dir: &Path, token: Address) -> Vec<Journal> {
    let prefix = format!("issuance-{}-", token.to_string().to_lowercase());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|t| serde_json::from_str::<Journal>(&t).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_ids_differ_by_every_input() {
        let (t, s, p) = (
            Address::repeat_byte(1),
            B256::repeat_byte(2),
            B256::repeat_byte(3),
        );
        let base = batch_id(t, s, p, 0);
        assert_ne!(base, batch_id(Address::repeat_byte(9), s, p, 0));
        assert_ne!(base, batch_id(t, B256::repeat_byte(9), p, 0));
        assert_ne!(base, batch_id(t, s, B256::repeat_byte(9), 0));
        assert_ne!(base, batch_id(t, s, p, 1));
        assert_eq!(base, batch_id(t, s, p, 0));
    }

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(
            sha256(b"abc").to_string(),
            "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

/// `sto issue --allocations` arguments.
#[derive(Debug, Clone)]
pub struct FileArgs {
    /// Token: address or recorded symbol.
    pub token: String,
    /// The allocation file.
    pub file: PathBuf,
    /// Planned quantity of the issue, in token units.
    pub planned: Option<String>,
    /// Partitions the file may issue into besides the token's own.
    pub new_partitions: Vec<String>,
    /// Holders per issuance batch.
    pub batch_size: usize,
}

/// `sto issue --token T --allocations FILE.csv`.
///
/// # Errors
/// A bad file (every bad line named, nothing sent), a failed transaction
/// (re-run to resume), or the chain does not answer.
pub async fn command(ctx: &mut crate::ctx::Ctx, args: FileArgs) -> Result<(), CliError> {
    use serde_json::json;
    let from = ctx.sender()?;
    let token = ctx.token(&args.token).await?;
    let bytes =
        std::fs::read(&args.file).map_err(|e| CliError(format!("{}: {e}", args.file.display())))?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| CliError(format!("{}: not UTF-8 text", args.file.display())))?;
    let decimals = ctx.client.read(token, IERC20Face::decimalsCall {}).await?;
    let mut partitions = ctx
        .client
        .read(token, Admin::getDefaultPartitionsCall {})
        .await?;
    partitions.extend(
        ctx.client
            .read(token, sto_abi::IERC1410::totalPartitionsCall {})
            .await?,
    );
    for p in &args.new_partitions {
        partitions.push(crate::units::partition(p)?);
    }
    let planned = args
        .planned
        .as_deref()
        .map(|p| crate::units::amount(p, decimals))
        .transpose()?;
    let rules = crate::allocations::Rules {
        decimals,
        partitions: &partitions,
        planned,
    };
    let allocations = crate::allocations::parse(&text, &rules).map_err(|errors| {
        for e in &errors {
            eprintln!("{}: {e}", args.file.display());
        }
        CliError(format!(
            "{}: {} problem{} (listed above); nothing was sent",
            args.file.display(),
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ))
    })?;
    let sha = allocations.content_sha256();
    let dir = ctx
        .records
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let journal_file = journal_path(&dir, token, sha);
    let started = std::time::Instant::now();
    let out = &mut ctx.out;
    let mut progress = |step: usize, total: usize, what: &str| eprintln!("[{step}/{total}] {what}");
    let mut txs = vec![];
    let mut on_tx = |what: &str, sent: &Sent| txs.push((what.to_string(), sent.clone()));
    let report = run(
        &ctx.client,
        from,
        token,
        &allocations,
        &args.file.display().to_string(),
        sha,
        &journal_file,
        args.batch_size,
        &mut progress,
        &mut on_tx,
    )
    .await?;
    // One compact line per transaction: a batch's events (three per
    // holder) are on chain and in `sto holders`, not on the terminal.
    let mut sent_json = vec![];
    for (what, sent) in &txs {
        out.line(format!(
            "{what}: tx {} block {} gas {} ({} events)",
            sent.hash,
            sent.block,
            sent.gas_used,
            sent.receipt.inner.logs().len()
        ));
        sent_json.push(json!({"what": what, "hash": sent.hash.to_string(), "block": sent.block, "gas": sent.gas_used}));
    }
    out.field("transactions", json!(sent_json));
    let fmt = |v: U256| crate::units::format_amount(v, decimals);
    out.line(format!(
        "{} holders ({} registered now), {} batches ({} issued now, the rest already on chain), {} trust flags set now",
        report.holders, report.registered_now, report.batches, report.issued_now, report.trust_now
    ));
    let rows: Vec<Vec<String>> = report
        .by_partition
        .iter()
        .map(|(p, v)| vec![format!("partition {p}"), fmt(*v)])
        .chain(
            report
                .by_category
                .iter()
                .map(|(c, v)| vec![format!("category {c}"), fmt(*v)]),
        )
        .chain([vec!["total".to_string(), fmt(allocations.total)]])
        .collect();
    out.table(&["issued", "units"], &rows);
    let per_holder = report.total_gas / report.holders.max(1) as u64;
    out.line(format!(
        "gas: {} this run, {} over every run, {per_holder} per holder; {:.1} s; journal {}",
        report.run_gas,
        report.total_gas,
        started.elapsed().as_secs_f64(),
        journal_file.display()
    ));
    out.field("holders", json!(report.holders));
    out.field("registered_now", json!(report.registered_now));
    out.field("batches", json!(report.batches));
    out.field("issued_now", json!(report.issued_now));
    out.field(
        "by_partition",
        json!(report
            .by_partition
            .iter()
            .map(|(k, v)| (k.clone(), fmt(*v)))
            .collect::<BTreeMap<_, _>>()),
    );
    out.field(
        "by_category",
        json!(report
            .by_category
            .iter()
            .map(|(k, v)| (k.to_string(), fmt(*v)))
            .collect::<BTreeMap<_, _>>()),
    );
    out.field("total", json!(fmt(allocations.total)));
    out.field("total_gas", json!(report.total_gas));
    out.field("gas_per_holder", json!(per_holder));
    out.field("journal", json!(journal_file.display().to_string()));
    Ok(())
}
