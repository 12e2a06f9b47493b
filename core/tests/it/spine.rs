//! The check-in spine end to end, over loopback against the reference
//! server: queue while the server is down, deliver once, refuse bad
//! receipts, wedge what the server cannot open.

use crate::support::*;
use checkin_core::ledger::LedgerEvent;
use checkin_core::store::OutboxState;
use reference_server::Fault;

#[tokio::test]
async fn a_checkin_taken_while_the_server_is_down_is_delivered_when_it_returns() {
    let s = enrolled().await;
    let addr = s.server.addr();
    s.server.shutdown().await;

    let id = submit_photo_checkin(&s.client, 1);
    let report = s
        .client
        .sync(far_deadline(), None)
        .await
        .expect("sync runs");
    assert_eq!((report.delivered, report.remaining), (0, 1));
    assert!(report.last_error.is_some());
    assert!(report.next_retry_at.is_some());
    let item = s
        .client
        .internals()
        .outbox_item(id)
        .expect("read")
        .expect("queued");
    assert_eq!(item.state, OutboxState::Queued);
    assert!(s.client.internals().has_envelope(id).expect("read"));

    let server = restart_server(s.server_dir.path(), addr).await;
    s.client.network_available().expect("reset");
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(
        (report.delivered, report.remaining, report.wedged),
        (1, 0, 0)
    );

    let stored = server.stored_checkins();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].checkin_id, id.to_string());
    let item = s
        .client
        .internals()
        .outbox_item(id)
        .expect("read")
        .expect("item");
    assert_eq!(item.state, OutboxState::Delivered);
    let receipt = item.receipt.expect("receipt kept");
    assert_eq!(receipt.envelope_sha256_hex, stored[0].digest_hex);
    assert_eq!(
        receipt.envelope_sha256_hex,
        item.summary.envelope_sha256_hex
    );
    assert!(
        !s.client.internals().has_envelope(id).expect("read"),
        "sealed payload deleted after the receipt"
    );

    let ledger = s.client.ledger().expect("chain verifies");
    assert!(ledger.iter().any(|e| matches!(&e.event, LedgerEvent::CheckinSubmitted { summary } if summary.checkin_id == id)));
    assert!(ledger.iter().any(|e| matches!(&e.event, LedgerEvent::CheckinDelivered { checkin_id, .. } if *checkin_id == id)));
}

#[tokio::test]
async fn a_lost_acknowledgement_does_not_store_the_checkin_twice() {
    // A server of the earlier protocol (whole uploads): the envelope is
    // sent again next time and the server answers with the same receipt.
    let s = enrolled_with(|c| c.uploads.offered = false).await;
    s.server.faults().fail_next(1, Fault::LostAck);
    let id = submit_photo_checkin(&s.client, 2);
    let first = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(first.delivered, 0, "no receipt, so not delivered");
    assert_eq!(
        s.server.checkin_count(&id.to_string()),
        1,
        "but the server has it"
    );

    s.client.network_available().expect("reset");
    let second = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(second.delivered, 1);
    assert_eq!(s.server.checkin_count(&id.to_string()), 1, "stored once");
    let stored = s.server.stored_checkins();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].deliveries, 2, "the same envelope arrived twice");

    // A server that offers resumable uploads: the device asks about the
    // upload whose answer it lost, in the same sync, and gets the receipt
    // without sending the envelope again.
    let s = enrolled().await;
    s.server.faults().fail_next(1, Fault::LostAck);
    let id = submit_photo_checkin(&s.client, 2);
    let first = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(first.delivered, 1, "{first:?}");
    assert_eq!(s.server.checkin_count(&id.to_string()), 1, "stored once");
    let stored = s.server.stored_checkins();
    assert_eq!(stored[0].deliveries, 1, "sent once");
}

#[tokio::test]
async fn bad_receipts_leave_the_checkin_queued_until_a_good_one_comes() {
    let s = enrolled().await;
    let id = submit_photo_checkin(&s.client, 3);
    for fault in [Fault::BadReceiptSignature, Fault::WrongReceiptDigest] {
        s.server.faults().fail_next(1, fault.clone());
        s.client.network_available().expect("reset");
        let r = s.client.sync(far_deadline(), None).await.expect("sync");
        assert_eq!(r.delivered, 0, "{fault:?} must not be accepted");
        let item = s
            .client
            .internals()
            .outbox_item(id)
            .expect("read")
            .expect("item");
        assert_eq!(item.state, OutboxState::Queued, "{fault:?}");
        assert!(item.receipt.is_none());
        assert!(
            item.last_error.as_deref().unwrap_or("").contains("receipt"),
            "{:?}",
            item.last_error
        );
        assert!(s.client.internals().has_envelope(id).expect("read"));
    }
    s.client.network_available().expect("reset");
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(r.delivered, 1);
    assert_eq!(s.server.checkin_count(&id.to_string()), 1);
}

#[tokio::test]
async fn an_envelope_for_keys_the_server_no_longer_has_is_wedged_with_a_clear_reason() {
    let s = enrolled().await;
    let addr = s.server.addr();
    let poisoned = submit_photo_checkin(&s.client, 4);
    s.server.shutdown().await;
    // The program lost its keys: new ones are made on restart, so the
    // envelope names a key the server no longer has.
    std::fs::remove_file(s.server_dir.path().join("program-keys.json")).expect("remove keys");
    let server = restart_server(s.server_dir.path(), addr).await;
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.wedged), (0, 1));
    let item = s
        .client
        .internals()
        .outbox_item(poisoned)
        .expect("read")
        .expect("item");
    assert_eq!(item.state, OutboxState::Wedged);
    assert!(
        item.last_error.as_deref().unwrap_or("").starts_with("422"),
        "{:?}",
        item.last_error
    );
    assert_eq!(server.stored_checkins().len(), 0);
    let ledger = s.client.ledger().expect("verifies");
    assert!(ledger.iter().any(|e| matches!(&e.event, LedgerEvent::CheckinWedged { checkin_id, .. } if *checkin_id == poisoned)));
}

#[tokio::test]
async fn a_photo_and_voice_checkin_arrives_whole_and_small() {
    let s = enrolled().await;
    let face = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/media/portrait.jpg"
    ))
    .expect("fixture");
    let speech = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/media/speech_16k_s16.wav"
    ))
    .expect("fixture");
    let draft = s.client.start_checkin(None).expect("start");
    s.client.attach_photo(draft, &face).expect("photo");
    let voice = s.client.attach_voice(draft, &speech).expect("voice");
    assert!(voice.speech_ms > 0, "{voice:?}");
    let summary = s.client.submit(draft).expect("submit");
    let kinds: Vec<_> = summary
        .parts
        .iter()
        .map(|p| format!("{:?}", p.kind))
        .collect();
    assert_eq!(kinds, ["Record", "Photo", "Voice"]);
    assert!(
        summary.envelope_size <= 100 * 1024,
        "envelope is {} bytes",
        summary.envelope_size
    );
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(r.delivered, 1);
    let stored = &s.server.stored_checkins()[0];
    let voice_part = stored
        .parts
        .iter()
        .find(|p| p.kind == "voice")
        .expect("voice part");
    assert_eq!(voice_part.media_type, "audio/ogg; codecs=opus");
    assert!(
        std::fs::read(&voice_part.path)
            .expect("opened")
            .starts_with(b"OggS")
    );
    assert_eq!(
        stored.record["evidence"],
        serde_json::json!(["photo", "voice"])
    );
}
