//! Decoding of call arguments: a small, strict reader of the Solidity ABI
//! head/tail layout, used by the routers instead of the SDK's generic
//! decoder.
//!
//! Why by hand: the SDK's `#[public]` router instantiates alloy's generic
//! decoder once per argument tuple, which made the token's program more
//! than twice the 24 KiB limit. Here each router arm declares the shape of
//! its arguments as a [`Schema`] string, [`Args::check`] validates the whole
//! calldata against it once, and the accessors then read without failing.
//!
//! The check is as strict as Solidity's own calldata decoding: an address
//! or `uint8` with dirty high bits, an offset or length that points outside
//! the calldata, or calldata shorter than the head revert with
//! `MalformedCalldata(selector)`. The routing tests derive every arm's
//! expected schema from the function's Solidity signature and decode every
//! arm's arguments from alloy's encoder, so schema, reader and ABI cannot
//! disagree.

use crate::errors::{Error, MalformedCalldata};
use alloc::vec::Vec;
use stylus_sdk::alloy_primitives::{Address, FixedBytes, B256, U256};

/// The shape of a function's arguments, one byte per argument:
/// `w` a 32-byte word (`bytes32`, `uint256`), `a` an `address`, `u` a
/// `uint8`, `o` a `bool`, `b` `bytes` or `string`, `W` `bytes32[]` (or any
/// array of one-word values), `A` `address[]`.
pub type Schema = &'static [u8];

/// The arguments of one call: the calldata after its 4-byte selector.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    /// The selector, for the error.
    selector: [u8; 4],
    /// Head and tail of the encoded arguments.
    body: &'a [u8],
}

impl<'a> Args<'a> {
    /// Splits `input` into selector and arguments; `None` when it is shorter
    /// than a selector.
    pub fn new(input: &'a [u8]) -> Option<Self> {
        let (selector, body) = input.split_first_chunk::<4>()?;
        Some(Args {
            selector: *selector,
            body,
        })
    }

    /// Return data of a call, read with the same rules (errors name
    /// selector 0x00000000).
    pub fn returned(data: &'a [u8]) -> Self {
        Args {
            selector: [0; 4],
            body: data,
        }
    }

    /// The selector of the call.
    pub fn selector(&self) -> [u8; 4] {
        self.selector
    }

    /// The revert data every decoding failure becomes.
    fn malformed(&self) -> Vec<u8> {
        Error::MalformedCalldata(MalformedCalldata {
            selector: FixedBytes(self.selector),
        })
        .encode()
    }

    /// The 32 bytes at byte offset `at`, if the calldata holds them.
    fn word_at(&self, at: usize) -> Option<&'a [u8; 32]> {
        self.body.get(at..at.checked_add(32)?)?.try_into().ok()
    }

    /// A length or offset word at `at` as a `usize` (it must fit 32 bits).
    fn small_at(&self, at: usize) -> Option<usize> {
        let word = self.word_at(at)?;
        clean(word, 28)
            .then(|| u32::from_be_bytes([word[28], word[29], word[30], word[31]]) as usize)
    }

    /// (start, length) of dynamic argument `i`, if offset and length point
    /// inside the calldata.
    fn dynamic(&self, i: usize) -> Option<(usize, usize)> {
        let offset = self.small_at(i * 32)?;
        let len = self.small_at(offset)?;
        Some((offset + 32, len))
    }

    /// Validates the calldata against `schema`; after `Ok` every accessor
    /// for an argument of the schema reads a valid value.
    ///
    /// # Errors
    /// `MalformedCalldata(selector)`, encoded.
    #[inline(never)]
    pub fn check(&self, schema: Schema) -> Result<(), Vec<u8>> {
        let ok = schema
            .iter()
            .enumerate()
            .all(|(i, kind)| self.valid(i, *kind));
        if ok {
            Ok(())
        } else {
            Err(self.malformed())
        }
    }

    /// Whether argument `i` is a valid value of `kind`.
    fn valid(&self, i: usize, kind: u8) -> bool {
        let Some(head) = self.word_at(i * 32) else {
            return false;
        };
        match kind {
            b'a' => clean(head, 12),
            b'u' => clean(head, 31),
            b'o' => clean(head, 31) && head[31] <= 1,
            b'b' => self
                .dynamic(i)
                .is_some_and(|(start, len)| start + len <= self.body.len()),
            b'W' | b'A' => self.dynamic(i).is_some_and(|(start, len)| {
                len.checked_mul(32)
                    .is_some_and(|bytes| start + bytes <= self.body.len())
                    && (kind == b'W'
                        || (0..len)
                            .all(|k| self.word_at(start + k * 32).is_some_and(|w| clean(w, 12))))
            }),
            _ => true,
        }
    }

    /// Head word `i` (zero if absent: only after a failed or missing check).
    #[inline(never)]
    pub fn word(&self, i: usize) -> B256 {
        B256::new(self.word_at(i * 32).copied().unwrap_or_default())
    }

    /// Argument `i` as `uint256`.
    pub fn uint(&self, i: usize) -> U256 {
        U256::from_be_bytes(self.word(i).0)
    }

    /// Argument `i` as `address`.
    pub fn addr(&self, i: usize) -> Address {
        Address::from_word(self.word(i))
    }

    /// Argument `i` as `uint8`.
    pub fn byte(&self, i: usize) -> u8 {
        self.word(i)[31]
    }

    /// Argument `i` as `bytes` or `string` (raw bytes; strings are not
    /// checked for UTF-8, as in Solidity).
    #[inline(never)]
    pub fn bytes(&self, i: usize) -> &'a [u8] {
        self.dynamic(i)
            .and_then(|(start, len)| self.body.get(start..start + len))
            .unwrap_or_default()
    }

    /// Argument `i` as `bytes32[]`.
    #[inline(never)]
    pub fn words(&self, i: usize) -> Vec<B256> {
        let Some((start, len)) = self.dynamic(i) else {
            return Vec::new();
        };
        (0..len)
            .map_while(|k| self.word_at(start + k * 32))
            .map(|w| B256::new(*w))
            .collect()
    }

    /// Argument `i` as `address[]`.
    pub fn addrs(&self, i: usize) -> Vec<Address> {
        self.words(i).into_iter().map(Address::from_word).collect()
    }
}

/// Whether the first `n` bytes of `word` are zero.
fn clean(word: &[u8; 32], n: usize) -> bool {
    word[..n].iter().all(|b| *b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use stylus_sdk::{alloy_primitives::Bytes, alloy_sol_types::SolValue};

    fn call(body: Vec<u8>) -> Vec<u8> {
        let mut input = vec![0xaa, 0xbb, 0xcc, 0xdd];
        input.extend(body);
        input
    }

    #[test]
    fn static_and_dynamic_arguments_decode_as_alloy_encodes_them() {
        let who = Address::repeat_byte(0x11);
        let parts = vec![B256::repeat_byte(1), B256::repeat_byte(2)];
        let input = call(
            (
                who,
                U256::from(7),
                Bytes::from(vec![1u8, 2, 3]),
                parts.clone(),
                vec![who],
                U256::from(200),
            )
                .abi_encode_params(),
        );
        let args = Args::new(&input).unwrap();
        assert_eq!(args.check(b"awbWAu"), Ok(()));
        assert_eq!(args.selector(), [0xaa, 0xbb, 0xcc, 0xdd]);
        assert_eq!(args.addr(0), who);
        assert_eq!(args.uint(1), U256::from(7));
        assert_eq!(args.bytes(2), &[1, 2, 3]);
        assert_eq!(args.words(3), parts);
        assert_eq!(args.addrs(4), vec![who]);
        assert_eq!(args.byte(5), 200);
    }

    #[test]
    fn dirty_high_bits_short_calldata_and_wild_offsets_are_malformed() {
        let malformed = Error::MalformedCalldata(MalformedCalldata {
            selector: FixedBytes([0xaa, 0xbb, 0xcc, 0xdd]),
        })
        .encode();
        let check = |body: Vec<u8>, schema: Schema| {
            let input = call(body);
            Args::new(&input).unwrap().check(schema)
        };
        let dirty = U256::MAX.abi_encode();
        assert_eq!(check(dirty.clone(), b"a"), Err(malformed.clone()));
        assert_eq!(check(dirty.clone(), b"u"), Err(malformed.clone()));
        assert_eq!(check(dirty, b"w"), Ok(()));
        assert_eq!(check(vec![0; 31], b"w"), Err(malformed.clone()));
        assert_eq!(check(vec![0; 32], b"ww"), Err(malformed.clone()));
        assert_eq!(
            check(U256::from(1_000).abi_encode(), b"b"),
            Err(malformed.clone())
        );
        assert_eq!(check(U256::MAX.abi_encode(), b"b"), Err(malformed.clone()));
        let mut long_len = U256::from(32).abi_encode();
        long_len.extend(U256::from(64).abi_encode());
        assert_eq!(check(long_len.clone(), b"b"), Err(malformed.clone()));
        assert_eq!(check(long_len, b"W"), Err(malformed.clone()));
        let dirty_element = (vec![U256::MAX],).abi_encode_params();
        assert_eq!(check(dirty_element.clone(), b"W"), Ok(()));
        assert_eq!(check(dirty_element, b"A"), Err(malformed));
        assert!(Args::new(&[1, 2, 3]).is_none());
    }
}
