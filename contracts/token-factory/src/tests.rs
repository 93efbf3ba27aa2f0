//! Native unit tests of the factory on the stylus-test VM: roles, records,
//! events, errors and the CREATE2 prediction. CREATE2 and the setup call are
//! mocked here (one mock each, which stylus-test 0.10.10 handles correctly);
//! the dev-chain tests create real proxies.

use super::*;
use beacon_abi::factory::ITokenFactory;
use storage_layout::{probe, Layout, Slot};
use stylus_sdk::{
    alloy_primitives::keccak256,
    alloy_sol_types::{SolError, SolEvent},
    testing::*,
};

const FACTORY: Address = Address::repeat_byte(0xfa);
const BEACON: Address = Address::repeat_byte(0xbe);
const TEMPLATE: Address = Address::repeat_byte(0x7e);
const ADMIN: Address = Address::repeat_byte(0xad);
const DEPLOYER: Address = Address::repeat_byte(0xde);
const STRANGER: Address = Address::repeat_byte(0x55);
const TOKEN: Address = Address::repeat_byte(0x70);

fn issue(n: u8) -> B256 {
    B256::repeat_byte(n)
}

fn salt(n: u8) -> B256 {
    B256::with_last_byte(n)
}

/// Stands in for the deployed proxy code (`EF F0 00 00` ++ brotli).
fn proxy_code() -> Vec<u8> {
    vec![0xEF, 0xF0, 0x00, 0x00, 0x8b, 0x01, 0x80]
}

fn init() -> Bytes {
    Bytes::from_static(&[0x81, 0x29, 0xfc, 0x1c, 0x00, 0x2a])
}

fn setup_calldata(init: Bytes) -> Vec<u8> {
    IBeaconProxy::setupBeaconCall {
        beacon: BEACON,
        initData: init,
    }
    .abi_encode()
}

fn vm() -> TestVM {
    let vm = TestVM::new();
    vm.set_contract_address(FACTORY);
    vm.set_code(BEACON, vec![0x60, 0x00]);
    vm.set_code(TEMPLATE, proxy_code());
    vm.set_sender(ADMIN);
    vm
}

/// A factory with `DEPLOYER` holding the deployer role; logs cleared and
/// `DEPLOYER` as the caller.
fn deployed(vm: &TestVM) -> TokenFactory {
    let mut factory = TokenFactory::from(vm);
    factory.constructor(BEACON, TEMPLATE, ADMIN).unwrap();
    factory.grant_role(DEPLOYER_ROLE, DEPLOYER).unwrap();
    vm.clear_mocks();
    vm.set_sender(DEPLOYER);
    factory
}

/// Mocks a successful CREATE2 of the proxy at `token` and its setup call.
fn expect_creation(vm: &TestVM, salt: B256, token: Address) {
    vm.mock_deploy(init_code(&proxy_code()), Some(salt), Ok(token));
    vm.mock_call(token, setup_calldata(init()), U256::ZERO, Ok(vec![]));
}

#[test]
fn constructor_makes_admin_an_admin_but_not_a_deployer() {
    let vm = vm();
    let mut factory = TokenFactory::from(&vm);
    factory.constructor(BEACON, TEMPLATE, ADMIN).unwrap();
    assert_eq!(factory.beacon(), BEACON);
    assert_eq!(factory.proxy_template(), TEMPLATE);
    assert!(factory.has_role(DEFAULT_ADMIN_ROLE, ADMIN));
    assert!(!factory.has_role(DEPLOYER_ROLE, ADMIN));
    let logs = vm.get_emitted_logs();
    assert_eq!(logs.len(), 1);
    assert_eq!(
        logs[0].0,
        vec![
            RoleGranted::SIGNATURE_HASH,
            DEFAULT_ADMIN_ROLE,
            ADMIN.into_word(),
            ADMIN.into_word()
        ]
    );
}

#[test]
fn constructor_refuses_a_beacon_or_template_without_code_and_a_zero_admin() {
    let missing = Address::repeat_byte(0x01);
    for (beacon, template, admin, bad) in [
        (missing, TEMPLATE, ADMIN, missing),
        (BEACON, missing, ADMIN, missing),
        (BEACON, TEMPLATE, Address::ZERO, Address::ZERO),
    ] {
        let vm = vm();
        let mut factory = TokenFactory::from(&vm);
        let err = factory.constructor(beacon, template, admin).unwrap_err();
        assert_eq!(
            Vec::from(err),
            FactoryInvalidAddress { account: bad }.abi_encode()
        );
    }
}

#[test]
fn a_deployer_creates_a_token_that_is_recorded_and_announced() {
    let vm = vm();
    let mut factory = deployed(&vm);
    expect_creation(&vm, salt(1), TOKEN);
    let token = factory.create_token(init(), issue(7), salt(1)).unwrap();
    assert_eq!(token, TOKEN);
    assert_eq!(factory.token_count(), U256::from(1));
    assert_eq!(factory.token_at(U256::ZERO).unwrap(), TOKEN);
    assert_eq!(factory.token_by_issue_id(issue(7)), TOKEN);
    assert_eq!(factory.token_by_issue_id(issue(8)), Address::ZERO);
    let logs = vm.get_emitted_logs();
    assert_eq!(logs.len(), 1);
    let created = TokenCreated::decode_raw_log(logs[0].0.iter().copied(), &logs[0].1).unwrap();
    assert_eq!(created.token, TOKEN);
    assert_eq!(created.issueId, issue(7));
    assert_eq!(created.creator, DEPLOYER);
}

#[test]
fn tokens_are_enumerable_in_creation_order() {
    let vm = vm();
    let mut factory = deployed(&vm);
    let second = Address::repeat_byte(0x71);
    expect_creation(&vm, salt(1), TOKEN);
    factory.create_token(init(), issue(1), salt(1)).unwrap();
    vm.clear_mocks();
    expect_creation(&vm, salt(2), second);
    factory.create_token(init(), issue(2), salt(2)).unwrap();
    assert_eq!(factory.token_count(), U256::from(2));
    assert_eq!(factory.token_at(U256::from(0)).unwrap(), TOKEN);
    assert_eq!(factory.token_at(U256::from(1)).unwrap(), second);
    let err = factory.token_at(U256::from(2)).unwrap_err();
    assert_eq!(
        Vec::from(err),
        FactoryIndexOutOfBounds {
            index: U256::from(2),
            count: U256::from(2)
        }
        .abi_encode()
    );
    assert!(factory.token_at(U256::MAX).is_err());
}

#[test]
fn a_non_deployer_cannot_create_and_the_error_names_the_role() {
    let vm = vm();
    let mut factory = deployed(&vm);
    expect_creation(&vm, salt(1), TOKEN);
    for caller in [STRANGER, ADMIN] {
        vm.set_sender(caller);
        let err = factory.create_token(init(), issue(7), salt(1)).unwrap_err();
        assert_eq!(
            &err[..4],
            AccessControlUnauthorizedAccount::SELECTOR.as_slice()
        );
        let decoded = AccessControlUnauthorizedAccount::abi_decode(&err).unwrap();
        assert_eq!(decoded.account, caller);
        assert_eq!(decoded.neededRole, DEPLOYER_ROLE);
    }
    assert_eq!(factory.token_count(), U256::ZERO);
}

#[test]
fn an_issue_id_gets_one_token_only() {
    let vm = vm();
    let mut factory = deployed(&vm);
    expect_creation(&vm, salt(1), TOKEN);
    factory.create_token(init(), issue(7), salt(1)).unwrap();
    let err = factory.create_token(init(), issue(7), salt(2)).unwrap_err();
    assert_eq!(
        err,
        FactoryIssueIdTaken {
            issueId: issue(7),
            token: TOKEN
        }
        .abi_encode()
    );
    assert_eq!(factory.token_count(), U256::from(1));
}

#[test]
fn the_zero_issue_id_is_refused() {
    let vm = vm();
    let mut factory = deployed(&vm);
    expect_creation(&vm, salt(1), TOKEN);
    let err = factory
        .create_token(init(), B256::ZERO, salt(1))
        .unwrap_err();
    assert_eq!(err, FactoryZeroIssueId {}.abi_encode());
}

#[test]
fn a_failed_create2_reverts_with_the_salt_and_records_nothing() {
    let vm = vm();
    let mut factory = deployed(&vm);
    vm.mock_deploy(init_code(&proxy_code()), Some(salt(3)), Err(vec![]));
    let err = factory.create_token(init(), issue(7), salt(3)).unwrap_err();
    assert_eq!(
        err,
        FactoryProxyDeploymentFailed { salt: salt(3) }.abi_encode()
    );
    assert_eq!(factory.token_count(), U256::ZERO);
    assert_eq!(factory.token_by_issue_id(issue(7)), Address::ZERO);
}

#[test]
fn a_failing_initialiser_reverts_with_its_own_data() {
    let vm = vm();
    let mut factory = deployed(&vm);
    let token_error = vec![0x0d, 0xc1, 0x49, 0xf0, 0x00, 0x00, 0x00, 0x01];
    vm.mock_deploy(init_code(&proxy_code()), Some(salt(1)), Ok(TOKEN));
    vm.mock_call(
        TOKEN,
        setup_calldata(init()),
        U256::ZERO,
        Err(token_error.clone()),
    );
    let err = factory.create_token(init(), issue(7), salt(1)).unwrap_err();
    assert_eq!(err, token_error);
    assert!(vm.get_emitted_logs().is_empty(), "no TokenCreated");
}

#[test]
fn predict_address_is_the_create2_address_of_the_proxy_init_code() {
    let vm = vm();
    let factory = deployed(&vm);
    let init_code_hash = keccak256(init_code(&proxy_code()));
    assert_eq!(factory.proxy_init_code_hash(), init_code_hash);
    assert_eq!(init_code(&proxy_code()).len(), 43 + proxy_code().len());
    for n in [0u8, 1, 255] {
        assert_eq!(
            factory.predict_address(salt(n)),
            FACTORY.create2(salt(n), init_code_hash),
            "salt {n}"
        );
    }
    assert_ne!(
        factory.predict_address(salt(1)),
        factory.predict_address(salt(2))
    );
}

#[test]
fn the_admin_grants_and_revokes_deployers_with_events_once_per_change() {
    let vm = vm();
    let mut factory = deployed(&vm);
    vm.set_sender(ADMIN);
    factory.grant_role(DEPLOYER_ROLE, STRANGER).unwrap();
    factory.grant_role(DEPLOYER_ROLE, STRANGER).unwrap();
    assert!(factory.has_role(DEPLOYER_ROLE, STRANGER));
    factory.revoke_role(DEPLOYER_ROLE, STRANGER).unwrap();
    factory.revoke_role(DEPLOYER_ROLE, STRANGER).unwrap();
    assert!(!factory.has_role(DEPLOYER_ROLE, STRANGER));
    let logs = vm.get_emitted_logs();
    assert_eq!(logs.len(), 2, "repeated grant/revoke emit nothing");
    let granted = RoleGranted::decode_raw_log(logs[0].0.iter().copied(), &logs[0].1).unwrap();
    assert_eq!(
        (granted.role, granted.account, granted.sender),
        (DEPLOYER_ROLE, STRANGER, ADMIN)
    );
    let revoked = RoleRevoked::decode_raw_log(logs[1].0.iter().copied(), &logs[1].1).unwrap();
    assert_eq!(
        (revoked.role, revoked.account, revoked.sender),
        (DEPLOYER_ROLE, STRANGER, ADMIN)
    );
}

#[test]
fn only_an_admin_manages_roles() {
    let vm = vm();
    let mut factory = deployed(&vm);
    vm.set_sender(DEPLOYER);
    let expected = AccessControlUnauthorizedAccount {
        account: DEPLOYER,
        neededRole: DEFAULT_ADMIN_ROLE,
    }
    .abi_encode();
    let err = factory.grant_role(DEPLOYER_ROLE, STRANGER).unwrap_err();
    assert_eq!(Vec::from(err), expected);
    let err = factory.revoke_role(DEPLOYER_ROLE, DEPLOYER).unwrap_err();
    assert_eq!(Vec::from(err), expected);
    assert!(factory.has_role(DEPLOYER_ROLE, DEPLOYER));
}

#[test]
fn unknown_roles_are_refused() {
    let vm = vm();
    let mut factory = deployed(&vm);
    vm.set_sender(ADMIN);
    let typo = keccak256(b"DEPLOYR_ROLE");
    let err = factory.grant_role(typo, STRANGER).unwrap_err();
    assert_eq!(
        Vec::from(err),
        AccessControlUnknownRole { role: typo }.abi_encode()
    );
    assert!(factory.renounce_role(typo).is_err());
}

#[test]
fn a_deployer_can_renounce_its_role() {
    let vm = vm();
    let mut factory = deployed(&vm);
    factory.renounce_role(DEPLOYER_ROLE).unwrap();
    assert!(!factory.has_role(DEPLOYER_ROLE, DEPLOYER));
    let logs = vm.get_emitted_logs();
    assert_eq!(
        logs[0].0,
        vec![
            RoleRevoked::SIGNATURE_HASH,
            DEPLOYER_ROLE,
            DEPLOYER.into_word(),
            DEPLOYER.into_word()
        ]
    );
}

#[test]
fn the_sol_interface_selectors_match_the_router() {
    // The router derives selectors from the Rust names; the shared ABI
    // crate must name the same functions.
    assert_eq!(
        ITokenFactory::createTokenCall::SIGNATURE,
        "createToken(bytes,bytes32,bytes32)"
    );
    assert_eq!(
        ITokenFactory::predictAddressCall::SIGNATURE,
        "predictAddress(bytes32)"
    );
}

/// The factory's storage as declared for the layout checker.
fn declared_layout() -> Layout {
    Layout::new("token-factory", env!("CARGO_PKG_VERSION"))
        .field("beacon", 0, 0, 20, "address")
        .field("proxy_template", 1, 0, 20, "address")
        .field(
            "roles",
            2,
            0,
            32,
            "mapping(bytes32 => mapping(address => bool))",
        )
        .field("tokens", 3, 0, 32, "address[]")
        .field("token_by_issue_id", 4, 0, 32, "mapping(bytes32 => address)")
}

fn storage_words(vm: &TestVM) -> Vec<([u8; 32], [u8; 32])> {
    vm.snapshot()
        .storage
        .into_iter()
        .map(|(k, v): (U256, B256)| (k.to_be_bytes::<32>(), v.0))
        .collect()
}

/// Slot of a mapping entry: keccak256(key padded to 32 bytes ++ base slot).
fn entry_slot(key: &[u8], base: [u8; 32]) -> [u8; 32] {
    let mut preimage = [0u8; 64];
    preimage[32 - key.len()..32].copy_from_slice(key);
    preimage[32..].copy_from_slice(&base);
    keccak256(preimage).0
}

#[test]
fn declared_layout_matches_the_slots_the_storage_struct_writes() {
    let vm = vm();
    let mut factory = TokenFactory::from(&vm);
    let layout = declared_layout();
    let full = Address::repeat_byte(0xff);
    let field = |name: &str| {
        layout
            .fields
            .iter()
            .find(|f| f.name == name)
            .unwrap()
            .clone()
    };

    let mut observe = |write: &mut dyn FnMut(&mut TokenFactory)| {
        let before = storage_words(&vm);
        write(&mut factory);
        probe::changes(before, storage_words(&vm))
    };

    for name in ["beacon", "proxy_template"] {
        let changes = observe(&mut |f| match name {
            "beacon" => f.beacon.set(full),
            _ => f.proxy_template.set(full),
        });
        assert_eq!(changes.len(), 1, "{name}");
        assert!(changes[0].within(&field(name)), "{name}: {changes:?}");
    }

    let roles = observe(&mut |f| f.roles.setter(DEPLOYER_ROLE).setter(full).set(true));
    let inner = entry_slot(DEPLOYER_ROLE.as_slice(), field("roles").slot.0);
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].slot, Slot(entry_slot(full.as_slice(), inner)));

    let tokens = observe(&mut |f| f.tokens.push(full));
    assert_eq!(
        tokens.len(),
        2,
        "length at the base slot, element at keccak(base)"
    );
    assert!(tokens.iter().any(|c| c.slot == field("tokens").slot));
    let first_element = Slot(keccak256(field("tokens").slot.0).0);
    assert!(tokens.iter().any(|c| c.slot == first_element));

    let by_issue = observe(&mut |f| f.token_by_issue_id.setter(issue(9)).set(full));
    let expected = entry_slot(issue(9).as_slice(), field("token_by_issue_id").slot.0);
    assert_eq!(by_issue.len(), 1);
    assert_eq!(by_issue[0].slot, Slot(expected));
    assert_eq!(layout.validate(), Ok(()));
}
