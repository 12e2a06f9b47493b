//! A lost platform key leaves every queued check-in deliverable (issue 16):
//! the store keeps what waits, as it goes on the wire, and drops what the
//! lost key sealed; the phone enrolls again, the program links its earlier
//! device, and every kept check-in is delivered once, with a receipt that
//! verifies.

use std::sync::Arc;

use base64::Engine as _;
use checkin_core::clock::SystemClock;
use checkin_core::crypto::keystore::{KeyStore, KeyStoreError, SoftwareKeyStore};
use checkin_core::store::{OutboxState, StoreError};
use checkin_core::{CheckinClient, Error, LedgerEvent};
use reference_server::{Fault, Route};
use uuid::Uuid;

use crate::support::*;

/// Checks a receipt with the program's receipt key, independently of the core.
pub fn receipt_verifies(receipt: &checkin_core::Receipt, receipt_public_key: &[u8]) -> bool {
    let b64 = base64::engine::general_purpose::STANDARD;
    let (Ok(body), Ok(sig)) = (
        b64.decode(&receipt.receipt_b64),
        b64.decode(&receipt.signature_b64),
    ) else {
        return false;
    };
    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, receipt_public_key)
        .verify(&body, &sig)
        .is_ok()
        && body.len() == 84
        && body[..4] == *b"CKR1"
        && body[4..20] == *receipt.checkin_id.as_bytes()
}

/// A phone whose platform key is gone: another key store entirely.
fn lost_key() -> SoftwareKeyStore {
    SoftwareKeyStore::random().expect("ks")
}

#[tokio::test]
async fn drop_the_key_enroll_again_and_every_queued_checkin_is_delivered() {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let mut server = start_server(server_dir.path()).await;
    let addr = server.addr();
    let ks = SoftwareKeyStore::random().expect("ks");
    let client =
        CheckinClient::open(config(device_dir.path()), &ks, Arc::new(SystemClock)).expect("open");
    client
        .enroll(
            &server.base_url(),
            &server.issue_enrollment_code_for("p-17"),
        )
        .await
        .expect("enroll");
    let old_device = client
        .internals()
        .enrollment()
        .expect("read")
        .expect("e")
        .device_id;
    let delivered = submit_photo_checkin(&client, 1);
    client.sync(far_deadline(), None).await.expect("sync");

    // One stored by the server but its acknowledgement lost, two queued
    // while the server is down, one draft never submitted.
    let acked_lost = submit_photo_checkin(&client, 2);
    server.faults().fail_next(1, Fault::LostAck);
    // The server offers resumable uploads, and a device would recover the
    // lost answer by asking about its upload: every question fails here
    // (until the server restarts), so the receipt stays lost for now.
    server
        .faults()
        .add_random_on(Route::UploadStatus, Fault::InternalError, 1.0, 17);
    let r = client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.remaining), (0, 1));
    assert_eq!(server.checkin_count(&acked_lost.to_string()), 1);
    server.shutdown().await;
    let queued = [
        submit_photo_checkin(&client, 3),
        submit_photo_checkin(&client, 4),
    ];
    let draft = client.start_checkin(None).expect("draft");
    client
        .attach_photo(draft, &photo(320, 240, 5))
        .expect("photo");
    drop(client);

    // The platform key is gone: the store does not open...
    let new_ks = lost_key();
    let err = CheckinClient::open(config(device_dir.path()), &new_ks, Arc::new(SystemClock))
        .expect_err("the key is gone");
    assert!(
        matches!(err, Error::Store(StoreError::WrongStorageKey)),
        "{err:?}"
    );
    // ...until it is opened for what it still holds.
    let client = CheckinClient::open_after_key_loss(
        config(device_dir.path()),
        &new_ks,
        Arc::new(SystemClock),
    )
    .expect("open after key loss");
    assert!(!client.is_enrolled().expect("read"));
    let waiting: Vec<Uuid> = [acked_lost, queued[0], queued[1]].into();
    let outbox = client.outbox().expect("outbox");
    assert_eq!(
        outbox.iter().map(|i| i.checkin_id).collect::<Vec<_>>(),
        waiting,
        "what waited is kept, in order; the delivered one is gone with its receipt"
    );
    assert!(
        outbox
            .iter()
            .all(|i| i.recovered && i.state == OutboxState::Queued)
    );
    assert!(client.internals().draft(draft).expect("read").is_none());
    let ledger = client.ledger().expect("a new ledger that verifies");
    assert!(matches!(
        &ledger[0].event,
        LedgerEvent::StorageKeyLost { previous_device_id: Some(d), recovered, lost: 0, .. }
            if *d == old_device && *recovered == waiting
    ));
    // It reopens with the new key like any store.
    drop(client);
    let client = CheckinClient::open(config(device_dir.path()), &new_ks, Arc::new(SystemClock))
        .expect("reopen");

    // Enrolled again with a code the program issued for the participant.
    server = restart_server(server_dir.path(), addr).await;
    client
        .enroll(
            &server.base_url(),
            &server.issue_enrollment_code_for("p-17"),
        )
        .await
        .expect("enroll again");
    let r = client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.wedged, r.remaining), (3, 0, 0), "{r:?}");
    let receipt_key = server.program_public_keys().receipt_public_key;
    for id in &waiting {
        assert_eq!(
            server.checkin_count(&id.to_string()),
            1,
            "stored once: {id}"
        );
        let stored = server
            .stored_checkin(&id.to_string())
            .expect("read")
            .expect("stored");
        assert_eq!(
            stored.device_id,
            old_device.to_string(),
            "the device that made it"
        );
        let item = client
            .internals()
            .outbox_item(*id)
            .expect("read")
            .expect("item");
        let receipt = item.receipt.expect("a verified receipt");
        assert_eq!(receipt.envelope_sha256_hex, stored.digest_hex);
        assert!(receipt_verifies(&receipt, &receipt_key));
    }
    assert_eq!(server.checkin_count(&delivered.to_string()), 1);
    // The lost acknowledgement's check-in keeps its first receipt time.
    let first = server
        .stored_checkin(&acked_lost.to_string())
        .expect("r")
        .expect("s");
    assert_eq!(first.deliveries, 2);

    // The new ledger still verifies, also with the independent checker.
    let export = client.export_ledger_json().expect("export");
    let (code, out) = run_ledger_checker(device_dir.path(), &export);
    assert_eq!(code, 0, "{out}");
}

#[tokio::test]
async fn a_code_for_another_participant_links_nothing_and_loses_nothing() {
    let s = enrolled().await;
    let id = submit_photo_checkin(&s.client, 6);
    let dir = s.device_dir.path().to_path_buf();
    drop(s.client);
    let ks = lost_key();
    let client = CheckinClient::open_after_key_loss(config(&dir), &ks, Arc::new(SystemClock))
        .expect("open after key loss");
    // The first code was not issued for a participant: nothing to link.
    client
        .enroll(
            &s.server.base_url(),
            &s.server.issue_enrollment_code_for("p-1"),
        )
        .await
        .expect("enroll");
    let r = client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.wedged), (0, 1), "{r:?}");
    let item = client
        .internals()
        .outbox_item(id)
        .expect("read")
        .expect("item");
    assert_eq!(item.state, OutboxState::Wedged);
    assert!(
        client.internals().has_envelope(id).expect("read"),
        "kept, retried later"
    );
    assert_eq!(s.server.checkin_count(&id.to_string()), 0);
}

/// A key store whose key exists but cannot be used now (a locked phone).
struct Locked;
impl KeyStore for Locked {
    fn wrap(&self, _: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        Err(KeyStoreError::Unavailable("locked".into()))
    }
    fn unwrap(&self, _: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        Err(KeyStoreError::Unavailable("locked".into()))
    }
}

#[tokio::test]
async fn an_unavailable_key_is_not_a_lost_one() {
    let s = enrolled().await;
    let id = submit_photo_checkin(&s.client, 7);
    let dir = s.device_dir.path().to_path_buf();
    drop(s.client);
    let err = CheckinClient::open_after_key_loss(config(&dir), &Locked, Arc::new(SystemClock))
        .expect_err("locked");
    assert!(
        matches!(err, Error::Store(StoreError::KeyUnavailable(_))),
        "{err:?}"
    );
    // With the key that works, it opens as usual and nothing was deleted.
    let client =
        CheckinClient::open_after_key_loss(config(&dir), &s.key_store, Arc::new(SystemClock))
            .expect("open");
    assert!(client.is_enrolled().expect("read"));
    let item = client
        .internals()
        .outbox_item(id)
        .expect("read")
        .expect("item");
    assert!(!item.recovered);
    assert!(
        client
            .ledger()
            .expect("ledger")
            .iter()
            .all(|e| !matches!(e.event, LedgerEvent::StorageKeyLost { .. }))
    );
}
