//! The boundary between the chain (blocks, receipts, RPC) and the execution
//! engine. The chain knows only this trait; `engine.rs` implements it over
//! the `devnode` crate's in-process node, and tests can implement it over
//! anything. Keeping it narrow is what lets the chain be tested on its own.

use alloy::primitives::{Address, Bytes, Log, B256, U256};

/// Block-level context a transaction executes in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockContext {
    /// Number of the block being built (or read, for calls).
    pub number: u64,
    /// Its timestamp, seconds.
    pub timestamp: u64,
    /// EIP-1559 base fee, wei.
    pub base_fee: u64,
    /// Block gas limit.
    pub gas_limit: u64,
    /// Fee recipient.
    pub coinbase: Address,
    /// `prevrandao` / `difficulty` value.
    pub prevrandao: B256,
    /// Chain id.
    pub chain_id: u64,
}

/// A transaction as the engine sees it: signature already checked, sender
/// recovered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxInput {
    /// Sender.
    pub from: Address,
    /// Callee; `None` deploys `input` as init code.
    pub to: Option<Address>,
    /// Wei sent along.
    pub value: U256,
    /// Calldata or init code.
    pub input: Bytes,
    /// Gas limit.
    pub gas_limit: u64,
    /// Max fee per gas (the gas price of legacy transactions).
    pub max_fee_per_gas: u128,
    /// Max priority fee (EIP-1559); `None` for legacy and EIP-2930.
    pub max_priority_fee_per_gas: Option<u128>,
    /// Nonce to check; `None` skips the check (calls, estimates).
    pub nonce: Option<u64>,
    /// EIP-2930 access list, as (address, storage keys).
    pub access_list: Vec<(Address, Vec<B256>)>,
}

/// How a transaction is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A real transaction: nonce, balance and fee checks apply, gas is
    /// charged, state is committed.
    Commit,
    /// `eth_call` / `eth_estimateGas`: no nonce, fee or balance checks,
    /// nothing is kept.
    Simulate,
}

/// Result of running a transaction that was valid to include.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Execution {
    /// Whether it succeeded (receipt status 1).
    pub success: bool,
    /// Gas used, after refunds.
    pub gas_used: u64,
    /// Return data, or revert data when it failed.
    pub output: Bytes,
    /// Logs emitted (empty when it failed).
    pub logs: Vec<Log>,
    /// Address of the created contract, for creates that succeeded.
    pub contract_address: Option<Address>,
    /// For failures other than REVERT (out of gas, invalid opcode, trap):
    /// what happened.
    pub halt_reason: Option<String>,
}

/// Why a transaction could not be included at all (no receipt, no gas).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxRejected {
    /// Nonce below the account's.
    NonceTooLow {
        /// The account's nonce.
        expected: u64,
        /// The transaction's.
        got: u64,
    },
    /// Nonce above the account's.
    NonceTooHigh {
        /// The account's nonce.
        expected: u64,
        /// The transaction's.
        got: u64,
    },
    /// Balance below `gas_limit * max_fee + value`.
    InsufficientFunds {
        /// What the sender has.
        have: U256,
        /// What the transaction needs up front.
        want: U256,
    },
    /// Gas limit below the intrinsic gas.
    IntrinsicGasTooLow {
        /// The transaction's gas limit.
        gas_limit: u64,
    },
    /// Gas limit above the block's.
    GasLimitTooHigh {
        /// The transaction's gas limit.
        gas_limit: u64,
        /// The block's.
        block_gas_limit: u64,
    },
    /// Max fee below the block's base fee.
    FeeCapTooLow {
        /// The transaction's max fee per gas.
        max_fee: u128,
        /// The block's base fee.
        base_fee: u64,
    },
    /// Anything else the engine refused, in its words.
    Other(String),
}

impl std::fmt::Display for TxRejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NonceTooLow { expected, got } => {
                write!(f, "nonce too low: next nonce {expected}, tx nonce {got}")
            }
            Self::NonceTooHigh { expected, got } => {
                write!(f, "nonce too high: next nonce {expected}, tx nonce {got}")
            }
            Self::InsufficientFunds { have, want } => write!(
                f,
                "insufficient funds for gas * price + value: have {have} want {want}"
            ),
            Self::IntrinsicGasTooLow { gas_limit } => {
                write!(f, "intrinsic gas too low: gas {gas_limit}")
            }
            Self::GasLimitTooHigh {
                gas_limit,
                block_gas_limit,
            } => write!(
                f,
                "exceeds block gas limit: gas {gas_limit}, block gas limit {block_gas_limit}"
            ),
            Self::FeeCapTooLow { max_fee, base_fee } => write!(
                f,
                "max fee per gas less than block base fee: maxFeePerGas: {max_fee}, baseFee: {base_fee}"
            ),
            Self::Other(msg) => f.write_str(msg),
        }
    }
}

/// What the chain needs from an execution engine.
pub trait Executor: Send + 'static {
    /// A saved copy of the whole state (cheap enough to keep one per
    /// recent block).
    type Snapshot: Clone + Send + 'static;

    /// Runs `tx` in `ctx`; in [`Mode::Commit`] its effects are kept.
    ///
    /// # Errors
    /// The transaction is not includable (see [`TxRejected`]).
    fn execute(
        &mut self,
        ctx: &BlockContext,
        tx: &TxInput,
        mode: Mode,
    ) -> Result<Execution, TxRejected>;

    /// Balance of `address`.
    fn balance(&self, address: Address) -> U256;
    /// Nonce of `address`.
    fn nonce(&self, address: Address) -> u64;
    /// Code of `address` (empty for accounts without code).
    fn code(&self, address: Address) -> Bytes;
    /// Storage slot `slot` of `address`.
    fn storage(&self, address: Address, slot: U256) -> U256;

    /// Sets a balance (dev helpers, state overrides).
    fn set_balance(&mut self, address: Address, balance: U256);
    /// Sets a nonce (dev helpers, state overrides).
    fn set_nonce(&mut self, address: Address, nonce: u64);
    /// Sets code (dev helpers, state overrides).
    fn set_code(&mut self, address: Address, code: Bytes);
    /// Sets one storage slot (dev helpers, state overrides).
    fn set_storage(&mut self, address: Address, slot: U256, value: U256);

    /// Copies the current state.
    fn snapshot(&self) -> Self::Snapshot;
    /// Replaces the current state with a copy taken earlier.
    fn restore(&mut self, snapshot: Self::Snapshot);
}
