//! A real Ethereum client (alloy's HTTP provider with a local wallet)
//! deploys a Stylus program through signed raw transactions, activates it
//! through ArbWasm, calls it, reads receipts and filters its logs.

use alloy::network::{EthereumWallet, TransactionBuilder};
use alloy::primitives::{address, keccak256, Address, Bytes, U256};
use alloy::providers::{Provider, ProviderBuilder};
use alloy::rpc::types::{Filter, TransactionRequest};
use alloy::sol;
use alloy::sol_types::{SolCall, SolEvent};
use devnode_server::{start, NodeOptions};

sol! {
    interface ICounter {
        function number() external view returns (uint256);
        function increment() external returns (uint256);
        event Incremented(address indexed by, uint256 value);
    }
    interface IArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    }
    interface IStylusDeployer {
        function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt) external payable returns (address);
        event ContractDeployed(address deployedContract);
    }
}

const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
const DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");
/// Selector of ArbWasm's `ProgramNotActivated()`.
const PROGRAM_NOT_ACTIVATED: [u8; 4] = [0x6f, 0x80, 0x9c, 0x4e];

fn counter() -> &'static sto_artifacts::Program {
    sto_artifacts::get("devnode-test-counter").expect("counter program built")
}

#[tokio::test(flavor = "multi_thread")]
async fn alloy_deploys_activates_calls_and_filters_a_stylus_program() {
    let node = start(NodeOptions::ephemeral()).await.unwrap();
    let me = node.accounts[0].address;
    let provider = ProviderBuilder::new()
        .wallet(EthereumWallet::new(node.accounts[0].signer.clone()))
        .connect_http(node.url.parse().unwrap());
    assert_eq!(provider.get_chain_id().await.unwrap(), 412_346);

    // Deploy by CREATE with the program's init code.
    let tx = TransactionRequest::default()
        .with_from(me)
        .with_deploy_code(Bytes::from_static(counter().init_code));
    let hash = *provider.send_transaction(tx).await.unwrap().tx_hash();
    let receipt = provider
        .get_transaction_receipt(hash)
        .await
        .unwrap()
        .unwrap();
    assert!(receipt.status());
    let program = receipt.contract_address.unwrap();
    let code = provider.get_code_at(program).await.unwrap();
    assert_eq!(&code[..], counter().code);

    // Not activated yet: calls revert with ArbWasm's error.
    let call = TransactionRequest::default()
        .with_to(program)
        .with_input(ICounter::numberCall {}.abi_encode());
    let err = provider.call(call.clone()).await.unwrap_err();
    let data = err
        .as_error_resp()
        .and_then(|e| e.as_revert_data())
        .unwrap();
    assert_eq!(&data[..4], &PROGRAM_NOT_ACTIVATED);

    // Activate, paying from the value sent (the rest is refunded).
    let activate = TransactionRequest::default()
        .with_from(me)
        .with_to(ARB_WASM)
        .with_value(U256::from(10u64).pow(U256::from(17u64)))
        .with_input(IArbWasm::activateProgramCall { program }.abi_encode());
    let hash = *provider.send_transaction(activate).await.unwrap().tx_hash();
    let receipt = provider
        .get_transaction_receipt(hash)
        .await
        .unwrap()
        .unwrap();
    assert!(receipt.status(), "{receipt:?}");

    // Call and transact.
    let out = provider.call(call.clone()).await.unwrap();
    assert_eq!(
        ICounter::numberCall::abi_decode_returns(&out).unwrap(),
        U256::ZERO
    );
    for _ in 0..2 {
        let inc = TransactionRequest::default()
            .with_from(me)
            .with_to(program)
            .with_input(ICounter::incrementCall {}.abi_encode());
        let hash = *provider.send_transaction(inc).await.unwrap().tx_hash();
        let receipt = provider
            .get_transaction_receipt(hash)
            .await
            .unwrap()
            .unwrap();
        assert!(receipt.status());
        let log = &receipt.inner.logs()[0];
        assert_eq!(log.address(), program);
        let ev = ICounter::Incremented::decode_log_data(log.data()).unwrap();
        assert_eq!(ev.by, me);
    }
    let out = provider.call(call).await.unwrap();
    assert_eq!(
        ICounter::numberCall::abi_decode_returns(&out).unwrap(),
        U256::from(2)
    );

    let logs = provider
        .get_logs(
            &Filter::new()
                .address(program)
                .event_signature(ICounter::Incremented::SIGNATURE_HASH)
                .from_block(0),
        )
        .await
        .unwrap();
    assert_eq!(logs.len(), 2);
    let values: Vec<U256> = logs
        .iter()
        .map(|l| {
            ICounter::Incremented::decode_log_data(l.data())
                .unwrap()
                .value
        })
        .collect();
    assert_eq!(values, vec![U256::from(1), U256::from(2)]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_stylus_deployer_deploys_activates_and_constructs_in_one_transaction() {
    let node = start(NodeOptions::ephemeral()).await.unwrap();
    let me = node.accounts[1].address;
    let provider = ProviderBuilder::new()
        .wallet(EthereumWallet::new(node.accounts[1].signer.clone()))
        .connect_http(node.url.parse().unwrap());
    let mut init = keccak256("stylus_constructor()")[..4].to_vec();
    init.extend_from_slice(&U256::from(41).to_be_bytes::<32>());
    let deploy = TransactionRequest::default()
        .with_from(me)
        .with_to(DEPLOYER)
        .with_value(U256::from(10u64).pow(U256::from(17u64)))
        .with_input(
            IStylusDeployer::deployCall {
                bytecode: counter().init_code.to_vec().into(),
                initData: init.into(),
                initValue: U256::ZERO,
                salt: Default::default(),
            }
            .abi_encode(),
        );
    let hash = *provider.send_transaction(deploy).await.unwrap().tx_hash();
    let receipt = provider
        .get_transaction_receipt(hash)
        .await
        .unwrap()
        .unwrap();
    assert!(receipt.status(), "{receipt:?}");
    let program = receipt
        .inner
        .logs()
        .iter()
        .find_map(|l| IStylusDeployer::ContractDeployed::decode_log_data(l.data()).ok())
        .unwrap()
        .deployedContract;
    let out = provider
        .call(
            TransactionRequest::default()
                .with_to(program)
                .with_input(ICounter::numberCall {}.abi_encode()),
        )
        .await
        .unwrap();
    assert_eq!(
        ICounter::numberCall::abi_decode_returns(&out).unwrap(),
        U256::from(41)
    );
}
