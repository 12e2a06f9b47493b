//! Deferred media: a check-in's media envelope, waiting for an unmetered
//! network (docs/protocol.md, "Deferred media").
//!
//! Same states as the outbox (`queued` → `sending` → `delivered` |
//! `wedged`), same rules: an item caught in `sending` is sent again (the
//! server is idempotent on the check-in id), a wedged one is skipped, and
//! the sealed envelope is deleted once its receipt verifies. An item is due
//! only once its check-in's record is delivered, since the server accepts
//! media only for a check-in it holds.

use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;

use super::{OutboxState, Store, StoreError};
use crate::protocol::receipt::Receipt;

const TABLE: &str = "media_outbox";

/// One check-in's deferred media as the store holds it.
#[derive(Debug, Clone)]
pub struct MediaItem {
    pub checkin_id: Uuid,
    pub seq: i64,
    pub state: OutboxState,
    /// The sealed media envelope; `None` once delivered (or when not loaded).
    pub envelope: Option<Vec<u8>>,
    /// The program's verified media receipt (`CKM1`).
    pub receipt: Option<Receipt>,
    pub attempts: u32,
    pub next_attempt_at_ms: i64,
    pub last_error: Option<String>,
}

const COLUMNS: &str =
    "m.checkin_id, m.seq, m.state, m.receipt, m.attempts, m.next_attempt_at_ms, m.last_error";

/// The record of the check-in is delivered (or pruned after delivery).
const RECORD_DELIVERED: &str = "NOT EXISTS (SELECT 1 FROM outbox o
    WHERE o.checkin_id = m.checkin_id AND o.state != 'delivered')";

impl Store {
    fn media_from_row(&self, r: &Row<'_>) -> Result<MediaItem, StoreError> {
        let id: String = r.get(0)?;
        let state: String = r.get(2)?;
        let receipt: Option<Vec<u8>> = r.get(3)?;
        Ok(MediaItem {
            checkin_id: Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            seq: r.get(1)?,
            state: OutboxState::parse(&state)?,
            envelope: None,
            receipt: receipt
                .map(|b| self.open_json(TABLE, "receipt", &id, &b))
                .transpose()?,
            attempts: r.get(4)?,
            next_attempt_at_ms: r.get(5)?,
            last_error: r.get(6)?,
        })
    }

    /// Queues a check-in's media envelope, inside the transaction that
    /// queues its record (`seq` is the record's outbox seq).
    pub(crate) fn insert_media(
        &self,
        tx: &rusqlite::Transaction<'_>,
        checkin_id: Uuid,
        seq: i64,
        envelope: &[u8],
    ) -> Result<(), StoreError> {
        let id = checkin_id.to_string();
        tx.execute(
            "INSERT INTO media_outbox (checkin_id, seq, state, envelope) VALUES (?1, ?2, 'queued', ?3)",
            params![id, seq, self.seal(TABLE, "envelope", &id, envelope)?],
        )?;
        Ok(())
    }

    /// Every deferred media item, in check-in order, without envelope bytes.
    pub fn media_outbox(&self) -> Result<Vec<MediaItem>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM media_outbox m ORDER BY m.seq, m.checkin_id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(self.media_from_row(r)?);
        }
        Ok(out)
    }

    pub fn media_item(&self, id: Uuid) -> Result<Option<MediaItem>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM media_outbox m WHERE m.checkin_id = ?1"
        ))?;
        let mut rows = stmt.query([id.to_string()])?;
        rows.next()?.map(|r| self.media_from_row(r)).transpose()
    }

    /// The first media item due at `now_ms` whose record is delivered,
    /// with its envelope.
    pub fn next_media_to_send(&self, now_ms: i64) -> Result<Option<MediaItem>, StoreError> {
        self.next_media_to_send_except(now_ms, None)
    }

    /// Like [`Store::next_media_to_send`], passing over `except`.
    pub fn next_media_to_send_except(
        &self,
        now_ms: i64,
        except: Option<Uuid>,
    ) -> Result<Option<MediaItem>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS}, m.envelope FROM media_outbox m
             WHERE m.state IN ('queued', 'sending') AND m.next_attempt_at_ms <= ?1
               AND m.checkin_id IS NOT ?2 AND {RECORD_DELIVERED}
             ORDER BY m.seq, m.checkin_id LIMIT 1"
        ))?;
        let mut rows = stmt.query(params![now_ms, except.map(|id| id.to_string())])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        let mut item = self.media_from_row(r)?;
        let sealed: Option<Vec<u8>> = r.get(7)?;
        let id = item.checkin_id.to_string();
        item.envelope = sealed
            .map(|s| self.open_value(TABLE, "envelope", &id, &s))
            .transpose()?;
        Ok(Some(item))
    }

    /// Earliest retry time among media items that could be sent now.
    pub fn next_media_retry_at_ms(&self) -> Result<Option<i64>, StoreError> {
        Ok(self.reader().query_row(
            &format!(
                "SELECT min(m.next_attempt_at_ms) FROM media_outbox m
                 WHERE m.state IN ('queued', 'sending') AND {RECORD_DELIVERED}"
            ),
            [],
            |r| r.get(0),
        )?)
    }

    /// Counts media items by state: (waiting, delivered, wedged).
    pub fn media_counts(&self) -> Result<(u64, u64, u64), StoreError> {
        Ok(self.reader().query_row(
            "SELECT
                coalesce(sum(state IN ('queued', 'sending')), 0),
                coalesce(sum(state = 'delivered'), 0),
                coalesce(sum(state = 'wedged'), 0)
             FROM media_outbox",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// Undoes [`Store::mark_media_sending`] for an item prepared but never sent.
    pub(crate) fn unmark_media_sending(&self, id: Uuid) -> Result<(), StoreError> {
        self.write_advisory(
            "UPDATE media_outbox SET state = 'queued', attempts = max(attempts - 1, 0) WHERE checkin_id = ?1 AND state = 'sending'",
            [id.to_string()],
        )?;
        Ok(())
    }

    pub(crate) fn mark_media_sending(&self, id: Uuid) -> Result<(), StoreError> {
        self.write_advisory(
            "UPDATE media_outbox SET state = 'sending', attempts = attempts + 1 WHERE checkin_id = ?1 AND state IN ('queued', 'sending')",
            [id.to_string()],
        )?;
        Ok(())
    }

    /// A transient failure: back to `queued`, retried at `next_attempt_at_ms`.
    pub(crate) fn mark_media_retry(
        &self,
        id: Uuid,
        reason: &str,
        next_attempt_at_ms: i64,
    ) -> Result<(), StoreError> {
        self.writer().execute(
            "UPDATE media_outbox SET state = 'queued', last_error = ?2, next_attempt_at_ms = ?3 WHERE checkin_id = ?1 AND state IN ('queued', 'sending')",
            params![id.to_string(), reason, next_attempt_at_ms],
        )?;
        Ok(())
    }

    /// A permanent failure, inside `tx` (with its ledger entry).
    pub(crate) fn mark_media_wedged(
        &self,
        tx: &rusqlite::Transaction<'_>,
        id: Uuid,
        reason: &str,
    ) -> Result<(), StoreError> {
        tx.execute(
            "UPDATE media_outbox SET state = 'wedged', last_error = ?2 WHERE checkin_id = ?1",
            params![id.to_string(), reason],
        )?;
        Ok(())
    }

    /// Stores the verified media receipt and deletes the sealed media,
    /// inside `tx`.
    pub(crate) fn mark_media_delivered(
        &self,
        tx: &rusqlite::Transaction<'_>,
        id: Uuid,
        receipt: &Receipt,
    ) -> Result<(), StoreError> {
        let key = id.to_string();
        tx.execute(
            "UPDATE media_outbox SET state = 'delivered', envelope = NULL, receipt = ?2, last_error = NULL WHERE checkin_id = ?1",
            params![key, self.seal_json(TABLE, "receipt", &key, receipt)?],
        )?;
        Ok(())
    }

    /// Makes every waiting media item due now (an unmetered network came).
    pub fn reset_media_backoff(&self) -> Result<usize, StoreError> {
        Ok(self.writer().execute(
            "UPDATE media_outbox SET next_attempt_at_ms = 0 WHERE state IN ('queued', 'sending')",
            [],
        )?)
    }

    /// Puts wedged media back in the queue (the participant asked to retry).
    pub fn requeue_wedged_media(&self, id: Uuid) -> Result<bool, StoreError> {
        let n = self.writer().execute(
            "UPDATE media_outbox SET state = 'queued', next_attempt_at_ms = 0 WHERE checkin_id = ?1 AND state = 'wedged'",
            [id.to_string()],
        )?;
        Ok(n == 1)
    }

    /// Whether the check-in has deferred media still holding its sealed
    /// envelope.
    pub fn has_media_envelope(&self, id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .reader()
            .query_row(
                "SELECT envelope IS NOT NULL FROM media_outbox WHERE checkin_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::CheckinSummary;
    use crate::crypto::keystore::SoftwareKeyStore;
    use crate::protocol::envelope::ClockEvidence;

    fn summary(id: Uuid) -> CheckinSummary {
        let t = crate::protocol::wire_time::from_millis(1_764_079_387_123).expect("time");
        CheckinSummary {
            checkin_id: id,
            window: None,
            captured_at: t,
            clock: ClockEvidence {
                device_time: t,
                server_offset_ms: 0,
                uptime_ms: None,
            },
            policy_version: Some(1),
            parts: Vec::new(),
            location: None,
            bystanders_blurred: 0,
            envelope_sha256_hex: "00".repeat(32),
            envelope_size: 1,
            media_envelope_sha256_hex: Some("11".repeat(32)),
            media_envelope_size: Some(3),
        }
    }

    fn receipt(id: Uuid) -> Receipt {
        let t = crate::protocol::wire_time::from_millis(1_764_079_387_123).expect("time");
        Receipt {
            checkin_id: id,
            envelope_sha256_hex: "11".repeat(32),
            received_at: t,
            captured_at: t,
            receipt_key_id: "22".repeat(16),
            receipt_b64: String::new(),
            signature_b64: String::new(),
        }
    }

    #[test]
    fn media_waits_for_its_record_then_keeps_nothing_sealed_once_delivered() {
        let dir = tempfile::tempdir().expect("dir");
        let store =
            Store::open(dir.path(), &SoftwareKeyStore::random().expect("ks")).expect("open");
        let id = Uuid::new_v4();
        store
            .write(|tx| {
                let seq = store.insert_outbox(tx, &summary(id), b"record", 0)?;
                store.insert_media(tx, id, seq, b"media")
            })
            .expect("queue");
        assert_eq!(store.media_counts().expect("counts"), (1, 0, 0));
        assert!(store.next_media_to_send(i64::MAX).expect("next").is_none());
        assert_eq!(store.next_media_retry_at_ms().expect("retry"), None);

        store
            .write(|tx| store.mark_delivered(tx, id, &receipt(id)))
            .expect("record delivered");
        let item = store.next_media_to_send(0).expect("next").expect("due");
        assert_eq!(item.envelope.as_deref(), Some(&b"media"[..]));

        // Retry and wedge like any item; a wedged one is skipped.
        store.mark_media_sending(id).expect("sending");
        store.mark_media_retry(id, "503", 500).expect("retry");
        assert!(store.next_media_to_send(499).expect("next").is_none());
        assert_eq!(store.next_media_retry_at_ms().expect("retry"), Some(500));
        store
            .write(|tx| store.mark_media_wedged(tx, id, "422 media_mismatch"))
            .expect("wedge");
        assert!(store.next_media_to_send(i64::MAX).expect("next").is_none());
        assert!(store.requeue_wedged_media(id).expect("requeue"));

        store
            .write(|tx| store.mark_media_delivered(tx, id, &receipt(id)))
            .expect("delivered");
        assert!(!store.has_media_envelope(id).expect("has"));
        let item = store.media_item(id).expect("read").expect("item");
        assert_eq!(item.state, OutboxState::Delivered);
        assert_eq!(item.receipt, Some(receipt(id)));
        assert_eq!(item.attempts, 1);
        assert_eq!(store.media_counts().expect("counts"), (0, 1, 0));
    }
}
