//! Pledges (R14), the ledger views (R13) and self-dealing (R16).

use super::*;
use crate::compliance::pledges::{PLEDGE_ACTIVE, PLEDGE_ENFORCED, PLEDGE_RELEASED};
use crate::errors::*;
use sto_abi::{ISecurityTokenCompliance as C, IERC1644};
use stylus_sdk::alloy_sol_types::SolError;

const LOAN: B256 = B256::repeat_byte(0x77);

#[test]
fn a_pledge_locks_value_records_it_and_emits() {
    let mut f = Fixture::new().issued(PA, ALICE, 50);
    f.take_logs();
    let id = f.by(ISSUER).pledge(ALICE, PA, u(20), BOB, LOAN).unwrap();
    assert_eq!(id, u(1));
    assert_eq!(
        f.take_logs(),
        vec![log_of(&C::PledgeCreated {
            id: u(1),
            holder: ALICE,
            pledgee: BOB,
            partition: PA,
            amount: u(20),
            refCode: LOAN,
            by: ISSUER,
        })]
    );
    let p = f.token.get_pledge(u(1)).unwrap();
    assert_eq!(
        (
            p.holder,
            p.partition,
            p.amount,
            p.pledgee,
            p.reference,
            p.status
        ),
        (ALICE, PA, u(20), BOB, LOAN, PLEDGE_ACTIVE)
    );
    assert_eq!(f.token.pledged_balance_of(PA, ALICE), u(20));
    assert_eq!(f.token.pledges_of(ALICE), vec![u(1)]);
    assert_eq!(f.token.ledger().pledged, u(20));
    assert_eq!(
        f.by(ALICE).transfer_by_partition(PA, BOB, u(31), no_data()),
        Err(Error::LockedBalance(LockedBalance {
            holder: ALICE,
            partition: PA,
            unlocked: u(30),
            required: u(31),
        }))
    );
    assert_eq!(
        f.by(ALICE).transfer(BOB, u(31)),
        Err(Error::LockedBalance(LockedBalance {
            holder: ALICE,
            partition: B256::ZERO,
            unlocked: u(30),
            required: u(31),
        })),
        "over the default partitions too"
    );
    let id2 = f
        .by(CONTROLLER)
        .pledge(ALICE, PA, u(30), CAROL, LOAN)
        .unwrap();
    assert_eq!(id2, u(2));
    assert_eq!(f.token.pledges_of(ALICE), vec![u(1), u(2)]);
    assert_eq!(
        f.by(CONTROLLER).pledge(ALICE, PA, u(1), CAROL, LOAN),
        Err(Error::LockedBalance(LockedBalance {
            holder: ALICE,
            partition: PA,
            unlocked: u(0),
            required: u(1),
        }))
    );
}

#[test]
fn pledge_arguments_and_roles_are_checked() {
    let mut f = Fixture::new().issued(PA, ALICE, 50);
    assert_eq!(
        f.by(BOB).pledge(ALICE, PA, u(1), BOB, LOAN),
        Err(Error::NotIssuerOrController(NotIssuerOrController {
            account: BOB
        }))
    );
    let zero = Err(Error::ZeroAddress(ZeroAddress {}));
    assert_eq!(
        f.by(ISSUER).pledge(Address::ZERO, PA, u(1), BOB, LOAN),
        zero
    );
    assert_eq!(
        f.by(ISSUER).pledge(ALICE, PA, u(1), Address::ZERO, LOAN),
        zero
    );
    assert_eq!(
        f.by(ISSUER).pledge(ALICE, PA, u(1), ALICE, LOAN),
        Err(Error::SelfAuthorization(SelfAuthorization {}))
    );
    assert_eq!(
        f.by(ISSUER).pledge(ALICE, B256::ZERO, u(1), BOB, LOAN),
        Err(Error::InvalidPartition(InvalidPartition {
            partition: B256::ZERO
        }))
    );
    assert_eq!(
        f.by(ISSUER).pledge(ALICE, PA, u(51), BOB, LOAN),
        Err(insufficient_balance(ALICE, PA, u(50), u(51)))
    );
    assert!(f.token.pledges_of(ALICE).is_empty(), "nothing recorded");
    assert_eq!(
        f.token.get_pledge(u(1)),
        Err(Error::UnknownPledge(UnknownPledge { id: u(1) }))
    );
    assert_eq!(
        f.token.get_pledge(u(0)),
        Err(Error::UnknownPledge(UnknownPledge { id: u(0) }))
    );
    assert_eq!(
        f.token.get_pledge(U256::MAX),
        Err(Error::UnknownPledge(UnknownPledge { id: U256::MAX }))
    );
}

#[test]
fn the_pledgee_or_a_controller_releases_and_only_once() {
    let mut f = Fixture::new().issued(PA, ALICE, 50);
    f.by(ISSUER).pledge(ALICE, PA, u(20), BOB, LOAN).unwrap();
    assert_eq!(
        f.by(ALICE).release_pledge(u(1)),
        Err(Error::NotPledgeeOrController(NotPledgeeOrController {
            account: ALICE
        }))
    );
    f.take_logs();
    f.by(BOB).release_pledge(u(1)).unwrap();
    assert_eq!(
        f.take_logs(),
        vec![log_of(&C::PledgeReleased { id: u(1), by: BOB })]
    );
    assert_eq!(f.token.get_pledge(u(1)).unwrap().status, PLEDGE_RELEASED);
    assert_eq!(f.token.pledged_balance_of(PA, ALICE), u(0));
    assert_eq!(f.token.ledger().pledged, u(0));
    assert_eq!(
        f.by(CONTROLLER).release_pledge(u(1)),
        Err(Error::PledgeNotActive(PledgeNotActive { id: u(1) }))
    );
    assert_eq!(
        f.by(CONTROLLER).enforce_pledge(u(1)),
        Err(Error::PledgeNotActive(PledgeNotActive { id: u(1) }))
    );
    f.by(ISSUER).pledge(ALICE, PA, u(5), BOB, LOAN).unwrap();
    f.by(CONTROLLER).release_pledge(u(2)).unwrap();
    f.by(ALICE)
        .transfer_by_partition(PA, CAROL, u(50), no_data())
        .unwrap();
}

#[test]
fn enforcement_moves_the_pledge_to_a_registered_pledgee_by_a_controller() {
    let mut f = Fixture::new().issued(PA, ALICE, 50);
    f.by(ISSUER).pledge(ALICE, PA, u(20), CAROL, LOAN).unwrap();
    f.by(ISSUER).pledge(ALICE, PA, u(5), DAVE, LOAN).unwrap();
    assert_eq!(
        f.by(ISSUER).enforce_pledge(u(1)),
        Err(Error::NotController(NotController { account: ISSUER }))
    );
    assert_eq!(
        f.by(CONTROLLER).enforce_pledge(u(2)),
        Err(Error::ReceiverNotRegistered(ReceiverNotRegistered {
            holder: DAVE
        }))
    );
    f.take_logs();
    f.by(CONTROLLER).enforce_pledge(u(1)).unwrap();
    let logs = f.take_logs();
    assert_eq!(
        logs.len(),
        4,
        "TransferByPartition, Transfer, PledgeEnforced, ControllerTransfer"
    );
    assert_eq!(
        logs[2],
        log_of(&C::PledgeEnforced {
            id: u(1),
            pledgee: CAROL,
            by: CONTROLLER
        })
    );
    assert_eq!(
        logs[3],
        log_of(&IERC1644::ControllerTransfer {
            controller: CONTROLLER,
            from: ALICE,
            to: CAROL,
            value: u(20),
            data: bytes(LOAN.as_slice()),
            operatorData: bytes(b""),
        })
    );
    assert_eq!(f.token.get_pledge(u(1)).unwrap().status, PLEDGE_ENFORCED);
    assert_eq!((f.bal(PA, ALICE), f.bal(PA, CAROL)), (u(30), u(20)));
    assert_eq!(f.token.pledged_balance_of(PA, ALICE), u(5));
    assert_eq!(f.token.reconciliation(), (u(50), u(30), u(20), u(0), u(0)));
    f.assert_invariants(&[ALICE, CAROL]);
}

#[test]
fn the_ledger_views_hold_what_the_guideline_asks_for() {
    let mut f = Fixture::new().issued(PA, ALICE, 50).issued(PL, ALICE, 9);
    f.by(ISSUER).pledge(ALICE, PA, u(20), BOB, LOAN).unwrap();
    f.by(CONTROLLER).freeze_partial(ALICE, PA, u(3)).unwrap();
    f.by(ISSUER).set_trust_property(ALICE, PL, true).unwrap();
    let l = f.token.ledger();
    assert_eq!(
        (
            l.issuer,
            l.account_manager,
            l.issue_id,
            l.issued,
            l.pledged,
            l.frozen,
            l.holders
        ),
        (ISSUER, AMI, ISSUE_ID, u(59), u(20), u(3), u(6))
    );
    assert_eq!(l.security_kind, "투자계약증권".as_bytes());
    let e = f.token.ledger_entry(ALICE);
    assert_eq!((e.registered, e.category, e.frozen), (true, 1, false));
    assert_eq!(e.partitions, vec![PA, PL]);
    assert_eq!(e.balances, vec![u(50), u(9)]);
    assert_eq!(e.pledged, vec![u(20), u(0)]);
    assert_eq!(e.frozen_amounts, vec![u(3), u(0)]);
    assert_eq!(e.trust, vec![false, true]);
}

#[test]
fn a_distribution_side_operator_may_not_deal_with_itself() {
    let mut f = Fixture::new().issued(PA, ALICE, 50).issued(PA, FIRM, 50);
    let firm = |account| {
        Err(Error::SelfDealing(SelfDealing {
            operator: FIRM,
            account,
        }))
    };
    assert_eq!(
        f.by(FIRM)
            .operator_transfer_by_partition(PA, ALICE, FIRM, u(1), no_data(), no_data()),
        firm(FIRM),
        "buying from its client"
    );
    assert_eq!(
        f.by(FIRM)
            .operator_transfer_by_partition(PA, FIRM, ALICE, u(1), no_data(), no_data()),
        firm(FIRM),
        "selling to its client"
    );
    assert_eq!(
        f.by(FIRM)
            .operator_transfer_by_partition(PA, ALICE, ALICE, u(1), no_data(), no_data()),
        firm(ALICE),
        "both sides one account"
    );
    let (status, reason) = crate::status::verdict(f.token.validate_operator_move(
        FIRM,
        PA,
        ALICE,
        FIRM,
        false,
        u(1),
        no_data(),
        no_data(),
    ));
    assert_eq!(status.0, [0x58]);
    assert_eq!(reason[..4], SelfDealing::SELECTOR);
    f.by(FIRM)
        .operator_transfer_by_partition(PA, ALICE, BOB, u(1), no_data(), no_data())
        .unwrap();
    // Its own tokens it moves as a holder; an issuance-side operator is not barred.
    f.by(FIRM)
        .transfer_by_partition(PA, ALICE, u(1), no_data())
        .unwrap();
    f.by(ISSUER).appoint_operator(CAROL, 1).unwrap();
    f.by(CAROL)
        .operator_transfer_by_partition(PA, ALICE, CAROL, u(1), no_data(), no_data())
        .unwrap();
}
