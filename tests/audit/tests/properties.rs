//! The quick version of the auditor's suite, run by `cargo test`: a few
//! hundred random sequences on the deployed wasm behind the beacon proxy,
//! with the committed regressions replayed first; and proof that the
//! checks can fail: a balance written behind the model's back is caught.

use alloy_primitives::{keccak256, U256};
use sto_audit::actors::{address, partition, HOLDERS, ISSUER};
use sto_audit::check::Counts;
use sto_audit::ops::Op;
use sto_audit::suite::{run, run_sequence, Settings};
use sto_audit::world::World;

fn cases() -> u32 {
    std::env::var("STO_AUDIT_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(200)
}

#[test]
fn random_sequences_on_the_deployed_token_match_the_model() {
    let summary = run(Settings {
        cases: cases(),
        seed: 0x5354_4f41_5544_4954,
        max_len: 16,
        regressions: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/regressions.txt").into()),
    });
    println!("{}", sto_audit::report::markdown(&summary));
    if let Some(f) = &summary.failure {
        panic!("{}\n{}", f.reason, sto_audit::ops::render(&f.sequence));
    }
    assert!(summary.sequences >= u64::from(cases()));
    for check in [
        "result matches the model (return data or exact custom error)",
        "events match the model (every log, in order)",
        "canTransfer* agrees with the real call (status and reason)",
        "per-holder sum over partitions == balanceOf",
        "sum over partitions == totalSupply",
        "once false, isIssuable and isControllable stay false",
    ] {
        assert!(
            summary.counts.get(check).copied().unwrap_or(0) > 0,
            "{check} never ran"
        );
    }
}

#[test]
fn a_balance_that_appears_behind_the_models_back_is_caught() {
    sto_audit::world::on_large_stack(planted_balance);
}

fn planted_balance() {
    let mut world = World::deploy();
    let (mut counts, mut calls) = (Counts::new(), 0);
    let holder = address(HOLDERS[0]);
    let issue = Op::Issue {
        by: ISSUER,
        partition: Some(0),
        to: HOLDERS[0],
        value: U256::from(5),
    };
    assert_eq!(
        run_sequence(
            &mut world,
            std::slice::from_ref(&issue),
            &mut counts,
            &mut calls
        ),
        Ok(())
    );

    // Plant the bug: holdings[holder][A] grows by 1 without an issuance
    // (slot 5 is `holdings`, see deployments/layouts/security-token/1.0.0.json).
    let mut preimage = [0u8; 64];
    preimage[..32].copy_from_slice(holder.into_word().as_slice());
    preimage[32..].copy_from_slice(&U256::from(5).to_be_bytes::<32>());
    let inner = keccak256(preimage);
    preimage[..32].copy_from_slice(partition(0).as_slice());
    preimage[32..].copy_from_slice(inner.as_slice());
    let slot = U256::from_be_bytes(keccak256(preimage).0);
    let mut model = world.reset();
    let expected = model.apply(&issue);
    assert!(expected.result.is_ok());
    world.run(&issue);
    let mut counts = Counts::new();
    assert_eq!(
        sto_audit::check::ledger(&mut counts, &mut world, &model, &[holder]),
        Ok(())
    );
    let mut db = world.node.db().clone();
    db.insert_account_storage(world.token, slot, U256::from(6))
        .unwrap();
    world.node.set_db(db);
    let caught = sto_audit::check::ledger(&mut counts, &mut world, &model, &[holder]);
    let e = caught.expect_err("the planted balance must be caught");
    assert!(
        e.contains("balanceOfByPartition matches the model") || e.contains("per-holder sum"),
        "{e}"
    );
}
