//! Freeze and seizure (R10), by a controller of a controllable token.
//!
//! - An address freeze stops every holder and operator move out of the
//!   address (`SenderFrozen`); the address can still receive, and forced
//!   moves still apply.
//! - A partial freeze locks an amount of one holding: it joins the
//!   holding's locked amount (frozen + pledged), which no holder, operator
//!   or forced transfer can move (`LockedBalance`, status 0x55).
//! - Seizure moves up to the holding's balance minus its pledged amount to
//!   the custody account, frozen value included (unfrozen value first; the
//!   freeze shrinks by what is taken beyond it). Pledged value stays with
//!   its pledge: it moves only by `enforcePledge`. Emits `Seized` and the
//!   ERC-1644 `ControllerTransfer`.

use crate::{
    encoding::{uint, word},
    errors::*,
    events::{self, topic},
    storage::SecurityToken,
    transfers::{Chunk, Movement},
    words::{self, FROZEN_BIT},
};
use sto_abi::ISecurityTokenCompliance as C;
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    alloy_sol_types::SolEvent,
    prelude::*,
};

impl SecurityToken {
    /// `freezeAddress` (controller).
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`, `ZeroAddress`.
    ///
    /// # Events
    /// `AddressFrozen`.
    pub fn freeze_address(&mut self, holder: Address) -> Result<(), Error> {
        self.set_address_frozen(holder, true)
    }

    /// `unfreezeAddress` (controller).
    ///
    /// # Errors
    /// As `freezeAddress`.
    ///
    /// # Events
    /// `AddressUnfrozen`.
    pub fn unfreeze_address(&mut self, holder: Address) -> Result<(), Error> {
        self.set_address_frozen(holder, false)
    }

    /// `freezePartial` (controller): locks `amount` of the holding's
    /// unlocked balance.
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`, `ZeroAddress`,
    /// `InvalidPartition`, `InsufficientBalance`, `LockedBalance`.
    ///
    /// # Events
    /// `TokensFrozen`.
    pub fn freeze_partial(
        &mut self,
        holder: Address,
        partition: B256,
        amount: U256,
    ) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        self.require_controller(caller)?;
        non_zero(holder)?;
        self.check_lockable(holder, partition, amount)?;
        self.change_locked(holder, partition, amount, true, true);
        self.emit_partial(
            C::TokensFrozen::SIGNATURE_HASH,
            holder,
            partition,
            amount,
            caller,
        );
        Ok(())
    }

    /// `unfreezePartial` (controller).
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`, `ZeroAddress`,
    /// `InvalidPartition`, `InsufficientFrozen`.
    ///
    /// # Events
    /// `TokensUnfrozen`.
    pub fn unfreeze_partial(
        &mut self,
        holder: Address,
        partition: B256,
        amount: U256,
    ) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        self.require_controller(caller)?;
        non_zero(holder)?;
        if partition.is_zero() {
            return Err(Error::InvalidPartition(InvalidPartition { partition }));
        }
        let frozen = self.frozen_in(holder, partition);
        if frozen < amount {
            return Err(Error::InsufficientFrozen(InsufficientFrozen {
                holder,
                partition,
                frozen,
                required: amount,
            }));
        }
        self.change_locked(holder, partition, amount, false, true);
        self.emit_partial(
            C::TokensUnfrozen::SIGNATURE_HASH,
            holder,
            partition,
            amount,
            caller,
        );
        Ok(())
    }

    /// `frozenBalanceOf`.
    pub fn frozen_balance_of(&self, partition: B256, holder: Address) -> U256 {
        self.frozen_in(holder, partition)
    }

    /// `setCustodyAccount` (controller): where seizures go.
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`, `ZeroAddress`.
    ///
    /// # Events
    /// `CustodyAccountChanged`.
    pub fn set_custody_account(&mut self, custody: Address) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        self.require_controller(caller)?;
        non_zero(custody)?;
        self.custody.set(custody);
        let sig = C::CustodyAccountChanged::SIGNATURE_HASH;
        events::indexed(self.vm(), sig, &[topic(custody), topic(caller)]);
        Ok(())
    }

    /// `custodyAccount`.
    pub fn custody_account(&self) -> Address {
        self.custody.get()
    }

    /// `seize` (controller): moves `value` of `holder`'s `partition`
    /// (frozen or not, never pledged value) to the custody account.
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`,
    /// `NoCustodyAccount`, `InvalidSender`, `ReceiverNotRegistered` (the
    /// custody account), `InvalidPartition`, `InsufficientBalance`,
    /// `LockedBalance` (pledged value).
    ///
    /// # Events
    /// `TransferByPartition`, `Transfer`, `Seized`, `ControllerTransfer`.
    pub fn seize(
        &mut self,
        holder: Address,
        partition: B256,
        value: U256,
        reference: B256,
    ) -> Result<(), Error> {
        let controller = self.vm().msg_sender();
        self.require_controller(controller)?;
        let custody = self.custody.get();
        if custody.is_zero() {
            return Err(Error::NoCustodyAccount(NoCustodyAccount {}));
        }
        crate::operators::check_parties(holder, custody, false)?;
        self.check_receiver(custody)?;
        if partition.is_zero() {
            return Err(Error::InvalidPartition(InvalidPartition { partition }));
        }
        let holding = self.holding(holder, partition);
        let balance = words::low(holding);
        let frozen = self.frozen_in(holder, partition);
        let seizable = balance - (words::high(holding) - frozen);
        if seizable < value {
            return Err(crate::transfers::short_of(
                holder, partition, balance, seizable, value,
            ));
        }
        let free = words::unlocked(holding);
        let from_frozen = value.saturating_sub(free);
        if !from_frozen.is_zero() {
            self.change_locked(holder, partition, from_frozen, false, true);
        }
        let movement = Movement {
            operator: controller,
            from: holder,
            to: custody,
            data: reference.as_slice(),
            operator_data: &[],
        };
        self.move_value(&movement, Chunk::within(partition, value));
        events::emit(
            self.vm(),
            &[
                C::Seized::SIGNATURE_HASH,
                topic(holder),
                topic(custody),
                partition,
            ],
            &[
                uint(value),
                word(reference),
                crate::encoding::addr(controller),
            ],
        );
        self.emit_controller_event(&movement, value);
        Ok(())
    }

    /// Sets or clears the address freeze of `holder`.
    fn set_address_frozen(&mut self, holder: Address, frozen: bool) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        self.require_controller(caller)?;
        non_zero(holder)?;
        let mut word = self.holder_word(holder);
        word.set_bit(FROZEN_BIT, frozen);
        self.holders.setter(holder).set(word);
        let sig = if frozen {
            C::AddressFrozen::SIGNATURE_HASH
        } else {
            C::AddressUnfrozen::SIGNATURE_HASH
        };
        events::indexed(self.vm(), sig, &[topic(holder), topic(caller)]);
        Ok(())
    }

    /// `TokensFrozen` / `TokensUnfrozen`.
    fn emit_partial(&self, sig: B256, holder: Address, partition: B256, amount: U256, by: Address) {
        events::emit(
            self.vm(),
            &[sig, topic(holder), partition, topic(by)],
            &[uint(amount)],
        );
    }
}

/// `ZeroAddress` for the zero address.
pub(crate) fn non_zero(account: Address) -> Result<(), Error> {
    if account.is_zero() {
        return Err(Error::ZeroAddress(ZeroAddress {}));
    }
    Ok(())
}
