//! The chain: blocks on top of an [`Executor`]. Automine by default (one
//! block per transaction, sealed at once), or interval mining where
//! transactions wait in a small pending pool until the next block. Keeps
//! every block, transaction and receipt in memory, the state of recent
//! blocks for historical reads, and snapshots for `evm_snapshot`.

pub mod block;
pub mod filters;

use std::collections::{HashMap, VecDeque};

use alloy::consensus::transaction::SignerRecoverable;
use alloy::consensus::{Transaction as _, TxEnvelope};
use alloy::eips::eip2718::Encodable2718;
use alloy::primitives::{Address, Bytes, B256, U256};

pub use block::{StoredBlock, StoredReceipt, StoredTx};

use crate::executor::{BlockContext, Execution, Executor, Mode, TxInput, TxRejected};
use block::HeaderFields;

/// How the chain is set up.
#[derive(Debug, Clone)]
pub struct ChainConfig {
    /// Chain id (412346 is Arbitrum's local dev chain id).
    pub chain_id: u64,
    /// Gas limit of every block.
    pub block_gas_limit: u64,
    /// Base fee of the genesis block, wei.
    pub base_fee: u64,
    /// Whether the base fee follows the EIP-1559 update rule (target = half
    /// the gas limit, change at most 1/8 per block). Off: constant, as on
    /// an Arbitrum chain that is not congested.
    pub eip1559_base_fee: bool,
    /// Timestamp of the genesis block.
    pub genesis_timestamp: u64,
    /// Recent blocks whose state is kept for historical reads.
    pub state_history: usize,
    /// Fee recipient of every block.
    pub coinbase: Address,
}

impl Default for ChainConfig {
    fn default() -> Self {
        Self {
            chain_id: 412_346,
            block_gas_limit: 32_000_000,
            base_fee: 100_000_000,
            eip1559_base_fee: false,
            genesis_timestamp: now(),
            state_history: 64,
            coinbase: Address::ZERO,
        }
    }
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Which block a read refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRef {
    /// The newest sealed block.
    Latest,
    /// The block being built (same state as latest plus pending txs).
    Pending,
    /// The genesis block.
    Earliest,
    /// A block by number.
    Number(u64),
    /// A block by hash.
    Hash(B256),
}

/// Errors of chain operations, mapped to JSON-RPC errors by the RPC layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainError {
    /// The transaction cannot be included.
    Rejected(TxRejected),
    /// The transaction's chain id is not this chain's.
    WrongChainId {
        /// This chain's id.
        expected: u64,
        /// The transaction's.
        got: u64,
    },
    /// The signature does not recover to an address.
    BadSignature(String),
    /// A transaction with this hash is already known.
    AlreadyKnown(B256),
    /// The block does not exist.
    UnknownBlock(String),
    /// The state of that block is no longer kept.
    StateUnavailable(u64),
    /// The call or estimate reverted.
    Reverted(Bytes),
    /// The call or estimate failed without REVERT (out of gas, trap, ...).
    Halted(String),
    /// `eth_sendTransaction` from an account the node holds no key for.
    UnknownAccount(Address),
    /// No snapshot with this id.
    UnknownSnapshot(U256),
}

impl std::fmt::Display for ChainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Rejected(r) => write!(f, "{r}"),
            Self::WrongChainId { expected, got } => {
                write!(f, "invalid chain id: expected {expected}, got {got}")
            }
            Self::BadSignature(e) => write!(f, "invalid transaction signature: {e}"),
            Self::AlreadyKnown(h) => write!(f, "already known: {h}"),
            Self::UnknownBlock(b) => write!(f, "unknown block: {b}"),
            Self::StateUnavailable(n) => write!(
                f,
                "state of block {n} is not available (only recent blocks are kept)"
            ),
            Self::Reverted(_) => f.write_str("execution reverted"),
            Self::Halted(r) => write!(f, "execution failed: {r}"),
            Self::UnknownAccount(a) => write!(f, "unknown account {a}: no key held by the node"),
            Self::UnknownSnapshot(id) => write!(f, "unknown snapshot id {id}"),
        }
    }
}

impl std::error::Error for ChainError {}

/// A pending transaction waiting for the next block (interval mining).
#[derive(Debug, Clone)]
struct PendingTx {
    tx: StoredTx,
    input: TxInput,
}

/// Everything `evm_snapshot` saves.
struct ChainSnapshot<S> {
    state: S,
    blocks: usize,
    time_offset: i64,
    pending: Vec<PendingTx>,
}

/// The dev chain.
pub struct Chain<E: Executor> {
    engine: E,
    config: ChainConfig,
    blocks: Vec<StoredBlock>,
    /// tx hash -> (block number, index in block).
    tx_index: HashMap<B256, (u64, usize)>,
    pending: Vec<PendingTx>,
    /// State after each recent block, newest last.
    history: VecDeque<(u64, E::Snapshot)>,
    snapshots: HashMap<U256, ChainSnapshot<E::Snapshot>>,
    next_snapshot: U256,
    /// Seconds added to the wall clock (`evm_increaseTime`).
    time_offset: i64,
    /// Timestamp forced for the next block (`evm_setNextBlockTimestamp`).
    next_timestamp: Option<u64>,
    /// Whether each transaction is mined at once.
    automine: bool,
    /// Filters for `eth_newFilter` and friends.
    pub filters: filters::Filters,
}

impl<E: Executor> Chain<E> {
    /// A chain whose genesis state is `engine`'s current state.
    pub fn new(engine: E, config: ChainConfig) -> Self {
        let genesis = block::seal(
            HeaderFields {
                parent_hash: B256::ZERO,
                number: 0,
                timestamp: config.genesis_timestamp,
                gas_limit: config.block_gas_limit,
                base_fee: config.base_fee,
                coinbase: config.coinbase,
                mix_hash: B256::ZERO,
            },
            vec![],
            vec![],
        );
        let mut chain = Self {
            engine,
            config,
            blocks: vec![],
            tx_index: HashMap::new(),
            pending: vec![],
            history: VecDeque::new(),
            snapshots: HashMap::new(),
            next_snapshot: U256::from(1),
            time_offset: 0,
            next_timestamp: None,
            automine: true,
            filters: filters::Filters::default(),
        };
        chain.push_block(genesis);
        chain
    }

    /// The configuration.
    pub fn config(&self) -> &ChainConfig {
        &self.config
    }

    /// The engine, for reads the chain does not wrap.
    pub fn engine(&self) -> &E {
        &self.engine
    }

    /// Mutable engine access (dev helpers that edit state).
    pub fn engine_mut(&mut self) -> &mut E {
        &mut self.engine
    }

    /// Turns automine on or off (interval mining turns it off).
    pub fn set_automine(&mut self, on: bool) {
        self.automine = on;
    }

    /// Whether each transaction is mined at once.
    pub fn automine(&self) -> bool {
        self.automine
    }

    /// Number of the newest sealed block.
    pub fn head_number(&self) -> u64 {
        self.blocks.len() as u64 - 1
    }

    /// The newest sealed block.
    pub fn head(&self) -> &StoredBlock {
        self.blocks.last().expect("genesis always exists")
    }

    /// Base fee the next block will have.
    pub fn next_base_fee(&self) -> u64 {
        let head = &self.head().header;
        let base = head.base_fee_per_gas.unwrap_or(self.config.base_fee);
        if !self.config.eip1559_base_fee {
            return base;
        }
        let target = head.gas_limit / 2;
        if target == 0 || head.gas_used == target {
            return base;
        }
        if head.gas_used > target {
            let delta =
                (base as u128 * (head.gas_used - target) as u128 / target as u128 / 8).max(1);
            base.saturating_add(delta as u64)
        } else {
            let delta = base as u128 * (target - head.gas_used) as u128 / target as u128 / 8;
            base.saturating_sub(delta as u64)
        }
    }

    fn next_context(&self) -> BlockContext {
        let head = self.head();
        let wall = (now() as i64 + self.time_offset).max(0) as u64;
        let timestamp = self
            .next_timestamp
            .unwrap_or(wall)
            .max(head.header.timestamp + 1);
        BlockContext {
            number: head.header.number + 1,
            timestamp,
            base_fee: self.next_base_fee(),
            gas_limit: self.config.block_gas_limit,
            coinbase: self.config.coinbase,
            prevrandao: alloy::primitives::keccak256(head.hash),
            chain_id: self.config.chain_id,
        }
    }

    fn context_of(&self, block: &StoredBlock) -> BlockContext {
        BlockContext {
            number: block.header.number,
            timestamp: block.header.timestamp,
            base_fee: block.header.base_fee_per_gas.unwrap_or(0),
            gas_limit: block.header.gas_limit,
            coinbase: block.header.beneficiary,
            prevrandao: block.header.mix_hash,
            chain_id: self.config.chain_id,
        }
    }

    fn push_block(&mut self, block: StoredBlock) {
        let number = block.header.number;
        for (i, tx) in block.txs.iter().enumerate() {
            self.tx_index.insert(tx.hash, (number, i));
        }
        self.blocks.push(block);
        self.history.push_back((number, self.engine.snapshot()));
        while self.history.len() > self.config.state_history.max(1) {
            self.history.pop_front();
        }
    }

    /// Decodes the sender and checks the chain id of a signed transaction.
    ///
    /// # Errors
    /// Bad signature or foreign chain id.
    pub fn recover(&self, envelope: &TxEnvelope) -> Result<Address, ChainError> {
        if let Some(id) = envelope.chain_id() {
            if id != self.config.chain_id {
                return Err(ChainError::WrongChainId {
                    expected: self.config.chain_id,
                    got: id,
                });
            }
        }
        envelope
            .recover_signer()
            .map_err(|e| ChainError::BadSignature(e.to_string()))
    }

    /// Accepts a signed transaction: mines it at once under automine,
    /// otherwise queues it for the next block. Returns its hash.
    ///
    /// # Errors
    /// Signature, chain id, nonce, funds, gas checks; a duplicate.
    pub fn submit(&mut self, envelope: TxEnvelope) -> Result<B256, ChainError> {
        let from = self.recover(&envelope)?;
        let hash = *envelope.tx_hash();
        if self.tx_index.contains_key(&hash) || self.pending.iter().any(|p| p.tx.hash == hash) {
            return Err(ChainError::AlreadyKnown(hash));
        }
        let input = tx_input(&envelope, from);
        let expected = self.next_nonce(from);
        let got = envelope.nonce();
        if got < expected {
            return Err(ChainError::Rejected(TxRejected::NonceTooLow {
                expected,
                got,
            }));
        }
        if got > expected {
            return Err(ChainError::Rejected(TxRejected::NonceTooHigh {
                expected,
                got,
            }));
        }
        let tx = StoredTx {
            envelope,
            from,
            hash,
        };
        if self.automine {
            let ctx = self.next_context();
            // Validate before sealing: a rejected tx must not produce a block.
            let exec = self
                .engine
                .execute(&ctx, &input, Mode::Commit)
                .map_err(ChainError::Rejected)?;
            self.seal_block(ctx, vec![(tx, input, exec)]);
        } else {
            self.pending.push(PendingTx { tx, input });
        }
        Ok(hash)
    }

    /// Seals a block with the pending transactions (empty if none). Returns
    /// the new block number. Pending transactions that became invalid are
    /// dropped.
    pub fn mine(&mut self) -> u64 {
        let ctx = self.next_context();
        let pending = std::mem::take(&mut self.pending);
        let mut included = Vec::new();
        let mut gas = 0u64;
        for p in pending {
            if gas + p.input.gas_limit > ctx.gas_limit {
                self.pending.push(p);
                continue;
            }
            if let Ok(exec) = self.engine.execute(&ctx, &p.input, Mode::Commit) {
                gas += exec.gas_used;
                included.push((p.tx, p.input, exec));
            }
        }
        self.seal_block(ctx, included);
        self.head_number()
    }

    fn seal_block(&mut self, ctx: BlockContext, txs: Vec<(StoredTx, TxInput, Execution)>) {
        let mut cumulative = 0u64;
        let mut stored_txs = Vec::with_capacity(txs.len());
        let mut receipts = Vec::with_capacity(txs.len());
        for (tx, input, exec) in txs {
            cumulative += exec.gas_used;
            let price = effective_gas_price(&input, ctx.base_fee);
            receipts.push(StoredReceipt {
                success: exec.success,
                gas_used: exec.gas_used,
                cumulative_gas_used: cumulative,
                logs: exec.logs,
                contract_address: exec.contract_address,
                effective_gas_price: price,
                output: exec.output,
                tx_type: tx.envelope.tx_type(),
            });
            stored_txs.push(tx);
        }
        let block = block::seal(
            HeaderFields {
                parent_hash: self.head().hash,
                number: ctx.number,
                timestamp: ctx.timestamp,
                gas_limit: ctx.gas_limit,
                base_fee: ctx.base_fee,
                coinbase: ctx.coinbase,
                mix_hash: ctx.prevrandao,
            },
            stored_txs,
            receipts,
        );
        self.next_timestamp = None;
        self.push_block(block);
    }

    /// Resolves a block reference to a sealed block.
    ///
    /// # Errors
    /// The block does not exist.
    pub fn block(&self, r: BlockRef) -> Result<&StoredBlock, ChainError> {
        match r {
            BlockRef::Latest | BlockRef::Pending => Ok(self.head()),
            BlockRef::Earliest => Ok(&self.blocks[0]),
            BlockRef::Number(n) => self
                .blocks
                .get(n as usize)
                .ok_or_else(|| ChainError::UnknownBlock(format!("number {n}"))),
            BlockRef::Hash(h) => self
                .blocks
                .iter()
                .rev()
                .find(|b| b.hash == h)
                .ok_or_else(|| ChainError::UnknownBlock(format!("hash {h}"))),
        }
    }

    /// All sealed blocks, genesis first.
    pub fn blocks(&self) -> &[StoredBlock] {
        &self.blocks
    }

    /// A mined transaction with its block and index.
    pub fn transaction(&self, hash: B256) -> Option<(&StoredBlock, usize)> {
        let (number, index) = *self.tx_index.get(&hash)?;
        Some((&self.blocks[number as usize], index))
    }

    /// A pending (not yet mined) transaction.
    pub fn pending_transaction(&self, hash: B256) -> Option<&StoredTx> {
        self.pending.iter().map(|p| &p.tx).find(|t| t.hash == hash)
    }

    /// Runs `f` against the state at `r` (current state for latest/pending,
    /// a kept copy for older blocks).
    ///
    /// # Errors
    /// Unknown block, or its state is no longer kept.
    pub fn with_state_at<T>(
        &mut self,
        r: BlockRef,
        f: impl FnOnce(&mut E, BlockContext) -> T,
    ) -> Result<T, ChainError> {
        let (number, ctx) = match r {
            BlockRef::Latest | BlockRef::Pending => {
                let ctx = self.next_context();
                return Ok(f(&mut self.engine, ctx));
            }
            other => {
                let block = self.block(other)?;
                (block.header.number, self.context_of(block))
            }
        };
        if number == self.head_number() {
            return Ok(f(&mut self.engine, ctx));
        }
        let state = self
            .history
            .iter()
            .find(|(n, _)| *n == number)
            .map(|(_, s)| s.clone())
            .ok_or(ChainError::StateUnavailable(number))?;
        let current = self.engine.snapshot();
        self.engine.restore(state);
        let out = f(&mut self.engine, ctx);
        self.engine.restore(current);
        Ok(out)
    }

    /// `eth_call`: runs `tx` without keeping anything.
    ///
    /// # Errors
    /// Reverted (with data), halted, unknown block.
    pub fn call(&mut self, tx: &TxInput, at: BlockRef) -> Result<Execution, ChainError> {
        let exec = self.with_state_at(at, |engine, ctx| {
            let mut ctx = ctx;
            if at != BlockRef::Latest && at != BlockRef::Pending {
                // Calls at a mined block run "on top of" it, as geth does.
                ctx.number += 1;
            }
            engine.execute(&ctx, tx, Mode::Simulate)
        })?;
        call_outcome(exec)
    }

    /// `eth_call` with state overrides applied on a throw-away copy.
    ///
    /// # Errors
    /// As [`Chain::call`].
    pub fn call_with_overrides(
        &mut self,
        tx: &TxInput,
        at: BlockRef,
        apply: impl FnOnce(&mut E),
    ) -> Result<Execution, ChainError> {
        let saved = self.engine.snapshot();
        // Overrides apply to the state read by the call; for historical
        // blocks that state is swapped in by with_state_at, so apply inside.
        let result = self.with_state_at(at, |engine, ctx| {
            apply(engine);
            engine.execute(&ctx, tx, Mode::Simulate)
        });
        self.engine.restore(saved);
        call_outcome(result?)
    }

    /// `eth_estimateGas`: the smallest gas limit with which `tx` succeeds,
    /// found by binary search between the gas it used and the block limit.
    ///
    /// # Errors
    /// The call fails even with the block gas limit.
    pub fn estimate_gas(&mut self, tx: &TxInput, at: BlockRef) -> Result<u64, ChainError> {
        let cap = if tx.gas_limit == 0 {
            self.config.block_gas_limit
        } else {
            tx.gas_limit
        };
        let mut probe = tx.clone();
        probe.gas_limit = cap;
        let first = self.call(&probe, at)?;
        let mut lo = first.gas_used.saturating_sub(1);
        let mut hi = cap;
        // Gas refunds and the 63/64 rule make the minimum limit exceed the
        // gas used; search for it.
        while lo + 1 < hi {
            let mid = lo + (hi - lo) / 2;
            probe.gas_limit = mid;
            match self.call(&probe, at) {
                Ok(_) => hi = mid,
                Err(_) => lo = mid,
            }
        }
        Ok(hi)
    }

    /// Saves the whole chain (state, blocks, clock) and returns the id.
    pub fn snapshot(&mut self) -> U256 {
        let id = self.next_snapshot;
        self.next_snapshot += U256::from(1);
        self.snapshots.insert(
            id,
            ChainSnapshot {
                state: self.engine.snapshot(),
                blocks: self.blocks.len(),
                time_offset: self.time_offset,
                pending: self.pending.clone(),
            },
        );
        id
    }

    /// Returns to snapshot `id`; it and every later snapshot are dropped,
    /// as in Ganache and anvil.
    ///
    /// # Errors
    /// No such snapshot.
    pub fn revert_to(&mut self, id: U256) -> Result<(), ChainError> {
        let snap = self
            .snapshots
            .remove(&id)
            .ok_or(ChainError::UnknownSnapshot(id))?;
        self.snapshots.retain(|k, _| *k < id);
        for block in self.blocks.drain(snap.blocks..) {
            for tx in &block.txs {
                self.tx_index.remove(&tx.hash);
            }
        }
        let head = self.head_number();
        self.history.retain(|(n, _)| *n <= head);
        self.engine.restore(snap.state);
        self.time_offset = snap.time_offset;
        self.pending = snap.pending;
        Ok(())
    }

    /// Moves the clock forward by `seconds`; returns the total offset.
    pub fn increase_time(&mut self, seconds: i64) -> i64 {
        self.time_offset += seconds;
        self.time_offset
    }

    /// Forces the timestamp of the next block.
    pub fn set_next_timestamp(&mut self, timestamp: u64) {
        self.next_timestamp = Some(timestamp);
    }

    /// Number of pending transactions.
    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// Next nonce of `address`, counting pending transactions.
    pub fn next_nonce(&self, address: Address) -> u64 {
        self.engine.nonce(address)
            + self.pending.iter().filter(|p| p.tx.from == address).count() as u64
    }
}

/// A simulated call's result: its output, or why it failed.
fn call_outcome(exec: Result<Execution, TxRejected>) -> Result<Execution, ChainError> {
    let exec = exec.map_err(ChainError::Rejected)?;
    if exec.success {
        Ok(exec)
    } else if let Some(reason) = exec.halt_reason {
        Err(ChainError::Halted(reason))
    } else {
        Err(ChainError::Reverted(exec.output))
    }
}

/// The engine's view of a signed transaction.
pub fn tx_input(envelope: &TxEnvelope, from: Address) -> TxInput {
    let access_list = envelope
        .access_list()
        .map(|list| {
            list.iter()
                .map(|item| (item.address, item.storage_keys.clone()))
                .collect()
        })
        .unwrap_or_default();
    TxInput {
        from,
        to: envelope.to(),
        value: envelope.value(),
        input: envelope.input().clone(),
        gas_limit: envelope.gas_limit(),
        max_fee_per_gas: envelope.max_fee_per_gas(),
        max_priority_fee_per_gas: envelope.max_priority_fee_per_gas(),
        nonce: Some(envelope.nonce()),
        access_list,
    }
}

/// Price per gas a transaction pays in a block with `base_fee`.
pub fn effective_gas_price(tx: &TxInput, base_fee: u64) -> u128 {
    match tx.max_priority_fee_per_gas {
        Some(tip) => tx.max_fee_per_gas.min(base_fee as u128 + tip),
        None => tx.max_fee_per_gas,
    }
}

/// Raw bytes of a signed transaction (EIP-2718 encoding).
pub fn raw_transaction(envelope: &TxEnvelope) -> Bytes {
    envelope.encoded_2718().into()
}
