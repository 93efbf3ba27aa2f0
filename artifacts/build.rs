//! Builds every Stylus program of the workspace for wasm32 and embeds the
//! deployable artifacts, so that `cargo test` and `cargo run` of any tool
//! find them with no manual step.
//!
//! A workspace member is a program when its Cargo.toml carries
//! `[package.metadata.stylus] program = true`. All programs are built by one
//! nested `cargo build --profile contract --target wasm32-unknown-unknown`
//! into `target/stylus` (a directory of its own, so the nested cargo never
//! waits on the outer build's lock), then processed by `src/pipeline.rs`.

#[path = "src/pipeline.rs"]
#[allow(dead_code)]
mod pipeline;

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Stack size linked into every program: the `cargo stylus` template value.
/// Keeps the initial memory at one or two 64 KiB pages (Arbitrum charges for
/// pages beyond its free ones on every call) instead of rustc's 1 MiB.
const STACK_SIZE: u32 = 32_768;

struct ProgramCrate {
    name: String,
    dir: PathBuf,
    path_deps: Vec<PathBuf>,
}

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest_dir.parent().unwrap().to_path_buf();
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());

    println!(
        "cargo:rerun-if-changed={}",
        root.join("Cargo.toml").display()
    );
    println!(
        "cargo:rerun-if-changed={}",
        root.join("Cargo.lock").display()
    );
    println!("cargo:rerun-if-changed=src/pipeline.rs");
    println!("cargo:rerun-if-env-changed=STO_CONTRACT_OPT_LEVEL");

    let programs = discover(&cargo, &root);
    for p in &programs {
        for dir in std::iter::once(&p.dir).chain(&p.path_deps) {
            println!("cargo:rerun-if-changed={}", dir.join("src").display());
            println!(
                "cargo:rerun-if-changed={}",
                dir.join("Cargo.toml").display()
            );
            let sol = dir.join("solidity");
            if sol.exists() {
                println!("cargo:rerun-if-changed={}", sol.display());
            }
        }
    }

    let mut built = Vec::new();
    if !programs.is_empty() {
        ensure_wasm_target();
        let target_dir = root.join("target").join("stylus");
        build_programs(&cargo, &root, &target_dir, &programs);
        for p in &programs {
            let file = target_dir
                .join("wasm32-unknown-unknown/contract")
                .join(format!("{}.wasm", p.name.replace('-', "_")));
            let raw =
                fs::read(&file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
            let wasm = pipeline::process_wasm(&raw)
                .unwrap_or_else(|e| panic!("program `{}`: {e}", p.name));
            let code = pipeline::compress(&wasm);
            let init = pipeline::init_code(&code);
            let stem = p.name.replace('-', "_");
            fs::write(out_dir.join(format!("{stem}.wasm")), &wasm).unwrap();
            fs::write(out_dir.join(format!("{stem}.code")), &code).unwrap();
            fs::write(out_dir.join(format!("{stem}.init")), &init).unwrap();
            if code.len() > pipeline::MAX_CODE_SIZE {
                println!(
                    "cargo:warning=program `{}` is {} bytes compressed, over the {} byte limit",
                    p.name,
                    code.len(),
                    pipeline::MAX_CODE_SIZE
                );
            }
            built.push((p.name.clone(), stem, raw.len()));
        }
    }

    let mut src = String::from("/// Every program of the workspace, sorted by name.\n");
    src.push_str("pub static PROGRAMS: &[Program] = &[\n");
    for (name, stem, raw_len) in &built {
        writeln!(
            src,
            "    Program {{ name: {name:?}, raw_size: {raw_len}, \
             wasm: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{stem}.wasm\")), \
             code: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{stem}.code\")), \
             init_code: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{stem}.init\")) }},"
        )
        .unwrap();
    }
    src.push_str("];\n");
    fs::write(out_dir.join("programs.rs"), src).unwrap();
}

/// Lists the program crates with `cargo metadata` (no dependency resolution
/// beyond the workspace, so it is fast and offline).
fn discover(cargo: &str, root: &Path) -> Vec<ProgramCrate> {
    let out = clean_cargo(cargo)
        .current_dir(root)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .output()
        .expect("cannot run cargo metadata");
    if !out.status.success() {
        panic!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata JSON");
    let mut found = Vec::new();
    for pkg in meta["packages"].as_array().into_iter().flatten() {
        let manifest = PathBuf::from(pkg["manifest_path"].as_str().unwrap());
        // Any member may become a program (or stop being one) by editing its
        // manifest, and new members appear under a glob's directory: watch
        // both, never the workspace root itself (it holds target/).
        println!("cargo:rerun-if-changed={}", manifest.display());
        if let Some(group) = manifest.parent().and_then(Path::parent) {
            if group != root {
                println!("cargo:rerun-if-changed={}", group.display());
            }
        }
        if pkg["metadata"]["stylus"]["program"].as_bool() != Some(true) {
            continue;
        }
        let path_deps = pkg["dependencies"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["path"].as_str().map(PathBuf::from))
            .collect();
        found.push(ProgramCrate {
            name: pkg["name"].as_str().unwrap().to_string(),
            dir: manifest.parent().unwrap().to_path_buf(),
            path_deps,
        });
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// A `cargo` command without the variables the outer build sets for build
/// scripts, which would otherwise leak into the nested build (flags meant
/// for the host target, the jobserver, the outer target directory).
fn clean_cargo(cargo: &str) -> Command {
    let mut cmd = Command::new(cargo);
    for (key, _) in env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("CARGO_")
            && key != "CARGO_HOME"
            && key != "CARGO_NET_OFFLINE"
            && !key.starts_with("CARGO_REGISTRIES_")
            && !key.starts_with("CARGO_HTTP_")
            || matches!(
                key.as_str(),
                "RUSTFLAGS"
                    | "RUSTDOCFLAGS"
                    | "MAKEFLAGS"
                    | "MFLAGS"
                    | "RUSTC_WORKSPACE_WRAPPER"
                    | "DEBUG"
                    | "OPT_LEVEL"
                    | "PROFILE"
                    | "TARGET"
                    | "HOST"
                    | "NUM_JOBS"
                    | "OUT_DIR"
            )
        {
            cmd.env_remove(&key);
        }
    }
    cmd
}

/// Installs the wasm32 target through rustup when the toolchain lacks it, so
/// a fresh machine needs no manual step.
fn ensure_wasm_target() {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let sysroot = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let present = sysroot
        .as_ref()
        .map(|s| s.join("lib/rustlib/wasm32-unknown-unknown/lib").exists())
        .unwrap_or(false);
    if present {
        return;
    }
    let status = Command::new("rustup")
        .args(["target", "add", "wasm32-unknown-unknown"])
        .status();
    match status {
        Ok(s) if s.success() => {}
        other => panic!(
            "the wasm32-unknown-unknown target is missing and `rustup target add \
             wasm32-unknown-unknown` failed ({other:?}); install it and rebuild"
        ),
    }
}

/// Flags of the wasm build: the stack size, and path remapping of the
/// crate registry. Panic locations are the bulk of a program's data
/// segment, and Arbitrum charges about 0.75 gas per data byte on every
/// call (cached init cost), so `/root/.cargo/registry/src/index…/ruint…`
/// becomes `ruint…`; it also makes the code hash independent of where the
/// registry lives.
fn rustflags() -> String {
    let mut flags = vec![format!("-Clink-arg=-zstack-size={STACK_SIZE}")];
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(home) = cargo_home {
        if let Ok(entries) = fs::read_dir(home.join("registry").join("src")) {
            for entry in entries.flatten() {
                flags.push(format!("--remap-path-prefix={}/=", entry.path().display()));
            }
        }
    }
    flags.join("\x1f")
}

fn build_programs(cargo: &str, root: &Path, target_dir: &Path, programs: &[ProgramCrate]) {
    let mut cmd = clean_cargo(cargo);
    cmd.current_dir(root)
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_ENCODED_RUSTFLAGS", rustflags())
        .args([
            "build",
            "--lib",
            "--profile",
            "contract",
            "--target",
            "wasm32-unknown-unknown",
        ]);
    if let Ok(level) = env::var("STO_CONTRACT_OPT_LEVEL") {
        cmd.env("CARGO_PROFILE_CONTRACT_OPT_LEVEL", level);
    }
    for p in programs {
        cmd.args(["-p", &p.name]);
    }
    let out = cmd.output().expect("cannot run cargo for the wasm build");
    if !out.status.success() {
        panic!(
            "building the Stylus programs for wasm32 failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
