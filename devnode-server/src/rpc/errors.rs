//! JSON-RPC error objects, with the codes Ethereum clients expect: geth's
//! `3 execution reverted` carrying the revert data, `-32000` for requests
//! the node refuses (nonce, funds, unknown block), `-32602` for bad
//! parameters, `-32601` for unknown methods (from jsonrpsee itself).

use alloy::primitives::Bytes;
use alloy::sol_types::{Revert, SolError};
use jsonrpsee::types::ErrorObjectOwned;

use crate::chain::ChainError;
use crate::worker::JobPanicked;

/// geth's code for a reverted call; `data` holds the revert data.
pub const EXECUTION_REVERTED: i32 = 3;
/// Generic server error ("invalid input" in geth's usage).
pub const SERVER_ERROR: i32 = -32000;
/// Invalid method parameters.
pub const INVALID_PARAMS: i32 = -32602;
/// Internal error (a bug in the node).
pub const INTERNAL_ERROR: i32 = -32603;

/// The error object for a revert: message `execution reverted`, plus `:
/// <reason>` when the data is an `Error(string)`, and the data in hex.
pub fn reverted(data: &Bytes) -> ErrorObjectOwned {
    let message = match Revert::abi_decode(data) {
        Ok(r) => format!("execution reverted: {}", r.reason),
        Err(_) => "execution reverted".to_string(),
    };
    ErrorObjectOwned::owned(EXECUTION_REVERTED, message, Some(data.to_string()))
}

/// Maps a chain error to its error object.
pub fn chain_error(e: ChainError) -> ErrorObjectOwned {
    match e {
        ChainError::Reverted(data) => reverted(&data),
        other => ErrorObjectOwned::owned(SERVER_ERROR, other.to_string(), None::<()>),
    }
}

/// A parameter that parsed but makes no sense.
pub fn invalid_params(msg: impl Into<String>) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(INVALID_PARAMS, msg.into(), None::<()>)
}

/// A request that panicked inside the chain.
pub fn internal(e: JobPanicked) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(
        INTERNAL_ERROR,
        format!("internal error: {}", e.0),
        None::<()>,
    )
}
