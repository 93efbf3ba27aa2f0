//! The operations a sequence is made of, how each is sent (caller and
//! calldata), and how it prints in a minimal failing sequence.

use alloy_primitives::{Bytes, B256, U256};
use alloy_sol_types::SolCall;
use std::fmt;
use sto_abi::{
    status::change_partition_data, IERC20Face, ISecurityTokenAdmin, ISecurityTokenCompliance as C,
    IERC1410, IERC1594, IERC1644,
};

use crate::actors::{address, name, partition, PARTITIONS};

/// One call of a sequence. Actor and partition fields are indexes into
/// [`crate::actors`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// `issueByPartition` (`partition` None: ERC-1594 `issue`).
    Issue {
        by: usize,
        partition: Option<usize>,
        to: usize,
        value: U256,
    },
    /// `transferByPartition` (`partition` None: ERC-20 `transfer`).
    Transfer {
        by: usize,
        partition: Option<usize>,
        to: usize,
        value: U256,
    },
    /// ERC-20 `transferFrom` by a spender.
    TransferFrom {
        by: usize,
        from: usize,
        to: usize,
        value: U256,
    },
    /// ERC-20 `approve`.
    Approve {
        by: usize,
        spender: usize,
        value: U256,
    },
    /// `operatorTransferByPartition`, optionally asking for a partition change.
    OperatorTransfer {
        by: usize,
        partition: usize,
        from: usize,
        to: usize,
        value: U256,
        change_to: Option<usize>,
    },
    /// `authorizeOperator` / `revokeOperator` (`partition` Some: by partition).
    SetOperator {
        by: usize,
        operator: usize,
        partition: Option<usize>,
        authorized: bool,
    },
    /// `redeemByPartition` (`partition` None: ERC-1594 `redeem`).
    Redeem {
        by: usize,
        partition: Option<usize>,
        value: U256,
    },
    /// ERC-1594 `redeemFrom` by a spender.
    RedeemFrom { by: usize, from: usize, value: U256 },
    /// `operatorRedeemByPartition`.
    OperatorRedeem {
        by: usize,
        partition: usize,
        from: usize,
        value: U256,
    },
    /// `controllerTransferByPartition` (`partition` None: `controllerTransfer`).
    ControllerTransfer {
        by: usize,
        partition: Option<usize>,
        from: usize,
        to: usize,
        value: U256,
        change_to: Option<usize>,
    },
    /// `controllerRedeemByPartition` (`partition` None: `controllerRedeem`).
    ControllerRedeem {
        by: usize,
        partition: Option<usize>,
        from: usize,
        value: U256,
    },
    /// `pause` / `unpause`.
    Pause { by: usize, on: bool },
    /// `finalizeIssuance`.
    FinalizeIssuance { by: usize },
    /// `renounceControllability`.
    RenounceControl { by: usize },
    /// `appointOperator(who, side)` (side 0: `dismissOperator`).
    TokenOperator { by: usize, who: usize, side: u8 },
    /// `appointController` / `dismissController`.
    Controller {
        by: usize,
        who: usize,
        appoint: bool,
    },
    /// The beacon owner points the beacon at the other implementation.
    Upgrade,
    /// `registerHolder(who, category)`.
    Register { by: usize, who: usize, category: u8 },
    /// `unregisterHolder(who)`.
    Unregister { by: usize, who: usize },
    /// `freezeAddress` / `unfreezeAddress`.
    FreezeAddress { by: usize, who: usize, on: bool },
    /// `freezePartial` / `unfreezePartial`.
    FreezePartial {
        by: usize,
        who: usize,
        partition: usize,
        value: U256,
        on: bool,
    },
    /// `pledge(holder, partition, value, pledgee, PLEDGE_REFERENCE)`.
    Pledge {
        by: usize,
        holder: usize,
        partition: usize,
        value: U256,
        pledgee: usize,
    },
    /// `releasePledge(id)`.
    ReleasePledge { by: usize, id: u64 },
    /// `enforcePledge(id)`.
    EnforcePledge { by: usize, id: u64 },
    /// `seize(holder, partition, value, SEIZURE_REFERENCE)` to the custody account.
    Seize {
        by: usize,
        holder: usize,
        partition: usize,
        value: U256,
    },
}

/// `(succeeded) name` / `(reverted) name` per kind of call, for the report.
macro_rules! outcome_labels {
    ($($variant:ident => $name:literal,)*) => {
        impl Op {
            /// The report's tally key of this call's outcome.
            pub fn outcome_label(&self, succeeded: bool) -> &'static str {
                match (self, succeeded) {
                    $(
                        (Op::$variant { .. }, true) => concat!("(succeeded) ", $name),
                        (Op::$variant { .. }, false) => concat!("(reverted) ", $name),
                    )*
                }
            }
        }
    };
}

outcome_labels! {
    Issue => "issue",
    Transfer => "transfer",
    TransferFrom => "transferFrom",
    Approve => "approve",
    OperatorTransfer => "operatorTransferByPartition",
    SetOperator => "authorize/revokeOperator",
    Redeem => "redeem",
    RedeemFrom => "redeemFrom",
    OperatorRedeem => "operatorRedeemByPartition",
    ControllerTransfer => "controllerTransfer",
    ControllerRedeem => "controllerRedeem",
    Pause => "pause/unpause",
    FinalizeIssuance => "finalizeIssuance",
    RenounceControl => "renounceControllability",
    TokenOperator => "appoint/dismissOperator",
    Controller => "appoint/dismissController",
    Upgrade => "upgrade",
    Register => "registerHolder",
    Unregister => "unregisterHolder",
    FreezeAddress => "freeze/unfreezeAddress",
    FreezePartial => "freeze/unfreezePartial",
    Pledge => "pledge",
    ReleasePledge => "releasePledge",
    EnforcePledge => "enforcePledge",
    Seize => "seize",
}

/// The reference every pledge of a sequence carries.
pub const PLEDGE_REFERENCE: B256 = B256::repeat_byte(0x91);

/// The reference every seizure of a sequence carries.
pub const SEIZURE_REFERENCE: B256 = B256::repeat_byte(0x5e);

/// The legal ground the controller's calls carry in `operatorData`.
pub const COURT_ORDER: &[u8] = b"court order";

/// `operatorData` of operator calls that ask for a partition change.
pub const CHANGE_NOTE: &[u8] = b"reallocation";

/// `(data, operatorData)` of an operator-path call.
pub fn operator_payload(change_to: Option<usize>, forced_default: &[u8]) -> (Bytes, Bytes) {
    match change_to {
        Some(p) => (
            Bytes::from(change_partition_data(partition(p))),
            Bytes::from_static(CHANGE_NOTE),
        ),
        None => (Bytes::new(), Bytes::copy_from_slice(forced_default)),
    }
}

impl Op {
    /// The actor sending the call (`None`: the beacon owner's upgrade).
    pub fn caller(&self) -> Option<usize> {
        use Op::*;
        match self {
            Issue { by, .. }
            | Transfer { by, .. }
            | TransferFrom { by, .. }
            | Approve { by, .. }
            | OperatorTransfer { by, .. }
            | SetOperator { by, .. }
            | Redeem { by, .. }
            | RedeemFrom { by, .. }
            | OperatorRedeem { by, .. }
            | ControllerTransfer { by, .. }
            | Register { by, .. }
            | Unregister { by, .. }
            | FreezeAddress { by, .. }
            | FreezePartial { by, .. }
            | Pledge { by, .. }
            | ReleasePledge { by, .. }
            | EnforcePledge { by, .. }
            | Seize { by, .. }
            | ControllerRedeem { by, .. }
            | Pause { by, .. }
            | FinalizeIssuance { by }
            | RenounceControl { by }
            | TokenOperator { by, .. }
            | Controller { by, .. } => Some(*by),
            Upgrade => None,
        }
    }

    /// Calldata for the token (not used for [`Op::Upgrade`]).
    pub fn calldata(&self) -> Vec<u8> {
        use Op::*;
        let p = |i: &usize| partition(*i);
        let a = |i: &usize| address(*i);
        match self {
            Issue {
                partition: Some(q),
                to,
                value,
                ..
            } => IERC1410::issueByPartitionCall {
                partition: p(q),
                tokenHolder: a(to),
                value: *value,
                data: Bytes::new(),
            }
            .abi_encode(),
            Issue {
                partition: None,
                to,
                value,
                ..
            } => IERC1594::issueCall {
                tokenHolder: a(to),
                value: *value,
                data: Bytes::new(),
            }
            .abi_encode(),
            Transfer {
                partition: Some(q),
                to,
                value,
                ..
            } => IERC1410::transferByPartitionCall {
                partition: p(q),
                to: a(to),
                value: *value,
                data: Bytes::new(),
            }
            .abi_encode(),
            Transfer {
                partition: None,
                to,
                value,
                ..
            } => IERC20Face::transferCall {
                to: a(to),
                value: *value,
            }
            .abi_encode(),
            TransferFrom {
                from, to, value, ..
            } => IERC20Face::transferFromCall {
                from: a(from),
                to: a(to),
                value: *value,
            }
            .abi_encode(),
            Approve { spender, value, .. } => IERC20Face::approveCall {
                spender: a(spender),
                value: *value,
            }
            .abi_encode(),
            OperatorTransfer {
                partition: q,
                from,
                to,
                value,
                change_to,
                ..
            } => {
                let (data, operator_data) = operator_payload(*change_to, &[]);
                IERC1410::operatorTransferByPartitionCall {
                    partition: p(q),
                    from: a(from),
                    to: a(to),
                    value: *value,
                    data,
                    operatorData: operator_data,
                }
                .abi_encode()
            }
            SetOperator {
                operator,
                partition: None,
                authorized: true,
                ..
            } => IERC1410::authorizeOperatorCall {
                operator: a(operator),
            }
            .abi_encode(),
            SetOperator {
                operator,
                partition: None,
                authorized: false,
                ..
            } => IERC1410::revokeOperatorCall {
                operator: a(operator),
            }
            .abi_encode(),
            SetOperator {
                operator,
                partition: Some(q),
                authorized: true,
                ..
            } => IERC1410::authorizeOperatorByPartitionCall {
                partition: p(q),
                operator: a(operator),
            }
            .abi_encode(),
            SetOperator {
                operator,
                partition: Some(q),
                authorized: false,
                ..
            } => IERC1410::revokeOperatorByPartitionCall {
                partition: p(q),
                operator: a(operator),
            }
            .abi_encode(),
            Redeem {
                partition: Some(q),
                value,
                ..
            } => IERC1410::redeemByPartitionCall {
                partition: p(q),
                value: *value,
                data: Bytes::new(),
            }
            .abi_encode(),
            Redeem {
                partition: None,
                value,
                ..
            } => IERC1594::redeemCall {
                value: *value,
                data: Bytes::new(),
            }
            .abi_encode(),
            RedeemFrom { from, value, .. } => IERC1594::redeemFromCall {
                tokenHolder: a(from),
                value: *value,
                data: Bytes::new(),
            }
            .abi_encode(),
            OperatorRedeem {
                partition: q,
                from,
                value,
                ..
            } => IERC1410::operatorRedeemByPartitionCall {
                partition: p(q),
                tokenHolder: a(from),
                value: *value,
                operatorData: Bytes::new(),
            }
            .abi_encode(),
            ControllerTransfer {
                partition: Some(q),
                from,
                to,
                value,
                change_to,
                ..
            } => {
                let (data, operator_data) = operator_payload(*change_to, COURT_ORDER);
                IERC1644::controllerTransferByPartitionCall {
                    partition: p(q),
                    from: a(from),
                    to: a(to),
                    value: *value,
                    data,
                    operatorData: operator_data,
                }
                .abi_encode()
            }
            ControllerTransfer {
                partition: None,
                from,
                to,
                value,
                ..
            } => IERC1644::controllerTransferCall {
                from: a(from),
                to: a(to),
                value: *value,
                data: Bytes::new(),
                operatorData: Bytes::from_static(COURT_ORDER),
            }
            .abi_encode(),
            ControllerRedeem {
                partition: Some(q),
                from,
                value,
                ..
            } => IERC1644::controllerRedeemByPartitionCall {
                partition: p(q),
                tokenHolder: a(from),
                value: *value,
                data: Bytes::new(),
                operatorData: Bytes::from_static(COURT_ORDER),
            }
            .abi_encode(),
            ControllerRedeem {
                partition: None,
                from,
                value,
                ..
            } => IERC1644::controllerRedeemCall {
                tokenHolder: a(from),
                value: *value,
                data: Bytes::new(),
                operatorData: Bytes::from_static(COURT_ORDER),
            }
            .abi_encode(),
            Pause { on: true, .. } => ISecurityTokenAdmin::pauseCall {}.abi_encode(),
            Pause { on: false, .. } => ISecurityTokenAdmin::unpauseCall {}.abi_encode(),
            FinalizeIssuance { .. } => ISecurityTokenAdmin::finalizeIssuanceCall {}.abi_encode(),
            RenounceControl { .. } => IERC1644::renounceControllabilityCall {}.abi_encode(),
            TokenOperator { who, side: 0, .. } => {
                ISecurityTokenAdmin::dismissOperatorCall { operator: a(who) }.abi_encode()
            }
            TokenOperator { who, side, .. } => ISecurityTokenAdmin::appointOperatorCall {
                operator: a(who),
                side: *side,
            }
            .abi_encode(),
            Controller {
                who, appoint: true, ..
            } => ISecurityTokenAdmin::appointControllerCall { controller: a(who) }.abi_encode(),
            Controller {
                who,
                appoint: false,
                ..
            } => ISecurityTokenAdmin::dismissControllerCall { controller: a(who) }.abi_encode(),
            Upgrade => Vec::new(),
            Register { who, category, .. } => C::registerHolderCall {
                holder: a(who),
                category: *category,
            }
            .abi_encode(),
            Unregister { who, .. } => C::unregisterHolderCall { holder: a(who) }.abi_encode(),
            FreezeAddress { who, on: true, .. } => {
                C::freezeAddressCall { holder: a(who) }.abi_encode()
            }
            FreezeAddress { who, on: false, .. } => {
                C::unfreezeAddressCall { holder: a(who) }.abi_encode()
            }
            FreezePartial {
                who,
                partition: p,
                value,
                on: true,
                ..
            } => C::freezePartialCall {
                holder: a(who),
                partition: partition(*p),
                amount: *value,
            }
            .abi_encode(),
            FreezePartial {
                who,
                partition: p,
                value,
                on: false,
                ..
            } => C::unfreezePartialCall {
                holder: a(who),
                partition: partition(*p),
                amount: *value,
            }
            .abi_encode(),
            Pledge {
                holder,
                partition: p,
                value,
                pledgee,
                ..
            } => C::pledgeCall {
                holder: a(holder),
                partition: partition(*p),
                amount: *value,
                pledgee: a(pledgee),
                refCode: PLEDGE_REFERENCE,
            }
            .abi_encode(),
            ReleasePledge { id, .. } => C::releasePledgeCall {
                id: U256::from(*id),
            }
            .abi_encode(),
            EnforcePledge { id, .. } => C::enforcePledgeCall {
                id: U256::from(*id),
            }
            .abi_encode(),
            Seize {
                holder,
                partition: p,
                value,
                ..
            } => C::seizeCall {
                holder: a(holder),
                partition: partition(*p),
                value: *value,
                refCode: SEIZURE_REFERENCE,
            }
            .abi_encode(),
        }
    }
}

fn amount(v: &U256) -> String {
    if *v > U256::from(u64::MAX) {
        format!("{v:#x}")
    } else {
        v.to_string()
    }
}

fn part(p: &Option<usize>) -> String {
    p.map(|i| format!("[{}]", PARTITIONS[i]))
        .unwrap_or_default()
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Op::*;
        let n = name;
        match self {
            Issue {
                by,
                partition,
                to,
                value,
            } => write!(
                f,
                "{}: issue{} {} to {}",
                n(*by),
                part(partition),
                amount(value),
                n(*to)
            ),
            Transfer {
                by,
                partition,
                to,
                value,
            } => write!(
                f,
                "{}: transfer{} {} to {}",
                n(*by),
                part(partition),
                amount(value),
                n(*to)
            ),
            TransferFrom {
                by,
                from,
                to,
                value,
            } => write!(
                f,
                "{}: transferFrom {} {} to {}",
                n(*by),
                n(*from),
                amount(value),
                n(*to)
            ),
            Approve { by, spender, value } => {
                write!(f, "{}: approve {} {}", n(*by), n(*spender), amount(value))
            }
            OperatorTransfer {
                by,
                partition,
                from,
                to,
                value,
                change_to,
            } => write!(
                f,
                "{}: operatorTransfer[{}] {} {} to {}{}",
                n(*by),
                PARTITIONS[*partition],
                n(*from),
                amount(value),
                n(*to),
                change_to
                    .map(|c| format!(" into [{}]", PARTITIONS[c]))
                    .unwrap_or_default()
            ),
            SetOperator {
                by,
                operator,
                partition,
                authorized,
            } => write!(
                f,
                "{}: {}{} {}",
                n(*by),
                if *authorized {
                    "authorizeOperator"
                } else {
                    "revokeOperator"
                },
                part(partition),
                n(*operator)
            ),
            Redeem {
                by,
                partition,
                value,
            } => write!(f, "{}: redeem{} {}", n(*by), part(partition), amount(value)),
            RedeemFrom { by, from, value } => {
                write!(f, "{}: redeemFrom {} {}", n(*by), n(*from), amount(value))
            }
            OperatorRedeem {
                by,
                partition,
                from,
                value,
            } => write!(
                f,
                "{}: operatorRedeem[{}] {} {}",
                n(*by),
                PARTITIONS[*partition],
                n(*from),
                amount(value)
            ),
            ControllerTransfer {
                by,
                partition,
                from,
                to,
                value,
                change_to,
            } => write!(
                f,
                "{}: controllerTransfer{} {} {} to {}{}",
                n(*by),
                part(partition),
                n(*from),
                amount(value),
                n(*to),
                change_to
                    .map(|c| format!(" into [{}]", PARTITIONS[c]))
                    .unwrap_or_default()
            ),
            ControllerRedeem {
                by,
                partition,
                from,
                value,
            } => write!(
                f,
                "{}: controllerRedeem{} {} {}",
                n(*by),
                part(partition),
                n(*from),
                amount(value)
            ),
            Pause { by, on } => write!(f, "{}: {}", n(*by), if *on { "pause" } else { "unpause" }),
            FinalizeIssuance { by } => write!(f, "{}: finalizeIssuance", n(*by)),
            RenounceControl { by } => write!(f, "{}: renounceControllability", n(*by)),
            TokenOperator { by, who, side: 0 } => {
                write!(f, "{}: dismissOperator {}", n(*by), n(*who))
            }
            TokenOperator { by, who, side } => {
                write!(f, "{}: appointOperator {} side {side}", n(*by), n(*who))
            }
            Controller { by, who, appoint } => write!(
                f,
                "{}: {} {}",
                n(*by),
                if *appoint {
                    "appointController"
                } else {
                    "dismissController"
                },
                n(*who)
            ),
            Upgrade => write!(f, "owner: beacon.upgradeTo(other implementation)"),
            Register { by, who, category } => {
                write!(
                    f,
                    "{}: registerHolder {} category {category}",
                    n(*by),
                    n(*who)
                )
            }
            Unregister { by, who } => write!(f, "{}: unregisterHolder {}", n(*by), n(*who)),
            FreezeAddress { by, who, on } => write!(
                f,
                "{}: {} {}",
                n(*by),
                if *on {
                    "freezeAddress"
                } else {
                    "unfreezeAddress"
                },
                n(*who)
            ),
            FreezePartial {
                by,
                who,
                partition,
                value,
                on,
            } => write!(
                f,
                "{}: {}[{}] {} {}",
                n(*by),
                if *on {
                    "freezePartial"
                } else {
                    "unfreezePartial"
                },
                PARTITIONS[*partition],
                n(*who),
                amount(value)
            ),
            Pledge {
                by,
                holder,
                partition,
                value,
                pledgee,
            } => write!(
                f,
                "{}: pledge[{}] {} of {} to {}",
                n(*by),
                PARTITIONS[*partition],
                amount(value),
                n(*holder),
                n(*pledgee)
            ),
            ReleasePledge { by, id } => write!(f, "{}: releasePledge #{id}", n(*by)),
            EnforcePledge { by, id } => write!(f, "{}: enforcePledge #{id}", n(*by)),
            Seize {
                by,
                holder,
                partition,
                value,
            } => write!(
                f,
                "{}: seize[{}] {} of {}",
                n(*by),
                PARTITIONS[*partition],
                amount(value),
                n(*holder)
            ),
        }
    }
}

/// A sequence, printed one call per line.
pub fn render(ops: &[Op]) -> String {
    ops.iter()
        .enumerate()
        .map(|(i, op)| format!("{:>3}. {op}\n", i + 1))
        .collect()
}

/// The bytes32 reason `canTransfer*` gives for an error selector.
pub fn reason_of(selector: [u8; 4]) -> B256 {
    sto_abi::status::reason_from_selector(selector)
}
