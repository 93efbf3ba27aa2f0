//! How users write partitions and amounts: partitions by name (`locked` ->
//! the ASCII bytes left-aligned in a bytes32, the convention ERC-1400
//! tooling uses) or as 0x-hex; amounts with decimals (`12.5`) scaled by the
//! token's `decimals`.

use alloy::primitives::{B256, U256};

use crate::client::CliError;

/// A partition from its name or 0x-prefixed 32-byte hex.
///
/// # Errors
/// Empty, longer than 32 bytes, non-ASCII, malformed hex, or the reserved
/// zero partition.
pub fn partition(s: &str) -> Result<B256, CliError> {
    bytes32(s, "partition")
}

/// A bytes32 identifier (partition, document name, issue id) from a name
/// of up to 32 ASCII characters (left-aligned, zero-padded) or 0x-hex;
/// `what` names it in errors.
///
/// # Errors
/// Empty, longer than 32 bytes, non-ASCII, malformed hex, or zero.
pub fn bytes32(s: &str, what: &str) -> Result<B256, CliError> {
    let p = if let Some(hex) = s.strip_prefix("0x") {
        if hex.len() != 64 {
            return Err(CliError(format!(
                "{what} {s:?}: hex form needs exactly 32 bytes (64 hex digits)"
            )));
        }
        hex.parse::<B256>()
            .map_err(|e| CliError(format!("{what} {s:?}: {e}")))?
    } else {
        if s.is_empty() || s.len() > 32 || !s.is_ascii() {
            return Err(CliError(format!(
                "{what} {s:?}: a name must be 1 to 32 ASCII characters"
            )));
        }
        let mut b = [0u8; 32];
        b[..s.len()].copy_from_slice(s.as_bytes());
        B256::from(b)
    };
    if p == B256::ZERO {
        return Err(CliError(format!("{what} 0x00..00 is reserved")));
    }
    Ok(p)
}

/// Base units written with the token's decimals (`1250`, 2 -> `12.5`).
pub fn format_amount(value: U256, decimals: u8) -> String {
    let digits = value.to_string();
    let d = decimals as usize;
    if d == 0 {
        return digits;
    }
    let padded = format!("{digits:0>width$}", width = d + 1);
    let (int, frac) = padded.split_at(padded.len() - d);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// The readable name of a partition when it is printable ASCII, else hex.
pub fn partition_name(p: B256) -> String {
    let end = p.iter().position(|b| *b == 0).unwrap_or(32);
    let (name, rest) = p.split_at(end);
    if !name.is_empty() && rest.iter().all(|b| *b == 0) && name.iter().all(|b| b.is_ascii_graphic())
    {
        String::from_utf8_lossy(name).into_owned()
    } else {
        p.to_string()
    }
}

/// An amount written with up to `decimals` fractional digits, in base units.
///
/// # Errors
/// Not a non-negative decimal number, too many fractional digits, or too
/// large for 256 bits.
pub fn amount(s: &str, decimals: u8) -> Result<U256, CliError> {
    let bad = || CliError(format!("amount {s:?} is not a non-negative decimal number"));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    if frac.len() > decimals as usize {
        return Err(CliError(format!(
            "amount {s:?} has {} decimals, the token has {decimals}",
            frac.len()
        )));
    }
    let digits = format!("{int}{frac:0<width$}", width = decimals as usize);
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(U256::ZERO);
    }
    U256::from_str_radix(digits, 10).map_err(|_| CliError(format!("amount {s:?} is too large")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_names_are_ascii_left_aligned() {
        let p = partition("locked").unwrap();
        assert_eq!(&p[..6], b"locked");
        assert!(p[6..].iter().all(|b| *b == 0));
        assert_eq!(partition_name(p), "locked");
        let hex = format!("0x{}", "ab".repeat(32));
        assert_eq!(partition(&hex).unwrap(), B256::repeat_byte(0xab));
        assert_eq!(partition_name(B256::repeat_byte(0xab)), hex);
    }

    #[test]
    fn bad_partitions_are_refused_with_the_reason() {
        assert!(partition("").unwrap_err().0.contains("1 to 32"));
        assert!(partition(&"x".repeat(33))
            .unwrap_err()
            .0
            .contains("1 to 32"));
        assert!(partition("0x12").unwrap_err().0.contains("64 hex digits"));
        let zero = format!("0x{}", "00".repeat(32));
        assert!(partition(&zero).unwrap_err().0.contains("reserved"));
    }

    #[test]
    fn amounts_scale_by_decimals() {
        assert_eq!(amount("12.5", 2).unwrap(), U256::from(1250));
        assert_eq!(amount("12", 0).unwrap(), U256::from(12));
        assert_eq!(amount("0.000001", 6).unwrap(), U256::from(1));
        assert_eq!(amount("0", 18).unwrap(), U256::ZERO);
        assert_eq!(amount(".5", 1).unwrap(), U256::from(5));
    }

    #[test]
    fn amounts_print_with_the_tokens_decimals() {
        assert_eq!(format_amount(U256::from(1250), 2), "12.5");
        assert_eq!(format_amount(U256::from(5), 3), "0.005");
        assert_eq!(format_amount(U256::from(1200), 2), "12");
        assert_eq!(format_amount(U256::from(7), 0), "7");
        assert_eq!(format_amount(U256::ZERO, 18), "0");
        for (v, d) in [(1u64, 6u8), (123_456_789, 4), (10, 1)] {
            let text = format_amount(U256::from(v), d);
            assert_eq!(amount(&text, d).unwrap(), U256::from(v), "{text}");
        }
    }

    #[test]
    fn malformed_amounts_are_refused_with_the_reason() {
        assert!(amount("-1", 0).unwrap_err().0.contains("non-negative"));
        assert!(amount("1e5", 0).unwrap_err().0.contains("non-negative"));
        assert!(amount("1.25", 1).unwrap_err().0.contains("has 2 decimals"));
        assert!(amount(".", 1).unwrap_err().0.contains("non-negative"));
        let huge = "9".repeat(80);
        assert!(amount(&huge, 0).unwrap_err().0.contains("too large"));
    }
}
