//! Documents the program sends (plan, policy): the latest good one of each,
//! sealed; the participant's consents to policy versions (a sealed list,
//! appended to) and the policy enrolled under. A document is
//! replaced only after the caller validated the new one, so a bad document
//! from the server never replaces a good one.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentName {
    Plan,
    Policy,
    /// The participant's consents (JSON list, see `crate::disclosure`).
    Consents,
    /// The policy in force at enrollment: `crate::policy::PolicyRef` as
    /// JSON (a bare version number when an earlier core wrote it).
    EnrolledPolicy,
    /// The participant's own choices on this phone (`config::Preferences`).
    Preferences,
    /// The program's directory of community services, as signed and sent
    /// (`crate::directory`), and its revision (a JSON number).
    Directory,
    DirectoryRevision,
    /// The program's case document (`crate::case`).
    Case,
}

impl DocumentName {
    fn key(self) -> &'static str {
        match self {
            DocumentName::Plan => "plan",
            DocumentName::Policy => "policy",
            DocumentName::Consents => "consents",
            DocumentName::EnrolledPolicy => "enrolled_policy_version",
            DocumentName::Preferences => "preferences",
            DocumentName::Directory => "directory",
            DocumentName::DirectoryRevision => "directory_revision",
            DocumentName::Case => "case",
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
    pub(crate) fn document(&self, name: DocumentName) -> Result<Option<Vec<u8>>, StoreError> {
        self.document_on(&self.reader(), name)
    }

    /// The stored document's bytes as `conn` sees them (a writer's
    /// transaction, to read and replace a document atomically).
    pub(crate) fn document_on(
        &self,
        conn: &rusqlite::Connection,
        name: DocumentName,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let sealed: Option<Vec<u8>> = conn
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

    /// When the stored document was written and its sealed length, read
    /// without opening it: a change of either means new bytes.
    pub(crate) fn document_stamp(&self, name: DocumentName) -> Result<Option<(i64, i64)>, StoreError> {
        Ok(self
            .reader()
            .query_row(
                "SELECT updated_at_ms, length(body) FROM documents WHERE name = ?1",
                [name.key()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// A small sealed value kept in `meta` under `key` (state that changes
    /// often, such as the last sync's outcome, and moves no revision).
    pub(crate) fn put_meta(&self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        self.writer().execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rusqlite::params![key, self.seal("meta", "value", key, value)?],
        )?;
        Ok(())
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let sealed: Option<Vec<u8>> = self
            .reader()
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?;
        sealed
            .map(|s| self.open_value("meta", "value", key, &s))
            .transpose()
    }

    /// The state revision: moved (by triggers, schema 4) whenever the
    /// enrollment or a document changes, so a reader can keep what it
    /// parsed until then.
    pub(crate) fn state_rev(&self) -> Result<i64, StoreError> {
        Ok(self
            .reader()
            .query_row("SELECT rev FROM state_rev WHERE id = 1", [], |r| r.get(0))?)
    }
}
