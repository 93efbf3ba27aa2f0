//! `sto`: deploy, upgrade and operate ERC-1400 security tokens on Arbitrum
//! Stylus. With no `--rpc-url` every command runs on an embedded dev chain
//! started in-process on a free loopback port.

mod allocations;
mod client;
mod compliance;
mod ctx;
mod demo;
mod deploy;
mod errors;
mod events;
mod holders;
mod inspect;
mod issuance;
mod keys;
mod layouts;
mod ops;
mod output;
mod reconcile;
mod records;
mod scenario;
mod stack;
mod trade;
mod units;
mod upgrade;

use alloy::primitives::Address;
use alloy::signers::local::PrivateKeySigner;
use clap::{Parser, Subcommand};

use client::{CliError, Client};
use ctx::{Ctx, Global};

const EXAMPLES: &str = "Examples (against a running node: add --rpc-url http://127.0.0.1:8547 and STO_PRIVATE_KEY):
  sto demo
  sto node --port 8547
  sto deploy stack
  sto deploy token --name 'Seoul Office Fund 1' --symbol SOF1 --partition common --partition locked \\
      --controller 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --issue-id KR-STO-0001 \\
      --institution 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --security-kind '투자계약증권'
  sto issue --token SOF1 --to 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --amount 1000 --partition common
  sto transfer --token SOF1 --to 0x90F79bf6EB2c4f870365E785982E1f101E93b906 --amount 12.5
  sto controller-transfer --token SOF1 --from 0x90F7… --to 0x3C44… --amount 30 --reason 'court order 2026-GA-1234'
  sto kyc register --token SOF1 --holder 0x3C44… --holder 0x90F7… --category individual
  sto pledge create --token SOF1 --holder 0x3C44… --partition common --amount 200 --pledgee 0x15d3… --reference loan-2026-77
  sto freeze partial --token SOF1 --holder 0x90F7… --partition common --amount 100
  sto reconcile --token SOF1
  sto address derive --institution KSA01 --account 990-00-000001 --category issuer-own
  sto info --token SOF1";

/// Deploy, upgrade and operate ERC-1400 security tokens on Arbitrum Stylus.
#[derive(Parser, Debug)]
#[command(name = "sto", version, about, long_about = None, after_help = EXAMPLES)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the main job: deploy the stack, create a token, register KYC,
    /// issue, transfer, operator and controller transfers, trust flag,
    /// pledge and freeze, a DvP swap, a document, an upgrade, the reconciliation.
    ///
    /// The roles are the funded accounts of the standard dev mnemonic, so
    /// with --rpc-url it needs a dev chain that funds them (a `sto node`).
    Demo {
        /// Run a realistic issue from a scenario file instead
        /// (data/scenario-office-fund.json: parameters, allocation file,
        /// after-issuance steps).
        #[arg(long, value_name = "FILE.json")]
        scenario: Option<std::path::PathBuf>,
    },
    /// Run the embedded dev chain as a JSON-RPC node.
    Node {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Port (0 picks a free port).
        #[arg(long, default_value_t = 8547)]
        port: u16,
        /// Chain id.
        #[arg(long, default_value_t = 412_346)]
        chain_id: u64,
        /// Seconds between blocks (interval mining); default: one block per transaction.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
        block_time: Option<u64>,
        /// Number of funded dev accounts.
        #[arg(long, default_value_t = 10)]
        accounts: usize,
        /// Put every activated program into the ArbWasmCache.
        #[arg(long)]
        cache_all_programs: bool,
        /// Load the accounts from FILE at start and save them there on exit.
        #[arg(long, value_name = "FILE")]
        state: Option<std::path::PathBuf>,
    },
    /// Deploy the stack or a token.
    #[command(subcommand)]
    Deploy(DeployCmd),
    /// Deploy a new implementation, check its storage layout, point the
    /// beacon at it and call every recorded token.
    Upgrade(upgrade::UpgradeArgs),
    /// Issue tokens (the issuer): to one holder, or every allocation of a
    /// subscription file (--allocations), exactly once and resumable.
    Issue {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// Amount in token units; decimals allowed up to the token's (`12.5`).
        #[arg(long, required_unless_present = "allocations")]
        amount: Option<String>,
        /// Partition (name or 0x-hex); without it the first default partition.
        #[arg(long, conflicts_with = "allocations")]
        partition: Option<String>,
        /// Holder receiving the tokens.
        #[arg(
            long,
            required_unless_present = "allocations",
            conflicts_with = "allocations"
        )]
        to: Option<Address>,
        /// Data (0x-hex or text).
        #[arg(long, conflicts_with = "allocations")]
        data: Option<String>,
        /// Subscription allocation file (CSV, see data/README.md): validated
        /// whole, then KYC, issuance in batches and trust flags.
        #[arg(long, value_name = "FILE.csv", conflicts_with = "amount")]
        allocations: Option<std::path::PathBuf>,
        /// The issue's planned quantity; the file's total must equal it.
        #[arg(long, requires = "allocations")]
        planned: Option<String>,
        /// A partition the file may issue into that the token has not seen yet (repeatable).
        #[arg(long = "new-partition", requires = "allocations")]
        new_partitions: Vec<String>,
        /// Holders per issuance batch, at most 200 (about 85,000 gas each, so
        /// a batch stays far below a 32M block); registration batches are
        /// twice this, at most 200.
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=200))]
        batch_size: u64,
    },
    /// Transfer tokens: the signer's own, or --from's as an operator.
    Transfer {
        #[command(flatten)]
        amount: ops::Amount,
        /// Receiver.
        #[arg(long)]
        to: Address,
        /// Holder whose tokens an operator (or allowance holder) moves.
        #[arg(long)]
        from: Option<Address>,
        /// Data (0x-hex or text).
        #[arg(long)]
        data: Option<String>,
    },
    /// Redeem tokens: the signer's own, or --from's as an operator.
    Redeem {
        #[command(flatten)]
        amount: ops::Amount,
        /// Holder whose tokens an operator (or allowance holder) redeems.
        #[arg(long)]
        from: Option<Address>,
        /// Data (0x-hex or text).
        #[arg(long)]
        data: Option<String>,
    },
    /// Forced transfer by a controller (ERC-1644).
    ControllerTransfer {
        #[command(flatten)]
        amount: ops::Amount,
        /// Holder the tokens are taken from.
        #[arg(long)]
        from: Address,
        /// Receiver.
        #[arg(long)]
        to: Address,
        /// Legal ground, recorded in the ControllerTransfer event.
        #[arg(long)]
        reason: String,
    },
    /// Forced redemption by a controller (ERC-1644).
    ControllerRedeem {
        #[command(flatten)]
        amount: ops::Amount,
        /// Holder whose tokens are redeemed.
        #[arg(long)]
        holder: Address,
        /// Legal ground, recorded in the ControllerRedemption event.
        #[arg(long)]
        reason: String,
    },
    /// Authorise or revoke an operator for the signer's tokens.
    #[command(subcommand)]
    Operator(ops::OperatorCmd),
    /// Documents (ERC-1643).
    #[command(subcommand)]
    Doc(DocCmd),
    /// Roles: issuer, controllers, token-level operators.
    #[command(subcommand)]
    Role(RoleCmd),
    /// Halt every voluntary movement (the issuer).
    Pause {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
    },
    /// Resume movements (the issuer).
    Unpause {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
    },
    /// Metadata, supply by partition, roles, documents, switches.
    Info {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
    },
    /// A holder's balance, total and by partition.
    Balance {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The holder.
        #[arg(long)]
        holder: Address,
    },
    /// Ask the token whether a transfer would succeed (status, meaning, reason).
    CanTransfer(inspect::CanTransfer),
    /// KYC: register or unregister holders with their category (R12).
    #[command(subcommand)]
    Kyc(compliance::KycCmd),
    /// Freeze a whole address or an amount of a holding (a controller, R10).
    #[command(subcommand)]
    Freeze(compliance::FreezeCmd),
    /// Lift a freeze (a controller).
    #[command(subcommand)]
    Unfreeze(compliance::FreezeCmd),
    /// Seize value of a holding to the custody account, frozen or not (a controller, R10).
    Seize {
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
        /// The seizure order (up to 32 ASCII characters), recorded in the Seized event.
        #[arg(long)]
        order: String,
    },
    /// Designate the custody account seizures go to (a controller).
    Custody {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The custody account (it must be registered before a seizure can use it).
        #[arg(long)]
        account: Address,
    },
    /// Pledges (질권, R14): create, release, enforce, show, list.
    #[command(subcommand)]
    Pledge(compliance::PledgeCmd),
    /// Set (or with --off clear) the trust-property flag of a holding (R15).
    Trust {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The holder.
        #[arg(long)]
        holder: Address,
        /// Partition (name or 0x-hex).
        #[arg(long)]
        partition: String,
        /// Clear the flag.
        #[arg(long)]
        off: bool,
    },
    /// Per-category totals against a full scan of holders and Transfer logs (R17).
    Reconcile {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
    },
    /// The ledger data of the issue (R13); with --holder, that holder's entry.
    Ledger {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// A holder.
        #[arg(long)]
        holder: Option<Address>,
    },
    /// The register of holders, one line per holding (CSV with --csv or --out).
    Holders {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// Print CSV instead of a table.
        #[arg(long)]
        csv: bool,
        /// Write the CSV to FILE (atomically) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
    /// DvP trades: sign (broker), verify, settle (institution), cancel a nonce.
    #[command(subcommand)]
    Trade(trade::TradeCmd),
    /// Appoint (or with --revoke dismiss) a settler of the settlement contract (its admin).
    Settler {
        /// Settlement contract (default: the recorded one).
        #[arg(long)]
        settlement: Option<Address>,
        /// The settler (the account-management institution).
        #[arg(long)]
        account: Address,
        /// Dismiss instead.
        #[arg(long)]
        revoke: bool,
    },
    /// The cash-leg payment token: mint, approve, balance.
    #[command(subcommand)]
    Cash(trade::CashCmd),
    /// Ledger addresses of custodial accounts (R17 rule; no chain needed).
    #[command(subcommand)]
    Address(compliance::AddressCmd),
}

#[derive(Subcommand, Debug)]
enum DeployCmd {
    /// Deploy (or reuse, when recorded with the same code) the token's
    /// programs, the proxy template, the beacon and the factory.
    Stack,
    /// Create a token for one security issue through the factory.
    Token(Box<deploy::TokenArgs>),
    /// Deploy the DvP settlement contract (the signer its admin).
    Settlement,
    /// Deploy a cash-leg payment token (the signer its issuer).
    PaymentToken {
        /// ERC-20 name (also the ERC-2612 domain name).
        #[arg(long)]
        name: String,
        /// ERC-20 symbol.
        #[arg(long)]
        symbol: String,
        /// Decimals.
        #[arg(long, default_value_t = 0)]
        decimals: u8,
    },
}

#[derive(Subcommand, Debug)]
enum DocCmd {
    /// Set (or replace) a document.
    Set(ops::DocSet),
    /// Show one document.
    Get {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// Document name.
        #[arg(long)]
        name: String,
    },
    /// Remove a document.
    Rm {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// Document name.
        #[arg(long)]
        name: String,
    },
    /// List every document.
    Ls {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
    },
}

#[derive(Subcommand, Debug)]
enum RoleCmd {
    /// Grant a role (for the issuer: hand it over).
    Grant {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The role.
        #[arg(long, value_enum)]
        role: ops::Role,
        /// The account.
        #[arg(long)]
        account: Address,
    },
    /// Revoke a role.
    Revoke {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
        /// The role.
        #[arg(long, value_enum)]
        role: ops::Role,
        /// The account.
        #[arg(long)]
        account: Address,
    },
    /// List the current roles.
    Ls {
        /// Token: address or recorded symbol.
        #[arg(long)]
        token: String,
    },
}

fn dev_signers(n: usize) -> Vec<PrivateKeySigner> {
    devnode_server::accounts::dev_accounts(n)
        .into_iter()
        .take(n)
        .map(|a| a.signer)
        .collect()
}

async fn demo(global: &Global, scenario: Option<std::path::PathBuf>) -> Result<(), CliError> {
    if let Some(path) = &scenario {
        // Refuse a bad file before starting a chain.
        scenario::load(path)?;
    }
    let _embedded;
    let url = match &global.rpc_url {
        Some(u) => u.clone(),
        None => {
            let node = devnode_server::start(devnode_server::NodeOptions::ephemeral())
                .await
                .map_err(|e| CliError(format!("cannot start the embedded chain: {e}")))?;
            println!("embedded dev chain at {} (chain id 412346)", node.url);
            let url = node.url.clone();
            _embedded = node;
            url
        }
    };
    let signers = dev_signers(6);
    let cast = demo::Cast {
        issuer: signers[0].clone(),
        controller: signers[1].clone(),
        alice: signers[2].clone(),
        bob: signers[3].clone(),
        carol: signers[4].clone(),
        operator: signers[5].clone(),
    };
    let client = Client::connect(&url, cast.signers()).await?;
    if let Some(path) = scenario {
        return scenario::run(&client, &cast, &path).await;
    }
    let outcome = demo::run(&client, &cast).await?;
    let total: u64 = outcome.gas.iter().map(|g| g.1).sum();
    println!(
        "token {} behind beacon {}: {} holdings, total supply {}, total gas {total}",
        outcome.token,
        outcome.beacon,
        outcome.holdings.len(),
        outcome.total_supply
    );
    Ok(())
}

struct NodeArgs {
    host: std::net::IpAddr,
    port: u16,
    chain_id: u64,
    block_time: Option<u64>,
    accounts: usize,
    cache_all_programs: bool,
    state: Option<std::path::PathBuf>,
}

async fn node(a: NodeArgs) -> Result<(), CliError> {
    let opts = devnode_server::NodeOptions {
        listen: std::net::SocketAddr::new(a.host, a.port),
        chain_id: a.chain_id,
        accounts: a.accounts,
        block_time: a.block_time.map(std::time::Duration::from_secs),
        cache_all_programs: a.cache_all_programs,
        state: a.state.clone(),
        ..devnode_server::NodeOptions::default()
    };
    let node = devnode_server::start(opts.clone())
        .await
        .map_err(|e| CliError(format!("cannot start the node on {}: {e}", opts.listen)))?;
    println!(
        "dev chain listening on {} (chain id {})",
        node.url, a.chain_id
    );
    for (i, acc) in node.accounts.iter().enumerate() {
        println!("({i}) {} key {}", acc.address, acc.key);
    }
    let handle = node.handle().clone();
    tokio::select! {
        _ = handle.stopped() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    let saved = node.save_state().await;
    node.stop().await;
    if let Some(path) = saved.map_err(|e| CliError(format!("cannot save the state: {e}")))? {
        println!("state saved to {}", path.display());
    }
    Ok(())
}

async fn run(cli: Cli) -> Result<(), CliError> {
    let global = cli.global;
    let mut ctx = match cli.command {
        Command::Demo { scenario } => return demo(&global, scenario).await,
        Command::Node {
            host,
            port,
            chain_id,
            block_time,
            accounts,
            cache_all_programs,
            state,
        } => {
            return node(NodeArgs {
                host,
                port,
                chain_id,
                block_time,
                accounts,
                cache_all_programs,
                state,
            })
            .await
        }
        Command::Address(cmd) => {
            let mut out = output::Output::new(global.json);
            compliance::derive(&mut out, cmd)?;
            out.finish();
            return Ok(());
        }
        ref _other => Ctx::connect(&global).await?,
    };
    let c = &mut ctx;
    match cli.command {
        Command::Demo { .. } | Command::Node { .. } | Command::Address(_) => {
            unreachable!("handled above")
        }
        Command::Deploy(DeployCmd::Stack) => deploy::stack(c).await?,
        Command::Deploy(DeployCmd::Token(a)) => deploy::token(c, *a).await?,
        Command::Upgrade(a) => upgrade::run(c, a).await?,
        Command::Issue {
            token,
            allocations: Some(file),
            planned,
            new_partitions,
            batch_size,
            ..
        } => {
            let args = issuance::FileArgs {
                token,
                file,
                planned,
                new_partitions,
                batch_size: batch_size as usize,
            };
            issuance::command(c, args).await?
        }
        Command::Issue {
            token,
            amount,
            partition,
            to,
            data,
            ..
        } => {
            let (Some(amount), Some(to)) = (amount, to) else {
                return Err(CliError::new(
                    "give --to and --amount, or --allocations FILE.csv",
                ));
            };
            let amount = ops::Amount {
                token,
                amount,
                partition,
            };
            ops::issue(c, amount, to, data).await?
        }
        Command::Transfer {
            amount,
            to,
            from,
            data,
        } => ops::transfer(c, amount, to, from, data).await?,
        Command::Redeem { amount, from, data } => ops::redeem(c, amount, from, data).await?,
        Command::ControllerTransfer {
            amount,
            from,
            to,
            reason,
        } => ops::controller_transfer(c, amount, from, to, reason).await?,
        Command::ControllerRedeem {
            amount,
            holder,
            reason,
        } => ops::controller_redeem(c, amount, holder, reason).await?,
        Command::Operator(cmd) => ops::operator(c, cmd).await?,
        Command::Doc(DocCmd::Set(a)) => ops::doc_set(c, a).await?,
        Command::Doc(DocCmd::Get { token, name }) => inspect::doc_get(c, &token, &name).await?,
        Command::Doc(DocCmd::Rm { token, name }) => ops::doc_rm(c, &token, &name).await?,
        Command::Doc(DocCmd::Ls { token }) => inspect::doc_ls(c, &token).await?,
        Command::Role(RoleCmd::Grant {
            token,
            role,
            account,
        }) => ops::role(c, &token, role, account, true).await?,
        Command::Role(RoleCmd::Revoke {
            token,
            role,
            account,
        }) => ops::role(c, &token, role, account, false).await?,
        Command::Role(RoleCmd::Ls { token }) => inspect::role_ls(c, &token).await?,
        Command::Pause { token } => ops::pause(c, &token, true).await?,
        Command::Unpause { token } => ops::pause(c, &token, false).await?,
        Command::Info { token } => inspect::info(c, &token).await?,
        Command::Balance { token, holder } => inspect::balance(c, &token, holder).await?,
        Command::CanTransfer(a) => inspect::can_transfer(c, a).await?,
        Command::Kyc(cmd) => compliance::kyc(c, cmd).await?,
        Command::Freeze(cmd) => compliance::freeze(c, cmd, true).await?,
        Command::Unfreeze(cmd) => compliance::freeze(c, cmd, false).await?,
        Command::Seize {
            token,
            holder,
            partition,
            amount,
            order,
        } => compliance::seize(c, token, holder, partition, amount, order).await?,
        Command::Custody { token, account } => compliance::custody(c, token, account).await?,
        Command::Pledge(cmd) => compliance::pledge(c, cmd).await?,
        Command::Trust {
            token,
            holder,
            partition,
            off,
        } => compliance::trust(c, token, holder, partition, off).await?,
        Command::Reconcile { token } => reconcile::run(c, &token).await?,
        Command::Ledger { token, holder } => compliance::ledger(c, token, holder).await?,
        Command::Holders { token, csv, out } => holders::run(c, &token, csv, out).await?,
        Command::Trade(cmd) => trade::run(c, cmd).await?,
        Command::Settler {
            settlement,
            account,
            revoke,
        } => trade::settler(c, settlement, account, revoke).await?,
        Command::Cash(cmd) => trade::cash(c, cmd).await?,
        Command::Deploy(DeployCmd::Settlement) => trade::deploy_settlement(c).await?,
        Command::Deploy(DeployCmd::PaymentToken {
            name,
            symbol,
            decimals,
        }) => trade::deploy_payment_token(c, name, symbol, decimals).await?,
    }
    ctx.out.finish();
    Ok(())
}

#[tokio::main]
async fn main() {
    // Behave like other Unix tools when stdout is closed early (`| head`):
    // end quietly instead of panicking on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE at start-up,
    // before any other thread writes to stdout.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let json = cli.global.json;
    if let Err(e) = run(cli).await {
        if json {
            println!("{}", serde_json::json!({ "error": e.to_string() }));
        }
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
