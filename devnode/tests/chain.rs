//! Dev-chain scenarios with real wasm: deployment and activation, calls in
//! every direction, rollback, reentrancy, creates, the StylusDeployer, gas
//! parity with the EVM, and failure modes that must never crash the engine.

mod common;

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolError, SolEvent, SolValue};
use common::*;
use devnode::precompiles::arb_wasm::{ProgramNotActivated, ProgramUpToDate};
use devnode::system::deployer::{init_salt, IStylusDeployer, STYLUS_DEPLOYER};
use devnode::{NodeConfig, Tx};

const COUNTER: &str = "devnode-test-counter";

fn calldata<C: SolCall>(c: C) -> Vec<u8> {
    c.abi_encode()
}

#[test]
fn a_program_reverts_until_activated_and_activates_once() {
    let mut n = node();
    let a = deploy(&mut n, init_code(COUNTER));
    assert_eq!(&n.code(a)[..3], &[0xEF, 0xF0, 0x00]);

    let r = send(&mut n, a, calldata(ICounter::incrementCall {}));
    assert!(!r.status);
    assert_eq!(&r.output[..], &ProgramNotActivated::SELECTOR[..]);

    let before = n.balance(alice());
    let r = activate(&mut n, a);
    assert!(r.status, "{r:?}");
    let (version, fee) = <(u16, U256)>::abi_decode_params(&r.output).expect("returns");
    assert_eq!(version, 2);
    assert!(fee > U256::ZERO);
    // Only the data fee and gas left alice: the rest of the 1 ETH came back.
    let gas_cost = U256::from(r.gas_used) * U256::from(n.config().base_fee);
    assert_eq!(before - n.balance(alice()), fee + gas_cost);

    let again = activate(&mut n, a);
    assert!(!again.status);
    assert_eq!(&again.output[..], &ProgramUpToDate::SELECTOR[..]);
}

#[test]
fn increment_changes_storage_and_logs_the_new_value() {
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    for expected in 1..=2u64 {
        let r = send(&mut n, a, calldata(ICounter::incrementCall {}));
        assert!(r.status, "{r:?}");
        assert_eq!(r.logs.len(), 1);
        let log = ICounter::Incremented::decode_log_data(&r.logs[0].data).expect("event");
        assert_eq!(log.by, alice());
        assert_eq!(log.value, U256::from(expected));
        assert_eq!(r.logs[0].address, a);
    }
    assert_eq!(number(&mut n, a), U256::from(2));
    assert_eq!(n.storage(a, U256::ZERO), U256::from(2));
}

#[test]
fn a_second_deployment_of_the_same_code_needs_no_activation() {
    let mut n = node();
    let _a = deploy_program(&mut n, COUNTER);
    let b = deploy(&mut n, init_code(COUNTER));
    let r = send(&mut n, b, calldata(ICounter::incrementCall {}));
    assert!(r.status, "{r:?}");
    assert_eq!(number(&mut n, b), U256::from(1));
}

#[test]
fn stylus_calls_stylus_and_evm_and_evm_calls_stylus() {
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    let b = deploy(&mut n, init_code(COUNTER));
    send(
        &mut n,
        b,
        calldata(ICounter::setNumberCall { n: U256::from(7) }),
    );
    let evm42 = deploy_evm(&mut n, EVM_RETURN_42);
    let fwd = deploy_evm(&mut n, EVM_FORWARD);

    // Stylus -> Stylus
    let r = send(
        &mut n,
        a,
        calldata(ICounter::callOtherCall {
            target: b,
            data: calldata(ICounter::numberCall {}).into(),
        }),
    );
    assert!(r.status, "{r:?}");
    let out = ICounter::callOtherCall::abi_decode_returns(&r.output).unwrap();
    assert_eq!(U256::abi_decode(&out).unwrap(), U256::from(7));

    // Stylus -> EVM
    let r = send(
        &mut n,
        a,
        calldata(ICounter::callOtherCall {
            target: evm42,
            data: Bytes::new(),
        }),
    );
    let out = ICounter::callOtherCall::abi_decode_returns(&r.output).unwrap();
    assert_eq!(U256::abi_decode(&out).unwrap(), U256::from(42));

    // EVM -> Stylus
    let r = send(&mut n, fwd, forward(b, &calldata(ICounter::numberCall {})));
    assert!(r.status, "{r:?}");
    assert_eq!(U256::abi_decode(&r.output).unwrap(), U256::from(7));

    // Stylus -> EVM -> Stylus
    let inner = forward(b, &calldata(ICounter::numberCall {}));
    let r = send(
        &mut n,
        a,
        calldata(ICounter::callOtherCall {
            target: fwd,
            data: inner.into(),
        }),
    );
    assert!(r.status, "{r:?}");
    let out = ICounter::callOtherCall::abi_decode_returns(&r.output).unwrap();
    assert_eq!(U256::abi_decode(&out).unwrap(), U256::from(7));
}

#[test]
fn a_revert_rolls_back_every_level() {
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    let b = deploy(&mut n, init_code(COUNTER));
    let dead = deploy_evm(&mut n, EVM_REVERT_DEAD);

    // The program's own revert with a custom error undoes its write.
    let r = send(
        &mut n,
        a,
        calldata(ICounter::failCall {
            code: U256::from(9),
        }),
    );
    assert!(!r.status);
    assert_eq!(
        r.output,
        Bytes::from(
            ICounter::Boom {
                code: U256::from(9)
            }
            .abi_encode()
        )
    );
    assert_eq!(number(&mut n, a), U256::ZERO);
    assert!(r.logs.is_empty());

    // A reverting EVM callee reverts the Stylus caller's write.
    let r = send(
        &mut n,
        a,
        calldata(ICounter::incrementAndCallCall {
            target: dead,
            data: Bytes::new(),
        }),
    );
    assert!(!r.status);
    assert_eq!(&r.output[..], &[0xde, 0xad]);
    assert_eq!(number(&mut n, a), U256::ZERO);

    // A caught failure of a Stylus callee rolls back only the callee.
    let r = send(
        &mut n,
        a,
        calldata(ICounter::incrementAndTryCall {
            target: b,
            data: calldata(ICounter::failCall {
                code: U256::from(1),
            })
            .into(),
        }),
    );
    assert!(r.status, "{r:?}");
    assert!(!ICounter::incrementAndTryCall::abi_decode_returns(&r.output).unwrap());
    assert_eq!(number(&mut n, a), U256::from(1));
    assert_eq!(number(&mut n, b), U256::ZERO);
}

#[test]
fn msg_reentrant_is_set_only_on_reentry() {
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    let b = deploy(&mut n, init_code(COUNTER));
    let r = n
        .call(Tx::call(alice(), a, calldata(ICounter::reentrantCall {})))
        .unwrap();
    assert!(!ICounter::reentrantCall::abi_decode_returns(&r.output).unwrap());
    // a -> b -> a.reentrant(): the stylus-sdk entrypoint of a non-reentrant
    // contract refuses the re-entry, so b sees a failure and so does a.
    let inner = calldata(ICounter::callOtherCall {
        target: a,
        data: calldata(ICounter::reentrantCall {}).into(),
    });
    let r = send(
        &mut n,
        a,
        calldata(ICounter::callOtherCall {
            target: b,
            data: inner.into(),
        }),
    );
    assert!(!r.status, "re-entry must be refused: {r:?}");
    // a -> b.reentrant(): b is not re-entered.
    let r = send(
        &mut n,
        a,
        calldata(ICounter::callOtherCall {
            target: b,
            data: calldata(ICounter::reentrantCall {}).into(),
        }),
    );
    let out = ICounter::callOtherCall::abi_decode_returns(&r.output).unwrap();
    assert!(!bool::abi_decode(&out).unwrap());
}

#[test]
fn programs_create_and_create2_programs() {
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    let init: Bytes = init_code(COUNTER).to_vec().into();

    let r = send(
        &mut n,
        a,
        calldata(ICounter::deployChildCall {
            initCode: init.clone(),
            salt: B256::ZERO,
            value: U256::ZERO,
        }),
    );
    assert!(r.status, "{r:?}");
    let child = ICounter::deployChildCall::abi_decode_returns(&r.output).unwrap();
    assert_eq!(child, a.create(1));
    send(&mut n, child, calldata(ICounter::incrementCall {}));
    assert_eq!(number(&mut n, child), U256::from(1));

    let salt = B256::with_last_byte(5);
    let r = send(
        &mut n,
        a,
        calldata(ICounter::deployChildCall {
            initCode: init.clone(),
            salt,
            value: U256::ZERO,
        }),
    );
    assert!(r.status, "{r:?}");
    let child2 = ICounter::deployChildCall::abi_decode_returns(&r.output).unwrap();
    assert_eq!(child2, a.create2(salt, keccak256(&init)));

    // Init code that reverts: the revert data comes back.
    let bad: Bytes = EVM_REVERT_DEAD.to_vec().into();
    let r = send(
        &mut n,
        a,
        calldata(ICounter::deployChildCall {
            initCode: bad,
            salt: B256::ZERO,
            value: U256::ZERO,
        }),
    );
    assert!(!r.status);
    assert_eq!(&r.output[..], &[0xde, 0xad]);
}

#[test]
fn the_stylus_deployer_deploys_activates_and_runs_the_constructor_atomically() {
    let mut n = node();
    let init: Bytes = init_code(COUNTER).to_vec().into();
    let ctor_selector = &keccak256("stylus_constructor()")[..4];
    let mut ctor = ctor_selector.to_vec();
    ctor.extend_from_slice(&U256::from(41).abi_encode());
    let salt = B256::with_last_byte(1);
    let data = IStylusDeployer::deployCall {
        bytecode: init.clone(),
        initData: ctor.clone().into(),
        initValue: U256::ZERO,
        salt,
    }
    .abi_encode();
    let r = n
        .transact(
            Tx::call(alice(), STYLUS_DEPLOYER, data).value(U256::from(10).pow(U256::from(18))),
        )
        .unwrap();
    assert!(r.status, "{r:?}");
    let addr = IStylusDeployer::deployCall::abi_decode_returns(&r.output).unwrap();
    assert_eq!(
        addr,
        STYLUS_DEPLOYER.create2(init_salt(salt, &ctor), keccak256(&init))
    );
    let deployed = r
        .logs
        .iter()
        .find(|l| l.address == STYLUS_DEPLOYER)
        .expect("ContractDeployed");
    assert_eq!(
        IStylusDeployer::ContractDeployed::decode_log_data(&deployed.data)
            .unwrap()
            .deployedContract,
        addr
    );
    assert_eq!(number(&mut n, addr), U256::from(41));
    let r = n
        .call(Tx::call(alice(), addr, calldata(ICounter::creatorCall {})))
        .unwrap();
    assert_eq!(
        ICounter::creatorCall::abi_decode_returns(&r.output).unwrap(),
        STYLUS_DEPLOYER
    );
    // The deployer keeps nothing: all but the data fee came back.
    assert_eq!(n.balance(STYLUS_DEPLOYER), U256::ZERO);

    // A failing constructor (constructor already ran: same salt collides) leaves no trace.
    let nonce_before = n.nonce(STYLUS_DEPLOYER);
    let data = IStylusDeployer::deployCall {
        bytecode: init,
        initData: ctor.into(),
        initValue: U256::ZERO,
        salt,
    }
    .abi_encode();
    let r = n
        .transact(Tx::call(alice(), STYLUS_DEPLOYER, data))
        .unwrap();
    assert!(!r.status);
    assert_eq!(n.nonce(STYLUS_DEPLOYER), nonce_before);
}

#[test]
fn a_stylus_storage_write_costs_the_same_storage_gas_as_an_evm_sstore() {
    // Same calldata shape, two transitions: 0 -> 1 (fresh slot) and 2 -> 1.
    // Only storage gas differs between them, so the difference must match.
    let mut n = node();
    let hostio = deploy_program(&mut n, "devnode-test-hostio");
    let evm = deploy_evm(&mut n, EVM_STORE);
    let word = |b: u8| B256::with_last_byte(b);
    let stylus_store = |n: &mut devnode::DevNode, key: u8, value: u8| {
        let mut d = vec![0x02];
        d.extend_from_slice(word(key).as_slice());
        d.extend_from_slice(word(value).as_slice());
        let r = send(n, hostio, d);
        assert!(r.status, "{r:?}");
        r.gas_used
    };
    let evm_store = |n: &mut devnode::DevNode, key: u8, value: u8| {
        let mut d = word(key).to_vec();
        d.extend_from_slice(word(value).as_slice());
        let r = send(n, evm, d);
        assert!(r.status, "{r:?}");
        r.gas_used
    };
    stylus_store(&mut n, 0x22, 2);
    evm_store(&mut n, 0x22, 2);
    let stylus_diff = stylus_store(&mut n, 0x11, 1) as i64 - stylus_store(&mut n, 0x22, 1) as i64;
    let evm_diff = evm_store(&mut n, 0x11, 1) as i64 - evm_store(&mut n, 0x22, 1) as i64;
    assert_eq!(evm_diff, 22_100 - 5_000);
    assert_eq!(stylus_diff, evm_diff);
}

#[test]
fn an_infinite_loop_runs_out_of_gas_with_a_reason() {
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    let r = n
        .transact(Tx::call(alice(), a, calldata(ICounter::spinCall {})).gas(2_000_000))
        .unwrap();
    assert!(!r.status);
    assert_eq!(r.gas_used, 2_000_000);
    assert!(
        r.reason.as_deref().unwrap_or("").contains("out of ink"),
        "{r:?}"
    );
}

#[test]
fn a_trap_reverts_with_a_reason_and_keeps_unused_gas() {
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    let r = n
        .transact(Tx::call(alice(), a, calldata(ICounter::trapCall {})).gas(2_000_000))
        .unwrap();
    assert!(!r.status);
    assert!(r.output.is_empty());
    assert!(r.gas_used < 2_000_000);
    assert!(
        r.reason.as_deref().unwrap_or("").contains("unreachable"),
        "{r:?}"
    );
}

#[test]
fn memory_growth_past_the_page_limit_fails_the_tx() {
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    let small = send(
        &mut n,
        a,
        calldata(ICounter::growCall {
            kib: U256::from(64),
        }),
    );
    assert!(small.status, "{small:?}");
    let huge = send(
        &mut n,
        a,
        calldata(ICounter::growCall {
            kib: U256::from(16 * 1024),
        }),
    );
    assert!(!huge.status);
}

#[test]
fn malformed_programs_do_not_activate() {
    let mut n = node();
    let mut code = vec![0xEF, 0xF0, 0x00, 0x00];
    code.extend_from_slice(b"not brotli at all");
    let bad = deploy_evm(&mut n, &code);
    let r = activate(&mut n, bad);
    assert!(!r.status);
    let evm = deploy_evm(&mut n, EVM_RETURN_42);
    let r = activate(&mut n, evm);
    assert!(!r.status);
    assert_eq!(
        &r.output[..],
        &devnode::precompiles::arb_wasm::ProgramNotWasm::SELECTOR[..]
    );
}

#[test]
fn deep_stylus_nesting_ends_in_a_failed_tx_not_a_crash() {
    let mut n = devnode::DevNode::new(NodeConfig {
        block_gas_limit: 1_000_000_000_000,
        ..NodeConfig::default()
    });
    let first = deploy_program(&mut n, COUNTER);
    let path: Vec<Address> = (0..150)
        .map(|_| deploy(&mut n, init_code(COUNTER)))
        .collect();
    // A short path works.
    let r = send(
        &mut n,
        first,
        calldata(ICounter::relayCall {
            path: path[..5].to_vec(),
        }),
    );
    assert!(r.status, "{r:?}");
    assert_eq!(
        ICounter::relayCall::abi_decode_returns(&r.output).unwrap(),
        U256::from(5)
    );
    // A long one runs into the memory model: pages open in the call stack
    // add up, and past 128 pages memory is unaffordable, as on Arbitrum.
    let r = n
        .transact(Tx::call(alice(), first, calldata(ICounter::relayCall { path })).gas(900_000_000))
        .unwrap();
    assert!(!r.status, "{r:?}");
}

#[test]
fn only_the_stylus_prefix_is_exempt_from_eip3541() {
    let mut n = node();
    let r = n
        .transact(Tx::deploy(alice(), evm_init(&[0xEF, 0x01, 0x02])))
        .unwrap();
    assert!(!r.status, "0xEF code must still be rejected");
    let r = n
        .transact(Tx::deploy(
            alice(),
            evm_init(&[0xEF, 0xF0, 0x00, 0x00, 0x01]),
        ))
        .unwrap();
    assert!(r.status, "{r:?}");
}

#[test]
fn cached_programs_pay_only_the_cached_init_gas() {
    use devnode::precompiles::arb_wasm_cache::IArbWasmCache;
    use devnode::precompiles::ARB_WASM_CACHE;
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    send(&mut n, a, calldata(ICounter::incrementCall {}));
    let uncached = send(&mut n, a, calldata(ICounter::incrementCall {})).gas_used;
    let r = send(
        &mut n,
        ARB_WASM_CACHE,
        IArbWasmCache::cacheProgramCall { addr: a }.abi_encode(),
    );
    assert!(r.status, "{r:?}");
    let codehash = keccak256(n.code(a));
    let r = n
        .call(Tx::call(
            alice(),
            ARB_WASM_CACHE,
            IArbWasmCache::codehashIsCachedCall { codehash }.abi_encode(),
        ))
        .unwrap();
    assert!(IArbWasmCache::codehashIsCachedCall::abi_decode_returns(&r.output).unwrap());
    let cached = send(&mut n, a, calldata(ICounter::incrementCall {})).gas_used;
    // The init gas of a program is MinInitGas * 128 + its init cost.
    assert!(uncached - cached > 69 * 128, "{uncached} vs {cached}");
    let r = send(
        &mut n,
        ARB_WASM_CACHE,
        IArbWasmCache::evictCodehashCall { codehash }.abi_encode(),
    );
    assert!(r.status, "{r:?}");
    assert_eq!(
        send(&mut n, a, calldata(ICounter::incrementCall {})).gas_used,
        uncached
    );
}

#[test]
fn programs_send_and_receive_value() {
    let mut n = node();
    let a = deploy_program(&mut n, "devnode-test-hostio");
    let nobody = Address::with_last_byte(0x77);
    let mut data = vec![0x0d, 0];
    data.extend_from_slice(nobody.as_slice());
    data.extend_from_slice(&U256::from(3).to_be_bytes::<32>());
    let r = n
        .transact(Tx::call(alice(), a, data).value(U256::from(10)))
        .unwrap();
    assert!(r.status, "{r:?}");
    assert_eq!(n.balance(nobody), U256::from(3));
    assert_eq!(n.balance(a), U256::from(7));
}

#[test]
fn invalid_transactions_are_refused_without_state_change() {
    let mut n = node();
    let before = n.balance(alice());
    let mut tx = Tx::call(alice(), bob(), Vec::new());
    tx.nonce = Some(5);
    assert!(n.transact(tx).is_err());
    assert_eq!(n.balance(alice()), before);
}

#[test]
fn calls_need_no_funds_and_change_nothing() {
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    let pauper = Address::with_last_byte(0x55);
    let r = n
        .call(Tx::call(pauper, a, calldata(ICounter::incrementCall {})))
        .unwrap();
    assert!(r.status, "{r:?}");
    assert_eq!(
        ICounter::incrementCall::abi_decode_returns(&r.output).unwrap(),
        U256::from(1)
    );
    assert_eq!(number(&mut n, a), U256::ZERO);
}

#[test]
fn arb_wasm_reports_the_stylus_parameters_and_program_facts() {
    use devnode::precompiles::arb_wasm::IArbWasm;
    use devnode::precompiles::ARB_WASM;
    let mut n = node();
    let a = deploy_program(&mut n, COUNTER);
    let mut view = |data: Vec<u8>| {
        let r = n.call(Tx::call(alice(), ARB_WASM, data)).unwrap();
        assert!(r.status, "{r:?}");
        r.output
    };
    let u = |b: Bytes| U256::from_be_slice(&b[..32]);
    assert_eq!(
        u(view(IArbWasm::stylusVersionCall {}.abi_encode())),
        U256::from(2)
    );
    assert_eq!(
        u(view(IArbWasm::inkPriceCall {}.abi_encode())),
        U256::from(10_000)
    );
    assert_eq!(
        u(view(IArbWasm::freePagesCall {}.abi_encode())),
        U256::from(2)
    );
    assert_eq!(
        u(view(IArbWasm::pageGasCall {}.abi_encode())),
        U256::from(1_000)
    );
    assert_eq!(
        u(view(IArbWasm::pageLimitCall {}.abi_encode())),
        U256::from(128)
    );
    assert_eq!(
        u(view(IArbWasm::expiryDaysCall {}.abi_encode())),
        U256::from(365)
    );
    assert_eq!(
        u(view(
            IArbWasm::programVersionCall { program: a }.abi_encode()
        )),
        U256::from(2)
    );
    let (init, cached) = <(u64, u64)>::abi_decode_params(&view(
        IArbWasm::programInitGasCall { program: a }.abi_encode(),
    ))
    .unwrap();
    assert!(init > cached && cached >= 11 * 32, "{init} {cached}");
    let footprint = u(view(
        IArbWasm::programMemoryFootprintCall { program: a }.abi_encode(),
    ));
    assert!(footprint >= U256::from(1) && footprint <= U256::from(128));
    let r = n
        .call(Tx::call(
            alice(),
            ARB_WASM,
            IArbWasm::programVersionCall { program: bob() }.abi_encode(),
        ))
        .unwrap();
    assert!(!r.status);
    assert_eq!(&r.output[..], &ProgramNotActivated::SELECTOR[..]);
}

#[test]
fn an_evm_proxy_delegatecalls_a_program_with_its_own_storage() {
    let mut n = node();
    let implementation = deploy_program(&mut n, COUNTER);
    let proxy = deploy_evm(&mut n, EVM_DELEGATE_FORWARD);
    let r = send(
        &mut n,
        proxy,
        forward(implementation, &calldata(ICounter::incrementCall {})),
    );
    assert!(r.status, "{r:?}");
    assert_eq!(r.logs[0].address, proxy);
    let log = ICounter::Incremented::decode_log_data(&r.logs[0].data).unwrap();
    assert_eq!(log.by, alice());
    assert_eq!(n.storage(proxy, U256::ZERO), U256::from(1));
    assert_eq!(n.storage(implementation, U256::ZERO), U256::ZERO);
}
