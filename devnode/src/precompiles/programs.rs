//! Activation records, kept in journaled storage of the ArbOS state account
//! and keyed by code hash (as Nitro keys them), so they roll back with the
//! transaction and a second deployment of the same code needs no activation.

use crate::stylus::activation::ProgramInfo;
use alloy_primitives::{address, keccak256, Address, B256, U256};
use revm::context::JournalTr;

/// The ArbOS state account (holds program records).
pub const ARBOS_STATE: Address = address!("A4B05FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");

/// Nitro's `MinInitGas` (version 2) in units of 128 gas.
pub const MIN_INIT_GAS: u64 = 69;
/// Nitro's `MinCachedInitGas` in units of 32 gas.
pub const MIN_CACHED_GAS: u64 = 11;
/// `InitCostScalar` / `CachedCostScalar`, in units of 2 %.
pub const COST_SCALAR: u64 = 50;
/// `ExpiryDays`.
pub const EXPIRY_DAYS: u16 = 365;
/// `KeepaliveDays`.
pub const KEEPALIVE_DAYS: u16 = 31;
/// `BlockCacheSize`.
pub const BLOCK_CACHE_SIZE: u16 = 32;
/// `MaxStackDepth`.
pub const MAX_STACK_DEPTH: u32 = 4 * 65_536;

/// One activated program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProgramRecord {
    /// Stylus version it was activated with (0 = not activated).
    pub version: u16,
    /// Cost facts from activation.
    pub info: ProgramInfo,
    /// Activation time (unix seconds).
    pub activated_at: u64,
    /// In the ArbWasmCache (pays only the cached init cost).
    pub cached: bool,
}

impl ProgramRecord {
    /// Gas charged on each call when not cached (Nitro `Program.initGas`).
    pub fn init_gas(&self) -> u64 {
        MIN_INIT_GAS * 128 + (u64::from(self.info.init_cost) * COST_SCALAR * 2).div_ceil(100)
    }

    /// Gas charged on each call in version 2 (Nitro `Program.cachedGas`).
    pub fn cached_gas(&self) -> u64 {
        MIN_CACHED_GAS * 32
            + (u64::from(self.info.cached_init_cost) * COST_SCALAR * 2).div_ceil(100)
    }

    /// Program-init gas of one call: cached gas, plus init gas unless cached.
    pub fn call_init_gas(&self) -> u64 {
        self.cached_gas() + if self.cached { 0 } else { self.init_gas() }
    }

    fn encode(&self) -> U256 {
        let mut w = [0u8; 32];
        w[0..2].copy_from_slice(&self.version.to_be_bytes());
        w[2..4].copy_from_slice(&self.info.init_cost.to_be_bytes());
        w[4..6].copy_from_slice(&self.info.cached_init_cost.to_be_bytes());
        w[6..8].copy_from_slice(&self.info.footprint.to_be_bytes());
        w[8..16].copy_from_slice(&self.activated_at.to_be_bytes());
        w[16..20].copy_from_slice(&self.info.asm_estimate.to_be_bytes());
        w[20] = u8::from(self.cached);
        w[21..29].copy_from_slice(&self.info.activation_gas.to_be_bytes());
        U256::from_be_bytes(w)
    }

    fn decode(v: U256) -> Self {
        let w = v.to_be_bytes::<32>();
        let u16_at = |i: usize| u16::from_be_bytes([w[i], w[i + 1]]);
        let u64_at = |i: usize| u64::from_be_bytes(w[i..i + 8].try_into().expect("8 bytes"));
        Self {
            version: u16_at(0),
            info: ProgramInfo {
                init_cost: u16_at(2),
                cached_init_cost: u16_at(4),
                footprint: u16_at(6),
                asm_estimate: u32::from_be_bytes(w[16..20].try_into().expect("4 bytes")),
                activation_gas: u64_at(21),
            },
            activated_at: u64_at(8),
            cached: w[20] != 0,
        }
    }
}

fn slot(codehash: B256) -> U256 {
    let mut buf = [0u8; 46];
    buf[..14].copy_from_slice(b"stylus.program");
    buf[14..].copy_from_slice(codehash.as_slice());
    U256::from_be_bytes(keccak256(buf).0)
}

/// Reads the record of `codehash` (`None` when never activated).
pub fn get<J: JournalTr>(journal: &mut J, codehash: B256) -> Option<ProgramRecord>
where
    <J::Database as revm::Database>::Error: core::fmt::Debug,
{
    journal.load_account(ARBOS_STATE).expect("in-memory db");
    let v = journal
        .sload(ARBOS_STATE, slot(codehash))
        .expect("in-memory db")
        .data;
    (!v.is_zero()).then(|| ProgramRecord::decode(v))
}

/// Writes the record of `codehash`.
pub fn set<J: JournalTr>(journal: &mut J, codehash: B256, record: &ProgramRecord)
where
    <J::Database as revm::Database>::Error: core::fmt::Debug,
{
    journal.load_account(ARBOS_STATE).expect("in-memory db");
    journal
        .sstore(ARBOS_STATE, slot(codehash), record.encode())
        .expect("in-memory db");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_through_a_storage_word() {
        let r = ProgramRecord {
            version: 2,
            info: ProgramInfo {
                init_cost: 1234,
                cached_init_cost: 56,
                footprint: 17,
                asm_estimate: 700_000,
                activation_gas: 9_000_000,
            },
            activated_at: 1_700_000_000,
            cached: true,
        };
        assert_eq!(ProgramRecord::decode(r.encode()), r);
    }

    #[test]
    fn init_gas_follows_nitro_formula() {
        let r = ProgramRecord {
            version: 2,
            info: ProgramInfo {
                init_cost: 100,
                cached_init_cost: 10,
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(r.init_gas(), 69 * 128 + 100);
        assert_eq!(r.cached_gas(), 11 * 32 + 10);
        assert_eq!(r.call_init_gas(), 69 * 128 + 100 + 11 * 32 + 10);
    }
}
