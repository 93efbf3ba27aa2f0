//! `sto deploy stack` and `sto deploy token`: the release's contracts and
//! one token per security issue, recorded as they land.

use alloy::primitives::{keccak256, Address, B256};
use alloy::sol_types::{SolCall, SolEvent, SolValue};
use beacon_abi::factory::{ITokenFactory, TokenCreated};
use beacon_abi::DEPLOYER_ROLE;
use serde_json::json;
use sto_abi::ISecurityTokenAdmin;

use crate::client::{CliError, Sent};
use crate::ctx::Ctx;
use crate::layouts;
use crate::records::{ContractRecord, TokenRecord};
use crate::stack::{artifact, deploy_activated, deploy_constructed, Deployed};
use crate::units;

/// The contracts of a stack, in deployment order.
pub const STACK: [&str; 6] = [
    "security-token-admin",
    "security-token-compliance",
    "security-token",
    "beacon-proxy",
    "upgradeable-beacon",
    "token-factory",
];

/// Whether the recorded `name` is this build's program and is on chain.
pub(crate) async fn recorded_and_current(
    ctx: &Ctx,
    name: &str,
) -> Result<Option<Address>, CliError> {
    let Some(rec) = ctx.records.records.contracts.get(name) else {
        return Ok(None);
    };
    let program = artifact(name)?;
    let built = keccak256(program.code);
    let onchain = keccak256(ctx.client.code(rec.address).await?);
    if onchain != rec.code_hash {
        return Err(CliError(format!(
            "{name} is recorded at {} but the chain holds other code there ({}): the records in {} do not describe this chain",
            rec.address,
            if onchain == keccak256([]) { "none".to_string() } else { onchain.to_string() },
            ctx.records.path.display()
        )));
    }
    if rec.code_hash != built {
        return Err(CliError(format!(
            "the recorded {name} (code hash {}) is not this build's ({built}): {}",
            rec.code_hash,
            if name.starts_with("security-token") {
                "run `sto upgrade` to deploy the new implementation"
            } else {
                "the CLI does not replace a deployed beacon, proxy template or factory"
            }
        )));
    }
    Ok(Some(rec.address))
}

/// Records a freshly deployed contract and saves the records.
pub(crate) fn record(ctx: &mut Ctx, name: &str, deployed: &Deployed) -> Result<(), CliError> {
    let program = artifact(name)?;
    let layout = (name == "security-token").then(|| layouts::current().0);
    ctx.records.records.contracts.insert(
        name.to_string(),
        ContractRecord {
            address: deployed.address,
            tx: deployed.deploy.hash,
            block: deployed.deploy.block,
            code_hash: keccak256(program.code),
            compressed_size: program.code.len(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            layout,
        },
    );
    ctx.records.save()
}

/// The token's extension programs, in the order the implementation's
/// constructor lists them.
pub const EXTENSIONS: [&str; 2] = ["security-token-admin", "security-token-compliance"];

/// Deploys the token's programs through the StylusDeployer (their
/// constructors disable the bare programs): each extension not given in
/// `reuse`, then the implementation naming them. Returns the
/// implementation and the extensions deployed here (by index).
pub async fn token_programs(
    ctx: &mut Ctx,
    reuse: [Option<Address>; 2],
    step: &mut usize,
    total: usize,
) -> Result<(Deployed, Vec<(usize, Deployed)>), CliError> {
    let from = ctx.sender()?;
    let mut deployed = vec![];
    let mut list = vec![];
    for (i, name) in EXTENSIONS.iter().enumerate() {
        if let Some(a) = reuse[i] {
            list.push(a);
            continue;
        }
        *step += 1;
        let what = format!("deploying {name} (StylusDeployer)");
        ctx.out.progress(*step, total, &what);
        let d = deploy_constructed(&ctx.client, from, artifact(name)?, vec![]).await?;
        ctx.out.tx(&format!("deploy {name}"), &d.deploy);
        list.push(d.address);
        deployed.push((i, d));
    }
    *step += 1;
    ctx.out
        .progress(*step, total, "deploying security-token (StylusDeployer)");
    let args = (list,).abi_encode_params();
    let token = deploy_constructed(&ctx.client, from, artifact("security-token")?, args).await?;
    ctx.out.tx("deploy security-token", &token.deploy);
    Ok((token, deployed))
}

/// `sto deploy stack`.
///
/// # Errors
/// No key, a transaction fails, or the records contradict the chain.
pub async fn stack(ctx: &mut Ctx) -> Result<(), CliError> {
    let from = ctx.sender()?;
    let mut existing = vec![];
    for name in STACK {
        existing.push(recorded_and_current(ctx, name).await?);
    }
    let total =
        existing.iter().filter(|e| e.is_none()).count() + usize::from(existing[5].is_none());
    let mut step = 0;
    let address = |i: usize, ctx: &Ctx| -> Address {
        existing[i].unwrap_or_else(|| ctx.records.records.contracts[STACK[i]].address)
    };
    for (i, name) in STACK.iter().enumerate() {
        if let Some(a) = existing[i] {
            ctx.out
                .line(format!("{name}: reused at {a} (recorded, same code)"));
        }
    }
    if existing[2].is_none() {
        let reuse = [existing[0], existing[1]];
        let (token, deployed) = token_programs(ctx, reuse, &mut step, total).await?;
        for (i, d) in &deployed {
            record(ctx, EXTENSIONS[*i], d)?;
        }
        record(ctx, "security-token", &token)?;
    } else if let Some(i) = existing[..2].iter().position(Option::is_none) {
        return Err(CliError(format!(
            "{}: security-token is recorded without its {}; remove the security-token entry to deploy the token's programs again",
            ctx.records.path.display(),
            EXTENSIONS[i]
        )));
    }
    if existing[3].is_none() {
        step += 1;
        ctx.out.progress(
            step,
            total,
            "deploying beacon-proxy template (CREATE + ArbWasm activation)",
        );
        let d = deploy_activated(&ctx.client, from, artifact("beacon-proxy")?).await?;
        ctx.out.tx("deploy beacon-proxy", &d.deploy);
        if let Some(a) = &d.activation {
            ctx.out.tx("activate beacon-proxy", a);
        }
        record(ctx, "beacon-proxy", &d)?;
    }
    if existing[4].is_none() {
        step += 1;
        ctx.out
            .progress(step, total, "deploying upgradeable-beacon (StylusDeployer)");
        let implementation = address(2, ctx);
        let d = deploy_constructed(
            &ctx.client,
            from,
            artifact("upgradeable-beacon")?,
            (implementation, from).abi_encode_params(),
        )
        .await?;
        ctx.out.tx("deploy upgradeable-beacon", &d.deploy);
        record(ctx, "upgradeable-beacon", &d)?;
    }
    if existing[5].is_none() {
        step += 1;
        ctx.out
            .progress(step, total, "deploying token-factory (StylusDeployer)");
        let (beacon, template) = (address(4, ctx), address(3, ctx));
        let d = deploy_constructed(
            &ctx.client,
            from,
            artifact("token-factory")?,
            (beacon, template, from).abi_encode_params(),
        )
        .await?;
        ctx.out.tx("deploy token-factory", &d.deploy);
        record(ctx, "token-factory", &d)?;
        step += 1;
        ctx.out.progress(
            step,
            total,
            "granting the factory's deployer role to the signer",
        );
        let grant = ITokenFactory::grantRoleCall {
            role: DEPLOYER_ROLE,
            account: from,
        };
        ctx.send("factory.grantRole(DEPLOYER_ROLE)", d.address, grant)
            .await?;
    }
    let mut rows = vec![];
    let mut fields = serde_json::Map::new();
    for name in STACK {
        let rec = &ctx.records.records.contracts[name];
        rows.push(vec![
            name.to_string(),
            rec.address.to_string(),
            rec.compressed_size.to_string(),
            rec.code_hash.to_string(),
        ]);
        fields.insert(name.into(), json!(rec.address.to_string()));
    }
    ctx.out
        .table(&["contract", "address", "compressed B", "code hash"], &rows);
    ctx.out
        .line(format!("records: {}", ctx.records.path.display()));
    ctx.out
        .field("contracts", serde_json::Value::Object(fields));
    ctx.out
        .field("records", json!(ctx.records.path.display().to_string()));
    Ok(())
}

/// What `sto deploy token` needs.
#[derive(clap::Args, Debug, Clone)]
pub struct TokenArgs {
    /// ERC-20 name.
    #[arg(long)]
    pub name: String,
    /// ERC-20 symbol (also how later commands may name the token).
    #[arg(long)]
    pub symbol: String,
    /// ERC-20 decimals.
    #[arg(long, default_value_t = 0)]
    pub decimals: u8,
    /// Default partition (repeat for several, in order); names or 0x-hex.
    #[arg(long = "partition", required = true)]
    pub partitions: Vec<String>,
    /// Issuer (admin of every role); default: the signer.
    #[arg(long)]
    pub issuer: Option<Address>,
    /// Controller (repeat for several).
    #[arg(long = "controller")]
    pub controllers: Vec<Address>,
    /// Issue identifier: up to 32 ASCII characters or 0x-hex bytes32.
    #[arg(long)]
    pub issue_id: String,
    /// Account-management institution (계좌관리기관).
    #[arg(long)]
    pub institution: Address,
    /// Kind of security, e.g. "투자계약증권".
    #[arg(long)]
    pub security_kind: String,
    /// CREATE2 salt (name or 0x-hex); default: the issue id.
    #[arg(long)]
    pub salt: Option<String>,
}

/// `sto deploy token`.
///
/// # Errors
/// Bad arguments, no stack recorded, or the factory reverts (decoded).
pub async fn token(ctx: &mut Ctx, args: TokenArgs) -> Result<(), CliError> {
    let from = ctx.sender()?;
    let partitions = args
        .partitions
        .iter()
        .map(|p| units::partition(p))
        .collect::<Result<Vec<B256>, _>>()?;
    let issue_id = units::bytes32(&args.issue_id, "issue id")?;
    let salt = match &args.salt {
        Some(s) => units::bytes32(s, "salt")?,
        None => issue_id,
    };
    if args.symbol.is_empty() || args.symbol.starts_with("0x") {
        return Err(CliError(format!(
            "symbol {:?}: give a non-empty symbol that does not start with 0x (later commands name tokens by symbol or address)",
            args.symbol
        )));
    }
    if let Some(t) = ctx
        .records
        .records
        .tokens
        .iter()
        .find(|t| t.symbol == args.symbol)
    {
        return Err(CliError(format!(
            "a token with symbol {} is already recorded at {}: choose another symbol",
            args.symbol, t.address
        )));
    }
    let factory = ctx.records.contract("token-factory")?.address;
    if ctx.client.code(factory).await?.is_empty() {
        return Err(CliError(format!(
            "the recorded token-factory {factory} has no code on chain {}: run `sto deploy stack`",
            ctx.client.chain_id()
        )));
    }
    let init = ISecurityTokenAdmin::initializeCall {
        name: args.name.clone(),
        symbol: args.symbol.clone(),
        decimals: args.decimals,
        issuer: args.issuer.unwrap_or(from),
        controllers: args.controllers.clone(),
        defaultPartitions: partitions,
        accountManager: args.institution,
        securityKind: args.security_kind.clone(),
        issueId: issue_id,
    };
    let call = ITokenFactory::createTokenCall {
        initCalldata: init.abi_encode().into(),
        issueId: issue_id,
        salt,
    };
    let sent: Sent = ctx.send("factory.createToken", factory, call).await?;
    let token = sent
        .receipt
        .inner
        .logs()
        .iter()
        .find_map(|l| {
            TokenCreated::decode_log_data(l.data())
                .ok()
                .map(|e| e.token)
        })
        .ok_or_else(|| CliError::new("createToken emitted no TokenCreated event"))?;
    ctx.records.records.tokens.push(TokenRecord {
        address: token,
        symbol: args.symbol.clone(),
        issue_id,
        tx: sent.hash,
        block: sent.block,
    });
    ctx.records.save()?;
    ctx.out
        .line(format!("token {} ({}) at {token}", args.name, args.symbol));
    ctx.out.field("token", json!(token.to_string()));
    ctx.out.field("symbol", json!(args.symbol));
    Ok(())
}
