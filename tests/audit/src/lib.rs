//! The auditor's property suite (R26): random sequences of token calls run
//! on the deployable wasm of the security token, deployed through the
//! factory behind the beacon proxy on the embedded dev chain, each step
//! compared with a reference model ([`model`]) and followed by the ledger
//! invariants ([`check`]). `cargo test -p sto-audit` runs a quick version;
//! the `sto-audit` binary runs as many sequences as asked and writes a
//! report ([`report`]).

pub mod actors;
pub mod check;
pub mod gen;
pub mod model;
pub mod ops;
pub mod remote;
pub mod report;
pub mod suite;
pub mod world;
