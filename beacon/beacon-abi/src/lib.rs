//! ABI of the beacon upgrade path: the upgradeable beacon, the beacon proxy
//! and the token factory.
//!
//! One `sol!` description per contract, shared by the contracts themselves,
//! their native unit tests and the dev-chain tests, so that a selector, an
//! event signature or an error layout is written down exactly once. Error
//! names follow OpenZeppelin's (`OwnableUnauthorizedAccount`,
//! `AccessControlUnauthorizedAccount`, `BeaconInvalidImplementation`) so that
//! existing tooling decodes them without extra ABI files.
//!
//! Besides the ABI, this crate holds the few pure facts the contracts and
//! their callers must agree on: the ERC-1967 beacon slot, the role ids, the
//! 43-byte EVM prelude that turns deployed Stylus code into init code, and the
//! CREATE2 address formula.
#![no_std]

extern crate alloc;

use alloc::vec::Vec;
use alloy_primitives::{address, b256, Address, B256};

pub mod beacon {
    //! ABI of the upgradeable beacon.
    alloy_sol_types::sol! {
        #![sol(all_derives)]
        /// The beacon every token proxy asks for its implementation.
        interface IUpgradeableBeacon {
            /// Current implementation of every proxy that points at this beacon.
            function implementation() external view returns (address);
            /// Points every proxy at `newImplementation` (owner only).
            function upgradeTo(address newImplementation) external;
            /// Account allowed to upgrade and to hand over ownership.
            function owner() external view returns (address);
            /// Account nominated by `transferOwnership`, not yet accepted.
            function pendingOwner() external view returns (address);
            /// First step of an ownership handover: nominates `newOwner`.
            function transferOwnership(address newOwner) external;
            /// Second step: the nominee takes ownership.
            function acceptOwnership() external;
        }

        /// The beacon now names `implementation` (constructor and every upgrade).
        event Upgraded(address indexed implementation);
        /// `previousOwner` nominated `newOwner`; ownership moves on acceptance.
        event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
        /// Ownership moved from `previousOwner` to `newOwner` (zero at construction).
        event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

        /// `implementation` holds no code, or Stylus code that is not activated.
        error BeaconInvalidImplementation(address implementation);
        /// `account` is not the owner (or, for `acceptOwnership`, not the nominee).
        error OwnableUnauthorizedAccount(address account);
        /// `owner` cannot own the beacon (the zero address).
        error OwnableInvalidOwner(address owner);
    }
}

pub mod proxy {
    //! ABI of the beacon proxy. Everything except `setupBeacon` is the
    //! implementation's ABI, reached through the proxy's fallback.
    alloy_sol_types::sol! {
        #![sol(all_derives)]
        /// The one call a proxy understands itself, and only while its beacon
        /// slot is empty (the creating transaction).
        interface IBeaconProxy {
            /// Stores `beacon` in the ERC-1967 beacon slot, then delegatecalls
            /// `initData` (if any) into the beacon's implementation and
            /// returns that call's output.
            function setupBeacon(address beacon, bytes initData) external payable returns (bytes);
        }

        /// The proxy now follows `beacon` (emitted once, at setup).
        event BeaconUpgraded(address indexed beacon);

        /// The proxy has no beacon yet and the call was not `setupBeacon`.
        error BeaconProxyNotSetUp();
        /// `beacon` has no code or did not answer `implementation()` with an address.
        error BeaconProxyInvalidBeacon(address beacon);
    }
}

pub mod factory {
    //! ABI of the token factory.
    alloy_sol_types::sol! {
        #![sol(all_derives)]
        /// Creates one beacon proxy per security issue, initialised in the same transaction.
        interface ITokenFactory {
            /// Creates a proxy with CREATE2(`salt`), sets it up with the factory's
            /// beacon and runs `initCalldata` on it; records it under `issueId`.
            function createToken(bytes initCalldata, bytes32 issueId, bytes32 salt) external returns (address);
            /// Address `createToken` will give for `salt`.
            function predictAddress(bytes32 salt) external view returns (address);
            /// keccak256 of the proxy init code, the CREATE2 input.
            function proxyInitCodeHash() external view returns (bytes32);
            /// Number of tokens created so far.
            function tokenCount() external view returns (uint256);
            /// The `index`-th token created (creation order).
            function tokenAt(uint256 index) external view returns (address);
            /// Token created for `issueId`, or the zero address.
            function tokenByIssueId(bytes32 issueId) external view returns (address);
            /// Beacon every created proxy follows.
            function beacon() external view returns (address);
            /// Deployed proxy whose code the factory copies.
            function proxyTemplate() external view returns (address);
            /// Whether `account` holds `role`.
            function hasRole(bytes32 role, address account) external view returns (bool);
            /// Grants `role` to `account` (admin only).
            function grantRole(bytes32 role, address account) external;
            /// Revokes `role` from `account` (admin only).
            function revokeRole(bytes32 role, address account) external;
            /// Gives up `role` held by the caller.
            function renounceRole(bytes32 role) external;
        }

        /// `creator` created `token` for the security issue `issueId`.
        event TokenCreated(address indexed token, bytes32 indexed issueId, address indexed creator);
        /// `sender` granted `role` to `account`.
        event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender);
        /// `sender` revoked `role` from `account` (or `account` renounced it).
        event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender);

        /// `account` lacks `neededRole`.
        error AccessControlUnauthorizedAccount(address account, bytes32 neededRole);
        /// `role` is neither the admin role nor the deployer role.
        error AccessControlUnknownRole(bytes32 role);
        /// A beacon, template or admin address given to the constructor is unusable.
        error FactoryInvalidAddress(address account);
        /// The zero issue id is reserved to mean "no token".
        error FactoryZeroIssueId();
        /// `issueId` already has its token `token`.
        error FactoryIssueIdTaken(bytes32 issueId, address token);
        /// CREATE2 with `salt` failed (salt already used, or out of gas).
        error FactoryProxyDeploymentFailed(bytes32 salt);
        /// `index` is not below `count`.
        error FactoryIndexOutOfBounds(uint256 index, uint256 count);
    }
}

/// ERC-1967 beacon slot, `keccak256("eip1967.proxy.beacon") - 1`: the proxy
/// keeps its beacon here so that it never collides with the implementation's
/// own fields, which start at slot 0.
pub const BEACON_SLOT: B256 =
    b256!("a3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50");

/// Role that administers the factory's roles (AccessControl's `DEFAULT_ADMIN_ROLE`).
pub const DEFAULT_ADMIN_ROLE: B256 = B256::ZERO;

/// Role allowed to create tokens: `keccak256("DEPLOYER_ROLE")`.
pub const DEPLOYER_ROLE: B256 =
    b256!("fc425f2263d0df187444b70e47283d622c70181c5baebb1306a01edba1ce184c");

/// ArbWasm precompile: answers `codehashVersion(bytes32)` only for activated programs.
pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");

pub mod arb_wasm {
    //! The slice of ArbWasm the beacon uses to tell activated programs apart.
    alloy_sol_types::sol! {
        #![sol(all_derives)]
        /// ArbWasm precompile (0x71).
        interface IArbWasm {
            /// Stylus version of the activated program with `codehash`; reverts when not activated.
            function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        }
    }
}

/// Prefix of deployed Stylus code (`EF F0 00` + dictionary byte).
pub const STYLUS_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x00];

/// Length of [`init_code`]'s EVM prelude.
pub const PRELUDE_LEN: usize = 43;

/// EVM init code that deploys `code` verbatim: `PUSH32 len DUP1 PUSH1 0x2b
/// PUSH1 0 CODECOPY PUSH1 0 RETURN` followed by a zero byte (Stylus version)
/// and the code. The factory builds a proxy's init code this way from the
/// code of an already deployed proxy, so the new proxy shares its codehash
/// and needs no activation.
pub fn init_code(code: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(PRELUDE_LEN + code.len());
    out.push(0x7f);
    let mut len = [0u8; 32];
    len[24..].copy_from_slice(&(code.len() as u64).to_be_bytes());
    out.extend_from_slice(&len);
    out.extend_from_slice(&[0x80, 0x60, 0x2b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00]);
    out.extend_from_slice(code);
    out
}

/// The 85-byte CREATE2 preimage `0xff ++ deployer ++ salt ++ initCodeHash`;
/// its keccak256 ends with the created address. Split from the hashing so
/// that contracts can use their host's native keccak.
pub fn create2_preimage(deployer: Address, salt: B256, init_code_hash: B256) -> [u8; 85] {
    let mut out = [0u8; 85];
    out[0] = 0xff;
    out[1..21].copy_from_slice(deployer.as_slice());
    out[21..53].copy_from_slice(salt.as_slice());
    out[53..85].copy_from_slice(init_code_hash.as_slice());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{keccak256, U256};
    use alloy_sol_types::SolCall;

    #[test]
    fn beacon_slot_is_the_erc1967_beacon_slot() {
        let slot = U256::from_be_bytes(keccak256(b"eip1967.proxy.beacon").0) - U256::from(1);
        assert_eq!(BEACON_SLOT, B256::from(slot));
    }

    #[test]
    fn deployer_role_is_the_hash_of_its_name() {
        assert_eq!(DEPLOYER_ROLE, keccak256(b"DEPLOYER_ROLE"));
    }

    #[test]
    fn implementation_selector_is_the_erc1967_beacon_one() {
        assert_eq!(
            beacon::IUpgradeableBeacon::implementationCall::SELECTOR,
            [0x5c, 0x60, 0xda, 0x1b]
        );
    }

    #[test]
    fn init_code_is_prelude_then_code_and_returns_exactly_the_code() {
        let code = [0xEF, 0xF0, 0x00, 0x00, 1, 2, 3];
        let init = init_code(&code);
        assert_eq!(init.len(), PRELUDE_LEN + code.len());
        assert_eq!(init[0], 0x7f, "PUSH32 of the length");
        assert_eq!(
            init[32],
            code.len() as u8,
            "length, big-endian, low byte last"
        );
        assert!(init[1..32].iter().all(|b| *b == 0));
        assert_eq!(
            &init[33..43],
            &[0x80, 0x60, 0x2b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00]
        );
        assert_eq!(
            init[35] as usize, PRELUDE_LEN,
            "CODECOPY starts right after the prelude"
        );
        assert_eq!(&init[43..], &code);
    }

    #[test]
    fn create2_preimage_matches_alloys_create2_formula() {
        let deployer = Address::repeat_byte(0x11);
        let salt = B256::repeat_byte(0x22);
        let hash = keccak256(init_code(&[0xEF, 0xF0, 0x00, 0x00, 9]));
        let expected = deployer.create2(salt, hash);
        let digest = keccak256(create2_preimage(deployer, salt, hash));
        assert_eq!(Address::from_slice(&digest[12..]), expected);
    }
}
