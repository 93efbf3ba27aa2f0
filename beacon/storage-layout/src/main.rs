//! `storage-layout check <old.json> <new.json>`: the upgrade gate as a
//! command, for scripts that do not link the library. Exit code 0 when the
//! new layout is an append-only extension of the old one, 1 when it is not
//! (one line per violation), 2 on usage or file errors.

use std::{path::Path, process::ExitCode};
use storage_layout::{check_append_only, Layout};

const USAGE: &str = "usage: storage-layout check <old.json> <new.json>\n\
                     example: storage-layout check deployments/layouts/security-token/1.0.0.json \
                     new-layout.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [command, old, new] = args.as_slice() else {
        eprintln!("error: expected 3 arguments\n{USAGE}");
        return ExitCode::from(2);
    };
    if command != "check" {
        eprintln!("error: unknown command {command:?}\n{USAGE}");
        return ExitCode::from(2);
    }
    let load =
        |path: &str| Layout::load(Path::new(path)).map_err(|e| eprintln!("error: {path}: {e}"));
    let (Ok(old), Ok(new)) = (load(old), load(new)) else {
        return ExitCode::from(2);
    };
    match check_append_only(&old, &new) {
        Ok(()) => {
            println!(
                "ok: {} {} -> {} keeps all {} fields and appends {}",
                new.contract,
                old.version,
                new.version,
                old.fields.len(),
                new.fields.len() - old.fields.len()
            );
            ExitCode::SUCCESS
        }
        Err(violations) => {
            eprintln!(
                "error: {} {} -> {} is not an append-only extension",
                new.contract, old.version, new.version
            );
            for violation in violations {
                eprintln!("  {violation}");
            }
            ExitCode::from(1)
        }
    }
}
