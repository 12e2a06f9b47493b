//! Opening a client whose platform key was lost: its own file, so the
//! orchestrator (`client.rs`) stays within its lines.

use std::sync::Arc;

use super::CheckinClient;
use crate::clock::Clock;
use crate::config::{ClientConfig, Connectivity};
use crate::crypto::keystore::KeyStore;
use crate::error::Result;
use crate::session::Session;

impl CheckinClient {
    /// Opens the client when [`CheckinClient::open`] failed because the
    /// platform key that wraps the storage key is gone (a phone restored
    /// from a backup, an invalidated Android Keystore key, a Keychain item
    /// that did not migrate: [`crate::StoreError::WrongStorageKey`] or
    /// [`crate::KeyStoreError::KeyMissing`]).
    ///
    /// Every check-in and deferred media still waiting is kept, whole (it
    /// was sealed to the program and signed when submitted), under a new
    /// storage key `key_store` wraps; everything else the lost key
    /// protected (the enrollment, the ledger, drafts, receipts already
    /// received) is deleted, since it can never be read again. The client
    /// is then not enrolled: once the participant enrolls again, the
    /// program links this phone's earlier device to the new one and the
    /// kept check-ins are delivered (docs/protocol.md, "Enrolling again").
    /// The new ledger starts with a `storage_key_lost` entry.
    ///
    /// Safe to call when the key is fine after all: the store then opens as
    /// usual and nothing is deleted. A key store that is only unavailable
    /// (a locked phone) is an error, and nothing is touched.
    pub fn open_after_key_loss(
        config: ClientConfig,
        key_store: &dyn KeyStore,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        Ok(Self {
            session: Session::open_after_key_loss(config, key_store, clock)?,
            sync_lock: tokio::sync::Mutex::new(()),
            connectivity: std::sync::Mutex::new(Connectivity::Online),
        })
    }
}
