//! Deferred media: a check-in's media envelope, waiting in the media lane
//! for an unmetered network (docs/protocol.md, "Deferred media"). How items
//! move through their states is [`super::queue`]'s; this file queues a
//! check-in's media and lists it for the participant.

use rusqlite::params;
use uuid::Uuid;

use super::queue::{Lane, QueueItem};
use super::{Store, StoreError};

/// One check-in's deferred media as the store holds it.
pub type MediaItem = QueueItem;

impl Store {
    /// Queues a check-in's media envelope, inside the transaction that
    /// queues its record (`seq` is the record's outbox seq).
    pub(crate) fn insert_media(
        &self,
        tx: &rusqlite::Transaction<'_>,
        checkin_id: Uuid,
        seq: i64,
        envelope: &[u8],
    ) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO media_outbox (checkin_id, seq, state, wire_envelope) VALUES (?1, ?2, 'queued', ?3)",
            params![checkin_id.to_string(), seq, envelope],
        )?;
        Ok(())
    }

    /// Every deferred media item, in check-in order, without envelope bytes.
    pub(crate) fn media_outbox(&self) -> Result<Vec<MediaItem>, StoreError> {
        self.queue_items(Lane::Media)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::CheckinSummary;
    use crate::store::OutboxState;
    use crate::store::queue::LaneCounts;
    use crate::crypto::keystore::SoftwareKeyStore;
    use crate::protocol::envelope::ClockEvidence;
    use crate::protocol::receipt::Receipt;

    fn summary(id: Uuid) -> CheckinSummary {
        let t = crate::protocol::wire_time::from_millis(1_764_079_387_123).expect("time");
        CheckinSummary {
            checkin_id: id,
            window: None,
            captured_at: t,
            clock: ClockEvidence {
                device_time: t,
                server_offset_ms: 0,
                uptime_ms: None,
            },
            policy_version: Some(1),
            ledger_head: None,
            parts: Vec::new(),
            location: None,
            bystanders_blurred: 0,
            envelope_sha256_hex: "00".repeat(32),
            envelope_size: 1,
            media_envelope_sha256_hex: Some("11".repeat(32)),
            media_envelope_size: Some(3),
        }
    }

    fn receipt(id: Uuid) -> Receipt {
        let t = crate::protocol::wire_time::from_millis(1_764_079_387_123).expect("time");
        Receipt {
            checkin_id: id,
            envelope_sha256_hex: "11".repeat(32),
            received_at: t,
            captured_at: t,
            receipt_key_id: "22".repeat(16),
            receipt_b64: String::new(),
            signature_b64: String::new(),
        }
    }

    #[test]
    fn media_waits_for_its_record_then_keeps_nothing_sealed_once_delivered() {
        let dir = tempfile::tempdir().expect("dir");
        let store =
            Store::open(dir.path(), &SoftwareKeyStore::random().expect("ks")).expect("open");
        let id = Uuid::new_v4();
        store
            .write(|tx| {
                let seq = store.insert_outbox(tx, &summary(id), b"record", 0)?;
                store.insert_media(tx, id, seq, b"media")
            })
            .expect("queue");
        assert_eq!(
            store.lane_counts(Lane::Media).expect("counts"),
            LaneCounts {
                waiting: 1,
                delivered: 0,
                wedged: 0
            }
        );
        assert!(store.next_due(Lane::Media, i64::MAX, None).expect("next").is_none());
        assert_eq!(store.next_retry_at_ms(Lane::Media).expect("retry"), None);

        store
            .write(|tx| store.mark_delivered(tx, Lane::Record, id, &receipt(id)))
            .expect("record delivered");
        let item = store.next_due(Lane::Media, 0, None).expect("next").expect("due");
        assert_eq!(item.envelope.as_deref(), Some(&b"media"[..]));

        // Retry and wedge like any item; a wedged one is skipped.
        store.mark_sending(Lane::Media, id).expect("sending");
        store.mark_retry(Lane::Media, id, "503", 500).expect("retry");
        assert!(store.next_due(Lane::Media, 499, None).expect("next").is_none());
        assert_eq!(store.next_retry_at_ms(Lane::Media).expect("retry"), Some(500));
        store
            .write(|tx| store.mark_wedged(tx, Lane::Media, id, "422 media_mismatch", 9_000))
            .expect("wedge");
        assert!(store.next_due(Lane::Media, 8_999, None).expect("next").is_none());
        // Retried by itself once its long backoff is over.
        let again = store.next_due(Lane::Media, 9_000, None).expect("next").expect("due");
        assert_eq!((again.state, again.wedges), (OutboxState::Wedged, 1));
        assert!(store.requeue_wedged(Lane::Media, id).expect("requeue"));

        store
            .write(|tx| store.mark_delivered(tx, Lane::Media, id, &receipt(id)))
            .expect("delivered");
        assert!(!store.has_envelope(Lane::Media, id).expect("has"));
        let item = store
            .media_outbox()
            .expect("read")
            .into_iter()
            .find(|m| m.checkin_id == id)
            .expect("item");
        assert_eq!(item.state, OutboxState::Delivered);
        assert_eq!(item.receipt, Some(receipt(id)));
        assert_eq!(item.attempts, 1);
        assert_eq!(
            store.lane_counts(Lane::Media).expect("counts"),
            LaneCounts {
                waiting: 0,
                delivered: 1,
                wedged: 0
            }
        );
    }
}
