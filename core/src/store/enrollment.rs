//! The device's single enrollment with a program.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::{Store, StoreError};
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
                                     anchor_server_ms, anchor_uptime_ms)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
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
            ],
        )?;
        Ok(())
    }

    pub fn enrollment(&self) -> Result<Option<EnrollmentRecord>, StoreError> {
        let conn = self.reader();
        let row = conn
            .query_row(
                "SELECT device_id, enrolled_at_ms, server, device_key, program, clock_offset_ms, tls_pins,
                        anchor_server_ms, anchor_uptime_ms FROM enrollment WHERE id = 1",
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
                    ))
                },
            )
            .optional()?;
        drop(conn);
        let Some((id, at, server, key, program, offset, pins, anchor_server, anchor_uptime)) = row
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
        }))
    }

    /// Records the latest `server − device` clock offset and, when the
    /// device has a monotonic clock, the anchor it was measured at.
    pub fn set_clock(
        &self,
        offset_ms: i64,
        anchor: Option<crate::clock::ClockAnchor>,
    ) -> Result<(), StoreError> {
        self.writer().execute(
            "UPDATE enrollment SET clock_offset_ms = ?1, anchor_server_ms = ?2, anchor_uptime_ms = ?3 WHERE id = 1",
            rusqlite::params![
                offset_ms,
                anchor.map(|a| a.server_ms),
                anchor.and_then(|a| i64::try_from(a.uptime_ms).ok())
            ],
        )?;
        Ok(())
    }
}
