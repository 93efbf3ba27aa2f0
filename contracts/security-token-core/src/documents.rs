//! ERC-1643 documents (R4): name -> (URI, content hash, last modified).
//!
//! Set and removed by the issuer (R8). `lastModified` is the block
//! timestamp of the last `setDocument`; 0 means no document. Unknown names
//! revert with `DocumentNotFound` in `getDocument` and `removeDocument`.

use crate::{errors::*, events, storage::SecurityToken};
use alloc::vec::Vec;
use stylus_sdk::{
    alloy_primitives::{B256, U256},
    prelude::*,
};

impl SecurityToken {
    /// `getDocument`: (uri, hash, lastModified) of `name`.
    ///
    /// # Errors
    /// `DocumentNotFound`.
    pub fn get_document(&self, name: B256) -> Result<(Vec<u8>, B256, U256), Error> {
        let modified = self.document_times.get(name);
        if modified.is_zero() {
            return Err(Error::DocumentNotFound(DocumentNotFound { name }));
        }
        Ok((
            self.document_uris.getter(name).get_bytes(),
            self.document_hashes.get(name),
            U256::from_limbs([modified.as_limbs()[0], 0, 0, 0]),
        ))
    }

    /// `getAllDocuments`: names of every stored document.
    pub fn get_all_documents(&self) -> Vec<B256> {
        (0..self.document_names.len())
            .filter_map(|i| self.document_names.get(i))
            .collect()
    }

    /// `setDocument`: stores or replaces a document (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `InvalidDocument` (zero name or empty URI).
    ///
    /// # Events
    /// `DocumentUpdated`.
    pub fn set_document(&mut self, name: B256, uri: &[u8], hash: B256) -> Result<(), Error> {
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
            .set(stylus_sdk::alloy_primitives::U64::from_limbs([now]));
        self.document_hashes.setter(name).set(hash);
        self.document_uris.setter(name).set_bytes(uri);
        events::document(self.vm(), false, name, uri, hash);
        Ok(())
    }

    /// `removeDocument` (issuer only).
    ///
    /// # Errors
    /// `NotInitialized`, `NotIssuer`, `DocumentNotFound`.
    ///
    /// # Events
    /// `DocumentRemoved`.
    pub fn remove_document(&mut self, name: B256) -> Result<(), Error> {
        self.require_issuer(self.vm().msg_sender())?;
        let (uri, hash, _) = self.get_document(name)?;
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
        self.document_uris.setter(name).set_bytes(&[]);
        events::document(self.vm(), true, name, &uri, hash);
        Ok(())
    }
}
