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
use sto_abi::{
    IERC20Face, ISecurityTokenAdmin as Admin, ISecurityTokenCompliance as C, IERC1410, IERC1594,
    IERC1644,
};

use crate::actors::{self, address, partition};
use crate::ops::{operator_payload, Op, COURT_ORDER, PLEDGE_REFERENCE, SEIZURE_REFERENCE};

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
    /// KYC-registered addresses (R12).
    pub registered: BTreeSet<Address>,
    /// Category of every address ever registered (kept on unregistering).
    pub categories: BTreeMap<Address, u8>,
    /// Addresses frozen whole (R10).
    pub frozen_accounts: BTreeSet<Address>,
    /// Frozen amount per (holder, partition).
    pub frozen: BTreeMap<(Address, B256), U256>,
    /// Pledges in id order (id = index + 1).
    pub pledges: Vec<PledgeRecord>,
    /// Operator sides each account ever served (bit 1 issuance, 2 distribution).
    pub served: BTreeMap<Address, u8>,
    /// Custody account of seizures.
    pub custody: Address,
}

/// A pledge as the model keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PledgeRecord {
    /// Pledgor.
    pub holder: Address,
    /// Partition.
    pub partition: B256,
    /// Amount.
    pub amount: U256,
    /// Pledgee.
    pub pledgee: Address,
    /// 1 active, 2 released, 3 enforced.
    pub status: u8,
}

/// Categories the world registers before every sequence: holders A, B and
/// D individuals, C corporate, the issuer its own account, the outsider
/// corporate (it is also the custody account); the controller stays
/// unregistered.
pub fn initial_registrations() -> Vec<(usize, u8)> {
    vec![
        (actors::HOLDERS[0], 1),
        (actors::HOLDERS[1], 1),
        (actors::HOLDERS[2], 2),
        (actors::HOLDERS[3], 1),
        (actors::ISSUER, 3),
        (actors::OUTSIDER, 2),
    ]
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
            registered: initial_registrations()
                .into_iter()
                .map(|(i, _)| address(i))
                .collect(),
            categories: initial_registrations()
                .into_iter()
                .map(|(i, c)| (address(i), c))
                .collect(),
            frozen_accounts: BTreeSet::new(),
            frozen: BTreeMap::new(),
            pledges: vec![],
            served: BTreeMap::new(),
            custody: address(actors::OUTSIDER),
        }
    }

    /// Frozen amount of (`holder`, `p`).
    pub fn frozen_in(&self, holder: Address, p: B256) -> U256 {
        self.frozen.get(&(holder, p)).copied().unwrap_or_default()
    }

    /// Amount of active pledges on (`holder`, `p`).
    pub fn pledged_in(&self, holder: Address, p: B256) -> U256 {
        self.pledges
            .iter()
            .filter(|r| r.status == 1 && r.holder == holder && r.partition == p)
            .map(|r| r.amount)
            .sum()
    }

    /// What `holder` can move out of `p` (balance minus frozen and pledged).
    pub fn unlocked(&self, holder: Address, p: B256) -> U256 {
        self.balance(holder, p)
            .saturating_sub(self.frozen_in(holder, p) + self.pledged_in(holder, p))
    }

    /// Total held by holders of `category` (0: never registered).
    pub fn category_total(&self, category: u8) -> U256 {
        self.holdings
            .iter()
            .filter(|((h, _), _)| self.categories.get(h).copied().unwrap_or(0) == category)
            .map(|(_, v)| *v)
            .sum()
    }

    fn check_sender(&self, from: Address) -> Result<(), Vec<u8>> {
        if !self.registered.contains(&from) {
            return Err(err(E::SenderNotRegistered { holder: from }));
        }
        if self.frozen_accounts.contains(&from) {
            return Err(err(E::SenderFrozen { holder: from }));
        }
        Ok(())
    }

    fn check_receiver(&self, to: Address) -> Result<(), Vec<u8>> {
        if !self.registered.contains(&to) {
            return Err(err(E::ReceiverNotRegistered { holder: to }));
        }
        Ok(())
    }

    /// R16: a distribution-side operator's own account on either side, or
    /// one account on both.
    fn check_self_dealing(
        &self,
        operator: Address,
        from: Address,
        to: Address,
    ) -> Result<(), Vec<u8>> {
        if self.token_operators.get(&operator) != Some(&2) {
            return Ok(());
        }
        let account = if from == operator || from == to {
            from
        } else if to == operator {
            to
        } else {
            return Ok(());
        };
        Err(err(E::SelfDealing { operator, account }))
    }

    /// Why `required` cannot move when `unlocked` is short.
    fn short(holder: Address, p: B256, balance: U256, unlocked: U256, required: U256) -> Vec<u8> {
        if balance >= required {
            err(E::LockedBalance {
                holder,
                partition: p,
                unlocked,
                required,
            })
        } else {
            Self::insufficient(holder, p, unlocked, required)
        }
    }

    fn require_issuer_or_controller(&self, caller: Address) -> Result<(), Vec<u8>> {
        if caller != self.issuer && !self.acts_as_controller(caller) {
            return Err(err(E::NotIssuerOrController { account: caller }));
        }
        Ok(())
    }

    /// Moves value out of a holding's frozen amount.
    fn unfreeze_by(&mut self, holder: Address, p: B256, value: U256) {
        let left = self.frozen_in(holder, p) - value;
        if left.is_zero() {
            self.frozen.remove(&(holder, p));
        } else {
            self.frozen.insert((holder, p), left);
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
            let available = self.unlocked(holder, p);
            if available < value {
                let balance = self.balance(holder, p);
                return Err(Self::short(holder, p, balance, available, value));
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
        let mut balance = U256::ZERO;
        for p in &self.defaults {
            let available = self.unlocked(holder, *p);
            total += available;
            balance += self.balance(holder, *p);
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
        Err(Self::short(holder, B256::ZERO, balance, total, value))
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
                self.check_receiver(to)?;
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
                self.check_sender(from)?;
                self.check_receiver(to)?;
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
                self.check_sender(from)?;
                self.check_receiver(to)?;
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
                if !forced {
                    self.check_sender(from)?;
                }
                self.check_receiver(to)?;
                if !forced && !token_operator && !self.authorised_for(p, operator, from) {
                    return Err(err(E::NotOperator {
                        operator,
                        holder: from,
                        partition: p,
                    }));
                }
                if !forced {
                    self.check_self_dealing(operator, from, to)?;
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
                self.check_sender(holder)?;
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
                self.check_sender(holder)?;
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
                if !forced {
                    self.check_sender(holder)?;
                }
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
                self.check_receiver(to)?;
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
                        let other = 3 - *side;
                        if self.served.get(&who).copied().unwrap_or(0) & other != 0 {
                            return Err(err(E::OperatorSideConflict {
                                operator: who,
                                side: *side,
                            }));
                        }
                        *self.served.entry(who).or_default() |= *side;
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
            Register { by, who, category } => {
                let (by, who) = (a(*by), a(*who));
                if by != self.issuer {
                    return Err(err(E::NotRegistrar { account: by }));
                }
                if !(1..=3).contains(category) {
                    return Err(err(E::InvalidCategory {
                        category: *category,
                    }));
                }
                if who.is_zero() {
                    return Err(err(E::ZeroAddress {}));
                }
                self.registered.insert(who);
                self.categories.insert(who, *category);
                self.log(
                    logs,
                    C::HolderRegistered {
                        holder: who,
                        category: *category,
                        by,
                    },
                );
                Ok(vec![])
            }
            Unregister { by, who } => {
                let (by, who) = (a(*by), a(*who));
                if by != self.issuer {
                    return Err(err(E::NotRegistrar { account: by }));
                }
                if who.is_zero() {
                    return Err(err(E::ZeroAddress {}));
                }
                self.registered.remove(&who);
                self.log(logs, C::HolderUnregistered { holder: who, by });
                Ok(vec![])
            }
            FreezeAddress { by, who, on } => {
                let (by, who) = (a(*by), a(*who));
                self.require_controller(by)?;
                if who.is_zero() {
                    return Err(err(E::ZeroAddress {}));
                }
                if *on {
                    self.frozen_accounts.insert(who);
                    self.log(logs, C::AddressFrozen { holder: who, by });
                } else {
                    self.frozen_accounts.remove(&who);
                    self.log(logs, C::AddressUnfrozen { holder: who, by });
                }
                Ok(vec![])
            }
            FreezePartial {
                by,
                who,
                partition: p,
                value,
                on,
            } => {
                let (by, who, p) = (a(*by), a(*who), partition(*p));
                self.require_controller(by)?;
                if who.is_zero() {
                    return Err(err(E::ZeroAddress {}));
                }
                if p.is_zero() {
                    return Err(err(E::InvalidPartition { partition: p }));
                }
                if *on {
                    self.plan(who, Some(p), *value)?;
                    *self.frozen.entry((who, p)).or_default() += *value;
                    if self.frozen_in(who, p).is_zero() {
                        self.frozen.remove(&(who, p));
                    }
                    self.log(
                        logs,
                        C::TokensFrozen {
                            holder: who,
                            partition: p,
                            amount: *value,
                            by,
                        },
                    );
                } else {
                    let frozen = self.frozen_in(who, p);
                    if frozen < *value {
                        return Err(err(E::InsufficientFrozen {
                            holder: who,
                            partition: p,
                            frozen,
                            required: *value,
                        }));
                    }
                    self.unfreeze_by(who, p, *value);
                    self.log(
                        logs,
                        C::TokensUnfrozen {
                            holder: who,
                            partition: p,
                            amount: *value,
                            by,
                        },
                    );
                }
                Ok(vec![])
            }
            Pledge {
                by,
                holder,
                partition: p,
                value,
                pledgee,
            } => {
                let (by, holder, p, pledgee) = (a(*by), a(*holder), partition(*p), a(*pledgee));
                self.require_issuer_or_controller(by)?;
                if holder.is_zero() || pledgee.is_zero() {
                    return Err(err(E::ZeroAddress {}));
                }
                if pledgee == holder {
                    return Err(err(E::SelfAuthorization {}));
                }
                if p.is_zero() {
                    return Err(err(E::InvalidPartition { partition: p }));
                }
                self.plan(holder, Some(p), *value)?;
                self.pledges.push(PledgeRecord {
                    holder,
                    partition: p,
                    amount: *value,
                    pledgee,
                    status: 1,
                });
                let id = U256::from(self.pledges.len());
                self.log(
                    logs,
                    C::PledgeCreated {
                        id,
                        holder,
                        pledgee,
                        partition: p,
                        amount: *value,
                        refCode: PLEDGE_REFERENCE,
                        by,
                    },
                );
                Ok(id.abi_encode())
            }
            ReleasePledge { by, id } => {
                let by = a(*by);
                let index = self.active_pledge(*id)?;
                let record = self.pledges[index].clone();
                if by != record.pledgee && !self.acts_as_controller(by) {
                    return Err(err(E::NotPledgeeOrController { account: by }));
                }
                self.pledges[index].status = 2;
                self.log(
                    logs,
                    C::PledgeReleased {
                        id: U256::from(*id),
                        by,
                    },
                );
                Ok(vec![])
            }
            EnforcePledge { by, id } => {
                let controller = a(*by);
                self.require_controller(controller)?;
                let index = self.active_pledge(*id)?;
                let record = self.pledges[index].clone();
                self.check_receiver(record.pledgee)?;
                self.pledges[index].status = 3;
                let data = Bytes::copy_from_slice(PLEDGE_REFERENCE.as_slice());
                let chunk = Chunk {
                    from: record.partition,
                    to: record.partition,
                    value: record.amount,
                };
                self.apply_chunk(
                    logs,
                    controller,
                    record.holder,
                    record.pledgee,
                    &chunk,
                    &data,
                    &none,
                );
                self.log(
                    logs,
                    C::PledgeEnforced {
                        id: U256::from(*id),
                        pledgee: record.pledgee,
                        by: controller,
                    },
                );
                self.controller_event(
                    logs,
                    controller,
                    record.holder,
                    record.pledgee,
                    record.amount,
                    &data,
                    &none,
                );
                Ok(vec![])
            }
            Seize {
                by,
                holder,
                partition: p,
                value,
            } => {
                let (controller, holder, p) = (a(*by), a(*holder), partition(*p));
                self.require_controller(controller)?;
                let custody = self.custody;
                if custody.is_zero() {
                    return Err(err(E::NoCustodyAccount {}));
                }
                Self::parties(holder, custody, false)?;
                self.check_receiver(custody)?;
                if p.is_zero() {
                    return Err(err(E::InvalidPartition { partition: p }));
                }
                let balance = self.balance(holder, p);
                let seizable = balance - self.pledged_in(holder, p);
                if seizable < *value {
                    return Err(Self::short(holder, p, balance, seizable, *value));
                }
                let from_frozen = value.saturating_sub(self.unlocked(holder, p));
                if !from_frozen.is_zero() {
                    self.unfreeze_by(holder, p, from_frozen);
                }
                let data = Bytes::copy_from_slice(SEIZURE_REFERENCE.as_slice());
                let chunk = Chunk {
                    from: p,
                    to: p,
                    value: *value,
                };
                self.apply_chunk(logs, controller, holder, custody, &chunk, &data, &none);
                self.log(
                    logs,
                    C::Seized {
                        holder,
                        custody,
                        partition: p,
                        value: *value,
                        refCode: SEIZURE_REFERENCE,
                        controller,
                    },
                );
                self.controller_event(logs, controller, holder, custody, *value, &data, &none);
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

    /// Index of pledge `id` if it exists and is active.
    fn active_pledge(&self, id: u64) -> Result<usize, Vec<u8>> {
        let index = (id as usize).wrapping_sub(1);
        let Some(record) = self.pledges.get(index) else {
            return Err(err(E::UnknownPledge { id: U256::from(id) }));
        };
        if record.status != 1 {
            return Err(err(E::PledgeNotActive { id: U256::from(id) }));
        }
        Ok(index)
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
