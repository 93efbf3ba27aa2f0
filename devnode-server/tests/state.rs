//! `--state FILE`: a node's accounts survive a restart: balances, nonces,
//! an activated Stylus program (callable again without re-activation, with
//! its storage), and a refused file leaves the node unstarted with a
//! message naming the problem.

use alloy::network::{EthereumWallet, TransactionBuilder};
use alloy::primitives::{address, Address, Bytes, U256};
use alloy::providers::{Provider, ProviderBuilder};
use alloy::rpc::types::TransactionRequest;
use alloy::sol;
use alloy::sol_types::SolCall;
use devnode_server::{start, NodeOptions};

sol! {
    interface ICounter {
        function number() external view returns (uint256);
        function increment() external returns (uint256);
    }
    interface IArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    }
}

const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");

async fn send(p: &impl Provider, tx: TransactionRequest) -> alloy::rpc::types::TransactionReceipt {
    let hash = *p.send_transaction(tx).await.unwrap().tx_hash();
    let r = p.get_transaction_receipt(hash).await.unwrap().unwrap();
    assert!(r.status(), "{r:?}");
    r
}

#[tokio::test(flavor = "multi_thread")]
async fn accounts_and_an_activated_program_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chain.json");
    let opts = NodeOptions {
        state: Some(file.clone()),
        ..NodeOptions::ephemeral()
    };
    let node = start(opts.clone()).await.unwrap();
    let me = node.accounts[0].address;
    let them = Address::repeat_byte(0x42);
    let p = ProviderBuilder::new()
        .wallet(EthereumWallet::new(node.accounts[0].signer.clone()))
        .connect_http(node.url.parse().unwrap());
    let code = sto_artifacts::get("devnode-test-counter").unwrap();
    let r = send(
        &p,
        TransactionRequest::default()
            .with_from(me)
            .with_deploy_code(Bytes::from_static(code.init_code)),
    )
    .await;
    let program = r.contract_address.unwrap();
    send(
        &p,
        TransactionRequest::default()
            .with_from(me)
            .with_to(ARB_WASM)
            .with_value(U256::from(10u64).pow(U256::from(17u64)))
            .with_input(IArbWasm::activateProgramCall { program }.abi_encode()),
    )
    .await;
    for _ in 0..3 {
        send(
            &p,
            TransactionRequest::default()
                .with_from(me)
                .with_to(program)
                .with_input(ICounter::incrementCall {}.abi_encode()),
        )
        .await;
    }
    send(
        &p,
        TransactionRequest::default()
            .with_from(me)
            .with_to(them)
            .with_value(U256::from(1234)),
    )
    .await;
    let balance = p.get_balance(me).await.unwrap();
    let nonce = p.get_transaction_count(me).await.unwrap();
    assert_eq!(node.save_state().await.unwrap(), Some(file.clone()));
    node.stop().await;
    assert!(!dir.path().read_dir().unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains("tmp")));

    let node = start(opts).await.unwrap();
    let p = ProviderBuilder::new()
        .wallet(EthereumWallet::new(node.accounts[0].signer.clone()))
        .connect_http(node.url.parse().unwrap());
    assert_eq!(p.get_balance(me).await.unwrap(), balance);
    assert_eq!(p.get_balance(them).await.unwrap(), U256::from(1234));
    assert_eq!(p.get_transaction_count(me).await.unwrap(), nonce);
    assert_eq!(&p.get_code_at(program).await.unwrap()[..], code.code);
    let number = TransactionRequest::default()
        .with_to(program)
        .with_input(ICounter::numberCall {}.abi_encode());
    let out = p
        .call(number.clone())
        .await
        .expect("the program is still activated");
    assert_eq!(
        ICounter::numberCall::abi_decode_returns(&out).unwrap(),
        U256::from(3)
    );
    send(
        &p,
        TransactionRequest::default()
            .with_from(me)
            .with_to(program)
            .with_input(ICounter::incrementCall {}.abi_encode()),
    )
    .await;
    let out = p.call(number).await.unwrap();
    assert_eq!(
        ICounter::numberCall::abi_decode_returns(&out).unwrap(),
        U256::from(4)
    );
    node.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_state_file_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chain.json");
    std::fs::write(&file, "{\"format\": 1, \"chain_id\": 412346, \"acc").unwrap();
    let opts = NodeOptions {
        state: Some(file.clone()),
        ..NodeOptions::ephemeral()
    };
    let e = start(opts.clone()).await.err().expect("refused");
    assert!(e.to_string().contains("not a devnode state file"), "{e}");
    std::fs::write(&file, "{\"format\": 1, \"chain_id\": 5, \"accounts\": {}}").unwrap();
    let e = start(opts).await.err().expect("refused");
    assert!(e.to_string().contains("saved from chain 5"), "{e}");
}
