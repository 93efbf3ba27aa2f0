//! The one choke point for every balance movement.
//!
//! Issue, redeem, holder transfer, operator transfer and controller moves
//! all end in [`SecurityToken::move_value`]: it updates holdings, holder
//! words, partition supplies and the total supply, and emits the events of
//! the movement. Authorisation and rules are checked *before* it runs, by a
//! validation function that returns the planned [`Chunk`]s; the same
//! validation answers `canTransfer*`, so "would succeed" and "succeeds"
//! cannot disagree.
//!
//! Events per chunk: a transfer emits `TransferByPartition` (+
//! `ChangedPartition` when the partition changes) and ERC-20 `Transfer`; an
//! issue emits `IssuedByPartition`, `Issued` and `Transfer(0, to)`; a
//! redemption emits `RedeemedByPartition`, `Redeemed` and `Transfer(from, 0)`.

use crate::{errors::*, events, storage::SecurityToken, words};
use alloc::vec::Vec;
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    prelude::*,
};

/// Balance of a holding word.
fn holding_total(holding: U256) -> U256 {
    words::low(holding)
}

/// Why `required` cannot move: `LockedBalance` (0x55) when the balance
/// would suffice but frozen or pledged value is in the way, else
/// `InsufficientBalance` (0x52).
pub(crate) fn short_of(
    holder: Address,
    partition: B256,
    balance: U256,
    unlocked: U256,
    required: U256,
) -> Error {
    if balance >= required {
        Error::LockedBalance(LockedBalance {
            holder,
            partition,
            unlocked,
            required,
        })
    } else {
        insufficient_balance(holder, partition, unlocked, required)
    }
}

/// One planned movement of `value` out of `from_partition` into
/// `to_partition`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Chunk {
    /// Partition debited (or issued into, for an issue).
    pub from_partition: B256,
    /// Partition credited (equal to `from_partition` unless changed).
    pub to_partition: B256,
    /// Amount of the chunk.
    pub value: U256,
}

impl Chunk {
    /// A chunk that stays in its partition.
    pub fn within(partition: B256, value: U256) -> Self {
        Chunk {
            from_partition: partition,
            to_partition: partition,
            value,
        }
    }
}

/// Who moves what between whom, with the data the events carry.
pub(crate) struct Movement<'a> {
    /// The account calling (holder, operator, controller or issuer).
    pub operator: Address,
    /// Debited holder; `Address::ZERO` for an issue.
    pub from: Address,
    /// Credited holder; `Address::ZERO` for a redemption.
    pub to: Address,
    /// Holder-supplied data.
    pub data: &'a [u8],
    /// Operator-supplied data.
    pub operator_data: &'a [u8],
}

impl SecurityToken {
    /// `transferByPartition`: moves the caller's tokens in `partition`;
    /// returns the receiver's partition (always `partition`: holders cannot
    /// change partitions).
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidReceiver`,
    /// `InvalidPartition`, `InsufficientBalance`.
    ///
    /// # Events
    /// `TransferByPartition`, `Transfer`.
    pub fn transfer_by_partition(
        &mut self,
        partition: B256,
        to: Address,
        value: U256,
        data: &[u8],
    ) -> Result<B256, Error> {
        let from = self.vm().msg_sender();
        let chunks = self.validate_transfer(None, from, to, Some(partition), value)?;
        let movement = Movement {
            operator: from,
            from,
            to,
            data,
            operator_data: &[],
        };
        self.move_chunks(&movement, &chunks);
        Ok(partition)
    }

    /// `transferWithData`: from the default partitions.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidReceiver`,
    /// `NoDefaultPartitions`, `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `TransferByPartition`, `Transfer`.
    pub fn transfer_with_data(
        &mut self,
        to: Address,
        value: U256,
        data: &[u8],
    ) -> Result<(), Error> {
        self.send(None, to, value, data)
    }

    /// `transferFromWithData`: `from`'s tokens from the default partitions,
    /// debiting the caller's ERC-20 allowance.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidSender`,
    /// `InvalidReceiver`, `InsufficientAllowance`, `NoDefaultPartitions`,
    /// `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `TransferByPartition`, `Transfer`; `Approval` is
    /// not emitted for the debit.
    pub fn transfer_from_with_data(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
        data: &[u8],
    ) -> Result<(), Error> {
        self.send(Some(from), to, value, data)
    }

    /// Plans taking `value` of `holder`'s unlocked balance: from `partition`
    /// if given, else from the default partitions in order.
    ///
    /// # Errors
    /// `InvalidPartition` for the zero partition, `NoDefaultPartitions`,
    /// `InsufficientBalance` (partition 0x00..00 when drawing from the
    /// defaults).
    pub(crate) fn plan_debit(
        &self,
        holder: Address,
        partition: Option<B256>,
        value: U256,
    ) -> Result<Vec<Chunk>, Error> {
        if let Some(partition) = partition {
            if partition.is_zero() {
                return Err(Error::InvalidPartition(InvalidPartition { partition }));
            }
            let holding = self.holding(holder, partition);
            let available = words::unlocked(holding);
            if available < value {
                return Err(short_of(
                    holder,
                    partition,
                    holding_total(holding),
                    available,
                    value,
                ));
            }
            return Ok(alloc::vec![Chunk::within(partition, value)]);
        }
        let defaults = self.default_partitions();
        let Some(first) = defaults.first() else {
            return Err(Error::NoDefaultPartitions(NoDefaultPartitions {}));
        };
        if value.is_zero() {
            return Ok(alloc::vec![Chunk::within(*first, value)]);
        }
        let mut chunks = Vec::new();
        let mut remaining = value;
        let mut available_total = U256::ZERO;
        let mut balance_total = U256::ZERO;
        for partition in defaults {
            let holding = self.holding(holder, partition);
            let available = words::unlocked(holding);
            available_total += available;
            balance_total += holding_total(holding);
            let take = available.min(remaining);
            if !take.is_zero() {
                chunks.push(Chunk::within(partition, take));
                remaining -= take;
                if remaining.is_zero() {
                    return Ok(chunks);
                }
            }
        }
        Err(short_of(
            holder,
            B256::ZERO,
            balance_total,
            available_total,
            value,
        ))
    }

    /// Applies every chunk of a validated plan.
    pub(crate) fn move_chunks(&mut self, movement: &Movement, chunks: &[Chunk]) {
        for chunk in chunks {
            self.move_value(movement, *chunk);
        }
    }

    /// THE choke point: moves one validated chunk and emits its events.
    /// Zero-value chunks write nothing and only emit the events.
    pub(crate) fn move_value(&mut self, m: &Movement, chunk: Chunk) {
        let Chunk {
            from_partition,
            to_partition,
            value,
        } = chunk;
        if !value.is_zero() {
            if !m.from.is_zero() {
                self.debit_holding(m.from, from_partition, value);
            }
            if !m.to.is_zero() {
                self.credit_holding(m.to, to_partition, value);
            }
            self.move_category_supply(m.from, m.to, value);
            let supply = self.total_supply.get();
            if m.from.is_zero() {
                self.change_partition_supply(to_partition, value, true);
                self.total_supply.set(supply + value);
            } else if m.to.is_zero() {
                self.change_partition_supply(from_partition, value, false);
                self.total_supply.set(supply - value);
            } else if from_partition != to_partition {
                self.change_partition_supply(from_partition, value, false);
                self.change_partition_supply(to_partition, value, true);
            }
        }
        self.emit_movement(m, chunk);
    }

    fn emit_movement(&self, m: &Movement, chunk: Chunk) {
        let moved = events::Moved {
            operator: m.operator,
            from: m.from,
            to: m.to,
            partition: chunk.from_partition,
            value: chunk.value,
            data: m.data,
            operator_data: m.operator_data,
        };
        let vm = self.vm();
        if m.from.is_zero() {
            events::issued(
                vm,
                &events::Moved {
                    partition: chunk.to_partition,
                    ..moved
                },
            );
        } else if m.to.is_zero() {
            events::redeemed(vm, &moved);
        } else {
            events::transfer_by_partition(vm, &moved);
            if chunk.from_partition != chunk.to_partition {
                events::changed_partition(
                    vm,
                    chunk.from_partition,
                    chunk.to_partition,
                    chunk.value,
                );
            }
        }
        events::transfer(vm, m.from, m.to, chunk.value);
    }
}

impl SecurityToken {
    /// Validates a transfer `from` sends itself (`transfer`,
    /// `transferWithData`, `transferByPartition`) or that a spender sends
    /// with an allowance (`spender` Some: `transferFrom`,
    /// `transferFromWithData`). `partition` None draws from the defaults.
    ///
    /// Order of checks: initialised, paused, sender (zero, KYC, frozen),
    /// receiver (zero, KYC), allowance, partition, balance.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidSender`,
    /// `InvalidReceiver`, `SenderNotRegistered`, `SenderFrozen`,
    /// `ReceiverNotRegistered`, `InsufficientAllowance`, `InvalidPartition`,
    /// `NoDefaultPartitions`, `InsufficientBalance`, `LockedBalance`.
    pub(crate) fn validate_transfer(
        &self,
        spender: Option<Address>,
        from: Address,
        to: Address,
        partition: Option<B256>,
        value: U256,
    ) -> Result<Vec<Chunk>, Error> {
        let status = self.live_status()?;
        if status & crate::storage::status_bits::PAUSED != 0 {
            return Err(Error::TransfersPaused(TransfersPaused {}));
        }
        crate::operators::check_parties(from, to, false)?;
        self.check_sender(from)?;
        self.check_receiver(to)?;
        if let Some(spender) = spender {
            self.check_allowance(from, spender, value)?;
        }
        self.plan_debit(from, partition, value)
    }
}
