//! Roles (R8-R11): the issuer, controllers and token-level operators.
//!
//! The issuer is one address (slot 0, read together with the status bits)
//! and administers every other role. Controllers (the account-management
//! institution) perform forced moves (ERC-1644). Token-level operators are
//! issuer-appointed firms tagged issuance side (underwriter, arranger) or
//! distribution side; they may move any holder's tokens through
//! `operatorTransferByPartition` (R9). They are distinct from ERC-1410
//! operators, which a holder authorises for its own tokens only.
//! Every privileged call reverts with an error naming the missing role
//! (`NotIssuer`, `NotController`, `NotOperator`); every change emits an
//! event.

use crate::{
    errors::*,
    events::{self, topic},
    storage::{role_bits, status_bits, SecurityToken},
};
use sto_abi::ISecurityTokenAdmin as Admin;
use stylus_sdk::{alloy_primitives::Address, alloy_sol_types::SolEvent, prelude::*};

/// Operator side code of the issuance side in the ABI (`appointOperator`).
pub const SIDE_ISSUANCE: u8 = 1;
/// Operator side code of the distribution side in the ABI.
pub const SIDE_DISTRIBUTION: u8 = 2;

impl SecurityToken {
    /// `issuer`: the issuer (admin of every role).
    pub fn issuer(&self) -> Address {
        self.issuer.get()
    }

    /// `transferIssuer`: hands the issuer role over (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    ///
    /// # Events
    /// `IssuerChanged`.
    pub fn transfer_issuer(&mut self, new_issuer: Address) -> Result<(), Error> {
        self.change_issuer(self.vm().msg_sender(), new_issuer)
    }

    /// `isController`: whether `account` is an appointed controller.
    pub fn is_controller(&self, account: Address) -> bool {
        self.roles_of(account) & role_bits::CONTROLLER != 0
    }

    /// `appointController` (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    ///
    /// # Events
    /// `ControllerAppointed`.
    pub fn appoint_controller(&mut self, controller: Address) -> Result<(), Error> {
        self.set_controller(self.vm().msg_sender(), controller, true)
    }

    /// `dismissController` (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    ///
    /// # Events
    /// `ControllerDismissed`.
    pub fn dismiss_controller(&mut self, controller: Address) -> Result<(), Error> {
        self.set_controller(self.vm().msg_sender(), controller, false)
    }

    /// `operatorSide`: 0 none, 1 issuance, 2 distribution.
    pub fn operator_side(&self, account: Address) -> u8 {
        self.operator_side_of(account)
    }

    /// `appointOperator`: a token-level operator on `side` (1 issuance,
    /// 2 distribution), issuer only.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`, `InvalidOperatorSide`,
    /// `OperatorSideConflict` (R16: the account served the other side).
    ///
    /// # Events
    /// `OperatorAppointed`.
    pub fn appoint_operator(&mut self, operator: Address, side: u8) -> Result<(), Error> {
        self.set_token_operator(self.vm().msg_sender(), operator, Some(side))
    }

    /// `dismissOperator` (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    ///
    /// # Events
    /// `OperatorDismissed`.
    pub fn dismiss_operator(&mut self, operator: Address) -> Result<(), Error> {
        self.set_token_operator(self.vm().msg_sender(), operator, None)
    }

    /// The role bits of `account`.
    pub(crate) fn roles_of(&self, account: Address) -> u8 {
        crate::words::byte_of(self.roles.get(account))
    }

    /// Sets `bits` for `account`.
    pub(crate) fn add_role(&mut self, account: Address, bits: u8) {
        let roles = self.roles_of(account);
        self.roles
            .setter(account)
            .set(crate::words::u8_value(roles | bits));
    }

    fn remove_role(&mut self, account: Address, bits: u8) {
        let roles = self.roles_of(account);
        self.roles
            .setter(account)
            .set(crate::words::u8_value(roles & !bits));
    }

    /// Checks that the token is live and `caller` is the issuer; returns the
    /// status bits (same slot, one read).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`.
    pub(crate) fn require_issuer(&self, caller: Address) -> Result<u8, Error> {
        let status = self.live_status()?;
        if self.issuer.get() != caller {
            return Err(not_issuer(caller));
        }
        Ok(status)
    }

    /// Whether `account` is a controller *and* the token is controllable.
    pub(crate) fn acts_as_controller(&self, account: Address) -> bool {
        self.status_byte() & status_bits::CONTROL_RENOUNCED == 0
            && self.roles_of(account) & role_bits::CONTROLLER != 0
    }

    /// Checks that the token is live and controllable and `caller` is a
    /// controller.
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`.
    pub(crate) fn require_controller(&self, caller: Address) -> Result<(), Error> {
        let status = self.live_status()?;
        if status & status_bits::CONTROL_RENOUNCED != 0 {
            return Err(Error::NotControllable(NotControllable {}));
        }
        if self.roles_of(caller) & role_bits::CONTROLLER == 0 {
            return Err(Error::NotController(NotController { account: caller }));
        }
        Ok(())
    }

    /// Hands the issuer role to `new_issuer`.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    pub(crate) fn change_issuer(
        &mut self,
        caller: Address,
        new_issuer: Address,
    ) -> Result<(), Error> {
        self.require_issuer(caller)?;
        if new_issuer.is_zero() {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        self.issuer.set(new_issuer);
        let sig = Admin::IssuerChanged::SIGNATURE_HASH;
        events::indexed(self.vm(), sig, &[topic(caller), topic(new_issuer)]);
        Ok(())
    }

    /// Appoints (`appoint`) or dismisses a controller.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    pub(crate) fn set_controller(
        &mut self,
        caller: Address,
        controller: Address,
        appoint: bool,
    ) -> Result<(), Error> {
        self.require_issuer(caller)?;
        if controller.is_zero() {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        let sig = if appoint {
            self.add_role(controller, role_bits::CONTROLLER);
            Admin::ControllerAppointed::SIGNATURE_HASH
        } else {
            self.remove_role(controller, role_bits::CONTROLLER);
            Admin::ControllerDismissed::SIGNATURE_HASH
        };
        events::indexed(self.vm(), sig, &[topic(controller), topic(caller)]);
        Ok(())
    }

    /// Appoints a token-level operator on `side`, or dismisses it when
    /// `side` is `None`. An account keeps the side it ever served: once
    /// appointed on one side of this token it can never be appointed on the
    /// other, dismissed or not (R16, separation of issuance and
    /// distribution).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`, `InvalidOperatorSide`,
    /// `OperatorSideConflict`.
    pub(crate) fn set_token_operator(
        &mut self,
        caller: Address,
        operator: Address,
        side: Option<u8>,
    ) -> Result<(), Error> {
        self.require_issuer(caller)?;
        if operator.is_zero() {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        // (active bit, history bit of this side, history bit of the other).
        let (bit, served, other) = match side {
            None => (0, 0, 0),
            Some(SIDE_ISSUANCE) => (
                role_bits::ISSUANCE_OPERATOR,
                role_bits::SERVED_ISSUANCE,
                role_bits::SERVED_DISTRIBUTION,
            ),
            Some(SIDE_DISTRIBUTION) => (
                role_bits::DISTRIBUTION_OPERATOR,
                role_bits::SERVED_DISTRIBUTION,
                role_bits::SERVED_ISSUANCE,
            ),
            Some(side) => return Err(Error::InvalidOperatorSide(InvalidOperatorSide { side })),
        };
        if let Some(side) = side {
            if self.roles_of(operator) & other != 0 {
                return Err(Error::OperatorSideConflict(OperatorSideConflict {
                    operator,
                    side,
                }));
            }
        }
        self.remove_role(operator, role_bits::ANY_OPERATOR);
        if let Some(side) = side {
            self.add_role(operator, bit | served);
            events::operator_appointed(self.vm(), operator, side, caller);
        } else {
            let sig = Admin::OperatorDismissed::SIGNATURE_HASH;
            events::indexed(self.vm(), sig, &[topic(operator), topic(caller)]);
        }
        Ok(())
    }

    /// The operator side of `account`: 0 none, 1 issuance, 2 distribution.
    pub(crate) fn operator_side_of(&self, account: Address) -> u8 {
        let roles = self.roles_of(account);
        if roles & role_bits::ISSUANCE_OPERATOR != 0 {
            SIDE_ISSUANCE
        } else if roles & role_bits::DISTRIBUTION_OPERATOR != 0 {
            SIDE_DISTRIBUTION
        } else {
            0
        }
    }
}
