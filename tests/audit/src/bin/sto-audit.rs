//! `sto-audit`: the auditor's one command. Runs the property suite on the
//! deployable wasm (embedded dev chain, token behind the beacon proxy) and
//! writes `report.md` and `report.json`; or, with `--rpc-url` and
//! `--token`, checks the read-only invariants of a deployed token.

use std::path::PathBuf;

use alloy_primitives::Address;
use clap::Parser;
use sto_audit::{remote, report, suite};

/// Property suite of the security token, with a report.
#[derive(Parser, Debug)]
#[command(name = "sto-audit", version, about)]
struct Args {
    /// Random sequences to run.
    #[arg(long, default_value_t = 1_000)]
    cases: u32,
    /// Seed of the generator (default: from the clock, printed in the report).
    #[arg(long)]
    seed: Option<u64>,
    /// Longest sequence of calls.
    #[arg(long, default_value_t = 16)]
    max_len: usize,
    /// Directory for report.md and report.json.
    #[arg(long, default_value = "target/audit-report")]
    out: PathBuf,
    /// A chain to audit a deployed token on (read-only invariants).
    #[arg(long, requires = "token")]
    rpc_url: Option<String>,
    /// The deployed token (with --rpc-url).
    #[arg(long, requires = "rpc_url")]
    token: Option<Address>,
}

fn main() {
    let args = Args::parse();
    if let (Some(url), Some(token)) = (&args.rpc_url, args.token) {
        let rpc = remote::Rpc::new(url).unwrap_or_else(|e| fail(&e));
        let (counts, violations) = remote::audit(&rpc, token).unwrap_or_else(|e| fail(&e));
        for (name, n) in &counts {
            println!("{n:>6}  {name}");
        }
        if violations.is_empty() {
            println!("PASS: every read-only invariant holds for {token}");
            return;
        }
        for v in &violations {
            eprintln!("violation: {v}");
        }
        std::process::exit(1);
    }
    let seed = args.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    eprintln!("sto-audit: {} sequences, seed {seed}", args.cases);
    let summary = suite::run(suite::Settings {
        cases: args.cases,
        seed,
        max_len: args.max_len,
        regressions: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/regressions.txt").into()),
    });
    if let Err(e) = report::write(&args.out, &summary) {
        fail(&format!(
            "cannot write the report in {}: {e}",
            args.out.display()
        ));
    }
    print!("{}", report::markdown(&summary));
    println!("\nreport: {}/report.md and report.json", args.out.display());
    if summary.failure.is_some() {
        std::process::exit(1);
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(2);
}
