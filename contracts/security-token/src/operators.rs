//! ERC-1410 holder-authorised operators and the operator paths
//! (`operatorTransferByPartition`, `operatorRedeemByPartition`).
//!
//! Who may act on a holder's tokens through the operator functions:
//! - the holder itself (a holder is its own operator, as in ERC-777);
//! - an operator the holder authorised, for all partitions or for one;
//! - a token-level operator appointed by the issuer (transfers only, R9);
//! - a controller while the token is controllable (umbrella rule): such a
//!   move is a forced move; it also emits `ControllerTransfer` /
//!   `ControllerRedemption` and works while paused (R19).
//!
//! The partition-change convention (`data = 0xff..ff ++ toPartition`) is
//! honoured only when `operatorData` is non-empty (UniversalToken's rule),
//! and only for controllers and token-level operators.

use crate::{
    errors::*,
    storage::{role_bits, status_bits, SecurityToken},
    transfers::Chunk,
};
use alloc::vec::Vec;
use sto_abi::{status::CHANGE_PARTITION_FLAG, IERC1410};
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    prelude::*,
};

/// The destination partition `data` asks for on an operator path, if any.
pub(crate) fn requested_partition(data: &[u8], operator_data: &[u8]) -> Option<B256> {
    if operator_data.is_empty() || data.len() < 64 || data[..32] != CHANGE_PARTITION_FLAG[..] {
        return None;
    }
    Some(B256::from_slice(&data[32..64]))
}

/// A validated operator-path movement.
pub(crate) struct OperatorPlan {
    /// The chunk to move (one partition).
    pub chunk: Chunk,
    /// Whether the caller acts as controller (forced move).
    pub forced: bool,
}

impl SecurityToken {
    /// Whether `holder` authorised `operator` for all partitions, or
    /// `operator` is the holder itself.
    pub(crate) fn holder_authorised(&self, operator: Address, holder: Address) -> bool {
        operator == holder || self.operators.getter(holder).get(operator)
    }

    /// Whether `operator` may act on `holder`'s `partition` by ERC-1410
    /// authorisation (all partitions or this one).
    pub(crate) fn authorised_for(
        &self,
        partition: B256,
        operator: Address,
        holder: Address,
    ) -> bool {
        self.holder_authorised(operator, holder)
            || self
                .partition_operators
                .getter(holder)
                .getter(partition)
                .get(operator)
    }

    /// Authorises or revokes `operator` for the caller's tokens, for all
    /// partitions (`partition` None) or one.
    ///
    /// # Errors
    /// `NotInitialized`, `SelfAuthorization`, `ZeroAddress`.
    pub(crate) fn set_holder_operator(
        &mut self,
        holder: Address,
        partition: Option<B256>,
        operator: Address,
        authorized: bool,
    ) -> Result<(), Error> {
        self.live_status()?;
        if operator == holder {
            return Err(Error::SelfAuthorization(SelfAuthorization {}));
        }
        if operator.is_zero() {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        match partition {
            None => {
                self.operators
                    .setter(holder)
                    .setter(operator)
                    .set(authorized);
                if authorized {
                    self.vm().log(IERC1410::AuthorizedOperator {
                        operator,
                        tokenHolder: holder,
                    });
                } else {
                    self.vm().log(IERC1410::RevokedOperator {
                        operator,
                        tokenHolder: holder,
                    });
                }
            }
            Some(partition) => {
                self.partition_operators
                    .setter(holder)
                    .setter(partition)
                    .setter(operator)
                    .set(authorized);
                if authorized {
                    self.vm().log(IERC1410::AuthorizedOperatorByPartition {
                        partition,
                        operator,
                        tokenHolder: holder,
                    });
                } else {
                    self.vm().log(IERC1410::RevokedOperatorByPartition {
                        partition,
                        operator,
                        tokenHolder: holder,
                    });
                }
            }
        }
        Ok(())
    }

    /// Validates `operatorTransferByPartition` (or, with `to` zero,
    /// `operatorRedeemByPartition`, where token-level operators have no
    /// authority and `data` cannot change partitions).
    ///
    /// Order of checks: initialised, paused (unless forced), sender,
    /// receiver, authority, destination partition, balance.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidSender`,
    /// `InvalidReceiver`, `NotOperator`, `PartitionChangeNotAllowed`,
    /// `InvalidPartition`, `InsufficientBalance`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn validate_operator_move(
        &self,
        operator: Address,
        partition: B256,
        from: Address,
        to: Address,
        redeem: bool,
        value: U256,
        data: &[u8],
        operator_data: &[u8],
    ) -> Result<OperatorPlan, Error> {
        let status = self.live_status()?;
        let forced = self.acts_as_controller(operator);
        let token_operator = !redeem && self.roles_of(operator) & role_bits::ANY_OPERATOR != 0;
        if !forced && status & status_bits::PAUSED != 0 {
            return Err(Error::TransfersPaused(TransfersPaused {}));
        }
        check_parties(from, to, redeem)?;
        if !forced && !token_operator && !self.authorised_for(partition, operator, from) {
            return Err(Error::NotOperator(NotOperator {
                operator,
                holder: from,
                partition,
            }));
        }
        let mut to_partition = partition;
        if !redeem {
            if let Some(requested) = requested_partition(data, operator_data) {
                if !forced && !token_operator {
                    return Err(Error::PartitionChangeNotAllowed(
                        PartitionChangeNotAllowed { operator },
                    ));
                }
                if requested.is_zero() {
                    return Err(Error::InvalidPartition(InvalidPartition {
                        partition: requested,
                    }));
                }
                to_partition = requested;
            }
        }
        let mut chunks: Vec<Chunk> = self.plan_debit(from, Some(partition), value)?;
        let mut chunk = chunks.remove(0);
        chunk.to_partition = to_partition;
        Ok(OperatorPlan { chunk, forced })
    }
}

/// Sender and receiver checks shared by every transfer path: the zero
/// address can neither send nor (except as a redemption) receive.
///
/// # Errors
/// `InvalidSender`, `InvalidReceiver`.
pub(crate) fn check_parties(from: Address, to: Address, redeem: bool) -> Result<(), Error> {
    if from.is_zero() {
        return Err(Error::InvalidSender(InvalidSender { sender: from }));
    }
    if !redeem && to.is_zero() {
        return Err(Error::InvalidReceiver(InvalidReceiver { receiver: to }));
    }
    Ok(())
}
