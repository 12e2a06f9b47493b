//! Ledger rows as the store keeps them: opaque entry bytes, each sealed and
//! bound to its sequence number, and the head of the hash chain (last seq
//! and hash) sealed in `meta`. What the bytes mean, and how the chain is
//! built and checked, is `crate::ledger`'s business: the store only keeps
//! them, so editing, deleting, reordering or truncating rows is detectable
//! by that module.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};

/// The recorded head of the chain: the last entry's seq and hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LedgerHead {
    pub seq: u64,
    pub hash_hex: String,
}

/// Ledger rows by seq (each opened, or why not) and the recorded head.
pub type LedgerRows = (Vec<(i64, Result<Vec<u8>, StoreError>)>, Option<LedgerHead>);

impl Store {
    /// The recorded head as `conn` sees it (a writer's transaction, to
    /// append atomically).
    pub(crate) fn ledger_head(
        &self,
        conn: &rusqlite::Connection,
    ) -> Result<Option<LedgerHead>, StoreError> {
        let sealed: Option<Vec<u8>> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'ledger_head'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        sealed
            .map(|s| self.open_json::<LedgerHead>("meta", "value", "ledger_head", &s))
            .transpose()
    }

    /// Stores entry `seq` and moves the head to it, inside `tx`.
    pub(crate) fn insert_ledger_row(
        &self,
        tx: &rusqlite::Transaction<'_>,
        seq: u64,
        bytes: &[u8],
        head: &LedgerHead,
    ) -> Result<(), StoreError> {
        let row = seq.to_string();
        tx.execute(
            "INSERT INTO ledger (seq, entry) VALUES (?1, ?2)",
            rusqlite::params![seq as i64, self.seal("ledger", "entry", &row, bytes)?],
        )?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('ledger_head', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [self.seal_json("meta", "value", "ledger_head", head)?],
        )?;
        Ok(())
    }

    /// All rows in order, each opened or with the reason it did not
    /// open, and the recorded head of the chain.
    pub(crate) fn ledger_rows(&self) -> Result<LedgerRows, StoreError> {
        let conn = self.reader();
        let head = self.ledger_head(&conn)?;
        let mut stmt = conn.prepare("SELECT seq, entry FROM ledger ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let sealed: Vec<u8> = r.get(1)?;
            out.push((
                seq,
                self.open_value("ledger", "entry", &seq.to_string(), &sealed),
            ));
        }
        Ok((out, head))
    }
}
