//! Check-ins being captured, sealed so a capture survives the app dying.
//!
//! A draft is a header row (`drafts`: window, start, policy version) and
//! one sealed row per piece of evidence (`draft_parts`: photo, voice,
//! location), so attaching one piece writes only that piece and the small
//! header. Deleting a draft deletes its parts (foreign key cascade, and
//! `secure_delete` overwrites them). A draft written whole by a version
//! before schema 4 keeps its evidence inside the header and is read as is.

use rusqlite::OptionalExtension;
use uuid::Uuid;

use super::{Store, StoreError};
use crate::checkin::{Draft, DraftPart};

/// A draft as retention sees it: its id and when it was started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredDraft {
    pub id: Uuid,
    pub started_at: chrono::DateTime<chrono::Utc>,
}

impl Store {
    /// Writes the draft's header (not its evidence), inside `tx`.
    pub(crate) fn put_draft_header(
        &self,
        tx: &rusqlite::Transaction<'_>,
        draft: &Draft,
    ) -> Result<(), StoreError> {
        let id = draft.id.to_string();
        tx.execute(
            "INSERT INTO drafts (id, created_at_ms, body) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET body = excluded.body",
            rusqlite::params![
                id,
                draft.started_at.timestamp_millis(),
                self.seal_json("drafts", "body", &id, draft)?
            ],
        )?;
        Ok(())
    }

    /// Writes one piece of a draft's evidence, replacing any earlier of its
    /// kind, inside `tx`.
    pub(crate) fn put_draft_part(
        &self,
        tx: &rusqlite::Transaction<'_>,
        draft_id: Uuid,
        part: &DraftPart,
    ) -> Result<(), StoreError> {
        let id = draft_id.to_string();
        tx.execute(
            "INSERT INTO draft_parts (draft_id, part, body) VALUES (?1, ?2, ?3)
             ON CONFLICT (draft_id, part) DO UPDATE SET body = excluded.body",
            rusqlite::params![
                id,
                part.name(),
                self.seal_json("draft_parts", part.name(), &id, part)?
            ],
        )?;
        Ok(())
    }

    /// The draft with all its evidence.
    pub(crate) fn draft(&self, id: Uuid) -> Result<Option<Draft>, StoreError> {
        let key = id.to_string();
        let conn = self.reader();
        let sealed: Option<Vec<u8>> = conn
            .query_row("SELECT body FROM drafts WHERE id = ?1", [&key], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(sealed) = sealed else {
            return Ok(None);
        };
        let mut draft: Draft = self.open_json("drafts", "body", &key, &sealed)?;
        let mut stmt = conn.prepare("SELECT part, body FROM draft_parts WHERE draft_id = ?1")?;
        let mut rows = stmt.query([&key])?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(0)?;
            let body: Vec<u8> = r.get(1)?;
            let part: DraftPart = self.open_json("draft_parts", &name, &key, &body)?;
            if part.name() != name {
                return Err(StoreError::Corrupt(format!("draft part {name}")));
            }
            part.apply_to(&mut draft);
        }
        Ok(Some(draft))
    }

    pub(crate) fn delete_draft(
        &self,
        tx: &rusqlite::Transaction<'_>,
        id: Uuid,
    ) -> Result<(), StoreError> {
        tx.execute("DELETE FROM drafts WHERE id = ?1", [id.to_string()])?;
        Ok(())
    }

    /// Every draft's id and start time (corrected), without opening them.
    pub(crate) fn draft_starts(&self) -> Result<Vec<StoredDraft>, StoreError> {
        let conn = self.reader();
        let mut stmt =
            conn.prepare("SELECT id, created_at_ms FROM drafts ORDER BY created_at_ms")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let at: i64 = r.get(1)?;
            out.push(StoredDraft {
                id: Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                started_at: crate::protocol::wire_time::from_millis(at)
                    .ok_or_else(|| StoreError::Corrupt("draft start".into()))?,
            });
        }
        Ok(out)
    }

    /// Deletes the draft `id` started at `started_at_ms` (as retention
    /// judged it), inside `tx`; whether it was still there (not if it was
    /// submitted or discarded meanwhile).
    pub(crate) fn delete_draft_started_at(
        &self,
        tx: &rusqlite::Transaction<'_>,
        id: Uuid,
        started_at_ms: i64,
    ) -> Result<bool, StoreError> {
        Ok(tx.execute(
            "DELETE FROM drafts WHERE id = ?1 AND created_at_ms = ?2",
            rusqlite::params![id.to_string(), started_at_ms],
        )? == 1)
    }

    pub(crate) fn discard_draft(&self, id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .writer()
            .execute("DELETE FROM drafts WHERE id = ?1", [id.to_string()])?
            == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::{DraftEvidence, DraftPhoto};
    use crate::crypto::keystore::SoftwareKeyStore;
    use crate::location::SentLocation;

    fn draft() -> Draft {
        Draft {
            policy_version: Some(1),
            ..Draft::new(
                Uuid::new_v4(),
                None,
                crate::protocol::wire_time::from_millis(1_764_079_387_123).expect("t"),
            )
        }
    }

    fn photo(bytes: &[u8]) -> DraftPart {
        part(DraftEvidence::Photo(DraftPhoto {
            jpeg: bytes.to_vec(),
            width: 2,
            height: 1,
            quality: crate::checkin::PhotoQuality {
                issues: Vec::new(),
                blocking: false,
                faces: 1,
                mean_luma: 120.0,
                sharpness: 40.0,
                blur_uncertain: false,
            },
            bystanders_blurred: 0,
        }))
    }

    /// A row of `evidence` captured at a fixed moment.
    fn part(evidence: DraftEvidence) -> DraftPart {
        DraftPart {
            evidence,
            captured: Some(crate::clock::ClockEstimate {
                device_time: crate::protocol::wire_time::from_millis(1_764_079_400_000)
                    .expect("t"),
                server_offset_ms: -1200,
                uptime_ms: Some(81_234_567),
            }),
        }
    }

    /// The sealed bytes of one part row, as stored.
    fn part_row(store: &Store, id: Uuid, part: &str) -> Vec<u8> {
        store
            .reader()
            .query_row(
                "SELECT body FROM draft_parts WHERE draft_id = ?1 AND part = ?2",
                [id.to_string(), part.to_string()],
                |r| r.get(0),
            )
            .expect("row")
    }

    #[test]
    fn adding_a_location_leaves_the_sealed_photo_untouched() {
        let dir = tempfile::tempdir().expect("dir");
        let store =
            Store::open(dir.path(), &SoftwareKeyStore::random().expect("ks")).expect("open");
        let d = draft();
        store
            .write(|tx| {
                store.put_draft_header(tx, &d)?;
                store.put_draft_part(tx, d.id, &photo(b"jpeg bytes"))
            })
            .expect("photo");
        let sealed_photo = part_row(&store, d.id, "photo");
        let location = SentLocation::Area {
            inside: true,
            fix_time: d.started_at,
            provider: "fused".into(),
            mock: false,
            stale: false,
            inaccurate: false,
        };
        store
            .write(|tx| {
                store.put_draft_header(tx, &d)?;
                store.put_draft_part(tx, d.id, &part(DraftEvidence::Location(location.clone())))
            })
            .expect("location");
        assert_eq!(part_row(&store, d.id, "photo"), sealed_photo);
        let back = store.draft(d.id).expect("read").expect("draft");
        assert_eq!(back.photo.expect("photo").jpeg, b"jpeg bytes");
        assert_eq!(back.location, Some(location));
        // Each piece keeps the moment it was captured.
        let at = photo(b"").captured;
        assert!(at.is_some());
        assert_eq!((back.captured.photo, back.captured.location), (at, at));
        assert_eq!(back.captured.voice, None);

        // A part moved to another draft's row does not open.
        let other = draft();
        store
            .write(|tx| store.put_draft_header(tx, &other))
            .expect("other");
        store
            .writer()
            .execute(
                "INSERT INTO draft_parts (draft_id, part, body) VALUES (?1, 'photo', ?2)",
                rusqlite::params![other.id.to_string(), sealed_photo],
            )
            .expect("move");
        assert!(matches!(
            store.draft(other.id),
            Err(StoreError::Corrupt(_))
        ));

        // Discarding a draft takes its parts with it.
        assert!(store.discard_draft(d.id).expect("discard"));
        let left: i64 = store
            .reader()
            .query_row(
                "SELECT count(*) FROM draft_parts WHERE draft_id = ?1",
                [d.id.to_string()],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(left, 0);
    }

    #[test]
    fn a_draft_stored_whole_by_an_older_version_is_read_with_its_evidence() {
        let dir = tempfile::tempdir().expect("dir");
        let store =
            Store::open(dir.path(), &SoftwareKeyStore::random().expect("ks")).expect("open");
        let d = draft();
        // Schema 3 kept the evidence inside the header.
        let mut whole = serde_json::to_value(&d).expect("json");
        let DraftEvidence::Photo(p) = photo(b"old jpeg").evidence else {
            unreachable!()
        };
        whole["photo"] = serde_json::to_value(&p).expect("photo");
        let id = d.id.to_string();
        let body = store
            .seal(
                "drafts",
                "body",
                &id,
                &serde_json::to_vec(&whole).expect("bytes"),
            )
            .expect("seal");
        store
            .writer()
            .execute(
                "INSERT INTO drafts (id, created_at_ms, body) VALUES (?1, 0, ?2)",
                rusqlite::params![id, body],
            )
            .expect("insert");
        let back = store.draft(d.id).expect("read").expect("draft");
        assert_eq!(back.photo.expect("photo").jpeg, b"old jpeg");
    }

    #[test]
    fn a_part_stored_before_capture_times_were_kept_reads_without_one() {
        let dir = tempfile::tempdir().expect("dir");
        let store =
            Store::open(dir.path(), &SoftwareKeyStore::random().expect("ks")).expect("open");
        let d = draft();
        store
            .write(|tx| store.put_draft_header(tx, &d))
            .expect("header");
        // The row as the previous version wrote it: the evidence alone.
        let mut old = serde_json::to_value(photo(b"older jpeg")).expect("json");
        old.as_object_mut().expect("object").remove("captured");
        let id = d.id.to_string();
        let body = store
            .seal(
                "draft_parts",
                "photo",
                &id,
                &serde_json::to_vec(&old).expect("bytes"),
            )
            .expect("seal");
        store
            .writer()
            .execute(
                "INSERT INTO draft_parts (draft_id, part, body) VALUES (?1, 'photo', ?2)",
                rusqlite::params![id, body],
            )
            .expect("insert");
        let back = store.draft(d.id).expect("read").expect("draft");
        assert_eq!(back.photo.expect("photo").jpeg, b"older jpeg");
        assert_eq!(back.captured.photo, None);
    }
}
