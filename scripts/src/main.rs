//! `sto`: deploy, upgrade and operate ERC-1400 security tokens on Arbitrum
//! Stylus. With no `--rpc-url` every command runs on an embedded dev chain
//! started in-process on a free loopback port.

mod client;
mod demo;
mod errors;
mod stack;
mod units;

use alloy::signers::local::PrivateKeySigner;
use clap::{Parser, Subcommand};

use client::{CliError, Client};

/// Deploy, upgrade and operate ERC-1400 security tokens on Arbitrum Stylus.
#[derive(Parser, Debug)]
#[command(name = "sto", version, about, long_about = None,
    after_help = "Examples:\n  sto demo                                   # the main job on the embedded dev chain\n  sto node --port 8547                       # run the dev chain as a JSON-RPC node\n  sto demo --rpc-url http://127.0.0.1:8547   # the main job on a running dev chain")]
struct Cli {
    /// JSON-RPC URL of the chain; without it an embedded dev chain is used.
    #[arg(long, global = true, env = "STO_RPC_URL")]
    rpc_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the main job: deploy the stack, create a token, issue, transfer,
    /// operator and controller transfers, a document, an upgrade.
    ///
    /// The roles are the funded accounts of the standard dev mnemonic, so
    /// with --rpc-url it needs a dev chain that funds them (a `sto node`).
    Demo,
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
    },
}

fn dev_signers(n: usize) -> Vec<PrivateKeySigner> {
    devnode_server::accounts::dev_accounts(n)
        .into_iter()
        .take(n)
        .map(|a| a.signer)
        .collect()
}

async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Demo => {
            let _embedded;
            let url = match &cli.rpc_url {
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
        Command::Node {
            host,
            port,
            chain_id,
        } => {
            let opts = devnode_server::NodeOptions {
                listen: std::net::SocketAddr::new(host, port),
                chain_id,
                ..devnode_server::NodeOptions::default()
            };
            let node = devnode_server::start(opts.clone())
                .await
                .map_err(|e| CliError(format!("cannot listen on {}: {e}", opts.listen)))?;
            println!("dev chain listening on {} (chain id {chain_id})", node.url);
            for (i, a) in node.accounts.iter().enumerate() {
                println!("({i}) {} key {}", a.address, a.key);
            }
            let handle = node.handle().clone();
            tokio::select! {
                _ = handle.stopped() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            node.stop().await;
            Ok(())
        }
    }
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli).await {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
