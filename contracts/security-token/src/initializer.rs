//! One-shot initialisation behind a beacon proxy (R20), and the guard that
//! keeps the bare implementation unusable.
//!
//! Proxies never run the implementation's constructor: a token proxy
//! delegate-calls `initialize` once, in the transaction that creates it. The
//! implementation's own constructor sets the `DISABLED` bit, so the bare
//! implementation refuses `initialize` and every state-changing call.

use crate::{
    errors::*,
    storage::{role_bits, status_bits, SecurityToken},
};
use alloc::string::String;
use sto_abi::ISecurityTokenAdmin;
use stylus_sdk::{
    alloy_primitives::{Address, B256},
    prelude::*,
};

/// Arguments of `initialize`, in ABI order.
pub(crate) struct InitParams {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub issuer: Address,
    pub controllers: alloc::vec::Vec<Address>,
    pub default_partitions: alloc::vec::Vec<B256>,
    pub account_manager: Address,
    pub security_kind: String,
    pub issue_id: B256,
}

impl SecurityToken {
    /// The status bits of an initialised, usable token.
    ///
    /// # Errors
    /// `NotInitialized` before `initialize` and on the bare implementation.
    pub(crate) fn live_status(&self) -> Result<u8, Error> {
        let status = self.status.get().to::<u8>();
        if status & (status_bits::INITIALIZED | status_bits::DISABLED) != status_bits::INITIALIZED {
            return Err(Error::NotInitialized(NotInitialized {}));
        }
        Ok(status)
    }

    /// Sets or clears status bits.
    pub(crate) fn set_status_bit(&mut self, bit: u8, on: bool) {
        let status = self.status.get().to::<u8>();
        let next = if on { status | bit } else { status & !bit };
        self.status
            .set(stylus_sdk::alloy_primitives::U8::from(next));
    }

    /// Marks the bare implementation disabled (its constructor).
    pub(crate) fn disable(&mut self) {
        self.set_status_bit(status_bits::DISABLED, true);
    }

    /// Runs `initialize`.
    ///
    /// # Errors
    /// `AlreadyInitialized` (also on the bare implementation), `ZeroAddress`
    /// for a zero issuer or controller, `InvalidPartition` for a zero default
    /// partition.
    pub(crate) fn init(&mut self, p: InitParams) -> Result<(), Error> {
        if self.status.get().to::<u8>() != 0 {
            return Err(Error::AlreadyInitialized(AlreadyInitialized {}));
        }
        if p.issuer.is_zero() || p.controllers.contains(&Address::ZERO) {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        self.store_default_partitions(&p.default_partitions)?;
        self.name.set_str(&p.name);
        self.symbol.set_str(&p.symbol);
        self.decimals
            .set(stylus_sdk::alloy_primitives::U8::from(p.decimals));
        self.issuer.set(p.issuer);
        self.account_manager.set(p.account_manager);
        self.security_kind.set_str(&p.security_kind);
        self.issue_id.set(p.issue_id);
        self.set_status_bit(status_bits::INITIALIZED, true);
        let by = self.vm().msg_sender();
        self.vm().log(ISecurityTokenAdmin::IssuerChanged {
            previousIssuer: Address::ZERO,
            newIssuer: p.issuer,
        });
        for controller in p.controllers {
            self.add_role(controller, role_bits::CONTROLLER);
            self.vm()
                .log(ISecurityTokenAdmin::ControllerAppointed { controller, by });
        }
        self.vm()
            .log(ISecurityTokenAdmin::DefaultPartitionsChanged {
                partitions: p.default_partitions,
            });
        self.vm().log(ISecurityTokenAdmin::Initialized {
            issuer: p.issuer,
            issueId: p.issue_id,
        });
        Ok(())
    }
}
