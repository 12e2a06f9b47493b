//! Ledger rows: each entry is sealed and bound to its sequence number, and
//! the head of the hash chain (last seq and hash) is kept sealed in `meta`,
//! so editing, deleting, reordering or truncating rows is detectable.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};
use crate::crypto::sha256;
use crate::ledger::{LedgerEntry, LedgerEvent};

/// An entry as stored: the exact bytes that were hashed, and the entry.
#[derive(Debug, Clone)]
pub struct StoredLedgerEntry {
    pub entry: LedgerEntry,
    pub bytes: Vec<u8>,
    pub hash: [u8; 32],
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Head {
    seq: u64,
    hash_hex: String,
}

/// Ledger rows by seq (each opened, or why not) and the recorded head.
pub type LedgerRows = (
    Vec<(i64, Result<StoredLedgerEntry, StoreError>)>,
    Option<(u64, String)>,
);

/// The hash that starts the chain.
pub const GENESIS_HASH_HEX: &str =
    "0000000000000000000000000000000000000000000000000000000000000000";

impl Store {
    fn ledger_head(
        &self,
        conn: &rusqlite::Connection,
    ) -> Result<Option<(u64, String)>, StoreError> {
        let sealed: Option<Vec<u8>> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'ledger_head'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(sealed
            .map(|s| self.open_json::<Head>("meta", "value", "ledger_head", &s))
            .transpose()?
            .map(|h| (h.seq, h.hash_hex)))
    }

    /// Appends an event inside `tx`.
    pub(crate) fn append_ledger(
        &self,
        tx: &rusqlite::Transaction<'_>,
        at: chrono::DateTime<chrono::Utc>,
        event: LedgerEvent,
    ) -> Result<u64, StoreError> {
        let (seq, prev) = match self.ledger_head(tx)? {
            Some((seq, hash)) => (seq + 1, hash),
            None => (1, GENESIS_HASH_HEX.to_string()),
        };
        let entry = LedgerEntry {
            seq,
            at: crate::protocol::wire_time::to_millis(at),
            prev_hash_hex: prev,
            event,
        };
        let bytes = serde_json::to_vec(&entry).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let row = seq.to_string();
        tx.execute(
            "INSERT INTO ledger (seq, entry) VALUES (?1, ?2)",
            rusqlite::params![seq as i64, self.seal("ledger", "entry", &row, &bytes)?],
        )?;
        let head = Head {
            seq,
            hash_hex: hex::encode(sha256(&bytes)),
        };
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('ledger_head', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [self.seal_json("meta", "value", "ledger_head", &head)?],
        )?;
        Ok(seq)
    }

    /// All rows in order, each opened or with the reason it did not
    /// open, and the recorded head of the chain.
    pub fn ledger_rows(&self) -> Result<LedgerRows, StoreError> {
        let conn = self.reader();
        let head = self.ledger_head(&conn)?;
        let mut stmt = conn.prepare("SELECT seq, entry FROM ledger ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let sealed: Vec<u8> = r.get(1)?;
            let parsed = self
                .open_value("ledger", "entry", &seq.to_string(), &sealed)
                .and_then(|bytes| {
                    let entry: LedgerEntry = serde_json::from_slice(&bytes)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    Ok(StoredLedgerEntry {
                        entry,
                        hash: sha256(&bytes),
                        bytes,
                    })
                });
            out.push((seq, parsed));
        }
        Ok((out, head))
    }
}
