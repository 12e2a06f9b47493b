//! The store's side of a lost platform key: envelopes an earlier version
//! sealed are moved to the wire at the next open with the key, and after a
//! loss what waits on the wire is kept, in order, and nothing else.

use ring::rand::SystemRandom;

use super::*;
use crate::checkin::CheckinSummary;
use crate::crypto::keystore::SoftwareKeyStore;
use crate::crypto::signing::DeviceKey;
use crate::protocol::envelope::{ClockEvidence, HeaderFields, LedgerHeadRef, Part, PartKind};
use crate::protocol::receipt::Receipt;
use crate::protocol::wire_time;
use crate::store::{Lane, OutboxState};

fn sealed(device: &DeviceKey) -> (Uuid, Vec<u8>) {
    let t = wire_time::from_millis(1_764_079_387_123).expect("time");
    let id = Uuid::new_v4();
    let fields = HeaderFields {
        checkin_id: id,
        device_id: Uuid::new_v4(),
        program_key_id: "00".repeat(16),
        window: None,
        captured_at: t,
        clock: ClockEvidence {
            device_time: t,
            server_offset_ms: 0,
            uptime_ms: None,
        },
        sealed_at: t,
        policy_version: Some(3),
        ledger_head: Some(LedgerHeadRef {
            seq: 7,
            sha256_hex: "ab".repeat(32),
        }),
    };
    let record = Part {
        kind: PartKind::Record,
        media_type: "application/json".into(),
        bytes: br#"{"location":{"mode":"precise"}}"#.to_vec(),
    };
    let (_, env) =
        envelope::seal(&SystemRandom::new(), fields, &[record], &[9u8; 32], device).expect("seal");
    (id, env.bytes)
}

fn queue(store: &Store, id: Uuid, bytes: &[u8]) {
    let summary = summary_from_envelope(bytes, None).expect("summary");
    assert_eq!(summary.checkin_id, id);
    // The head of the ledger it was sealed against travels with it.
    assert_eq!(summary.ledger_head.as_ref().map(|h| h.seq), Some(7));
    store
        .write(|tx| store.insert_outbox(tx, &summary, bytes, 0).map(|_| ()))
        .expect("queue");
}

/// Rewrites an item as a version before 5 kept it: sealed, not on the wire.
fn seal_as_before(store: &Store, id: Uuid, bytes: &[u8]) {
    let key = id.to_string();
    let sealed = store.seal("outbox", "envelope", &key, bytes).expect("seal");
    store
        .writer()
        .execute(
            "UPDATE outbox SET envelope = ?2, wire_envelope = NULL WHERE checkin_id = ?1",
            params![key, sealed],
        )
        .expect("as before");
}

fn on_the_wire(store: &Store, id: Uuid) -> (bool, bool) {
    store
        .reader()
        .query_row(
            "SELECT wire_envelope IS NOT NULL, envelope IS NOT NULL FROM outbox WHERE checkin_id = ?1",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row")
}

fn no_record(_: &Store, _: &Transaction<'_>, _: &KeyLoss) -> Result<(), StoreError> {
    Ok(())
}

#[test]
fn what_waits_survives_a_lost_key_and_nothing_else_does() {
    let dir = tempfile::tempdir().expect("dir");
    let device = DeviceKey::generate().expect("key");
    let ks = SoftwareKeyStore::random().expect("ks");
    let store = Store::open(dir.path(), &ks).expect("open");
    let items: Vec<(Uuid, Vec<u8>)> = (0..4).map(|_| sealed(&device)).collect();
    for (id, bytes) in &items {
        queue(&store, *id, bytes);
    }
    let (a, b, c, d) = (&items[0], &items[1], &items[2], &items[3]);
    assert_eq!(on_the_wire(&store, a.0), (true, false));
    // B as an earlier version left it; D delivered.
    seal_as_before(&store, b.0, &b.1);
    let t = wire_time::from_millis(1_764_079_387_123).expect("time");
    let receipt = Receipt {
        checkin_id: d.0,
        envelope_sha256_hex: "11".repeat(32),
        received_at: t,
        captured_at: t,
        receipt_key_id: "22".repeat(16),
        receipt_b64: String::new(),
        signature_b64: String::new(),
    };
    store
        .write(|tx| store.mark_delivered(tx, Lane::Record, d.0, &receipt))
        .expect("delivered");
    drop(store);

    // The next open with the key moves B to the wire.
    let store = Store::open(dir.path(), &ks).expect("reopen");
    assert_eq!(on_the_wire(&store, b.0), (true, false));
    // C as an earlier version left it, never opened again with the key.
    seal_as_before(&store, c.0, &c.1);
    drop(store);

    // The key is lost.
    let other = SoftwareKeyStore::random().expect("ks");
    let recorded = std::cell::Cell::new(false);
    let record = |_: &Store, _: &Transaction<'_>, _: &KeyLoss| {
        recorded.set(true);
        Ok(())
    };
    let (store, loss) =
        Store::open_after_key_loss(dir.path(), &other, t, &record).expect("open after loss");
    let loss = loss.expect("a loss");
    assert!(recorded.get(), "recorded in the same transaction");
    let kept: Vec<Uuid> = loss.recovered.iter().map(|s| s.checkin_id).collect();
    assert_eq!(kept, [a.0, b.0]);
    assert_eq!((loss.lost, loss.media_recovered, loss.previous_device_id), (1, 0, None));
    let outbox = store.outbox().expect("outbox");
    assert_eq!(outbox.iter().map(|i| i.checkin_id).collect::<Vec<_>>(), kept);
    for (item, (_, bytes)) in outbox.iter().zip([a, b]) {
        assert!(item.recovered && item.state == OutboxState::Queued);
        let summary: &CheckinSummary = &item.summary;
        assert_eq!(summary.envelope_sha256_hex, hex::encode(crate::crypto::sha256(bytes)));
        assert_eq!(summary.policy_version, Some(3));
        assert_eq!(summary.location, Some(serde_json::json!({"mode": "unknown"})));
    }
    let due = store.next_due(Lane::Record, i64::MAX, None).expect("due").expect("item");
    assert_eq!((due.checkin_id, due.envelope.as_deref()), (a.0, Some(&a.1[..])));
    assert!(store.ledger_rows().expect("rows").0.is_empty());
    drop(store);

    // The new key opens it like any store; the lost one no longer does.
    Store::open(dir.path(), &other).expect("reopen with the new key");
    assert!(matches!(
        Store::open(dir.path(), &ks),
        Err(StoreError::WrongStorageKey)
    ));
    // A second loss keeps the same items (nothing was delivered).
    let (_, again) = Store::open_after_key_loss(dir.path(), &ks, t, &no_record).expect("again");
    assert_eq!(again.expect("loss").recovered.len(), 2);
}
