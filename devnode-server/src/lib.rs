//! The embedded Stylus dev chain as a node that Ethereum clients talk to:
//! blocks, receipts and logs ([`chain`]) on top of the `devnode` execution
//! engine ([`engine`], through the narrow [`executor::Executor`] trait),
//! served over JSON-RPC ([`rpc`]) from one thread that owns the chain
//! ([`worker`]). [`start`] runs it in-process on a loopback port, for tests
//! and for the CLI's default network; the `devnode` binary runs it alone.

pub mod accounts;
pub mod chain;
pub mod engine;
pub mod executor;
pub mod rpc;
pub mod state;
pub mod worker;

use std::net::SocketAddr;
use std::time::Duration;

use jsonrpsee::server::ServerHandle;

use accounts::DevAccount;
use chain::{Chain, ChainConfig};
use engine::Engine;
use worker::ChainHandle;

/// How to run a node.
#[derive(Debug, Clone)]
pub struct NodeOptions {
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Chain id.
    pub chain_id: u64,
    /// Mnemonic accounts listed and unlocked (at most 10; the Nitro dev
    /// account is always added).
    pub accounts: usize,
    /// Interval mining: seal a block every this often. `None`: automine.
    pub block_time: Option<Duration>,
    /// Put every activated program in the ArbWasmCache (cached init cost).
    pub cache_all_programs: bool,
    /// Constant base fee, wei.
    pub base_fee: u64,
    /// Block gas limit.
    pub block_gas_limit: u64,
    /// State file loaded at start and written by [`RunningNode::save_state`].
    pub state: Option<std::path::PathBuf>,
}

impl Default for NodeOptions {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8547)),
            chain_id: 412_346,
            accounts: 10,
            block_time: None,
            cache_all_programs: false,
            base_fee: 100_000_000,
            block_gas_limit: 32_000_000,
            state: None,
        }
    }
}

impl NodeOptions {
    /// Options for an in-process node on a free loopback port.
    pub fn ephemeral() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            ..Self::default()
        }
    }
}

/// A running node. Dropping it stops the server.
pub struct RunningNode {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// `http://addr`.
    pub url: String,
    /// Funded, unlocked accounts.
    pub accounts: Vec<DevAccount>,
    /// The chain thread, for in-process access beside RPC.
    pub chain: ChainHandle<Engine>,
    handle: ServerHandle,
    state: Option<(std::path::PathBuf, u64)>,
    _runtime: Option<tokio::runtime::Runtime>,
}

impl RunningNode {
    /// Stops the server and waits until it has stopped.
    pub async fn stop(self) {
        let handle = self.handle.clone();
        let _ = handle.stop();
        handle.stopped().await;
    }

    /// Writes the chain's accounts to the `--state` file (atomically);
    /// `Ok(None)` when the node has no state file.
    ///
    /// # Errors
    /// The chain thread is gone or the file cannot be written.
    pub async fn save_state(&self) -> std::io::Result<Option<std::path::PathBuf>> {
        let Some((path, chain_id)) = self.state.clone() else {
            return Ok(None);
        };
        let db = self
            .chain
            .run(|c| executor::Executor::snapshot(c.engine()))
            .await
            .map_err(|e| std::io::Error::other(e.0))?;
        state::save(&path, &state::capture(&db, chain_id))?;
        Ok(Some(path))
    }

    /// Handle that resolves when the server stops.
    pub fn handle(&self) -> &ServerHandle {
        &self.handle
    }
}

impl Drop for RunningNode {
    fn drop(&mut self) {
        let _ = self.handle.stop();
    }
}

/// Starts a node inside the current tokio runtime.
///
/// # Errors
/// The listen address cannot be bound.
pub async fn start(opts: NodeOptions) -> std::io::Result<RunningNode> {
    let engine = Engine::genesis(opts.chain_id, opts.cache_all_programs);
    let chain = Chain::new(
        engine,
        ChainConfig {
            chain_id: opts.chain_id,
            base_fee: opts.base_fee,
            block_gas_limit: opts.block_gas_limit,
            ..ChainConfig::default()
        },
    );
    if opts.block_time.is_some_and(|t| t.is_zero()) {
        return Err(std::io::Error::other(
            "block time must be at least one second (omit it for automine)",
        ));
    }
    let handle = ChainHandle::spawn(chain);
    if let Some(path) = &opts.state {
        if let Some(saved) = state::load(path, opts.chain_id).map_err(std::io::Error::other)? {
            handle
                .run(move |c| state::apply(c.engine_mut(), &saved))
                .await
                .map_err(|e| std::io::Error::other(e.0))?;
        }
    }
    if let Some(interval) = opts.block_time {
        handle
            .run(|c| c.set_automine(false))
            .await
            .map_err(|e| std::io::Error::other(e.0))?;
        let miner = handle.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(interval);
            tick.tick().await;
            loop {
                tick.tick().await;
                if miner.run(|c| c.mine()).await.is_err() {
                    break;
                }
            }
        });
    }
    let accounts = accounts::dev_accounts(opts.accounts);
    let ctx = rpc::Ctx {
        chain: handle.clone(),
        accounts: accounts.clone(),
    };
    let (addr, server) = rpc::serve(opts.listen, ctx).await?;
    Ok(RunningNode {
        addr,
        url: format!("http://{addr}"),
        accounts,
        chain: handle,
        handle: server,
        state: opts.state.clone().map(|p| (p, opts.chain_id)),
        _runtime: None,
    })
}

/// Starts a node on a runtime of its own, for callers that are not async.
///
/// # Errors
/// The runtime cannot be built or the address cannot be bound.
pub fn start_blocking(opts: NodeOptions) -> std::io::Result<RunningNode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("devnode-rpc")
        .build()?;
    let mut node = runtime.block_on(start(opts))?;
    node._runtime = Some(runtime);
    Ok(node)
}
