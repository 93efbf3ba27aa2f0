//! Embedded, in-process, Stylus-capable Arbitrum dev chain.
//!
//! Layers, each testable without the ones above it:
//! - [`stylus`]: the wasm VM (wasmi), every `vm_hooks` hostio behind the
//!   small [`stylus::StylusHost`] trait, Nitro's ink and memory pricing,
//!   activation rules;
//! - [`evm`]: revm 43 with a custom `frame_run` that runs `EF F0 00` code as
//!   Stylus and lets hostios make synchronous nested calls and creates;
//! - [`precompiles`]: ArbWasm (0x71) and ArbWasmCache (0x72);
//! - [`system`]: the StylusDeployer and the CREATE2 factory;
//! - [`node`]: genesis and the in-process API (`transact`, `call`, reads).
//!
//! Which parts of the gas model are exact and which approximate: `GAS.md`.

pub mod evm;
pub mod genesis;
pub mod node;
pub mod precompiles;
pub mod stylus;
pub mod system;

pub use node::{DevNode, NodeConfig, Receipt, Tx, TxError};
