//! The Korean token-securities rules from the command line: KYC
//! registration (`sto kyc`), freezes and seizure (`sto freeze`, `sto
//! unfreeze`, `sto seize`, `sto custody`), pledges (`sto pledge`), the
//! trust-property flag (`sto trust`), the ledger view (`sto ledger`) and the
//! R17 address rule (`sto address derive`, no chain needed). Each change is
//! one transaction from the signer, reported like every other `sto`
//! transaction; a revert names its custom error.

use alloy::primitives::{Address, B256, U256};
use clap::Subcommand;
use serde_json::json;
use sto_abi::derivation::{self, category_from_name, category_name};
use sto_abi::{IERC20Face, ISecurityTokenCompliance as C};

use crate::client::CliError;
use crate::ctx::Ctx;
use crate::output::Output;
use crate::units::{self, format_amount, partition_name};

/// A holder category by name (`individual`, `corporate`, `issuer-own`).
pub fn parse_category(s: &str) -> Result<u8, String> {
    category_from_name(s).ok_or_else(|| {
        format!("unknown holder category {s:?} (expected individual, corporate or issuer-own)")
    })
}

/// A 32-byte reference (pledge contract, court order): ASCII text up to 32
/// bytes, left-aligned, or 0x-hex.
fn reference(s: &str) -> Result<B256, CliError> {
    if s.is_empty() {
        return Err(CliError::new(
            "the reference is empty: give the loan, contract or order number",
        ));
    }
    units::partition(s).map_err(|_| {
        CliError(format!(
            "reference {s:?} does not fit 32 bytes (give at most 32 ASCII characters or 0x-hex)"
        ))
    })
}

/// `sto kyc`.
#[derive(Subcommand, Debug)]
pub enum KycCmd {
    /// Register holders (one call for all of them) with one category.
    Register {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// Holder address (repeat for a batch).
        #[arg(long = "holder", required = true)]
        holders: Vec<Address>,
        /// individual, corporate or issuer-own.
        #[arg(long, value_parser = parse_category)]
        category: u8,
    },
    /// Unregister holders: they keep their balance but can no longer move or receive it.
    Unregister {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// Holder address (repeat for a batch).
        #[arg(long = "holder", required = true)]
        holders: Vec<Address>,
    },
    /// Appoint (or with --revoke dismiss) a KYC registrar (the issuer).
    Registrar {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The registrar.
        #[arg(long)]
        account: Address,
        /// Dismiss instead of appoint.
        #[arg(long)]
        revoke: bool,
    },
    /// A holder's registration, category and address freeze.
    Show {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The holder.
        #[arg(long)]
        holder: Address,
    },
}

/// `sto freeze` / `sto unfreeze`.
#[derive(Subcommand, Debug)]
pub enum FreezeCmd {
    /// The whole address: no holder or operator move out of it.
    Address {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The holder.
        #[arg(long)]
        holder: Address,
    },
    /// An amount of one partition of the holder.
    Partial {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The holder.
        #[arg(long)]
        holder: Address,
        /// Partition (name or 0x-hex).
        #[arg(long)]
        partition: String,
        /// Amount in token units.
        #[arg(long)]
        amount: String,
    },
}

/// `sto pledge`.
#[derive(Subcommand, Debug)]
pub enum PledgeCmd {
    /// Pledge an amount of a holder's partition to a pledgee (issuer or controller).
    Create {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The pledgor.
        #[arg(long)]
        holder: Address,
        /// Partition (name or 0x-hex).
        #[arg(long)]
        partition: String,
        /// Amount in token units.
        #[arg(long)]
        amount: String,
        /// The pledgee (creditor).
        #[arg(long)]
        pledgee: Address,
        /// Loan or contract reference (up to 32 ASCII characters).
        #[arg(long)]
        reference: String,
    },
    /// Release a pledge (the pledgee or a controller).
    Release {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// Pledge id.
        #[arg(long)]
        id: u64,
    },
    /// Enforce a pledge: move the value to the pledgee (a controller).
    Enforce {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// Pledge id.
        #[arg(long)]
        id: u64,
    },
    /// One pledge.
    Show {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// Pledge id.
        #[arg(long)]
        id: u64,
    },
    /// Every pledge of a holder.
    Ls {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The holder.
        #[arg(long)]
        holder: Address,
    },
}

/// `sto address`.
#[derive(Subcommand, Debug)]
pub enum AddressCmd {
    /// The ledger address of a custodial account (R17 rule v1, docs/compliance.md).
    Derive {
        /// Account-management institution code (e.g. KSA01).
        #[arg(long)]
        institution: String,
        /// Account number at that institution.
        #[arg(long)]
        account: String,
        /// individual, corporate or issuer-own.
        #[arg(long, value_parser = parse_category)]
        category: u8,
    },
}

/// `sto address derive`: pure, no chain.
///
/// # Errors
/// An empty institution or account.
pub fn derive(out: &mut Output, cmd: AddressCmd) -> Result<(), CliError> {
    let AddressCmd::Derive {
        institution,
        account,
        category,
    } = cmd;
    if institution.is_empty() || account.is_empty() {
        return Err(CliError::new(
            "give a non-empty --institution and --account",
        ));
    }
    let address = derivation::holder_address(&institution, &account, category);
    out.line(address.to_string());
    out.field("address", json!(address.to_string()));
    out.field("rule", json!("STO-HOLDER-ADDRESS/v1"));
    out.field("institution", json!(institution));
    out.field("account", json!(account));
    out.field("category", json!(category_name(category)));
    Ok(())
}

/// `sto kyc`.
///
/// # Errors
/// A revert (named), or the node does not answer.
pub async fn kyc(ctx: &mut Ctx, cmd: KycCmd) -> Result<(), CliError> {
    match cmd {
        KycCmd::Register {
            token,
            holders,
            category,
        } => {
            let token = ctx.token(&token).await?;
            let n = holders.len();
            let call = C::registerHoldersCall { holders, category };
            ctx.send(
                &format!("registerHolders ({n}, {})", category_name(category)),
                token,
                call,
            )
            .await?;
        }
        KycCmd::Unregister { token, holders } => {
            let token = ctx.token(&token).await?;
            let n = holders.len();
            ctx.send(
                &format!("unregisterHolders ({n})"),
                token,
                C::unregisterHoldersCall { holders },
            )
            .await?;
        }
        KycCmd::Registrar {
            token,
            account,
            revoke,
        } => {
            let token = ctx.token(&token).await?;
            let call = C::setRegistrarCall {
                account,
                enabled: !revoke,
            };
            ctx.send("setRegistrar", token, call).await?;
        }
        KycCmd::Show { token, holder } => {
            let token = ctx.token(&token).await?;
            let info = ctx.client.read(token, C::holderInfoCall { holder }).await?;
            let text = format!(
                "{holder}: {}, category {}, address {}",
                if info.registered {
                    "registered"
                } else {
                    "not registered"
                },
                category_name(info.category),
                if info.frozen { "frozen" } else { "not frozen" }
            );
            ctx.out.line(text);
            ctx.out.field("registered", json!(info.registered));
            ctx.out
                .field("category", json!(category_name(info.category)));
            ctx.out.field("frozen", json!(info.frozen));
        }
    }
    Ok(())
}

/// The token's address and its decimals.
async fn token_and_decimals(ctx: &Ctx, token: &str) -> Result<(Address, u8), CliError> {
    let token = ctx.token(token).await?;
    let decimals = ctx.client.read(token, IERC20Face::decimalsCall {}).await?;
    Ok((token, decimals))
}

/// `sto freeze` (`on`) and `sto unfreeze`.
///
/// # Errors
/// A bad amount or partition, a revert (named), or the node does not answer.
pub async fn freeze(ctx: &mut Ctx, cmd: FreezeCmd, on: bool) -> Result<(), CliError> {
    match cmd {
        FreezeCmd::Address { token, holder } => {
            let token = ctx.token(&token).await?;
            if on {
                ctx.send("freezeAddress", token, C::freezeAddressCall { holder })
                    .await?;
            } else {
                ctx.send("unfreezeAddress", token, C::unfreezeAddressCall { holder })
                    .await?;
            }
        }
        FreezeCmd::Partial {
            token,
            holder,
            partition,
            amount,
        } => {
            let (token, decimals) = token_and_decimals(ctx, &token).await?;
            let amount = units::amount(&amount, decimals)?;
            let partition = units::partition(&partition)?;
            if on {
                let call = C::freezePartialCall {
                    holder,
                    partition,
                    amount,
                };
                ctx.send("freezePartial", token, call).await?;
            } else {
                let call = C::unfreezePartialCall {
                    holder,
                    partition,
                    amount,
                };
                ctx.send("unfreezePartial", token, call).await?;
            }
        }
    }
    Ok(())
}

/// `sto seize`.
///
/// # Errors
/// A bad amount, partition or reference, a revert (named), or the node
/// does not answer.
pub async fn seize(
    ctx: &mut Ctx,
    token: String,
    holder: Address,
    partition: String,
    amount: String,
    order: String,
) -> Result<(), CliError> {
    let (token, decimals) = token_and_decimals(ctx, &token).await?;
    let call = C::seizeCall {
        holder,
        partition: units::partition(&partition)?,
        value: units::amount(&amount, decimals)?,
        refCode: reference(&order)?,
    };
    ctx.send("seize", token, call).await?;
    Ok(())
}

/// `sto custody`: designate the custody account of seizures (a controller).
///
/// # Errors
/// A revert (named), or the node does not answer.
pub async fn custody(ctx: &mut Ctx, token: String, account: Address) -> Result<(), CliError> {
    let token = ctx.token(&token).await?;
    ctx.send(
        "setCustodyAccount",
        token,
        C::setCustodyAccountCall { custody: account },
    )
    .await?;
    Ok(())
}

/// `sto trust`: set or clear the trust-property flag of a holding.
///
/// # Errors
/// A bad partition, a revert (named), or the node does not answer.
pub async fn trust(
    ctx: &mut Ctx,
    token: String,
    holder: Address,
    partition: String,
    off: bool,
) -> Result<(), CliError> {
    let token = ctx.token(&token).await?;
    let call = C::setTrustPropertyCall {
        holder,
        partition: units::partition(&partition)?,
        trust: !off,
    };
    ctx.send("setTrustProperty", token, call).await?;
    Ok(())
}

/// Status name of a pledge.
fn pledge_status(status: u8) -> &'static str {
    match status {
        1 => "active",
        2 => "released",
        3 => "enforced",
        _ => "unknown",
    }
}

/// `sto pledge`.
///
/// # Errors
/// Bad arguments, a revert (named), or the node does not answer.
pub async fn pledge(ctx: &mut Ctx, cmd: PledgeCmd) -> Result<(), CliError> {
    match cmd {
        PledgeCmd::Create {
            token,
            holder,
            partition,
            amount,
            pledgee,
            reference: r,
        } => {
            let (token, decimals) = token_and_decimals(ctx, &token).await?;
            let call = C::pledgeCall {
                holder,
                partition: units::partition(&partition)?,
                amount: units::amount(&amount, decimals)?,
                pledgee,
                refCode: reference(&r)?,
            };
            let sent = ctx.send("pledge", token, call).await?;
            let id = sent.receipt.inner.logs().iter().find_map(|l| {
                use alloy::sol_types::SolEvent;
                C::PledgeCreated::decode_log_data(l.data())
                    .ok()
                    .map(|e| e.id)
            });
            if let Some(id) = id {
                ctx.out.line(format!("pledge id {id}"));
                ctx.out.field("pledge_id", json!(id.to_string()));
            }
        }
        PledgeCmd::Release { token, id } => {
            let token = ctx.token(&token).await?;
            let call = C::releasePledgeCall { id: U256::from(id) };
            ctx.send("releasePledge", token, call).await?;
        }
        PledgeCmd::Enforce { token, id } => {
            let token = ctx.token(&token).await?;
            let call = C::enforcePledgeCall { id: U256::from(id) };
            ctx.send("enforcePledge", token, call).await?;
        }
        PledgeCmd::Show { token, id } => {
            let (token, decimals) = token_and_decimals(ctx, &token).await?;
            let rows = vec![pledge_row(ctx, token, decimals, U256::from(id)).await?];
            print_pledges(&mut ctx.out, rows);
        }
        PledgeCmd::Ls { token, holder } => {
            let (token, decimals) = token_and_decimals(ctx, &token).await?;
            let ids = ctx.client.read(token, C::pledgesOfCall { holder }).await?;
            let mut rows = vec![];
            for id in ids {
                rows.push(pledge_row(ctx, token, decimals, id).await?);
            }
            print_pledges(&mut ctx.out, rows);
        }
    }
    Ok(())
}

/// One pledge as printed: id, holder, partition, amount, pledgee, reference, status.
async fn pledge_row(
    ctx: &Ctx,
    token: Address,
    decimals: u8,
    id: U256,
) -> Result<Vec<String>, CliError> {
    let p = ctx.client.read(token, C::getPledgeCall { id }).await?;
    Ok(vec![
        id.to_string(),
        p.holder.to_string(),
        partition_name(p.partition),
        format_amount(p.amount, decimals),
        p.pledgee.to_string(),
        partition_name(p.refCode),
        pledge_status(p.status).to_string(),
    ])
}

fn print_pledges(out: &mut Output, rows: Vec<Vec<String>>) {
    let header = [
        "id",
        "holder",
        "partition",
        "amount",
        "pledgee",
        "reference",
        "status",
    ];
    out.table(&header, &rows);
    let docs: Vec<_> = rows
        .iter()
        .map(|r| {
            let mut m = serde_json::Map::new();
            for (k, v) in header.iter().zip(r) {
                m.insert((*k).to_string(), json!(v));
            }
            serde_json::Value::Object(m)
        })
        .collect();
    out.field("pledges", json!(docs));
}

/// `sto ledger`: the R13 ledger data of the issue, and with --holder that
/// holder's entry.
///
/// # Errors
/// The node does not answer.
pub async fn ledger(ctx: &mut Ctx, token: String, holder: Option<Address>) -> Result<(), CliError> {
    let (token, decimals) = token_and_decimals(ctx, &token).await?;
    let l = ctx.client.read(token, C::ledgerCall {}).await?;
    let amount = |v: U256| format_amount(v, decimals);
    let rows = vec![
        vec!["issuer".into(), l.issuer.to_string()],
        vec![
            "account-management institution".into(),
            l.accountManager.to_string(),
        ],
        vec!["kind of security".into(), l.securityKind.clone()],
        vec!["issue identifier".into(), partition_name(l.issueId)],
        vec!["issued quantity".into(), amount(l.issuedQuantity)],
        vec!["pledged quantity".into(), amount(l.pledgedQuantity)],
        vec!["frozen quantity".into(), amount(l.frozenQuantity)],
        vec!["registered holders".into(), l.holderCount.to_string()],
    ];
    ctx.out.table(&["ledger", "value"], &rows);
    ctx.out.field("issuer", json!(l.issuer.to_string()));
    ctx.out
        .field("account_manager", json!(l.accountManager.to_string()));
    ctx.out.field("security_kind", json!(l.securityKind));
    ctx.out.field("issue_id", json!(partition_name(l.issueId)));
    ctx.out.field("issued", json!(amount(l.issuedQuantity)));
    ctx.out.field("pledged", json!(amount(l.pledgedQuantity)));
    ctx.out.field("frozen", json!(amount(l.frozenQuantity)));
    ctx.out.field("holders", json!(l.holderCount.to_string()));
    if let Some(holder) = holder {
        let e = ctx
            .client
            .read(token, C::ledgerEntryCall { holder })
            .await?;
        ctx.out.line(format!(
            "{holder}: {}, category {}, address {}",
            if e.registered {
                "registered"
            } else {
                "not registered"
            },
            category_name(e.category),
            if e.frozen { "frozen" } else { "not frozen" }
        ));
        let mut rows = vec![];
        let mut entries = vec![];
        for i in 0..e.partitions.len() {
            let row = vec![
                partition_name(e.partitions[i]),
                amount(e.balances[i]),
                amount(e.pledged[i]),
                amount(e.frozenAmounts[i]),
                if e.trust[i] { "Y" } else { "N" }.to_string(),
            ];
            entries.push(json!({
                "partition": row[0], "balance": row[1], "pledged": row[2],
                "frozen": row[3], "trust_property": e.trust[i],
            }));
            rows.push(row);
        }
        ctx.out.table(
            &["partition", "balance", "pledged", "frozen", "trust"],
            &rows,
        );
        ctx.out.field("entry", json!(entries));
    }
    Ok(())
}
