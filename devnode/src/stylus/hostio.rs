//! Every `vm_hooks` import a Stylus program may use (stylus-sdk 0.10.10's
//! `hostio.rs` plus Nitro's `exit_early`, `transient_*`, `math_*`) and the
//! `console` module, registered on a wasmi [`Linker`]. Each hostio buys the
//! ink Nitro's `user-host-trait` charges, then delegates to a [`StylusHost`].

use super::host::{CallKind, Escape, StylusHost};
use super::pricing::*;
use alloy_primitives::{keccak256, Address, B256, U256};
use std::collections::HashMap;
use wasmi::{Caller, Engine, Error, Linker, Memory, StoreLimits};

/// One cached storage word: its value and the value last known to be in
/// the journal (`None` when written without a prior read).
#[derive(Debug, Clone, Copy)]
struct CachedWord {
    value: B256,
    known: Option<B256>,
}

/// Nitro's per-call storage cache: reads are served from it, writes stay in
/// it until `storage_flush_cache`.
#[derive(Debug, Default)]
pub struct StorageCache {
    slots: HashMap<B256, CachedWord>,
    reads: u64,
    writes: u64,
}

/// Per-execution state of one program instance.
pub struct StoreData {
    host: *mut (dyn StylusHost + 'static),
    /// Calldata (`read_args`).
    pub args: Vec<u8>,
    /// Result set by `write_result`.
    pub outs: Vec<u8>,
    /// Data of the last nested call or create (`read_return_data`).
    pub return_data: Vec<u8>,
    /// Storage cache.
    pub cache: StorageCache,
    /// The instance's exported memory, set after instantiation.
    pub memory: Option<Memory>,
    /// Memory-growth limit (Nitro's 128-page heap bound).
    pub limits: StoreLimits,
}

// SAFETY: the raw host pointer is only dereferenced on the thread that runs
// the program, while the `execute` call that installed it is on the stack.
unsafe impl Send for StoreData {}
unsafe impl Sync for StoreData {}

impl StoreData {
    /// Wraps `host`; the caller must drop the store before `host` dies.
    ///
    /// # Safety
    /// The returned value must not outlive the borrow of `host`.
    pub unsafe fn new(host: &mut dyn StylusHost, args: Vec<u8>, limits: StoreLimits) -> Self {
        let ptr: *mut (dyn StylusHost + '_) = host;
        // SAFETY: lifetime erased; see the function contract.
        let host = unsafe {
            core::mem::transmute::<*mut (dyn StylusHost + '_), *mut (dyn StylusHost + 'static)>(ptr)
        };
        Self {
            host,
            args,
            outs: Vec::new(),
            return_data: Vec::new(),
            cache: StorageCache::default(),
            memory: None,
            limits,
        }
    }
}

type Cx<'a> = Caller<'a, StoreData>;

fn host<'a>(c: &Cx<'_>) -> &'a mut dyn StylusHost {
    // SAFETY: see `StoreData::new`; the pointer is valid for the store's life
    // and hostios never hold two of these at once.
    unsafe { &mut *c.data().host }
}

fn fail(msg: impl Into<String>) -> Error {
    Error::host(Escape::Failure(msg.into()))
}

fn ink_left(c: &Cx<'_>) -> u64 {
    c.get_fuel().unwrap_or(0).saturating_mul(INK_PER_FUEL)
}

fn gas_left(c: &Cx<'_>) -> u64 {
    ink_to_gas(ink_left(c))
}

fn buy_ink(c: &mut Cx<'_>, ink: u64) -> Result<(), Error> {
    let fuel = ink.div_ceil(INK_PER_FUEL);
    let have = c.get_fuel().unwrap_or(0);
    if have < fuel {
        let _ = c.set_fuel(0);
        return Err(Error::host(Escape::OutOfInk));
    }
    c.set_fuel(have - fuel).map_err(|e| fail(e.to_string()))
}

fn buy_gas(c: &mut Cx<'_>, gas: u64) -> Result<(), Error> {
    buy_ink(c, gas_to_ink(gas))
}

fn require_gas(c: &Cx<'_>, gas: u64) -> Result<(), Error> {
    if gas_left(c) < gas {
        return Err(Error::host(Escape::OutOfInk));
    }
    Ok(())
}

fn memory(c: &Cx<'_>) -> Result<Memory, Error> {
    c.data().memory.ok_or_else(|| fail("program has no memory"))
}

fn read(c: &Cx<'_>, ptr: u32, len: u32) -> Result<Vec<u8>, Error> {
    let mut buf = vec![0u8; len as usize];
    memory(c)?
        .read(c, ptr as usize, &mut buf)
        .map_err(|_| fail("memory read out of bounds"))?;
    Ok(buf)
}

fn read32(c: &Cx<'_>, ptr: u32) -> Result<[u8; 32], Error> {
    let mut buf = [0u8; 32];
    memory(c)?
        .read(c, ptr as usize, &mut buf)
        .map_err(|_| fail("memory read out of bounds"))?;
    Ok(buf)
}

fn read_address(c: &Cx<'_>, ptr: u32) -> Result<Address, Error> {
    let mut buf = [0u8; 20];
    memory(c)?
        .read(c, ptr as usize, &mut buf)
        .map_err(|_| fail("memory read out of bounds"))?;
    Ok(Address::from(buf))
}

fn write(c: &mut Cx<'_>, ptr: u32, data: &[u8]) -> Result<(), Error> {
    memory(c)?
        .write(c, ptr as usize, data)
        .map_err(|_| fail("memory write out of bounds"))
}

fn write_u32(c: &mut Cx<'_>, ptr: u32, v: u32) -> Result<(), Error> {
    write(c, ptr, &v.to_le_bytes())
}

/// Adds the storage-cache read surcharge and returns the slot value.
fn cached_load(c: &mut Cx<'_>, key: B256) -> Result<(B256, u64), Error> {
    let cache = &mut c.data_mut().cache;
    cache.reads += 1;
    let mut cost = cache_read_gas(cache.reads);
    if let Some(w) = cache.slots.get(&key) {
        return Ok((w.value, cost));
    }
    let (value, gas) = host(c).sload(key).map_err(Error::host)?;
    cost = cost
        .saturating_add(gas)
        .saturating_add(ink_to_gas(EVM_API_INK));
    c.data_mut().cache.slots.insert(
        key,
        CachedWord {
            value,
            known: Some(value),
        },
    );
    Ok((value, cost))
}

/// Writes every dirty cached slot through the host, charging EVM SSTORE gas.
fn flush(c: &mut Cx<'_>, clear: bool) -> Result<(), Error> {
    let mut dirty: Vec<(B256, B256)> = c
        .data()
        .cache
        .slots
        .iter()
        .filter(|(_, w)| w.known != Some(w.value))
        .map(|(k, w)| (*k, w.value))
        .collect();
    dirty.sort();
    let mut left = gas_left(c);
    let mut total = 0u64;
    for (key, value) in dirty {
        let cost = host(c).sstore(key, value).map_err(Error::host)?;
        if cost > left {
            let _ = c.set_fuel(0);
            return Err(Error::host(Escape::OutOfInk));
        }
        left -= cost;
        total += cost;
        if let Some(w) = c.data_mut().cache.slots.get_mut(&key) {
            w.known = Some(value);
        }
    }
    if clear {
        c.data_mut().cache.slots.clear();
    }
    buy_gas(c, total)
}

fn finish_call(
    c: &mut Cx<'_>,
    result: super::host::CallResult,
    ret_len: u32,
) -> Result<u32, Error> {
    buy_gas(c, result.gas_cost)?;
    let len = result.output.len() as u32;
    c.data_mut().return_data = result.output;
    write_u32(c, ret_len, len)?;
    Ok(if result.success { 0 } else { 1 })
}

#[allow(clippy::too_many_arguments)] // mirrors the hostio's own argument list
fn do_call(
    c: &mut Cx<'_>,
    kind: CallKind,
    contract: u32,
    data: u32,
    data_len: u32,
    value: Option<u32>,
    gas: u64,
    ret_len: u32,
) -> Result<u32, Error> {
    buy_ink(c, HOSTIO_INK + 3 * PTR_INK + EVM_API_INK)?;
    buy_ink(c, read_price(data_len))?;
    buy_ink(c, read_price(data_len))?;
    let left = gas_left(c);
    let req = gas.min(left);
    let to = read_address(c, contract)?;
    let input = read(c, data, data_len)?;
    let value = match value {
        Some(p) => U256::from_be_bytes(read32(c, p)?),
        None => U256::ZERO,
    };
    let result = host(c)
        .call(kind, to, input, value, left, req)
        .map_err(Error::host)?;
    finish_call(c, result, ret_len)
}

fn do_create(
    c: &mut Cx<'_>,
    code: u32,
    code_len: u32,
    endowment: u32,
    salt: Option<u32>,
    contract: u32,
    revert_len: u32,
) -> Result<(), Error> {
    let ptrs = if salt.is_some() { 4 } else { 3 };
    buy_ink(c, HOSTIO_INK + ptrs * PTR_INK + EVM_API_INK)?;
    buy_ink(c, read_price(code_len))?;
    buy_ink(c, read_price(code_len))?;
    let init = read(c, code, code_len)?;
    let value = U256::from_be_bytes(read32(c, endowment)?);
    let salt = match salt {
        Some(p) => Some(B256::from(read32(c, p)?)),
        None => None,
    };
    let left = gas_left(c);
    let result = host(c)
        .create(init, value, salt, left)
        .map_err(Error::host)?;
    buy_gas(c, result.gas_cost)?;
    let len = result.output.len() as u32;
    c.data_mut().return_data = result.output;
    write_u32(c, revert_len, len)?;
    write(c, contract, result.address.unwrap_or_default().as_slice())
}

fn math2(c: &mut Cx<'_>, ink: u64, a: u32, b: u32, f: fn(U256, U256) -> U256) -> Result<(), Error> {
    buy_ink(c, ink)?;
    let x = U256::from_be_bytes(read32(c, a)?);
    let y = U256::from_be_bytes(read32(c, b)?);
    write(c, a, &f(x, y).to_be_bytes::<32>())
}

macro_rules! wrap {
    ($l:ident, $module:literal, $name:literal, $f:expr) => {
        $l.func_wrap($module, $name, $f)
            .expect(concat!("hostio ", $name, " registers once"));
    };
}

/// Builds the linker with every hostio; built once per engine and shared.
pub fn linker(engine: &Engine) -> Linker<StoreData> {
    let mut l = Linker::<StoreData>::new(engine);

    wrap!(l, "vm_hooks", "read_args", |mut c: Cx<'_>,
                                       ptr: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK)?;
        let args = core::mem::take(&mut c.data_mut().args);
        buy_ink(&mut c, write_price(args.len() as u32))?;
        let r = write(&mut c, ptr, &args);
        c.data_mut().args = args;
        r
    });
    wrap!(l, "vm_hooks", "write_result", |mut c: Cx<'_>,
                                          ptr: u32,
                                          len: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK)?;
        buy_ink(&mut c, read_price(len))?;
        buy_ink(&mut c, read_price(len))?;
        let outs = read(&c, ptr, len)?;
        c.data_mut().outs = outs;
        Ok(())
    });
    wrap!(l, "vm_hooks", "exit_early", |_c: Cx<'_>,
                                        status: u32|
     -> Result<(), Error> {
        Err(Error::host(Escape::Exit(status)))
    });
    wrap!(l, "vm_hooks", "storage_load_bytes32", |mut c: Cx<'_>,
                                                  key: u32,
                                                  dest: u32|
     -> Result<
        (),
        Error,
    > {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK)?;
        require_gas(
            &c,
            COLD_SLOAD_GAS + STORAGE_CACHE_REQUIRED_ACCESS_GAS + ink_to_gas(EVM_API_INK),
        )?;
        let key = B256::from(read32(&c, key)?);
        let (value, cost) = cached_load(&mut c, key)?;
        buy_gas(&mut c, cost)?;
        write(&mut c, dest, value.as_slice())
    });
    wrap!(l, "vm_hooks", "storage_cache_bytes32", |mut c: Cx<'_>,
                                                   key: u32,
                                                   value: u32|
     -> Result<
        (),
        Error,
    > {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK)?;
        require_gas(&c, SSTORE_SENTRY_GAS + STORAGE_CACHE_REQUIRED_ACCESS_GAS)?;
        let key = B256::from(read32(&c, key)?);
        let value = B256::from(read32(&c, value)?);
        let cache = &mut c.data_mut().cache;
        cache.writes += 1;
        let cost = cache_write_gas(cache.writes);
        cache
            .slots
            .entry(key)
            .and_modify(|w| w.value = value)
            .or_insert(CachedWord { value, known: None });
        buy_gas(&mut c, cost)
    });
    wrap!(l, "vm_hooks", "storage_flush_cache", |mut c: Cx<'_>,
                                                 clear: u32|
     -> Result<
        (),
        Error,
    > {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        require_gas(&c, SSTORE_SENTRY_GAS)?;
        flush(&mut c, clear != 0)
    });
    wrap!(l, "vm_hooks", "transient_load_bytes32", |mut c: Cx<'_>,
                                                    key: u32,
                                                    dest: u32|
     -> Result<
        (),
        Error,
    > {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        buy_gas(&mut c, TRANSIENT_GAS)?;
        let key = B256::from(read32(&c, key)?);
        let value = host(&c).tload(key);
        write(&mut c, dest, value.as_slice())
    });
    wrap!(l, "vm_hooks", "transient_store_bytes32", |mut c: Cx<'_>,
                                                     key: u32,
                                                     value: u32|
     -> Result<
        (),
        Error,
    > {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        buy_gas(&mut c, TRANSIENT_GAS)?;
        let key = B256::from(read32(&c, key)?);
        let value = B256::from(read32(&c, value)?);
        host(&c).tstore(key, value).map_err(Error::host)
    });
    wrap!(l, "vm_hooks", "call_contract", |mut c: Cx<'_>,
                                           contract: u32,
                                           data: u32,
                                           len: u32,
                                           value: u32,
                                           gas: u64,
                                           ret: u32|
     -> Result<u32, Error> {
        do_call(
            &mut c,
            CallKind::Call,
            contract,
            data,
            len,
            Some(value),
            gas,
            ret,
        )
    });
    wrap!(l, "vm_hooks", "delegate_call_contract", |mut c: Cx<'_>,
                                                    contract: u32,
                                                    data: u32,
                                                    len: u32,
                                                    gas: u64,
                                                    ret: u32|
     -> Result<
        u32,
        Error,
    > {
        do_call(
            &mut c,
            CallKind::Delegate,
            contract,
            data,
            len,
            None,
            gas,
            ret,
        )
    });
    wrap!(l, "vm_hooks", "static_call_contract", |mut c: Cx<'_>,
                                                  contract: u32,
                                                  data: u32,
                                                  len: u32,
                                                  gas: u64,
                                                  ret: u32|
     -> Result<
        u32,
        Error,
    > {
        do_call(
            &mut c,
            CallKind::Static,
            contract,
            data,
            len,
            None,
            gas,
            ret,
        )
    });
    wrap!(l, "vm_hooks", "create1", |mut c: Cx<'_>,
                                     code: u32,
                                     len: u32,
                                     endowment: u32,
                                     contract: u32,
                                     revert_len: u32|
     -> Result<(), Error> {
        do_create(&mut c, code, len, endowment, None, contract, revert_len)
    });
    wrap!(l, "vm_hooks", "create2", |mut c: Cx<'_>,
                                     code: u32,
                                     len: u32,
                                     endowment: u32,
                                     salt: u32,
                                     contract: u32,
                                     revert_len: u32|
     -> Result<(), Error> {
        do_create(
            &mut c,
            code,
            len,
            endowment,
            Some(salt),
            contract,
            revert_len,
        )
    });
    wrap!(l, "vm_hooks", "read_return_data", |mut c: Cx<'_>,
                                              dest: u32,
                                              offset: u32,
                                              size: u32|
     -> Result<
        u32,
        Error,
    > {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        let data = core::mem::take(&mut c.data_mut().return_data);
        let start = (offset as usize).min(data.len());
        let end = start.saturating_add(size as usize).min(data.len());
        let r = buy_ink(&mut c, write_price((end - start) as u32))
            .and_then(|_| write(&mut c, dest, &data[start..end]));
        c.data_mut().return_data = data;
        r.map(|_| (end - start) as u32)
    });
    wrap!(
        l,
        "vm_hooks",
        "return_data_size",
        |mut c: Cx<'_>| -> Result<u32, Error> {
            buy_ink(&mut c, HOSTIO_INK)?;
            Ok(c.data().return_data.len() as u32)
        }
    );
    wrap!(l, "vm_hooks", "emit_log", |mut c: Cx<'_>,
                                      data: u32,
                                      len: u32,
                                      topics: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        if topics > 4 || len < topics * 32 {
            return Err(fail("bad topic data"));
        }
        buy_ink(&mut c, read_price(len))?;
        buy_gas(
            &mut c,
            log_gas(u64::from(topics), u64::from(len - topics * 32)),
        )?;
        let bytes = read(&c, data, len)?;
        let (t, d) = bytes.split_at(topics as usize * 32);
        let topics = t.chunks(32).map(B256::from_slice).collect();
        host(&c).emit_log(topics, d.to_vec()).map_err(Error::host)
    });
    wrap!(l, "vm_hooks", "account_balance", |mut c: Cx<'_>,
                                             address: u32,
                                             dest: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        require_gas(&c, COLD_ACCOUNT_GAS)?;
        let a = read_address(&c, address)?;
        let (balance, cost) = host(&c).balance(a);
        buy_gas(&mut c, cost)?;
        write(&mut c, dest, &balance.to_be_bytes::<32>())
    });
    wrap!(l, "vm_hooks", "account_code", |mut c: Cx<'_>,
                                          address: u32,
                                          offset: u32,
                                          size: u32,
                                          dest: u32|
     -> Result<u32, Error> {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        require_gas(&c, COLD_ACCOUNT_GAS)?;
        let a = read_address(&c, address)?;
        let (code, cost) = host(&c).code(a);
        buy_gas(&mut c, cost)?;
        buy_ink(&mut c, write_price(code.len() as u32))?;
        let start = (offset as usize).min(code.len());
        let end = start.saturating_add(size as usize).min(code.len());
        write(&mut c, dest, &code[start..end])?;
        Ok((end - start) as u32)
    });
    wrap!(l, "vm_hooks", "account_code_size", |mut c: Cx<'_>,
                                               address: u32|
     -> Result<
        u32,
        Error,
    > {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        require_gas(&c, COLD_ACCOUNT_GAS)?;
        let a = read_address(&c, address)?;
        let (code, cost) = host(&c).code(a);
        buy_gas(&mut c, cost)?;
        Ok(code.len() as u32)
    });
    wrap!(
        l,
        "vm_hooks",
        "account_codehash",
        |mut c: Cx<'_>, address: u32, dest: u32| -> Result<(), Error> {
            buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
            require_gas(&c, COLD_ACCOUNT_GAS)?;
            let a = read_address(&c, address)?;
            let (hash, cost) = host(&c).codehash(a);
            buy_gas(&mut c, cost)?;
            write(&mut c, dest, hash.as_slice())
        }
    );
    wrap!(l, "vm_hooks", "block_basefee", |mut c: Cx<'_>,
                                           dest: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + PTR_INK)?;
        let v = host(&c).env().block_basefee;
        write(&mut c, dest, &v.to_be_bytes::<32>())
    });
    wrap!(l, "vm_hooks", "block_coinbase", |mut c: Cx<'_>,
                                            dest: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + PTR_INK)?;
        let v = host(&c).env().block_coinbase;
        write(&mut c, dest, v.as_slice())
    });
    wrap!(
        l,
        "vm_hooks",
        "block_gas_limit",
        |mut c: Cx<'_>| -> Result<u64, Error> {
            buy_ink(&mut c, HOSTIO_INK)?;
            Ok(host(&c).env().block_gas_limit)
        }
    );
    wrap!(
        l,
        "vm_hooks",
        "block_number",
        |mut c: Cx<'_>| -> Result<u64, Error> {
            buy_ink(&mut c, HOSTIO_INK)?;
            Ok(host(&c).env().block_number)
        }
    );
    wrap!(
        l,
        "vm_hooks",
        "block_timestamp",
        |mut c: Cx<'_>| -> Result<u64, Error> {
            buy_ink(&mut c, HOSTIO_INK)?;
            Ok(host(&c).env().block_timestamp)
        }
    );
    wrap!(
        l,
        "vm_hooks",
        "chainid",
        |mut c: Cx<'_>| -> Result<u64, Error> {
            buy_ink(&mut c, HOSTIO_INK)?;
            Ok(host(&c).env().chain_id)
        }
    );
    wrap!(
        l,
        "vm_hooks",
        "contract_address",
        |mut c: Cx<'_>, dest: u32| -> Result<(), Error> {
            buy_ink(&mut c, HOSTIO_INK + PTR_INK)?;
            let v = host(&c).env().contract_address;
            write(&mut c, dest, v.as_slice())
        }
    );
    wrap!(
        l,
        "vm_hooks",
        "evm_gas_left",
        |mut c: Cx<'_>| -> Result<u64, Error> {
            buy_ink(&mut c, HOSTIO_INK)?;
            Ok(gas_left(&c))
        }
    );
    wrap!(
        l,
        "vm_hooks",
        "evm_ink_left",
        |mut c: Cx<'_>| -> Result<u64, Error> {
            buy_ink(&mut c, HOSTIO_INK)?;
            Ok(ink_left(&c))
        }
    );
    wrap!(l, "vm_hooks", "math_div", |mut c: Cx<'_>,
                                      a: u32,
                                      b: u32|
     -> Result<(), Error> {
        math2(&mut c, HOSTIO_INK + 3 * PTR_INK + DIV_INK, a, b, |x, y| {
            x.checked_div(y).unwrap_or_default()
        })
    });
    wrap!(l, "vm_hooks", "math_mod", |mut c: Cx<'_>,
                                      a: u32,
                                      b: u32|
     -> Result<(), Error> {
        math2(&mut c, HOSTIO_INK + 3 * PTR_INK + DIV_INK, a, b, |x, y| {
            x.checked_rem(y).unwrap_or_default()
        })
    });
    wrap!(l, "vm_hooks", "math_pow", |mut c: Cx<'_>,
                                      a: u32,
                                      b: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + 3 * PTR_INK)?;
        let e = read32(&c, b)?;
        buy_ink(&mut c, pow_price(&e))?;
        let x = U256::from_be_bytes(read32(&c, a)?);
        write(
            &mut c,
            a,
            &x.wrapping_pow(U256::from_be_bytes(e)).to_be_bytes::<32>(),
        )
    });
    wrap!(l, "vm_hooks", "math_add_mod", |mut c: Cx<'_>,
                                          a: u32,
                                          b: u32,
                                          m: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + 4 * PTR_INK + ADD_MOD_INK)?;
        let x = U256::from_be_bytes(read32(&c, a)?);
        let y = U256::from_be_bytes(read32(&c, b)?);
        let n = U256::from_be_bytes(read32(&c, m)?);
        write(&mut c, a, &x.add_mod(y, n).to_be_bytes::<32>())
    });
    wrap!(l, "vm_hooks", "math_mul_mod", |mut c: Cx<'_>,
                                          a: u32,
                                          b: u32,
                                          m: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + 4 * PTR_INK + MUL_MOD_INK)?;
        let x = U256::from_be_bytes(read32(&c, a)?);
        let y = U256::from_be_bytes(read32(&c, b)?);
        let n = U256::from_be_bytes(read32(&c, m)?);
        write(&mut c, a, &x.mul_mod(y, n).to_be_bytes::<32>())
    });
    wrap!(
        l,
        "vm_hooks",
        "msg_reentrant",
        |mut c: Cx<'_>| -> Result<u32, Error> {
            buy_ink(&mut c, HOSTIO_INK)?;
            Ok(u32::from(host(&c).env().reentrant))
        }
    );
    wrap!(l, "vm_hooks", "msg_sender", |mut c: Cx<'_>,
                                        dest: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + PTR_INK)?;
        let v = host(&c).env().msg_sender;
        write(&mut c, dest, v.as_slice())
    });
    wrap!(l, "vm_hooks", "msg_value", |mut c: Cx<'_>,
                                       dest: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + PTR_INK)?;
        let v = host(&c).env().msg_value;
        write(&mut c, dest, &v.to_be_bytes::<32>())
    });
    wrap!(
        l,
        "vm_hooks",
        "native_keccak256",
        |mut c: Cx<'_>, input: u32, len: u32, out: u32| -> Result<(), Error> {
            buy_ink(&mut c, keccak_price(len))?;
            let data = read(&c, input, len)?;
            write(&mut c, out, keccak256(&data).as_slice())
        }
    );
    wrap!(l, "vm_hooks", "tx_gas_price", |mut c: Cx<'_>,
                                          dest: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + PTR_INK)?;
        let v = host(&c).env().tx_gas_price;
        write(&mut c, dest, &v.to_be_bytes::<32>())
    });
    wrap!(
        l,
        "vm_hooks",
        "tx_ink_price",
        |mut c: Cx<'_>| -> Result<u32, Error> {
            buy_ink(&mut c, HOSTIO_INK)?;
            Ok(INK_PER_GAS as u32)
        }
    );
    wrap!(l, "vm_hooks", "tx_origin", |mut c: Cx<'_>,
                                       dest: u32|
     -> Result<(), Error> {
        buy_ink(&mut c, HOSTIO_INK + PTR_INK)?;
        let v = host(&c).env().tx_origin;
        write(&mut c, dest, v.as_slice())
    });
    wrap!(l, "vm_hooks", "pay_for_memory_grow", |mut c: Cx<'_>,
                                                 pages: u32|
     -> Result<
        (),
        Error,
    > {
        let pages = pages as u16;
        if pages == 0 {
            return buy_ink(&mut c, HOSTIO_INK);
        }
        let cost = host(&c).add_pages(pages);
        buy_gas(&mut c, cost)
    });

    wrap!(l, "console", "log_txt", |c: Cx<'_>,
                                    ptr: u32,
                                    len: u32|
     -> Result<(), Error> {
        let text = read(&c, ptr, len)?;
        host(&c).console(String::from_utf8_lossy(&text).into_owned());
        Ok(())
    });
    wrap!(l, "console", "log_i32", |c: Cx<'_>,
                                    v: i32|
     -> Result<(), Error> {
        host(&c).console(v.to_string());
        Ok(())
    });
    wrap!(l, "console", "log_i64", |c: Cx<'_>,
                                    v: i64|
     -> Result<(), Error> {
        host(&c).console(v.to_string());
        Ok(())
    });
    wrap!(l, "console", "log_f32", |c: Cx<'_>,
                                    v: f32|
     -> Result<(), Error> {
        host(&c).console(v.to_string());
        Ok(())
    });
    wrap!(l, "console", "log_f64", |c: Cx<'_>,
                                    v: f64|
     -> Result<(), Error> {
        host(&c).console(v.to_string());
        Ok(())
    });
    wrap!(l, "console", "tee_i32", |c: Cx<'_>,
                                    v: i32|
     -> Result<i32, Error> {
        host(&c).console(v.to_string());
        Ok(v)
    });
    wrap!(l, "console", "tee_i64", |c: Cx<'_>,
                                    v: i64|
     -> Result<i64, Error> {
        host(&c).console(v.to_string());
        Ok(v)
    });
    wrap!(l, "console", "tee_f32", |c: Cx<'_>,
                                    v: f32|
     -> Result<f32, Error> {
        host(&c).console(v.to_string());
        Ok(v)
    });
    wrap!(l, "console", "tee_f64", |c: Cx<'_>,
                                    v: f64|
     -> Result<f64, Error> {
        host(&c).console(v.to_string());
        Ok(v)
    });
    l
}

/// Every import the linker provides with its signature: parameter types,
/// `>`, result types (`i` = i32, `l` = i64, `f` = f32, `d` = f64). Activation
/// checks imports against this table, as Nitro rejects unknown imports and
/// wrong signatures at activation.
pub const HOSTIOS: &[(&str, &str, &str)] = &[
    ("vm_hooks", "read_args", "i>"),
    ("vm_hooks", "write_result", "ii>"),
    ("vm_hooks", "exit_early", "i>"),
    ("vm_hooks", "storage_load_bytes32", "ii>"),
    ("vm_hooks", "storage_cache_bytes32", "ii>"),
    ("vm_hooks", "storage_flush_cache", "i>"),
    ("vm_hooks", "transient_load_bytes32", "ii>"),
    ("vm_hooks", "transient_store_bytes32", "ii>"),
    ("vm_hooks", "call_contract", "iiiili>i"),
    ("vm_hooks", "delegate_call_contract", "iiili>i"),
    ("vm_hooks", "static_call_contract", "iiili>i"),
    ("vm_hooks", "create1", "iiiii>"),
    ("vm_hooks", "create2", "iiiiii>"),
    ("vm_hooks", "read_return_data", "iii>i"),
    ("vm_hooks", "return_data_size", ">i"),
    ("vm_hooks", "emit_log", "iii>"),
    ("vm_hooks", "account_balance", "ii>"),
    ("vm_hooks", "account_code", "iiii>i"),
    ("vm_hooks", "account_code_size", "i>i"),
    ("vm_hooks", "account_codehash", "ii>"),
    ("vm_hooks", "block_basefee", "i>"),
    ("vm_hooks", "block_coinbase", "i>"),
    ("vm_hooks", "block_gas_limit", ">l"),
    ("vm_hooks", "block_number", ">l"),
    ("vm_hooks", "block_timestamp", ">l"),
    ("vm_hooks", "chainid", ">l"),
    ("vm_hooks", "contract_address", "i>"),
    ("vm_hooks", "evm_gas_left", ">l"),
    ("vm_hooks", "evm_ink_left", ">l"),
    ("vm_hooks", "math_div", "ii>"),
    ("vm_hooks", "math_mod", "ii>"),
    ("vm_hooks", "math_pow", "ii>"),
    ("vm_hooks", "math_add_mod", "iii>"),
    ("vm_hooks", "math_mul_mod", "iii>"),
    ("vm_hooks", "msg_reentrant", ">i"),
    ("vm_hooks", "msg_sender", "i>"),
    ("vm_hooks", "msg_value", "i>"),
    ("vm_hooks", "native_keccak256", "iii>"),
    ("vm_hooks", "tx_gas_price", "i>"),
    ("vm_hooks", "tx_ink_price", ">i"),
    ("vm_hooks", "tx_origin", "i>"),
    ("vm_hooks", "pay_for_memory_grow", "i>"),
    ("console", "log_txt", "ii>"),
    ("console", "log_i32", "i>"),
    ("console", "log_i64", "l>"),
    ("console", "log_f32", "f>"),
    ("console", "log_f64", "d>"),
    ("console", "tee_i32", "i>i"),
    ("console", "tee_i64", "l>l"),
    ("console", "tee_f32", "f>f"),
    ("console", "tee_f64", "d>d"),
];
