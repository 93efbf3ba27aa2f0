//! Read-only invariants against a token already deployed on any chain
//! (`sto-audit --rpc-url URL --token ADDR`): holders are found from the
//! token's `Transfer` logs; each holder's partitions must sum to its
//! balance with no zero-balance entry, balances must reconcile with the
//! logs, and the totals must add up; from layout 1.1.0 on, frozen plus
//! pledged never exceeds a holding and the per-category totals equal the
//! scan of holders and sum to the total supply.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{SolCall, SolEvent};
use serde_json::{json, Value};
use sto_abi::{IERC20Face, ISecurityTokenCompliance as C, IERC1410};

use crate::check::Counts;

/// A JSON-RPC client over plain HTTP (no TLS: point it at a local node or
/// a tunnel to the chain's RPC).
pub struct Rpc {
    host: String,
    path: String,
}

impl Rpc {
    /// A client for `url` (`http://host:port[/path]`).
    ///
    /// # Errors
    /// Not an `http://` URL.
    pub fn new(url: &str) -> Result<Self, String> {
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| format!("--rpc-url {url:?}: only http:// URLs are supported"))?;
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        Ok(Self {
            host: host.to_string(),
            path: path.to_string(),
        })
    }

    /// One request; the `result`, or the error object as a message.
    ///
    /// # Errors
    /// Connection failure or a JSON-RPC error.
    pub fn request(&self, method: &str, params: Value) -> Result<Value, String> {
        let body =
            json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
        let mut s = std::net::TcpStream::connect(&self.host)
            .map_err(|e| format!("cannot reach {}: {e}", self.host))?;
        write!(
            s,
            "POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.path,
            self.host,
            body.len()
        )
        .map_err(|e| e.to_string())?;
        let mut response = String::new();
        s.read_to_string(&mut response).map_err(|e| e.to_string())?;
        let start = response.find("\r\n\r\n").ok_or("malformed HTTP response")? + 4;
        let v: Value =
            serde_json::from_str(&response[start..]).map_err(|e| format!("not JSON-RPC: {e}"))?;
        if let Some(e) = v.get("error") {
            return Err(format!("{method}: {e}"));
        }
        Ok(v["result"].clone())
    }

    /// A decoded `eth_call`.
    ///
    /// # Errors
    /// The call fails or does not decode.
    pub fn call<C: SolCall>(&self, to: Address, call: C) -> Result<C::Return, String> {
        let data = format!("0x{}", hex::encode(call.abi_encode()));
        let out = self.request(
            "eth_call",
            json!([{"to": to.to_string(), "data": data}, "latest"]),
        )?;
        let hex_out = out.as_str().ok_or("eth_call returned no data")?;
        let bytes = hex::decode(hex_out.trim_start_matches("0x")).map_err(|e| e.to_string())?;
        C::abi_decode_returns(&bytes).map_err(|e| format!("{}: {e}", C::SIGNATURE))
    }
}

/// Checks the read-only invariants of `token`; returns the counts and
/// every violation found.
///
/// # Errors
/// The chain cannot be read.
pub fn audit(rpc: &Rpc, token: Address) -> Result<(Counts, Vec<String>), String> {
    let mut counts = Counts::new();
    let mut violations = vec![];
    let mut check = |name: &'static str, ok: bool, what: String| {
        *counts.entry(name).or_default() += 1;
        if !ok {
            violations.push(format!("{name}: {what}"));
        }
    };
    let logs = rpc.request(
        "eth_getLogs",
        json!([{"address": token.to_string(), "fromBlock": "0x0", "toBlock": "latest", "topics": [IERC20Face::Transfer::SIGNATURE_HASH.to_string()]}]),
    )?;
    let mut net: BTreeMap<Address, (U256, U256)> = BTreeMap::new();
    for log in logs.as_array().ok_or("eth_getLogs returned no list")? {
        let topics: Vec<B256> = log["topics"]
            .as_array()
            .ok_or("log without topics")?
            .iter()
            .filter_map(|t| t.as_str()?.parse().ok())
            .collect();
        let data = hex::decode(
            log["data"]
                .as_str()
                .unwrap_or("0x")
                .trim_start_matches("0x"),
        )
        .map_err(|e| e.to_string())?;
        let e = IERC20Face::Transfer::decode_raw_log(topics.iter().copied(), &data)
            .map_err(|e| format!("Transfer log: {e}"))?;
        if !e.from.is_zero() {
            net.entry(e.from).or_default().1 += e.value;
        }
        if !e.to.is_zero() {
            net.entry(e.to).or_default().0 += e.value;
        }
    }
    let total = rpc.call(token, IERC20Face::totalSupplyCall {})?;
    // The Korean rules' views exist from layout 1.1.0 on; an older token
    // answers them with UnknownFunction and their checks are skipped.
    let reconciliation = rpc.call(token, C::reconciliationCall {}).ok();
    let mut by_category = [U256::ZERO; 4];
    let mut sum_balances = U256::ZERO;
    for (holder, (received, sent)) in &net {
        let balance = rpc.call(token, IERC20Face::balanceOfCall { account: *holder })?;
        let parts = rpc.call(
            token,
            IERC1410::partitionsOfCall {
                tokenHolder: *holder,
            },
        )?;
        let mut sum = U256::ZERO;
        for p in &parts {
            let b = rpc.call(
                token,
                IERC1410::balanceOfByPartitionCall {
                    partition: *p,
                    tokenHolder: *holder,
                },
            )?;
            check(
                "partitionsOf has no zero-balance entry",
                !b.is_zero(),
                format!("{holder} lists {p} at 0"),
            );
            if reconciliation.is_some() {
                let frozen = rpc.call(
                    token,
                    C::frozenBalanceOfCall {
                        partition: *p,
                        holder: *holder,
                    },
                )?;
                let pledged = rpc.call(
                    token,
                    C::pledgedBalanceOfCall {
                        partition: *p,
                        holder: *holder,
                    },
                )?;
                check(
                    "frozen + pledged never exceeds the holding (R10, R14)",
                    frozen + pledged <= b,
                    format!("{holder} in {p}: frozen {frozen} + pledged {pledged} > {b}"),
                );
            }
            sum += b;
        }
        check(
            "per-holder sum over partitions == balanceOf",
            sum == balance,
            format!("{holder}: {sum} vs {balance}"),
        );
        let from_logs = received.checked_sub(*sent);
        check(
            "balance reconciles with the Transfer logs",
            from_logs == Some(balance),
            format!("{holder}: logs give {from_logs:?}, balanceOf {balance}"),
        );
        sum_balances += balance;
        if reconciliation.is_some() {
            let info = rpc.call(token, C::holderInfoCall { holder: *holder })?;
            by_category[usize::from(info.category.min(3))] += balance;
        }
    }
    if let Some(r) = &reconciliation {
        let onchain = [r.unclassified, r.individual, r.corporate, r.issuerOwn];
        check(
            "per-category totals equal the scan of holders (R17)",
            onchain == by_category,
            format!("token {onchain:?}, scan {by_category:?}"),
        );
        check(
            "sum over categories == totalSupply (R17)",
            onchain.iter().copied().sum::<U256>() == total && r.supply == total,
            format!("{onchain:?} vs {total}"),
        );
    }
    check(
        "sum of balances == totalSupply",
        sum_balances == total,
        format!("{sum_balances} vs {total}"),
    );
    let mut sum_parts = U256::ZERO;
    for p in rpc.call(token, IERC1410::totalPartitionsCall {})? {
        sum_parts += rpc.call(token, IERC1410::totalSupplyByPartitionCall { partition: p })?;
    }
    check(
        "sum over partitions == totalSupply",
        sum_parts == total,
        format!("{sum_parts} vs {total}"),
    );
    Ok((counts, violations))
}
