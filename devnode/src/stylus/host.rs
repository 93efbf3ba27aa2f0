//! The boundary between the Stylus VM and the chain: the [`StylusHost`]
//! trait the hostios call, and the plain data types that cross it. The revm
//! glue implements it over the journal; tests implement it over maps.

use alloy_primitives::{Address, B256, U256};
use core::fmt;

/// Call-invariant data a program can read through hostios.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StylusEnv {
    /// `contract_address`: the program's own address (the storage owner).
    pub contract_address: Address,
    /// `msg_sender`.
    pub msg_sender: Address,
    /// `msg_value`.
    pub msg_value: U256,
    /// `tx_origin`.
    pub tx_origin: Address,
    /// `tx_gas_price`.
    pub tx_gas_price: U256,
    /// `block_basefee`.
    pub block_basefee: U256,
    /// `block_coinbase`.
    pub block_coinbase: Address,
    /// `block_gas_limit`.
    pub block_gas_limit: u64,
    /// `block_number`.
    pub block_number: u64,
    /// `block_timestamp`.
    pub block_timestamp: u64,
    /// `chainid`.
    pub chain_id: u64,
    /// `msg_reentrant`: another frame of this same program is live below.
    pub reentrant: bool,
    /// Whether the frame is static (no state changes allowed).
    pub is_static: bool,
}

/// The flavour of an outgoing call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    /// `call_contract`.
    Call,
    /// `delegate_call_contract`.
    Delegate,
    /// `static_call_contract`.
    Static,
}

/// What an outgoing call returned to the program.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallResult {
    /// Whether the callee succeeded (status byte 0) or not (1).
    pub success: bool,
    /// Return or revert data; readable through `read_return_data`.
    pub output: Vec<u8>,
    /// Gas the call cost the caller (access, value, callee's usage).
    pub gas_cost: u64,
}

/// What a deployment from a program returned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateResult {
    /// The new contract, `None` when the deployment failed.
    pub address: Option<Address>,
    /// Revert data of a reverted init code (empty otherwise).
    pub output: Vec<u8>,
    /// Gas the deployment cost the caller.
    pub gas_cost: u64,
}

/// Why a program stops before `user_entrypoint` returns. Raised from
/// hostios as a wasmi host error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Escape {
    /// Ink (gas) ran out.
    OutOfInk,
    /// `exit_early(status)`.
    Exit(u32),
    /// Any other fatal condition: bad pointers, static-call writes, bad log data.
    Failure(String),
}

impl fmt::Display for Escape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Escape::OutOfInk => write!(f, "out of ink"),
            Escape::Exit(s) => write!(f, "exit_early({s})"),
            Escape::Failure(m) => write!(f, "{m}"),
        }
    }
}

impl wasmi::errors::HostError for Escape {}

/// Everything a Stylus program can ask of the chain. Gas figures returned
/// are EVM gas the hostio layer charges to the program's ink.
pub trait StylusHost {
    /// Call-invariant environment.
    fn env(&self) -> &StylusEnv;
    /// Reads a storage slot of the program; returns the value and its
    /// EIP-2929 access gas (warm 100 / cold 2,100).
    fn sload(&mut self, key: B256) -> Result<(B256, u64), Escape>;
    /// Writes a storage slot; returns the EVM SSTORE gas of that transition
    /// (EIP-2200/2929) after recording any EIP-3529 refund. Fails in static frames.
    fn sstore(&mut self, key: B256, value: B256) -> Result<u64, Escape>;
    /// Reads transient storage (EIP-1153).
    fn tload(&mut self, key: B256) -> B256;
    /// Writes transient storage; fails in static frames.
    fn tstore(&mut self, key: B256, value: B256) -> Result<(), Escape>;
    /// Emits a log; fails in static frames.
    fn emit_log(&mut self, topics: Vec<B256>, data: Vec<u8>) -> Result<(), Escape>;
    /// Performs a nested call with `gas_left` available and `gas_req` requested.
    fn call(
        &mut self,
        kind: CallKind,
        to: Address,
        input: Vec<u8>,
        value: U256,
        gas_left: u64,
        gas_req: u64,
    ) -> Result<CallResult, Escape>;
    /// Performs a nested CREATE (`salt == None`) or CREATE2 with `gas_left` available.
    fn create(
        &mut self,
        init_code: Vec<u8>,
        value: U256,
        salt: Option<B256>,
        gas_left: u64,
    ) -> Result<CreateResult, Escape>;
    /// Balance and access gas.
    fn balance(&mut self, address: Address) -> (U256, u64);
    /// Code and access gas.
    fn code(&mut self, address: Address) -> (Vec<u8>, u64);
    /// Code hash (zero for empty accounts) and access gas.
    fn codehash(&mut self, address: Address) -> (B256, u64);
    /// Records `pages` more wasm pages in the tx's memory model; returns their gas.
    fn add_pages(&mut self, pages: u16) -> u64;
    /// A `console.log_*` line (debug chains only on Arbitrum; always kept here).
    fn console(&mut self, line: String);
}
