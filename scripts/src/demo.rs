//! `sto demo`: the main job, end to end, over JSON-RPC: deploy the stack
//! (extensions, implementation, proxy template, beacon, factory), create a
//! token through the factory, register the holders (KYC, with their
//! categories), issue to three holders, transfer by partition, an operator
//! transfer, a controller's forced transfer, a trust-property flag, a
//! pledge and a partial freeze (and the transfer they block), a DvP swap
//! (payment token, settlement contract, a broker-signed trade settled by
//! the institution), a document,
//! an upgrade of every token through the beacon, the final register and the
//! reconciliation by holder category. Every step prints its transaction
//! hash and gas; the final balances and totals are checked against what the
//! steps must produce, and a mismatch is an error.

use alloy::primitives::{keccak256, Address, Bytes, B256, U256};
use alloy::signers::local::PrivateKeySigner;
use alloy::sol_types::{SolEvent, SolValue};
use beacon_abi::beacon::IUpgradeableBeacon;
use beacon_abi::factory::{ITokenFactory, TokenCreated};
use beacon_abi::DEPLOYER_ROLE;
use sto_abi::IERC1644::ControllerTransfer;
use sto_abi::{
    IERC20Face, ISecurityTokenAdmin, ISecurityTokenCompliance as Compliance, IERC1410, IERC1643,
    IERC1644,
};

use crate::client::{CliError, Client, Sent};
use crate::stack::{artifact, deploy_activated, deploy_constructed};
use crate::units::partition;

/// The roles of the demo, each a funded dev account.
pub struct Cast {
    /// Issuer: deploys, owns the beacon, issues.
    pub issuer: PrivateKeySigner,
    /// Controller (account-management institution).
    pub controller: PrivateKeySigner,
    /// Holder A.
    pub alice: PrivateKeySigner,
    /// Holder B.
    pub bob: PrivateKeySigner,
    /// Holder C.
    pub carol: PrivateKeySigner,
    /// Operator authorised by holder A.
    pub operator: PrivateKeySigner,
}

impl Cast {
    /// All signers, issuer first.
    pub fn signers(&self) -> Vec<PrivateKeySigner> {
        vec![
            self.issuer.clone(),
            self.controller.clone(),
            self.alice.clone(),
            self.bob.clone(),
            self.carol.clone(),
            self.operator.clone(),
        ]
    }
}

/// What the demo leaves behind, for tests and the summary.
#[derive(Debug, Clone)]
pub struct DemoOutcome {
    /// The token proxy.
    pub token: Address,
    /// The beacon.
    pub beacon: Address,
    /// Final holdings: (holder, partition, balance).
    pub holdings: Vec<(Address, B256, U256)>,
    /// Total supply at the end.
    pub total_supply: U256,
    /// Gas of each step, in order.
    pub gas: Vec<(String, u64)>,
}

/// The gas of every step, printed as it happens.
pub(crate) struct Log {
    /// (step, gas) in order.
    pub gas: Vec<(String, u64)>,
}

impl Log {
    /// Prints a step's transaction and keeps its gas.
    pub fn step(&mut self, what: &str, sent: &Sent) {
        println!(
            "  {what:<52} tx {}  block {:>3}  gas {:>9}",
            sent.hash, sent.block, sent.gas_used
        );
        self.gas.push((what.to_string(), sent.gas_used));
    }
}

/// Runs the main job.
///
/// # Errors
/// Any step fails, or the final balances are not the expected ones.
pub async fn run(client: &Client, cast: &Cast) -> Result<DemoOutcome, CliError> {
    let issuer = cast.issuer.address();
    let controller = cast.controller.address();
    let (alice, bob, carol) = (
        cast.alice.address(),
        cast.bob.address(),
        cast.carol.address(),
    );
    let operator = cast.operator.address();
    let mut log = Log { gas: vec![] };
    let common = partition("common")?;
    let locked = partition("locked")?;

    println!(
        "1. Deploy the stack (admin and compliance extensions, implementation v1, proxy template, beacon, factory)"
    );
    let stack = deploy_stack(client, issuer, &mut log).await?;
    let (token_program, extensions, beacon, factory) = (
        stack.token_program,
        stack.extensions.clone(),
        stack.beacon,
        stack.factory,
    );

    println!("2. Create a token for one security issue (two partitions)");
    let issue_id = keccak256("KR-STO-DEMO-0001");
    let init = ISecurityTokenAdmin::initializeCall {
        name: "Seoul Office Fund 1".into(),
        symbol: "SOF1".into(),
        decimals: 0,
        issuer,
        controllers: vec![controller],
        defaultPartitions: vec![common],
        accountManager: controller,
        securityKind: "beneficiary certificate".into(),
        issueId: issue_id,
    };
    let token = create_token(client, issuer, factory.address, &init, &mut log).await?;
    println!("  token proxy {token}");

    println!("3. Register the holders (KYC, R12): alice and bob individuals, carol a corporation");
    for (holders, category, what) in [
        (
            vec![alice, bob],
            1u8,
            "registerHolders [alice, bob] individual",
        ),
        (vec![carol], 2, "registerHolders [carol] corporate"),
    ] {
        let sent = client
            .send_call(
                what,
                issuer,
                token,
                Compliance::registerHoldersCall { holders, category },
            )
            .await?;
        log.step(what, &sent);
    }

    println!("4. Issue to three holders");
    for (who, name, part, amount) in [
        (alice, "alice", common, 1_000u64),
        (bob, "bob", common, 500),
        (carol, "carol", locked, 300),
    ] {
        let sent = client
            .send_call(
                &format!("issuing to {name}"),
                issuer,
                token,
                IERC1410::issueByPartitionCall {
                    partition: part,
                    tokenHolder: who,
                    value: U256::from(amount),
                    data: Bytes::new(),
                },
            )
            .await?;
        log.step(&format!("issueByPartition {amount} to {name}"), &sent);
    }

    println!("5. Transfer between holders by partition");
    let sent = client
        .send_call(
            "alice's transfer",
            alice,
            token,
            IERC1410::transferByPartitionCall {
                partition: common,
                to: bob,
                value: U256::from(100),
                data: Bytes::new(),
            },
        )
        .await?;
    log.step("alice transferByPartition 100 to bob", &sent);

    println!("6. Operator transfer");
    let sent = client
        .send_call(
            "authorizing the operator",
            alice,
            token,
            IERC1410::authorizeOperatorCall { operator },
        )
        .await?;
    log.step("alice authorizeOperator(operator)", &sent);
    let sent = client
        .send_call(
            "the operator transfer",
            operator,
            token,
            IERC1410::operatorTransferByPartitionCall {
                partition: common,
                from: alice,
                to: carol,
                value: U256::from(50),
                data: Bytes::new(),
                operatorData: Bytes::new(),
            },
        )
        .await?;
    log.step("operator moves 50 from alice to carol", &sent);

    println!("7. Controller forced transfer (court order)");
    let order = Bytes::from_static(b"court order 2026-GA-1234");
    let sent = client
        .send_call(
            "the controller transfer",
            controller,
            token,
            IERC1644::controllerTransferCall {
                from: bob,
                to: alice,
                value: U256::from(30),
                data: Bytes::new(),
                operatorData: order.clone(),
            },
        )
        .await?;
    log.step("controllerTransfer 30 from bob to alice", &sent);
    let event = sent
        .receipt
        .inner
        .logs()
        .iter()
        .find_map(|l| ControllerTransfer::decode_log_data(l.data()).ok())
        .ok_or_else(|| CliError::new("controllerTransfer emitted no ControllerTransfer event"))?;
    println!(
        "  ControllerTransfer(controller {}, from {}, to {}, value {}, operatorData {:?})",
        event.controller,
        event.from,
        event.to,
        event.value,
        String::from_utf8_lossy(&event.operatorData)
    );

    println!("8. Trust property, pledge and freeze (R15, R14, R10)");
    let sent = client
        .send_call(
            "flagging trust property",
            issuer,
            token,
            Compliance::setTrustPropertyCall {
                holder: carol,
                partition: locked,
                trust: true,
            },
        )
        .await?;
    log.step("setTrustProperty(carol, locked)", &sent);
    let sent = client
        .send_call(
            "the pledge",
            controller,
            token,
            Compliance::pledgeCall {
                holder: alice,
                partition: common,
                amount: U256::from(200),
                pledgee: bob,
                refCode: partition("loan-2026-77")?,
            },
        )
        .await?;
    log.step("pledge 200 of alice's common to bob (loan-2026-77)", &sent);
    let sent = client
        .send_call(
            "the partial freeze",
            controller,
            token,
            Compliance::freezePartialCall {
                holder: bob,
                partition: common,
                amount: U256::from(100),
            },
        )
        .await?;
    log.step("freezePartial 100 of bob's common", &sent);
    let verdict = client
        .read_as(
            alice,
            token,
            IERC1410::canTransferByPartitionCall {
                from: alice,
                to: carol,
                partition: common,
                value: U256::from(700),
                data: Bytes::new(),
            },
        )
        .await?;
    if verdict.status[0] != sto_abi::status::FUNDS_LOCKED {
        return Err(CliError(format!(
            "canTransferByPartition of pledged value said 0x{:02x}, expected 0x55",
            verdict.status[0]
        )));
    }
    println!(
        "  canTransferByPartition(alice -> carol, 700 of 880, 200 pledged): 0x{:02x} {}",
        verdict.status[0],
        crate::inspect::reason_name(verdict.reason)
    );

    println!("9. DvP swap (T+0): bob sells 50 to carol for 250,000 KRWD, signed by the broker, settled by the institution");
    swap(client, cast, token, common, &mut log).await?;

    println!("10. Document");
    let sent = client
        .send_call(
            "setting the document",
            issuer,
            token,
            IERC1643::setDocumentCall {
                name: partition("prospectus")?,
                uri: "https://issuer.example/sof1/prospectus.pdf".into(),
                documentHash: keccak256("prospectus v1"),
            },
        )
        .await?;
    log.step("setDocument(prospectus)", &sent);

    let holders = [(alice, "alice"), (bob, "bob"), (carol, "carol")];
    let before = register(client, token, &holders).await?;

    println!("11. Upgrade every token through the beacon");
    let v2 = deploy_constructed(client, issuer, token_program, extensions).await?;
    log.step("deploy implementation v2 (StylusDeployer)", &v2.deploy);
    let sent = client
        .send_call(
            "the upgrade",
            issuer,
            beacon.address,
            IUpgradeableBeacon::upgradeToCall {
                newImplementation: v2.address,
            },
        )
        .await?;
    log.step("beacon.upgradeTo(v2)", &sent);
    let now = client
        .read(beacon.address, IUpgradeableBeacon::implementationCall {})
        .await?;
    if now != v2.address {
        return Err(CliError(format!(
            "the beacon points at {now}, expected {}",
            v2.address
        )));
    }
    let after = register(client, token, &holders).await?;
    if before != after {
        return Err(CliError::new(
            "balances changed across the upgrade: state was not preserved",
        ));
    }
    println!("  every balance and partition is unchanged after the upgrade");

    println!("12. Register of holders");
    println!(
        "  {:<8} {:<44} {:<10} {:>10} {:>8} {:>8} {:>5}",
        "holder", "address", "partition", "balance", "pledged", "frozen", "trust"
    );
    let mut holdings = vec![];
    for (who, name, parts) in &after {
        for (p, bal) in parts {
            let pledged = client
                .read(
                    token,
                    Compliance::pledgedBalanceOfCall {
                        partition: *p,
                        holder: *who,
                    },
                )
                .await?;
            let frozen = client
                .read(
                    token,
                    Compliance::frozenBalanceOfCall {
                        partition: *p,
                        holder: *who,
                    },
                )
                .await?;
            let trust = client
                .read(
                    token,
                    Compliance::isTrustPropertyCall {
                        partition: *p,
                        holder: *who,
                    },
                )
                .await?;
            println!(
                "  {:<8} {:<44} {:<10} {:>10} {:>8} {:>8} {:>5}",
                name,
                who.to_string(),
                crate::units::partition_name(*p),
                bal,
                pledged,
                frozen,
                if trust { "Y" } else { "N" }
            );
            holdings.push((*who, *p, *bal));
        }
    }
    let total_supply = client.read(token, IERC20Face::totalSupplyCall {}).await?;
    println!("  total supply {total_supply}");

    let expected = [
        (alice, common, 880u64),
        (bob, common, 520),
        (carol, common, 100),
        (carol, locked, 300),
    ];
    for (who, p, want) in expected {
        let got = holdings
            .iter()
            .find(|(w, q, _)| *w == who && *q == p)
            .map(|x| x.2)
            .unwrap_or_default();
        if got != U256::from(want) {
            return Err(CliError(format!(
                "final balance of {who} in {} is {got}, expected {want}",
                crate::units::partition_name(p)
            )));
        }
    }
    if total_supply != U256::from(1_800) {
        return Err(CliError(format!(
            "total supply is {total_supply}, expected 1800"
        )));
    }
    println!("13. Reconciliation by holder category (R17)");
    let rec = client
        .read(token, Compliance::reconciliationCall {})
        .await?;
    let scan = crate::reconcile::scan_registered(client, token).await?;
    let table = crate::reconcile::table(&rec, &scan);
    for line in &table.lines {
        println!("  {line}");
    }
    if !table.balanced {
        return Err(CliError::new(
            "reconciliation failed: the per-category totals differ from the scan of holders",
        ));
    }
    let want = [1_400u64, 400, 0, 0];
    let got = [
        rec.individual,
        rec.corporate,
        rec.issuerOwn,
        rec.unclassified,
    ];
    if got != want.map(U256::from) {
        return Err(CliError(format!(
            "per-category totals {got:?}, expected {want:?}"
        )));
    }
    println!("main job done: balances match the expected register");
    Ok(DemoOutcome {
        token,
        beacon: beacon.address,
        holdings,
        total_supply,
        gas: log.gas,
    })
}

/// The DvP step: a payment token and the settlement contract, the
/// securities firm (the demo's operator) as distribution-side broker, the
/// controller as settler; bob sells 50 of `partition` to carol.
///
/// # Errors
/// Any transaction fails or the legs did not move.
async fn swap(
    client: &Client,
    cast: &Cast,
    token: Address,
    partition: B256,
    log: &mut Log,
) -> Result<(), CliError> {
    use alloy::signers::SignerSync;
    use alloy::sol_types::SolStruct;
    use sto_abi::dvp::{IDvPSettlement as S, IPaymentToken as P, Trade};
    let issuer = cast.issuer.address();
    let (bob, carol) = (cast.bob.address(), cast.carol.address());
    let broker = cast.operator.address();
    let institution = cast.controller.address();
    let cash = deploy_constructed(
        client,
        issuer,
        artifact("payment-token")?,
        (
            "KRW Deposit".to_string(),
            "KRWD".to_string(),
            U256::ZERO,
            issuer,
        )
            .abi_encode_params(),
    )
    .await?;
    log.step("deploy payment-token KRWD (StylusDeployer)", &cash.deploy);
    let settlement = deploy_constructed(
        client,
        issuer,
        artifact("dvp-settlement")?,
        (issuer,).abi_encode_params(),
    )
    .await?;
    log.step("deploy dvp-settlement (StylusDeployer)", &settlement.deploy);
    let (cash, settlement) = (cash.address, settlement.address);
    let steps: Vec<(&str, Address, Address, Vec<u8>)> = vec![
        (
            "appointOperator(settlement, distribution side)",
            issuer,
            token,
            alloy::sol_types::SolCall::abi_encode(&ISecurityTokenAdmin::appointOperatorCall {
                operator: settlement,
                side: 2,
            }),
        ),
        (
            "appointOperator(broker, distribution side)",
            issuer,
            token,
            alloy::sol_types::SolCall::abi_encode(&ISecurityTokenAdmin::appointOperatorCall {
                operator: broker,
                side: 2,
            }),
        ),
        (
            "setSettler(institution)",
            issuer,
            settlement,
            alloy::sol_types::SolCall::abi_encode(&S::setSettlerCall {
                account: institution,
                enabled: true,
            }),
        ),
        (
            "mint 1,000,000 KRWD to carol",
            issuer,
            cash,
            alloy::sol_types::SolCall::abi_encode(&P::mintCall {
                to: carol,
                value: U256::from(1_000_000u64),
            }),
        ),
        (
            "carol approves the settlement",
            carol,
            cash,
            alloy::sol_types::SolCall::abi_encode(&P::approveCall {
                spender: settlement,
                value: U256::MAX,
            }),
        ),
    ];
    for (what, from, to, data) in steps {
        let sent = client.send(what, from, Some(to), data, U256::ZERO).await?;
        log.step(what, &sent);
    }
    let now = client.latest_timestamp().await?;
    let trade = Trade {
        securityToken: token,
        partition,
        seller: bob,
        buyer: carol,
        quantity: U256::from(50),
        cashToken: cash,
        cashAmount: U256::from(250_000u64),
        broker,
        nonce: U256::from(1),
        deadline: U256::from(now + 3_600),
        tradeRef: crate::units::partition("OTC-DEMO-1")?,
    };
    let digest = trade.eip712_signing_hash(&crate::trade::domain(client.chain_id(), settlement));
    let signature = cast
        .operator
        .sign_hash_sync(&digest)
        .map_err(|e| CliError(format!("the broker cannot sign: {e}")))?;
    println!("  broker {broker} signed trade {digest}");
    let sent = client
        .send_call(
            "settling the trade",
            institution,
            settlement,
            S::settleCall {
                trade,
                brokerSignature: signature.as_bytes().to_vec().into(),
            },
        )
        .await?;
    log.step("settle (security and cash legs, atomically)", &sent);
    let paid = client.read(cash, P::balanceOfCall { account: bob }).await?;
    if paid != U256::from(250_000u64) {
        return Err(CliError(format!(
            "the seller received {paid} KRWD, expected 250000"
        )));
    }
    println!("  settled: bob received 250000 KRWD, carol 50 units");
    Ok(())
}

/// What `deploy_stack` leaves: the programs and contracts of a release.
pub(crate) struct Stack {
    /// The implementation's artifact (for deploying a v2 of the same code).
    pub token_program: &'static sto_artifacts::Program,
    /// The implementation's constructor arguments (its extensions).
    pub extensions: Vec<u8>,
    /// The beacon.
    pub beacon: crate::stack::Deployed,
    /// The factory.
    pub factory: crate::stack::Deployed,
}

/// Deploys the token's programs, the proxy template, the beacon and the
/// factory, and grants the issuer the factory's deployer role.
///
/// # Errors
/// Any deployment fails.
pub(crate) async fn deploy_stack(
    client: &Client,
    issuer: Address,
    log: &mut Log,
) -> Result<Stack, CliError> {
    let admin = deploy_implementation(client, issuer, log, "security-token-admin", vec![]).await?;
    let compliance =
        deploy_implementation(client, issuer, log, "security-token-compliance", vec![]).await?;
    let token_program = artifact("security-token")?;
    let extensions = (vec![admin, compliance],).abi_encode_params();
    let implementation =
        deploy_implementation(client, issuer, log, "security-token", extensions.clone()).await?;
    let template = deploy_activated(client, issuer, artifact("beacon-proxy")?).await?;
    log.step("deploy beacon-proxy template", &template.deploy);
    if let Some(a) = &template.activation {
        log.step("activate beacon-proxy (ArbWasm)", a);
    }
    let beacon = deploy_constructed(
        client,
        issuer,
        artifact("upgradeable-beacon")?,
        (implementation, issuer).abi_encode_params(),
    )
    .await?;
    log.step("deploy upgradeable-beacon (StylusDeployer)", &beacon.deploy);
    let factory = deploy_constructed(
        client,
        issuer,
        artifact("token-factory")?,
        (beacon.address, template.address, issuer).abi_encode_params(),
    )
    .await?;
    log.step("deploy token-factory (StylusDeployer)", &factory.deploy);
    let sent = client
        .send_call(
            "granting the deployer role",
            issuer,
            factory.address,
            ITokenFactory::grantRoleCall {
                role: DEPLOYER_ROLE,
                account: issuer,
            },
        )
        .await?;
    log.step("factory.grantRole(DEPLOYER_ROLE, issuer)", &sent);

    Ok(Stack {
        token_program,
        extensions,
        beacon,
        factory,
    })
}

/// Creates a token through the factory (proxy + initialize in one
/// transaction); returns the proxy.
///
/// # Errors
/// The transaction fails or emits no `TokenCreated`.
pub(crate) async fn create_token(
    client: &Client,
    issuer: Address,
    factory: Address,
    init: &ISecurityTokenAdmin::initializeCall,
    log: &mut Log,
) -> Result<Address, CliError> {
    let sent = client
        .send_call(
            "creating the token",
            issuer,
            factory,
            ITokenFactory::createTokenCall {
                initCalldata: alloy::sol_types::SolCall::abi_encode(init).into(),
                issueId: init.issueId,
                salt: init.issueId,
            },
        )
        .await?;
    log.step("factory.createToken (proxy + initialize)", &sent);
    sent.receipt
        .inner
        .logs()
        .iter()
        .find_map(|l| {
            TokenCreated::decode_log_data(l.data())
                .ok()
                .map(|e| e.token)
        })
        .ok_or_else(|| CliError::new("createToken emitted no TokenCreated event"))
}

/// Deploys a token program through the StylusDeployer so that its
/// constructor runs: the constructor disables the bare implementation (R20)
/// and, for the hot program, records its extensions.
async fn deploy_implementation(
    client: &Client,
    issuer: Address,
    log: &mut Log,
    name: &str,
    ctor_args: Vec<u8>,
) -> Result<Address, CliError> {
    let deployed = deploy_constructed(client, issuer, artifact(name)?, ctor_args).await?;
    log.step(&format!("deploy {name} (StylusDeployer)"), &deployed.deploy);
    println!("  {name} at {}", deployed.address);
    Ok(deployed.address)
}

type Register = Vec<(Address, &'static str, Vec<(B256, U256)>)>;

async fn register(
    client: &Client,
    token: Address,
    holders: &[(Address, &'static str)],
) -> Result<Register, CliError> {
    let mut out = vec![];
    for (who, name) in holders {
        let parts = client
            .read(token, IERC1410::partitionsOfCall { tokenHolder: *who })
            .await?;
        let mut rows = vec![];
        for p in parts {
            let bal = client
                .read(
                    token,
                    IERC1410::balanceOfByPartitionCall {
                        partition: p,
                        tokenHolder: *who,
                    },
                )
                .await?;
            rows.push((p, bal));
        }
        rows.sort();
        out.push((*who, *name, rows));
    }
    Ok(out)
}
