//! Deployment records: `deployments/<chain-id>.json`, what the CLI deployed
//! on one chain (contracts with their code hash and size, tokens with their
//! creation transaction, the upgrade history). Written atomically (temp
//! file in the same directory, then rename) and only after the transaction
//! it records succeeded, so a crash or a refused command never leaves a
//! truncated or half-true file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use alloy::primitives::{Address, B256};
use serde::{Deserialize, Serialize};

use crate::client::CliError;

/// One deployed contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractRecord {
    /// Where it lives.
    pub address: Address,
    /// The deploying transaction.
    pub tx: B256,
    /// Its block.
    pub block: u64,
    /// `keccak256` of the deployed code (the activation key).
    pub code_hash: B256,
    /// Compressed program size in bytes.
    pub compressed_size: usize,
    /// Version of the crate that built it.
    pub version: String,
    /// Storage layout file it was checked against (proxied implementations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
}

/// One token created through the factory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRecord {
    /// The proxy.
    pub address: Address,
    /// ERC-20 symbol.
    pub symbol: String,
    /// Issue identifier (bytes32).
    pub issue_id: B256,
    /// The creating transaction.
    pub tx: B256,
    /// Its block.
    pub block: u64,
}

/// Writes `bytes` (and a final newline) to `path` through a temp file next
/// to it, flushed, then renamed over it (atomic on POSIX file systems): a
/// reader sees the old file or the new one, never half of one.
///
/// # Errors
/// The directory cannot be created or written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let io = |e: std::io::Error| CliError(format!("{}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = path.with_extension(format!("json.tmp{}", std::process::id()));
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.write_all(b"\n").map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// One beacon upgrade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpgradeRecord {
    /// Implementation before.
    pub from: Address,
    /// Implementation after.
    pub to: Address,
    /// The `upgradeTo` transaction.
    pub tx: B256,
    /// Its block.
    pub block: u64,
    /// Whether the layout check was overridden with `--force-unsafe`.
    pub forced: bool,
}

/// Everything recorded for one chain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Records {
    /// The chain these records belong to.
    pub chain_id: u64,
    /// Contracts by role: `security-token`, `security-token-admin`,
    /// `beacon-proxy`, `upgradeable-beacon`, `token-factory`.
    pub contracts: BTreeMap<String, ContractRecord>,
    /// Tokens in order of creation.
    pub tokens: Vec<TokenRecord>,
    /// Upgrades in order.
    #[serde(default)]
    pub upgrades: Vec<UpgradeRecord>,
}

/// Records bound to their file.
pub struct RecordFile {
    /// Where they are kept.
    pub path: PathBuf,
    /// Their content.
    pub records: Records,
}

impl RecordFile {
    /// Loads `dir/<chain_id>.json`, or starts empty records when there is
    /// none yet.
    ///
    /// # Errors
    /// The file exists but cannot be read, is not valid records, or
    /// belongs to another chain.
    pub fn open(dir: &Path, chain_id: u64) -> Result<Self, CliError> {
        let path = dir.join(format!("{chain_id}.json"));
        let records = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let r: Records = serde_json::from_str(&text).map_err(|e| {
                    CliError(format!("{}: not a deployment record: {e}", path.display()))
                })?;
                if r.chain_id != chain_id {
                    return Err(CliError(format!(
                        "{}: records chain {}, the node is chain {chain_id}",
                        path.display(),
                        r.chain_id
                    )));
                }
                r
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Records {
                chain_id,
                ..Records::default()
            },
            Err(e) => return Err(CliError(format!("{}: {e}", path.display()))),
        };
        Ok(Self { path, records })
    }

    /// Writes the records: a temp file next to the target, flushed, then
    /// renamed over it (atomic on POSIX file systems).
    ///
    /// # Errors
    /// The directory cannot be created or written.
    pub fn save(&self) -> Result<(), CliError> {
        let text = serde_json::to_string_pretty(&self.records)
            .map_err(|e| CliError(format!("encoding the records: {e}")))?;
        write_atomic(&self.path, text.as_bytes())
    }

    /// The recorded contract `name`, or an error telling how to get it.
    ///
    /// # Errors
    /// Not recorded.
    pub fn contract(&self, name: &str) -> Result<&ContractRecord, CliError> {
        self.records.contracts.get(name).ok_or_else(|| {
            CliError(format!(
                "no {name} recorded in {} (run `sto deploy stack` first)",
                self.path.display()
            ))
        })
    }

    /// Resolves a `--token` argument: a 0x address, or the symbol of a
    /// recorded token.
    ///
    /// # Errors
    /// Neither an address nor a recorded symbol.
    pub fn token(&self, arg: &str) -> Result<Address, CliError> {
        if arg.starts_with("0x") {
            return arg
                .parse()
                .map_err(|e| CliError(format!("token {arg:?} is not an address: {e}")));
        }
        let matches: Vec<&TokenRecord> = self
            .records
            .tokens
            .iter()
            .filter(|t| t.symbol == arg)
            .collect();
        match matches.as_slice() {
            [one] => Ok(one.address),
            [] => Err(CliError(format!(
                "no token with symbol {arg:?} in {} (give its address)",
                self.path.display()
            ))),
            _ => Err(CliError(format!(
                "several tokens have symbol {arg:?} in {}: give the address",
                self.path.display()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Records {
        let mut r = Records {
            chain_id: 7,
            ..Records::default()
        };
        r.contracts.insert(
            "upgradeable-beacon".into(),
            ContractRecord {
                address: Address::repeat_byte(1),
                tx: B256::repeat_byte(2),
                block: 3,
                code_hash: B256::repeat_byte(4),
                compressed_size: 5,
                version: "0.1.0".into(),
                layout: None,
            },
        );
        r.tokens.push(TokenRecord {
            address: Address::repeat_byte(9),
            symbol: "SOF1".into(),
            issue_id: B256::repeat_byte(8),
            tx: B256::repeat_byte(7),
            block: 6,
        });
        r
    }

    #[test]
    fn records_round_trip_through_the_file_and_leave_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = RecordFile::open(dir.path(), 7).unwrap();
        assert_eq!(f.records.chain_id, 7);
        assert!(f.records.contracts.is_empty());
        f.records = sample();
        f.save().unwrap();
        let again = RecordFile::open(dir.path(), 7).unwrap();
        assert_eq!(again.records, sample());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec!["7.json".to_string()]);
        assert_eq!(again.token("SOF1").unwrap(), Address::repeat_byte(9));
        assert!(again
            .token("NOPE")
            .unwrap_err()
            .0
            .contains("no token with symbol"));
        assert!(again
            .token("0x12")
            .unwrap_err()
            .0
            .contains("not an address"));
    }

    #[test]
    fn a_corrupt_or_foreign_file_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("7.json"), "{\"chain_id\": 7, \"contr").unwrap();
        let e = RecordFile::open(dir.path(), 7).err().unwrap();
        assert!(e.0.contains("not a deployment record"), "{e}");
        let mut f = RecordFile::open(dir.path(), 8).unwrap();
        f.records = sample();
        f.path = dir.path().join("8.json");
        f.save().unwrap();
        let e = RecordFile::open(dir.path(), 8).err().unwrap();
        assert!(e.0.contains("records chain 7"), "{e}");
    }
}
