//! The ledger as others can check it (docs/ledger.md): every entry's exact
//! stored bytes (base64) next to their SHA-256 and the parsed entry, the
//! recorded head, and the program's receipt public key, so anyone can
//! recompute the hash chain and verify every delivery receipt without our
//! code (scripts/ledger/verify_ledger.py does). Only a verified ledger is
//! exported: callers pass what [`super::verify`] returned.

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{GENESIS_HASH_HEX, StoredLedgerEntry};
use crate::protocol::messages::ProgramKeys;
use crate::protocol::wire_time;

/// The export format's name and version.
pub const FORMAT: &str = "checkin-ledger/1";

#[derive(Debug, Serialize)]
struct Export<'a> {
    format: &'static str,
    #[serde(with = "wire_time")]
    exported_at: DateTime<Utc>,
    device_id: String,
    program: ExportProgram<'a>,
    genesis_hash_hex: &'static str,
    head: Option<ExportHead>,
    entries: Vec<ExportEntry>,
}

#[derive(Debug, Serialize)]
struct ExportProgram<'a> {
    id: &'a str,
    name: &'a str,
    encryption_key_id: &'a str,
    receipt_key_id: &'a str,
    receipt_public_key_b64: &'a str,
}

#[derive(Debug, Serialize)]
struct ExportHead {
    seq: u64,
    hash_hex: String,
}

#[derive(Debug, Serialize)]
struct ExportEntry {
    seq: u64,
    /// The exact bytes hashed into the chain.
    bytes_b64: String,
    sha256_hex: String,
    /// The same bytes, parsed, for reading.
    entry: serde_json::Value,
}

/// The JSON export of a verified ledger.
pub fn export(
    rows: &[StoredLedgerEntry],
    device_id: uuid::Uuid,
    program: &ProgramKeys,
    now: DateTime<Utc>,
) -> Result<String, serde_json::Error> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let entries = rows
        .iter()
        .map(|r| {
            Ok(ExportEntry {
                seq: r.entry.seq,
                bytes_b64: b64.encode(&r.bytes),
                sha256_hex: hex::encode(r.hash),
                entry: serde_json::from_slice(&r.bytes)?,
            })
        })
        .collect::<Result<Vec<_>, serde_json::Error>>()?;
    let doc = Export {
        format: FORMAT,
        exported_at: wire_time::to_millis(now),
        device_id: device_id.to_string(),
        program: ExportProgram {
            id: &program.id,
            name: &program.name,
            encryption_key_id: &program.encryption_key_id,
            receipt_key_id: &program.receipt_key_id,
            receipt_public_key_b64: &program.receipt_public_key,
        },
        genesis_hash_hex: GENESIS_HASH_HEX,
        head: rows.last().map(|r| ExportHead {
            seq: r.entry.seq,
            hash_hex: hex::encode(r.hash),
        }),
        entries,
    };
    serde_json::to_string_pretty(&doc)
}
