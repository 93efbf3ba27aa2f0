//! Arbitrum precompiles this chain provides next to Ethereum's: ArbWasm
//! (0x71, activation and Stylus parameters) and ArbWasmCache (0x72).

pub mod arb_wasm;
pub mod arb_wasm_cache;
pub mod programs;

use crate::evm::DevCtx;
use alloy_primitives::{address, Address, Bytes};
use revm::context::Cfg;
use revm::handler::{EthPrecompiles, PrecompileProvider};
use revm::interpreter::{CallInputs, Gas, InstructionResult, InterpreterResult};
use revm::primitives::{hardfork::SpecId, AddressSet};

/// ArbWasm.
pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
/// ArbWasmCache.
pub const ARB_WASM_CACHE: Address = address!("0000000000000000000000000000000000000072");

/// Ethereum's precompiles plus ArbWasm and ArbWasmCache.
#[derive(Debug, Clone)]
pub struct ArbPrecompiles {
    eth: EthPrecompiles,
    warm: AddressSet,
    /// Dev-chain option: put every program into the cache when activated.
    pub cache_all: bool,
}

impl ArbPrecompiles {
    /// Precompiles for `spec`.
    pub fn new(spec: SpecId, cache_all: bool) -> Self {
        let eth = EthPrecompiles::new(spec);
        let mut warm = eth.warm_addresses().clone();
        warm.insert(ARB_WASM);
        warm.insert(ARB_WASM_CACHE);
        Self {
            eth,
            warm,
            cache_all,
        }
    }
}

impl<'a> PrecompileProvider<DevCtx<'a>> for ArbPrecompiles {
    type Output = InterpreterResult;

    fn set_spec(
        &mut self,
        spec: <<DevCtx<'a> as revm::context::ContextTr>::Cfg as Cfg>::Spec,
    ) -> bool {
        let changed =
            <EthPrecompiles as PrecompileProvider<DevCtx<'a>>>::set_spec(&mut self.eth, spec);
        if changed {
            *self = Self::new(spec, self.cache_all);
        }
        changed
    }

    fn run(
        &mut self,
        ctx: &mut DevCtx<'a>,
        inputs: &CallInputs,
    ) -> Result<Option<InterpreterResult>, String> {
        if inputs.bytecode_address == ARB_WASM {
            return Ok(Some(arb_wasm::run(ctx, inputs, self.cache_all)));
        }
        if inputs.bytecode_address == ARB_WASM_CACHE {
            return Ok(Some(arb_wasm_cache::run(ctx, inputs)));
        }
        <EthPrecompiles as PrecompileProvider<DevCtx<'a>>>::run(&mut self.eth, ctx, inputs)
    }

    fn warm_addresses(&self) -> &AddressSet {
        &self.warm
    }
}

/// Builds a precompile result: `used` gas of `limit`, success or revert.
pub(crate) fn result(ok: bool, output: Bytes, limit: u64, used: u64) -> InterpreterResult {
    let mut gas = Gas::new(limit);
    if !gas.record_regular_cost(used) {
        return InterpreterResult::new(
            InstructionResult::PrecompileOOG,
            Bytes::new(),
            Gas::new_spent_with_reservoir(limit, 0),
        );
    }
    let r = if ok {
        InstructionResult::Return
    } else {
        InstructionResult::Revert
    };
    InterpreterResult::new(r, output, gas)
}

/// Gas a precompile method costs before its own work: Nitro charges
/// 3 gas per calldata word plus a base (approximate).
pub(crate) fn base_gas(input_len: usize) -> u64 {
    100 + 3 * (input_len as u64).div_ceil(32)
}

/// Gas per ArbOS storage access inside a precompile (Nitro `StorageReadCost`).
pub(crate) const STORAGE_READ_GAS: u64 = 800;
/// Gas per ArbOS storage write inside a precompile (`StorageWriteCost`).
pub(crate) const STORAGE_WRITE_GAS: u64 = 20_000;
