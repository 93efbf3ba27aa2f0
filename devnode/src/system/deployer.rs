//! A StylusDeployer-compatible system contract at
//! `0xcEcba2F1DC234f70Dd89F2041029807F8D03A990`, implemented natively. It
//! follows nitro-contracts' `StylusDeployer.sol`: CREATE (salt zero) or
//! CREATE2 with `keccak256(salt ++ initData)`, activation paid from
//! `msg.value - initValue` when the code hash is not yet activated, the
//! constructor call with `initData` and `initValue`, a refund of the rest to
//! the sender, and `ContractDeployed(address)`; all under one journal
//! checkpoint, so any failure leaves no trace.

use crate::evm::dev_evm::call_outcome;
use crate::evm::{DevCtx, DevEvm};
use crate::precompiles::arb_wasm::{self, ActivationFailure};
use crate::precompiles::programs;
use crate::stylus::activation::STYLUS_VERSION;
use alloy_primitives::{address, keccak256, Address, Bytes, Log, B256, U256};
use alloy_sol_types::{sol, SolCall, SolError, SolEvent};
use revm::context::{ContextTr, JournalTr};
use revm::handler::evm::ContextDbError;
use revm::handler::FrameResult;
use revm::interpreter::{
    CallInput, CallInputs, CallOutcome, CallScheme, CallValue, CreateInputs, CreateScheme,
    FrameInput, Gas, InstructionResult, SharedMemory,
};

/// Canonical StylusDeployer address (what `cargo stylus deploy` uses).
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");

sol! {
    /// The StylusDeployer interface.
    interface IStylusDeployer {
        function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt) external payable returns (address);
        function initSalt(bytes32 salt, bytes initData) external pure returns (bytes32);
        function requiresActivation(address addr) external view returns (bool);

        event ContractDeployed(address deployedContract);

        error ContractDeploymentError(bytes bytecode);
        error ContractInitializationError(address newContract, bytes data);
        error RefundExcessValueError(uint256 excessValue);
        error EmptyContractArgs();
        error InitValueButNotInitData();
    }
}

/// Overhead of the Solidity contract's own work, charged up front (approximate).
const BASE_GAS: u64 = 10_000;

/// `keccak256(salt ++ initData)`, the salt actually used for CREATE2.
pub fn init_salt(salt: B256, init_data: &[u8]) -> B256 {
    let mut buf = salt.to_vec();
    buf.extend_from_slice(init_data);
    keccak256(buf)
}

enum Step {
    Done(Bytes),
    Revert(Bytes),
    Halt(InstructionResult),
}

/// Handles one call to the deployer.
pub fn run<'a>(
    evm: &mut DevEvm<'a>,
    inputs: &CallInputs,
    depth: usize,
    mut memory: SharedMemory,
) -> Result<CallOutcome, ContextDbError<DevCtx<'a>>> {
    let range = inputs.return_memory_offset.clone();
    let mut gas = Gas::new(inputs.gas_limit);
    let data = inputs.input.bytes(&evm.inner.ctx);
    let journal = evm.inner.ctx.journal_mut();
    let checkpoint = journal.checkpoint();
    let value = inputs.value.get();
    if let CallValue::Transfer(v) = inputs.value {
        if let Some(e) = journal
            .transfer(inputs.caller, STYLUS_DEPLOYER, v)
            .expect("in-memory db")
        {
            journal.checkpoint_revert(checkpoint);
            return Ok(call_outcome(e.into(), Bytes::new(), gas, range));
        }
    }
    let step = deploy(evm, inputs, &data, value, depth, &mut memory, &mut gas);
    let journal = evm.inner.ctx.journal_mut();
    Ok(match step {
        Step::Done(out) => {
            journal.checkpoint_commit();
            call_outcome(InstructionResult::Return, out, gas, range)
        }
        Step::Revert(out) => {
            journal.checkpoint_revert(checkpoint);
            call_outcome(InstructionResult::Revert, out, gas, range)
        }
        Step::Halt(r) => {
            journal.checkpoint_revert(checkpoint);
            gas.spend_all();
            call_outcome(r, Bytes::new(), gas, range)
        }
    })
}

fn deploy(
    evm: &mut DevEvm<'_>,
    inputs: &CallInputs,
    data: &[u8],
    value: U256,
    depth: usize,
    memory: &mut SharedMemory,
    gas: &mut Gas,
) -> Step {
    if !gas.record_regular_cost(BASE_GAS + 3 * (data.len() as u64).div_ceil(32)) {
        return Step::Halt(InstructionResult::OutOfGas);
    }
    let call = match IStylusDeployer::deployCall::abi_decode(data) {
        Ok(c) => c,
        Err(_) => return Step::Revert(Bytes::new()),
    };
    if inputs.is_static {
        return Step::Revert(Bytes::new());
    }
    if call.bytecode.is_empty() {
        return Step::Revert(IStylusDeployer::EmptyContractArgs {}.abi_encode().into());
    }
    if call.initData.is_empty() && !call.initValue.is_zero() {
        return Step::Revert(
            IStylusDeployer::InitValueButNotInitData {}
                .abi_encode()
                .into(),
        );
    }
    let Some(activation_value) = value.checked_sub(call.initValue) else {
        return Step::Revert(panic_underflow());
    };

    // 1. create
    let scheme = if call.salt.is_zero() {
        CreateScheme::Create
    } else {
        CreateScheme::Create2 {
            salt: U256::from_be_bytes(init_salt(call.salt, &call.initData).0),
        }
    };
    let child_gas = gas.remaining() - gas.remaining() / 64;
    let create = CreateInputs::new(
        STYLUS_DEPLOYER,
        scheme,
        U256::ZERO,
        call.bytecode.clone(),
        child_gas,
        0,
    );
    let child = memory.new_child_context();
    let r = evm.nested(FrameInput::Create(Box::new(create)), depth + 1, child);
    memory.free_child_context();
    let FrameResult::Create(outcome) = r.unwrap_or_else(|e| panic!("db error: {e:?}")) else {
        unreachable!()
    };
    charge_child(gas, child_gas, &outcome.result.gas, outcome.result.result);
    let Some(new) = outcome.address.filter(|_| outcome.result.result.is_ok()) else {
        return Step::Revert(
            IStylusDeployer::ContractDeploymentError {
                bytecode: call.bytecode,
            }
            .abi_encode()
            .into(),
        );
    };

    // 2. activate when needed
    let journal = evm.inner.ctx.journal_mut();
    let codehash = journal.code_hash(new).expect("in-memory db").data;
    let needs = programs::get(journal, codehash).is_none_or(|p| p.version != STYLUS_VERSION);
    let mut data_fee = U256::ZERO;
    if needs {
        let cache_all = evm.inner.precompiles.cache_all;
        match arb_wasm::activate(&mut evm.inner.ctx, new, cache_all, gas.remaining()) {
            Ok(a) => {
                let _ = gas.record_regular_cost(a.gas_used);
                if activation_value < a.data_fee {
                    return Step::Revert(
                        arb_wasm::ProgramInsufficientValue {
                            have: activation_value,
                            want: a.data_fee,
                        }
                        .abi_encode()
                        .into(),
                    );
                }
                data_fee = a.data_fee;
                let journal = evm.inner.ctx.journal_mut();
                let _ = journal
                    .transfer(STYLUS_DEPLOYER, crate::precompiles::ARB_WASM, data_fee)
                    .expect("in-memory db");
            }
            Err(ActivationFailure::Revert(e)) => return Step::Revert(e),
            Err(ActivationFailure::Invalid(msg)) => {
                evm.failures.push(crate::evm::StylusCallLog {
                    address: new,
                    depth: depth + 1,
                    reason: format!("activation failed: {msg}"),
                });
                return Step::Halt(InstructionResult::Revert);
            }
            Err(ActivationFailure::OutOfGas) => return Step::Halt(InstructionResult::OutOfGas),
        }
    }

    // 3. constructor
    if !call.initData.is_empty() {
        let child_gas = gas.remaining() - gas.remaining() / 64;
        let known = {
            let journal = evm.inner.ctx.journal_mut();
            let acc = journal.load_account_with_code(new).expect("in-memory db");
            (
                acc.info.code_hash,
                acc.info.code.clone().unwrap_or_default(),
            )
        };
        let ctor = CallInputs {
            input: CallInput::Bytes(call.initData.clone()),
            return_memory_offset: 0..0,
            gas_limit: child_gas,
            reservoir: 0,
            bytecode_address: new,
            known_bytecode: known,
            target_address: new,
            caller: STYLUS_DEPLOYER,
            value: CallValue::Transfer(call.initValue),
            scheme: CallScheme::Call,
            is_static: false,
            charged_new_account_state_gas: false,
        };
        let child = memory.new_child_context();
        let r = evm.nested(FrameInput::Call(Box::new(ctor)), depth + 1, child);
        memory.free_child_context();
        let FrameResult::Call(outcome) = r.unwrap_or_else(|e| panic!("db error: {e:?}")) else {
            unreachable!()
        };
        charge_child(gas, child_gas, &outcome.result.gas, outcome.result.result);
        if !outcome.result.result.is_ok() {
            return Step::Revert(
                IStylusDeployer::ContractInitializationError {
                    newContract: new,
                    data: outcome.result.output.clone(),
                }
                .abi_encode()
                .into(),
            );
        }
        gas.record_refund(outcome.result.gas.refunded());
    }

    // 4. refund and event
    let Some(rest) = activation_value.checked_sub(data_fee) else {
        return Step::Revert(panic_underflow());
    };
    let journal = evm.inner.ctx.journal_mut();
    if !rest.is_zero() {
        let _ = journal
            .transfer(STYLUS_DEPLOYER, inputs.caller, rest)
            .expect("in-memory db");
    }
    journal.log(Log {
        address: STYLUS_DEPLOYER,
        data: IStylusDeployer::ContractDeployed {
            deployedContract: new,
        }
        .encode_log_data(),
    });
    Step::Done(IStylusDeployer::deployCall::abi_encode_returns(&new).into())
}

fn charge_child(gas: &mut Gas, given: u64, child: &Gas, result: InstructionResult) {
    let returned = if result.is_ok_or_revert() {
        child.remaining()
    } else {
        0
    };
    let _ = gas.record_regular_cost(given.saturating_sub(returned));
}

fn panic_underflow() -> Bytes {
    let mut out = vec![0x4e, 0x48, 0x7b, 0x71];
    out.extend_from_slice(&U256::from(0x11).to_be_bytes::<32>());
    out.into()
}
