//! Storage layouts of upgradeable contracts and the append-only check (R21).
//!
//! A token proxy keeps its state while the beacon swaps the code that reads
//! it, so a new implementation must find every old field exactly where the
//! old one left it. This crate describes a contract's storage as data
//! ([`Layout`]: field name, slot, byte offset, byte width, type), reads and
//! writes it as JSON (the files committed under `deployments/layouts/`), and
//! refuses an upgrade whose layout is not an append-only extension of the
//! old one ([`check_append_only`]).
//!
//! Conventions, chosen to match `solc --storage-layout` so that the files
//! read the same way for Solidity and Stylus contracts:
//! - `offset` counts bytes from the low-order (right) end of the slot, as
//!   Solidity and the Stylus SDK pack small fields;
//! - `bytes` is the width the field occupies in its slot (32 for mappings,
//!   vectors and other fields that own the whole slot);
//! - fields of nested storage structs are flattened with dotted names
//!   (`roles.admin`), each at its absolute slot.
//!
//! Layouts are declared by hand next to the storage struct and cross-checked
//! against the real slots the Stylus storage types use by a native test that
//! writes through each field and observes which bytes of which slot changed
//! ([`probe`]).

mod check;
mod layout;
pub mod probe;
mod slot;

pub use check::{check_append_only, Violation};
pub use layout::{Field, Layout, LayoutError};
pub use slot::Slot;
