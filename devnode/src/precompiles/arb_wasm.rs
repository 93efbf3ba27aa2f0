//! ArbWasm (0x71): activation of Stylus programs and the Stylus parameters,
//! with Nitro's method and error selectors.

use super::programs::{self, ProgramRecord};
use super::{base_gas, result, ARB_WASM, STORAGE_READ_GAS, STORAGE_WRITE_GAS};
use crate::evm::DevCtx;
use crate::stylus::activation::{self, ActivationError, STYLUS_VERSION};
use crate::stylus::memory::{FREE_PAGES, PAGE_GAS, PAGE_LIMIT, PAGE_RAMP};
use crate::stylus::pricing::INK_PER_GAS;
use alloy_primitives::{Address, Bytes, Log, B256, U256};
use alloy_sol_types::{sol, SolCall, SolError, SolEvent, SolInterface};
use revm::context::{Block, ContextTr, JournalTr};
use revm::interpreter::{CallInputs, InterpreterResult};

sol! {
    /// Nitro's ArbWasm interface (precompiles/ArbWasm.sol).
    interface IArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function stylusVersion() external view returns (uint16 version);
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        function codehashKeepalive(bytes32 codehash) external payable returns (uint256 dataFee);
        function codehashAsmSize(bytes32 codehash) external view returns (uint32 size);
        function programVersion(address program) external view returns (uint16 version);
        function programInitGas(address program) external view returns (uint64 gas, uint64 gasWhenCached);
        function programMemoryFootprint(address program) external view returns (uint16 footprint);
        function programTimeLeft(address program) external view returns (uint64 _secs);
        function inkPrice() external view returns (uint32 price);
        function maxStackDepth() external view returns (uint32 depth);
        function freePages() external view returns (uint16 pages);
        function pageGas() external view returns (uint16 gas);
        function pageRamp() external view returns (uint64 ramp);
        function pageLimit() external view returns (uint16 limit);
        function minInitGas() external view returns (uint64 gas, uint64 cached);
        function initCostScalar() external view returns (uint64 percent);
        function expiryDays() external view returns (uint16 _days);
        function keepaliveDays() external view returns (uint16 _days);
        function blockCacheSize() external view returns (uint16 count);

        event ProgramActivated(bytes32 indexed codehash, bytes32 moduleHash, address program, uint256 dataFee, uint16 version);

        error ProgramNotWasm();
        error ProgramNotActivated();
        error ProgramNeedsUpgrade(uint16 version, uint16 stylusVersion);
        error ProgramExpired(uint64 ageInSeconds);
        error ProgramUpToDate();
        error ProgramKeepaliveTooSoon(uint64 ageInSeconds);
        error ProgramInsufficientValue(uint256 have, uint256 want);
    }
}

pub use IArbWasm::{
    ProgramInsufficientValue, ProgramNeedsUpgrade, ProgramNotActivated, ProgramNotWasm,
    ProgramUpToDate,
};

/// Fixed gas ArbWasm burns before activating (Nitro's up-front charge).
pub const ACTIVATION_BASE_GAS: u64 = 1_659_168;

/// A successful activation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activated {
    /// Stylus version activated to.
    pub version: u16,
    /// Data fee owed, in wei.
    pub data_fee: U256,
    /// Gas the activation used.
    pub gas_used: u64,
}

/// Why an activation did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivationFailure {
    /// A Solidity error (ABI-encoded); the remaining gas is kept.
    Revert(Bytes),
    /// Invalid program: Nitro burns all gas; the reason is kept for diagnostics.
    Invalid(String),
    /// Not enough gas.
    OutOfGas,
}

fn now(ctx: &DevCtx<'_>) -> u64 {
    ctx.block().timestamp().saturating_to()
}

/// Activates the code at `program` (shared by ArbWasm and the StylusDeployer).
pub fn activate(
    ctx: &mut DevCtx<'_>,
    program: Address,
    cache_all: bool,
    gas_limit: u64,
) -> Result<Activated, ActivationFailure> {
    let journal = ctx.journal_mut();
    let codehash = journal.code_hash(program).expect("in-memory db").data;
    let code = journal.code(program).expect("in-memory db").data;
    let prior = programs::get(journal, codehash);
    if prior.is_some_and(|p| p.version == STYLUS_VERSION) {
        return Err(ActivationFailure::Revert(
            ProgramUpToDate {}.abi_encode().into(),
        ));
    }
    let wasm = activation::decompress(&code).map_err(|e| match e {
        ActivationError::NotWasm => {
            ActivationFailure::Revert(ProgramNotWasm {}.abi_encode().into())
        }
        ActivationError::Invalid(m) => ActivationFailure::Invalid(m),
    })?;
    let info =
        activation::validate(&wasm).map_err(|e| ActivationFailure::Invalid(e.to_string()))?;
    let gas_used = ACTIVATION_BASE_GAS + info.activation_gas + STORAGE_WRITE_GAS;
    if gas_used > gas_limit {
        return Err(ActivationFailure::OutOfGas);
    }
    let time = now(ctx);
    let record = ProgramRecord {
        version: STYLUS_VERSION,
        info,
        activated_at: time,
        cached: cache_all || prior.is_some_and(|p| p.cached),
    };
    let journal = ctx.journal_mut();
    programs::set(journal, codehash, &record);
    let data_fee = U256::from(activation::data_fee(info.asm_estimate));
    let event = IArbWasm::ProgramActivated {
        codehash,
        moduleHash: codehash,
        program,
        dataFee: data_fee,
        version: STYLUS_VERSION,
    };
    journal.log(Log {
        address: ARB_WASM,
        data: event.encode_log_data(),
    });
    Ok(Activated {
        version: STYLUS_VERSION,
        data_fee,
        gas_used,
    })
}

fn active(ctx: &mut DevCtx<'_>, codehash: B256) -> Result<ProgramRecord, Bytes> {
    match programs::get(ctx.journal_mut(), codehash) {
        None => Err(ProgramNotActivated {}.abi_encode().into()),
        Some(p) if p.version != STYLUS_VERSION => Err(ProgramNeedsUpgrade {
            version: p.version,
            stylusVersion: STYLUS_VERSION,
        }
        .abi_encode()
        .into()),
        Some(p) => Ok(p),
    }
}

fn codehash_of(ctx: &mut DevCtx<'_>, a: Address) -> B256 {
    ctx.journal_mut().code_hash(a).expect("in-memory db").data
}

/// Runs one ArbWasm call.
pub fn run(ctx: &mut DevCtx<'_>, inputs: &CallInputs, cache_all: bool) -> InterpreterResult {
    let input = inputs.input.bytes(ctx);
    let limit = inputs.gas_limit;
    let base = base_gas(input.len());
    let ok = |out: Vec<u8>, used: u64| result(true, out.into(), limit, base + used);
    let revert = |out: Bytes, used: u64| result(false, out, limit, base + used);
    let Ok(call) = IArbWasm::IArbWasmCalls::abi_decode(&input) else {
        return revert(Bytes::new(), 0);
    };
    use IArbWasm::IArbWasmCalls as C;
    let read = STORAGE_READ_GAS;
    match call {
        C::activateProgram(c) => {
            if inputs.is_static {
                return revert(Bytes::new(), 0);
            }
            let value = inputs.value.get();
            match activate(ctx, c.program, cache_all, limit.saturating_sub(base)) {
                Ok(a) => {
                    if value < a.data_fee {
                        let e = ProgramInsufficientValue {
                            have: value,
                            want: a.data_fee,
                        };
                        return revert(e.abi_encode().into(), a.gas_used);
                    }
                    let refund = value - a.data_fee;
                    if !refund.is_zero() {
                        let _ = ctx
                            .journal_mut()
                            .transfer(ARB_WASM, inputs.caller, refund)
                            .expect("in-memory db");
                    }
                    let out = IArbWasm::activateProgramCall::abi_encode_returns_tuple(&(
                        a.version, a.data_fee,
                    ));
                    ok(out, a.gas_used)
                }
                Err(ActivationFailure::Revert(data)) => revert(data, read),
                Err(ActivationFailure::Invalid(msg)) => {
                    let data =
                        alloy_sol_types::Revert::from(format!("program activation failed: {msg}"));
                    result(false, data.abi_encode().into(), limit, limit)
                }
                Err(ActivationFailure::OutOfGas) => {
                    result(false, Bytes::new(), limit, limit.saturating_add(1))
                }
            }
        }
        C::stylusVersion(_) => ok(
            IArbWasm::stylusVersionCall::abi_encode_returns(&STYLUS_VERSION),
            read,
        ),
        C::inkPrice(_) => ok(
            IArbWasm::inkPriceCall::abi_encode_returns(&(INK_PER_GAS as u32)),
            read,
        ),
        C::maxStackDepth(_) => ok(
            IArbWasm::maxStackDepthCall::abi_encode_returns(&programs::MAX_STACK_DEPTH),
            read,
        ),
        C::freePages(_) => ok(
            IArbWasm::freePagesCall::abi_encode_returns(&FREE_PAGES),
            read,
        ),
        C::pageGas(_) => ok(IArbWasm::pageGasCall::abi_encode_returns(&PAGE_GAS), read),
        C::pageRamp(_) => ok(IArbWasm::pageRampCall::abi_encode_returns(&PAGE_RAMP), read),
        C::pageLimit(_) => ok(
            IArbWasm::pageLimitCall::abi_encode_returns(&PAGE_LIMIT),
            read,
        ),
        C::minInitGas(_) => ok(
            IArbWasm::minInitGasCall::abi_encode_returns_tuple(&(
                programs::MIN_INIT_GAS * 128,
                programs::MIN_CACHED_GAS * 32,
            )),
            read,
        ),
        C::initCostScalar(_) => ok(
            IArbWasm::initCostScalarCall::abi_encode_returns(&(programs::COST_SCALAR * 2)),
            read,
        ),
        C::expiryDays(_) => ok(
            IArbWasm::expiryDaysCall::abi_encode_returns(&programs::EXPIRY_DAYS),
            read,
        ),
        C::keepaliveDays(_) => ok(
            IArbWasm::keepaliveDaysCall::abi_encode_returns(&programs::KEEPALIVE_DAYS),
            read,
        ),
        C::blockCacheSize(_) => ok(
            IArbWasm::blockCacheSizeCall::abi_encode_returns(&programs::BLOCK_CACHE_SIZE),
            read,
        ),
        C::codehashVersion(c) => match active(ctx, c.codehash) {
            Ok(p) => ok(
                IArbWasm::codehashVersionCall::abi_encode_returns(&p.version),
                read,
            ),
            Err(e) => revert(e, read),
        },
        C::codehashAsmSize(c) => match active(ctx, c.codehash) {
            Ok(p) => ok(
                IArbWasm::codehashAsmSizeCall::abi_encode_returns(
                    &(p.info.asm_estimate.div_ceil(1024) * 1024),
                ),
                read,
            ),
            Err(e) => revert(e, read),
        },
        C::codehashKeepalive(c) => match active(ctx, c.codehash) {
            Ok(_) => revert(
                IArbWasm::ProgramKeepaliveTooSoon { ageInSeconds: 0 }
                    .abi_encode()
                    .into(),
                read,
            ),
            Err(e) => revert(e, read),
        },
        C::programVersion(c) => {
            let h = codehash_of(ctx, c.program);
            match active(ctx, h) {
                Ok(p) => ok(
                    IArbWasm::programVersionCall::abi_encode_returns(&p.version),
                    read,
                ),
                Err(e) => revert(e, read),
            }
        }
        C::programInitGas(c) => {
            let h = codehash_of(ctx, c.program);
            match active(ctx, h) {
                Ok(p) => ok(
                    IArbWasm::programInitGasCall::abi_encode_returns_tuple(&(
                        p.init_gas() + p.cached_gas(),
                        p.cached_gas(),
                    )),
                    read,
                ),
                Err(e) => revert(e, read),
            }
        }
        C::programMemoryFootprint(c) => {
            let h = codehash_of(ctx, c.program);
            match active(ctx, h) {
                Ok(p) => ok(
                    IArbWasm::programMemoryFootprintCall::abi_encode_returns(&p.info.footprint),
                    read,
                ),
                Err(e) => revert(e, read),
            }
        }
        C::programTimeLeft(c) => {
            let h = codehash_of(ctx, c.program);
            let t = now(ctx);
            match active(ctx, h) {
                Ok(p) => {
                    let expiry = u64::from(programs::EXPIRY_DAYS) * 86_400;
                    let left = expiry.saturating_sub(t.saturating_sub(p.activated_at));
                    ok(
                        IArbWasm::programTimeLeftCall::abi_encode_returns(&left),
                        read,
                    )
                }
                Err(e) => revert(e, read),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_selectors_are_nitros() {
        assert_eq!(ProgramNotActivated::SELECTOR, [0x6f, 0x80, 0x9c, 0x4e]);
        assert_eq!(ProgramUpToDate::SELECTOR, [0xcc, 0x94, 0x4b, 0xf2]);
    }
}
