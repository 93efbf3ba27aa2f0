//! DvP trades from the command line (issue 8): `sto trade sign` (the
//! broker signs a matched trade), `sto trade verify` (anyone checks a
//! signed trade against the chain without sending), `sto trade settle` (the
//! account-management institution submits it), and `sto deploy settlement`
//! / `sto deploy payment-token` / `sto settler` / `sto cash` around them.
//!
//! A trade file (`sto-trade/1`, JSON):
//!
//! ```json
//! {
//!   "format": "sto-trade/1",
//!   "chain_id": 412346,
//!   "settlement": "0x…",
//!   "trade": {
//!     "securityToken": "0x…", "partition": "common",
//!     "seller": "0x…", "buyer": "0x…", "quantity": "100",
//!     "cashToken": "0x…", "cashAmount": "500000",
//!     "broker": "0x…", "nonce": "1", "deadline": "1767225600",
//!     "tradeRef": "OTC-2026-12-04-001"
//!   },
//!   "digest": "0x…",
//!   "signature": "0x…"
//! }
//! ```
//!
//! Amounts are in base units (decimal strings); `partition` and `tradeRef`
//! are names (ASCII, at most 32 bytes) or 0x-hex words; `deadline` is unix
//! seconds. `digest` is the EIP-712 hash (domain "STO DvP Settlement",
//! version "1", the chain id, the settlement contract); `signature` is the
//! broker's 65-byte `r ++ s ++ v`. An unsigned file (no `signature`) is
//! what `sto trade sign --file` takes.

use alloy::primitives::{Address, Bytes, B256, U256};
use alloy::signers::SignerSync;
use alloy::sol_types::{Eip712Domain, SolEvent, SolStruct};
use clap::Subcommand;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sto_abi::dvp::{IDvPSettlement as S, IPaymentToken as P, Trade, SETTLEMENT_NAME, VERSION};
use sto_abi::{ISecurityTokenAdmin, ISecurityTokenCompliance as C};

use crate::client::CliError;
use crate::ctx::Ctx;
use crate::units::{partition, partition_name};

/// Format tag of a trade file.
pub const FORMAT: &str = "sto-trade/1";

/// The trade of a file, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TradeJson {
    /// Security token.
    pub security_token: Address,
    /// Partition name or hex.
    pub partition: String,
    /// Seller.
    pub seller: Address,
    /// Buyer.
    pub buyer: Address,
    /// Quantity (base units).
    pub quantity: String,
    /// Cash token.
    pub cash_token: Address,
    /// Cash amount (base units).
    pub cash_amount: String,
    /// Broker.
    pub broker: Address,
    /// Broker's nonce.
    pub nonce: String,
    /// Deadline (unix seconds).
    pub deadline: String,
    /// Trade reference.
    pub trade_ref: String,
}

/// A trade file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TradeFile {
    /// [`FORMAT`].
    pub format: String,
    /// Chain id of the domain.
    pub chain_id: u64,
    /// Settlement contract of the domain.
    pub settlement: Address,
    /// The trade.
    pub trade: TradeJson,
    /// EIP-712 digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<B256>,
    /// Broker's signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Bytes>,
}

/// A decimal whole number (no sign, no hex, not empty).
fn number(what: &str, s: &str) -> Result<U256, CliError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CliError(format!(
            "{what} {s:?} is not a decimal whole number"
        )));
    }
    U256::from_str_radix(s, 10).map_err(|e| CliError(format!("{what} {s:?}: {e}")))
}

/// A trade reference: empty for none (the zero word), else a name of at
/// most 32 ASCII characters or a 0x-hex word.
fn trade_ref(s: &str) -> Result<B256, CliError> {
    if s.is_empty() {
        return Ok(B256::ZERO);
    }
    partition(s).map_err(|e| CliError(format!("tradeRef {s:?}: {e}")))
}

/// Checks that something answers at `address` (`what` names it).
async fn has_code(ctx: &Ctx, address: Address, what: &str) -> Result<Address, CliError> {
    if ctx.client.code(address).await?.is_empty() {
        return Err(CliError(format!(
            "no {what} contract at {address} on chain {}",
            ctx.client.chain_id()
        )));
    }
    Ok(address)
}

impl TradeJson {
    /// The ABI trade.
    ///
    /// # Errors
    /// A field that does not parse.
    pub fn to_trade(&self) -> Result<Trade, CliError> {
        Ok(Trade {
            securityToken: self.security_token,
            partition: partition(&self.partition)?,
            seller: self.seller,
            buyer: self.buyer,
            quantity: number("quantity", &self.quantity)?,
            cashToken: self.cash_token,
            cashAmount: number("cashAmount", &self.cash_amount)?,
            broker: self.broker,
            nonce: number("nonce", &self.nonce)?,
            deadline: number("deadline", &self.deadline)?,
            tradeRef: trade_ref(&self.trade_ref)?,
        })
    }
}

/// The EIP-712 domain of a settlement contract.
pub fn domain(chain_id: u64, settlement: Address) -> Eip712Domain {
    Eip712Domain {
        name: Some(SETTLEMENT_NAME.into()),
        version: Some(VERSION.into()),
        chain_id: Some(U256::from(chain_id)),
        verifying_contract: Some(settlement),
        salt: None,
    }
}

fn read_file(path: &std::path::Path) -> Result<TradeFile, CliError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| CliError(format!("{}: {e}", path.display())))?;
    let f: TradeFile = serde_json::from_str(&text)
        .map_err(|e| CliError(format!("{}: not a trade file: {e}", path.display())))?;
    if f.format != FORMAT {
        return Err(CliError(format!(
            "{}: format {:?}, expected {FORMAT:?}",
            path.display(),
            f.format
        )));
    }
    Ok(f)
}

/// `sto trade`.
#[derive(Subcommand, Debug)]
pub enum TradeCmd {
    /// Sign a trade as its broker (the signer), from flags or --file.
    Sign(Box<SignArgs>),
    /// Check a signed trade against the chain, without sending anything.
    Verify {
        /// The signed trade file.
        #[arg(long)]
        file: std::path::PathBuf,
    },
    /// Settle a signed trade (a settler: the account-management institution).
    Settle {
        /// The signed trade file (repeat for one atomic batch).
        #[arg(long = "file", required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// Cancel one of the signer's (a broker's) nonces.
    Cancel {
        /// Settlement contract (default: the recorded one).
        #[arg(long)]
        settlement: Option<Address>,
        /// The nonce.
        #[arg(long)]
        nonce: u64,
    },
}

/// `sto trade sign` arguments.
#[derive(clap::Args, Debug)]
pub struct SignArgs {
    /// An unsigned trade file to sign (instead of the flags).
    #[arg(long, conflicts_with_all = ["token", "seller", "buyer"])]
    pub file: Option<std::path::PathBuf>,
    /// Settlement contract (default: the recorded one).
    #[arg(long)]
    pub settlement: Option<Address>,
    /// Security token (address or recorded symbol).
    #[arg(long, required_unless_present = "file")]
    pub token: Option<String>,
    /// Partition.
    #[arg(long, default_value = "common")]
    pub partition: String,
    /// Seller.
    #[arg(long, required_unless_present = "file")]
    pub seller: Option<Address>,
    /// Buyer.
    #[arg(long, required_unless_present = "file")]
    pub buyer: Option<Address>,
    /// Quantity in base units.
    #[arg(long, required_unless_present = "file")]
    pub quantity: Option<String>,
    /// Cash token (default: the recorded payment token).
    #[arg(long)]
    pub cash_token: Option<Address>,
    /// Cash amount in base units.
    #[arg(long, required_unless_present = "file")]
    pub cash_amount: Option<String>,
    /// The broker's nonce.
    #[arg(long, required_unless_present = "file")]
    pub nonce: Option<u64>,
    /// Seconds from now until the trade expires.
    #[arg(long, default_value_t = 3_600)]
    pub expires_in: u64,
    /// Trade reference (up to 32 ASCII characters).
    #[arg(long = "ref", default_value = "")]
    pub trade_ref: String,
    /// Where to write the signed file (default: stdout).
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
}

/// The recorded contract `name` unless `given`; either must have code.
async fn recorded(ctx: &Ctx, given: Option<Address>, name: &str) -> Result<Address, CliError> {
    let address = match given {
        Some(a) => a,
        None => ctx.records.contract(name)?.address,
    };
    has_code(ctx, address, name).await
}

/// `sto trade`.
///
/// # Errors
/// Bad input, a failed check, or a reverted transaction (named).
pub async fn run(ctx: &mut Ctx, cmd: TradeCmd) -> Result<(), CliError> {
    match cmd {
        TradeCmd::Sign(a) => sign(ctx, *a).await,
        TradeCmd::Verify { file } => verify(ctx, &file).await,
        TradeCmd::Settle { files } => settle(ctx, &files).await,
        TradeCmd::Cancel { settlement, nonce } => {
            let settlement = recorded(ctx, settlement, "dvp-settlement").await?;
            ctx.send(
                "cancelNonce",
                settlement,
                S::cancelNonceCall {
                    nonce: U256::from(nonce),
                },
            )
            .await?;
            Ok(())
        }
    }
}

async fn sign(ctx: &mut Ctx, a: SignArgs) -> Result<(), CliError> {
    let key = ctx.key.clone().ok_or_else(|| {
        CliError::new(
            "signing needs the broker's key: give --private-key, STO_PRIVATE_KEY or --keystore",
        )
    })?;
    let mut file = match &a.file {
        Some(path) => read_file(path)?,
        None => {
            let token = ctx.token(a.token.as_deref().unwrap_or_default()).await?;
            let cash = recorded(ctx, a.cash_token, "payment-token").await?;
            let now = ctx.client.latest_timestamp().await?;
            let deadline = now.checked_add(a.expires_in).ok_or_else(|| {
                CliError(format!(
                    "--expires-in {} overflows the deadline",
                    a.expires_in
                ))
            })?;
            TradeFile {
                format: FORMAT.into(),
                chain_id: ctx.client.chain_id(),
                settlement: recorded(ctx, a.settlement, "dvp-settlement").await?,
                trade: TradeJson {
                    security_token: token,
                    partition: a.partition.clone(),
                    seller: a.seller.unwrap_or_default(),
                    buyer: a.buyer.unwrap_or_default(),
                    quantity: a.quantity.clone().unwrap_or_default(),
                    cash_token: cash,
                    cash_amount: a.cash_amount.clone().unwrap_or_default(),
                    broker: key.address(),
                    nonce: a.nonce.unwrap_or_default().to_string(),
                    deadline: deadline.to_string(),
                    trade_ref: a.trade_ref.clone(),
                },
                digest: None,
                signature: None,
            }
        }
    };
    if file.trade.broker != key.address() {
        return Err(CliError(format!(
            "the trade names broker {} but the key is {}: only the broker signs",
            file.trade.broker,
            key.address()
        )));
    }
    let trade = file.trade.to_trade()?;
    if trade.quantity.is_zero() {
        return Err(CliError::new("the quantity must be more than zero"));
    }
    if trade.seller.is_zero() || trade.buyer.is_zero() {
        return Err(CliError::new("give a non-zero --seller and --buyer"));
    }
    let digest = trade.eip712_signing_hash(&domain(file.chain_id, file.settlement));
    let signature = key
        .sign_hash_sync(&digest)
        .map_err(|e| CliError(format!("signing failed: {e}")))?;
    file.digest = Some(digest);
    file.signature = Some(Bytes::from(signature.as_bytes().to_vec()));
    let text = serde_json::to_string_pretty(&file).map_err(|e| CliError(e.to_string()))?;
    match &a.out {
        Some(path) => {
            crate::records::write_atomic(path, text.as_bytes())?;
            ctx.out.line(format!(
                "signed trade {digest} written to {}",
                path.display()
            ));
        }
        None if ctx.out.json => {
            let doc = serde_json::to_value(&file).map_err(|e| CliError(e.to_string()))?;
            ctx.out.field("trade_file", doc);
        }
        None => println!("{text}"),
    }
    ctx.out.field("digest", json!(digest.to_string()));
    Ok(())
}

/// One check of `sto trade verify`: (what, passed, detail).
type Check = (&'static str, bool, String);

async fn checks(ctx: &Ctx, file: &TradeFile) -> Result<(Trade, Bytes, Vec<Check>), CliError> {
    let trade = file.trade.to_trade()?;
    let signature = file.signature.clone().ok_or_else(|| {
        CliError::new("the trade file has no signature: sign it with `sto trade sign --file`")
    })?;
    let c = &ctx.client;
    has_code(ctx, file.settlement, "settlement").await?;
    has_code(ctx, trade.securityToken, "security token").await?;
    has_code(ctx, trade.cashToken, "cash token").await?;
    let mut out: Vec<Check> = vec![];
    let digest = trade.eip712_signing_hash(&domain(file.chain_id, file.settlement));
    out.push((
        "digest field matches the trade",
        file.digest.is_none_or(|d| d == digest),
        format!("recomputed {digest}"),
    ));
    out.push((
        "quantity above zero",
        !trade.quantity.is_zero(),
        trade.quantity.to_string(),
    ));
    out.push((
        "chain id",
        file.chain_id == c.chain_id(),
        format!("file {}, chain {}", file.chain_id, c.chain_id()),
    ));
    let onchain = c
        .read(
            file.settlement,
            S::tradeDigestCall {
                trade: trade.clone(),
            },
        )
        .await?;
    out.push((
        "digest (contract's EIP-712 hash)",
        onchain == digest,
        onchain.to_string(),
    ));
    let sig = alloy::primitives::Signature::try_from(signature.as_ref())
        .map_err(|e| CliError(format!("the signature is not 65 bytes r ++ s ++ v: {e}")))?;
    let recovered = sig
        .recover_address_from_prehash(&digest)
        .unwrap_or_default();
    out.push((
        "signed by the broker",
        recovered == trade.broker,
        format!("recovered {recovered}"),
    ));
    let half = U256::from_be_bytes(sto_eip712_half());
    out.push((
        "low s, v 27/28",
        sig.s() <= half && matches!(signature.get(64), Some(27 | 28)),
        String::new(),
    ));
    let used = c
        .read(
            file.settlement,
            S::isNonceUsedCall {
                broker: trade.broker,
                nonce: trade.nonce,
            },
        )
        .await?;
    out.push(("nonce unused", !used, format!("nonce {}", trade.nonce)));
    let now = c.latest_timestamp().await?;
    out.push((
        "deadline not passed",
        U256::from(now) <= trade.deadline,
        format!("deadline {}, now {now}", trade.deadline),
    ));
    out.push((
        "no self-dealing",
        trade.seller != trade.buyer && trade.broker != trade.seller && trade.broker != trade.buyer,
        String::new(),
    ));
    let side = c
        .read(
            trade.securityToken,
            ISecurityTokenAdmin::operatorSideCall {
                account: trade.broker,
            },
        )
        .await?;
    out.push((
        "broker is distribution-side",
        side == 2,
        format!("side {side}"),
    ));
    let settler_side = c
        .read(
            trade.securityToken,
            ISecurityTokenAdmin::operatorSideCall {
                account: file.settlement,
            },
        )
        .await?;
    out.push((
        "settlement is a token operator",
        settler_side == 2,
        format!("side {settler_side}"),
    ));
    for (who, addr) in [
        ("seller registered", trade.seller),
        ("buyer registered", trade.buyer),
    ] {
        let info = c
            .read(trade.securityToken, C::holderInfoCall { holder: addr })
            .await?;
        out.push((
            who,
            info.registered && !(who.starts_with("seller") && info.frozen),
            format!("registered {}, frozen {}", info.registered, info.frozen),
        ));
    }
    let unlocked = {
        let bal = c
            .read(
                trade.securityToken,
                sto_abi::IERC1410::balanceOfByPartitionCall {
                    partition: trade.partition,
                    tokenHolder: trade.seller,
                },
            )
            .await?;
        let pledged = c
            .read(
                trade.securityToken,
                C::pledgedBalanceOfCall {
                    partition: trade.partition,
                    holder: trade.seller,
                },
            )
            .await?;
        let frozen = c
            .read(
                trade.securityToken,
                C::frozenBalanceOfCall {
                    partition: trade.partition,
                    holder: trade.seller,
                },
            )
            .await?;
        bal.saturating_sub(pledged + frozen)
    };
    out.push((
        "seller holds the securities",
        unlocked >= trade.quantity,
        format!("unlocked {unlocked} in {}", partition_name(trade.partition)),
    ));
    let cash = c
        .read(
            trade.cashToken,
            P::balanceOfCall {
                account: trade.buyer,
            },
        )
        .await?;
    let allowance = c
        .read(
            trade.cashToken,
            P::allowanceCall {
                owner: trade.buyer,
                spender: file.settlement,
            },
        )
        .await?;
    out.push((
        "buyer holds the cash",
        cash >= trade.cashAmount,
        format!("balance {cash}"),
    ));
    out.push((
        "buyer's allowance to the settlement",
        allowance >= trade.cashAmount,
        format!("allowance {allowance}"),
    ));
    Ok((trade, signature, out))
}

/// secp256k1 order / 2, big-endian.
fn sto_eip712_half() -> [u8; 32] {
    let mut b = [0u8; 32];
    b.copy_from_slice(
        &alloy::hex::decode("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")
            .unwrap_or_default(),
    );
    b
}

async fn verify(ctx: &mut Ctx, path: &std::path::Path) -> Result<(), CliError> {
    let file = read_file(path)?;
    let (_, _, checks) = checks(ctx, &file).await?;
    let rows: Vec<Vec<String>> = checks
        .iter()
        .map(|(what, ok, detail)| {
            vec![
                what.to_string(),
                if *ok { "yes" } else { "NO" }.into(),
                detail.clone(),
            ]
        })
        .collect();
    ctx.out.table(&["check", "passed", "detail"], &rows);
    let failed: Vec<&str> = checks.iter().filter(|c| !c.1).map(|c| c.0).collect();
    ctx.out.field(
        "checks",
        json!(checks
            .iter()
            .map(|(w, ok, d)| json!({"check": w, "passed": ok, "detail": d}))
            .collect::<Vec<_>>()),
    );
    ctx.out.field("valid", json!(failed.is_empty()));
    if !failed.is_empty() {
        return Err(CliError(format!(
            "the trade would not settle: {}",
            failed.join(", ")
        )));
    }
    ctx.out.line("the trade would settle");
    Ok(())
}

async fn settle(ctx: &mut Ctx, paths: &[std::path::PathBuf]) -> Result<(), CliError> {
    let mut trades = vec![];
    let mut sigs = vec![];
    let mut settlement = None;
    for path in paths {
        let f = read_file(path)?;
        if f.chain_id != ctx.client.chain_id() {
            return Err(CliError(format!(
                "{}: signed for chain {}, this chain is {}; nothing was sent",
                path.display(),
                f.chain_id,
                ctx.client.chain_id()
            )));
        }
        if *settlement.get_or_insert(f.settlement) != f.settlement {
            return Err(CliError::new(
                "the trade files name different settlement contracts",
            ));
        }
        trades.push(f.trade.to_trade()?);
        sigs.push(
            f.signature
                .clone()
                .ok_or_else(|| CliError(format!("{}: no signature", path.display())))?,
        );
    }
    let settlement = has_code(ctx, settlement.unwrap_or_default(), "settlement").await?;
    let sent = if trades.len() == 1 {
        ctx.send(
            "settle",
            settlement,
            S::settleCall {
                trade: trades.remove(0),
                brokerSignature: sigs.remove(0),
            },
        )
        .await?
    } else {
        ctx.send(
            "settleBatch",
            settlement,
            S::settleBatchCall {
                trades,
                signatures: sigs,
            },
        )
        .await?
    };
    let hashes: Vec<String> = sent
        .receipt
        .inner
        .logs()
        .iter()
        .filter_map(|l| S::TradeSettled::decode_log_data(l.data()).ok())
        .map(|e| e.tradeHash.to_string())
        .collect();
    ctx.out.line(format!(
        "settled {} trade(s): {}",
        hashes.len(),
        hashes.join(", ")
    ));
    ctx.out.field("settled", json!(hashes));
    Ok(())
}

/// `sto deploy settlement`: the DvP settlement contract, the signer its
/// admin (reused when recorded with this build's code).
///
/// # Errors
/// No key, or the deployment fails.
pub async fn deploy_settlement(ctx: &mut Ctx) -> Result<(), CliError> {
    deploy_once(ctx, "dvp-settlement", |from| {
        alloy::sol_types::SolValue::abi_encode_params(&(from,))
    })
    .await
}

/// `sto deploy payment-token`: a cash-leg token, the signer its issuer.
///
/// # Errors
/// No key, or the deployment fails.
pub async fn deploy_payment_token(
    ctx: &mut Ctx,
    name: String,
    symbol: String,
    decimals: u8,
) -> Result<(), CliError> {
    deploy_once(ctx, "payment-token", move |from| {
        alloy::sol_types::SolValue::abi_encode_params(&(
            name.clone(),
            symbol.clone(),
            U256::from(decimals),
            from,
        ))
    })
    .await
}

async fn deploy_once(
    ctx: &mut Ctx,
    name: &str,
    args: impl Fn(Address) -> Vec<u8>,
) -> Result<(), CliError> {
    let from = ctx.sender()?;
    if let Some(a) = crate::deploy::recorded_and_current(ctx, name).await? {
        ctx.out
            .line(format!("{name}: reused at {a} (recorded, same code)"));
        ctx.out.field(name, json!(a.to_string()));
        return Ok(());
    }
    let d = crate::stack::deploy_constructed(
        &ctx.client,
        from,
        crate::stack::artifact(name)?,
        args(from),
    )
    .await?;
    ctx.out.tx(&format!("deploy {name}"), &d.deploy);
    crate::deploy::record(ctx, name, &d)?;
    ctx.out.line(format!("{name} at {}", d.address));
    ctx.out.field(name, json!(d.address.to_string()));
    Ok(())
}

/// `sto settler`: appoint (or dismiss) a settler (the settlement's admin).
///
/// # Errors
/// A revert (named).
pub async fn settler(
    ctx: &mut Ctx,
    settlement: Option<Address>,
    account: Address,
    revoke: bool,
) -> Result<(), CliError> {
    if account.is_zero() {
        return Err(CliError::new("the zero address cannot be a settler"));
    }
    let settlement = recorded(ctx, settlement, "dvp-settlement").await?;
    ctx.send(
        "setSettler",
        settlement,
        S::setSettlerCall {
            account,
            enabled: !revoke,
        },
    )
    .await?;
    Ok(())
}

/// `sto cash`: the payment token's issuer and holder operations.
#[derive(Subcommand, Debug)]
pub enum CashCmd {
    /// Mint to an account (the issuer).
    Mint {
        /// Payment token (default: the recorded one).
        #[arg(long)]
        token: Option<Address>,
        /// Receiver.
        #[arg(long)]
        to: Address,
        /// Amount in base units.
        #[arg(long)]
        amount: String,
    },
    /// Approve a spender (e.g. the settlement contract) for the signer's cash.
    Approve {
        /// Payment token (default: the recorded one).
        #[arg(long)]
        token: Option<Address>,
        /// Spender (default: the recorded settlement contract).
        #[arg(long)]
        spender: Option<Address>,
        /// Amount in base units (`max` for unlimited).
        #[arg(long)]
        amount: String,
    },
    /// Balance of an account.
    Balance {
        /// Payment token (default: the recorded one).
        #[arg(long)]
        token: Option<Address>,
        /// The account.
        #[arg(long)]
        holder: Address,
    },
}

/// `sto cash`.
///
/// # Errors
/// Bad amounts, or a revert (named).
pub async fn cash(ctx: &mut Ctx, cmd: CashCmd) -> Result<(), CliError> {
    match cmd {
        CashCmd::Mint { token, to, amount } => {
            let token = recorded(ctx, token, "payment-token").await?;
            ctx.send(
                "mint",
                token,
                P::mintCall {
                    to,
                    value: number("amount", &amount)?,
                },
            )
            .await?;
        }
        CashCmd::Approve {
            token,
            spender,
            amount,
        } => {
            let token = recorded(ctx, token, "payment-token").await?;
            let spender = recorded(ctx, spender, "dvp-settlement").await?;
            let value = if amount == "max" {
                U256::MAX
            } else {
                number("amount", &amount)?
            };
            ctx.send("approve", token, P::approveCall { spender, value })
                .await?;
        }
        CashCmd::Balance { token, holder } => {
            let token = recorded(ctx, token, "payment-token").await?;
            let b = ctx
                .client
                .read(token, P::balanceOfCall { account: holder })
                .await?;
            ctx.out.line(format!("{holder}: {b}"));
            ctx.out.field("balance", json!(b.to_string()));
        }
    }
    Ok(())
}
