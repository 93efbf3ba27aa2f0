//! Naming the logs of a receipt: every event of the token's interfaces, the
//! beacon, the proxy and the factory, with its fields; anything else is
//! shown by address and topic.

use alloy::primitives::Log;
use alloy::sol_types::{SolEvent, SolEventInterface};
use beacon_abi::{beacon, factory, proxy};

use crate::stack::{IArbWasm, IStylusDeployer};
use sto_abi::{
    IERC20Face, ISecurityTokenAdmin, ISecurityTokenCompliance, IERC1410, IERC1594, IERC1643,
    IERC1644,
};

/// One decoded log: the event's name and its fields, worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Event name (`Transfer`).
    pub name: String,
    /// `Transfer { from: 0x.., to: 0x.., value: 5 }`.
    pub text: String,
}

macro_rules! try_interfaces {
    ($log:expr, $($ty:ty),* $(,)?) => {
        $(
            if let Ok(e) = <$ty as SolEventInterface>::decode_raw_log($log.topics(), &$log.data.data) {
                return inner(format!("{e:?}"));
            }
        )*
    };
}

macro_rules! try_events {
    ($log:expr, $($ty:ty),* $(,)?) => {
        $(
            if let Ok(e) = <$ty as SolEvent>::decode_raw_log($log.topics(), &$log.data.data) {
                return Named { name: <$ty as SolEvent>::SIGNATURE.split('(').next().unwrap_or("").to_string(), text: format!("{e:?}") };
            }
        )*
    };
}

/// Decodes `log` with every ABI of the suite.
pub fn name(log: &Log) -> Named {
    try_interfaces!(
        log,
        IERC20Face::IERC20FaceEvents,
        IERC1410::IERC1410Events,
        IERC1594::IERC1594Events,
        IERC1643::IERC1643Events,
        IERC1644::IERC1644Events,
        ISecurityTokenAdmin::ISecurityTokenAdminEvents,
        ISecurityTokenCompliance::ISecurityTokenComplianceEvents,
        sto_abi::dvp::IDvPSettlement::IDvPSettlementEvents,
        sto_abi::dvp::IPaymentToken::IPaymentTokenEvents,
    );
    try_events!(
        log,
        beacon::Upgraded,
        beacon::OwnershipTransferStarted,
        beacon::OwnershipTransferred,
        proxy::BeaconUpgraded,
        factory::TokenCreated,
        factory::RoleGranted,
        factory::RoleRevoked,
        IArbWasm::ProgramActivated,
        IStylusDeployer::ContractDeployed,
    );
    let topic0 = log
        .topics()
        .first()
        .map(|t| t.to_string())
        .unwrap_or_else(|| "no topic".into());
    Named {
        name: "unknown".into(),
        text: format!("unknown event {topic0} from {}", log.address),
    }
}

/// `Transfer(Transfer { .. })` -> name `Transfer`, text `Transfer { .. }`.
fn inner(debug: String) -> Named {
    let name = debug
        .split(['(', ' ', '{'])
        .next()
        .unwrap_or("")
        .to_string();
    let text = match (debug.find('('), debug.ends_with(')')) {
        (Some(i), true) => debug[i + 1..debug.len() - 1].to_string(),
        _ => debug,
    };
    Named { name, text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::primitives::{Address, U256};

    #[test]
    fn token_and_factory_events_are_named_with_their_fields() {
        let transfer = IERC20Face::Transfer {
            from: Address::repeat_byte(1),
            to: Address::repeat_byte(2),
            value: U256::from(5),
        };
        let log = Log {
            address: Address::repeat_byte(9),
            data: transfer.encode_log_data(),
        };
        let named = name(&log);
        assert_eq!(named.name, "Transfer");
        assert!(named.text.starts_with("Transfer {"), "{}", named.text);
        assert!(named.text.contains("value: 5"), "{}", named.text);
        let created = factory::TokenCreated {
            token: Address::repeat_byte(3),
            issueId: Default::default(),
            creator: Address::repeat_byte(4),
        };
        let log = Log {
            address: Address::repeat_byte(9),
            data: created.encode_log_data(),
        };
        assert_eq!(name(&log).name, "TokenCreated");
        let log = Log {
            address: Address::repeat_byte(9),
            data: alloy::primitives::LogData::new_unchecked(vec![], Default::default()),
        };
        assert_eq!(name(&log).name, "unknown");
    }
}
