//! `devnode`: the embedded Stylus dev chain as a standalone JSON-RPC node.
//!
//! ```text
//! cargo run --release --bin devnode -- --port 8547
//! cast chain-id --rpc-url http://127.0.0.1:8547   # 412346
//! ```

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use clap::Parser;
use devnode_server::{start, NodeOptions};

/// Embedded Arbitrum Stylus dev chain (revm + wasmi) with a JSON-RPC server.
#[derive(Parser, Debug)]
#[command(name = "devnode", version, about, long_about = None,
    after_help = "Example:\n  devnode --port 0          # pick a free port and print it\n  devnode --block-time 2    # seal a block every 2 seconds")]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on (0 picks a free port).
    #[arg(long, default_value_t = 8547)]
    port: u16,
    /// Chain id.
    #[arg(long, default_value_t = 412_346)]
    chain_id: u64,
    /// Number of funded mnemonic accounts to unlock (at most 10).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=10))]
    accounts: u64,
    /// Seal a block every N seconds instead of one per transaction.
    #[arg(long)]
    block_time: Option<u64>,
    /// Put every activated program in the ArbWasmCache.
    #[arg(long)]
    cache_all_programs: bool,
    /// Load the chain's accounts from FILE at start (when it exists) and
    /// save them there on exit (Ctrl-C), atomically. Block history is not kept.
    #[arg(long, value_name = "FILE")]
    state: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let opts = NodeOptions {
        listen: SocketAddr::new(args.host, args.port),
        chain_id: args.chain_id,
        accounts: args.accounts as usize,
        block_time: args.block_time.filter(|s| *s > 0).map(Duration::from_secs),
        cache_all_programs: args.cache_all_programs,
        state: args.state.clone(),
        ..NodeOptions::default()
    };
    let node = match start(opts.clone()).await {
        Ok(n) => n,
        Err(e) => {
            eprintln!("error: cannot start on {}: {e}", opts.listen);
            std::process::exit(1);
        }
    };
    println!("devnode: Arbitrum Stylus dev chain");
    println!("chain id: {}", opts.chain_id);
    println!();
    println!("Available accounts (10,000 ETH each)");
    for (i, a) in node.accounts.iter().enumerate() {
        println!("({i}) {} key {}", a.address, a.key);
    }
    println!();
    println!("Listening on {}", node.url);
    let handle = node.handle().clone();
    tokio::select! {
        _ = handle.stopped() => {}
        _ = tokio::signal::ctrl_c() => {
            println!("stopping");
        }
    }
    match node.save_state().await {
        Ok(Some(path)) => println!("state saved to {}", path.display()),
        Ok(None) => {}
        Err(e) => {
            eprintln!("error: cannot save the state: {e}");
            node.stop().await;
            std::process::exit(1);
        }
    }
    node.stop().await;
}
