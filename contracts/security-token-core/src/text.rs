//! [`StorageText`]: a `string`/`bytes` storage field with Solidity's layout,
//! written for this token instead of the SDK's `StorageBytes`.
//!
//! Layout (Solidity's, so explorers and the storage-layout checker read it
//! as `string`): a value shorter than 32 bytes lives in the field's slot,
//! left-aligned, with `2 * len` in the last byte; a longer one stores
//! `2 * len + 1` in the slot and its bytes from `keccak256(slot)` on.
//!
//! Why not `StorageBytes`: its length read divides a `U256` by two, which
//! links ruint's 8 KiB long-division routine into every program, and its
//! writes go byte by byte. Here lengths are read from the low 8 bytes and
//! whole words are written, and a rewrite clears only the words the new
//! value no longer uses.

use alloc::vec::Vec;
use stylus_sdk::{
    alloy_primitives::{B256, U256},
    host::VM,
    storage::{StorageGuard, StorageGuardMut, StorageType},
    stylus_core::host::{CryptographyAccess, StorageAccess},
};

/// A `string` (or `bytes`) field of a storage struct or mapping value.
pub struct StorageText {
    /// The field's slot.
    slot: U256,
    /// Host access.
    vm: VM,
}

impl StorageType for StorageText {
    type Wraps<'a>
        = StorageGuard<'a, StorageText>
    where
        Self: 'a;
    type WrapsMut<'a>
        = StorageGuardMut<'a, StorageText>
    where
        Self: 'a;

    unsafe fn new(slot: U256, offset: u8, host: VM) -> Self {
        debug_assert!(offset == 0);
        StorageText { slot, vm: host }
    }

    fn load<'s>(self) -> Self::Wraps<'s> {
        StorageGuard::new(self)
    }

    fn load_mut<'s>(self) -> Self::WrapsMut<'s> {
        StorageGuardMut::new(self)
    }
}

/// Length encoded in a root word, and whether the value is long.
fn decode_root(root: &B256) -> (usize, bool) {
    let last = root[31];
    if last & 1 == 0 {
        return ((last / 2) as usize, false);
    }
    let mut low = [0u8; 8];
    low.copy_from_slice(&root[24..]);
    ((u64::from_be_bytes(low) >> 1) as usize, true)
}

impl StorageText {
    /// Slot of the `i`-th data word of a long value.
    fn data_slot(&self, i: usize) -> U256 {
        let base = self.vm.native_keccak256(&self.slot.to_be_bytes::<32>());
        U256::from_be_bytes(base.0).wrapping_add(U256::from_limbs([i as u64, 0, 0, 0]))
    }

    /// Writes one word through the storage cache.
    fn store(&self, slot: U256, word: B256) {
        // SAFETY: the slots written belong to this field (its root and its
        // keccak-addressed data words).
        unsafe { self.vm.storage_cache_bytes32(slot, word) };
    }

    /// The stored bytes.
    pub fn get_bytes(&self) -> Vec<u8> {
        let root = self.vm.storage_load_bytes32(self.slot);
        let (len, long) = decode_root(&root);
        if !long {
            return root[..len].to_vec();
        }
        let mut out = Vec::with_capacity(len);
        let mut i = 0;
        while out.len() < len {
            let word = self.vm.storage_load_bytes32(self.data_slot(i));
            let take = (len - out.len()).min(32);
            out.extend_from_slice(&word[..take]);
            i += 1;
        }
        out
    }

    /// Replaces the stored bytes with `data`.
    pub fn set_bytes(&mut self, data: &[u8]) {
        let (old_len, old_long) = decode_root(&self.vm.storage_load_bytes32(self.slot));
        let old_words = if old_long { old_len.div_ceil(32) } else { 0 };
        let mut new_words = 0;
        if data.len() < 32 {
            let mut root = B256::ZERO;
            root[..data.len()].copy_from_slice(data);
            root[31] = (data.len() * 2) as u8;
            self.store(self.slot, root);
        } else {
            let len_word = U256::from_limbs([(data.len() * 2 + 1) as u64, 0, 0, 0]);
            self.store(self.slot, B256::from(len_word));
            for (i, chunk) in data.chunks(32).enumerate() {
                let mut word = B256::ZERO;
                word[..chunk.len()].copy_from_slice(chunk);
                self.store(self.data_slot(i), word);
                new_words = i + 1;
            }
        }
        for i in new_words..old_words {
            self.store(self.data_slot(i), B256::ZERO);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stylus_sdk::{alloy_primitives::keccak256, testing::TestVM};

    fn field(vm: &TestVM, slot: u64) -> StorageText {
        let host = VM {
            host: alloc::boxed::Box::new(vm.clone()),
        };
        unsafe { StorageText::new(U256::from(slot), 0, host) }
    }

    #[test]
    fn short_and_long_values_round_trip_in_solidity_layout() {
        let vm = TestVM::default();
        let mut text = field(&vm, 7);
        text.set_bytes(b"GOF");
        assert_eq!(text.get_bytes(), b"GOF");
        let root = vm.get_storage(U256::from(7));
        assert_eq!(&root[..3], b"GOF");
        assert_eq!(root[31], 6);

        let long = [0x61u8; 70];
        text.set_bytes(&long);
        assert_eq!(text.get_bytes(), long.to_vec());
        assert_eq!(vm.get_storage(U256::from(7)), B256::from(U256::from(141)));
        let base = U256::from_be_bytes(keccak256(U256::from(7).to_be_bytes::<32>()).0);
        assert_eq!(vm.get_storage(base + U256::from(2))[..6], [0x61; 6]);
    }

    #[test]
    fn thirty_one_bytes_stay_short_and_thirty_two_go_long() {
        let vm = TestVM::default();
        let mut text = field(&vm, 9);
        let short = [0x62u8; 31];
        text.set_bytes(&short);
        assert_eq!(text.get_bytes(), short.to_vec());
        assert_eq!(vm.get_storage(U256::from(9))[31], 62, "2 * 31, short form");
        let long = [0x63u8; 32];
        text.set_bytes(&long);
        assert_eq!(text.get_bytes(), long.to_vec());
        assert_eq!(
            vm.get_storage(U256::from(9)),
            B256::from(U256::from(65)),
            "2 * 32 + 1"
        );
    }

    #[test]
    fn shrinking_clears_the_words_no_longer_used() {
        let vm = TestVM::default();
        let mut text = field(&vm, 3);
        text.set_bytes(&[1u8; 100]);
        text.set_bytes(&[2u8; 40]);
        assert_eq!(text.get_bytes(), [2u8; 40].to_vec());
        let base = U256::from_be_bytes(keccak256(U256::from(3).to_be_bytes::<32>()).0);
        assert_eq!(vm.get_storage(base + U256::from(2)), B256::ZERO);
        assert_eq!(vm.get_storage(base + U256::from(3)), B256::ZERO);
        text.set_bytes(b"");
        assert_eq!(text.get_bytes(), Vec::<u8>::new());
        assert_eq!(vm.get_storage(base), B256::ZERO);
        assert_eq!(vm.get_storage(U256::from(3)), B256::ZERO);
    }
}
