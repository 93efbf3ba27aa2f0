//! Running sequences: each starts from the freshly initialised token,
//! applies every operation to the chain and the model, and checks the
//! outcome and the invariants after every step and everything at the end.
//! proptest drives generation, shrinking and the regressions file.

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use proptest::test_runner::{
    Config, FileFailurePersistence, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner,
};

use crate::check::{self, Counts};
use crate::gen;
use crate::ops::{render, Op};
use crate::world::World;

/// How to run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Sequences to generate.
    pub cases: u32,
    /// Seed of the generator (same seed, same sequences).
    pub seed: u64,
    /// Longest sequence.
    pub max_len: usize,
    /// Where failures are persisted and replayed from.
    pub regressions: Option<PathBuf>,
}

/// A failure, shrunk.
#[derive(Clone, Debug)]
pub struct Failure {
    /// What differed.
    pub reason: String,
    /// The minimal failing sequence.
    pub sequence: Vec<Op>,
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct Summary {
    /// Settings used.
    pub settings: Settings,
    /// Sequences run (including shrinking attempts).
    pub sequences: u64,
    /// Calls sent to the token or beacon.
    pub calls: u64,
    /// Checks by name.
    pub counts: Counts,
    /// The failure, if any.
    pub failure: Option<Failure>,
    /// Wall time.
    pub duration: Duration,
    /// Code hashes of the programs tested.
    pub code_hashes: Vec<(String, alloy_primitives::B256)>,
}

/// Runs one sequence on `world`; `Err` names the first violation.
pub fn run_sequence(
    world: &mut World,
    ops: &[Op],
    counts: &mut Counts,
    calls: &mut u64,
) -> Result<(), String> {
    let mut model = world.reset();
    let mut switches = (true, true);
    for (i, op) in ops.iter().enumerate() {
        let verdict = check::ask(world, op);
        let expected = model.apply(op);
        let got = world.run(op);
        *calls += 1;
        let at = |e: String| format!("step {} ({op}): {e}", i + 1);
        check::outcome(counts, &expected, &got, verdict).map_err(at)?;
        let kind = if got.result.is_ok() {
            "(calls that succeeded)"
        } else {
            "(calls that reverted)"
        };
        *counts.entry(kind).or_default() += 1;
        *counts
            .entry(op.outcome_label(got.result.is_ok()))
            .or_default() += 1;
        check::ledger(counts, world, &model, &check::touched(op)).map_err(at)?;
        switches = check::switches(counts, world, &model, switches).map_err(at)?;
    }
    check::full(counts, world, &model).map_err(|e| format!("after the last step: {e}"))
}

/// Runs the suite (on a thread with a large stack).
pub fn run(settings: Settings) -> Summary {
    crate::world::on_large_stack(move || run_here(settings))
}

fn run_here(settings: Settings) -> Summary {
    let started = Instant::now();
    let world = RefCell::new(World::deploy());
    let code_hashes = world.borrow().code_hashes.clone();
    let counts = RefCell::new(Counts::new());
    let tally = RefCell::new((0u64, 0u64));
    let mut config = Config::with_cases(settings.cases);
    config.failure_persistence = settings.regressions.clone().map(|p| {
        Box::new(FileFailurePersistence::Direct(Box::leak(
            p.display().to_string().into_boxed_str(),
        ))) as _
    });
    config.max_shrink_iters = 2_000;
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&settings.seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let outcome = runner.run(&gen::sequence(settings.max_len), |ops| {
        let mut t = tally.borrow_mut();
        t.0 += 1;
        run_sequence(
            &mut world.borrow_mut(),
            &ops,
            &mut counts.borrow_mut(),
            &mut t.1,
        )
        .map_err(|e| TestCaseError::fail(format!("{e}\nsequence:\n{}", render(&ops))))
    });
    let failure = match outcome {
        Ok(()) => None,
        Err(TestError::Fail(reason, sequence)) => Some(Failure {
            reason: reason.to_string(),
            sequence,
        }),
        Err(TestError::Abort(reason)) => Some(Failure {
            reason: format!("aborted: {reason}"),
            sequence: vec![],
        }),
    };
    let (sequences, calls) = *tally.borrow();
    Summary {
        settings,
        sequences,
        calls,
        counts: counts.into_inner(),
        failure,
        duration: started.elapsed(),
        code_hashes,
    }
}
