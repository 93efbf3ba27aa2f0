//! The Korean token-securities rules' administration (R10, R12-R17): the
//! functions of `ISecurityTokenCompliance`, answered by the
//! `security-token-compliance` extension on the proxy's storage.
//!
//! The rules themselves run on the hot path (`crate::rules`); this module
//! holds what sets their inputs and what reads them back:
//! - [`kyc`]: holder registration with a category, registrars, the
//!   register of holders and the address derivation rule;
//! - [`freeze`]: address and partial freezes, custody account, seizure;
//! - [`pledges`]: pledge records, release and enforcement;
//! - [`trust`]: the trust-property flag of a holding;
//! - [`ledger`]: per-category totals, reconciliation and the ledger views.

pub mod freeze;
pub mod kyc;
pub mod ledger;
pub mod pledges;
pub mod trust;

use crate::{
    errors::*,
    storage::{role_bits, SecurityToken},
    words,
};
use stylus_sdk::alloy_primitives::{Address, B256, U256};

impl SecurityToken {
    /// Checks that the token is live and `caller` is the issuer or (while
    /// the token is controllable) a controller.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuerOrController`.
    pub(crate) fn require_issuer_or_controller(&self, caller: Address) -> Result<(), Error> {
        self.live_status()?;
        if self.issuer.get() != caller && !self.acts_as_controller(caller) {
            return Err(Error::NotIssuerOrController(NotIssuerOrController {
                account: caller,
            }));
        }
        Ok(())
    }

    /// Frozen amount of (`holder`, `partition`).
    pub(crate) fn frozen_in(&self, holder: Address, partition: B256) -> U256 {
        self.frozen.getter(holder).get(partition)
    }

    /// Pledged amount of (`holder`, `partition`): locked minus frozen.
    pub(crate) fn pledged_in(&self, holder: Address, partition: B256) -> U256 {
        words::high(self.holding(holder, partition)) - self.frozen_in(holder, partition)
    }

    /// Adds `delta` to (`add`) or takes it from the locked amount of
    /// (`holder`, `partition`) and from the token-wide pledged (`frozen`
    /// false) or frozen total.
    pub(crate) fn change_locked(
        &mut self,
        holder: Address,
        partition: B256,
        delta: U256,
        add: bool,
        frozen: bool,
    ) {
        let word = self.holding(holder, partition);
        let locked = words::high(word);
        let locked = if add { locked + delta } else { locked - delta };
        self.holdings
            .setter(holder)
            .setter(partition)
            .set(words::with_high(word, locked));
        if frozen {
            let amount = self.frozen_in(holder, partition);
            let amount = if add { amount + delta } else { amount - delta };
            self.frozen.setter(holder).setter(partition).set(amount);
        }
        let totals = self.encumbered.get();
        let (pledged, frozen_total) = (words::low(totals), words::high(totals));
        let step = |v: U256| if add { v + delta } else { v - delta };
        let totals = if frozen {
            words::with_high(totals, step(frozen_total))
        } else {
            words::with_low(totals, step(pledged))
        };
        self.encumbered.set(totals);
    }

    /// Checks that `holder` can lock `amount` more of `partition`.
    ///
    /// # Errors
    /// `InvalidPartition` (zero), `InsufficientBalance`, `LockedBalance`.
    pub(crate) fn check_lockable(
        &self,
        holder: Address,
        partition: B256,
        amount: U256,
    ) -> Result<(), Error> {
        if partition.is_zero() {
            return Err(Error::InvalidPartition(InvalidPartition { partition }));
        }
        self.plan_debit(holder, Some(partition), amount).map(|_| ())
    }

    /// Whether `account` holds the KYC registrar role.
    pub(crate) fn is_registrar_account(&self, account: Address) -> bool {
        self.roles_of(account) & role_bits::REGISTRAR != 0
    }
}
