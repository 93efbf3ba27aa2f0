//! Issuance (ERC-1594 `issue`, ERC-1410 `issueByPartition`) and its
//! irreversible closure (`finalizeIssuance`, `isIssuable`).
//!
//! Only the issuer issues (R8). Issuance is a balance movement like any
//! other: it passes the choke point with `from` = 0. Pause halts issuance
//! too (documented in docs/abi-decisions.md).

use crate::{
    errors::*,
    storage::{status_bits, SecurityToken},
    transfers::{Chunk, Movement},
    words::MAX_AMOUNT,
};
use sto_abi::ISecurityTokenAdmin;
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    prelude::*,
};

impl SecurityToken {
    /// Validates issuing `value` to `to` in `partition` (None: the first
    /// default partition).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `IssuanceClosed`, `TransfersPaused`,
    /// `InvalidReceiver`, `NoDefaultPartitions`, `InvalidPartition`,
    /// `AmountTooLarge` when the total supply would exceed 2^120 - 1.
    pub(crate) fn validate_issue(
        &self,
        caller: Address,
        partition: Option<B256>,
        to: Address,
        value: U256,
    ) -> Result<Chunk, Error> {
        let status = self.require_issuer(caller)?;
        if status & status_bits::ISSUANCE_CLOSED != 0 {
            return Err(Error::IssuanceClosed(IssuanceClosed {}));
        }
        if status & status_bits::PAUSED != 0 {
            return Err(Error::TransfersPaused(TransfersPaused {}));
        }
        if to.is_zero() {
            return Err(Error::InvalidReceiver(InvalidReceiver { receiver: to }));
        }
        let partition = match partition {
            Some(partition) => partition,
            None => self
                .default_partitions
                .get(0)
                .ok_or(Error::NoDefaultPartitions(NoDefaultPartitions {}))?,
        };
        if partition.is_zero() {
            return Err(Error::InvalidPartition(InvalidPartition { partition }));
        }
        if value > MAX_AMOUNT - self.total_supply.get() {
            return Err(Error::AmountTooLarge(AmountTooLarge { value }));
        }
        Ok(Chunk::within(partition, value))
    }

    /// Issues after validation; returns nothing, events say everything.
    ///
    /// # Errors
    /// See [`Self::validate_issue`].
    pub(crate) fn issue_value(
        &mut self,
        partition: Option<B256>,
        to: Address,
        value: U256,
        data: &[u8],
    ) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let chunk = self.validate_issue(caller, partition, to, value)?;
        let movement = Movement {
            operator: caller,
            from: Address::ZERO,
            to,
            data,
            operator_data: &[],
        };
        self.move_value(&movement, chunk);
        Ok(())
    }

    /// Closes issuance for good.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `IssuanceClosed` when already closed.
    pub(crate) fn close_issuance(&mut self) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let status = self.require_issuer(caller)?;
        if status & status_bits::ISSUANCE_CLOSED != 0 {
            return Err(Error::IssuanceClosed(IssuanceClosed {}));
        }
        self.set_status_bit(status_bits::ISSUANCE_CLOSED, true);
        self.vm()
            .log(ISecurityTokenAdmin::IssuanceFinalized { by: caller });
        Ok(())
    }
}
