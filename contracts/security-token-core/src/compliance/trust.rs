//! Trust property (신탁재산, R15): a flag per holding (holder x partition),
//! set by the issuer or a controller, kept in the holding word beside the
//! balance, so it survives the holding going to zero and back.

use crate::{
    encoding::boolean,
    errors::*,
    events::{self, topic},
    storage::SecurityToken,
    words::TRUST_BIT,
};
use sto_abi::ISecurityTokenCompliance as C;
use stylus_sdk::{
    alloy_primitives::{Address, B256},
    alloy_sol_types::SolEvent,
    prelude::*,
};

impl SecurityToken {
    /// `setTrustProperty` (issuer or controller).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuerOrController`, `ZeroAddress`,
    /// `InvalidPartition`.
    ///
    /// # Events
    /// `TrustPropertySet`.
    pub fn set_trust_property(
        &mut self,
        holder: Address,
        partition: B256,
        trust: bool,
    ) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        self.require_issuer_or_controller(caller)?;
        super::freeze::non_zero(holder)?;
        if partition.is_zero() {
            return Err(Error::InvalidPartition(InvalidPartition { partition }));
        }
        let mut word = self.holding(holder, partition);
        word.set_bit(TRUST_BIT, trust);
        self.holdings.setter(holder).setter(partition).set(word);
        events::emit(
            self.vm(),
            &[
                C::TrustPropertySet::SIGNATURE_HASH,
                topic(holder),
                partition,
                topic(caller),
            ],
            &[boolean(trust)],
        );
        Ok(())
    }

    /// `setTrustProperties` (issuer or controller): one partition of many
    /// holders, all or nothing.
    ///
    /// # Errors
    /// As `setTrustProperty`, for any of the holders.
    ///
    /// # Events
    /// `TrustPropertySet` per holder.
    pub fn set_trust_properties(
        &mut self,
        holders: alloc::vec::Vec<Address>,
        partition: B256,
        trust: bool,
    ) -> Result<(), Error> {
        self.require_issuer_or_controller(self.vm().msg_sender())?;
        if holders.iter().any(|h| h.is_zero()) {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        if partition.is_zero() {
            return Err(Error::InvalidPartition(InvalidPartition { partition }));
        }
        for holder in holders {
            self.set_trust_property(holder, partition, trust)?;
        }
        Ok(())
    }

    /// `isTrustProperty`.
    pub fn is_trust_property(&self, partition: B256, holder: Address) -> bool {
        self.holding(holder, partition).bit(TRUST_BIT)
    }
}
