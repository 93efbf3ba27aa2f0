//! The cast of a sequence: fixed dev accounts with fixed roles at the
//! start, and the partitions operations may name. Small sets on purpose:
//! collisions (self-transfers, an operator that is also a holder, the
//! controller as counterparty) are what find bugs.

use alloy_primitives::{Address, B256};
use devnode::genesis::DEV_ACCOUNTS;

/// Number of actors; index [`ZERO`] is the zero address.
pub const COUNT: usize = 8;
/// Issuer (also beacon owner and deployer).
pub const ISSUER: usize = 0;
/// Controller appointed at initialisation.
pub const CONTROLLER: usize = 1;
/// Holders A..D (2..=5).
pub const HOLDERS: [usize; 4] = [2, 3, 4, 5];
/// An outsider the issuer may appoint as token-level operator.
pub const OUTSIDER: usize = 6;
/// The zero address (invalid sender/receiver, never a caller).
pub const ZERO: usize = 7;

/// Address of actor `i`.
pub fn address(i: usize) -> Address {
    if i == ZERO {
        Address::ZERO
    } else {
        DEV_ACCOUNTS[i].0
    }
}

/// Short name for readable sequences.
pub fn name(i: usize) -> &'static str {
    [
        "issuer",
        "controller",
        "A",
        "B",
        "C",
        "D",
        "outsider",
        "zero",
    ][i]
}

/// Partitions an operation may name: two defaults, one locked tranche,
/// and the reserved zero partition.
pub const PARTITIONS: [&str; 4] = ["A", "B", "L", "0"];

/// The bytes32 of partition `i`.
pub fn partition(i: usize) -> B256 {
    let mut b = [0u8; 32];
    if PARTITIONS[i] != "0" {
        b[0] = PARTITIONS[i].as_bytes()[0];
    }
    B256::new(b)
}

/// Default partitions at initialisation, in order.
pub fn defaults() -> Vec<B256> {
    vec![partition(0), partition(1)]
}
