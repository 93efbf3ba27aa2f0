//! Shared helpers for the dev-chain tests: deploying the test programs
//! built by the artifact pipeline, activation, and hand-written EVM code.
#![allow(dead_code)]

use alloy_primitives::{hex, Address, Bytes, U256};
use alloy_sol_types::{sol, SolCall};
use devnode::genesis::DEV_ACCOUNTS;
use devnode::precompiles::ARB_WASM;
use devnode::{DevNode, NodeConfig, Receipt, Tx};

sol! {
    interface ICounter {
        function number() external view returns (uint256);
        function creator() external view returns (address);
        function increment() external returns (uint256);
        function setNumber(uint256 n) external;
        function fail(uint256 code) external;
        function reentrant() external view returns (bool);
        function callOther(address target, bytes data) external returns (bytes);
        function staticCallOther(address target, bytes data) external view returns (bytes);
        function incrementAndCall(address target, bytes data) external returns (bytes);
        function incrementAndTry(address target, bytes data) external returns (bool);
        function relay(address[] path) external returns (uint256);
        function deployChild(bytes initCode, bytes32 salt, uint256 value) external returns (address);
        function spin() external returns (uint256);
        function trap() external returns (uint256);
        function grow(uint256 kib) external returns (uint256);
        function deposit() external payable returns (uint256);
        event Incremented(address indexed by, uint256 value);
        error Boom(uint256 code);
    }
    interface IArbWasmT {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    }
}

/// The first dev account.
pub fn alice() -> Address {
    DEV_ACCOUNTS[0].0
}

/// The second dev account.
pub fn bob() -> Address {
    DEV_ACCOUNTS[1].0
}

/// A node with default settings.
pub fn node() -> DevNode {
    DevNode::new(NodeConfig::default())
}

/// Init code of a test program from the artifact pipeline.
pub fn init_code(name: &str) -> &'static [u8] {
    sto_artifacts::get(name)
        .unwrap_or_else(|| panic!("artifact {name} missing"))
        .init_code
}

/// Deploys `init` from alice; panics on failure.
pub fn deploy(node: &mut DevNode, init: &[u8]) -> Address {
    let r = node
        .transact(Tx::deploy(alice(), init.to_vec()))
        .expect("valid tx");
    assert!(r.status, "deploy failed: {r:?}");
    r.contract_address.expect("created")
}

/// Activates `program` paying 1 ETH (excess refunded); returns the receipt.
pub fn activate(node: &mut DevNode, program: Address) -> Receipt {
    let data = IArbWasmT::activateProgramCall { program }.abi_encode();
    node.transact(Tx::call(alice(), ARB_WASM, data).value(U256::from(10).pow(U256::from(18))))
        .expect("valid tx")
}

/// Deploys and activates a test program.
pub fn deploy_program(node: &mut DevNode, name: &str) -> Address {
    let a = deploy(node, init_code(name));
    let r = activate(node, a);
    assert!(r.status, "activation failed: {r:?}");
    a
}

/// Sends `data` to `to` from alice and returns the receipt.
pub fn send(node: &mut DevNode, to: Address, data: impl Into<Bytes>) -> Receipt {
    node.transact(Tx::call(alice(), to, data))
        .expect("valid tx")
}

/// Reads `counter.number()`.
pub fn number(node: &mut DevNode, counter: Address) -> U256 {
    let r = node
        .call(Tx::call(
            alice(),
            counter,
            ICounter::numberCall {}.abi_encode(),
        ))
        .expect("valid");
    assert!(r.status, "{r:?}");
    ICounter::numberCall::abi_decode_returns(&r.output).expect("uint256")
}

/// EVM init code returning `runtime` (runtime shorter than 256 bytes).
pub fn evm_init(runtime: &[u8]) -> Vec<u8> {
    let mut v = vec![
        0x60,
        runtime.len() as u8,
        0x80,
        0x60,
        0x0b,
        0x60,
        0x00,
        0x39,
        0x60,
        0x00,
        0xf3,
    ];
    v.extend_from_slice(runtime);
    v
}

/// Returns the word 42.
pub const EVM_RETURN_42: &[u8] = &hex!("602a60005260206000f3");
/// Reverts with the two bytes 0xdead.
pub const EVM_REVERT_DEAD: &[u8] = &hex!("61dead6000526002601efd");
/// `SSTORE(calldata[0..32], calldata[32..64])`.
pub const EVM_STORE: &[u8] = &hex!("6020356000355500");
/// Calls `calldata[0..32]` (an address word) with `calldata[32..]`, returns or reverts with its output.
pub const EVM_FORWARD: &[u8] =
    &hex!("36602090038060206000376000600082600060006000355af13d600060003e6026573d6000fd5b3d6000f3");

/// Like [`EVM_FORWARD`] but with DELEGATECALL (a minimal proxy).
pub const EVM_DELEGATE_FORWARD: &[u8] =
    &hex!("3660209003806020600037600060008260006000355af43d600060003e6024573d6000fd5b3d6000f3");

/// Deploys hand-written EVM runtime code.
pub fn deploy_evm(node: &mut DevNode, runtime: &[u8]) -> Address {
    deploy(node, &evm_init(runtime))
}

/// Calldata for [`EVM_FORWARD`].
pub fn forward(to: Address, data: &[u8]) -> Vec<u8> {
    let mut v = [0u8; 12].to_vec();
    v.extend_from_slice(to.as_slice());
    v.extend_from_slice(data);
    v
}
