//! The `sto` binary run as a user runs it, against a dev chain started
//! in-process by the test: every subcommand's success path and its main
//! failure path. What the CLI reports is checked against the chain itself
//! (raw `eth_call`s over HTTP, not the CLI's own client) and against the
//! deployment records it writes.

use std::io::{Read, Write};
use std::process::{Command, Output};

use alloy::primitives::{Address, B256, U256};
use alloy::sol_types::SolCall;
use devnode_server::{start_blocking, NodeOptions, RunningNode};
use serde_json::{json, Value};
use sto_abi::{IERC20Face, ISecurityTokenAdmin, IERC1410, IERC1644};

struct Env {
    node: RunningNode,
    dir: tempfile::TempDir,
}

/// One finished `sto` run.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Env {
    fn new() -> Self {
        Self {
            node: start_blocking(NodeOptions::ephemeral()).expect("node starts"),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn addr(&self, i: usize) -> Address {
        self.node.accounts[i].address
    }

    fn key(&self, i: usize) -> String {
        self.node.accounts[i].key.to_string()
    }

    /// Runs `sto LINE` (split as a shell would, with '...' quoting)
    /// against the node as dev account `signer`.
    fn sto(&self, signer: Option<usize>, line: &str) -> Run {
        self.sto_env(signer, line, &[])
    }

    /// [`Env::sto`] with extra environment variables.
    fn sto_env(&self, signer: Option<usize>, line: &str, vars: &[(&str, &str)]) -> Run {
        let args = words(line);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sto"));
        cmd.args(&args)
            .env("STO_RPC_URL", &self.node.url)
            .env("STO_DEPLOYMENTS", self.dir.path())
            .env_remove("STO_PRIVATE_KEY")
            .env_remove("STO_KEYSTORE")
            .env_remove("STO_PASSWORD");
        if let Some(i) = signer {
            cmd.env("STO_PRIVATE_KEY", self.key(i));
        }
        for (k, v) in vars {
            cmd.env(k, v);
        }
        run(cmd)
    }

    /// A run that must succeed; its stdout.
    fn ok(&self, signer: Option<usize>, args: &str) -> String {
        let r = self.sto(signer, args);
        assert_eq!(
            r.code,
            Some(0),
            "sto {args:?} failed\nstdout:\n{}\nstderr:\n{}",
            r.stdout,
            r.stderr
        );
        r.stdout
    }

    /// A run with `--json` that must succeed; its document.
    fn json(&self, signer: Option<usize>, args: &str) -> Value {
        let out = self.ok(signer, &format!("--json {args}"));
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
    }

    /// A run that must fail with exit 1 and a one-line `error:` message
    /// containing `needle`; stdout must be empty or only what succeeded.
    fn fails(&self, signer: Option<usize>, args: &str, needle: &str) {
        let r = self.sto(signer, args);
        assert_eq!(
            r.code,
            Some(1),
            "sto {args:?} must fail: {}{}",
            r.stdout,
            r.stderr
        );
        let line = r
            .stderr
            .lines()
            .filter(|l| !l.starts_with('['))
            .collect::<Vec<_>>();
        assert_eq!(line.len(), 1, "one-line error for {args:?}: {:?}", r.stderr);
        assert!(line[0].starts_with("error: "), "{}", line[0]);
        assert!(
            line[0].contains(needle),
            "error for {args:?} should mention {needle:?}: {}",
            line[0]
        );
    }

    /// `eth_call` over raw HTTP, independent of the CLI.
    fn call<C: SolCall>(&self, to: Address, call: C) -> C::Return {
        let data = format!("0x{}", hex::encode(call.abi_encode()));
        let answer = rpc(
            &self.node.url,
            "eth_call",
            json!([{"to": to.to_string(), "data": data}, "latest"]),
        );
        let out = answer["result"]
            .as_str()
            .unwrap_or_else(|| panic!("eth_call failed: {answer}"));
        C::abi_decode_returns(&hex::decode(&out[2..]).unwrap()).unwrap()
    }

    /// The beacon's current implementation, read from the chain.
    fn implementation(&self) -> Address {
        let beacon = addr_of(&self.records()["contracts"]["upgradeable-beacon"]["address"]);
        self.call(
            beacon,
            beacon_abi::beacon::IUpgradeableBeacon::implementationCall {},
        )
    }

    fn records(&self) -> Value {
        let text = std::fs::read_to_string(self.dir.path().join("412346.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    /// Deploys the stack and one token (SOF1, decimals 2, partitions common
    /// and locked, account 1 controller) and registers accounts 2..=5 as
    /// individuals (KYC); returns the token.
    fn token(&self) -> Address {
        self.ok(Some(0), "deploy stack");
        let doc = self.json(
            Some(0),
            &format!(
                "deploy token --name 'Seoul Office Fund 1' --symbol SOF1 --decimals 2 \
                 --partition common --partition locked --controller {c} --issue-id KR-STO-0001 \
                 --institution {c} --security-kind 투자계약증권",
                c = self.addr(1)
            ),
        );
        let token = doc["token"].as_str().unwrap().parse().unwrap();
        self.register("SOF1", &[2, 3, 4, 5], "individual");
        token
    }

    /// `sto kyc register` of dev accounts `who` on `token` with `category`.
    fn register(&self, token: &str, who: &[usize], category: &str) {
        let holders: String = who
            .iter()
            .map(|i| format!(" --holder {}", self.addr(*i)))
            .collect();
        let out = self.ok(
            Some(0),
            &format!("kyc register --token {token}{holders} --category {category}"),
        );
        assert!(out.contains("event HolderRegistered"), "{out}");
    }
}

/// Splits a command line on spaces; '...' groups words.
fn words(line: &str) -> Vec<String> {
    let mut out = vec![];
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn run(mut cmd: Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("sto runs");
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// A JSON-RPC request over a plain HTTP/1.1 connection.
fn rpc(url: &str, method: &str, params: Value) -> Value {
    let host = url.trim_start_matches("http://");
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
    let mut s = std::net::TcpStream::connect(host).unwrap();
    write!(
        s,
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let json_start = response.find("\r\n\r\n").unwrap() + 4;
    serde_json::from_str(&response[json_start..]).unwrap()
}

fn addr_of(v: &Value) -> Address {
    v.as_str()
        .unwrap_or_else(|| panic!("not an address: {v}"))
        .parse()
        .unwrap()
}

fn units(v: u64) -> U256 {
    U256::from(v)
}

fn partition(name: &str) -> B256 {
    let mut b = [0u8; 32];
    b[..name.len()].copy_from_slice(name.as_bytes());
    B256::from(b)
}

#[test]
fn deploy_stack_is_recorded_and_idempotent() {
    let env = Env::new();
    let out = env.ok(Some(0), "deploy stack");
    for name in [
        "security-token-admin",
        "security-token-compliance",
        "security-token",
        "beacon-proxy",
        "upgradeable-beacon",
        "token-factory",
    ] {
        assert!(
            out.contains(&format!("deploy {name}: tx 0x")),
            "{name}: {out}"
        );
    }
    assert!(out.contains("event Upgraded"), "decoded events: {out}");
    let records = env.records();
    assert_eq!(records["chain_id"], 412346);
    let contracts = records["contracts"].as_object().unwrap();
    assert_eq!(contracts.len(), 6);
    for (name, c) in contracts {
        let program = sto_artifacts::get(name).unwrap();
        assert_eq!(
            c["code_hash"].as_str().unwrap(),
            alloy::primitives::keccak256(program.code).to_string(),
            "{name}"
        );
        assert_eq!(c["compressed_size"], program.code.len(), "{name}");
    }
    assert_eq!(
        contracts["security-token"]["layout"],
        "security-token/1.1.0"
    );
    let implementation: Address = addr_of(&contracts["security-token"]["address"]);
    assert_eq!(env.implementation(), implementation);
    // Re-running sends nothing and changes nothing.
    let before = std::fs::read(env.dir.path().join("412346.json")).unwrap();
    let again = env.ok(Some(0), "deploy stack");
    assert_eq!(again.matches("reused at").count(), 6, "{again}");
    assert!(
        !again.contains(": tx 0x"),
        "no transaction on a re-run: {again}"
    );
    assert_eq!(
        std::fs::read(env.dir.path().join("412346.json")).unwrap(),
        before
    );
    // Without a key nothing is sent.
    env.fails(None, "deploy stack", "--private-key");
}

#[test]
fn the_token_lifecycle_works_command_by_command() {
    let env = Env::new();
    let token = env.token();
    let (issuer, controller, alice, bob, operator) = (0, 1, env.addr(2), env.addr(3), env.addr(4));
    let records = env.records();
    assert_eq!(records["tokens"][0]["symbol"], "SOF1");
    assert_eq!(addr_of(&records["tokens"][0]["address"]), token);

    // Issue 1000.5 into common and 300 into locked.
    let out = env.ok(
        Some(issuer),
        &format!(
            "issue --token SOF1 --to {} --amount 1000.5 --partition common",
            alice
        ),
    );
    assert!(out.contains("issueByPartition: tx 0x"), "{out}");
    assert!(out.contains("event IssuedByPartition"), "{out}");
    env.ok(
        Some(issuer),
        &format!(
            "issue --token {} --to {} --amount 300 --partition locked",
            token, alice
        ),
    );
    assert_eq!(
        env.call(
            token,
            IERC1410::balanceOfByPartitionCall {
                partition: partition("common"),
                tokenHolder: alice
            }
        ),
        units(100_050)
    );

    // Alice transfers 12.25 by default partitions, then 10 by partition.
    env.ok(
        Some(2),
        &format!("transfer --token SOF1 --to {} --amount 12.25", bob),
    );
    env.ok(
        Some(2),
        &format!(
            "transfer --token SOF1 --to {} --amount 10 --partition common",
            bob
        ),
    );
    assert_eq!(
        env.call(token, IERC20Face::balanceOfCall { account: bob }),
        units(2_225)
    );

    // An operator authorised by alice moves 5 of hers.
    env.ok(
        Some(2),
        &format!("operator authorize --token SOF1 --operator {}", operator),
    );
    env.ok(
        Some(4),
        &format!(
            "transfer --token SOF1 --from {} --to {} --amount 5 --partition common",
            alice, bob
        ),
    );
    env.ok(
        Some(2),
        &format!("operator revoke --token SOF1 --operator {}", operator),
    );
    env.fails(
        Some(4),
        &format!(
            "transfer --token SOF1 --from {} --to {} --amount 5 --partition common",
            alice, bob
        ),
        "NotOperator",
    );

    // The controller's forced transfer and redemption, with the legal ground.
    let out = env.ok(
        Some(controller),
        &format!("controller-transfer --token SOF1 --from {} --to {} --amount 2.25 --reason 'court order 2026-GA-1234'", bob, alice),
    );
    assert!(out.contains("event ControllerTransfer {"), "{out}");
    assert!(
        out.contains(&format!("0x{}", hex::encode("court order 2026-GA-1234"))),
        "{out}"
    );
    env.ok(
        Some(controller),
        &format!(
            "controller-redeem --token SOF1 --holder {} --amount 1 --reason seizure",
            bob
        ),
    );
    assert_eq!(
        env.call(token, IERC20Face::balanceOfCall { account: bob }),
        units(2_225 + 500 - 225 - 100)
    );
    env.fails(
        Some(3),
        &format!(
            "controller-transfer --token SOF1 --from {} --to {} --amount 1 --reason none",
            alice, bob
        ),
        "NotController",
    );

    // Holders redeem their own.
    env.ok(Some(3), "redeem --token SOF1 --amount 4 --partition common");
    assert_eq!(
        env.call(token, IERC20Face::balanceOfCall { account: bob }),
        units(2_000)
    );

    // Documents.
    let doc = env.json(
        Some(issuer),
        &format!(
            "doc set --token SOF1 --name prospectus --uri https://issuer.example/p.pdf --hash 0x{}",
            "ab".repeat(32)
        ),
    );
    assert_eq!(
        doc["transactions"][0]["events"][0]["name"],
        "DocumentUpdated"
    );
    let got = env.json(None, "doc get --token SOF1 --name prospectus");
    assert_eq!(got["uri"], "https://issuer.example/p.pdf");
    assert_eq!(got["documentHash"], format!("0x{}", "ab".repeat(32)));
    let ls = env.json(None, "doc ls --token SOF1");
    assert_eq!(ls["documents"].as_array().unwrap().len(), 1);
    env.ok(Some(issuer), "doc rm --token SOF1 --name prospectus");
    env.fails(
        None,
        "doc get --token SOF1 --name prospectus",
        "DocumentNotFound",
    );

    // Roles.
    env.ok(
        Some(issuer),
        &format!(
            "role grant --token SOF1 --role distribution-operator --account {}",
            operator
        ),
    );
    let roles = env.json(None, "role ls --token SOF1");
    let listed: Vec<(String, String)> = roles["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["role"].as_str().unwrap().to_string(),
                r["account"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        vec![
            ("issuer".into(), env.addr(0).to_string()),
            ("controller".into(), env.addr(1).to_string()),
            ("distribution-operator".into(), operator.to_string()),
        ]
    );
    assert_eq!(
        env.call(
            token,
            ISecurityTokenAdmin::operatorSideCall { account: operator }
        ),
        2
    );
    env.fails(
        Some(issuer),
        &format!(
            "role revoke --token SOF1 --role issuance-operator --account {}",
            operator
        ),
        "not a issuance-side operator",
    );
    env.ok(
        Some(issuer),
        &format!(
            "role revoke --token SOF1 --role distribution-operator --account {}",
            operator
        ),
    );
    assert_eq!(
        env.call(
            token,
            ISecurityTokenAdmin::operatorSideCall { account: operator }
        ),
        0
    );
    env.fails(
        Some(3),
        &format!(
            "role grant --token SOF1 --role controller --account {}",
            bob
        ),
        "NotIssuer",
    );

    // Pause stops holders, not the controller.
    env.ok(Some(issuer), "pause --token SOF1");
    env.fails(
        Some(2),
        &format!("transfer --token SOF1 --to {} --amount 1", bob),
        "TransfersPaused",
    );
    let can = env.json(
        Some(2),
        &format!("can-transfer --token SOF1 --to {} --amount 1", bob),
    );
    assert_eq!(can["status"], "0x54");
    assert_eq!(can["reason"], "TransfersPaused");
    env.ok(
        Some(controller),
        &format!(
            "controller-transfer --token SOF1 --from {} --to {} --amount 1 --reason 'court order'",
            alice, bob
        ),
    );
    env.ok(Some(issuer), "unpause --token SOF1");
    assert!(!env.call(token, ISecurityTokenAdmin::pausedCall {}));

    // can-transfer answers as the real call would.
    let can = env.json(
        None,
        &format!(
            "can-transfer --token SOF1 --from {} --to {} --amount 1 --partition common",
            alice, bob
        ),
    );
    assert_eq!(can["status"], "0x51");
    assert_eq!(can["meaning"], "transfer success");
    assert_eq!(can["destinationPartition"], partition("common").to_string());
    let human = env.ok(
        None,
        &format!(
            "can-transfer --token SOF1 --from {} --to {} --amount 999999",
            alice, bob
        ),
    );
    assert!(
        human.contains("status 0x52 (insufficient balance)"),
        "{human}"
    );
    assert!(human.contains("reason InsufficientBalance"), "{human}");

    // info and balance report the chain's state.
    let alice_total = env.call(token, IERC20Face::balanceOfCall { account: alice });
    let balance = env.json(None, &format!("balance --token SOF1 --holder {}", alice));
    // 1000.5 + 300 - 12.25 - 10 - 5 + 2.25 - 1
    assert_eq!(alice_total, units(127_450));
    assert_eq!(balance["balance"], "1274.5");
    assert_eq!(balance["partitions"]["locked"], "300");
    let info = env.json(None, "info --token SOF1");
    assert_eq!(info["name"], "Seoul Office Fund 1");
    assert_eq!(info["decimals"], 2);
    assert_eq!(info["issueId"], "KR-STO-0001");
    assert_eq!(info["securityKind"], "투자계약증권");
    assert_eq!(info["accountManager"], env.addr(1).to_string());
    assert_eq!(info["defaultPartitions"], json!(["common", "locked"]));
    assert_eq!(info["controllable"], true);
    assert_eq!(info["issuable"], true);
    let supply = env.call(token, IERC20Face::totalSupplyCall {});
    assert_eq!(supply, units(100_050 + 30_000 - 100 - 400));
    assert_eq!(info["totalSupply"], "1295.5");
    assert!(env.call(token, IERC1644::isControllableCall {}));
    let human = env.ok(None, "info --token SOF1");
    assert!(
        human.contains("security kind       투자계약증권"),
        "{human}"
    );
}

#[test]
fn upgrade_checks_the_layout_moves_the_beacon_and_calls_every_token() {
    let env = Env::new();
    let first = env.token();
    env.ok(
        Some(0),
        &format!("deploy token --name Second --symbol SOF2 --partition common --issue-id KR-STO-0002 --institution {} --security-kind 수익증권", env.addr(1)),
    );
    env.register("SOF2", &[2], "corporate");
    env.ok(
        Some(0),
        &format!("issue --token SOF2 --to {} --amount 7", env.addr(2)),
    );
    env.fails(Some(0), "upgrade", "nothing to upgrade");
    let old = addr_of(&env.records()["contracts"]["security-token"]["address"]);
    let doc = env.json(Some(0), "upgrade --redeploy");
    let tokens = doc["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 2);
    assert!(tokens.iter().all(|t| t["answered"] == true), "{doc}");
    assert_eq!(addr_of(&doc["previous"]), old);
    let records = env.records();
    let new_impl: Address = addr_of(&records["contracts"]["security-token"]["address"]);
    assert_eq!(doc["implementation"], new_impl.to_string());
    assert_eq!(addr_of(&records["upgrades"][0]["to"]), new_impl);
    assert_eq!(records["upgrades"][0]["forced"], false);
    assert_eq!(env.implementation(), new_impl);
    let admin: Address = addr_of(&records["contracts"]["security-token-admin"]["address"]);
    let compliance: Address =
        addr_of(&records["contracts"]["security-token-compliance"]["address"]);
    assert_eq!(
        env.call(first, sto_abi::ISecurityTokenProgram::extensionsCall {}),
        vec![admin, compliance]
    );
    // Upgrading is the beacon owner's act.
    env.fails(Some(3), "upgrade --redeploy", "OwnableUnauthorizedAccount");
    assert_eq!(env.implementation(), new_impl);
}

#[test]
fn bad_input_gets_one_line_and_leaves_the_records_as_they_were() {
    let env = Env::new();
    let token = env.token();
    let before = std::fs::read(env.dir.path().join("412346.json")).unwrap();
    let alice = env.addr(2).to_string();
    env.fails(
        Some(3),
        &format!("issue --token SOF1 --to {} --amount 1", alice),
        "NotIssuer",
    );
    env.fails(
        Some(2),
        &format!("transfer --token SOF1 --to {} --amount 1", alice),
        "InsufficientBalance",
    );
    env.fails(
        Some(0),
        &format!(
            "issue --token SOF1 --to {} --amount 1 --partition {}",
            alice,
            "x".repeat(33)
        ),
        "1 to 32 ASCII",
    );
    env.fails(
        Some(0),
        &format!("issue --token SOF1 --to {} --amount 1.234", alice),
        "has 3 decimals, the token has 2",
    );
    env.fails(
        Some(0),
        &format!("issue --token SOF1 --to {} --amount=-1", alice),
        "non-negative",
    );
    env.fails(
        Some(0),
        &format!("issue --token NOPE --to {} --amount 1", alice),
        "no token with symbol",
    );
    env.fails(
        Some(0),
        &format!(
            "issue --token {} --to {} --amount 1",
            Address::repeat_byte(7),
            alice
        ),
        "no contract at",
    );
    // A second token for the same issue id is refused by the factory.
    env.fails(
        Some(0),
        &format!("deploy token --name Dup --symbol DUP --partition common --issue-id KR-STO-0001 --institution {} --security-kind x --salt other", alice),
        "FactoryIssueIdTaken",
    );
    env.fails(
        Some(0),
        &format!(
            "deploy token --name Again --symbol SOF1 --partition common --issue-id KR-STO-0009 --institution {alice} --security-kind x"
        ),
        "already recorded",
    );
    // With --json a failure is also one JSON document on stdout.
    let r = env.sto(
        Some(3),
        &format!("--json issue --token SOF1 --to {alice} --amount 1"),
    );
    assert_eq!(r.code, Some(1));
    let doc: Value = serde_json::from_str(r.stdout.trim()).expect("JSON on stdout");
    assert!(
        doc["error"].as_str().unwrap().contains("NotIssuer"),
        "{doc}"
    );
    assert_eq!(
        std::fs::read(env.dir.path().join("412346.json")).unwrap(),
        before,
        "records untouched"
    );

    // Keys and networks.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sto"));
    cmd.args(["issue", "--token", "SOF1", "--to", &alice, "--amount", "1"])
        .env("STO_RPC_URL", &env.node.url)
        .env("STO_DEPLOYMENTS", env.dir.path())
        .env("STO_PRIVATE_KEY", "0x1234");
    let r = run(cmd);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("not a valid secp256k1 key"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("0x1234"),
        "the key is not echoed: {}",
        r.stderr
    );
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sto"));
    cmd.args([
        "--rpc-url",
        "http://127.0.0.1:1",
        "info",
        "--token",
        &token.to_string(),
    ])
    .env_remove("STO_PRIVATE_KEY");
    let r = run(cmd);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("cannot reach http://127.0.0.1:1"),
        "{}",
        r.stderr
    );
    // clap's own refusals also exit non-zero and name the argument.
    let r = env.sto(Some(0), "issue --token SOF1 --to not-an-address --amount 1");
    assert_ne!(r.code, Some(0));
    assert!(r.stderr.contains("--to"), "{}", r.stderr);
}

#[test]
fn keys_come_from_a_keystore_with_its_password() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let key = env.node.accounts[0].key;
    let mut rng = rand::thread_rng();
    alloy::signers::local::PrivateKeySigner::encrypt_keystore(
        dir.path(),
        &mut rng,
        key,
        "s3cret",
        Some("issuer.json"),
    )
    .unwrap();
    let keystore = dir.path().join("issuer.json");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sto"));
    cmd.args(["deploy", "stack", "--keystore"])
        .arg(&keystore)
        .env("STO_RPC_URL", &env.node.url)
        .env("STO_DEPLOYMENTS", env.dir.path())
        .env("STO_PASSWORD", "s3cret")
        .env_remove("STO_PRIVATE_KEY");
    let r = run(cmd);
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    let beacon: Address = addr_of(&env.records()["contracts"]["upgradeable-beacon"]["address"]);
    assert_eq!(
        env.call(beacon, beacon_abi::beacon::IUpgradeableBeacon::ownerCall {}),
        env.addr(0)
    );
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sto"));
    cmd.args(["deploy", "stack", "--keystore"])
        .arg(&keystore)
        .env("STO_RPC_URL", &env.node.url)
        .env("STO_DEPLOYMENTS", env.dir.path())
        .env("STO_PASSWORD", "wrong")
        .env_remove("STO_PRIVATE_KEY");
    let r = run(cmd);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("cannot decrypt"), "{}", r.stderr);
}

/// Balance of `holder` in `p` of `token`, read from the chain.
fn held(env: &Env, token: Address, p: &str, holder: Address) -> U256 {
    env.call(
        token,
        IERC1410::balanceOfByPartitionCall {
            partition: partition(p),
            tokenHolder: holder,
        },
    )
}

#[test]
fn the_korean_rules_work_command_by_command() {
    use sto_abi::ISecurityTokenCompliance as C;
    let env = Env::new();
    let token = env.token();
    let (issuer, controller) = (0, 1);
    let (alice, bob, erin, custody) = (env.addr(2), env.addr(3), env.addr(6), env.addr(7));
    env.ok(
        Some(issuer),
        &format!("issue --token SOF1 --to {alice} --amount 100 --partition common"),
    );

    // KYC: an unregistered receiver is refused, by the call and by canTransfer.
    env.fails(
        Some(2),
        &format!("transfer --token SOF1 --to {erin} --amount 1 --partition common"),
        "ReceiverNotRegistered",
    );
    let out = env.ok(
        Some(2),
        &format!("can-transfer --token SOF1 --to {erin} --amount 1 --partition common"),
    );
    assert!(
        out.contains("0x57") && out.contains("ReceiverNotRegistered"),
        "{out}"
    );
    assert!(env
        .ok(None, &format!("kyc show --token SOF1 --holder {erin}"))
        .contains("not registered"));
    env.fails(
        Some(3),
        &format!("kyc register --token SOF1 --holder {erin} --category corporate"),
        "NotRegistrar",
    );
    env.register("SOF1", &[6, 7], "corporate");
    let info = env.json(None, &format!("kyc show --token SOF1 --holder {erin}"));
    assert_eq!(
        (info["registered"].clone(), info["category"].clone()),
        (json!(true), json!("corporate"))
    );

    // Trust property, shown by balance.
    env.ok(
        Some(issuer),
        &format!("trust --token SOF1 --holder {alice} --partition common"),
    );
    let balance = env.json(None, &format!("balance --token SOF1 --holder {alice}"));
    assert_eq!(
        balance["holdings"][0]["trust_property"],
        json!(true),
        "{balance}"
    );
    assert_eq!(balance["category"], "individual");

    // Pledge 20 to bob, freeze 30: 50 of 100 can move.
    let out = env.ok(
        Some(controller),
        &format!("pledge create --token SOF1 --holder {alice} --partition common --amount 20 --pledgee {bob} --reference loan-2026-77"),
    );
    assert!(
        out.contains("pledge id 1") && out.contains("event PledgeCreated"),
        "{out}"
    );
    let shown = env.json(None, "pledge show --token SOF1 --id 1");
    assert_eq!(shown["pledges"][0]["status"], "active", "{shown}");
    assert_eq!(shown["pledges"][0]["reference"], "loan-2026-77");
    let listed = env.json(None, &format!("pledge ls --token SOF1 --holder {alice}"));
    assert_eq!(listed["pledges"].as_array().unwrap().len(), 1);
    env.ok(
        Some(controller),
        &format!("freeze partial --token SOF1 --holder {alice} --partition common --amount 30"),
    );
    env.fails(
        Some(2),
        &format!("transfer --token SOF1 --to {bob} --amount 51 --partition common"),
        "LockedBalance",
    );
    env.fails(
        Some(3),
        &format!("freeze partial --token SOF1 --holder {alice} --partition common --amount 1"),
        "NotController",
    );

    // An address freeze stops every move out of it, and is lifted.
    env.ok(
        Some(controller),
        &format!("freeze address --token SOF1 --holder {alice}"),
    );
    env.fails(
        Some(2),
        &format!("transfer --token SOF1 --to {bob} --amount 1 --partition common"),
        "SenderFrozen",
    );
    env.ok(
        Some(controller),
        &format!("unfreeze address --token SOF1 --holder {alice}"),
    );

    // Seizure to the custody account takes frozen value too, never pledged.
    env.fails(
        Some(controller),
        &format!("seize --token SOF1 --holder {alice} --partition common --amount 10 --order 'court 2026-K-1'"),
        "NoCustodyAccount",
    );
    env.ok(
        Some(controller),
        &format!("custody --token SOF1 --account {custody}"),
    );
    env.fails(
        Some(controller),
        &format!("seize --token SOF1 --holder {alice} --partition common --amount 81 --order 'court 2026-K-1'"),
        "LockedBalance",
    );
    let out = env.ok(
        Some(controller),
        &format!("seize --token SOF1 --holder {alice} --partition common --amount 60 --order 'court 2026-K-1'"),
    );
    assert!(
        out.contains("event Seized") && out.contains("event ControllerTransfer"),
        "{out}"
    );
    assert_eq!(held(&env, token, "common", custody), units(6_000));
    assert_eq!(held(&env, token, "common", alice), units(4_000));
    assert_eq!(
        env.call(
            token,
            C::frozenBalanceOfCall {
                partition: partition("common"),
                holder: alice
            }
        ),
        units(2_000),
        "10 of the 60 came out of the freeze"
    );

    // Enforcement moves the pledge to the pledgee; it cannot be released after.
    env.ok(Some(controller), "pledge enforce --token SOF1 --id 1");
    assert_eq!(held(&env, token, "common", bob), units(2_000));
    env.fails(
        Some(3),
        "pledge release --token SOF1 --id 1",
        "PledgeNotActive",
    );
    env.fails(
        Some(3),
        "pledge release --token SOF1 --id 9",
        "UnknownPledge",
    );

    // Ledger, info and reconciliation.
    let ledger = env.json(None, &format!("ledger --token SOF1 --holder {alice}"));
    assert_eq!(ledger["entry"][0]["frozen"], "20", "{ledger}");
    assert_eq!(ledger["entry"][0]["pledged"], "0");
    assert_eq!(ledger["issued"], "100");
    assert_eq!(ledger["frozen"], "20");
    assert_eq!(ledger["holders"], "6");
    let info = env.json(None, "info --token SOF1");
    assert_eq!(
        info["trustProperty"][0]["holder"],
        alice.to_string(),
        "{info}"
    );
    assert_eq!(info["custodyAccount"], custody.to_string());
    let rec = env.json(None, "reconcile --token SOF1");
    assert_eq!(rec["balanced"], true, "{rec}");
    let rows = rec["categories"].as_array().unwrap();
    assert_eq!(
        rows[0],
        json!({"category": "individual", "token": "4000", "scan": "4000"})
    );
    assert_eq!(
        rows[1],
        json!({"category": "corporate", "token": "6000", "scan": "6000"})
    );
    let text = env.ok(None, "reconcile --token SOF1");
    assert!(text.contains("every balance agrees"), "{text}");

    // Bad input: one line, nothing sent.
    env.fails(
        Some(controller),
        &format!("pledge create --token SOF1 --holder {bob} --partition common --amount 1 --pledgee {alice} --reference {}", "x".repeat(33)),
        "does not fit 32 bytes",
    );
    assert!(env.call(token, C::pledgesOfCall { holder: bob }).is_empty());
    let r = env.sto(
        None,
        &format!("kyc register --token SOF1 --holder {bob} --category retail"),
    );
    assert_eq!(r.code, Some(2), "clap refuses the category");
    assert!(
        r.stderr.contains("unknown holder category \"retail\""),
        "{}",
        r.stderr
    );
}

#[test]
fn address_derive_gives_the_documented_test_vectors_without_a_chain() {
    for (institution, account, category, want) in [
        (
            "KSA01",
            "990-00-000001",
            "issuer-own",
            "0xF6B820438D9AE9936b3617862c03DEA67cFD801E",
        ),
        (
            "KSC03",
            "806-97-257739",
            "corporate",
            "0x82fE868468841673CD6E328077bf46033Ae7c117",
        ),
        (
            "KSB02",
            "414-32-684589",
            "individual",
            "0x2290c256A118F2aCa009E688cCe73041C1646981",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_sto"))
            .args([
                "address",
                "derive",
                "--institution",
                institution,
                "--account",
                account,
                "--category",
                category,
            ])
            .env("STO_RPC_URL", "http://127.0.0.1:1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), want);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_sto"))
        .args([
            "address",
            "derive",
            "--institution",
            "",
            "--account",
            "1",
            "--category",
            "individual",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("non-empty --institution"));
}

/// The shared allocation file of the office-fund scenario.
fn allocation_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/allocations-office-fund.csv")
}

/// (holder, partition, units) of every line of the allocation file.
fn allocated() -> Vec<(Address, String, u64)> {
    let text = std::fs::read_to_string(allocation_file()).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let category = sto_abi::derivation::category_from_name(f[2]).unwrap();
            (
                sto_abi::derivation::holder_address(f[0], f[1], category),
                f[3].to_string(),
                f[4].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_bad_allocation_file_is_refused_line_by_line_and_nothing_is_sent() {
    let env = Env::new();
    let token = env.token();
    let header = "institution,account,category,partition,units,trust_property";
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "header",
            "inst,acct\nKSA01,1,individual,common,1,N\n".into(),
            "line 1: the header is",
        ),
        (
            "negative",
            format!("{header}\nKSA01,1,individual,common,-5,N\n"),
            "line 2: units \"-5\" are negative",
        ),
        (
            "category",
            format!("{header}\nKSA01,1,individual,common,1,N\nKSA01,2,retail,common,1,N\n"),
            "line 3: unknown category \"retail\"",
        ),
        (
            "duplicate",
            format!("{header}\nKSA01,1,individual,common,1,N\nKSA01,1,individual,common,2,N\n"),
            "line 3: account 1 at KSA01 is already allocated in partition common on line 2",
        ),
        (
            "numeric",
            format!("{header}\nKSA01,1,individual,common,lots,N\n"),
            "line 2: units \"lots\" are not an amount",
        ),
        ("empty", String::new(), "line 1: the file is empty"),
        (
            "long",
            format!(
                "{header}\nKSA01,{},individual,common,1,N\n",
                "7".repeat(1 << 20)
            ),
            "line 2: the line is 1048604 bytes long",
        ),
        (
            "partition",
            format!("{header}\nKSA01,1,individual,preferred,1,N\n"),
            "partition \"preferred\" is not known to the token",
        ),
    ];
    for (name, text, line) in cases {
        let path = env.dir.path().join(format!("{name}.csv"));
        std::fs::write(&path, text).unwrap();
        let r = env.sto(
            Some(0),
            &format!("issue --token SOF1 --allocations {}", path.display()),
        );
        assert_eq!(r.code, Some(1), "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains(line),
            "{name}: expected {line:?} in\n{}",
            r.stderr
        );
        let last = r.stderr.lines().last().unwrap();
        assert!(
            last.starts_with("error: ") && last.contains("nothing was sent"),
            "{name}: {last}"
        );
    }
    let planned = env.sto(
        Some(0),
        &format!(
            "issue --token SOF1 --allocations {} --new-partition general --new-partition lockup-6m --planned 999999",
            allocation_file().display()
        ),
    );
    assert!(
        planned
            .stderr
            .contains("the file allocates 1000000 units, the issue plans 999999"),
        "{}",
        planned.stderr
    );
    assert_eq!(env.call(token, IERC20Face::totalSupplyCall {}), U256::ZERO);
    let journals = std::fs::read_dir(env.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("issuance-"))
        .count();
    assert_eq!(journals, 0, "no journal for a refused file");
}

#[test]
fn allocation_issuance_survives_a_crash_and_issues_exactly_once() {
    let env = Env::new();
    env.ok(Some(0), "deploy stack");
    env.ok(
        Some(0),
        &format!(
            "deploy token --name 'Seoul office building' --symbol SOB1 --partition general \
             --controller {c} --issue-id KR-STO-2026-0001 --institution {c} --security-kind 'beneficiary certificate'",
            c = env.addr(1)
        ),
    );
    let token: Address = addr_of(&env.records()["tokens"][0]["address"]);
    let line = format!(
        "issue --token SOB1 --allocations {} --planned 1000000 --new-partition lockup-6m --batch-size 40",
        allocation_file().display()
    );
    // Killed right after the third batch is mined, before it is journaled.
    let crashed = env.sto_env(Some(0), &line, &[("STO_TEST_CRASH_AFTER_BATCHES", "3")]);
    assert_eq!(crashed.code, Some(70), "{}", crashed.stderr);
    let partial = env.call(token, IERC20Face::totalSupplyCall {});
    assert!(
        partial > U256::ZERO && partial < U256::from(1_000_000u64),
        "{partial}"
    );
    // The same command again finishes the job.
    let doc = env.json(Some(0), &line);
    assert_eq!(doc["holders"], 313);
    assert_eq!(
        doc["batches"], 9,
        "312 general in 8 batches of 40, 1 lock-up"
    );
    assert_eq!(
        doc["issued_now"], 6,
        "the three batches on chain are skipped"
    );
    assert_eq!(doc["registered_now"], 0, "KYC landed before the crash");
    assert_eq!(doc["total"], "1000000");
    assert_eq!(doc["by_category"]["issuer-own"], "50000");
    assert_eq!(doc["by_partition"]["lockup-6m"], "50000");
    assert!(doc["gas_per_holder"].as_u64().unwrap() > 0);
    assert_eq!(
        env.call(token, IERC20Face::totalSupplyCall {}),
        U256::from(1_000_000u64)
    );
    for (holder, partition_name, units) in allocated() {
        assert_eq!(
            env.call(
                token,
                IERC1410::balanceOfByPartitionCall {
                    partition: partition(&partition_name),
                    tokenHolder: holder
                }
            ),
            U256::from(units),
            "{holder} in {partition_name}"
        );
    }
    // Trust flags and categories as the file says.
    let flagged = sto_abi::derivation::holder_address("KSC03", "806-97-257739", 2);
    assert!(env.call(
        token,
        sto_abi::ISecurityTokenCompliance::isTrustPropertyCall {
            partition: partition("general"),
            holder: flagged
        }
    ));
    let rec = env.call(
        token,
        sto_abi::ISecurityTokenCompliance::reconciliationCall {},
    );
    assert_eq!(rec.issuerOwn, U256::from(50_000u64));
    assert_eq!(
        rec.individual + rec.corporate + rec.issuerOwn,
        U256::from(1_000_000u64)
    );
    assert_eq!(rec.unclassified, U256::ZERO);
    // The register as the registry compares it with its books.
    let csv = env.ok(None, "holders --token SOB1 --csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 313, "header and one line per holding");
    assert!(lines[0].starts_with("address,institution,account,category"));
    let want = format!("{flagged},KSC03,806-97-257739,corporate,Y,N,general,7114,0,0,Y");
    assert!(lines.contains(&want.as_str()), "{want} in\n{csv}");
    let out = env.dir.path().join("register.csv");
    env.ok(
        None,
        &format!("holders --token SOB1 --out {}", out.display()),
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap().trim_end(),
        csv.trim_end()
    );
    // The same allocations with other line ends and spacing are the same
    // issue: nothing more is issued.
    let text = std::fs::read_to_string(allocation_file()).unwrap();
    let variant = env.dir.path().join("variant.csv");
    std::fs::write(
        &variant,
        format!(
            "\u{feff}{}",
            text.replace("\r\n", "\n").replace(",N", " ,N")
        ),
    )
    .unwrap();
    let doc = env.json(
        Some(0),
        &format!(
            "issue --token SOB1 --allocations {} --planned 1000000 --new-partition lockup-6m --batch-size 40",
            variant.display()
        ),
    );
    assert_eq!(doc["issued_now"], 0, "{doc}");
    assert_eq!(
        env.call(token, IERC20Face::totalSupplyCall {}),
        U256::from(1_000_000u64)
    );
    // A third run sends nothing.
    let again = env.json(Some(0), &line);
    assert_eq!(again["issued_now"], 0);
    assert_eq!(again["transactions"].as_array().unwrap().len(), 0);
    assert_eq!(
        env.call(token, IERC20Face::totalSupplyCall {}),
        U256::from(1_000_000u64)
    );
}

#[test]
fn the_office_fund_scenario_runs_end_to_end() {
    use sto_abi::ISecurityTokenCompliance as C;
    let env = Env::new();
    let scenario =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/scenario-office-fund.json");
    let out = env.ok(None, &format!("demo --scenario {}", scenario.display()));
    assert!(out.contains("scenario done"), "{out}");
    let token: Address = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("token proxy "))
        .expect("the demo prints the token")
        .parse()
        .unwrap();
    // The register the scenario must leave, computed here from the file
    // and the steps of scenario-office-fund.json.
    let rows = allocated();
    let mut expected: std::collections::BTreeMap<(Address, String), i64> = rows
        .iter()
        .map(|(h, p, u)| ((*h, p.clone()), *u as i64))
        .collect();
    let mut moved = |from: usize, to: usize, units: i64| {
        let (f, t) = (&rows[from - 1], &rows[to - 1]);
        *expected.get_mut(&(f.0, f.1.clone())).unwrap() -= units;
        *expected.entry((t.0, f.1.clone())).or_default() += units;
    };
    moved(20, 40, 120);
    moved(55, 56, 30);
    for ((holder, p), units) in &expected {
        let got = env.call(
            token,
            IERC1410::balanceOfByPartitionCall {
                partition: partition(p),
                tokenHolder: *holder,
            },
        );
        assert_eq!(got, U256::from(*units as u64), "{holder} in {p}");
    }
    let pledged = env.call(
        token,
        C::pledgedBalanceOfCall {
            partition: partition("general"),
            holder: rows[2].0,
        },
    );
    assert_eq!(pledged, U256::from(2_000u64), "row 3 pledged to row 1");
    assert!(
        env.call(token, C::holderInfoCall { holder: rows[76].0 })
            .frozen,
        "row 77 frozen"
    );
    assert_eq!(
        env.call(token, IERC20Face::totalSupplyCall {}),
        U256::from(1_000_000u64)
    );
    let rec = env.json(None, &format!("reconcile --token {token}"));
    assert_eq!(rec["balanced"], true, "{rec}");
    assert!(
        out.contains("reconciliation: categories sum to the total supply"),
        "{out}"
    );
}

#[test]
fn a_trade_is_signed_by_its_broker_verified_and_settled_once() {
    use sto_abi::dvp::IPaymentToken as P;
    let env = Env::new();
    let token = env.token();
    let (alice, bob, broker, settler) = (env.addr(2), env.addr(3), env.addr(4), 1);
    env.ok(
        Some(0),
        &format!("issue --token SOF1 --to {alice} --amount 100 --partition common"),
    );
    env.ok(Some(0), "deploy settlement");
    env.ok(
        Some(0),
        "deploy payment-token --name 'KRW Deposit' --symbol KRWD",
    );
    let records = env.records();
    let settlement = addr_of(&records["contracts"]["dvp-settlement"]["address"]);
    let cash = addr_of(&records["contracts"]["payment-token"]["address"]);
    assert!(env.ok(Some(0), "deploy settlement").contains("reused at"));
    for who in [settlement, broker] {
        env.ok(
            Some(0),
            &format!("role grant --token SOF1 --role distribution-operator --account {who}"),
        );
    }
    env.ok(Some(0), &format!("settler --account {}", env.addr(settler)));
    env.ok(Some(0), &format!("cash mint --to {bob} --amount 1000000"));
    env.ok(Some(3), "cash approve --amount max");
    let file = env.dir.path().join("trade.json");
    let out = env.ok(
        Some(4),
        &format!(
            "trade sign --token SOF1 --partition common --seller {alice} --buyer {bob} --quantity 1000 --cash-amount 50000 --nonce 1 --ref OTC-2026-12-04-1 --out {}",
            file.display()
        ),
    );
    assert!(out.contains("signed trade 0x"), "{out}");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(doc["format"], "sto-trade/1");
    assert_eq!(addr_of(&doc["trade"]["broker"]), broker);
    assert_eq!(addr_of(&doc["settlement"]), settlement);
    // Only the broker signs.
    env.fails(
        Some(2),
        &format!(
            "trade sign --file {} --out {}",
            file.display(),
            env.dir.path().join("x.json").display()
        ),
        "only the broker signs",
    );
    env.fails(
        Some(4),
        &format!("trade sign --token SOF1 --seller {alice} --buyer {bob} --quantity 0 --cash-amount 1 --nonce 9"),
        "quantity must be more than zero",
    );
    env.fails(
        Some(4),
        &format!("trade sign --token SOF1 --seller {alice} --buyer {bob} --quantity 0x10 --cash-amount 1 --nonce 9"),
        "not a decimal whole number",
    );
    let no_ref = env.json(
        Some(4),
        &format!("trade sign --token SOF1 --seller {alice} --buyer {bob} --quantity 1 --cash-amount 1 --nonce 9"),
    );
    assert_eq!(no_ref["trade_file"]["trade"]["tradeRef"], "", "{no_ref}");
    let verified = env.json(None, &format!("trade verify --file {}", file.display()));
    assert_eq!(verified["valid"], true, "{verified}");
    // A tampered file no longer verifies, nor settles.
    let mut tampered = doc.clone();
    tampered["trade"]["cashAmount"] = json!("1");
    let bad = env.dir.path().join("tampered.json");
    std::fs::write(&bad, serde_json::to_string(&tampered).unwrap()).unwrap();
    env.fails(
        None,
        &format!("trade verify --file {}", bad.display()),
        "signed by the broker",
    );
    env.fails(
        Some(settler),
        &format!("trade settle --file {}", bad.display()),
        "WrongSigner",
    );
    // Only a settler settles; the institution does, once.
    env.fails(
        Some(3),
        &format!("trade settle --file {}", file.display()),
        "NotSettler",
    );
    let out = env.ok(
        Some(settler),
        &format!("trade settle --file {}", file.display()),
    );
    assert!(
        out.contains("settled 1 trade(s)") && out.contains("event TradeSettled"),
        "{out}"
    );
    assert_eq!(
        env.call(
            token,
            IERC1410::balanceOfByPartitionCall {
                partition: partition("common"),
                tokenHolder: bob
            }
        ),
        units(1_000),
        "1000 base units = 10.00 SOF1"
    );
    assert_eq!(
        env.call(cash, P::balanceOfCall { account: alice }),
        U256::from(50_000)
    );
    assert_eq!(
        env.call(cash, P::balanceOfCall { account: bob }),
        U256::from(950_000)
    );
    env.fails(
        Some(settler),
        &format!("trade settle --file {}", file.display()),
        "NonceAlreadyUsed",
    );
    env.fails(
        None,
        &format!("trade verify --file {}", file.display()),
        "nonce unused",
    );
    let missing = env.dir.path().join("none.json");
    env.fails(
        None,
        &format!("trade verify --file {}", missing.display()),
        "none.json",
    );
}
