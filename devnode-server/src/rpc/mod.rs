//! JSON-RPC 2.0 over HTTP (jsonrpsee): batch requests, CORS for browser
//! wallets, request-size and connection limits. Methods live in
//! [`eth`] (the standard namespace) and [`dev`] (anvil-style helpers).

pub mod convert;
pub mod dev;
pub mod errors;
pub mod eth;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use jsonrpsee::server::{BatchRequestConfig, Server, ServerConfig, ServerHandle};
use jsonrpsee::types::{ErrorObjectOwned, Params};
use jsonrpsee::RpcModule;
use serde_json::Value;
use tower_http::cors::{Any, CorsLayer};

use crate::accounts::DevAccount;
use crate::executor::Executor;
use crate::worker::ChainHandle;

/// Largest request body accepted (a Stylus deployment is ~25 KB of code,
/// hex-encoded twice over in a signed tx; 10 MiB leaves ample room).
pub const MAX_REQUEST_BYTES: u32 = 10 * 1024 * 1024;
/// Largest response body.
pub const MAX_RESPONSE_BYTES: u32 = 100 * 1024 * 1024;
/// Most concurrent connections.
pub const MAX_CONNECTIONS: u32 = 256;
/// Most calls in one batch.
pub const MAX_BATCH: u32 = 1_000;

/// Result type of every method.
pub type RpcResult = Result<Value, ErrorObjectOwned>;

/// What every method can reach.
pub struct Ctx<E: Executor> {
    /// The chain thread.
    pub chain: ChainHandle<E>,
    /// Unlocked accounts (`eth_accounts`, `eth_sendTransaction`).
    pub accounts: Vec<DevAccount>,
}

/// Registers `name` as an async method running `f`.
pub(crate) fn method<E, F, Fut>(module: &mut RpcModule<Ctx<E>>, name: &'static str, f: F)
where
    E: Executor,
    F: Fn(Params<'static>, Arc<Ctx<E>>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = RpcResult> + Send + 'static,
{
    module
        .register_async_method(name, move |params, ctx, _| {
            let f = f.clone();
            async move { f(params, ctx).await }
        })
        .unwrap_or_else(|e| panic!("method {name} registered twice: {e}"));
}

/// Every method of the node.
pub fn module<E: Executor>(ctx: Ctx<E>) -> RpcModule<Ctx<E>> {
    let mut module = RpcModule::new(ctx);
    eth::register(&mut module);
    dev::register(&mut module);
    module
}

/// Serves `ctx` on `addr` (port 0 picks a free one). Returns the bound
/// address and the handle that stops the server.
///
/// # Errors
/// The address cannot be bound.
pub async fn serve<E: Executor>(
    addr: SocketAddr,
    ctx: Ctx<E>,
) -> std::io::Result<(SocketAddr, ServerHandle)> {
    let cors = CorsLayer::new()
        .allow_methods(Any)
        .allow_origin(Any)
        .allow_headers(Any);
    let config = ServerConfig::builder()
        .max_request_body_size(MAX_REQUEST_BYTES)
        .max_response_body_size(MAX_RESPONSE_BYTES)
        .max_connections(MAX_CONNECTIONS)
        .set_batch_request_config(BatchRequestConfig::Limit(MAX_BATCH))
        .build();
    let server = Server::builder()
        .set_config(config)
        .set_http_middleware(tower::ServiceBuilder::new().layer(cors))
        .build(addr)
        .await?;
    let bound = server.local_addr()?;
    let handle = server.start(module(ctx));
    Ok((bound, handle))
}
