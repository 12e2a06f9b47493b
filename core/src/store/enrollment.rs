//! The device's single enrollment with a program, and the earlier devices
//! of this phone (predecessors) whose envelopes may still wait.
//!
//! The device id and its public key are kept in the clear (neither is
//! personal, and both are sent with every request): after a lost platform
//! key they are what a phone enrolled again presents to the program so that
//! its earlier envelopes are accepted from it (docs/protocol.md,
//! "Enrolling again").

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::{Store, StoreError};
use crate::crypto::signing::DeviceKey;
use crate::protocol::{messages::ProgramKeys, wire_time};

/// What the device keeps about its program.
#[derive(Debug, Clone)]
pub struct EnrollmentRecord {
    pub device_id: Uuid,
    pub enrolled_at: DateTime<Utc>,
    pub server_url: String,
    pub device_key_pkcs8: Zeroizing<Vec<u8>>,
    pub program: ProgramKeys,
    pub clock_offset_ms: i64,
    /// Pins of the program server's TLS key (see `sync::tls`); empty for
    /// a plain-HTTP loopback server.
    pub tls_pins: Vec<String>,
    /// Server time and device uptime at the last exchange, if known.
    pub clock_anchor: Option<crate::clock::ClockAnchor>,
    /// The last TLS key rotation accepted (0: none): a rotation is taken
    /// only with a higher number (docs/protocol.md, "TLS key rotation").
    pub tls_rotation_seq: u64,
}

/// An earlier device of this phone: its id and public key, as enrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predecessor {
    pub device_id: Uuid,
    pub public_key: Vec<u8>,
}

const ROW: &str = "1";

impl Store {
    /// Writes the enrollment inside `tx` (with the first plan, policy and
    /// ledger entry, so enrollment is all or nothing).
    pub(crate) fn insert_enrollment(
        &self,
        tx: &rusqlite::Transaction<'_>,
        e: &EnrollmentRecord,
    ) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO enrollment (id, device_id, enrolled_at_ms, server, device_key, program, clock_offset_ms, tls_pins,
                                     anchor_server_ms, anchor_uptime_ms, device_public_key, tls_rotation_seq)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            rusqlite::params![
                e.device_id.to_string(),
                e.enrolled_at.timestamp_millis(),
                self.seal("enrollment", "server", ROW, e.server_url.as_bytes())?,
                self.seal("enrollment", "device_key", ROW, &e.device_key_pkcs8)?,
                self.seal_json("enrollment", "program", ROW, &e.program)?,
                e.clock_offset_ms,
                self.seal_json("enrollment", "tls_pins", ROW, &e.tls_pins)?,
                e.clock_anchor.map(|a| a.server_ms),
                e.clock_anchor.and_then(|a| i64::try_from(a.uptime_ms).ok()),
                public_key(&e.device_key_pkcs8)?,
                i64::try_from(e.tls_rotation_seq).unwrap_or(i64::MAX),
            ],
        )?;
        Ok(())
    }

    pub fn enrollment(&self) -> Result<Option<EnrollmentRecord>, StoreError> {
        let conn = self.reader();
        let row = conn
            .query_row(
                "SELECT device_id, enrolled_at_ms, server, device_key, program, clock_offset_ms, tls_pins,
                        anchor_server_ms, anchor_uptime_ms, tls_rotation_seq FROM enrollment WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, Vec<u8>>(2)?,
                        r.get::<_, Vec<u8>>(3)?,
                        r.get::<_, Vec<u8>>(4)?,
                        r.get::<_, i64>(5)?,
                        r.get::<_, Option<Vec<u8>>>(6)?,
                        r.get::<_, Option<i64>>(7)?,
                        r.get::<_, Option<i64>>(8)?,
                        r.get::<_, i64>(9)?,
                    ))
                },
            )
            .optional()?;
        drop(conn);
        let Some((id, at, server, key, program, offset, pins, anchor_server, anchor_uptime, seq)) =
            row
        else {
            return Ok(None);
        };
        let server = self.open_value("enrollment", "server", ROW, &server)?;
        Ok(Some(EnrollmentRecord {
            device_id: Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            enrolled_at: wire_time::from_millis(at)
                .ok_or_else(|| StoreError::Corrupt("enrolled_at".into()))?,
            server_url: String::from_utf8(server)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            device_key_pkcs8: Zeroizing::new(self.open_value(
                "enrollment",
                "device_key",
                ROW,
                &key,
            )?),
            program: self.open_json("enrollment", "program", ROW, &program)?,
            clock_offset_ms: offset,
            tls_pins: match pins {
                Some(p) => self.open_json("enrollment", "tls_pins", ROW, &p)?,
                None => Vec::new(),
            },
            clock_anchor: match (
                anchor_server,
                anchor_uptime.and_then(|u| u64::try_from(u).ok()),
            ) {
                (Some(server_ms), Some(uptime_ms)) => Some(crate::clock::ClockAnchor {
                    server_ms,
                    uptime_ms,
                }),
                _ => None,
            },
            tls_rotation_seq: u64::try_from(seq).unwrap_or(0),
        }))
    }

    /// Replaces the server's TLS key pins after a verified rotation
    /// numbered `seq`, inside `tx` (with its ledger entry).
    pub(crate) fn set_tls_pins(
        &self,
        tx: &rusqlite::Transaction<'_>,
        pins: &[String],
        seq: u64,
    ) -> Result<(), StoreError> {
        tx.execute(
            "UPDATE enrollment SET tls_pins = ?1, tls_rotation_seq = ?2 WHERE id = 1",
            rusqlite::params![
                self.seal_json("enrollment", "tls_pins", ROW, &pins)?,
                i64::try_from(seq).unwrap_or(i64::MAX)
            ],
        )?;
        Ok(())
    }

    /// Writes the enrolled device's public key in the clear where an
    /// earlier version kept it only inside the sealed private key.
    pub(crate) fn record_device_public_key(&self) -> Result<(), StoreError> {
        let sealed: Option<Vec<u8>> = self
            .reader()
            .query_row(
                "SELECT device_key FROM enrollment WHERE id = 1 AND device_public_key IS NULL",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let Some(sealed) = sealed else {
            return Ok(());
        };
        let pkcs8 = Zeroizing::new(self.open_value("enrollment", "device_key", ROW, &sealed)?);
        self.writer().execute(
            "UPDATE enrollment SET device_public_key = ?1 WHERE id = 1",
            [public_key(&pkcs8)?],
        )?;
        Ok(())
    }

    /// The earlier devices of this phone, oldest first.
    pub fn predecessors(&self) -> Result<Vec<Predecessor>, StoreError> {
        let conn = self.reader();
        let mut stmt =
            conn.prepare("SELECT device_id, public_key FROM predecessors ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
        rows.map(|row| {
            let (id, public_key) = row?;
            Ok(Predecessor {
                device_id: Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                public_key,
            })
        })
        .collect()
    }

    /// Records the latest `server − device` clock offset and, when the
    /// device has a monotonic clock, the anchor it was measured at.
    pub fn set_clock(
        &self,
        offset_ms: i64,
        anchor: Option<crate::clock::ClockAnchor>,
    ) -> Result<(), StoreError> {
        set_clock(&self.writer(), offset_ms, anchor)
    }

    /// [`Store::set_clock`] inside `tx` (with its ledger entry).
    pub(crate) fn set_clock_in(
        &self,
        tx: &rusqlite::Transaction<'_>,
        offset_ms: i64,
        anchor: Option<crate::clock::ClockAnchor>,
    ) -> Result<(), StoreError> {
        set_clock(tx, offset_ms, anchor)
    }
}

fn set_clock(
    conn: &rusqlite::Connection,
    offset_ms: i64,
    anchor: Option<crate::clock::ClockAnchor>,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE enrollment SET clock_offset_ms = ?1, anchor_server_ms = ?2, anchor_uptime_ms = ?3 WHERE id = 1",
        rusqlite::params![
            offset_ms,
            anchor.map(|a| a.server_ms),
            anchor.and_then(|a| i64::try_from(a.uptime_ms).ok())
        ],
    )?;
    Ok(())
}

/// The raw public key of a stored PKCS#8 device key.
fn public_key(pkcs8: &[u8]) -> Result<Vec<u8>, StoreError> {
    Ok(DeviceKey::from_pkcs8(pkcs8)?.public_key().to_vec())
}
