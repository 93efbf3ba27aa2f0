//! The token's programs as Arbitrum runs them: the entry point, the
//! implementation's constructor and the hand-over of extension selectors.
//!
//! The token is three Stylus programs compiled from this crate, because the
//! whole ABI does not fit one program under Arbitrum's 24 KiB limit:
//!
//! - `security-token` ([`Program::Hot`]) is the implementation the beacon
//!   names. It answers the hot path itself ([`crate::router::hot`]) and
//!   delegate-calls every other selector to its extension, with the
//!   original calldata, returning or reverting with the extension's exact
//!   data.
//! - `security-token-admin` ([`Program::Admin`]) answers administration
//!   ([`crate::router::admin`]) and reverts `UnknownFunction(selector)` for
//!   anything else.
//! - `security-token-compliance` ([`Program::Compliance`]) answers the
//!   Korean rules' administration and views ([`crate::router::compliance`])
//!   the same way. The hot program delegates a compliance selector to
//!   extension 1 and every other unknown selector to extension 0.
//!
//! All run on the proxy's storage through the same [`SecurityToken`]
//! struct. The implementation's constructor (run by the StylusDeployer in
//! the deploying transaction) records its extension list in the
//! implementation's *own* storage, at [`EXTENSIONS_SLOT`], a hashed slot no
//! token field can reach. Behind a proxy, the hot program finds that list
//! by asking the beacon (ERC-1967 beacon slot of the proxy) for the
//! implementation and the implementation for `extensions()`: two static
//! calls, paid only by administration calls. Pointing the beacon at a new
//! implementation therefore upgrades every program of every token at once.
//!
//! Constructors also set the `DISABLED` status bit in the bare programs'
//! own storage, so neither can be initialised or used directly (R20).

use crate::{calldata::Args, errors::*, router, storage::SecurityToken};
use alloc::vec::Vec;
use beacon_abi::{beacon::IUpgradeableBeacon, BEACON_SLOT};
use stylus_sdk::{
    alloy_primitives::{Address, FixedBytes, U256},
    alloy_sol_types::SolCall,
    call::RawCall,
    prelude::*,
    storage::{StorageAddress, StorageVec},
    stylus_core::host::{AccountAccess, MessageAccess, StorageAccess},
};

/// Which program of the token is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// `security-token`: hot path, delegates the rest.
    Hot,
    /// `security-token-admin`: administration extension.
    Admin,
    /// `security-token-compliance`: the Korean rules' extension.
    Compliance,
}

/// Selector the StylusDeployer calls the constructor with
/// (`stylus_constructor()`, followed by the constructor's arguments).
pub const CONSTRUCTOR_SELECTOR: [u8; 4] = stylus_sdk::abi::CONSTRUCTOR_SELECTOR.to_be_bytes();

/// Slot of the implementation's extension list in its own storage:
/// `keccak256("sto.security-token.extensions") - 1`, ERC-1967 style, so it
/// collides with no field of [`SecurityToken`] (whose fields start at 0)
/// and no mapping entry (whose slots are hashes of different preimages).
pub const EXTENSIONS_SLOT: U256 = {
    let hash = stylus_sdk::keccak_const::Keccak256::new()
        .update(b"sto.security-token.extensions")
        .finalize();
    U256::from_be_bytes(hash).wrapping_sub(U256::from_limbs([1, 0, 0, 0]))
};

/// Handles one call to `program` with `input`: the whole program behind
/// its entry point, testable natively.
///
/// # Errors
/// The encoded custom error of the failing function, or an extension's
/// revert data unchanged. `NotPayable` when ether is attached;
/// `UnknownFunction` for a selector no program answers (or calldata shorter
/// than a selector); `MalformedCalldata` for arguments that do not decode.
pub fn handle(
    token: &mut SecurityToken,
    program: Program,
    input: &[u8],
) -> Result<Vec<u8>, Vec<u8>> {
    match program {
        Program::Hot => handle_hot(token, input),
        Program::Admin => handle_admin(token, input),
        Program::Compliance => handle_compliance(token, input),
    }
}

/// [`handle`] for the `security-token` program (kept apart from
/// [`handle_admin`] so each program links only its own router).
pub fn handle_hot(token: &mut SecurityToken, input: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let args = preamble(token, input)?;
    if args.selector() == CONSTRUCTOR_SELECTOR {
        return construct(token, Program::Hot, &args);
    }
    match router::hot::route(token, &args) {
        Some(result) => result,
        None => delegate(token, &args, input),
    }
}

/// [`handle`] for the `security-token-admin` program.
pub fn handle_admin(token: &mut SecurityToken, input: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let args = preamble(token, input)?;
    if args.selector() == CONSTRUCTOR_SELECTOR {
        return construct(token, Program::Admin, &args);
    }
    match router::admin::route(token, &args) {
        Some(result) => result,
        None => Err(unknown(args.selector()).encode()),
    }
}

/// [`handle`] for the `security-token-compliance` program.
pub fn handle_compliance(token: &mut SecurityToken, input: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let args = preamble(token, input)?;
    if args.selector() == CONSTRUCTOR_SELECTOR {
        return construct(token, Program::Compliance, &args);
    }
    match router::compliance::route(token, &args) {
        Some(result) => result,
        None => Err(unknown(args.selector()).encode()),
    }
}

/// Selectors of the compliance extension (extension 1), by which the hot
/// program's fallback picks its delegate; everything else goes to the
/// administration extension (extension 0).
const COMPLIANCE_SELECTORS: [[u8; 4]; router::compliance::SELECTORS.len()] = {
    let mut out = [[0u8; 4]; router::compliance::SELECTORS.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = router::compliance::SELECTORS[i].0;
        i += 1;
    }
    out
};

/// Checks shared by every program: no ether, at least a selector.
fn preamble<'a>(token: &SecurityToken, input: &'a [u8]) -> Result<Args<'a>, Vec<u8>> {
    if !token.vm().msg_value().is_zero() {
        return Err(Error::NotPayable(NotPayable {}).encode());
    }
    Args::new(input).ok_or_else(|| {
        let mut selector = [0u8; 4];
        selector[..input.len()].copy_from_slice(input);
        unknown(selector).encode()
    })
}

/// `UnknownFunction(selector)`.
fn unknown(selector: [u8; 4]) -> Error {
    Error::UnknownFunction(UnknownFunction {
        selector: FixedBytes(selector),
    })
}

/// The constructor of either program: disables the bare program and, for
/// the implementation, records its extensions.
///
/// # Errors
/// `AlreadyInitialized` when the storage is not fresh (a second call, or a
/// call through a proxy); `InvalidExtension` for an extension without code
/// or an empty list; `MalformedCalldata`.
fn construct(token: &mut SecurityToken, program: Program, args: &Args) -> Result<Vec<u8>, Vec<u8>> {
    let fresh = token.status.get().is_zero() && beacon_of(token).is_zero();
    if !fresh {
        return Err(Error::AlreadyInitialized(AlreadyInitialized {}).into());
    }
    if program == Program::Hot {
        args.check(b"A")?;
        let extensions = args.addrs(0);
        let invalid = |account| Error::InvalidExtension(InvalidExtension { account }).encode();
        if extensions.is_empty() {
            return Err(invalid(Address::ZERO));
        }
        let mut list = own_list(token);
        for account in extensions {
            if token.vm().code_size(account) == 0 {
                return Err(invalid(account));
            }
            list.push(account);
        }
    }
    token.disable();
    Ok(Vec::new())
}

/// The beacon of the proxy whose storage this call runs on (zero when the
/// program is called directly).
fn beacon_of(token: &SecurityToken) -> Address {
    let slot = U256::from_be_bytes(BEACON_SLOT.0);
    Address::from_word(token.vm().storage_load_bytes32(slot))
}

/// The extension list at [`EXTENSIONS_SLOT`] of the current storage.
fn own_list(token: &SecurityToken) -> StorageVec<StorageAddress> {
    // SAFETY: the slot is reserved for this list (see EXTENSIONS_SLOT).
    unsafe { StorageVec::new(EXTENSIONS_SLOT, 0, token.vm().clone()) }
}

/// `extensions()`: the implementation's extension programs, read from its
/// own storage when called directly, or through the proxy's beacon.
///
/// # Errors
/// `InvalidExtension(account)` when the beacon or the implementation does
/// not answer.
pub fn extensions(token: &SecurityToken) -> Result<Vec<Address>, Error> {
    let beacon = beacon_of(token);
    if beacon.is_zero() {
        let list = own_list(token);
        return Ok((0..list.len()).filter_map(|i| list.get(i)).collect());
    }
    let implementation = static_word(
        token,
        beacon,
        &IUpgradeableBeacon::implementationCall {}.abi_encode(),
    )?;
    let query = sto_abi::ISecurityTokenProgram::extensionsCall {}.abi_encode();
    let vm = token.vm();
    // SAFETY: a static call cannot write this contract's storage.
    let answer = unsafe { RawCall::new_static(vm).call(implementation, &query) };
    let invalid = Error::InvalidExtension(InvalidExtension {
        account: implementation,
    });
    let data = answer.map_err(|_| invalid.clone())?;
    let list = Args::returned(&data);
    list.check(b"A").map_err(|_| invalid)?;
    Ok(list.addrs(0))
}

/// Static-calls `target` and reads one address from its answer.
fn static_word(token: &SecurityToken, target: Address, query: &[u8]) -> Result<Address, Error> {
    // SAFETY: a static call cannot write this contract's storage.
    let answer = unsafe { RawCall::new_static(token.vm()).call(target, query) };
    let answer = answer.unwrap_or_default();
    let word = Args::returned(&answer);
    word.check(b"a")
        .map(|_| word.addr(0))
        .map_err(|_| Error::InvalidExtension(InvalidExtension { account: target }))
}

/// Hands a call the hot router does not answer to its extension (1 for a
/// compliance selector, else 0), with the original calldata; its output or
/// revert data comes back unchanged.
fn delegate(token: &SecurityToken, args: &Args, input: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let list = extensions(token).map_err(|e| e.encode())?;
    let index = usize::from(COMPLIANCE_SELECTORS.contains(&args.selector()));
    let Some(extension) = list.get(index) else {
        return Err(unknown(args.selector()).encode());
    };
    // SAFETY: nothing was written before this point (the storage cache
    // holds reads only), so the extension sees the storage this frame sees;
    // nothing is read from the cache afterwards.
    unsafe { RawCall::new_delegate(token.vm()).call(*extension, input) }
}

/// The body of `user_entrypoint`: reads the calldata, runs `handler`
/// ([`handle_hot`] or [`handle_admin`]) on the storage of the current
/// contract (the proxy's, behind a proxy), flushes the storage cache and
/// writes the result.
#[cfg(target_arch = "wasm32")]
pub fn main(
    len: usize,
    handler: fn(&mut SecurityToken, &[u8]) -> Result<Vec<u8>, Vec<u8>>,
) -> usize {
    use stylus_sdk::{
        host::{WasmVM, VM},
        storage::StorageType,
        stylus_core::host::{CalldataAccess, MemoryAccess},
    };
    let vm = VM { host: WasmVM {} };
    // Keeps the `pay_for_memory_grow` import that activation instruments.
    vm.pay_for_memory_grow(0);
    let input = vm.read_args(len);
    // SAFETY: the token's storage starts at slot 0 (see `storage`).
    let mut token = unsafe { SecurityToken::new(U256::ZERO, 0, vm.clone()) };
    let (output, status) = match handler(&mut token, &input) {
        Ok(output) => (output, 0),
        Err(output) => (output, 1),
    };
    vm.flush_cache(false);
    vm.write_result(&output);
    status
}
