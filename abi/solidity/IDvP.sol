// SPDX-License-Identifier: Apache-2.0
// DvP settlement (R16, R18): the cash-leg payment token and the settlement
// contract that swaps a security-token partition against it, atomically,
// on a trade signed by a registered broker (EIP-712). Loaded by the Rust
// crate `sto-abi` (module `dvp`) with `sol!`.
pragma solidity ^0.8.20;

/// A matched OTC trade, as the broker signs it (EIP-712 type `Trade`).
struct Trade {
    address securityToken;
    bytes32 partition;
    address seller;
    address buyer;
    uint256 quantity;
    address cashToken;
    uint256 cashAmount;
    address broker;
    uint256 nonce;
    uint256 deadline;
    bytes32 tradeRef;
}

/// ERC-20 deposit token or stablecoin for the cash leg: mint and burn by its
/// issuer, ERC-2612 permit. Errors follow ERC-6093.
interface IPaymentToken {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);
    error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    error ERC20InvalidReceiver(address receiver);
    error ERC20InvalidSpender(address spender);
    error NotTokenIssuer(address account);
    error ERC2612ExpiredSignature(uint256 deadline);
    error ERC2612InvalidSigner(address signer, address owner);
    /// A mint that would take the total supply past 2^256 - 1.
    error SupplyOverflow(uint256 totalSupply, uint256 value);

    function name() external view returns (string memory);
    function symbol() external view returns (string memory);
    function decimals() external view returns (uint8);
    function totalSupply() external view returns (uint256);
    function balanceOf(address account) external view returns (uint256);
    function allowance(address owner, address spender) external view returns (uint256);
    function approve(address spender, uint256 value) external returns (bool);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
    function issuer() external view returns (address);
    function mint(address to, uint256 value) external;
    function burn(address from, uint256 value) external;
    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external;
    function nonces(address owner) external view returns (uint256);
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}

/// The settlement contract: the account-management institution (a settler)
/// submits a broker-signed trade; both legs move in one transaction or none.
interface IDvPSettlement {
    event TradeSettled(
        bytes32 indexed tradeHash,
        address indexed broker,
        uint256 indexed nonce,
        address securityToken,
        address seller,
        address buyer,
        uint256 quantity,
        address cashToken,
        uint256 cashAmount,
        bytes32 tradeRef
    );
    event NonceCancelled(address indexed broker, uint256 indexed nonce);
    event SettlerChanged(address indexed account, bool enabled, address indexed by);

    error NotSettlementAdmin(address account);
    error NotSettler(address account);
    error TradeExpired(uint256 deadline, uint256 nowTimestamp);
    error NonceAlreadyUsed(address broker, uint256 nonce);
    error SelfDealingTrade(address account);
    error InvalidSignatureLength(uint256 length);
    error InvalidSignatureV(uint8 v);
    error MalleableSignature(bytes32 s);
    error WrongSigner(address recovered, address broker);
    error NotDistributionBroker(address broker, uint8 side);
    error CashLegFailed(address cashToken);
    error ZeroQuantity();
    error BatchLengthMismatch(uint256 trades, uint256 signatures);

    function admin() external view returns (address);
    function setSettler(address account, bool enabled) external;
    function isSettler(address account) external view returns (bool);
    function settle(Trade calldata trade, bytes calldata brokerSignature) external returns (bytes32 tradeHash);
    /// Every trade or none: one failing trade reverts the whole batch with its error.
    function settleBatch(Trade[] calldata trades, bytes[] calldata signatures) external returns (bytes32[] memory);
    function cancelNonce(uint256 nonce) external;
    function isNonceUsed(address broker, uint256 nonce) external view returns (bool);
    /// The EIP-712 digest the broker signs.
    function tradeDigest(Trade calldata trade) external view returns (bytes32);
    function domainSeparator() external view returns (bytes32);
}
