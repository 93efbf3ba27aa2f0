//! Total-quantity management and the ledger views (R13, R17).
//!
//! The hot path keeps the per-category totals current on every move
//! (`crate::rules`); category 0 ("unclassified": value held by addresses
//! never registered, i.e. tokens issued before the rules existed) is the
//! remainder, so `individual + corporate + issuerOwn + unclassified ==
//! totalSupply` holds at every block by construction, and the auditor's
//! check is that the stored totals match a full scan of the holders.

use crate::{storage::SecurityToken, words};
use alloc::vec::Vec;
use stylus_sdk::alloy_primitives::{Address, B256, U256};

/// `reconciliation()`: (supply, individual, corporate, issuer-own,
/// unclassified).
pub type Reconciliation = (U256, U256, U256, U256, U256);

/// The issue-level ledger data of `ledger()`.
pub struct Ledger {
    /// The issuer.
    pub issuer: Address,
    /// The account-management institution.
    pub account_manager: Address,
    /// Kind of security.
    pub security_kind: Vec<u8>,
    /// Identifier of the issue.
    pub issue_id: B256,
    /// Issued quantity outstanding (total supply).
    pub issued: U256,
    /// Quantity under active pledges.
    pub pledged: U256,
    /// Quantity under partial freezes.
    pub frozen: U256,
    /// Addresses ever registered.
    pub holders: U256,
}

/// One holder's entry of `ledgerEntry()`.
pub struct LedgerEntry {
    /// KYC registered.
    pub registered: bool,
    /// Holder category.
    pub category: u8,
    /// Whole address frozen.
    pub frozen: bool,
    /// Partitions with a balance.
    pub partitions: Vec<B256>,
    /// Balance per partition.
    pub balances: Vec<U256>,
    /// Pledged amount per partition.
    pub pledged: Vec<U256>,
    /// Frozen amount per partition.
    pub frozen_amounts: Vec<U256>,
    /// Trust-property flag per partition.
    pub trust: Vec<bool>,
}

impl SecurityToken {
    /// `totalSupplyByCategory`; category 0 is the unclassified remainder,
    /// categories above 3 hold nothing.
    pub fn total_supply_by_category(&self, category: u8) -> U256 {
        match category {
            0 => self.reconciliation().4,
            1..=3 => self.category_total(category),
            _ => U256::ZERO,
        }
    }

    /// `reconciliation`.
    pub fn reconciliation(&self) -> Reconciliation {
        let supply = self.total_supply.get();
        let [a, b, c] = [1, 2, 3].map(|k| self.category_total(k));
        (supply, a, b, c, supply - a - b - c)
    }

    /// `ledger`.
    pub fn ledger(&self) -> Ledger {
        let (issuer, account_manager, security_kind, issue_id) = self.issue_info();
        let totals = self.encumbered.get();
        Ledger {
            issuer,
            account_manager,
            security_kind,
            issue_id,
            issued: self.total_supply.get(),
            pledged: words::low(totals),
            frozen: words::high(totals),
            holders: self.holder_count(),
        }
    }

    /// `ledgerEntry`.
    pub fn ledger_entry(&self, holder: Address) -> LedgerEntry {
        let (registered, category, frozen) = self.holder_info(holder);
        let partitions = self.holder_partition_list(holder);
        let mut entry = LedgerEntry {
            registered,
            category,
            frozen,
            partitions: partitions.clone(),
            balances: Vec::new(),
            pledged: Vec::new(),
            frozen_amounts: Vec::new(),
            trust: Vec::new(),
        };
        for p in partitions {
            entry.balances.push(self.balance_of_by_partition(p, holder));
            entry.pledged.push(self.pledged_in(holder, p));
            entry.frozen_amounts.push(self.frozen_in(holder, p));
            entry.trust.push(self.is_trust_property(p, holder));
        }
        entry
    }
}
