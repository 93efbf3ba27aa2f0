//! ERC-1400 security token for Arbitrum Stylus: ERC-1410 partitions,
//! ERC-1594 issuance/redemption/transfer checks, ERC-1643 documents,
//! ERC-1644 controller operations and an ERC-20 face, with issuer,
//! controller and token-level operator roles, pause and a one-shot
//! initialiser for use behind a beacon proxy.
//!
//! This crate is the token's logic and storage; the two program crates
//! (`contracts/security-token`, `contracts/security-token-admin`) are thin
//! entry points into [`program`]. Each ABI function of
//! `sto_abi::ISecurityToken` is a method of [`SecurityToken`] in the module
//! of its concern, routed by [`router::hot`] or [`router::admin`] (tests
//! check the routers against the ABI crate). Calldata, return data, events
//! and errors go through the crate's own small codec ([`calldata`],
//! [`encoding`]) instead of the SDK's generic one: that is what keeps each
//! program under Arbitrum's 24 KiB limit (see SIZE.md).
//!
//! Deliberate deviations from the ERC-1400 drafts are recorded in
//! docs/abi-decisions.md; the main ones: `canTransfer*` return
//! `(bytes1, bytes32)` / `(bytes1, bytes32, bytes32)`, every function
//! reverts with a custom error rather than returning false, and
//! `RedeemedByPartition` carries both `data` and `operatorData`.
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

pub mod calldata;
pub mod compliance;
pub mod controller;
pub mod documents;
pub mod encoding;
pub mod erc20;
pub mod errors;
pub mod events;
pub mod initializer;
pub mod issuance;
#[cfg(test)]
pub mod layout;
pub mod operators;
pub mod partitions;
pub mod pause;
pub mod program;
pub mod redemption;
pub mod roles;
pub mod router;
pub mod rules;
pub mod status;
pub mod storage;
pub mod text;
pub mod transfers;
pub mod words;

#[cfg(test)]
mod tests;

pub use storage::SecurityToken;
