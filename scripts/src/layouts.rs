//! The released storage layouts of the token, compiled into the CLI from
//! `deployments/layouts/security-token/`, so `sto upgrade` can check a new
//! implementation against the one a chain runs without the repository at
//! hand. The newest entry is the layout of the implementation this binary
//! deploys.

use storage_layout::Layout;

use crate::client::CliError;

/// (version, JSON) of every released layout of `security-token`, oldest first.
const SECURITY_TOKEN: &[(&str, &str)] = &[
    (
        "1.0.0",
        include_str!("../../deployments/layouts/security-token/1.0.0.json"),
    ),
    (
        "1.1.0",
        include_str!("../../deployments/layouts/security-token/1.1.0.json"),
    ),
];

/// Name under which records refer to a layout: `security-token/1.0.0`.
pub fn reference(version: &str) -> String {
    format!("security-token/{version}")
}

/// The layout of the implementation this binary deploys.
pub fn current() -> (String, Layout) {
    let (version, _) = SECURITY_TOKEN[SECURITY_TOKEN.len() - 1];
    let layout = load(&reference(version)).expect("the embedded layouts parse (tested)");
    (reference(version), layout)
}

/// A released layout by its reference (`security-token/1.0.0`).
///
/// # Errors
/// Unknown reference, or a file that does not parse.
pub fn load(name: &str) -> Result<Layout, CliError> {
    let version = name.strip_prefix("security-token/").unwrap_or(name);
    let (_, json) = SECURITY_TOKEN
        .iter()
        .find(|(v, _)| *v == version)
        .ok_or_else(|| {
            CliError(format!(
                "storage layout {name} is not one this build knows (known: {})",
                SECURITY_TOKEN
                    .iter()
                    .map(|(v, _)| reference(v))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    serde_json::from_str(json).map_err(|e| CliError(format!("storage layout {name}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_layout_parses_and_extends_the_previous_one() {
        let mut previous: Option<Layout> = None;
        for (version, _) in SECURITY_TOKEN {
            let layout = load(&reference(version)).unwrap();
            assert_eq!(layout.version, *version);
            if let Some(old) = &previous {
                assert!(storage_layout::check_append_only(old, &layout).is_ok());
            }
            previous = Some(layout);
        }
        assert_eq!(current().0, "security-token/1.1.0");
        assert!(load("security-token/9.9.9")
            .unwrap_err()
            .0
            .contains("not one this build knows"));
    }
}
