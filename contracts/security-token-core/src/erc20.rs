//! ERC-20 face (R6): allowances, and the plain transfers that draw from the
//! issuer-set default partitions in order.
//!
//! A plain `transfer` of a value spread over several default partitions
//! emits one `TransferByPartition` and one `Transfer` per partition used
//! (UniversalToken does the same), so wallets summing `Transfer` logs see
//! the right amount.

use crate::{errors::*, events, storage::SecurityToken, transfers::Movement};
use alloc::vec::Vec;
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    prelude::*,
};

impl SecurityToken {
    /// ERC-20 name (raw bytes of the string).
    pub fn name(&self) -> Vec<u8> {
        self.name.get_bytes()
    }

    /// ERC-20 symbol.
    pub fn symbol(&self) -> Vec<u8> {
        self.symbol.get_bytes()
    }

    /// ERC-20 decimals.
    pub fn decimals(&self) -> u8 {
        crate::words::byte_of(self.decimals.get())
    }

    /// Total supply over all partitions.
    pub fn total_supply(&self) -> U256 {
        self.total_supply.get()
    }

    /// Balance over all partitions.
    pub fn balance_of(&self, account: Address) -> U256 {
        self.holder_balance(account)
    }

    /// ERC-20 allowance.
    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.allowance_of(owner, spender)
    }

    /// Sets an ERC-20 allowance (used by `transferFrom`,
    /// `transferFromWithData`, `redeemFrom`).
    ///
    /// # Errors
    /// `NotInitialized`, `ZeroAddress`.
    ///
    /// # Events
    /// `Approval`.
    pub fn approve(&mut self, spender: Address, value: U256) -> Result<bool, Error> {
        self.set_allowance(self.vm().msg_sender(), spender, value)?;
        Ok(true)
    }

    /// Transfers from the default partitions.
    ///
    /// # Errors
    /// As `transferWithData`.
    ///
    /// # Events
    /// Per partition used: `TransferByPartition`, `Transfer`.
    pub fn transfer(&mut self, to: Address, value: U256) -> Result<bool, Error> {
        self.send(None, to, value, &[])?;
        Ok(true)
    }

    /// Transfers from the default partitions using an allowance.
    ///
    /// # Errors
    /// As `transferFromWithData`.
    ///
    /// # Events
    /// Per partition used: `TransferByPartition`, `Transfer`.
    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<bool, Error> {
        self.send(Some(from), to, value, &[])?;
        Ok(true)
    }

    /// Plain and allowance transfers from the default partitions
    /// (`transfer`, `transferFrom`, `transferWithData`,
    /// `transferFromWithData`): `from` Some means the caller spends an
    /// allowance.
    pub(crate) fn send(
        &mut self,
        from: Option<Address>,
        to: Address,
        value: U256,
        data: &[u8],
    ) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let holder = from.unwrap_or(caller);
        let spender = from.map(|_| caller);
        let chunks = self.validate_transfer(spender, holder, to, None, value)?;
        if let Some(spender) = spender {
            self.spend_allowance(holder, spender, value);
        }
        let movement = Movement {
            operator: caller,
            from: holder,
            to,
            data,
            operator_data: &[],
        };
        self.move_chunks(&movement, &chunks);
        Ok(())
    }

    /// The ERC-20 allowance `owner` gave `spender`.
    pub(crate) fn allowance_of(&self, owner: Address, spender: Address) -> U256 {
        self.allowances.getter(owner).get(spender)
    }

    /// Sets an allowance.
    ///
    /// # Errors
    /// `NotInitialized`, `ZeroAddress` for a zero spender.
    pub(crate) fn set_allowance(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
    ) -> Result<(), Error> {
        self.live_status()?;
        if spender.is_zero() {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        self.allowances.setter(owner).setter(spender).set(value);
        events::approval(self.vm(), owner, spender, value);
        Ok(())
    }

    /// Checks that `spender` may move `value` of `holder`'s tokens.
    ///
    /// # Errors
    /// `InsufficientAllowance`.
    pub(crate) fn check_allowance(
        &self,
        holder: Address,
        spender: Address,
        value: U256,
    ) -> Result<(), Error> {
        let allowance = self.allowance_of(holder, spender);
        if allowance < value {
            return Err(Error::InsufficientAllowance(InsufficientAllowance {
                holder,
                spender,
                allowance,
                required: value,
            }));
        }
        Ok(())
    }

    /// Debits a checked allowance; an unlimited (`U256::MAX`) allowance and
    /// a zero value write nothing.
    pub(crate) fn spend_allowance(&mut self, holder: Address, spender: Address, value: U256) {
        let allowance = self.allowance_of(holder, spender);
        if allowance != U256::MAX && !value.is_zero() {
            self.allowances
                .setter(holder)
                .setter(spender)
                .set(allowance - value);
        }
    }
}
