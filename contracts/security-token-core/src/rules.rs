//! The Korean token-securities rules every move checks on the hot path
//! (R10, R12, R16, R17), stated in full in docs/compliance.md.
//!
//! All of them read the holder word the move touches anyway (registered,
//! category and frozen bits share one slot) and the caller's role byte, so
//! compliance adds no storage read to a transfer between two registered
//! holders of one category, and no write at all: per-category totals change
//! only when the two sides are in different categories.
//!
//! - KYC (R12): holder, operator and issuer-side moves need a registered
//!   sender and receiver; a controller's forced move needs only a
//!   registered receiver (the court or the law, not the holder, orders it;
//!   the value must still land on a known account).
//! - Freeze (R10): a frozen address cannot send by holder or operator.
//!   It can still receive, and forced moves still apply.
//! - Self-dealing (R16): a distribution-side operator may not move value
//!   from or to its own address, nor between one account and itself.

use crate::{
    errors::*,
    storage::{role_bits, SecurityToken},
    words::{self, FROZEN_BIT, REGISTERED_BIT},
};
use stylus_sdk::alloy_primitives::{Address, U256, U8};

impl SecurityToken {
    /// The packed holder word of `holder` (flags and category).
    pub(crate) fn holder_word(&self, holder: Address) -> U256 {
        self.holders.get(holder)
    }

    /// KYC and freeze of the sender of a non-forced move.
    ///
    /// # Errors
    /// `SenderNotRegistered`, `SenderFrozen`.
    pub(crate) fn check_sender(&self, from: Address) -> Result<(), Error> {
        let word = self.holder_word(from);
        if !word.bit(REGISTERED_BIT) {
            return Err(Error::SenderNotRegistered(SenderNotRegistered {
                holder: from,
            }));
        }
        if word.bit(FROZEN_BIT) {
            return Err(Error::SenderFrozen(SenderFrozen { holder: from }));
        }
        Ok(())
    }

    /// KYC of the receiver of any move (forced ones included).
    ///
    /// # Errors
    /// `ReceiverNotRegistered`.
    pub(crate) fn check_receiver(&self, to: Address) -> Result<(), Error> {
        if !self.holder_word(to).bit(REGISTERED_BIT) {
            return Err(Error::ReceiverNotRegistered(ReceiverNotRegistered {
                holder: to,
            }));
        }
        Ok(())
    }

    /// Self-dealing of a distribution-side operator (`roles` are the
    /// caller's role bits); `to` is zero for a redemption.
    ///
    /// # Errors
    /// `SelfDealing(operator, account)`.
    pub(crate) fn check_self_dealing(
        roles: u8,
        operator: Address,
        from: Address,
        to: Address,
    ) -> Result<(), Error> {
        if roles & role_bits::DISTRIBUTION_OPERATOR == 0 {
            return Ok(());
        }
        let account = if from == operator || from == to {
            from
        } else if to == operator {
            to
        } else {
            return Ok(());
        };
        Err(Error::SelfDealing(SelfDealing { operator, account }))
    }

    /// Keeps the per-category totals (R17) for `value` leaving `from`'s
    /// category and entering `to`'s (zero addresses and never-registered
    /// holders count as category 0, which is derived, not stored). Writes
    /// nothing when both sides are in one category.
    pub(crate) fn move_category_supply(&mut self, from: Address, to: Address, value: U256) {
        let category_of = |token: &Self, a: Address| {
            if a.is_zero() {
                0
            } else {
                words::category(token.holder_word(a))
            }
        };
        let (from_category, to_category) = (category_of(self, from), category_of(self, to));
        if from_category == to_category {
            return;
        }
        if from_category != 0 {
            self.change_category_supply(from_category, value, false);
        }
        if to_category != 0 {
            self.change_category_supply(to_category, value, true);
        }
    }

    /// Adds `value` to (`add`) or takes it from the total of `category`.
    pub(crate) fn change_category_supply(&mut self, category: u8, value: U256, add: bool) {
        let key = U8::from_limbs([category as u64]);
        let total = self.category_supply.get(key);
        let total = if add { total + value } else { total - value };
        self.category_supply.setter(key).set(total);
    }

    /// Stored total of `category` (1..=3).
    pub(crate) fn category_total(&self, category: u8) -> U256 {
        self.category_supply.get(U8::from_limbs([category as u64]))
    }
}
