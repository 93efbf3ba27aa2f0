//! Packed storage words: what the transfer path reads, one slot each.
//!
//! Gas on Stylus is priced like the EVM's storage, so the layout decides the
//! cost of a transfer. Every amount fits in 120 bits ([`MAX_AMOUNT`]), which
//! leaves room for a second amount and flag bits in the same 256-bit word:
//!
//! Holder word (`holders[holder]`), read once per holder per transfer:
//!
//! | bits      | meaning                                                  |
//! |-----------|----------------------------------------------------------|
//! | 0..240    | layout 1.0.0 kept the total balance in bits 0..120; since 1.1.0 these bits are unused (cleared at registration) and `balanceOf` sums the holdings, so a transfer writes no holder word |
//! | 240       | KYC registered (R12)                                     |
//! | 241..243  | holder category: 0 none, 1 individual, 2 corporate, 3 issuer-own (R17) |
//! | 243       | whole address frozen (R10)                               |
//! | 244       | listed in the register (`holder_list`)                   |
//! | 245..256  | reserved                                                 |
//!
//! Holding word (`holdings[holder][partition]`), one per (holder, partition):
//!
//! | bits      | meaning                                                  |
//! |-----------|----------------------------------------------------------|
//! | 0..120    | balance in the partition                                 |
//! | 120..240  | locked amount (frozen + pledged; cannot move)            |
//! | 240       | trust property (신탁재산) flag (R15)                       |
//! | 241..256  | reserved                                                 |
//!
//! Partition word (`partition_supply[partition]`):
//!
//! | bits      | meaning                                                  |
//! |-----------|----------------------------------------------------------|
//! | 0..120    | total supply of the partition                            |
//! | 255       | listed: the partition is in `totalPartitions()`          |
//!
//! The token core only writes the amount fields; it preserves every other
//! bit, so rules added later find their bits untouched.

use stylus_sdk::alloy_primitives::U256;

/// Largest amount, balance or total supply the token accepts: 2^120 - 1
/// (about 1.3e36, i.e. 1.3e18 whole tokens at 18 decimals).
pub const MAX_AMOUNT: U256 = U256::from_limbs([u64::MAX, (1u64 << 56) - 1, 0, 0]);

/// Bit offset of the second 120-bit field (locked amount, reserved total).
const HIGH_SHIFT: usize = 120;

/// Bit of the partition word that marks a partition as listed.
pub const LISTED_BIT: usize = 255;

/// Holder word: registered (KYC).
pub const REGISTERED_BIT: usize = 240;
/// Holder word: lowest bit of the 2-bit category.
pub const CATEGORY_SHIFT: usize = 241;
/// Holder word: whole address frozen.
pub const FROZEN_BIT: usize = 243;
/// Holder word: listed in the register.
pub const HOLDER_LISTED_BIT: usize = 244;
/// Holding word: trust property flag.
pub const TRUST_BIT: usize = 240;

/// The category bits of a holder word (0 when never registered).
pub fn category(holder_word: U256) -> u8 {
    ((holder_word >> CATEGORY_SHIFT).as_limbs()[0] & 3) as u8
}

/// `holder_word` with category `c` (1..=3).
pub fn with_category(holder_word: U256, c: u8) -> U256 {
    (holder_word & !(uint(3) << CATEGORY_SHIFT)) | (uint(c as u64) << CATEGORY_SHIFT)
}

/// `word` with its second 120-bit amount replaced by `amount`.
pub fn with_high(word: U256, amount: U256) -> U256 {
    (word & !(MAX_AMOUNT << HIGH_SHIFT)) | ((amount & MAX_AMOUNT) << HIGH_SHIFT)
}

/// `v` as a `U256`. ruint's `U256::from` goes through a checked
/// conversion whose panic path formats the number, which links a 256-bit
/// division routine into the program; this cannot fail and links nothing.
pub const fn uint(v: u64) -> U256 {
    U256::from_limbs([v, 0, 0, 0])
}

/// The value of a stored `uint8` field, without ruint's checked `to`.
pub fn byte_of(v: stylus_sdk::alloy_primitives::U8) -> u8 {
    v.as_limbs()[0] as u8
}

/// A `u8` as a stored `uint8` value.
pub const fn u8_value(v: u8) -> stylus_sdk::alloy_primitives::U8 {
    stylus_sdk::alloy_primitives::U8::from_limbs([v as u64])
}

/// The low 120-bit amount of a packed word.
pub fn low(word: U256) -> U256 {
    word & MAX_AMOUNT
}

/// The second 120-bit amount of a packed word (bits 120..240).
pub fn high(word: U256) -> U256 {
    (word >> HIGH_SHIFT) & MAX_AMOUNT
}

/// `word` with its low amount replaced by `amount` (which must fit in 120
/// bits; callers check against [`MAX_AMOUNT`] before).
pub fn with_low(word: U256, amount: U256) -> U256 {
    (word & !MAX_AMOUNT) | (amount & MAX_AMOUNT)
}

/// The amount of a holding that may move: balance minus locked amount.
pub fn unlocked(holding: U256) -> U256 {
    low(holding).saturating_sub(high(holding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_amount_is_two_to_the_120_minus_one() {
        assert_eq!(MAX_AMOUNT, (U256::from(1) << 120) - U256::from(1));
    }

    #[test]
    fn with_low_preserves_the_locked_amount_and_flags() {
        let flags = U256::from(1) << 240;
        let locked = U256::from(7) << 120;
        let word = with_low(flags | locked | U256::from(5), U256::from(9));
        assert_eq!(low(word), U256::from(9));
        assert_eq!(high(word), U256::from(7));
        assert!(word.bit(240));
    }

    #[test]
    fn category_and_high_setters_touch_only_their_bits() {
        let word =
            (U256::from(1) << REGISTERED_BIT) | (U256::from(1) << FROZEN_BIT) | U256::from(5);
        let c = with_category(word, 3);
        assert_eq!(category(c), 3);
        assert_eq!(category(with_category(c, 1)), 1);
        assert!(c.bit(REGISTERED_BIT) && c.bit(FROZEN_BIT));
        assert_eq!(low(c), U256::from(5));
        let h = with_high(c, U256::from(9));
        assert_eq!(
            (high(h), low(h), category(h)),
            (U256::from(9), U256::from(5), 3)
        );
        assert_eq!(high(with_high(h, U256::ZERO)), U256::ZERO);
    }

    #[test]
    fn unlocked_is_balance_minus_locked_and_never_negative() {
        let word = (U256::from(30) << 120) | U256::from(100);
        assert_eq!(unlocked(word), U256::from(70));
        let over_locked = (U256::from(130) << 120) | U256::from(100);
        assert_eq!(unlocked(over_locked), U256::ZERO);
    }
}
