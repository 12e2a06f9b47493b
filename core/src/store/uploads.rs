//! What the device keeps to spare the participant's data (issue 18): whether
//! the server offers resumable uploads (docs/protocol.md, "Resumable
//! uploads"; its last word, in the enrollment or plan answer), the tag of the
//! documents it holds and when it last checked them (so an unchanged plan is
//! not fetched again, nor asked about on every try of a failing network),
//! and, per envelope of the queue with an upload open on the server, how far
//! the server got (schema 6).
//!
//! The progress row is advisory in one direction only: the server's answer
//! is the truth about its bytes, the row says whether to ask it before
//! sending. A row left behind by a crash costs one question, never a lost
//! or doubled check-in.

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::{Lane, Store, StoreError};
use crate::protocol::messages::UploadOffer;

const OFFER_KEY: &str = "upload_offer";
const PLAN_TAG_KEY: &str = "plan_etag";
const DOCUMENTS_CHECKED_KEY: &str = "documents_checked_at_ms";

/// An open upload as the device last saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadResume {
    /// Bytes the server last acknowledged holding.
    pub acknowledged: u64,
    /// When the device last appended (corrected time, ms).
    pub touched_at_ms: i64,
}

fn lane_name(lane: Lane) -> &'static str {
    match lane {
        Lane::Record => "record",
        Lane::Media => "media",
    }
}

impl Store {
    /// The server's upload offer, as last received.
    pub(crate) fn upload_offer(&self) -> Result<Option<UploadOffer>, StoreError> {
        Ok(self
            .meta(OFFER_KEY)?
            .and_then(|bytes| serde_json::from_slice::<UploadOffer>(&bytes).ok())
            .filter(|offer| offer.resumable))
    }

    /// Keeps the server's offer (`None`: it makes none, send whole).
    pub(crate) fn set_upload_offer(&self, offer: Option<&UploadOffer>) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(&offer).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.put_meta(OFFER_KEY, &bytes)
    }

    /// The `ETag` of the documents held, if the server gave one.
    pub(crate) fn plan_etag(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .meta(PLAN_TAG_KEY)?
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .filter(|tag| !tag.is_empty()))
    }

    /// Keeps the tag of the documents just stored (`None` forgets it, so
    /// the next sync fetches them whole).
    pub(crate) fn set_plan_etag(&self, etag: Option<&str>) -> Result<(), StoreError> {
        self.put_meta(PLAN_TAG_KEY, etag.unwrap_or("").as_bytes())
    }

    /// When the server last answered for the documents (corrected time,
    /// ms), changed or not.
    pub(crate) fn documents_checked_at_ms(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .meta(DOCUMENTS_CHECKED_KEY)?
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| text.parse().ok()))
    }

    pub(crate) fn set_documents_checked_at_ms(&self, at_ms: i64) -> Result<(), StoreError> {
        self.put_meta(DOCUMENTS_CHECKED_KEY, at_ms.to_string().as_bytes())
    }

    /// The open upload of a queued envelope, if one was started.
    pub(crate) fn upload_resume(&self, lane: Lane, id: Uuid) -> Result<Option<UploadResume>, StoreError> {
        Ok(self
            .reader()
            .query_row(
                "SELECT acknowledged, touched_at_ms FROM upload_progress
                 WHERE lane = ?1 AND checkin_id = ?2",
                params![lane_name(lane), id.to_string()],
                |r| {
                    Ok(UploadResume {
                        acknowledged: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                        touched_at_ms: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records that an upload is open (or got further); written before the
    /// bytes are sent.
    pub(crate) fn set_upload_resume(
        &self,
        lane: Lane,
        id: Uuid,
        resume: UploadResume,
    ) -> Result<(), StoreError> {
        self.writer().execute(
            "INSERT INTO upload_progress (lane, checkin_id, acknowledged, touched_at_ms)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (lane, checkin_id) DO UPDATE
                 SET acknowledged = excluded.acknowledged, touched_at_ms = excluded.touched_at_ms",
            params![
                lane_name(lane),
                id.to_string(),
                i64::try_from(resume.acknowledged).unwrap_or(i64::MAX),
                resume.touched_at_ms
            ],
        )?;
        Ok(())
    }

    /// The upload is over (delivered, refused, or abandoned for a whole
    /// upload).
    pub(crate) fn clear_upload_resume(&self, lane: Lane, id: Uuid) -> Result<(), StoreError> {
        self.writer().execute(
            "DELETE FROM upload_progress WHERE lane = ?1 AND checkin_id = ?2",
            params![lane_name(lane), id.to_string()],
        )?;
        Ok(())
    }

    /// Envelopes with an upload open, over both lanes (tests, the crash
    /// test's final check).
    #[cfg(any(test, feature = "internals"))]
    pub(crate) fn open_uploads(&self) -> Result<u64, StoreError> {
        Ok(self
            .reader()
            .query_row("SELECT count(*) FROM upload_progress", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::keystore::SoftwareKeyStore;

    #[test]
    fn the_offer_the_tag_and_open_uploads_are_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path(), &SoftwareKeyStore::random().expect("ks")).expect("open");
        assert_eq!(store.upload_offer().expect("read"), None);
        let offer = UploadOffer {
            resumable: true,
            expires_after_s: 86_400,
        };
        store.set_upload_offer(Some(&offer)).expect("write");
        assert_eq!(store.upload_offer().expect("read"), Some(offer));
        store.set_upload_offer(None).expect("write");
        assert_eq!(store.upload_offer().expect("read"), None);

        assert_eq!(store.plan_etag().expect("read"), None);
        store.set_plan_etag(Some("\"ab\"")).expect("write");
        assert_eq!(store.plan_etag().expect("read").as_deref(), Some("\"ab\""));
        store.set_plan_etag(None).expect("write");
        assert_eq!(store.plan_etag().expect("read"), None);
        assert_eq!(store.documents_checked_at_ms().expect("read"), None);
        store.set_documents_checked_at_ms(1_234).expect("write");
        assert_eq!(store.documents_checked_at_ms().expect("read"), Some(1_234));

        let id = Uuid::new_v4();
        assert_eq!(store.upload_resume(Lane::Record, id).expect("read"), None);
        let first = UploadResume {
            acknowledged: 0,
            touched_at_ms: 5,
        };
        store.set_upload_resume(Lane::Record, id, first).expect("write");
        let later = UploadResume {
            acknowledged: 4_000,
            touched_at_ms: 9,
        };
        store.set_upload_resume(Lane::Record, id, later).expect("write");
        assert_eq!(store.upload_resume(Lane::Record, id).expect("read"), Some(later));
        assert_eq!(store.upload_resume(Lane::Media, id).expect("read"), None);
        assert_eq!(store.open_uploads().expect("count"), 1);
        store.clear_upload_resume(Lane::Record, id).expect("clear");
        assert_eq!(store.open_uploads().expect("count"), 0);
    }
}
