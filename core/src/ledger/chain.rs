//! The hash chain over the store's ledger rows: [`append`] writes an entry
//! (inside the caller's transaction, so an event is recorded together with
//! what it describes) and [`verify`] reads every row back and checks that
//! each follows the one before it and that the last matches the head.

use chrono::{DateTime, Utc};

use super::{LedgerEntry, LedgerError, LedgerEvent, LedgerFault};
use crate::crypto::sha256;
use crate::policy::PolicyRef;
use crate::protocol::envelope::LedgerHeadRef;
use crate::protocol::wire_time;
use crate::store::{LedgerHead, Store, StoreError};

/// The hash that starts the chain.
pub const GENESIS_HASH_HEX: &str =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// An entry as stored: the exact bytes that were hashed, and the entry.
#[derive(Debug, Clone)]
pub struct StoredLedgerEntry {
    pub entry: LedgerEntry,
    pub bytes: Vec<u8>,
    pub hash: [u8; 32],
}

/// Appends `event` at `at` inside `tx`; returns its seq.
pub fn append(
    store: &Store,
    tx: &rusqlite::Transaction<'_>,
    at: DateTime<Utc>,
    event: LedgerEvent,
) -> Result<u64, StoreError> {
    let (seq, prev) = match store.ledger_head(tx)? {
        Some(head) => (head.seq + 1, head.hash_hex),
        None => (1, GENESIS_HASH_HEX.to_string()),
    };
    let entry = LedgerEntry {
        seq,
        at: wire_time::to_millis(at),
        prev_hash_hex: prev,
        event,
    };
    let bytes = serde_json::to_vec(&entry).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let head = LedgerHead {
        seq,
        hash_hex: hex::encode(sha256(&bytes)),
    };
    store.insert_ledger_row(tx, seq, &bytes, &head)?;
    Ok(seq)
}

/// The recorded head (last entry's seq and hash), as an envelope names it.
pub fn head(store: &Store) -> Result<Option<LedgerHeadRef>, StoreError> {
    Ok(store.ledger_head(&store.reader())?.map(|h| LedgerHeadRef {
        seq: h.seq,
        sha256_hex: h.hash_hex,
    }))
}

/// Reads the ledger and checks its chain: the entries if sound, else
/// [`LedgerError::Broken`] with what was found wrong.
pub fn verify(store: &Store) -> Result<Vec<StoredLedgerEntry>, LedgerError> {
    let (rows, head) = store.ledger_rows()?;
    let mut prev = GENESIS_HASH_HEX.to_string();
    let mut out = Vec::with_capacity(rows.len());
    let broken = |fault| Err(LedgerError::Broken(fault));
    for (i, (seq, row)) in rows.into_iter().enumerate() {
        let expected = i as u64 + 1;
        if seq != expected as i64 {
            return broken(LedgerFault::Gap {
                expected,
                found: seq,
            });
        }
        let Some(stored) = row.ok().and_then(|bytes| parse(bytes).ok()) else {
            return broken(LedgerFault::Unreadable(seq));
        };
        if stored.entry.seq != expected {
            return broken(LedgerFault::Unreadable(seq));
        }
        if stored.entry.prev_hash_hex != prev {
            return broken(LedgerFault::BrokenChain(expected));
        }
        prev = hex::encode(stored.hash);
        out.push(stored);
    }
    match head {
        None if out.is_empty() => Ok(out),
        Some(h) if h.seq == out.len() as u64 && h.hash_hex == prev => Ok(out),
        Some(h) if h.seq > out.len() as u64 => broken(LedgerFault::Truncated(h.seq)),
        _ => broken(LedgerFault::HeadMismatch),
    }
}

/// The first policy received, read from the rows whether or not the chain
/// verifies: how a device enrolled before the enrolled policy was stored
/// apart finds it.
pub(crate) fn first_policy(store: &Store) -> Result<Option<PolicyRef>, StoreError> {
    let (rows, _) = store.ledger_rows()?;
    Ok(rows
        .into_iter()
        .find_map(|(_, row)| match parse(row.ok()?).ok()?.entry.event {
            LedgerEvent::PolicyReceived {
                version,
                sha256_hex,
            } => Some(PolicyRef {
                version,
                sha256_hex,
            }),
            _ => None,
        }))
}

fn parse(bytes: Vec<u8>) -> Result<StoredLedgerEntry, serde_json::Error> {
    let entry: LedgerEntry = serde_json::from_slice(&bytes)?;
    Ok(StoredLedgerEntry {
        entry,
        hash: sha256(&bytes),
        bytes,
    })
}
