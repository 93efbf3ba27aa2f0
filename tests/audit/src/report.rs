//! The audit report, in Markdown for people and JSON for machines: what
//! was tested (program code hashes), how much (sequences, calls, checks by
//! name), and any failure with its minimal sequence and seed.

use std::path::Path;

use alloy_sol_types::SolInterface;
use serde_json::json;
use sto_abi::ISecurityTokenErrors::ISecurityTokenErrorsErrors;

use crate::ops::render;
use crate::suite::Summary;

/// The name and arguments of a token error, or its hex.
pub fn error_name(data: &[u8]) -> String {
    match ISecurityTokenErrorsErrors::abi_decode(data) {
        Ok(e) => format!("{e:?}"),
        Err(_) if data.is_empty() => "empty revert".into(),
        Err(_) => format!("0x{}", hex::encode(data)),
    }
}

/// The report as Markdown.
pub fn markdown(s: &Summary) -> String {
    let mut out = String::from("# Security token audit: property suite\n\n");
    out += &format!(
        "Verdict: **{}**\n\nSeed {} · {} cases asked · sequences of up to {} calls · {} sequences run · {} calls · {:.1} s ({:.1} sequences/s)\n\n",
        if s.failure.is_none() { "PASS" } else { "FAIL" },
        s.settings.seed,
        s.settings.cases,
        s.settings.max_len,
        s.sequences,
        s.calls,
        s.duration.as_secs_f64(),
        s.sequences as f64 / s.duration.as_secs_f64().max(1e-9)
    );
    out += "## Programs tested (the deployable wasm, behind the beacon proxy)\n\n| program | keccak256 of the deployed code |\n|---|---|\n";
    for (name, hash) in &s.code_hashes {
        out += &format!("| {name} | `{hash}` |\n");
    }
    out += "\n## Checks\n\n| check | times |\n|---|---:|\n";
    for (name, n) in &s.counts {
        out += &format!("| {name} | {n} |\n");
    }
    if let Some(f) = &s.failure {
        out += &format!(
            "\n## Failure\n\n{}\n\nMinimal sequence (replay with `--seed {}`):\n\n```\n{}```\n",
            f.reason,
            s.settings.seed,
            render(&f.sequence)
        );
    }
    out
}

/// The report as JSON.
pub fn json(s: &Summary) -> serde_json::Value {
    json!({
        "verdict": if s.failure.is_none() { "pass" } else { "fail" },
        "seed": s.settings.seed,
        "cases": s.settings.cases,
        "max_len": s.settings.max_len,
        "sequences": s.sequences,
        "calls": s.calls,
        "seconds": s.duration.as_secs_f64(),
        "programs": s.code_hashes.iter().map(|(n, h)| json!({"program": n, "code_hash": h.to_string()})).collect::<Vec<_>>(),
        "checks": s.counts,
        "failure": s.failure.as_ref().map(|f| json!({
            "reason": f.reason,
            "sequence": f.sequence.iter().map(|o| o.to_string()).collect::<Vec<_>>(),
        })),
    })
}

/// Writes `report.md` and `report.json` into `dir`.
///
/// # Errors
/// The directory cannot be written.
pub fn write(dir: &Path, s: &Summary) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("report.md"), markdown(s))?;
    std::fs::write(
        dir.join("report.json"),
        serde_json::to_string_pretty(&json(s))? + "\n",
    )
}
