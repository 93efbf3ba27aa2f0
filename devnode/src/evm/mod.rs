//! revm 43 integration: the [`DevEvm`] wrapper whose `frame_run` runs
//! `EF F0 00` code as Stylus, and the [`StylusHost`](crate::stylus::StylusHost)
//! implementation over revm's journal.

pub mod dev_evm;
pub mod host;

pub use dev_evm::{DevEvm, StylusCallLog};

use revm::context::{BlockEnv, CfgEnv, Context, Journal, LocalContext, TxEnv};
use revm::database::{CacheDB, EmptyDB};

/// The chain state: an in-memory database that can be cloned for snapshots.
pub type Db = CacheDB<EmptyDB>;

/// The revm context every transaction runs in.
pub type DevCtx<'a> =
    Context<BlockEnv, TxEnv, CfgEnv, &'a mut Db, Journal<&'a mut Db>, (), LocalContext>;
