//! Documents the program sends (plan, policy): the latest good one of each,
//! sealed. A document is replaced only after the caller validated the new
//! one, so a bad document from the server never replaces a good one.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentName {
    Plan,
    Policy,
}

impl DocumentName {
    fn key(self) -> &'static str {
        match self {
            DocumentName::Plan => "plan",
            DocumentName::Policy => "policy",
        }
    }
}

impl Store {
    pub(crate) fn put_document(
        &self,
        tx: &rusqlite::Transaction<'_>,
        name: DocumentName,
        body: &[u8],
        now_ms: i64,
    ) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO documents (name, body, updated_at_ms) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at_ms = excluded.updated_at_ms",
            rusqlite::params![name.key(), self.seal("documents", "body", name.key(), body)?, now_ms],
        )?;
        Ok(())
    }

    /// The stored document's bytes, if any.
    pub fn document(&self, name: DocumentName) -> Result<Option<Vec<u8>>, StoreError> {
        let sealed: Option<Vec<u8>> = self
            .reader()
            .query_row(
                "SELECT body FROM documents WHERE name = ?1",
                [name.key()],
                |r| r.get(0),
            )
            .optional()?;
        sealed
            .map(|s| self.open_value("documents", "body", name.key(), &s))
            .transpose()
    }
}
