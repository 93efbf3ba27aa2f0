//! Ink and gas prices of the Stylus VM, taken from Nitro's published model
//! (`arbutil/src/pricing.rs`, `arbutil/src/evm/mod.rs`, `prover/src/programs/meter.rs`).
//!
//! One EVM gas buys [`INK_PER_GAS`] ink. wasmi meters in *fuel*; one fuel is
//! [`INK_PER_FUEL`] ink, so every ink price below is converted with a ceiling
//! division and never rounds down to a cheaper charge.

use wasmi::OperatorCost;

/// Ink bought by one unit of EVM gas (ArbOS `initialInkPrice`).
pub const INK_PER_GAS: u64 = 10_000;
/// Ink represented by one unit of wasmi fuel (chosen so Nitro's per-opcode
/// prices, including a call's block header, fit wasmi's `u8` cost table;
/// see [`operator_costs`]).
pub const INK_PER_FUEL: u64 = 25;
/// Ink Nitro charges per executed basic block (`ink_header_cost`).
pub const BLOCK_HEADER_INK: u64 = 2_450;

/// Base ink of every hostio.
pub const HOSTIO_INK: u64 = 8_400;
/// Extra ink per pointer argument.
pub const PTR_INK: u64 = 13_440 - HOSTIO_INK;
/// Extra ink of hostios that reach into the EVM.
pub const EVM_API_INK: u64 = 59_673;
/// Extra ink of `math_div` / `math_mod`.
pub const DIV_INK: u64 = 20_000;
/// Extra ink of `math_mul_mod`.
pub const MUL_MOD_INK: u64 = 24_100;
/// Extra ink of `math_add_mod`.
pub const ADD_MOD_INK: u64 = 21_000;

/// EIP-2200 sentry: storage writes need more than this much gas left.
pub const SSTORE_SENTRY_GAS: u64 = 2_300;
/// EIP-2929 cold account access.
pub const COLD_ACCOUNT_GAS: u64 = 2_600;
/// EIP-2929 cold storage read.
pub const COLD_SLOAD_GAS: u64 = 2_100;
/// EIP-2929 warm storage read.
pub const WARM_SLOAD_GAS: u64 = 100;
/// EIP-1153 TLOAD / TSTORE.
pub const TRANSIENT_GAS: u64 = WARM_SLOAD_GAS;
/// Per-topic log gas.
pub const LOG_TOPIC_GAS: u64 = 375;
/// Per-byte log data gas.
pub const LOG_DATA_GAS: u64 = 8;
/// Base log gas (LOG0).
pub const LOG_GAS: u64 = 375;
/// Extra gas the storage cache requires before an access (`StorageCache::REQUIRED_ACCESS_GAS`).
pub const STORAGE_CACHE_REQUIRED_ACCESS_GAS: u64 = 10;
/// Gas of `CREATE` (`params.CreateGas`).
pub const CREATE_GAS: u64 = 32_000;
/// Gas per keccak word (`params.Keccak256WordGas`).
pub const KECCAK_WORD_GAS: u64 = 6;
/// Gas of a value-bearing call (`params.CallValueTransferGas`).
pub const CALL_VALUE_GAS: u64 = 9_000;
/// Gas of a value-bearing call to an empty account (`params.CallNewAccountGas`).
pub const CALL_NEW_ACCOUNT_GAS: u64 = 25_000;
/// Stipend added to value-bearing calls.
pub const CALL_STIPEND: u64 = 2_300;

/// Converts gas to ink, saturating.
pub fn gas_to_ink(gas: u64) -> u64 {
    gas.saturating_mul(INK_PER_GAS)
}

/// Converts ink to gas, rounding down (Nitro's `ink_to_gas`).
pub fn ink_to_gas(ink: u64) -> u64 {
    ink / INK_PER_GAS
}

/// Ink of writing `bytes` into wasm memory.
pub fn write_price(bytes: u32) -> u64 {
    5_040u64.saturating_add(30u64.saturating_mul(u64::from(bytes.saturating_sub(32))))
}

/// Ink of reading `bytes` out of wasm memory.
pub fn read_price(bytes: u32) -> u64 {
    16_381u64.saturating_add(55u64.saturating_mul(u64::from(bytes.saturating_sub(32))))
}

/// Ink of `native_keccak256` over `bytes`.
pub fn keccak_price(bytes: u32) -> u64 {
    let words = u64::from(bytes.div_ceil(32)).saturating_sub(2);
    121_800u64.saturating_add(21_000u64.saturating_mul(words))
}

/// Ink of `math_pow` for a big-endian exponent.
pub fn pow_price(exponent: &[u8; 32]) -> u64 {
    let zeros = exponent.iter().take_while(|b| **b == 0).count() as u64;
    let exp = 33u64.saturating_sub(zeros);
    3_000 + exp * 17_500
}

/// Gas of an EVM log with `topics` topics and `data_len` bytes of data.
pub fn log_gas(topics: u64, data_len: u64) -> u64 {
    LOG_GAS + topics * LOG_TOPIC_GAS + data_len * LOG_DATA_GAS
}

/// Nitro's per-read storage-cache surcharge by number of reads so far.
pub fn cache_read_gas(reads: u64) -> u64 {
    match reads {
        0..=32 => 0,
        33..=128 => 2,
        _ => 10,
    }
}

/// Nitro's per-write storage-cache surcharge by number of writes so far.
pub fn cache_write_gas(writes: u64) -> u64 {
    match writes {
        0..=8 => 0,
        9..=64 => 7,
        _ => 10,
    }
}

fn fuel(ink: u64) -> u8 {
    ink.div_ceil(INK_PER_FUEL).min(u64::from(u8::MAX)) as u8
}

/// wasmi's per-operator fuel table built from Nitro's `pricing_v1` ink table.
///
/// Nitro charges each basic block's ink plus a 2,450-ink header when the
/// block starts; a block ends at `end`, `else`, `return`, `loop`, `br`,
/// `br_if`, `br_table`, `if`, `call` and `call_indirect`, so the header is
/// added to those operators here. Prices are rounded up to whole fuel units
/// (25 ink; e.g. `i32.add`, 70 ink, costs 75). Capped at 255 fuel (6,375 ink):
/// `call_indirect` (16,060+ ink with its header in Nitro), `br_table` with more
/// than 4 targets and `memory.grow` (8,050) are under-priced by that cap.
/// Float operators, which Nitro prices at `u64::MAX` (executing one exhausts
/// all ink), cost the cap here.
pub fn operator_costs() -> OperatorCost {
    let mut c = OperatorCost::default();
    macro_rules! set {
        ($ink:expr => $($f:ident),+) => { $( c.$f = fuel($ink); )+ };
    }
    set!(1 => unreachable, nop, i32_const, i64_const, block);
    set!(1 + BLOCK_HEADER_INK => return_, loop_, else_, end);
    set!(9 => drop);
    set!(765 + BLOCK_HEADER_INK => br, br_if, if_);
    set!(1250 => select);
    set!(3800 + BLOCK_HEADER_INK => call);
    set!(75 => local_get, local_tee);
    set!(210 => local_set);
    set!(225 => global_get);
    set!(575 => global_set);
    set!(670 => i32_load, i32_load8_s, i32_load8_u, i32_load16_s, i32_load16_u);
    set!(680 => i64_load, i64_load8_s, i64_load8_u, i64_load16_s, i64_load16_u, i64_load32_s, i64_load32_u);
    set!(825 => i32_store, i32_store8, i32_store16);
    set!(950 => i64_store, i64_store8, i64_store16, i64_store32);
    set!(3000 => memory_size);
    set!(8050 => memory_grow);
    set!(170 => i32_eqz, i32_eq, i32_ne, i32_lt_s, i32_lt_u, i32_gt_s, i32_gt_u, i32_le_s, i32_le_u, i32_ge_s, i32_ge_u);
    set!(225 => i64_eqz, i64_eq, i64_ne, i64_lt_s, i64_lt_u, i64_gt_s, i64_gt_u, i64_le_s, i64_le_u, i64_ge_s, i64_ge_u);
    set!(210 => i32_clz, i32_ctz, i64_clz, i64_ctz);
    set!(70 => i32_add, i32_sub, i32_and, i32_or, i32_xor, i32_shl, i32_shr_s, i32_shr_u, i32_rotl, i32_rotr);
    set!(160 => i32_mul, i64_mul);
    set!(1120 => i32_div_s, i32_div_u, i32_rem_s, i32_rem_u);
    set!(100 => i64_add, i64_sub, i64_and, i64_or, i64_xor, i64_shl, i64_shr_s, i64_shr_u, i64_rotl, i64_rotr);
    set!(1270 => i64_div_s, i64_div_u, i64_rem_s, i64_rem_u);
    set!(2650 => i32_popcnt);
    set!(6000 => i64_popcnt);
    set!(100 => i32_wrap_i64, i64_extend_i32_s, i64_extend_i32_u, i32_extend8_s, i32_extend16_s, i64_extend8_s, i64_extend16_s, i64_extend32_s);
    set!(950 => memory_copy, memory_fill);
    set!(2400 + 325 * 4 + BLOCK_HEADER_INK => br_table);
    set!(u64::MAX => call_indirect);
    set!(u64::MAX => f32_load, f64_load, f32_store, f64_store, f32_const, f64_const,
        f32_eq, f32_ne, f32_lt, f32_gt, f32_le, f32_ge, f64_eq, f64_ne, f64_lt, f64_gt, f64_le, f64_ge,
        f32_abs, f32_neg, f32_ceil, f32_floor, f32_trunc, f32_nearest, f32_sqrt, f32_add, f32_sub, f32_mul,
        f32_div, f32_min, f32_max, f32_copysign, f64_abs, f64_neg, f64_ceil, f64_floor, f64_trunc,
        f64_nearest, f64_sqrt, f64_add, f64_sub, f64_mul, f64_div, f64_min, f64_max, f64_copysign,
        i32_trunc_f32_s, i32_trunc_f32_u, i32_trunc_f64_s, i32_trunc_f64_u,
        i64_trunc_f32_s, i64_trunc_f32_u, i64_trunc_f64_s, i64_trunc_f64_u,
        f32_convert_i32_s, f32_convert_i32_u, f32_convert_i64_s, f32_convert_i64_u, f32_demote_f64,
        f64_convert_i32_s, f64_convert_i32_u, f64_convert_i64_s, f64_convert_i64_u, f64_promote_f32,
        i32_reinterpret_f32, i64_reinterpret_f64, f32_reinterpret_i32, f64_reinterpret_i64,
        i32_trunc_sat_f32_s, i32_trunc_sat_f32_u, i32_trunc_sat_f64_s, i32_trunc_sat_f64_u,
        i64_trunc_sat_f32_s, i64_trunc_sat_f32_u, i64_trunc_sat_f64_s, i64_trunc_sat_f64_u);
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keccak_of_one_word_costs_the_base_price() {
        assert_eq!(keccak_price(32), 121_800);
        assert_eq!(keccak_price(96), 121_800 + 21_000);
    }

    #[test]
    fn read_and_write_prices_grow_past_one_word() {
        assert_eq!(read_price(32), 16_381);
        assert_eq!(read_price(64), 16_381 + 55 * 32);
        assert_eq!(write_price(100), 5_040 + 30 * 68);
    }

    #[test]
    fn pow_price_drops_with_leading_zero_bytes() {
        let mut e = [0u8; 32];
        assert_eq!(pow_price(&e), 3_000 + 17_500);
        e[0] = 1;
        assert_eq!(pow_price(&e), 3_000 + 33 * 17_500);
    }

    #[test]
    fn operator_table_rounds_up_and_caps() {
        let c = operator_costs();
        assert_eq!(c.i32_add, 3); // 70 ink -> 75 ink
        assert_eq!(c.call, 250); // 3,800 + 2,450 header = 6,250 ink exactly
        assert_eq!(c.end, 99); // 1 + 2,450 header -> 2,475 ink
        assert_eq!(c.f64_add, u8::MAX);
    }
}
