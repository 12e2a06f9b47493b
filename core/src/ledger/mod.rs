//! The participant's ledger: an append-only, hash-chained record of every
//! thing the device collected and sent, with the program's receipts.
//!
//! Each entry names the hash of the one before it; the head (last seq and
//! hash) is kept apart. [`verify`] detects any edit, deletion, reordering or
//! truncation of the stored rows.
//!
//! Files: this one (what an entry says), `chain.rs` (appending and
//! checking the chain over the store's opaque rows), `export.rs` (the JSON
//! anyone can check, docs/ledger.md), `summary.rs` (the same ledger in the
//! participant's words).

mod chain;
mod export;
mod summary;

pub(crate) use chain::first_policy;
pub use chain::{GENESIS_HASH_HEX, StoredLedgerEntry, append, head, verify};
pub use export::export;
pub use summary::{fault_text, summary};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::checkin::CheckinSummary;
use crate::protocol::{receipt::Receipt, wire_time};
use crate::store::StoreError;

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
    /// A policy version was received and stored; `sha256_hex` names its
    /// exact bytes (absent in entries written before it was recorded).
    PolicyReceived {
        version: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sha256_hex: Option<String>,
    },
    /// A plan was received; `changes` describes what changed, in plain words.
    PlanReceived { changes: Vec<String> },
    /// A new revision of the program's directory of community services was
    /// stored; `changes` counts the services added, removed and changed, in
    /// plain words (never what the participant searched or saved).
    DirectoryReceived {
        revision: u64,
        services: u32,
        changes: Vec<String>,
    },
    /// A new revision of the case document was stored; `changes` names the
    /// parts that changed, in plain words, never their text.
    CaseReceived { revision: u64, changes: Vec<String> },
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
    /// this policy version (`text_sha256_hex` names the exact text shown,
    /// `policy_sha256_hex` the exact policy it was generated from).
    ConsentRecorded {
        policy_version: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        policy_sha256_hex: Option<String>,
        language: String,
        text_sha256_hex: String,
    },
    /// A server time disagreed with the device's anchored clock by more
    /// than one step (`crate::clock::MAX_STEP_MS`); the device's clock
    /// moved by `applied_ms` only (`seen_ms`: server time − estimate).
    ClockJumped { seen_ms: i64, applied_ms: i64 },
    /// The program's server changed its TLS key: a rotation signed by the
    /// program's receipt key (docs/protocol.md, "TLS key rotation") named
    /// these pins, which replaced the ones held before.
    TlsKeyRotated { seq: u64, pins: Vec<String> },
    /// The platform key protecting this phone's data was lost: everything
    /// sealed under it (the earlier ledger included) could no longer be
    /// read and was deleted. The check-ins still waiting were kept whole
    /// (`recovered`, each followed by its `checkin_submitted` entry rebuilt
    /// from the envelope's header), for delivery once the phone is enrolled
    /// again; `lost` could not be kept.
    StorageKeyLost {
        previous_device_id: Option<Uuid>,
        recovered: Vec<Uuid>,
        media_recovered: u32,
        lost: u32,
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

/// Why the ledger could not be read as sound.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// The chain does not verify: the stored ledger was altered.
    #[error("the ledger failed its check: {0}")]
    Broken(LedgerFault),
    #[error(transparent)]
    Store(#[from] StoreError),
}
