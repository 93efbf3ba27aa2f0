//! Deployable Stylus programs of the workspace, built and embedded at
//! compile time by this crate's build script (see `build.rs`), plus the
//! [`pipeline`] that turns any compiled wasm into deployable code.
//!
//! Tests, the dev chain and the CLI take their bytecode from here, so what
//! they deploy is exactly what a release deploys.

pub mod pipeline;

use alloy_primitives::{keccak256, B256};

/// One deployable Stylus program.
#[derive(Debug, Clone, Copy)]
pub struct Program {
    /// Cargo package name of the contract crate (e.g. `security-token`).
    pub name: &'static str,
    /// Size of the wasm as rustc produced it, before processing.
    pub raw_size: usize,
    /// Processed wasm (custom sections stripped, MVP `call_indirect`).
    pub wasm: &'static [u8],
    /// Deployable code: `EF F0 00 00 ++ brotli(wasm)`.
    pub code: &'static [u8],
    /// EVM init code returning [`Program::code`].
    pub init_code: &'static [u8],
}

impl Program {
    /// keccak256 of the deployed code: the key Arbitrum activates under.
    pub fn code_hash(&self) -> B256 {
        keccak256(self.code)
    }

    /// Bytes left before the 24,576-byte limit (negative when over it).
    pub fn margin(&self) -> i64 {
        pipeline::MAX_CODE_SIZE as i64 - self.code.len() as i64
    }
}

include!(concat!(env!("OUT_DIR"), "/programs.rs"));

/// Every program of the workspace, sorted by package name.
pub fn all() -> &'static [Program] {
    PROGRAMS
}

/// The program built from the contract crate with this package name.
pub fn get(name: &str) -> Option<&'static Program> {
    PROGRAMS.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_program_is_deployable_code_under_the_size_limit() {
        assert!(!all().is_empty(), "no programs were built");
        for p in all() {
            assert_eq!(&p.code[..4], &pipeline::STYLUS_PREFIX, "{}", p.name);
            assert_eq!(&p.wasm[..4], b"\0asm", "{}", p.name);
            assert!(p.margin() >= 0, "{} is {} bytes", p.name, p.code.len());
            assert!(
                p.wasm.len() <= pipeline::MAX_WASM_SIZE,
                "{} decompresses to {} bytes",
                p.name,
                p.wasm.len()
            );
        }
    }

    #[test]
    fn init_code_returns_the_program() {
        for p in all() {
            assert_eq!(p.init_code.len(), 43 + p.code.len());
            assert_eq!(&p.init_code[43..], p.code);
            let len = u64::from_be_bytes(p.init_code[25..33].try_into().unwrap());
            assert_eq!(len as usize, p.code.len());
        }
    }

    #[test]
    fn compressed_code_decompresses_to_the_processed_wasm() {
        for p in all() {
            let mut out = Vec::new();
            brotli::BrotliDecompress(&mut &p.code[4..], &mut out).unwrap();
            assert_eq!(out, p.wasm, "{}", p.name);
        }
    }

    #[test]
    fn processed_wasm_has_no_custom_sections_and_validates_without_reference_types() {
        for p in all() {
            for payload in wasmparser::Parser::new(0).parse_all(p.wasm) {
                assert!(
                    !matches!(payload.unwrap(), wasmparser::Payload::CustomSection(_)),
                    "{} keeps a custom section",
                    p.name
                );
            }
            wasmparser::Validator::new_with_features(pipeline::allowed_features())
                .validate_all(p.wasm)
                .unwrap();
        }
    }

    #[test]
    fn process_wasm_rewrites_the_reference_types_call_indirect_form() {
        // (module (type (func)) (table 1 funcref) (func (type 0) i32.const 0
        //   call_indirect (type 0)))  with the table index written as a
        // padded 5-byte LEB, the form rustc >= 1.82 emits.
        let module: Vec<u8> = vec![
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
            0x03, 0x02, 0x01, 0x00, // function section
            0x04, 0x04, 0x01, 0x70, 0x00, 0x01, // table: funcref, min 1
            0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x41, 0x00, 0x11, 0x00, 0x80, 0x80, 0x80, 0x80, 0x00,
            0x0b, // code: i32.const 0; call_indirect 0 (table 0 padded); end
            0x00, 0x08, 0x04, b'n', b'o', b't', b'e', 0x01, 0x02, 0x03, // custom section
        ];
        let mvp = wasmparser::WasmFeatures::WASM1;
        assert!(wasmparser::Validator::new_with_features(mvp)
            .validate_all(&module)
            .is_err());
        let out = pipeline::process_wasm(&module).unwrap();
        wasmparser::Validator::new_with_features(mvp)
            .validate_all(&out)
            .unwrap();
        assert!(out.len() < module.len());
    }

    #[test]
    fn process_wasm_rejects_what_is_not_wasm() {
        let err = pipeline::process_wasm(b"not wasm").unwrap_err();
        assert!(err.0.contains("cannot re-encode"), "{err}");
    }

    #[test]
    fn init_code_prelude_is_the_cargo_stylus_layout() {
        let code = [0xEF, 0xF0, 0x00, 0x00, 0x1b];
        let init = pipeline::init_code(&code);
        let mut expected = vec![0x7f];
        expected.extend_from_slice(&[0; 31]);
        expected.push(5);
        expected.extend_from_slice(&[0x80, 0x60, 0x2b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00]);
        expected.extend_from_slice(&code);
        assert_eq!(init, expected);
    }
}
