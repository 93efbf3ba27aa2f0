//! Pause of all transfers by the issuer (R19).
//!
//! While paused, holder and operator transfers, issuance and redemption
//! revert with `TransfersPaused`; forced moves by a controller (ERC-1644
//! functions, or the operator functions called by a controller while the
//! token is controllable) still work, so a court order can be executed
//! during a halt.

use crate::{
    errors::*,
    events::{self, topic},
    storage::{status_bits, SecurityToken},
};
use sto_abi::ISecurityTokenAdmin as Admin;
use stylus_sdk::{alloy_sol_types::SolEvent, prelude::*};

impl SecurityToken {
    /// `paused`: whether transfers are paused.
    pub fn paused(&self) -> bool {
        self.status_byte() & status_bits::PAUSED != 0
    }

    /// `pause`: halts transfers, issuance and redemption, not forced moves
    /// (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `TransfersPaused` if already paused.
    ///
    /// # Events
    /// `Paused`.
    pub fn pause(&mut self) -> Result<(), Error> {
        self.set_paused(true)
    }

    /// `unpause`: resumes transfers (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `NotPaused`.
    ///
    /// # Events
    /// `Unpaused`.
    pub fn unpause(&mut self) -> Result<(), Error> {
        self.set_paused(false)
    }

    /// Pauses (`on`) or unpauses transfers.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `TransfersPaused` when pausing twice,
    /// `NotPaused` when unpausing a running token.
    pub(crate) fn set_paused(&mut self, on: bool) -> Result<(), Error> {
        let by = self.vm().msg_sender();
        let status = self.require_issuer(by)?;
        let paused = status & status_bits::PAUSED != 0;
        if on && paused {
            return Err(Error::TransfersPaused(TransfersPaused {}));
        }
        if !on && !paused {
            return Err(Error::NotPaused(NotPaused {}));
        }
        self.set_status_bit(status_bits::PAUSED, on);
        let sig = if on {
            Admin::Paused::SIGNATURE_HASH
        } else {
            Admin::Unpaused::SIGNATURE_HASH
        };
        events::indexed(self.vm(), sig, &[topic(by)]);
        Ok(())
    }
}
