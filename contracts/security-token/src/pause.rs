//! Pause of all transfers by the issuer (R19).
//!
//! While paused, holder and operator transfers, issuance and redemption
//! revert with `TransfersPaused`; forced moves by a controller (ERC-1644
//! functions, or the operator functions called by a controller while the
//! token is controllable) still work, so a court order can be executed
//! during a halt.

use crate::{
    errors::*,
    storage::{status_bits, SecurityToken},
};
use sto_abi::ISecurityTokenAdmin;
use stylus_sdk::prelude::*;

impl SecurityToken {
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
        if on {
            self.vm().log(ISecurityTokenAdmin::Paused { by });
        } else {
            self.vm().log(ISecurityTokenAdmin::Unpaused { by });
        }
        Ok(())
    }
}
