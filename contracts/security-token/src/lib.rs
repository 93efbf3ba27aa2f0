//! ERC-1400 security token for Arbitrum Stylus: ERC-1410 partitions,
//! ERC-1594 issuance/redemption/transfer checks, ERC-1643 documents,
//! ERC-1644 controller operations and an ERC-20 face, with issuer,
//! controller and token-level operator roles, pause and a one-shot
//! initialiser for use behind a beacon proxy.
//!
//! This file is the contract's public face: one `#[public]` method per ABI
//! function of `sto_abi::ISecurityToken` (the selectors are checked against
//! the ABI crate in `tests`), each a thin wrapper over the module that holds
//! the logic. Deliberate deviations from the ERC-1400 drafts are recorded in
//! docs/abi-decisions.md; the main ones: `canTransfer*` return
//! `(bytes1, bytes32)` / `(bytes1, bytes32, bytes32)`, every function
//! reverts with a custom error rather than returning false, and
//! `RedeemedByPartition` carries both `data` and `operatorData`.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

pub mod controller;
pub mod documents;
pub mod erc20;
pub mod errors;
pub mod initializer;
pub mod issuance;
pub mod operators;
pub mod partitions;
pub mod pause;
pub mod redemption;
pub mod roles;
pub mod status;
pub mod storage;
pub mod transfers;
pub mod words;

#[cfg(test)]
mod tests;

use alloc::{string::String, vec::Vec};
use errors::Error;
use initializer::InitParams;
pub use storage::SecurityToken;
use storage::{role_bits, status_bits};
use stylus_sdk::{
    abi::Bytes,
    alloy_primitives::{Address, FixedBytes, B256, U256},
    prelude::*,
};
use transfers::Movement;

#[public]
impl SecurityToken {
    /// Disables the bare implementation: proxies never run this, they run
    /// `initialize` through delegatecall.
    #[constructor]
    pub fn constructor(&mut self) {
        self.disable();
    }

    // ----- initializer and metadata (R13, R20) -----

    /// One-shot initialiser, called by the factory through the proxy in the
    /// transaction that creates it.
    ///
    /// # Errors
    /// `AlreadyInitialized` (also on the bare implementation), `ZeroAddress`,
    /// `InvalidPartition`.
    ///
    /// # Events
    /// `IssuerChanged(0, issuer)`, `ControllerAppointed` per controller,
    /// `DefaultPartitionsChanged`, `Initialized`.
    #[allow(clippy::too_many_arguments)]
    pub fn initialize(
        &mut self,
        name: String,
        symbol: String,
        decimals: u8,
        issuer: Address,
        controllers: Vec<Address>,
        default_partitions: Vec<B256>,
        account_manager: Address,
        security_kind: String,
        issue_id: B256,
    ) -> Result<(), Error> {
        self.init(InitParams {
            name,
            symbol,
            decimals,
            issuer,
            controllers,
            default_partitions,
            account_manager,
            security_kind,
            issue_id,
        })
    }

    /// The issue's ledger metadata: issuer, account-management institution,
    /// kind of security, issue identifier.
    pub fn issue_info(&self) -> (Address, Address, String, B256) {
        (
            self.issuer.get(),
            self.account_manager.get(),
            self.security_kind.get_string(),
            self.issue_id.get(),
        )
    }

    // ----- roles (R8-R11) -----

    /// The issuer (admin of every role).
    pub fn issuer(&self) -> Address {
        self.issuer.get()
    }

    /// Hands the issuer role over.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    ///
    /// # Events
    /// `IssuerChanged`.
    pub fn transfer_issuer(&mut self, new_issuer: Address) -> Result<(), Error> {
        self.change_issuer(self.vm().msg_sender(), new_issuer)
    }

    /// Whether `account` is an appointed controller.
    pub fn is_controller(&self, account: Address) -> bool {
        self.roles_of(account) & role_bits::CONTROLLER != 0
    }

    /// Appoints a controller.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    ///
    /// # Events
    /// `ControllerAppointed`.
    pub fn appoint_controller(&mut self, controller: Address) -> Result<(), Error> {
        self.set_controller(self.vm().msg_sender(), controller, true)
    }

    /// Dismisses a controller.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    ///
    /// # Events
    /// `ControllerDismissed`.
    pub fn dismiss_controller(&mut self, controller: Address) -> Result<(), Error> {
        self.set_controller(self.vm().msg_sender(), controller, false)
    }

    /// Token-level operator side of `account`: 0 none, 1 issuance, 2 distribution.
    pub fn operator_side(&self, account: Address) -> u8 {
        self.operator_side_of(account)
    }

    /// Appoints a token-level operator on `side` (1 issuance, 2 distribution).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`, `InvalidOperatorSide`.
    ///
    /// # Events
    /// `OperatorAppointed`.
    pub fn appoint_operator(&mut self, operator: Address, side: u8) -> Result<(), Error> {
        self.set_token_operator(self.vm().msg_sender(), operator, Some(side))
    }

    /// Dismisses a token-level operator.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `ZeroAddress`.
    ///
    /// # Events
    /// `OperatorDismissed`.
    pub fn dismiss_operator(&mut self, operator: Address) -> Result<(), Error> {
        self.set_token_operator(self.vm().msg_sender(), operator, None)
    }

    // ----- pause (R19), issuance closure, default partitions -----

    /// Whether transfers are paused.
    pub fn paused(&self) -> bool {
        self.status.get().to::<u8>() & status_bits::PAUSED != 0
    }

    /// Pauses transfers, issuance and redemption (not forced moves).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `TransfersPaused` if already paused.
    ///
    /// # Events
    /// `Paused`.
    pub fn pause(&mut self) -> Result<(), Error> {
        self.set_paused(true)
    }

    /// Resumes transfers.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `NotPaused`.
    ///
    /// # Events
    /// `Unpaused`.
    pub fn unpause(&mut self) -> Result<(), Error> {
        self.set_paused(false)
    }

    /// Closes issuance for good.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `IssuanceClosed`.
    ///
    /// # Events
    /// `IssuanceFinalized`.
    pub fn finalize_issuance(&mut self) -> Result<(), Error> {
        self.close_issuance()
    }

    /// The default partitions, in the order partition-less calls use them.
    pub fn get_default_partitions(&self) -> Vec<B256> {
        self.default_partitions()
    }

    /// Replaces the default partitions.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `InvalidPartition` (zero partition).
    ///
    /// # Events
    /// `DefaultPartitionsChanged`.
    pub fn set_default_partitions(&mut self, partitions: Vec<B256>) -> Result<(), Error> {
        self.require_issuer(self.vm().msg_sender())?;
        self.store_default_partitions(&partitions)?;
        self.vm()
            .log(sto_abi::ISecurityTokenAdmin::DefaultPartitionsChanged { partitions });
        Ok(())
    }

    // ----- ERC-20 face (R6) -----

    /// ERC-20 name.
    pub fn name(&self) -> String {
        self.name.get_string()
    }

    /// ERC-20 symbol.
    pub fn symbol(&self) -> String {
        self.symbol.get_string()
    }

    /// ERC-20 decimals.
    pub fn decimals(&self) -> u8 {
        self.decimals.get().to::<u8>()
    }

    /// Total supply over all partitions.
    pub fn total_supply(&self) -> U256 {
        self.total_supply.get()
    }

    /// Balance over all partitions.
    pub fn balance_of(&self, account: Address) -> U256 {
        self.holder_balance(account)
    }

    /// ERC-20 allowance.
    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.allowance_of(owner, spender)
    }

    /// Sets an ERC-20 allowance (used by `transferFrom`,
    /// `transferFromWithData`, `redeemFrom`).
    ///
    /// # Errors
    /// `NotInitialized`, `ZeroAddress`.
    ///
    /// # Events
    /// `Approval`.
    pub fn approve(&mut self, spender: Address, value: U256) -> Result<bool, Error> {
        self.set_allowance(self.vm().msg_sender(), spender, value)?;
        Ok(true)
    }

    /// Transfers from the default partitions.
    ///
    /// # Errors
    /// As `transferWithData`.
    ///
    /// # Events
    /// Per partition used: `TransferByPartition`, `Transfer`.
    pub fn transfer(&mut self, to: Address, value: U256) -> Result<bool, Error> {
        self.send(None, to, value, &[])?;
        Ok(true)
    }

    /// Transfers from the default partitions using an allowance.
    ///
    /// # Errors
    /// As `transferFromWithData`.
    ///
    /// # Events
    /// Per partition used: `TransferByPartition`, `Transfer`.
    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<bool, Error> {
        self.send(Some(from), to, value, &[])?;
        Ok(true)
    }

    // ----- ERC-1410 (R1, R2) -----

    /// Balance of `token_holder` in `partition`.
    pub fn balance_of_by_partition(&self, partition: B256, token_holder: Address) -> U256 {
        words::low(self.holding(token_holder, partition))
    }

    /// Partitions in which `token_holder` has a non-zero balance.
    pub fn partitions_of(&self, token_holder: Address) -> Vec<B256> {
        self.holder_partition_list(token_holder)
    }

    /// Total supply of `partition`.
    pub fn total_supply_by_partition(&self, partition: B256) -> U256 {
        self.supply_of(partition)
    }

    /// Every partition that ever held supply, in order of appearance.
    pub fn total_partitions(&self) -> Vec<B256> {
        self.all_partitions()
    }

    /// Transfers the caller's tokens in `partition`; returns the receiver's
    /// partition (always `partition`: holders cannot change partitions).
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidReceiver`,
    /// `InvalidPartition`, `InsufficientBalance`.
    ///
    /// # Events
    /// `TransferByPartition`, `Transfer`.
    pub fn transfer_by_partition(
        &mut self,
        partition: B256,
        to: Address,
        value: U256,
        data: Bytes,
    ) -> Result<B256, Error> {
        let from = self.vm().msg_sender();
        let chunks = self.validate_transfer(None, from, to, Some(partition), value)?;
        self.move_chunks(
            &Movement {
                operator: from,
                from,
                to,
                data: &data,
                operator_data: &[],
            },
            &chunks,
        );
        Ok(partition)
    }

    /// Transfers `from`'s tokens as an operator, a token-level operator or
    /// a controller (forced). `data = 0xff..ff ++ toPartition` with
    /// non-empty `operator_data` moves the value into `toPartition`.
    /// Returns the receiver's partition.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused` (unless forced), `InvalidSender`,
    /// `InvalidReceiver`, `NotOperator`, `PartitionChangeNotAllowed`,
    /// `InvalidPartition`, `InsufficientBalance`.
    ///
    /// # Events
    /// `TransferByPartition`, `ChangedPartition` (partition change),
    /// `Transfer`, and `ControllerTransfer` when forced.
    pub fn operator_transfer_by_partition(
        &mut self,
        partition: B256,
        from: Address,
        to: Address,
        value: U256,
        data: Bytes,
        operator_data: Bytes,
    ) -> Result<B256, Error> {
        let operator = self.vm().msg_sender();
        let plan = self.validate_operator_move(
            operator,
            partition,
            from,
            to,
            false,
            value,
            &data,
            &operator_data,
        )?;
        let movement = Movement {
            operator,
            from,
            to,
            data: &data,
            operator_data: &operator_data,
        };
        self.move_value(&movement, plan.chunk);
        if plan.forced {
            self.emit_controller_event(&movement, value);
        }
        Ok(plan.chunk.to_partition)
    }

    /// Would `transferByPartition(partition, to, value, data)` sent by
    /// `from` succeed? (status, reason, destination partition).
    pub fn can_transfer_by_partition(
        &self,
        from: Address,
        to: Address,
        partition: B256,
        value: U256,
        data: Bytes,
    ) -> (FixedBytes<1>, B256, B256) {
        let _ = data;
        self.verdict_by_partition(from, to, partition, value)
    }

    /// Whether `token_holder` authorised `operator` for all partitions
    /// (true for the holder itself).
    pub fn is_operator(&self, operator: Address, token_holder: Address) -> bool {
        self.holder_authorised(operator, token_holder)
    }

    /// Whether `operator` may act on `token_holder`'s `partition` (all
    /// partitions or this one).
    pub fn is_operator_for_partition(
        &self,
        partition: B256,
        operator: Address,
        token_holder: Address,
    ) -> bool {
        self.authorised_for(partition, operator, token_holder)
    }

    /// Authorises `operator` for all of the caller's partitions.
    ///
    /// # Errors
    /// `NotInitialized`, `SelfAuthorization`, `ZeroAddress`.
    ///
    /// # Events
    /// `AuthorizedOperator`.
    pub fn authorize_operator(&mut self, operator: Address) -> Result<(), Error> {
        self.set_holder_operator(self.vm().msg_sender(), None, operator, true)
    }

    /// Revokes an all-partitions operator.
    ///
    /// # Errors
    /// `NotInitialized`, `SelfAuthorization`, `ZeroAddress`.
    ///
    /// # Events
    /// `RevokedOperator`.
    pub fn revoke_operator(&mut self, operator: Address) -> Result<(), Error> {
        self.set_holder_operator(self.vm().msg_sender(), None, operator, false)
    }

    /// Authorises `operator` for the caller's `partition`.
    ///
    /// # Errors
    /// `NotInitialized`, `SelfAuthorization`, `ZeroAddress`.
    ///
    /// # Events
    /// `AuthorizedOperatorByPartition`.
    pub fn authorize_operator_by_partition(
        &mut self,
        partition: B256,
        operator: Address,
    ) -> Result<(), Error> {
        self.set_holder_operator(self.vm().msg_sender(), Some(partition), operator, true)
    }

    /// Revokes a per-partition operator.
    ///
    /// # Errors
    /// `NotInitialized`, `SelfAuthorization`, `ZeroAddress`.
    ///
    /// # Events
    /// `RevokedOperatorByPartition`.
    pub fn revoke_operator_by_partition(
        &mut self,
        partition: B256,
        operator: Address,
    ) -> Result<(), Error> {
        self.set_holder_operator(self.vm().msg_sender(), Some(partition), operator, false)
    }

    /// Issues into `partition` (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `IssuanceClosed`, `TransfersPaused`,
    /// `InvalidReceiver`, `InvalidPartition`, `AmountTooLarge`.
    ///
    /// # Events
    /// `IssuedByPartition`, `Issued`, `Transfer(0, to)`.
    pub fn issue_by_partition(
        &mut self,
        partition: B256,
        token_holder: Address,
        value: U256,
        data: Bytes,
    ) -> Result<(), Error> {
        self.issue_value(Some(partition), token_holder, value, &data)
    }

    /// Redeems the caller's tokens in `partition`.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidPartition`,
    /// `InsufficientBalance`.
    ///
    /// # Events
    /// `RedeemedByPartition`, `Redeemed`, `Transfer(from, 0)`.
    pub fn redeem_by_partition(
        &mut self,
        partition: B256,
        value: U256,
        data: Bytes,
    ) -> Result<(), Error> {
        self.redeem_value(None, Some(partition), value, &data)
    }

    /// Redeems `token_holder`'s tokens as its operator, or as a controller
    /// (forced).
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused` (unless forced), `InvalidSender`,
    /// `NotOperator`, `InvalidPartition`, `InsufficientBalance`.
    ///
    /// # Events
    /// `RedeemedByPartition`, `Redeemed`, `Transfer(from, 0)`, and
    /// `ControllerRedemption` when forced.
    pub fn operator_redeem_by_partition(
        &mut self,
        partition: B256,
        token_holder: Address,
        value: U256,
        operator_data: Bytes,
    ) -> Result<(), Error> {
        let operator = self.vm().msg_sender();
        let plan = self.validate_operator_move(
            operator,
            partition,
            token_holder,
            Address::ZERO,
            true,
            value,
            &[],
            &operator_data,
        )?;
        let movement = Movement {
            operator,
            from: token_holder,
            to: Address::ZERO,
            data: &[],
            operator_data: &operator_data,
        };
        self.move_value(&movement, plan.chunk);
        if plan.forced {
            self.emit_controller_event(&movement, value);
        }
        Ok(())
    }

    // ----- ERC-1594 (R3) -----

    /// Transfers from the default partitions with data.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidReceiver`,
    /// `NoDefaultPartitions`, `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `TransferByPartition`, `Transfer`.
    pub fn transfer_with_data(
        &mut self,
        to: Address,
        value: U256,
        data: Bytes,
    ) -> Result<(), Error> {
        self.send(None, to, value, &data)
    }

    /// Transfers `from`'s tokens from the default partitions, debiting the
    /// caller's ERC-20 allowance.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidSender`,
    /// `InvalidReceiver`, `InsufficientAllowance`, `NoDefaultPartitions`,
    /// `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `TransferByPartition`, `Transfer`; `Approval` is
    /// not emitted for the debit.
    pub fn transfer_from_with_data(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
        data: Bytes,
    ) -> Result<(), Error> {
        self.send(Some(from), to, value, &data)
    }

    /// Whether the issuer can still issue.
    pub fn is_issuable(&self) -> bool {
        self.status.get().to::<u8>() & status_bits::ISSUANCE_CLOSED == 0
    }

    /// Issues into the first default partition (issuer only).
    ///
    /// # Errors
    /// As `issueByPartition`, plus `NoDefaultPartitions`.
    ///
    /// # Events
    /// `IssuedByPartition`, `Issued`, `Transfer(0, to)`.
    pub fn issue(&mut self, token_holder: Address, value: U256, data: Bytes) -> Result<(), Error> {
        self.issue_value(None, token_holder, value, &data)
    }

    /// Redeems the caller's tokens from the default partitions.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `NoDefaultPartitions`,
    /// `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `RedeemedByPartition`, `Redeemed`, `Transfer(from, 0)`.
    pub fn redeem(&mut self, value: U256, data: Bytes) -> Result<(), Error> {
        self.redeem_value(None, None, value, &data)
    }

    /// Redeems `token_holder`'s tokens from the default partitions,
    /// debiting the caller's allowance.
    ///
    /// # Errors
    /// `NotInitialized`, `TransfersPaused`, `InvalidSender`,
    /// `InsufficientAllowance`, `NoDefaultPartitions`, `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `RedeemedByPartition`, `Redeemed`, `Transfer(from, 0)`.
    pub fn redeem_from(
        &mut self,
        token_holder: Address,
        value: U256,
        data: Bytes,
    ) -> Result<(), Error> {
        self.redeem_value(Some(token_holder), None, value, &data)
    }

    /// Would `transferWithData(to, value, data)` sent by the caller succeed?
    pub fn can_transfer(&self, to: Address, value: U256, data: Bytes) -> (FixedBytes<1>, B256) {
        let _ = data;
        self.verdict_transfer(self.vm().msg_sender(), to, value)
    }

    /// Would `transferFromWithData(from, to, value, data)` sent by the
    /// caller succeed?
    pub fn can_transfer_from(
        &self,
        from: Address,
        to: Address,
        value: U256,
        data: Bytes,
    ) -> (FixedBytes<1>, B256) {
        let _ = data;
        self.verdict_transfer_from(self.vm().msg_sender(), from, to, value)
    }

    // ----- ERC-1643 (R4) -----

    /// (uri, documentHash, lastModified) of a document.
    ///
    /// # Errors
    /// `DocumentNotFound`.
    pub fn get_document(&self, name: B256) -> Result<(String, B256, U256), Error> {
        self.document(name)
    }

    /// Stores or replaces a document (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `InvalidDocument`.
    ///
    /// # Events
    /// `DocumentUpdated`.
    pub fn set_document(
        &mut self,
        name: B256,
        uri: String,
        document_hash: B256,
    ) -> Result<(), Error> {
        self.store_document(name, uri, document_hash)
    }

    /// Removes a document (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `DocumentNotFound`.
    ///
    /// # Events
    /// `DocumentRemoved`.
    pub fn remove_document(&mut self, name: B256) -> Result<(), Error> {
        self.delete_document(name)
    }

    /// Names of all stored documents.
    pub fn get_all_documents(&self) -> Vec<B256> {
        self.document_names()
    }

    // ----- ERC-1644 (R5, R10) -----

    /// Whether controllers can still force moves (false forever once renounced).
    pub fn is_controllable(&self) -> bool {
        self.status.get().to::<u8>() & status_bits::CONTROL_RENOUNCED == 0
    }

    /// Forced transfer from the default partitions (controller only; works
    /// while paused).
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`,
    /// `InvalidSender`, `InvalidReceiver`, `NoDefaultPartitions`,
    /// `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `TransferByPartition`, `Transfer`; then `ControllerTransfer`.
    pub fn controller_transfer(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
        data: Bytes,
        operator_data: Bytes,
    ) -> Result<(), Error> {
        self.controller_move(None, from, to, false, value, &data, &operator_data)?;
        Ok(())
    }

    /// Forced redemption from the default partitions (controller only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotControllable`, `NotController`,
    /// `InvalidSender`, `NoDefaultPartitions`, `InsufficientBalance`.
    ///
    /// # Events
    /// Per partition used: `RedeemedByPartition`, `Redeemed`, `Transfer`;
    /// then `ControllerRedemption`.
    pub fn controller_redeem(
        &mut self,
        token_holder: Address,
        value: U256,
        data: Bytes,
        operator_data: Bytes,
    ) -> Result<(), Error> {
        self.controller_move(
            None,
            token_holder,
            Address::ZERO,
            true,
            value,
            &data,
            &operator_data,
        )?;
        Ok(())
    }

    /// Forced transfer in `partition` (may change partition via `data`);
    /// returns the receiver's partition.
    ///
    /// # Errors
    /// As `controllerTransfer`, plus `InvalidPartition`.
    ///
    /// # Events
    /// `TransferByPartition`, `ChangedPartition` (partition change),
    /// `Transfer`, `ControllerTransfer`.
    pub fn controller_transfer_by_partition(
        &mut self,
        partition: B256,
        from: Address,
        to: Address,
        value: U256,
        data: Bytes,
        operator_data: Bytes,
    ) -> Result<B256, Error> {
        self.controller_move(
            Some(partition),
            from,
            to,
            false,
            value,
            &data,
            &operator_data,
        )
    }

    /// Forced redemption in `partition`.
    ///
    /// # Errors
    /// As `controllerRedeem`, plus `InvalidPartition`.
    ///
    /// # Events
    /// `RedeemedByPartition`, `Redeemed`, `Transfer`, `ControllerRedemption`.
    pub fn controller_redeem_by_partition(
        &mut self,
        partition: B256,
        token_holder: Address,
        value: U256,
        data: Bytes,
        operator_data: Bytes,
    ) -> Result<(), Error> {
        self.controller_move(
            Some(partition),
            token_holder,
            Address::ZERO,
            true,
            value,
            &data,
            &operator_data,
        )?;
        Ok(())
    }

    /// Renounces controllability for good (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `NotControllable`.
    ///
    /// # Events
    /// `ControllabilityRenounced`.
    pub fn renounce_controllability(&mut self) -> Result<(), Error> {
        self.renounce_control()
    }
}

impl SecurityToken {
    /// Plain and allowance transfers from the default partitions
    /// (`transfer`, `transferFrom`, `transferWithData`,
    /// `transferFromWithData`): `from` Some means the caller spends an
    /// allowance.
    fn send(
        &mut self,
        from: Option<Address>,
        to: Address,
        value: U256,
        data: &[u8],
    ) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let holder = from.unwrap_or(caller);
        let spender = from.map(|_| caller);
        let chunks = self.validate_transfer(spender, holder, to, None, value)?;
        if let Some(spender) = spender {
            self.spend_allowance(holder, spender, value);
        }
        self.move_chunks(
            &Movement {
                operator: caller,
                from: holder,
                to,
                data,
                operator_data: &[],
            },
            &chunks,
        );
        Ok(())
    }
}
