//! Log queries (`eth_getLogs`) and polling filters (`eth_newFilter`,
//! `eth_newBlockFilter`, `eth_getFilterChanges`, `eth_uninstallFilter`).

use std::collections::HashMap;

use alloy::primitives::{B256, U256};
use alloy::rpc::types::{Filter, Log};

use super::StoredBlock;

/// Most blocks one `eth_getLogs` may scan, so one request cannot pin the
/// node (geth and most providers cap ranges too).
pub const MAX_LOG_RANGE: u64 = 100_000;

/// Logs of `blocks[from..=to]` matching `filter`, with their positions.
pub fn matching_logs(blocks: &[StoredBlock], filter: &Filter, from: u64, to: u64) -> Vec<Log> {
    let mut out = Vec::new();
    let end = to.min(blocks.len().saturating_sub(1) as u64);
    if from > end {
        return out;
    }
    for block in &blocks[from as usize..=end as usize] {
        append_block_logs(block, filter, &mut out);
    }
    out
}

/// Appends the logs of one block that match `filter`.
pub fn append_block_logs(block: &StoredBlock, filter: &Filter, out: &mut Vec<Log>) {
    if !filter.matches_bloom(block.header.logs_bloom) {
        return;
    }
    let mut log_index = 0u64;
    for (tx_index, (tx, receipt)) in block.txs.iter().zip(&block.receipts).enumerate() {
        for log in &receipt.logs {
            if filter.matches_address(log.address) && filter.matches_topics(log.topics()) {
                out.push(rpc_log(
                    block,
                    tx.hash,
                    tx_index as u64,
                    log_index,
                    log.clone(),
                ));
            }
            log_index += 1;
        }
    }
}

/// A log as served over RPC, with its position in the chain.
pub fn rpc_log(
    block: &StoredBlock,
    tx_hash: B256,
    tx_index: u64,
    log_index: u64,
    log: alloy::primitives::Log,
) -> Log {
    Log {
        inner: log,
        block_hash: Some(block.hash),
        block_number: Some(block.header.number),
        block_timestamp: Some(block.header.timestamp),
        transaction_hash: Some(tx_hash),
        transaction_index: Some(tx_index),
        log_index: Some(log_index),
        removed: false,
    }
}

/// What a polling filter watches.
#[derive(Debug, Clone)]
pub enum FilterKind {
    /// Logs matching a filter.
    Logs(Box<Filter>),
    /// New block hashes.
    Blocks,
    /// New pending transactions (always empty under automine).
    PendingTransactions,
}

/// One installed filter.
#[derive(Debug, Clone)]
pub struct InstalledFilter {
    /// What it watches.
    pub kind: FilterKind,
    /// First block not yet reported.
    pub next_block: u64,
}

/// Installed filters by id.
#[derive(Debug, Default)]
pub struct Filters {
    filters: HashMap<U256, InstalledFilter>,
    next_id: u64,
}

/// Most filters installed at once; older ones must be uninstalled first.
pub const MAX_FILTERS: usize = 1_024;

impl Filters {
    /// Installs a filter starting at block `next_block`; `None` when too
    /// many are installed.
    pub fn install(&mut self, kind: FilterKind, next_block: u64) -> Option<U256> {
        if self.filters.len() >= MAX_FILTERS {
            return None;
        }
        self.next_id += 1;
        let id = U256::from(self.next_id);
        self.filters
            .insert(id, InstalledFilter { kind, next_block });
        Some(id)
    }

    /// Removes a filter; whether it existed.
    pub fn uninstall(&mut self, id: U256) -> bool {
        self.filters.remove(&id).is_some()
    }

    /// The filter with this id.
    pub fn get_mut(&mut self, id: U256) -> Option<&mut InstalledFilter> {
        self.filters.get_mut(&id)
    }
}
