//! The `eth_`, `net_` and `web3_` methods.

use alloy::consensus::{SignableTransaction, TxEip1559, TxEnvelope, TxLegacy};
use alloy::eips::eip2718::Decodable2718;
use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::primitives::{Address, Bytes, TxKind, B256, U256, U64};
use alloy::rpc::types::state::StateOverride;
use alloy::rpc::types::{FeeHistory, Filter, FilterBlockOption, TransactionRequest};
use alloy::signers::SignerSync;
use jsonrpsee::types::Params;
use jsonrpsee::RpcModule;
use serde_json::{json, Value};

use super::convert::{block_ref, call_input, number_ref, rpc_block, rpc_receipt, rpc_transaction};
use super::errors::{chain_error, internal, invalid_params};
use super::{method, Ctx, RpcResult};
use crate::chain::filters::{self, FilterKind, MAX_LOG_RANGE};
use crate::chain::{BlockRef, Chain, ChainError};
use crate::executor::Executor;

/// Version string reported by `web3_clientVersion`.
pub const CLIENT_VERSION: &str = concat!("sto-devnode/v", env!("CARGO_PKG_VERSION"), "/stylus");

fn to_value<T: serde::Serialize>(v: T) -> RpcResult {
    serde_json::to_value(v).map_err(|e| invalid_params(format!("cannot encode result: {e}")))
}

fn hex_u64(n: u64) -> Value {
    json!(format!("{n:#x}"))
}

/// Registers every method of this module.
pub fn register<E: Executor>(m: &mut RpcModule<Ctx<E>>) {
    method(m, "web3_clientVersion", |_, _| async {
        Ok(json!(CLIENT_VERSION))
    });
    method(m, "web3_sha3", |p: Params<'static>, _| async move {
        let data: Bytes = p.one()?;
        Ok(json!(alloy::primitives::keccak256(&data)))
    });
    method(
        m,
        "net_version",
        |_, ctx: std::sync::Arc<Ctx<E>>| async move {
            let id = ctx
                .chain
                .run(|c| c.config().chain_id)
                .await
                .map_err(internal)?;
            Ok(json!(id.to_string()))
        },
    );
    method(m, "net_listening", |_, _| async { Ok(json!(true)) });
    method(m, "net_peerCount", |_, _| async { Ok(json!("0x0")) });
    method(
        m,
        "eth_chainId",
        |_, ctx: std::sync::Arc<Ctx<E>>| async move {
            let id = ctx
                .chain
                .run(|c| c.config().chain_id)
                .await
                .map_err(internal)?;
            Ok(hex_u64(id))
        },
    );
    method(m, "eth_syncing", |_, _| async { Ok(json!(false)) });
    method(m, "eth_mining", |_, _| async { Ok(json!(true)) });
    method(m, "eth_hashrate", |_, _| async { Ok(json!("0x0")) });
    method(
        m,
        "eth_blockNumber",
        |_, ctx: std::sync::Arc<Ctx<E>>| async move {
            let n = ctx.chain.run(|c| c.head_number()).await.map_err(internal)?;
            Ok(hex_u64(n))
        },
    );
    method(
        m,
        "eth_accounts",
        |_, ctx: std::sync::Arc<Ctx<E>>| async move {
            to_value(ctx.accounts.iter().map(|a| a.address).collect::<Vec<_>>())
        },
    );
    method(
        m,
        "eth_gasPrice",
        |_, ctx: std::sync::Arc<Ctx<E>>| async move {
            let fee = ctx
                .chain
                .run(|c| c.next_base_fee())
                .await
                .map_err(internal)?;
            Ok(hex_u64(fee))
        },
    );
    method(m, "eth_maxPriorityFeePerGas", |_, _| async {
        // Arbitrum ignores the priority fee; tips buy nothing.
        Ok(json!("0x0"))
    });
    method(m, "eth_feeHistory", fee_history::<E>);
    method(
        m,
        "eth_getBalance",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let (address, at) = address_and_block(&p)?;
            let v = state_read(&ctx, at, move |e| e.balance(address)).await?;
            to_value(v)
        },
    );
    method(
        m,
        "eth_getTransactionCount",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let (address, at) = address_and_block(&p)?;
            let n = if at == BlockRef::Pending {
                ctx.chain
                    .run(move |c| c.next_nonce(address))
                    .await
                    .map_err(internal)?
            } else {
                state_read(&ctx, at, move |e| e.nonce(address)).await?
            };
            Ok(hex_u64(n))
        },
    );
    method(
        m,
        "eth_getCode",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let (address, at) = address_and_block(&p)?;
            let code = state_read(&ctx, at, move |e| e.code(address)).await?;
            to_value(code)
        },
    );
    method(
        m,
        "eth_getStorageAt",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let mut seq = p.sequence();
            let address: Address = seq.next()?;
            let slot: U256 = seq.next()?;
            let at = block_ref(seq.optional_next::<BlockId>()?);
            let v = state_read(&ctx, at, move |e| e.storage(address, slot)).await?;
            to_value(B256::from(v))
        },
    );
    method(m, "eth_call", eth_call::<E>);
    method(m, "eth_estimateGas", estimate_gas::<E>);
    method(
        m,
        "eth_sendRawTransaction",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let raw: Bytes = p.one()?;
            let envelope = TxEnvelope::decode_2718(&mut raw.as_ref())
                .map_err(|e| invalid_params(format!("cannot decode transaction: {e}")))?;
            let hash = ctx
                .chain
                .run(move |c| c.submit(envelope))
                .await
                .map_err(internal)?
                .map_err(chain_error)?;
            to_value(hash)
        },
    );
    method(m, "eth_sendTransaction", send_transaction::<E>);
    method(
        m,
        "eth_getTransactionByHash",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let hash: B256 = p.one()?;
            ctx.chain
                .run(move |c| match c.transaction(hash) {
                    Some((block, i)) => to_value(rpc_transaction(block, i)),
                    None => match c.pending_transaction(hash) {
                        Some(tx) => to_value(super::convert::rpc_pending_transaction(tx)),
                        None => Ok(Value::Null),
                    },
                })
                .await
                .map_err(internal)?
        },
    );
    method(
        m,
        "eth_getTransactionReceipt",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let hash: B256 = p.one()?;
            ctx.chain
                .run(move |c| match c.transaction(hash) {
                    Some((block, i)) => to_value(rpc_receipt(block, i)),
                    None => Ok(Value::Null),
                })
                .await
                .map_err(internal)?
        },
    );
    method(
        m,
        "eth_getBlockByNumber",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let mut seq = p.sequence();
            let n: BlockNumberOrTag = seq.next()?;
            let full: bool = seq.optional_next()?.unwrap_or(false);
            get_block(&ctx, number_ref(n), full).await
        },
    );
    method(
        m,
        "eth_getBlockByHash",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let mut seq = p.sequence();
            let h: B256 = seq.next()?;
            let full: bool = seq.optional_next()?.unwrap_or(false);
            get_block(&ctx, BlockRef::Hash(h), full).await
        },
    );
    method(
        m,
        "eth_getBlockTransactionCountByNumber",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let n: BlockNumberOrTag = p.one()?;
            block_tx_count(&ctx, number_ref(n)).await
        },
    );
    method(
        m,
        "eth_getBlockTransactionCountByHash",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let h: B256 = p.one()?;
            block_tx_count(&ctx, BlockRef::Hash(h)).await
        },
    );
    method(
        m,
        "eth_getTransactionByBlockNumberAndIndex",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let mut seq = p.sequence();
            let n: BlockNumberOrTag = seq.next()?;
            let i: U64 = seq.next()?;
            tx_by_block_and_index(&ctx, number_ref(n), i.to::<u64>() as usize).await
        },
    );
    method(
        m,
        "eth_getTransactionByBlockHashAndIndex",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let mut seq = p.sequence();
            let h: B256 = seq.next()?;
            let i: U64 = seq.next()?;
            tx_by_block_and_index(&ctx, BlockRef::Hash(h), i.to::<u64>() as usize).await
        },
    );
    method(
        m,
        "eth_getLogs",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let filter: Filter = p.one()?;
            ctx.chain
                .run(move |c| get_logs(c, &filter))
                .await
                .map_err(internal)?
        },
    );
    method(
        m,
        "eth_newFilter",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let filter: Filter = p.one()?;
            install(&ctx, FilterKind::Logs(Box::new(filter))).await
        },
    );
    method(
        m,
        "eth_newBlockFilter",
        |_, ctx: std::sync::Arc<Ctx<E>>| async move { install(&ctx, FilterKind::Blocks).await },
    );
    method(
        m,
        "eth_newPendingTransactionFilter",
        |_, ctx: std::sync::Arc<Ctx<E>>| async move {
            install(&ctx, FilterKind::PendingTransactions).await
        },
    );
    method(
        m,
        "eth_uninstallFilter",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let id: U256 = p.one()?;
            let removed = ctx
                .chain
                .run(move |c| c.filters.uninstall(id))
                .await
                .map_err(internal)?;
            Ok(json!(removed))
        },
    );
    method(
        m,
        "eth_getFilterChanges",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let id: U256 = p.one()?;
            ctx.chain
                .run(move |c| filter_changes(c, id, true))
                .await
                .map_err(internal)?
        },
    );
    method(
        m,
        "eth_getFilterLogs",
        |p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>| async move {
            let id: U256 = p.one()?;
            ctx.chain
                .run(move |c| filter_changes(c, id, false))
                .await
                .map_err(internal)?
        },
    );
}

fn address_and_block(
    p: &Params<'static>,
) -> Result<(Address, BlockRef), jsonrpsee::types::ErrorObjectOwned> {
    let mut seq = p.sequence();
    let address: Address = seq.next()?;
    let at = block_ref(seq.optional_next::<BlockId>()?);
    Ok((address, at))
}

async fn state_read<E: Executor, T: Send + 'static>(
    ctx: &Ctx<E>,
    at: BlockRef,
    f: impl FnOnce(&E) -> T + Send + 'static,
) -> Result<T, jsonrpsee::types::ErrorObjectOwned> {
    ctx.chain
        .run(move |c| c.with_state_at(at, |e, _| f(e)))
        .await
        .map_err(internal)?
        .map_err(chain_error)
}

async fn get_block<E: Executor>(ctx: &Ctx<E>, at: BlockRef, full: bool) -> RpcResult {
    ctx.chain
        .run(move |c| match c.block(at) {
            Ok(b) => to_value(rpc_block(b, full)),
            Err(_) => Ok(Value::Null),
        })
        .await
        .map_err(internal)?
}

async fn block_tx_count<E: Executor>(ctx: &Ctx<E>, at: BlockRef) -> RpcResult {
    ctx.chain
        .run(move |c| match c.block(at) {
            Ok(b) => Ok(hex_u64(b.txs.len() as u64)),
            Err(_) => Ok(Value::Null),
        })
        .await
        .map_err(internal)?
}

async fn tx_by_block_and_index<E: Executor>(ctx: &Ctx<E>, at: BlockRef, i: usize) -> RpcResult {
    ctx.chain
        .run(move |c| match c.block(at) {
            Ok(b) if i < b.txs.len() => to_value(rpc_transaction(b, i)),
            _ => Ok(Value::Null),
        })
        .await
        .map_err(internal)?
}

fn parse_call(
    p: &Params<'static>,
) -> Result<(TransactionRequest, BlockRef, Option<StateOverride>), jsonrpsee::types::ErrorObjectOwned>
{
    let mut seq = p.sequence();
    let req: TransactionRequest = seq.next()?;
    let at = block_ref(seq.optional_next::<BlockId>()?);
    let overrides: Option<StateOverride> = seq.optional_next()?;
    Ok((req, at, overrides))
}

async fn eth_call<E: Executor>(p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>) -> RpcResult {
    let (req, at, overrides) = parse_call(&p)?;
    let out = ctx
        .chain
        .run(move |c: &mut Chain<E>| {
            let input = call_input(&req, c.config().block_gas_limit);
            match overrides {
                None => c.call(&input, at),
                Some(o) => c.call_with_overrides(&input, at, |e| apply_overrides(e, &o)),
            }
        })
        .await
        .map_err(internal)?
        .map_err(chain_error)?;
    to_value(out.output)
}

/// Applies `eth_call` state overrides (balance, nonce, code, full `state`
/// or partial `stateDiff`).
pub fn apply_overrides<E: Executor>(e: &mut E, overrides: &StateOverride) {
    for (address, o) in overrides {
        if let Some(b) = o.balance {
            e.set_balance(*address, b);
        }
        if let Some(n) = o.nonce {
            e.set_nonce(*address, n);
        }
        if let Some(code) = &o.code {
            e.set_code(*address, code.clone());
        }
        // `state` replaces the whole storage; the engine offers no "clear
        // all", so only the listed slots are set (documented deviation).
        for map in [&o.state, &o.state_diff].into_iter().flatten() {
            for (k, v) in map {
                e.set_storage(*address, (*k).into(), (*v).into());
            }
        }
    }
}

async fn estimate_gas<E: Executor>(p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>) -> RpcResult {
    let (req, at, _) = parse_call(&p)?;
    let gas = ctx
        .chain
        .run(move |c: &mut Chain<E>| {
            let mut input = call_input(&req, c.config().block_gas_limit);
            if req.gas.is_none() {
                input.gas_limit = 0;
            }
            c.estimate_gas(&input, at)
        })
        .await
        .map_err(internal)?
        .map_err(chain_error)?;
    Ok(hex_u64(gas))
}

async fn send_transaction<E: Executor>(
    p: Params<'static>,
    ctx: std::sync::Arc<Ctx<E>>,
) -> RpcResult {
    let req: TransactionRequest = p.one()?;
    let from = req
        .from
        .ok_or_else(|| invalid_params("eth_sendTransaction needs a `from` address"))?;
    let account = ctx
        .accounts
        .iter()
        .find(|a| a.address == from)
        .cloned()
        .ok_or_else(|| chain_error(ChainError::UnknownAccount(from)))?;
    let hash = ctx
        .chain
        .run(move |c: &mut Chain<E>| -> Result<B256, ChainError> {
            let chain_id = c.config().chain_id;
            let nonce = req.nonce.unwrap_or_else(|| c.next_nonce(from));
            let gas = match req.gas {
                Some(g) => g,
                None => {
                    let input = call_input(&req, 0);
                    c.estimate_gas(&input, BlockRef::Pending)?
                }
            };
            let to = req.to.unwrap_or(TxKind::Create);
            let value = req.value.unwrap_or_default();
            let input = req.input.input().cloned().unwrap_or_default();
            let base = c.next_base_fee() as u128;
            let envelope = if let (Some(price), None) = (req.gas_price, req.max_fee_per_gas) {
                let tx = TxLegacy {
                    chain_id: Some(chain_id),
                    nonce,
                    gas_price: price,
                    gas_limit: gas,
                    to,
                    value,
                    input,
                };
                sign(&account.signer, tx)?
            } else {
                let tx = TxEip1559 {
                    chain_id,
                    nonce,
                    gas_limit: gas,
                    max_fee_per_gas: req.max_fee_per_gas.unwrap_or(base * 2),
                    max_priority_fee_per_gas: req.max_priority_fee_per_gas.unwrap_or(0),
                    to,
                    value,
                    access_list: req.access_list.clone().unwrap_or_default(),
                    input,
                };
                sign(&account.signer, tx)?
            };
            c.submit(envelope)
        })
        .await
        .map_err(internal)?
        .map_err(chain_error)?;
    to_value(hash)
}

/// Signs `tx` with a dev account's key into an envelope.
fn sign<T>(
    signer: &alloy::signers::local::PrivateKeySigner,
    tx: T,
) -> Result<TxEnvelope, ChainError>
where
    T: SignableTransaction<alloy::primitives::Signature>,
    TxEnvelope: From<alloy::consensus::Signed<T>>,
{
    let sig = signer
        .sign_hash_sync(&tx.signature_hash())
        .map_err(|e| ChainError::BadSignature(e.to_string()))?;
    Ok(TxEnvelope::from(tx.into_signed(sig)))
}

async fn fee_history<E: Executor>(p: Params<'static>, ctx: std::sync::Arc<Ctx<E>>) -> RpcResult {
    let mut seq = p.sequence();
    let count: U64 = seq.next()?;
    let newest: BlockNumberOrTag = seq.next()?;
    let percentiles: Option<Vec<f64>> = seq.optional_next()?;
    let count = count.to::<u64>().clamp(1, 1024);
    ctx.chain
        .run(move |c: &mut Chain<E>| {
            let newest = match c.block(number_ref(newest)) {
                Ok(b) => b.header.number,
                Err(e) => return Err(chain_error(e)),
            };
            let oldest = newest.saturating_sub(count - 1);
            let mut base_fees = Vec::new();
            let mut ratios = Vec::new();
            let mut rewards = Vec::new();
            for n in oldest..=newest {
                let b = &c.blocks()[n as usize];
                base_fees.push(b.header.base_fee_per_gas.unwrap_or(0) as u128);
                ratios.push(b.header.gas_used as f64 / b.header.gas_limit.max(1) as f64);
                if let Some(ps) = &percentiles {
                    rewards.push(vec![0u128; ps.len()]);
                }
            }
            base_fees.push(c.next_base_fee() as u128);
            to_value(FeeHistory {
                base_fee_per_gas: base_fees,
                gas_used_ratio: ratios,
                base_fee_per_blob_gas: vec![],
                blob_gas_used_ratio: vec![],
                oldest_block: oldest,
                reward: percentiles.map(|_| rewards),
            })
        })
        .await
        .map_err(internal)?
}

fn range_of<E: Executor>(c: &Chain<E>, filter: &Filter) -> Result<(u64, u64), ChainError> {
    match &filter.block_option {
        FilterBlockOption::AtBlockHash(h) => {
            let n = c.block(BlockRef::Hash(*h))?.header.number;
            Ok((n, n))
        }
        FilterBlockOption::Range {
            from_block,
            to_block,
        } => {
            let resolve = |b: Option<BlockNumberOrTag>, default: u64| -> Result<u64, ChainError> {
                match b {
                    None => Ok(default),
                    Some(t) => Ok(c.block(number_ref(t))?.header.number),
                }
            };
            let head = c.head_number();
            let from = resolve(*from_block, head)?;
            let to = resolve(*to_block, head)?;
            Ok((from, to))
        }
    }
}

fn get_logs<E: Executor>(c: &mut Chain<E>, filter: &Filter) -> RpcResult {
    let (from, to) = range_of(c, filter).map_err(chain_error)?;
    if to >= from && to - from > MAX_LOG_RANGE {
        return Err(invalid_params(format!(
            "block range too large: {} blocks, at most {MAX_LOG_RANGE}",
            to - from + 1
        )));
    }
    to_value(filters::matching_logs(c.blocks(), filter, from, to))
}

async fn install<E: Executor>(ctx: &Ctx<E>, kind: FilterKind) -> RpcResult {
    let id = ctx
        .chain
        .run(move |c: &mut Chain<E>| {
            let next = match &kind {
                FilterKind::Logs(f) => range_of(c, f)
                    .map(|(from, _)| from)
                    .unwrap_or(c.head_number() + 1),
                _ => c.head_number() + 1,
            };
            c.filters.install(kind, next)
        })
        .await
        .map_err(internal)?;
    match id {
        Some(id) => to_value(id),
        None => Err(invalid_params(
            "too many filters installed; uninstall some first",
        )),
    }
}

fn filter_changes<E: Executor>(c: &mut Chain<E>, id: U256, advance: bool) -> RpcResult {
    let head = c.head_number();
    let Some(f) = c.filters.get_mut(id).cloned() else {
        return Err(invalid_params(format!("filter not found: {id:#x}")));
    };
    let out = match &f.kind {
        FilterKind::Blocks => to_value(
            c.blocks()[(f.next_block as usize).min(c.blocks().len())..]
                .iter()
                .map(|b| b.hash)
                .collect::<Vec<_>>(),
        ),
        FilterKind::PendingTransactions => to_value(Vec::<B256>::new()),
        FilterKind::Logs(filter) => {
            let from = if advance {
                f.next_block
            } else {
                range_of(c, filter).map(|r| r.0).unwrap_or(0)
            };
            let to = match filter.block_option.get_to_block() {
                Some(t) => c
                    .block(number_ref(*t))
                    .map(|b| b.header.number)
                    .unwrap_or(head),
                None => head,
            };
            to_value(filters::matching_logs(c.blocks(), filter, from, to))
        }
    };
    if advance {
        if let Some(f) = c.filters.get_mut(id) {
            f.next_block = head + 1;
        }
    }
    out
}
