//! Scratch: program-init cost factors of every artifact.
fn main() {
    for p in sto_artifacts::all() {
        let info = devnode::stylus::activation::validate(&p.wasm).unwrap();
        let mut data = 0;
        let mut elems = 0;
        let mut funcs = 0;
        for payload in wasmparser::Parser::new(0).parse_all(&p.wasm) {
            match payload.unwrap() {
                wasmparser::Payload::DataSection(r) => {
                    for d in r {
                        data += d.unwrap().data.len();
                    }
                }
                wasmparser::Payload::ElementSection(r) => {
                    for e in r {
                        elems += match e.unwrap().items {
                            wasmparser::ElementItems::Functions(f) => f.count(),
                            wasmparser::ElementItems::Expressions(_, f) => f.count(),
                        };
                    }
                }
                wasmparser::Payload::CodeSectionStart { count, .. } => funcs = count,
                _ => {}
            }
        }
        println!(
            "{:<24} data {:>5} elems {:>4} funcs {:>4} cached_init_cost {:>5} cached call gas {}",
            p.name,
            data,
            elems,
            funcs,
            info.cached_init_cost,
            352 + u64::from(info.cached_init_cost)
        );
    }
}
