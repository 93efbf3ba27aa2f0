//! Dev helpers under the names anvil users know: `evm_snapshot`,
//! `evm_revert`, `evm_mine`, `evm_increaseTime`,
//! `evm_setNextBlockTimestamp`, `evm_setAutomine`, `anvil_mine`,
//! `anvil_setBalance`, `anvil_setCode`, `anvil_setNonce`,
//! `anvil_setStorageAt` (each `anvil_*` also answers as `hardhat_*`).
//! State edits made with these helpers are not transactions: no block is
//! mined for them, as in anvil.

use alloy::primitives::{Address, Bytes, B256, U256, U64};
use jsonrpsee::types::Params;
use jsonrpsee::RpcModule;
use serde_json::json;

use super::errors::{chain_error, internal, invalid_params};
use super::{method, Ctx};
use crate::executor::Executor;

/// Most blocks `anvil_mine` mines in one call.
pub const MAX_MINE: u64 = 10_000;

/// Registers every method of this module.
pub fn register<E: Executor>(m: &mut RpcModule<Ctx<E>>) {
    method(
        m,
        "evm_snapshot",
        |_, ctx: std::sync::Arc<Ctx<E>>| async move {
            let id = ctx.chain.run(|c| c.snapshot()).await.map_err(internal)?;
            Ok(json!(id))
        },
    );
    method(
        m,
        "evm_revert",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let id: U256 = p.one()?;
            let ok = ctx
                .chain
                .run(move |c| c.revert_to(id).is_ok())
                .await
                .map_err(internal)?;
            Ok(json!(ok))
        },
    );
    method(
        m,
        "evm_mine",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let ts: Option<U64> = p.sequence().optional_next()?;
            ctx.chain
                .run(move |c| {
                    if let Some(t) = ts {
                        c.set_next_timestamp(t.to());
                    }
                    c.mine()
                })
                .await
                .map_err(internal)?;
            Ok(json!("0x0"))
        },
    );
    for name in ["anvil_mine", "hardhat_mine"] {
        method(
            m,
            name,
            |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
                let mut seq = p.sequence();
                let count: Option<U64> = seq.optional_next()?;
                let count = count.map(|c| c.to::<u64>()).unwrap_or(1);
                if count > MAX_MINE {
                    return Err(invalid_params(format!(
                        "cannot mine {count} blocks at once (at most {MAX_MINE})"
                    )));
                }
                ctx.chain
                    .run(move |c| {
                        for _ in 0..count {
                            c.mine();
                        }
                    })
                    .await
                    .map_err(internal)?;
                Ok(json!(null))
            },
        );
    }
    method(
        m,
        "evm_increaseTime",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let secs: U64 = p.one()?;
            let total = ctx
                .chain
                .run(move |c| c.increase_time(secs.to::<u64>() as i64))
                .await
                .map_err(internal)?;
            Ok(json!(format!("{total:#x}")))
        },
    );
    method(
        m,
        "evm_setNextBlockTimestamp",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let ts: U64 = p.one()?;
            ctx.chain
                .run(move |c| {
                    let head = c.head().header.timestamp;
                    if ts.to::<u64>() <= head {
                        return Err(invalid_params(format!(
                            "timestamp {} is not after the head block's {head}",
                            ts.to::<u64>()
                        )));
                    }
                    c.set_next_timestamp(ts.to());
                    Ok(json!(null))
                })
                .await
                .map_err(internal)?
        },
    );
    method(
        m,
        "evm_setAutomine",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let on: bool = p.one()?;
            ctx.chain
                .run(move |c| c.set_automine(on))
                .await
                .map_err(internal)?;
            Ok(json!(true))
        },
    );
    for name in ["anvil_setBalance", "hardhat_setBalance"] {
        method(
            m,
            name,
            |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
                let mut seq = p.sequence();
                let a: Address = seq.next()?;
                let v: U256 = seq.next()?;
                edit(&ctx, move |e| e.set_balance(a, v)).await
            },
        );
    }
    for name in ["anvil_setCode", "hardhat_setCode"] {
        method(
            m,
            name,
            |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
                let mut seq = p.sequence();
                let a: Address = seq.next()?;
                let code: Bytes = seq.next()?;
                edit(&ctx, move |e| e.set_code(a, code)).await
            },
        );
    }
    for name in ["anvil_setNonce", "hardhat_setNonce"] {
        method(
            m,
            name,
            |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
                let mut seq = p.sequence();
                let a: Address = seq.next()?;
                let n: U64 = seq.next()?;
                edit(&ctx, move |e| e.set_nonce(a, n.to())).await
            },
        );
    }
    for name in ["anvil_setStorageAt", "hardhat_setStorageAt"] {
        method(
            m,
            name,
            |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
                let mut seq = p.sequence();
                let a: Address = seq.next()?;
                let slot: U256 = seq.next()?;
                let v: B256 = seq.next()?;
                edit(&ctx, move |e| e.set_storage(a, slot, v.into())).await
            },
        );
    }
}

async fn edit<E: Executor>(
    ctx: &Ctx<E>,
    f: impl FnOnce(&mut E) + Send + 'static,
) -> super::RpcResult {
    ctx.chain
        .run(move |c| {
            f(c.engine_mut());
            Ok::<_, crate::chain::ChainError>(())
        })
        .await
        .map_err(internal)?
        .map_err(chain_error)?;
    Ok(json!(true))
}
