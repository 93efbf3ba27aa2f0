//! Cash-leg payment token for DvP settlement (issue 8): an ERC-20 standing
//! for a deposit token or stablecoin, minted and burned by its issuer (the
//! bank), with ERC-2612 `permit` so a buyer can authorise the settlement
//! contract by signature. Errors follow ERC-6093. The settlement contract
//! works with any ERC-20; this one exists so tests and the demo have a cash
//! leg on the dev chain.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

use alloc::{string::String, vec, vec::Vec};
use sto_abi::dvp::{
    IPaymentToken::{
        Approval, ERC20InsufficientAllowance, ERC20InsufficientBalance, ERC20InvalidReceiver,
        ERC20InvalidSpender, ERC2612ExpiredSignature, ERC2612InvalidSigner, NotTokenIssuer,
        SupplyOverflow, Transfer,
    },
    PERMIT_TYPE, VERSION,
};
use sto_eip712 as eip712;
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256, U8},
    prelude::*,
    storage::{StorageAddress, StorageMap, StorageString, StorageU256, StorageU8},
};

/// Every way a payment-token call fails.
#[derive(SolidityError, Debug)]
pub enum PaymentError {
    /// Balance below the amount.
    InsufficientBalance(ERC20InsufficientBalance),
    /// Allowance below the amount.
    InsufficientAllowance(ERC20InsufficientAllowance),
    /// Transfer or mint to the zero address.
    InvalidReceiver(ERC20InvalidReceiver),
    /// Approval of the zero address.
    InvalidSpender(ERC20InvalidSpender),
    /// Mint or burn by someone else than the issuer.
    NotIssuer(NotTokenIssuer),
    /// Permit after its deadline.
    Expired(ERC2612ExpiredSignature),
    /// Permit not signed by the owner (or a refused signature).
    InvalidSigner(ERC2612InvalidSigner),
    /// Mint past the largest total supply.
    Overflow(SupplyOverflow),
}

/// The token's storage.
#[entrypoint]
#[storage]
pub struct PaymentToken {
    name: StorageString,
    symbol: StorageString,
    decimals: StorageU8,
    issuer: StorageAddress,
    total_supply: StorageU256,
    balances: StorageMap<Address, StorageU256>,
    allowances: StorageMap<Address, StorageMap<Address, StorageU256>>,
    nonces: StorageMap<Address, StorageU256>,
}

#[public]
impl PaymentToken {
    /// Sets the metadata and the issuer (who alone mints and burns).
    ///
    /// # Errors
    /// `ERC20InvalidReceiver(0)` for a zero issuer.
    #[constructor]
    pub fn constructor(
        &mut self,
        name: String,
        symbol: String,
        decimals: u8,
        issuer: Address,
    ) -> Result<(), PaymentError> {
        if issuer.is_zero() {
            return Err(invalid_receiver(issuer));
        }
        self.name.set_str(name);
        self.symbol.set_str(symbol);
        self.decimals.set(U8::from(decimals));
        self.issuer.set(issuer);
        Ok(())
    }

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

    /// Total supply.
    pub fn total_supply(&self) -> U256 {
        self.total_supply.get()
    }

    /// Balance of `account`.
    pub fn balance_of(&self, account: Address) -> U256 {
        self.balances.get(account)
    }

    /// Allowance of `spender` over `owner`'s balance.
    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.allowances.getter(owner).get(spender)
    }

    /// Sets the caller's allowance for `spender`.
    ///
    /// # Errors
    /// `ERC20InvalidSpender` for the zero address.
    pub fn approve(&mut self, spender: Address, value: U256) -> Result<bool, PaymentError> {
        let owner = self.vm().msg_sender();
        self.set_allowance(owner, spender, value)?;
        Ok(true)
    }

    /// Moves the caller's tokens.
    ///
    /// # Errors
    /// `ERC20InvalidReceiver`, `ERC20InsufficientBalance`.
    pub fn transfer(&mut self, to: Address, value: U256) -> Result<bool, PaymentError> {
        let from = self.vm().msg_sender();
        self.move_tokens(from, to, value)?;
        Ok(true)
    }

    /// Moves `from`'s tokens with the caller's allowance (the maximum is
    /// never debited).
    ///
    /// # Errors
    /// `ERC20InsufficientAllowance`, `ERC20InvalidReceiver`,
    /// `ERC20InsufficientBalance`.
    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<bool, PaymentError> {
        let spender = self.vm().msg_sender();
        let allowance = self.allowance(from, spender);
        if allowance < value {
            return Err(PaymentError::InsufficientAllowance(
                ERC20InsufficientAllowance {
                    spender,
                    allowance,
                    needed: value,
                },
            ));
        }
        self.move_tokens(from, to, value)?;
        if allowance != U256::MAX {
            self.allowances
                .setter(from)
                .setter(spender)
                .set(allowance - value);
        }
        Ok(true)
    }

    /// The issuer.
    pub fn issuer(&self) -> Address {
        self.issuer.get()
    }

    /// Creates `value` for `to` (the issuer: a deposit received).
    ///
    /// # Errors
    /// `NotTokenIssuer`, `ERC20InvalidReceiver`, `SupplyOverflow` (no
    /// balance can then overflow: balances sum to the supply).
    pub fn mint(&mut self, to: Address, value: U256) -> Result<(), PaymentError> {
        self.only_issuer()?;
        if to.is_zero() {
            return Err(invalid_receiver(to));
        }
        let supply = self.total_supply.get();
        let Some(new_supply) = supply.checked_add(value) else {
            return Err(PaymentError::Overflow(SupplyOverflow {
                totalSupply: supply,
                value,
            }));
        };
        self.total_supply.set(new_supply);
        let balance = self.balances.get(to);
        self.balances.setter(to).set(balance + value);
        self.vm().log(Transfer {
            from: Address::ZERO,
            to,
            value,
        });
        Ok(())
    }

    /// Destroys `value` of `from` (the issuer: a withdrawal paid out).
    ///
    /// # Errors
    /// `NotTokenIssuer`, `ERC20InsufficientBalance`.
    pub fn burn(&mut self, from: Address, value: U256) -> Result<(), PaymentError> {
        self.only_issuer()?;
        let balance = self.balances.get(from);
        if balance < value {
            return Err(insufficient(from, balance, value));
        }
        self.balances.setter(from).set(balance - value);
        self.total_supply.set(self.total_supply.get() - value);
        self.vm().log(Transfer {
            from,
            to: Address::ZERO,
            value,
        });
        Ok(())
    }

    /// ERC-2612: sets `owner`'s allowance for `spender` by `owner`'s
    /// signature over `Permit(owner, spender, value, nonce, deadline)`.
    ///
    /// # Errors
    /// `ERC2612ExpiredSignature`, `ERC2612InvalidSigner` (also for a high
    /// `s` or a `v` other than 27/28), `ERC20InvalidSpender`.
    #[allow(clippy::too_many_arguments)]
    pub fn permit(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
        deadline: U256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<(), PaymentError> {
        if U256::from(self.vm().block_timestamp()) > deadline {
            return Err(PaymentError::Expired(ERC2612ExpiredSignature { deadline }));
        }
        let nonce = self.nonces.get(owner);
        let vm = self.vm();
        let struct_hash = eip712::hash_words(
            vm,
            &[
                eip712::keccak(vm, PERMIT_TYPE.as_bytes()),
                eip712::word(owner),
                eip712::word(spender),
                eip712::uint(value),
                eip712::uint(nonce),
                eip712::uint(deadline),
            ],
        );
        let digest = eip712::typed_digest(vm, self.domain_separator(), struct_hash);
        let signer = eip712::recover(vm, digest, v, r, s).unwrap_or_default();
        if signer != owner || owner.is_zero() {
            return Err(PaymentError::InvalidSigner(ERC2612InvalidSigner {
                signer,
                owner,
            }));
        }
        self.nonces.setter(owner).set(nonce + U256::from(1));
        self.set_allowance(owner, spender, value)
    }

    /// ERC-2612 nonce of `owner`.
    pub fn nonces(&self, owner: Address) -> U256 {
        self.nonces.get(owner)
    }

    /// ERC-2612 domain separator (name, version "1", chain id, this address).
    #[selector(name = "DOMAIN_SEPARATOR")]
    pub fn domain_separator(&self) -> B256 {
        let name = self.name.get_string();
        eip712::domain_separator(self.vm(), &name, VERSION, self.vm().contract_address())
    }
}

impl PaymentToken {
    fn only_issuer(&self) -> Result<(), PaymentError> {
        let caller = self.vm().msg_sender();
        if caller != self.issuer.get() {
            return Err(PaymentError::NotIssuer(NotTokenIssuer { account: caller }));
        }
        Ok(())
    }

    fn set_allowance(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
    ) -> Result<(), PaymentError> {
        if spender.is_zero() {
            return Err(PaymentError::InvalidSpender(ERC20InvalidSpender {
                spender,
            }));
        }
        self.allowances.setter(owner).setter(spender).set(value);
        self.vm().log(Approval {
            owner,
            spender,
            value,
        });
        Ok(())
    }

    fn move_tokens(&mut self, from: Address, to: Address, value: U256) -> Result<(), PaymentError> {
        if to.is_zero() {
            return Err(invalid_receiver(to));
        }
        let balance = self.balances.get(from);
        if balance < value {
            return Err(insufficient(from, balance, value));
        }
        self.balances.setter(from).set(balance - value);
        let to_balance = self.balances.get(to);
        self.balances.setter(to).set(to_balance + value);
        self.vm().log(Transfer { from, to, value });
        Ok(())
    }
}

fn invalid_receiver(receiver: Address) -> PaymentError {
    PaymentError::InvalidReceiver(ERC20InvalidReceiver { receiver })
}

fn insufficient(sender: Address, balance: U256, needed: U256) -> PaymentError {
    PaymentError::InsufficientBalance(ERC20InsufficientBalance {
        sender,
        balance,
        needed,
    })
}
