//! ERC-1066 status bytes from the ERC-1400 reason-code table, as returned in
//! the first field of `canTransfer`, `canTransferFrom` and
//! `canTransferByPartition`, plus the data conventions the token reads.
//!
//! The table is the ERC-1400 one (0x50..0x5f), not ERC-1066 final: the two
//! disagree from 0x52 upwards and ERC-1400 clients expect this one.

use alloy_primitives::{FixedBytes, B256};

/// 0x50: transfer failure (any reason without a more specific code).
pub const TRANSFER_FAILURE: u8 = 0x50;
/// 0x51: transfer success: the real call would succeed.
pub const TRANSFER_SUCCESS: u8 = 0x51;
/// 0x52: insufficient (unlocked) balance.
pub const INSUFFICIENT_BALANCE: u8 = 0x52;
/// 0x53: insufficient allowance.
pub const INSUFFICIENT_ALLOWANCE: u8 = 0x53;
/// 0x54: transfers halted (paused).
pub const TRANSFERS_HALTED: u8 = 0x54;
/// 0x55: funds locked (lock-up, pledge, freeze of an amount).
pub const FUNDS_LOCKED: u8 = 0x55;
/// 0x56: invalid sender.
pub const INVALID_SENDER: u8 = 0x56;
/// 0x57: invalid receiver.
pub const INVALID_RECEIVER: u8 = 0x57;
/// 0x58: invalid operator (transfer agent).
pub const INVALID_OPERATOR: u8 = 0x58;
/// 0x5f: token meta or info.
pub const TOKEN_META_OR_INFO: u8 = 0x5f;

/// First 32 bytes of `data` that ask for a partition change: the next 32
/// bytes name the destination partition (ConsenSys UniversalToken's
/// convention, honoured only on operator paths, see docs/abi-decisions.md).
pub const CHANGE_PARTITION_FLAG: B256 = FixedBytes([0xff; 32]);

/// The `reason` field of `canTransfer*`: the 4-byte selector of the custom
/// error the real call would revert with, left-aligned, zero-padded.
/// `B256::ZERO` when the call would succeed.
pub fn reason_from_selector(selector: [u8; 4]) -> B256 {
    let mut reason = B256::ZERO;
    reason[..4].copy_from_slice(&selector);
    reason
}

/// Encodes `data` that moves value into `to_partition` on an operator path.
pub fn change_partition_data(to_partition: B256) -> alloc::vec::Vec<u8> {
    let mut data = alloc::vec::Vec::with_capacity(64);
    data.extend_from_slice(CHANGE_PARTITION_FLAG.as_slice());
    data.extend_from_slice(to_partition.as_slice());
    data
}
