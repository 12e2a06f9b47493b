//! The record lane's items as the participant sees them: each submitted
//! check-in with the description of exactly what it sent (its summary),
//! its state and, once delivered, the program's receipt. How items move
//! through their states is [`super::queue`]'s.

use rusqlite::{Row, params};
use uuid::Uuid;

use super::queue::{COLUMN_COUNT, COLUMNS, Lane, OutboxState};
use super::{Store, StoreError};
use crate::checkin::CheckinSummary;
use crate::protocol::receipt::Receipt;

const TABLE: &str = "outbox";

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
    /// The platform key was lost after this check-in was queued: its
    /// summary was rebuilt from the envelope's header, so what only the
    /// sealed summary held (the location sent, faces blurred) is no longer
    /// known on this phone. The envelope itself is whole and is delivered.
    pub recovered: bool,
}

/// The outbox's own columns, after the lanes' [`COLUMNS`].
const OWN_COLUMNS: &str = "q.summary, q.submitted_at_ms, q.recovered_at_ms IS NOT NULL";

impl Store {
    fn outbox_item_from_row(&self, r: &Row<'_>) -> Result<OutboxItem, StoreError> {
        let item = self.queue_item(Lane::Record, r)?;
        let summary: Vec<u8> = r.get(COLUMN_COUNT)?;
        let id = item.checkin_id.to_string();
        Ok(OutboxItem {
            checkin_id: item.checkin_id,
            seq: item.seq,
            state: item.state,
            envelope: None,
            summary: self.open_json(TABLE, "summary", &id, &summary)?,
            receipt: item.receipt,
            attempts: item.attempts,
            next_attempt_at_ms: item.next_attempt_at_ms,
            last_error: item.last_error,
            submitted_at_ms: r.get(COLUMN_COUNT + 1)?,
            recovered: r.get(COLUMN_COUNT + 2)?,
        })
    }

    /// Adds a sealed check-in at the end of the queue, inside `tx`; returns
    /// its seq (its deferred media, if any, is queued with the same). The
    /// envelope is kept as it goes on the wire (see `queue.rs`); its
    /// description (the summary, with the location sent) is sealed.
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
            "INSERT INTO outbox (checkin_id, seq, state, wire_envelope, summary, submitted_at_ms)
             VALUES (?1, ?2, 'queued', ?3, ?4, ?5)",
            params![
                id,
                seq,
                envelope,
                self.seal_json(TABLE, "summary", &id, summary)?,
                now_ms
            ],
        )?;
        Ok(seq)
    }

    /// Every outbox item, oldest first, without envelope bytes.
    pub(crate) fn outbox(&self) -> Result<Vec<OutboxItem>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS}, {OWN_COLUMNS} FROM outbox q ORDER BY q.seq"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(self.outbox_item_from_row(r)?);
        }
        Ok(out)
    }

    pub(crate) fn outbox_item(&self, id: Uuid) -> Result<Option<OutboxItem>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS}, {OWN_COLUMNS} FROM outbox q WHERE q.checkin_id = ?1"
        ))?;
        let mut rows = stmt.query([id.to_string()])?;
        rows.next()?
            .map(|r| self.outbox_item_from_row(r))
            .transpose()
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
}
