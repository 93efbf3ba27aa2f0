//! Throughput of the in-process chain: transactions per second for a Stylus
//! call and an EVM call, and the time to activate a program. Prints figures;
//! not a timed test. Run with `cargo bench -p devnode`.

use alloy_primitives::{hex, Address, U256};
use alloy_sol_types::{sol, SolCall};
use devnode::genesis::DEV_ACCOUNTS;
use devnode::precompiles::ARB_WASM;
use devnode::{DevNode, NodeConfig, Tx};
use std::time::Instant;

sol! {
    function increment() external returns (uint256);
    function activateProgram(address program) external payable returns (uint16, uint256);
}

/// `SSTORE(0, SLOAD(0) + 1)`: the EVM twin of the counter's `increment`.
const EVM_INCREMENT: &[u8] = &hex!("60005460010160005500");

fn deploy(node: &mut DevNode, init: Vec<u8>) -> Address {
    let r = node
        .transact(Tx::deploy(DEV_ACCOUNTS[0].0, init))
        .expect("deploy tx");
    assert!(r.status, "{r:?}");
    r.contract_address.expect("address")
}

fn rate(node: &mut DevNode, to: Address, data: Vec<u8>, n: u32) -> (f64, u64) {
    let from = DEV_ACCOUNTS[0].0;
    let mut gas = 0;
    let start = Instant::now();
    for _ in 0..n {
        let r = node.transact(Tx::call(from, to, data.clone())).expect("tx");
        assert!(r.status, "{r:?}");
        gas = r.gas_used;
    }
    (f64::from(n) / start.elapsed().as_secs_f64(), gas)
}

fn main() {
    let program = sto_artifacts::get("devnode-test-counter").expect("counter artifact");
    let mut node = DevNode::new(NodeConfig::default());
    let from = DEV_ACCOUNTS[0].0;

    // Same code hash means one activation per chain: time a fresh node per sample.
    let mut activation = Vec::new();
    for _ in 0..5 {
        let mut fresh = DevNode::new(NodeConfig::default());
        let a = deploy(&mut fresh, program.init_code.to_vec());
        let data = activateProgramCall { program: a }.abi_encode();
        let start = Instant::now();
        let r = fresh
            .transact(Tx::call(from, ARB_WASM, data).value(U256::from(10).pow(U256::from(18))))
            .expect("activate");
        activation.push(start.elapsed());
        assert!(r.status, "{r:?}");
    }
    activation.sort();
    let counter = deploy(&mut node, program.init_code.to_vec());
    let r = node
        .transact(
            Tx::call(
                from,
                ARB_WASM,
                activateProgramCall { program: counter }.abi_encode(),
            )
            .value(U256::from(10).pow(U256::from(18))),
        )
        .expect("activate");
    assert!(r.status, "{r:?}");

    let mut evm_init = vec![
        0x60,
        EVM_INCREMENT.len() as u8,
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
    evm_init.extend_from_slice(EVM_INCREMENT);
    let evm = deploy(&mut node, evm_init);

    let n = 2_000;
    let (stylus_tps, stylus_gas) = rate(&mut node, counter, incrementCall {}.abi_encode(), n);
    let (evm_tps, evm_gas) = rate(&mut node, evm, Vec::new(), n);
    println!(
        "program: devnode-test-counter, {} bytes deployed",
        program.code.len()
    );
    println!(
        "activation (decompress + validate + record), median of 5: {:?}",
        activation[2]
    );
    println!("stylus increment(): {stylus_tps:.0} tx/s ({stylus_gas} gas each, warm)");
    println!("evm    increment  : {evm_tps:.0} tx/s ({evm_gas} gas each, warm)");
}
