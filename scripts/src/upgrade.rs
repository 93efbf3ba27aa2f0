//! `sto upgrade`: a new implementation for every token at once. The
//! storage-layout check runs before anything is sent; the beacon is pointed
//! at the new implementation only after both programs are deployed; then
//! every recorded token is called through its proxy and the answers are
//! reported.

use alloy::primitives::{keccak256, Address};
use beacon_abi::beacon::IUpgradeableBeacon;
use serde_json::json;
use sto_abi::{IERC20Face, ISecurityTokenProgram};

use crate::client::CliError;
use crate::ctx::Ctx;
use crate::deploy::{token_programs, EXTENSIONS};
use crate::layouts;
use crate::records::{ContractRecord, UpgradeRecord};
use crate::stack::artifact;

/// `sto upgrade` flags.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct UpgradeArgs {
    /// Upgrade even when the new storage layout is not an append-only
    /// extension of the recorded one (tokens may lose or corrupt state).
    #[arg(long)]
    pub force_unsafe: bool,
    /// Deploy fresh programs even when this build's code is the code the
    /// beacon already runs (e.g. to replace a lost extension).
    #[arg(long)]
    pub redeploy: bool,
}

/// The layout rule: `Ok(false)` when `new` is an append-only extension of
/// `old`; `Ok(true)` (with a warning on stderr) when it is not but
/// `force` is set; otherwise the refusal listing every violation.
///
/// # Errors
/// The refusal.
pub fn layout_verdict(
    old_ref: &str,
    old: &storage_layout::Layout,
    new_ref: &str,
    new: &storage_layout::Layout,
    force: bool,
) -> Result<bool, CliError> {
    let Err(violations) = storage_layout::check_append_only(old, new) else {
        return Ok(false);
    };
    let list: Vec<String> = violations.iter().map(|v| v.to_string()).collect();
    if !force {
        return Err(CliError(format!(
            "refusing the upgrade: storage layout {new_ref} is not an append-only extension of {old_ref}: {}",
            list.join("; ")
        )));
    }
    eprintln!(
        "warning: --force-unsafe: upgrading despite an incompatible storage layout ({}); every token may read corrupt state",
        list.join("; ")
    );
    Ok(true)
}

/// `sto upgrade`.
///
/// # Errors
/// No stack recorded, an incompatible layout without `--force-unsafe`,
/// nothing to upgrade without `--redeploy`, or a transaction fails.
pub async fn run(ctx: &mut Ctx, args: UpgradeArgs) -> Result<(), CliError> {
    ctx.sender()?;
    let old_impl = ctx.records.contract("security-token")?.clone();
    // A stack recorded before the compliance extension existed has only
    // the admin extension.
    let old_extensions: Vec<Option<ContractRecord>> = EXTENSIONS
        .iter()
        .map(|name| ctx.records.records.contracts.get(*name).cloned())
        .collect();
    let beacon = ctx.records.contract("upgradeable-beacon")?.address;

    // 1. The layout rule, before anything is sent.
    let old_ref = old_impl
        .layout
        .clone()
        .unwrap_or_else(|| layouts::reference("1.0.0"));
    let old_layout = layouts::load(&old_ref)?;
    let (new_ref, new_layout) = layouts::current();
    let forced = layout_verdict(
        &old_ref,
        &old_layout,
        &new_ref,
        &new_layout,
        args.force_unsafe,
    )?;
    if !forced {
        ctx.out
            .line(format!("storage layout: {new_ref} extends {old_ref}"));
    }

    // 2. Something to upgrade to.
    let same_impl = old_impl.code_hash == keccak256(artifact("security-token")?.code);
    let mut keep = [None, None];
    for (i, name) in EXTENSIONS.iter().enumerate() {
        let built = keccak256(artifact(name)?.code);
        if let Some(rec) = &old_extensions[i] {
            if rec.code_hash == built && !args.redeploy {
                keep[i] = Some(rec.address);
            }
        }
    }
    if same_impl && keep.iter().all(Option::is_some) && !args.redeploy {
        return Err(CliError(format!(
            "nothing to upgrade: the beacon's implementation {} already runs this build's code (use --redeploy to deploy fresh programs anyway)",
            old_impl.address
        )));
    }
    // Steps: each extension not kept, the implementation, the upgrade.
    let total = keep.iter().filter(|k| k.is_none()).count() + 2;
    let mut step = 0;
    let (token, deployed) = token_programs(ctx, keep, &mut step, total).await?;

    // 3. Point the beacon at it.
    step += 1;
    ctx.out
        .progress(step, total, "pointing the beacon at the new implementation");
    let call = IUpgradeableBeacon::upgradeToCall {
        newImplementation: token.address,
    };
    let sent = ctx.send("beacon.upgradeTo", beacon, call).await?;
    let now =
        |d: &crate::stack::Deployed, name: &str, layout| -> Result<ContractRecord, CliError> {
            let p = artifact(name)?;
            Ok(ContractRecord {
                address: d.address,
                tx: d.deploy.hash,
                block: d.deploy.block,
                code_hash: keccak256(p.code),
                compressed_size: p.code.len(),
                version: env!("CARGO_PKG_VERSION").to_string(),
                layout,
            })
        };
    let new_impl_rec = now(&token, "security-token", Some(new_ref.clone()))?;
    ctx.records
        .records
        .contracts
        .insert("security-token".into(), new_impl_rec);
    let mut extensions = keep;
    for (i, d) in &deployed {
        let rec = now(d, EXTENSIONS[*i], None)?;
        ctx.records
            .records
            .contracts
            .insert(EXTENSIONS[*i].into(), rec);
        extensions[*i] = Some(d.address);
    }
    ctx.records.records.upgrades.push(UpgradeRecord {
        from: old_impl.address,
        to: token.address,
        tx: sent.hash,
        block: sent.block,
        forced,
    });
    ctx.records.save()?;

    // 4. Every recorded token, through its proxy.
    let expected: Vec<Address> = extensions.iter().flatten().copied().collect();
    let mut rows = vec![];
    let mut report = vec![];
    let tokens = ctx.records.records.tokens.clone();
    for t in &tokens {
        let supply = ctx
            .client
            .read(t.address, IERC20Face::totalSupplyCall {})
            .await;
        let ext = ctx
            .client
            .read(t.address, ISecurityTokenProgram::extensionsCall {})
            .await;
        let (ok, detail) = match (&supply, &ext) {
            (Ok(s), Ok(e)) if *e == expected => (
                true,
                format!("total supply {s}, extensions {}", join_addresses(e)),
            ),
            (Ok(_), Ok(e)) => (false, format!("answers but names extension {e:?}")),
            (Err(e), _) | (_, Err(e)) => (false, e.to_string()),
        };
        rows.push(vec![
            t.symbol.clone(),
            t.address.to_string(),
            if ok {
                "answered".into()
            } else {
                "FAILED".into()
            },
            detail.clone(),
        ]);
        report.push(json!({"symbol": t.symbol, "address": t.address.to_string(), "answered": ok, "detail": detail}));
    }
    ctx.out.line(format!(
        "beacon {beacon} now names {} (was {})",
        token.address, old_impl.address
    ));
    ctx.out
        .table(&["token", "address", "status", "detail"], &rows);
    ctx.out
        .field("implementation", json!(token.address.to_string()));
    ctx.out
        .field("previous", json!(old_impl.address.to_string()));
    ctx.out.field("forced", json!(forced));
    ctx.out.field("tokens", json!(report));
    let failed = report
        .iter()
        .filter(|r| r["answered"] == json!(false))
        .count();
    if failed > 0 {
        return Err(CliError(format!(
            "the beacon was upgraded but {failed} of {} tokens did not answer correctly (see the table)",
            report.len()
        )));
    }
    Ok(())
}

/// `a, b` for a list of addresses.
fn join_addresses(list: &[Address]) -> String {
    list.iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use storage_layout::Layout;

    #[test]
    fn an_incompatible_layout_is_refused_unless_forced() {
        let (_, current) = layouts::current();
        assert_eq!(
            layout_verdict("old", &current, "new", &current, false),
            Ok(false)
        );
        let extended = current.clone().field("new_field", 40, 0, 32, "uint256");
        assert_eq!(
            layout_verdict("old", &current, "new", &extended, false),
            Ok(false)
        );
        let mut retyped = current.clone();
        retyped.fields[3].ty = "uint128".into();
        let refusal = layout_verdict("old", &current, "new", &retyped, false).unwrap_err();
        assert!(refusal.0.contains("refusing the upgrade"), "{refusal}");
        assert!(
            refusal.0.contains("total_supply"),
            "names the field: {refusal}"
        );
        assert_eq!(
            layout_verdict("old", &current, "new", &retyped, true),
            Ok(true)
        );
        let removed = Layout {
            fields: current.fields[..5].to_vec(),
            ..current.clone()
        };
        assert!(layout_verdict("old", &current, "new", &removed, false).is_err());
    }
}
