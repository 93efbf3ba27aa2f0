//! System contracts present from genesis: the StylusDeployer (native) and
//! the deterministic CREATE2 factory (EVM bytecode).

pub mod create2_factory;
pub mod deployer;
