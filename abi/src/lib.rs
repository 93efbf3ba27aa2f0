//! ABI of the security-token suite: the `sol!` interfaces, events and custom
//! errors shared by the contracts, the CLI, the dev-chain tests and the
//! property suite.
//!
//! The Solidity file `solidity/IERC1400.sol` *is* the source: this crate
//! loads it with `alloy_sol_types::sol!`, so the Rust types, the selectors
//! the contract routes and the interface that `tests/solc.rs` compiles with
//! solc cannot drift apart. Decisions where the ERC-1400 drafts disagree are
//! recorded in `docs/abi-decisions.md`.
#![cfg_attr(not(test), no_std)]

extern crate alloc;

pub mod derivation;
pub mod status;

alloy_sol_types::sol!(
    #[sol(all_derives)]
    "solidity/IERC1400.sol"
);

/// Function selectors of every interface of [`ISecurityToken`], by
/// interface name: what a token proxy answers. Tests check the contract's
/// routers against this list, so a function added to the Solidity file but
/// not routed fails the build's tests.
pub const FUNCTION_SELECTORS: &[(&str, &[[u8; 4]])] = &[
    ("IERC20Face", IERC20Face::IERC20FaceCalls::SELECTORS),
    ("IERC1410", IERC1410::IERC1410Calls::SELECTORS),
    ("IERC1594", IERC1594::IERC1594Calls::SELECTORS),
    ("IERC1643", IERC1643::IERC1643Calls::SELECTORS),
    ("IERC1644", IERC1644::IERC1644Calls::SELECTORS),
    (
        "ISecurityTokenAdmin",
        ISecurityTokenAdmin::ISecurityTokenAdminCalls::SELECTORS,
    ),
    (
        "ISecurityTokenCompliance",
        ISecurityTokenCompliance::ISecurityTokenComplianceCalls::SELECTORS,
    ),
    (
        "ISecurityTokenProgram",
        ISecurityTokenProgram::ISecurityTokenProgramCalls::SELECTORS,
    ),
];

/// The interface source, for tools that want to write it out (e.g. next to a
/// deployment record) without reading the repository.
pub const SOLIDITY_INTERFACE: &str = include_str!("../solidity/IERC1400.sol");

/// DvP settlement: the payment token and the settlement contract
/// (`solidity/IDvP.sol`), plus the EIP-712 constants both sides hash with.
#[allow(clippy::too_many_arguments)]
pub mod dvp {
    alloy_sol_types::sol!(
        #[sol(all_derives)]
        "solidity/IDvP.sol"
    );

    /// `keccak256` of the EIP-712 `Trade` type string.
    pub const TRADE_TYPE: &str = "Trade(address securityToken,bytes32 partition,address seller,address buyer,uint256 quantity,address cashToken,uint256 cashAmount,address broker,uint256 nonce,uint256 deadline,bytes32 tradeRef)";
    /// The EIP-712 domain type string.
    pub const DOMAIN_TYPE: &str =
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    /// The settlement contract's EIP-712 domain name.
    pub const SETTLEMENT_NAME: &str = "STO DvP Settlement";
    /// ERC-2612 `Permit` type string.
    pub const PERMIT_TYPE: &str =
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)";
    /// Domain version of both contracts.
    pub const VERSION: &str = "1";
}
