//! The token's compliance extension: the Korean token-securities rules'
//! administration and views (KYC registration, freezes, seizure, pledges,
//! trust property, reconciliation, ledger), reached by delegatecall from
//! `security-token` on the proxy's storage. The rules themselves run in
//! `security-token`'s hot path.
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
    security_token_core::program::main(len, security_token_core::program::handle_compliance)
}
