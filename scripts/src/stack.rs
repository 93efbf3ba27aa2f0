//! Deploying Stylus programs the way a release does, over JSON-RPC only, so
//! the same code works on the embedded chain and on any Arbitrum chain:
//!
//! - a proxied implementation (and the proxy template) by a plain CREATE of
//!   its init code, then `ArbWasm.activateProgram` paying the data fee the
//!   chain quotes (skipped when the code hash is already activated);
//! - contracts with a constructor (beacon, factory) through the
//!   StylusDeployer, which deploys, activates and runs the constructor in
//!   one transaction, as `cargo stylus deploy` does.

use alloy::primitives::{address, keccak256, Address, B256, U256};
use alloy::sol_types::{SolCall, SolEvent};
use sto_artifacts::Program;

use crate::client::{CliError, Client, Sent};

alloy::sol! {
    /// Arbitrum's ArbWasm precompile (activation).
    interface IArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        #[derive(Debug)]
        event ProgramActivated(bytes32 indexed codehash, bytes32 moduleHash, address program, uint256 dataFee, uint16 version);
    }
    /// The StylusDeployer system contract `cargo stylus deploy` uses.
    interface IStylusDeployer {
        function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt) external payable returns (address);
        #[derive(Debug)]
        event ContractDeployed(address deployedContract);
    }
}

/// ArbWasm precompile address.
pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
/// Canonical StylusDeployer address.
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");

/// Value sent along with a StylusDeployer deployment to pay for activation;
/// the deployer refunds what the activation does not use.
pub fn activation_budget() -> U256 {
    U256::from(10u64).pow(U256::from(17u64))
}

/// The artifact of a workspace program.
///
/// # Errors
/// The program is not part of this build.
pub fn artifact(name: &str) -> Result<&'static Program, CliError> {
    sto_artifacts::get(name)
        .ok_or_else(|| CliError(format!("program {name} is not built into this binary")))
}

/// A deployed program and the transactions that put it there.
#[derive(Debug, Clone)]
pub struct Deployed {
    /// Its address.
    pub address: Address,
    /// Deployment transaction.
    pub deploy: Sent,
    /// Activation transaction, when one was needed.
    pub activation: Option<Sent>,
}

/// Deploys `program` by CREATE and activates it when its code hash is not
/// yet activated on the chain.
///
/// # Errors
/// Any transaction fails.
pub async fn deploy_activated(
    client: &Client,
    from: Address,
    program: &Program,
) -> Result<Deployed, CliError> {
    let deploy = client
        .send(
            &format!("deploying {}", program.name),
            from,
            None,
            program.init_code.to_vec(),
            U256::ZERO,
        )
        .await?;
    let address = deploy
        .receipt
        .contract_address
        .ok_or_else(|| CliError(format!("deploying {} created no contract", program.name)))?;
    let activation = activate(client, from, address, program).await?;
    Ok(Deployed {
        address,
        deploy,
        activation,
    })
}

/// Activates the program at `address` unless its code hash already is.
///
/// # Errors
/// The quote or the activation fails.
pub async fn activate(
    client: &Client,
    from: Address,
    address: Address,
    program: &Program,
) -> Result<Option<Sent>, CliError> {
    let version = client
        .read(
            ARB_WASM,
            IArbWasm::codehashVersionCall {
                codehash: keccak256(program.code),
            },
        )
        .await;
    if matches!(version, Ok(v) if v > 0) {
        return Ok(None);
    }
    let sent = client
        .send(
            &format!("activating {}", program.name),
            from,
            Some(ARB_WASM),
            IArbWasm::activateProgramCall { program: address }.abi_encode(),
            activation_budget(),
        )
        .await?;
    Ok(Some(sent))
}

/// Deploys `program` through the StylusDeployer with its `#[constructor]`
/// called with `ctor_args` (ABI-encoded parameters).
///
/// # Errors
/// The deployment or the constructor reverts (decoded).
pub async fn deploy_constructed(
    client: &Client,
    from: Address,
    program: &Program,
    ctor_args: Vec<u8>,
) -> Result<Deployed, CliError> {
    let mut init_data = keccak256("stylus_constructor()")[..4].to_vec();
    init_data.extend_from_slice(&ctor_args);
    let call = IStylusDeployer::deployCall {
        bytecode: program.init_code.to_vec().into(),
        initData: init_data.into(),
        initValue: U256::ZERO,
        salt: B256::ZERO,
    };
    let deploy = client
        .send(
            &format!("deploying {}", program.name),
            from,
            Some(STYLUS_DEPLOYER),
            call.abi_encode(),
            activation_budget(),
        )
        .await?;
    let address = deploy
        .receipt
        .inner
        .logs()
        .iter()
        .find_map(|l| {
            IStylusDeployer::ContractDeployed::decode_log_data(l.data())
                .ok()
                .map(|e| e.deployedContract)
        })
        .ok_or_else(|| {
            CliError(format!(
                "deploying {}: no ContractDeployed event",
                program.name
            ))
        })?;
    Ok(Deployed {
        address,
        deploy,
        activation: None,
    })
}
