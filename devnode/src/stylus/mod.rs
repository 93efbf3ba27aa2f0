//! The Stylus VM: wasmi plus Nitro's hostios and pricing, independent of revm.

pub mod activation;
pub mod host;
pub mod hostio;
pub mod memory;
pub mod pricing;
pub mod runtime;

pub use host::{CallKind, CallResult, CreateResult, Escape, StylusEnv, StylusHost};
pub use runtime::{ExecOutcome, ExitStatus, StylusRuntime};
