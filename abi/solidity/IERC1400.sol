// SPDX-License-Identifier: Apache-2.0
// The security token's ABI: the single source of truth. The Rust crate
// `sto-abi` loads this file with `alloy_sol_types::sol!`, and a test compiles
// it with solc. Every choice where the ERC-1400 drafts disagree is recorded
// in docs/abi-decisions.md.
pragma solidity ^0.8.20;

/// Custom errors of the security token. A failing call reverts with exactly
/// one of these; `canTransfer*` reports the selector of the same error.
interface ISecurityTokenErrors {
    /// The caller is not the token's issuer.
    error NotIssuer(address account);
    /// The caller is not an appointed controller.
    error NotController(address account);
    /// `operator` may not move `holder`'s tokens in `partition`.
    error NotOperator(address operator, address holder, bytes32 partition);
    /// Only a controller or a token-level operator may move value into another partition.
    error PartitionChangeNotAllowed(address operator);
    /// The token is not initialised (a proxy before `initialize`, or the bare implementation).
    error NotInitialized();
    /// `initialize` was already called, or this is the bare implementation.
    error AlreadyInitialized();
    /// Transfers are paused by the issuer.
    error TransfersPaused();
    /// `unpause` while transfers are not paused.
    error NotPaused();
    /// Issuance was closed for good.
    error IssuanceClosed();
    /// Controllability was renounced for good.
    error NotControllable();
    /// The zero address where an account is required.
    error ZeroAddress();
    /// Tokens cannot be sent from this address.
    error InvalidSender(address sender);
    /// Tokens cannot be sent to this address.
    error InvalidReceiver(address receiver);
    /// The partition is reserved (0x00..00) or otherwise unusable.
    error InvalidPartition(bytes32 partition);
    /// No default partitions are set, so a partition-less call cannot proceed.
    error NoDefaultPartitions();
    /// `holder` has `available` unlocked tokens in `partition` (0x00..00: all default partitions together) but `required` were asked for.
    error InsufficientBalance(address holder, bytes32 partition, uint256 available, uint256 required);
    /// `spender` may move `allowance` of `holder`'s tokens but `required` were asked for.
    error InsufficientAllowance(address holder, address spender, uint256 allowance, uint256 required);
    /// An amount, or the total supply it would lead to, exceeds 2^120 - 1.
    error AmountTooLarge(uint256 value);
    /// A token-level operator side other than 1 (issuance) or 2 (distribution).
    error InvalidOperatorSide(uint8 side);
    /// A holder cannot authorise itself as its own operator.
    error SelfAuthorization();
    /// Document name 0x00..00 or an empty URI.
    error InvalidDocument(bytes32 name);
    /// No document is stored under this name.
    error DocumentNotFound(bytes32 name);
    /// The calldata is too short or malformed for the function with this selector.
    error MalformedCalldata(bytes4 selector);
    /// No function of the token has this selector.
    error UnknownFunction(bytes4 selector);
    /// The token's functions accept no ether.
    error NotPayable();
    /// `account` is not a usable extension program (no code), or, asked for
    /// the token's extensions, gave no answer this token understands.
    error InvalidExtension(address account);
    /// KYC (R12): the sender of a holder, operator or issuer-side move is not registered.
    error SenderNotRegistered(address holder);
    /// KYC (R12): the receiver of any move, forced ones included, is not registered.
    error ReceiverNotRegistered(address holder);
    /// Freeze (R10): the whole address is frozen; it cannot send by holder or operator.
    error SenderFrozen(address holder);
    /// The balance suffices but part of it is frozen or pledged (status 0x55).
    error LockedBalance(address holder, bytes32 partition, uint256 unlocked, uint256 required);
    /// R16: a distribution-side operator moving its own account, or a move whose two sides are one account.
    error SelfDealing(address operator, address account);
    /// R16: an account that served one side of an issue cannot be given the other side.
    error OperatorSideConflict(address operator, uint8 side);
    /// Holder category not 1 (individual), 2 (corporate) or 3 (issuer-own).
    error InvalidCategory(uint8 category);
    /// The caller is neither the issuer nor a KYC registrar.
    error NotRegistrar(address account);
    /// The caller is neither the issuer nor a controller.
    error NotIssuerOrController(address account);
    /// The caller is neither the pledgee of the pledge nor a controller.
    error NotPledgeeOrController(address account);
    /// No pledge with this id.
    error UnknownPledge(uint256 id);
    /// The pledge was released or enforced already.
    error PledgeNotActive(uint256 id);
    /// Unfreezing more than is frozen.
    error InsufficientFrozen(address holder, bytes32 partition, uint256 frozen, uint256 required);
    /// Seizure before the controller designated a custody account.
    error NoCustodyAccount();
    /// An allocation batch id that was issued already (exactly-once issuance).
    error BatchAlreadyIssued(bytes32 batchId);
    /// Two arrays of one call that must pair up differ in length.
    error LengthMismatch(uint256 holders, uint256 values);
}

/// ERC-20 face: what wallets and explorers see. Plain transfers draw from the
/// default partitions, in order.
interface IERC20Face {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function name() external view returns (string memory);
    function symbol() external view returns (string memory);
    function decimals() external view returns (uint8);
    function totalSupply() external view returns (uint256);
    function balanceOf(address account) external view returns (uint256);
    function allowance(address owner, address spender) external view returns (uint256);
    function approve(address spender, uint256 value) external returns (bool);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// ERC-1410 partially fungible token (with the ERC-1400 umbrella's
/// ChangedPartition event).
interface IERC1410 {
    event TransferByPartition(
        bytes32 indexed fromPartition,
        address operator,
        address indexed from,
        address indexed to,
        uint256 value,
        bytes data,
        bytes operatorData
    );
    event ChangedPartition(bytes32 indexed fromPartition, bytes32 indexed toPartition, uint256 value);
    event AuthorizedOperator(address indexed operator, address indexed tokenHolder);
    event RevokedOperator(address indexed operator, address indexed tokenHolder);
    event AuthorizedOperatorByPartition(bytes32 indexed partition, address indexed operator, address indexed tokenHolder);
    event RevokedOperatorByPartition(bytes32 indexed partition, address indexed operator, address indexed tokenHolder);
    event IssuedByPartition(
        bytes32 indexed partition,
        address indexed operator,
        address indexed to,
        uint256 value,
        bytes data,
        bytes operatorData
    );
    event RedeemedByPartition(
        bytes32 indexed partition,
        address indexed operator,
        address indexed from,
        uint256 value,
        bytes data,
        bytes operatorData
    );

    function balanceOfByPartition(bytes32 partition, address tokenHolder) external view returns (uint256);
    function partitionsOf(address tokenHolder) external view returns (bytes32[] memory);
    function totalSupplyByPartition(bytes32 partition) external view returns (uint256);
    function totalPartitions() external view returns (bytes32[] memory);
    function transferByPartition(bytes32 partition, address to, uint256 value, bytes calldata data)
        external
        returns (bytes32);
    function operatorTransferByPartition(
        bytes32 partition,
        address from,
        address to,
        uint256 value,
        bytes calldata data,
        bytes calldata operatorData
    ) external returns (bytes32);
    function canTransferByPartition(address from, address to, bytes32 partition, uint256 value, bytes calldata data)
        external
        view
        returns (bytes1 status, bytes32 reason, bytes32 destinationPartition);
    function isOperator(address operator, address tokenHolder) external view returns (bool);
    function isOperatorForPartition(bytes32 partition, address operator, address tokenHolder)
        external
        view
        returns (bool);
    function authorizeOperator(address operator) external;
    function revokeOperator(address operator) external;
    function authorizeOperatorByPartition(bytes32 partition, address operator) external;
    function revokeOperatorByPartition(bytes32 partition, address operator) external;
    function issueByPartition(bytes32 partition, address tokenHolder, uint256 value, bytes calldata data) external;
    function redeemByPartition(bytes32 partition, uint256 value, bytes calldata data) external;
    function operatorRedeemByPartition(bytes32 partition, address tokenHolder, uint256 value, bytes calldata operatorData)
        external;
}

/// ERC-1594 core security token.
interface IERC1594 {
    event Issued(address indexed operator, address indexed to, uint256 value, bytes data);
    event Redeemed(address indexed operator, address indexed from, uint256 value, bytes data);

    function transferWithData(address to, uint256 value, bytes calldata data) external;
    function transferFromWithData(address from, address to, uint256 value, bytes calldata data) external;
    function isIssuable() external view returns (bool);
    function issue(address tokenHolder, uint256 value, bytes calldata data) external;
    function redeem(uint256 value, bytes calldata data) external;
    function redeemFrom(address tokenHolder, uint256 value, bytes calldata data) external;
    function canTransfer(address to, uint256 value, bytes calldata data)
        external
        view
        returns (bytes1 status, bytes32 reason);
    function canTransferFrom(address from, address to, uint256 value, bytes calldata data)
        external
        view
        returns (bytes1 status, bytes32 reason);
}

/// ERC-1643 document management.
interface IERC1643 {
    event DocumentUpdated(bytes32 indexed name, string uri, bytes32 documentHash);
    event DocumentRemoved(bytes32 indexed name, string uri, bytes32 documentHash);

    function getDocument(bytes32 name) external view returns (string memory uri, bytes32 documentHash, uint256 lastModified);
    function setDocument(bytes32 name, string calldata uri, bytes32 documentHash) external;
    function removeDocument(bytes32 name) external;
    function getAllDocuments() external view returns (bytes32[] memory);
}

/// ERC-1644 controller operations, plus by-partition forms and an
/// irreversible renounce.
interface IERC1644 {
    event ControllerTransfer(
        address controller,
        address indexed from,
        address indexed to,
        uint256 value,
        bytes data,
        bytes operatorData
    );
    event ControllerRedemption(
        address controller,
        address indexed tokenHolder,
        uint256 value,
        bytes data,
        bytes operatorData
    );
    event ControllabilityRenounced(address indexed issuer);

    function isControllable() external view returns (bool);
    function controllerTransfer(address from, address to, uint256 value, bytes calldata data, bytes calldata operatorData)
        external;
    function controllerRedeem(address tokenHolder, uint256 value, bytes calldata data, bytes calldata operatorData)
        external;
    function controllerTransferByPartition(
        bytes32 partition,
        address from,
        address to,
        uint256 value,
        bytes calldata data,
        bytes calldata operatorData
    ) external returns (bytes32);
    function controllerRedeemByPartition(
        bytes32 partition,
        address tokenHolder,
        uint256 value,
        bytes calldata data,
        bytes calldata operatorData
    ) external;
    function renounceControllability() external;
}

/// Roles, pause, issuance closure, default partitions, one-shot initialiser
/// and the issue's ledger metadata (R8-R11, R13, R19, R20).
interface ISecurityTokenAdmin {
    event Initialized(address indexed issuer, bytes32 indexed issueId);
    event IssuerChanged(address indexed previousIssuer, address indexed newIssuer);
    event ControllerAppointed(address indexed controller, address indexed by);
    event ControllerDismissed(address indexed controller, address indexed by);
    /// side: 1 = issuance side (underwriter / arranger), 2 = distribution side.
    event OperatorAppointed(address indexed operator, uint8 side, address indexed by);
    event OperatorDismissed(address indexed operator, address indexed by);
    event Paused(address indexed by);
    event Unpaused(address indexed by);
    event IssuanceFinalized(address indexed by);
    event DefaultPartitionsChanged(bytes32[] partitions);
    /// One allocation batch issued (each holder also gets the issue events).
    event BatchIssued(bytes32 indexed batchId, bytes32 indexed partition, uint256 holders, uint256 total, address indexed by);

    function initialize(
        string calldata name,
        string calldata symbol,
        uint8 decimals,
        address issuer,
        address[] calldata controllers,
        bytes32[] calldata defaultPartitions,
        address accountManager,
        string calldata securityKind,
        bytes32 issueId
    ) external;
    function issueInfo()
        external
        view
        returns (address issuer, address accountManager, string memory securityKind, bytes32 issueId);
    function issuer() external view returns (address);
    function transferIssuer(address newIssuer) external;
    function isController(address account) external view returns (bool);
    function appointController(address controller) external;
    function dismissController(address controller) external;
    function operatorSide(address account) external view returns (uint8);
    function appointOperator(address operator, uint8 side) external;
    function dismissOperator(address operator) external;
    function paused() external view returns (bool);
    function pause() external;
    function unpause() external;
    function finalizeIssuance() external;
    function getDefaultPartitions() external view returns (bytes32[] memory);
    function setDefaultPartitions(bytes32[] calldata partitions) external;
    /// Issues values[i] of `partition` to holders[i] (issuer only), all or
    /// nothing, at most once per `batchId`: the allocation-file issuance's
    /// exactly-once guarantee lives on chain, not only in a journal.
    function issueBatchByPartition(bytes32 batchId, bytes32 partition, address[] calldata holders, uint256[] calldata values)
        external;
    function isBatchIssued(bytes32 batchId) external view returns (bool);
}

/// Korean token-securities rules (R10, R12-R17), answered by the
/// `security-token-compliance` extension on the proxy's storage. The rules
/// themselves (KYC of both sides, frozen addresses, locked value,
/// self-dealing, per-category totals) are enforced by the hot path of every
/// move; docs/compliance.md states each rule and its error.
interface ISecurityTokenCompliance {
    /// category: 1 individual, 2 corporate, 3 issuer-own account.
    event HolderRegistered(address indexed holder, uint8 category, address indexed by);
    event HolderUnregistered(address indexed holder, address indexed by);
    event RegistrarChanged(address indexed account, bool enabled, address indexed by);
    event AddressFrozen(address indexed holder, address indexed by);
    event AddressUnfrozen(address indexed holder, address indexed by);
    event TokensFrozen(address indexed holder, bytes32 indexed partition, uint256 amount, address indexed by);
    event TokensUnfrozen(address indexed holder, bytes32 indexed partition, uint256 amount, address indexed by);
    event CustodyAccountChanged(address indexed custody, address indexed by);
    event Seized(
        address indexed holder,
        address indexed custody,
        bytes32 indexed partition,
        uint256 value,
        bytes32 refCode,
        address controller
    );
    event PledgeCreated(
        uint256 indexed id,
        address indexed holder,
        address indexed pledgee,
        bytes32 partition,
        uint256 amount,
        bytes32 refCode,
        address by
    );
    event PledgeReleased(uint256 indexed id, address indexed by);
    event PledgeEnforced(uint256 indexed id, address indexed pledgee, address indexed by);
    event TrustPropertySet(address indexed holder, bytes32 indexed partition, bool trust, address indexed by);

    function registerHolder(address holder, uint8 category) external;
    function registerHolders(address[] calldata holders, uint8 category) external;
    function unregisterHolder(address holder) external;
    function unregisterHolders(address[] calldata holders) external;
    function setRegistrar(address account, bool enabled) external;
    function isRegistrar(address account) external view returns (bool);
    function holderInfo(address holder) external view returns (bool registered, uint8 category, bool frozen);
    /// Every address ever registered, in order of first registration.
    function holderCount() external view returns (uint256);
    function holdersPage(uint256 start, uint256 count) external view returns (address[] memory);
    /// category 0: value held by addresses never registered (tokens issued before the rules).
    function totalSupplyByCategory(uint8 category) external view returns (uint256);
    function reconciliation()
        external
        view
        returns (uint256 supply, uint256 individual, uint256 corporate, uint256 issuerOwn, uint256 unclassified);
    /// R17 rule v1 (docs/compliance.md): last 20 bytes of keccak256 of the domain-separated preimage.
    function deriveHolderAddress(string calldata institution, string calldata account, uint8 category)
        external
        pure
        returns (address);
    function freezeAddress(address holder) external;
    function unfreezeAddress(address holder) external;
    function freezePartial(address holder, bytes32 partition, uint256 amount) external;
    function unfreezePartial(address holder, bytes32 partition, uint256 amount) external;
    function frozenBalanceOf(bytes32 partition, address holder) external view returns (uint256);
    function setCustodyAccount(address custody) external;
    function custodyAccount() external view returns (address);
    function seize(address holder, bytes32 partition, uint256 value, bytes32 refCode) external;
    function pledge(address holder, bytes32 partition, uint256 amount, address pledgee, bytes32 refCode)
        external
        returns (uint256 id);
    function releasePledge(uint256 id) external;
    function enforcePledge(uint256 id) external;
    function pledgedBalanceOf(bytes32 partition, address holder) external view returns (uint256);
    /// status: 1 active, 2 released, 3 enforced.
    function getPledge(uint256 id)
        external
        view
        returns (address holder, bytes32 partition, uint256 amount, address pledgee, bytes32 refCode, uint8 status);
    function pledgesOf(address holder) external view returns (uint256[] memory);
    function setTrustProperty(address holder, bytes32 partition, bool trust) external;
    function isTrustProperty(bytes32 partition, address holder) external view returns (bool);
    /// The trust-property flag of many holdings of one partition (one event each).
    function setTrustProperties(address[] calldata holders, bytes32 partition, bool trust) external;
    /// R13: the issue-level ledger data in one call.
    function ledger()
        external
        view
        returns (
            address issuer,
            address accountManager,
            string memory securityKind,
            bytes32 issueId,
            uint256 issuedQuantity,
            uint256 pledgedQuantity,
            uint256 frozenQuantity,
            uint256 holderCount
        );
    /// R13: one holder's ledger entry: per partition balance, pledged, frozen and trust flag.
    function ledgerEntry(address holder)
        external
        view
        returns (
            bool registered,
            uint8 category,
            bool frozen,
            bytes32[] memory partitions,
            uint256[] memory balances,
            uint256[] memory pledged,
            uint256[] memory frozenAmounts,
            bool[] memory trust
        );
}

/// How the token's code is organised: one implementation program holds the
/// hot path (transfers, issuance, redemption, controller moves, views) and
/// delegate-calls every other selector to its extension programs, which share
/// its storage layout. The implementation's constructor fixes the list, so
/// pointing the beacon at a new implementation upgrades every program at once.
interface ISecurityTokenProgram {
    /// The extension programs of this implementation (index 0: administration,
    /// index 1: compliance).
    /// Called on a token proxy, the list of the implementation the beacon names.
    function extensions() external view returns (address[] memory);
}

/// The whole token: what a client of a deployed token proxy talks to.
interface ISecurityToken is
    ISecurityTokenErrors,
    IERC20Face,
    IERC1410,
    IERC1594,
    IERC1643,
    IERC1644,
    ISecurityTokenAdmin,
    ISecurityTokenCompliance,
    ISecurityTokenProgram
{}
