//! [`Executor`] over the `devnode` crate's Stylus-capable EVM: revm 43 with
//! the custom Stylus frame, ArbWasm and the system contracts. The chain
//! thread has a large stack, so execution runs on it directly.

use std::convert::Infallible;
use std::sync::Arc;

use alloy::eips::eip2930::{AccessList, AccessListItem};
use alloy::primitives::{Address, Bytes, TxKind, U256};
use devnode::evm::{Db, DevCtx, DevEvm};
use devnode::stylus::StylusRuntime;
use devnode::{DevNode, NodeConfig};
use revm::bytecode::Bytecode;
use revm::context::result::{EVMError, ExecutionResult, InvalidTransaction, Output};
use revm::context::{BlockEnv, CfgEnv, ContextTr, JournalTr, TxEnv};
use revm::handler::{Handler, MainnetHandler};
use revm::primitives::hardfork::SpecId;
use revm::state::AccountInfo;
use revm::DatabaseCommit;

use crate::executor::{BlockContext, Execution, Executor, Mode, TxInput, TxRejected};

/// The EVM revision the dev chain runs (Arbitrum's current ArbOS follows
/// Prague/Pectra for the EVM part).
pub const SPEC: SpecId = SpecId::PRAGUE;

/// The dev chain's execution engine.
pub struct Engine {
    db: Db,
    runtime: Arc<StylusRuntime>,
    cache_all_programs: bool,
}

impl Engine {
    /// Genesis state (funded dev accounts, ArbOS, StylusDeployer, CREATE2
    /// factory) as the `devnode` crate defines it.
    pub fn genesis(chain_id: u64, cache_all_programs: bool) -> Self {
        let node = DevNode::new(NodeConfig {
            chain_id,
            cache_all_programs,
            ..NodeConfig::default()
        });
        Self {
            db: node.db().clone(),
            runtime: Arc::new(StylusRuntime::new()),
            cache_all_programs,
        }
    }

    fn account(&self, a: Address) -> AccountInfo {
        self.db
            .cache
            .accounts
            .get(&a)
            .map(|x| x.info.clone())
            .unwrap_or_default()
    }
}

fn rejected(e: EVMError<Infallible>) -> TxRejected {
    match e {
        EVMError::Transaction(t) => match t {
            InvalidTransaction::NonceTooLow { tx, state } => TxRejected::NonceTooLow {
                expected: state,
                got: tx,
            },
            InvalidTransaction::NonceTooHigh { tx, state } => TxRejected::NonceTooHigh {
                expected: state,
                got: tx,
            },
            InvalidTransaction::LackOfFundForMaxFee { fee, balance } => {
                TxRejected::InsufficientFunds {
                    have: *balance,
                    want: *fee,
                }
            }
            InvalidTransaction::CallGasCostMoreThanGasLimit { gas_limit, .. }
            | InvalidTransaction::GasFloorMoreThanGasLimit { gas_limit, .. } => {
                TxRejected::IntrinsicGasTooLow { gas_limit }
            }
            other => TxRejected::Other(other.to_string()),
        },
        other => TxRejected::Other(other.to_string()),
    }
}

impl Executor for Engine {
    type Snapshot = Db;

    fn execute(
        &mut self,
        ctx: &BlockContext,
        tx: &TxInput,
        mode: Mode,
    ) -> Result<Execution, TxRejected> {
        if tx.gas_limit > ctx.gas_limit {
            return Err(TxRejected::GasLimitTooHigh {
                gas_limit: tx.gas_limit,
                block_gas_limit: ctx.gas_limit,
            });
        }
        let simulate = mode == Mode::Simulate;
        if !simulate && tx.max_fee_per_gas < ctx.base_fee as u128 {
            return Err(TxRejected::FeeCapTooLow {
                max_fee: tx.max_fee_per_gas,
                base_fee: ctx.base_fee,
            });
        }
        let nonce = tx.nonce.unwrap_or_else(|| self.account(tx.from).nonce);
        let tx_env = TxEnv {
            tx_type: if tx.max_priority_fee_per_gas.is_some() {
                2
            } else if tx.access_list.is_empty() {
                0
            } else {
                1
            },
            caller: tx.from,
            gas_limit: tx.gas_limit,
            gas_price: tx.max_fee_per_gas,
            gas_priority_fee: tx.max_priority_fee_per_gas,
            kind: match tx.to {
                Some(a) => TxKind::Call(a),
                None => TxKind::Create,
            },
            value: tx.value,
            data: tx.input.clone(),
            nonce,
            chain_id: Some(ctx.chain_id),
            access_list: AccessList(
                tx.access_list
                    .iter()
                    .map(|(address, keys)| AccessListItem {
                        address: *address,
                        storage_keys: keys.clone(),
                    })
                    .collect(),
            ),
            ..Default::default()
        };
        let block = BlockEnv {
            number: U256::from(ctx.number),
            beneficiary: ctx.coinbase,
            timestamp: U256::from(ctx.timestamp),
            gas_limit: ctx.gas_limit,
            basefee: if simulate && tx.max_fee_per_gas == 0 {
                0
            } else {
                ctx.base_fee
            },
            prevrandao: Some(ctx.prevrandao),
            ..Default::default()
        };
        let mut cfg = CfgEnv::new_with_spec(SPEC);
        cfg.chain_id = ctx.chain_id;
        if simulate {
            cfg.disable_nonce_check = true;
            cfg.disable_balance_check = true;
            cfg.disable_base_fee = true;
        }
        let revm_ctx: DevCtx<'_> = <DevCtx<'_>>::new(&mut self.db, SPEC)
            .with_cfg(cfg)
            .with_block(block)
            .with_tx(tx_env);
        let mut evm = DevEvm::new(revm_ctx, &self.runtime, self.cache_all_programs);
        let mut handler = MainnetHandler::<_, EVMError<Infallible>, _>::default();
        let result = handler.run(&mut evm);
        let state = evm.inner.ctx.journal_mut().finalize();
        let failures = std::mem::take(&mut evm.failures);
        drop(evm);
        let result = result.map_err(rejected)?;
        if !simulate {
            self.db.commit(state);
        }
        let mut exec = Execution {
            gas_used: result.tx_gas_used(),
            ..Execution::default()
        };
        match result {
            ExecutionResult::Success { logs, output, .. } => {
                exec.success = true;
                exec.logs = logs;
                match output {
                    Output::Call(b) => exec.output = b,
                    Output::Create(b, a) => {
                        exec.output = b;
                        exec.contract_address = a;
                    }
                }
            }
            ExecutionResult::Revert { output, .. } => exec.output = output,
            ExecutionResult::Halt { reason, .. } => {
                let mut text = format!("{reason:?}");
                for f in &failures {
                    text.push_str(&format!(
                        "; stylus program {} at depth {}: {}",
                        f.address, f.depth, f.reason
                    ));
                }
                exec.halt_reason = Some(text);
            }
        }
        Ok(exec)
    }

    fn balance(&self, address: Address) -> U256 {
        self.account(address).balance
    }

    fn nonce(&self, address: Address) -> u64 {
        self.account(address).nonce
    }

    fn code(&self, address: Address) -> Bytes {
        self.account(address)
            .code
            .map(|c| c.original_bytes())
            .unwrap_or_default()
    }

    fn storage(&self, address: Address, slot: U256) -> U256 {
        self.db
            .cache
            .accounts
            .get(&address)
            .and_then(|a| a.storage.get(&slot).copied())
            .unwrap_or_default()
    }

    fn set_balance(&mut self, address: Address, balance: U256) {
        let mut info = self.account(address);
        info.balance = balance;
        self.db.insert_account_info(address, info);
    }

    fn set_nonce(&mut self, address: Address, nonce: u64) {
        let mut info = self.account(address);
        info.nonce = nonce;
        self.db.insert_account_info(address, info);
    }

    fn set_code(&mut self, address: Address, code: Bytes) {
        let mut info = self.account(address);
        let code = Bytecode::new_raw(code);
        info.code_hash = code.hash_slow();
        info.code = Some(code);
        self.db.insert_account_info(address, info);
    }

    fn set_storage(&mut self, address: Address, slot: U256, value: U256) {
        if !self.db.cache.accounts.contains_key(&address) {
            self.db.insert_account_info(address, AccountInfo::default());
        }
        self.db
            .insert_account_storage(address, slot, value)
            .expect("the in-memory database cannot fail");
    }

    fn snapshot(&self) -> Db {
        self.db.clone()
    }

    fn restore(&mut self, snapshot: Db) {
        self.db = snapshot;
    }
}
