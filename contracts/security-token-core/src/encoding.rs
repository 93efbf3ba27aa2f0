//! Encoding of return values, event data and custom errors: one
//! non-generic ABI encoder over a list of [`Field`]s.
//!
//! The SDK encodes each return type, event and error through alloy's
//! generic encoder, one instantiation per type; over the token's 60
//! functions, 30 events and 25 errors that alone weighed more than the
//! 24 KiB limit. Here every value is a sequence of head words and dynamic
//! tails, written by [`encode`]. Tests compare every router return, every
//! event and every error with alloy's own encoding of the `sto_abi` types.

use alloc::vec::Vec;
use stylus_sdk::alloy_primitives::{Address, B256, U256};

/// One ABI value of a sequence.
#[derive(Clone, Copy)]
pub enum Field<'a> {
    /// A static 32-byte value (`bytes32`, `uint*`, `address`, `bool`).
    Word(B256),
    /// `bytes` or `string`.
    Bytes(&'a [u8]),
    /// `bytes32[]` (or any array of one-word values).
    Words(&'a [B256]),
}

/// `address` as a word.
pub fn addr(a: Address) -> Field<'static> {
    Field::Word(a.into_word())
}

/// `uint256` as a word.
pub fn uint(v: U256) -> Field<'static> {
    Field::Word(B256::from(v))
}

/// A small unsigned integer (`uint8`, `uint64`) as a word.
pub fn small(v: u64) -> Field<'static> {
    Field::Word(B256::from(crate::words::uint(v)))
}

/// `bool` as a word.
pub fn boolean(b: bool) -> Field<'static> {
    small(b as u64)
}

/// `bytes32` as a word.
pub fn word(w: B256) -> Field<'static> {
    Field::Word(w)
}

/// Appends `data` right-padded with zeros to a multiple of 32 bytes.
fn push_padded(out: &mut Vec<u8>, data: &[u8]) {
    out.extend_from_slice(data);
    let rem = data.len() % 32;
    if rem != 0 {
        out.resize(out.len() + 32 - rem, 0);
    }
}

/// Appends a number as one big-endian word.
fn push_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&B256::from(crate::words::uint(n as u64)).0);
}

/// The ABI encoding of `fields` as a tuple (function return data, event
/// data, error arguments): heads in order, then each dynamic tail.
pub fn encode(fields: &[Field]) -> Vec<u8> {
    let mut head = Vec::with_capacity(fields.len() * 32);
    let mut tail = Vec::new();
    let head_len = fields.len() * 32;
    for field in fields {
        match field {
            Field::Word(w) => head.extend_from_slice(&w.0),
            Field::Bytes(data) => {
                push_len(&mut head, head_len + tail.len());
                push_len(&mut tail, data.len());
                push_padded(&mut tail, data);
            }
            Field::Words(words) => {
                push_len(&mut head, head_len + tail.len());
                push_len(&mut tail, words.len());
                for w in *words {
                    tail.extend_from_slice(&w.0);
                }
            }
        }
    }
    head.extend_from_slice(&tail);
    head
}

/// `selector ++ encode(fields)`: a custom error's revert data.
pub fn encode_error(selector: [u8; 4], fields: &[Field]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + fields.len() * 32);
    out.extend_from_slice(&selector);
    out.extend_from_slice(&encode(fields));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use stylus_sdk::alloy_primitives::Bytes;
    use stylus_sdk::alloy_sol_types::SolValue;

    #[test]
    fn mixed_static_and_dynamic_fields_encode_as_alloy_does() {
        let who = Address::repeat_byte(0x42);
        let parts = [B256::repeat_byte(7), B256::repeat_byte(8)];
        let ours = encode(&[
            addr(who),
            Field::Bytes(b"ipfs://doc"),
            uint(U256::from(5)),
            Field::Words(&parts),
            Field::Bytes(&[0xab; 33]),
            boolean(true),
            small(255),
        ]);
        let theirs = (
            who,
            Bytes::from_static(b"ipfs://doc"),
            U256::from(5),
            parts.to_vec(),
            Bytes::from(vec![0xab; 33]),
            true,
            U256::from(255),
        )
            .abi_encode_params();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_single_dynamic_return_is_offset_length_content() {
        let parts = [B256::repeat_byte(1)];
        assert_eq!(encode(&[Field::Words(&parts)]), parts.to_vec().abi_encode());
        assert_eq!(
            encode(&[Field::Bytes(b"GOF")]),
            Bytes::from_static(b"GOF").abi_encode()
        );
        assert_eq!(encode(&[Field::Bytes(b"")]), Bytes::new().abi_encode());
    }
}
