//! Naming a revert: the custom error (with its arguments) of any contract
//! of the suite, a Solidity `Error(string)` or `Panic(uint256)`, or the raw
//! bytes when nothing matches.

use alloy::sol_types::{Panic, Revert, SolError, SolInterface};
use beacon_abi::{beacon, factory, proxy};
use sto_abi::ISecurityTokenErrors::ISecurityTokenErrorsErrors;

alloy::sol! {
    /// Errors of the ArbWasm precompile (activation), by their real selectors.
    #[derive(Debug)]
    error ProgramNotWasm();
    #[derive(Debug)]
    error ProgramNotActivated();
    #[derive(Debug)]
    error ProgramNeedsUpgrade(uint16 version, uint16 stylusVersion);
    #[derive(Debug)]
    error ProgramExpired(uint64 ageInSeconds);
    #[derive(Debug)]
    error ProgramUpToDate();
    #[derive(Debug)]
    error ProgramKeepaliveTooSoon(uint64 ageInSeconds);
    #[derive(Debug)]
    error ProgramInsufficientValue(uint256 have, uint256 want);
}

macro_rules! try_errors {
    ($data:expr, $($ty:ty),* $(,)?) => {
        $(
            if let Ok(e) = <$ty as SolError>::abi_decode($data) {
                return format!("{e:?}");
            }
        )*
    };
}

/// One line naming what the revert data means.
pub fn describe_revert(data: &[u8]) -> String {
    if data.is_empty() {
        return "no revert data".into();
    }
    if let Ok(e) = ISecurityTokenErrorsErrors::abi_decode(data) {
        return strip_enum(format!("{e:?}"));
    }
    if let Ok(e) = sto_abi::dvp::IDvPSettlement::IDvPSettlementErrors::abi_decode(data) {
        return strip_enum(format!("{e:?}"));
    }
    if let Ok(e) = sto_abi::dvp::IPaymentToken::IPaymentTokenErrors::abi_decode(data) {
        return strip_enum(format!("{e:?}"));
    }
    if let Ok(r) = Revert::abi_decode(data) {
        return format!("Error({:?})", r.reason);
    }
    if let Ok(p) = Panic::abi_decode(data) {
        return format!("Panic({:#x})", p.code);
    }
    try_errors!(
        data,
        beacon::BeaconInvalidImplementation,
        beacon::OwnableUnauthorizedAccount,
        beacon::OwnableInvalidOwner,
        proxy::BeaconProxyNotSetUp,
        proxy::BeaconProxyInvalidBeacon,
        factory::AccessControlUnauthorizedAccount,
        factory::AccessControlUnknownRole,
        factory::FactoryInvalidAddress,
        factory::FactoryZeroIssueId,
        factory::FactoryIssueIdTaken,
        factory::FactoryProxyDeploymentFailed,
        factory::FactoryIndexOutOfBounds,
        ProgramNotWasm,
        ProgramNotActivated,
        ProgramNeedsUpgrade,
        ProgramExpired,
        ProgramUpToDate,
        ProgramKeepaliveTooSoon,
        ProgramInsufficientValue,
    );
    format!("unknown error 0x{}", hex::encode(data))
}

/// `NotIssuer(NotIssuer { account: .. })` -> `NotIssuer { account: .. }`.
fn strip_enum(s: String) -> String {
    match (s.find('('), s.ends_with(')')) {
        (Some(i), true) => s[i + 1..s.len() - 1].to_string(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::primitives::{Address, B256};
    use sto_abi::ISecurityTokenErrors;

    #[test]
    fn token_errors_are_named_with_their_arguments() {
        let data = ISecurityTokenErrors::NotIssuer {
            account: Address::repeat_byte(0x11),
        }
        .abi_encode();
        let text = describe_revert(&data);
        assert!(text.starts_with("NotIssuer"), "{text}");
        assert!(
            text.contains("0x1111111111111111111111111111111111111111"),
            "{text}"
        );
    }

    #[test]
    fn factory_errors_are_named() {
        let data = factory::AccessControlUnauthorizedAccount {
            account: Address::ZERO,
            neededRole: B256::repeat_byte(1),
        }
        .abi_encode();
        assert!(describe_revert(&data).starts_with("AccessControlUnauthorizedAccount"));
    }

    #[test]
    fn strings_panics_and_unknown_data_are_worded() {
        let data = Revert::from("boom").abi_encode();
        assert_eq!(describe_revert(&data), "Error(\"boom\")");
        assert_eq!(describe_revert(&[]), "no revert data");
        assert_eq!(describe_revert(&[0xde, 0xad]), "unknown error 0xdead");
    }
}
