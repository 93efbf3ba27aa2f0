//! Turning a compiled wasm module into a deployable Stylus program.
//!
//! Shared by the build script (which processes every contract of the
//! workspace at build time) and the library (so tools can process a wasm
//! file given on the command line the same way). The steps follow what
//! Arbitrum's validator accepts and what `cargo stylus` produces:
//!
//! 1. re-encode the module instruction by instruction, dropping every custom
//!    section (names, producers, target features). The re-encoding writes
//!    `call_indirect`'s table index as the one-byte MVP form; rustc >= 1.82
//!    emits the padded reference-types form, which Arbitrum rejects;
//! 2. validate the result with reference types disabled, so a module that
//!    still needs them fails here and not at activation;
//! 3. brotli-compress (quality 11, window 22) behind the 4-byte Stylus
//!    prefix `EF F0 00 00` (no dictionary);
//! 4. wrap in the 43-byte EVM init code that returns the program.

use std::fmt;

/// The 4-byte prefix Stylus puts in front of brotli-compressed wasm
/// (`EF F0 00` marks Stylus code, the last byte selects "no dictionary").
pub const STYLUS_PREFIX: [u8; 4] = [0xEF, 0xF0, 0x00, 0x00];

/// Largest deployable code Arbitrum accepts (EIP-170's limit, applied to the
/// compressed program including its prefix).
pub const MAX_CODE_SIZE: usize = 24_576;

/// Most bytes a program may decompress to: Arbitrum refuses to activate a
/// module over 128 KiB (`decompressed wasm exceeds 131072 bytes`).
pub const MAX_WASM_SIZE: usize = 131_072;

/// Brotli quality used by `cargo stylus` (and by Nitro's own tooling).
pub const BROTLI_QUALITY: u32 = 11;
/// Brotli window (log2) used by `cargo stylus`.
pub const BROTLI_WINDOW: u32 = 22;

/// Why a module could not be turned into a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineError(pub String);

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PipelineError {}

/// Re-encoder that drops custom sections and otherwise round-trips.
struct StripCustom;

impl wasm_encoder::reencode::Reencode for StripCustom {
    type Error = std::convert::Infallible;

    fn parse_custom_section(
        &mut self,
        _module: &mut wasm_encoder::Module,
        _section: wasmparser::CustomSectionReader<'_>,
    ) -> Result<(), wasm_encoder::reencode::Error<Self::Error>> {
        Ok(())
    }
}

/// The wasm features a deployable program may use: the MVP plus what rustc
/// emits by default and Arbitrum accepts. Reference types are excluded.
pub fn allowed_features() -> wasmparser::WasmFeatures {
    use wasmparser::WasmFeatures as F;
    F::WASM1 | F::BULK_MEMORY | F::SIGN_EXTENSION | F::MULTI_VALUE | F::SATURATING_FLOAT_TO_INT
}

/// Re-encodes `raw` without custom sections and in the MVP `call_indirect`
/// form, then validates it against [`allowed_features`].
///
/// # Errors
/// The input is not wasm, or the result still needs a feature Arbitrum
/// rejects.
pub fn process_wasm(raw: &[u8]) -> Result<Vec<u8>, PipelineError> {
    use wasm_encoder::reencode::Reencode;
    let mut module = wasm_encoder::Module::new();
    StripCustom
        .parse_core_module(&mut module, wasmparser::Parser::new(0), raw)
        .map_err(|e| PipelineError(format!("cannot re-encode wasm: {e}")))?;
    let out = module.finish();
    wasmparser::Validator::new_with_features(allowed_features())
        .validate_all(&out)
        .map_err(|e| PipelineError(format!("processed wasm is not deployable: {e}")))?;
    Ok(out)
}

/// Compresses a processed module into deployable Stylus code:
/// `EF F0 00 00 ++ brotli(wasm)`.
pub fn compress(wasm: &[u8]) -> Vec<u8> {
    let mut out = STYLUS_PREFIX.to_vec();
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY as i32,
        lgwin: BROTLI_WINDOW as i32,
        ..Default::default()
    };
    let mut input = wasm;
    brotli::BrotliCompress(&mut input, &mut out, &params).expect("writing to a Vec cannot fail");
    out
}

/// EVM init code that deploys `code` unchanged: the 43-byte prelude
/// `PUSH32 len; DUP1; PUSH1 0x2b; PUSH1 0; CODECOPY; PUSH1 0; RETURN; 00`
/// followed by the code (the layout `cargo stylus get-initcode` produces).
pub fn init_code(code: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(43 + code.len());
    out.push(0x7f);
    let mut len = [0u8; 32];
    len[24..].copy_from_slice(&(code.len() as u64).to_be_bytes());
    out.extend_from_slice(&len);
    out.extend_from_slice(&[0x80, 0x60, 0x2b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00]);
    out.extend_from_slice(code);
    out
}
