//! Test program for the dev chain: calls `vm_hooks` imports directly (no
//! SDK), one operation per call, so tests can check each hostio's exact
//! effect. Input: one op byte then that op's arguments; output: its results.
//! The wasm code only exists for `wasm32`.
#![cfg_attr(target_arch = "wasm32", no_std)]
#![allow(clippy::missing_safety_doc)]

#[cfg(target_arch = "wasm32")]
mod program {
    #[link(wasm_import_module = "vm_hooks")]
    extern "C" {
        fn read_args(dest: *mut u8);
        fn write_result(data: *const u8, len: usize);
        fn exit_early(status: u32) -> !;
        fn storage_load_bytes32(key: *const u8, dest: *mut u8);
        fn storage_cache_bytes32(key: *const u8, value: *const u8);
        fn storage_flush_cache(clear: u32);
        fn transient_load_bytes32(key: *const u8, dest: *mut u8);
        fn transient_store_bytes32(key: *const u8, value: *const u8);
        fn call_contract(
            c: *const u8,
            d: *const u8,
            l: usize,
            v: *const u8,
            gas: u64,
            ret: *mut usize,
        ) -> u8;
        fn delegate_call_contract(
            c: *const u8,
            d: *const u8,
            l: usize,
            gas: u64,
            ret: *mut usize,
        ) -> u8;
        fn static_call_contract(
            c: *const u8,
            d: *const u8,
            l: usize,
            gas: u64,
            ret: *mut usize,
        ) -> u8;
        fn create1(
            code: *const u8,
            len: usize,
            endowment: *const u8,
            contract: *mut u8,
            rlen: *mut usize,
        );
        fn create2(
            code: *const u8,
            len: usize,
            endowment: *const u8,
            salt: *const u8,
            contract: *mut u8,
            rlen: *mut usize,
        );
        fn read_return_data(dest: *mut u8, offset: usize, size: usize) -> usize;
        fn return_data_size() -> usize;
        fn emit_log(data: *const u8, len: usize, topics: usize);
        fn account_balance(a: *const u8, dest: *mut u8);
        fn account_code(a: *const u8, offset: usize, size: usize, dest: *mut u8) -> usize;
        fn account_code_size(a: *const u8) -> usize;
        fn account_codehash(a: *const u8, dest: *mut u8);
        fn block_basefee(dest: *mut u8);
        fn block_coinbase(dest: *mut u8);
        fn block_gas_limit() -> u64;
        fn block_number() -> u64;
        fn block_timestamp() -> u64;
        fn chainid() -> u64;
        fn contract_address(dest: *mut u8);
        fn evm_gas_left() -> u64;
        fn evm_ink_left() -> u64;
        fn math_div(a: *mut u8, b: *const u8);
        fn math_mod(a: *mut u8, b: *const u8);
        fn math_pow(a: *mut u8, b: *const u8);
        fn math_add_mod(a: *mut u8, b: *const u8, m: *const u8);
        fn math_mul_mod(a: *mut u8, b: *const u8, m: *const u8);
        fn msg_reentrant() -> u32;
        fn msg_sender(dest: *mut u8);
        fn msg_value(dest: *mut u8);
        fn native_keccak256(data: *const u8, len: usize, out: *mut u8);
        fn tx_gas_price(dest: *mut u8);
        fn tx_ink_price() -> u32;
        fn tx_origin(dest: *mut u8);
        fn pay_for_memory_grow(pages: u16);
    }

    #[link(wasm_import_module = "console")]
    extern "C" {
        fn log_txt(text: *const u8, len: usize);
        fn log_i64(v: i64);
    }

    const CAP: usize = 32 * 1024;
    static mut ARGS: [u8; CAP] = [0; CAP];
    static mut OUT: [u8; CAP] = [0; CAP];

    struct Out {
        len: usize,
    }

    impl Out {
        fn buf(&mut self) -> *mut u8 {
            unsafe { (&raw mut OUT as *mut u8).add(self.len) }
        }
        fn put(&mut self, n: usize) {
            self.len += n;
        }
        fn bytes(&mut self, b: &[u8]) {
            for (i, x) in b.iter().enumerate() {
                unsafe { *self.buf().add(i) = *x };
            }
            self.put(b.len());
        }
    }

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        core::arch::wasm32::unreachable()
    }

    #[no_mangle]
    pub unsafe extern "C" fn user_entrypoint(len: usize) -> usize {
        if len > CAP {
            return 1;
        }
        let args = &raw mut ARGS as *mut u8;
        read_args(args);
        let a = core::slice::from_raw_parts(args, len);
        let (op, p) = (a[0], &a[1..]);
        let mut o = Out { len: 0 };
        let mut status = 0usize;
        match op {
            // environment
            0x01 => {
                msg_sender(o.buf());
                o.put(20);
                contract_address(o.buf());
                o.put(20);
                tx_origin(o.buf());
                o.put(20);
                msg_value(o.buf());
                o.put(32);
                block_basefee(o.buf());
                o.put(32);
                block_coinbase(o.buf());
                o.put(20);
                tx_gas_price(o.buf());
                o.put(32);
                o.bytes(&chainid().to_be_bytes());
                o.bytes(&block_number().to_be_bytes());
                o.bytes(&block_timestamp().to_be_bytes());
                o.bytes(&block_gas_limit().to_be_bytes());
                o.bytes(&msg_reentrant().to_be_bytes());
                o.bytes(&tx_ink_price().to_be_bytes());
            }
            // cache + flush + load back
            0x02 => {
                storage_cache_bytes32(p.as_ptr(), p.as_ptr().add(32));
                storage_flush_cache(0);
                storage_load_bytes32(p.as_ptr(), o.buf());
                o.put(32);
            }
            0x03 => {
                storage_load_bytes32(p.as_ptr(), o.buf());
                o.put(32);
            }
            // cache without flushing (must be discarded)
            0x04 => storage_cache_bytes32(p.as_ptr(), p.as_ptr().add(32)),
            0x05 => {
                transient_store_bytes32(p.as_ptr(), p.as_ptr().add(32));
                transient_load_bytes32(p.as_ptr(), o.buf());
                o.put(32);
            }
            0x06 => {
                transient_load_bytes32(p.as_ptr(), o.buf());
                o.put(32);
            }
            0x07 => emit_log(p.as_ptr().add(1), p.len() - 1, p[0] as usize),
            0x08 => {
                native_keccak256(p.as_ptr(), p.len(), o.buf());
                o.put(32);
            }
            0x09 => {
                let x = o.buf();
                for i in 0..32 {
                    *x.add(i) = p[1 + i];
                }
                match p[0] {
                    0 => math_div(x, p.as_ptr().add(33)),
                    1 => math_mod(x, p.as_ptr().add(33)),
                    2 => math_pow(x, p.as_ptr().add(33)),
                    3 => math_add_mod(x, p.as_ptr().add(33), p.as_ptr().add(65)),
                    _ => math_mul_mod(x, p.as_ptr().add(33), p.as_ptr().add(65)),
                }
                o.put(32);
            }
            0x0a => {
                write_result(p.as_ptr().add(4), p.len() - 4);
                exit_early(u32::from_be_bytes([p[0], p[1], p[2], p[3]]));
            }
            0x0b => {
                account_balance(p.as_ptr(), o.buf());
                o.put(32);
                account_codehash(p.as_ptr(), o.buf());
                o.put(32);
                o.bytes(&(account_code_size(p.as_ptr()) as u32).to_be_bytes());
                let n = account_code(p.as_ptr(), 1, 3, o.buf().add(4));
                o.bytes(&(n as u32).to_be_bytes());
                o.put(n);
            }
            0x0c => {
                o.bytes(&evm_gas_left().to_be_bytes());
                o.bytes(&evm_ink_left().to_be_bytes());
            }
            // call: kind, address(20), value(32), calldata
            0x0d => {
                let mut ret = 0usize;
                let (c, v, d) = (p.as_ptr().add(1), p.as_ptr().add(21), &p[53..]);
                let s = match p[0] {
                    0 => call_contract(c, d.as_ptr(), d.len(), v, u64::MAX, &mut ret),
                    1 => delegate_call_contract(c, d.as_ptr(), d.len(), u64::MAX, &mut ret),
                    _ => static_call_contract(c, d.as_ptr(), d.len(), u64::MAX, &mut ret),
                };
                o.bytes(&[s]);
                o.bytes(&(return_data_size() as u32).to_be_bytes());
                let n = read_return_data(o.buf(), 0, ret);
                o.put(n);
            }
            // create: salted?, salt(32), value(32), init code
            0x0e => {
                let mut rlen = 0usize;
                let code = &p[65..];
                if p[0] == 0 {
                    create1(
                        code.as_ptr(),
                        code.len(),
                        p.as_ptr().add(33),
                        o.buf(),
                        &mut rlen,
                    );
                } else {
                    create2(
                        code.as_ptr(),
                        code.len(),
                        p.as_ptr().add(33),
                        p.as_ptr().add(1),
                        o.buf(),
                        &mut rlen,
                    );
                }
                o.put(20);
                o.bytes(&(rlen as u32).to_be_bytes());
            }
            0x0f => {
                log_txt(p.as_ptr(), p.len());
                log_i64(-7);
            }
            // grow memory by p[0] pages
            0x10 => {
                pay_for_memory_grow(p[0] as u16);
                let r = core::arch::wasm32::memory_grow(0, p[0] as usize);
                o.bytes(&(r as u32).to_be_bytes());
            }
            0x11 => loop {
                core::hint::black_box(evm_gas_left());
            },
            0x12 => core::arch::wasm32::unreachable(),
            // read part of the last call's return data: offset(4) size(4), then call as 0x0d
            0x13 => {
                let mut ret = 0usize;
                let (off, size) = (
                    u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize,
                    u32::from_be_bytes([p[4], p[5], p[6], p[7]]) as usize,
                );
                let q = &p[8..];
                call_contract(
                    q.as_ptr(),
                    q.as_ptr().add(52),
                    q.len() - 52,
                    q.as_ptr().add(20),
                    u64::MAX,
                    &mut ret,
                );
                let n = read_return_data(o.buf(), off, size);
                o.put(n);
            }
            _ => status = 1,
        }
        write_result(&raw const OUT as *const u8, o.len);
        status
    }
}
