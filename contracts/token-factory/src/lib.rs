//! Token factory for Arbitrum Stylus (R20): one beacon proxy per security
//! issue, created and initialised in one transaction.
//!
//! `createToken` copies the code of an already deployed beacon proxy (the
//! *template*), wraps it in the 43-byte EVM prelude and deploys it with
//! CREATE2; the new proxy has the template's codehash, so it is already
//! activated. In the same call the factory sends the proxy
//! `setupBeacon(beacon, initCalldata)`, which points it at the factory's
//! beacon and runs the token's `initialize` by delegatecall: nobody can
//! front-run the initialisation. The factory records every token it made
//! (enumerable, and by issue id) so that upgrade scripts can verify them.
//!
//! Access control follows OpenZeppelin's `AccessControl` with two fixed
//! roles: `DEFAULT_ADMIN_ROLE` (0x00) grants and revokes both roles,
//! `DEPLOYER_ROLE` may create tokens. Other role ids are refused, so a typo
//! cannot grant a role nobody checks.
//!
//! Note for token authors: during `initialize` the token's `msg.sender` is
//! the factory, so the token's administrators must be arguments of
//! `initialize`, never `msg.sender`.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

use alloc::{vec, vec::Vec};

pub use beacon_abi::factory::{
    AccessControlUnauthorizedAccount, AccessControlUnknownRole, FactoryIndexOutOfBounds,
    FactoryInvalidAddress, FactoryIssueIdTaken, FactoryProxyDeploymentFailed, FactoryZeroIssueId,
    RoleGranted, RoleRevoked, TokenCreated,
};
use beacon_abi::{
    create2_preimage, init_code, proxy::IBeaconProxy, DEFAULT_ADMIN_ROLE, DEPLOYER_ROLE,
};
use stylus_sdk::{
    alloy_primitives::{Address, Bytes, FixedBytes, B256, U256},
    alloy_sol_types::SolCall,
    call::RawCall,
    deploy::RawDeploy,
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageVec},
};

/// Every way a factory call can fail, as Solidity custom errors.
#[derive(SolidityError, Debug)]
pub enum FactoryError {
    /// The caller lacks the role the function needs.
    Unauthorized(AccessControlUnauthorizedAccount),
    /// The role id is neither admin nor deployer.
    UnknownRole(AccessControlUnknownRole),
    /// A constructor address is unusable.
    InvalidAddress(FactoryInvalidAddress),
    /// The zero issue id was given.
    ZeroIssueId(FactoryZeroIssueId),
    /// The issue id already has a token.
    IssueIdTaken(FactoryIssueIdTaken),
    /// CREATE2 failed.
    DeploymentFailed(FactoryProxyDeploymentFailed),
    /// `tokenAt` past the end.
    IndexOutOfBounds(FactoryIndexOutOfBounds),
}

/// Storage of the factory (not proxied).
#[entrypoint]
#[storage]
pub struct TokenFactory {
    /// Beacon every created proxy follows.
    beacon: StorageAddress,
    /// Deployed proxy whose code is copied into every new proxy.
    proxy_template: StorageAddress,
    /// `roles[role][account]`: whether `account` holds `role`.
    roles: StorageMap<B256, StorageMap<Address, StorageBool>>,
    /// Every token created, in creation order.
    tokens: StorageVec<StorageAddress>,
    /// Token created for each issue id.
    token_by_issue_id: StorageMap<B256, StorageAddress>,
}

#[public]
impl TokenFactory {
    /// Fixes the beacon and the proxy template, and makes `admin` the first
    /// administrator. The admin is not a deployer until it grants itself the
    /// role: creating tokens is a separate duty.
    ///
    /// # Errors
    /// `FactoryInvalidAddress(a)` if the beacon or the template holds no code
    /// or `admin` is zero.
    ///
    /// # Events
    /// `RoleGranted(DEFAULT_ADMIN_ROLE, admin, sender)`.
    #[constructor]
    pub fn constructor(
        &mut self,
        beacon: Address,
        proxy_template: Address,
        admin: Address,
    ) -> Result<(), FactoryError> {
        for account in [beacon, proxy_template] {
            if self.vm().code_size(account) == 0 {
                return Err(FactoryError::InvalidAddress(FactoryInvalidAddress {
                    account,
                }));
            }
        }
        if admin.is_zero() {
            return Err(FactoryError::InvalidAddress(FactoryInvalidAddress {
                account: admin,
            }));
        }
        self.beacon.set(beacon);
        self.proxy_template.set(proxy_template);
        self.set_role(DEFAULT_ADMIN_ROLE, admin, true);
        Ok(())
    }

    /// Creates the token proxy for `issue_id` at the CREATE2 address of
    /// `salt`, points it at the beacon and runs `init_calldata` on it (the
    /// token's `initialize`), all in this call. Returns the token address.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount(caller, DEPLOYER_ROLE)` unless the
    /// caller is a deployer; `FactoryZeroIssueId`; `FactoryIssueIdTaken` if
    /// the issue already has a token; `FactoryProxyDeploymentFailed(salt)`
    /// if CREATE2 fails (salt used before); the proxy's or the token's own
    /// revert data, unchanged, if setup or `initialize` fails.
    ///
    /// # Events
    /// The proxy's `BeaconUpgraded`, the token's initialisation events, then
    /// `TokenCreated(token, issue_id, caller)`.
    pub fn create_token(
        &mut self,
        init_calldata: Bytes,
        issue_id: FixedBytes<32>,
        salt: FixedBytes<32>,
    ) -> Result<Address, Vec<u8>> {
        let creator = self.vm().msg_sender();
        self.only_role(DEPLOYER_ROLE, creator)?;
        if issue_id.is_zero() {
            return Err(FactoryError::ZeroIssueId(FactoryZeroIssueId {}).into());
        }
        let existing = self.token_by_issue_id.get(issue_id);
        if !existing.is_zero() {
            return Err(FactoryError::IssueIdTaken(FactoryIssueIdTaken {
                issueId: issue_id,
                token: existing,
            })
            .into());
        }

        let code = self.proxy_init_code();
        // SAFETY: no storage write is pending; the proxy's init code only
        // returns the copied code and cannot call back.
        let token = unsafe {
            RawDeploy::new()
                .salt(salt)
                .deploy(self.vm(), &code, U256::ZERO)
        }
        .map_err(|_| {
            Vec::from(FactoryError::DeploymentFailed(
                FactoryProxyDeploymentFailed { salt },
            ))
        })?;

        self.tokens.push(token);
        self.token_by_issue_id.setter(issue_id).set(token);

        let setup = IBeaconProxy::setupBeaconCall {
            beacon: self.beacon.get(),
            initData: init_calldata,
        }
        .abi_encode();
        // SAFETY: the records above are flushed before the call; a callback
        // into the factory would see them (and the SDK's entrypoint refuses
        // reentrant calls anyway).
        unsafe {
            RawCall::new(self.vm())
                .flush_storage_cache()
                .call(token, &setup)
        }?;

        self.vm().log(TokenCreated {
            token,
            issueId: issue_id,
            creator,
        });
        Ok(token)
    }

    /// Address `createToken` gives for `salt` (the CREATE2 formula over this
    /// factory, `salt` and `proxyInitCodeHash()`).
    pub fn predict_address(&self, salt: FixedBytes<32>) -> Address {
        let preimage = create2_preimage(
            self.vm().contract_address(),
            salt,
            self.proxy_init_code_hash(),
        );
        let digest = self.vm().native_keccak256(&preimage);
        Address::from_slice(&digest[12..])
    }

    /// keccak256 of the init code every proxy is created from.
    pub fn proxy_init_code_hash(&self) -> B256 {
        self.vm().native_keccak256(&self.proxy_init_code())
    }

    /// Number of tokens created so far.
    pub fn token_count(&self) -> U256 {
        U256::from(self.tokens.len())
    }

    /// The `index`-th token created (creation order).
    ///
    /// # Errors
    /// `FactoryIndexOutOfBounds(index, count)`.
    pub fn token_at(&self, index: U256) -> Result<Address, FactoryError> {
        let count = self.tokens.len();
        usize::try_from(index)
            .ok()
            .and_then(|i| self.tokens.get(i))
            .ok_or(FactoryError::IndexOutOfBounds(FactoryIndexOutOfBounds {
                index,
                count: U256::from(count),
            }))
    }

    /// Token created for `issue_id`, or zero.
    pub fn token_by_issue_id(&self, issue_id: FixedBytes<32>) -> Address {
        self.token_by_issue_id.get(issue_id)
    }

    /// Beacon every created proxy follows.
    pub fn beacon(&self) -> Address {
        self.beacon.get()
    }

    /// Deployed proxy whose code the factory copies.
    pub fn proxy_template(&self) -> Address {
        self.proxy_template.get()
    }

    /// Whether `account` holds `role`.
    pub fn has_role(&self, role: FixedBytes<32>, account: Address) -> bool {
        self.roles.getter(role).get(account)
    }

    /// Grants `role` to `account`; granting a held role changes nothing.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount(caller, DEFAULT_ADMIN_ROLE)` unless
    /// the caller is an admin; `AccessControlUnknownRole(role)`.
    ///
    /// # Events
    /// `RoleGranted(role, account, caller)` when the role was not held.
    pub fn grant_role(
        &mut self,
        role: FixedBytes<32>,
        account: Address,
    ) -> Result<(), FactoryError> {
        self.only_role(DEFAULT_ADMIN_ROLE, self.vm().msg_sender())?;
        Self::known_role(role)?;
        self.set_role(role, account, true);
        Ok(())
    }

    /// Revokes `role` from `account`; revoking a role not held changes nothing.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount(caller, DEFAULT_ADMIN_ROLE)` unless
    /// the caller is an admin; `AccessControlUnknownRole(role)`.
    ///
    /// # Events
    /// `RoleRevoked(role, account, caller)` when the role was held.
    pub fn revoke_role(
        &mut self,
        role: FixedBytes<32>,
        account: Address,
    ) -> Result<(), FactoryError> {
        self.only_role(DEFAULT_ADMIN_ROLE, self.vm().msg_sender())?;
        Self::known_role(role)?;
        self.set_role(role, account, false);
        Ok(())
    }

    /// Gives up `role` held by the caller (a compromised deployer key can
    /// disarm itself without the admin).
    ///
    /// # Errors
    /// `AccessControlUnknownRole(role)`.
    ///
    /// # Events
    /// `RoleRevoked(role, caller, caller)` when the role was held.
    pub fn renounce_role(&mut self, role: FixedBytes<32>) -> Result<(), FactoryError> {
        Self::known_role(role)?;
        let caller = self.vm().msg_sender();
        self.set_role(role, caller, false);
        Ok(())
    }
}

impl TokenFactory {
    /// Reverts unless `account` holds `role`.
    fn only_role(&self, role: B256, account: Address) -> Result<(), FactoryError> {
        if self.roles.getter(role).get(account) {
            return Ok(());
        }
        Err(FactoryError::Unauthorized(
            AccessControlUnauthorizedAccount {
                account,
                neededRole: role,
            },
        ))
    }

    /// Accepts only the two roles the factory checks.
    fn known_role(role: B256) -> Result<(), FactoryError> {
        if role == DEFAULT_ADMIN_ROLE || role == DEPLOYER_ROLE {
            return Ok(());
        }
        Err(FactoryError::UnknownRole(AccessControlUnknownRole { role }))
    }

    /// Sets `roles[role][account]`, emitting an event only on change.
    fn set_role(&mut self, role: B256, account: Address, granted: bool) {
        if self.roles.getter(role).get(account) == granted {
            return;
        }
        self.roles.setter(role).setter(account).set(granted);
        let sender = self.vm().msg_sender();
        if granted {
            self.vm().log(RoleGranted {
                role,
                account,
                sender,
            });
        } else {
            self.vm().log(RoleRevoked {
                role,
                account,
                sender,
            });
        }
    }

    /// Init code of a new proxy: the EVM prelude then the template's code.
    fn proxy_init_code(&self) -> Vec<u8> {
        init_code(&self.vm().code(self.proxy_template.get()))
    }
}

#[cfg(test)]
mod tests;
