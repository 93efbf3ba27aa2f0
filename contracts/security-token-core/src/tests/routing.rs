//! The ABI crate and the programs cannot drift: every function of every
//! `sto_abi` interface is routed by exactly one of the two programs, every
//! router arm's argument schema is the one its Solidity signature implies,
//! every arm decodes alloy-encoded calldata and returns what alloy decodes,
//! and the storage slots are where `storage.rs` documents them (the layout
//! the upgrade checker relies on).

use super::*;
use crate::{
    errors::*,
    program::{handle, Program, CONSTRUCTOR_SELECTOR},
    router::{admin, compliance, hot},
};
use alloc::collections::BTreeMap;
use sto_abi::{
    IERC20Face as E20, ISecurityTokenAdmin as Admin, IERC1410 as E1410, IERC1594 as E1594,
    IERC1643 as E1643, IERC1644 as E1644,
};
use stylus_sdk::{
    alloy_primitives::{keccak256, FixedBytes},
    alloy_sol_types::{SolCall, SolError},
};

/// (selector, schema) of every `function` in the Solidity interface,
/// parsed from the source the ABI crate compiles.
fn functions_of_the_solidity_file() -> BTreeMap<[u8; 4], (String, Vec<u8>)> {
    let mut out = BTreeMap::new();
    let code: String = sto_abi::SOLIDITY_INTERFACE
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    for chunk in code.split("function ").skip(1) {
        let name = &chunk[..chunk.find('(').unwrap()];
        let params = &chunk[chunk.find('(').unwrap() + 1..chunk.find(')').unwrap()];
        let types: Vec<&str> = params
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| p.split_whitespace().next().unwrap())
            .collect();
        let schema = types
            .iter()
            .map(|t| match *t {
                "address" => b'a',
                "uint8" => b'u',
                "bytes" | "string" => b'b',
                "bytes32[]" | "uint256[]" => b'W',
                "address[]" => b'A',
                "bool" => b'o',
                "bytes32" | "uint256" => b'w',
                other => panic!("type {other} has no schema letter"),
            })
            .collect();
        let signature = format!("{name}({})", types.join(","));
        let selector: [u8; 4] = keccak256(signature.as_bytes())[..4].try_into().unwrap();
        out.insert(selector, (signature, schema));
    }
    out
}

#[test]
fn every_function_is_routed_by_exactly_one_program_with_the_schema_of_its_signature() {
    let solidity = functions_of_the_solidity_file();
    let abi: Vec<[u8; 4]> = sto_abi::FUNCTION_SELECTORS
        .iter()
        .flat_map(|(_, s)| s.iter().copied())
        .collect();
    assert_eq!(
        abi.len(),
        solidity.len(),
        "the ABI crate and the file agree"
    );
    let mut routed = BTreeMap::new();
    for (program, list) in [
        ("hot", hot::SELECTORS),
        ("admin", admin::SELECTORS),
        ("compliance", compliance::SELECTORS),
    ] {
        for (selector, schema) in list {
            let (signature, expected) = solidity
                .get(selector)
                .unwrap_or_else(|| panic!("{program} routes {selector:02x?}, not in the ABI"));
            assert_eq!(schema, &expected.as_slice(), "schema of {signature}");
            assert!(
                routed.insert(*selector, program).is_none(),
                "{signature} routed twice"
            );
        }
    }
    for selector in abi {
        assert!(
            routed.contains_key(&selector),
            "{} is not routed",
            solidity[&selector].0
        );
    }
    assert_eq!(routed.len(), 93, "number of ABI functions");
}

/// Runs `call` through the program that routes it, as the chain would
/// (admin selectors through the admin program: the hot program's
/// delegation needs a real chain, see the dev-chain tests).
fn run<C: SolCall>(f: &mut Fixture, sender: Address, call: &C) -> Result<C::Return, Vec<u8>> {
    f.vm.set_sender(sender);
    let input = call.abi_encode();
    let program = if hot::SELECTORS.iter().any(|(s, _)| *s == C::SELECTOR) {
        Program::Hot
    } else if compliance::SELECTORS.iter().any(|(s, _)| *s == C::SELECTOR) {
        Program::Compliance
    } else {
        Program::Admin
    };
    let out = handle(&mut f.token, program, &input)?;
    Ok(C::abi_decode_returns_validate(&out).expect("return data decodes as the ABI says"))
}

#[test]
fn hot_path_calls_decode_alloy_calldata_and_return_what_alloy_decodes() {
    let mut f = Fixture::new().issued(PA, ALICE, 100).issued(PL, ALICE, 7);
    assert_eq!(
        run(&mut f, BOB, &E20::nameCall {}).unwrap(),
        "Gangnam Office Fund"
    );
    assert_eq!(run(&mut f, BOB, &E20::symbolCall {}).unwrap(), "GOF");
    assert_eq!(run(&mut f, BOB, &E20::decimalsCall {}).unwrap(), 0);
    assert_eq!(run(&mut f, BOB, &E20::totalSupplyCall {}).unwrap(), u(107));
    assert_eq!(
        run(&mut f, BOB, &E20::balanceOfCall { account: ALICE }).unwrap(),
        u(107)
    );
    assert!(run(
        &mut f,
        ALICE,
        &E20::approveCall {
            spender: BOB,
            value: u(9)
        }
    )
    .unwrap());
    let allowance = E20::allowanceCall {
        owner: ALICE,
        spender: BOB,
    };
    assert_eq!(run(&mut f, BOB, &allowance).unwrap(), u(9));
    assert!(run(
        &mut f,
        ALICE,
        &E20::transferCall {
            to: BOB,
            value: u(1)
        }
    )
    .unwrap());
    let from = E20::transferFromCall {
        from: ALICE,
        to: CAROL,
        value: u(2),
    };
    assert!(run(&mut f, BOB, &from).unwrap());
    let by_partition = E1410::balanceOfByPartitionCall {
        partition: PL,
        tokenHolder: ALICE,
    };
    assert_eq!(run(&mut f, BOB, &by_partition).unwrap(), u(7));
    let mut parts = run(&mut f, BOB, &E1410::partitionsOfCall { tokenHolder: ALICE }).unwrap();
    parts.sort();
    assert_eq!(parts, vec![PA, PL]);
    let supply = E1410::totalSupplyByPartitionCall { partition: PL };
    assert_eq!(run(&mut f, BOB, &supply).unwrap(), u(7));
    assert_eq!(
        run(&mut f, BOB, &E1410::totalPartitionsCall {}).unwrap(),
        vec![PA, PL]
    );
    let send = E1410::transferByPartitionCall {
        partition: PL,
        to: BOB,
        value: u(3),
        data: bytes(b"memo with more than thirty-two bytes of data in it"),
    };
    assert_eq!(run(&mut f, ALICE, &send).unwrap(), PL);
    let check = E1410::canTransferByPartitionCall {
        from: ALICE,
        to: BOB,
        partition: PL,
        value: u(5),
        data: bytes(b""),
    };
    let verdict = run(&mut f, BOB, &check).unwrap();
    assert_eq!(verdict.status, FixedBytes([0x52]));
    assert_eq!(verdict.reason[..4], InsufficientBalance::SELECTOR);
    assert_eq!(verdict.destinationPartition, B256::ZERO);
    run(
        &mut f,
        ALICE,
        &E1410::authorizeOperatorCall { operator: CAROL },
    )
    .unwrap();
    assert!(run(
        &mut f,
        BOB,
        &E1410::isOperatorCall {
            operator: CAROL,
            tokenHolder: ALICE
        }
    )
    .unwrap());
    let for_partition = E1410::isOperatorForPartitionCall {
        partition: PA,
        operator: CAROL,
        tokenHolder: ALICE,
    };
    assert!(run(&mut f, BOB, &for_partition).unwrap());
    run(
        &mut f,
        ALICE,
        &E1410::revokeOperatorCall { operator: CAROL },
    )
    .unwrap();
    let by = E1410::authorizeOperatorByPartitionCall {
        partition: PL,
        operator: CAROL,
    };
    run(&mut f, ALICE, &by).unwrap();
    let moved = E1410::operatorTransferByPartitionCall {
        partition: PL,
        from: ALICE,
        to: BOB,
        value: u(1),
        data: bytes(b"d"),
        operatorData: bytes(b"od"),
    };
    assert_eq!(run(&mut f, CAROL, &moved).unwrap(), PL);
    let redeem = E1410::operatorRedeemByPartitionCall {
        partition: PL,
        tokenHolder: ALICE,
        value: u(1),
        operatorData: bytes(b""),
    };
    run(&mut f, CAROL, &redeem).unwrap();
    let revoke = E1410::revokeOperatorByPartitionCall {
        partition: PL,
        operator: CAROL,
    };
    run(&mut f, ALICE, &revoke).unwrap();
    let issue = E1410::issueByPartitionCall {
        partition: PB,
        tokenHolder: BOB,
        value: u(4),
        data: bytes(b""),
    };
    run(&mut f, ISSUER, &issue).unwrap();
    let redeem = E1410::redeemByPartitionCall {
        partition: PB,
        value: u(1),
        data: bytes(b""),
    };
    run(&mut f, BOB, &redeem).unwrap();
    let with_data = E1594::transferWithDataCall {
        to: CAROL,
        value: u(1),
        data: bytes(b"x"),
    };
    run(&mut f, ALICE, &with_data).unwrap();
    run(
        &mut f,
        ALICE,
        &E20::approveCall {
            spender: BOB,
            value: u(5),
        },
    )
    .unwrap();
    let from_with_data = E1594::transferFromWithDataCall {
        from: ALICE,
        to: CAROL,
        value: u(1),
        data: bytes(b""),
    };
    run(&mut f, BOB, &from_with_data).unwrap();
    assert!(run(&mut f, BOB, &E1594::isIssuableCall {}).unwrap());
    run(
        &mut f,
        ISSUER,
        &E1594::issueCall {
            tokenHolder: CAROL,
            value: u(2),
            data: bytes(b""),
        },
    )
    .unwrap();
    run(
        &mut f,
        CAROL,
        &E1594::redeemCall {
            value: u(1),
            data: bytes(b""),
        },
    )
    .unwrap();
    run(
        &mut f,
        BOB,
        &E1594::redeemFromCall {
            tokenHolder: ALICE,
            value: u(1),
            data: bytes(b""),
        },
    )
    .unwrap();
    let can = E1594::canTransferCall {
        to: BOB,
        value: u(1),
        data: bytes(b""),
    };
    let verdict = run(&mut f, ALICE, &can).unwrap();
    assert_eq!(
        (verdict.status, verdict.reason),
        (FixedBytes([0x51]), B256::ZERO)
    );
    let can_from = E1594::canTransferFromCall {
        from: ALICE,
        to: BOB,
        value: u(100),
        data: bytes(b""),
    };
    let verdict = run(&mut f, BOB, &can_from).unwrap();
    assert_eq!(verdict.status, FixedBytes([0x53]));
    assert!(run(&mut f, BOB, &E1644::isControllableCall {}).unwrap());
    let forced = E1644::controllerTransferCall {
        from: ALICE,
        to: BOB,
        value: u(1),
        data: bytes(b""),
        operatorData: bytes(b"order"),
    };
    run(&mut f, CONTROLLER, &forced).unwrap();
    let forced = E1644::controllerRedeemCall {
        tokenHolder: ALICE,
        value: u(1),
        data: bytes(b""),
        operatorData: bytes(b""),
    };
    run(&mut f, CONTROLLER, &forced).unwrap();
    let forced = E1644::controllerTransferByPartitionCall {
        partition: PL,
        from: BOB,
        to: ALICE,
        value: u(1),
        data: bytes(&sto_abi::status::change_partition_data(PA)),
        operatorData: bytes(b"x"),
    };
    assert_eq!(run(&mut f, CONTROLLER, &forced).unwrap(), PA);
    let forced = E1644::controllerRedeemByPartitionCall {
        partition: PL,
        tokenHolder: BOB,
        value: u(1),
        data: bytes(b""),
        operatorData: bytes(b""),
    };
    run(&mut f, CONTROLLER, &forced).unwrap();
    assert!(!run(&mut f, BOB, &Admin::pausedCall {}).unwrap());
    assert_eq!(run(&mut f, BOB, &Admin::issuerCall {}).unwrap(), ISSUER);
    let none: Vec<Address> = vec![];
    assert_eq!(
        run(
            &mut f,
            BOB,
            &sto_abi::ISecurityTokenProgram::extensionsCall {}
        )
        .unwrap(),
        none
    );
    f.assert_invariants(&[ALICE, BOB, CAROL]);
}

#[test]
fn admin_calls_decode_alloy_calldata_and_return_what_alloy_decodes() {
    let mut f = Fixture::new();
    let info = run(&mut f, BOB, &Admin::issueInfoCall {}).unwrap();
    assert_eq!(
        (
            info.issuer,
            info.accountManager,
            info.securityKind.as_str(),
            info.issueId
        ),
        (ISSUER, AMI, "투자계약증권", ISSUE_ID)
    );
    assert!(run(
        &mut f,
        BOB,
        &Admin::isControllerCall {
            account: CONTROLLER
        }
    )
    .unwrap());
    run(
        &mut f,
        ISSUER,
        &Admin::appointControllerCall { controller: BOB },
    )
    .unwrap();
    run(
        &mut f,
        ISSUER,
        &Admin::dismissControllerCall { controller: BOB },
    )
    .unwrap();
    assert_eq!(
        run(&mut f, BOB, &Admin::operatorSideCall { account: FIRM }).unwrap(),
        2
    );
    run(
        &mut f,
        ISSUER,
        &Admin::appointOperatorCall {
            operator: CAROL,
            side: 1,
        },
    )
    .unwrap();
    run(
        &mut f,
        ISSUER,
        &Admin::dismissOperatorCall { operator: CAROL },
    )
    .unwrap();
    run(&mut f, ISSUER, &Admin::pauseCall {}).unwrap();
    run(&mut f, ISSUER, &Admin::unpauseCall {}).unwrap();
    assert_eq!(
        run(&mut f, BOB, &Admin::getDefaultPartitionsCall {}).unwrap(),
        vec![PA, PB]
    );
    run(
        &mut f,
        ISSUER,
        &Admin::setDefaultPartitionsCall {
            partitions: vec![PB],
        },
    )
    .unwrap();
    assert_eq!(f.token.get_default_partitions(), vec![PB]);
    let uri = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    let set = E1643::setDocumentCall {
        name: PL,
        uri: uri.into(),
        documentHash: ISSUE_ID,
    };
    run(&mut f, ISSUER, &set).unwrap();
    let doc = run(&mut f, BOB, &E1643::getDocumentCall { name: PL }).unwrap();
    assert_eq!(
        (doc.uri.as_str(), doc.documentHash, doc.lastModified),
        (uri, ISSUE_ID, u(1_700_000_000))
    );
    assert_eq!(
        run(&mut f, BOB, &E1643::getAllDocumentsCall {}).unwrap(),
        vec![PL]
    );
    run(&mut f, ISSUER, &E1643::removeDocumentCall { name: PL }).unwrap();
    run(&mut f, ISSUER, &Admin::finalizeIssuanceCall {}).unwrap();
    run(&mut f, ISSUER, &E1644::renounceControllabilityCall {}).unwrap();
    run(
        &mut f,
        ISSUER,
        &Admin::transferIssuerCall { newIssuer: BOB },
    )
    .unwrap();
    assert_eq!(f.token.issuer(), BOB);

    let mut bare = Fixture::bare();
    let init = Admin::initializeCall {
        name: "N".into(),
        symbol: "S".into(),
        decimals: 18,
        issuer: ISSUER,
        controllers: vec![CONTROLLER, FIRM],
        defaultPartitions: vec![PA],
        accountManager: AMI,
        securityKind: "bond".into(),
        issueId: ISSUE_ID,
    };
    run(&mut bare, DEPLOYER, &init).unwrap();
    assert_eq!(
        (bare.token.decimals(), bare.token.is_controller(FIRM)),
        (18, true)
    );
}

#[test]
fn a_failing_call_reverts_with_its_custom_error_encoded() {
    let mut f = Fixture::new();
    let call = E20::transferCall {
        to: BOB,
        value: u(1),
    };
    let err = run(&mut f, ALICE, &call).unwrap_err();
    assert_eq!(
        err,
        insufficient_balance(ALICE, B256::ZERO, U256::ZERO, u(1)).encode()
    );
    let err = run(&mut f, ALICE, &Admin::pauseCall {}).err().unwrap();
    assert_eq!(err, NotIssuer { account: ALICE }.abi_encode());
}

#[test]
fn a_dirty_address_anywhere_in_an_address_array_is_malformed() {
    let mut f = Fixture::bare();
    let mut call = Admin::initializeCall {
        name: "N".into(),
        symbol: "S".into(),
        decimals: 0,
        issuer: ISSUER,
        controllers: vec![CONTROLLER, BOB],
        defaultPartitions: vec![PA],
        accountManager: AMI,
        securityKind: "k".into(),
        issueId: ISSUE_ID,
    }
    .abi_encode();
    let second = call
        .windows(32)
        .position(|w| w == BOB.into_word().as_slice())
        .expect("BOB's word is in the array");
    call[second] = 0xff;
    let malformed = MalformedCalldata {
        selector: FixedBytes(Admin::initializeCall::SELECTOR),
    }
    .abi_encode();
    f.vm.set_sender(DEPLOYER);
    assert_eq!(handle(&mut f.token, Program::Admin, &call), Err(malformed));
    assert!(!f.token.is_controller(CONTROLLER), "nothing was written");
}

#[test]
fn malformed_calldata_unknown_selectors_and_ether_are_refused_with_named_errors() {
    let mut f = Fixture::new().issued(PA, ALICE, 5);
    let mut call = E20::transferCall {
        to: BOB,
        value: u(1),
    }
    .abi_encode();
    call[5] = 1; // dirty high byte of the address
    let malformed = MalformedCalldata {
        selector: FixedBytes(E20::transferCall::SELECTOR),
    }
    .abi_encode();
    assert_eq!(
        handle(&mut f.token, Program::Hot, &call),
        Err(malformed.clone())
    );
    assert_eq!(
        handle(&mut f.token, Program::Hot, &call[..36]),
        Err(malformed)
    );
    assert_eq!(f.token.balance_of(BOB), U256::ZERO, "nothing moved");
    let unknown = |s: [u8; 4]| {
        UnknownFunction {
            selector: FixedBytes(s),
        }
        .abi_encode()
    };
    assert_eq!(
        handle(&mut f.token, Program::Admin, &[0xde, 0xad, 0xbe, 0xef]),
        Err(unknown([0xde, 0xad, 0xbe, 0xef]))
    );
    assert_eq!(
        handle(
            &mut f.token,
            Program::Admin,
            &E20::transferCall {
                to: BOB,
                value: u(1)
            }
            .abi_encode()
        ),
        Err(unknown(E20::transferCall::SELECTOR))
    );
    assert_eq!(
        handle(&mut f.token, Program::Hot, &[0xab]),
        Err(unknown([0xab, 0, 0, 0]))
    );
    f.vm.set_value(u(1));
    let call = E20::balanceOfCall { account: ALICE }.abi_encode();
    assert_eq!(
        handle(&mut f.token, Program::Hot, &call),
        Err(NotPayable {}.abi_encode())
    );
}

#[test]
fn constructors_refuse_initialised_storage_and_the_implementation_needs_extensions_with_code() {
    let mut f = Fixture::new();
    let input = CONSTRUCTOR_SELECTOR.to_vec();
    let already = AlreadyInitialized {}.abi_encode();
    assert_eq!(
        handle(&mut f.token, Program::Admin, &input),
        Err(already.clone())
    );
    let mut bare = Fixture::bare();
    let mut with_list = CONSTRUCTOR_SELECTOR.to_vec();
    with_list.extend(stylus_sdk::alloy_sol_types::SolValue::abi_encode(&vec![
        ALICE,
    ]));
    let invalid = InvalidExtension { account: ALICE }.abi_encode();
    assert_eq!(
        handle(&mut bare.token, Program::Hot, &with_list),
        Err(invalid)
    );
    let mut empty = CONSTRUCTOR_SELECTOR.to_vec();
    empty.extend(stylus_sdk::alloy_sol_types::SolValue::abi_encode(&Vec::<
        Address,
    >::new(
    )));
    let invalid = InvalidExtension {
        account: Address::ZERO,
    }
    .abi_encode();
    assert_eq!(handle(&mut bare.token, Program::Hot, &empty), Err(invalid));
    assert_eq!(bare.token.status_byte(), 0, "nothing written");
    bare.construct_bare();
    assert_eq!(
        handle(&mut bare.token, Program::Admin, &input),
        Err(already)
    );
}

fn slot(n: u64) -> U256 {
    U256::from(n)
}

fn map_slot(key: B256, root: U256) -> U256 {
    let mut preimage = [0u8; 64];
    preimage[..32].copy_from_slice(key.as_slice());
    preimage[32..].copy_from_slice(&root.to_be_bytes::<32>());
    U256::from_be_bytes(keccak256(preimage).0)
}

fn address_key(a: Address) -> B256 {
    a.into_word()
}

#[test]
fn storage_slots_are_where_the_layout_says() {
    let mut f = Fixture::new().issued(PL, ALICE, 5);
    f.token.set_status_bit(0x20, true);
    // Slot 0: issuer in bytes 12..32, decimals at byte 11, status at byte 10 (right-aligned packing).
    let word0 = f.vm.get_storage(slot(0));
    assert_eq!(&word0[12..], ISSUER.as_slice());
    assert_eq!(word0[11], 0, "decimals");
    assert_eq!(word0[10], 0x21, "status");
    assert_eq!(f.vm.get_storage(slot(1)), B256::from(u(5)), "total supply");
    let name = f.vm.get_storage(slot(2));
    assert_eq!(
        &name[..19],
        b"Gangnam Office Fund",
        "name, short string layout"
    );
    assert_eq!(name[31], 38, "2 * length");
    let holder_word = f.vm.get_storage(map_slot(address_key(ALICE), slot(4)));
    assert_eq!(
        holder_word,
        B256::from(u(0x13) << 240),
        "holders[alice]: registered, category 1, listed; no balance since 1.1.0"
    );
    let holding =
        f.vm.get_storage(map_slot(PL, map_slot(address_key(ALICE), slot(5))));
    assert_eq!(holding, B256::from(u(5)), "holdings[alice][L]");
    assert_eq!(
        f.vm.get_storage(slot(6)),
        B256::ZERO,
        "holder_partitions root is a mapping"
    );
    let alice_list_len = f.vm.get_storage(map_slot(address_key(ALICE), slot(6)));
    assert_eq!(
        alice_list_len,
        B256::from(u(1)),
        "holder_partitions[alice].length"
    );
    let supply = U256::from_be_bytes(f.vm.get_storage(map_slot(PL, slot(7))).0);
    assert_eq!(
        supply,
        u(5) | (U256::from(1) << 255),
        "partition word: supply and listed bit"
    );
    assert_eq!(
        f.vm.get_storage(slot(8)),
        B256::from(u(1)),
        "partitions.length"
    );
    assert_eq!(
        f.vm.get_storage(slot(9)),
        B256::from(u(2)),
        "default_partitions.length"
    );
    let firm_roles = f.vm.get_storage(map_slot(address_key(FIRM), slot(13)));
    assert_eq!(
        firm_roles[31],
        crate::storage::role_bits::DISTRIBUTION_OPERATOR
            | crate::storage::role_bits::SERVED_DISTRIBUTION,
        "roles[firm]: active side and the side it served"
    );
    assert_eq!(
        &f.vm.get_storage(slot(18))[12..],
        AMI.as_slice(),
        "account manager"
    );
    assert_eq!(f.vm.get_storage(slot(20)), ISSUE_ID, "issue id");
}

#[test]
fn compliance_calls_decode_alloy_calldata_and_return_what_alloy_decodes() {
    use sto_abi::ISecurityTokenCompliance as C;
    let mut f = Fixture::new().issued(PA, ALICE, 100).issued(PL, ALICE, 7);
    let d = DAVE;
    run(
        &mut f,
        ISSUER,
        &C::registerHolderCall {
            holder: d,
            category: 2,
        },
    )
    .unwrap();
    run(
        &mut f,
        ISSUER,
        &C::registerHoldersCall {
            holders: vec![Address::repeat_byte(0x31), Address::repeat_byte(0x32)],
            category: 1,
        },
    )
    .unwrap();
    run(
        &mut f,
        ISSUER,
        &C::unregisterHoldersCall {
            holders: vec![Address::repeat_byte(0x32)],
        },
    )
    .unwrap();
    run(
        &mut f,
        ISSUER,
        &C::unregisterHolderCall {
            holder: Address::repeat_byte(0x31),
        },
    )
    .unwrap();
    let info = run(&mut f, BOB, &C::holderInfoCall { holder: d }).unwrap();
    assert_eq!(
        (info.registered, info.category, info.frozen),
        (true, 2, false)
    );
    run(
        &mut f,
        ISSUER,
        &C::setRegistrarCall {
            account: BOB,
            enabled: true,
        },
    )
    .unwrap();
    assert!(run(&mut f, BOB, &C::isRegistrarCall { account: BOB }).unwrap());
    assert_eq!(run(&mut f, BOB, &C::holderCountCall {}).unwrap(), u(9));
    assert_eq!(
        run(
            &mut f,
            BOB,
            &C::holdersPageCall {
                start: u(6),
                count: u(2)
            }
        )
        .unwrap(),
        vec![d, Address::repeat_byte(0x31)]
    );
    assert_eq!(
        run(
            &mut f,
            BOB,
            &C::holdersPageCall {
                start: U256::MAX,
                count: U256::MAX
            }
        )
        .unwrap(),
        Vec::<Address>::new()
    );
    assert_eq!(
        run(&mut f, BOB, &C::totalSupplyByCategoryCall { category: 1 }).unwrap(),
        u(107)
    );
    let rec = run(&mut f, BOB, &C::reconciliationCall {}).unwrap();
    assert_eq!(
        (
            rec.supply,
            rec.individual,
            rec.corporate,
            rec.issuerOwn,
            rec.unclassified
        ),
        (u(107), u(107), u(0), u(0), u(0))
    );
    assert_eq!(
        run(
            &mut f,
            BOB,
            &C::deriveHolderAddressCall {
                institution: "KSC03".into(),
                account: "806-97-257739".into(),
                category: 2
            }
        )
        .unwrap(),
        address!("82fE868468841673CD6E328077bf46033Ae7c117")
    );
    run(&mut f, CONTROLLER, &C::freezeAddressCall { holder: d }).unwrap();
    run(&mut f, CONTROLLER, &C::unfreezeAddressCall { holder: d }).unwrap();
    let partial = C::freezePartialCall {
        holder: ALICE,
        partition: PA,
        amount: u(4),
    };
    run(&mut f, CONTROLLER, &partial).unwrap();
    run(
        &mut f,
        CONTROLLER,
        &C::unfreezePartialCall {
            holder: ALICE,
            partition: PA,
            amount: u(1),
        },
    )
    .unwrap();
    assert_eq!(
        run(
            &mut f,
            BOB,
            &C::frozenBalanceOfCall {
                partition: PA,
                holder: ALICE
            }
        )
        .unwrap(),
        u(3)
    );
    run(&mut f, CONTROLLER, &C::setCustodyAccountCall { custody: d }).unwrap();
    assert_eq!(run(&mut f, BOB, &C::custodyAccountCall {}).unwrap(), d);
    let pledge = C::pledgeCall {
        holder: ALICE,
        partition: PA,
        amount: u(10),
        pledgee: BOB,
        refCode: ISSUE_ID,
    };
    assert_eq!(run(&mut f, CONTROLLER, &pledge).unwrap(), u(1));
    assert_eq!(run(&mut f, CONTROLLER, &pledge).unwrap(), u(2));
    let p = run(&mut f, BOB, &C::getPledgeCall { id: u(1) }).unwrap();
    assert_eq!(
        (
            p.holder,
            p.partition,
            p.amount,
            p.pledgee,
            p.refCode,
            p.status
        ),
        (ALICE, PA, u(10), BOB, ISSUE_ID, 1)
    );
    assert_eq!(
        run(&mut f, BOB, &C::pledgesOfCall { holder: ALICE }).unwrap(),
        vec![u(1), u(2)]
    );
    assert_eq!(
        run(
            &mut f,
            BOB,
            &C::pledgedBalanceOfCall {
                partition: PA,
                holder: ALICE
            }
        )
        .unwrap(),
        u(20)
    );
    run(&mut f, BOB, &C::releasePledgeCall { id: u(2) }).unwrap();
    run(&mut f, CONTROLLER, &C::enforcePledgeCall { id: u(1) }).unwrap();
    run(
        &mut f,
        CONTROLLER,
        &C::seizeCall {
            holder: ALICE,
            partition: PA,
            value: u(5),
            refCode: ISSUE_ID,
        },
    )
    .unwrap();
    run(
        &mut f,
        ISSUER,
        &C::setTrustPropertyCall {
            holder: ALICE,
            partition: PL,
            trust: true,
        },
    )
    .unwrap();
    assert!(run(
        &mut f,
        BOB,
        &C::isTrustPropertyCall {
            partition: PL,
            holder: ALICE
        }
    )
    .unwrap());
    let l = run(&mut f, BOB, &C::ledgerCall {}).unwrap();
    assert_eq!(
        (
            l.issuer,
            l.accountManager,
            l.securityKind.as_str(),
            l.issueId,
            l.issuedQuantity
        ),
        (ISSUER, AMI, "투자계약증권", ISSUE_ID, u(107))
    );
    assert_eq!(
        (l.pledgedQuantity, l.frozenQuantity, l.holderCount),
        (u(0), u(3), u(9))
    );
    let e = run(&mut f, BOB, &C::ledgerEntryCall { holder: ALICE }).unwrap();
    assert_eq!((e.registered, e.category, e.frozen), (true, 1, false));
    assert_eq!(e.partitions, vec![PA, PL]);
    assert_eq!(e.balances, vec![u(85), u(7)]);
    assert_eq!(e.pledged, vec![u(0), u(0)]);
    assert_eq!(e.frozenAmounts, vec![u(3), u(0)]);
    assert_eq!(e.trust, vec![false, true]);
    // A bool other than 0 or 1 is malformed, as Solidity decodes it.
    let mut bad = C::setTrustPropertyCall {
        holder: ALICE,
        partition: PL,
        trust: true,
    }
    .abi_encode();
    let last = 4 + 3 * 32 - 1;
    bad[last] = 2;
    f.vm.set_sender(ISSUER);
    assert_eq!(
        handle(&mut f.token, Program::Compliance, &bad),
        Err(Error::MalformedCalldata(MalformedCalldata {
            selector: FixedBytes(C::setTrustPropertyCall::SELECTOR)
        })
        .encode())
    );
    // The compliance program answers nothing else.
    assert_eq!(
        handle(
            &mut f.token,
            Program::Compliance,
            &E20::totalSupplyCall {}.abi_encode()
        ),
        Err(Error::UnknownFunction(UnknownFunction {
            selector: FixedBytes(E20::totalSupplyCall::SELECTOR)
        })
        .encode())
    );
}
