//! [`RevmHost`]: the [`StylusHost`] of a Stylus frame running inside
//! [`DevEvm`]. Storage, transient storage and logs go through revm's journal
//! (so frame checkpoints roll them back); calls and creates re-enter the EVM
//! through [`DevEvm::nested`]; gas follows Nitro's `api.go` (EIP-2929 access
//! costs, value and new-account surcharges, 63/64 forwarding, stipend).

use super::dev_evm::DevEvm;
use crate::stylus::pricing::*;
use crate::stylus::{CallKind, CallResult, CreateResult, Escape, StylusEnv, StylusHost};
use alloy_primitives::{Address, Bytes, Log, LogData, B256, U256};
use revm::context::{Cfg, ContextTr, JournalTr};
use revm::handler::FrameResult;
use revm::interpreter::CreateScheme;
use revm::interpreter::{CallInput, CallInputs, CallScheme, CallValue, CreateInputs, FrameInput};

/// Host of one Stylus frame.
pub struct RevmHost<'e, 'a> {
    evm: &'e mut DevEvm<'a>,
    env: StylusEnv,
    depth: usize,
    /// EIP-3529 refunds earned by this frame and its successful children.
    pub refund: i64,
}

impl<'e, 'a> RevmHost<'e, 'a> {
    /// Host for a frame at `depth`.
    pub fn new(evm: &'e mut DevEvm<'a>, env: StylusEnv, depth: usize) -> Self {
        Self {
            evm,
            env,
            depth,
            refund: 0,
        }
    }

    fn journal(&mut self) -> &mut revm::context::Journal<&'a mut super::Db> {
        self.evm.inner.ctx.journal_mut()
    }

    fn write_guard(&self) -> Result<(), Escape> {
        if self.env.is_static {
            return Err(Escape::Failure(
                "write protection: state change in a static call".into(),
            ));
        }
        Ok(())
    }

    fn access_gas(is_cold: bool) -> u64 {
        if is_cold {
            COLD_ACCOUNT_GAS
        } else {
            WARM_SLOAD_GAS
        }
    }

    fn run_nested(&mut self, input: FrameInput) -> FrameResult {
        let memory = self.evm.child_memory();
        let r = self.evm.nested(input, self.depth + 1, memory);
        self.evm.free_child_memory();
        r.unwrap_or_else(|e| panic!("database error in nested frame: {e:?}"))
    }
}

impl StylusHost for RevmHost<'_, '_> {
    fn env(&self) -> &StylusEnv {
        &self.env
    }

    fn sload(&mut self, key: B256) -> Result<(B256, u64), Escape> {
        let address = self.env.contract_address;
        let r = self
            .journal()
            .sload(address, U256::from_be_bytes(key.0))
            .expect("in-memory db");
        let gas = if r.is_cold {
            COLD_SLOAD_GAS
        } else {
            WARM_SLOAD_GAS
        };
        Ok((B256::from(r.data.to_be_bytes::<32>()), gas))
    }

    fn sstore(&mut self, key: B256, value: B256) -> Result<u64, Escape> {
        self.write_guard()?;
        let address = self.env.contract_address;
        let r = self
            .journal()
            .sstore(
                address,
                U256::from_be_bytes(key.0),
                U256::from_be_bytes(value.0),
            )
            .expect("in-memory db");
        let params = self.evm.inner.ctx.cfg().gas_params().clone();
        let cost = params.sstore_static_gas() + params.sstore_dynamic_gas(true, &r.data, r.is_cold);
        self.refund += params.sstore_refund(true, &r.data);
        Ok(cost)
    }

    fn tload(&mut self, key: B256) -> B256 {
        let address = self.env.contract_address;
        B256::from(
            self.journal()
                .tload(address, U256::from_be_bytes(key.0))
                .to_be_bytes::<32>(),
        )
    }

    fn tstore(&mut self, key: B256, value: B256) -> Result<(), Escape> {
        self.write_guard()?;
        let address = self.env.contract_address;
        self.journal().tstore(
            address,
            U256::from_be_bytes(key.0),
            U256::from_be_bytes(value.0),
        );
        Ok(())
    }

    fn emit_log(&mut self, topics: Vec<B256>, data: Vec<u8>) -> Result<(), Escape> {
        self.write_guard()?;
        let address = self.env.contract_address;
        self.journal().log(Log {
            address,
            data: LogData::new_unchecked(topics, data.into()),
        });
        Ok(())
    }

    fn call(
        &mut self,
        kind: CallKind,
        to: Address,
        input: Vec<u8>,
        value: U256,
        gas_left: u64,
        gas_req: u64,
    ) -> Result<CallResult, Escape> {
        if self.env.is_static && !value.is_zero() {
            return Ok(CallResult::default());
        }
        let me = self.env.contract_address;
        let (is_cold, is_empty) = {
            let acc = self.journal().load_account(to).expect("in-memory db");
            (acc.is_cold, acc.data.is_empty())
        };
        let mut base = Self::access_gas(is_cold);
        if !value.is_zero() {
            base += CALL_VALUE_GAS;
            if is_empty {
                base += CALL_NEW_ACCOUNT_GAS;
            }
        }
        if base > gas_left {
            return Err(Escape::OutOfInk);
        }
        let mut gas = ((gas_left - base) * 63 / 64).min(gas_req);
        if !value.is_zero() {
            gas += CALL_STIPEND;
        }
        let known = {
            let acc = self
                .journal()
                .load_account_with_code(to)
                .expect("in-memory db");
            let code = acc.info.code.clone().unwrap_or_default();
            (acc.info.code_hash, code)
        };
        let (target, caller, call_value, scheme, is_static) = match kind {
            CallKind::Call => (
                to,
                me,
                CallValue::Transfer(value),
                CallScheme::Call,
                self.env.is_static,
            ),
            CallKind::Delegate => (
                me,
                self.env.msg_sender,
                CallValue::Apparent(self.env.msg_value),
                CallScheme::DelegateCall,
                self.env.is_static,
            ),
            CallKind::Static => (
                to,
                me,
                CallValue::Transfer(U256::ZERO),
                CallScheme::StaticCall,
                true,
            ),
        };
        let inputs = CallInputs {
            input: CallInput::Bytes(Bytes::from(input)),
            return_memory_offset: 0..0,
            gas_limit: gas,
            reservoir: 0,
            bytecode_address: to,
            known_bytecode: known,
            target_address: target,
            caller,
            value: call_value,
            scheme,
            is_static,
            charged_new_account_state_gas: false,
        };
        let FrameResult::Call(outcome) = self.run_nested(FrameInput::Call(Box::new(inputs))) else {
            unreachable!("a call frame returns a call outcome")
        };
        let r = &outcome.result;
        let returned = if r.result.is_ok_or_revert() {
            r.gas.remaining()
        } else {
            0
        };
        if r.result.is_ok() {
            self.refund += r.gas.refunded();
        }
        Ok(CallResult {
            success: r.result.is_ok(),
            output: r.output.to_vec(),
            gas_cost: base.saturating_add(gas.saturating_sub(returned)),
        })
    }

    fn create(
        &mut self,
        init_code: Vec<u8>,
        value: U256,
        salt: Option<B256>,
        gas_left: u64,
    ) -> Result<CreateResult, Escape> {
        self.write_guard()?;
        let mut base = CREATE_GAS;
        if salt.is_some() {
            base += KECCAK_WORD_GAS * (init_code.len() as u64).div_ceil(32);
        }
        if gas_left < base {
            return Err(Escape::OutOfInk);
        }
        let mut gas = gas_left - base;
        let one_64th = gas / 64;
        gas -= one_64th;
        let scheme = match salt {
            None => CreateScheme::Create,
            Some(s) => CreateScheme::Create2 {
                salt: U256::from_be_bytes(s.0),
            },
        };
        let inputs = CreateInputs::new(
            self.env.contract_address,
            scheme,
            value,
            Bytes::from(init_code),
            gas,
            0,
        );
        let FrameResult::Create(outcome) = self.run_nested(FrameInput::Create(Box::new(inputs)))
        else {
            unreachable!("a create frame returns a create outcome")
        };
        let r = &outcome.result;
        let ok = r.result.is_ok();
        let returned = if r.result.is_ok_or_revert() {
            r.gas.remaining()
        } else {
            0
        };
        if ok {
            self.refund += r.gas.refunded();
        }
        Ok(CreateResult {
            address: if ok { outcome.address } else { None },
            output: if r.result.is_revert() {
                r.output.to_vec()
            } else {
                Vec::new()
            },
            gas_cost: gas_left.saturating_sub(returned + one_64th),
        })
    }

    fn balance(&mut self, address: Address) -> (U256, u64) {
        let acc = self.journal().load_account(address).expect("in-memory db");
        (acc.data.info.balance, Self::access_gas(acc.is_cold))
    }

    fn code(&mut self, address: Address) -> (Vec<u8>, u64) {
        let r = self.journal().code(address).expect("in-memory db");
        (r.data.to_vec(), Self::access_gas(r.is_cold))
    }

    fn codehash(&mut self, address: Address) -> (B256, u64) {
        let r = self.journal().code_hash(address).expect("in-memory db");
        (r.data, Self::access_gas(r.is_cold))
    }

    fn add_pages(&mut self, pages: u16) -> u64 {
        self.evm.pages.add(pages)
    }

    fn console(&mut self, line: String) {
        self.evm.console.push(line);
    }
}
