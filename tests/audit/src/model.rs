//! The reference model: the token's ledger in plain Rust, and for every
//! operation the expected outcome: the exact return data or custom error,
//! and the exact logs, in order. It follows the rules written in
//! docs/abi-decisions.md and the validation order documented on each
//! entry point of the token (initialised, pause, parties, authority,
//! partition, balance), never the token's code.

use std::collections::{BTreeMap, BTreeSet};

use alloy_primitives::{Address, Bytes, LogData, B256, U256};
use alloy_sol_types::{SolError, SolEvent, SolValue};
use sto_abi::ISecurityTokenErrors as E;
use sto_abi::{IERC20Face, ISecurityTokenAdmin as Admin, IERC1410, IERC1594, IERC1644};

use crate::actors::{self, address, partition};
use crate::ops::{operator_payload, Op, COURT_ORDER};

/// Largest amount the token accepts in total (2^120 - 1).
pub fn max_amount() -> U256 {
    (U256::from(1) << 120) - U256::from(1)
}

/// What a call must do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// Return data on success, the encoded custom error on revert.
    pub result: Result<Vec<u8>, Vec<u8>>,
    /// Logs on success (address, data), in order.
    pub logs: Vec<(Address, LogData)>,
}

/// The ledger.
#[derive(Clone, Debug)]
pub struct Model {
    /// Token proxy address (for logs).
    pub token: Address,
    /// Beacon address and the two implementations it alternates between.
    pub beacon: Address,
    /// Implementations (current first).
    pub implementations: [Address; 2],
    /// Balance per (holder, partition); zero entries removed.
    pub holdings: BTreeMap<(Address, B256), U256>,
    /// Partitions that ever held supply, in order of first appearance.
    pub partitions: Vec<B256>,
    /// ERC-20 allowances (owner, spender).
    pub allowances: BTreeMap<(Address, Address), U256>,
    /// Holder-authorised operators for all partitions (holder, operator).
    pub operators: BTreeSet<(Address, Address)>,
    /// Holder-authorised operators for one partition (holder, partition, operator).
    pub partition_operators: BTreeSet<(Address, B256, Address)>,
    /// Controllers.
    pub controllers: BTreeSet<Address>,
    /// Token-level operators and their side (1 issuance, 2 distribution).
    pub token_operators: BTreeMap<Address, u8>,
    /// The issuer.
    pub issuer: Address,
    /// Default partitions.
    pub defaults: Vec<B256>,
    /// Paused.
    pub paused: bool,
    /// Issuance still open.
    pub issuable: bool,
    /// Controllability not renounced.
    pub controllable: bool,
}

fn err<T: SolError>(e: T) -> Vec<u8> {
    e.abi_encode()
}

struct Chunk {
    from: B256,
    to: B256,
    value: U256,
}

impl Model {
    /// The state right after `initialize`: issuer, one controller,
    /// defaults [A, B], nothing issued.
    pub fn new(token: Address, beacon: Address, implementations: [Address; 2]) -> Self {
        Self {
            token,
            beacon,
            implementations,
            holdings: BTreeMap::new(),
            partitions: vec![],
            allowances: BTreeMap::new(),
            operators: BTreeSet::new(),
            partition_operators: BTreeSet::new(),
            controllers: [address(actors::CONTROLLER)].into(),
            token_operators: BTreeMap::new(),
            issuer: address(actors::ISSUER),
            defaults: actors::defaults(),
            paused: false,
            issuable: true,
            controllable: true,
        }
    }

    /// Balance of `holder` in `p`.
    pub fn balance(&self, holder: Address, p: B256) -> U256 {
        self.holdings.get(&(holder, p)).copied().unwrap_or_default()
    }

    /// Total balance of `holder`.
    pub fn balance_of(&self, holder: Address) -> U256 {
        self.holdings
            .iter()
            .filter(|((h, _), _)| *h == holder)
            .map(|(_, v)| *v)
            .sum()
    }

    /// Partitions where `holder` has a non-zero balance, sorted.
    pub fn partitions_of(&self, holder: Address) -> Vec<B256> {
        self.holdings
            .keys()
            .filter(|(h, _)| *h == holder)
            .map(|(_, p)| *p)
            .collect()
    }

    /// Total supply.
    pub fn total_supply(&self) -> U256 {
        self.holdings.values().copied().sum()
    }

    /// Supply of partition `p`.
    pub fn supply_of(&self, p: B256) -> U256 {
        self.holdings
            .iter()
            .filter(|((_, q), _)| *q == p)
            .map(|(_, v)| *v)
            .sum()
    }

    /// The ERC-20 allowance.
    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.allowances
            .get(&(owner, spender))
            .copied()
            .unwrap_or_default()
    }

    fn acts_as_controller(&self, a: Address) -> bool {
        self.controllable && self.controllers.contains(&a)
    }

    fn authorised_for(&self, p: B256, operator: Address, holder: Address) -> bool {
        operator == holder
            || self.operators.contains(&(holder, operator))
            || self.partition_operators.contains(&(holder, p, operator))
    }

    fn insufficient(holder: Address, p: B256, available: U256, required: U256) -> Vec<u8> {
        err(E::InsufficientBalance {
            holder,
            partition: p,
            available,
            required,
        })
    }

    /// Plans a debit (the token's partition and default-partition rules).
    fn plan(&self, holder: Address, p: Option<B256>, value: U256) -> Result<Vec<Chunk>, Vec<u8>> {
        if let Some(p) = p {
            if p.is_zero() {
                return Err(err(E::InvalidPartition { partition: p }));
            }
            let available = self.balance(holder, p);
            if available < value {
                return Err(Self::insufficient(holder, p, available, value));
            }
            return Ok(vec![Chunk {
                from: p,
                to: p,
                value,
            }]);
        }
        let Some(first) = self.defaults.first() else {
            return Err(err(E::NoDefaultPartitions {}));
        };
        if value.is_zero() {
            return Ok(vec![Chunk {
                from: *first,
                to: *first,
                value,
            }]);
        }
        let (mut chunks, mut remaining, mut total) = (vec![], value, U256::ZERO);
        for p in &self.defaults {
            let available = self.balance(holder, *p);
            total += available;
            let take = available.min(remaining);
            if !take.is_zero() {
                chunks.push(Chunk {
                    from: *p,
                    to: *p,
                    value: take,
                });
                remaining -= take;
                if remaining.is_zero() {
                    return Ok(chunks);
                }
            }
        }
        Err(Self::insufficient(holder, B256::ZERO, total, value))
    }

    fn parties(from: Address, to: Address, redeem: bool) -> Result<(), Vec<u8>> {
        if from.is_zero() {
            return Err(err(E::InvalidSender { sender: from }));
        }
        if !redeem && to.is_zero() {
            return Err(err(E::InvalidReceiver { receiver: to }));
        }
        Ok(())
    }

    fn require_issuer(&self, caller: Address) -> Result<(), Vec<u8>> {
        if caller != self.issuer {
            return Err(err(E::NotIssuer { account: caller }));
        }
        Ok(())
    }

    fn require_controller(&self, caller: Address) -> Result<(), Vec<u8>> {
        if !self.controllable {
            return Err(err(E::NotControllable {}));
        }
        if !self.controllers.contains(&caller) {
            return Err(err(E::NotController { account: caller }));
        }
        Ok(())
    }

    fn log<E2: SolEvent>(&self, logs: &mut Vec<(Address, LogData)>, e: E2) {
        logs.push((self.token, e.encode_log_data()));
    }

    /// Applies one chunk of a movement and records its logs (the choke point).
    #[allow(clippy::too_many_arguments)]
    fn apply_chunk(
        &mut self,
        logs: &mut Vec<(Address, LogData)>,
        operator: Address,
        from: Address,
        to: Address,
        c: &Chunk,
        data: &Bytes,
        operator_data: &Bytes,
    ) {
        if !c.value.is_zero() {
            if !from.is_zero() {
                let left = self.balance(from, c.from) - c.value;
                if left.is_zero() {
                    self.holdings.remove(&(from, c.from));
                } else {
                    self.holdings.insert((from, c.from), left);
                }
            }
            if !to.is_zero() {
                *self.holdings.entry((to, c.to)).or_default() += c.value;
                if !self.partitions.contains(&c.to) {
                    self.partitions.push(c.to);
                }
            }
        }
        if from.is_zero() {
            self.log(
                logs,
                IERC1410::IssuedByPartition {
                    partition: c.to,
                    operator,
                    to,
                    value: c.value,
                    data: data.clone(),
                    operatorData: operator_data.clone(),
                },
            );
            self.log(
                logs,
                IERC1594::Issued {
                    operator,
                    to,
                    value: c.value,
                    data: data.clone(),
                },
            );
        } else if to.is_zero() {
            self.log(
                logs,
                IERC1410::RedeemedByPartition {
                    partition: c.from,
                    operator,
                    from,
                    value: c.value,
                    data: data.clone(),
                    operatorData: operator_data.clone(),
                },
            );
            self.log(
                logs,
                IERC1594::Redeemed {
                    operator,
                    from,
                    value: c.value,
                    data: data.clone(),
                },
            );
        } else {
            self.log(
                logs,
                IERC1410::TransferByPartition {
                    fromPartition: c.from,
                    operator,
                    from,
                    to,
                    value: c.value,
                    data: data.clone(),
                    operatorData: operator_data.clone(),
                },
            );
            if c.from != c.to {
                self.log(
                    logs,
                    IERC1410::ChangedPartition {
                        fromPartition: c.from,
                        toPartition: c.to,
                        value: c.value,
                    },
                );
            }
        }
        self.log(
            logs,
            IERC20Face::Transfer {
                from,
                to,
                value: c.value,
            },
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn controller_event(
        &self,
        logs: &mut Vec<(Address, LogData)>,
        controller: Address,
        from: Address,
        to: Address,
        value: U256,
        data: &Bytes,
        operator_data: &Bytes,
    ) {
        if to.is_zero() {
            self.log(
                logs,
                IERC1644::ControllerRedemption {
                    controller,
                    tokenHolder: from,
                    value,
                    data: data.clone(),
                    operatorData: operator_data.clone(),
                },
            );
        } else {
            self.log(
                logs,
                IERC1644::ControllerTransfer {
                    controller,
                    from,
                    to,
                    value,
                    data: data.clone(),
                    operatorData: operator_data.clone(),
                },
            );
        }
    }

    /// The partition an operator-path call asks to move into, if any.
    fn requested(change_to: Option<usize>) -> Option<B256> {
        change_to.map(partition)
    }

    /// Applies `op` to the model and returns what the token must do.
    pub fn apply(&mut self, op: &Op) -> Expected {
        let mut logs = vec![];
        let result = self.step(op, &mut logs);
        if result.is_err() {
            logs.clear();
        }
        Expected { result, logs }
    }

    fn step(&mut self, op: &Op, logs: &mut Vec<(Address, LogData)>) -> Result<Vec<u8>, Vec<u8>> {
        use Op::*;
        let a = address;
        let none = Bytes::new();
        match op {
            Issue {
                by,
                partition: p,
                to,
                value,
            } => {
                let (by, to) = (a(*by), a(*to));
                self.require_issuer(by)?;
                if !self.issuable {
                    return Err(err(E::IssuanceClosed {}));
                }
                if self.paused {
                    return Err(err(E::TransfersPaused {}));
                }
                if to.is_zero() {
                    return Err(err(E::InvalidReceiver { receiver: to }));
                }
                let p = match p {
                    Some(i) => partition(*i),
                    None => *self
                        .defaults
                        .first()
                        .ok_or_else(|| err(E::NoDefaultPartitions {}))?,
                };
                if p.is_zero() {
                    return Err(err(E::InvalidPartition { partition: p }));
                }
                if *value > max_amount() - self.total_supply() {
                    return Err(err(E::AmountTooLarge { value: *value }));
                }
                self.apply_chunk(
                    logs,
                    by,
                    Address::ZERO,
                    to,
                    &Chunk {
                        from: p,
                        to: p,
                        value: *value,
                    },
                    &none,
                    &none,
                );
                Ok(vec![])
            }
            Transfer {
                by,
                partition: p,
                to,
                value,
            } => {
                let (from, to) = (a(*by), a(*to));
                if self.paused {
                    return Err(err(E::TransfersPaused {}));
                }
                Self::parties(from, to, false)?;
                let chunks = self.plan(from, p.map(partition), *value)?;
                for c in &chunks {
                    self.apply_chunk(logs, from, from, to, c, &none, &none);
                }
                Ok(match p {
                    Some(i) => partition(*i).abi_encode(),
                    None => true.abi_encode(),
                })
            }
            TransferFrom {
                by,
                from,
                to,
                value,
            } => {
                let (spender, from, to) = (a(*by), a(*from), a(*to));
                if self.paused {
                    return Err(err(E::TransfersPaused {}));
                }
                Self::parties(from, to, false)?;
                self.check_allowance(from, spender, *value)?;
                let chunks = self.plan(from, None, *value)?;
                self.spend(from, spender, *value);
                for c in &chunks {
                    self.apply_chunk(logs, spender, from, to, c, &none, &none);
                }
                Ok(true.abi_encode())
            }
            Approve { by, spender, value } => {
                let (owner, spender) = (a(*by), a(*spender));
                if spender.is_zero() {
                    return Err(err(E::ZeroAddress {}));
                }
                self.allowances.insert((owner, spender), *value);
                self.log(
                    logs,
                    IERC20Face::Approval {
                        owner,
                        spender,
                        value: *value,
                    },
                );
                Ok(true.abi_encode())
            }
            OperatorTransfer {
                by,
                partition: p,
                from,
                to,
                value,
                change_to,
            } => {
                let (operator, from, to, p) = (a(*by), a(*from), a(*to), partition(*p));
                let forced = self.acts_as_controller(operator);
                let token_operator = self.token_operators.contains_key(&operator);
                if !forced && self.paused {
                    return Err(err(E::TransfersPaused {}));
                }
                Self::parties(from, to, false)?;
                if !forced && !token_operator && !self.authorised_for(p, operator, from) {
                    return Err(err(E::NotOperator {
                        operator,
                        holder: from,
                        partition: p,
                    }));
                }
                let mut target = p;
                if let Some(requested) = Self::requested(*change_to) {
                    if !forced && !token_operator {
                        return Err(err(E::PartitionChangeNotAllowed { operator }));
                    }
                    if requested.is_zero() {
                        return Err(err(E::InvalidPartition {
                            partition: requested,
                        }));
                    }
                    target = requested;
                }
                let mut chunks = self.plan(from, Some(p), *value)?;
                chunks[0].to = target;
                let (data, operator_data) = operator_payload(*change_to, &[]);
                self.apply_chunk(logs, operator, from, to, &chunks[0], &data, &operator_data);
                if forced {
                    self.controller_event(logs, operator, from, to, *value, &data, &operator_data);
                }
                Ok(target.abi_encode())
            }
            SetOperator {
                by,
                operator,
                partition: p,
                authorized,
            } => {
                let (holder, operator) = (a(*by), a(*operator));
                if operator == holder {
                    return Err(err(E::SelfAuthorization {}));
                }
                if operator.is_zero() {
                    return Err(err(E::ZeroAddress {}));
                }
                match (p, authorized) {
                    (None, true) => {
                        self.operators.insert((holder, operator));
                        self.log(
                            logs,
                            IERC1410::AuthorizedOperator {
                                operator,
                                tokenHolder: holder,
                            },
                        );
                    }
                    (None, false) => {
                        self.operators.remove(&(holder, operator));
                        self.log(
                            logs,
                            IERC1410::RevokedOperator {
                                operator,
                                tokenHolder: holder,
                            },
                        );
                    }
                    (Some(i), true) => {
                        self.partition_operators
                            .insert((holder, partition(*i), operator));
                        self.log(
                            logs,
                            IERC1410::AuthorizedOperatorByPartition {
                                partition: partition(*i),
                                operator,
                                tokenHolder: holder,
                            },
                        );
                    }
                    (Some(i), false) => {
                        self.partition_operators
                            .remove(&(holder, partition(*i), operator));
                        self.log(
                            logs,
                            IERC1410::RevokedOperatorByPartition {
                                partition: partition(*i),
                                operator,
                                tokenHolder: holder,
                            },
                        );
                    }
                }
                Ok(vec![])
            }
            Redeem {
                by,
                partition: p,
                value,
            } => {
                let holder = a(*by);
                if self.paused {
                    return Err(err(E::TransfersPaused {}));
                }
                let chunks = self.plan(holder, p.map(partition), *value)?;
                for c in &chunks {
                    self.apply_chunk(logs, holder, holder, Address::ZERO, c, &none, &none);
                }
                Ok(vec![])
            }
            RedeemFrom { by, from, value } => {
                let (spender, holder) = (a(*by), a(*from));
                if self.paused {
                    return Err(err(E::TransfersPaused {}));
                }
                Self::parties(holder, Address::ZERO, true)?;
                self.check_allowance(holder, spender, *value)?;
                let chunks = self.plan(holder, None, *value)?;
                self.spend(holder, spender, *value);
                for c in &chunks {
                    self.apply_chunk(logs, spender, holder, Address::ZERO, c, &none, &none);
                }
                Ok(vec![])
            }
            OperatorRedeem {
                by,
                partition: p,
                from,
                value,
            } => {
                let (operator, holder, p) = (a(*by), a(*from), partition(*p));
                let forced = self.acts_as_controller(operator);
                if !forced && self.paused {
                    return Err(err(E::TransfersPaused {}));
                }
                Self::parties(holder, Address::ZERO, true)?;
                if !forced && !self.authorised_for(p, operator, holder) {
                    return Err(err(E::NotOperator {
                        operator,
                        holder,
                        partition: p,
                    }));
                }
                let chunks = self.plan(holder, Some(p), *value)?;
                self.apply_chunk(
                    logs,
                    operator,
                    holder,
                    Address::ZERO,
                    &chunks[0],
                    &none,
                    &none,
                );
                if forced {
                    self.controller_event(
                        logs,
                        operator,
                        holder,
                        Address::ZERO,
                        *value,
                        &none,
                        &none,
                    );
                }
                Ok(vec![])
            }
            ControllerTransfer {
                by,
                partition: p,
                from,
                to,
                value,
                change_to,
            } => {
                let (controller, from, to) = (a(*by), a(*from), a(*to));
                self.require_controller(controller)?;
                Self::parties(from, to, false)?;
                let mut chunks = self.plan(from, p.map(partition), *value)?;
                let (data, operator_data) = match p {
                    Some(_) => operator_payload(*change_to, COURT_ORDER),
                    None => (Bytes::new(), Bytes::from_static(COURT_ORDER)),
                };
                if p.is_some() {
                    if let Some(requested) = Self::requested(*change_to) {
                        if requested.is_zero() {
                            return Err(err(E::InvalidPartition {
                                partition: requested,
                            }));
                        }
                        chunks[0].to = requested;
                    }
                }
                for c in &chunks {
                    self.apply_chunk(logs, controller, from, to, c, &data, &operator_data);
                }
                self.controller_event(logs, controller, from, to, *value, &data, &operator_data);
                Ok(match p {
                    Some(_) => chunks[0].to.abi_encode(),
                    None => vec![],
                })
            }
            ControllerRedeem {
                by,
                partition: p,
                from,
                value,
            } => {
                let (controller, holder) = (a(*by), a(*from));
                self.require_controller(controller)?;
                Self::parties(holder, Address::ZERO, true)?;
                let chunks = self.plan(holder, p.map(partition), *value)?;
                let operator_data = Bytes::from_static(COURT_ORDER);
                for c in &chunks {
                    self.apply_chunk(
                        logs,
                        controller,
                        holder,
                        Address::ZERO,
                        c,
                        &none,
                        &operator_data,
                    );
                }
                self.controller_event(
                    logs,
                    controller,
                    holder,
                    Address::ZERO,
                    *value,
                    &none,
                    &operator_data,
                );
                Ok(vec![])
            }
            Pause { by, on } => {
                let by = a(*by);
                self.require_issuer(by)?;
                if *on && self.paused {
                    return Err(err(E::TransfersPaused {}));
                }
                if !*on && !self.paused {
                    return Err(err(E::NotPaused {}));
                }
                self.paused = *on;
                if *on {
                    self.log(logs, Admin::Paused { by });
                } else {
                    self.log(logs, Admin::Unpaused { by });
                }
                Ok(vec![])
            }
            FinalizeIssuance { by } => {
                let by = a(*by);
                self.require_issuer(by)?;
                if !self.issuable {
                    return Err(err(E::IssuanceClosed {}));
                }
                self.issuable = false;
                self.log(logs, Admin::IssuanceFinalized { by });
                Ok(vec![])
            }
            RenounceControl { by } => {
                let by = a(*by);
                self.require_issuer(by)?;
                if !self.controllable {
                    return Err(err(E::NotControllable {}));
                }
                self.controllable = false;
                self.log(logs, IERC1644::ControllabilityRenounced { issuer: by });
                Ok(vec![])
            }
            TokenOperator { by, who, side } => {
                let (by, who) = (a(*by), a(*who));
                self.require_issuer(by)?;
                if who.is_zero() {
                    return Err(err(E::ZeroAddress {}));
                }
                match side {
                    0 => {
                        self.token_operators.remove(&who);
                        self.log(logs, Admin::OperatorDismissed { operator: who, by });
                    }
                    1 | 2 => {
                        self.token_operators.insert(who, *side);
                        self.log(
                            logs,
                            Admin::OperatorAppointed {
                                operator: who,
                                side: *side,
                                by,
                            },
                        );
                    }
                    s => return Err(err(E::InvalidOperatorSide { side: *s })),
                }
                Ok(vec![])
            }
            Controller { by, who, appoint } => {
                let (by, who) = (a(*by), a(*who));
                self.require_issuer(by)?;
                if who.is_zero() {
                    return Err(err(E::ZeroAddress {}));
                }
                if *appoint {
                    self.controllers.insert(who);
                    self.log(
                        logs,
                        Admin::ControllerAppointed {
                            controller: who,
                            by,
                        },
                    );
                } else {
                    self.controllers.remove(&who);
                    self.log(
                        logs,
                        Admin::ControllerDismissed {
                            controller: who,
                            by,
                        },
                    );
                }
                Ok(vec![])
            }
            Upgrade => {
                self.implementations.swap(0, 1);
                logs.push((
                    self.beacon,
                    beacon_abi::beacon::Upgraded {
                        implementation: self.implementations[0],
                    }
                    .encode_log_data(),
                ));
                Ok(vec![])
            }
        }
    }

    fn check_allowance(
        &self,
        holder: Address,
        spender: Address,
        value: U256,
    ) -> Result<(), Vec<u8>> {
        let allowance = self.allowance(holder, spender);
        if allowance < value {
            return Err(err(E::InsufficientAllowance {
                holder,
                spender,
                allowance,
                required: value,
            }));
        }
        Ok(())
    }

    fn spend(&mut self, holder: Address, spender: Address, value: U256) {
        let allowance = self.allowance(holder, spender);
        if allowance != U256::MAX && !value.is_zero() {
            self.allowances.insert((holder, spender), allowance - value);
        }
    }
}
