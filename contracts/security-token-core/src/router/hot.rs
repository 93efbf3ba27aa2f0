//! Router of the `security-token` program: the hot path and its views.
//! Everything a transfer, an issue, a redemption or a forced move needs is
//! here, so those calls never leave this program (no cross-contract call
//! on the transfer path).

use super::{nothing, ret_bool, ret_bytes, ret_uint, ret_word, ret_words, router};
use crate::encoding::{encode, word, Field};
use sto_abi::{IERC20Face as E20, IERC1410 as E1410, IERC1594 as E1594, IERC1644 as E1644};
use stylus_sdk::alloy_primitives::B256;

/// `(bytes1 status, bytes32 reason)`.
fn verdict(status: [u8; 1], reason: B256) -> alloc::vec::Vec<u8> {
    let mut status_word = B256::ZERO;
    status_word[0] = status[0];
    encode(&[word(status_word), word(reason)])
}

router! {
    /// Answers a hot-path call, or `None` when the selector is not one of
    /// [`SELECTORS`] (the program's fallback then hands it to an extension).
    fn route(t, a);
    selectors SELECTORS;
    // ERC-20 face.
    E20::nameCall [b""] => ret_bytes(&t.name()),
    E20::symbolCall [b""] => ret_bytes(&t.symbol()),
    E20::decimalsCall [b""] => ret_uint(crate::words::uint(t.decimals() as u64)),
    E20::totalSupplyCall [b""] => ret_uint(t.total_supply()),
    E20::balanceOfCall [b"a"] => ret_uint(t.balance_of(a.addr(0))),
    E20::allowanceCall [b"aa"] => ret_uint(t.allowance(a.addr(0), a.addr(1))),
    E20::approveCall [b"aw"] => ret_bool(t.approve(a.addr(0), a.uint(1))?),
    E20::transferCall [b"aw"] => ret_bool(t.transfer(a.addr(0), a.uint(1))?),
    E20::transferFromCall [b"aaw"] => {
        ret_bool(t.transfer_from(a.addr(0), a.addr(1), a.uint(2))?)
    },
    // ERC-1410.
    E1410::balanceOfByPartitionCall [b"wa"] => {
        ret_uint(t.balance_of_by_partition(a.word(0), a.addr(1)))
    },
    E1410::partitionsOfCall [b"a"] => ret_words(&t.partitions_of(a.addr(0))),
    E1410::totalSupplyByPartitionCall [b"w"] => ret_uint(t.total_supply_by_partition(a.word(0))),
    E1410::totalPartitionsCall [b""] => ret_words(&t.total_partitions()),
    E1410::transferByPartitionCall [b"wawb"] => ret_word(t.transfer_by_partition(
        a.word(0),
        a.addr(1),
        a.uint(2),
        a.bytes(3),
    )?),
    E1410::operatorTransferByPartitionCall [b"waawbb"] => ret_word(t.operator_transfer_by_partition(
        a.word(0),
        a.addr(1),
        a.addr(2),
        a.uint(3),
        a.bytes(4),
        a.bytes(5),
    )?),
    E1410::canTransferByPartitionCall [b"aawwb"] => {
        let (status, reason, destination) = t.can_transfer_by_partition(
            a.addr(0),
            a.addr(1),
            a.word(2),
            a.uint(3),
            a.bytes(4),
        );
        let mut out = verdict(status.0, reason);
        out.extend_from_slice(destination.as_slice());
        out
    },
    E1410::isOperatorCall [b"aa"] => ret_bool(t.is_operator(a.addr(0), a.addr(1))),
    E1410::isOperatorForPartitionCall [b"waa"] => {
        ret_bool(t.is_operator_for_partition(a.word(0), a.addr(1), a.addr(2)))
    },
    E1410::authorizeOperatorCall [b"a"] => nothing(t.authorize_operator(a.addr(0))?),
    E1410::revokeOperatorCall [b"a"] => nothing(t.revoke_operator(a.addr(0))?),
    E1410::authorizeOperatorByPartitionCall [b"wa"] => {
        nothing(t.authorize_operator_by_partition(a.word(0), a.addr(1))?)
    },
    E1410::revokeOperatorByPartitionCall [b"wa"] => {
        nothing(t.revoke_operator_by_partition(a.word(0), a.addr(1))?)
    },
    E1410::issueByPartitionCall [b"wawb"] => nothing(t.issue_by_partition(
        a.word(0),
        a.addr(1),
        a.uint(2),
        a.bytes(3),
    )?),
    E1410::redeemByPartitionCall [b"wwb"] => {
        nothing(t.redeem_by_partition(a.word(0), a.uint(1), a.bytes(2))?)
    },
    E1410::operatorRedeemByPartitionCall [b"wawb"] => nothing(t.operator_redeem_by_partition(
        a.word(0),
        a.addr(1),
        a.uint(2),
        a.bytes(3),
    )?),
    // ERC-1594.
    E1594::transferWithDataCall [b"awb"] => {
        nothing(t.transfer_with_data(a.addr(0), a.uint(1), a.bytes(2))?)
    },
    E1594::transferFromWithDataCall [b"aawb"] => nothing(t.transfer_from_with_data(
        a.addr(0),
        a.addr(1),
        a.uint(2),
        a.bytes(3),
    )?),
    E1594::isIssuableCall [b""] => ret_bool(t.is_issuable()),
    E1594::issueCall [b"awb"] => nothing(t.issue(a.addr(0), a.uint(1), a.bytes(2))?),
    E1594::redeemCall [b"wb"] => nothing(t.redeem(a.uint(0), a.bytes(1))?),
    E1594::redeemFromCall [b"awb"] => nothing(t.redeem_from(a.addr(0), a.uint(1), a.bytes(2))?),
    E1594::canTransferCall [b"awb"] => {
        let (status, reason) = t.can_transfer(a.addr(0), a.uint(1), a.bytes(2));
        verdict(status.0, reason)
    },
    E1594::canTransferFromCall [b"aawb"] => {
        let (status, reason) =
            t.can_transfer_from(a.addr(0), a.addr(1), a.uint(2), a.bytes(3));
        verdict(status.0, reason)
    },
    // ERC-1644.
    E1644::isControllableCall [b""] => ret_bool(t.is_controllable()),
    E1644::controllerTransferCall [b"aawbb"] => nothing(t.controller_transfer(
        a.addr(0),
        a.addr(1),
        a.uint(2),
        a.bytes(3),
        a.bytes(4),
    )?),
    E1644::controllerRedeemCall [b"awbb"] => nothing(t.controller_redeem(
        a.addr(0),
        a.uint(1),
        a.bytes(2),
        a.bytes(3),
    )?),
    E1644::controllerTransferByPartitionCall [b"waawbb"] => ret_word(t.controller_transfer_by_partition(
        a.word(0),
        a.addr(1),
        a.addr(2),
        a.uint(3),
        a.bytes(4),
        a.bytes(5),
    )?),
    E1644::controllerRedeemByPartitionCall [b"wawbb"] => nothing(t.controller_redeem_by_partition(
        a.word(0),
        a.addr(1),
        a.uint(2),
        a.bytes(3),
        a.bytes(4),
    )?),
    // Roles and status every transfer path depends on, answered here so a
    // wallet's pre-flight checks do not pay for the extension hop.
    sto_abi::ISecurityTokenAdmin::pausedCall [b""] => ret_bool(t.paused()),
    sto_abi::ISecurityTokenAdmin::issuerCall [b""] => ret_word(t.issuer().into_word()),
    sto_abi::ISecurityTokenProgram::extensionsCall [b""] => {
        let list = crate::program::extensions(t)?;
        let words: alloc::vec::Vec<B256> = list.iter().map(|x| x.into_word()).collect();
        encode(&[Field::Words(&words)])
    },
}
