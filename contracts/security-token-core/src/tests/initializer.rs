//! `initialize`, the bare implementation and the ledger metadata (R13, R20).

use super::*;
use crate::errors::*;
use sto_abi::ISecurityTokenAdmin as A;

#[test]
fn initialize_records_metadata_roles_and_default_partitions() {
    let f = Fixture::new();
    assert_eq!(f.token.name(), b"Gangnam Office Fund");
    assert_eq!(f.token.symbol(), b"GOF");
    assert_eq!(f.token.decimals(), 0);
    assert_eq!(f.token.issuer(), ISSUER);
    assert!(f.token.is_controller(CONTROLLER));
    assert!(!f.token.is_controller(ISSUER));
    assert_eq!(f.token.get_default_partitions(), vec![PA, PB]);
    assert_eq!(
        f.token.issue_info(),
        (ISSUER, AMI, "투자계약증권".as_bytes().to_vec(), ISSUE_ID)
    );
    assert!(f.token.is_issuable());
    assert!(f.token.is_controllable());
    assert!(!f.token.paused());
    assert_eq!(f.token.total_supply(), U256::ZERO);
}

#[test]
fn initialize_emits_issuer_controller_partitions_and_initialized_events() {
    let mut f = Fixture::bare();
    f.by(DEPLOYER)
        .initialize(
            b"N",
            b"S",
            18,
            ISSUER,
            vec![CONTROLLER, AMI],
            vec![PA],
            AMI,
            b"bond",
            ISSUE_ID,
        )
        .unwrap();
    assert_eq!(
        f.take_logs(),
        vec![
            log_of(&A::IssuerChanged {
                previousIssuer: Address::ZERO,
                newIssuer: ISSUER
            }),
            log_of(&A::ControllerAppointed {
                controller: CONTROLLER,
                by: DEPLOYER
            }),
            log_of(&A::ControllerAppointed {
                controller: AMI,
                by: DEPLOYER
            }),
            log_of(&A::DefaultPartitionsChanged {
                partitions: vec![PA]
            }),
            log_of(&A::Initialized {
                issuer: ISSUER,
                issueId: ISSUE_ID
            }),
        ]
    );
    assert_eq!(f.token.decimals(), 18);
}

#[test]
fn initialize_a_second_time_reverts_already_initialized() {
    let mut f = Fixture::new();
    let again = f.by(ALICE).initialize(
        b"X",
        b"X",
        0,
        ALICE,
        vec![],
        vec![PA],
        ALICE,
        b"x",
        ISSUE_ID,
    );
    assert_eq!(again, Err(Error::AlreadyInitialized(AlreadyInitialized {})));
    assert_eq!(f.token.issuer(), ISSUER);
}

#[test]
fn bare_implementation_refuses_initialize_after_its_constructor() {
    let mut f = Fixture::bare();
    f.construct_bare();
    let init = f.by(ALICE).initialize(
        b"X",
        b"X",
        0,
        ALICE,
        vec![],
        vec![PA],
        ALICE,
        b"x",
        ISSUE_ID,
    );
    assert_eq!(init, Err(Error::AlreadyInitialized(AlreadyInitialized {})));
    assert_eq!(f.token.issuer(), Address::ZERO);
}

#[test]
fn bare_implementation_refuses_every_state_changing_call() {
    let mut f = Fixture::bare();
    f.construct_bare();
    let not_init = Err(Error::NotInitialized(NotInitialized {}));
    assert_eq!(
        f.by(ALICE).approve(BOB, u(1)),
        not_init.clone().map(|()| true)
    );
    assert_eq!(f.by(ALICE).authorize_operator(BOB), not_init);
    assert_eq!(
        f.by(ALICE).transfer(BOB, U256::ZERO),
        not_init.clone().map(|()| true)
    );
    assert_eq!(f.by(ALICE).redeem(U256::ZERO, no_data()), not_init);
    assert_eq!(f.by(ALICE).pause(), not_init);
    assert_eq!(f.token.allowance(ALICE, BOB), U256::ZERO);
}

#[test]
fn uninitialised_proxy_refuses_issue_and_transfers() {
    let mut f = Fixture::bare();
    let not_init = Err(Error::NotInitialized(NotInitialized {}));
    assert_eq!(
        f.by(ISSUER).issue_by_partition(PA, ALICE, u(1), no_data()),
        not_init
    );
    assert_eq!(
        f.by(ALICE)
            .transfer_by_partition(PA, BOB, U256::ZERO, no_data()),
        not_init.map(|()| PA)
    );
}

#[test]
fn initialize_rejects_a_zero_issuer_a_zero_controller_and_the_zero_partition() {
    let mut f = Fixture::bare();
    let zero_issuer = f.by(DEPLOYER).initialize(
        b"N",
        b"S",
        0,
        Address::ZERO,
        vec![],
        vec![PA],
        AMI,
        b"k",
        ISSUE_ID,
    );
    assert_eq!(zero_issuer, Err(Error::ZeroAddress(ZeroAddress {})));
    let zero_controller = f.by(DEPLOYER).initialize(
        b"N",
        b"S",
        0,
        ISSUER,
        vec![Address::ZERO],
        vec![PA],
        AMI,
        b"k",
        ISSUE_ID,
    );
    assert_eq!(zero_controller, Err(Error::ZeroAddress(ZeroAddress {})));
    let zero_partition = f.by(DEPLOYER).initialize(
        b"N",
        b"S",
        0,
        ISSUER,
        vec![],
        vec![PA, B256::ZERO],
        AMI,
        b"k",
        ISSUE_ID,
    );
    assert_eq!(
        zero_partition,
        Err(Error::InvalidPartition(InvalidPartition {
            partition: B256::ZERO
        }))
    );
    assert_eq!(f.token.issuer(), Address::ZERO);
}
