//! Conversions between the chain's stored data and the JSON-RPC types
//! (alloy's `rpc-types-eth`, which is what alloy and Foundry clients parse).

use alloy::consensus::transaction::Recovered;
use alloy::consensus::Transaction as _;
use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::primitives::{Address, TxKind, U256};
use alloy::rpc::types::{
    Block, BlockTransactions, Header, Log, Transaction, TransactionReceipt, TransactionRequest,
};

use crate::chain::{filters, BlockRef, StoredBlock};
use crate::executor::TxInput;

/// A block id as the chain understands it. `safe` and `finalized` are the
/// latest block: a single-node dev chain finalises at once.
pub fn block_ref(id: Option<BlockId>) -> BlockRef {
    match id {
        None => BlockRef::Latest,
        Some(BlockId::Hash(h)) => BlockRef::Hash(h.block_hash),
        Some(BlockId::Number(n)) => number_ref(n),
    }
}

/// A block number or tag as the chain understands it.
pub fn number_ref(n: BlockNumberOrTag) -> BlockRef {
    match n {
        BlockNumberOrTag::Latest | BlockNumberOrTag::Safe | BlockNumberOrTag::Finalized => {
            BlockRef::Latest
        }
        BlockNumberOrTag::Pending => BlockRef::Pending,
        BlockNumberOrTag::Earliest => BlockRef::Earliest,
        BlockNumberOrTag::Number(n) => BlockRef::Number(n),
    }
}

/// Transaction `index` of `block` as served by `eth_getTransactionByHash`.
pub fn rpc_transaction(block: &StoredBlock, index: usize) -> Transaction {
    let tx = &block.txs[index];
    Transaction {
        inner: Recovered::new_unchecked(tx.envelope.clone(), tx.from),
        block_hash: Some(block.hash),
        block_number: Some(block.header.number),
        transaction_index: Some(index as u64),
        effective_gas_price: Some(block.receipts[index].effective_gas_price),
        block_timestamp: Some(block.header.timestamp),
    }
}

/// A pending transaction (not yet in a block).
pub fn rpc_pending_transaction(tx: &crate::chain::StoredTx) -> Transaction {
    Transaction {
        inner: Recovered::new_unchecked(tx.envelope.clone(), tx.from),
        block_hash: None,
        block_number: None,
        transaction_index: None,
        effective_gas_price: None,
        block_timestamp: None,
    }
}

/// Receipt of transaction `index` of `block`.
pub fn rpc_receipt(block: &StoredBlock, index: usize) -> TransactionReceipt {
    let tx = &block.txs[index];
    let receipt = &block.receipts[index];
    let first_log: usize = block.receipts[..index].iter().map(|r| r.logs.len()).sum();
    let logs: Vec<Log> = receipt
        .logs
        .iter()
        .enumerate()
        .map(|(i, log)| {
            filters::rpc_log(
                block,
                tx.hash,
                index as u64,
                (first_log + i) as u64,
                log.clone(),
            )
        })
        .collect();
    TransactionReceipt {
        inner: receipt.envelope(logs),
        transaction_hash: tx.hash,
        transaction_index: Some(index as u64),
        block_hash: Some(block.hash),
        block_number: Some(block.header.number),
        gas_used: receipt.gas_used,
        effective_gas_price: receipt.effective_gas_price,
        blob_gas_used: None,
        blob_gas_price: None,
        from: tx.from,
        to: tx.envelope.to(),
        contract_address: receipt.contract_address,
    }
}

/// A block as served by `eth_getBlockBy*`, with hashes or full
/// transactions.
pub fn rpc_block(block: &StoredBlock, full: bool) -> Block {
    let transactions = if full {
        BlockTransactions::Full(
            (0..block.txs.len())
                .map(|i| rpc_transaction(block, i))
                .collect(),
        )
    } else {
        BlockTransactions::Hashes(block.txs.iter().map(|t| t.hash).collect())
    };
    let size = alloy::rlp::encode(&block.header).len()
        + block
            .txs
            .iter()
            .map(|t| alloy::eips::eip2718::Encodable2718::encode_2718_len(&t.envelope))
            .sum::<usize>();
    Block {
        header: Header {
            hash: block.hash,
            inner: block.header.clone(),
            total_difficulty: Some(U256::ZERO),
            size: Some(U256::from(size)),
        },
        uncles: vec![],
        transactions,
        withdrawals: None,
    }
}

/// The engine's view of a call request (`eth_call`, `eth_estimateGas`).
/// Missing fields get geth's defaults: sender zero, gas the block limit
/// (filled by the chain), price zero.
pub fn call_input(req: &TransactionRequest, block_gas_limit: u64) -> TxInput {
    TxInput {
        from: req.from.unwrap_or(Address::ZERO),
        to: match req.to {
            Some(TxKind::Call(a)) => Some(a),
            _ => None,
        },
        value: req.value.unwrap_or_default(),
        input: req.input.input().cloned().unwrap_or_default(),
        gas_limit: req.gas.unwrap_or(block_gas_limit),
        max_fee_per_gas: req.max_fee_per_gas.or(req.gas_price).unwrap_or(0),
        max_priority_fee_per_gas: req.max_priority_fee_per_gas,
        nonce: None,
        access_list: req
            .access_list
            .as_ref()
            .map(|l| {
                l.iter()
                    .map(|i| (i.address, i.storage_keys.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Whether a stored transaction's envelope is a contract creation.
pub fn is_create(tx: &crate::chain::StoredTx) -> bool {
    tx.envelope.to().is_none()
}
