//! ERC-20 face (R6): allowances, and the plain transfers that draw from the
//! issuer-set default partitions in order.
//!
//! A plain `transfer` of a value spread over several default partitions
//! emits one `TransferByPartition` and one `Transfer` per partition used
//! (UniversalToken does the same), so wallets summing `Transfer` logs see
//! the right amount.

use crate::{errors::*, storage::SecurityToken};
use sto_abi::IERC20Face;
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    prelude::*,
};

impl SecurityToken {
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
        self.vm().log(IERC20Face::Approval {
            owner,
            spender,
            value,
        });
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
