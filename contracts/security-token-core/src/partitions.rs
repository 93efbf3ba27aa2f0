//! ERC-1410 partitions: per-holder holdings, the list of a holder's
//! partitions, per-partition supply, the list of all partitions and the
//! issuer-set default partitions.
//!
//! Invariants kept here (R1): a holder's partitions are exactly those with a
//! non-zero balance; the sum of a holder's holdings equals the holder word's
//! balance; the sum of partition supplies equals the total supply. Partition
//! 0x00..00 is reserved and never holds value.

use crate::{errors::*, events, storage::SecurityToken, words};
use alloc::vec::Vec;
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    prelude::*,
};

impl SecurityToken {
    /// `balanceOfByPartition`.
    pub fn balance_of_by_partition(&self, partition: B256, token_holder: Address) -> U256 {
        words::low(self.holding(token_holder, partition))
    }

    /// `partitionsOf`: partitions in which `token_holder` has a non-zero
    /// balance.
    pub fn partitions_of(&self, token_holder: Address) -> Vec<B256> {
        self.holder_partition_list(token_holder)
    }

    /// `totalSupplyByPartition`.
    pub fn total_supply_by_partition(&self, partition: B256) -> U256 {
        self.supply_of(partition)
    }

    /// `totalPartitions`: every partition that ever held supply, in order
    /// of appearance.
    pub fn total_partitions(&self) -> Vec<B256> {
        self.all_partitions()
    }

    /// `getDefaultPartitions`: the order partition-less calls use.
    pub fn get_default_partitions(&self) -> Vec<B256> {
        self.default_partitions()
    }

    /// `setDefaultPartitions` (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `InvalidPartition` (zero partition).
    ///
    /// # Events
    /// `DefaultPartitionsChanged`.
    pub fn set_default_partitions(&mut self, partitions: Vec<B256>) -> Result<(), Error> {
        self.require_issuer(self.vm().msg_sender())?;
        self.store_default_partitions(&partitions)?;
        events::default_partitions_changed(self.vm(), &partitions);
        Ok(())
    }

    /// The packed holding word of (`holder`, `partition`).
    pub(crate) fn holding(&self, holder: Address, partition: B256) -> U256 {
        self.holdings.getter(holder).getter(partition).get()
    }

    /// Partitions held by `holder` with a non-zero balance.
    pub(crate) fn holder_partition_list(&self, holder: Address) -> Vec<B256> {
        let list = self.holder_partitions.getter(holder);
        (0..list.len()).filter_map(|i| list.get(i)).collect()
    }

    /// Every partition that ever held supply, in order of first issue.
    pub(crate) fn all_partitions(&self) -> Vec<B256> {
        (0..self.partitions.len())
            .filter_map(|i| self.partitions.get(i))
            .collect()
    }

    /// The default partitions, in the order partition-less calls use them.
    pub(crate) fn default_partitions(&self) -> Vec<B256> {
        (0..self.default_partitions.len())
            .filter_map(|i| self.default_partitions.get(i))
            .collect()
    }

    /// Replaces the default partitions; rejects the reserved zero partition.
    pub(crate) fn store_default_partitions(&mut self, partitions: &[B256]) -> Result<(), Error> {
        if partitions.contains(&B256::ZERO) {
            return Err(Error::InvalidPartition(InvalidPartition {
                partition: B256::ZERO,
            }));
        }
        while self.default_partitions.pop().is_some() {}
        for partition in partitions {
            self.default_partitions.push(*partition);
        }
        Ok(())
    }

    /// Adds `value` to (`holder`, `partition`), listing the partition for
    /// the holder when its balance leaves zero.
    pub(crate) fn credit_holding(&mut self, holder: Address, partition: B256, value: U256) {
        let word = self.holding(holder, partition);
        let balance = words::low(word);
        if balance.is_zero() {
            self.holder_partitions.setter(holder).push(partition);
        }
        self.holdings
            .setter(holder)
            .setter(partition)
            .set(words::with_low(word, balance + value));
    }

    /// Takes `value` from (`holder`, `partition`) (callers checked the
    /// unlocked balance), unlisting the partition when it reaches zero.
    pub(crate) fn debit_holding(&mut self, holder: Address, partition: B256, value: U256) {
        let word = self.holding(holder, partition);
        let balance = words::low(word) - value;
        self.holdings
            .setter(holder)
            .setter(partition)
            .set(words::with_low(word, balance));
        if balance.is_zero() {
            self.unlist_holder_partition(holder, partition);
        }
    }

    /// Swap-and-pop removal of `partition` from `holder`'s list. Lists are
    /// short (a holder has few partitions), so a scan is cheaper than keeping
    /// an index slot per holding.
    fn unlist_holder_partition(&mut self, holder: Address, partition: B256) {
        let mut list = self.holder_partitions.setter(holder);
        let len = list.len();
        for i in 0..len {
            if list.get(i) == Some(partition) {
                let last = list.get(len - 1).unwrap_or_default();
                if i != len - 1 {
                    if let Some(mut slot) = list.setter(i) {
                        slot.set(last);
                    }
                }
                list.erase_last();
                return;
            }
        }
    }

    /// Adds `delta` to (`add`) or takes it from the total supply of `partition`,
    /// listing the partition the first time it holds supply.
    pub(crate) fn change_partition_supply(&mut self, partition: B256, delta: U256, add: bool) {
        let word = self.partition_supply.get(partition);
        let supply = words::low(word);
        let supply = if add { supply + delta } else { supply - delta };
        let mut word = words::with_low(word, supply);
        if add && !word.bit(words::LISTED_BIT) {
            word.set_bit(words::LISTED_BIT, true);
            self.partitions.push(partition);
        }
        self.partition_supply.setter(partition).set(word);
    }

    /// Total supply of `partition`.
    pub(crate) fn supply_of(&self, partition: B256) -> U256 {
        words::low(self.partition_supply.get(partition))
    }

    /// Balance of `holder` over all partitions: the sum of its listed
    /// holdings (no total is stored, so a transfer writes no holder word).
    pub(crate) fn holder_balance(&self, holder: Address) -> U256 {
        self.holder_partition_list(holder)
            .into_iter()
            .map(|p| words::low(self.holding(holder, p)))
            .fold(U256::ZERO, |a, b| a + b)
    }
}
