//! Upgradeable beacon for Arbitrum Stylus (R20).
//!
//! Every token proxy asks this contract for its implementation on each call,
//! so one `upgradeTo` upgrades every token at once while each keeps its own
//! state. Follows OpenZeppelin's `UpgradeableBeacon` + `Ownable2Step`, with
//! two deliberate differences:
//! - `upgradeTo` accepts an address only if it holds code, and, when that
//!   code is a Stylus program (`EF F0 00` prefix), only if ArbWasm reports it
//!   activated (`codehashVersion` answers): a proxy pointed at an
//!   unactivated program would revert on every call.
//! - there is no `renounceOwnership`: a beacon without an owner could never
//!   be upgraded again, which for a regulated token is a trap, not a feature.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

use alloc::{vec, vec::Vec};

pub use beacon_abi::beacon::{
    BeaconInvalidImplementation, OwnableInvalidOwner, OwnableUnauthorizedAccount,
    OwnershipTransferStarted, OwnershipTransferred, Upgraded,
};
use beacon_abi::{arb_wasm::IArbWasm, ARB_WASM, STYLUS_PREFIX};
use stylus_sdk::{
    alloy_primitives::Address, alloy_sol_types::SolCall, call::RawCall, prelude::*,
    storage::StorageAddress,
};

/// Every way a beacon call can fail, as Solidity custom errors.
#[derive(SolidityError, Debug)]
pub enum BeaconError {
    /// The new implementation has no code or is an unactivated program.
    InvalidImplementation(BeaconInvalidImplementation),
    /// The caller is not allowed to do this.
    Unauthorized(OwnableUnauthorizedAccount),
    /// The zero address cannot own the beacon.
    InvalidOwner(OwnableInvalidOwner),
}

/// Storage of the beacon. Not proxied itself, so the layout may change
/// between beacon versions; it is still described for the checker.
#[entrypoint]
#[storage]
pub struct UpgradeableBeacon {
    /// Implementation every proxy of this beacon delegates to.
    implementation: StorageAddress,
    /// Account allowed to upgrade and to start an ownership handover.
    owner: StorageAddress,
    /// Nominee of a started handover, zero when none.
    pending_owner: StorageAddress,
}

#[public]
impl UpgradeableBeacon {
    /// Sets the first implementation and the owner.
    ///
    /// # Errors
    /// `BeaconInvalidImplementation` if `implementation` holds no code or an
    /// unactivated program; `OwnableInvalidOwner` if `owner` is zero.
    ///
    /// # Events
    /// `OwnershipTransferred(0, owner)`, then `Upgraded(implementation)`.
    #[constructor]
    pub fn constructor(
        &mut self,
        implementation: Address,
        owner: Address,
    ) -> Result<(), BeaconError> {
        if owner.is_zero() {
            return Err(BeaconError::InvalidOwner(OwnableInvalidOwner { owner }));
        }
        self.set_owner(owner);
        self.set_implementation(implementation)
    }

    /// Current implementation of every proxy that follows this beacon.
    pub fn implementation(&self) -> Address {
        self.implementation.get()
    }

    /// Points every proxy at `new_implementation`.
    ///
    /// # Errors
    /// `OwnableUnauthorizedAccount(caller)` unless the caller is the owner;
    /// `BeaconInvalidImplementation` if the address holds no code or an
    /// unactivated program.
    ///
    /// # Events
    /// `Upgraded(new_implementation)`.
    pub fn upgrade_to(&mut self, new_implementation: Address) -> Result<(), BeaconError> {
        self.only_owner()?;
        self.set_implementation(new_implementation)
    }

    /// Account allowed to upgrade.
    pub fn owner(&self) -> Address {
        self.owner.get()
    }

    /// Nominee of a started ownership handover, zero when none.
    pub fn pending_owner(&self) -> Address {
        self.pending_owner.get()
    }

    /// Nominates `new_owner`; ownership moves when they call
    /// `acceptOwnership`. Nominating zero cancels a pending handover.
    ///
    /// # Errors
    /// `OwnableUnauthorizedAccount(caller)` unless the caller is the owner.
    ///
    /// # Events
    /// `OwnershipTransferStarted(owner, new_owner)`.
    pub fn transfer_ownership(&mut self, new_owner: Address) -> Result<(), BeaconError> {
        self.only_owner()?;
        self.pending_owner.set(new_owner);
        let previous_owner = self.owner.get();
        self.vm().log(OwnershipTransferStarted {
            previousOwner: previous_owner,
            newOwner: new_owner,
        });
        Ok(())
    }

    /// Completes the handover started by `transferOwnership`.
    ///
    /// # Errors
    /// `OwnableUnauthorizedAccount(caller)` unless the caller is the nominee.
    ///
    /// # Events
    /// `OwnershipTransferred(previous owner, caller)`.
    pub fn accept_ownership(&mut self) -> Result<(), BeaconError> {
        let caller = self.vm().msg_sender();
        if caller.is_zero() || caller != self.pending_owner.get() {
            return Err(BeaconError::Unauthorized(OwnableUnauthorizedAccount {
                account: caller,
            }));
        }
        self.set_owner(caller);
        Ok(())
    }
}

impl UpgradeableBeacon {
    /// Reverts unless the caller is the owner.
    fn only_owner(&self) -> Result<(), BeaconError> {
        let caller = self.vm().msg_sender();
        if caller != self.owner.get() {
            return Err(BeaconError::Unauthorized(OwnableUnauthorizedAccount {
                account: caller,
            }));
        }
        Ok(())
    }

    /// Moves ownership, clearing any pending nominee.
    fn set_owner(&mut self, new_owner: Address) {
        let previous_owner = self.owner.get();
        self.owner.set(new_owner);
        self.pending_owner.set(Address::ZERO);
        self.vm().log(OwnershipTransferred {
            previousOwner: previous_owner,
            newOwner: new_owner,
        });
    }

    /// Checks and stores a new implementation.
    fn set_implementation(&mut self, implementation: Address) -> Result<(), BeaconError> {
        if !self.is_usable_code(implementation) {
            return Err(BeaconError::InvalidImplementation(
                BeaconInvalidImplementation { implementation },
            ));
        }
        self.implementation.set(implementation);
        self.vm().log(Upgraded { implementation });
        Ok(())
    }

    /// Whether `account` holds EVM code or an activated Stylus program.
    fn is_usable_code(&self, account: Address) -> bool {
        if self.vm().code_size(account) == 0 {
            return false;
        }
        let code = self.vm().code(account);
        if !code.starts_with(&STYLUS_PREFIX) {
            return true;
        }
        let query = IArbWasm::codehashVersionCall {
            codehash: self.vm().code_hash(account),
        }
        .abi_encode();
        // SAFETY: a static call cannot change this contract's storage, and
        // nothing is cached that the callee could observe.
        unsafe { RawCall::new_static(self.vm()).call(ARB_WASM, &query) }.is_ok()
    }
}

#[cfg(test)]
mod tests;
