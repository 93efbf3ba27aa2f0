//! One command's surroundings: the chain (embedded or `--rpc-url`), the
//! signing key, the deployment records and the output.

use std::path::PathBuf;

use alloy::primitives::Address;
use alloy::signers::local::PrivateKeySigner;
use alloy::sol_types::SolCall;

use crate::client::{CliError, Client, Sent};
use crate::keys;
use crate::output::Output;
use crate::records::RecordFile;

/// Options every command takes.
#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// JSON-RPC URL of the chain; without it an embedded dev chain is
    /// started for this command (and discarded when it ends).
    #[arg(long, global = true, env = "STO_RPC_URL")]
    pub rpc_url: Option<String>,
    /// Signing key as hex. Prefer STO_PRIVATE_KEY or --keystore: command
    /// lines end up in shell history.
    #[arg(long, global = true, env = "STO_PRIVATE_KEY", hide_env_values = true)]
    pub private_key: Option<String>,
    /// Encrypted JSON keystore holding the signing key (password from
    /// STO_PASSWORD or prompted).
    #[arg(long, global = true, env = "STO_KEYSTORE")]
    pub keystore: Option<PathBuf>,
    /// Directory of the deployment records (`<chain-id>.json`); default
    /// `./deployments`, or a fresh temporary directory on the embedded chain.
    #[arg(long, global = true, env = "STO_DEPLOYMENTS")]
    pub deployments: Option<PathBuf>,
    /// Print one JSON document instead of lines and tables.
    #[arg(long, global = true)]
    pub json: bool,
}

/// A connected command.
pub struct Ctx {
    /// The chain.
    pub client: Client,
    /// The signer's address, when a key was given (or the embedded chain's
    /// first dev account).
    pub from: Option<Address>,
    /// Deployment records of this chain.
    pub records: RecordFile,
    /// The signing key itself (for typed-data signatures: `sto trade sign`).
    pub key: Option<PrivateKeySigner>,
    /// Where results go.
    pub out: Output,
    /// Keeps the embedded chain running for the command's lifetime.
    _embedded: Option<devnode_server::RunningNode>,
}

impl Ctx {
    /// Connects as `global` says.
    ///
    /// # Errors
    /// The key cannot be read, the chain cannot be started or reached, or
    /// the records cannot be read.
    pub async fn connect(global: &Global) -> Result<Self, CliError> {
        let key = signer(global)?;
        let (url, embedded) = match &global.rpc_url {
            Some(url) => (url.clone(), None),
            None => {
                let node = devnode_server::start(devnode_server::NodeOptions::ephemeral())
                    .await
                    .map_err(|e| CliError(format!("cannot start the embedded chain: {e}")))?;
                eprintln!(
                    "embedded dev chain at {} (discarded when the command ends)",
                    node.url
                );
                (node.url.clone(), Some(node))
            }
        };
        let key = match (key, &embedded) {
            (Some(k), _) => Some(k),
            (None, Some(node)) => Some(node.accounts[0].signer.clone()),
            (None, None) => None,
        };
        let from = key.as_ref().map(PrivateKeySigner::address);
        let client = Client::connect(&url, key.clone().into_iter().collect()).await?;
        let dir = match (&global.deployments, &embedded) {
            (Some(dir), _) => dir.clone(),
            (None, Some(_)) => {
                let dir = std::env::temp_dir().join(format!(
                    "sto-embedded-{}-{}",
                    std::process::id(),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_nanos())
                        .unwrap_or_default()
                ));
                eprintln!("records of the embedded chain in {}", dir.display());
                dir
            }
            (None, None) => PathBuf::from("deployments"),
        };
        let records = RecordFile::open(&dir, client.chain_id())?;
        Ok(Self {
            client,
            from,
            key,
            records,
            out: Output::new(global.json),
            _embedded: embedded,
        })
    }

    /// The signer's address.
    ///
    /// # Errors
    /// No key was given.
    pub fn sender(&self) -> Result<Address, CliError> {
        self.from.ok_or_else(|| {
            CliError::new(
                "this command sends a transaction: give a key with --private-key, STO_PRIVATE_KEY or --keystore",
            )
        })
    }

    /// Resolves `--token` (address or recorded symbol) and checks that
    /// something answers there.
    ///
    /// # Errors
    /// Unknown symbol, bad address, or no code at the address.
    pub async fn token(&self, arg: &str) -> Result<Address, CliError> {
        let token = self.records.token(arg)?;
        if self.client.code(token).await?.is_empty() {
            return Err(CliError(format!(
                "no contract at {token} on chain {}",
                self.client.chain_id()
            )));
        }
        Ok(token)
    }

    /// Sends `call` to `to` from the signer and prints the transaction.
    ///
    /// # Errors
    /// No key, or the call reverts (decoded).
    pub async fn send<C: SolCall>(
        &mut self,
        what: &str,
        to: Address,
        call: C,
    ) -> Result<Sent, CliError> {
        let from = self.sender()?;
        let sent = self.client.send_call(what, from, to, call).await?;
        self.out.tx(what, &sent);
        Ok(sent)
    }
}

/// The signing key from `--keystore`, `--private-key` or `STO_PRIVATE_KEY`.
fn signer(global: &Global) -> Result<Option<PrivateKeySigner>, CliError> {
    match (&global.keystore, &global.private_key) {
        (Some(_), Some(_)) => Err(CliError::new(
            "give either --keystore or --private-key/STO_PRIVATE_KEY, not both",
        )),
        (Some(path), None) => {
            keys::from_keystore(path, std::env::var("STO_PASSWORD").ok()).map(Some)
        }
        (None, Some(hex)) => keys::from_hex(hex, "--private-key/STO_PRIVATE_KEY").map(Some),
        (None, None) => Ok(None),
    }
}
