//! The wasmi engine and linker, built once; a module cache keyed by code
//! hash so repeated calls do not recompile; and [`StylusRuntime::execute`],
//! which runs one `user_entrypoint` call against a [`StylusHost`].

use super::host::{Escape, StylusHost};
use super::hostio::{self, StoreData};
use super::memory::PAGE_LIMIT;
use super::pricing::{operator_costs, INK_PER_FUEL};
use alloy_primitives::B256;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use wasmi::{
    CompilationMode, Config, CustomFuelCosts, Engine, Linker, Module, Store, StoreLimitsBuilder,
    TrapCode,
};

/// How a program run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExitStatus {
    /// `user_entrypoint` returned 0 (or `exit_early(0)`).
    Success,
    /// `user_entrypoint` returned non-zero (or `exit_early(n != 0)`).
    Revert,
    /// A trap or fatal hostio error; the reason is kept for diagnostics.
    Failure(String),
    /// Ink ran out.
    OutOfInk,
    /// The wasm call stack overflowed.
    OutOfStack,
}

/// Result of one program run.
#[derive(Debug, Clone)]
pub struct ExecOutcome {
    /// How it ended.
    pub status: ExitStatus,
    /// Data from `write_result` (empty for failures).
    pub output: Vec<u8>,
    /// Ink left.
    pub ink_left: u64,
}

/// Shared Stylus engine: one per node, used by every transaction.
pub struct StylusRuntime {
    engine: Engine,
    linker: Linker<StoreData>,
    modules: Mutex<HashMap<B256, Module>>,
}

impl Default for StylusRuntime {
    fn default() -> Self {
        Self::new()
    }
}

impl StylusRuntime {
    /// Builds the engine with Nitro-priced fuel metering and the hostio linker.
    pub fn new() -> Self {
        let mut cfg = Config::default();
        cfg.consume_fuel(true)
            .operator_cost(operator_costs())
            .fuel_cost(CustomFuelCosts {
                bytes_copied_per_fuel: 1,
                fuel_per_bytes_translated: 0,
                fuel_per_bytes_validated: 0,
            })
            .compilation_mode(CompilationMode::Eager)
            .wasm_reference_types(false)
            .wasm_tail_call(false)
            .wasm_multi_memory(false);
        let engine = Engine::new(&cfg);
        let linker = hostio::linker(&engine);
        Self {
            engine,
            linker,
            modules: Mutex::new(HashMap::new()),
        }
    }

    /// The engine (for validation at activation).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Compiles `wasm` (not cached).
    ///
    /// # Errors
    /// The wasmi validation or translation error as text.
    pub fn compile(&self, wasm: &[u8]) -> Result<Module, String> {
        Module::new(&self.engine, wasm).map_err(|e| e.to_string())
    }

    /// The module of `codehash`, compiling `load()`'s wasm on first use.
    ///
    /// # Errors
    /// When the wasm cannot be loaded or compiled.
    pub fn module(
        &self,
        codehash: B256,
        load: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<Module, String> {
        if let Some(m) = self.modules.lock().expect("module cache").get(&codehash) {
            return Ok(m.clone());
        }
        let module = self.compile(&load()?)?;
        self.modules
            .lock()
            .expect("module cache")
            .insert(codehash, module.clone());
        Ok(module)
    }

    /// Number of compiled modules held.
    pub fn cached_modules(&self) -> usize {
        self.modules.lock().expect("module cache").len()
    }

    /// Runs `user_entrypoint(args.len())` with `ink` ink.
    pub fn execute(
        &self,
        module: &Module,
        host: &mut dyn StylusHost,
        args: Vec<u8>,
        ink: u64,
    ) -> ExecOutcome {
        let len = args.len() as i32;
        let limits = StoreLimitsBuilder::new()
            .memory_size(usize::from(PAGE_LIMIT) * 65_536)
            .build();
        // SAFETY: `store` is dropped at the end of this function, before the
        // borrow of `host` ends.
        let data = unsafe { StoreData::new(host, args, limits) };
        let mut store = Store::new(&self.engine, data);
        store.limiter(|d| &mut d.limits);
        let fuel = ink / INK_PER_FUEL;
        store.set_fuel(fuel).expect("fuel metering is on");
        let ink_left = |s: &Store<StoreData>| s.get_fuel().unwrap_or(0) * INK_PER_FUEL;

        let failure = |store: &Store<StoreData>, status: ExitStatus| ExecOutcome {
            ink_left: if status == ExitStatus::OutOfInk {
                0
            } else {
                ink_left(store)
            },
            status,
            output: Vec::new(),
        };

        let instance = match self.linker.instantiate_and_start(&mut store, module) {
            Ok(i) => i,
            Err(e) => return failure(&store, classify(&e)),
        };
        store.data_mut().memory = instance.get_memory(&store, "memory");
        let entry = match instance.get_typed_func::<i32, i32>(&store, "user_entrypoint") {
            Ok(f) => f,
            Err(e) => return failure(&store, ExitStatus::Failure(e.to_string())),
        };
        let status = match entry.call(&mut store, len) {
            Ok(0) => ExitStatus::Success,
            Ok(_) => ExitStatus::Revert,
            Err(e) => match e.downcast_ref::<Escape>() {
                Some(Escape::Exit(0)) => ExitStatus::Success,
                Some(Escape::Exit(_)) => ExitStatus::Revert,
                _ => classify(&e),
            },
        };
        match status {
            ExitStatus::Success | ExitStatus::Revert => ExecOutcome {
                ink_left: ink_left(&store),
                status,
                output: core::mem::take(&mut store.data_mut().outs),
            },
            other => failure(&store, other),
        }
    }
}

fn classify(e: &wasmi::Error) -> ExitStatus {
    if let Some(esc) = e.downcast_ref::<Escape>() {
        return match esc {
            Escape::OutOfInk => ExitStatus::OutOfInk,
            Escape::Exit(_) => ExitStatus::Failure("exit during start".into()),
            Escape::Failure(m) => ExitStatus::Failure(m.clone()),
        };
    }
    match e.as_trap_code() {
        Some(TrapCode::OutOfFuel) => ExitStatus::OutOfInk,
        Some(TrapCode::StackOverflow) => ExitStatus::OutOfStack,
        _ => ExitStatus::Failure(e.to_string()),
    }
}

/// Shared handle to the runtime.
pub type SharedRuntime = Arc<StylusRuntime>;
