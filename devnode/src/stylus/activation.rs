//! Activation: turning deployed code (`EF F0 00 <dict> ++ brotli(wasm)`) into
//! a validated program with Nitro's cost estimates. The checks follow
//! Nitro's `WasmBinary::parse_user` and `Module::activate`, so a program that
//! activates here activates on Arbitrum (and vice versa, as far as the rules
//! below reach).

use super::hostio::HOSTIOS;
use super::memory::PAGE_LIMIT;
use std::io::Read;
use wasmparser::{Parser, Payload, TypeRef, Validator, WasmFeatures};

/// Stylus version this chain activates to (ArbOS 40+ parameters).
pub const STYLUS_VERSION: u16 = 2;
/// Largest decompressed wasm (`initialMaxWasmSize`).
pub const MAX_WASM_SIZE: usize = 128 * 1024;
/// Largest deployed code (EIP-170, which Arbitrum keeps for Stylus).
pub const MAX_CODE_SIZE: usize = 24_576;
/// Prefix of a classic (single-contract) Stylus program.
pub const STYLUS_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x00];
/// Prefix of a fragment of a fragmented program.
pub const FRAGMENT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x01];
/// Prefix of the root of a fragmented program.
pub const ROOT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x02];
/// The export every program must have, `(i32) -> i32`.
pub const ENTRYPOINT: &str = "user_entrypoint";

/// Why activation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivationError {
    /// The code is not a Stylus program (ArbWasm's `ProgramNotWasm()`).
    NotWasm,
    /// Anything else, with Nitro-like wording.
    Invalid(String),
}

impl core::fmt::Display for ActivationError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ActivationError::NotWasm => write!(f, "program not wasm"),
            ActivationError::Invalid(m) => write!(f, "{m}"),
        }
    }
}

fn invalid(msg: impl Into<String>) -> ActivationError {
    ActivationError::Invalid(msg.into())
}

/// Whether `code` is classic Stylus code (what frames run as wasm).
pub fn is_stylus(code: &[u8]) -> bool {
    code.starts_with(&STYLUS_PREFIX)
}

/// Extracts the wasm from deployed code.
///
/// # Errors
/// Not a Stylus prefix; fragments or roots (not supported on this chain);
/// an unknown dictionary; bad brotli; wasm over [`MAX_WASM_SIZE`].
pub fn decompress(code: &[u8]) -> Result<Vec<u8>, ActivationError> {
    if code.starts_with(&FRAGMENT_PREFIX) {
        return Err(invalid(
            "fragmented stylus programs cannot be activated directly; activate the root program instead",
        ));
    }
    if code.starts_with(&ROOT_PREFIX) {
        return Err(invalid(
            "fragmented stylus programs (EF F0 02 root) are not supported by this dev chain",
        ));
    }
    if !is_stylus(code) || code.len() < 4 {
        return Err(ActivationError::NotWasm);
    }
    match code[3] {
        0 => {}
        1 => {
            return Err(invalid(
                "stylus compression dictionary 1 is not supported by this dev chain",
            ))
        }
        d => return Err(invalid(format!("unsupported dictionary type: {d}"))),
    }
    let mut out = Vec::new();
    let reader = brotli::Decompressor::new(&code[4..], 4096);
    let read = reader
        .take(MAX_WASM_SIZE as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| invalid(format!("failed to decompress program: {e}")))?;
    if read > MAX_WASM_SIZE {
        return Err(invalid(format!(
            "decompressed wasm exceeds {MAX_WASM_SIZE} bytes"
        )));
    }
    Ok(out)
}

/// Facts recorded for an activated program, as Nitro stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProgramInfo {
    /// Init cost units (charged when not cached).
    pub init_cost: u16,
    /// Cached-init cost units (always charged in version 2).
    pub cached_init_cost: u16,
    /// Initial memory pages.
    pub footprint: u16,
    /// Estimated native code size in bytes (drives the data fee).
    pub asm_estimate: u32,
    /// Gas the activation itself costs (Nitro's `Module::activate` payment).
    pub activation_gas: u64,
}

/// The wasm feature set Nitro's validator accepts.
pub fn features() -> WasmFeatures {
    WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::MULTI_VALUE
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::FLOATS
        | WasmFeatures::GC_TYPES
}

macro_rules! limit {
    ($limit:expr, $count:expr, $name:expr) => {
        if ($count as u64) > ($limit as u64) {
            return Err(invalid(format!(
                "too many wasm {}: {} > {}",
                $name, $count, $limit
            )));
        }
    };
}

/// Validates `wasm` with Nitro's rules and computes its [`ProgramInfo`].
///
/// # Errors
/// The first rule the module breaks.
pub fn validate(wasm: &[u8]) -> Result<ProgramInfo, ActivationError> {
    Validator::new_with_features(features())
        .validate_all(wasm)
        .map_err(|e| invalid(format!("failed to validate user: {}", e.message())))?;

    let mut types: Vec<(usize, usize)> = Vec::new();
    let mut signatures: Vec<String> = Vec::new();
    let mut func_types: Vec<u32> = Vec::new();
    let mut imported_funcs = 0u32;
    let mut imports = 0usize;
    let mut memories: Vec<u64> = Vec::new();
    let mut memory_exported = false;
    let mut entry: Option<u32> = None;
    let mut exports = 0usize;
    let mut globals = 0u64;
    let mut datas = 0usize;
    let mut data_len = 0u64;
    let mut elements = 0usize;
    let mut elem_len = 0u64;
    let mut table_entries = 0u64;
    let mut codes = 0usize;
    let mut ops_total = 0u64;

    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| invalid(e.message().to_string()))?;
        match payload {
            Payload::TypeSection(r) => {
                for ty in r.into_iter_err_on_gc_types() {
                    let f = ty.map_err(|e| invalid(e.message().to_string()))?;
                    types.push((f.params().len(), f.results().len()));
                    let code = |v: &wasmparser::ValType| match v {
                        wasmparser::ValType::I32 => 'i',
                        wasmparser::ValType::I64 => 'l',
                        wasmparser::ValType::F32 => 'f',
                        wasmparser::ValType::F64 => 'd',
                        _ => '?',
                    };
                    let mut sig: String = f.params().iter().map(code).collect();
                    sig.push('>');
                    sig.extend(f.results().iter().map(code));
                    signatures.push(sig);
                }
            }
            Payload::ImportSection(r) => {
                for imp in r.into_imports() {
                    let imp = imp.map_err(|e| invalid(e.message().to_string()))?;
                    imports += 1;
                    let TypeRef::Func(ty) = imp.ty else {
                        return Err(invalid(format!(
                            "unsupported import kind {}::{}",
                            imp.module, imp.name
                        )));
                    };
                    imported_funcs += 1;
                    let Some((_, _, want)) = HOSTIOS
                        .iter()
                        .find(|(m, n, _)| *m == imp.module && *n == imp.name)
                    else {
                        return Err(invalid(format!(
                            "unknown import {}::{}",
                            imp.module, imp.name
                        )));
                    };
                    if signatures.get(ty as usize).map(String::as_str) != Some(*want) {
                        return Err(invalid(format!(
                            "import {}::{} has the wrong signature",
                            imp.module, imp.name
                        )));
                    }
                }
            }
            Payload::FunctionSection(r) => {
                for f in r {
                    func_types.push(f.map_err(|e| invalid(e.message().to_string()))?);
                }
            }
            Payload::TableSection(r) => {
                for t in r {
                    let t = t.map_err(|e| invalid(e.message().to_string()))?;
                    table_entries += t.ty.initial;
                }
            }
            Payload::MemorySection(r) => {
                for m in r {
                    memories.push(m.map_err(|e| invalid(e.message().to_string()))?.initial);
                }
            }
            Payload::GlobalSection(r) => globals += u64::from(r.count()),
            Payload::ExportSection(r) => {
                for e in r {
                    let e = e.map_err(|e| invalid(e.message().to_string()))?;
                    exports += 1;
                    if e.name.len() > 512 {
                        return Err(invalid(format!(
                            "wasm name too long: {} > 512",
                            e.name.len()
                        )));
                    }
                    match (e.name, e.kind) {
                        ("memory", wasmparser::ExternalKind::Memory) => memory_exported = true,
                        (ENTRYPOINT, wasmparser::ExternalKind::Func) => entry = Some(e.index),
                        _ => {}
                    }
                }
            }
            Payload::StartSection { .. } => {
                return Err(invalid("wasm start functions not allowed"));
            }
            Payload::ElementSection(r) => {
                for el in r {
                    let el = el.map_err(|e| invalid(e.message().to_string()))?;
                    elements += 1;
                    elem_len += match el.items {
                        wasmparser::ElementItems::Functions(f) => u64::from(f.count()),
                        wasmparser::ElementItems::Expressions(_, e) => u64::from(e.count()),
                    };
                }
            }
            Payload::DataSection(r) => {
                for d in r {
                    let d = d.map_err(|e| invalid(e.message().to_string()))?;
                    datas += 1;
                    data_len += d.data.len() as u64;
                }
            }
            Payload::CodeSectionEntry(body) => {
                codes += 1;
                let mut locals = 0u64;
                let lr = body
                    .get_locals_reader()
                    .map_err(|e| invalid(e.message().to_string()))?;
                for l in lr {
                    locals += u64::from(l.map_err(|e| invalid(e.message().to_string()))?.0);
                }
                limit!(348, locals, "locals");
                let mut ops = 0u64;
                let mut r = body
                    .get_operators_reader()
                    .map_err(|e| invalid(e.message().to_string()))?;
                // A `call_indirect` whose table index is not the single MVP
                // byte 0x00 (the reference-types encoding rustc >= 1.82 emits)
                // is rejected, as Nitro's validator rejects it.
                let mut pending: Option<(u64, u32)> = None;
                while !r.eof() {
                    let (op, off) = r
                        .read_with_offset()
                        .map_err(|e| invalid(e.message().to_string()))?;
                    if let Some((start, ty)) = pending.take() {
                        if (off - start) as usize != 2 + leb_len(ty) {
                            return Err(invalid(
                                "call_indirect uses the reference-types encoding (table index not the byte 0x00)",
                            ));
                        }
                    }
                    if let wasmparser::Operator::CallIndirect { type_index, .. } = op {
                        pending = Some((off, type_index));
                    }
                    ops += 1;
                }
                limit!(65_536, ops, "opcodes in func body");
                ops_total += ops;
            }
            _ => {}
        }
    }

    let Some(&footprint) = memories.first() else {
        return Err(invalid("missing memory with export name \"memory\""));
    };
    if !memory_exported {
        return Err(invalid("missing memory with export name \"memory\""));
    }
    if footprint > u64::from(PAGE_LIMIT) {
        return Err(invalid(format!(
            "memory exceeds limit: {footprint} > {PAGE_LIMIT}"
        )));
    }
    limit!(1, memories.len(), "memories");
    limit!(128, datas, "datas");
    limit!(128, elements, "elements");
    limit!(1024, exports, "exports");
    limit!(4096, codes, "functions");
    limit!(32_768, globals, "globals");
    limit!(513, imports, "imports");
    limit!(4096, table_entries, "table entries");
    limit!(4096, elem_len, "element entries");

    let Some(entry) = entry else {
        return Err(invalid(format!("missing export with name {ENTRYPOINT}")));
    };
    let entry_ty = entry
        .checked_sub(imported_funcs)
        .and_then(|i| func_types.get(i as usize))
        .and_then(|t| types.get(*t as usize))
        .copied();
    if entry_ty != Some((1, 1)) {
        return Err(invalid(format!(
            "{ENTRYPOINT} must be a local (i32) -> i32 function"
        )));
    }

    // Cost predictions: Nitro's `WasmBinary::instrument`.
    let funcs = codes as u64;
    let wasm_len = wasm.len() as u64;
    let type_len: u64 = func_types
        .iter()
        .filter_map(|t| types.get(*t as usize))
        .map(|(p, r)| (p + r) as u64)
        .sum();
    let all_data = data_len + elem_len;
    let asm_estimate =
        512_000 + funcs * 996_829 / 1000 + type_len * 11_416 / 1000 + wasm_len * 62_628 / 10_000;
    let cached_init = funcs * 13_420 / 100_000
        + type_len * 89 / 100_000
        + wasm_len * 122 / 100_000
        + globals * 1_628 / 1000
        + all_data * 75_244 / 100_000
        + footprint * 5;
    let init = funcs * 8_252 / 1000 + type_len * 1_059 / 1000 + wasm_len * 1_286 / 10_000;

    // Activation gas: Nitro's `Module::activate` (microseconds x 28 gas).
    let us_to_gas = |us: u64| us.saturating_mul(2 * 7_000_000) / 500_000;
    let activation_gas = us_to_gas(wasm_len * 31_733 / 100_000)
        + us_to_gas(funcs * 17_263 / 100_000)
        + us_to_gas(data_len * 17_376 / 100_000)
        + us_to_gas(elem_len * 17_376 / 100_000)
        + us_to_gas(footprint * 2_217)
        + us_to_gas(ops_total * 535 / 1_000);

    Ok(ProgramInfo {
        init_cost: u16::try_from(init).map_err(|_| invalid("init cost too high"))?,
        cached_init_cost: u16::try_from(cached_init)
            .map_err(|_| invalid("cached cost too high"))?,
        footprint: footprint as u16,
        asm_estimate: u32::try_from(asm_estimate).map_err(|_| invalid("asm estimate too large"))?,
        activation_gas,
    })
}

fn leb_len(mut v: u32) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

/// Data fee in wei for activating a program of `asm_estimate` bytes, from
/// Nitro's `DataPricer` assuming demand has fully decayed (a quiet dev chain).
pub fn data_fee(asm_estimate: u32) -> u128 {
    const MIN_PRICE: u64 = 82_928_201;
    const INERTIA: u64 = 21_360_419;
    const BIPS: u64 = 10_000;
    let exponent = BIPS * u64::from(asm_estimate) / INERTIA;
    // arbmath.ApproxExpBasisPoints(exponent, 12)
    let accuracy = 12u64;
    let mut res = BIPS + exponent / accuracy;
    for i in 1..accuracy {
        res = BIPS + res.saturating_mul(exponent) / ((accuracy - i) * BIPS);
    }
    let per_byte = MIN_PRICE.saturating_mul(res) / BIPS;
    u128::from(per_byte) * u128::from(asm_estimate)
}
