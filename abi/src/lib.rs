//! ABI of the security-token suite: the `sol!` interfaces, events and custom
//! errors shared by the contracts, the CLI, the dev-chain tests and the
//! property suite.
//!
//! The Solidity file `solidity/IERC1400.sol` *is* the source: this crate
//! loads it with `alloy_sol_types::sol!`, so the Rust types, the selectors
//! the contract routes and the interface that `tests/solc.rs` compiles with
//! solc cannot drift apart. Decisions where the ERC-1400 drafts disagree are
//! recorded in `docs/abi-decisions.md`.
#![no_std]

extern crate alloc;

pub mod status;

alloy_sol_types::sol!(
    #[sol(all_derives)]
    "solidity/IERC1400.sol"
);

/// The interface source, for tools that want to write it out (e.g. next to a
/// deployment record) without reading the repository.
pub const SOLIDITY_INTERFACE: &str = include_str!("../solidity/IERC1400.sol");
