//! ArbWasmCache (0x72): programs in the cache pay only the cached init gas.
//! On this dev chain anyone may manage the cache (Nitro restricts it to
//! cache managers and the chain owner).

use super::arb_wasm::{ProgramNeedsUpgrade, ProgramNotActivated};
use super::programs;
use super::{base_gas, result, ARB_WASM_CACHE, STORAGE_READ_GAS, STORAGE_WRITE_GAS};
use crate::evm::DevCtx;
use crate::stylus::activation::STYLUS_VERSION;
use alloy_primitives::{Address, Bytes, Log, B256};
use alloy_sol_types::{sol, SolCall, SolError, SolEvent, SolInterface};
use revm::context::{ContextTr, JournalTr};
use revm::interpreter::{CallInputs, InterpreterResult};

sol! {
    /// Nitro's ArbWasmCache interface (precompiles/ArbWasmCache.sol).
    interface IArbWasmCache {
        function isCacheManager(address manager) external view returns (bool);
        function allCacheManagers() external view returns (address[] memory managers);
        function cacheCodehash(bytes32 codehash) external;
        function cacheProgram(address addr) external;
        function evictCodehash(bytes32 codehash) external;
        function codehashIsCached(bytes32 codehash) external view returns (bool);

        event UpdateProgramCache(address indexed manager, bytes32 indexed codehash, bool cached);
    }
}

fn set_cached(
    ctx: &mut DevCtx<'_>,
    manager: Address,
    codehash: B256,
    cached: bool,
) -> Result<(), Bytes> {
    let journal = ctx.journal_mut();
    let Some(mut p) = programs::get(journal, codehash) else {
        return Err(ProgramNotActivated {}.abi_encode().into());
    };
    if p.version != STYLUS_VERSION {
        return Err(ProgramNeedsUpgrade {
            version: p.version,
            stylusVersion: STYLUS_VERSION,
        }
        .abi_encode()
        .into());
    }
    if p.cached != cached {
        p.cached = cached;
        programs::set(journal, codehash, &p);
        let event = IArbWasmCache::UpdateProgramCache {
            manager,
            codehash,
            cached,
        };
        journal.log(Log {
            address: ARB_WASM_CACHE,
            data: event.encode_log_data(),
        });
    }
    Ok(())
}

/// Runs one ArbWasmCache call.
pub fn run(ctx: &mut DevCtx<'_>, inputs: &CallInputs) -> InterpreterResult {
    let input = inputs.input.bytes(ctx);
    let limit = inputs.gas_limit;
    let base = base_gas(input.len());
    let Ok(call) = IArbWasmCache::IArbWasmCacheCalls::abi_decode(&input) else {
        return result(false, Bytes::new(), limit, base);
    };
    use IArbWasmCache::IArbWasmCacheCalls as C;
    let write = |ctx: &mut DevCtx<'_>, h: B256, cached: bool| {
        if inputs.is_static {
            return result(false, Bytes::new(), limit, base);
        }
        match set_cached(ctx, inputs.caller, h, cached) {
            Ok(()) => result(true, Bytes::new(), limit, base + STORAGE_WRITE_GAS),
            Err(e) => result(false, e, limit, base + STORAGE_READ_GAS),
        }
    };
    match call {
        C::isCacheManager(_) => result(
            true,
            IArbWasmCache::isCacheManagerCall::abi_encode_returns(&true).into(),
            limit,
            base + STORAGE_READ_GAS,
        ),
        C::allCacheManagers(_) => result(
            true,
            IArbWasmCache::allCacheManagersCall::abi_encode_returns(&Vec::<Address>::new()).into(),
            limit,
            base + STORAGE_READ_GAS,
        ),
        C::cacheCodehash(c) => write(ctx, c.codehash, true),
        C::cacheProgram(c) => {
            let h = ctx
                .journal_mut()
                .code_hash(c.addr)
                .expect("in-memory db")
                .data;
            write(ctx, h, true)
        }
        C::evictCodehash(c) => write(ctx, c.codehash, false),
        C::codehashIsCached(c) => {
            let cached = programs::get(ctx.journal_mut(), c.codehash).is_some_and(|p| p.cached);
            result(
                true,
                IArbWasmCache::codehashIsCachedCall::abi_encode_returns(&cached).into(),
                limit,
                base + STORAGE_READ_GAS,
            )
        }
    }
}
