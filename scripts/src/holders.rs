//! `sto holders --token T --csv`: the register of holders as the registry
//! compares it with its books: one line per holding (holder x partition),
//! with the holder's institution and account when an issuance journal in
//! the deployments directory names them, its category and flags, and the
//! holding's balance, pledged and frozen amounts and trust-property flag.
//! A registered holder without any holding gets one line with an empty
//! partition.

use std::collections::BTreeMap;
use std::path::PathBuf;

use alloy::primitives::Address;
use serde_json::json;
use sto_abi::derivation::category_name;
use sto_abi::{IERC20Face, ISecurityTokenCompliance as C};

use crate::client::CliError;
use crate::ctx::Ctx;
use crate::units::{format_amount, partition_name};

/// The CSV header of the export.
pub const HEADER: &str = "address,institution,account,category,registered,address_frozen,partition,balance,pledged,frozen,trust_property";

/// `sto holders`.
///
/// # Errors
/// The chain does not answer, or `out` cannot be written.
pub async fn run(
    ctx: &mut Ctx,
    token: &str,
    csv: bool,
    out: Option<PathBuf>,
) -> Result<(), CliError> {
    let token = ctx.token(token).await?;
    let c = &ctx.client;
    let decimals = c.read(token, IERC20Face::decimalsCall {}).await?;
    let dir = ctx
        .records
        .path
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or_default();
    let mut accounts: BTreeMap<Address, (String, String)> = BTreeMap::new();
    for j in crate::issuance::journals_of(&dir, token) {
        for h in j.holders {
            accounts.insert(h.address, (h.institution, h.account));
        }
    }
    let holders = crate::reconcile::registered_holders(c, token).await?;
    let mut lines = vec![HEADER.to_string()];
    let mut docs = vec![];
    let mut table = vec![];
    for holder in holders {
        let e = c.read(token, C::ledgerEntryCall { holder }).await?;
        let (institution, account) = accounts.get(&holder).cloned().unwrap_or_default();
        let mut push =
            |partition: String, balance: String, pledged: String, frozen: String, trust: bool| {
                lines.push(format!(
                    "{holder},{},{},{},{},{},{},{balance},{pledged},{frozen},{}",
                    csv_field(&institution),
                    csv_field(&account),
                    category_name(e.category),
                    yn(e.registered),
                    yn(e.frozen),
                    csv_field(&partition),
                    yn(trust)
                ));
                table.push(vec![
                    holder.to_string(),
                    institution.clone(),
                    account.clone(),
                    category_name(e.category).to_string(),
                    yn(e.registered).to_string(),
                    yn(e.frozen).to_string(),
                    partition.clone(),
                    balance.clone(),
                    pledged.clone(),
                    frozen.clone(),
                    yn(trust).to_string(),
                ]);
                docs.push(json!({
                    "address": holder.to_string(), "institution": institution, "account": account,
                    "category": category_name(e.category), "registered": e.registered,
                    "address_frozen": e.frozen, "partition": partition, "balance": balance,
                    "pledged": pledged, "frozen": frozen, "trust_property": trust,
                }));
            };
        if e.partitions.is_empty() {
            push(String::new(), "0".into(), "0".into(), "0".into(), false);
        }
        for i in 0..e.partitions.len() {
            push(
                partition_name(e.partitions[i]),
                format_amount(e.balances[i], decimals),
                format_amount(e.pledged[i], decimals),
                format_amount(e.frozenAmounts[i], decimals),
                e.trust[i],
            );
        }
    }
    let text = lines.join("\n");
    match out {
        Some(path) => {
            crate::records::write_atomic(&path, text.as_bytes())?;
            ctx.out.line(format!(
                "{} holdings written to {}",
                lines.len() - 1,
                path.display()
            ));
        }
        None if csv => ctx.out.line(&text),
        None => {
            let header: Vec<&str> = HEADER.split(',').collect();
            ctx.out.table(&header, &table);
        }
    }
    ctx.out.field("holdings", json!(docs));
    Ok(())
}

/// `s` as one RFC 4180 field: quoted (quotes doubled) when it holds a
/// comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn yn(b: bool) -> &'static str {
    if b {
        "Y"
    } else {
        "N"
    }
}
