//! Foundry's `cast` against the node, as users of anvil use it: chain id,
//! block number, balance, a value transfer signed with a private key, a
//! Stylus program deployed with `cast send --create`, activated through
//! ArbWasm, called, sent to, its receipt and its logs.
//!
//! `cast` comes from npm (`@foundry-rs/cast-linux-amd64`, pinned below),
//! installed by this test into the target directory on first use. When npm
//! or the registry is unreachable, or the machine is not linux-x86_64, the
//! test prints SKIPPED with the reason and returns: it never passes
//! silently.

use std::path::PathBuf;
use std::process::Command;

use devnode_server::{start_blocking, NodeOptions};

const CAST_VERSION: &str = "1.7.1";
const PACKAGE: &str = "@foundry-rs/cast-linux-amd64";

fn cast_binary() -> Result<PathBuf, String> {
    if !(cfg!(target_os = "linux") && cfg!(target_arch = "x86_64")) {
        return Err(format!("{PACKAGE} only runs on linux-x86_64"));
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("npm-cast-{CAST_VERSION}"));
    let bin = dir.join("node_modules").join(PACKAGE).join("bin/cast");
    if bin.exists() {
        return Ok(bin);
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let out = Command::new("npm")
        .args([
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
        ])
        .arg(&dir)
        .arg(format!("{PACKAGE}@{CAST_VERSION}"))
        .output()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "npm install {PACKAGE}@{CAST_VERSION} failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ));
    }
    bin.exists()
        .then_some(bin.clone())
        .ok_or_else(|| format!("{} missing after npm install", bin.display()))
}

struct Cast {
    bin: PathBuf,
    url: String,
}

impl Cast {
    fn run(&self, args: &[&str]) -> String {
        // Options first: `send --create CODE` takes every later word as arguments.
        let out = Command::new(&self.bin)
            .arg(args[0])
            .args(["--rpc-url", &self.url])
            .args(&args[1..])
            .output()
            .expect("cast runs");
        let shown: Vec<&str> = args
            .iter()
            .map(|a| if a.len() > 80 { "<long hex>" } else { a })
            .collect();
        assert!(
            out.status.success(),
            "cast {shown:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec![args[0], "--json"];
        all.extend_from_slice(&args[1..]);
        let text = self.run(&all);
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("cast {}: not JSON ({e}): {text}", args[0]))
    }
}

#[test]
fn cast_talks_to_the_node() {
    let bin = match cast_binary() {
        Ok(b) => b,
        Err(why) => {
            println!("SKIPPED: cast is not available ({why})");
            return;
        }
    };
    let node = start_blocking(NodeOptions::ephemeral()).unwrap();
    let cast = Cast {
        bin,
        url: node.url.clone(),
    };
    let key = node.accounts[0].key.to_string();
    let me = node.accounts[0].address.to_string();

    assert_eq!(cast.run(&["chain-id"]), "412346");
    assert_eq!(cast.run(&["block-number"]), "0");
    assert_eq!(
        cast.run(&["balance", &me, "--ether"]),
        "10000.000000000000000000"
    );

    let to = "0x4242424242424242424242424242424242424242";
    let receipt = cast.json(&["send", "--private-key", &key, to, "--value", "1234"]);
    assert_eq!(receipt["status"], "0x1");
    assert_eq!(cast.run(&["balance", to]), "1234");
    assert_eq!(cast.run(&["block-number"]), "1");

    // A Stylus program: deploy its init code, activate it, call it.
    let counter = sto_artifacts::get("devnode-test-counter").unwrap();
    let init = format!("0x{}", hex::encode(counter.init_code));
    let deployed = cast.json(&["send", "--private-key", &key, "--create", &init]);
    let program = deployed["contractAddress"]
        .as_str()
        .expect("created")
        .to_string();
    assert_eq!(
        cast.run(&["code", &program]),
        format!("0x{}", hex::encode(counter.code))
    );
    let activated = cast.json(&[
        "send",
        "--private-key",
        &key,
        "--value",
        "0.1ether",
        "0x0000000000000000000000000000000000000071",
        "activateProgram(address)",
        &program,
    ]);
    assert_eq!(activated["status"], "0x1");
    assert_eq!(cast.run(&["call", &program, "number()(uint256)"]), "0");
    let sent = cast.json(&["send", "--private-key", &key, &program, "increment()"]);
    assert_eq!(sent["status"], "0x1");
    assert_eq!(cast.run(&["call", &program, "number()(uint256)"]), "1");
    let hash = sent["transactionHash"].as_str().unwrap();
    let again = cast.json(&["receipt", hash]);
    assert_eq!(again["transactionHash"], hash);
    assert_eq!(again["logs"].as_array().unwrap().len(), 1);
    let logs = cast.json(&[
        "logs",
        "--address",
        &program,
        "--from-block",
        "0",
        "Incremented(address indexed,uint256)",
    ]);
    let logs = logs.as_array().unwrap();
    assert_eq!(logs.len(), 1, "{logs:?}");
    assert_eq!(logs[0]["transactionHash"], hash);
}
