//! ERC-1643 documents (R4): name -> (URI, content hash, last modified).
//!
//! Set and removed by the issuer (R8). `lastModified` is the block
//! timestamp of the last `setDocument`; 0 means no document. Unknown names
//! revert with `DocumentNotFound` in `getDocument` and `removeDocument`.

use crate::{errors::*, storage::SecurityToken};
use alloc::{string::String, vec::Vec};
use sto_abi::IERC1643;
use stylus_sdk::{
    alloy_primitives::{B256, U256},
    prelude::*,
};

impl SecurityToken {
    /// (uri, hash, lastModified) of `name`.
    ///
    /// # Errors
    /// `DocumentNotFound`.
    pub(crate) fn document(&self, name: B256) -> Result<(String, B256, U256), Error> {
        let modified = self.document_times.get(name);
        if modified.is_zero() {
            return Err(Error::DocumentNotFound(DocumentNotFound { name }));
        }
        Ok((
            self.document_uris.getter(name).get_string(),
            self.document_hashes.get(name),
            U256::from(modified),
        ))
    }

    /// Names of every stored document.
    pub(crate) fn document_names(&self) -> Vec<B256> {
        (0..self.document_names.len())
            .filter_map(|i| self.document_names.get(i))
            .collect()
    }

    /// Stores or replaces a document.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `InvalidDocument` (zero name or empty URI).
    pub(crate) fn store_document(
        &mut self,
        name: B256,
        uri: String,
        hash: B256,
    ) -> Result<(), Error> {
        self.require_issuer(self.vm().msg_sender())?;
        if name.is_zero() || uri.is_empty() {
            return Err(Error::InvalidDocument(InvalidDocument { name }));
        }
        if self.document_times.get(name).is_zero() {
            self.document_names.push(name);
        }
        // A zero timestamp would read as "absent"; real blocks are never at 0.
        let now = self.vm().block_timestamp().max(1);
        self.document_times
            .setter(name)
            .set(stylus_sdk::alloy_primitives::U64::from(now));
        self.document_hashes.setter(name).set(hash);
        self.document_uris.setter(name).set_str(&uri);
        self.vm().log(IERC1643::DocumentUpdated {
            name,
            uri,
            documentHash: hash,
        });
        Ok(())
    }

    /// Removes a document.
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `DocumentNotFound`.
    pub(crate) fn delete_document(&mut self, name: B256) -> Result<(), Error> {
        self.require_issuer(self.vm().msg_sender())?;
        let (uri, hash, _) = self.document(name)?;
        let len = self.document_names.len();
        for i in 0..len {
            if self.document_names.get(i) == Some(name) {
                let last = self.document_names.get(len - 1).unwrap_or_default();
                if let Some(mut slot) = self.document_names.setter(i) {
                    slot.set(last);
                }
                self.document_names.erase_last();
                break;
            }
        }
        self.document_times
            .setter(name)
            .set(stylus_sdk::alloy_primitives::U64::ZERO);
        self.document_hashes.setter(name).set(B256::ZERO);
        self.document_uris.setter(name).set_str("");
        self.vm().log(IERC1643::DocumentRemoved {
            name,
            uri,
            documentHash: hash,
        });
        Ok(())
    }
}
