//! The outbox: submitted check-ins in send order, each with its sealed
//! envelope until a verified receipt replaces it.
//!
//! States: `queued` → `sending` → `delivered` | `wedged`. An item left in
//! `sending` by a crash is simply sent again: delivery is idempotent on the
//! check-in id, so the server stores it once. A wedged item is skipped, so
//! it never blocks the ones behind it.

use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;

use super::{Store, StoreError};
use crate::checkin::CheckinSummary;
use crate::protocol::receipt::Receipt;

const TABLE: &str = "outbox";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutboxState {
    Queued,
    Sending,
    Delivered,
    Wedged,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Delivered => "delivered",
            OutboxState::Wedged => "wedged",
        }
    }
    pub(super) fn parse(s: &str) -> Result<Self, StoreError> {
        Ok(match s {
            "queued" => OutboxState::Queued,
            "sending" => OutboxState::Sending,
            "delivered" => OutboxState::Delivered,
            "wedged" => OutboxState::Wedged,
            other => return Err(StoreError::Corrupt(format!("outbox state {other}"))),
        })
    }
}

/// One submitted check-in as the outbox holds it.
#[derive(Debug, Clone)]
pub struct OutboxItem {
    pub checkin_id: Uuid,
    pub seq: i64,
    pub state: OutboxState,
    /// The sealed envelope; `None` once delivered (or when not loaded).
    pub envelope: Option<Vec<u8>>,
    pub summary: CheckinSummary,
    pub receipt: Option<Receipt>,
    pub attempts: u32,
    pub next_attempt_at_ms: i64,
    pub last_error: Option<String>,
    pub submitted_at_ms: i64,
}

const COLUMNS: &str = "checkin_id, seq, state, summary, receipt, attempts, next_attempt_at_ms, last_error, submitted_at_ms";

impl Store {
    fn item_from_row(&self, r: &Row<'_>) -> Result<OutboxItem, StoreError> {
        let id: String = r.get(0)?;
        let summary: Vec<u8> = r.get(3)?;
        let receipt: Option<Vec<u8>> = r.get(4)?;
        let state: String = r.get(2)?;
        Ok(OutboxItem {
            checkin_id: Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            seq: r.get(1)?,
            state: OutboxState::parse(&state)?,
            envelope: None,
            summary: self.open_json(TABLE, "summary", &id, &summary)?,
            receipt: receipt
                .map(|b| self.open_json(TABLE, "receipt", &id, &b))
                .transpose()?,
            attempts: r.get(5)?,
            next_attempt_at_ms: r.get(6)?,
            last_error: r.get(7)?,
            submitted_at_ms: r.get(8)?,
        })
    }

    /// Adds a sealed check-in at the end of the queue, inside `tx`.
    pub(crate) fn insert_outbox(
        &self,
        tx: &rusqlite::Transaction<'_>,
        summary: &CheckinSummary,
        envelope: &[u8],
        now_ms: i64,
    ) -> Result<i64, StoreError> {
        let id = summary.checkin_id.to_string();
        let seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM outbox", [], |r| {
            r.get(0)
        })?;
        tx.execute(
            "INSERT INTO outbox (checkin_id, seq, state, envelope, summary, submitted_at_ms)
             VALUES (?1, ?2, 'queued', ?3, ?4, ?5)",
            params![
                id,
                seq,
                self.seal(TABLE, "envelope", &id, envelope)?,
                self.seal_json(TABLE, "summary", &id, summary)?,
                now_ms
            ],
        )?;
        Ok(seq)
    }

    /// Every outbox item, oldest first, without envelope bytes.
    pub fn outbox(&self) -> Result<Vec<OutboxItem>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM outbox ORDER BY seq"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(self.item_from_row(r)?);
        }
        Ok(out)
    }

    pub fn outbox_item(&self, id: Uuid) -> Result<Option<OutboxItem>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE checkin_id = ?1"
        ))?;
        let mut rows = stmt.query([id.to_string()])?;
        rows.next()?.map(|r| self.item_from_row(r)).transpose()
    }

    /// The first item due to be sent at `now_ms`, with its envelope.
    pub fn next_to_send(&self, now_ms: i64) -> Result<Option<OutboxItem>, StoreError> {
        self.next_to_send_except(now_ms, None)
    }

    /// Like [`Store::next_to_send`], passing over `except` (the item a
    /// sync has in flight while it prepares the next one).
    pub fn next_to_send_except(
        &self,
        now_ms: i64,
        except: Option<Uuid>,
    ) -> Result<Option<OutboxItem>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS}, envelope FROM outbox
             WHERE state IN ('queued', 'sending') AND next_attempt_at_ms <= ?1
               AND checkin_id IS NOT ?2
             ORDER BY seq LIMIT 1"
        ))?;
        let mut rows = stmt.query(params![now_ms, except.map(|id| id.to_string())])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        let mut item = self.item_from_row(r)?;
        let sealed: Option<Vec<u8>> = r.get(9)?;
        let id = item.checkin_id.to_string();
        item.envelope = sealed
            .map(|s| self.open_value(TABLE, "envelope", &id, &s))
            .transpose()?;
        Ok(Some(item))
    }

    /// Earliest retry time among items still to send, if any.
    pub fn next_retry_at_ms(&self) -> Result<Option<i64>, StoreError> {
        Ok(self.reader().query_row(
            "SELECT min(next_attempt_at_ms) FROM outbox WHERE state IN ('queued', 'sending')",
            [],
            |r| r.get(0),
        )?)
    }

    /// Counts items by state: (to send, delivered, wedged).
    pub fn outbox_counts(&self) -> Result<(u64, u64, u64), StoreError> {
        Ok(self.reader().query_row(
            "SELECT
                coalesce(sum(state IN ('queued', 'sending')), 0),
                coalesce(sum(state = 'delivered'), 0),
                coalesce(sum(state = 'wedged'), 0)
             FROM outbox",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    pub(crate) fn mark_sending(&self, id: Uuid) -> Result<(), StoreError> {
        self.write_advisory(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE checkin_id = ?1 AND state IN ('queued', 'sending')",
            [id.to_string()],
        )?;
        Ok(())
    }

    /// Undoes [`Store::mark_sending`] for an item prepared but never sent.
    pub(crate) fn unmark_sending(&self, id: Uuid) -> Result<(), StoreError> {
        self.write_advisory(
            "UPDATE outbox SET state = 'queued', attempts = max(attempts - 1, 0) WHERE checkin_id = ?1 AND state = 'sending'",
            [id.to_string()],
        )?;
        Ok(())
    }

    /// A transient failure: back to `queued`, retried at `next_attempt_at_ms`.
    pub(crate) fn mark_retry(
        &self,
        id: Uuid,
        reason: &str,
        next_attempt_at_ms: i64,
    ) -> Result<(), StoreError> {
        self.writer().execute(
            "UPDATE outbox SET state = 'queued', last_error = ?2, next_attempt_at_ms = ?3 WHERE checkin_id = ?1 AND state IN ('queued', 'sending')",
            params![id.to_string(), reason, next_attempt_at_ms],
        )?;
        Ok(())
    }

    /// A permanent failure, inside `tx` (with its ledger entry).
    pub(crate) fn mark_wedged(
        &self,
        tx: &rusqlite::Transaction<'_>,
        id: Uuid,
        reason: &str,
    ) -> Result<(), StoreError> {
        tx.execute(
            "UPDATE outbox SET state = 'wedged', last_error = ?2 WHERE checkin_id = ?1",
            params![id.to_string(), reason],
        )?;
        Ok(())
    }

    /// Makes every waiting item due now (the network came back).
    pub fn reset_backoff(&self) -> Result<usize, StoreError> {
        Ok(self.writer().execute(
            "UPDATE outbox SET next_attempt_at_ms = 0 WHERE state IN ('queued', 'sending')",
            [],
        )?)
    }

    /// Puts a wedged item back in the queue (the participant asked to retry).
    pub fn requeue_wedged(&self, id: Uuid) -> Result<bool, StoreError> {
        let n = self.writer().execute(
            "UPDATE outbox SET state = 'queued', next_attempt_at_ms = 0 WHERE checkin_id = ?1 AND state = 'wedged'",
            [id.to_string()],
        )?;
        Ok(n == 1)
    }

    /// Stores the verified receipt and deletes the sealed payload, inside `tx`.
    pub(crate) fn mark_delivered(
        &self,
        tx: &rusqlite::Transaction<'_>,
        id: Uuid,
        receipt: &Receipt,
    ) -> Result<(), StoreError> {
        let key = id.to_string();
        tx.execute(
            "UPDATE outbox SET state = 'delivered', envelope = NULL, receipt = ?2, last_error = NULL WHERE checkin_id = ?1",
            params![key, self.seal_json(TABLE, "receipt", &key, receipt)?],
        )?;
        Ok(())
    }

    /// Deletes a delivered item (its description and receipt), and its
    /// deferred media's row once that too is delivered, inside `tx`; whether
    /// the item was deleted. Nothing in any other state is touched: media
    /// still waiting keeps its row and is sent later.
    pub(crate) fn delete_delivered(
        &self,
        tx: &rusqlite::Transaction<'_>,
        id: Uuid,
    ) -> Result<bool, StoreError> {
        let deleted = tx.execute(
            "DELETE FROM outbox WHERE checkin_id = ?1 AND state = 'delivered'",
            [id.to_string()],
        )? == 1;
        if deleted {
            tx.execute(
                "DELETE FROM media_outbox WHERE checkin_id = ?1 AND state = 'delivered'",
                [id.to_string()],
            )?;
        }
        Ok(deleted)
    }

    /// Whether the item exists and still holds its sealed envelope.
    pub fn has_envelope(&self, id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .reader()
            .query_row(
                "SELECT envelope IS NOT NULL FROM outbox WHERE checkin_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false))
    }
}
