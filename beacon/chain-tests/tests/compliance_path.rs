//! The Korean token-securities rules on the dev chain, on the deployable
//! wasm behind the beacon proxy (hot program + compliance extension by
//! delegatecall): the combined rules on one holder, a refusal with its
//! canTransfer reason, and 1,000 random operations after which the
//! per-category totals reconcile with a full scan, with canTransfer
//! agreeing with every real transfer it was asked about.

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolError, SolEvent};
use beacon_chain_tests::*;
use devnode::genesis::DEV_ACCOUNTS;
use devnode::{DevNode, NodeConfig};
use sto_abi::ISecurityTokenCompliance as C;
use sto_abi::ISecurityTokenErrors::{
    LockedBalance, ReceiverNotRegistered, SenderFrozen, SenderNotRegistered,
};
use sto_abi::{IERC20Face, ISecurityTokenAdmin, IERC1410, IERC1644};

/// Controller (account-management institution).
fn controller() -> Address {
    bob()
}

fn account(i: usize) -> Address {
    DEV_ACCOUNTS[i].0
}

fn common() -> B256 {
    name_of("common")
}

fn locked() -> B256 {
    name_of("locked")
}

/// A stack and one token: issuer alice, controller bob, FIRM (account 9)
/// a distribution-side operator.
fn token() -> (DevNode, Address) {
    let mut node = DevNode::new(NodeConfig::default());
    let (_, _, implementation) = deploy_token_programs(&mut node);
    let (_, _, factory) = deploy_beacon_and_factory(&mut node, implementation);
    let issue_id = keccak256("KR-STO-COMPLIANCE");
    let init = ISecurityTokenAdmin::initializeCall {
        name: "Compliance Fund".into(),
        symbol: "CPL".into(),
        decimals: 0,
        issuer: alice(),
        controllers: vec![controller()],
        defaultPartitions: vec![common()],
        accountManager: controller(),
        securityKind: "투자계약증권".into(),
        issueId: issue_id,
    };
    let (token, _) = create_token(&mut node, factory, init.abi_encode(), issue_id);
    let appoint = ISecurityTokenAdmin::appointOperatorCall {
        operator: account(9),
        side: 2,
    };
    ok(&mut node, alice(), token, appoint.abi_encode());
    (node, token)
}

fn register(node: &mut DevNode, token: Address, holder: Address, category: u8) {
    let call = C::registerHolderCall { holder, category };
    ok(node, alice(), token, call.abi_encode());
}

fn issue(node: &mut DevNode, token: Address, partition: B256, to: Address, value: u64) {
    let call = IERC1410::issueByPartitionCall {
        partition,
        tokenHolder: to,
        value: U256::from(value),
        data: Bytes::new(),
    };
    ok(node, alice(), token, call.abi_encode());
}

fn balance(node: &mut DevNode, token: Address, partition: B256, holder: Address) -> U256 {
    read(
        node,
        token,
        IERC1410::balanceOfByPartitionCall {
            partition,
            tokenHolder: holder,
        },
    )
}

fn can(
    node: &mut DevNode,
    token: Address,
    from: Address,
    to: Address,
    partition: B256,
    value: U256,
) -> (u8, B256) {
    let r = read(
        node,
        token,
        IERC1410::canTransferByPartitionCall {
            from,
            to,
            partition,
            value,
            data: Bytes::new(),
        },
    );
    (r.status[0], r.reason)
}

fn transfer_call(partition: B256, to: Address, value: U256) -> Vec<u8> {
    IERC1410::transferByPartitionCall {
        partition,
        to,
        value,
        data: Bytes::new(),
    }
    .abi_encode()
}

/// The 32-byte reason of an error selector.
fn reason(selector: [u8; 4]) -> B256 {
    sto_abi::status::reason_from_selector(selector)
}

#[test]
fn a_frozen_pledged_trust_flagged_holder_is_seized_to_custody() {
    let (mut node, token) = token();
    let (carol, dave, custody) = (carol(), account(3), account(4));
    register(&mut node, token, carol, 1);
    register(&mut node, token, dave, 2);
    register(&mut node, token, custody, 2);
    issue(&mut node, token, common(), carol, 100);
    let c = controller();
    let calls: Vec<(Address, Vec<u8>)> = vec![
        (
            alice(),
            C::setTrustPropertyCall {
                holder: carol,
                partition: common(),
                trust: true,
            }
            .abi_encode(),
        ),
        (
            c,
            C::pledgeCall {
                holder: carol,
                partition: common(),
                amount: U256::from(30),
                pledgee: dave,
                refCode: name_of("loan-2026-77"),
            }
            .abi_encode(),
        ),
        (
            c,
            C::freezePartialCall {
                holder: carol,
                partition: common(),
                amount: U256::from(20),
            }
            .abi_encode(),
        ),
        (c, C::freezeAddressCall { holder: carol }.abi_encode()),
        (c, C::setCustodyAccountCall { custody }.abi_encode()),
    ];
    for (from, data) in calls {
        ok(&mut node, from, token, data);
    }
    // Frozen whole: no move by the holder, and canTransfer says why.
    assert_eq!(
        can(&mut node, token, carol, dave, common(), U256::from(1)),
        (0x56, reason(SenderFrozen::SELECTOR))
    );
    let r = send(
        &mut node,
        carol,
        token,
        transfer_call(common(), dave, U256::from(1)),
    );
    assert_eq!(
        &r.output[..],
        &SenderFrozen { holder: carol }.abi_encode()[..]
    );

    // Seizure takes the 50 free and the 20 frozen, never the 30 pledged.
    let seize = C::seizeCall {
        holder: carol,
        partition: common(),
        value: U256::from(71),
        refCode: name_of("court 2026-K-1234"),
    };
    let r = send(&mut node, c, token, seize.abi_encode());
    assert_eq!(
        &r.output[..],
        &LockedBalance {
            holder: carol,
            partition: common(),
            unlocked: U256::from(70),
            required: U256::from(71),
        }
        .abi_encode()[..]
    );
    let seize = C::seizeCall {
        value: U256::from(70),
        ..seize
    };
    let r = ok(&mut node, c, token, seize.abi_encode());
    let seized = r
        .logs
        .iter()
        .find_map(|l| C::Seized::decode_log_data(&l.data).ok())
        .expect("Seized event");
    assert_eq!(
        (
            seized.holder,
            seized.custody,
            seized.value,
            seized.controller
        ),
        (carol, custody, U256::from(70), c)
    );
    assert!(
        r.logs
            .iter()
            .any(|l| IERC1644::ControllerTransfer::decode_log_data(&l.data).is_ok()),
        "the ERC-1644 event too"
    );
    assert_eq!(balance(&mut node, token, common(), carol), U256::from(30));
    assert_eq!(balance(&mut node, token, common(), custody), U256::from(70));
    let frozen = read(
        &mut node,
        token,
        C::frozenBalanceOfCall {
            partition: common(),
            holder: carol,
        },
    );
    assert_eq!(
        frozen,
        U256::ZERO,
        "the seized frozen value left the freeze"
    );
    let trust = read(
        &mut node,
        token,
        C::isTrustPropertyCall {
            partition: common(),
            holder: carol,
        },
    );
    assert!(trust, "the trust flag stays on the holding");

    // Unfrozen, the holder still cannot move the pledged rest.
    ok(
        &mut node,
        c,
        token,
        C::unfreezeAddressCall { holder: carol }.abi_encode(),
    );
    assert_eq!(
        can(&mut node, token, carol, dave, common(), U256::from(1)),
        (0x55, reason(LockedBalance::SELECTOR))
    );
    // Enforcement gives it to the pledgee.
    ok(
        &mut node,
        c,
        token,
        C::enforcePledgeCall { id: U256::from(1) }.abi_encode(),
    );
    assert_eq!(balance(&mut node, token, common(), carol), U256::ZERO);
    assert_eq!(balance(&mut node, token, common(), dave), U256::from(30));
    let rec = read(&mut node, token, C::reconciliationCall {});
    assert_eq!(
        (
            rec.supply,
            rec.individual,
            rec.corporate,
            rec.issuerOwn,
            rec.unclassified
        ),
        (
            U256::from(100),
            U256::ZERO,
            U256::from(100),
            U256::ZERO,
            U256::ZERO
        )
    );
}

#[test]
fn a_transfer_to_an_unregistered_holder_is_refused_with_its_reason() {
    let (mut node, token) = token();
    let (carol, stranger) = (carol(), account(5));
    register(&mut node, token, carol, 1);
    issue(&mut node, token, common(), carol, 10);
    assert_eq!(
        can(&mut node, token, carol, stranger, common(), U256::from(1)),
        (0x57, reason(ReceiverNotRegistered::SELECTOR))
    );
    let r = send(
        &mut node,
        carol,
        token,
        transfer_call(common(), stranger, U256::from(1)),
    );
    assert!(!r.status);
    assert_eq!(
        &r.output[..],
        &ReceiverNotRegistered { holder: stranger }.abi_encode()[..]
    );
    assert_eq!(
        can(&mut node, token, stranger, carol, common(), U256::ZERO),
        (0x56, reason(SenderNotRegistered::SELECTOR))
    );
    assert_eq!(balance(&mut node, token, common(), carol), U256::from(10));
    assert_eq!(balance(&mut node, token, common(), stranger), U256::ZERO);
}

/// A small deterministic generator (xorshift64*), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

#[test]
fn categories_reconcile_after_1000_random_operations_and_can_transfer_agrees() {
    let (mut node, token) = token();
    // Holders: accounts 2..=8 (bob, the controller, is account 1); 8 is never registered.
    let holders: Vec<Address> = (2..=8).map(account).collect();
    for (i, h) in holders.iter().take(6).enumerate() {
        register(&mut node, token, *h, 1 + (i % 3) as u8);
    }
    let custody = holders[5];
    ok(
        &mut node,
        controller(),
        token,
        C::setCustodyAccountCall { custody }.abi_encode(),
    );
    let parts = [common(), locked()];
    let firm = account(9);
    let mut rng = Rng(0x5eed_2026_1204);
    let (mut asked, mut succeeded, mut pledges) = (0u32, 0u32, 0u64);
    for step in 0..1_000 {
        let h = rng.pick(&holders);
        let other = rng.pick(&holders);
        let p = rng.pick(&parts);
        let v = U256::from(rng.below(40));
        let kind = rng.below(14);
        let (from, data, transfer_of) = match kind {
            0 | 1 => (
                alice(),
                IERC1410::issueByPartitionCall {
                    partition: p,
                    tokenHolder: h,
                    value: v + U256::from(20),
                    data: Bytes::new(),
                }
                .abi_encode(),
                None,
            ),
            2..=4 => (h, transfer_call(p, other, v), Some((h, other, p, v))),
            5 => (
                firm,
                IERC1410::operatorTransferByPartitionCall {
                    partition: p,
                    from: h,
                    to: other,
                    value: v,
                    data: Bytes::new(),
                    operatorData: Bytes::new(),
                }
                .abi_encode(),
                None,
            ),
            6 => (
                controller(),
                IERC1644::controllerTransferByPartitionCall {
                    partition: p,
                    from: h,
                    to: other,
                    value: v,
                    data: Bytes::new(),
                    operatorData: Bytes::from_static(b"order"),
                }
                .abi_encode(),
                None,
            ),
            7 => (
                h,
                IERC1410::redeemByPartitionCall {
                    partition: p,
                    value: v,
                    data: Bytes::new(),
                }
                .abi_encode(),
                None,
            ),
            8 => {
                let category = 1 + rng.below(3) as u8;
                let call = if rng.below(4) == 0 {
                    C::unregisterHolderCall { holder: h }.abi_encode()
                } else {
                    C::registerHolderCall {
                        holder: h,
                        category,
                    }
                    .abi_encode()
                };
                (alice(), call, None)
            }
            9 => {
                let call = if rng.below(2) == 0 {
                    C::freezePartialCall {
                        holder: h,
                        partition: p,
                        amount: v,
                    }
                    .abi_encode()
                } else {
                    C::unfreezePartialCall {
                        holder: h,
                        partition: p,
                        amount: v,
                    }
                    .abi_encode()
                };
                (controller(), call, None)
            }
            10 => {
                let call = if rng.below(3) == 0 {
                    C::freezeAddressCall { holder: h }.abi_encode()
                } else {
                    C::unfreezeAddressCall { holder: h }.abi_encode()
                };
                (controller(), call, None)
            }
            11 => (
                controller(),
                C::pledgeCall {
                    holder: h,
                    partition: p,
                    amount: v,
                    pledgee: other,
                    refCode: name_of("loan"),
                }
                .abi_encode(),
                None,
            ),
            12 => {
                let id = U256::from(1 + rng.below(pledges.max(1)));
                let call = if rng.below(2) == 0 {
                    C::releasePledgeCall { id }.abi_encode()
                } else {
                    C::enforcePledgeCall { id }.abi_encode()
                };
                (controller(), call, None)
            }
            _ => (
                controller(),
                C::seizeCall {
                    holder: h,
                    partition: p,
                    value: v,
                    refCode: name_of("seizure"),
                }
                .abi_encode(),
                None,
            ),
        };
        let verdict = transfer_of.map(|(f, t, p, v)| can(&mut node, token, f, t, p, v));
        let r = send(&mut node, from, token, data);
        succeeded += u32::from(r.status);
        if kind == 11 && r.status {
            pledges += 1;
        }
        if let Some((status, why)) = verdict {
            asked += 1;
            let want = if r.status {
                (0x51, B256::ZERO)
            } else {
                (status, reason(r.output[..4].try_into().unwrap()))
            };
            assert_eq!((status, why), want, "step {step}: canTransfer vs the call");
            assert_eq!(status == 0x51, r.status, "step {step}");
        }
        if step % 100 == 99 {
            reconcile(&mut node, token, &holders, step);
        }
    }
    assert!(succeeded > 300, "enough operations succeed ({succeeded})");
    assert!(
        asked > 150 && pledges > 5,
        "asked {asked}, pledges {pledges}"
    );
}

/// The token's per-category totals against a scan of every holder.
fn reconcile(node: &mut DevNode, token: Address, holders: &[Address], step: usize) {
    let mut scanned = [U256::ZERO; 4];
    for h in holders {
        let b = read(node, token, IERC20Face::balanceOfCall { account: *h });
        let info = read(node, token, C::holderInfoCall { holder: *h });
        scanned[info.category as usize] += b;
    }
    let rec = read(node, token, C::reconciliationCall {});
    let onchain = [
        rec.unclassified,
        rec.individual,
        rec.corporate,
        rec.issuerOwn,
    ];
    assert_eq!(onchain, scanned, "after step {step}: categories vs scan");
    let supply = read(node, token, IERC20Face::totalSupplyCall {});
    assert_eq!(
        onchain.iter().copied().sum::<U256>(),
        supply,
        "after step {step}"
    );
    assert_eq!(rec.supply, supply);
}
