//! Dev-chain tests of the beacon upgrade path live in `tests/`; this crate has no library code.
