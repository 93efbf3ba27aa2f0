//! The real security token on the beacon upgrade path (R20, R21), on the
//! dev chain with the deployable wasm: `security-token-admin` and
//! `security-token` deployed through the StylusDeployer (constructors run),
//! the proxy template, the beacon and the factory; two tokens created
//! through the factory; an upgrade to a new implementation with a new
//! extension; every refusal checked by its exact custom error. Gas figures
//! are printed (`--nocapture`), never asserted.
//!
//! The upgrade here swaps in a freshly deployed implementation of the same
//! code (the token has one released version); an upgrade that adds a
//! function and a field is exercised with the stand-in implementations in
//! `beacon_path.rs`, and the layout rule by `deployments/layouts/`.

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolError, SolValue};
use beacon_abi::{
    beacon::IUpgradeableBeacon,
    factory::{AccessControlUnauthorizedAccount, ITokenFactory},
    DEPLOYER_ROLE,
};
use beacon_chain_tests::*;
use devnode::genesis::DEV_ACCOUNTS;
use devnode::system::deployer::{IStylusDeployer, STYLUS_DEPLOYER};
use devnode::{DevNode, NodeConfig, Tx};
use sto_abi::ISecurityTokenErrors::{
    AlreadyInitialized, InvalidExtension, NotInitialized, NotIssuer, NotPayable, TransfersPaused,
    UnknownFunction,
};
use sto_abi::{
    IERC20Face, ISecurityTokenAdmin, ISecurityTokenCompliance, ISecurityTokenProgram, IERC1410,
    IERC1594, IERC1643, IERC1644,
};

/// Issuer of both tokens: alice (also beacon owner and factory deployer).
fn issuer() -> Address {
    alice()
}

/// Controller (account-management institution) of both tokens.
fn controller() -> Address {
    bob()
}

fn dave() -> Address {
    DEV_ACCOUNTS[3].0
}

fn erin() -> Address {
    DEV_ACCOUNTS[4].0
}

fn common() -> B256 {
    name_of("common")
}

fn locked() -> B256 {
    name_of("locked")
}

struct Stack {
    node: DevNode,
    admin: Address,
    compliance: Address,
    implementation: Address,
    beacon: Address,
    factory: Address,
}

fn stack() -> Stack {
    stack_on(NodeConfig::default())
}

/// The stack on a chain configured by `config` (e.g. every program cached).
fn stack_on(config: NodeConfig) -> Stack {
    let mut node = DevNode::new(config);
    let (admin, compliance, implementation) = deploy_token_programs(&mut node);
    let (_, beacon, factory) = deploy_beacon_and_factory(&mut node, implementation);
    Stack {
        node,
        admin,
        compliance,
        implementation,
        beacon,
        factory,
    }
}

fn initialize_call(symbol: &str, issue_id: B256) -> ISecurityTokenAdmin::initializeCall {
    ISecurityTokenAdmin::initializeCall {
        name: format!("{symbol} Real Estate Fund"),
        symbol: symbol.into(),
        decimals: 0,
        issuer: issuer(),
        controllers: vec![controller()],
        defaultPartitions: vec![common()],
        accountManager: controller(),
        securityKind: "투자계약증권".into(),
        issueId: issue_id,
    }
}

/// Creates a token through the factory; returns it and the gas used.
fn create(s: &mut Stack, symbol: &str) -> (Address, u64) {
    let issue_id = keccak256(symbol);
    let init = initialize_call(symbol, issue_id).abi_encode();
    let (token, r) = create_token(&mut s.node, s.factory, init, issue_id);
    (token, r.gas_used)
}

fn issue(s: &mut Stack, token: Address, partition: B256, to: Address, value: u64) -> u64 {
    let call = IERC1410::issueByPartitionCall {
        partition,
        tokenHolder: to,
        value: U256::from(value),
        data: Bytes::new(),
    };
    ok(&mut s.node, issuer(), token, call.abi_encode()).gas_used
}

/// Registers `holder` (KYC) with `category` as the issuer; returns the gas.
fn register(s: &mut Stack, token: Address, holder: Address, category: u8) -> u64 {
    let call = ISecurityTokenCompliance::registerHolderCall { holder, category };
    ok(&mut s.node, issuer(), token, call.abi_encode()).gas_used
}

fn transfer(s: &mut Stack, token: Address, from: Address, to: Address, value: u64) -> u64 {
    let call = IERC1410::transferByPartitionCall {
        partition: common(),
        to,
        value: U256::from(value),
        data: Bytes::new(),
    };
    ok(&mut s.node, from, token, call.abi_encode()).gas_used
}

/// Everything a holder, auditor or institution can read from a token, as
/// one comparable value.
#[derive(Debug, PartialEq)]
struct Observed {
    name: String,
    symbol: String,
    decimals: u8,
    total_supply: U256,
    partitions: Vec<B256>,
    supply_by_partition: Vec<U256>,
    holdings: Vec<(Address, Vec<(B256, U256)>)>,
    allowance: U256,
    issuer: Address,
    is_controller: bool,
    operator_side: u8,
    holder_operator: bool,
    document: (String, B256, U256),
    documents: Vec<B256>,
    defaults: Vec<B256>,
    paused: bool,
    issuable: bool,
    controllable: bool,
    issue_info: (Address, Address, String, B256),
    /// (registered, category, frozen) of carol, dave, erin.
    holder_infos: Vec<(bool, u8, bool)>,
    /// (supply, individual, corporate, issuer-own, unclassified).
    reconciliation: (U256, U256, U256, U256, U256),
    /// dave's frozen and carol's pledged common, dave's trust flag on locked.
    encumbrance: (U256, U256, bool),
    /// Pledge 1: (holder, amount, pledgee, status).
    pledge: (Address, U256, Address, u8),
    holder_count: U256,
}

fn observe(s: &mut Stack, token: Address) -> Observed {
    let n = &mut s.node;
    let partitions = read(n, token, IERC1410::totalPartitionsCall {});
    let supply_by_partition = partitions
        .iter()
        .map(|p| {
            read(
                n,
                token,
                IERC1410::totalSupplyByPartitionCall { partition: *p },
            )
        })
        .collect();
    let holdings = [carol(), dave(), erin()]
        .into_iter()
        .map(|holder| {
            let mut rows: Vec<(B256, U256)> = read(
                n,
                token,
                IERC1410::partitionsOfCall {
                    tokenHolder: holder,
                },
            )
            .into_iter()
            .map(|p| {
                let balance = read(
                    n,
                    token,
                    IERC1410::balanceOfByPartitionCall {
                        partition: p,
                        tokenHolder: holder,
                    },
                );
                (p, balance)
            })
            .collect();
            rows.sort();
            (holder, rows)
        })
        .collect();
    let document = read(
        n,
        token,
        IERC1643::getDocumentCall {
            name: name_of("prospectus"),
        },
    );
    let info = read(n, token, ISecurityTokenAdmin::issueInfoCall {});
    let holder_infos = [carol(), dave(), erin()]
        .into_iter()
        .map(|holder| {
            let r = read(
                n,
                token,
                ISecurityTokenCompliance::holderInfoCall { holder },
            );
            (r.registered, r.category, r.frozen)
        })
        .collect();
    let rec = read(n, token, ISecurityTokenCompliance::reconciliationCall {});
    let pledge = read(
        n,
        token,
        ISecurityTokenCompliance::getPledgeCall { id: U256::from(1) },
    );
    let encumbrance = (
        read(
            n,
            token,
            ISecurityTokenCompliance::frozenBalanceOfCall {
                partition: common(),
                holder: dave(),
            },
        ),
        read(
            n,
            token,
            ISecurityTokenCompliance::pledgedBalanceOfCall {
                partition: common(),
                holder: carol(),
            },
        ),
        read(
            n,
            token,
            ISecurityTokenCompliance::isTrustPropertyCall {
                partition: locked(),
                holder: dave(),
            },
        ),
    );
    Observed {
        holder_infos,
        reconciliation: (
            rec.supply,
            rec.individual,
            rec.corporate,
            rec.issuerOwn,
            rec.unclassified,
        ),
        encumbrance,
        pledge: (pledge.holder, pledge.amount, pledge.pledgee, pledge.status),
        holder_count: read(n, token, ISecurityTokenCompliance::holderCountCall {}),
        name: read(n, token, IERC20Face::nameCall {}),
        symbol: read(n, token, IERC20Face::symbolCall {}),
        decimals: read(n, token, IERC20Face::decimalsCall {}),
        total_supply: read(n, token, IERC20Face::totalSupplyCall {}),
        partitions,
        supply_by_partition,
        holdings,
        allowance: read(
            n,
            token,
            IERC20Face::allowanceCall {
                owner: carol(),
                spender: erin(),
            },
        ),
        issuer: read(n, token, ISecurityTokenAdmin::issuerCall {}),
        is_controller: read(
            n,
            token,
            ISecurityTokenAdmin::isControllerCall {
                account: controller(),
            },
        ),
        operator_side: read(
            n,
            token,
            ISecurityTokenAdmin::operatorSideCall { account: erin() },
        ),
        holder_operator: read(
            n,
            token,
            IERC1410::isOperatorCall {
                operator: erin(),
                tokenHolder: dave(),
            },
        ),
        document: (document.uri, document.documentHash, document.lastModified),
        documents: read(n, token, IERC1643::getAllDocumentsCall {}),
        defaults: read(n, token, ISecurityTokenAdmin::getDefaultPartitionsCall {}),
        paused: read(n, token, ISecurityTokenAdmin::pausedCall {}),
        issuable: read(n, token, IERC1594::isIssuableCall {}),
        controllable: read(n, token, IERC1644::isControllableCall {}),
        issue_info: (
            info.issuer,
            info.accountManager,
            info.securityKind,
            info.issueId,
        ),
    }
}

/// Gives `token` holdings, roles, a document and settings that differ
/// from the other token's.
fn populate(s: &mut Stack, token: Address, scale: u64, pause: bool) {
    register(s, token, carol(), 1);
    register(s, token, dave(), 2);
    register(s, token, erin(), 1);
    issue(s, token, common(), carol(), 1_000 * scale);
    issue(s, token, locked(), dave(), 300 * scale);
    transfer(s, token, carol(), dave(), 100 * scale);
    let freeze = ISecurityTokenCompliance::freezePartialCall {
        holder: dave(),
        partition: common(),
        amount: U256::from(20 * scale),
    };
    ok(&mut s.node, controller(), token, freeze.abi_encode());
    let pledge = ISecurityTokenCompliance::pledgeCall {
        holder: carol(),
        partition: common(),
        amount: U256::from(50 * scale),
        pledgee: erin(),
        refCode: name_of("loan-1"),
    };
    ok(&mut s.node, controller(), token, pledge.abi_encode());
    let trust = ISecurityTokenCompliance::setTrustPropertyCall {
        holder: dave(),
        partition: locked(),
        trust: true,
    };
    ok(&mut s.node, issuer(), token, trust.abi_encode());
    let approve = IERC20Face::approveCall {
        spender: erin(),
        value: U256::from(7 * scale),
    };
    ok(&mut s.node, carol(), token, approve.abi_encode());
    let appoint = ISecurityTokenAdmin::appointOperatorCall {
        operator: erin(),
        side: 2,
    };
    ok(&mut s.node, issuer(), token, appoint.abi_encode());
    let authorize = IERC1410::authorizeOperatorCall { operator: erin() };
    ok(&mut s.node, dave(), token, authorize.abi_encode());
    let document = IERC1643::setDocumentCall {
        name: name_of("prospectus"),
        uri: format!("https://issuer.example/{scale}/prospectus.pdf"),
        documentHash: keccak256(scale.to_be_bytes()),
    };
    ok(&mut s.node, issuer(), token, document.abi_encode());
    if pause {
        ok(
            &mut s.node,
            issuer(),
            token,
            ISecurityTokenAdmin::pauseCall {}.abi_encode(),
        );
    }
}

fn upgrade(s: &mut Stack) -> (Vec<Address>, Address, u64) {
    let (admin, compliance, implementation) = deploy_token_programs(&mut s.node);
    let call = IUpgradeableBeacon::upgradeToCall {
        newImplementation: implementation,
    };
    let gas = ok(&mut s.node, alice(), s.beacon, call.abi_encode()).gas_used;
    (vec![admin, compliance], implementation, gas)
}

/// The stack with two tokens populated differently (the second paused),
/// and what each shows before any upgrade.
fn two_populated_tokens() -> (Stack, Address, Address, (Observed, Observed)) {
    let mut s = stack();
    let (t1, _) = create(&mut s, "SOF1");
    let (t2, _) = create(&mut s, "SOF2");
    populate(&mut s, t1, 1, false);
    populate(&mut s, t2, 2, true);
    let before = (observe(&mut s, t1), observe(&mut s, t2));
    (s, t1, t2, before)
}

#[test]
fn two_tokens_keep_every_balance_role_document_and_setting_across_an_upgrade() {
    let (mut s, t1, t2, before) = two_populated_tokens();
    assert_eq!(before.0.total_supply, U256::from(1_300));
    assert_eq!(before.1.total_supply, U256::from(2_600));
    assert_eq!(
        before.0.holdings[1].1,
        vec![(common(), U256::from(100)), (locked(), U256::from(300))]
    );
    assert!(before.1.paused && !before.0.paused);
    assert_eq!(before.0.symbol, "SOF1");
    assert_eq!(before.0.issue_info.2, "투자계약증권");
    // carol (individual) 900, dave (corporate) 400, erin nothing.
    assert_eq!(
        before.0.reconciliation,
        (
            U256::from(1_300),
            U256::from(900),
            U256::from(400),
            U256::ZERO,
            U256::ZERO
        )
    );
    assert_eq!(
        before.1.encumbrance,
        (U256::from(40), U256::from(100), true)
    );
    assert_eq!(before.0.pledge, (carol(), U256::from(50), erin(), 1));

    let (extensions2, impl2, _) = upgrade(&mut s);
    assert_eq!(
        read(
            &mut s.node,
            s.beacon,
            IUpgradeableBeacon::implementationCall {}
        ),
        impl2
    );
    let after = (observe(&mut s, t1), observe(&mut s, t2));
    assert_eq!(before, after, "state survives the upgrade unchanged");

    // Both halves of both tokens now run the new programs.
    for token in [t1, t2] {
        assert_eq!(
            read(&mut s.node, token, ISecurityTokenProgram::extensionsCall {}),
            extensions2
        );
    }
    assert_ne!(extensions2, vec![s.admin, s.compliance]);
    // And they keep working: a hot-path move and an administration call on each.
    transfer(&mut s, t1, carol(), erin(), 5);
    let r = send(
        &mut s.node,
        carol(),
        t2,
        IERC1410::transferByPartitionCall {
            partition: common(),
            to: erin(),
            value: U256::from(5),
            data: Bytes::new(),
        }
        .abi_encode(),
    );
    assert_eq!(
        &r.output[..],
        &TransfersPaused {}.abi_encode()[..],
        "t2 stays paused"
    );
    ok(
        &mut s.node,
        issuer(),
        t2,
        ISecurityTokenAdmin::unpauseCall {}.abi_encode(),
    );
    transfer(&mut s, t2, carol(), erin(), 5);
    let erin_balance = |s: &mut Stack, t| {
        read(
            &mut s.node,
            t,
            IERC1410::balanceOfByPartitionCall {
                partition: common(),
                tokenHolder: erin(),
            },
        )
    };
    assert_eq!(erin_balance(&mut s, t1), U256::from(5));
    assert_eq!(erin_balance(&mut s, t2), U256::from(5));
    // The controller's forced transfer works through the new implementation.
    let forced = IERC1644::controllerTransferCall {
        from: dave(),
        to: carol(),
        value: U256::from(10),
        data: Bytes::new(),
        operatorData: Bytes::from_static(b"court order"),
    };
    ok(&mut s.node, controller(), t1, forced.abi_encode());
    assert_eq!(
        read(
            &mut s.node,
            t1,
            IERC20Face::balanceOfCall { account: dave() }
        ),
        U256::from(390)
    );
}

alloy_sol_types::sol! {
    interface ITokenV2 {
        function setNote(uint256 value) external;
        function note() external view returns (uint256);
    }
}

/// Version 2 (fixture `token-admin-v2`): the same hot program constructed
/// with an extension that adds `setNote`/`note` on a field appended at
/// slot 29 (and the unchanged compliance extension). Both tokens keep
/// everything and serve the new function.
#[test]
fn an_upgrade_that_adds_a_function_and_a_field_keeps_both_tokens_and_serves_it() {
    // The layout rule first: v2 appends one field after 1.1.0.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../deployments/layouts/security-token/1.1.0.json"
    );
    let v1_layout = storage_layout::Layout::load(std::path::Path::new(path)).unwrap();
    // token-admin-v2's NOTE_SLOT: the first slot after layout 1.1.0.
    let note_slot = 29;
    let mut v2_layout = v1_layout.clone().field("note", note_slot, 0, 32, "uint256");
    v2_layout.version = "1.2.0".into();
    assert!(storage_layout::check_append_only(&v1_layout, &v2_layout).is_ok());
    let mut clobbering = v1_layout
        .clone()
        .field("note", note_slot - 1, 0, 32, "uint256");
    clobbering.version = "1.2.0".into();
    assert!(storage_layout::check_append_only(&v1_layout, &clobbering).is_err());

    let (mut s, t1, t2, before) = two_populated_tokens();
    // Version 1 does not know the new function.
    let set = |value: u64| {
        ITokenV2::setNoteCall {
            value: U256::from(value),
        }
        .abi_encode()
    };
    let r = send(&mut s.node, issuer(), t1, set(7));
    assert_eq!(
        &r.output[..],
        &UnknownFunction {
            selector: ITokenV2::setNoteCall::SELECTOR.into()
        }
        .abi_encode()[..]
    );

    let (admin_v2, _) = deploy_constructed(&mut s.node, "token-admin-v2", vec![]);
    let (v2, _) = deploy_constructed(
        &mut s.node,
        "security-token",
        (vec![admin_v2, s.compliance],).abi_encode_params(),
    );
    let call = IUpgradeableBeacon::upgradeToCall {
        newImplementation: v2,
    };
    ok(&mut s.node, alice(), s.beacon, call.abi_encode());
    let after = (observe(&mut s, t1), observe(&mut s, t2));
    assert_eq!(
        before, after,
        "every balance, partition, role, document and setting kept"
    );

    ok(&mut s.node, issuer(), t1, set(7));
    ok(&mut s.node, issuer(), t2, set(9));
    assert_eq!(read(&mut s.node, t1, ITokenV2::noteCall {}), U256::from(7));
    assert_eq!(read(&mut s.node, t2, ITokenV2::noteCall {}), U256::from(9));
    assert_eq!(
        s.node.storage(t1, U256::from(note_slot)),
        U256::from(7),
        "the field lives in the proxy"
    );
    let r = send(&mut s.node, carol(), t1, set(1));
    assert_eq!(
        &r.output[..],
        &NotIssuer { account: carol() }.abi_encode()[..]
    );
    // Version 1's functions still answer through the new extension.
    assert_eq!(observe(&mut s, t1), before.0);
}

#[test]
fn bare_programs_and_bad_calls_revert_with_their_custom_errors() {
    let mut s = stack();
    let (token, _) = create(&mut s, "SOF1");
    let init = initialize_call("SOF1", B256::repeat_byte(9)).abi_encode();
    let expect = |r: &devnode::Receipt, err: Vec<u8>, what: &str| {
        assert!(!r.status, "{what} must revert");
        assert_eq!(&r.output[..], &err[..], "{what}");
    };

    // Initialise twice, through the proxy.
    let r = send(&mut s.node, alice(), token, init.clone());
    expect(&r, AlreadyInitialized {}.abi_encode(), "second initialize");

    // The bare implementation and the bare extension refuse to be used.
    let r = send(&mut s.node, alice(), s.implementation, init.clone());
    expect(
        &r,
        AlreadyInitialized {}.abi_encode(),
        "initialize on the bare implementation",
    );
    let r = send(&mut s.node, alice(), s.admin, init.clone());
    expect(
        &r,
        AlreadyInitialized {}.abi_encode(),
        "initialize on the bare extension",
    );
    let issue_call = IERC1410::issueByPartitionCall {
        partition: common(),
        tokenHolder: carol(),
        value: U256::from(1),
        data: Bytes::new(),
    }
    .abi_encode();
    let r = send(&mut s.node, alice(), s.implementation, issue_call.clone());
    expect(
        &r,
        NotInitialized {}.abi_encode(),
        "issue on the bare implementation",
    );
    let pause = ISecurityTokenAdmin::pauseCall {}.abi_encode();
    let r = send(&mut s.node, alice(), s.implementation, pause.clone());
    expect(
        &r,
        NotInitialized {}.abi_encode(),
        "pause on the bare implementation",
    );
    let r = send(&mut s.node, alice(), s.admin, issue_call);
    expect(
        &r,
        UnknownFunction {
            selector: IERC1410::issueByPartitionCall::SELECTOR.into(),
        }
        .abi_encode(),
        "a hot-path selector on the extension",
    );

    // Role checks answer through the proxy and the delegation chain unchanged.
    let r = send(&mut s.node, carol(), token, pause);
    expect(
        &r,
        NotIssuer { account: carol() }.abi_encode(),
        "pause by a holder",
    );
    let r = send(&mut s.node, alice(), token, vec![0xde, 0xad, 0xbe, 0xef]);
    expect(
        &r,
        UnknownFunction {
            selector: [0xde, 0xad, 0xbe, 0xef].into(),
        }
        .abi_encode(),
        "unknown selector through the proxy",
    );
    let transfer = IERC20Face::transferCall {
        to: carol(),
        value: U256::ZERO,
    }
    .abi_encode();
    let r = s
        .node
        .transact(Tx::call(alice(), token, transfer).value(U256::from(1)))
        .unwrap();
    expect(&r, NotPayable {}.abi_encode(), "ether sent to transfer");

    // A token from a non-deployer.
    let call = ITokenFactory::createTokenCall {
        initCalldata: init.into(),
        issueId: B256::repeat_byte(9),
        salt: B256::repeat_byte(9),
    };
    let r = send(&mut s.node, carol(), s.factory, call.abi_encode());
    expect(
        &r,
        AccessControlUnauthorizedAccount {
            account: carol(),
            neededRole: DEPLOYER_ROLE,
        }
        .abi_encode(),
        "createToken by a non-deployer",
    );

    // An implementation whose extension has no code is refused at deployment.
    let mut init_data = keccak256("stylus_constructor()")[..4].to_vec();
    init_data.extend((vec![carol()],).abi_encode_params());
    let deploy = IStylusDeployer::deployCall {
        bytecode: program("security-token").init_code.to_vec().into(),
        initData: init_data.into(),
        initValue: U256::ZERO,
        salt: B256::ZERO,
    };
    let r = s
        .node
        .transact(Tx::call(alice(), STYLUS_DEPLOYER, deploy.abi_encode()).value(one_eth()))
        .unwrap();
    assert!(!r.status, "an extension without code must be refused");
    let refusal = InvalidExtension { account: carol() }.abi_encode();
    assert!(
        r.output.windows(refusal.len()).any(|w| w == &refusal[..]),
        "the deployer's revert carries InvalidExtension(carol): {:?}",
        r.output
    );
}

/// Gas of the token's main operations, printed for programs outside and
/// inside the ArbWasmCache (on Arbitrum One, programs enter the cache by
/// the CacheManager's auction; uncached calls pay Nitro's init gas for
/// every program in the call chain: proxy, beacon, implementation,
/// extension).
#[test]
fn gas_figures() {
    for cached in [false, true] {
        let config = NodeConfig {
            cache_all_programs: cached,
            ..NodeConfig::default()
        };
        println!(
            "-- programs {}",
            if cached { "cached" } else { "not cached" }
        );
        gas_figures_on(stack_on(config));
    }
}

fn gas_figures_on(mut s: Stack) {
    let (token, create_gas) = create(&mut s, "SOF1");
    let (_, second_create_gas) = create(&mut s, "SOF2");
    let frank = DEV_ACCOUNTS[5].0;
    let first_register = register(&mut s, token, carol(), 1);
    register(&mut s, token, dave(), 1);
    register(&mut s, token, erin(), 1);
    register(&mut s, token, frank, 2);
    let batch: Vec<Address> = (0..10u8).map(|i| Address::repeat_byte(0x70 + i)).collect();
    let batch_register = ok(
        &mut s.node,
        issuer(),
        token,
        ISecurityTokenCompliance::registerHoldersCall {
            holders: batch,
            category: 1,
        }
        .abi_encode(),
    )
    .gas_used;
    let first_issue = issue(&mut s, token, common(), carol(), 1_000);
    let second_issue = issue(&mut s, token, common(), dave(), 1_000);
    let first_transfer = transfer(&mut s, token, carol(), erin(), 10);
    let repeat_transfer = transfer(&mut s, token, carol(), erin(), 10);
    transfer(&mut s, token, carol(), frank, 10);
    let cross_category = transfer(&mut s, token, carol(), frank, 10);
    let pledge = ISecurityTokenCompliance::pledgeCall {
        holder: carol(),
        partition: common(),
        amount: U256::from(100),
        pledgee: dave(),
        refCode: name_of("loan"),
    };
    let pledge_gas = ok(&mut s.node, controller(), token, pledge.abi_encode()).gas_used;
    let freeze = ISecurityTokenCompliance::freezePartialCall {
        holder: carol(),
        partition: common(),
        amount: U256::from(100),
    };
    let freeze_gas = ok(&mut s.node, controller(), token, freeze.abi_encode()).gas_used;
    let encumbered_transfer = transfer(&mut s, token, carol(), erin(), 10);
    let view = IERC20Face::balanceOfCall { account: carol() }.abi_encode();
    let direct = ok(&mut s.node, alice(), s.implementation, view.clone()).gas_used;
    let proxied = ok(&mut s.node, alice(), token, view).gas_used;
    let admin_view = ISecurityTokenAdmin::getDefaultPartitionsCall {}.abi_encode();
    let admin_direct = ok(&mut s.node, alice(), s.admin, admin_view.clone()).gas_used;
    let admin_proxied = ok(&mut s.node, alice(), token, admin_view).gas_used;
    let document = IERC1643::setDocumentCall {
        name: name_of("prospectus"),
        uri: "https://issuer.example/prospectus.pdf".into(),
        documentHash: keccak256("v1"),
    };
    let set_document = ok(&mut s.node, issuer(), token, document.abi_encode()).gas_used;
    let (_, _, upgrade_gas) = upgrade(&mut s);
    let after_upgrade = transfer(&mut s, token, carol(), erin(), 10);

    println!("gas: createToken (first, incl. initialize)          {create_gas}");
    println!("gas: createToken (second)                           {second_create_gas}");
    println!("gas: registerHolder (KYC, first registration)       {first_register}");
    println!("gas: registerHolders (10 new holders, one call)     {batch_register}");
    println!("gas: issueByPartition (new holder, new partition)   {first_issue}");
    println!("gas: issueByPartition (new holder)                  {second_issue}");
    println!("gas: transferByPartition (new receiver)             {first_transfer}");
    println!("gas: transferByPartition (existing receiver)        {repeat_transfer}");
    println!("gas: transferByPartition (existing, other category) {cross_category}");
    println!("gas: pledge                                         {pledge_gas}");
    println!("gas: freezePartial                                  {freeze_gas}");
    println!("gas: transferByPartition (sender pledged + frozen)  {encumbered_transfer}");
    println!("gas: balanceOf direct on the implementation         {direct}");
    println!("gas: balanceOf through the proxy                    {proxied}");
    println!(
        "gas: proxy overhead per hot-path call               {}",
        proxied.saturating_sub(direct)
    );
    println!("gas: getDefaultPartitions direct on the extension   {admin_direct}");
    println!("gas: getDefaultPartitions through proxy + delegation {admin_proxied}");
    println!(
        "gas: overhead per administration call               {}",
        admin_proxied.saturating_sub(admin_direct)
    );
    println!("gas: setDocument through proxy + delegation         {set_document}");
    println!("gas: beacon upgradeTo                               {upgrade_gas}");
    println!("gas: transferByPartition after the upgrade          {after_upgrade}");
    for name in [
        "security-token",
        "security-token-admin",
        "security-token-compliance",
    ] {
        let p = program(name);
        println!(
            "size: {name:<26} wasm {:>6} B  compressed {:>6} B",
            p.wasm.len(),
            p.code.len()
        );
    }
    assert!(proxied > direct, "the proxy cannot be free");
    assert!(
        admin_proxied > proxied,
        "delegation costs more than the hot path"
    );
}
