//! Where the signing key comes from: `--private-key`, the `STO_PRIVATE_KEY`
//! environment variable, or an encrypted JSON keystore (`--keystore`, with
//! the password from `STO_PASSWORD` or a prompt). The key is never printed
//! and never written anywhere by the CLI; error messages name the source,
//! not the value.

use std::path::Path;

use alloy::signers::local::PrivateKeySigner;

use crate::client::CliError;

/// A signer from a hex private key (with or without `0x`).
///
/// # Errors
/// Not 32 bytes of hex, or not a valid secp256k1 scalar. The message does
/// not repeat the key.
pub fn from_hex(key: &str, source: &str) -> Result<PrivateKeySigner, CliError> {
    key.trim().parse::<PrivateKeySigner>().map_err(|_| {
        CliError(format!(
            "the private key from {source} is not a valid secp256k1 key (expected 32 bytes of hex)"
        ))
    })
}

/// A signer decrypted from a keystore file; the password comes from
/// `password` (e.g. `STO_PASSWORD`) or is prompted on the terminal.
///
/// # Errors
/// The file cannot be read or decrypted, or no password can be read.
pub fn from_keystore(path: &Path, password: Option<String>) -> Result<PrivateKeySigner, CliError> {
    if !path.is_file() {
        return Err(CliError(format!(
            "keystore {}: no such file",
            path.display()
        )));
    }
    let password = match password {
        Some(p) => p,
        None => rpassword::prompt_password(format!("password for {}: ", path.display())).map_err(
            |e| {
                CliError(format!(
                    "keystore {}: cannot read the password ({e}); set STO_PASSWORD",
                    path.display()
                ))
            },
        )?,
    };
    PrivateKeySigner::decrypt_keystore(path, password).map_err(|e| {
        CliError(format!(
            "keystore {}: cannot decrypt it ({e})",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    #[test]
    fn hex_keys_parse_and_bad_ones_are_refused_without_echo() {
        let s = from_hex(&format!("0x{KEY}"), "--private-key").unwrap();
        assert_eq!(
            s.address().to_string(),
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
        );
        let e = from_hex("0x1234deadbeef", "STO_PRIVATE_KEY").unwrap_err();
        assert!(e.0.contains("STO_PRIVATE_KEY"), "{e}");
        assert!(!e.0.contains("1234deadbeef"), "the key is not echoed: {e}");
    }

    #[test]
    fn keystores_decrypt_with_the_right_password_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut rng = rand::thread_rng();
        let (signer, _uuid) = PrivateKeySigner::encrypt_keystore(
            dir.path(),
            &mut rng,
            alloy::hex::decode(KEY).unwrap(),
            "correct horse",
            Some("key.json"),
        )
        .unwrap();
        let path = dir.path().join("key.json");
        let back = from_keystore(&path, Some("correct horse".into())).unwrap();
        assert_eq!(back.address(), signer.address());
        let e = from_keystore(&path, Some("wrong".into())).unwrap_err();
        assert!(e.0.contains("cannot decrypt"), "{e}");
        let e = from_keystore(&dir.path().join("none.json"), Some("x".into())).unwrap_err();
        assert!(e.0.contains("no such file"), "{e}");
    }
}
