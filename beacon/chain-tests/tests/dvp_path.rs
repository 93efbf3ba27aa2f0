//! DvP settlement on the dev chain with the real wasm (issue 8): the
//! security token behind its beacon proxy, the payment token and the
//! settlement contract. A settled trade moves both legs; every refusal
//! reverts with its custom error and moves nothing; a batch is atomic; a
//! random sequence of trades conserves cash and securities with no partial
//! settlement. Gas is printed (`--nocapture`), never asserted.

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{Eip712Domain, SolCall, SolError, SolEvent, SolStruct, SolValue};
use beacon_chain_tests::*;
use devnode::genesis::DEV_ACCOUNTS;
use devnode::{DevNode, NodeConfig, Receipt};
use k256::ecdsa::SigningKey;
use sto_abi::dvp::{IDvPSettlement as S, IPaymentToken as P, Trade, SETTLEMENT_NAME, VERSION};
use sto_abi::ISecurityTokenCompliance as C;
use sto_abi::{ISecurityTokenAdmin, IERC1410};

const CHAIN_ID: u64 = 412_346;

fn account(i: usize) -> Address {
    DEV_ACCOUNTS[i].0
}

fn key(i: usize) -> SigningKey {
    SigningKey::from_slice(DEV_ACCOUNTS[i].1.as_slice()).unwrap()
}

/// Roles: alice (0) issuer and admin, bob (1) controller, 2 seller, 3
/// buyer, 4 the institution (settler), 5 the broker (distribution side),
/// 6 an underwriter (issuance side), 7 a stranger.
const SELLER: usize = 2;
const BUYER: usize = 3;
const SETTLER: usize = 4;
const BROKER: usize = 5;
const UNDERWRITER: usize = 6;
const STRANGER: usize = 7;

struct Market {
    node: DevNode,
    token: Address,
    cash: Address,
    settlement: Address,
}

fn common() -> B256 {
    name_of("common")
}

fn market_on(config: NodeConfig) -> Market {
    let mut node = DevNode::new(config);
    let (_, _, implementation) = deploy_token_programs(&mut node);
    let (_, _, factory) = deploy_beacon_and_factory(&mut node, implementation);
    let issue_id = keccak256("KR-STO-DVP");
    let init = ISecurityTokenAdmin::initializeCall {
        name: "DvP Fund".into(),
        symbol: "DVP".into(),
        decimals: 0,
        issuer: alice(),
        controllers: vec![bob()],
        defaultPartitions: vec![common()],
        accountManager: bob(),
        securityKind: "투자계약증권".into(),
        issueId: issue_id,
    };
    let (token, _) = create_token(&mut node, factory, init.abi_encode(), issue_id);
    let (cash, _) = deploy_constructed(
        &mut node,
        "payment-token",
        (
            "KRW Deposit".to_string(),
            "KRWD".to_string(),
            U256::ZERO,
            alice(),
        )
            .abi_encode_params(),
    );
    let (settlement, _) =
        deploy_constructed(&mut node, "dvp-settlement", (alice(),).abi_encode_params());
    let calls: Vec<(Address, Address, Vec<u8>)> = vec![
        (
            alice(),
            token,
            C::registerHoldersCall {
                holders: vec![account(SELLER), account(BUYER)],
                category: 1,
            }
            .abi_encode(),
        ),
        (
            alice(),
            token,
            ISecurityTokenAdmin::appointOperatorCall {
                operator: settlement,
                side: 2,
            }
            .abi_encode(),
        ),
        (
            alice(),
            token,
            ISecurityTokenAdmin::appointOperatorCall {
                operator: account(BROKER),
                side: 2,
            }
            .abi_encode(),
        ),
        (
            alice(),
            token,
            ISecurityTokenAdmin::appointOperatorCall {
                operator: account(UNDERWRITER),
                side: 1,
            }
            .abi_encode(),
        ),
        (
            alice(),
            token,
            IERC1410::issueByPartitionCall {
                partition: common(),
                tokenHolder: account(SELLER),
                value: U256::from(1_000),
                data: Bytes::new(),
            }
            .abi_encode(),
        ),
        (
            alice(),
            cash,
            P::mintCall {
                to: account(BUYER),
                value: U256::from(10_000_000u64),
            }
            .abi_encode(),
        ),
        (
            account(BUYER),
            cash,
            P::approveCall {
                spender: settlement,
                value: U256::MAX,
            }
            .abi_encode(),
        ),
        (
            alice(),
            settlement,
            S::setSettlerCall {
                account: account(SETTLER),
                enabled: true,
            }
            .abi_encode(),
        ),
    ];
    for (from, to, data) in calls {
        ok(&mut node, from, to, data);
    }
    Market {
        node,
        token,
        cash,
        settlement,
    }
}

fn market() -> Market {
    market_on(NodeConfig::default())
}

impl Market {
    fn trade(&self, quantity: u64, cash: u64, nonce: u64) -> Trade {
        Trade {
            securityToken: self.token,
            partition: common(),
            seller: account(SELLER),
            buyer: account(BUYER),
            quantity: U256::from(quantity),
            cashToken: self.cash,
            cashAmount: U256::from(cash),
            broker: account(BROKER),
            nonce: U256::from(nonce),
            deadline: U256::from(u64::MAX),
            tradeRef: name_of("OTC-2026-12-04-001"),
        }
    }

    fn domain(&self) -> Eip712Domain {
        domain(CHAIN_ID, self.settlement)
    }

    /// (security balance, cash balance) of `who`.
    fn holdings(&mut self, who: usize) -> (U256, U256) {
        let security = read(
            &mut self.node,
            self.token,
            IERC1410::balanceOfByPartitionCall {
                partition: common(),
                tokenHolder: account(who),
            },
        );
        let cash = read(
            &mut self.node,
            self.cash,
            P::balanceOfCall {
                account: account(who),
            },
        );
        (security, cash)
    }

    fn settle(&mut self, trade: &Trade, signature: Vec<u8>) -> Receipt {
        let call = S::settleCall {
            trade: trade.clone(),
            brokerSignature: signature.into(),
        };
        send(
            &mut self.node,
            account(SETTLER),
            self.settlement,
            call.abi_encode(),
        )
    }
}

fn domain(chain_id: u64, contract: Address) -> Eip712Domain {
    Eip712Domain {
        name: Some(SETTLEMENT_NAME.into()),
        version: Some(VERSION.into()),
        chain_id: Some(U256::from(chain_id)),
        verifying_contract: Some(contract),
        salt: None,
    }
}

/// `r ++ s ++ v` by `signer` over `digest` (k256 signs with low `s`).
fn sign_digest(signer: usize, digest: B256) -> (Vec<u8>, B256, B256, u8) {
    let (sig, recid) = key(signer)
        .sign_prehash_recoverable(digest.as_slice())
        .unwrap();
    let bytes = sig.to_bytes();
    let (r, s) = (
        B256::from_slice(&bytes[..32]),
        B256::from_slice(&bytes[32..]),
    );
    let v = 27 + recid.to_byte();
    let mut out = bytes.to_vec();
    out.push(v);
    (out, r, s, v)
}

fn sign(signer: usize, trade: &Trade, domain: &Eip712Domain) -> Vec<u8> {
    sign_digest(signer, trade.eip712_signing_hash(domain)).0
}

#[test]
fn a_settled_trade_moves_both_legs_once_with_its_event() {
    let mut m = market();
    let trade = m.trade(100, 500_000, 1);
    let digest = trade.eip712_signing_hash(&m.domain());
    assert_eq!(
        read(
            &mut m.node,
            m.settlement,
            S::tradeDigestCall {
                trade: trade.clone()
            }
        ),
        digest,
        "the contract hashes the trade as alloy's EIP-712 does"
    );
    let before = (m.holdings(SELLER), m.holdings(BUYER));
    let r = m.settle(&trade, sign(BROKER, &trade, &m.domain()));
    assert!(r.status, "settle failed: {:?}", r.output);
    assert_eq!(B256::from_slice(&r.output), digest);
    assert_eq!(
        m.holdings(SELLER),
        (
            before.0 .0 - U256::from(100),
            before.0 .1 + U256::from(500_000)
        )
    );
    assert_eq!(
        m.holdings(BUYER),
        (
            before.1 .0 + U256::from(100),
            before.1 .1 - U256::from(500_000)
        )
    );
    let event = r
        .logs
        .iter()
        .find_map(|l| S::TradeSettled::decode_log_data(&l.data).ok())
        .expect("TradeSettled");
    assert_eq!(
        (event.tradeHash, event.broker, event.nonce),
        (digest, account(BROKER), U256::from(1))
    );
    assert!(read(
        &mut m.node,
        m.settlement,
        S::isNonceUsedCall {
            broker: account(BROKER),
            nonce: U256::from(1)
        }
    ));
    // The replay is refused.
    let r = m.settle(&trade, sign(BROKER, &trade, &m.domain()));
    assert_eq!(
        &r.output[..],
        &S::NonceAlreadyUsed {
            broker: account(BROKER),
            nonce: U256::from(1)
        }
        .abi_encode()[..]
    );
}

#[test]
fn every_refusal_names_its_error_and_moves_nothing() {
    let mut m = market();
    let good = m.trade(100, 500_000, 7);
    let d = m.domain();
    let (valid, r, s, v) = sign_digest(BROKER, good.eip712_signing_hash(&d));
    let n = U256::from_str_radix(
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        16,
    )
    .unwrap();
    let mut high_s = r.to_vec();
    high_s.extend_from_slice(B256::from(n - U256::from_be_bytes(s.0)).as_slice());
    high_s.push(if v == 27 { 28 } else { 27 });
    let mut bad_v = valid.clone();
    bad_v[64] = 29;
    let tampered = Trade {
        cashAmount: U256::from(1),
        ..good.clone()
    };
    let expired = Trade {
        deadline: U256::from(1),
        ..good.clone()
    };
    let stranger = Trade {
        broker: account(STRANGER),
        ..good.clone()
    };
    let underwriter = Trade {
        broker: account(UNDERWRITER),
        ..good.clone()
    };
    let same = Trade {
        buyer: account(SELLER),
        ..good.clone()
    };
    let broker_sells = Trade {
        seller: account(BROKER),
        ..good.clone()
    };
    let too_much = Trade {
        quantity: U256::from(1_001),
        ..good.clone()
    };
    let poor = Trade {
        cashAmount: U256::from(20_000_000u64),
        ..good.clone()
    };
    let unregistered = Trade {
        buyer: account(STRANGER),
        ..good.clone()
    };
    let broker = account(BROKER);
    let wrong = |recovered| S::WrongSigner { recovered, broker }.abi_encode();
    // (what, trade, signature, expected revert data)
    let mut cases: Vec<(&str, Trade, Vec<u8>, Vec<u8>)> = vec![
        (
            "expired deadline",
            expired.clone(),
            sign(BROKER, &expired, &d),
            S::TradeExpired {
                deadline: U256::from(1),
                nowTimestamp: U256::ZERO,
            }
            .abi_encode(),
        ),
        ("tampered field", tampered.clone(), valid.clone(), vec![]),
        (
            "wrong chain id",
            good.clone(),
            sign(BROKER, &good, &domain(1, m.settlement)),
            vec![],
        ),
        (
            "wrong contract",
            good.clone(),
            sign(BROKER, &good, &domain(CHAIN_ID, m.token)),
            vec![],
        ),
        (
            "signed by a non-broker",
            stranger.clone(),
            sign(STRANGER, &stranger, &d),
            S::NotDistributionBroker {
                broker: account(STRANGER),
                side: 0,
            }
            .abi_encode(),
        ),
        (
            "signed by an issuance-side operator",
            underwriter.clone(),
            sign(UNDERWRITER, &underwriter, &d),
            S::NotDistributionBroker {
                broker: account(UNDERWRITER),
                side: 1,
            }
            .abi_encode(),
        ),
        (
            "high-s signature",
            good.clone(),
            high_s,
            S::MalleableSignature {
                s: B256::from(n - U256::from_be_bytes(s.0)),
            }
            .abi_encode(),
        ),
        (
            "v = 29",
            good.clone(),
            bad_v,
            S::InvalidSignatureV { v: 29 }.abi_encode(),
        ),
        (
            "short signature",
            good.clone(),
            valid[..64].to_vec(),
            S::InvalidSignatureLength {
                length: U256::from(64),
            }
            .abi_encode(),
        ),
        (
            "seller is the buyer",
            same.clone(),
            sign(BROKER, &same, &d),
            S::SelfDealingTrade {
                account: account(SELLER),
            }
            .abi_encode(),
        ),
        (
            "the broker is a party",
            broker_sells.clone(),
            sign(BROKER, &broker_sells, &d),
            S::SelfDealingTrade {
                account: account(BROKER),
            }
            .abi_encode(),
        ),
        (
            "seller without the securities",
            too_much.clone(),
            sign(BROKER, &too_much, &d),
            sto_abi::ISecurityTokenErrors::InsufficientBalance {
                holder: account(SELLER),
                partition: common(),
                available: U256::from(1_000),
                required: U256::from(1_001),
            }
            .abi_encode(),
        ),
        (
            "buyer without the cash",
            poor.clone(),
            sign(BROKER, &poor, &d),
            P::ERC20InsufficientBalance {
                sender: account(BUYER),
                balance: U256::from(10_000_000u64),
                needed: U256::from(20_000_000u64),
            }
            .abi_encode(),
        ),
        (
            "unregistered buyer",
            unregistered.clone(),
            sign(BROKER, &unregistered, &d),
            sto_abi::ISecurityTokenErrors::ReceiverNotRegistered {
                holder: account(STRANGER),
            }
            .abi_encode(),
        ),
    ];
    // The recovered address of a tampered or foreign-domain signature is
    // some other key: only the error's selector and broker are fixed.
    for (what, trade, sig, want) in cases.drain(..) {
        let before = (m.holdings(SELLER), m.holdings(BUYER), m.holdings(STRANGER));
        let r = m.settle(&trade, sig);
        assert!(!r.status, "{what} must revert");
        if what == "expired deadline" {
            let e = S::TradeExpired::abi_decode(&r.output).expect("TradeExpired");
            assert_eq!(e.deadline, U256::from(1));
            assert!(e.nowTimestamp > e.deadline, "{what}: names the block time");
        } else if want.is_empty() {
            assert_eq!(&r.output[..4], &S::WrongSigner::SELECTOR[..], "{what}");
            let e = S::WrongSigner::abi_decode(&r.output).unwrap();
            assert_eq!(e.broker, broker, "{what}");
            assert_ne!(e.recovered, broker, "{what}");
            let _ = wrong(e.recovered);
        } else {
            assert_eq!(&r.output[..], &want[..], "{what}");
        }
        assert_eq!(
            before,
            (m.holdings(SELLER), m.holdings(BUYER), m.holdings(STRANGER)),
            "{what} moved nothing"
        );
        assert!(
            !read(
                &mut m.node,
                m.settlement,
                S::isNonceUsedCall {
                    broker: trade.broker,
                    nonce: trade.nonce
                }
            ),
            "{what}: nonce unused"
        );
    }
    // Buyer without allowance; frozen and pledged security.
    ok(
        &mut m.node,
        account(BUYER),
        m.cash,
        P::approveCall {
            spender: m.settlement,
            value: U256::ZERO,
        }
        .abi_encode(),
    );
    let r = m.settle(&good, valid.clone());
    assert_eq!(
        &r.output[..],
        &P::ERC20InsufficientAllowance {
            spender: m.settlement,
            allowance: U256::ZERO,
            needed: U256::from(500_000)
        }
        .abi_encode()[..]
    );
    assert_eq!(
        m.holdings(SELLER).0,
        U256::from(1_000),
        "the security leg was undone with the cash leg"
    );
    ok(
        &mut m.node,
        account(BUYER),
        m.cash,
        P::approveCall {
            spender: m.settlement,
            value: U256::MAX,
        }
        .abi_encode(),
    );
    ok(
        &mut m.node,
        bob(),
        m.token,
        C::freezeAddressCall {
            holder: account(SELLER),
        }
        .abi_encode(),
    );
    let r = m.settle(&good, valid.clone());
    assert_eq!(
        &r.output[..],
        &sto_abi::ISecurityTokenErrors::SenderFrozen {
            holder: account(SELLER)
        }
        .abi_encode()[..]
    );
    ok(
        &mut m.node,
        bob(),
        m.token,
        C::unfreezeAddressCall {
            holder: account(SELLER),
        }
        .abi_encode(),
    );
    let pledge = C::pledgeCall {
        holder: account(SELLER),
        partition: common(),
        amount: U256::from(950),
        pledgee: account(BUYER),
        refCode: name_of("loan"),
    };
    ok(&mut m.node, bob(), m.token, pledge.abi_encode());
    let r = m.settle(&good, valid.clone());
    assert_eq!(
        &r.output[..],
        &sto_abi::ISecurityTokenErrors::LockedBalance {
            holder: account(SELLER),
            partition: common(),
            unlocked: U256::from(50),
            required: U256::from(100)
        }
        .abi_encode()[..]
    );
    ok(
        &mut m.node,
        bob(),
        m.token,
        C::releasePledgeCall { id: U256::from(1) }.abi_encode(),
    );
    // Only a settler settles; a cancelled nonce is dead; then the good trade goes through.
    let call = S::settleCall {
        trade: good.clone(),
        brokerSignature: valid.clone().into(),
    };
    let r = send(
        &mut m.node,
        account(STRANGER),
        m.settlement,
        call.abi_encode(),
    );
    assert_eq!(
        &r.output[..],
        &S::NotSettler {
            account: account(STRANGER)
        }
        .abi_encode()[..]
    );
    let cancelled = m.trade(1, 1, 99);
    ok(
        &mut m.node,
        account(BROKER),
        m.settlement,
        S::cancelNonceCall {
            nonce: U256::from(99),
        }
        .abi_encode(),
    );
    let r = m.settle(&cancelled, sign(BROKER, &cancelled, &d));
    assert_eq!(
        &r.output[..],
        &S::NonceAlreadyUsed {
            broker,
            nonce: U256::from(99)
        }
        .abi_encode()[..]
    );
    assert!(m.settle(&good, valid).status);
}

#[test]
fn a_permit_replaces_the_approval_of_the_cash_leg() {
    let mut m = market();
    ok(
        &mut m.node,
        account(BUYER),
        m.cash,
        P::approveCall {
            spender: m.settlement,
            value: U256::ZERO,
        }
        .abi_encode(),
    );
    alloy_sol_types::sol! {
        struct Permit { address owner; address spender; uint256 value; uint256 nonce; uint256 deadline; }
    }
    let permit = Permit {
        owner: account(BUYER),
        spender: m.settlement,
        value: U256::from(500_000),
        nonce: U256::ZERO,
        deadline: U256::from(u64::MAX),
    };
    let domain = Eip712Domain {
        name: Some("KRW Deposit".into()),
        version: Some("1".into()),
        chain_id: Some(U256::from(CHAIN_ID)),
        verifying_contract: Some(m.cash),
        salt: None,
    };
    assert_eq!(
        read(&mut m.node, m.cash, P::DOMAIN_SEPARATORCall {}),
        domain.separator()
    );
    let (_, r, s, v) = sign_digest(BUYER, permit.eip712_signing_hash(&domain));
    let call = P::permitCall {
        owner: account(BUYER),
        spender: m.settlement,
        value: U256::from(500_000),
        deadline: U256::from(u64::MAX),
        v,
        r,
        s,
    };
    let forged = P::permitCall {
        value: U256::from(9_000_000),
        ..call.clone()
    };
    let rr = send(&mut m.node, account(SETTLER), m.cash, forged.abi_encode());
    assert!(!rr.status);
    assert_eq!(&rr.output[..4], &P::ERC2612InvalidSigner::SELECTOR[..]);
    ok(&mut m.node, account(SETTLER), m.cash, call.abi_encode());
    assert_eq!(
        read(
            &mut m.node,
            m.cash,
            P::noncesCall {
                owner: account(BUYER)
            }
        ),
        U256::from(1)
    );
    let rr = send(&mut m.node, account(SETTLER), m.cash, call.abi_encode());
    assert!(!rr.status, "a permit is used once");
    let huge = P::mintCall {
        to: account(SELLER),
        value: U256::MAX,
    };
    let rr = send(&mut m.node, alice(), m.cash, huge.abi_encode());
    assert_eq!(
        &rr.output[..],
        &P::SupplyOverflow {
            totalSupply: U256::from(10_000_000u64),
            value: U256::MAX
        }
        .abi_encode()[..],
        "a mint cannot wrap the supply"
    );
    let trade = m.trade(100, 500_000, 1);
    assert!(m.settle(&trade, sign(BROKER, &trade, &m.domain())).status);
}

#[test]
fn a_batch_settles_every_trade_or_none() {
    let mut m = market();
    let d = m.domain();
    let trades: Vec<Trade> = (0..3).map(|i| m.trade(10, 1_000, 100 + i)).collect();
    let mut sigs: Vec<Bytes> = trades.iter().map(|t| sign(BROKER, t, &d).into()).collect();
    let bad = Trade {
        quantity: U256::from(5_000),
        ..m.trade(10, 1_000, 200)
    };
    let mut with_bad = trades.clone();
    with_bad.push(bad.clone());
    sigs.push(sign(BROKER, &bad, &d).into());
    let call = S::settleBatchCall {
        trades: with_bad,
        signatures: sigs.clone(),
    };
    let r = send(
        &mut m.node,
        account(SETTLER),
        m.settlement,
        call.abi_encode(),
    );
    assert!(!r.status);
    assert_eq!(
        &r.output[..4],
        &sto_abi::ISecurityTokenErrors::InsufficientBalance::SELECTOR[..]
    );
    assert_eq!(
        m.holdings(BUYER).0,
        U256::ZERO,
        "no trade of the batch settled"
    );
    let short = S::settleBatchCall {
        trades: trades.clone(),
        signatures: sigs[..2].to_vec(),
    };
    let r = send(
        &mut m.node,
        account(SETTLER),
        m.settlement,
        short.abi_encode(),
    );
    assert_eq!(
        &r.output[..],
        &S::BatchLengthMismatch {
            trades: U256::from(3),
            signatures: U256::from(2)
        }
        .abi_encode()[..]
    );
    let call = S::settleBatchCall {
        trades,
        signatures: sigs[..3].to_vec(),
    };
    let r = ok(
        &mut m.node,
        account(SETTLER),
        m.settlement,
        call.abi_encode(),
    );
    let hashes = S::settleBatchCall::abi_decode_returns(&r.output).unwrap();
    assert_eq!(hashes.len(), 3);
    assert_eq!(m.holdings(BUYER).0, U256::from(30));
}

/// xorshift64*: a replayable generator.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

#[test]
fn random_trades_conserve_cash_and_securities_and_never_settle_half() {
    let mut m = market();
    // A second holder pair so trades go both ways.
    ok(
        &mut m.node,
        alice(),
        m.cash,
        P::mintCall {
            to: account(SELLER),
            value: U256::from(5_000_000u64),
        }
        .abi_encode(),
    );
    ok(
        &mut m.node,
        account(SELLER),
        m.cash,
        P::approveCall {
            spender: m.settlement,
            value: U256::MAX,
        }
        .abi_encode(),
    );
    let d = m.domain();
    let parties = [SELLER, BUYER];
    let total = |m: &mut Market| {
        let (a, b) = (m.holdings(SELLER), m.holdings(BUYER));
        (a.0 + b.0, a.1 + b.1)
    };
    let start = total(&mut m);
    let mut rng = Rng(0xd1f0_2026);
    let mut settled = 0;
    for i in 0..150u64 {
        let s = parties[rng.below(2) as usize];
        let b = parties[1 - (s == BUYER) as usize];
        let mut t = m.trade(1 + rng.below(600), rng.below(3_000_000), 1_000 + i);
        t.seller = account(s);
        t.buyer = account(b);
        let mut sig = sign(BROKER, &t, &d);
        match rng.below(6) {
            0 => sig[64] = 30,                                   // bad v
            1 => t.cashAmount += U256::from(1),                  // tampered after signing
            2 => t.nonce = U256::from(1_000 + rng.below(i + 1)), // maybe a replay
            _ => {}
        }
        let before = (m.holdings(s), m.holdings(b));
        let r = m.settle(&t, sig);
        let after = (m.holdings(s), m.holdings(b));
        if r.status {
            settled += 1;
            assert_eq!(
                after.0,
                (before.0 .0 - t.quantity, before.0 .1 + t.cashAmount),
                "step {i}: seller"
            );
            assert_eq!(
                after.1,
                (before.1 .0 + t.quantity, before.1 .1 - t.cashAmount),
                "step {i}: buyer"
            );
        } else {
            assert_eq!(before, after, "step {i}: a refused trade moved something");
        }
        assert_eq!(
            total(&mut m),
            start,
            "step {i}: cash and securities conserved"
        );
    }
    assert!(settled > 30, "enough trades settled ({settled})");
}

/// Gas of one settlement and per trade in a batch of 10, programs cached
/// and not.
#[test]
fn gas_figures() {
    for cached in [false, true] {
        let mut m = market_on(NodeConfig {
            cache_all_programs: cached,
            ..NodeConfig::default()
        });
        let d = m.domain();
        let first = m.trade(10, 1_000, 1);
        let one = m.settle(&first, sign(BROKER, &first, &d));
        assert!(one.status);
        let second = m.trade(10, 1_000, 2);
        let repeat = m.settle(&second, sign(BROKER, &second, &d));
        let trades: Vec<Trade> = (0..10).map(|i| m.trade(10, 1_000, 10 + i)).collect();
        let sigs: Vec<Bytes> = trades.iter().map(|t| sign(BROKER, t, &d).into()).collect();
        let batch = ok(
            &mut m.node,
            account(SETTLER),
            m.settlement,
            S::settleBatchCall {
                trades,
                signatures: sigs,
            }
            .abi_encode(),
        )
        .gas_used;
        println!(
            "-- programs {}",
            if cached { "cached" } else { "not cached" }
        );
        println!("gas: settle (first trade)                 {}", one.gas_used);
        println!(
            "gas: settle (existing holdings)           {}",
            repeat.gas_used
        );
        println!(
            "gas: settleBatch of 10                    {batch} ({} per trade)",
            batch / 10
        );
    }
    for name in ["payment-token", "dvp-settlement"] {
        println!(
            "size: {name:<16} compressed {:>6} B",
            program(name).code.len()
        );
    }
}
