//! Test fixture: version 2 of the token's administration extension. It
//! answers everything `security-token-admin` answers, plus one new
//! function pair on one new storage field appended after the 1.1.0 layout
//! (`note`, slot 29): `setNote(uint256)` (issuer only) and `note()`. An
//! implementation constructed with this extension is a v2 of the token
//! that adds a function and a field without touching the hot path, which
//! is how the token grows through its extension.
#![cfg_attr(target_arch = "wasm32", no_std, no_main)]

extern crate alloc;

use alloc::vec::Vec;
use alloy_sol_types::{sol, SolCall};
use security_token_core::errors::{Error, NotIssuer};
use security_token_core::program::handle_admin;
use security_token_core::SecurityToken;
use stylus_sdk::alloy_primitives::U256;
use stylus_sdk::prelude::*;
use stylus_sdk::storage::{StorageType, StorageU256};
use stylus_sdk::stylus_core::host::MessageAccess;

sol! {
    /// What version 2 adds.
    interface ITokenV2 {
        /// Sets the note (issuer only).
        function setNote(uint256 value) external;
        /// The note.
        function note() external view returns (uint256);
    }
}

/// Slot of the new field: the first one after the 1.1.0 layout.
pub const NOTE_SLOT: u64 = 29;

fn note_field(token: &SecurityToken) -> StorageU256 {
    // SAFETY: slot 29 is reserved for `note` by layout 1.2.0 (appended).
    unsafe { StorageU256::new(U256::from(NOTE_SLOT), 0, token.vm().clone()) }
}

/// Version 2's calls, then everything version 1 answers.
pub fn handle_v2(token: &mut SecurityToken, input: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let selector: Option<[u8; 4]> = input.get(..4).and_then(|s| s.try_into().ok());
    match selector {
        Some(s) if s == ITokenV2::setNoteCall::SELECTOR => {
            let call = ITokenV2::setNoteCall::abi_decode(input).map_err(|_| Vec::new())?;
            let caller = token.vm().msg_sender();
            if caller != token.issuer() {
                return Err(Error::NotIssuer(NotIssuer { account: caller }).encode());
            }
            note_field(token).set(call.value);
            Ok(Vec::new())
        }
        Some(s) if s == ITokenV2::noteCall::SELECTOR => Ok(ITokenV2::noteCall::abi_encode_returns(
            &note_field(token).get(),
        )),
        _ => handle_admin(token, input),
    }
}

/// Arbitrum's entry point.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub extern "C" fn user_entrypoint(len: usize) -> usize {
    security_token_core::program::main(len, handle_v2)
}
