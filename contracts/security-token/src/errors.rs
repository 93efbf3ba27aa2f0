//! The token's revert reasons: the custom errors of `sto_abi`
//! (`ISecurityTokenErrors`), wrapped in one Rust enum.
//!
//! Every failing call reverts with exactly one of these, never a string, and
//! `canTransfer*` maps the same value to its ERC-1400 status byte, so the
//! status and reason a client sees always name what the real call would do.

use alloc::vec::Vec;
use sto_abi::{status, ISecurityTokenErrors as E};
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    prelude::*,
};

pub use E::{
    AlreadyInitialized, AmountTooLarge, DocumentNotFound, InsufficientAllowance,
    InsufficientBalance, InvalidDocument, InvalidOperatorSide, InvalidPartition, InvalidReceiver,
    InvalidSender, IssuanceClosed, NoDefaultPartitions, NotControllable, NotController,
    NotInitialized, NotIssuer, NotOperator, NotPaused, PartitionChangeNotAllowed,
    SelfAuthorization, TransfersPaused, ZeroAddress,
};

/// Why a token call failed.
#[derive(SolidityError, Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The caller is not the issuer.
    NotIssuer(NotIssuer),
    /// The caller is not a controller.
    NotController(NotController),
    /// The caller may not move the holder's tokens.
    NotOperator(NotOperator),
    /// The caller may not move value into another partition.
    PartitionChangeNotAllowed(PartitionChangeNotAllowed),
    /// Not initialised (proxy before `initialize`, or the bare implementation).
    NotInitialized(NotInitialized),
    /// Initialised already, or the bare implementation.
    AlreadyInitialized(AlreadyInitialized),
    /// Transfers are paused.
    TransfersPaused(TransfersPaused),
    /// Not paused.
    NotPaused(NotPaused),
    /// Issuance is closed.
    IssuanceClosed(IssuanceClosed),
    /// Controllability was renounced.
    NotControllable(NotControllable),
    /// An account argument is the zero address.
    ZeroAddress(ZeroAddress),
    /// Invalid sender.
    InvalidSender(InvalidSender),
    /// Invalid receiver.
    InvalidReceiver(InvalidReceiver),
    /// Reserved or unusable partition.
    InvalidPartition(InvalidPartition),
    /// No default partitions.
    NoDefaultPartitions(NoDefaultPartitions),
    /// Not enough unlocked balance.
    InsufficientBalance(InsufficientBalance),
    /// Not enough allowance.
    InsufficientAllowance(InsufficientAllowance),
    /// Amount or resulting supply over 2^120 - 1.
    AmountTooLarge(AmountTooLarge),
    /// Operator side not 1 or 2.
    InvalidOperatorSide(InvalidOperatorSide),
    /// A holder authorising itself.
    SelfAuthorization(SelfAuthorization),
    /// Zero document name or empty URI.
    InvalidDocument(InvalidDocument),
    /// No such document.
    DocumentNotFound(DocumentNotFound),
}

impl Error {
    /// The ERC-1400 status byte (0x50..0x5f table) that `canTransfer*`
    /// reports when the real call would fail with this error.
    pub fn status(&self) -> u8 {
        match self {
            Error::InsufficientBalance(_) => status::INSUFFICIENT_BALANCE,
            Error::InsufficientAllowance(_) => status::INSUFFICIENT_ALLOWANCE,
            Error::TransfersPaused(_) => status::TRANSFERS_HALTED,
            Error::InvalidSender(_) => status::INVALID_SENDER,
            Error::InvalidReceiver(_) => status::INVALID_RECEIVER,
            Error::NotOperator(_)
            | Error::PartitionChangeNotAllowed(_)
            | Error::NotController(_)
            | Error::NotIssuer(_) => status::INVALID_OPERATOR,
            _ => status::TRANSFER_FAILURE,
        }
    }

    /// The `reason` field of `canTransfer*`: this error's selector,
    /// left-aligned in 32 bytes.
    pub fn reason(self) -> B256 {
        let encoded: Vec<u8> = self.into();
        let mut selector = [0u8; 4];
        selector.copy_from_slice(&encoded[..4]);
        status::reason_from_selector(selector)
    }
}

/// `Err(NotIssuer(account))`.
pub fn not_issuer(account: Address) -> Error {
    Error::NotIssuer(NotIssuer { account })
}

/// `Err(InsufficientBalance(..))`.
pub fn insufficient_balance(
    holder: Address,
    partition: B256,
    available: U256,
    required: U256,
) -> Error {
    Error::InsufficientBalance(InsufficientBalance {
        holder,
        partition,
        available,
        required,
    })
}
