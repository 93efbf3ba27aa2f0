//! A thin client over an alloy provider: send a call as one of the signers
//! the CLI holds, wait for its receipt, and turn failures into one-line
//! messages with the custom error decoded.

use alloy::network::{EthereumWallet, TransactionBuilder};
use alloy::primitives::{Address, Bytes, B256, U256};
use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use alloy::rpc::types::{TransactionReceipt, TransactionRequest};
use alloy::signers::local::PrivateKeySigner;
use alloy::sol_types::SolCall;

use crate::errors::describe_revert;

/// What a mined transaction did, for printing.
#[derive(Debug, Clone)]
pub struct Sent {
    /// Transaction hash.
    pub hash: B256,
    /// Block it was mined in.
    pub block: u64,
    /// Gas used.
    pub gas_used: u64,
    /// The full receipt (logs, created address).
    pub receipt: TransactionReceipt,
}

/// A failure, already worded for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}

impl CliError {
    /// An error with this message.
    pub fn new(msg: impl Into<String>) -> Self {
        Self(msg.into())
    }
}

/// Turns an RPC failure into a message, decoding revert data when present.
pub fn rpc_failure(what: &str, e: alloy::transports::TransportError) -> CliError {
    if let Some(resp) = e.as_error_resp() {
        if let Some(data) = resp.as_revert_data() {
            return CliError(format!("{what} reverted: {}", describe_revert(&data)));
        }
        return CliError(format!("{what} failed: {}", resp.message));
    }
    CliError(format!("{what} failed: {e}"))
}

/// Provider plus the signers the CLI may send from.
pub struct Client {
    provider: DynProvider,
    default_from: Address,
    chain_id: u64,
}

impl Client {
    /// Connects to `url` with `signers` (the first is the default sender).
    ///
    /// # Errors
    /// The URL does not parse or the chain does not answer.
    pub async fn connect(url: &str, signers: Vec<PrivateKeySigner>) -> Result<Self, CliError> {
        let parsed: alloy::transports::http::reqwest::Url = url
            .parse()
            .map_err(|e| CliError(format!("invalid RPC URL {url:?}: {e}")))?;
        let mut iter = signers.into_iter();
        let (provider, default_from) = match iter.next() {
            Some(first) => {
                let default_from = first.address();
                let mut wallet = EthereumWallet::new(first);
                for s in iter {
                    wallet.register_signer(s);
                }
                let provider = ProviderBuilder::new()
                    .wallet(wallet)
                    .connect_http(parsed.clone())
                    .erased();
                (provider, default_from)
            }
            None => (
                ProviderBuilder::new().connect_http(parsed.clone()).erased(),
                Address::ZERO,
            ),
        };
        let chain_id = provider
            .get_chain_id()
            .await
            .map_err(|e| CliError(format!("cannot reach {url}: {e}")))?;
        Ok(Self {
            provider,
            default_from,
            chain_id,
        })
    }

    /// The chain id the node reported when connecting.
    pub fn chain_id(&self) -> u64 {
        self.chain_id
    }

    /// The code at `address` (empty for accounts without code).
    ///
    /// # Errors
    /// The node does not answer.
    pub async fn code(&self, address: Address) -> Result<Bytes, CliError> {
        self.provider
            .get_code_at(address)
            .await
            .map_err(|e| rpc_failure("eth_getCode", e))
    }

    /// Timestamp of the latest block (unix seconds).
    ///
    /// # Errors
    /// The node does not answer.
    pub async fn latest_timestamp(&self) -> Result<u64, CliError> {
        let block = self
            .provider
            .get_block_by_number(alloy::eips::BlockNumberOrTag::Latest)
            .await
            .map_err(|e| rpc_failure("eth_getBlockByNumber", e))?
            .ok_or_else(|| CliError::new("the node has no latest block"))?;
        Ok(block.header.timestamp)
    }

    /// Logs of `address` with `topic0`, from genesis to the latest block.
    ///
    /// # Errors
    /// The node does not answer.
    pub async fn logs(
        &self,
        address: Address,
        topic0: B256,
    ) -> Result<Vec<alloy::rpc::types::Log>, CliError> {
        let filter = alloy::rpc::types::Filter::new()
            .address(address)
            .event_signature(topic0)
            .from_block(0u64);
        self.provider
            .get_logs(&filter)
            .await
            .map_err(|e| rpc_failure("eth_getLogs", e))
    }

    /// Sends `data` to `to` (or deploys it when `to` is `None`) from
    /// `from`, waits for the receipt, and fails unless it succeeded.
    ///
    /// # Errors
    /// The node refuses it, the estimate reverts (decoded), or it reverts
    /// when mined.
    pub async fn send(
        &self,
        what: &str,
        from: Address,
        to: Option<Address>,
        data: Vec<u8>,
        value: U256,
    ) -> Result<Sent, CliError> {
        let mut tx = TransactionRequest::default()
            .with_from(from)
            .with_input(Bytes::from(data))
            .with_value(value);
        match to {
            Some(a) => tx = tx.with_to(a),
            None => tx.set_create(),
        }
        let pending = self
            .provider
            .send_transaction(tx)
            .await
            .map_err(|e| rpc_failure(what, e))?;
        let hash = *pending.tx_hash();
        let receipt = self.wait(hash).await?;
        let sent = Sent {
            hash,
            block: receipt.block_number.unwrap_or_default(),
            gas_used: receipt.gas_used,
            receipt,
        };
        if !sent.receipt.status() {
            return Err(CliError(format!(
                "{what} reverted in transaction {hash} (block {})",
                sent.block
            )));
        }
        Ok(sent)
    }

    /// Sends an ABI call.
    ///
    /// # Errors
    /// As [`Client::send`].
    pub async fn send_call<C: SolCall>(
        &self,
        what: &str,
        from: Address,
        to: Address,
        call: C,
    ) -> Result<Sent, CliError> {
        self.send(what, from, Some(to), call.abi_encode(), U256::ZERO)
            .await
    }

    async fn wait(&self, hash: B256) -> Result<TransactionReceipt, CliError> {
        // Automining nodes answer at once; real chains need polling.
        for attempt in 0..600u32 {
            match self.provider.get_transaction_receipt(hash).await {
                Ok(Some(r)) => return Ok(r),
                Ok(None) => {
                    let ms = if attempt < 10 { 50 } else { 500 };
                    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
                }
                Err(e) => return Err(rpc_failure("waiting for the receipt", e)),
            }
        }
        Err(CliError(format!(
            "transaction {hash} was not mined within 5 minutes"
        )))
    }

    /// A read-only call from the default sender, decoded.
    ///
    /// # Errors
    /// The call reverts (decoded) or its result does not decode.
    pub async fn read<C: SolCall>(&self, to: Address, call: C) -> Result<C::Return, CliError> {
        self.read_as(self.default_from, to, call).await
    }

    /// A read-only call as `from` (for answers that depend on
    /// `msg.sender`, such as `canTransfer`), decoded.
    ///
    /// # Errors
    /// The call reverts (decoded) or its result does not decode.
    pub async fn read_as<C: SolCall>(
        &self,
        from: Address,
        to: Address,
        call: C,
    ) -> Result<C::Return, CliError> {
        let tx = TransactionRequest::default()
            .with_from(from)
            .with_to(to)
            .with_input(Bytes::from(call.abi_encode()));
        let out = self
            .provider
            .call(tx)
            .await
            .map_err(|e| rpc_failure(C::SIGNATURE, e))?;
        C::abi_decode_returns(&out)
            .map_err(|e| CliError(format!("cannot decode the answer of {}: {e}", C::SIGNATURE)))
    }
}
