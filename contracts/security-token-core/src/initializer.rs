//! One-shot initialisation behind a beacon proxy (R20), and the guard that
//! keeps the bare implementation unusable.
//!
//! Proxies never run the implementation's constructor: a token proxy
//! delegate-calls `initialize` once, in the transaction that creates it. The
//! implementation's own constructor sets the `DISABLED` bit, so the bare
//! implementation refuses `initialize` and every state-changing call.

use crate::{
    errors::*,
    events::{self, topic},
    storage::{role_bits, status_bits, SecurityToken},
};
use alloc::vec::Vec;
use sto_abi::ISecurityTokenAdmin as Admin;
use stylus_sdk::{
    alloy_primitives::{Address, B256},
    alloy_sol_types::SolEvent,
    prelude::*,
};

impl SecurityToken {
    /// The [`status_bits`] of the token (slot 0, read with the issuer).
    pub(crate) fn status_byte(&self) -> u8 {
        crate::words::byte_of(self.status.get())
    }

    /// The status bits of an initialised, usable token.
    ///
    /// # Errors
    /// `NotInitialized` before `initialize` and on the bare implementation.
    pub(crate) fn live_status(&self) -> Result<u8, Error> {
        let status = self.status_byte();
        if status & (status_bits::INITIALIZED | status_bits::DISABLED) != status_bits::INITIALIZED {
            return Err(Error::NotInitialized(NotInitialized {}));
        }
        Ok(status)
    }

    /// Sets or clears status bits.
    pub(crate) fn set_status_bit(&mut self, bit: u8, on: bool) {
        let status = self.status_byte();
        let next = if on { status | bit } else { status & !bit };
        self.status.set(crate::words::u8_value(next));
    }

    /// Marks the bare implementation disabled (its constructor).
    pub(crate) fn disable(&mut self) {
        self.set_status_bit(status_bits::DISABLED, true);
    }

    /// `initialize`: the one-shot initialiser, called by the factory
    /// through the proxy in the transaction that creates it.
    ///
    /// # Errors
    /// `AlreadyInitialized` (also on the bare implementation), `ZeroAddress`
    /// for a zero issuer or controller, `InvalidPartition` for a zero default
    /// partition.
    ///
    /// # Events
    /// `IssuerChanged(0, issuer)`, `ControllerAppointed` per controller,
    /// `DefaultPartitionsChanged`, `Initialized`.
    #[allow(clippy::too_many_arguments)]
    pub fn initialize(
        &mut self,
        name: &[u8],
        symbol: &[u8],
        decimals: u8,
        issuer: Address,
        controllers: Vec<Address>,
        default_partitions: Vec<B256>,
        account_manager: Address,
        security_kind: &[u8],
        issue_id: B256,
    ) -> Result<(), Error> {
        if self.status_byte() != 0 {
            return Err(Error::AlreadyInitialized(AlreadyInitialized {}));
        }
        if issuer.is_zero() || controllers.contains(&Address::ZERO) {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        self.store_default_partitions(&default_partitions)?;
        self.name.set_bytes(name);
        self.symbol.set_bytes(symbol);
        self.decimals.set(crate::words::u8_value(decimals));
        self.issuer.set(issuer);
        self.account_manager.set(account_manager);
        self.security_kind.set_bytes(security_kind);
        self.issue_id.set(issue_id);
        self.set_status_bit(status_bits::INITIALIZED, true);
        let by = self.vm().msg_sender();
        let vm = self.vm();
        let changed = Admin::IssuerChanged::SIGNATURE_HASH;
        events::indexed(vm, changed, &[topic(Address::ZERO), topic(issuer)]);
        for controller in controllers {
            self.add_role(controller, role_bits::CONTROLLER);
            let appointed = Admin::ControllerAppointed::SIGNATURE_HASH;
            events::indexed(self.vm(), appointed, &[topic(controller), topic(by)]);
        }
        let vm = self.vm();
        events::default_partitions_changed(vm, &default_partitions);
        let initialized = Admin::Initialized::SIGNATURE_HASH;
        events::indexed(vm, initialized, &[topic(issuer), issue_id]);
        Ok(())
    }

    /// `issueInfo`: the issue's ledger metadata (issuer,
    /// account-management institution, kind of security, issue id).
    pub fn issue_info(&self) -> (Address, Address, Vec<u8>, B256) {
        (
            self.issuer.get(),
            self.account_manager.get(),
            self.security_kind.get_bytes(),
            self.issue_id.get(),
        )
    }
}
