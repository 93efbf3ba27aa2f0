//! The routers: from a call's selector and arguments to a token function
//! and back to return data, one router per program.
//!
//! - [`hot`]: what the `security-token` program answers itself: the ERC-20
//!   face, ERC-1410/1594 transfers, issuance and redemption, `canTransfer*`,
//!   ERC-1644 controller moves and the views on those paths.
//! - [`admin`]: what the `security-token-admin` extension answers, reached
//!   by delegatecall from the hot program's fallback: initialisation, roles,
//!   pause, documents, default partitions, closing issuance, renouncing
//!   control.
//! - [`compliance`]: what the `security-token-compliance` extension
//!   answers, reached the same way: KYC, freezes and seizure, pledges,
//!   trust property, reconciliation and the ledger views.
//!
//! Each router is written with [`router!`], which also lists the selectors
//! it answers; the tests check that the two lists are disjoint and together
//! cover every function of `sto_abi` (and that every arm decodes and
//! encodes exactly as alloy does).

pub mod admin;
pub mod compliance;
pub mod hot;

use crate::encoding::{boolean, encode, uint, Field};
use alloc::vec::Vec;
use stylus_sdk::alloy_primitives::{B256, U256};

/// Declares a router: `pub fn $name(token, args)` answering each listed
/// `sto_abi` call type whose arguments match its [`Schema`] with its body
/// (an expression that may use `?` on the token's `Result`s), and
/// `pub const $list` with the (selector, schema) pairs it answers.
///
/// [`Schema`]: crate::calldata::Schema
macro_rules! router {
    (
        $(#[$meta:meta])*
        fn $name:ident($token:ident, $args:ident);
        selectors $list:ident;
        $($call:path [$schema:literal] => $body:expr,)*
    ) => {
        /// (selector, argument schema) of every function this router
        /// answers, in routing order.
        pub const $list: &[([u8; 4], $crate::calldata::Schema)] =
            &[$((<$call as stylus_sdk::alloy_sol_types::SolCall>::SELECTOR, $schema),)*];

        $(#[$meta])*
        pub fn $name(
            $token: &mut $crate::storage::SecurityToken,
            $args: &$crate::calldata::Args,
        ) -> Option<Result<alloc::vec::Vec<u8>, alloc::vec::Vec<u8>>> {
            let selector = $args.selector();
            $(
                if selector == <$call as stylus_sdk::alloy_sol_types::SolCall>::SELECTOR {
                    #[allow(unused_mut)]
                    let mut run = || -> Result<alloc::vec::Vec<u8>, alloc::vec::Vec<u8>> {
                        $args.check($schema)?;
                        Ok($body)
                    };
                    return Some(run());
                }
            )*
            None
        }
    };
}
pub(crate) use router;

/// Return data of a function without outputs.
pub(crate) fn nothing(_: ()) -> Vec<u8> {
    Vec::new()
}

/// Return data of one `bool`.
pub(crate) fn ret_bool(b: bool) -> Vec<u8> {
    encode(&[boolean(b)])
}

/// Return data of one `uint256`.
pub(crate) fn ret_uint(v: U256) -> Vec<u8> {
    encode(&[uint(v)])
}

/// Return data of one static word (`bytes32`, `address`, `uint8`).
pub(crate) fn ret_word(w: B256) -> Vec<u8> {
    w.0.to_vec()
}

/// Return data of one `string` or `bytes`.
pub(crate) fn ret_bytes(b: &[u8]) -> Vec<u8> {
    encode(&[Field::Bytes(b)])
}

/// Return data of one `bytes32[]`.
pub(crate) fn ret_words(w: &[B256]) -> Vec<u8> {
    encode(&[Field::Words(w)])
}
