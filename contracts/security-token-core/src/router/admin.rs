//! Router of the `security-token-admin` extension: the token's less
//! frequent functions, reached by delegatecall from the hot program, on the
//! same proxy storage.

use super::{nothing, ret_bool, ret_uint, ret_words, router};
use crate::encoding::{addr, encode, uint, word, Field};
use sto_abi::{ISecurityTokenAdmin as Admin, IERC1643 as E1643, IERC1644 as E1644};

router! {
    /// Answers an administration call, or `None` when the selector is not
    /// one of [`SELECTORS`].
    fn route(t, a);
    selectors SELECTORS;
    Admin::initializeCall [b"bbuaAWabw"] => nothing(t.initialize(
        a.bytes(0),
        a.bytes(1),
        a.byte(2),
        a.addr(3),
        a.addrs(4),
        a.words(5),
        a.addr(6),
        a.bytes(7),
        a.word(8),
    )?),
    Admin::issueInfoCall [b""] => {
        let (issuer, manager, kind, id) = t.issue_info();
        encode(&[addr(issuer), addr(manager), Field::Bytes(&kind), word(id)])
    },
    Admin::transferIssuerCall [b"a"] => nothing(t.transfer_issuer(a.addr(0))?),
    Admin::isControllerCall [b"a"] => ret_bool(t.is_controller(a.addr(0))),
    Admin::appointControllerCall [b"a"] => nothing(t.appoint_controller(a.addr(0))?),
    Admin::dismissControllerCall [b"a"] => nothing(t.dismiss_controller(a.addr(0))?),
    Admin::operatorSideCall [b"a"] => ret_uint(crate::words::uint(t.operator_side(a.addr(0)) as u64)),
    Admin::appointOperatorCall [b"au"] => nothing(t.appoint_operator(a.addr(0), a.byte(1))?),
    Admin::dismissOperatorCall [b"a"] => nothing(t.dismiss_operator(a.addr(0))?),
    Admin::pauseCall [b""] => nothing(t.pause()?),
    Admin::unpauseCall [b""] => nothing(t.unpause()?),
    Admin::finalizeIssuanceCall [b""] => nothing(t.finalize_issuance()?),
    Admin::getDefaultPartitionsCall [b""] => ret_words(&t.get_default_partitions()),
    Admin::setDefaultPartitionsCall [b"W"] => nothing(t.set_default_partitions(a.words(0))?),
    Admin::issueBatchByPartitionCall [b"wwAW"] => nothing(t.issue_batch_by_partition(
        a.word(0),
        a.word(1),
        a.addrs(2),
        a.words(3).into_iter().map(|w| stylus_sdk::alloy_primitives::U256::from_be_bytes(w.0)).collect(),
    )?),
    Admin::isBatchIssuedCall [b"w"] => ret_bool(t.is_batch_issued(a.word(0))),
    // ERC-1643.
    E1643::getDocumentCall [b"w"] => {
        let (uri, hash, modified) = t.get_document(a.word(0))?;
        encode(&[Field::Bytes(&uri), word(hash), uint(modified)])
    },
    E1643::setDocumentCall [b"wbw"] => nothing(t.set_document(a.word(0), a.bytes(1), a.word(2))?),
    E1643::removeDocumentCall [b"w"] => nothing(t.remove_document(a.word(0))?),
    E1643::getAllDocumentsCall [b""] => ret_words(&t.get_all_documents()),
    // ERC-1644 administration.
    E1644::renounceControllabilityCall [b""] => nothing(t.renounce_controllability()?),
}
