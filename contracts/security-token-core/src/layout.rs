//! The storage layout of [`crate::SecurityToken`] as the upgrade checker
//! reads it: declared here, next to nothing else, so that a reviewer sees
//! one table per version; `tests/layout.rs` writes through every field of
//! the real struct and checks each write lands where this table says, and
//! that the table equals the committed release file
//! `deployments/layouts/security-token/<version>.json`.
//!
//! The implementation's own extension list (`program::EXTENSIONS_SLOT`) is
//! not part of it: it lives in the implementation's storage, never in a
//! proxy's.

use storage_layout::Layout;

/// Version of the layout this crate's struct has.
pub const VERSION: &str = "1.1.0";

/// The declared layout of the token's proxy storage, in declaration order.
pub fn storage_layout() -> Layout {
    Layout::new("security-token", VERSION)
        .field("issuer", 0, 0, 20, "address")
        .field("decimals", 0, 20, 1, "uint8")
        .field("status", 0, 21, 1, "uint8")
        .field("total_supply", 1, 0, 32, "uint256")
        .field("name", 2, 0, 32, "string")
        .field("symbol", 3, 0, 32, "string")
        .field("holders", 4, 0, 32, "mapping(address => uint256)")
        .field(
            "holdings",
            5,
            0,
            32,
            "mapping(address => mapping(bytes32 => uint256))",
        )
        .field(
            "holder_partitions",
            6,
            0,
            32,
            "mapping(address => bytes32[])",
        )
        .field("partition_supply", 7, 0, 32, "mapping(bytes32 => uint256)")
        .field("partitions", 8, 0, 32, "bytes32[]")
        .field("default_partitions", 9, 0, 32, "bytes32[]")
        .field(
            "allowances",
            10,
            0,
            32,
            "mapping(address => mapping(address => uint256))",
        )
        .field(
            "operators",
            11,
            0,
            32,
            "mapping(address => mapping(address => bool))",
        )
        .field(
            "partition_operators",
            12,
            0,
            32,
            "mapping(address => mapping(bytes32 => mapping(address => bool)))",
        )
        .field("roles", 13, 0, 32, "mapping(address => uint8)")
        .field("document_uris", 14, 0, 32, "mapping(bytes32 => string)")
        .field("document_hashes", 15, 0, 32, "mapping(bytes32 => bytes32)")
        .field("document_times", 16, 0, 32, "mapping(bytes32 => uint64)")
        .field("document_names", 17, 0, 32, "bytes32[]")
        .field("account_manager", 18, 0, 20, "address")
        .field("security_kind", 19, 0, 32, "string")
        .field("issue_id", 20, 0, 32, "bytes32")
        // 1.1.0: the Korean token-securities rules, appended.
        .field("category_supply", 21, 0, 32, "mapping(uint8 => uint256)")
        .field(
            "frozen",
            22,
            0,
            32,
            "mapping(address => mapping(bytes32 => uint256))",
        )
        .field(
            "pledges",
            23,
            0,
            32,
            "struct PledgeRecord(address holder,uint8 status,address pledgee,bytes32 partition,uint256 amount,bytes32 reference)[]",
        )
        .field("holder_pledges", 24, 0, 32, "mapping(address => uint256[])")
        .field("holder_list", 25, 0, 32, "address[]")
        .field("custody", 26, 0, 20, "address")
        .field("encumbered", 27, 0, 32, "uint256")
        .field("issued_batches", 28, 0, 32, "mapping(bytes32 => bool)")
}
