//! Resumable delivery (issue 18, docs/protocol.md "Resumable uploads"): a
//! connection cut mid-upload costs only what was not yet sent; a lost
//! answer is recovered with a question, not a resend; servers that do not
//! offer uploads get whole ones; the documents are fetched only when they
//! changed; TLS sessions resume from one sync to the next.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::support::*;
use checkin_core::clock::SystemClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::store::OutboxState;
use checkin_core::{CheckinClient, SyncReport};
use reference_server::{Fault, ReferenceServer, Route, RunningServer, ServerConfig, TlsIdentity};

/// A check-in as a phone sends it: the fixture portrait and ten seconds of
/// speech (about 60 KB sealed). Returns its id and envelope size.
fn submit_photo_and_voice(client: &CheckinClient) -> (uuid::Uuid, u64) {
    let media = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/media");
    let read = |name: &str| std::fs::read(media.join(name)).expect("fixture");
    let draft = client.start_checkin(None).expect("start");
    client
        .attach_photo(draft, &read("portrait.jpg"))
        .expect("photo");
    client
        .attach_voice(draft, &read("speech_16k_s16.wav"))
        .expect("voice");
    let summary = client.submit(draft).expect("submit");
    (summary.checkin_id, summary.envelope_size)
}

async fn sync(client: &CheckinClient) -> SyncReport {
    client.network_available().expect("network");
    client.sync(far_deadline(), None).await.expect("sync")
}

fn delivered_once(s: &Setup, id: uuid::Uuid) {
    let item = s
        .client
        .internals()
        .outbox_item(id)
        .expect("read")
        .expect("item");
    assert_eq!(item.state, OutboxState::Delivered);
    assert!(item.receipt.is_some());
    assert_eq!(s.server.checkin_count(&id.to_string()), 1);
}

#[tokio::test]
async fn a_cut_upload_continues_where_the_server_kept_it() {
    let s = enrolled().await;
    assert!(s.client.internals().uploads_offered().expect("read"));
    let (id, size) = submit_photo_and_voice(&s.client);
    assert!(size > 40_000, "{size}");
    // The signal goes after 30,000 bytes of the first append.
    s.server.faults().fail_next_on(
        Route::Checkins,
        1,
        Fault::CutBody {
            after_bytes: 30_000,
        },
    );
    let r = sync(&s.client).await;
    assert_eq!((r.delivered, r.remaining), (1, 0), "{r:?}");
    delivered_once(&s, id);
    let stats = s.server.upload_stats();
    // Two appends, the second continuing at 30,000: every byte sent once.
    assert_eq!((stats.appends, stats.continued), (2, 1));
    assert_eq!(stats.bytes, size);
    assert_eq!(s.server.faults().requests(Route::UploadStatus), 1);
    assert_eq!(
        s.server.faults().requests(Route::Checkins),
        2,
        "no whole upload"
    );
    assert_eq!(s.client.internals().open_uploads().expect("read"), 0);
    assert_eq!(s.server.pending_uploads().expect("read"), (0, 0, 0));
}

#[tokio::test]
async fn a_first_attempt_costs_one_request_and_a_lost_answer_one_question() {
    let s = enrolled().await;
    let (first, _) = submit_photo_and_voice(&s.client);
    let r = sync(&s.client).await;
    assert_eq!(r.delivered, 1);
    // No question before a first attempt.
    assert_eq!(s.server.faults().requests(Route::UploadStatus), 0);
    assert_eq!(s.server.faults().requests(Route::Checkins), 1);

    // Stored, but the answer is lost: the device asks and gets the receipt.
    let (second, size) = submit_photo_and_voice(&s.client);
    s.server
        .faults()
        .fail_next_on(Route::Checkins, 1, Fault::LostAck);
    let before = s.server.upload_stats().bytes;
    let r = sync(&s.client).await;
    assert_eq!((r.delivered, r.remaining), (1, 0), "{r:?}");
    delivered_once(&s, first);
    delivered_once(&s, second);
    assert_eq!(s.server.faults().requests(Route::UploadStatus), 1);
    assert_eq!(s.server.faults().requests(Route::Checkins), 2);
    assert_eq!(s.server.upload_stats().bytes - before, size, "sent once");
}

#[tokio::test]
async fn a_link_that_keeps_failing_is_left_to_the_backoff() {
    let s = enrolled().await;
    let (id, _) = submit_photo_and_voice(&s.client);
    // Every append is cut before a byte arrives: no progress at all.
    s.server
        .faults()
        .fail_next_on(Route::Checkins, 10, Fault::CutBody { after_bytes: 0 });
    let r = sync(&s.client).await;
    assert_eq!((r.delivered, r.remaining), (0, 1));
    assert!(r.next_retry_at.is_some());
    let appends = s.server.faults().requests(Route::Checkins);
    assert!(
        (1..=3).contains(&appends),
        "{appends} appends before giving up"
    );
    let item = s
        .client
        .internals()
        .outbox_item(id)
        .expect("read")
        .expect("item");
    assert_eq!(item.state, OutboxState::Queued);
    s.server.faults().clear();
    let r = sync(&s.client).await;
    assert_eq!(r.delivered, 1);
    delivered_once(&s, id);
}

async fn server_with(
    dir: &Path,
    offered: bool,
    listen: Option<std::net::SocketAddr>,
) -> RunningServer {
    let mut config = ServerConfig::new(dir);
    config.uploads.offered = offered;
    if let Some(addr) = listen {
        config.listen = addr;
    }
    ReferenceServer::start(config).await.expect("server")
}

#[tokio::test]
async fn servers_without_uploads_get_whole_envelopes() {
    // A server of the earlier protocol from the start.
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let server = server_with(server_dir.path(), false, None).await;
    let ks = SoftwareKeyStore::random().expect("ks");
    let client =
        CheckinClient::open(config(device_dir.path()), &ks, Arc::new(SystemClock)).expect("open");
    client
        .enroll(&server.base_url(), &server.issue_enrollment_code())
        .await
        .expect("enroll");
    assert!(!client.internals().uploads_offered().expect("read"));
    let (id, _) = submit_photo_and_voice(&client);
    assert_eq!(sync(&client).await.delivered, 1);
    assert_eq!(server.checkin_count(&id.to_string()), 1);
    assert_eq!(server.faults().requests(Route::Checkins), 1);
    assert_eq!(server.upload_stats().appends, 0);

    // A server that offered uploads is restored from a backup of the
    // earlier version: one append finds no route, the envelope goes whole,
    // and the next ones go whole at once.
    let addr = server.addr();
    server.shutdown().await;
    let server = server_with(server_dir.path(), true, Some(addr)).await;
    assert_eq!(sync(&client).await.remaining, 0);
    assert!(
        client.internals().uploads_offered().expect("read"),
        "learnt from the plan"
    );
    let server_path = server_dir.path().to_path_buf();
    server.shutdown().await;
    let server = server_with(&server_path, false, Some(addr)).await;
    let (second, _) = submit_photo_and_voice(&client);
    let (third, _) = submit_photo_and_voice(&client);
    let r = sync(&client).await;
    assert_eq!((r.delivered, r.wedged), (2, 0), "{r:?}");
    for id in [second, third] {
        assert_eq!(server.checkin_count(&id.to_string()), 1);
    }
    // One append that found no route, then two whole uploads.
    assert_eq!(server.faults().requests(Route::Checkins), 3);
    assert!(!client.internals().uploads_offered().expect("read"));
    assert_eq!(client.internals().open_uploads().expect("read"), 0);
}

#[tokio::test]
async fn the_documents_are_fetched_again_only_when_they_changed() {
    let s = enrolled().await;
    assert_eq!(s.client.internals().plan_etag().expect("read"), None);
    let r = sync(&s.client).await;
    assert!(!r.plan_updated);
    let tag = s
        .client
        .internals()
        .plan_etag()
        .expect("read")
        .expect("a tag");
    let r = sync(&s.client).await;
    assert!(!r.plan_updated);
    assert_eq!(
        s.client.internals().plan_etag().expect("read"),
        Some(tag.clone())
    );
    // A new plan at the server: a new tag, and the plan is taken.
    let mut plan = reference_server::default_plan();
    plan["revision"] = (plan["revision"].as_u64().expect("revision") + 1).into();
    s.server.set_plan(plan);
    let r = sync(&s.client).await;
    assert!(r.plan_updated, "{r:?}");
    assert_ne!(s.client.internals().plan_etag().expect("read"), Some(tag));

    // A sync whose delivery failed does not ask again about documents it
    // checked minutes ago; one that went well does.
    submit_photo_checkin(&s.client, 1);
    s.server.faults().fail_next(1, Fault::InternalError);
    let asked = s.server.faults().requests(Route::Plan);
    let r = sync(&s.client).await;
    assert_eq!((r.delivered, r.remaining), (0, 1));
    assert_eq!(s.server.faults().requests(Route::Plan), asked);
    let r = sync(&s.client).await;
    assert_eq!(r.delivered, 1);
    assert_eq!(s.server.faults().requests(Route::Plan), asked + 1);
}

#[tokio::test]
async fn tls_sessions_resume_from_one_sync_to_the_next() {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let identity = TlsIdentity::self_signed().expect("cert");
    let pin = checkin_core::net::tls::spki_pin(&rustls::pki_types::CertificateDer::from(
        identity.cert_chain_der[0].clone(),
    ))
    .expect("pin");
    let mut cfg = ServerConfig::new(server_dir.path());
    cfg.tls = Some(identity);
    // Idle connections closed quickly, so each sync connects anew.
    cfg.limits.header_read_timeout = Duration::from_millis(300);
    let server = ReferenceServer::start(cfg).await.expect("server");
    let ks = SoftwareKeyStore::random().expect("ks");
    let client =
        CheckinClient::open(config(device_dir.path()), &ks, Arc::new(SystemClock)).expect("open");
    client
        .enroll_with_pins(
            &server.base_url(),
            &server.issue_enrollment_code(),
            vec![pin],
        )
        .await
        .expect("enroll");
    let (after_enrollment, _) = server.tls_handshakes();
    for seed in 0..3 {
        submit_photo_checkin(&client, seed);
        assert_eq!(sync(&client).await.delivered, 1);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let (all, resumed) = server.tls_handshakes();
    // Three syncs, three connections: the first full, the next resumed.
    assert_eq!(all - after_enrollment, 3);
    assert_eq!(resumed, 2);
}
