//! Delivery under a misbehaving server (issue 5's fault runs): Retry-After
//! is honoured; random 500s, 503s, 429s, delays, dropped connections, lost
//! acknowledgements and bad receipts never produce a duplicate, a lost
//! check-in, or a delivery without a verified receipt. What is not the
//! program's word about an envelope (a captive portal's page, a proxy's
//! 403, 404 or 413, a redirect, an unknown device) never wedges one, and
//! a wedged one is retried by itself after a long backoff (issue 16).

use std::sync::Arc;
use std::time::Duration;

use crate::support::*;
use checkin_core::clock::ManualClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::store::OutboxState;
use checkin_core::{CheckinClient, LedgerEvent};
use reference_server::{Fault, Route};

#[tokio::test]
async fn retry_after_is_honoured() {
    let s = enrolled().await;
    let id = submit_photo_checkin(&s.client, 10);
    s.server
        .faults()
        .fail_next(1, Fault::Unavailable { retry_after_s: 120 });
    let before = s.client.corrected_now().expect("now");
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(r.delivered, 0);
    let next = r.next_retry_at.expect("a retry time");
    assert!(
        next >= before + chrono::Duration::seconds(119),
        "retry at {next}, asked 120 s after {before}"
    );
    let item = s
        .client
        .internals()
        .outbox_item(id)
        .expect("read")
        .expect("item");
    assert_eq!(item.state, OutboxState::Queued);

    // A sync before that time does not knock on the server's door.
    let seen = s.server.faults().requests(Route::Checkins);
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.remaining), (0, 1));
    assert_eq!(
        s.server.faults().requests(Route::Checkins),
        seen,
        "no request before Retry-After"
    );
}

#[tokio::test]
async fn a_sync_stops_at_its_deadline_and_leaves_items_whole() {
    let s = enrolled().await;
    let ids: Vec<_> = (0..3)
        .map(|i| submit_photo_checkin(&s.client, 20 + i))
        .collect();
    s.server
        .faults()
        .fail_next(3, Fault::Delay(Duration::from_millis(800)));
    let deadline = tokio::time::Instant::now() + Duration::from_millis(300);
    let r = s.client.sync(deadline, None).await.expect("sync");
    assert!(r.deadline_reached);
    for id in &ids {
        let item = s
            .client
            .internals()
            .outbox_item(*id)
            .expect("read")
            .expect("item");
        assert!(
            matches!(item.state, OutboxState::Queued | OutboxState::Delivered),
            "{:?}",
            item.state
        );
        assert_eq!(item.state == OutboxState::Delivered, item.receipt.is_some());
    }
    s.server.faults().clear();
    tokio::time::sleep(Duration::from_millis(900)).await;
    s.client.network_available().expect("reset");
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(r.remaining, 0);
    for id in &ids {
        assert_eq!(s.server.checkin_count(&id.to_string()), 1);
    }
}

#[tokio::test]
async fn random_faults_never_lose_double_or_fake_a_delivery() {
    let s = enrolled().await;
    let faults = s.server.faults();
    let kinds = [
        Fault::InternalError,
        Fault::Unavailable { retry_after_s: 0 },
        Fault::TooManyRequests { retry_after_s: 0 },
        Fault::Delay(Duration::from_millis(30)),
        Fault::DropBeforeBody,
        Fault::DropMidResponse,
        Fault::LostAck,
        Fault::BadReceiptSignature,
        Fault::WrongReceiptDigest,
    ];
    for (i, k) in kinds.iter().enumerate() {
        faults.add_random_on(Route::Checkins, k.clone(), 0.08, 1000 + i as u64);
    }
    let ids: Vec<_> = (0..25)
        .map(|i| submit_photo_checkin(&s.client, 40 + i))
        .collect();
    let mut rounds = 0;
    loop {
        rounds += 1;
        assert!(rounds < 200, "did not drain");
        s.client.network_available().expect("reset");
        let r = s.client.sync(far_deadline(), None).await.expect("sync");
        // Nothing is ever delivered without a receipt.
        for item in s.client.outbox().expect("outbox") {
            assert_eq!(item.state == OutboxState::Delivered, item.receipt.is_some());
            assert_ne!(item.state, OutboxState::Wedged, "{:?}", item.last_error);
        }
        if r.remaining == 0 {
            break;
        }
    }
    assert!(
        faults.injected(Route::Checkins) >= 10,
        "the run injected too few faults to mean anything"
    );
    let stored = s.server.stored_checkins();
    assert_eq!(stored.len(), ids.len());
    for id in &ids {
        assert_eq!(s.server.checkin_count(&id.to_string()), 1);
        let item = s
            .client
            .internals()
            .outbox_item(*id)
            .expect("read")
            .expect("item");
        let receipt = item.receipt.expect("receipt");
        let on_server = stored
            .iter()
            .find(|c| c.checkin_id == id.to_string())
            .expect("stored");
        assert_eq!(receipt.envelope_sha256_hex, on_server.digest_hex);
        assert!(!s.client.internals().has_envelope(*id).expect("read"));
    }
}

struct Recorder(std::sync::Mutex<Vec<checkin_core::sync::SyncProgress>>);
impl checkin_core::sync::SyncListener for Recorder {
    fn on_progress(&self, p: checkin_core::sync::SyncProgress) {
        self.0.lock().expect("lock").push(p);
    }
}

#[tokio::test]
async fn concurrent_syncs_do_not_send_twice_and_report_progress() {
    let s = enrolled().await;
    let ids: Vec<_> = (0..4)
        .map(|i| submit_photo_checkin(&s.client, 70 + i))
        .collect();
    s.server
        .faults()
        .fail_next(4, Fault::Delay(Duration::from_millis(100)));
    let seen = s.server.faults().requests(Route::Checkins);
    let a = Recorder(Default::default());
    let b = Recorder(Default::default());
    let (ra, rb) = tokio::join!(
        s.client.sync(far_deadline(), Some(&a)),
        s.client.sync(far_deadline(), Some(&b))
    );
    let (ra, rb) = (ra.expect("sync a"), rb.expect("sync b"));
    assert_eq!(ra.delivered + rb.delivered, 4);
    assert_eq!(
        s.server.faults().requests(Route::Checkins) - seen,
        4,
        "each check-in sent once"
    );
    let progress: Vec<_> =
        a.0.lock()
            .expect("lock")
            .iter()
            .chain(b.0.lock().expect("lock").iter())
            .copied()
            .collect();
    assert_eq!(progress.len(), 4);
    let last = progress.iter().max_by_key(|p| p.sent).expect("progress");
    assert_eq!((last.sent, last.remaining), (4, 0));
    assert!(
        progress
            .windows(2)
            .all(|w| w[0].bytes_sent < w[1].bytes_sent || w[0].sent > w[1].sent)
    );
    for id in ids {
        assert_eq!(s.server.checkin_count(&id.to_string()), 1);
    }
}

#[tokio::test]
async fn a_poisoned_checkin_is_wedged_and_the_ones_behind_it_still_go() {
    let s = enrolled().await;
    let ids: Vec<_> = (0..3)
        .map(|i| submit_photo_checkin(&s.client, 90 + i))
        .collect();
    s.server.faults().fail_next(
        1,
        Fault::Refuse {
            status: 422,
            code: "envelope_unopenable".into(),
        },
    );
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.wedged, r.remaining), (2, 1, 0));
    let poisoned = s
        .client
        .internals()
        .outbox_item(ids[0])
        .expect("read")
        .expect("item");
    assert_eq!(poisoned.state, OutboxState::Wedged);
    assert_eq!(
        poisoned.last_error.as_deref(),
        Some("422 envelope_unopenable"),
        "the reason is kept for the participant"
    );
    assert!(
        s.client.internals().has_envelope(ids[0]).expect("read"),
        "a wedged check-in keeps its payload"
    );
    for id in &ids[1..] {
        assert_eq!(s.server.checkin_count(&id.to_string()), 1);
    }
    // A later sync does not retry it soon...
    let seen = s.server.faults().requests(Route::Checkins);
    s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(s.server.faults().requests(Route::Checkins), seen);
    // ...but the participant can.
    assert!(s.client.retry_wedged(ids[0]).expect("retry"));
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(r.delivered, 1);
    assert_eq!(s.server.checkin_count(&ids[0].to_string()), 1);
}

#[tokio::test]
async fn offline_syncs_do_not_try_and_coming_back_sends_at_once() {
    let s = enrolled().await;
    let id = submit_photo_checkin(&s.client, 120);
    s.client
        .set_connectivity(checkin_core::Connectivity::Offline)
        .expect("offline");
    let seen = s.server.faults().requests(Route::Checkins);
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.remaining), (0, 1));
    assert_eq!(
        s.server.faults().requests(Route::Checkins),
        seen,
        "no request while offline"
    );
    s.client
        .set_connectivity(checkin_core::Connectivity::Metered)
        .expect("metered");
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(
        r.delivered, 1,
        "a check-in is sent on a metered network too"
    );
    assert_eq!(s.server.checkin_count(&id.to_string()), 1);
}

#[tokio::test]
async fn an_item_prepared_behind_a_failed_request_is_put_back_untouched() {
    // The sync prepares the next item (reads it, marks it `sending`) while
    // a request is out; when that request fails and the sync stops, the
    // prepared item goes back to `queued` with no attempt counted.
    let s = enrolled().await;
    let ids: Vec<_> = (0..3)
        .map(|i| submit_photo_checkin(&s.client, 40 + i))
        .collect();
    s.server.faults().fail_next(1, Fault::InternalError);
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.remaining), (0, 3), "{r:?}");
    let item = |id| {
        s.client
            .internals()
            .outbox_item(id)
            .expect("read")
            .expect("item")
    };
    assert_eq!(item(ids[0]).attempts, 1, "the failed one counts its try");
    for id in &ids[1..] {
        let it = item(*id);
        assert_eq!((it.state, it.attempts), (OutboxState::Queued, 0), "{id}");
    }
    s.client.network_available().expect("reset");
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.remaining), (3, 0), "{r:?}");
    for id in &ids {
        assert_eq!(s.server.checkin_count(&id.to_string()), 1);
        assert!(item(*id).receipt.is_some());
    }
    assert!(r.server_wait_ms > 0, "{r:?}");
}

/// Counts the connections made to a port nobody should be sent to (where a
/// portal's redirect points).
async fn redirect_target() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/login", listener.local_addr().expect("addr"));
    let hits = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(socket);
        }
    });
    (url, hits)
}

#[tokio::test]
async fn what_is_not_the_programs_word_never_wedges_the_queue() {
    let s = enrolled().await;
    let ids: Vec<_> = (0..3)
        .map(|i| submit_photo_checkin(&s.client, 130 + i))
        .collect();
    let (portal, portal_hits) = redirect_target().await;
    let answers = [
        Fault::Html { status: 403 },
        Fault::Redirect {
            status: 307,
            location: portal.clone(),
        },
        Fault::Redirect {
            status: 302,
            location: portal,
        },
        Fault::Html { status: 404 },
        Fault::Html { status: 413 },
        Fault::Html { status: 200 },
        Fault::Html { status: 202 },
        Fault::Html { status: 422 },
        // The program's own words, but not about this envelope.
        Fault::Refuse {
            status: 401,
            code: "unknown_device".into(),
        },
        Fault::Refuse {
            status: 403,
            code: "forbidden".into(),
        },
        Fault::Reject { status: 422 },
    ];
    for answer in answers {
        let label = format!("{answer:?}");
        s.server.faults().fail_next(1, answer);
        s.client.network_available().expect("reset");
        let seen = s.server.faults().requests(Route::Checkins);
        let r = s.client.sync(far_deadline(), None).await.expect(&label);
        assert_eq!(
            (r.delivered, r.wedged, r.remaining),
            (0, 0, 3),
            "{label}: {r:?}"
        );
        assert!(r.last_error.is_some(), "{label}: reported");
        assert_eq!(
            s.server.faults().requests(Route::Checkins) - seen,
            1,
            "{label}: the sync stops; the next item does not meet it"
        );
        for id in &ids {
            let item = s
                .client
                .internals()
                .outbox_item(*id)
                .expect("read")
                .expect("item");
            assert_eq!(item.state, OutboxState::Queued, "{label}");
        }
    }
    assert_eq!(
        portal_hits.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "a redirect is never followed"
    );
    // The way clears: everything goes, once.
    s.client.network_available().expect("reset");
    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.wedged, r.remaining), (3, 0, 0), "{r:?}");
    for id in &ids {
        assert_eq!(s.server.checkin_count(&id.to_string()), 1);
    }
}

#[tokio::test]
async fn a_wedged_checkin_is_retried_by_itself_after_a_long_backoff() {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let server = start_server(server_dir.path()).await;
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let ks = SoftwareKeyStore::random().expect("ks");
    let client = CheckinClient::open(config(device_dir.path()), &ks, clock.clone()).expect("open");
    client
        .enroll(&server.base_url(), &server.issue_enrollment_code())
        .await
        .expect("enroll");
    let id = submit_photo_checkin(&client, 140);
    // A server bug refuses it in the protocol's words.
    server.faults().fail_next(
        1,
        Fault::Refuse {
            status: 422,
            code: "envelope_unopenable".into(),
        },
    );
    let r = client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(r.wedged, 1);
    let wedged = client
        .internals()
        .outbox_item(id)
        .expect("read")
        .expect("item");
    let now_ms = client.corrected_now().expect("now").timestamp_millis();
    let wait_h = (wedged.next_attempt_at_ms - now_ms) as f64 / 3_600_000.0;
    assert!(
        (2.9..=6.0).contains(&wait_h),
        "first retry in {wait_h:.2} h"
    );
    assert_eq!(
        r.next_retry_at.map(|t| t.timestamp_millis()),
        Some(wedged.next_attempt_at_ms),
        "the shell is told when to wake for it"
    );

    // Seven hours later (on both clocks), a sync retries it by itself.
    let later = chrono::Duration::hours(7);
    clock.advance(later);
    server.set_clock_offset_ms(later.num_milliseconds());
    let r = client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.wedged, r.remaining), (1, 0, 0), "{r:?}");
    assert_eq!(server.checkin_count(&id.to_string()), 1);
    let item = client
        .internals()
        .outbox_item(id)
        .expect("read")
        .expect("item");
    assert_eq!(item.state, OutboxState::Delivered);
    assert!(
        client.ledger().expect("ledger").iter().any(|e| matches!(
            &e.event,
            LedgerEvent::CheckinDelivered { checkin_id, .. } if *checkin_id == id
        )),
        "its receipt is in the ledger"
    );
}
