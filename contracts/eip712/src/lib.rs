//! EIP-712 typed-data hashing and signature recovery for the Stylus
//! contracts of the suite (the payment token's ERC-2612 permit and the DvP
//! settlement), with the host's keccak and the `ecrecover` precompile.
//!
//! Recovery refuses what EIP-2 and OpenZeppelin's `ECDSA` refuse: a
//! signature that is not 65 bytes, a `v` other than 27 or 28, and an `s`
//! in the upper half of the curve order (the malleable twin of a valid
//! signature), so each signed message has exactly one accepted signature.
#![cfg_attr(not(test), no_std)]
extern crate alloc;

use alloc::vec::Vec;
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    call::RawCall,
    host::VM,
    stylus_core::host::{ChainAccess, CryptographyAccess},
};

/// secp256k1 order / 2: the largest `s` a canonical signature has.
pub const HALF_ORDER: U256 = U256::from_be_bytes([
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
]);

/// The `ecrecover` precompile.
pub const ECRECOVER: Address =
    Address::new([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);

/// Why a signature is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigError {
    /// Not 65 bytes (r ++ s ++ v).
    Length(usize),
    /// `v` not 27 or 28.
    V(u8),
    /// `s` above [`HALF_ORDER`].
    HighS(B256),
    /// The precompile recovered no signer.
    NoSigner,
}

/// `keccak256(bytes)` on the host.
pub fn keccak(vm: &VM, bytes: &[u8]) -> B256 {
    vm.native_keccak256(bytes)
}

/// `keccak256` of the concatenation of 32-byte `words`.
pub fn hash_words(vm: &VM, words: &[B256]) -> B256 {
    let mut buf = Vec::with_capacity(words.len() * 32);
    for w in words {
        buf.extend_from_slice(w.as_slice());
    }
    keccak(vm, &buf)
}

/// An address as an ABI word.
pub fn word(a: Address) -> B256 {
    a.into_word()
}

/// A number as an ABI word.
pub fn uint(v: U256) -> B256 {
    B256::from(v)
}

/// The EIP-712 domain separator of `name`/`version` on this chain for
/// `verifying_contract`.
pub fn domain_separator(vm: &VM, name: &str, version: &str, verifying_contract: Address) -> B256 {
    let type_hash = keccak(
        vm,
        b"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)",
    );
    hash_words(
        vm,
        &[
            type_hash,
            keccak(vm, name.as_bytes()),
            keccak(vm, version.as_bytes()),
            uint(U256::from(vm.chain_id())),
            word(verifying_contract),
        ],
    )
}

/// `keccak256("\x19\x01" ++ domain ++ struct_hash)`: what is signed.
pub fn typed_digest(vm: &VM, domain: B256, struct_hash: B256) -> B256 {
    let mut buf = Vec::with_capacity(66);
    buf.extend_from_slice(&[0x19, 0x01]);
    buf.extend_from_slice(domain.as_slice());
    buf.extend_from_slice(struct_hash.as_slice());
    keccak(vm, &buf)
}

/// Splits a 65-byte `r ++ s ++ v` signature.
///
/// # Errors
/// [`SigError::Length`].
pub fn split(signature: &[u8]) -> Result<(u8, B256, B256), SigError> {
    if signature.len() != 65 {
        return Err(SigError::Length(signature.len()));
    }
    Ok((
        signature[64],
        B256::from_slice(&signature[..32]),
        B256::from_slice(&signature[32..64]),
    ))
}

/// The signer of `digest`, after the EIP-2 checks.
///
/// # Errors
/// [`SigError::V`], [`SigError::HighS`], [`SigError::NoSigner`].
pub fn recover(vm: &VM, digest: B256, v: u8, r: B256, s: B256) -> Result<Address, SigError> {
    if v != 27 && v != 28 {
        return Err(SigError::V(v));
    }
    if U256::from_be_bytes(s.0) > HALF_ORDER {
        return Err(SigError::HighS(s));
    }
    let mut input = Vec::with_capacity(128);
    input.extend_from_slice(digest.as_slice());
    input.extend_from_slice(uint(U256::from(v)).as_slice());
    input.extend_from_slice(r.as_slice());
    input.extend_from_slice(s.as_slice());
    // SAFETY: a static call cannot write this contract's storage.
    let out = unsafe { RawCall::new_static(vm).call(ECRECOVER, &input) }.unwrap_or_default();
    if out.len() != 32 {
        return Err(SigError::NoSigner);
    }
    let signer = Address::from_slice(&out[12..]);
    if signer.is_zero() {
        return Err(SigError::NoSigner);
    }
    Ok(signer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_order_is_n_over_two() {
        let n = U256::from_str_radix(
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
            16,
        )
        .unwrap();
        assert_eq!(HALF_ORDER, n >> 1);
    }

    #[test]
    fn split_takes_r_s_v_and_refuses_other_lengths() {
        let mut sig = [0u8; 65];
        sig[0] = 1;
        sig[32] = 2;
        sig[64] = 27;
        let (v, r, s) = split(&sig).unwrap();
        assert_eq!((v, r[0], s[0]), (27, 1, 2));
        assert_eq!(split(&sig[..64]), Err(SigError::Length(64)));
    }

    #[test]
    fn recover_checks_v_and_s_before_the_precompile() {
        let vm = stylus_sdk::testing::TestVM::default();
        let vm = VM {
            host: alloc::boxed::Box::new(vm),
        };
        let high = B256::from(HALF_ORDER + U256::from(1));
        assert_eq!(
            recover(&vm, B256::ZERO, 29, B256::ZERO, B256::ZERO),
            Err(SigError::V(29))
        );
        assert_eq!(
            recover(&vm, B256::ZERO, 27, B256::ZERO, high),
            Err(SigError::HighS(high))
        );
    }
}
