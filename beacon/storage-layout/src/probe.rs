//! Observing where a write landed, to cross-check a hand-declared layout
//! against the real Stylus storage types.
//!
//! A native test snapshots the stylus-test VM's storage, writes one field
//! through the contract's storage struct with a value that has no zero byte
//! (for example `Address::repeat_byte(0xff)` or `U256::MAX`), snapshots again
//! and asks [`changes`] which bytes of which slot changed; [`Change::within`]
//! then says whether that matches the declared [`Field`]. Mapping and vector
//! fields are checked through their base slot: a vector's length lives there,
//! and a mapping entry's slot is `keccak256(key ++ base)`, which the test
//! computes itself. Keys and values are plain big-endian byte arrays so this
//! crate does not depend on any one `U256` type.

use crate::{Field, Slot};

/// Bytes of one slot that differ between two snapshots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// The slot that changed.
    pub slot: Slot,
    /// Lowest changed byte, counted from the low-order end.
    pub offset: u8,
    /// Number of bytes from `offset` up to the highest changed byte.
    pub bytes: u8,
}

impl Change {
    /// Whether the change stays inside `field`'s bytes.
    pub fn within(&self, field: &Field) -> bool {
        self.slot == field.slot
            && self.offset >= field.offset
            && u16::from(self.offset) + u16::from(self.bytes)
                <= u16::from(field.offset) + u16::from(field.bytes)
    }
}

/// The changed byte range of one 32-byte word, as (offset from the low-order
/// end, width); `None` when the words are equal.
pub fn changed_range(before: &[u8; 32], after: &[u8; 32]) -> Option<(u8, u8)> {
    let differs = |i: &usize| before[*i] != after[*i];
    // Index 31 is the lowest-order byte (offset 0).
    let lowest = (0..32).rev().find(differs)?;
    let highest = (0..32).find(differs)?;
    let offset = 31 - lowest;
    let bytes = lowest - highest + 1;
    Some((offset as u8, bytes as u8))
}

/// Every slot whose value differs between `before` and `after` (missing
/// slots read as zero), in slot order.
pub fn changes<I, J>(before: I, after: J) -> Vec<Change>
where
    I: IntoIterator<Item = ([u8; 32], [u8; 32])>,
    J: IntoIterator<Item = ([u8; 32], [u8; 32])>,
{
    use std::collections::BTreeMap;
    let before: BTreeMap<[u8; 32], [u8; 32]> = before.into_iter().collect();
    let after: BTreeMap<[u8; 32], [u8; 32]> = after.into_iter().collect();
    let mut keys: Vec<&[u8; 32]> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    let zero = [0u8; 32];
    keys.into_iter()
        .filter_map(|key| {
            let old = before.get(key).unwrap_or(&zero);
            let new = after.get(key).unwrap_or(&zero);
            changed_range(old, new).map(|(offset, bytes)| Change {
                slot: Slot(*key),
                offset,
                bytes,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_with(offset: usize, bytes: &[u8]) -> [u8; 32] {
        let mut word = [0u8; 32];
        let end = 32 - offset;
        word[end - bytes.len()..end].copy_from_slice(bytes);
        word
    }

    #[test]
    fn an_address_in_the_low_bytes_is_offset_0_width_20() {
        let after = word_with(0, &[0xff; 20]);
        assert_eq!(changed_range(&[0; 32], &after), Some((0, 20)));
    }

    #[test]
    fn a_bool_packed_after_an_address_is_offset_20_width_1() {
        let before = word_with(0, &[0xff; 20]);
        let mut after = before;
        after[11] = 1;
        assert_eq!(changed_range(&before, &after), Some((20, 1)));
    }

    #[test]
    fn equal_words_have_no_change() {
        assert_eq!(changed_range(&[7; 32], &[7; 32]), None);
    }

    #[test]
    fn changes_lists_new_and_cleared_slots_in_order() {
        let slot = |n: u64| Slot::from_u64(n).0;
        let before = vec![(slot(3), word_with(0, &[1])), (slot(1), word_with(0, &[5]))];
        let after = vec![
            (slot(1), word_with(0, &[5])),
            (slot(2), word_with(0, &[0xff; 32])),
        ];
        assert_eq!(
            changes(before, after),
            vec![
                Change {
                    slot: Slot::from_u64(2),
                    offset: 0,
                    bytes: 32
                },
                Change {
                    slot: Slot::from_u64(3),
                    offset: 0,
                    bytes: 1
                },
            ]
        );
    }

    #[test]
    fn within_accepts_only_the_declared_bytes() {
        let field = Field {
            name: "flag".into(),
            slot: Slot::from_u64(0),
            offset: 20,
            bytes: 1,
            ty: "bool".into(),
        };
        let hit = Change {
            slot: Slot::from_u64(0),
            offset: 20,
            bytes: 1,
        };
        assert!(hit.within(&field));
        assert!(!Change { offset: 19, ..hit }.within(&field));
        assert!(!Change { bytes: 2, ..hit }.within(&field));
        assert!(!Change {
            slot: Slot::from_u64(1),
            ..hit
        }
        .within(&field));
    }
}
