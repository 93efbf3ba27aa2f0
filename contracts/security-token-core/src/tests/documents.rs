//! ERC-1643 documents (R4).

use super::*;
use crate::errors::*;
use sto_abi::IERC1643;

const PROSPECTUS: B256 = partition(b'P');
const HASH: B256 = partition(0x77);

#[test]
fn set_document_stores_uri_hash_and_timestamp() {
    let mut f = Fixture::new();
    f.by(ISSUER)
        .set_document(PROSPECTUS, b"ipfs://prospectus", HASH)
        .unwrap();
    assert_eq!(
        f.token.get_document(PROSPECTUS),
        Ok((b"ipfs://prospectus".to_vec(), HASH, u(1_700_000_000)))
    );
    assert_eq!(f.token.get_all_documents(), vec![PROSPECTUS]);
    assert_eq!(
        f.take_logs(),
        vec![log_of(&IERC1643::DocumentUpdated {
            name: PROSPECTUS,
            uri: "ipfs://prospectus".into(),
            documentHash: HASH
        })]
    );
}

#[test]
fn set_document_again_replaces_it_without_listing_it_twice() {
    let mut f = Fixture::new();
    f.by(ISSUER).set_document(PROSPECTUS, b"v1", HASH).unwrap();
    f.vm.set_block_timestamp(1_800_000_000);
    f.by(ISSUER)
        .set_document(PROSPECTUS, b"v2", B256::ZERO)
        .unwrap();
    assert_eq!(
        f.token.get_document(PROSPECTUS),
        Ok((b"v2".to_vec(), B256::ZERO, u(1_800_000_000)))
    );
    assert_eq!(f.token.get_all_documents(), vec![PROSPECTUS]);
}

#[test]
fn remove_document_deletes_it_and_emits_its_last_content() {
    let mut f = Fixture::new();
    let other = partition(b'Q');
    f.by(ISSUER).set_document(PROSPECTUS, b"p", HASH).unwrap();
    f.by(ISSUER).set_document(other, b"q", HASH).unwrap();
    f.take_logs();
    f.by(ISSUER).remove_document(PROSPECTUS).unwrap();
    assert_eq!(f.token.get_all_documents(), vec![other]);
    assert_eq!(
        f.token.get_document(PROSPECTUS),
        Err(Error::DocumentNotFound(DocumentNotFound {
            name: PROSPECTUS
        }))
    );
    assert_eq!(
        f.take_logs(),
        vec![log_of(&IERC1643::DocumentRemoved {
            name: PROSPECTUS,
            uri: "p".into(),
            documentHash: HASH
        })]
    );
}

#[test]
fn documents_are_issuer_only_and_validated() {
    let mut f = Fixture::new();
    assert_eq!(
        f.by(CONTROLLER).set_document(PROSPECTUS, b"p", HASH),
        Err(Error::NotIssuer(NotIssuer {
            account: CONTROLLER
        }))
    );
    assert_eq!(
        f.by(ISSUER).set_document(B256::ZERO, b"p", HASH),
        Err(Error::InvalidDocument(InvalidDocument { name: B256::ZERO }))
    );
    assert_eq!(
        f.by(ISSUER).set_document(PROSPECTUS, b"", HASH),
        Err(Error::InvalidDocument(InvalidDocument { name: PROSPECTUS }))
    );
    assert_eq!(
        f.by(ISSUER).remove_document(PROSPECTUS),
        Err(Error::DocumentNotFound(DocumentNotFound {
            name: PROSPECTUS
        }))
    );
    f.by(ISSUER).set_document(PROSPECTUS, b"p", HASH).unwrap();
    assert_eq!(
        f.by(ALICE).remove_document(PROSPECTUS),
        Err(Error::NotIssuer(NotIssuer { account: ALICE }))
    );
    assert_eq!(f.token.get_all_documents(), vec![PROSPECTUS]);
}
