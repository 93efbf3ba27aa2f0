//! Roles (R8-R11), pause (R19), issuance closure and default partitions.

use super::*;
use crate::errors::*;
use sto_abi::{ISecurityTokenAdmin as A, IERC1644};

fn not_issuer(account: Address) -> Result<(), Error> {
    Err(Error::NotIssuer(NotIssuer { account }))
}

#[test]
fn transfer_issuer_hands_over_every_issuer_power() {
    let mut f = Fixture::new();
    f.by(ISSUER).transfer_issuer(ALICE).unwrap();
    assert_eq!(
        f.take_logs(),
        vec![log_of(&A::IssuerChanged {
            previousIssuer: ISSUER,
            newIssuer: ALICE
        })]
    );
    assert_eq!(f.token.issuer(), ALICE);
    assert_eq!(f.by(ISSUER).pause(), not_issuer(ISSUER));
    f.by(ALICE).pause().unwrap();
}

#[test]
fn transfer_issuer_requires_the_issuer_and_a_non_zero_successor() {
    let mut f = Fixture::new();
    assert_eq!(f.by(ALICE).transfer_issuer(ALICE), not_issuer(ALICE));
    assert_eq!(
        f.by(ISSUER).transfer_issuer(Address::ZERO),
        Err(Error::ZeroAddress(ZeroAddress {}))
    );
    assert_eq!(f.token.issuer(), ISSUER);
    assert!(f.take_logs().is_empty());
}

#[test]
fn appoint_and_dismiss_controller_emit_events_and_change_is_controller() {
    let mut f = Fixture::new();
    f.by(ISSUER).appoint_controller(BOB).unwrap();
    assert!(f.token.is_controller(BOB));
    f.by(ISSUER).dismiss_controller(BOB).unwrap();
    assert!(!f.token.is_controller(BOB));
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&A::ControllerAppointed {
                controller: BOB,
                by: ISSUER
            }),
            log_of(&A::ControllerDismissed {
                controller: BOB,
                by: ISSUER
            }),
        ]
    );
}

#[test]
fn only_the_issuer_appoints_or_dismisses_controllers() {
    let mut f = Fixture::new();
    assert_eq!(
        f.by(CONTROLLER).appoint_controller(BOB),
        not_issuer(CONTROLLER)
    );
    assert_eq!(
        f.by(CONTROLLER).dismiss_controller(CONTROLLER),
        not_issuer(CONTROLLER)
    );
    assert_eq!(
        f.by(ISSUER).appoint_controller(Address::ZERO),
        Err(Error::ZeroAddress(ZeroAddress {}))
    );
    assert_eq!(
        f.by(ISSUER).dismiss_controller(Address::ZERO),
        Err(Error::ZeroAddress(ZeroAddress {}))
    );
    assert!(!f.token.is_controller(BOB));
    assert!(f.token.is_controller(CONTROLLER));
}

#[test]
fn appoint_operator_tags_the_side_and_the_other_side_is_refused_for_good() {
    let mut f = Fixture::new();
    assert_eq!(f.token.operator_side(FIRM), 2);
    f.by(ISSUER).appoint_operator(BOB, 1).unwrap();
    assert_eq!(f.token.operator_side(BOB), 1);
    let conflict = Err(Error::OperatorSideConflict(OperatorSideConflict {
        operator: BOB,
        side: 2,
    }));
    assert_eq!(f.by(ISSUER).appoint_operator(BOB, 2), conflict);
    assert_eq!(f.token.operator_side(BOB), 1, "refusal changes nothing");
    f.by(ISSUER).dismiss_operator(BOB).unwrap();
    assert_eq!(f.token.operator_side(BOB), 0);
    assert_eq!(
        f.by(ISSUER).appoint_operator(BOB, 2),
        conflict,
        "R16: an underwriter stays barred from distribution after dismissal"
    );
    assert_eq!(
        f.by(ISSUER).appoint_operator(FIRM, 1),
        Err(Error::OperatorSideConflict(OperatorSideConflict {
            operator: FIRM,
            side: 1,
        }))
    );
    f.by(ISSUER).appoint_operator(BOB, 1).unwrap();
    assert_eq!(f.token.operator_side(BOB), 1, "the same side again is fine");
    f.by(ISSUER).dismiss_operator(BOB).unwrap();
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&A::OperatorAppointed {
                operator: BOB,
                side: 1,
                by: ISSUER
            }),
            log_of(&A::OperatorDismissed {
                operator: BOB,
                by: ISSUER
            }),
            log_of(&A::OperatorAppointed {
                operator: BOB,
                side: 1,
                by: ISSUER
            }),
            log_of(&A::OperatorDismissed {
                operator: BOB,
                by: ISSUER
            }),
        ]
    );
}

#[test]
fn appoint_operator_rejects_unknown_sides_zero_and_non_issuers() {
    let mut f = Fixture::new();
    assert_eq!(
        f.by(ISSUER).appoint_operator(FIRM, 3),
        Err(Error::InvalidOperatorSide(InvalidOperatorSide { side: 3 }))
    );
    assert_eq!(
        f.by(ISSUER).appoint_operator(FIRM, 0),
        Err(Error::InvalidOperatorSide(InvalidOperatorSide { side: 0 }))
    );
    assert_eq!(
        f.token.operator_side(FIRM),
        2,
        "a rejected appointment changes nothing"
    );
    assert_eq!(
        f.by(ISSUER).appoint_operator(Address::ZERO, 1),
        Err(Error::ZeroAddress(ZeroAddress {}))
    );
    assert_eq!(f.by(FIRM).appoint_operator(BOB, 1), not_issuer(FIRM));
    assert_eq!(f.by(FIRM).dismiss_operator(FIRM), not_issuer(FIRM));
    assert_eq!(
        f.by(ISSUER).dismiss_operator(Address::ZERO),
        Err(Error::ZeroAddress(ZeroAddress {}))
    );
    assert!(f.take_logs().is_empty());
}

#[test]
fn pause_and_unpause_toggle_paused_with_events() {
    let mut f = Fixture::new();
    f.by(ISSUER).pause().unwrap();
    assert!(f.token.paused());
    f.by(ISSUER).unpause().unwrap();
    assert!(!f.token.paused());
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&A::Paused { by: ISSUER }),
            log_of(&A::Unpaused { by: ISSUER })
        ]
    );
}

#[test]
fn pause_twice_unpause_running_and_non_issuers_revert() {
    let mut f = Fixture::new();
    assert_eq!(f.by(ISSUER).unpause(), Err(Error::NotPaused(NotPaused {})));
    assert_eq!(f.by(CONTROLLER).pause(), not_issuer(CONTROLLER));
    f.by(ISSUER).pause().unwrap();
    assert_eq!(
        f.by(ISSUER).pause(),
        Err(Error::TransfersPaused(TransfersPaused {}))
    );
    assert_eq!(f.by(CONTROLLER).unpause(), not_issuer(CONTROLLER));
    assert!(f.token.paused());
}

#[test]
fn finalize_issuance_closes_issuance_forever() {
    let mut f = Fixture::new();
    f.by(ISSUER).finalize_issuance().unwrap();
    assert!(!f.token.is_issuable());
    assert_eq!(
        f.take_logs(),
        vec![log_of(&A::IssuanceFinalized { by: ISSUER })]
    );
    let closed = Err(Error::IssuanceClosed(IssuanceClosed {}));
    assert_eq!(
        f.by(ISSUER).issue_by_partition(PA, ALICE, u(1), no_data()),
        closed
    );
    assert_eq!(f.by(ISSUER).issue(ALICE, u(1), no_data()), closed);
    assert_eq!(f.by(ISSUER).finalize_issuance(), closed);
    assert_eq!(f.token.total_supply(), U256::ZERO);
}

#[test]
fn only_the_issuer_finalizes_issuance() {
    let mut f = Fixture::new();
    assert_eq!(f.by(CONTROLLER).finalize_issuance(), not_issuer(CONTROLLER));
    assert!(f.token.is_issuable());
}

#[test]
fn set_default_partitions_replaces_the_list_with_an_event() {
    let mut f = Fixture::new();
    f.by(ISSUER)
        .set_default_partitions(vec![PL, PA, PB])
        .unwrap();
    assert_eq!(f.token.get_default_partitions(), vec![PL, PA, PB]);
    f.by(ISSUER).set_default_partitions(vec![PB]).unwrap();
    assert_eq!(f.token.get_default_partitions(), vec![PB]);
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&A::DefaultPartitionsChanged {
                partitions: vec![PL, PA, PB]
            }),
            log_of(&A::DefaultPartitionsChanged {
                partitions: vec![PB]
            }),
        ]
    );
}

#[test]
fn set_default_partitions_rejects_the_zero_partition_and_non_issuers() {
    let mut f = Fixture::new();
    assert_eq!(
        f.by(ISSUER).set_default_partitions(vec![PA, B256::ZERO]),
        Err(Error::InvalidPartition(InvalidPartition {
            partition: B256::ZERO
        }))
    );
    assert_eq!(
        f.by(ALICE).set_default_partitions(vec![PL]),
        not_issuer(ALICE)
    );
    assert_eq!(f.token.get_default_partitions(), vec![PA, PB]);
}

#[test]
fn renounce_controllability_is_issuer_only_irreversible_and_announced() {
    let mut f = Fixture::new();
    assert_eq!(
        f.by(CONTROLLER).renounce_controllability(),
        not_issuer(CONTROLLER)
    );
    f.by(ISSUER).renounce_controllability().unwrap();
    assert!(!f.token.is_controllable());
    assert_eq!(
        f.take_logs(),
        vec![log_of(&IERC1644::ControllabilityRenounced {
            issuer: ISSUER
        })]
    );
    assert_eq!(
        f.by(ISSUER).renounce_controllability(),
        Err(Error::NotControllable(NotControllable {}))
    );
    f.by(ISSUER).appoint_controller(BOB).unwrap();
    assert!(
        !f.token.is_controllable(),
        "appointing controllers later does not restore controllability"
    );
}

#[test]
fn appointing_a_controller_twice_keeps_the_role_and_other_roles() {
    let mut f = Fixture::new();
    f.by(ISSUER).appoint_operator(BOB, 1).unwrap();
    f.by(ISSUER).appoint_controller(BOB).unwrap();
    f.by(ISSUER).appoint_controller(BOB).unwrap();
    assert!(
        f.token.is_controller(BOB),
        "a second appointment is not a toggle"
    );
    assert_eq!(
        f.token.operator_side(BOB),
        1,
        "the operator tag is untouched"
    );
    f.by(ISSUER).appoint_controller(CONTROLLER).unwrap();
    assert!(f.token.is_controller(CONTROLLER));
}
