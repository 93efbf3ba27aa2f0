//! Prints the size of every Stylus program of the workspace: raw wasm as
//! rustc produced it, processed wasm, compressed deployable code, and the
//! margin to Arbitrum's 24,576-byte limit. Exits non-zero when a program is
//! over the limit.
//!
//! Run: `cargo run -p sto-artifacts --bin size-report`. Set
//! `STO_CONTRACT_OPT_LEVEL` (e.g. `3`, `s`, `z`) to measure another
//! optimisation level without editing the profile.

fn main() {
    let programs = sto_artifacts::all();
    if programs.is_empty() {
        eprintln!("error: no Stylus programs found in the workspace");
        std::process::exit(1);
    }
    let limit = sto_artifacts::pipeline::MAX_CODE_SIZE;
    println!(
        "{:<28} {:>10} {:>15} {:>16} {:>8}",
        "program", "raw wasm", "processed wasm", "compressed code", "margin"
    );
    let mut over = false;
    for p in programs {
        println!(
            "{:<28} {:>10} {:>15} {:>16} {:>8}",
            p.name,
            p.raw_size,
            p.wasm.len(),
            p.code.len(),
            p.margin()
        );
        over |= p.code.len() > limit;
    }
    println!("limit: {limit} bytes (compressed code incl. the 4-byte EF F0 00 00 prefix)");
    if over {
        eprintln!("error: at least one program is over the size limit");
        std::process::exit(1);
    }
}
