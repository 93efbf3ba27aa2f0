//! Router of the `security-token-compliance` extension: the Korean
//! token-securities rules' administration and views, reached by
//! delegatecall from the hot program's fallback, on the same proxy storage.

use super::{nothing, ret_bool, ret_uint, ret_word, ret_words, router};
use crate::encoding::{addr, boolean, encode, small, uint, word, Field};
use alloc::vec::Vec;
use sto_abi::ISecurityTokenCompliance as C;
use stylus_sdk::alloy_primitives::{B256, U256};

/// Numbers as ABI words (`uint256[]`).
fn uint_words(values: &[U256]) -> Vec<B256> {
    values.iter().map(|v| B256::from(*v)).collect()
}

router! {
    /// Answers a compliance call, or `None` when the selector is not one of
    /// [`SELECTORS`].
    fn route(t, a);
    selectors SELECTORS;
    C::registerHolderCall [b"au"] => nothing(t.register_holder(a.addr(0), a.byte(1))?),
    C::registerHoldersCall [b"Au"] => nothing(t.register_holders(a.addrs(0), a.byte(1))?),
    C::unregisterHolderCall [b"a"] => nothing(t.unregister_holder(a.addr(0))?),
    C::unregisterHoldersCall [b"A"] => nothing(t.unregister_holders(a.addrs(0))?),
    C::setRegistrarCall [b"ao"] => nothing(t.set_registrar(a.addr(0), a.byte(1) == 1)?),
    C::isRegistrarCall [b"a"] => ret_bool(t.is_registrar(a.addr(0))),
    C::holderInfoCall [b"a"] => {
        let (registered, category, frozen) = t.holder_info(a.addr(0));
        encode(&[boolean(registered), small(category as u64), boolean(frozen)])
    },
    C::holderCountCall [b""] => ret_uint(t.holder_count()),
    C::holdersPageCall [b"ww"] => {
        let list = t.holders_page(a.uint(0), a.uint(1));
        let words: Vec<B256> = list.iter().map(|x| x.into_word()).collect();
        ret_words(&words)
    },
    C::totalSupplyByCategoryCall [b"u"] => ret_uint(t.total_supply_by_category(a.byte(0))),
    C::reconciliationCall [b""] => {
        let (supply, individual, corporate, own, unclassified) = t.reconciliation();
        encode(&[uint(supply), uint(individual), uint(corporate), uint(own), uint(unclassified)])
    },
    C::deriveHolderAddressCall [b"bbu"] => {
        ret_word(t.derive_holder_address(a.bytes(0), a.bytes(1), a.byte(2)).into_word())
    },
    C::freezeAddressCall [b"a"] => nothing(t.freeze_address(a.addr(0))?),
    C::unfreezeAddressCall [b"a"] => nothing(t.unfreeze_address(a.addr(0))?),
    C::freezePartialCall [b"aww"] => nothing(t.freeze_partial(a.addr(0), a.word(1), a.uint(2))?),
    C::unfreezePartialCall [b"aww"] => {
        nothing(t.unfreeze_partial(a.addr(0), a.word(1), a.uint(2))?)
    },
    C::frozenBalanceOfCall [b"wa"] => ret_uint(t.frozen_balance_of(a.word(0), a.addr(1))),
    C::setCustodyAccountCall [b"a"] => nothing(t.set_custody_account(a.addr(0))?),
    C::custodyAccountCall [b""] => ret_word(t.custody_account().into_word()),
    C::seizeCall [b"awww"] => nothing(t.seize(a.addr(0), a.word(1), a.uint(2), a.word(3))?),
    C::pledgeCall [b"awwaw"] => {
        ret_uint(t.pledge(a.addr(0), a.word(1), a.uint(2), a.addr(3), a.word(4))?)
    },
    C::releasePledgeCall [b"w"] => nothing(t.release_pledge(a.uint(0))?),
    C::enforcePledgeCall [b"w"] => nothing(t.enforce_pledge(a.uint(0))?),
    C::pledgedBalanceOfCall [b"wa"] => ret_uint(t.pledged_balance_of(a.word(0), a.addr(1))),
    C::getPledgeCall [b"w"] => {
        let p = t.get_pledge(a.uint(0))?;
        encode(&[
            addr(p.holder),
            word(p.partition),
            uint(p.amount),
            addr(p.pledgee),
            word(p.reference),
            small(p.status as u64),
        ])
    },
    C::pledgesOfCall [b"a"] => ret_words(&uint_words(&t.pledges_of(a.addr(0)))),
    C::setTrustPropertyCall [b"awo"] => {
        nothing(t.set_trust_property(a.addr(0), a.word(1), a.byte(2) == 1)?)
    },
    C::isTrustPropertyCall [b"wa"] => ret_bool(t.is_trust_property(a.word(0), a.addr(1))),
    C::setTrustPropertiesCall [b"Awo"] => {
        nothing(t.set_trust_properties(a.addrs(0), a.word(1), a.byte(2) == 1)?)
    },
    C::ledgerCall [b""] => {
        let l = t.ledger();
        encode(&[
            addr(l.issuer),
            addr(l.account_manager),
            Field::Bytes(&l.security_kind),
            word(l.issue_id),
            uint(l.issued),
            uint(l.pledged),
            uint(l.frozen),
            uint(l.holders),
        ])
    },
    C::ledgerEntryCall [b"a"] => {
        let e = t.ledger_entry(a.addr(0));
        let flags: Vec<U256> = e.trust.iter().map(|b| U256::from_limbs([*b as u64, 0, 0, 0])).collect();
        encode(&[
            boolean(e.registered),
            small(e.category as u64),
            boolean(e.frozen),
            Field::Words(&e.partitions),
            Field::Words(&uint_words(&e.balances)),
            Field::Words(&uint_words(&e.pledged)),
            Field::Words(&uint_words(&e.frozen_amounts)),
            Field::Words(&uint_words(&flags)),
        ])
    },
}
