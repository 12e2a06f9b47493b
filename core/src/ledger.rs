//! The participant's ledger: an append-only, hash-chained record of every
//! thing the device collected and sent, with the program's receipts.
//!
//! Each entry names the hash of the one before it; the head (last seq and
//! hash) is kept apart. [`verify`] detects any edit, deletion, reordering or
//! truncation of the stored rows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::checkin::CheckinSummary;
use crate::protocol::{receipt::Receipt, wire_time};
use crate::store::{Store, StoreError, StoredLedgerEntry};

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LedgerEvent {
    /// The device enrolled with a program and pinned its keys.
    Enrolled {
        program_id: String,
        program_name: String,
        device_key_id: String,
        encryption_key_id: String,
        receipt_key_id: String,
    },
    /// A policy version was received and stored.
    PolicyReceived { version: u32 },
    /// A plan was received; `changes` describes what changed, in plain words.
    PlanReceived { changes: Vec<String> },
    /// A check-in was sealed and queued: exactly what it contains.
    CheckinSubmitted { summary: CheckinSummary },
    /// The program's verified receipt for a check-in.
    CheckinDelivered { checkin_id: Uuid, receipt: Receipt },
    /// A check-in the server refused for good, with the reason.
    CheckinWedged { checkin_id: Uuid, reason: String },
    /// The program's verified receipt (`CKM1`) for a check-in's deferred
    /// media.
    MediaDelivered { checkin_id: Uuid, receipt: Receipt },
    /// Deferred media the server refused for good, with the reason.
    MediaWedged { checkin_id: Uuid, reason: String },
    /// The participant saw the statement of what the program collects, for
    /// this policy version (the digest names the exact text shown).
    ConsentRecorded {
        policy_version: u32,
        language: String,
        text_sha256_hex: String,
    },
    /// Past the policy's `retention.device_days`, what the device still
    /// held of a check-in was deleted (`crate::retention`). The ledger keeps
    /// the check-in's description and receipt.
    RetentionDeleted {
        checkin_id: Uuid,
        item: RetainedItem,
        /// When it was captured (a draft: when it was started), corrected time.
        #[serde(with = "wire_time")]
        captured_at: DateTime<Utc>,
        /// The retention that applied.
        device_days: u32,
    },
}

/// What retention deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetainedItem {
    /// A delivered check-in's stored row (its description and receipt),
    /// deleted only after the ledger holds its verified receipt.
    DeliveredCheckin,
    /// A check-in started and never submitted: nothing of it was sent.
    UnsubmittedDraft,
}

/// One ledger entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub seq: u64,
    #[serde(with = "wire_time")]
    pub at: DateTime<Utc>,
    pub prev_hash_hex: String,
    pub event: LedgerEvent,
}

/// What [`verify`] found wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerFault {
    #[error("entry {0} was altered or moved")]
    Unreadable(i64),
    #[error("entry {found} is out of sequence (expected {expected})")]
    Gap { expected: u64, found: i64 },
    #[error("entry {0} does not follow the entry before it")]
    BrokenChain(u64),
    #[error("the ledger ends before its recorded last entry {0}")]
    Truncated(u64),
    #[error("the ledger's last entry does not match its recorded head")]
    HeadMismatch,
}

/// Reads the ledger and checks its chain. Returns the entries if sound.
pub fn verify(store: &Store) -> Result<Result<Vec<StoredLedgerEntry>, LedgerFault>, StoreError> {
    let (rows, head) = store.ledger_rows()?;
    let mut prev = crate::store::GENESIS_HASH_HEX_STR.to_string();
    let mut out = Vec::with_capacity(rows.len());
    for (i, (seq, row)) in rows.into_iter().enumerate() {
        let expected = i as u64 + 1;
        if seq != expected as i64 {
            return Ok(Err(LedgerFault::Gap {
                expected,
                found: seq,
            }));
        }
        let Ok(stored) = row else {
            return Ok(Err(LedgerFault::Unreadable(seq)));
        };
        if stored.entry.seq != expected {
            return Ok(Err(LedgerFault::Unreadable(seq)));
        }
        if stored.entry.prev_hash_hex != prev {
            return Ok(Err(LedgerFault::BrokenChain(expected)));
        }
        prev = hex::encode(stored.hash);
        out.push(stored);
    }
    match head {
        None if out.is_empty() => Ok(Ok(out)),
        Some((seq, hash)) if seq == out.len() as u64 && hash == prev => Ok(Ok(out)),
        Some((seq, _)) if seq > out.len() as u64 => Ok(Err(LedgerFault::Truncated(seq))),
        _ => Ok(Err(LedgerFault::HeadMismatch)),
    }
}
