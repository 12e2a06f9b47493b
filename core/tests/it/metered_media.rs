//! Deferred media over loopback (issue 5): on a metered network the
//! check-in record is delivered at once and the photo and voice wait,
//! sealed; on an unmetered network they follow, bound to the check-in and
//! matching the digests the program already holds. The record is never
//! deferred, media never holds a check-in back, and a crash in between
//! loses nothing.

use std::sync::Arc;

use crate::support::*;
use checkin_core::clock::SystemClock;
use checkin_core::crypto::signing::DeviceKey;
use checkin_core::ledger::LedgerEvent;
use checkin_core::net::http::{Api, Signer};
use checkin_core::net::reply::SendOutcome;
use checkin_core::protocol::envelope::{self, PartKind};
use checkin_core::store::OutboxState;
use checkin_core::{CheckinClient, Connectivity};
use reference_server::{Fault, Route};
use serde_json::{Value, json};

/// The demo policy, with media above `limit` bytes deferred on metered
/// networks (`None`: the default, never).
fn policy(version: u32, limit: Option<u64>) -> Value {
    let mut p = reference_server::default_policy();
    p["version"] = json!(version);
    if let Some(limit) = limit {
        p["media"] = json!({ "defer_on_metered_above_bytes": limit });
    }
    p
}

async fn use_policy(s: &Setup, policy: Value) {
    s.server.set_policy(policy);
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert!(r.policy_updated, "{r:?}");
    // The participant sees the new statement before capturing under it.
    let version = s.client.policy().expect("policy").version;
    s.client.record_consent(version, "en").expect("consent");
}

fn speech() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/media/speech_8k_u8.wav"
    ))
    .expect("wav")
}

/// A check-in with a photo and a voice recording, submitted.
fn submit_photo_and_voice(
    client: &CheckinClient,
    seed: u8,
) -> checkin_core::checkin::CheckinSummary {
    let draft = client.start_checkin(None).expect("start");
    client
        .attach_photo(draft, &photo(640, 480, seed))
        .expect("photo");
    client.attach_voice(draft, &speech()).expect("voice");
    client.submit(draft).expect("submit")
}

/// Runs scripts/ledger/verify_ledger.py on an export: (exit code, stdout).
fn run_checker(dir: &std::path::Path, json: &str) -> (i32, String) {
    let file = dir.join("ledger-export.json");
    std::fs::write(&file, json).expect("write export");
    let checker = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scripts/ledger/verify_ledger.py"
    );
    let out = std::process::Command::new("python3")
        .arg(checker)
        .arg(&file)
        .output()
        .expect("python3 runs the ledger checker");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(checkin_core::crypto::sha256(bytes))
}

#[tokio::test]
async fn on_metered_the_record_goes_now_and_the_media_when_unmetered() {
    let s = enrolled().await;
    use_policy(&s, policy(2, Some(1000))).await;
    s.client
        .set_connectivity(Connectivity::Metered)
        .expect("metered");
    let summary = submit_photo_and_voice(&s.client, 1);
    let id = summary.checkin_id;
    let kinds: Vec<_> = summary.parts.iter().map(|p| (p.kind, p.deferred)).collect();
    assert_eq!(
        kinds,
        [
            (PartKind::Record, false),
            (PartKind::Photo, true),
            (PartKind::Voice, true)
        ]
    );
    let media_digest = summary
        .media_envelope_sha256_hex
        .clone()
        .expect("a media envelope");

    // Metered: the record is delivered with a verified receipt; no media sent.
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.remaining), (1, 0), "{r:?}");
    assert_eq!((r.media_delivered, r.media_waiting), (0, 1), "{r:?}");
    assert_eq!(s.server.faults().requests(Route::Media), 0);
    let item = s
        .client
        .internals()
        .outbox_item(id)
        .expect("read")
        .expect("item");
    assert_eq!(item.state, OutboxState::Delivered);
    assert_eq!(
        item.receipt
            .as_ref()
            .map(|r| r.envelope_sha256_hex.as_str()),
        Some(summary.envelope_sha256_hex.as_str())
    );
    assert!(!s.client.internals().has_envelope(id).expect("read"));
    assert!(s.client.internals().has_media_envelope(id).expect("read"));
    let stored = s
        .server
        .stored_checkin(&id.to_string())
        .expect("read")
        .expect("the record arrived");
    assert_eq!(stored.record["evidence"], json!(["photo", "voice"]));
    assert!(stored.media.is_none());
    for part in &stored.parts[1..] {
        assert!(
            part.deferred && !part.received && !part.path.exists(),
            "{part:?}"
        );
    }
    // A metered sync does not wake the shell for media it may not send.
    assert_eq!(r.next_retry_at, None);

    // Unmetered: the media follows and matches the header's digests.
    s.client
        .set_connectivity(Connectivity::Online)
        .expect("online");
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(
        (r.delivered, r.media_delivered, r.media_waiting),
        (0, 1, 0),
        "{r:?}"
    );
    let stored = s
        .server
        .stored_checkin(&id.to_string())
        .expect("read")
        .expect("stored");
    let media = stored.media.as_ref().expect("media stored");
    assert_eq!(media.digest_hex, media_digest);
    for (part, sent) in stored.parts.iter().zip(&summary.parts) {
        assert!(part.received);
        let bytes = std::fs::read(&part.path).expect("part file");
        assert_eq!(sha256_hex(&bytes), sent.sha256_hex, "{:?}", sent.kind);
        assert_eq!(bytes.len() as u64, sent.size);
    }
    let items = s.client.media_outbox().expect("media");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].state, OutboxState::Delivered);
    let receipt = items[0].receipt.as_ref().expect("media receipt");
    assert_eq!(receipt.envelope_sha256_hex, media_digest);
    // The sealed media is gone once its receipt verified.
    assert!(!s.client.internals().has_media_envelope(id).expect("read"));

    // The participant's ledger shows both receipts.
    let ledger = s.client.ledger().expect("intact");
    assert!(ledger.iter().any(|e| matches!(
        &e.event,
        LedgerEvent::MediaDelivered { checkin_id, receipt } if *checkin_id == id && receipt.envelope_sha256_hex == media_digest
    )));
    // The independent checker verifies the media receipt against the
    // media digest the check-in was submitted with; a swapped digest fails.
    let export = s.client.export_ledger_json().expect("intact");
    let (code, out) = run_checker(s.device_dir.path(), &export);
    assert_eq!(
        (code, out.trim()),
        (0, "OK: 8 entries, 2 verified receipts")
    );
    let forged = export.replace(&media_digest, &summary.envelope_sha256_hex);
    assert_eq!(run_checker(s.device_dir.path(), &forged).0, 1);
    let text = s.client.ledger_summary("en").expect("summary");
    assert!(
        text.contains("Waits for a network without data charges: photo, voice"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Media of check-in {id} received")),
        "{text}"
    );
}

#[tokio::test]
async fn without_deferrable_media_a_checkin_is_one_envelope_as_before() {
    let s = enrolled().await;
    s.client
        .set_connectivity(Connectivity::Metered)
        .expect("metered");
    // The default policy defers nothing, metered or not.
    let whole = submit_photo_and_voice(&s.client, 2);
    // Deferral on, but these parts are all under the limit.
    use_policy(&s, policy(2, Some(10_000_000))).await;
    let small = submit_photo_and_voice(&s.client, 3);
    for summary in [&whole, &small] {
        assert!(summary.parts.iter().all(|p| !p.deferred));
        assert!(summary.media_envelope_sha256_hex.is_none());
    }
    // (The first went with the sync that brought the policy.)
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(
        (r.delivered, r.remaining, r.media_waiting),
        (1, 0, 0),
        "{r:?}"
    );
    assert!(s.client.media_outbox().expect("media").is_empty());
    assert_eq!(s.server.faults().requests(Route::Media), 0);
    for summary in [&whole, &small] {
        let stored = s
            .server
            .stored_checkin(&summary.checkin_id.to_string())
            .expect("read")
            .expect("stored");
        assert!(stored.parts.iter().all(|p| p.received && p.path.exists()));
        assert_eq!(stored.digest_hex, summary.envelope_sha256_hex);
    }
}

#[tokio::test]
async fn a_crash_between_record_and_media_loses_nothing() {
    let s = enrolled().await;
    use_policy(&s, policy(2, Some(1000))).await;
    s.client
        .set_connectivity(Connectivity::Metered)
        .expect("metered");
    let id = submit_photo_and_voice(&s.client, 4).checkin_id;
    s.client.sync(far_deadline(), None).await.expect("sync");
    let Setup {
        server,
        client,
        key_store,
        server_dir: _server_dir,
        device_dir,
    } = s;
    drop(client);

    // The app comes back on Wi-Fi; the first media upload's answer is lost.
    let client = CheckinClient::open(config(device_dir.path()), &key_store, Arc::new(SystemClock))
        .expect("reopen");
    assert_eq!(
        client.media_outbox().expect("media")[0].state,
        OutboxState::Queued
    );
    client
        .set_connectivity(Connectivity::Online)
        .expect("online");
    server
        .faults()
        .fail_next_on(Route::Media, 1, Fault::LostAck);
    // The server offers resumable uploads: the device asks it about the
    // upload whose answer it lost and gets the media receipt, in the same
    // sync, without sending the media again.
    let r = client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.media_delivered, r.media_waiting), (1, 0), "{r:?}");
    let stored = server
        .stored_checkin(&id.to_string())
        .expect("read")
        .expect("stored");
    assert_eq!(server.checkin_count(&id.to_string()), 1);
    let media = stored.media.expect("media stored once");
    assert_eq!(media.deliveries, 1, "recovered with a question, not resent");
    assert!(stored.parts.iter().all(|p| p.received));
}

#[tokio::test]
async fn refused_media_wedges_alone_and_is_retried_on_request() {
    let s = enrolled().await;
    use_policy(&s, policy(2, Some(1000))).await;
    let first = submit_photo_and_voice(&s.client, 5).checkin_id;
    // Online: record and media go in one sync, the media refused for good.
    s.server.faults().fail_next_on(
        Route::Media,
        1,
        Fault::Refuse {
            status: 422,
            code: "media_mismatch".into(),
        },
    );
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.media_wedged), (1, 1), "{r:?}");
    let media = s
        .client
        .internals()
        .media_item(first)
        .expect("read")
        .expect("item");
    assert_eq!(media.state, OutboxState::Wedged);
    assert!(
        s.client
            .internals()
            .has_media_envelope(first)
            .expect("read")
    );

    // It holds nothing back: the next check-in and its own media go.
    let second = submit_photo_checkin(&s.client, 6);
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.media_delivered), (1, 1), "{r:?}");
    assert_eq!(s.server.checkin_count(&second.to_string()), 1);
    let media = s
        .client
        .internals()
        .media_item(first)
        .expect("read")
        .expect("item");
    assert_eq!(media.state, OutboxState::Wedged);

    // Retried on request, it goes through.
    assert!(s.client.retry_wedged(first).expect("retry"));
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(r.media_delivered, 1, "{r:?}");
    let ledger = s.client.ledger().expect("intact");
    assert!(ledger.iter().any(|e| matches!(
        &e.event,
        LedgerEvent::MediaWedged { checkin_id, .. } if *checkin_id == first
    )));
}

#[tokio::test]
async fn tampered_or_mismatched_media_is_refused_by_the_server() {
    let s = enrolled().await;
    use_policy(&s, policy(2, Some(1000))).await;
    s.client
        .set_connectivity(Connectivity::Metered)
        .expect("metered");
    let summary = submit_photo_and_voice(&s.client, 7);
    let id = summary.checkin_id;
    s.client.sync(far_deadline(), None).await.expect("sync");
    let media = s
        .client
        .internals()
        .next_media_to_send(i64::MAX)
        .expect("read")
        .expect("waiting")
        .envelope
        .expect("sealed");

    let enrollment = s
        .client
        .internals()
        .enrollment()
        .expect("read")
        .expect("enrolled");
    let key = DeviceKey::from_pkcs8(&enrollment.device_key_pkcs8).expect("key");
    let api = Api::new(&s.server.base_url(), Vec::new()).expect("api");
    let post = async |bytes: &[u8]| {
        let signer = Signer {
            key: &key,
            device_id: enrollment.device_id,
            now_ms: chrono::Utc::now().timestamp_millis(),
        };
        match api
            .post_envelope(
                "/v1/media",
                &signer,
                id,
                bytes,
                &checkin_core::crypto::sha256(bytes),
            )
            .await
        {
            SendOutcome::Permanent { status, code } => (status, code),
            other => panic!("expected a refusal, got {other:?}"),
        }
    };

    // A flipped ciphertext byte: the device's signature no longer holds.
    let parsed = envelope::parse(&media).expect("parse");
    let ct_at = media.len() - 64 - parsed.ciphertext.len();
    let mut flipped = media.clone();
    flipped[ct_at + 3] ^= 1;
    assert_eq!(post(&flipped).await, (401, "bad_envelope_signature".into()));

    // The same flip, signed again by the device: the body no longer opens.
    let resigned = {
        let mut b = flipped[..flipped.len() - 64].to_vec();
        let sig = key.sign(envelope::SIGNATURE_CONTEXT, &b);
        b.extend_from_slice(&sig);
        b
    };
    assert_eq!(post(&resigned).await, (422, "envelope_unopenable".into()));

    // Media sealed by the device for another photo than the one its
    // delivered header names.
    let mut header: Value = serde_json::from_slice(parsed.header_bytes).expect("header");
    header["parts"][0]["sha256_hex"] = json!("00".repeat(32));
    let mismatched = {
        let header_bytes = serde_json::to_vec(&header).expect("json");
        let mut b = b"CKE1".to_vec();
        b.extend_from_slice(&(header_bytes.len() as u32).to_be_bytes());
        b.extend_from_slice(&header_bytes);
        b.extend_from_slice(parsed.enc);
        b.extend_from_slice(&(parsed.ciphertext.len() as u32).to_be_bytes());
        b.extend_from_slice(parsed.ciphertext);
        let sig = key.sign(envelope::SIGNATURE_CONTEXT, &b);
        b.extend_from_slice(&sig);
        b
    };
    assert_eq!(post(&mismatched).await, (422, "media_mismatch".into()));

    // None of it was stored; the real media still goes through.
    let stored = s
        .server
        .stored_checkin(&id.to_string())
        .expect("read")
        .expect("stored");
    assert!(stored.media.is_none());
    s.client
        .set_connectivity(Connectivity::Online)
        .expect("online");
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(r.media_delivered, 1, "{r:?}");
}
