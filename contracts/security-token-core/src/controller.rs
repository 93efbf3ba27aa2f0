//! ERC-1644 controller operations (R5, R10): forced transfer and forced
//! redemption, partition-less (from the default partitions) or by
//! partition, and the irreversible renounce of controllability.
//!
//! Forced moves ignore pause (R19) and holder authorisation but still
//! respect balances; they pass the same choke point as every other move and
//! additionally emit `ControllerTransfer` / `ControllerRedemption`.

use crate::{
    errors::*,
    events,
    operators::{check_parties, requested_partition},
    storage::{status_bits, SecurityToken},
    transfers::{Chunk, Movement},
};
use alloc::vec::Vec;
use sto_abi::IERC1644;
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    alloy_sol_types::SolEvent,
    prelude::*,
};

impl SecurityToken {
    /// Whether controllers can still force moves (false forever once renounced).
    pub fn is_controllable(&self) -> bool {
        self.status_byte() & status_bits::CONTROL_RENOUNCED == 0
    }

    /// `controllerTransfer`: forced transfer from the default partitions
    /// (controller only; works while paused).
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`,
    /// `InvalidSender`, `InvalidReceiver`, `NoDefaultPartitions`,
    /// `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `TransferByPartition`, `Transfer`; then `ControllerTransfer`.
    pub fn controller_transfer(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
        data: &[u8],
        operator_data: &[u8],
    ) -> Result<(), Error> {
        self.controller_move(None, from, to, false, value, data, operator_data)?;
        Ok(())
    }

    /// `controllerRedeem`: forced redemption from the default partitions
    /// (controller only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`,
    /// `InvalidSender`, `NoDefaultPartitions`, `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `RedeemedByPartition`, `Redeemed`, `Transfer`;
    /// then `ControllerRedemption`.
    pub fn controller_redeem(
        &mut self,
        token_holder: Address,
        value: U256,
        data: &[u8],
        operator_data: &[u8],
    ) -> Result<(), Error> {
        let zero = Address::ZERO;
        self.controller_move(None, token_holder, zero, true, value, data, operator_data)?;
        Ok(())
    }

    /// `controllerTransferByPartition`: forced transfer in `partition` (may
    /// change partition via `data`); returns the receiver's partition.
    ///
    /// # Errors
    /// As `controllerTransfer`, plus `InvalidPartition`.
    ///
    /// # Events
    /// `TransferByPartition`, `ChangedPartition` (partition change),
    /// `Transfer`, `ControllerTransfer`.
    #[allow(clippy::too_many_arguments)]
    pub fn controller_transfer_by_partition(
        &mut self,
        partition: B256,
        from: Address,
        to: Address,
        value: U256,
        data: &[u8],
        operator_data: &[u8],
    ) -> Result<B256, Error> {
        self.controller_move(Some(partition), from, to, false, value, data, operator_data)
    }

    /// `controllerRedeemByPartition`: forced redemption in `partition`.
    ///
    /// # Errors
    /// As `controllerRedeem`, plus `InvalidPartition`.
    ///
    /// # Events
    /// `RedeemedByPartition`, `Redeemed`, `Transfer`, `ControllerRedemption`.
    pub fn controller_redeem_by_partition(
        &mut self,
        partition: B256,
        token_holder: Address,
        value: U256,
        data: &[u8],
        operator_data: &[u8],
    ) -> Result<(), Error> {
        let zero = Address::ZERO;
        self.controller_move(
            Some(partition),
            token_holder,
            zero,
            true,
            value,
            data,
            operator_data,
        )?;
        Ok(())
    }

    /// `renounceControllability` (issuer only, irreversible).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `NotControllable`.
    ///
    /// # Events
    /// `ControllabilityRenounced`.
    pub fn renounce_controllability(&mut self) -> Result<(), Error> {
        self.renounce_control()
    }

    /// Validates a forced transfer (`to` non-zero) or forced redemption
    /// (`to` zero). By partition, `data` may change the partition
    /// (`0xff..ff ++ toPartition` with non-empty `operatorData`).
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`,
    /// `InvalidSender`, `InvalidReceiver`, `InvalidPartition`,
    /// `NoDefaultPartitions`, `InsufficientBalance`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn validate_controller_move(
        &self,
        controller: Address,
        partition: Option<B256>,
        from: Address,
        to: Address,
        redeem: bool,
        value: U256,
        data: &[u8],
        operator_data: &[u8],
    ) -> Result<Vec<Chunk>, Error> {
        self.require_controller(controller)?;
        check_parties(from, to, redeem)?;
        if !redeem {
            self.check_receiver(to)?;
        }
        let mut chunks = self.plan_debit(from, partition, value)?;
        if !redeem && partition.is_some() {
            if let Some(requested) = requested_partition(data, operator_data) {
                if requested.is_zero() {
                    return Err(Error::InvalidPartition(InvalidPartition {
                        partition: requested,
                    }));
                }
                chunks[0].to_partition = requested;
            }
        }
        Ok(chunks)
    }

    /// Runs a forced transfer or redemption and emits its ERC-1644 event.
    /// Returns the destination partition of the first chunk.
    ///
    /// # Errors
    /// See [`Self::validate_controller_move`].
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn controller_move(
        &mut self,
        partition: Option<B256>,
        from: Address,
        to: Address,
        redeem: bool,
        value: U256,
        data: &[u8],
        operator_data: &[u8],
    ) -> Result<B256, Error> {
        let controller = self.vm().msg_sender();
        let to = if redeem { Address::ZERO } else { to };
        let chunks = self.validate_controller_move(
            controller,
            partition,
            from,
            to,
            redeem,
            value,
            data,
            operator_data,
        )?;
        let movement = Movement {
            operator: controller,
            from,
            to,
            data,
            operator_data,
        };
        self.move_chunks(&movement, &chunks);
        self.emit_controller_event(&movement, value);
        Ok(chunks[0].to_partition)
    }

    /// Emits `ControllerTransfer` or (when `to` is zero)
    /// `ControllerRedemption` for a forced move of `value`.
    pub(crate) fn emit_controller_event(&self, m: &Movement, value: U256) {
        events::controller_moved(
            self.vm(),
            m.operator,
            m.from,
            m.to,
            value,
            m.data,
            m.operator_data,
        );
    }

    /// Renounces controllability for good (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `NotControllable` when already renounced.
    pub(crate) fn renounce_control(&mut self) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let status = self.require_issuer(caller)?;
        if status & status_bits::CONTROL_RENOUNCED != 0 {
            return Err(Error::NotControllable(NotControllable {}));
        }
        self.set_status_bit(status_bits::CONTROL_RENOUNCED, true);
        events::indexed(
            self.vm(),
            IERC1644::ControllabilityRenounced::SIGNATURE_HASH,
            &[events::topic(caller)],
        );
        Ok(())
    }
}
