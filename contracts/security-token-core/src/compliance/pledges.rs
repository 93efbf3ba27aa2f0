//! Pledge (질권, R14): an amount of a holder's partition locked in favour
//! of a pledgee.
//!
//! `pledge` (issuer or controller) records the pledge and adds the amount
//! to the holding's locked amount, so it cannot move by holder, operator
//! or forced transfer, nor be seized. `releasePledge` (the pledgee, or a
//! controller) unlocks it; `enforcePledge` (a controller) unlocks it and
//! moves it to the pledgee, who must be registered. Records are never
//! deleted: a released or enforced pledge keeps its id and data.

use crate::{
    encoding::{addr, uint, word},
    errors::*,
    events::{self, topic},
    storage::SecurityToken,
    transfers::{Chunk, Movement},
    words,
};
use alloc::vec::Vec;
use sto_abi::ISecurityTokenCompliance as C;
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    alloy_sol_types::SolEvent,
    prelude::*,
};

/// Pledge status: locked in favour of the pledgee.
pub const PLEDGE_ACTIVE: u8 = 1;
/// Pledge status: released, value unlocked for the holder.
pub const PLEDGE_RELEASED: u8 = 2;
/// Pledge status: enforced, value moved to the pledgee.
pub const PLEDGE_ENFORCED: u8 = 3;

/// A pledge record as read from storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pledge {
    /// The pledgor.
    pub holder: Address,
    /// Pledged partition.
    pub partition: B256,
    /// Pledged amount.
    pub amount: U256,
    /// The pledgee.
    pub pledgee: Address,
    /// Caller's reference.
    pub reference: B256,
    /// [`PLEDGE_ACTIVE`], [`PLEDGE_RELEASED`] or [`PLEDGE_ENFORCED`].
    pub status: u8,
}

impl SecurityToken {
    /// `pledge` (issuer or controller): returns the new pledge's id.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuerOrController`, `ZeroAddress` (holder or
    /// pledgee), `SelfAuthorization` (pledgee = holder), `InvalidPartition`,
    /// `InsufficientBalance`, `LockedBalance`.
    ///
    /// # Events
    /// `PledgeCreated`.
    pub fn pledge(
        &mut self,
        holder: Address,
        partition: B256,
        amount: U256,
        pledgee: Address,
        reference: B256,
    ) -> Result<U256, Error> {
        let caller = self.vm().msg_sender();
        self.require_issuer_or_controller(caller)?;
        super::freeze::non_zero(holder)?;
        super::freeze::non_zero(pledgee)?;
        if pledgee == holder {
            return Err(Error::SelfAuthorization(SelfAuthorization {}));
        }
        self.check_lockable(holder, partition, amount)?;
        self.change_locked(holder, partition, amount, true, false);
        let mut record = self.pledges.grow();
        record.holder.set(holder);
        record.status.set(words::u8_value(PLEDGE_ACTIVE));
        record.pledgee.set(pledgee);
        record.partition.set(partition);
        record.amount.set(amount);
        record.reference.set(reference);
        let id = U256::from_limbs([self.pledges.len() as u64, 0, 0, 0]);
        self.holder_pledges.setter(holder).push(id);
        events::emit(
            self.vm(),
            &[
                C::PledgeCreated::SIGNATURE_HASH,
                id.into(),
                topic(holder),
                topic(pledgee),
            ],
            &[word(partition), uint(amount), word(reference), addr(caller)],
        );
        Ok(id)
    }

    /// `releasePledge` (the pledgee, or a controller).
    ///
    /// # Errors
    /// `NotInitialized`, `UnknownPledge`, `PledgeNotActive`,
    /// `NotPledgeeOrController`.
    ///
    /// # Events
    /// `PledgeReleased`.
    pub fn release_pledge(&mut self, id: U256) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        self.live_status()?;
        let pledge = self.active_pledge(id)?;
        if caller != pledge.pledgee && !self.acts_as_controller(caller) {
            return Err(Error::NotPledgeeOrController(NotPledgeeOrController {
                account: caller,
            }));
        }
        self.close_pledge(id, &pledge, PLEDGE_RELEASED);
        let sig = C::PledgeReleased::SIGNATURE_HASH;
        events::indexed(self.vm(), sig, &[id.into(), topic(caller)]);
        Ok(())
    }

    /// `enforcePledge` (controller): moves the pledged value to the
    /// pledgee.
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`,
    /// `UnknownPledge`, `PledgeNotActive`, `ReceiverNotRegistered`.
    ///
    /// # Events
    /// `TransferByPartition`, `Transfer`, `PledgeEnforced`,
    /// `ControllerTransfer`.
    pub fn enforce_pledge(&mut self, id: U256) -> Result<(), Error> {
        let controller = self.vm().msg_sender();
        self.require_controller(controller)?;
        let pledge = self.active_pledge(id)?;
        self.check_receiver(pledge.pledgee)?;
        self.close_pledge(id, &pledge, PLEDGE_ENFORCED);
        let movement = Movement {
            operator: controller,
            from: pledge.holder,
            to: pledge.pledgee,
            data: pledge.reference.as_slice(),
            operator_data: &[],
        };
        self.move_value(&movement, Chunk::within(pledge.partition, pledge.amount));
        let sig = C::PledgeEnforced::SIGNATURE_HASH;
        let topics = [id.into(), topic(pledge.pledgee), topic(controller)];
        events::indexed(self.vm(), sig, &topics);
        self.emit_controller_event(&movement, pledge.amount);
        Ok(())
    }

    /// `pledgedBalanceOf`: active pledges on (`holder`, `partition`).
    pub fn pledged_balance_of(&self, partition: B256, holder: Address) -> U256 {
        self.pledged_in(holder, partition)
    }

    /// `getPledge`.
    ///
    /// # Errors
    /// `UnknownPledge`.
    pub fn get_pledge(&self, id: U256) -> Result<Pledge, Error> {
        let unknown = Error::UnknownPledge(UnknownPledge { id });
        let index = pledge_index(id).ok_or(unknown.clone())?;
        let record = self.pledges.get(index).ok_or(unknown)?;
        Ok(Pledge {
            holder: record.holder.get(),
            partition: record.partition.get(),
            amount: record.amount.get(),
            pledgee: record.pledgee.get(),
            reference: record.reference.get(),
            status: words::byte_of(record.status.get()),
        })
    }

    /// `pledgesOf`: ids of every pledge of `holder`, in order.
    pub fn pledges_of(&self, holder: Address) -> Vec<U256> {
        let list = self.holder_pledges.getter(holder);
        (0..list.len()).filter_map(|i| list.get(i)).collect()
    }

    /// The pledge `id`, if active.
    ///
    /// # Errors
    /// `UnknownPledge`, `PledgeNotActive`.
    fn active_pledge(&self, id: U256) -> Result<Pledge, Error> {
        let pledge = self.get_pledge(id)?;
        if pledge.status != PLEDGE_ACTIVE {
            return Err(Error::PledgeNotActive(PledgeNotActive { id }));
        }
        Ok(pledge)
    }

    /// Unlocks an active pledge's value and sets its final `status`.
    fn close_pledge(&mut self, id: U256, pledge: &Pledge, status: u8) {
        self.change_locked(pledge.holder, pledge.partition, pledge.amount, false, false);
        if let Some(index) = pledge_index(id) {
            if let Some(mut record) = self.pledges.setter(index) {
                record.status.set(words::u8_value(status));
            }
        }
    }
}

/// Index in the pledge vector of pledge `id` (ids start at 1).
fn pledge_index(id: U256) -> Option<usize> {
    let limbs = id.as_limbs();
    if limbs[1] != 0 || limbs[2] != 0 || limbs[3] != 0 || limbs[0] == 0 {
        return None;
    }
    usize::try_from(limbs[0] - 1).ok()
}
