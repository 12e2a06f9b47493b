//! A look inside the client for the integration tests and benchmarks
//! (`internals` feature only, never in a shipped build): what the crash,
//! at-rest and fault tests check in the store, and the one mutation the
//! benchmarks use to skip photo processing.

use uuid::Uuid;

use crate::checkin::Draft;
use crate::client::CheckinClient;
use crate::store::{EnrollmentRecord, Lane, MediaItem, OutboxItem, StoreError};

/// Read-only queries on a client's store, and a draft writer for benchmarks.
pub struct Internals<'c>(&'c CheckinClient);

impl CheckinClient {
    pub fn internals(&self) -> Internals<'_> {
        Internals(self)
    }
}

impl Internals<'_> {
    fn store(&self) -> &crate::store::Store {
        &self.0.session.store
    }

    pub fn outbox_item(&self, id: Uuid) -> Result<Option<OutboxItem>, StoreError> {
        self.store().outbox_item(id)
    }

    pub fn media_item(&self, id: Uuid) -> Result<Option<MediaItem>, StoreError> {
        Ok(self
            .store()
            .media_outbox()?
            .into_iter()
            .find(|m| m.checkin_id == id))
    }

    /// The first deferred media due at `now_ms`, with its sealed envelope.
    pub fn next_media_to_send(&self, now_ms: i64) -> Result<Option<MediaItem>, StoreError> {
        self.store().next_due(Lane::Media, now_ms, None)
    }

    /// Whether the check-in's record envelope is still stored, sealed.
    pub fn has_envelope(&self, id: Uuid) -> Result<bool, StoreError> {
        self.store().has_envelope(Lane::Record, id)
    }

    /// Whether the check-in's deferred media is still stored, sealed.
    pub fn has_media_envelope(&self, id: Uuid) -> Result<bool, StoreError> {
        self.store().has_envelope(Lane::Media, id)
    }

    /// Counts of the record lane: (waiting, delivered, wedged).
    pub fn outbox_counts(&self) -> Result<(u64, u64, u64), StoreError> {
        let c = self.store().lane_counts(Lane::Record)?;
        Ok((c.waiting, c.delivered, c.wedged))
    }

    pub fn draft(&self, id: Uuid) -> Result<Option<Draft>, StoreError> {
        self.store().draft(id)
    }

    pub fn enrollment(&self) -> Result<Option<EnrollmentRecord>, StoreError> {
        self.store().enrollment()
    }

    /// Envelopes with a resumable upload recorded open, both lanes.
    pub fn open_uploads(&self) -> Result<u64, StoreError> {
        self.store().open_uploads()
    }

    /// Whether the server's last word offered resumable uploads.
    pub fn uploads_offered(&self) -> Result<bool, StoreError> {
        Ok(self.store().upload_offer()?.is_some())
    }

    /// The `ETag` of the documents held, if any.
    pub fn plan_etag(&self) -> Result<Option<String>, StoreError> {
        self.store().plan_etag()
    }

    /// SQLite's own integrity check ("ok" when sound).
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        self.store().integrity_check()
    }

    /// The database file.
    pub fn db_path(&self) -> &std::path::Path {
        self.store().path()
    }

    /// Writes a draft as it is, evidence included, skipping the consent
    /// and policy gates: benchmarks use it to time sealing without photo
    /// processing. Never for behaviour tests.
    pub fn put_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        let store = self.store();
        store.write(|tx| {
            store.put_draft_header(tx, draft)?;
            for part in draft.parts() {
                store.put_draft_part(tx, draft.id, &part)?;
            }
            Ok(())
        })
    }
}
