//! KYC (R12): per-token registration of holder addresses with their
//! category (individual, corporate, issuer-own), by the issuer or a
//! registrar it appoints; the register of every address ever registered;
//! and the R17 address derivation rule (`sto_abi::derivation`).
//!
//! Registration writes the category into the holder word the hot path
//! reads. Changing a holder's category moves its balance between the
//! per-category totals; unregistering keeps the category (the balance
//! stays counted where it is) and only stops the holder from moving.

use crate::{
    errors::*,
    events::{self, topic},
    storage::{role_bits, SecurityToken},
    words::{self, HOLDER_LISTED_BIT, REGISTERED_BIT},
};
use alloc::vec::Vec;
use sto_abi::{derivation, ISecurityTokenCompliance as C};
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    alloy_sol_types::SolEvent,
    prelude::*,
    stylus_core::host::CryptographyAccess,
};

/// Bits of a holder word that are flags (240..256); the rest is unused
/// since layout 1.1.0 and cleared at registration.
fn flags_only(word: U256) -> U256 {
    let one = U256::from_limbs([1, 0, 0, 0]);
    let below: U256 = (one << 240usize) - one;
    word & !below
}

impl SecurityToken {
    /// `registerHolder` (issuer or registrar).
    ///
    /// # Errors
    /// `NotInitialized`, `NotRegistrar`, `ZeroAddress`, `InvalidCategory`.
    ///
    /// # Events
    /// `HolderRegistered`.
    pub fn register_holder(&mut self, holder: Address, category: u8) -> Result<(), Error> {
        self.register_holders(alloc::vec![holder], category)
    }

    /// `registerHolders`: all of `holders` with one `category`; all or
    /// nothing.
    ///
    /// # Errors
    /// As `registerHolder`.
    ///
    /// # Events
    /// `HolderRegistered` per holder.
    pub fn register_holders(&mut self, holders: Vec<Address>, category: u8) -> Result<(), Error> {
        let caller = self.require_registrar()?;
        if !derivation::is_category(category) {
            return Err(Error::InvalidCategory(InvalidCategory { category }));
        }
        if holders.iter().any(|h| h.is_zero()) {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        for holder in holders {
            self.register(caller, holder, category);
        }
        Ok(())
    }

    /// `unregisterHolder` (issuer or registrar).
    ///
    /// # Errors
    /// `NotInitialized`, `NotRegistrar`, `ZeroAddress`.
    ///
    /// # Events
    /// `HolderUnregistered`.
    pub fn unregister_holder(&mut self, holder: Address) -> Result<(), Error> {
        self.unregister_holders(alloc::vec![holder])
    }

    /// `unregisterHolders`: all or nothing.
    ///
    /// # Errors
    /// As `unregisterHolder`.
    ///
    /// # Events
    /// `HolderUnregistered` per holder.
    pub fn unregister_holders(&mut self, holders: Vec<Address>) -> Result<(), Error> {
        let caller = self.require_registrar()?;
        if holders.iter().any(|h| h.is_zero()) {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        for holder in holders {
            let mut word = self.holder_word(holder);
            word.set_bit(REGISTERED_BIT, false);
            self.holders.setter(holder).set(word);
            let sig = C::HolderUnregistered::SIGNATURE_HASH;
            events::indexed(self.vm(), sig, &[topic(holder), topic(caller)]);
        }
        Ok(())
    }

    /// `setRegistrar` (issuer only): appoints or dismisses a KYC registrar.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    ///
    /// # Events
    /// `RegistrarChanged`.
    pub fn set_registrar(&mut self, account: Address, enabled: bool) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        self.require_issuer(caller)?;
        if account.is_zero() {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        let roles = self.roles_of(account);
        let roles = if enabled {
            roles | role_bits::REGISTRAR
        } else {
            roles & !role_bits::REGISTRAR
        };
        self.roles
            .setter(account)
            .set(crate::words::u8_value(roles));
        events::emit(
            self.vm(),
            &[
                C::RegistrarChanged::SIGNATURE_HASH,
                topic(account),
                topic(caller),
            ],
            &[crate::encoding::boolean(enabled)],
        );
        Ok(())
    }

    /// `isRegistrar`.
    pub fn is_registrar(&self, account: Address) -> bool {
        self.is_registrar_account(account)
    }

    /// `holderInfo`: (registered, category, whole address frozen).
    pub fn holder_info(&self, holder: Address) -> (bool, u8, bool) {
        let word = self.holder_word(holder);
        (
            word.bit(REGISTERED_BIT),
            words::category(word),
            word.bit(words::FROZEN_BIT),
        )
    }

    /// `holderCount`: addresses ever registered.
    pub fn holder_count(&self) -> U256 {
        U256::from_limbs([self.holder_list.len() as u64, 0, 0, 0])
    }

    /// `holdersPage`: up to `count` registered addresses from index `start`.
    pub fn holders_page(&self, start: U256, count: U256) -> Vec<Address> {
        let len = self.holder_list.len();
        let start = small_or(start, len).min(len);
        let end = start.saturating_add(small_or(count, len)).min(len);
        (start..end)
            .filter_map(|i| self.holder_list.get(i))
            .collect()
    }

    /// `deriveHolderAddress`: the R17 rule v1 (`sto_abi::derivation`).
    pub fn derive_holder_address(
        &self,
        institution: &[u8],
        account: &[u8],
        category: u8,
    ) -> Address {
        let hash =
            self.vm()
                .native_keccak256(&derivation::preimage(institution, account, category));
        Address::from_slice(&hash[12..])
    }

    /// The caller, if it is the issuer or a registrar of a live token.
    ///
    /// # Errors
    /// `NotInitialized`, `NotRegistrar`.
    fn require_registrar(&self) -> Result<Address, Error> {
        let caller = self.vm().msg_sender();
        self.live_status()?;
        if self.issuer.get() != caller && !self.is_registrar_account(caller) {
            return Err(Error::NotRegistrar(NotRegistrar { account: caller }));
        }
        Ok(caller)
    }

    /// Registers one validated holder.
    fn register(&mut self, caller: Address, holder: Address, category: u8) {
        let word = self.holder_word(holder);
        let old = words::category(word);
        if old != category {
            let balance = self.holder_balance(holder);
            if !balance.is_zero() {
                if old != 0 {
                    self.change_category_supply(old, balance, false);
                }
                self.change_category_supply(category, balance, true);
            }
        }
        let mut word = words::with_category(flags_only(word), category);
        word.set_bit(REGISTERED_BIT, true);
        if !word.bit(HOLDER_LISTED_BIT) {
            word.set_bit(HOLDER_LISTED_BIT, true);
            self.holder_list.push(holder);
        }
        self.holders.setter(holder).set(word);
        events::emit(
            self.vm(),
            &[
                C::HolderRegistered::SIGNATURE_HASH,
                topic(holder),
                topic(caller),
            ],
            &[crate::encoding::small(category as u64)],
        );
    }
}

/// `v` as a `usize` index, or `cap` when it does not fit.
fn small_or(v: U256, cap: usize) -> usize {
    let limbs = v.as_limbs();
    if limbs[1] != 0 || limbs[2] != 0 || limbs[3] != 0 || limbs[0] > u32::MAX as u64 {
        cap
    } else {
        limbs[0] as usize
    }
}
