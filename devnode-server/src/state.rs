//! `--state FILE`: the chain's accounts (balance, nonce, code, storage,
//! and with them every activation record and cache flag, which live in
//! ArbOS storage) saved as JSON when the node stops and loaded when it
//! starts. Block history is not kept: a loaded chain starts a new block 0
//! on top of the loaded state. Written to a temp file in the same
//! directory and renamed over the old one, so a crash mid-write leaves the
//! previous file intact.

use std::collections::BTreeMap;
use std::path::Path;

use alloy::primitives::{Address, Bytes, U256};
use devnode::evm::Db;
use serde::{Deserialize, Serialize};

use crate::executor::Executor;

/// Version of the file format.
pub const FORMAT: u32 = 1;

/// One account of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountState {
    /// Balance in wei.
    pub balance: U256,
    /// Nonce.
    pub nonce: u64,
    /// Code (empty for accounts without code).
    #[serde(default, skip_serializing_if = "no_code")]
    pub code: Bytes,
    /// Non-zero storage slots.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub storage: BTreeMap<U256, U256>,
}

fn no_code(code: &Bytes) -> bool {
    code.is_empty()
}

/// The file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateFile {
    /// [`FORMAT`].
    pub format: u32,
    /// Chain id it was saved from.
    pub chain_id: u64,
    /// Accounts by address.
    pub accounts: BTreeMap<Address, AccountState>,
}

/// The accounts of `db`.
pub fn capture(db: &Db, chain_id: u64) -> StateFile {
    let mut accounts = BTreeMap::new();
    for (address, account) in &db.cache.accounts {
        let info = &account.info;
        let code = info
            .code
            .clone()
            .or_else(|| db.cache.contracts.get(&info.code_hash).cloned())
            .map(|c| c.original_bytes())
            .unwrap_or_default();
        let storage: BTreeMap<U256, U256> = account
            .storage
            .iter()
            .filter(|(_, v)| !v.is_zero())
            .map(|(k, v)| (*k, *v))
            .collect();
        if info.balance.is_zero() && info.nonce == 0 && code.is_empty() && storage.is_empty() {
            continue;
        }
        accounts.insert(
            *address,
            AccountState {
                balance: info.balance,
                nonce: info.nonce,
                code,
                storage,
            },
        );
    }
    StateFile {
        format: FORMAT,
        chain_id,
        accounts,
    }
}

/// Writes `state` to `path` atomically.
///
/// # Errors
/// The directory cannot be written.
pub fn save(path: &Path, state: &StateFile) -> std::io::Result<()> {
    use std::io::Write;
    let text = serde_json::to_string(state).map_err(std::io::Error::other)?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Reads `path`; `Ok(None)` when it does not exist yet.
///
/// # Errors
/// Unreadable, not a state file, another format version or chain id.
pub fn load(path: &Path, chain_id: u64) -> Result<Option<StateFile>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let state: StateFile = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a devnode state file: {e}", path.display()))?;
    if state.format != FORMAT {
        return Err(format!(
            "{}: state format {} (this devnode reads {FORMAT})",
            path.display(),
            state.format
        ));
    }
    if state.chain_id != chain_id {
        return Err(format!(
            "{}: saved from chain {}, this node is chain {chain_id} (pass --chain-id {})",
            path.display(),
            state.chain_id,
            state.chain_id
        ));
    }
    Ok(Some(state))
}

/// Puts every account of `state` into `engine`'s state.
pub fn apply<E: Executor>(engine: &mut E, state: &StateFile) {
    for (address, account) in &state.accounts {
        engine.set_balance(*address, account.balance);
        engine.set_nonce(*address, account.nonce);
        if !account.code.is_empty() {
            engine.set_code(*address, account.code.clone());
        }
        for (slot, value) in &account.storage {
            engine.set_storage(*address, *slot, *value);
        }
    }
}
