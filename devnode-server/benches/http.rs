//! End-to-end throughput over HTTP JSON-RPC, as a client sees it: start-up
//! time to the first answered request, then transactions per second for
//! plain ETH transfers and for a Stylus call (the counter's `increment`),
//! each pre-signed and sent with `eth_sendRawTransaction` (automine: each
//! is mined before the answer), then a receipt check. Prints figures;
//! asserts nothing about speed.
//!
//! `cargo bench -p devnode-server --bench http [-- N]` (default N = 500).

use std::time::Instant;

use alloy::consensus::{SignableTransaction, TxEip1559, TxEnvelope};
use alloy::eips::Encodable2718;
use alloy::network::TxSignerSync;
use alloy::primitives::{address, Address, Bytes, TxKind, U256};
use alloy::providers::{Provider, ProviderBuilder};
use alloy::rpc::types::TransactionRequest;
use alloy::signers::local::PrivateKeySigner;
use alloy::sol;
use alloy::sol_types::SolCall;
use devnode_server::{start, NodeOptions};

sol! {
    interface ICounter {
        function increment() external returns (uint256);
        function number() external view returns (uint256);
    }
    interface IArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    }
}

const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");

/// A signed EIP-1559 transaction, encoded for `eth_sendRawTransaction`.
fn signed(
    signer: &PrivateKeySigner,
    nonce: u64,
    to: TxKind,
    value: U256,
    input: Vec<u8>,
    gas: u64,
) -> Bytes {
    let mut tx = TxEip1559 {
        chain_id: 412_346,
        nonce,
        gas_limit: gas,
        max_fee_per_gas: 1_000_000_000,
        max_priority_fee_per_gas: 0,
        to,
        value,
        input: input.into(),
        access_list: Default::default(),
    };
    let sig = signer.sign_transaction_sync(&mut tx).expect("sign");
    TxEnvelope::from(tx.into_signed(sig)).encoded_2718().into()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let n: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(500);
    let started = Instant::now();
    let node = start(NodeOptions::ephemeral()).await.expect("node starts");
    let provider = ProviderBuilder::new().connect_http(node.url.parse().unwrap());
    provider.get_chain_id().await.expect("first answer");
    println!(
        "start-up to first answered request: {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );

    let signer = node.accounts[0].signer.clone();
    let program = sto_artifacts::get("devnode-test-counter").expect("counter built");
    let raw = signed(
        &signer,
        0,
        TxKind::Create,
        U256::ZERO,
        program.init_code.to_vec(),
        10_000_000,
    );
    let hash = *provider.send_raw_transaction(&raw).await.unwrap().tx_hash();
    let receipt = provider
        .get_transaction_receipt(hash)
        .await
        .unwrap()
        .unwrap();
    let counter = receipt.contract_address.expect("counter deployed");
    let activate = IArbWasm::activateProgramCall { program: counter }.abi_encode();
    let fee = U256::from(10u64).pow(U256::from(17u64));
    let raw = signed(
        &signer,
        1,
        TxKind::Call(ARB_WASM),
        fee,
        activate,
        10_000_000,
    );
    let _activation = provider.send_raw_transaction(&raw).await.unwrap();
    let mut nonce = 2;

    let cases = [
        (
            "plain ETH transfer",
            TxKind::Call(Address::repeat_byte(0x42)),
            U256::from(1),
            vec![],
            21_000u64,
        ),
        (
            "Stylus call (counter.increment)",
            TxKind::Call(counter),
            U256::ZERO,
            ICounter::incrementCall {}.abi_encode(),
            500_000,
        ),
    ];
    for (label, to, value, input, gas) in cases {
        let txs: Vec<Bytes> = (0..n)
            .map(|i| signed(&signer, nonce + i, to, value, input.clone(), gas))
            .collect();
        let t = Instant::now();
        let mut last = None;
        for raw in &txs {
            last = Some(
                *provider
                    .send_raw_transaction(raw)
                    .await
                    .expect("accepted")
                    .tx_hash(),
            );
        }
        let elapsed = t.elapsed();
        nonce += n;
        let receipt = provider
            .get_transaction_receipt(last.unwrap())
            .await
            .unwrap()
            .unwrap();
        assert!(receipt.status(), "{label}: the last transaction failed");
        println!(
            "{label:<34} {n} txs in {:>7.1} ms: {:>7.0} tx/s over HTTP",
            elapsed.as_secs_f64() * 1e3,
            n as f64 / elapsed.as_secs_f64()
        );
    }
    let read = TransactionRequest::default()
        .to(counter)
        .input(ICounter::numberCall {}.abi_encode().into());
    let number =
        ICounter::numberCall::abi_decode_returns(&provider.call(read).await.unwrap()).unwrap();
    assert_eq!(number, U256::from(n), "every Stylus call was mined");
    node.stop().await;
}
