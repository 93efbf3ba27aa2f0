//! Test program for the dev chain: a counter that can also call, relay
//! through, deploy and fail in every way the engine must survive.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]

extern crate alloc;

use alloc::{vec, vec::Vec};
use stylus_sdk::{
    abi::Bytes,
    alloy_primitives::{Address, B256, U256},
    alloy_sol_types::{sol, SolCall},
    call::RawCall,
    deploy::RawDeploy,
    prelude::*,
};

sol! {
    /// Emitted by `increment`: who incremented and the new value.
    event Incremented(address indexed by, uint256 value);
    /// Deliberate failure with a code.
    error Boom(uint256 code);
    /// `relay` as seen by the next hop.
    function relay(address[] path) external returns (uint256);
}

sol_storage! {
    /// The counter's state.
    #[entrypoint]
    pub struct Counter {
        /// The count (slot 0).
        uint256 number;
        /// Who ran the constructor (slot 1).
        address creator;
    }
}

/// Errors of the counter.
#[derive(SolidityError)]
pub enum CounterError {
    /// `fail` was called.
    Boom(Boom),
}

#[public]
impl Counter {
    /// Sets the initial count and records the deployer.
    #[constructor]
    pub fn constructor(&mut self, initial: U256) {
        self.number.set(initial);
        let sender = self.vm().msg_sender();
        self.creator.set(sender);
    }

    /// The count.
    pub fn number(&self) -> U256 {
        self.number.get()
    }

    /// Who ran the constructor.
    pub fn creator(&self) -> Address {
        self.creator.get()
    }

    /// Adds one and returns the new count.
    ///
    /// # Events
    /// `Incremented(msg.sender, newValue)`.
    pub fn increment(&mut self) -> U256 {
        let n = self.number.get() + U256::from(1);
        self.number.set(n);
        let by = self.vm().msg_sender();
        self.vm().log(Incremented { by, value: n });
        n
    }

    /// Sets the count.
    pub fn set_number(&mut self, n: U256) {
        self.number.set(n);
    }

    /// Increments, then reverts with `Boom(code)` (the write must roll back).
    ///
    /// # Errors
    /// Always `Boom(code)`.
    pub fn fail(&mut self, code: U256) -> Result<(), CounterError> {
        self.increment();
        Err(CounterError::Boom(Boom { code }))
    }

    /// Whether this frame is a re-entry (raw `msg_reentrant`).
    pub fn reentrant(&self) -> bool {
        self.vm().msg_reentrant()
    }

    /// Calls `target` with `data` and returns its output.
    ///
    /// # Errors
    /// The callee's revert data.
    pub fn call_other(&mut self, target: Address, data: Bytes) -> Result<Bytes, Vec<u8>> {
        let out = unsafe {
            RawCall::new(self.vm())
                .flush_storage_cache()
                .call(target, &data)?
        };
        Ok(out.into())
    }

    /// Static-calls `target` with `data`.
    ///
    /// # Errors
    /// The callee's revert data.
    pub fn static_call_other(&self, target: Address, data: Bytes) -> Result<Bytes, Vec<u8>> {
        let out = unsafe { RawCall::new_static(self.vm()).call(target, &data)? };
        Ok(out.into())
    }

    /// Increments, then calls `target`; a failing callee reverts both.
    ///
    /// # Errors
    /// The callee's revert data.
    pub fn increment_and_call(&mut self, target: Address, data: Bytes) -> Result<Bytes, Vec<u8>> {
        self.increment();
        self.call_other(target, data)
    }

    /// Increments, then calls `target` and ignores its failure.
    pub fn increment_and_try(&mut self, target: Address, data: Bytes) -> bool {
        self.increment();
        self.call_other(target, data).is_ok()
    }

    /// Calls `relay(path[1..])` on `path[0]`; returns the number of hops.
    ///
    /// # Errors
    /// Revert data of a failing hop.
    pub fn relay(&mut self, path: Vec<Address>) -> Result<U256, Vec<u8>> {
        let Some((next, rest)) = path.split_first() else {
            return Ok(U256::ZERO);
        };
        let data = relayCall {
            path: rest.to_vec(),
        }
        .abi_encode();
        let out = unsafe { RawCall::new(self.vm()).call(*next, &data)? };
        let hops = U256::from_be_slice(&out[..32]);
        Ok(hops + U256::from(1))
    }

    /// Deploys `init_code` (CREATE when `salt` is zero, else CREATE2) with `value` wei.
    ///
    /// # Errors
    /// The init code's revert data.
    pub fn deploy_child(
        &mut self,
        init_code: Bytes,
        salt: B256,
        value: U256,
    ) -> Result<Address, Vec<u8>> {
        let deployer = if salt.is_zero() {
            RawDeploy::new()
        } else {
            RawDeploy::new().salt(salt)
        };
        unsafe { deployer.deploy(self.vm(), &init_code, value) }
    }

    /// Never returns: burns ink until it runs out.
    pub fn spin(&mut self) -> U256 {
        let mut x = U256::from(1);
        loop {
            x = core::hint::black_box(x.wrapping_mul(U256::from(3)));
            if x.is_zero() {
                return x;
            }
        }
    }

    /// Panics (a wasm trap under panic=abort).
    pub fn trap(&mut self) -> U256 {
        let v: Vec<u8> = core::hint::black_box(Vec::new());
        U256::from(v[3])
    }

    /// Allocates `kib` KiB and touches it (memory growth).
    pub fn grow(&mut self, kib: U256) -> U256 {
        let n = kib.saturating_to::<usize>() * 1024;
        let mut v = vec![0u8; n];
        if n > 0 {
            v[n - 1] = 7;
        }
        U256::from(core::hint::black_box(&v).len())
    }

    /// Accepts ether.
    #[payable]
    pub fn deposit(&mut self) -> U256 {
        self.vm().msg_value()
    }
}
