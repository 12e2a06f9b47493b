//! Opening the store after the platform key was lost (a phone restored
//! from a backup, an invalidated Android Keystore key, a Keychain item that
//! did not migrate): the storage key can no longer be unwrapped, so nothing
//! sealed under it can be read again. What waits to be delivered was not
//! sealed under it (schema 5, `queue.rs`): each envelope as it goes on the
//! wire, sealed to the program and signed by the device that made it. Those
//! are kept and everything else is deleted, in one transaction, under a new
//! storage key:
//!
//! - kept: every check-in and deferred media not yet delivered (wedged ones
//!   too), with its place in the queue; the device's id and public key, as
//!   a predecessor a new enrollment names to the program;
//! - rebuilt: each kept check-in's summary, from its envelope's header
//!   (kinds, sizes, digests, times); what only the sealed summary held
//!   (the location sent, faces blurred) is marked unknown
//!   (`location: {"mode": "unknown"}`), and the item `recovered`;
//! - deleted: the enrollment, the program's documents, drafts, delivered
//!   items (their receipts), the ledger, and every other sealed value.
//!
//! Only a key that is missing or does not open the store starts this; a key
//! store that is merely unavailable (a locked phone) is an error, and
//! nothing is touched. The new storage key is wrapped before anything is
//! deleted, so a key store that cannot wrap one leaves the store as it was.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};
use uuid::Uuid;

use super::{Store, StoreError};
use crate::checkin::CheckinSummary;
use crate::crypto::at_rest::StorageCipher;
use crate::crypto::keystore::{KeyStore, KeyStoreError};
use crate::protocol::envelope;

/// What a key loss left: the check-ins kept (their rebuilt summaries, in
/// queue order), the media kept, and what could not be kept (an envelope
/// an earlier version had stored only under the lost key).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyLoss {
    pub previous_device_id: Option<Uuid>,
    pub recovered: Vec<CheckinSummary>,
    pub media_recovered: u32,
    pub lost: u32,
}

/// How `Store::open_after_key_loss` writes what happened, inside its
/// transaction (the session appends the ledger's first entries).
pub type RecordLoss<'a> =
    &'a dyn Fn(&Store, &Transaction<'_>, &KeyLoss) -> Result<(), StoreError>;

impl Store {
    /// Opens the store in `dir` with `key_store`. When the platform key is
    /// missing or does not open it, keeps what waits to be delivered under
    /// a new storage key and deletes the rest (this module's header), with
    /// `record` in the same transaction; returns what was lost then, or
    /// `None` when the key opened the store after all.
    pub fn open_after_key_loss(
        dir: &Path,
        key_store: &dyn KeyStore,
        now: DateTime<Utc>,
        record: RecordLoss<'_>,
    ) -> Result<(Self, Option<KeyLoss>), StoreError> {
        match Self::open(dir, key_store) {
            Ok(store) => return Ok((store, None)),
            Err(StoreError::WrongStorageKey | StoreError::KeyUnavailable(KeyStoreError::KeyMissing)) => {}
            Err(other) => return Err(other),
        }
        let (writer, path) = super::connect(dir)?;
        let key = StorageCipher::generate_key()?;
        let wrapped = key_store
            .wrap(key.as_ref())
            .map_err(StoreError::KeyUnavailable)?;
        let store = Self::with_cipher(writer, StorageCipher::new(key.as_ref())?, path)?;
        let loss = store.write(|tx| {
            let loss = keep_what_waits(&store, tx, now)?;
            tx.execute("DELETE FROM meta", [])?;
            store.insert_key(tx, &wrapped)?;
            record(&store, tx, &loss)?;
            Ok(loss)
        })?;
        // Deleted pages are zeroed (secure_delete); take them out of the WAL.
        store.checkpoint_truncate()?;
        Ok((store, Some(loss)))
    }
}

/// Keeps the waiting items and the predecessor, deletes everything sealed
/// under the lost key except `meta` (the caller's), inside `tx`.
fn keep_what_waits(
    store: &Store,
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
) -> Result<KeyLoss, StoreError> {
    let previous: Option<(String, Option<Vec<u8>>)> = tx
        .query_row(
            "SELECT device_id, device_public_key FROM enrollment WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    if let Some((id, Some(key))) = &previous {
        tx.execute(
            "INSERT OR IGNORE INTO predecessors (device_id, public_key) VALUES (?1, ?2)",
            params![id, key],
        )?;
    }
    let mut lost = 0;
    // Media: kept when its envelope is on the wire; a delivered one's
    // receipt is unreadable now.
    lost += tx.execute(
        "DELETE FROM media_outbox WHERE state != 'delivered' AND wire_envelope IS NULL",
        [],
    )?;
    tx.execute("DELETE FROM media_outbox WHERE state = 'delivered'", [])?;
    // Check-ins: the same, each with its summary rebuilt from its header.
    let waiting: Vec<(String, Option<Vec<u8>>)> = {
        let mut stmt = tx.prepare(
            "SELECT checkin_id, wire_envelope FROM outbox WHERE state != 'delivered' ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut recovered = Vec::new();
    for (id, wire) in waiting {
        let media = media_envelope(tx, &id)?;
        match wire.and_then(|w| summary_from_envelope(&w, media.as_deref()).ok()) {
            Some(summary) => {
                tx.execute(
                    "UPDATE outbox SET summary = ?2, envelope = NULL, receipt = NULL,
                        recovered_at_ms = ?3
                     WHERE checkin_id = ?1",
                    params![
                        id,
                        store.seal_json("outbox", "summary", &id, &summary)?,
                        now.timestamp_millis()
                    ],
                )?;
                recovered.push(summary);
            }
            None => {
                lost += 1;
                tx.execute("DELETE FROM outbox WHERE checkin_id = ?1", [&id])?;
            }
        }
    }
    tx.execute("DELETE FROM outbox WHERE state = 'delivered'", [])?;
    let media_recovered: i64 = tx.query_row("SELECT count(*) FROM media_outbox", [], |r| r.get(0))?;
    for table in ["enrollment", "documents", "draft_parts", "drafts", "ledger"] {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    Ok(KeyLoss {
        previous_device_id: previous.and_then(|(id, _)| Uuid::parse_str(&id).ok()),
        recovered,
        media_recovered: u32::try_from(media_recovered).unwrap_or(u32::MAX),
        lost: u32::try_from(lost).unwrap_or(u32::MAX),
    })
}

/// The wire envelope of a check-in's deferred media, if it waits.
fn media_envelope(tx: &Transaction<'_>, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT wire_envelope FROM media_outbox WHERE checkin_id = ?1",
            [id],
            |r| r.get(0),
        )
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            other => Err(other),
        })?)
}

/// A check-in's summary as far as its envelope's header tells it: what was
/// sealed only in the body or the lost summary is marked unknown.
fn summary_from_envelope(
    record: &[u8],
    media: Option<&[u8]>,
) -> Result<CheckinSummary, StoreError> {
    let header = envelope::parse(record)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .header;
    Ok(CheckinSummary {
        checkin_id: header.checkin_id,
        window: header.window,
        captured_at: header.captured_at,
        clock: header.clock,
        policy_version: header.policy_version,
        parts: header.parts,
        location: Some(serde_json::json!({ "mode": "unknown" })),
        bystanders_blurred: 0,
        // The head of the lost ledger, as sealed: a checker cannot find it
        // in the new chain and says so (docs/ledger.md, "Anchoring").
        ledger_head: header.ledger_head,
        envelope_sha256_hex: hex::encode(crate::crypto::sha256(record)),
        envelope_size: record.len() as u64,
        media_envelope_sha256_hex: media.map(|m| hex::encode(crate::crypto::sha256(m))),
        media_envelope_size: media.map(|m| m.len() as u64),
    })
}

#[cfg(test)]
mod tests;
