//! The delivery queue: sealed envelopes waiting to be sent, in one of two
//! lanes. A check-in's record envelope waits in the [`Lane::Record`] lane
//! (table `outbox`); the media a policy let wait for an unmetered network
//! waits in the [`Lane::Media`] lane (table `media_outbox`, docs/protocol.md
//! "Deferred media"). Both lanes follow the same rules, written once here:
//!
//! - States: `queued` → `sending` → `delivered` | `wedged`. An item left in
//!   `sending` by a crash is simply sent again: delivery is idempotent on
//!   the check-in id, so the server stores it once.
//! - A transient failure puts the item back to `queued` with a retry time;
//!   a permanent one wedges it (with its ledger entry, in the caller's
//!   transaction), and a wedged item never blocks the ones behind it. A
//!   wedged item keeps its state and reason but is due again after a long
//!   backoff (`sync::backoff::wedged_delay`), so a refusal caused by a
//!   server bug or a changed limit never stops it for good.
//! - The envelope waits as it goes on the wire (`wire_envelope`): sealed to
//!   the program and signed, but not under the storage key, so a lost
//!   platform key leaves it deliverable (schema version 5). It is deleted
//!   (NULL) in the transaction that stores the verified receipt.
//! - Media is due only once its check-in's record is delivered, since the
//!   server accepts media only for a check-in it holds.

use rusqlite::{Row, params};
use uuid::Uuid;

use super::{Store, StoreError};
use crate::protocol::receipt::Receipt;

/// Which queue an envelope waits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    /// A check-in's record envelope (everything not deferred).
    Record,
    /// A check-in's deferred media envelope.
    Media,
}

impl Lane {
    /// Both lanes, in the order a sync serves them: records first.
    pub const IN_SEND_ORDER: [Lane; 2] = [Lane::Record, Lane::Media];

    fn table(self) -> &'static str {
        match self {
            Lane::Record => "outbox",
            Lane::Media => "media_outbox",
        }
    }

    /// The extra condition for an item of this lane to be due.
    fn due_when(self) -> &'static str {
        match self {
            Lane::Record => "",
            // The record is delivered (or pruned after delivery).
            Lane::Media => {
                "AND NOT EXISTS (SELECT 1 FROM outbox o
                   WHERE o.checkin_id = q.checkin_id AND o.state != 'delivered')"
            }
        }
    }
}

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
    fn parse(s: &str) -> Result<Self, StoreError> {
        Ok(match s {
            "queued" => OutboxState::Queued,
            "sending" => OutboxState::Sending,
            "delivered" => OutboxState::Delivered,
            "wedged" => OutboxState::Wedged,
            other => return Err(StoreError::Corrupt(format!("queue state {other}"))),
        })
    }
}

/// One envelope as its lane holds it.
#[derive(Debug, Clone)]
pub struct QueueItem {
    pub lane: Lane,
    pub checkin_id: Uuid,
    pub seq: i64,
    pub state: OutboxState,
    /// The sealed envelope; `None` once delivered (or when not loaded).
    pub envelope: Option<Vec<u8>>,
    /// The program's verified receipt, once delivered.
    pub receipt: Option<Receipt>,
    pub attempts: u32,
    pub next_attempt_at_ms: i64,
    pub last_error: Option<String>,
    /// How many times the program refused it (a wedged item's backoff).
    pub wedges: u32,
}

/// The columns every lane has, in the order [`Store::queue_item`] reads.
pub(super) const COLUMNS: &str = "q.checkin_id, q.seq, q.state, q.receipt, q.attempts, \
     q.next_attempt_at_ms, q.last_error, q.wedges";
/// How many columns [`COLUMNS`] names: a lane's own columns follow.
pub(super) const COLUMN_COUNT: usize = 8;
/// The envelope of an item, whichever column holds it: as on the wire
/// (schema 5), or sealed under the storage key (written before).
const ENVELOPE_COLUMNS: &str = "q.wire_envelope, q.envelope";
/// The states in which an item may be sent: waiting, or wedged and past
/// its long backoff.
const SENDABLE: &str = "q.state IN ('queued', 'sending', 'wedged')";

/// Counts of one lane's items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LaneCounts {
    /// Queued or being sent.
    pub waiting: u64,
    pub delivered: u64,
    pub wedged: u64,
}

impl Store {
    /// Reads [`COLUMNS`] (at offset 0) of a row of `lane`.
    pub(super) fn queue_item(&self, lane: Lane, r: &Row<'_>) -> Result<QueueItem, StoreError> {
        let id: String = r.get(0)?;
        let state: String = r.get(2)?;
        let receipt: Option<Vec<u8>> = r.get(3)?;
        Ok(QueueItem {
            lane,
            checkin_id: Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            seq: r.get(1)?,
            state: OutboxState::parse(&state)?,
            envelope: None,
            receipt: receipt
                .map(|b| self.open_json(lane.table(), "receipt", &id, &b))
                .transpose()?,
            attempts: r.get(4)?,
            next_attempt_at_ms: r.get(5)?,
            last_error: r.get(6)?,
            wedges: r.get(7)?,
        })
    }

    /// The envelope in the two columns of [`ENVELOPE_COLUMNS`] read at
    /// `at`: the wire bytes, else the sealed ones opened.
    fn envelope_at(
        &self,
        lane: Lane,
        id: &str,
        r: &Row<'_>,
        at: usize,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        if let Some(wire) = r.get::<_, Option<Vec<u8>>>(at)? {
            return Ok(Some(wire));
        }
        let sealed: Option<Vec<u8>> = r.get(at + 1)?;
        sealed
            .map(|s| self.open_value(lane.table(), "envelope", id, &s))
            .transpose()
    }

    /// Every item of `lane` in send order, without envelope bytes.
    pub(crate) fn queue_items(&self, lane: Lane) -> Result<Vec<QueueItem>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM {} q ORDER BY q.seq, q.checkin_id",
            lane.table()
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(self.queue_item(lane, r)?);
        }
        Ok(out)
    }

    /// The first item of `lane` due at `now_ms` (waiting, or wedged and
    /// past its long backoff), with its envelope, passing over `except`
    /// (the item a sync has in flight while it prepares the next one).
    pub(crate) fn next_due(
        &self,
        lane: Lane,
        now_ms: i64,
        except: Option<Uuid>,
    ) -> Result<Option<QueueItem>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS}, {ENVELOPE_COLUMNS} FROM {} q
             WHERE {SENDABLE} AND q.next_attempt_at_ms <= ?1
               AND q.checkin_id IS NOT ?2 {}
             ORDER BY q.seq, q.checkin_id LIMIT 1",
            lane.table(),
            lane.due_when()
        ))?;
        let mut rows = stmt.query(params![now_ms, except.map(|id| id.to_string())])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        let mut item = self.queue_item(lane, r)?;
        let id = item.checkin_id.to_string();
        item.envelope = self.envelope_at(lane, &id, r, COLUMN_COUNT)?;
        Ok(Some(item))
    }

    /// Earliest retry time among the items of `lane` that could be sent
    /// (wedged ones included: they are retried by themselves).
    pub(crate) fn next_retry_at_ms(&self, lane: Lane) -> Result<Option<i64>, StoreError> {
        Ok(self.reader().query_row(
            &format!(
                "SELECT min(q.next_attempt_at_ms) FROM {} q
                 WHERE {SENDABLE} {}",
                lane.table(),
                lane.due_when()
            ),
            [],
            |r| r.get(0),
        )?)
    }

    /// How many items of `lane` wait, were delivered, are wedged.
    pub(crate) fn lane_counts(&self, lane: Lane) -> Result<LaneCounts, StoreError> {
        Ok(self.reader().query_row(
            &format!(
                "SELECT
                    coalesce(sum(state IN ('queued', 'sending')), 0),
                    coalesce(sum(state = 'delivered'), 0),
                    coalesce(sum(state = 'wedged'), 0)
                 FROM {}",
                lane.table()
            ),
            [],
            |r| {
                Ok(LaneCounts {
                    waiting: r.get(0)?,
                    delivered: r.get(1)?,
                    wedged: r.get(2)?,
                })
            },
        )?)
    }

    /// Marks an item as being sent (one attempt more); a wedged one being
    /// retried stays wedged until the program answers. Advisory: a crash
    /// that loses the mark leaves the item as it was, and it is sent again.
    pub(crate) fn mark_sending(&self, lane: Lane, id: Uuid) -> Result<(), StoreError> {
        self.write_advisory(
            &format!(
                "UPDATE {} SET state = CASE state WHEN 'wedged' THEN 'wedged' ELSE 'sending' END,
                    attempts = attempts + 1
                 WHERE checkin_id = ?1 AND state IN ('queued', 'sending', 'wedged')",
                lane.table()
            ),
            [id.to_string()],
        )?;
        Ok(())
    }

    /// Undoes [`Store::mark_sending`] for an item prepared but never sent.
    pub(crate) fn unmark_sending(&self, lane: Lane, id: Uuid) -> Result<(), StoreError> {
        self.write_advisory(
            &format!(
                "UPDATE {} SET state = CASE state WHEN 'sending' THEN 'queued' ELSE state END,
                    attempts = max(attempts - 1, 0)
                 WHERE checkin_id = ?1 AND state IN ('sending', 'wedged')",
                lane.table()
            ),
            [id.to_string()],
        )?;
        Ok(())
    }

    /// A transient failure: back to `queued`, retried at
    /// `next_attempt_at_ms`. A wedged item being retried stays wedged with
    /// its refusal's reason (the participant still sees why).
    pub(crate) fn mark_retry(
        &self,
        lane: Lane,
        id: Uuid,
        reason: &str,
        next_attempt_at_ms: i64,
    ) -> Result<(), StoreError> {
        self.writer().execute(
            &format!(
                "UPDATE {} SET next_attempt_at_ms = ?3,
                    last_error = CASE state WHEN 'wedged' THEN last_error ELSE ?2 END,
                    state = CASE state WHEN 'wedged' THEN 'wedged' ELSE 'queued' END
                 WHERE checkin_id = ?1 AND state IN ('queued', 'sending', 'wedged')",
                lane.table()
            ),
            params![id.to_string(), reason, next_attempt_at_ms],
        )?;
        Ok(())
    }

    /// A permanent failure, inside `tx` (with its ledger entry): wedged,
    /// one refusal more, retried by itself at `retry_at_ms`.
    pub(crate) fn mark_wedged(
        &self,
        tx: &rusqlite::Transaction<'_>,
        lane: Lane,
        id: Uuid,
        reason: &str,
        retry_at_ms: i64,
    ) -> Result<(), StoreError> {
        tx.execute(
            &format!(
                "UPDATE {} SET state = 'wedged', last_error = ?2, wedges = wedges + 1,
                    next_attempt_at_ms = ?3
                 WHERE checkin_id = ?1",
                lane.table()
            ),
            params![id.to_string(), reason, retry_at_ms],
        )?;
        Ok(())
    }

    /// Stores the verified receipt and deletes the sealed envelope, inside
    /// `tx` (with its ledger entry).
    pub(crate) fn mark_delivered(
        &self,
        tx: &rusqlite::Transaction<'_>,
        lane: Lane,
        id: Uuid,
        receipt: &Receipt,
    ) -> Result<(), StoreError> {
        let key = id.to_string();
        tx.execute(
            &format!(
                "UPDATE {} SET state = 'delivered', envelope = NULL, wire_envelope = NULL,
                    receipt = ?2, last_error = NULL
                 WHERE checkin_id = ?1",
                lane.table()
            ),
            params![key, self.seal_json(lane.table(), "receipt", &key, receipt)?],
        )?;
        Ok(())
    }

    /// Makes every waiting item of `lane` due now (the network came back).
    pub(crate) fn reset_backoff(&self, lane: Lane) -> Result<usize, StoreError> {
        Ok(self.writer().execute(
            &format!(
                "UPDATE {} SET next_attempt_at_ms = 0 WHERE state IN ('queued', 'sending')",
                lane.table()
            ),
            [],
        )?)
    }

    /// Puts a wedged item back in the queue (the participant asked to retry).
    pub(crate) fn requeue_wedged(&self, lane: Lane, id: Uuid) -> Result<bool, StoreError> {
        let n = self.writer().execute(
            &format!(
                "UPDATE {} SET state = 'queued', next_attempt_at_ms = 0
                 WHERE checkin_id = ?1 AND state = 'wedged'",
                lane.table()
            ),
            [id.to_string()],
        )?;
        Ok(n == 1)
    }

    /// Moves the envelopes of items not yet delivered that were written
    /// sealed under the storage key (before schema 5) to `wire_envelope`,
    /// so a later loss of the platform key leaves them deliverable. Runs
    /// each time the store opens with its key; returns how many moved.
    pub(crate) fn unseal_waiting_envelopes(&self) -> Result<usize, StoreError> {
        // Usually nothing: no write (and no sync to disk) at every open.
        let pending: bool = self.reader().query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE envelope IS NOT NULL AND wire_envelope IS NULL AND state != 'delivered')
                 OR EXISTS (SELECT 1 FROM media_outbox WHERE envelope IS NOT NULL AND wire_envelope IS NULL AND state != 'delivered')",
            [],
            |r| r.get(0),
        )?;
        if !pending {
            return Ok(0);
        }
        self.write(|tx| {
            let mut moved = 0;
            for lane in Lane::IN_SEND_ORDER {
                let table = lane.table();
                let rows: Vec<(String, Vec<u8>)> = {
                    let mut stmt = tx.prepare(&format!(
                        "SELECT checkin_id, envelope FROM {table}
                         WHERE envelope IS NOT NULL AND wire_envelope IS NULL
                           AND state != 'delivered'"
                    ))?;
                    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                    rows.collect::<Result<_, _>>()?
                };
                for (id, sealed) in rows {
                    let wire = self.open_value(table, "envelope", &id, &sealed)?;
                    tx.execute(
                        &format!(
                            "UPDATE {table} SET wire_envelope = ?2, envelope = NULL
                             WHERE checkin_id = ?1"
                        ),
                        params![id, wire],
                    )?;
                    moved += 1;
                }
            }
            Ok(moved)
        })
    }

    /// Whether `lane` holds the check-in's item with its envelope.
    #[cfg(any(test, feature = "internals"))]
    pub(crate) fn has_envelope(&self, lane: Lane, id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .reader()
            .query_row(
                &format!(
                    "SELECT coalesce(wire_envelope, envelope) IS NOT NULL FROM {} WHERE checkin_id = ?1",
                    lane.table()
                ),
                [id.to_string()],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                other => Err(other),
            })?
            .unwrap_or(false))
    }
}
