//! The JSON-RPC server as a client sees it: raw HTTP requests against a node
//! started in-process on a free loopback port, with signed transactions.

use std::io::{Read, Write};
use std::net::TcpStream;

use alloy::consensus::{SignableTransaction, TxEip1559, TxEnvelope, TxLegacy};
use alloy::eips::eip2718::Encodable2718;
use alloy::primitives::{Address, Bytes, TxKind, U256};
use alloy::signers::local::PrivateKeySigner;
use alloy::signers::SignerSync;
use devnode_server::{start_blocking, NodeOptions, RunningNode};
use serde_json::{json, Value};

/// Runtime: with empty calldata, reverts with 0xdead; otherwise emits
/// LOG1(topic = word 0, data = word 0) and returns word 0.
const EMITTER_RUNTIME: &str = concat!(
    "36600f57",                   // CALLDATASIZE PUSH1 0x0f JUMPI
    "61dead6000526002601efd",     // revert(30, 2) with 0xdead
    "5b6000358060005260206000a1", // JUMPDEST; w = calldata[0]; mem[0] = w; LOG1
    "60206000f3",                 // return mem[0..32]
);
/// Init code returning [`EMITTER_RUNTIME`].
const EMITTER_INIT_PREFIX: &str = "602180600b6000396000f3";

fn emitter_init() -> Bytes {
    let hex = format!("{EMITTER_INIT_PREFIX}{EMITTER_RUNTIME}");
    hex.parse().unwrap()
}

fn post(node: &RunningNode, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(node.addr).unwrap();
    write!(
        s,
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        node.addr,
        body.len(),
    )
    .unwrap();
    // The server may answer (413) and close before an oversized body is
    // written in full; that is the behaviour under test, not a failure.
    let _ = s.write_all(body.as_bytes());
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    let status = out[9..12].parse().unwrap();
    let body = out.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
    // Chunked responses: keep the JSON part.
    let body = match (body.find(['{', '[']), body.rfind(['}', ']'])) {
        (Some(a), Some(b)) => body[a..=b].to_string(),
        _ => body.to_string(),
    };
    (status, body)
}

fn rpc(node: &RunningNode, method: &str, params: Value) -> Value {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
    let (_, text) = post(node, &body.to_string());
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn ok(node: &RunningNode, method: &str, params: Value) -> Value {
    let v = rpc(node, method, params);
    assert!(v.get("error").is_none(), "{method} failed: {v}");
    v["result"].clone()
}

fn err(node: &RunningNode, method: &str, params: Value) -> (i64, String, Value) {
    let v = rpc(node, method, params);
    let e = v
        .get("error")
        .unwrap_or_else(|| panic!("{method} succeeded: {v}"));
    (
        e["code"].as_i64().unwrap(),
        e["message"].as_str().unwrap().to_string(),
        e.get("data").cloned().unwrap_or(Value::Null),
    )
}

fn signer(node: &RunningNode, i: usize) -> PrivateKeySigner {
    node.accounts[i].signer.clone()
}

fn sign_legacy(s: &PrivateKeySigner, tx: TxLegacy) -> String {
    let sig = s.sign_hash_sync(&tx.signature_hash()).unwrap();
    let env = TxEnvelope::from(tx.into_signed(sig));
    format!("0x{}", hex::encode(env.encoded_2718()))
}

fn sign_1559(s: &PrivateKeySigner, tx: TxEip1559) -> String {
    let sig = s.sign_hash_sync(&tx.signature_hash()).unwrap();
    let env = TxEnvelope::from(tx.into_signed(sig));
    format!("0x{}", hex::encode(env.encoded_2718()))
}

fn u(v: &Value) -> u128 {
    u128::from_str_radix(v.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

fn node() -> RunningNode {
    start_blocking(NodeOptions::ephemeral()).unwrap()
}

fn deploy_emitter(n: &RunningNode, from: usize, nonce: u64) -> Address {
    let raw = sign_1559(
        &signer(n, from),
        TxEip1559 {
            chain_id: 412_346,
            nonce,
            gas_limit: 200_000,
            max_fee_per_gas: 1_000_000_000,
            max_priority_fee_per_gas: 0,
            to: TxKind::Create,
            value: U256::ZERO,
            access_list: Default::default(),
            input: emitter_init(),
        },
    );
    let hash = ok(n, "eth_sendRawTransaction", json!([raw]));
    let receipt = ok(n, "eth_getTransactionReceipt", json!([hash]));
    assert_eq!(receipt["status"], "0x1", "{receipt}");
    receipt["contractAddress"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn identity_methods_answer_like_an_arbitrum_dev_node() {
    let n = node();
    assert_eq!(ok(&n, "eth_chainId", json!([])), "0x64aba");
    assert_eq!(ok(&n, "net_version", json!([])), "412346");
    assert_eq!(ok(&n, "eth_blockNumber", json!([])), "0x0");
    assert_eq!(ok(&n, "eth_syncing", json!([])), false);
    let accounts = ok(&n, "eth_accounts", json!([]));
    assert_eq!(accounts.as_array().unwrap().len(), 11);
    assert_eq!(
        accounts[0].as_str().unwrap().to_lowercase(),
        "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"
    );
    let bal = ok(&n, "eth_getBalance", json!([accounts[0], "latest"]));
    assert_eq!(u(&bal), 10_000 * 10u128.pow(18));
    assert!(ok(&n, "web3_clientVersion", json!([]))
        .as_str()
        .unwrap()
        .starts_with("sto-devnode/"));
}

#[test]
fn a_signed_legacy_transfer_is_mined_charged_and_receipted() {
    let n = node();
    let alice = n.accounts[0].address;
    let bob = Address::repeat_byte(0xbb);
    let price = 1_000_000_000u128;
    let raw = sign_legacy(
        &signer(&n, 0),
        TxLegacy {
            chain_id: Some(412_346),
            nonce: 0,
            gas_price: price,
            gas_limit: 21_000,
            to: TxKind::Call(bob),
            value: U256::from(12_345),
            input: Bytes::new(),
        },
    );
    let hash = ok(&n, "eth_sendRawTransaction", json!([raw]));
    assert_eq!(ok(&n, "eth_blockNumber", json!([])), "0x1");
    let r = ok(&n, "eth_getTransactionReceipt", json!([hash]));
    assert_eq!(r["status"], "0x1");
    assert_eq!(u(&r["gasUsed"]), 21_000);
    assert_eq!(u(&r["cumulativeGasUsed"]), 21_000);
    assert_eq!(r["blockNumber"], "0x1");
    assert_eq!(r["transactionIndex"], "0x0");
    assert_eq!(u(&r["effectiveGasPrice"]), price);
    assert_eq!(u(&ok(&n, "eth_getBalance", json!([bob]))), 12_345);
    let after = u(&ok(&n, "eth_getBalance", json!([alice])));
    assert_eq!(after, 10_000 * 10u128.pow(18) - 12_345 - 21_000 * price);
    assert_eq!(
        ok(&n, "eth_getTransactionCount", json!([alice, "latest"])),
        "0x1"
    );

    let tx = ok(&n, "eth_getTransactionByHash", json!([hash]));
    assert_eq!(tx["hash"], hash);
    assert_eq!(
        tx["from"].as_str().unwrap().to_lowercase(),
        format!("{alice:?}").to_lowercase()
    );
    assert_eq!(tx["blockNumber"], "0x1");

    let block = ok(&n, "eth_getBlockByNumber", json!(["0x1", false]));
    assert_eq!(block["transactions"], json!([hash]));
    assert_eq!(u(&block["gasUsed"]), 21_000);
    let parent = ok(&n, "eth_getBlockByNumber", json!(["0x0", false]));
    assert_eq!(block["parentHash"], parent["hash"]);
    let by_hash = ok(&n, "eth_getBlockByHash", json!([block["hash"], true]));
    assert_eq!(by_hash["transactions"][0]["hash"], hash);
    assert_eq!(by_hash["number"], "0x1");
}

#[test]
fn nonce_funds_chain_id_and_gas_errors_are_refused_without_a_block() {
    let n = node();
    let s = signer(&n, 1);
    let tx = |nonce, gas_limit, value: u128, chain| TxLegacy {
        chain_id: Some(chain),
        nonce,
        gas_price: 1_000_000_000,
        gas_limit,
        to: TxKind::Call(Address::repeat_byte(1)),
        value: U256::from(value),
        input: Bytes::new(),
    };
    let (code, msg, _) = err(
        &n,
        "eth_sendRawTransaction",
        json!([sign_legacy(&s, tx(5, 21_000, 1, 412_346))]),
    );
    assert_eq!(code, -32000);
    assert!(msg.starts_with("nonce too high"), "{msg}");
    let (_, msg, _) = err(
        &n,
        "eth_sendRawTransaction",
        json!([sign_legacy(&s, tx(0, 21_000, 1, 1))]),
    );
    assert!(msg.contains("invalid chain id"), "{msg}");
    let (_, msg, _) = err(
        &n,
        "eth_sendRawTransaction",
        json!([sign_legacy(&s, tx(0, 20_000, 1, 412_346))]),
    );
    assert!(msg.contains("intrinsic gas too low"), "{msg}");
    let (_, msg, _) = err(
        &n,
        "eth_sendRawTransaction",
        json!([sign_legacy(
            &s,
            tx(0, 21_000, 20_000 * 10u128.pow(18), 412_346)
        )]),
    );
    assert!(msg.contains("insufficient funds"), "{msg}");
    assert_eq!(ok(&n, "eth_blockNumber", json!([])), "0x0");
    ok(
        &n,
        "eth_sendRawTransaction",
        json!([sign_legacy(&s, tx(0, 21_000, 1, 412_346))]),
    );
    let (_, msg, _) = err(
        &n,
        "eth_sendRawTransaction",
        json!([sign_legacy(&s, tx(0, 21_000, 2, 412_346))]),
    );
    assert!(msg.starts_with("nonce too low"), "{msg}");
    let (code, msg, _) = err(&n, "eth_sendRawTransaction", json!(["0x1234"]));
    assert_eq!(code, -32602);
    assert!(msg.contains("cannot decode transaction"), "{msg}");
}

#[test]
fn calls_return_data_and_reverts_carry_their_data_as_geth_does() {
    let n = node();
    let c = deploy_emitter(&n, 2, 0);
    let word = format!("0x{}", "11".repeat(32));
    let out = ok(&n, "eth_call", json!([{"to": c, "data": word}, "latest"]));
    assert_eq!(out, word);
    let (code, msg, data) = err(&n, "eth_call", json!([{"to": c}, "latest"]));
    assert_eq!(code, 3);
    assert_eq!(msg, "execution reverted");
    assert_eq!(data, "0xdead");
    let (code, _, data) = err(&n, "eth_estimateGas", json!([{"to": c}]));
    assert_eq!((code, data), (3, json!("0xdead")));
    let gas = u(&ok(&n, "eth_estimateGas", json!([{"to": c, "data": word}])));
    assert!(gas > 21_000 && gas < 60_000, "{gas}");
    // A call from an account with no balance works: no fee checks in calls.
    let poor = Address::repeat_byte(0x77);
    ok(
        &n,
        "eth_call",
        json!([{"from": poor, "to": c, "data": word, "gas": "0x100000"}]),
    );
    // State overrides: a balance and code set only for this call.
    let other = Address::repeat_byte(0x42);
    let code_of_c = ok(&n, "eth_getCode", json!([c, "latest"]));
    let out = ok(
        &n,
        "eth_call",
        json!([{"to": other, "data": word}, "latest", {other.to_string(): {"code": code_of_c}}]),
    );
    assert_eq!(out, word);
    assert_eq!(ok(&n, "eth_getCode", json!([other, "latest"])), "0x");
}

#[test]
fn logs_are_filtered_by_address_topic_and_range_and_polled_by_filters() {
    let n = node();
    let c = deploy_emitter(&n, 3, 0);
    let filter = ok(&n, "eth_newFilter", json!([{"address": c}]));
    let block_filter = ok(&n, "eth_newBlockFilter", json!([]));
    let s = signer(&n, 3);
    let mut topics = vec![];
    for i in 1..=3u64 {
        let word = format!("{:064x}", i);
        topics.push(format!("0x{word}"));
        let raw = sign_1559(
            &s,
            TxEip1559 {
                chain_id: 412_346,
                nonce: i,
                gas_limit: 100_000,
                max_fee_per_gas: 1_000_000_000,
                max_priority_fee_per_gas: 0,
                to: TxKind::Call(c),
                value: U256::ZERO,
                access_list: Default::default(),
                input: format!("0x{word}").parse().unwrap(),
            },
        );
        ok(&n, "eth_sendRawTransaction", json!([raw]));
    }
    let all = ok(
        &n,
        "eth_getLogs",
        json!([{"address": c, "fromBlock": "0x0", "toBlock": "latest"}]),
    );
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all[1]["topics"], json!([topics[1]]));
    assert_eq!(all[1]["data"], topics[1]);
    assert_eq!(all[1]["blockNumber"], "0x3");
    let one = ok(
        &n,
        "eth_getLogs",
        json!([{"fromBlock": "0x0", "topics": [topics[2]]}]),
    );
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0]["blockNumber"], "0x4");
    let none = ok(
        &n,
        "eth_getLogs",
        json!([{"address": Address::repeat_byte(9), "fromBlock": "0x0"}]),
    );
    assert_eq!(none, json!([]));
    let changes = ok(&n, "eth_getFilterChanges", json!([filter]));
    assert_eq!(changes.as_array().unwrap().len(), 3);
    assert_eq!(ok(&n, "eth_getFilterChanges", json!([filter])), json!([]));
    let blocks = ok(&n, "eth_getFilterChanges", json!([block_filter]));
    assert_eq!(blocks.as_array().unwrap().len(), 3);
    assert_eq!(ok(&n, "eth_uninstallFilter", json!([filter])), true);
    let (code, msg, _) = err(&n, "eth_getFilterChanges", json!([filter]));
    assert_eq!(code, -32602);
    assert!(msg.contains("filter not found"), "{msg}");
    let receipt_logs = ok(
        &n,
        "eth_getTransactionReceipt",
        json!([all[2]["transactionHash"]]),
    )["logs"]
        .clone();
    assert_eq!(receipt_logs[0]["logIndex"], "0x0");
}

#[test]
fn snapshots_revert_blocks_state_and_transactions() {
    let n = node();
    let snap = ok(&n, "evm_snapshot", json!([]));
    let c = deploy_emitter(&n, 4, 0);
    assert_eq!(ok(&n, "eth_blockNumber", json!([])), "0x1");
    assert_ne!(ok(&n, "eth_getCode", json!([c, "latest"])), "0x");
    assert_eq!(ok(&n, "evm_revert", json!([snap])), true);
    assert_eq!(ok(&n, "eth_blockNumber", json!([])), "0x0");
    assert_eq!(ok(&n, "eth_getCode", json!([c, "latest"])), "0x");
    assert_eq!(ok(&n, "evm_revert", json!([snap])), false);
    // The same transaction can be sent again after the revert.
    assert_eq!(deploy_emitter(&n, 4, 0), c);
    ok(&n, "evm_mine", json!([]));
    assert_eq!(ok(&n, "eth_blockNumber", json!([])), "0x2");
    ok(
        &n,
        "anvil_setBalance",
        json!([Address::repeat_byte(5), "0x64"]),
    );
    assert_eq!(
        u(&ok(&n, "eth_getBalance", json!([Address::repeat_byte(5)]))),
        100
    );
    // History: the balance of the deployer at block 0 is still readable.
    let a = n.accounts[4].address;
    assert_eq!(
        u(&ok(&n, "eth_getBalance", json!([a, "0x0"]))),
        10_000 * 10u128.pow(18)
    );
}

#[test]
fn send_transaction_signs_for_unlocked_accounts_only() {
    let n = node();
    let from = n.accounts[5].address;
    let hash = ok(
        &n,
        "eth_sendTransaction",
        json!([{"from": from, "to": Address::repeat_byte(3), "value": "0x10"}]),
    );
    let r = ok(&n, "eth_getTransactionReceipt", json!([hash]));
    assert_eq!(r["status"], "0x1");
    assert_eq!(
        u(&ok(&n, "eth_getBalance", json!([Address::repeat_byte(3)]))),
        16
    );
    let (code, msg, _) = err(
        &n,
        "eth_sendTransaction",
        json!([{"from": Address::repeat_byte(9), "to": Address::repeat_byte(3)}]),
    );
    assert_eq!(code, -32000);
    assert!(msg.contains("unknown account"), "{msg}");
}

#[test]
fn malformed_requests_get_error_objects_and_the_server_stays_up() {
    let n = node();
    let (_, body) = post(&n, "{not json");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["error"]["code"], -32700);
    let v = rpc(&n, "eth_noSuchMethod", json!([]));
    assert_eq!(v["error"]["code"], -32601);
    let v = rpc(&n, "eth_getBalance", json!(["not an address"]));
    assert_eq!(v["error"]["code"], -32602);
    let v = rpc(&n, "eth_getBlockByNumber", json!([]));
    assert_eq!(v["error"]["code"], -32602);
    let (_, body) = post(
        &n,
        r#"[{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]},{"jsonrpc":"2.0","id":2,"method":"eth_blockNumber","params":[]}]"#,
    );
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    let big = format!(
        r#"{{"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{{"data":"0x{}"}}]}}"#,
        "00".repeat(11 * 1024 * 1024)
    );
    let (status, _) = post(&n, &big);
    assert_eq!(status, 413);
    assert_eq!(ok(&n, "eth_chainId", json!([])), "0x64aba");
    // Unknown blocks are null, as in geth.
    assert_eq!(
        ok(&n, "eth_getBlockByNumber", json!(["0x99", false])),
        Value::Null
    );
    assert_eq!(
        ok(
            &n,
            "eth_getTransactionReceipt",
            json!([format!("0x{}", "00".repeat(32))])
        ),
        Value::Null
    );
}

#[test]
fn a_zero_block_time_is_refused_with_a_message() {
    let opts = NodeOptions {
        block_time: Some(std::time::Duration::ZERO),
        ..NodeOptions::ephemeral()
    };
    let e = start_blocking(opts).err().expect("refused");
    assert!(
        e.to_string()
            .contains("block time must be at least one second"),
        "{e}"
    );
}
