//! Program-init gas of every Stylus program of the workspace: what Nitro
//! charges on each call before the first instruction runs (the cached
//! init cost, paid even by programs in the ArbWasmCache, and the full init
//! cost of an uncached program), with the module facts that drive it. The
//! data segment dominates the cached figure (about 0.75 gas per byte),
//! which is why the wasm build remaps registry paths out of panic
//! locations.
//!
//! `cargo run --release -p devnode --example init_costs`

use devnode::precompiles::programs::{COST_SCALAR, MIN_CACHED_GAS, MIN_INIT_GAS};

fn main() {
    println!(
        "{:<28} {:>6} {:>6} {:>6} {:>12} {:>14}",
        "program", "data B", "elems", "funcs", "cached gas", "uncached gas"
    );
    for p in sto_artifacts::all() {
        let info = match devnode::stylus::activation::validate(p.wasm) {
            Ok(info) => info,
            Err(e) => {
                eprintln!("error: {} does not activate: {e}", p.name);
                std::process::exit(1);
            }
        };
        let (mut data, mut elems, mut funcs) = (0usize, 0u32, 0u32);
        for payload in wasmparser::Parser::new(0).parse_all(p.wasm) {
            match payload {
                Ok(wasmparser::Payload::DataSection(r)) => {
                    data += r.into_iter().flatten().map(|d| d.data.len()).sum::<usize>();
                }
                Ok(wasmparser::Payload::ElementSection(r)) => {
                    for e in r.into_iter().flatten() {
                        elems += match e.items {
                            wasmparser::ElementItems::Functions(f) => f.count(),
                            wasmparser::ElementItems::Expressions(_, f) => f.count(),
                        };
                    }
                }
                Ok(wasmparser::Payload::CodeSectionStart { count, .. }) => funcs = count,
                _ => {}
            }
        }
        let cached = MIN_CACHED_GAS * 32
            + (u64::from(info.cached_init_cost) * COST_SCALAR * 2).div_ceil(100);
        let init = MIN_INIT_GAS * 128 + (u64::from(info.init_cost) * COST_SCALAR * 2).div_ceil(100);
        println!(
            "{:<28} {data:>6} {elems:>6} {funcs:>6} {cached:>12} {:>14}",
            p.name,
            cached + init
        );
    }
}
