//! [`DevNode`]: the in-process chain API. It owns the state (a cloneable
//! [`Db`]), runs each transaction on a thread with a large native stack, and
//! returns receipts. Blocks and JSON-RPC build on top of this (part 2).

use crate::evm::{Db, DevCtx, DevEvm, StylusCallLog};
use crate::genesis::*;
use crate::precompiles::{programs::ARBOS_STATE, ARB_WASM, ARB_WASM_CACHE};
use crate::stylus::StylusRuntime;
use crate::system::create2_factory::{CREATE2_FACTORY, CREATE2_FACTORY_CODE};
use crate::system::deployer::STYLUS_DEPLOYER;
use alloy_primitives::{address, Address, Bytes, Log, TxKind, B256, U256};
use revm::bytecode::Bytecode;
use revm::context::result::EVMError;
use revm::context::result::{ExecutionResult, Output};
use revm::context::{BlockEnv, CfgEnv, ContextTr, JournalTr, TxEnv};
use revm::database::{CacheDB, EmptyDB};
use revm::handler::{Handler, MainnetHandler};
use revm::primitives::hardfork::SpecId;
use revm::state::AccountInfo;
use revm::DatabaseCommit;
use std::convert::Infallible;
use std::sync::Arc;

/// Node settings.
#[derive(Debug, Clone)]
pub struct NodeConfig {
    /// Chain id.
    pub chain_id: u64,
    /// Put every activated program into the ArbWasmCache.
    pub cache_all_programs: bool,
    /// Block gas limit.
    pub block_gas_limit: u64,
    /// Base fee in wei (Arbitrum's minimum, 0.01 gwei, by default).
    pub base_fee: u64,
    /// Native stack of the execution thread each transaction runs on; 0
    /// runs transactions on the caller's thread, for callers that already
    /// run on a large stack and send many transactions (the audit suite).
    pub stack_size: usize,
}

impl Default for NodeConfig {
    fn default() -> Self {
        Self {
            chain_id: DEV_CHAIN_ID,
            cache_all_programs: false,
            block_gas_limit: 32_000_000,
            base_fee: 10_000_000,
            stack_size: 256 << 20,
        }
    }
}

/// A transaction request.
#[derive(Debug, Clone, Default)]
pub struct Tx {
    /// Sender.
    pub from: Address,
    /// Recipient; `None` deploys `data` as init code.
    pub to: Option<Address>,
    /// Wei sent.
    pub value: U256,
    /// Calldata or init code.
    pub data: Bytes,
    /// Gas limit (default 30,000,000).
    pub gas_limit: Option<u64>,
    /// Gas price (default: the base fee).
    pub gas_price: Option<u128>,
    /// Nonce (default: the sender's current nonce).
    pub nonce: Option<u64>,
}

impl Tx {
    /// A call from `from` to `to` with `data`.
    pub fn call(from: Address, to: Address, data: impl Into<Bytes>) -> Self {
        Self {
            from,
            to: Some(to),
            data: data.into(),
            ..Self::default()
        }
    }

    /// A deployment of `init_code` from `from`.
    pub fn deploy(from: Address, init_code: impl Into<Bytes>) -> Self {
        Self {
            from,
            data: init_code.into(),
            ..Self::default()
        }
    }

    /// Sets the value.
    pub fn value(mut self, v: U256) -> Self {
        self.value = v;
        self
    }

    /// Sets the gas limit.
    pub fn gas(mut self, g: u64) -> Self {
        self.gas_limit = Some(g);
        self
    }
}

/// Outcome of a transaction or call.
#[derive(Debug, Clone, Default)]
pub struct Receipt {
    /// Success (true) or revert/halt (false).
    pub status: bool,
    /// Gas used, after refunds.
    pub gas_used: u64,
    /// Logs (empty unless successful).
    pub logs: Vec<Log>,
    /// Address of a deployed contract.
    pub contract_address: Option<Address>,
    /// Return data, or revert data on revert.
    pub output: Bytes,
    /// Why it failed when there is no revert data: the halt reason and any
    /// failed Stylus frames (trap, hostio error, out of ink).
    pub reason: Option<String>,
    /// `console.log_*` lines emitted by programs.
    pub console: Vec<String>,
    /// Failed Stylus frames (also for successful txs that caught a failure).
    pub stylus_failures: Vec<StylusCallLog>,
}

/// A transaction the chain refused to run (bad nonce, no funds, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxError(pub String);

impl core::fmt::Display for TxError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TxError {}

/// The in-process dev chain.
pub struct DevNode {
    db: Db,
    runtime: Arc<StylusRuntime>,
    config: NodeConfig,
    block_number: u64,
    timestamp: u64,
}

impl Default for DevNode {
    fn default() -> Self {
        Self::new(NodeConfig::default())
    }
}

impl DevNode {
    /// A chain at genesis.
    pub fn new(config: NodeConfig) -> Self {
        let mut db = CacheDB::new(EmptyDB::default());
        let funded = DEV_ACCOUNTS.iter().chain([&NITRO_DEV_ACCOUNT]);
        for (a, _) in funded {
            db.insert_account_info(
                *a,
                AccountInfo {
                    balance: U256::from(DEV_BALANCE_WEI),
                    ..Default::default()
                },
            );
        }
        let mut put_code = |a: Address, code: &[u8], nonce: u64| {
            let code = Bytecode::new_raw(Bytes::copy_from_slice(code));
            db.insert_account_info(
                a,
                AccountInfo {
                    nonce,
                    code_hash: code.hash_slow(),
                    code: Some(code),
                    ..Default::default()
                },
            );
        };
        put_code(CREATE2_FACTORY, CREATE2_FACTORY_CODE, 1);
        put_code(STYLUS_DEPLOYER, INVALID_OPCODE_CODE, 1);
        put_code(ARB_WASM, INVALID_OPCODE_CODE, 1);
        put_code(ARB_WASM_CACHE, INVALID_OPCODE_CODE, 1);
        put_code(ARBOS_STATE, &[], 1);
        Self {
            db,
            runtime: Arc::new(StylusRuntime::new()),
            config,
            block_number: 1,
            timestamp: 1_700_000_000,
        }
    }

    /// Settings.
    pub fn config(&self) -> &NodeConfig {
        &self.config
    }

    /// The state (clone it for a snapshot).
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Replaces the state (restore a snapshot).
    pub fn set_db(&mut self, db: Db) {
        self.db = db;
    }

    /// The shared Stylus runtime (module cache).
    pub fn runtime(&self) -> &StylusRuntime {
        &self.runtime
    }

    /// Current block number and timestamp.
    pub fn block(&self) -> (u64, u64) {
        (self.block_number, self.timestamp)
    }

    /// Moves to the next block (`seconds` later).
    pub fn advance_block(&mut self, seconds: u64) {
        self.block_number += 1;
        self.timestamp += seconds;
    }

    /// Balance of `a`.
    pub fn balance(&self, a: Address) -> U256 {
        self.db
            .cache
            .accounts
            .get(&a)
            .map(|x| x.info.balance)
            .unwrap_or_default()
    }

    /// Nonce of `a`.
    pub fn nonce(&self, a: Address) -> u64 {
        self.db
            .cache
            .accounts
            .get(&a)
            .map(|x| x.info.nonce)
            .unwrap_or_default()
    }

    /// Code of `a`.
    pub fn code(&self, a: Address) -> Bytes {
        self.db
            .cache
            .accounts
            .get(&a)
            .and_then(|x| x.info.code.as_ref())
            .map(|c| c.original_bytes())
            .unwrap_or_default()
    }

    /// Storage slot `slot` of `a`.
    pub fn storage(&self, a: Address, slot: U256) -> U256 {
        self.db
            .cache
            .accounts
            .get(&a)
            .and_then(|x| x.storage.get(&slot).copied())
            .unwrap_or_default()
    }

    /// Sets a balance (test helper, like `anvil_setBalance`).
    pub fn set_balance(&mut self, a: Address, balance: U256) {
        let mut info = self
            .db
            .cache
            .accounts
            .get(&a)
            .map(|x| x.info.clone())
            .unwrap_or_default();
        info.balance = balance;
        self.db.insert_account_info(a, info);
    }

    /// Runs `tx` and commits its effects.
    ///
    /// # Errors
    /// The tx is invalid (nonce, funds, gas limit): nothing changed.
    pub fn transact(&mut self, tx: Tx) -> Result<Receipt, TxError> {
        self.execute(tx, true)
    }

    /// Runs `tx` against the current state and discards its effects
    /// (`eth_call`: nonce not checked; without a gas price the call is free,
    /// so senders need no funds, and the base fee reads as 0).
    ///
    /// # Errors
    /// As [`Self::transact`].
    pub fn call(&mut self, tx: Tx) -> Result<Receipt, TxError> {
        self.execute(tx, false)
    }

    fn execute(&mut self, tx: Tx, commit: bool) -> Result<Receipt, TxError> {
        let nonce = tx.nonce.unwrap_or_else(|| self.nonce(tx.from));
        // eth_call semantics: without a gas price a call is free (geth's
        // NoBaseFee), so any sender can call; BASEFEE then reads 0.
        let free_call = !commit && tx.gas_price.is_none();
        let base_fee = if free_call { 0 } else { self.config.base_fee };
        let tx_env = TxEnv {
            tx_type: 0,
            caller: tx.from,
            gas_limit: tx.gas_limit.unwrap_or(30_000_000),
            gas_price: tx.gas_price.unwrap_or(u128::from(base_fee)),
            kind: match tx.to {
                Some(a) => TxKind::Call(a),
                None => TxKind::Create,
            },
            value: tx.value,
            data: tx.data,
            nonce,
            chain_id: Some(self.config.chain_id),
            ..Default::default()
        };
        let block = BlockEnv {
            number: U256::from(self.block_number),
            beneficiary: address!("A4B000000000000000000073657175656e636572"),
            timestamp: U256::from(self.timestamp),
            gas_limit: self.config.block_gas_limit,
            basefee: base_fee,
            prevrandao: Some(B256::with_last_byte(1)),
            ..Default::default()
        };
        let mut cfg = CfgEnv::new_with_spec(SpecId::PRAGUE);
        cfg.chain_id = self.config.chain_id;
        if !commit {
            cfg.disable_nonce_check = true;
        }
        let cache_all = self.config.cache_all_programs;
        let runtime = &*self.runtime;
        let db = &mut self.db;
        if self.config.stack_size == 0 {
            // The caller already runs on a large enough stack.
            return run_tx(db, runtime, cfg, block, tx_env, cache_all, commit);
        }
        std::thread::scope(|s| {
            std::thread::Builder::new()
                .name("devnode-exec".into())
                .stack_size(self.config.stack_size)
                .spawn_scoped(s, move || {
                    run_tx(db, runtime, cfg, block, tx_env, cache_all, commit)
                })
                .expect("spawn execution thread")
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
        })
    }
}

fn run_tx(
    db: &mut Db,
    runtime: &StylusRuntime,
    cfg: CfgEnv,
    block: BlockEnv,
    tx: TxEnv,
    cache_all: bool,
    commit: bool,
) -> Result<Receipt, TxError> {
    let ctx: DevCtx<'_> = <DevCtx<'_>>::new(&mut *db, SpecId::PRAGUE)
        .with_cfg(cfg)
        .with_block(block)
        .with_tx(tx);
    let mut evm = DevEvm::new(ctx, runtime, cache_all);
    let mut handler = MainnetHandler::<_, EVMError<Infallible>, _>::default();
    let result = handler.run(&mut evm);
    let state = evm.inner.ctx.journal_mut().finalize();
    let console = core::mem::take(&mut evm.console);
    let failures = core::mem::take(&mut evm.failures);
    drop(evm);
    let result = result.map_err(|e| TxError(e.to_string()))?;
    if commit {
        db.commit(state);
    }
    let failure_text = || {
        (!failures.is_empty()).then(|| {
            failures
                .iter()
                .map(|f| {
                    format!(
                        "stylus program {} at depth {}: {}",
                        f.address, f.depth, f.reason
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let mut receipt = Receipt {
        console,
        stylus_failures: failures.clone(),
        ..Receipt::default()
    };
    receipt.gas_used = result.tx_gas_used();
    match result {
        ExecutionResult::Success { logs, output, .. } => {
            receipt.status = true;
            receipt.logs = logs;
            match output {
                Output::Call(b) => receipt.output = b,
                Output::Create(b, a) => {
                    receipt.output = b;
                    receipt.contract_address = a;
                }
            }
        }
        ExecutionResult::Revert { output, .. } => {
            receipt.reason = failure_text().or_else(|| Some("execution reverted".into()));
            receipt.output = output;
        }
        ExecutionResult::Halt { reason, .. } => {
            let mut text = format!("halted: {reason:?}");
            if let Some(f) = failure_text() {
                text = format!("{text}; {f}");
            }
            receipt.reason = Some(text);
        }
    }
    Ok(receipt)
}
