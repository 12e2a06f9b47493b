//! The ledger as others can check it (docs/ledger.md): every entry's exact
//! stored bytes (base64) next to their SHA-256 and the parsed entry, the
//! recorded head, and the program's receipt public key, so anyone can
//! recompute the hash chain and verify every delivery receipt without our
//! code (scripts/ledger/verify_ledger.py does). Only a verified ledger is
//! exported: callers pass what [`super::verify`] returned.
//!
//! The export is signed by the device key: the signature covers the device,
//! the export time, the head (which commits to every entry through the
//! chain) and the program's receipt key id, so an export rebuilt by
//! anyone without the device's key, even with a consistent chain, fails.

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{GENESIS_HASH_HEX, StoredLedgerEntry};
use crate::crypto::signing::DeviceKey;
use crate::protocol::messages::ProgramKeys;
use crate::protocol::wire_time;

/// The export format's name and version.
pub const FORMAT: &str = "checkin-ledger/2";
/// Prefix of the message the device signs over an export's head.
pub const HEAD_SIGNATURE_CONTEXT: &[u8] = b"checkin-ledger-head-v1\0";

#[derive(Debug, Serialize)]
struct Export<'a> {
    format: &'static str,
    #[serde(with = "wire_time")]
    exported_at: DateTime<Utc>,
    device_id: String,
    device_key: ExportDeviceKey,
    program: ExportProgram<'a>,
    genesis_hash_hex: &'static str,
    head: Option<ExportHead>,
    /// The device's signature over [`head_message`].
    head_signature_b64: String,
    entries: Vec<ExportEntry>,
}

#[derive(Debug, Serialize)]
struct ExportDeviceKey {
    key_id: String,
    public_key_b64: String,
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

/// What the device signs for an export (docs/ledger.md, "Signature"):
/// `context || device_id (16) || exported_at (i64 ms) || head seq (u64) ||
/// head hash (32) || receipt key id (16)`; an empty ledger's head is seq 0
/// and the genesis hash.
pub fn head_message(
    device_id: uuid::Uuid,
    exported_at: DateTime<Utc>,
    head_seq: u64,
    head_hash: &[u8; 32],
    receipt_key_id: &[u8; 16],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + 8 + 8 + 32 + 16);
    out.extend_from_slice(device_id.as_bytes());
    out.extend_from_slice(&exported_at.timestamp_millis().to_be_bytes());
    out.extend_from_slice(&head_seq.to_be_bytes());
    out.extend_from_slice(head_hash);
    out.extend_from_slice(receipt_key_id);
    out
}

/// The JSON export of a verified ledger, signed with `device_key`.
pub fn export(
    rows: &[StoredLedgerEntry],
    device_id: uuid::Uuid,
    device_key: &DeviceKey,
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
    let exported_at = wire_time::to_millis(now);
    let (head_seq, head_hash) = rows
        .last()
        .map_or((0, [0u8; 32]), |r| (r.entry.seq, r.hash));
    let receipt_key_id = b64
        .decode(&program.receipt_public_key)
        .map(|key| crate::crypto::key_id_bytes(&key))
        .unwrap_or_default();
    let message = head_message(
        device_id,
        exported_at,
        head_seq,
        &head_hash,
        &receipt_key_id,
    );
    let doc = Export {
        format: FORMAT,
        exported_at,
        device_id: device_id.to_string(),
        device_key: ExportDeviceKey {
            key_id: device_key.key_id(),
            public_key_b64: b64.encode(device_key.public_key()),
        },
        head_signature_b64: b64.encode(device_key.sign(HEAD_SIGNATURE_CONTEXT, &message)),
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
