//! Shared helpers of the dev-chain tests in `tests/`: deploying programs
//! the way a release does (CREATE + ArbWasm activation, or the
//! StylusDeployer with a constructor), sending transactions and reading
//! views on an in-process [`DevNode`].

use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::{sol, SolCall, SolValue};
use beacon_abi::{factory::ITokenFactory, DEPLOYER_ROLE};
use devnode::genesis::DEV_ACCOUNTS;
use devnode::precompiles::ARB_WASM;
use devnode::system::deployer::{IStylusDeployer, STYLUS_DEPLOYER};
use devnode::{DevNode, Receipt, Tx};

sol! {
    interface IArbWasmActivate {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    }
}

/// Dev account 0: deployer, beacon owner, factory admin.
pub fn alice() -> Address {
    DEV_ACCOUNTS[0].0
}

/// Dev account 1.
pub fn bob() -> Address {
    DEV_ACCOUNTS[1].0
}

/// Dev account 2.
pub fn carol() -> Address {
    DEV_ACCOUNTS[2].0
}

/// 1 ether in wei: the activation budget sent along (refunded in part).
pub fn one_eth() -> U256 {
    U256::from(10).pow(U256::from(18))
}

/// The embedded artifact of a workspace program.
pub fn program(name: &str) -> &'static sto_artifacts::Program {
    sto_artifacts::get(name).unwrap_or_else(|| panic!("artifact {name} missing"))
}

/// Sends a transaction; panics only if the chain refuses to run it.
pub fn send(node: &mut DevNode, from: Address, to: Address, data: Vec<u8>) -> Receipt {
    node.transact(Tx::call(from, to, data)).expect("valid tx")
}

/// Sends a transaction that must succeed.
pub fn ok(node: &mut DevNode, from: Address, to: Address, data: Vec<u8>) -> Receipt {
    let r = send(node, from, to, data);
    assert!(r.status, "tx failed: {r:?}");
    r
}

/// A read-only call that must succeed.
pub fn read<C: SolCall>(node: &mut DevNode, to: Address, call: C) -> C::Return {
    let r = node
        .call(Tx::call(alice(), to, call.abi_encode()))
        .expect("valid call");
    assert!(r.status, "call failed: {r:?}");
    C::abi_decode_returns(&r.output).expect("decodable return")
}

/// Deploys a program's init code with a plain CREATE and activates it.
pub fn deploy_activated(node: &mut DevNode, name: &str) -> Address {
    let r = node
        .transact(Tx::deploy(alice(), program(name).init_code.to_vec()))
        .expect("valid tx");
    assert!(r.status, "deploy {name}: {r:?}");
    let address = r.contract_address.expect("created");
    let activate = IArbWasmActivate::activateProgramCall { program: address }.abi_encode();
    let r = node
        .transact(Tx::call(alice(), ARB_WASM, activate).value(one_eth()))
        .expect("valid tx");
    assert!(r.status, "activate {name}: {r:?}");
    address
}

/// Deploys a program with its constructor through the StylusDeployer.
pub fn deploy_constructed(node: &mut DevNode, name: &str, args: Vec<u8>) -> (Address, u64) {
    let mut init_data = keccak256("stylus_constructor()")[..4].to_vec();
    init_data.extend_from_slice(&args);
    let data = IStylusDeployer::deployCall {
        bytecode: program(name).init_code.to_vec().into(),
        initData: init_data.into(),
        initValue: U256::ZERO,
        salt: B256::ZERO,
    }
    .abi_encode();
    let r = node
        .transact(Tx::call(alice(), STYLUS_DEPLOYER, data).value(one_eth()))
        .expect("valid tx");
    assert!(r.status, "deploy {name}: {r:?}");
    let address = IStylusDeployer::deployCall::abi_decode_returns(&r.output).unwrap();
    (address, r.gas_used)
}

/// The proxy side of a release: the beacon-proxy template, a beacon owned
/// by alice pointing at `implementation`, and a factory administered by
/// alice, who also gets the deployer role. Returns (template, beacon,
/// factory).
pub fn deploy_beacon_and_factory(
    node: &mut DevNode,
    implementation: Address,
) -> (Address, Address, Address) {
    let template = deploy_activated(node, "beacon-proxy");
    let (beacon, _) = deploy_constructed(
        node,
        "upgradeable-beacon",
        (implementation, alice()).abi_encode_params(),
    );
    let (factory, _) = deploy_constructed(
        node,
        "token-factory",
        (beacon, template, alice()).abi_encode_params(),
    );
    let grant = ITokenFactory::grantRoleCall {
        role: DEPLOYER_ROLE,
        account: alice(),
    }
    .abi_encode();
    ok(node, alice(), factory, grant);
    (template, beacon, factory)
}

/// Creates a token through `factory` as alice (a deployer): the proxy and
/// its `initialize` (`init_calldata`) in one transaction, the issue id as
/// the CREATE2 salt. Returns the token and the receipt.
pub fn create_token(
    node: &mut DevNode,
    factory: Address,
    init_calldata: Vec<u8>,
    issue_id: B256,
) -> (Address, Receipt) {
    let create = ITokenFactory::createTokenCall {
        initCalldata: init_calldata.into(),
        issueId: issue_id,
        salt: issue_id,
    };
    let r = ok(node, alice(), factory, create.abi_encode());
    let token =
        ITokenFactory::createTokenCall::abi_decode_returns(&r.output).expect("token address");
    (token, r)
}

/// `text` as a left-aligned bytes32 (partition, document and reference
/// names).
pub fn name_of(text: &str) -> B256 {
    let mut word = [0u8; 32];
    word[..text.len()].copy_from_slice(text.as_bytes());
    B256::new(word)
}

/// The security token's three programs, all through the StylusDeployer so
/// their constructors run: the admin and compliance extensions, then an
/// implementation naming them. Returns (admin, compliance, implementation).
pub fn deploy_token_programs(node: &mut DevNode) -> (Address, Address, Address) {
    let (admin, _) = deploy_constructed(node, "security-token-admin", vec![]);
    let (compliance, _) = deploy_constructed(node, "security-token-compliance", vec![]);
    let (implementation, _) = deploy_constructed(
        node,
        "security-token",
        (vec![admin, compliance],).abi_encode_params(),
    );
    (admin, compliance, implementation)
}
