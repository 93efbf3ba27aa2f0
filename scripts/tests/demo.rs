//! `sto demo` run as a user runs it: the binary, no `--rpc-url`, so it
//! starts its own embedded chain. The final register it prints is checked
//! line by line against what the steps must produce.

use std::process::Command;

#[test]
fn demo_runs_the_main_job_and_prints_the_expected_register() {
    let out = Command::new(env!("CARGO_BIN_EXE_sto"))
        .arg("demo")
        .env_remove("STO_RPC_URL")
        .output()
        .expect("the sto binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "sto demo failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    for step in [
        "deploy security-token-admin (StylusDeployer)",
        "deploy security-token-compliance (StylusDeployer)",
        "registerHolders [alice, bob] individual",
        "pledge 200 of alice's common to bob (loan-2026-77)",
        "freezePartial 100 of bob's common",
        "0x55 LockedBalance",
        "settle (security and cash legs, atomically)",
        "settled: bob received 250000 KRWD, carol 50 units",
        "deploy security-token (StylusDeployer)",
        "factory.createToken (proxy + initialize)",
        "controllerTransfer 30 from bob to alice",
        "beacon.upgradeTo(v2)",
        "every balance and partition is unchanged after the upgrade",
    ] {
        assert!(stdout.contains(step), "missing step {step:?} in\n{stdout}");
    }
    assert!(stdout.contains("operatorData \"court order 2026-GA-1234\""));
    let register: Vec<Vec<&str>> = stdout
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|w| w.len() == 7 && ["alice", "bob", "carol"].contains(&w[0]))
        .collect();
    let rows: Vec<Vec<&str>> = register
        .iter()
        .map(|w| vec![w[0], w[2], w[3], w[4], w[5], w[6]])
        .collect();
    assert_eq!(
        rows,
        vec![
            vec!["alice", "common", "880", "200", "0", "N"],
            vec!["bob", "common", "520", "0", "100", "N"],
            vec!["carol", "common", "100", "0", "0", "N"],
            vec!["carol", "locked", "300", "0", "0", "Y"],
        ]
    );
    let reconciliation: Vec<Vec<&str>> = stdout
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|w| {
            w.len() == 4
                && ["individual", "corporate", "issuer-own", "unclassified"].contains(&w[0])
        })
        .collect();
    assert_eq!(
        reconciliation,
        vec![
            vec!["individual", "1400", "1400", "yes"],
            vec!["corporate", "400", "400", "yes"],
            vec!["issuer-own", "0", "0", "yes"],
            vec!["unclassified", "0", "0", "yes"],
        ]
    );
    assert!(stdout.contains("total supply 1800"));
    assert!(stdout.contains("main job done"));
}

#[test]
fn demo_against_an_unreachable_node_fails_with_one_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_sto"))
        .args(["demo", "--rpc-url", "http://127.0.0.1:1"])
        .output()
        .expect("the sto binary runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one-line error, got {stderr:?}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("127.0.0.1:1"), "names the URL: {stderr}");
}

#[test]
fn demo_with_a_missing_or_bad_scenario_fails_with_one_line_before_any_chain() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"name\": 1}").unwrap();
    for (path, needle) in [
        (dir.path().join("missing.json"), "missing.json"),
        (bad.clone(), "not a scenario file"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_sto"))
            .args(["demo", "--scenario"])
            .arg(&path)
            .env_remove("STO_RPC_URL")
            .output()
            .expect("the sto binary runs");
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(needle), "{stderr}");
        assert!(out.stdout.is_empty(), "no chain was started");
    }
}
