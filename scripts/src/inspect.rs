//! The read-only commands: `info`, `balance`, `can-transfer`, `doc get|ls`
//! and `role ls`. They need no key.

use alloy::primitives::{Address, B256, U256};
use alloy::sol_types::SolEvent;
use serde_json::json;
use sto_abi::derivation::category_name;
use sto_abi::ISecurityTokenErrors::ISecurityTokenErrorsErrors;
use sto_abi::{
    status, IERC20Face, ISecurityTokenAdmin, ISecurityTokenCompliance as Compliance, IERC1410,
    IERC1594, IERC1643, IERC1644,
};

use crate::client::CliError;
use crate::ctx::Ctx;
use crate::ops::{data_arg, resolve, Amount};
use crate::units::{self, format_amount, partition_name};

/// The meaning of an ERC-1400 status byte.
pub fn status_meaning(code: u8) -> &'static str {
    match code {
        status::TRANSFER_FAILURE => "transfer failure",
        status::TRANSFER_SUCCESS => "transfer success",
        status::INSUFFICIENT_BALANCE => "insufficient balance",
        status::INSUFFICIENT_ALLOWANCE => "insufficient allowance",
        status::TRANSFERS_HALTED => "transfers halted",
        status::FUNDS_LOCKED => "funds locked",
        status::INVALID_SENDER => "invalid sender",
        status::INVALID_RECEIVER => "invalid receiver",
        status::INVALID_OPERATOR => "invalid operator",
        status::TOKEN_META_OR_INFO => "token meta or info",
        _ => "unknown status",
    }
}

/// The custom error a `canTransfer*` reason names (its selector, left-aligned).
pub fn reason_name(reason: B256) -> String {
    if reason == B256::ZERO {
        return "none".into();
    }
    let selector: [u8; 4] = reason[..4].try_into().unwrap_or_default();
    ISecurityTokenErrorsErrors::name_by_selector(selector)
        .map(str::to_string)
        .unwrap_or_else(|| format!("unknown reason {reason}"))
}

/// Every holding of a registered holder flagged as trust property:
/// (holder, partition, balance).
async fn trust_flagged(ctx: &Ctx, token: Address) -> Result<Vec<(Address, B256, U256)>, CliError> {
    let c = &ctx.client;
    let mut out = vec![];
    for holder in crate::reconcile::registered_holders(c, token).await? {
        let e = c
            .read(token, Compliance::ledgerEntryCall { holder })
            .await?;
        for (i, p) in e.partitions.iter().enumerate() {
            if e.trust[i] {
                out.push((holder, *p, e.balances[i]));
            }
        }
    }
    Ok(out)
}

/// `sto can-transfer` arguments.
#[derive(clap::Args, Debug, Clone)]
pub struct CanTransfer {
    #[command(flatten)]
    pub amount: Amount,
    /// Sender (default: the signer).
    #[arg(long)]
    pub from: Option<Address>,
    /// Receiver.
    #[arg(long)]
    pub to: Address,
    /// Data the transfer would carry (0x-hex or text).
    #[arg(long)]
    pub data: Option<String>,
}

/// `sto can-transfer`: what the token answers, and what it means.
pub async fn can_transfer(ctx: &mut Ctx, a: CanTransfer) -> Result<(), CliError> {
    let (token, value, partition) = resolve(ctx, &a.amount).await?;
    let data = data_arg(&a.data)?;
    let from = a.from.or(ctx.from).ok_or_else(|| {
        CliError::new("give --from (or a key: the sender defaults to the signer)")
    })?;
    let (code, reason, destination) = match partition {
        Some(partition) => {
            let call = IERC1410::canTransferByPartitionCall {
                from,
                to: a.to,
                partition,
                value,
                data,
            };
            let r = ctx.client.read(token, call).await?;
            (r.status, r.reason, Some(r.destinationPartition))
        }
        None => {
            let call = IERC1594::canTransferCall {
                to: a.to,
                value,
                data,
            };
            let r = ctx.client.read_as(from, token, call).await?;
            (r.status, r.reason, None)
        }
    };
    let code = code[0];
    ctx.out
        .line(format!("status 0x{code:02x} ({})", status_meaning(code)));
    ctx.out.line(format!("reason {}", reason_name(reason)));
    if let Some(d) = destination.filter(|d| *d != B256::ZERO) {
        ctx.out
            .line(format!("destination partition {}", partition_name(d)));
    }
    ctx.out.field("status", json!(format!("0x{code:02x}")));
    ctx.out.field("meaning", json!(status_meaning(code)));
    ctx.out.field("reason", json!(reason_name(reason)));
    if let Some(d) = destination {
        ctx.out.field("destinationPartition", json!(d.to_string()));
    }
    Ok(())
}

/// `sto balance`: a holder's balance, total and by partition.
pub async fn balance(ctx: &mut Ctx, token: &str, holder: Address) -> Result<(), CliError> {
    let token = ctx.token(token).await?;
    let decimals = ctx.client.read(token, IERC20Face::decimalsCall {}).await?;
    let total = ctx
        .client
        .read(token, IERC20Face::balanceOfCall { account: holder })
        .await?;
    let parts = ctx
        .client
        .read(
            token,
            IERC1410::partitionsOfCall {
                tokenHolder: holder,
            },
        )
        .await?;
    let mut rows = vec![];
    let mut by = serde_json::Map::new();
    let mut details = vec![];
    for p in parts {
        let b = ctx
            .client
            .read(
                token,
                IERC1410::balanceOfByPartitionCall {
                    partition: p,
                    tokenHolder: holder,
                },
            )
            .await?;
        let pledged = ctx
            .client
            .read(
                token,
                Compliance::pledgedBalanceOfCall {
                    partition: p,
                    holder,
                },
            )
            .await?;
        let frozen = ctx
            .client
            .read(
                token,
                Compliance::frozenBalanceOfCall {
                    partition: p,
                    holder,
                },
            )
            .await?;
        let trust = ctx
            .client
            .read(
                token,
                Compliance::isTrustPropertyCall {
                    partition: p,
                    holder,
                },
            )
            .await?;
        rows.push(vec![
            partition_name(p),
            format_amount(b, decimals),
            format_amount(pledged, decimals),
            format_amount(frozen, decimals),
            if trust { "Y" } else { "N" }.to_string(),
        ]);
        by.insert(partition_name(p), json!(format_amount(b, decimals)));
        details.push(json!({
            "partition": partition_name(p),
            "balance": format_amount(b, decimals),
            "pledged": format_amount(pledged, decimals),
            "frozen": format_amount(frozen, decimals),
            "trust_property": trust,
        }));
    }
    let info = ctx
        .client
        .read(token, Compliance::holderInfoCall { holder })
        .await?;
    ctx.out.line(format!(
        "{holder}: {} ({}, category {}{})",
        format_amount(total, decimals),
        if info.registered {
            "registered"
        } else {
            "not registered"
        },
        category_name(info.category),
        if info.frozen { ", address frozen" } else { "" }
    ));
    ctx.out.table(
        &["partition", "balance", "pledged", "frozen", "trust"],
        &rows,
    );
    ctx.out.field("registered", json!(info.registered));
    ctx.out
        .field("category", json!(category_name(info.category)));
    ctx.out.field("address_frozen", json!(info.frozen));
    ctx.out.field("holdings", json!(details));
    ctx.out.field("holder", json!(holder.to_string()));
    ctx.out
        .field("balance", json!(format_amount(total, decimals)));
    ctx.out.field("partitions", serde_json::Value::Object(by));
    Ok(())
}

/// `sto doc get`.
pub async fn doc_get(ctx: &mut Ctx, token: &str, name: &str) -> Result<(), CliError> {
    let token = ctx.token(token).await?;
    let name = units::bytes32(name, "document name")?;
    let d = ctx
        .client
        .read(token, IERC1643::getDocumentCall { name })
        .await?;
    ctx.out.line(format!(
        "{}: {} hash {} modified {}",
        partition_name(name),
        d.uri,
        d.documentHash,
        d.lastModified
    ));
    ctx.out.field("name", json!(partition_name(name)));
    ctx.out.field("uri", json!(d.uri));
    ctx.out
        .field("documentHash", json!(d.documentHash.to_string()));
    ctx.out
        .field("lastModified", json!(d.lastModified.to::<u64>()));
    Ok(())
}

/// The token's documents as (name, uri, hash, modified).
async fn documents(ctx: &Ctx, token: Address) -> Result<Vec<(B256, String, B256, U256)>, CliError> {
    let names = ctx
        .client
        .read(token, IERC1643::getAllDocumentsCall {})
        .await?;
    let mut out = vec![];
    for name in names {
        let d = ctx
            .client
            .read(token, IERC1643::getDocumentCall { name })
            .await?;
        out.push((name, d.uri, d.documentHash, d.lastModified));
    }
    out.sort_by_key(|d| d.0);
    Ok(out)
}

/// `sto doc ls`.
pub async fn doc_ls(ctx: &mut Ctx, token: &str) -> Result<(), CliError> {
    let token = ctx.token(token).await?;
    let docs = documents(ctx, token).await?;
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|(n, u, h, m)| vec![partition_name(*n), u.clone(), h.to_string(), m.to_string()])
        .collect();
    ctx.out.table(&["name", "uri", "hash", "modified"], &rows);
    ctx.out.field(
        "documents",
        json!(docs.iter().map(|(n, u, h, m)| json!({"name": partition_name(*n), "uri": u, "documentHash": h.to_string(), "lastModified": m.to::<u64>()})).collect::<Vec<_>>()),
    );
    Ok(())
}

/// The token's current roles as (role, account): the issuer, then every
/// account the appointment events name that still holds its role.
async fn roles(ctx: &Ctx, token: Address) -> Result<Vec<(String, Address)>, CliError> {
    let mut out = vec![(
        "issuer".to_string(),
        ctx.client
            .read(token, ISecurityTokenAdmin::issuerCall {})
            .await?,
    )];
    let mut seen = vec![];
    for topic in [
        ISecurityTokenAdmin::ControllerAppointed::SIGNATURE_HASH,
        ISecurityTokenAdmin::OperatorAppointed::SIGNATURE_HASH,
    ] {
        for log in ctx.client.logs(token, topic).await? {
            if let Some(t) = log.topics().get(1) {
                let account = Address::from_word(*t);
                if !seen.contains(&account) {
                    seen.push(account);
                }
            }
        }
    }
    for account in seen {
        if ctx
            .client
            .read(token, ISecurityTokenAdmin::isControllerCall { account })
            .await?
        {
            out.push(("controller".into(), account));
        }
        match ctx
            .client
            .read(token, ISecurityTokenAdmin::operatorSideCall { account })
            .await?
        {
            1 => out.push(("issuance-operator".into(), account)),
            2 => out.push(("distribution-operator".into(), account)),
            _ => {}
        }
    }
    Ok(out)
}

/// `sto role ls`.
pub async fn role_ls(ctx: &mut Ctx, token: &str) -> Result<(), CliError> {
    let token = ctx.token(token).await?;
    let list = roles(ctx, token).await?;
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|(r, a)| vec![r.clone(), a.to_string()])
        .collect();
    ctx.out.table(&["role", "account"], &rows);
    ctx.out.field(
        "roles",
        json!(list
            .iter()
            .map(|(r, a)| json!({"role": r, "account": a.to_string()}))
            .collect::<Vec<_>>()),
    );
    Ok(())
}

/// `sto info`: metadata, supply by partition, roles, documents and the
/// token's irreversible switches.
pub async fn info(ctx: &mut Ctx, token: &str) -> Result<(), CliError> {
    let token = ctx.token(token).await?;
    let c = &ctx.client;
    let name = c.read(token, IERC20Face::nameCall {}).await?;
    let symbol = c.read(token, IERC20Face::symbolCall {}).await?;
    let decimals = c.read(token, IERC20Face::decimalsCall {}).await?;
    let total = c.read(token, IERC20Face::totalSupplyCall {}).await?;
    let issue = c.read(token, ISecurityTokenAdmin::issueInfoCall {}).await?;
    let paused = c.read(token, ISecurityTokenAdmin::pausedCall {}).await?;
    let issuable = c.read(token, IERC1594::isIssuableCall {}).await?;
    let controllable = c.read(token, IERC1644::isControllableCall {}).await?;
    let defaults = c
        .read(token, ISecurityTokenAdmin::getDefaultPartitionsCall {})
        .await?;
    let partitions = c.read(token, IERC1410::totalPartitionsCall {}).await?;
    let mut supply = vec![];
    for p in &partitions {
        let s = c
            .read(
                token,
                IERC1410::totalSupplyByPartitionCall { partition: *p },
            )
            .await?;
        supply.push((*p, s));
    }
    let rec = c.read(token, Compliance::reconciliationCall {}).await?;
    let ledger = c.read(token, Compliance::ledgerCall {}).await?;
    let custody = c.read(token, Compliance::custodyAccountCall {}).await?;
    let trusted = trust_flagged(ctx, token).await?;
    let roles = roles(ctx, token).await?;
    let docs = documents(ctx, token).await?;
    let issue_id = partition_name(issue.issueId);
    for (k, v) in [
        ("token", token.to_string()),
        ("name", name.clone()),
        ("symbol", symbol.clone()),
        ("decimals", decimals.to_string()),
        ("total supply", format_amount(total, decimals)),
        ("issuer", issue.issuer.to_string()),
        ("account manager", issue.accountManager.to_string()),
        ("security kind", issue.securityKind.clone()),
        ("issue id", issue_id.clone()),
        ("paused", paused.to_string()),
        ("issuable", issuable.to_string()),
        ("controllable", controllable.to_string()),
        (
            "default partitions",
            defaults
                .iter()
                .map(|p| partition_name(*p))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ] {
        ctx.out.line(format!("{k:<19} {v}"));
    }
    let rows: Vec<Vec<String>> = supply
        .iter()
        .map(|(p, s)| vec![partition_name(*p), format_amount(*s, decimals)])
        .collect();
    ctx.out.line("");
    ctx.out.table(&["partition", "supply"], &rows);
    ctx.out.line("");
    let rows: Vec<Vec<String>> = roles
        .iter()
        .map(|(r, a)| vec![r.clone(), a.to_string()])
        .collect();
    ctx.out.table(&["role", "account"], &rows);
    ctx.out.line("");
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|(n, u, h, _)| vec![partition_name(*n), u.clone(), h.to_string()])
        .collect();
    ctx.out.table(&["document", "uri", "hash"], &rows);
    ctx.out.line("");
    let categories = [
        ("individual", rec.individual),
        ("corporate", rec.corporate),
        ("issuer-own", rec.issuerOwn),
        ("unclassified", rec.unclassified),
    ];
    let rows: Vec<Vec<String>> = categories
        .iter()
        .map(|(n, v)| vec![n.to_string(), format_amount(*v, decimals)])
        .collect();
    ctx.out.table(&["holder category", "supply"], &rows);
    ctx.out.line(format!(
        "registered holders {}, pledged {}, frozen {}, custody account {custody}",
        ledger.holderCount,
        format_amount(ledger.pledgedQuantity, decimals),
        format_amount(ledger.frozenQuantity, decimals)
    ));
    ctx.out.line("");
    let rows: Vec<Vec<String>> = trusted
        .iter()
        .map(|(h, p, b)| {
            vec![
                h.to_string(),
                partition_name(*p),
                format_amount(*b, decimals),
            ]
        })
        .collect();
    ctx.out
        .table(&["trust property of", "partition", "balance"], &rows);
    ctx.out.field(
        "supplyByCategory",
        json!(categories
            .iter()
            .map(|(n, v)| json!({"category": n, "supply": format_amount(*v, decimals)}))
            .collect::<Vec<_>>()),
    );
    ctx.out
        .field("registeredHolders", json!(ledger.holderCount.to_string()));
    ctx.out.field(
        "pledged",
        json!(format_amount(ledger.pledgedQuantity, decimals)),
    );
    ctx.out.field(
        "frozen",
        json!(format_amount(ledger.frozenQuantity, decimals)),
    );
    ctx.out.field("custodyAccount", json!(custody.to_string()));
    ctx.out.field(
        "trustProperty",
        json!(trusted
            .iter()
            .map(|(h, p, b)| json!({"holder": h.to_string(), "partition": partition_name(*p), "balance": format_amount(*b, decimals)}))
            .collect::<Vec<_>>()),
    );
    ctx.out.field("token", json!(token.to_string()));
    ctx.out.field("name", json!(name));
    ctx.out.field("symbol", json!(symbol));
    ctx.out.field("decimals", json!(decimals));
    ctx.out
        .field("totalSupply", json!(format_amount(total, decimals)));
    ctx.out.field("issuer", json!(issue.issuer.to_string()));
    ctx.out
        .field("accountManager", json!(issue.accountManager.to_string()));
    ctx.out.field("securityKind", json!(issue.securityKind));
    ctx.out.field("issueId", json!(issue_id));
    ctx.out.field("paused", json!(paused));
    ctx.out.field("issuable", json!(issuable));
    ctx.out.field("controllable", json!(controllable));
    ctx.out.field(
        "defaultPartitions",
        json!(defaults
            .iter()
            .map(|p| partition_name(*p))
            .collect::<Vec<_>>()),
    );
    ctx.out.field(
        "supplyByPartition",
        json!(supply.iter().map(|(p, s)| json!({"partition": partition_name(*p), "supply": format_amount(*s, decimals)})).collect::<Vec<_>>()),
    );
    ctx.out.field(
        "roles",
        json!(roles
            .iter()
            .map(|(r, a)| json!({"role": r, "account": a.to_string()}))
            .collect::<Vec<_>>()),
    );
    ctx.out.field(
        "documents",
        json!(docs.iter().map(|(n, u, h, _)| json!({"name": partition_name(*n), "uri": u, "documentHash": h.to_string()})).collect::<Vec<_>>()),
    );
    Ok(())
}
