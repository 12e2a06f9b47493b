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

    pub fn discard_draft(&self, id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .writer()
            .execute("DELETE FROM drafts WHERE id = ?1", [id.to_string()])?
            == 1)
    }
}
