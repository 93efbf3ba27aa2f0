//! The checker on committed JSON: a deliberately compatible and a
//! deliberately incompatible v2 of an example token layout, and every
//! released layout under `deployments/layouts/`.

use std::path::{Path, PathBuf};
use storage_layout::{check_append_only, Layout, Slot, Violation};

fn fixture(name: &str) -> Layout {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    Layout::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_v2_that_only_appends_fields_is_accepted() {
    let v1 = fixture("token-v1.json");
    let v2 = fixture("token-v2-compatible.json");
    assert_eq!(v2.fields.len(), v1.fields.len() + 2);
    assert_eq!(check_append_only(&v1, &v2), Ok(()));
}

#[test]
fn a_v2_that_inserts_retypes_and_swaps_fields_is_refused_with_every_reason() {
    let v1 = fixture("token-v1.json");
    let v2 = fixture("token-v2-incompatible.json");
    let slot = Slot::from_u64;
    assert_eq!(
        check_append_only(&v1, &v2),
        Err(vec![
            Violation::Moved {
                name: "paused".into(),
                from: (slot(0), 1),
                to: (slot(0), 2)
            },
            Violation::Retyped {
                name: "total_supply".into(),
                from: ("uint256".into(), 32),
                to: ("uint128".into(), 16)
            },
            Violation::Moved {
                name: "balances".into(),
                from: (slot(3), 0),
                to: (slot(4), 0)
            },
            Violation::Moved {
                name: "roles".into(),
                from: (slot(4), 0),
                to: (slot(3), 0)
            },
            Violation::Reordered {
                name: "balances".into(),
                old_rank: 4,
                new_rank: 5
            },
            Violation::Reordered {
                name: "roles".into(),
                old_rank: 5,
                new_rank: 4
            },
            Violation::NotAppended {
                name: "limit_enabled".into(),
                at: (slot(0), 1)
            },
        ])
    );
}

#[test]
fn going_back_from_v2_to_v1_is_refused_as_removals() {
    let v1 = fixture("token-v1.json");
    let v2 = fixture("token-v2-compatible.json");
    let violations = check_append_only(&v2, &v1).unwrap_err();
    assert_eq!(
        violations,
        vec![
            Violation::Removed {
                name: "holding_limit".into()
            },
            Violation::Removed {
                name: "limit_enabled".into()
            },
        ]
    );
}

/// Layout files of one contract, keyed by numeric version.
type Versions = Vec<(Vec<u64>, PathBuf)>;

/// `deployments/layouts/<contract>/<version>.json`, versions sorted
/// numerically (`1.10.0` after `1.9.0`).
fn released_layouts() -> Vec<(String, Versions)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deployments/layouts");
    let mut contracts = Vec::new();
    let Ok(entries) = std::fs::read_dir(&root) else {
        return contracts;
    };
    for entry in entries.flatten().filter(|e| e.path().is_dir()) {
        let mut versions: Versions = std::fs::read_dir(entry.path())
            .unwrap()
            .flatten()
            .map(|f| f.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| {
                let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
                let key = stem
                    .split('.')
                    .map(|part| part.parse().unwrap_or_else(|_| panic!("version {stem:?}")))
                    .collect();
                (key, p)
            })
            .collect();
        versions.sort();
        contracts.push((entry.file_name().to_string_lossy().into_owned(), versions));
    }
    contracts
}

#[test]
fn every_released_layout_is_valid_and_extends_the_one_before() {
    for (contract, versions) in released_layouts() {
        let layouts: Vec<Layout> = versions
            .iter()
            .map(|(_, path)| {
                Layout::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            })
            .collect();
        for layout in &layouts {
            assert_eq!(
                layout.contract, contract,
                "file under the wrong contract folder"
            );
        }
        for pair in layouts.windows(2) {
            if let Err(violations) = check_append_only(&pair[0], &pair[1]) {
                let reasons: Vec<String> = violations.iter().map(ToString::to_string).collect();
                panic!(
                    "{contract} {} -> {}: {}",
                    pair[0].version,
                    pair[1].version,
                    reasons.join("; ")
                );
            }
        }
    }
}
