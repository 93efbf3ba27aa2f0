//! The ledger address of a custodial account (R17, rule v1).
//!
//! The registry reconciles totals per holder category, so every custodial
//! account (an account number at an account-management institution) must
//! map to one ledger address that anyone can recompute. Rule v1:
//!
//! ```text
//! preimage = "STO-HOLDER-ADDRESS/v1"          (21 ASCII bytes, the domain)
//!         ++ category                         (1 byte: 1, 2 or 3)
//!         ++ len(institution) as u32 big-endian ++ institution (UTF-8)
//!         ++ len(account)     as u32 big-endian ++ account     (UTF-8)
//! address  = last 20 bytes of keccak256(preimage)
//! ```
//!
//! The domain string versions the rule and keeps these hashes apart from
//! any other keccak preimage; the length prefixes make the split between
//! institution and account unambiguous ("AB"+"1" differs from "A"+"B1").
//! Test vectors are in docs/compliance.md and pinned by the tests below.
//! The contract hashes with the host's keccak, tools with alloy's: both
//! hash [`preimage`].

use alloc::vec::Vec;

/// Domain separator and version of the rule.
pub const DOMAIN_V1: &[u8; 21] = b"STO-HOLDER-ADDRESS/v1";

/// Holder category of an individual's account.
pub const CATEGORY_INDIVIDUAL: u8 = 1;
/// Holder category of a corporation's account.
pub const CATEGORY_CORPORATE: u8 = 2;
/// Holder category of the issuer's own account.
pub const CATEGORY_ISSUER_OWN: u8 = 3;

/// Whether `category` is one of the three holder categories.
pub const fn is_category(category: u8) -> bool {
    matches!(category, 1..=3)
}

/// The category named `name` (`individual`, `corporate`, `issuer-own`).
pub fn category_from_name(name: &str) -> Option<u8> {
    match name {
        "individual" => Some(CATEGORY_INDIVIDUAL),
        "corporate" => Some(CATEGORY_CORPORATE),
        "issuer-own" => Some(CATEGORY_ISSUER_OWN),
        _ => None,
    }
}

/// The name of `category`, `unclassified` for 0 and anything else.
pub fn category_name(category: u8) -> &'static str {
    match category {
        CATEGORY_INDIVIDUAL => "individual",
        CATEGORY_CORPORATE => "corporate",
        CATEGORY_ISSUER_OWN => "issuer-own",
        _ => "unclassified",
    }
}

/// The rule-v1 preimage of (`institution`, `account`, `category`).
pub fn preimage(institution: &[u8], account: &[u8], category: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(DOMAIN_V1.len() + 9 + institution.len() + account.len());
    out.extend_from_slice(DOMAIN_V1);
    out.push(category);
    for part in [institution, account] {
        out.extend_from_slice(&(part.len() as u32).to_be_bytes());
        out.extend_from_slice(part);
    }
    out
}

/// The ledger address of (`institution`, `account`, `category`).
pub fn holder_address(institution: &str, account: &str, category: u8) -> alloy_primitives::Address {
    let hash = alloy_primitives::keccak256(preimage(
        institution.as_bytes(),
        account.as_bytes(),
        category,
    ));
    alloy_primitives::Address::from_slice(&hash[12..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::address;

    #[test]
    fn preimage_layout_is_domain_category_then_length_prefixed_parts() {
        let p = preimage(b"KSA01", b"990-00-000001", 3);
        assert_eq!(&p[..21], DOMAIN_V1);
        assert_eq!(p[21], 3);
        assert_eq!(&p[22..26], &[0, 0, 0, 5]);
        assert_eq!(&p[26..31], b"KSA01");
        assert_eq!(&p[31..35], &[0, 0, 0, 13]);
        assert_eq!(&p[35..], b"990-00-000001");
    }

    #[test]
    fn test_vectors_of_docs_compliance_md() {
        assert_eq!(
            holder_address("KSA01", "990-00-000001", 3),
            address!("F6B820438D9AE9936b3617862c03DEA67cFD801E")
        );
        assert_eq!(
            holder_address("KSC03", "806-97-257739", 2),
            address!("82fE868468841673CD6E328077bf46033Ae7c117")
        );
        assert_eq!(
            holder_address("KSB02", "414-32-684589", 1),
            address!("2290c256A118F2aCa009E688cCe73041C1646981")
        );
    }

    #[test]
    fn length_prefixes_keep_the_split_unambiguous_and_category_matters() {
        assert_ne!(holder_address("AB", "1", 1), holder_address("A", "B1", 1));
        assert_ne!(holder_address("A", "1", 1), holder_address("A", "1", 2));
    }

    #[test]
    fn categories_round_trip_through_their_names() {
        for c in 1..=3 {
            assert_eq!(category_from_name(category_name(c)), Some(c));
            assert!(is_category(c));
        }
        assert!(!is_category(0) && !is_category(4));
        assert_eq!(category_from_name("Individual"), None);
    }
}
