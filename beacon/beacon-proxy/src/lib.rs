//! Beacon proxy for Arbitrum Stylus (R20): one per security issue.
//!
//! Every call is forwarded by delegatecall to `IBeacon(beacon).implementation()`,
//! and the callee's output or revert data is returned byte for byte, so the
//! proxy is invisible to callers. The proxy is bytes-in/bytes-out (no
//! router, no `#[storage]` struct): it owns no slot except the ERC-1967
//! beacon slot, and the implementation's fields start at slot 0.
//!
//! # Setup
//! Proxies are created by the token factory with CREATE2 from raw code; no
//! constructor runs then. While the beacon slot is empty, the only call the
//! proxy accepts is `setupBeacon(address beacon, bytes initData)`: it checks
//! that `beacon` answers `implementation()`, stores it, emits
//! `BeaconUpgraded(beacon)` and delegatecalls `initData` into the
//! implementation (the token's `initialize`). The factory makes that call in
//! the transaction that creates the proxy, so nobody can set up or
//! initialise a factory-made proxy first. A proxy deployed outside the
//! factory (the code template the factory copies) stays unset until someone
//! calls `setupBeacon`; it holds no state worth taking. Any other call to
//! an unset proxy reverts with `BeaconProxyNotSetUp()`.
//!
//! # Per-call cost and caching
//! A forwarded call costs one storage read (the beacon slot), one static
//! call to the beacon and one delegatecall. Nothing is cached: caching the
//! implementation in the proxy would make a beacon upgrade miss every
//! proxy that cached it, which defeats "upgrading the beacon upgrades every
//! token". The beacon address never changes after setup, but it is one
//! cached-storage read per call and no cheaper place exists (Stylus has no
//! immutables).
//!
//! # Reentrancy
//! The proxy does not use the SDK's `#[entrypoint]`, so it has no
//! reentrancy guard of its own: whether a reentrant call is allowed is the
//! implementation's decision, made by its own entrypoint running under
//! delegatecall.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

use alloc::vec::Vec;

pub use beacon_abi::proxy::{
    BeaconProxyInvalidBeacon, BeaconProxyNotSetUp, BeaconUpgraded, IBeaconProxy,
};
use beacon_abi::{beacon::IUpgradeableBeacon, BEACON_SLOT};
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    alloy_sol_types::SolCall,
    call::RawCall,
    prelude::*,
    stylus_core::Host,
    ArbResult,
};

/// Every way the proxy itself can fail (the implementation's own errors
/// pass through unchanged).
#[derive(SolidityError, Debug)]
pub enum ProxyError {
    /// No beacon yet, and the call was not `setupBeacon`.
    NotSetUp(BeaconProxyNotSetUp),
    /// The beacon has no code or did not name an implementation.
    InvalidBeacon(BeaconProxyInvalidBeacon),
}

/// Handles one call: forward when set up, otherwise accept only `setupBeacon`.
///
/// # Errors
/// The implementation's revert data, unchanged; `BeaconProxyNotSetUp` for
/// any call but `setupBeacon` before setup; `BeaconProxyInvalidBeacon` when
/// the beacon does not answer `implementation()`.
///
/// # Events
/// `BeaconUpgraded(beacon)` at setup, plus whatever the implementation emits.
pub fn handle<H: Host>(host: &H, input: &[u8]) -> ArbResult {
    let beacon = beacon(host);
    if beacon.is_zero() {
        return setup(host, input);
    }
    let implementation = implementation(host, beacon)?;
    // SAFETY: the proxy holds no cached writes (it only read the beacon
    // slot), so the implementation sees the same storage the proxy does.
    unsafe { RawCall::new_delegate(host).call(implementation, input) }
}

/// The beacon this proxy follows, zero before setup.
pub fn beacon<H: Host>(host: &H) -> Address {
    let word = host.storage_load_bytes32(U256::from_be_bytes(BEACON_SLOT.0));
    Address::from_word(word)
}

/// Asks `beacon` for its current implementation.
fn implementation<H: Host>(host: &H, beacon: Address) -> Result<Address, Vec<u8>> {
    let query = IUpgradeableBeacon::implementationCall {}.abi_encode();
    // SAFETY: a static call cannot write this contract's storage.
    let answer = unsafe { RawCall::new_static(host).call(beacon, &query) };
    match answer {
        Ok(data) if data.len() >= 32 && data[..12].iter().all(|b| *b == 0) => {
            Ok(Address::from_slice(&data[12..32]))
        }
        _ => Err(ProxyError::InvalidBeacon(BeaconProxyInvalidBeacon { beacon }).into()),
    }
}

/// The one-shot setup: store the beacon, announce it, run the initialiser.
fn setup<H: Host>(host: &H, input: &[u8]) -> ArbResult {
    let Ok(call) = IBeaconProxy::setupBeaconCall::abi_decode(input) else {
        return Err(ProxyError::NotSetUp(BeaconProxyNotSetUp {}).into());
    };
    let beacon = call.beacon;
    if host.code_size(beacon) == 0 {
        return Err(ProxyError::InvalidBeacon(BeaconProxyInvalidBeacon { beacon }).into());
    }
    let implementation = implementation(host, beacon)?;
    // SAFETY: the slot is the ERC-1967 beacon slot, which no storage type of
    // the implementation uses; the write is flushed before the delegatecall
    // so the implementation's frame and ours agree on storage.
    unsafe {
        host.storage_cache_bytes32(U256::from_be_bytes(BEACON_SLOT.0), beacon.into_word());
    }
    host.flush_cache(true);
    host.log(BeaconUpgraded { beacon });
    if call.initData.is_empty() {
        return Ok(Vec::new());
    }
    // SAFETY: the cache was flushed and cleared above.
    unsafe { RawCall::new_delegate(host).call(implementation, &call.initData) }
}

/// The program's entry point: Stylus calls it with the calldata length.
///
/// Written by hand instead of with `#[entrypoint]` to keep the proxy free
/// of the router and of the SDK's deprecated reentrancy guard.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub extern "C" fn user_entrypoint(len: usize) -> usize {
    use stylus_sdk::stylus_core::{CalldataAccess, MemoryAccess, StorageAccess};
    let host = stylus_sdk::host::WasmVM {};
    // Keeps the `pay_for_memory_grow` import that activation instruments.
    host.pay_for_memory_grow(0);
    let input = host.read_args(len);
    let (output, status) = match handle(&host, &input) {
        Ok(output) => (output, 0),
        Err(output) => (output, 1),
    };
    host.flush_cache(false);
    host.write_result(&output);
    status
}

#[cfg(test)]
mod tests;
