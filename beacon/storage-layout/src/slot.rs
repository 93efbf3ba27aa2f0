//! Storage slot numbers: 256-bit, ordered numerically, written in JSON as
//! `0x`-prefixed hex so that hashed slots (ERC-1967, ERC-7201) fit too.

use core::fmt;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A 256-bit storage slot, big-endian. Ordering is numeric.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Slot(pub [u8; 32]);

impl Slot {
    /// Slot `n`: the small slots a storage struct's fields use in order.
    pub fn from_u64(n: u64) -> Self {
        let mut out = [0u8; 32];
        out[24..].copy_from_slice(&n.to_be_bytes());
        Slot(out)
    }

    /// Parses `0x`-prefixed hex (1 to 64 digits) or a decimal number that
    /// fits in 64 bits.
    pub fn parse(text: &str) -> Result<Self, String> {
        if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
            if hex.is_empty() || hex.len() > 64 || !hex.is_ascii() {
                return Err(format!("slot {text:?}: expected 1 to 64 hex digits"));
            }
            let mut out = [0u8; 32];
            let padded = format!("{hex:0>64}");
            for (i, byte) in out.iter_mut().enumerate() {
                *byte = u8::from_str_radix(&padded[2 * i..2 * i + 2], 16)
                    .map_err(|_| format!("slot {text:?}: not hex"))?;
            }
            return Ok(Slot(out));
        }
        text.parse::<u64>()
            .map(Slot::from_u64)
            .map_err(|_| format!("slot {text:?}: expected 0x-hex or a decimal number"))
    }
}

impl fmt::Display for Slot {
    /// Shortest `0x` hex form (`0x0`, `0x1f`, `0xa3f0…3d50`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let full: String = self.0.iter().map(|b| format!("{b:02x}")).collect();
        let trimmed = full.trim_start_matches('0');
        write!(f, "0x{}", if trimmed.is_empty() { "0" } else { trimmed })
    }
}

impl fmt::Debug for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Slot {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Slot;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a slot as a 0x-hex string or a non-negative integer")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Slot, E> {
                Slot::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Slot, E> {
                Ok(Slot::from_u64(v))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_slots_print_short_and_parse_back() {
        assert_eq!(Slot::from_u64(0).to_string(), "0x0");
        assert_eq!(Slot::from_u64(31).to_string(), "0x1f");
        assert_eq!(Slot::parse("0x1f").unwrap(), Slot::from_u64(31));
        assert_eq!(Slot::parse("31").unwrap(), Slot::from_u64(31));
    }

    #[test]
    fn hashed_slots_round_trip_through_json() {
        let text = "\"0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50\"";
        let slot: Slot = serde_json::from_str(text).unwrap();
        assert_eq!(slot.0[0], 0xa3);
        assert_eq!(slot.0[31], 0x50);
        assert_eq!(serde_json::to_string(&slot).unwrap(), text);
    }

    #[test]
    fn order_is_numeric_not_textual() {
        assert!(Slot::from_u64(2) < Slot::from_u64(10));
        assert!(Slot::parse("0xff").unwrap() < Slot::parse("0x100").unwrap());
    }

    #[test]
    fn malformed_slots_are_rejected() {
        assert!(Slot::parse("0x").is_err());
        assert!(Slot::parse("0xzz").is_err());
        assert!(Slot::parse(&format!("0x{}", "1".repeat(65))).is_err());
        assert!(Slot::parse("-1").is_err());
    }
}
