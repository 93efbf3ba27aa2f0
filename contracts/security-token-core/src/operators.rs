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
    events,
    storage::{role_bits, status_bits, SecurityToken},
    transfers::{Chunk, Movement},
};
use alloc::vec::Vec;
use sto_abi::status::CHANGE_PARTITION_FLAG;
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
    /// `isOperator`: whether `token_holder` authorised `operator` for all
    /// partitions (true for the holder itself).
    pub fn is_operator(&self, operator: Address, token_holder: Address) -> bool {
        self.holder_authorised(operator, token_holder)
    }

    /// `isOperatorForPartition`: whether `operator` may act on
    /// `token_holder`'s `partition` (all partitions or this one).
    pub fn is_operator_for_partition(
        &self,
        partition: B256,
        operator: Address,
        token_holder: Address,
    ) -> bool {
        self.authorised_for(partition, operator, token_holder)
    }

    /// `authorizeOperator`: for all of the caller's partitions.
    ///
    /// # Errors
    /// `NotInitialized`, `SelfAuthorization`, `ZeroAddress`.
    ///
    /// # Events
    /// `AuthorizedOperator`.
    pub fn authorize_operator(&mut self, operator: Address) -> Result<(), Error> {
        self.set_holder_operator(self.vm().msg_sender(), None, operator, true)
    }

    /// `revokeOperator`: revokes an all-partitions operator.
    ///
    /// # Errors
    /// `NotInitialized`, `SelfAuthorization`, `ZeroAddress`.
    ///
    /// # Events
    /// `RevokedOperator`.
    pub fn revoke_operator(&mut self, operator: Address) -> Result<(), Error> {
        self.set_holder_operator(self.vm().msg_sender(), None, operator, false)
    }

    /// `authorizeOperatorByPartition`: for the caller's `partition`.
    ///
    /// # Errors
    /// `NotInitialized`, `SelfAuthorization`, `ZeroAddress`.
    ///
    /// # Events
    /// `AuthorizedOperatorByPartition`.
    pub fn authorize_operator_by_partition(
        &mut self,
        partition: B256,
        operator: Address,
    ) -> Result<(), Error> {
        self.set_holder_operator(self.vm().msg_sender(), Some(partition), operator, true)
    }

    /// `revokeOperatorByPartition`.
    ///
    /// # Errors
    /// `NotInitialized`, `SelfAuthorization`, `ZeroAddress`.
    ///
    /// # Events
    /// `RevokedOperatorByPartition`.
    pub fn revoke_operator_by_partition(
        &mut self,
        partition: B256,
        operator: Address,
    ) -> Result<(), Error> {
        self.set_holder_operator(self.vm().msg_sender(), Some(partition), operator, false)
    }

    /// `operatorTransferByPartition`: moves `from`'s tokens as an operator,
    /// a token-level operator or a controller (forced). `data = 0xff..ff ++
    /// toPartition` with non-empty `operator_data` moves the value into
    /// `toPartition`. Returns the receiver's partition.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused` (unless forced), `InvalidSender`,
    /// `InvalidReceiver`, `NotOperator`, `PartitionChangeNotAllowed`,
    /// `InvalidPartition`, `InsufficientBalance`.
    ///
    /// # Events
    /// `TransferByPartition`, `ChangedPartition` (partition change),
    /// `Transfer`, and `ControllerTransfer` when forced.
    pub fn operator_transfer_by_partition(
        &mut self,
        partition: B256,
        from: Address,
        to: Address,
        value: U256,
        data: &[u8],
        operator_data: &[u8],
    ) -> Result<B256, Error> {
        self.operator_move(partition, from, to, false, value, data, operator_data)
    }

    /// `operatorRedeemByPartition`: redeems `token_holder`'s tokens as its
    /// operator, or as a controller (forced).
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused` (unless forced), `InvalidSender`,
    /// `NotOperator`, `InvalidPartition`, `InsufficientBalance`.
    ///
    /// # Events
    /// `RedeemedByPartition`, `Redeemed`, `Transfer(from, 0)`, and
    /// `ControllerRedemption` when forced.
    pub fn operator_redeem_by_partition(
        &mut self,
        partition: B256,
        token_holder: Address,
        value: U256,
        operator_data: &[u8],
    ) -> Result<(), Error> {
        let zero = Address::ZERO;
        self.operator_move(
            partition,
            token_holder,
            zero,
            true,
            value,
            &[],
            operator_data,
        )?;
        Ok(())
    }

    /// Validates and runs an operator-path move; returns the destination
    /// partition.
    #[allow(clippy::too_many_arguments)]
    fn operator_move(
        &mut self,
        partition: B256,
        from: Address,
        to: Address,
        redeem: bool,
        value: U256,
        data: &[u8],
        operator_data: &[u8],
    ) -> Result<B256, Error> {
        let operator = self.vm().msg_sender();
        let plan = self.validate_operator_move(
            operator,
            partition,
            from,
            to,
            redeem,
            value,
            data,
            operator_data,
        )?;
        let movement = Movement {
            operator,
            from,
            to,
            data,
            operator_data,
        };
        self.move_value(&movement, plan.chunk);
        if plan.forced {
            self.emit_controller_event(&movement, value);
        }
        Ok(plan.chunk.to_partition)
    }

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
            None => self
                .operators
                .setter(holder)
                .setter(operator)
                .set(authorized),
            Some(partition) => self
                .partition_operators
                .setter(holder)
                .setter(partition)
                .setter(operator)
                .set(authorized),
        }
        events::operator_changed(self.vm(), partition, operator, holder, authorized);
        Ok(())
    }

    /// Validates `operatorTransferByPartition` (or, with `to` zero,
    /// `operatorRedeemByPartition`, where token-level operators have no
    /// authority and `data` cannot change partitions).
    ///
    /// Order of checks: initialised, paused (unless forced), sender (zero;
    /// KYC and freeze unless forced), receiver (zero, KYC), authority,
    /// self-dealing (transfers, unless forced), destination partition,
    /// balance.
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
        let roles = self.roles_of(operator);
        let token_operator = !redeem && roles & role_bits::ANY_OPERATOR != 0;
        if !forced && status & status_bits::PAUSED != 0 {
            return Err(Error::TransfersPaused(TransfersPaused {}));
        }
        check_parties(from, to, redeem)?;
        if !forced {
            self.check_sender(from)?;
        }
        if !redeem {
            self.check_receiver(to)?;
        }
        if !forced && !token_operator && !self.authorised_for(partition, operator, from) {
            return Err(Error::NotOperator(NotOperator {
                operator,
                holder: from,
                partition,
            }));
        }
        if !forced && !redeem {
            Self::check_self_dealing(roles, operator, from, to)?;
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
