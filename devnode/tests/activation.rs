//! Activation rules and the wasm runtime on hand-made modules (wasm-encoder),
//! including the hostio layer on its own over an in-memory host.

use alloy_primitives::{Address, B256, U256};
use devnode::stylus::activation::{self, ActivationError};
use devnode::stylus::{
    CallKind, CallResult, CreateResult, Escape, ExitStatus, StylusEnv, StylusHost, StylusRuntime,
};
use std::collections::HashMap;
use wasm_encoder::{
    CodeSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, ImportSection,
    Instruction as I, MemorySection, MemoryType, Module, StartSection, TypeSection, ValType,
};

/// A module spec: imports from vm_hooks (name, params, results), the
/// entrypoint body, memory pages, and knobs for the rules under test.
struct Spec {
    imports: Vec<(&'static str, &'static str, Vec<ValType>, Vec<ValType>)>,
    body: Vec<I<'static>>,
    pages: u64,
    export_entry: bool,
    export_memory: bool,
    start: bool,
}

impl Default for Spec {
    fn default() -> Self {
        Self {
            imports: vec![],
            body: vec![I::I32Const(0), I::End],
            pages: 1,
            export_entry: true,
            export_memory: true,
            start: false,
        }
    }
}

fn build(spec: &Spec) -> Vec<u8> {
    let mut types = TypeSection::new();
    let mut imports = ImportSection::new();
    for (i, (m, n, p, r)) in spec.imports.iter().enumerate() {
        types.ty().function(p.clone(), r.clone());
        imports.import(m, n, EntityType::Function(i as u32));
    }
    let entry_ty = spec.imports.len() as u32;
    types.ty().function([ValType::I32], [ValType::I32]);
    types.ty().function([], []);
    let mut funcs = FunctionSection::new();
    funcs.function(entry_ty);
    if spec.start {
        funcs.function(entry_ty + 1);
    }
    let mut mem = MemorySection::new();
    mem.memory(MemoryType {
        minimum: spec.pages,
        maximum: None,
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    let first = spec.imports.len() as u32;
    let mut exports = ExportSection::new();
    if spec.export_entry {
        exports.export("user_entrypoint", ExportKind::Func, first);
    }
    if spec.export_memory {
        exports.export("memory", ExportKind::Memory, 0);
    }
    let mut code = CodeSection::new();
    let mut f = Function::new([(1, ValType::I32)]);
    for ins in &spec.body {
        f.instruction(ins);
    }
    code.function(&f);
    if spec.start {
        let mut s = Function::new([]);
        s.instruction(&I::End);
        code.function(&s);
    }
    let mut m = Module::new();
    m.section(&types)
        .section(&imports)
        .section(&funcs)
        .section(&mem)
        .section(&exports);
    if spec.start {
        m.section(&StartSection {
            function_index: first + 1,
        });
    }
    m.section(&code);
    m.finish()
}

fn rejected(spec: &Spec) -> String {
    match activation::validate(&build(spec)) {
        Err(ActivationError::Invalid(m)) => m,
        other => panic!("expected rejection, got {other:?}"),
    }
}

#[test]
fn a_minimal_program_activates_with_nitro_cost_figures() {
    let info = activation::validate(&build(&Spec::default())).expect("valid");
    assert_eq!(info.footprint, 1);
    assert!(info.asm_estimate >= 512_000);
    assert!(info.activation_gas > 0);
}

#[test]
fn activation_rejects_what_arbitrum_rejects() {
    assert!(rejected(&Spec {
        start: true,
        ..Spec::default()
    })
    .contains("start"));
    assert!(rejected(&Spec {
        export_entry: false,
        ..Spec::default()
    })
    .contains("user_entrypoint"));
    assert!(rejected(&Spec {
        export_memory: false,
        ..Spec::default()
    })
    .contains("memory"));
    assert!(rejected(&Spec {
        pages: 129,
        ..Spec::default()
    })
    .contains("memory exceeds limit"));
    let env = Spec {
        imports: vec![("env", "abort", vec![], vec![])],
        ..Spec::default()
    };
    assert!(rejected(&env).contains("unknown import"));
    let unknown = Spec {
        imports: vec![("vm_hooks", "self_destruct", vec![], vec![])],
        ..Spec::default()
    };
    assert!(rejected(&unknown).contains("unknown import"));
    let wrong = Spec {
        imports: vec![("vm_hooks", "read_args", vec![ValType::I64], vec![])],
        ..Spec::default()
    };
    assert!(rejected(&wrong).contains("wrong signature"));
    let reftypes = Spec {
        body: vec![
            I::RefNull(wasm_encoder::HeapType::FUNC),
            I::Drop,
            I::I32Const(0),
            I::End,
        ],
        ..Spec::default()
    };
    assert!(rejected(&reftypes).contains("failed to validate"));
    assert!(matches!(
        activation::validate(b"\0asm\x01\0\0\0\x99"),
        Err(ActivationError::Invalid(_))
    ));
}

#[test]
fn decompress_accepts_only_classic_stylus_code() {
    assert_eq!(
        activation::decompress(&[0x60, 0x00]),
        Err(ActivationError::NotWasm)
    );
    assert!(activation::decompress(&[0xEF, 0xF0, 0x01, 0x00]).is_err());
    assert!(activation::decompress(&[0xEF, 0xF0, 0x02, 0x00]).is_err());
    assert!(activation::decompress(&[0xEF, 0xF0, 0x00, 0x00, 1, 2, 3]).is_err());
    let wasm = build(&Spec::default());
    let mut packed = vec![];
    {
        let mut w = brotli::CompressorWriter::new(&mut packed, 4096, 11, 22);
        std::io::Write::write_all(&mut w, &wasm).unwrap();
    }
    let mut code = vec![0xEF, 0xF0, 0x00, 0x00];
    code.extend_from_slice(&packed);
    assert_eq!(activation::decompress(&code).unwrap(), wasm);
}

/// In-memory host: storage maps, recorded logs, no calls.
#[derive(Default)]
struct MemHost {
    env: StylusEnv,
    storage: HashMap<B256, B256>,
    logs: Vec<(Vec<B256>, Vec<u8>)>,
}

impl StylusHost for MemHost {
    fn env(&self) -> &StylusEnv {
        &self.env
    }
    fn sload(&mut self, key: B256) -> Result<(B256, u64), Escape> {
        Ok((self.storage.get(&key).copied().unwrap_or_default(), 2_100))
    }
    fn sstore(&mut self, key: B256, value: B256) -> Result<u64, Escape> {
        self.storage.insert(key, value);
        Ok(20_000)
    }
    fn tload(&mut self, _: B256) -> B256 {
        B256::ZERO
    }
    fn tstore(&mut self, _: B256, _: B256) -> Result<(), Escape> {
        Ok(())
    }
    fn emit_log(&mut self, topics: Vec<B256>, data: Vec<u8>) -> Result<(), Escape> {
        self.logs.push((topics, data));
        Ok(())
    }
    fn call(
        &mut self,
        _: CallKind,
        _: Address,
        _: Vec<u8>,
        _: U256,
        _: u64,
        _: u64,
    ) -> Result<CallResult, Escape> {
        Ok(CallResult::default())
    }
    fn create(
        &mut self,
        _: Vec<u8>,
        _: U256,
        _: Option<B256>,
        _: u64,
    ) -> Result<CreateResult, Escape> {
        Ok(CreateResult::default())
    }
    fn balance(&mut self, _: Address) -> (U256, u64) {
        (U256::ZERO, 100)
    }
    fn code(&mut self, _: Address) -> (Vec<u8>, u64) {
        (vec![], 100)
    }
    fn codehash(&mut self, _: Address) -> (B256, u64) {
        (B256::ZERO, 100)
    }
    fn add_pages(&mut self, _: u16) -> u64 {
        0
    }
    fn console(&mut self, _: String) {}
}

fn ptr_imports() -> Vec<(&'static str, &'static str, Vec<ValType>, Vec<ValType>)> {
    vec![
        ("vm_hooks", "read_args", vec![ValType::I32], vec![]),
        (
            "vm_hooks",
            "write_result",
            vec![ValType::I32, ValType::I32],
            vec![],
        ),
        (
            "vm_hooks",
            "storage_cache_bytes32",
            vec![ValType::I32, ValType::I32],
            vec![],
        ),
        (
            "vm_hooks",
            "storage_flush_cache",
            vec![ValType::I32],
            vec![],
        ),
    ]
}

#[test]
fn the_hostio_layer_runs_on_an_in_memory_host() {
    // read_args(0); storage_cache(0, 32); flush; write_result(0, len); return 0
    let spec = Spec {
        imports: ptr_imports(),
        body: vec![
            I::I32Const(0),
            I::Call(0),
            I::I32Const(0),
            I::I32Const(32),
            I::Call(2),
            I::I32Const(0),
            I::Call(3),
            I::I32Const(0),
            I::LocalGet(0),
            I::Call(1),
            I::I32Const(0),
            I::End,
        ],
        ..Spec::default()
    };
    let rt = StylusRuntime::new();
    let module = rt.compile(&build(&spec)).expect("compiles");
    let mut host = MemHost::default();
    let mut args = vec![0u8; 64];
    args[31] = 1;
    args[63] = 9;
    let out = rt.execute(&module, &mut host, args.clone(), 1_000_000 * 10_000);
    assert_eq!(out.status, ExitStatus::Success);
    assert_eq!(out.output, args);
    assert_eq!(
        host.storage.get(&B256::with_last_byte(1)),
        Some(&B256::with_last_byte(9))
    );
    // 20,000 gas for the store plus hostio ink.
    let used = 1_000_000 * 10_000 - out.ink_left;
    assert!(used > 20_000 * 10_000 && used < 21_000 * 10_000, "{used}");
}

#[test]
fn an_endless_loop_runs_out_of_ink_and_a_trap_is_a_failure() {
    let rt = StylusRuntime::new();
    let spin = Spec {
        body: vec![
            I::Loop(wasm_encoder::BlockType::Empty),
            I::Br(0),
            I::End,
            I::I32Const(0),
            I::End,
        ],
        ..Spec::default()
    };
    let module = rt.compile(&build(&spin)).unwrap();
    let out = rt.execute(&module, &mut MemHost::default(), vec![], 10_000_000);
    assert_eq!(out.status, ExitStatus::OutOfInk);
    assert_eq!(out.ink_left, 0);
    let trap = Spec {
        body: vec![I::Unreachable, I::End],
        ..Spec::default()
    };
    let module = rt.compile(&build(&trap)).unwrap();
    let out = rt.execute(&module, &mut MemHost::default(), vec![], 10_000_000);
    assert!(
        matches!(out.status, ExitStatus::Failure(_)),
        "{:?}",
        out.status
    );
    assert!(out.ink_left > 0);
}
