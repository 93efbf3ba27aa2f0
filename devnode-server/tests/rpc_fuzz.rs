//! Property test of the RPC layer: random method names (known and unknown)
//! with random JSON parameters, and random bytes as request bodies, always
//! get a JSON-RPC answer (a result or an error object), and the node keeps
//! answering afterwards.

use std::io::{Read, Write};
use std::net::TcpStream;

use devnode_server::{start_blocking, NodeOptions, RunningNode};
use proptest::prelude::*;
use serde_json::{json, Value};

const METHODS: &[&str] = &[
    "eth_chainId",
    "eth_blockNumber",
    "eth_getBalance",
    "eth_getCode",
    "eth_getStorageAt",
    "eth_call",
    "eth_estimateGas",
    "eth_sendRawTransaction",
    "eth_sendTransaction",
    "eth_getTransactionByHash",
    "eth_getTransactionReceipt",
    "eth_getBlockByNumber",
    "eth_getBlockByHash",
    "eth_getLogs",
    "eth_newFilter",
    "eth_getFilterChanges",
    "eth_uninstallFilter",
    "eth_feeHistory",
    "evm_snapshot",
    "evm_revert",
    "evm_mine",
    "evm_increaseTime",
    "anvil_setBalance",
    "anvil_setCode",
    "anvil_setStorageAt",
    "anvil_mine",
    "eth_getTransactionCount",
    "no_such_method",
];

fn post(node: &RunningNode, body: &[u8]) -> String {
    let mut s = TcpStream::connect(node.addr).unwrap();
    write!(
        s,
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    let _ = s.write_all(body);
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

fn json_body(raw: &str) -> Option<Value> {
    let body = raw.split_once("\r\n\r\n")?.1;
    let start = body.find(['{', '['])?;
    let end = body.rfind(['}', ']'])?;
    serde_json::from_str(&body[start..=end]).ok()
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "0x[0-9a-f]{0,70}".prop_map(Value::from),
        "[a-z]{0,12}".prop_map(Value::from),
        Just(json!("latest")),
        Just(json!(
            "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        )),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("to".to_string()),
                    Just("from".to_string()),
                    Just("data".to_string()),
                    Just("gas".to_string()),
                    Just("value".to_string()),
                    Just("fromBlock".to_string()),
                    "[a-z]{1,6}"
                ],
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_calls_get_an_answer_and_the_node_stays_up(
        method in prop::sample::select(METHODS),
        params in prop::collection::vec(arb_json(), 0..4),
        junk in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        NODE.with(|n| {
            let body = json!({"jsonrpc": "2.0", "id": 7, "method": method, "params": params});
            let reply = json_body(&post(n, body.to_string().as_bytes()))
                .expect("a JSON answer");
            prop_assert_eq!(&reply["id"], &json!(7));
            prop_assert!(reply.get("result").is_some() ^ reply.get("error").is_some(), "{}", reply);
            // Garbage bodies get a parse error object (or an HTTP error), never a hang.
            let raw = post(n, &junk);
            prop_assert!(raw.starts_with("HTTP/1.1"), "no HTTP answer to junk: {:?}", raw);
            let alive = json_body(&post(n, br#"{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}"#))
                .expect("still answering");
            prop_assert_eq!(&alive["result"], &json!("0x64aba"));
            Ok(())
        })?;
    }
}

thread_local! {
    static NODE: RunningNode = start_blocking(NodeOptions::ephemeral()).unwrap();
}
