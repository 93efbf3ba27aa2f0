//! The deterministic-deployment proxy at
//! `0x4e59b44847b379578588920ca78fbf26c0b4956c` present on most dev chains:
//! calldata is `salt (32 bytes) ++ init code`; it CREATE2s and returns the
//! 20-byte address.

use alloy_primitives::{address, hex, Address};

/// Its canonical address.
pub const CREATE2_FACTORY: Address = address!("4e59b44847b379578588920ca78fbf26c0b4956c");

/// Its runtime bytecode (Arachnid's deterministic-deployment-proxy).
pub const CREATE2_FACTORY_CODE: &[u8] = &hex!(
    "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3"
);
