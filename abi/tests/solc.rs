//! The exported Solidity interface compiles with solc, and what solc sees
//! is exactly what the Rust crate routes: a broken or drifting ABI fails the
//! build (issue 2, "Done when").
//!
//! solc comes from npm (`solc`, solc-js, pinned below), installed by this
//! test into the target directory on first use. Without npm or the
//! registry the test FAILS with a message: the ABI must be checked.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    process::Command,
};

use alloy_primitives::keccak256;

/// solc-js version used to compile the interface.
const SOLC_VERSION: &str = "0.8.30";

fn solc_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("npm-solc-{SOLC_VERSION}"))
}

/// Installs solc-js into the target directory unless already there. The
/// tests of this file run in parallel and share the directory, so the
/// install runs once per process, behind a lock (two concurrent `npm
/// install`s into one prefix break each other).
fn solcjs() -> PathBuf {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _once = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = solc_dir();
    let script = dir.join("node_modules/solc/solc.js");
    if script.exists() {
        return script;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let status = Command::new("npm")
        .args([
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
        ])
        .arg(&dir)
        .arg(format!("solc@{SOLC_VERSION}"))
        .status()
        .unwrap_or_else(|e| {
            panic!("cannot run npm ({e}); install Node.js + npm: the ABI must compile with solc")
        });
    assert!(
        status.success(),
        "npm install solc@{SOLC_VERSION} failed; the registry must be reachable"
    );
    assert!(
        script.exists(),
        "solc-js missing after npm install: {}",
        script.display()
    );
    script
}

fn compile_abi(out: &Path) {
    compile(out, "IERC1400.sol");
}

fn compile(out: &Path, file: &str) {
    let sol = Path::new(env!("CARGO_MANIFEST_DIR")).join("solidity");
    let output = Command::new("node")
        .arg(solcjs())
        .args(["--abi", "--base-path"])
        .arg(&sol)
        .arg("--output-dir")
        .arg(out)
        .arg(sol.join(file))
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "solc rejected the interface:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Canonical signature of an ABI JSON function/event/error entry.
fn signature(item: &serde_json::Value) -> String {
    let inputs: Vec<String> = item["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["type"].as_str().unwrap().to_string())
        .collect();
    format!("{}({})", item["name"].as_str().unwrap(), inputs.join(","))
}

#[test]
fn solidity_interface_compiles_and_matches_the_rust_selectors() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sto-abi-solc-out");
    let _ = std::fs::remove_dir_all(&out);
    compile_abi(&out);
    let abi_file = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("_ISecurityToken.abi"))
        .expect("solc wrote the ISecurityToken ABI");
    let abi: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(abi_file).unwrap()).unwrap();
    let items = abi.as_array().unwrap();
    let of_kind = |kind: &str| -> BTreeSet<[u8; 4]> {
        items
            .iter()
            .filter(|i| i["type"] == kind)
            .map(|i| keccak256(signature(i).as_bytes())[..4].try_into().unwrap())
            .collect()
    };

    let rust_functions: BTreeSet<[u8; 4]> = sto_abi::FUNCTION_SELECTORS
        .iter()
        .flat_map(|(_, selectors)| selectors.iter().copied())
        .collect();
    assert_eq!(of_kind("function"), rust_functions);
    assert_eq!(rust_functions.len(), 93);

    let rust_errors: BTreeSet<[u8; 4]> =
        sto_abi::ISecurityTokenErrors::ISecurityTokenErrorsErrors::SELECTORS
            .iter()
            .copied()
            .collect();
    assert_eq!(of_kind("error"), rust_errors);
    assert_eq!(rust_errors.len(), 42);

    let events = items.iter().filter(|i| i["type"] == "event").count();
    assert_eq!(events, 41);
}

#[test]
fn dvp_interfaces_compile_and_match_the_rust_selectors() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sto-abi-solc-dvp");
    let _ = std::fs::remove_dir_all(&out);
    compile(&out, "IDvP.sol");
    let load = |suffix: &str| -> serde_json::Value {
        let file = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with(suffix))
            .unwrap_or_else(|| panic!("solc wrote {suffix}"));
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
    };
    let payment = load("_IPaymentToken.abi");
    let functions: BTreeSet<[u8; 4]> = payment
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "function")
        .map(|i| keccak256(signature(i).as_bytes())[..4].try_into().unwrap())
        .collect();
    let rust: BTreeSet<[u8; 4]> = sto_abi::dvp::IPaymentToken::IPaymentTokenCalls::SELECTORS
        .iter()
        .copied()
        .collect();
    assert_eq!(functions, rust);
    let settlement = load("_IDvPSettlement.abi");
    let names: BTreeSet<String> = settlement
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "function")
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names.len(),
        sto_abi::dvp::IDvPSettlement::IDvPSettlementCalls::SELECTORS.len()
    );
    assert!(names.contains("settle") && names.contains("settleBatch"));
}
