//! The token's storage: ONE top-level struct, one field per line, in slot
//! order, shared by every program of the token (the hot-path program and
//! its extensions run on the same proxy storage, so they must agree on it
//! byte for byte: they do, by being compiled from this one struct).
//!
//! The token runs behind a beacon proxy that keeps its own data only in the
//! ERC-1967 beacon slot, so these fields start at slot 0. Upgrades must be
//! append-only: never remove, reorder or retype a field; add new ones at the
//! end. Slot numbers below are what the stylus `#[storage]` macro assigns
//! (small fields pack into one slot, Solidity-style). The upgrade checker's
//! table of them is `layout.rs`; its tests write through every field and
//! compare the table with `deployments/layouts/security-token/1.0.0.json`.

use crate::text::StorageText;
use alloc::{vec, vec::Vec};
use stylus_sdk::{
    alloy_primitives::{Address, B256, U8},
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageBool, StorageMap, StorageU256, StorageU64, StorageU8,
        StorageVec,
    },
};

/// Bits of [`SecurityToken::status`].
pub mod status_bits {
    /// `initialize` ran: the token is live.
    pub const INITIALIZED: u8 = 1 << 0;
    /// The bare implementation: its constructor set this so that it can never
    /// be initialised or used.
    pub const DISABLED: u8 = 1 << 1;
    /// Transfers are paused (R19).
    pub const PAUSED: u8 = 1 << 2;
    /// Issuance closed for good (ERC-1594 `isIssuable` false).
    pub const ISSUANCE_CLOSED: u8 = 1 << 3;
    /// Controllability renounced for good (ERC-1644 `isControllable` false).
    pub const CONTROL_RENOUNCED: u8 = 1 << 4;
}

/// Bits of a [`SecurityToken::roles`] entry.
pub mod role_bits {
    /// ERC-1644 controller (account-management institution).
    pub const CONTROLLER: u8 = 1 << 0;
    /// Token-level operator on the issuance side (underwriter, arranger).
    pub const ISSUANCE_OPERATOR: u8 = 1 << 1;
    /// Token-level operator on the distribution side.
    pub const DISTRIBUTION_OPERATOR: u8 = 1 << 2;
    /// Either operator side.
    pub const ANY_OPERATOR: u8 = ISSUANCE_OPERATOR | DISTRIBUTION_OPERATOR;
    /// KYC registrar: may register and unregister holders (R12).
    pub const REGISTRAR: u8 = 1 << 3;
    /// Served the issuance side of this token at some time; never cleared,
    /// so the account can never be given the distribution side (R16).
    pub const SERVED_ISSUANCE: u8 = 1 << 4;
    /// Served the distribution side at some time; never cleared (R16).
    pub const SERVED_DISTRIBUTION: u8 = 1 << 5;
}

/// One pledge (질권, R14): `amount` of `holder`'s `partition` locked in
/// favour of `pledgee`. Id = index in [`SecurityToken::pledges`] + 1.
#[storage]
pub struct PledgeRecord {
    /// Slot +0, bytes 0..20: the pledgor.
    pub(crate) holder: StorageAddress,
    /// Slot +0, byte 20: 1 active, 2 released, 3 enforced.
    pub(crate) status: StorageU8,
    /// Slot +1: the pledgee (creditor).
    pub(crate) pledgee: StorageAddress,
    /// Slot +2: the pledged partition.
    pub(crate) partition: StorageB256,
    /// Slot +3: the pledged amount.
    pub(crate) amount: StorageU256,
    /// Slot +4: the caller's reference (loan or contract number).
    pub(crate) reference: StorageB256,
}

/// ERC-1400 security token state.
#[storage]
pub struct SecurityToken {
    /// Slot 0, bytes 0..20: the issuer (admin of every role).
    pub(crate) issuer: StorageAddress,
    /// Slot 0, byte 20: ERC-20 decimals.
    pub(crate) decimals: StorageU8,
    /// Slot 0, byte 21: [`status_bits`]; read with the issuer in one slot.
    pub(crate) status: StorageU8,
    /// Slot 1: total supply over all partitions (< 2^120).
    pub(crate) total_supply: StorageU256,
    /// Slot 2: ERC-20 name (string bytes).
    pub(crate) name: StorageText,
    /// Slot 3: ERC-20 symbol.
    pub(crate) symbol: StorageText,
    /// Slot 4: holder -> packed holder word (see `words`).
    pub(crate) holders: StorageMap<Address, StorageU256>,
    /// Slot 5: holder -> partition -> packed holding word (see `words`).
    pub(crate) holdings: StorageMap<Address, StorageMap<B256, StorageU256>>,
    /// Slot 6: holder -> partitions with a non-zero balance (unordered).
    pub(crate) holder_partitions: StorageMap<Address, StorageVec<StorageB256>>,
    /// Slot 7: partition -> packed partition word (supply, listed bit).
    pub(crate) partition_supply: StorageMap<B256, StorageU256>,
    /// Slot 8: every partition ever holding supply, in order of appearance.
    pub(crate) partitions: StorageVec<StorageB256>,
    /// Slot 9: partitions that partition-less calls draw from, in order.
    pub(crate) default_partitions: StorageVec<StorageB256>,
    /// Slot 10: owner -> spender -> ERC-20 allowance (U256::MAX = unlimited).
    pub(crate) allowances: StorageMap<Address, StorageMap<Address, StorageU256>>,
    /// Slot 11: holder -> operator -> authorised for all partitions.
    pub(crate) operators: StorageMap<Address, StorageMap<Address, StorageBool>>,
    /// Slot 12: holder -> partition -> operator -> authorised for that partition.
    pub(crate) partition_operators:
        StorageMap<Address, StorageMap<B256, StorageMap<Address, StorageBool>>>,
    /// Slot 13: account -> [`role_bits`].
    pub(crate) roles: StorageMap<Address, StorageU8>,
    /// Slot 14: document name -> URI.
    pub(crate) document_uris: StorageMap<B256, StorageText>,
    /// Slot 15: document name -> content hash.
    pub(crate) document_hashes: StorageMap<B256, StorageB256>,
    /// Slot 16: document name -> block timestamp of the last `setDocument`
    /// (0 = no document).
    pub(crate) document_times: StorageMap<B256, StorageU64>,
    /// Slot 17: names of the stored documents (unordered).
    pub(crate) document_names: StorageVec<StorageB256>,
    /// Slot 18: account-management institution (계좌관리기관) of the issue (R13).
    pub(crate) account_manager: StorageAddress,
    /// Slot 19: kind of security, e.g. "투자계약증권" (R13).
    pub(crate) security_kind: StorageText,
    /// Slot 20: identifier of the issue, e.g. an ISIN-like code (R13).
    pub(crate) issue_id: StorageB256,
    // ---- layout 1.1.0: the Korean token-securities rules (compliance) ----
    /// Slot 21: holder category -> total balance of the holders of that
    /// category (R17; category 0 is derived, never stored).
    pub(crate) category_supply: StorageMap<U8, StorageU256>,
    /// Slot 22: holder -> partition -> frozen amount (the holding word's
    /// locked amount is frozen + pledged).
    pub(crate) frozen: StorageMap<Address, StorageMap<B256, StorageU256>>,
    /// Slot 23: pledge records; id = index + 1.
    pub(crate) pledges: StorageVec<PledgeRecord>,
    /// Slot 24: holder -> ids of its pledges, every status, in order.
    pub(crate) holder_pledges: StorageMap<Address, StorageVec<StorageU256>>,
    /// Slot 25: every address ever registered, in order of first
    /// registration (the register an auditor walks).
    pub(crate) holder_list: StorageVec<StorageAddress>,
    /// Slot 26: custody account seizures move value to (R10).
    pub(crate) custody: StorageAddress,
    /// Slot 27: token-wide encumbrance: pledged (bits 0..120) and frozen
    /// amounts (bits 120..240), kept for the ledger view (R13).
    pub(crate) encumbered: StorageU256,
    /// Slot 28: allocation batch id -> issued (exactly-once batch issuance).
    pub(crate) issued_batches: StorageMap<B256, StorageBool>,
}
