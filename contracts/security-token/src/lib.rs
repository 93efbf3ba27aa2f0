//! The token's implementation program: the hot path (transfers, issuance,
//! redemption, canTransfer*, controller moves, their views), delegating
//! every other selector to its extension (`security-token-admin`).
//!
//! All logic lives in `security-token-core`; this crate is the program's
//! entry point only.
#![cfg_attr(target_arch = "wasm32", no_std, no_main)]

#[cfg(target_arch = "wasm32")]
extern crate security_token_core;

/// Arbitrum's entry point: runs one call of this program.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub extern "C" fn user_entrypoint(len: usize) -> usize {
    security_token_core::program::main(len, security_token_core::program::handle_hot)
}
