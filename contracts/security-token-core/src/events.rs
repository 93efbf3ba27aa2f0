//! The token's events, one function each, written through the crate's
//! small encoder (see `encoding`) instead of the SDK's generic `log`.
//!
//! Topic 0 of every event is the `SIGNATURE_HASH` of its `sto_abi` type,
//! indexed fields follow as topics in declaration order, and the others
//! form the ABI-encoded data. The unit tests compare every log a call emits
//! with alloy's encoding of the `sto_abi` event, so a field in the wrong
//! place fails a test.

use crate::encoding::{addr, encode, small, uint, Field};
use alloc::vec::Vec;
use sto_abi::{IERC20Face, ISecurityTokenAdmin as Admin, IERC1410, IERC1594, IERC1643, IERC1644};
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    alloy_sol_types::SolEvent,
    host::VM,
    stylus_core::host::RawLogAccess,
};

/// Emits one log: `topics` (signature hash first) and encoded `data`.
pub(crate) fn emit(vm: &VM, topics: &[B256], data: &[Field]) {
    let data = encode(data);
    let mut buf = Vec::with_capacity(topics.len() * 32 + data.len());
    for topic in topics {
        buf.extend_from_slice(topic.as_slice());
    }
    buf.extend_from_slice(&data);
    vm.emit_log(&buf, topics.len());
}

/// An address as a topic.
fn t(a: Address) -> B256 {
    a.into_word()
}

/// ERC-20 `Transfer(from, to, value)`.
pub(crate) fn transfer(vm: &VM, from: Address, to: Address, value: U256) {
    let sig = IERC20Face::Transfer::SIGNATURE_HASH;
    emit(vm, &[sig, t(from), t(to)], &[uint(value)]);
}

/// ERC-20 `Approval(owner, spender, value)`.
pub(crate) fn approval(vm: &VM, owner: Address, spender: Address, value: U256) {
    let sig = IERC20Face::Approval::SIGNATURE_HASH;
    emit(vm, &[sig, t(owner), t(spender)], &[uint(value)]);
}

/// Who, what and with which data one partition chunk moved.
pub(crate) struct Moved<'a> {
    /// Caller of the movement.
    pub operator: Address,
    /// Debited holder (zero for an issue).
    pub from: Address,
    /// Credited holder (zero for a redemption).
    pub to: Address,
    /// Partition the chunk left (or was issued into).
    pub partition: B256,
    /// Amount.
    pub value: U256,
    /// Holder data.
    pub data: &'a [u8],
    /// Operator data.
    pub operator_data: &'a [u8],
}

/// ERC-1410 `TransferByPartition`.
pub(crate) fn transfer_by_partition(vm: &VM, m: &Moved) {
    let sig = IERC1410::TransferByPartition::SIGNATURE_HASH;
    emit(
        vm,
        &[sig, m.partition, t(m.from), t(m.to)],
        &[
            addr(m.operator),
            uint(m.value),
            Field::Bytes(m.data),
            Field::Bytes(m.operator_data),
        ],
    );
}

/// ERC-1410 `IssuedByPartition` then ERC-1594 `Issued`.
pub(crate) fn issued(vm: &VM, m: &Moved) {
    let sig = IERC1410::IssuedByPartition::SIGNATURE_HASH;
    emit(
        vm,
        &[sig, m.partition, t(m.operator), t(m.to)],
        &[
            uint(m.value),
            Field::Bytes(m.data),
            Field::Bytes(m.operator_data),
        ],
    );
    let sig = IERC1594::Issued::SIGNATURE_HASH;
    emit(
        vm,
        &[sig, t(m.operator), t(m.to)],
        &[uint(m.value), Field::Bytes(m.data)],
    );
}

/// ERC-1410 `RedeemedByPartition` then ERC-1594 `Redeemed`.
pub(crate) fn redeemed(vm: &VM, m: &Moved) {
    let sig = IERC1410::RedeemedByPartition::SIGNATURE_HASH;
    emit(
        vm,
        &[sig, m.partition, t(m.operator), t(m.from)],
        &[
            uint(m.value),
            Field::Bytes(m.data),
            Field::Bytes(m.operator_data),
        ],
    );
    let sig = IERC1594::Redeemed::SIGNATURE_HASH;
    emit(
        vm,
        &[sig, t(m.operator), t(m.from)],
        &[uint(m.value), Field::Bytes(m.data)],
    );
}

/// ERC-1400 `ChangedPartition(from, to, value)`.
pub(crate) fn changed_partition(vm: &VM, from: B256, to: B256, value: U256) {
    let sig = IERC1410::ChangedPartition::SIGNATURE_HASH;
    emit(vm, &[sig, from, to], &[uint(value)]);
}

/// ERC-1410 `AuthorizedOperator`/`RevokedOperator` (`partition` None) or
/// the by-partition forms.
pub(crate) fn operator_changed(
    vm: &VM,
    partition: Option<B256>,
    operator: Address,
    holder: Address,
    authorized: bool,
) {
    match partition {
        None => {
            let sig = if authorized {
                IERC1410::AuthorizedOperator::SIGNATURE_HASH
            } else {
                IERC1410::RevokedOperator::SIGNATURE_HASH
            };
            emit(vm, &[sig, t(operator), t(holder)], &[]);
        }
        Some(partition) => {
            let sig = if authorized {
                IERC1410::AuthorizedOperatorByPartition::SIGNATURE_HASH
            } else {
                IERC1410::RevokedOperatorByPartition::SIGNATURE_HASH
            };
            emit(vm, &[sig, partition, t(operator), t(holder)], &[]);
        }
    }
}

/// ERC-1644 `ControllerTransfer` (`to` non-zero) or `ControllerRedemption`.
pub(crate) fn controller_moved(
    vm: &VM,
    controller: Address,
    from: Address,
    to: Address,
    value: U256,
    data: &[u8],
    operator_data: &[u8],
) {
    if to.is_zero() {
        let sig = IERC1644::ControllerRedemption::SIGNATURE_HASH;
        emit(
            vm,
            &[sig, t(from)],
            &[
                addr(controller),
                uint(value),
                Field::Bytes(data),
                Field::Bytes(operator_data),
            ],
        );
    } else {
        let sig = IERC1644::ControllerTransfer::SIGNATURE_HASH;
        emit(
            vm,
            &[sig, t(from), t(to)],
            &[
                addr(controller),
                uint(value),
                Field::Bytes(data),
                Field::Bytes(operator_data),
            ],
        );
    }
}

/// ERC-1643 `DocumentUpdated` or (`removed`) `DocumentRemoved`.
pub(crate) fn document(vm: &VM, removed: bool, name: B256, uri: &[u8], hash: B256) {
    let sig = if removed {
        IERC1643::DocumentRemoved::SIGNATURE_HASH
    } else {
        IERC1643::DocumentUpdated::SIGNATURE_HASH
    };
    emit(vm, &[sig, name], &[Field::Bytes(uri), Field::Word(hash)]);
}

/// An event whose only fields are indexed accounts or words:
/// `ControllabilityRenounced`, `Initialized`, `IssuerChanged`,
/// `ControllerAppointed`/`Dismissed`, `OperatorDismissed`, `Paused`,
/// `Unpaused`, `IssuanceFinalized`. `signature` is the event's
/// `SIGNATURE_HASH`.
pub(crate) fn indexed(vm: &VM, signature: B256, topics: &[B256]) {
    let mut all: Vec<B256> = Vec::with_capacity(1 + topics.len());
    all.push(signature);
    all.extend_from_slice(topics);
    emit(vm, &all, &[]);
}

/// `OperatorAppointed(operator, side, by)`.
pub(crate) fn operator_appointed(vm: &VM, operator: Address, side: u8, by: Address) {
    let sig = Admin::OperatorAppointed::SIGNATURE_HASH;
    emit(vm, &[sig, t(operator), t(by)], &[small(side as u64)]);
}

/// `DefaultPartitionsChanged(partitions)`.
pub(crate) fn default_partitions_changed(vm: &VM, partitions: &[B256]) {
    let sig = Admin::DefaultPartitionsChanged::SIGNATURE_HASH;
    emit(vm, &[sig], &[Field::Words(partitions)]);
}

/// An account as a topic, for [`indexed`].
pub(crate) fn topic(a: Address) -> B256 {
    t(a)
}
