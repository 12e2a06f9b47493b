//! Delivery under a misbehaving server (issue 5's fault runs): Retry-After
//! is honoured; random 500s, 503s, 429s, delays, dropped connections, lost
//! acknowledgements and bad receipts never produce a duplicate, a lost
//! check-in, or a delivery without a verified receipt.

use std::time::Duration;

use crate::support::*;
use checkin_core::store::OutboxState;
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
    s.server
        .faults()
        .fail_next(1, Fault::Reject { status: 422 });
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
        Some("422 rejected"),
        "the reason is kept for the participant"
    );
    assert!(
        s.client.internals().has_envelope(ids[0]).expect("read"),
        "a wedged check-in keeps its payload"
    );
    for id in &ids[1..] {
        assert_eq!(s.server.checkin_count(&id.to_string()), 1);
    }
    // A later sync does not retry it by itself...
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
