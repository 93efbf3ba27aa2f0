//! [`DevEvm`]: revm's `Evm` with a custom `frame_run`. Call frames whose code
//! starts with `EF F0 00` run as Stylus programs; create frames may return
//! such code despite EIP-3541 (only that prefix is exempt). Hostios re-enter
//! the EVM synchronously through [`DevEvm::nested`], which runs a fresh frame
//! stack on the native stack of the calling program.

use super::host::RevmHost;
use super::DevCtx;
use crate::precompiles::arb_wasm::{ProgramNeedsUpgrade, ProgramNotActivated};
use crate::precompiles::{programs, ArbPrecompiles};
use crate::stylus::activation::{self, STYLUS_VERSION};
use crate::stylus::memory::PageCounters;
use crate::stylus::pricing::{gas_to_ink, ink_to_gas};
use crate::stylus::{ExitStatus, StylusEnv, StylusRuntime};
use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::SolError;
use revm::context::{Block, Cfg, ContextTr, Evm, FrameStack, Transaction};
use revm::handler::evm::{ContextDbError, FrameInitResult, FrameTr};
use revm::handler::instructions::{EthInstructions, InstructionProvider};
use revm::handler::{EthFrame, EvmTr, FrameData, FrameInitOrResult, FrameResult, ItemOrResult};
use revm::interpreter::interpreter::EthInterpreter;
use revm::interpreter::interpreter_action::FrameInit;
use revm::interpreter::{
    CallOutcome, FrameInput, Gas, InstructionResult, InterpreterAction, InterpreterResult,
    SharedMemory,
};
use std::collections::HashMap;

/// The wrapped revm EVM type.
pub type InnerEvm<'a> = Evm<
    DevCtx<'a>,
    (),
    EthInstructions<EthInterpreter, DevCtx<'a>>,
    ArbPrecompiles,
    EthFrame<EthInterpreter>,
>;

/// A Stylus frame that did not succeed, kept so a failed transaction can
/// say why (traps and hostio failures revert with empty data, as in Nitro).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StylusCallLog {
    /// Program address (storage owner).
    pub address: Address,
    /// Call depth.
    pub depth: usize,
    /// What happened.
    pub reason: String,
}

/// revm's EVM plus the Stylus runtime and per-transaction Stylus state.
pub struct DevEvm<'a> {
    /// The wrapped revm EVM.
    pub inner: InnerEvm<'a>,
    /// Shared wasm runtime (engine, linker, module cache).
    pub runtime: &'a StylusRuntime,
    /// Live Stylus frames per program address (for `msg_reentrant`).
    pub(crate) active: HashMap<Address, u32>,
    /// The transaction's memory-page counters.
    pub(crate) pages: PageCounters,
    /// `console.log_*` output of this transaction.
    pub console: Vec<String>,
    /// Failed Stylus frames of this transaction, innermost first.
    pub failures: Vec<StylusCallLog>,
}

/// Gas the EVM would charge to return `len` bytes (memory expansion).
fn evm_memory_cost(len: u64) -> u64 {
    let words = len.div_ceil(32);
    3 * words + words * words / 512
}

impl<'a> DevEvm<'a> {
    /// Wraps a context.
    pub fn new(ctx: DevCtx<'a>, runtime: &'a StylusRuntime, cache_all: bool) -> Self {
        let spec = ctx.cfg.spec;
        Self {
            inner: Evm {
                ctx,
                inspector: (),
                instruction: EthInstructions::new_mainnet_with_spec(spec),
                precompiles: ArbPrecompiles::new(spec, cache_all),
                frame_stack: FrameStack::new_prealloc(8),
            },
            runtime,
            active: HashMap::new(),
            pages: PageCounters::default(),
            console: Vec::new(),
            failures: Vec::new(),
        }
    }

    /// Runs `frame_input` to completion on a fresh frame stack and returns
    /// its result; the caller's frames are untouched. Used by hostios and
    /// system contracts for synchronous nested calls and creates.
    pub fn nested(
        &mut self,
        frame_input: FrameInput,
        depth: usize,
        memory: SharedMemory,
    ) -> Result<FrameResult, ContextDbError<DevCtx<'a>>> {
        let saved = core::mem::replace(&mut self.inner.frame_stack, FrameStack::new_prealloc(4));
        let result = self.run_loop(FrameInit {
            depth,
            memory,
            frame_input,
        });
        self.inner.frame_stack = saved;
        result
    }

    /// A child memory context of the frame on top of the stack.
    pub(crate) fn child_memory(&mut self) -> SharedMemory {
        if self.inner.frame_stack.index().is_some() {
            self.inner
                .frame_stack
                .get()
                .interpreter
                .memory
                .new_child_context()
        } else {
            SharedMemory::new()
        }
    }

    /// Frees the child context made by [`Self::child_memory`].
    pub(crate) fn free_child_memory(&mut self) {
        if self.inner.frame_stack.index().is_some() {
            self.inner
                .frame_stack
                .get()
                .interpreter
                .memory
                .free_child_context();
        }
    }

    fn run_loop(&mut self, init: FrameInit) -> Result<FrameResult, ContextDbError<DevCtx<'a>>> {
        if let ItemOrResult::Result(r) = self.frame_init(init)? {
            return Ok(r);
        }
        loop {
            let result = match self.frame_run()? {
                ItemOrResult::Item(init) => match self.frame_init(init)? {
                    ItemOrResult::Item(_) => continue,
                    ItemOrResult::Result(r) => r,
                },
                ItemOrResult::Result(r) => r,
            };
            if let Some(r) = self.frame_return_result(result)? {
                return Ok(r);
            }
        }
    }

    /// Runs the Stylus program of the call frame on top of the stack.
    fn run_stylus_frame(
        &mut self,
    ) -> Result<FrameInitOrResult<EthFrame<EthInterpreter>>, ContextDbError<DevCtx<'a>>> {
        let frame = self.inner.frame_stack.get();
        let FrameInput::Call(inputs) = &frame.input else {
            unreachable!("stylus frames are call frames")
        };
        let code = frame.interpreter.bytecode.original_bytes();
        let codehash = frame
            .interpreter
            .bytecode
            .hash()
            .unwrap_or_else(|| keccak256(&code));
        let depth = frame.depth;
        // Nitro counts a contract as entered only by frames that run in its
        // own context: delegatecall and callcode frames do not push it (they
        // run another program's code on the caller's storage), so a proxy
        // delegating to an implementation does not look re-entered.
        let counts_as_entry = !matches!(
            inputs.scheme,
            revm::interpreter::CallScheme::DelegateCall | revm::interpreter::CallScheme::CallCode
        );
        let gas_limit = frame.interpreter.gas.limit();
        let input = inputs.input.bytes(&self.inner.ctx);
        let ctx = &self.inner.ctx;
        let env = StylusEnv {
            contract_address: inputs.target_address,
            msg_sender: inputs.caller,
            msg_value: inputs.value.get(),
            tx_origin: ctx.tx().caller(),
            tx_gas_price: U256::from(
                ctx.tx()
                    .effective_gas_price(u128::from(ctx.block().basefee())),
            ),
            block_basefee: U256::from(ctx.block().basefee()),
            block_coinbase: ctx.block().beneficiary(),
            block_gas_limit: ctx.block().gas_limit(),
            block_number: ctx.block().number().saturating_to(),
            block_timestamp: ctx.block().timestamp().saturating_to(),
            chain_id: ctx.cfg().chain_id(),
            reentrant: false,
            is_static: inputs.is_static,
        };

        let mut gas = Gas::new(gas_limit);
        let revert = |data: Vec<u8>, gas: Gas| {
            InterpreterResult::new(InstructionResult::Revert, data.into(), gas)
        };
        let result = match programs::get(self.inner.ctx.journal_mut(), codehash) {
            None => revert(ProgramNotActivated {}.abi_encode(), gas),
            Some(p) if p.version != STYLUS_VERSION => revert(
                ProgramNeedsUpgrade {
                    version: p.version,
                    stylusVersion: STYLUS_VERSION,
                }
                .abi_encode(),
                gas,
            ),
            Some(program) => self.execute_program(
                program,
                codehash,
                code,
                env,
                input,
                depth,
                counts_as_entry,
                &mut gas,
            ),
        };

        let frame = self.inner.frame_stack.get();
        let ctx = &mut self.inner.ctx;
        frame
            .process_next_action::<_, ContextDbError<DevCtx<'a>>>(
                ctx,
                InterpreterAction::Return(result),
            )
            .inspect(|i| {
                if i.is_result() {
                    frame.set_finished(true);
                }
            })
    }

    #[allow(clippy::too_many_arguments)]
    fn execute_program(
        &mut self,
        program: programs::ProgramRecord,
        codehash: B256,
        code: Bytes,
        mut env: StylusEnv,
        input: Bytes,
        depth: usize,
        counts_as_entry: bool,
        gas: &mut Gas,
    ) -> InterpreterResult {
        let out_of_gas = |gas: &mut Gas| {
            gas.spend_all();
            InterpreterResult::new(InstructionResult::OutOfGas, Bytes::new(), *gas)
        };
        let open_before = self.pages.open;
        let starting = gas.remaining();
        let call_cost = self
            .pages
            .add(program.info.footprint)
            .saturating_add(program.call_init_gas());
        if !gas.record_regular_cost(call_cost) {
            self.pages.open = open_before;
            return out_of_gas(gas);
        }
        let module = match self.runtime.module(codehash, || {
            activation::decompress(&code).map_err(|e| e.to_string())
        }) {
            Ok(m) => m,
            Err(e) => {
                self.pages.open = open_before;
                self.failures.push(StylusCallLog {
                    address: env.contract_address,
                    depth,
                    reason: format!("cannot load program: {e}"),
                });
                return InterpreterResult::new(InstructionResult::Revert, Bytes::new(), *gas);
            }
        };
        let address = env.contract_address;
        let live = self.active.entry(address).or_default();
        if counts_as_entry {
            *live += 1;
        }
        env.reentrant = *live > 1;
        let ink = gas_to_ink(gas.remaining());
        let runtime = self.runtime;
        let (outcome, refund) = {
            let mut host = RevmHost::new(self, env, depth);
            let outcome = runtime.execute(&module, &mut host, input.to_vec(), ink);
            (outcome, host.refund)
        };
        if counts_as_entry {
            if let Some(live) = self.active.get_mut(&address) {
                *live -= 1;
            }
        }
        self.pages.open = open_before;

        let used = gas.remaining().saturating_sub(ink_to_gas(outcome.ink_left));
        let _ = gas.record_regular_cost(used);
        let (kind, output) = match outcome.status {
            ExitStatus::Success => {
                gas.record_refund(refund);
                (InstructionResult::Return, outcome.output)
            }
            ExitStatus::Revert => (InstructionResult::Revert, outcome.output),
            ExitStatus::Failure(reason) => {
                self.failures.push(StylusCallLog {
                    address,
                    depth,
                    reason,
                });
                (InstructionResult::Revert, Vec::new())
            }
            ExitStatus::OutOfInk => {
                self.failures.push(StylusCallLog {
                    address,
                    depth,
                    reason: "out of ink".into(),
                });
                return out_of_gas(gas);
            }
            ExitStatus::OutOfStack => {
                self.failures.push(StylusCallLog {
                    address,
                    depth,
                    reason: "wasm stack overflow".into(),
                });
                gas.spend_all();
                return InterpreterResult::new(InstructionResult::CallTooDeep, Bytes::new(), *gas);
            }
        };
        // ArbOS "StylusFixes": returning data costs at least what the EVM charges.
        if !output.is_empty() {
            let evm_cost = evm_memory_cost(output.len() as u64);
            if starting < evm_cost {
                return out_of_gas(gas);
            }
            let max_left = starting - evm_cost;
            if gas.remaining() > max_left {
                let extra = gas.remaining() - max_left;
                let _ = gas.record_regular_cost(extra);
            }
        }
        InterpreterResult::new(kind, output.into(), *gas)
    }
}

fn is_stylus_output(action: &InterpreterAction) -> bool {
    matches!(action, InterpreterAction::Return(r) if r.result.is_ok() && activation::is_stylus(&r.output))
}

impl<'a> EvmTr for DevEvm<'a> {
    type Context = DevCtx<'a>;
    type Instructions = EthInstructions<EthInterpreter, DevCtx<'a>>;
    type Precompiles = ArbPrecompiles;
    type Frame = EthFrame<EthInterpreter>;

    fn all(
        &self,
    ) -> (
        &Self::Context,
        &Self::Instructions,
        &Self::Precompiles,
        &FrameStack<Self::Frame>,
    ) {
        self.inner.all()
    }

    fn all_mut(
        &mut self,
    ) -> (
        &mut Self::Context,
        &mut Self::Instructions,
        &mut Self::Precompiles,
        &mut FrameStack<Self::Frame>,
    ) {
        self.inner.all_mut()
    }

    fn frame_init(
        &mut self,
        frame_input: <Self::Frame as FrameTr>::FrameInit,
    ) -> Result<FrameInitResult<'_, Self::Frame>, ContextDbError<Self::Context>> {
        if let FrameInput::Call(inputs) = &frame_input.frame_input {
            if inputs.bytecode_address == crate::system::deployer::STYLUS_DEPLOYER
                && inputs.target_address == crate::system::deployer::STYLUS_DEPLOYER
            {
                let FrameInit {
                    depth,
                    memory,
                    frame_input,
                } = frame_input;
                let FrameInput::Call(inputs) = frame_input else {
                    unreachable!()
                };
                let outcome = crate::system::deployer::run(self, &inputs, depth, memory)?;
                return Ok(ItemOrResult::Result(FrameResult::Call(outcome)));
            }
        }
        self.inner.frame_init(frame_input)
    }

    fn frame_run(
        &mut self,
    ) -> Result<FrameInitOrResult<Self::Frame>, ContextDbError<Self::Context>> {
        let frame = self.inner.frame_stack.get();
        match frame.data {
            FrameData::Call(_)
                if activation::is_stylus(frame.interpreter.bytecode.original_byte_slice()) =>
            {
                self.run_stylus_frame()
            }
            FrameData::Create(_) => {
                let ctx = &mut self.inner.ctx;
                let instructions = &mut self.inner.instruction;
                let action = frame.interpreter.run_plain(
                    instructions.instruction_table(),
                    instructions.gas_table(),
                    ctx,
                );
                let exempt = is_stylus_output(&action);
                if exempt {
                    ctx.cfg.disable_eip3541 = true;
                }
                let r = frame
                    .process_next_action::<_, ContextDbError<DevCtx<'a>>>(ctx, action)
                    .inspect(|i| {
                        if i.is_result() {
                            frame.set_finished(true);
                        }
                    });
                ctx.cfg.disable_eip3541 = false;
                r
            }
            _ => self.inner.frame_run(),
        }
    }

    fn frame_return_result(
        &mut self,
        result: <Self::Frame as FrameTr>::FrameResult,
    ) -> Result<Option<<Self::Frame as FrameTr>::FrameResult>, ContextDbError<Self::Context>> {
        self.inner.frame_return_result(result)
    }
}

/// Shorthand for a call outcome built by native code.
pub(crate) fn call_outcome(
    result: InstructionResult,
    output: Bytes,
    gas: Gas,
    range: core::ops::Range<usize>,
) -> CallOutcome {
    CallOutcome::new(InterpreterResult::new(result, output, gas), range)
}
