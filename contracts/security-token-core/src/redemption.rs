//! Redemption by the holder (`redeem`, `redeemByPartition`) and by a
//! spender with an ERC-20 allowance (`redeemFrom`, which ERC-1594 says must
//! debit the allowance). Operator and controller redemptions live in
//! `operators` and `controller`; all pass the choke point with `to` = 0.

use crate::{
    errors::*,
    operators::check_parties,
    storage::{status_bits, SecurityToken},
    transfers::{Chunk, Movement},
};
use alloc::vec::Vec;
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    prelude::*,
};

impl SecurityToken {
    /// `redeemByPartition`: redeems the caller's tokens in `partition`.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidPartition`,
    /// `InsufficientBalance`.
    ///
    /// # Events
    /// `RedeemedByPartition`, `Redeemed`, `Transfer(from, 0)`.
    pub fn redeem_by_partition(
        &mut self,
        partition: B256,
        value: U256,
        data: &[u8],
    ) -> Result<(), Error> {
        self.redeem_value(None, Some(partition), value, data)
    }

    /// `redeem`: redeems the caller's tokens from the default partitions.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `NoDefaultPartitions`,
    /// `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `RedeemedByPartition`, `Redeemed`, `Transfer(from, 0)`.
    pub fn redeem(&mut self, value: U256, data: &[u8]) -> Result<(), Error> {
        self.redeem_value(None, None, value, data)
    }

    /// `redeemFrom`: redeems `token_holder`'s tokens from the default
    /// partitions, debiting the caller's allowance.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidSender`,
    /// `InsufficientAllowance`, `NoDefaultPartitions`, `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `RedeemedByPartition`, `Redeemed`, `Transfer(from, 0)`.
    pub fn redeem_from(
        &mut self,
        token_holder: Address,
        value: U256,
        data: &[u8],
    ) -> Result<(), Error> {
        self.redeem_value(Some(token_holder), None, value, data)
    }

    /// Validates `holder` redeeming `value` itself (`spender` None) or a
    /// spender redeeming it with an allowance.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidSender`,
    /// `InsufficientAllowance`, `InvalidPartition`, `NoDefaultPartitions`,
    /// `InsufficientBalance`.
    pub(crate) fn validate_redeem(
        &self,
        spender: Option<Address>,
        holder: Address,
        partition: Option<B256>,
        value: U256,
    ) -> Result<Vec<Chunk>, Error> {
        let status = self.live_status()?;
        if status & status_bits::PAUSED != 0 {
            return Err(Error::TransfersPaused(TransfersPaused {}));
        }
        check_parties(holder, Address::ZERO, true)?;
        self.check_sender(holder)?;
        if let Some(spender) = spender {
            self.check_allowance(holder, spender, value)?;
        }
        self.plan_debit(holder, partition, value)
    }

    /// Redeems after validation.
    ///
    /// # Errors
    /// See [`Self::validate_redeem`].
    pub(crate) fn redeem_value(
        &mut self,
        holder: Option<Address>,
        partition: Option<B256>,
        value: U256,
        data: &[u8],
    ) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let spender = holder.map(|_| caller);
        let from = holder.unwrap_or(caller);
        let chunks = self.validate_redeem(spender, from, partition, value)?;
        if let Some(spender) = spender {
            self.spend_allowance(from, spender, value);
        }
        let movement = Movement {
            operator: caller,
            from,
            to: Address::ZERO,
            data,
            operator_data: &[],
        };
        self.move_chunks(&movement, &chunks);
        Ok(())
    }
}
