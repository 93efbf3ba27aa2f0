//! Issuance (ERC-1594 `issue`, ERC-1410 `issueByPartition`) and its
//! irreversible closure (`finalizeIssuance`, `isIssuable`).
//!
//! Only the issuer issues (R8). Issuance is a balance movement like any
//! other: it passes the choke point with `from` = 0. Pause halts issuance
//! too (documented in docs/abi-decisions.md).

use crate::{
    errors::*,
    events::{self, topic},
    storage::{status_bits, SecurityToken},
    transfers::{Chunk, Movement},
    words::MAX_AMOUNT,
};
use alloc::vec::Vec;
use sto_abi::ISecurityTokenAdmin as Admin;
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    alloy_sol_types::SolEvent,
    prelude::*,
};

impl SecurityToken {
    /// `isIssuable`: whether the issuer can still issue.
    pub fn is_issuable(&self) -> bool {
        self.status_byte() & status_bits::ISSUANCE_CLOSED == 0
    }

    /// `issueByPartition` (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `IssuanceClosed`, `TransfersPaused`,
    /// `InvalidReceiver`, `InvalidPartition`, `AmountTooLarge`.
    ///
    /// # Events
    /// `IssuedByPartition`, `Issued`, `Transfer(0, to)`.
    pub fn issue_by_partition(
        &mut self,
        partition: B256,
        token_holder: Address,
        value: U256,
        data: &[u8],
    ) -> Result<(), Error> {
        self.issue_value(Some(partition), token_holder, value, data)
    }

    /// `issue`: issues into the first default partition (issuer only).
    ///
    /// # Errors
    /// As `issueByPartition`, plus `NoDefaultPartitions`.
    ///
    /// # Events
    /// `IssuedByPartition`, `Issued`, `Transfer(0, to)`.
    pub fn issue(&mut self, token_holder: Address, value: U256, data: &[u8]) -> Result<(), Error> {
        self.issue_value(None, token_holder, value, data)
    }

    /// `finalizeIssuance`: closes issuance for good (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `IssuanceClosed`.
    ///
    /// # Events
    /// `IssuanceFinalized`.
    pub fn finalize_issuance(&mut self) -> Result<(), Error> {
        self.close_issuance()
    }

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
        self.check_receiver(to)?;
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
    /// `issueBatchByPartition` (issuer only): `values[i]` of `partition`
    /// to `holders[i]`, all or nothing, at most once per `batch_id`.
    ///
    /// # Errors
    /// `BatchAlreadyIssued`, `LengthMismatch`, then what `issueByPartition`
    /// refuses for any of the holders (`AmountTooLarge` for the batch's
    /// total).
    ///
    /// # Events
    /// Per holder `IssuedByPartition`, `Issued`, `Transfer`; then
    /// `BatchIssued`.
    pub fn issue_batch_by_partition(
        &mut self,
        batch_id: B256,
        partition: B256,
        holders: Vec<Address>,
        values: Vec<U256>,
    ) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        self.require_issuer(caller)?;
        if self.issued_batches.get(batch_id) {
            return Err(Error::BatchAlreadyIssued(BatchAlreadyIssued {
                batchId: batch_id,
            }));
        }
        if holders.len() != values.len() {
            return Err(Error::LengthMismatch(LengthMismatch {
                holders: crate::words::uint(holders.len() as u64),
                values: crate::words::uint(values.len() as u64),
            }));
        }
        let mut total = U256::ZERO;
        for (to, value) in holders.iter().zip(&values) {
            self.validate_issue(caller, Some(partition), *to, *value)?;
            total = total.saturating_add(*value);
        }
        if total > MAX_AMOUNT - self.total_supply.get() {
            return Err(Error::AmountTooLarge(AmountTooLarge { value: total }));
        }
        self.issued_batches.setter(batch_id).set(true);
        for (to, value) in holders.iter().zip(&values) {
            let movement = Movement {
                operator: caller,
                from: Address::ZERO,
                to: *to,
                data: batch_id.as_slice(),
                operator_data: &[],
            };
            self.move_value(&movement, Chunk::within(partition, *value));
        }
        events::emit(
            self.vm(),
            &[
                Admin::BatchIssued::SIGNATURE_HASH,
                batch_id,
                partition,
                topic(caller),
            ],
            &[
                crate::encoding::uint(crate::words::uint(holders.len() as u64)),
                crate::encoding::uint(total),
            ],
        );
        Ok(())
    }

    /// `isBatchIssued`.
    pub fn is_batch_issued(&self, batch_id: B256) -> bool {
        self.issued_batches.get(batch_id)
    }

    pub(crate) fn close_issuance(&mut self) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let status = self.require_issuer(caller)?;
        if status & status_bits::ISSUANCE_CLOSED != 0 {
            return Err(Error::IssuanceClosed(IssuanceClosed {}));
        }
        self.set_status_bit(status_bits::ISSUANCE_CLOSED, true);
        let sig = Admin::IssuanceFinalized::SIGNATURE_HASH;
        events::indexed(self.vm(), sig, &[topic(caller)]);
        Ok(())
    }
}
