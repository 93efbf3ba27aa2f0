//! The token's revert reasons: the custom errors of `sto_abi`
//! (`ISecurityTokenErrors`), wrapped in one Rust enum.
//!
//! Every failing call reverts with exactly one of these, never a string, and
//! `canTransfer*` maps the same value to its ERC-1400 status byte, so the
//! status and reason a client sees always name what the real call would do.
//! The revert data is written by [`Error::encode`] through the crate's small
//! encoder rather than alloy's generic one (program size); the test
//! `every_error_encodes_as_alloy_encodes_it` pins the two together.

use crate::encoding::{addr, encode_error, small, uint, word, Field};
use alloc::vec::Vec;
use sto_abi::{status, ISecurityTokenErrors as E};
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    alloy_sol_types::SolError,
};

pub use E::{
    AlreadyInitialized, AmountTooLarge, BatchAlreadyIssued, DocumentNotFound,
    InsufficientAllowance, InsufficientBalance, InsufficientFrozen, InvalidCategory,
    InvalidDocument, InvalidExtension, InvalidOperatorSide, InvalidPartition, InvalidReceiver,
    InvalidSender, IssuanceClosed, LengthMismatch, LockedBalance, MalformedCalldata,
    NoCustodyAccount, NoDefaultPartitions, NotControllable, NotController, NotInitialized,
    NotIssuer, NotIssuerOrController, NotOperator, NotPaused, NotPayable, NotPledgeeOrController,
    NotRegistrar, OperatorSideConflict, PartitionChangeNotAllowed, PledgeNotActive,
    ReceiverNotRegistered, SelfAuthorization, SelfDealing, SenderFrozen, SenderNotRegistered,
    TransfersPaused, UnknownFunction, UnknownPledge, ZeroAddress,
};

/// Why a token call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Calldata that does not decode for its function.
    MalformedCalldata(MalformedCalldata),
    /// A selector no program of the token routes.
    UnknownFunction(UnknownFunction),
    /// Ether sent to the token.
    NotPayable(NotPayable),
    /// KYC: unregistered sender.
    SenderNotRegistered(SenderNotRegistered),
    /// KYC: unregistered receiver.
    ReceiverNotRegistered(ReceiverNotRegistered),
    /// The sender's whole address is frozen.
    SenderFrozen(SenderFrozen),
    /// Enough balance, but part of it is frozen or pledged.
    LockedBalance(LockedBalance),
    /// A distribution-side operator dealing with itself.
    SelfDealing(SelfDealing),
    /// Issuance and distribution side for one account.
    OperatorSideConflict(OperatorSideConflict),
    /// Holder category not 1..=3.
    InvalidCategory(InvalidCategory),
    /// Not the issuer nor a KYC registrar.
    NotRegistrar(NotRegistrar),
    /// Not the issuer nor a controller.
    NotIssuerOrController(NotIssuerOrController),
    /// Not the pledgee nor a controller.
    NotPledgeeOrController(NotPledgeeOrController),
    /// No such pledge.
    UnknownPledge(UnknownPledge),
    /// Pledge released or enforced already.
    PledgeNotActive(PledgeNotActive),
    /// Unfreezing more than is frozen.
    InsufficientFrozen(InsufficientFrozen),
    /// No custody account designated.
    NoCustodyAccount(NoCustodyAccount),
    /// Allocation batch issued already.
    BatchAlreadyIssued(BatchAlreadyIssued),
    /// Paired arrays of different lengths.
    LengthMismatch(LengthMismatch),
    /// An extension program that has no code or did not answer.
    InvalidExtension(InvalidExtension),
}

impl Error {
    /// The ERC-1400 status byte (0x50..0x5f table) that `canTransfer*`
    /// reports when the real call would fail with this error.
    pub fn status(&self) -> u8 {
        match self {
            Error::InsufficientBalance(_) => status::INSUFFICIENT_BALANCE,
            Error::InsufficientAllowance(_) => status::INSUFFICIENT_ALLOWANCE,
            Error::TransfersPaused(_) => status::TRANSFERS_HALTED,
            Error::InvalidSender(_) | Error::SenderNotRegistered(_) | Error::SenderFrozen(_) => {
                status::INVALID_SENDER
            }
            Error::InvalidReceiver(_) | Error::ReceiverNotRegistered(_) => status::INVALID_RECEIVER,
            Error::LockedBalance(_) => status::FUNDS_LOCKED,
            Error::NotOperator(_)
            | Error::PartitionChangeNotAllowed(_)
            | Error::NotController(_)
            | Error::NotIssuer(_)
            | Error::SelfDealing(_) => status::INVALID_OPERATOR,
            _ => status::TRANSFER_FAILURE,
        }
    }

    /// The 4-byte selector of this error.
    pub fn selector(&self) -> [u8; 4] {
        match self {
            Error::NotIssuer(_) => NotIssuer::SELECTOR,
            Error::NotController(_) => NotController::SELECTOR,
            Error::NotOperator(_) => NotOperator::SELECTOR,
            Error::PartitionChangeNotAllowed(_) => PartitionChangeNotAllowed::SELECTOR,
            Error::NotInitialized(_) => NotInitialized::SELECTOR,
            Error::AlreadyInitialized(_) => AlreadyInitialized::SELECTOR,
            Error::TransfersPaused(_) => TransfersPaused::SELECTOR,
            Error::NotPaused(_) => NotPaused::SELECTOR,
            Error::IssuanceClosed(_) => IssuanceClosed::SELECTOR,
            Error::NotControllable(_) => NotControllable::SELECTOR,
            Error::ZeroAddress(_) => ZeroAddress::SELECTOR,
            Error::InvalidSender(_) => InvalidSender::SELECTOR,
            Error::InvalidReceiver(_) => InvalidReceiver::SELECTOR,
            Error::InvalidPartition(_) => InvalidPartition::SELECTOR,
            Error::NoDefaultPartitions(_) => NoDefaultPartitions::SELECTOR,
            Error::InsufficientBalance(_) => InsufficientBalance::SELECTOR,
            Error::InsufficientAllowance(_) => InsufficientAllowance::SELECTOR,
            Error::AmountTooLarge(_) => AmountTooLarge::SELECTOR,
            Error::InvalidOperatorSide(_) => InvalidOperatorSide::SELECTOR,
            Error::SelfAuthorization(_) => SelfAuthorization::SELECTOR,
            Error::InvalidDocument(_) => InvalidDocument::SELECTOR,
            Error::DocumentNotFound(_) => DocumentNotFound::SELECTOR,
            Error::MalformedCalldata(_) => MalformedCalldata::SELECTOR,
            Error::UnknownFunction(_) => UnknownFunction::SELECTOR,
            Error::NotPayable(_) => NotPayable::SELECTOR,
            Error::InvalidExtension(_) => InvalidExtension::SELECTOR,
            Error::SenderNotRegistered(_) => SenderNotRegistered::SELECTOR,
            Error::ReceiverNotRegistered(_) => ReceiverNotRegistered::SELECTOR,
            Error::SenderFrozen(_) => SenderFrozen::SELECTOR,
            Error::LockedBalance(_) => LockedBalance::SELECTOR,
            Error::SelfDealing(_) => SelfDealing::SELECTOR,
            Error::OperatorSideConflict(_) => OperatorSideConflict::SELECTOR,
            Error::InvalidCategory(_) => InvalidCategory::SELECTOR,
            Error::NotRegistrar(_) => NotRegistrar::SELECTOR,
            Error::NotIssuerOrController(_) => NotIssuerOrController::SELECTOR,
            Error::NotPledgeeOrController(_) => NotPledgeeOrController::SELECTOR,
            Error::UnknownPledge(_) => UnknownPledge::SELECTOR,
            Error::PledgeNotActive(_) => PledgeNotActive::SELECTOR,
            Error::InsufficientFrozen(_) => InsufficientFrozen::SELECTOR,
            Error::NoCustodyAccount(_) => NoCustodyAccount::SELECTOR,
            Error::BatchAlreadyIssued(_) => BatchAlreadyIssued::SELECTOR,
            Error::LengthMismatch(_) => LengthMismatch::SELECTOR,
        }
    }

    /// The `reason` field of `canTransfer*`: this error's selector,
    /// left-aligned in 32 bytes.
    pub fn reason(&self) -> B256 {
        status::reason_from_selector(self.selector())
    }

    /// The revert data: selector and ABI-encoded arguments.
    pub fn encode(&self) -> Vec<u8> {
        let fields: &[Field] = match self {
            Error::NotIssuer(e) => &[addr(e.account)],
            Error::NotController(e) => &[addr(e.account)],
            Error::NotOperator(e) => &[addr(e.operator), addr(e.holder), word(e.partition)],
            Error::PartitionChangeNotAllowed(e) => &[addr(e.operator)],
            Error::InvalidSender(e) => &[addr(e.sender)],
            Error::InvalidReceiver(e) => &[addr(e.receiver)],
            Error::InvalidPartition(e) => &[word(e.partition)],
            Error::InsufficientBalance(e) => &[
                addr(e.holder),
                word(e.partition),
                uint(e.available),
                uint(e.required),
            ],
            Error::InsufficientAllowance(e) => &[
                addr(e.holder),
                addr(e.spender),
                uint(e.allowance),
                uint(e.required),
            ],
            Error::AmountTooLarge(e) => &[uint(e.value)],
            Error::InvalidOperatorSide(e) => &[small(e.side as u64)],
            Error::InvalidDocument(e) => &[word(e.name)],
            Error::DocumentNotFound(e) => &[word(e.name)],
            Error::MalformedCalldata(e) => &[word(status::reason_from_selector(e.selector.0))],
            Error::UnknownFunction(e) => &[word(status::reason_from_selector(e.selector.0))],
            Error::InvalidExtension(e) => &[addr(e.account)],
            Error::SenderNotRegistered(e) => &[addr(e.holder)],
            Error::ReceiverNotRegistered(e) => &[addr(e.holder)],
            Error::SenderFrozen(e) => &[addr(e.holder)],
            Error::LockedBalance(e) => &[
                addr(e.holder),
                word(e.partition),
                uint(e.unlocked),
                uint(e.required),
            ],
            Error::SelfDealing(e) => &[addr(e.operator), addr(e.account)],
            Error::OperatorSideConflict(e) => &[addr(e.operator), small(e.side as u64)],
            Error::InvalidCategory(e) => &[small(e.category as u64)],
            Error::NotRegistrar(e) => &[addr(e.account)],
            Error::NotIssuerOrController(e) => &[addr(e.account)],
            Error::NotPledgeeOrController(e) => &[addr(e.account)],
            Error::UnknownPledge(e) => &[uint(e.id)],
            Error::PledgeNotActive(e) => &[uint(e.id)],
            Error::InsufficientFrozen(e) => &[
                addr(e.holder),
                word(e.partition),
                uint(e.frozen),
                uint(e.required),
            ],
            Error::BatchAlreadyIssued(e) => &[word(e.batchId)],
            Error::LengthMismatch(e) => &[uint(e.holders), uint(e.values)],
            Error::NotInitialized(_)
            | Error::AlreadyInitialized(_)
            | Error::TransfersPaused(_)
            | Error::NotPaused(_)
            | Error::IssuanceClosed(_)
            | Error::NotControllable(_)
            | Error::ZeroAddress(_)
            | Error::NoDefaultPartitions(_)
            | Error::SelfAuthorization(_)
            | Error::NotPayable(_)
            | Error::NoCustodyAccount(_) => &[],
        };
        encode_error(self.selector(), fields)
    }
}

impl From<Error> for Vec<u8> {
    fn from(error: Error) -> Vec<u8> {
        error.encode()
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

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use stylus_sdk::alloy_primitives::{address, FixedBytes};

    /// One value of every variant, with non-zero arguments.
    pub(crate) fn one_of_each() -> Vec<(Error, Vec<u8>)> {
        let a = address!("00000000000000000000000000000000000000a1");
        let b = address!("00000000000000000000000000000000000000b2");
        let p = B256::repeat_byte(0x5a);
        let n = U256::from(77);
        let m = U256::MAX;
        let s = FixedBytes([1, 2, 3, 4]);
        vec![
            (not_issuer(a), NotIssuer { account: a }.abi_encode()),
            (
                Error::NotController(NotController { account: a }),
                NotController { account: a }.abi_encode(),
            ),
            (
                Error::NotOperator(NotOperator {
                    operator: a,
                    holder: b,
                    partition: p,
                }),
                NotOperator {
                    operator: a,
                    holder: b,
                    partition: p,
                }
                .abi_encode(),
            ),
            (
                Error::PartitionChangeNotAllowed(PartitionChangeNotAllowed { operator: a }),
                PartitionChangeNotAllowed { operator: a }.abi_encode(),
            ),
            (
                Error::NotInitialized(NotInitialized {}),
                NotInitialized {}.abi_encode(),
            ),
            (
                Error::AlreadyInitialized(AlreadyInitialized {}),
                AlreadyInitialized {}.abi_encode(),
            ),
            (
                Error::TransfersPaused(TransfersPaused {}),
                TransfersPaused {}.abi_encode(),
            ),
            (Error::NotPaused(NotPaused {}), NotPaused {}.abi_encode()),
            (
                Error::IssuanceClosed(IssuanceClosed {}),
                IssuanceClosed {}.abi_encode(),
            ),
            (
                Error::NotControllable(NotControllable {}),
                NotControllable {}.abi_encode(),
            ),
            (
                Error::ZeroAddress(ZeroAddress {}),
                ZeroAddress {}.abi_encode(),
            ),
            (
                Error::InvalidSender(InvalidSender { sender: a }),
                InvalidSender { sender: a }.abi_encode(),
            ),
            (
                Error::InvalidReceiver(InvalidReceiver { receiver: b }),
                InvalidReceiver { receiver: b }.abi_encode(),
            ),
            (
                Error::InvalidPartition(InvalidPartition { partition: p }),
                InvalidPartition { partition: p }.abi_encode(),
            ),
            (
                Error::NoDefaultPartitions(NoDefaultPartitions {}),
                NoDefaultPartitions {}.abi_encode(),
            ),
            (
                insufficient_balance(a, p, n, m),
                InsufficientBalance {
                    holder: a,
                    partition: p,
                    available: n,
                    required: m,
                }
                .abi_encode(),
            ),
            (
                Error::InsufficientAllowance(InsufficientAllowance {
                    holder: a,
                    spender: b,
                    allowance: n,
                    required: m,
                }),
                InsufficientAllowance {
                    holder: a,
                    spender: b,
                    allowance: n,
                    required: m,
                }
                .abi_encode(),
            ),
            (
                Error::AmountTooLarge(AmountTooLarge { value: m }),
                AmountTooLarge { value: m }.abi_encode(),
            ),
            (
                Error::InvalidOperatorSide(InvalidOperatorSide { side: 9 }),
                InvalidOperatorSide { side: 9 }.abi_encode(),
            ),
            (
                Error::SelfAuthorization(SelfAuthorization {}),
                SelfAuthorization {}.abi_encode(),
            ),
            (
                Error::InvalidDocument(InvalidDocument { name: p }),
                InvalidDocument { name: p }.abi_encode(),
            ),
            (
                Error::DocumentNotFound(DocumentNotFound { name: p }),
                DocumentNotFound { name: p }.abi_encode(),
            ),
            (
                Error::MalformedCalldata(MalformedCalldata { selector: s }),
                MalformedCalldata { selector: s }.abi_encode(),
            ),
            (
                Error::UnknownFunction(UnknownFunction { selector: s }),
                UnknownFunction { selector: s }.abi_encode(),
            ),
            (Error::NotPayable(NotPayable {}), NotPayable {}.abi_encode()),
            (
                Error::InvalidExtension(InvalidExtension { account: b }),
                InvalidExtension { account: b }.abi_encode(),
            ),
            (
                Error::SenderNotRegistered(SenderNotRegistered { holder: a }),
                SenderNotRegistered { holder: a }.abi_encode(),
            ),
            (
                Error::ReceiverNotRegistered(ReceiverNotRegistered { holder: b }),
                ReceiverNotRegistered { holder: b }.abi_encode(),
            ),
            (
                Error::SenderFrozen(SenderFrozen { holder: a }),
                SenderFrozen { holder: a }.abi_encode(),
            ),
            (
                Error::LockedBalance(LockedBalance {
                    holder: a,
                    partition: p,
                    unlocked: n,
                    required: m,
                }),
                LockedBalance {
                    holder: a,
                    partition: p,
                    unlocked: n,
                    required: m,
                }
                .abi_encode(),
            ),
            (
                Error::SelfDealing(SelfDealing {
                    operator: a,
                    account: b,
                }),
                SelfDealing {
                    operator: a,
                    account: b,
                }
                .abi_encode(),
            ),
            (
                Error::OperatorSideConflict(OperatorSideConflict {
                    operator: a,
                    side: 2,
                }),
                OperatorSideConflict {
                    operator: a,
                    side: 2,
                }
                .abi_encode(),
            ),
            (
                Error::InvalidCategory(InvalidCategory { category: 7 }),
                InvalidCategory { category: 7 }.abi_encode(),
            ),
            (
                Error::NotRegistrar(NotRegistrar { account: a }),
                NotRegistrar { account: a }.abi_encode(),
            ),
            (
                Error::NotIssuerOrController(NotIssuerOrController { account: a }),
                NotIssuerOrController { account: a }.abi_encode(),
            ),
            (
                Error::NotPledgeeOrController(NotPledgeeOrController { account: b }),
                NotPledgeeOrController { account: b }.abi_encode(),
            ),
            (
                Error::UnknownPledge(UnknownPledge { id: n }),
                UnknownPledge { id: n }.abi_encode(),
            ),
            (
                Error::PledgeNotActive(PledgeNotActive { id: m }),
                PledgeNotActive { id: m }.abi_encode(),
            ),
            (
                Error::InsufficientFrozen(InsufficientFrozen {
                    holder: a,
                    partition: p,
                    frozen: n,
                    required: m,
                }),
                InsufficientFrozen {
                    holder: a,
                    partition: p,
                    frozen: n,
                    required: m,
                }
                .abi_encode(),
            ),
            (
                Error::NoCustodyAccount(NoCustodyAccount {}),
                NoCustodyAccount {}.abi_encode(),
            ),
            (
                Error::BatchAlreadyIssued(BatchAlreadyIssued { batchId: p }),
                BatchAlreadyIssued { batchId: p }.abi_encode(),
            ),
            (
                Error::LengthMismatch(LengthMismatch {
                    holders: n,
                    values: m,
                }),
                LengthMismatch {
                    holders: n,
                    values: m,
                }
                .abi_encode(),
            ),
        ]
    }

    #[test]
    fn every_error_encodes_as_alloy_encodes_it() {
        let all = one_of_each();
        assert_eq!(
            all.len(),
            sto_abi::ISecurityTokenErrors::ISecurityTokenErrorsErrors::SELECTORS.len(),
            "one case per error of the ABI"
        );
        for (error, expected) in all {
            assert_eq!(error.encode(), expected, "{error:?}");
            assert_eq!(error.reason()[..4], expected[..4]);
        }
    }
}
