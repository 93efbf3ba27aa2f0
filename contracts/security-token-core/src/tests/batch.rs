//! Batch forms for issuance from an allocation file: exactly-once batch
//! issuance and trust flags for many holdings.

use super::*;
use crate::errors::*;
use sto_abi::{ISecurityTokenAdmin as A, ISecurityTokenCompliance as C};

const BATCH: B256 = B256::repeat_byte(0xba);

#[test]
fn a_batch_issues_every_allocation_once_with_its_events() {
    let mut f = Fixture::new();
    f.by(ISSUER)
        .issue_batch_by_partition(BATCH, PL, vec![ALICE, CAROL], vec![u(5), u(7)])
        .unwrap();
    assert_eq!((f.bal(PL, ALICE), f.bal(PL, CAROL)), (u(5), u(7)));
    assert!(f.token.is_batch_issued(BATCH));
    assert_eq!(f.token.reconciliation(), (u(12), u(5), u(7), u(0), u(0)));
    let logs = f.take_logs();
    assert_eq!(logs.len(), 7, "3 per holder, then BatchIssued");
    assert_eq!(
        logs[6],
        log_of(&A::BatchIssued {
            batchId: BATCH,
            partition: PL,
            holders: u(2),
            total: u(12),
            by: ISSUER
        })
    );
    assert_eq!(
        f.by(ISSUER)
            .issue_batch_by_partition(BATCH, PL, vec![ALICE], vec![u(5)]),
        Err(Error::BatchAlreadyIssued(BatchAlreadyIssued {
            batchId: BATCH
        }))
    );
    assert_eq!(f.bal(PL, ALICE), u(5), "never twice");
}

#[test]
fn a_bad_allocation_refuses_the_whole_batch() {
    let mut f = Fixture::new();
    assert_eq!(
        f.by(ALICE)
            .issue_batch_by_partition(BATCH, PL, vec![ALICE], vec![u(5)]),
        Err(not_issuer(ALICE))
    );
    assert_eq!(
        f.by(ISSUER)
            .issue_batch_by_partition(BATCH, PL, vec![ALICE, BOB], vec![u(5)]),
        Err(Error::LengthMismatch(LengthMismatch {
            holders: u(2),
            values: u(1)
        }))
    );
    assert_eq!(
        f.by(ISSUER)
            .issue_batch_by_partition(BATCH, PL, vec![ALICE, DAVE], vec![u(5), u(1)]),
        Err(Error::ReceiverNotRegistered(ReceiverNotRegistered {
            holder: DAVE
        }))
    );
    let half = (U256::from(1) << 119) + u(1);
    assert_eq!(
        f.by(ISSUER)
            .issue_batch_by_partition(BATCH, PL, vec![ALICE, BOB], vec![half, half]),
        Err(Error::AmountTooLarge(AmountTooLarge { value: half + half }))
    );
    assert_eq!(f.token.total_supply(), u(0), "nothing issued");
    assert!(
        !f.token.is_batch_issued(BATCH),
        "a refused batch stays open"
    );
}

#[test]
fn trust_flags_for_many_holdings_are_all_or_nothing() {
    let mut f = Fixture::new();
    assert_eq!(
        f.by(ALICE).set_trust_properties(vec![BOB], PA, true),
        Err(Error::NotIssuerOrController(NotIssuerOrController {
            account: ALICE
        }))
    );
    assert_eq!(
        f.by(ISSUER)
            .set_trust_properties(vec![BOB, Address::ZERO], PA, true),
        Err(Error::ZeroAddress(ZeroAddress {}))
    );
    assert!(!f.token.is_trust_property(PA, BOB));
    f.take_logs();
    f.by(ISSUER)
        .set_trust_properties(vec![BOB, CAROL], PA, true)
        .unwrap();
    assert!(f.token.is_trust_property(PA, BOB) && f.token.is_trust_property(PA, CAROL));
    assert_eq!(
        f.take_logs()[1],
        log_of(&C::TrustPropertySet {
            holder: CAROL,
            partition: PA,
            trust: true,
            by: ISSUER
        })
    );
}
