//! DvP settlement (Swap, T+0; R16, R18): the account-management
//! institution (a *settler*) submits a trade matched and signed by a
//! broker; the security leg and the cash leg move in the same transaction
//! or not at all.
//!
//! `settle(trade, signature)` checks, in order: the caller is a settler
//! (`NotSettler`); the quantity is not zero; the deadline has not passed
//! (`TradeExpired`); the broker's nonce is unused (`NonceAlreadyUsed`); the
//! seller is not the buyer and neither is the broker (`SelfDealingTrade`,
//! R16); the signature is 65 bytes, `v` is 27 or 28, `s` is in the lower
//! half of the curve order, and it recovers to the trade's broker over the
//! EIP-712 digest of the exact trade, in a domain bound to this chain and
//! this contract (`InvalidSignatureLength`, `InvalidSignatureV`,
//! `MalleableSignature`, `WrongSigner`); the broker is a distribution-side
//! operator of the security token (`NotDistributionBroker`, R16). Then it
//! marks the nonce used and moves the security leg by this contract's
//! operator authority on the token (`operatorTransferByPartition`: the
//! token's own rules apply, and its custom error comes back unchanged:
//! KYC, freeze, pledge, balance) and the cash leg by the buyer's allowance
//! (`transferFrom` buyer -> seller; a revert comes back unchanged, a
//! `false` is `CashLegFailed`). Any failure reverts the whole call.
//!
//! `settleBatch` settles many trades in one call and is atomic as a whole:
//! one failing trade reverts every trade of the batch with that trade's
//! error (the settler resubmits the batch without it).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

use alloc::{vec, vec::Vec};
use sto_abi::dvp::{
    IDvPSettlement::{
        BatchLengthMismatch, CashLegFailed, InvalidSignatureLength, InvalidSignatureV,
        MalleableSignature, NonceAlreadyUsed, NonceCancelled, NotDistributionBroker,
        NotSettlementAdmin, NotSettler, SelfDealingTrade, SettlerChanged, TradeExpired,
        TradeSettled, WrongSigner, ZeroQuantity,
    },
    Trade, SETTLEMENT_NAME, TRADE_TYPE, VERSION,
};
use sto_abi::{ISecurityTokenAdmin, IERC1410};
use sto_eip712::{self as eip712, SigError};
use stylus_sdk::{
    abi::Bytes,
    alloy_primitives::{Address, B256, U256},
    alloy_sol_types::SolCall,
    call::RawCall,
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap},
};

/// Every way a settlement call fails besides a leg's own revert.
#[derive(SolidityError, Debug)]
pub enum SettlementError {
    /// Not the admin.
    NotAdmin(NotSettlementAdmin),
    /// Not a settler.
    NotSettler(NotSettler),
    /// Deadline passed.
    Expired(TradeExpired),
    /// Nonce used or cancelled.
    NonceUsed(NonceAlreadyUsed),
    /// Self-dealing.
    SelfDealing(SelfDealingTrade),
    /// Signature not 65 bytes.
    SignatureLength(InvalidSignatureLength),
    /// `v` not 27/28.
    SignatureV(InvalidSignatureV),
    /// High `s`.
    Malleable(MalleableSignature),
    /// Recovered someone else.
    WrongSigner(WrongSigner),
    /// Broker not a distribution-side operator.
    NotBroker(NotDistributionBroker),
    /// `transferFrom` returned false.
    CashLeg(CashLegFailed),
    /// Nothing to deliver.
    ZeroQuantity(ZeroQuantity),
    /// Batch arrays differ in length.
    BatchLength(BatchLengthMismatch),
}

/// `Trade` as the SDK's ABI sees it: the struct's fields as a tuple
/// (same ABI encoding and selector as the Solidity struct).
pub type TradeTuple = (
    Address,
    B256,
    Address,
    Address,
    U256,
    Address,
    U256,
    Address,
    U256,
    U256,
    B256,
);

/// The `Trade` of a [`TradeTuple`].
pub fn trade_of(t: TradeTuple) -> Trade {
    Trade {
        securityToken: t.0,
        partition: t.1,
        seller: t.2,
        buyer: t.3,
        quantity: t.4,
        cashToken: t.5,
        cashAmount: t.6,
        broker: t.7,
        nonce: t.8,
        deadline: t.9,
        tradeRef: t.10,
    }
}

/// The settlement contract's storage.
#[entrypoint]
#[storage]
pub struct DvPSettlement {
    admin: StorageAddress,
    settlers: StorageMap<Address, StorageBool>,
    used: StorageMap<Address, StorageMap<U256, StorageBool>>,
}

#[public]
impl DvPSettlement {
    /// Makes `admin` the administrator (who appoints settlers).
    ///
    /// # Errors
    /// `NotSettlementAdmin(0)` for a zero admin.
    #[constructor]
    pub fn constructor(&mut self, admin: Address) -> Result<(), SettlementError> {
        if admin.is_zero() {
            return Err(SettlementError::NotAdmin(NotSettlementAdmin {
                account: admin,
            }));
        }
        self.admin.set(admin);
        Ok(())
    }

    /// The administrator.
    pub fn admin(&self) -> Address {
        self.admin.get()
    }

    /// Appoints or dismisses a settler (the admin).
    ///
    /// # Errors
    /// `NotSettlementAdmin`.
    pub fn set_settler(&mut self, account: Address, enabled: bool) -> Result<(), SettlementError> {
        let caller = self.vm().msg_sender();
        if caller != self.admin.get() {
            return Err(SettlementError::NotAdmin(NotSettlementAdmin {
                account: caller,
            }));
        }
        self.settlers.setter(account).set(enabled);
        self.vm().log(SettlerChanged {
            account,
            enabled,
            by: caller,
        });
        Ok(())
    }

    /// Whether `account` may settle.
    pub fn is_settler(&self, account: Address) -> bool {
        self.settlers.get(account)
    }

    /// Settles one trade; returns its EIP-712 digest (the trade hash).
    ///
    /// # Errors
    /// See the crate documentation; a leg's own revert data unchanged.
    pub fn settle(&mut self, trade: TradeTuple, broker_signature: Bytes) -> Result<B256, Vec<u8>> {
        self.only_settler()?;
        self.settle_one(&trade_of(trade), &broker_signature)
    }

    /// Settles every trade or none; returns their hashes.
    ///
    /// # Errors
    /// `BatchLengthMismatch`, or the first failing trade's error.
    pub fn settle_batch(
        &mut self,
        trades: Vec<TradeTuple>,
        signatures: Vec<Bytes>,
    ) -> Result<Vec<B256>, Vec<u8>> {
        self.only_settler()?;
        if trades.len() != signatures.len() {
            return Err(SettlementError::BatchLength(BatchLengthMismatch {
                trades: U256::from(trades.len()),
                signatures: U256::from(signatures.len()),
            })
            .into());
        }
        let mut hashes = Vec::with_capacity(trades.len());
        for (trade, signature) in trades.into_iter().zip(&signatures) {
            hashes.push(self.settle_one(&trade_of(trade), signature)?);
        }
        Ok(hashes)
    }

    /// The caller (a broker) cancels one of its nonces.
    pub fn cancel_nonce(&mut self, nonce: U256) {
        let broker = self.vm().msg_sender();
        self.used.setter(broker).setter(nonce).set(true);
        self.vm().log(NonceCancelled { broker, nonce });
    }

    /// Whether `broker`'s `nonce` was used or cancelled.
    pub fn is_nonce_used(&self, broker: Address, nonce: U256) -> bool {
        self.used.getter(broker).get(nonce)
    }

    /// The EIP-712 digest the broker signs for `trade`.
    pub fn trade_digest(&self, trade: TradeTuple) -> B256 {
        self.digest(&trade_of(trade))
    }

    /// The EIP-712 domain separator (name "STO DvP Settlement", version
    /// "1", this chain, this contract).
    pub fn domain_separator(&self) -> B256 {
        eip712::domain_separator(
            self.vm(),
            SETTLEMENT_NAME,
            VERSION,
            self.vm().contract_address(),
        )
    }
}

impl DvPSettlement {
    fn only_settler(&self) -> Result<(), SettlementError> {
        let caller = self.vm().msg_sender();
        if !self.settlers.get(caller) {
            return Err(SettlementError::NotSettler(NotSettler { account: caller }));
        }
        Ok(())
    }

    /// The EIP-712 digest of `t`.
    fn digest(&self, t: &Trade) -> B256 {
        let vm = self.vm();
        let struct_hash = eip712::hash_words(
            vm,
            &[
                eip712::keccak(vm, TRADE_TYPE.as_bytes()),
                eip712::word(t.securityToken),
                t.partition,
                eip712::word(t.seller),
                eip712::word(t.buyer),
                eip712::uint(t.quantity),
                eip712::word(t.cashToken),
                eip712::uint(t.cashAmount),
                eip712::word(t.broker),
                eip712::uint(t.nonce),
                eip712::uint(t.deadline),
                t.tradeRef,
            ],
        );
        eip712::typed_digest(vm, self.domain_separator(), struct_hash)
    }

    /// Checks and settles one trade.
    fn settle_one(&mut self, t: &Trade, signature: &[u8]) -> Result<B256, Vec<u8>> {
        if t.quantity.is_zero() {
            return Err(SettlementError::ZeroQuantity(ZeroQuantity {}).into());
        }
        let now = U256::from(self.vm().block_timestamp());
        if now > t.deadline {
            return Err(SettlementError::Expired(TradeExpired {
                deadline: t.deadline,
                nowTimestamp: now,
            })
            .into());
        }
        if self.used.getter(t.broker).get(t.nonce) {
            return Err(SettlementError::NonceUsed(NonceAlreadyUsed {
                broker: t.broker,
                nonce: t.nonce,
            })
            .into());
        }
        for account in [t.seller, t.buyer] {
            if account == t.broker || t.seller == t.buyer {
                return Err(SettlementError::SelfDealing(SelfDealingTrade { account }).into());
            }
        }
        let digest = self.digest(t);
        let recovered = eip712::split(signature)
            .and_then(|(v, r, s)| eip712::recover(self.vm(), digest, v, r, s))
            .map_err(|e| -> Vec<u8> {
                match e {
                    SigError::Length(n) => {
                        SettlementError::SignatureLength(InvalidSignatureLength {
                            length: U256::from(n),
                        })
                    }
                    SigError::V(v) => SettlementError::SignatureV(InvalidSignatureV { v }),
                    SigError::HighS(s) => SettlementError::Malleable(MalleableSignature { s }),
                    SigError::NoSigner => SettlementError::WrongSigner(WrongSigner {
                        recovered: Address::ZERO,
                        broker: t.broker,
                    }),
                }
                .into()
            })?;
        if recovered != t.broker {
            return Err(SettlementError::WrongSigner(WrongSigner {
                recovered,
                broker: t.broker,
            })
            .into());
        }
        let side = self.operator_side(t.securityToken, t.broker);
        if side != 2 {
            return Err(SettlementError::NotBroker(NotDistributionBroker {
                broker: t.broker,
                side,
            })
            .into());
        }
        self.used.setter(t.broker).setter(t.nonce).set(true);

        // Security leg: this contract is a token-level operator of the token.
        let security = IERC1410::operatorTransferByPartitionCall {
            partition: t.partition,
            from: t.seller,
            to: t.buyer,
            value: t.quantity,
            data: Default::default(),
            operatorData: t.tradeRef.to_vec().into(),
        }
        .abi_encode();
        // SAFETY: the nonce write is flushed first, so a reentrant call sees
        // the nonce used and cannot settle the trade twice.
        unsafe {
            RawCall::new(self.vm())
                .flush_storage_cache()
                .call(t.securityToken, &security)
        }?;
        // Cash leg: the buyer's allowance to this contract.
        let cash = sto_abi::dvp::IPaymentToken::transferFromCall {
            from: t.buyer,
            to: t.seller,
            value: t.cashAmount,
        }
        .abi_encode();
        // SAFETY: as above; nothing is read from the cache afterwards that
        // the call could have changed.
        let out = unsafe { RawCall::new(self.vm()).call(t.cashToken, &cash) }?;
        // ERC-20: empty return data (old tokens) or `true`.
        let ok = out.is_empty()
            || (out.len() == 32 && out[31] == 1 && out[..31].iter().all(|b| *b == 0));
        if !ok {
            return Err(SettlementError::CashLeg(CashLegFailed {
                cashToken: t.cashToken,
            })
            .into());
        }
        self.vm().log(TradeSettled {
            tradeHash: digest,
            broker: t.broker,
            nonce: t.nonce,
            securityToken: t.securityToken,
            seller: t.seller,
            buyer: t.buyer,
            quantity: t.quantity,
            cashToken: t.cashToken,
            cashAmount: t.cashAmount,
            tradeRef: t.tradeRef,
        });
        Ok(digest)
    }

    /// The token-level operator side of `broker` on `token` (0 when the
    /// token does not answer).
    fn operator_side(&self, token: Address, broker: Address) -> u8 {
        let query = ISecurityTokenAdmin::operatorSideCall { account: broker }.abi_encode();
        // SAFETY: a static call cannot write this contract's storage.
        let out = unsafe { RawCall::new_static(self.vm()).call(token, &query) }.unwrap_or_default();
        if out.len() == 32 && out[..31].iter().all(|b| *b == 0) {
            out[31]
        } else {
            0
        }
    }
}
