//! Check-ins being captured, sealed so a capture survives the app dying.

use rusqlite::OptionalExtension;
use uuid::Uuid;

use super::{Store, StoreError};
use crate::checkin::Draft;

impl Store {
    pub fn put_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        let id = draft.id.to_string();
        self.writer().execute(
            "INSERT INTO drafts (id, created_at_ms, body) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET body = excluded.body",
            rusqlite::params![
                id,
                draft.started_at.timestamp_millis(),
                self.seal_json("drafts", "body", &id, draft)?
            ],
        )?;
        Ok(())
    }

    pub fn draft(&self, id: Uuid) -> Result<Option<Draft>, StoreError> {
        let key = id.to_string();
        let sealed: Option<Vec<u8>> = self
            .reader()
            .query_row("SELECT body FROM drafts WHERE id = ?1", [&key], |r| {
                r.get(0)
            })
            .optional()?;
        sealed
            .map(|s| self.open_json("drafts", "body", &key, &s))
            .transpose()
    }

    pub(crate) fn delete_draft(
        &self,
        tx: &rusqlite::Transaction<'_>,
        id: Uuid,
    ) -> Result<(), StoreError> {
        tx.execute("DELETE FROM drafts WHERE id = ?1", [id.to_string()])?;
        Ok(())
    }

    /// Every draft's id and start time (corrected), without opening them.
    pub fn draft_starts(&self) -> Result<Vec<crate::retention::StoredDraft>, StoreError> {
        let conn = self.reader();
        let mut stmt =
            conn.prepare("SELECT id, created_at_ms FROM drafts ORDER BY created_at_ms")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let at: i64 = r.get(1)?;
            out.push(crate::retention::StoredDraft {
                id: Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                started_at: crate::protocol::wire_time::from_millis(at)
                    .ok_or_else(|| StoreError::Corrupt("draft start".into()))?,
            });
        }
        Ok(out)
    }

    /// Deletes the draft `id` started at `started_at_ms` (as retention
    /// judged it), inside `tx`; whether it was still there (not if it was
    /// submitted or discarded meanwhile).
    pub(crate) fn delete_draft_started_at(
        &self,
        tx: &rusqlite::Transaction<'_>,
        id: Uuid,
        started_at_ms: i64,
    ) -> Result<bool, StoreError> {
        Ok(tx.execute(
            "DELETE FROM drafts WHERE id = ?1 AND created_at_ms = ?2",
            rusqlite::params![id.to_string(), started_at_ms],
        )? == 1)
    }

    pub fn discard_draft(&self, id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .writer()
            .execute("DELETE FROM drafts WHERE id = ?1", [id.to_string()])?
            == 1)
    }
}
