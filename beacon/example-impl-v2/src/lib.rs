//! Version 2 of the minimal implementation behind the beacon proxy: version
//! 1's storage and functions unchanged, plus one appended field (`cap`) and
//! two functions (`setCap`, `cap`). Upgrading the beacon from version 1 to
//! this one must keep every proxy's state and make the new functions work
//! through every proxy.
//!
//! The entry point is written by hand (router without the SDK's deprecated
//! reentrancy guard) because the dev chain counts a delegatecall frame as a
//! reentrant entry of the proxy, which Nitro does not (see the report of
//! issue 5); with `#[entrypoint]` every proxied call would revert there.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

use alloc::{vec, vec::Vec};
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU256},
};

alloy_sol_types::sol! {
    /// `initialize` ran before.
    #[derive(Debug)]
    error AlreadyInitialized();
    /// `account` is not the admin.
    #[derive(Debug)]
    error NotAdmin(address account);
    /// `to` received `amount`.
    event Minted(address indexed to, uint256 amount);
}

/// Errors of the example implementation.
#[derive(SolidityError, Debug)]
pub enum ExampleError {
    /// Second `initialize`.
    AlreadyInitialized(AlreadyInitialized),
    /// Caller is not the admin.
    NotAdmin(NotAdmin),
}

/// Storage of version 2: version 1's fields, then `cap`.
#[storage]
pub struct ExampleV2 {
    /// Set by `initialize`, never cleared.
    initialized: StorageBool,
    /// Account allowed to mint.
    admin: StorageAddress,
    /// Balance of each account.
    balances: StorageMap<Address, StorageU256>,
    /// Appended in version 2: largest balance `mint` may create (0 = none).
    cap: StorageU256,
}

// SAFETY: `ExampleV2` is the whole contract state, from slot 0.
unsafe impl TopLevelStorage for ExampleV2 {}

#[public]
impl ExampleV2 {
    /// One-shot initialiser, run by the proxy's setup.
    ///
    /// # Errors
    /// `AlreadyInitialized()` on a second call.
    pub fn initialize(&mut self, admin: Address) -> Result<(), ExampleError> {
        if self.initialized.get() {
            return Err(ExampleError::AlreadyInitialized(AlreadyInitialized {}));
        }
        self.initialized.set(true);
        self.admin.set(admin);
        Ok(())
    }

    /// Account allowed to mint.
    pub fn admin(&self) -> Address {
        self.admin.get()
    }

    /// Credits `amount` to `to`.
    ///
    /// # Errors
    /// `NotAdmin(caller)` unless the caller is the admin.
    ///
    /// # Events
    /// `Minted(to, amount)`.
    pub fn mint(&mut self, to: Address, amount: U256) -> Result<(), ExampleError> {
        let caller = self.vm().msg_sender();
        if caller != self.admin.get() {
            return Err(ExampleError::NotAdmin(NotAdmin { account: caller }));
        }
        let balance = self.balances.get(to);
        self.balances.setter(to).set(balance + amount);
        self.vm().log(Minted { to, amount });
        Ok(())
    }

    /// Balance of `account`.
    pub fn balance_of(&self, account: Address) -> U256 {
        self.balances.get(account)
    }

    /// Implementation version.
    pub fn version(&self) -> U256 {
        U256::from(2)
    }

    /// New in version 2: sets the cap.
    ///
    /// # Errors
    /// `NotAdmin(caller)` unless the caller is the admin.
    pub fn set_cap(&mut self, cap: U256) -> Result<(), ExampleError> {
        let caller = self.vm().msg_sender();
        if caller != self.admin.get() {
            return Err(ExampleError::NotAdmin(NotAdmin { account: caller }));
        }
        self.cap.set(cap);
        Ok(())
    }

    /// New in version 2: the cap.
    pub fn cap(&self) -> U256 {
        self.cap.get()
    }
}

/// Program entry point: the SDK router, without the reentrancy guard.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub extern "C" fn user_entrypoint(len: usize) -> usize {
    use stylus_sdk::stylus_core::{CalldataAccess, MemoryAccess, StorageAccess};
    let host = stylus_sdk::host::VM {
        host: stylus_sdk::host::WasmVM {},
    };
    host.pay_for_memory_grow(0);
    let input = host.read_args(len);
    let (output, status) =
        match stylus_sdk::abi::router_entrypoint::<ExampleV2, ExampleV2>(input, host.clone()) {
            Ok(output) => (output, 0),
            Err(output) => (output, 1),
        };
    host.flush_cache(false);
    host.write_result(&output);
    status
}

/// The storage layout of version 2, declared for the upgrade checker.
#[cfg(test)]
pub fn storage_layout() -> storage_layout::Layout {
    storage_layout::Layout::new("example-impl", "2.0.0")
        .field("initialized", 0, 0, 1, "bool")
        .field("admin", 0, 1, 20, "address")
        .field("balances", 1, 0, 32, "mapping(address => uint256)")
        .field("cap", 2, 0, 32, "uint256")
}

#[cfg(test)]
mod tests {
    use super::*;
    use storage_layout::probe;
    use stylus_sdk::{alloy_primitives::B256, testing::*};

    fn words(vm: &TestVM) -> Vec<([u8; 32], [u8; 32])> {
        vm.snapshot()
            .storage
            .into_iter()
            .map(|(k, v): (U256, B256)| (k.to_be_bytes::<32>(), v.0))
            .collect()
    }

    #[test]
    fn declared_layout_matches_the_storage_struct() {
        let vm = TestVM::new();
        let mut c = ExampleV2::from(&vm);
        let layout = storage_layout();
        let before = words(&vm);
        c.initialized.set(true);
        let changes = probe::changes(before, words(&vm));
        assert_eq!(changes.len(), 1);
        assert!(changes[0].within(&layout.fields[0]), "{changes:?}");
        let before = words(&vm);
        c.admin.set(Address::repeat_byte(0xff));
        let changes = probe::changes(before, words(&vm));
        assert_eq!(changes.len(), 1);
        assert!(changes[0].within(&layout.fields[1]), "{changes:?}");
        assert_eq!(changes[0].bytes, 20);
        let before = words(&vm);
        c.balances.setter(Address::ZERO).set(U256::MAX);
        let changes = probe::changes(before, words(&vm));
        let mut preimage = [0u8; 64];
        preimage[32..].copy_from_slice(&layout.fields[2].slot.0);
        let entry = stylus_sdk::alloy_primitives::keccak256(preimage);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].slot.0, entry.0);
        let before = words(&vm);
        c.cap.set(U256::MAX);
        let changes = probe::changes(before, words(&vm));
        assert_eq!(changes.len(), 1);
        assert!(changes[0].within(&layout.fields[3]), "{changes:?}");
    }

    #[test]
    fn declared_layout_is_the_committed_release_layout() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../deployments/layouts/example-impl/2.0.0.json"
        );
        let committed = storage_layout::Layout::load(std::path::Path::new(path)).unwrap();
        assert_eq!(storage_layout(), committed);
    }

    #[test]
    fn initialize_runs_once() {
        let vm = TestVM::new();
        let mut c = ExampleV2::from(&vm);
        c.initialize(Address::repeat_byte(1)).unwrap();
        assert!(matches!(
            c.initialize(Address::repeat_byte(2)),
            Err(ExampleError::AlreadyInitialized(_))
        ));
        assert_eq!(c.admin(), Address::repeat_byte(1));
    }
}
