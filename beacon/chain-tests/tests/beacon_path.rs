//! The beacon upgrade path on the dev chain with the real wasm (R20):
//! implementation v1, beacon, proxy template and factory deployed the way a
//! release deploys them; tokens created through the factory; the beacon
//! upgraded to v2; every refusal checked by its custom error. Gas figures
//! are printed (run with `--nocapture`), never asserted.
//!
//! The implementation is `example-impl-v1`/`-v2`, a minimal stand-in for
//! the security token with the same proxy contract (one-shot `initialize`,
//! state from slot 0).

use alloy_primitives::{Address, Bytes, B256, U256};
use alloy_sol_types::{sol, SolCall, SolError, SolEvent, SolValue};
use beacon_abi::{
    beacon::{
        BeaconInvalidImplementation, IUpgradeableBeacon, OwnableUnauthorizedAccount, Upgraded,
    },
    factory::{AccessControlUnauthorizedAccount, FactoryIssueIdTaken, ITokenFactory, TokenCreated},
    proxy::{BeaconProxyNotSetUp, BeaconUpgraded, IBeaconProxy},
    BEACON_SLOT, DEPLOYER_ROLE,
};
use beacon_chain_tests::*;
use devnode::{DevNode, NodeConfig, Receipt, Tx};

sol! {
    interface IExample {
        function initialize(address admin) external;
        function admin() external view returns (address);
        function mint(address to, uint256 amount) external;
        function balanceOf(address account) external view returns (uint256);
        function version() external view returns (uint256);
        function setCap(uint256 cap) external;
        function cap() external view returns (uint256);
        error AlreadyInitialized();
        error NotAdmin(address account);
        event Minted(address indexed to, uint256 amount);
    }
}

/// Everything a release deploys, with alice as beacon owner, factory admin
/// and deployer.
struct World {
    node: DevNode,
    impl_v1: Address,
    impl_v2: Address,
    beacon: Address,
    template: Address,
    factory: Address,
}

fn world() -> World {
    let mut node = DevNode::new(NodeConfig::default());
    let impl_v1 = deploy_activated(&mut node, "example-impl-v1");
    let impl_v2 = deploy_activated(&mut node, "example-impl-v2");
    let (template, beacon, factory) = deploy_beacon_and_factory(&mut node, impl_v1);
    World {
        node,
        impl_v1,
        impl_v2,
        beacon,
        template,
        factory,
    }
}

fn create_call(admin: Address, issue_id: B256, salt: B256) -> Vec<u8> {
    ITokenFactory::createTokenCall {
        initCalldata: IExample::initializeCall { admin }.abi_encode().into(),
        issueId: issue_id,
        salt,
    }
    .abi_encode()
}

/// Creates a token for `issue_id` whose admin is `admin`; returns it and the gas.
fn create_token(w: &mut World, admin: Address, issue_id: B256, salt: B256) -> (Address, u64) {
    let r = ok(
        &mut w.node,
        alice(),
        w.factory,
        create_call(admin, issue_id, salt),
    );
    let token = ITokenFactory::createTokenCall::abi_decode_returns(&r.output).unwrap();
    (token, r.gas_used)
}

fn mint(w: &mut World, token: Address, from: Address, to: Address, amount: u64) -> Receipt {
    let data = IExample::mintCall {
        to,
        amount: U256::from(amount),
    }
    .abi_encode();
    send(&mut w.node, from, token, data)
}

fn balance(w: &mut World, token: Address, account: Address) -> U256 {
    read(&mut w.node, token, IExample::balanceOfCall { account })
}

#[test]
fn the_factory_creates_initialised_proxies_at_the_predicted_addresses() {
    let mut w = world();
    let salt = B256::with_last_byte(1);
    let predicted = read(
        &mut w.node,
        w.factory,
        ITokenFactory::predictAddressCall { salt },
    );
    let r = ok(
        &mut w.node,
        alice(),
        w.factory,
        create_call(bob(), B256::repeat_byte(0x11), salt),
    );
    let token = ITokenFactory::createTokenCall::abi_decode_returns(&r.output).unwrap();
    assert_eq!(token, predicted);
    assert_eq!(
        w.node.code(token),
        w.node.code(w.template),
        "same code, no activation"
    );

    // The proxy follows the beacon from the ERC-1967 slot, and the
    // initialiser ran through it with the factory's call.
    let slot = w.node.storage(token, U256::from_be_bytes(BEACON_SLOT.0));
    assert_eq!(Address::from_word(slot.into()), w.beacon);
    assert_eq!(read(&mut w.node, token, IExample::adminCall {}), bob());
    assert_eq!(
        read(&mut w.node, token, IExample::versionCall {}),
        U256::from(1)
    );

    // Events: BeaconUpgraded from the proxy, then TokenCreated from the factory.
    let upgraded = r
        .logs
        .iter()
        .find(|l| l.address == token)
        .expect("BeaconUpgraded");
    assert_eq!(
        upgraded.topics(),
        &[BeaconUpgraded::SIGNATURE_HASH, w.beacon.into_word()]
    );
    let created = r.logs.last().expect("TokenCreated");
    assert_eq!(created.address, w.factory);
    let created = TokenCreated::decode_log_data(&created.data).unwrap();
    assert_eq!(
        (created.token, created.issueId, created.creator),
        (token, B256::repeat_byte(0x11), alice())
    );

    // Recorded and enumerable.
    assert_eq!(
        read(&mut w.node, w.factory, ITokenFactory::tokenCountCall {}),
        U256::from(1)
    );
    assert_eq!(
        read(
            &mut w.node,
            w.factory,
            ITokenFactory::tokenAtCall { index: U256::ZERO }
        ),
        token
    );
    assert_eq!(
        read(
            &mut w.node,
            w.factory,
            ITokenFactory::tokenByIssueIdCall {
                issueId: B256::repeat_byte(0x11)
            }
        ),
        token
    );
}

#[test]
fn upgrading_the_beacon_upgrades_every_token_and_keeps_their_state() {
    let mut w = world();
    let (t1, _) = create_token(
        &mut w,
        alice(),
        B256::repeat_byte(1),
        B256::with_last_byte(1),
    );
    let (t2, _) = create_token(&mut w, bob(), B256::repeat_byte(2), B256::with_last_byte(2));
    assert!(mint(&mut w, t1, alice(), carol(), 100).status);
    assert!(mint(&mut w, t2, bob(), carol(), 7).status);
    assert!(mint(&mut w, t2, bob(), alice(), 5).status);
    // The two tokens have separate state; the bare implementation has none.
    assert_eq!(balance(&mut w, t1, carol()), U256::from(100));
    assert_eq!(balance(&mut w, t2, carol()), U256::from(7));
    let bare = w.impl_v1;
    assert_eq!(balance(&mut w, bare, carol()), U256::ZERO);
    // v1 has no setCap.
    let set_cap = IExample::setCapCall {
        cap: U256::from(500),
    }
    .abi_encode();
    assert!(!send(&mut w.node, alice(), t1, set_cap.clone()).status);

    let upgrade = IUpgradeableBeacon::upgradeToCall {
        newImplementation: w.impl_v2,
    }
    .abi_encode();
    let r = ok(&mut w.node, alice(), w.beacon, upgrade);
    assert_eq!(
        r.logs[0].topics(),
        &[Upgraded::SIGNATURE_HASH, w.impl_v2.into_word()]
    );
    assert_eq!(
        read(
            &mut w.node,
            w.beacon,
            IUpgradeableBeacon::implementationCall {}
        ),
        w.impl_v2
    );

    for (token, admin, carol_balance) in [(t1, alice(), 100u64), (t2, bob(), 7)] {
        assert_eq!(
            read(&mut w.node, token, IExample::versionCall {}),
            U256::from(2)
        );
        assert_eq!(read(&mut w.node, token, IExample::adminCall {}), admin);
        assert_eq!(balance(&mut w, token, carol()), U256::from(carol_balance));
        // The new function and the new field work through every proxy.
        ok(&mut w.node, admin, token, set_cap.clone());
        assert_eq!(
            read(&mut w.node, token, IExample::capCall {}),
            U256::from(500)
        );
        // Old functions keep working on the kept state.
        assert!(mint(&mut w, token, admin, carol(), 1).status);
        assert_eq!(
            balance(&mut w, token, carol()),
            U256::from(carol_balance + 1)
        );
    }
    assert_eq!(balance(&mut w, t2, alice()), U256::from(5));
}

#[test]
fn the_proxy_returns_and_reverts_with_the_implementations_exact_data() {
    let mut w = world();
    let (token, _) = create_token(
        &mut w,
        alice(),
        B256::repeat_byte(1),
        B256::with_last_byte(1),
    );
    let r = mint(&mut w, token, bob(), carol(), 1);
    assert!(!r.status);
    assert_eq!(
        &r.output[..],
        &IExample::NotAdmin { account: bob() }.abi_encode()[..]
    );
    let r = ok(
        &mut w.node,
        alice(),
        token,
        IExample::balanceOfCall { account: carol() }.abi_encode(),
    );
    assert_eq!(&r.output[..], &U256::ZERO.abi_encode()[..]);
    let r = mint(&mut w, token, alice(), carol(), 3);
    assert_eq!(r.logs.len(), 1);
    assert_eq!(r.logs[0].address, token, "events come from the proxy");
    let minted = IExample::Minted::decode_log_data(&r.logs[0].data).unwrap();
    assert_eq!((minted.to, minted.amount), (carol(), U256::from(3)));
}

#[test]
fn initialising_twice_through_the_proxy_reverts_with_the_tokens_error() {
    let mut w = world();
    let (token, _) = create_token(
        &mut w,
        alice(),
        B256::repeat_byte(1),
        B256::with_last_byte(1),
    );
    let again = IExample::initializeCall { admin: bob() }.abi_encode();
    let r = send(&mut w.node, bob(), token, again);
    assert!(!r.status);
    assert_eq!(
        &r.output[..],
        &IExample::AlreadyInitialized {}.abi_encode()[..]
    );
    assert_eq!(read(&mut w.node, token, IExample::adminCall {}), alice());
    // A second setupBeacon is forwarded to the implementation, which has no
    // such function: the beacon cannot be swapped through the proxy.
    let setup = IBeaconProxy::setupBeaconCall {
        beacon: w.factory,
        initData: Bytes::new(),
    }
    .abi_encode();
    assert!(!send(&mut w.node, bob(), token, setup).status);
    let slot = w.node.storage(token, U256::from_be_bytes(BEACON_SLOT.0));
    assert_eq!(Address::from_word(slot.into()), w.beacon);
}

#[test]
fn refusals_revert_with_their_custom_errors() {
    let mut w = world();
    let upgrade = |to: Address| {
        IUpgradeableBeacon::upgradeToCall {
            newImplementation: to,
        }
        .abi_encode()
    };

    // Upgrade by a non-owner.
    let r = send(&mut w.node, bob(), w.beacon, upgrade(w.impl_v2));
    assert!(!r.status);
    assert_eq!(
        &r.output[..],
        &OwnableUnauthorizedAccount { account: bob() }.abi_encode()[..]
    );

    // Upgrade to an address with no code.
    let empty = Address::repeat_byte(0x42);
    let r = send(&mut w.node, alice(), w.beacon, upgrade(empty));
    assert_eq!(
        &r.output[..],
        &BeaconInvalidImplementation {
            implementation: empty
        }
        .abi_encode()[..]
    );

    // Upgrade to deployed but unactivated Stylus code (one byte more than an
    // activated program, so its codehash was never activated).
    let mut code = program("example-impl-v2").code.to_vec();
    code.push(0);
    let r = w
        .node
        .transact(Tx::deploy(alice(), beacon_abi::init_code(&code)))
        .unwrap();
    assert!(r.status, "{r:?}");
    let unactivated = r.contract_address.unwrap();
    let r = send(&mut w.node, alice(), w.beacon, upgrade(unactivated));
    assert_eq!(
        &r.output[..],
        &BeaconInvalidImplementation {
            implementation: unactivated
        }
        .abi_encode()[..]
    );
    assert_eq!(
        read(
            &mut w.node,
            w.beacon,
            IUpgradeableBeacon::implementationCall {}
        ),
        w.impl_v1
    );

    // Token creation by a non-deployer.
    let r = send(
        &mut w.node,
        bob(),
        w.factory,
        create_call(bob(), B256::repeat_byte(1), B256::with_last_byte(1)),
    );
    assert_eq!(
        &r.output[..],
        &AccessControlUnauthorizedAccount {
            account: bob(),
            neededRole: DEPLOYER_ROLE
        }
        .abi_encode()[..]
    );

    // A second token for the same issue.
    let (token, _) = create_token(
        &mut w,
        alice(),
        B256::repeat_byte(1),
        B256::with_last_byte(1),
    );
    let r = send(
        &mut w.node,
        alice(),
        w.factory,
        create_call(alice(), B256::repeat_byte(1), B256::with_last_byte(2)),
    );
    assert_eq!(
        &r.output[..],
        &FactoryIssueIdTaken {
            issueId: B256::repeat_byte(1),
            token
        }
        .abi_encode()[..]
    );

    // Any call but setupBeacon to a proxy that is not set up.
    let r = send(
        &mut w.node,
        bob(),
        w.template,
        IExample::versionCall {}.abi_encode(),
    );
    assert_eq!(&r.output[..], &BeaconProxyNotSetUp {}.abi_encode()[..]);
}

#[test]
fn ownership_of_the_beacon_moves_in_two_steps_on_chain() {
    let mut w = world();
    let nominate = IUpgradeableBeacon::transferOwnershipCall { newOwner: bob() }.abi_encode();
    ok(&mut w.node, alice(), w.beacon, nominate);
    let accept = IUpgradeableBeacon::acceptOwnershipCall {}.abi_encode();
    assert!(!send(&mut w.node, carol(), w.beacon, accept.clone()).status);
    ok(&mut w.node, bob(), w.beacon, accept);
    assert_eq!(
        read(&mut w.node, w.beacon, IUpgradeableBeacon::ownerCall {}),
        bob()
    );
    let upgrade = IUpgradeableBeacon::upgradeToCall {
        newImplementation: w.impl_v2,
    }
    .abi_encode();
    assert!(!send(&mut w.node, alice(), w.beacon, upgrade.clone()).status);
    ok(&mut w.node, bob(), w.beacon, upgrade);
}

#[test]
fn gas_figures() {
    let mut w = world();
    let (token, create_gas) = create_token(
        &mut w,
        alice(),
        B256::repeat_byte(1),
        B256::with_last_byte(1),
    );
    let (_, second_create_gas) = create_token(
        &mut w,
        alice(),
        B256::repeat_byte(2),
        B256::with_last_byte(2),
    );
    let view = IExample::balanceOfCall { account: carol() }.abi_encode();
    let direct = ok(&mut w.node, alice(), w.impl_v1, view.clone()).gas_used;
    let proxied = ok(&mut w.node, alice(), token, view).gas_used;
    let minted = mint(&mut w, token, alice(), carol(), 1).gas_used;
    let upgrade = IUpgradeableBeacon::upgradeToCall {
        newImplementation: w.impl_v2,
    }
    .abi_encode();
    let upgrade_gas = ok(&mut w.node, alice(), w.beacon, upgrade).gas_used;
    println!("gas: balanceOf direct on the implementation      {direct}");
    println!("gas: balanceOf through the proxy                  {proxied}");
    println!(
        "gas: proxy overhead per call                      {}",
        proxied.saturating_sub(direct)
    );
    println!("gas: mint through the proxy                       {minted}");
    println!("gas: createToken (first, incl. init)              {create_gas}");
    println!("gas: createToken (second)                         {second_create_gas}");
    println!("gas: beacon upgradeTo                             {upgrade_gas}");
    for name in [
        "beacon-proxy",
        "upgradeable-beacon",
        "token-factory",
        "example-impl-v1",
    ] {
        let p = program(name);
        println!(
            "size: {name:<20} wasm {:>6} B  compressed {:>6} B",
            p.wasm.len(),
            p.code.len()
        );
    }
    assert!(proxied > direct, "the proxy cannot be free");
}

sol! {
    interface ICounterNumber {
        function number() external view returns (uint256);
    }
}

/// An implementation built with the SDK's `#[entrypoint]` (as the security
/// token is) must work behind the proxy: on Nitro a delegatecall frame does
/// not count as a reentrant entry of the proxy (`arbos/tx_processor.go`,
/// `PushContract` skips `IsDelegateOrCallcode` frames), so the SDK's
/// deprecated reentrancy guard does not fire; the dev chain follows that
/// rule (delegate frames do not count as entries).
#[test]
fn an_entrypoint_guarded_implementation_works_behind_the_proxy() {
    let mut node = DevNode::new(NodeConfig::default());
    let counter = deploy_activated(&mut node, "devnode-test-counter");
    let template = deploy_activated(&mut node, "beacon-proxy");
    let (beacon, _) = deploy_constructed(
        &mut node,
        "upgradeable-beacon",
        (counter, alice()).abi_encode_params(),
    );
    let setup = IBeaconProxy::setupBeaconCall {
        beacon,
        initData: Bytes::new(),
    }
    .abi_encode();
    ok(&mut node, alice(), template, setup);
    let r = send(
        &mut node,
        alice(),
        template,
        ICounterNumber::numberCall {}.abi_encode(),
    );
    assert!(r.status, "{r:?}");
    assert_eq!(&r.output[..], &U256::ZERO.abi_encode()[..]);
}
