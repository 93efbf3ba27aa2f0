//! The operations that change a token: issue, transfer, redeem, the
//! controller's forced moves, operator authorisation, documents, roles and
//! pause. Each is one transaction from the signer; a revert is reported
//! with its decoded custom error and nothing is recorded.

use alloy::primitives::{keccak256, Address, Bytes, B256, U256};
use clap::{Subcommand, ValueEnum};
use serde_json::json;
use sto_abi::{IERC20Face, ISecurityTokenAdmin, IERC1410, IERC1594, IERC1643, IERC1644};

use crate::client::CliError;
use crate::ctx::Ctx;
use crate::units;

/// Token and amount, shared by the moving commands.
#[derive(clap::Args, Debug, Clone)]
pub struct Amount {
    /// Token: address or recorded symbol.
    #[arg(long)]
    pub token: String,
    /// Amount in token units; decimals allowed up to the token's (`12.5`).
    #[arg(long)]
    pub amount: String,
    /// Partition (name or 0x-hex); without it the token's default
    /// partitions are used.
    #[arg(long)]
    pub partition: Option<String>,
}

/// Parses a `--data`/`--reason` text: `0x…` hex as bytes, anything else as
/// its UTF-8 bytes.
pub fn data_arg(s: &Option<String>) -> Result<Bytes, CliError> {
    match s.as_deref() {
        None => Ok(Bytes::new()),
        Some(h) if h.starts_with("0x") => alloy::hex::decode(h)
            .map(Bytes::from)
            .map_err(|e| CliError(format!("data {h:?} is not hex: {e}"))),
        Some(text) => Ok(Bytes::copy_from_slice(text.as_bytes())),
    }
}

/// Resolves the token, converts the amount with its decimals and parses
/// the partition.
pub(crate) async fn resolve(
    ctx: &Ctx,
    a: &Amount,
) -> Result<(Address, U256, Option<B256>), CliError> {
    let token = ctx.token(&a.token).await?;
    let decimals = ctx.client.read(token, IERC20Face::decimalsCall {}).await?;
    let value = units::amount(&a.amount, decimals)?;
    let partition = a.partition.as_deref().map(units::partition).transpose()?;
    Ok((token, value, partition))
}

/// `sto issue`.
pub async fn issue(
    ctx: &mut Ctx,
    a: Amount,
    to: Address,
    data: Option<String>,
) -> Result<(), CliError> {
    let (token, value, partition) = resolve(ctx, &a).await?;
    let data = data_arg(&data)?;
    match partition {
        Some(partition) => {
            let call = IERC1410::issueByPartitionCall {
                partition,
                tokenHolder: to,
                value,
                data,
            };
            ctx.send("issueByPartition", token, call).await?;
        }
        None => {
            let call = IERC1594::issueCall {
                tokenHolder: to,
                value,
                data,
            };
            ctx.send("issue", token, call).await?;
        }
    }
    Ok(())
}

/// `sto transfer`: the signer's own tokens, or `from`'s as an operator.
pub async fn transfer(
    ctx: &mut Ctx,
    a: Amount,
    to: Address,
    from: Option<Address>,
    data: Option<String>,
) -> Result<(), CliError> {
    let (token, value, partition) = resolve(ctx, &a).await?;
    let data = data_arg(&data)?;
    match (partition, from) {
        (Some(partition), Some(from)) => {
            let call = IERC1410::operatorTransferByPartitionCall {
                partition,
                from,
                to,
                value,
                data,
                operatorData: Bytes::new(),
            };
            ctx.send("operatorTransferByPartition", token, call).await?;
        }
        (None, Some(from)) => {
            let call = IERC1594::transferFromWithDataCall {
                from,
                to,
                value,
                data,
            };
            ctx.send("transferFromWithData", token, call).await?;
        }
        (Some(partition), None) => {
            let call = IERC1410::transferByPartitionCall {
                partition,
                to,
                value,
                data,
            };
            ctx.send("transferByPartition", token, call).await?;
        }
        (None, None) => {
            let call = IERC1594::transferWithDataCall { to, value, data };
            ctx.send("transferWithData", token, call).await?;
        }
    }
    Ok(())
}

/// `sto redeem`: the signer's own tokens, or `from`'s as an operator.
pub async fn redeem(
    ctx: &mut Ctx,
    a: Amount,
    from: Option<Address>,
    data: Option<String>,
) -> Result<(), CliError> {
    let (token, value, partition) = resolve(ctx, &a).await?;
    let data = data_arg(&data)?;
    match (partition, from) {
        (Some(partition), Some(holder)) => {
            let call = IERC1410::operatorRedeemByPartitionCall {
                partition,
                tokenHolder: holder,
                value,
                operatorData: data,
            };
            ctx.send("operatorRedeemByPartition", token, call).await?;
        }
        (None, Some(holder)) => {
            let call = IERC1594::redeemFromCall {
                tokenHolder: holder,
                value,
                data,
            };
            ctx.send("redeemFrom", token, call).await?;
        }
        (Some(partition), None) => {
            let call = IERC1410::redeemByPartitionCall {
                partition,
                value,
                data,
            };
            ctx.send("redeemByPartition", token, call).await?;
        }
        (None, None) => {
            let call = IERC1594::redeemCall { value, data };
            ctx.send("redeem", token, call).await?;
        }
    }
    Ok(())
}

/// `sto controller-transfer`: a forced transfer; `reason` (e.g. the court
/// order) goes into `operatorData` and the `ControllerTransfer` event.
pub async fn controller_transfer(
    ctx: &mut Ctx,
    a: Amount,
    from: Address,
    to: Address,
    reason: String,
) -> Result<(), CliError> {
    let (token, value, partition) = resolve(ctx, &a).await?;
    let operator_data = Bytes::copy_from_slice(reason.as_bytes());
    match partition {
        Some(partition) => {
            let call = IERC1644::controllerTransferByPartitionCall {
                partition,
                from,
                to,
                value,
                data: Bytes::new(),
                operatorData: operator_data,
            };
            ctx.send("controllerTransferByPartition", token, call)
                .await?;
        }
        None => {
            let call = IERC1644::controllerTransferCall {
                from,
                to,
                value,
                data: Bytes::new(),
                operatorData: operator_data,
            };
            ctx.send("controllerTransfer", token, call).await?;
        }
    }
    Ok(())
}

/// `sto controller-redeem`: a forced redemption.
pub async fn controller_redeem(
    ctx: &mut Ctx,
    a: Amount,
    holder: Address,
    reason: String,
) -> Result<(), CliError> {
    let (token, value, partition) = resolve(ctx, &a).await?;
    let operator_data = Bytes::copy_from_slice(reason.as_bytes());
    match partition {
        Some(partition) => {
            let call = IERC1644::controllerRedeemByPartitionCall {
                partition,
                tokenHolder: holder,
                value,
                data: Bytes::new(),
                operatorData: operator_data,
            };
            ctx.send("controllerRedeemByPartition", token, call).await?;
        }
        None => {
            let call = IERC1644::controllerRedeemCall {
                tokenHolder: holder,
                value,
                data: Bytes::new(),
                operatorData: operator_data,
            };
            ctx.send("controllerRedeem", token, call).await?;
        }
    }
    Ok(())
}

/// `sto operator authorize|revoke`.
#[derive(Subcommand, Debug, Clone)]
pub enum OperatorCmd {
    /// Let `operator` move the signer's tokens (all partitions, or one).
    Authorize(OperatorArgs),
    /// Withdraw that authorisation.
    Revoke(OperatorArgs),
}

/// Arguments of `sto operator`.
#[derive(clap::Args, Debug, Clone)]
pub struct OperatorArgs {
    /// Token: address or recorded symbol.
    #[arg(long)]
    pub token: String,
    /// The operator.
    #[arg(long)]
    pub operator: Address,
    /// Only this partition.
    #[arg(long)]
    pub partition: Option<String>,
}

/// `sto operator …`.
pub async fn operator(ctx: &mut Ctx, cmd: OperatorCmd) -> Result<(), CliError> {
    let (grant, a) = match cmd {
        OperatorCmd::Authorize(a) => (true, a),
        OperatorCmd::Revoke(a) => (false, a),
    };
    let token = ctx.token(&a.token).await?;
    let operator = a.operator;
    match (
        a.partition.as_deref().map(units::partition).transpose()?,
        grant,
    ) {
        (None, true) => {
            ctx.send(
                "authorizeOperator",
                token,
                IERC1410::authorizeOperatorCall { operator },
            )
            .await
        }
        (None, false) => {
            ctx.send(
                "revokeOperator",
                token,
                IERC1410::revokeOperatorCall { operator },
            )
            .await
        }
        (Some(partition), true) => {
            let call = IERC1410::authorizeOperatorByPartitionCall {
                partition,
                operator,
            };
            ctx.send("authorizeOperatorByPartition", token, call).await
        }
        (Some(partition), false) => {
            let call = IERC1410::revokeOperatorByPartitionCall {
                partition,
                operator,
            };
            ctx.send("revokeOperatorByPartition", token, call).await
        }
    }?;
    Ok(())
}

/// `sto doc set` arguments.
#[derive(clap::Args, Debug, Clone)]
pub struct DocSet {
    /// Token: address or recorded symbol.
    #[arg(long)]
    pub token: String,
    /// Document name (up to 32 ASCII characters, or 0x-hex bytes32).
    #[arg(long)]
    pub name: String,
    /// Where the document lives.
    #[arg(long)]
    pub uri: String,
    /// Content hash as 0x-hex bytes32.
    #[arg(long, conflicts_with = "file", required_unless_present = "file")]
    pub hash: Option<B256>,
    /// A local copy of the document: its keccak256 is the content hash.
    #[arg(long)]
    pub file: Option<std::path::PathBuf>,
}

/// `sto doc set`.
pub async fn doc_set(ctx: &mut Ctx, a: DocSet) -> Result<(), CliError> {
    let token = ctx.token(&a.token).await?;
    let name = units::bytes32(&a.name, "document name")?;
    let hash = match (&a.hash, &a.file) {
        (Some(h), _) => *h,
        (None, Some(path)) => keccak256(
            std::fs::read(path).map_err(|e| CliError(format!("{}: {e}", path.display())))?,
        ),
        (None, None) => return Err(CliError::new("give --hash or --file")),
    };
    let call = IERC1643::setDocumentCall {
        name,
        uri: a.uri.clone(),
        documentHash: hash,
    };
    ctx.send("setDocument", token, call).await?;
    ctx.out.field("documentHash", json!(hash.to_string()));
    Ok(())
}

/// `sto doc rm`.
pub async fn doc_rm(ctx: &mut Ctx, token: &str, name: &str) -> Result<(), CliError> {
    let token = ctx.token(token).await?;
    let name = units::bytes32(name, "document name")?;
    ctx.send(
        "removeDocument",
        token,
        IERC1643::removeDocumentCall { name },
    )
    .await?;
    Ok(())
}

/// The roles `sto role` manages.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The issuer (one account; granting it hands the role over).
    Issuer,
    /// An ERC-1644 controller (account-management institution).
    Controller,
    /// A token-level operator on the issuance side (underwriter, arranger).
    IssuanceOperator,
    /// A token-level operator on the distribution side.
    DistributionOperator,
}

/// `sto role grant|revoke`.
pub async fn role(
    ctx: &mut Ctx,
    token: &str,
    role: Role,
    account: Address,
    grant: bool,
) -> Result<(), CliError> {
    let token = ctx.token(token).await?;
    match (role, grant) {
        (Role::Issuer, true) => {
            eprintln!("note: handing the issuer role to {account}; the signer no longer holds it");
            let call = ISecurityTokenAdmin::transferIssuerCall { newIssuer: account };
            ctx.send("transferIssuer", token, call).await
        }
        (Role::Issuer, false) => Err(CliError::new(
            "the issuer role cannot be revoked, only handed over: `sto role grant --role issuer --account NEW`",
        )),
        (Role::Controller, true) => {
            let call = ISecurityTokenAdmin::appointControllerCall { controller: account };
            ctx.send("appointController", token, call).await
        }
        (Role::Controller, false) => {
            let call = ISecurityTokenAdmin::dismissControllerCall { controller: account };
            ctx.send("dismissController", token, call).await
        }
        (Role::IssuanceOperator | Role::DistributionOperator, true) => {
            let side = if role == Role::IssuanceOperator { 1 } else { 2 };
            let call = ISecurityTokenAdmin::appointOperatorCall { operator: account, side };
            ctx.send("appointOperator", token, call).await
        }
        (Role::IssuanceOperator | Role::DistributionOperator, false) => {
            let side = ctx
                .client
                .read(token, ISecurityTokenAdmin::operatorSideCall { account })
                .await?;
            let want = if role == Role::IssuanceOperator { 1 } else { 2 };
            if side != want {
                return Err(CliError(format!(
                    "{account} is not a {} on this token",
                    if want == 1 { "issuance-side operator" } else { "distribution-side operator" }
                )));
            }
            let call = ISecurityTokenAdmin::dismissOperatorCall { operator: account };
            ctx.send("dismissOperator", token, call).await
        }
    }?;
    Ok(())
}

/// `sto pause` / `sto unpause`.
pub async fn pause(ctx: &mut Ctx, token: &str, paused: bool) -> Result<(), CliError> {
    let token = ctx.token(token).await?;
    if paused {
        ctx.send("pause", token, ISecurityTokenAdmin::pauseCall {})
            .await?;
    } else {
        ctx.send("unpause", token, ISecurityTokenAdmin::unpauseCall {})
            .await?;
    }
    Ok(())
}
