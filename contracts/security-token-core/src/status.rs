//! `canTransfer`, `canTransferFrom`, `canTransferByPartition` (R3): the
//! answer of the real call's own validation, as (status, reason,
//! destination partition).
//!
//! Each query runs exactly the validation function the real call runs
//! before moving anything. `Ok` becomes 0x51 with a zero reason; an error
//! becomes its ERC-1400 status byte ([`Error::status`]) and its selector,
//! left-aligned ([`Error::reason`]). So 0x51 is reported exactly when the
//! real call would succeed.

use crate::{errors::Error, storage::SecurityToken};
use sto_abi::status::TRANSFER_SUCCESS;
use stylus_sdk::{
    alloy_primitives::{Address, FixedBytes, B256, U256},
    prelude::*,
};

/// (status byte, reason) of a validation outcome.
pub(crate) fn verdict<T>(outcome: Result<T, Error>) -> (FixedBytes<1>, B256) {
    match outcome {
        Ok(_) => (FixedBytes([TRANSFER_SUCCESS]), B256::ZERO),
        Err(error) => (FixedBytes([error.status()]), error.reason()),
    }
}

impl SecurityToken {
    /// `canTransfer`: would `transferWithData(to, value, data)` sent by the
    /// caller succeed? `data` carries no meaning on this path.
    pub fn can_transfer(&self, to: Address, value: U256, data: &[u8]) -> (FixedBytes<1>, B256) {
        let _ = data;
        self.verdict_transfer(self.vm().msg_sender(), to, value)
    }

    /// `canTransferFrom`: would `transferFromWithData(from, to, value,
    /// data)` sent by the caller succeed?
    pub fn can_transfer_from(
        &self,
        from: Address,
        to: Address,
        value: U256,
        data: &[u8],
    ) -> (FixedBytes<1>, B256) {
        let _ = data;
        self.verdict_transfer_from(self.vm().msg_sender(), from, to, value)
    }

    /// `canTransferByPartition`: would `transferByPartition(partition, to,
    /// value, data)` sent by `from` succeed? (status, reason, destination).
    pub fn can_transfer_by_partition(
        &self,
        from: Address,
        to: Address,
        partition: B256,
        value: U256,
        data: &[u8],
    ) -> (FixedBytes<1>, B256, B256) {
        let _ = data;
        self.verdict_by_partition(from, to, partition, value)
    }

    /// Would `transferWithData(to, value, data)` (or `transfer`) sent by
    /// `from` succeed?
    pub(crate) fn verdict_transfer(
        &self,
        from: Address,
        to: Address,
        value: U256,
    ) -> (FixedBytes<1>, B256) {
        verdict(self.validate_transfer(None, from, to, None, value))
    }

    /// Would `transferFromWithData(from, to, value, data)` sent by `spender`
    /// succeed?
    pub(crate) fn verdict_transfer_from(
        &self,
        spender: Address,
        from: Address,
        to: Address,
        value: U256,
    ) -> (FixedBytes<1>, B256) {
        verdict(self.validate_transfer(Some(spender), from, to, None, value))
    }

    /// Would `transferByPartition(partition, to, value, data)` sent by
    /// `from` succeed, and into which partition? A holder's own transfer
    /// never changes partition, so the destination is `partition`.
    pub(crate) fn verdict_by_partition(
        &self,
        from: Address,
        to: Address,
        partition: B256,
        value: U256,
    ) -> (FixedBytes<1>, B256, B256) {
        let (status, reason) =
            verdict(self.validate_transfer(None, from, to, Some(partition), value));
        let destination = if reason.is_zero() {
            partition
        } else {
            B256::ZERO
        };
        (status, reason, destination)
    }
}
