//! The store's schema and its migrations: one step per version, applied in
//! order inside a transaction, recorded in SQLite's `user_version`. A file
//! written by newer code is refused rather than damaged.
//!
//! Columns holding personal data are BLOBs sealed by
//! [`crate::crypto::at_rest`]; only what ordering and scheduling need
//! (sequence numbers, states, attempt counts, retry times) is plaintext.

use rusqlite::{Connection, Transaction};

use super::StoreError;

/// The schema version this code writes.
pub const CURRENT_VERSION: u32 = 6;

/// Version 1, frozen: never edit this text once released; add a step.
pub const V1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;

-- The single enrollment of this device. Personal fields sealed.
CREATE TABLE enrollment (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    device_id       TEXT NOT NULL,
    enrolled_at_ms  INTEGER NOT NULL,
    server          BLOB NOT NULL,
    device_key      BLOB NOT NULL,
    program         BLOB NOT NULL,
    clock_offset_ms INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Documents from the program (plan, policy), sealed, latest good one only.
CREATE TABLE documents (
    name           TEXT PRIMARY KEY,
    body           BLOB NOT NULL,
    updated_at_ms  INTEGER NOT NULL
) STRICT;

-- Check-ins being captured, not yet submitted.
CREATE TABLE drafts (
    id             TEXT PRIMARY KEY,
    created_at_ms  INTEGER NOT NULL,
    body           BLOB NOT NULL
) STRICT;

-- Submitted check-ins, in send order. `envelope` is the sealed payload and
-- is deleted (NULL) once a verified receipt is stored.
CREATE TABLE outbox (
    checkin_id         TEXT PRIMARY KEY,
    seq                INTEGER NOT NULL UNIQUE,
    state              TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'delivered', 'wedged')),
    envelope           BLOB,
    summary            BLOB NOT NULL,
    receipt            BLOB,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT,
    submitted_at_ms    INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_pending ON outbox (state, seq);

-- The participant's ledger: append-only, hash-chained, sealed entries.
CREATE TABLE ledger (
    seq    INTEGER PRIMARY KEY,
    entry  BLOB NOT NULL
) STRICT;
";

/// Version 2: the program server's TLS key pins (sealed JSON list), set
/// at enrollment; the clock anchor (server time and device uptime seen at
/// the last exchange).
pub const V2: &str = "
ALTER TABLE enrollment ADD COLUMN tls_pins BLOB;
ALTER TABLE enrollment ADD COLUMN anchor_server_ms INTEGER;
ALTER TABLE enrollment ADD COLUMN anchor_uptime_ms INTEGER;
";

/// Version 3: deferred media (docs/protocol.md, "Deferred media"). A
/// check-in whose media may wait for an unmetered network has its sealed
/// media envelope here, sent once its record is delivered and deleted
/// (NULL) once the media receipt verifies. `seq` copies the check-in's
/// outbox seq for send order; there is no foreign key, so pruning a
/// delivered record never takes undelivered media with it.
pub const V3: &str = "
CREATE TABLE media_outbox (
    checkin_id         TEXT PRIMARY KEY,
    seq                INTEGER NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'delivered', 'wedged')),
    envelope           BLOB,
    receipt            BLOB,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT
) STRICT;
CREATE INDEX media_outbox_pending ON media_outbox (state, seq);
";

/// Version 4:
/// - A draft's evidence in rows of its own (`draft_parts`), sealed one by
///   one, so attaching a location does not re-seal the photo. A draft row
///   keeps only the draft's header; drafts stored whole before this version
///   are still read (their evidence inside the header).
/// - `state_rev`: a counter that triggers move whenever the enrollment or a
///   program document changes, so a client can keep what it decrypted and
///   parsed (keys, policy, plan, consents) until it changes, even when
///   another process changed it.
pub const V4: &str = "
CREATE TABLE draft_parts (
    draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    part     TEXT NOT NULL CHECK (part IN ('photo', 'voice', 'location')),
    body     BLOB NOT NULL,
    PRIMARY KEY (draft_id, part)
) STRICT;

CREATE TABLE state_rev (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    rev INTEGER NOT NULL
) STRICT;
INSERT INTO state_rev (id, rev) VALUES (1, 0);

CREATE TRIGGER documents_inserted AFTER INSERT ON documents
    BEGIN UPDATE state_rev SET rev = rev + 1; END;
CREATE TRIGGER documents_updated AFTER UPDATE ON documents
    BEGIN UPDATE state_rev SET rev = rev + 1; END;
CREATE TRIGGER documents_deleted AFTER DELETE ON documents
    BEGIN UPDATE state_rev SET rev = rev + 1; END;
CREATE TRIGGER enrollment_inserted AFTER INSERT ON enrollment
    BEGIN UPDATE state_rev SET rev = rev + 1; END;
CREATE TRIGGER enrollment_keys_updated
    AFTER UPDATE OF device_id, server, device_key, program, tls_pins ON enrollment
    BEGIN UPDATE state_rev SET rev = rev + 1; END;
CREATE TRIGGER enrollment_deleted AFTER DELETE ON enrollment
    BEGIN UPDATE state_rev SET rev = rev + 1; END;
";

/// Version 5: delivery never stops for good.
/// - `wire_envelope`: a waiting item's envelope exactly as it goes on the
///   wire, NOT sealed under the storage key, so it stays deliverable when
///   the platform key is lost (docs/protocol.md, "At rest"). Its body is
///   sealed to the program and it is signed; its header (ids, times, sizes,
///   digests) is readable by design. The older `envelope` column (sealed)
///   is emptied into it the next time the store opens with its key.
/// - `wedges`: how many times the program refused the item, for the long
///   backoff after which a wedged item is retried by itself.
/// - `recovered_at_ms`: the item's summary was rebuilt from its envelope
///   header after the platform key was lost (what only the sealed summary
///   held, such as the location sent, is no longer known on the phone).
/// - The device's public key in the clear, and `predecessors`: the earlier
///   devices of this phone whose envelopes may still wait, so a device
///   enrolled again after a key loss can ask the program to link them.
/// - `tls_rotation_seq`: the last TLS key rotation the device accepted.
pub const V5: &str = "
ALTER TABLE outbox ADD COLUMN wire_envelope BLOB;
ALTER TABLE outbox ADD COLUMN wedges INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN recovered_at_ms INTEGER;
ALTER TABLE media_outbox ADD COLUMN wire_envelope BLOB;
ALTER TABLE media_outbox ADD COLUMN wedges INTEGER NOT NULL DEFAULT 0;
ALTER TABLE enrollment ADD COLUMN device_public_key BLOB;
ALTER TABLE enrollment ADD COLUMN tls_rotation_seq INTEGER NOT NULL DEFAULT 0;

CREATE TABLE predecessors (
    device_id  TEXT PRIMARY KEY,
    public_key BLOB NOT NULL
) STRICT;
";

/// Version 6: resumable uploads (docs/protocol.md, "Resumable uploads").
/// A row while an envelope of the queue has an upload open on the server:
/// how many bytes the server last acknowledged and when the device last
/// appended (the server deletes an unfinished upload some time after its
/// last append). It is written before the first byte is sent, so after a
/// crash the device asks the server how far it got instead of sending
/// from the start. Nothing personal: a lane, an id, two numbers.
pub const V6: &str = "
CREATE TABLE upload_progress (
    lane          TEXT NOT NULL CHECK (lane IN ('record', 'media')),
    checkin_id    TEXT NOT NULL,
    acknowledged  INTEGER NOT NULL CHECK (acknowledged >= 0),
    touched_at_ms INTEGER NOT NULL,
    PRIMARY KEY (lane, checkin_id)
) STRICT;
";

/// Brings `conn` to [`CURRENT_VERSION`].
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > CURRENT_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: CURRENT_VERSION,
        });
    }
    for version in found + 1..=CURRENT_VERSION {
        let tx = conn.transaction()?;
        upgrade_to(&tx, version)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

fn upgrade_to(tx: &Transaction<'_>, version: u32) -> Result<(), StoreError> {
    match version {
        1 => tx.execute_batch(V1)?,
        2 => tx.execute_batch(V2)?,
        3 => tx.execute_batch(V3)?,
        4 => tx.execute_batch(V4)?,
        5 => tx.execute_batch(V5)?,
        6 => tx.execute_batch(V6)?,
        _ => unreachable!("no migration step for version {version}"),
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The schema as SQLite reports it, normalized for comparison.
    pub(crate) fn describe(conn: &Connection) -> Vec<(String, String, String)> {
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
            .expect("prepare");
        let rows = stmt
            .query_map([], |r| {
                let sql: Option<String> = r.get(2)?;
                let sql = sql
                    .unwrap_or_default()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                Ok((r.get(0)?, r.get(1)?, sql))
            })
            .expect("query");
        rows.map(|r| r.expect("row")).collect()
    }

    #[test]
    fn upgrading_a_frozen_v1_file_equals_a_fresh_database() {
        let dir = tempfile::tempdir().expect("dir");
        let old_path = dir.path().join("v1.sqlite");
        {
            let old = Connection::open(&old_path).expect("open");
            old.execute_batch(V1).expect("v1");
            old.pragma_update(None, "user_version", 1).expect("version");
            old.execute("INSERT INTO meta (key, value) VALUES ('k', x'00')", [])
                .expect("row");
        }
        let mut upgraded = Connection::open(&old_path).expect("reopen");
        migrate(&mut upgraded).expect("migrate");
        let mut fresh = Connection::open_in_memory().expect("fresh");
        migrate(&mut fresh).expect("migrate fresh");
        assert_eq!(describe(&upgraded), describe(&fresh));
        let kept: i64 = upgraded
            .query_row("SELECT count(*) FROM meta", [], |r| r.get(0))
            .expect("count");
        assert_eq!(kept, 1, "an upgrade keeps existing rows");
    }

    /// A store written at version 5 (the delivery schema, before resumable
    /// uploads) keeps every queued item, its wedge count and the previous
    /// devices when it gains `upload_progress`, and then equals a fresh one.
    #[test]
    fn upgrading_a_version_5_file_keeps_the_queue_and_adds_upload_progress() {
        let dir = tempfile::tempdir().expect("dir");
        let old_path = dir.path().join("v5.sqlite");
        {
            let old = Connection::open(&old_path).expect("open");
            for step in [V1, V2, V3, V4, V5] {
                old.execute_batch(step).expect("step");
            }
            old.pragma_update(None, "user_version", 5).expect("version");
            old.execute_batch(
                "INSERT INTO outbox (checkin_id, seq, state, summary, submitted_at_ms, wire_envelope, wedges)
                     VALUES ('c1', 1, 'wedged', x'01', 10, x'0203', 3);
                 INSERT INTO media_outbox (checkin_id, seq, state, wire_envelope, wedges)
                     VALUES ('c1', 1, 'queued', x'04', 1);
                 INSERT INTO predecessors (device_id, public_key) VALUES ('d0', x'05');",
            )
            .expect("rows");
        }
        let mut upgraded = Connection::open(&old_path).expect("reopen");
        migrate(&mut upgraded).expect("migrate");
        let version: u32 = upgraded
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, 6);
        let mut fresh = Connection::open_in_memory().expect("fresh");
        migrate(&mut fresh).expect("migrate fresh");
        assert_eq!(describe(&upgraded), describe(&fresh));
        let record: (String, Vec<u8>, i64) = upgraded
            .query_row(
                "SELECT state, wire_envelope, wedges FROM outbox WHERE checkin_id = 'c1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("record kept");
        assert_eq!(record, ("wedged".to_string(), vec![2, 3], 3));
        let media_wedges: i64 = upgraded
            .query_row("SELECT wedges FROM media_outbox WHERE checkin_id = 'c1'", [], |r| {
                r.get(0)
            })
            .expect("media kept");
        assert_eq!(media_wedges, 1);
        let predecessors: i64 = upgraded
            .query_row("SELECT count(*) FROM predecessors", [], |r| r.get(0))
            .expect("count");
        assert_eq!(predecessors, 1);
        upgraded
            .execute(
                "INSERT INTO upload_progress (lane, checkin_id, acknowledged, touched_at_ms) VALUES ('record', 'c1', 0, 20)",
                [],
            )
            .expect("upload progress usable");
    }

    #[test]
    fn a_file_from_newer_code_is_refused() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .expect("version");
        assert!(matches!(migrate(&mut conn), Err(StoreError::TooNew { .. })));
    }
}
