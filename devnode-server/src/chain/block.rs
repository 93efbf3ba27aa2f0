//! Stored blocks, transactions and receipts, and how a block's header is
//! sealed from them.

use alloy::consensus::{
    proofs, Eip658Value, Header, Receipt, ReceiptEnvelope, ReceiptWithBloom, TxEnvelope, TxType,
    EMPTY_OMMER_ROOT_HASH,
};
use alloy::primitives::{Address, Bloom, Bytes, Log, B256, B64};

/// A transaction as included in a block.
#[derive(Debug, Clone)]
pub struct StoredTx {
    /// The signed transaction.
    pub envelope: TxEnvelope,
    /// Recovered sender.
    pub from: Address,
    /// Its hash.
    pub hash: B256,
}

/// A transaction's receipt, with what the RPC layer needs beyond the
/// consensus receipt.
#[derive(Debug, Clone)]
pub struct StoredReceipt {
    /// Status 1 (true) or 0.
    pub success: bool,
    /// Gas used by this transaction.
    pub gas_used: u64,
    /// Gas used by the block up to and including this transaction.
    pub cumulative_gas_used: u64,
    /// Logs emitted.
    pub logs: Vec<Log>,
    /// Created contract, for successful creates.
    pub contract_address: Option<Address>,
    /// Price actually paid per gas.
    pub effective_gas_price: u128,
    /// Return data, or revert data on failure (kept for `eth_call`-style
    /// debugging of mined transactions).
    pub output: Bytes,
    /// Transaction type (for the receipt envelope).
    pub tx_type: TxType,
}

impl StoredReceipt {
    /// The consensus receipt envelope (with bloom), as hashed into the
    /// receipts root and served by `eth_getTransactionReceipt`.
    pub fn envelope<L>(&self, logs: Vec<L>) -> ReceiptEnvelope<L> {
        let bloom = logs_bloom(self.logs.iter());
        let receipt = ReceiptWithBloom {
            receipt: Receipt {
                status: Eip658Value::Eip658(self.success),
                cumulative_gas_used: self.cumulative_gas_used,
                logs,
            },
            logs_bloom: bloom,
        };
        match self.tx_type {
            TxType::Legacy => ReceiptEnvelope::Legacy(receipt),
            TxType::Eip2930 => ReceiptEnvelope::Eip2930(receipt),
            TxType::Eip4844 => ReceiptEnvelope::Eip4844(receipt),
            TxType::Eip7702 => ReceiptEnvelope::Eip7702(receipt),
            TxType::Eip1559 => ReceiptEnvelope::Eip1559(receipt),
        }
    }
}

/// A sealed block.
#[derive(Debug, Clone)]
pub struct StoredBlock {
    /// Header; `hash` is its keccak.
    pub header: Header,
    /// `keccak256(rlp(header))`.
    pub hash: B256,
    /// Transactions in order.
    pub txs: Vec<StoredTx>,
    /// Receipts, one per transaction.
    pub receipts: Vec<StoredReceipt>,
}

/// Bloom filter over the addresses and topics of `logs`.
pub fn logs_bloom<'a>(logs: impl Iterator<Item = &'a Log>) -> Bloom {
    let mut bloom = Bloom::ZERO;
    for log in logs {
        bloom.accrue_log(log);
    }
    bloom
}

/// Inputs of a header that are not derived from the transactions.
#[derive(Debug, Clone)]
pub struct HeaderFields {
    /// Parent block hash.
    pub parent_hash: B256,
    /// Block number.
    pub number: u64,
    /// Timestamp, seconds.
    pub timestamp: u64,
    /// Block gas limit.
    pub gas_limit: u64,
    /// Base fee.
    pub base_fee: u64,
    /// Fee recipient.
    pub coinbase: Address,
    /// `mixHash` / prevrandao.
    pub mix_hash: B256,
}

/// Seals a block: roots, bloom, gas used and hash from its transactions.
///
/// `stateRoot` is not a Merkle root (the dev chain keeps no state trie); it
/// is a commitment to the block's contents so that it changes from block to
/// block, and is documented as such.
pub fn seal(fields: HeaderFields, txs: Vec<StoredTx>, receipts: Vec<StoredReceipt>) -> StoredBlock {
    let envelopes: Vec<TxEnvelope> = txs.iter().map(|t| t.envelope.clone()).collect();
    let consensus_receipts: Vec<ReceiptEnvelope<Log>> = receipts
        .iter()
        .map(|r| r.envelope(r.logs.clone()))
        .collect();
    let transactions_root = proofs::calculate_transaction_root(&envelopes);
    let receipts_root = proofs::calculate_receipt_root(&consensus_receipts);
    let logs_bloom = logs_bloom(receipts.iter().flat_map(|r| r.logs.iter()));
    let gas_used = receipts.last().map(|r| r.cumulative_gas_used).unwrap_or(0);
    let state_root = alloy::primitives::keccak256(
        [
            fields.parent_hash.as_slice(),
            transactions_root.as_slice(),
            receipts_root.as_slice(),
        ]
        .concat(),
    );
    let header = Header {
        parent_hash: fields.parent_hash,
        ommers_hash: EMPTY_OMMER_ROOT_HASH,
        beneficiary: fields.coinbase,
        state_root,
        transactions_root,
        receipts_root,
        logs_bloom,
        difficulty: Default::default(),
        number: fields.number,
        gas_limit: fields.gas_limit,
        gas_used,
        timestamp: fields.timestamp,
        extra_data: Bytes::new(),
        mix_hash: fields.mix_hash,
        nonce: B64::ZERO,
        base_fee_per_gas: Some(fields.base_fee),
        withdrawals_root: None,
        blob_gas_used: None,
        excess_blob_gas: None,
        parent_beacon_block_root: None,
        requests_hash: None,
        block_access_list_hash: None,
        slot_number: None,
    };
    let hash = header.hash_slow();
    StoredBlock {
        header,
        hash,
        txs,
        receipts,
    }
}
