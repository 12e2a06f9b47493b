//! The plan through the client: windows become check-ins, a plan change
//! from the server reaches the ledger and the reminders, a bad plan never
//! replaces a good one, and a phone clock set hours wrong after the last
//! sync does not change what is on time.

use std::sync::Arc;

use crate::support::*;
use checkin_core::clock::ManualClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::ledger::LedgerEvent;
use checkin_core::plan::WindowState;
use checkin_core::{CheckinClient, Error};
use chrono::{DateTime, Duration, TimeZone, Utc};
use reference_server::{ReferenceServer, ServerConfig, default_plan};

/// Monday 30 November 2026, 10:00 in New York: the demo plan's weekly
/// window (Mondays 09:00, 8 h) is open.
fn monday_10am() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 15, 0, 0)
        .single()
        .expect("valid")
}

async fn setup(
    now: DateTime<Utc>,
) -> (
    reference_server::RunningServer,
    CheckinClient,
    Arc<ManualClock>,
    tempfile::TempDir,
    tempfile::TempDir,
) {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let mut cfg = ServerConfig::new(server_dir.path());
    cfg.clock_offset_ms = (now - Utc::now()).num_milliseconds();
    let server = ReferenceServer::start(cfg).await.expect("server");
    let clock = Arc::new(ManualClock::new(now));
    let ks = SoftwareKeyStore::random().expect("ks");
    let client = CheckinClient::open(config(device_dir.path()), &ks, clock.clone()).expect("open");
    client
        .enroll(&server.base_url(), &server.issue_enrollment_code())
        .await
        .expect("enroll");
    (server, client, clock, server_dir, device_dir)
}

#[tokio::test]
async fn a_checkin_for_the_open_window_marks_it_done() {
    let (_server, client, _clock, _s, _d) = setup(monday_10am()).await;
    let due = client.due().expect("due").expect("a window");
    assert_eq!(due.window.id, "weekly@2026-11-30T09:00");
    assert_eq!(due.state, WindowState::Open);
    let draft = client.start_checkin(Some(&due.window.id)).expect("start");
    client
        .attach_photo(draft, &photo(320, 240, 1))
        .expect("photo");
    let summary = client.submit(draft).expect("submit");
    assert_eq!(
        summary.window.as_ref().map(|w| w.id.as_str()),
        Some("weekly@2026-11-30T09:00")
    );
    let due = client.due().expect("due").expect("a window");
    assert!(
        due.window.id != "weekly@2026-11-30T09:00" || due.state == WindowState::Done,
        "{due:?}"
    );
    assert!(matches!(
        client.start_checkin(Some("weekly@2026-11-30T09:01")),
        Err(Error::Plan(_))
    ));
}

#[tokio::test]
async fn a_moved_hearing_updates_the_ledger_and_exactly_its_reminders() {
    let (server, client, _clock, _s, _d) = setup(monday_10am()).await;
    let before = client.notifications(64).expect("notifications");
    assert_eq!(
        before,
        client.notifications(64).expect("again"),
        "stable across calls"
    );
    assert!(
        before.iter().any(|n| n.id.contains("hearing-1")),
        "{before:?}"
    );

    let mut moved = default_plan();
    moved["revision"] = serde_json::json!(4);
    moved["appointments"][0]["start"] = serde_json::json!("2026-12-15T10:00");
    server.set_plan(moved);
    let report = client.sync(far_deadline(), None).await.expect("sync");
    assert!(report.plan_updated, "{report:?}");
    assert_eq!(client.plan().expect("plan").expect("stored").revision(), 4);
    let ledger = client.ledger().expect("verifies");
    let Some(LedgerEvent::PlanReceived { changes }) = ledger
        .iter()
        .rev()
        .map(|e| &e.event)
        .find(|e| matches!(e, LedgerEvent::PlanReceived { .. }))
    else {
        panic!("no plan entry");
    };
    assert!(!changes.is_empty(), "the move is described");

    let after = client.notifications(64).expect("notifications");
    let ids = |v: &[checkin_core::remind::Notification]| {
        v.iter()
            .map(|n| n.id.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    let (b, a) = (ids(&before), ids(&after));
    for gone in b.difference(&a) {
        assert!(
            gone.contains("hearing-1"),
            "{gone} changed but is not the hearing"
        );
    }
    for new in a.difference(&b) {
        assert!(
            new.contains("hearing-1"),
            "{new} is new but is not the hearing"
        );
    }
    assert!(a.difference(&b).count() > 0);

    // A broken plan from the server never replaces the good one.
    let mut broken = default_plan();
    broken["revision"] = serde_json::json!(5);
    broken["zone"] = serde_json::json!("Mars/Olympus_Mons");
    server.set_plan(broken);
    let report = client.sync(far_deadline(), None).await.expect("sync");
    assert!(!report.plan_updated);
    assert!(
        report
            .document_error
            .as_deref()
            .unwrap_or("")
            .starts_with("plan"),
        "{report:?}"
    );
    assert_eq!(client.plan().expect("plan").expect("stored").revision(), 4);
}

#[tokio::test]
async fn a_phone_clock_set_three_hours_wrong_after_sync_changes_nothing() {
    // 16:30 in New York: 30 minutes before the window closes at 17:00.
    let now = monday_10am() + Duration::minutes(390);
    for wrong in [Duration::hours(3), Duration::hours(-3)] {
        let (server, client, clock, _s, _d) = setup(now).await;
        let honest = client.due().expect("due").expect("window");
        assert_eq!(honest.state, WindowState::Open);
        clock.set_wall(now + wrong);
        let due = client.due().expect("due").expect("window");
        assert_eq!(
            (due.window.id.as_str(), due.state),
            (honest.window.id.as_str(), honest.state),
            "clock off by {wrong}"
        );
        let draft = client.start_checkin(Some(&due.window.id)).expect("start");
        client
            .attach_photo(draft, &photo(320, 240, 2))
            .expect("photo");
        let summary = client.submit(draft).expect("submit");
        // The claim is the true time; the evidence shows the wrong clock.
        assert!(
            (summary.captured_at - now).num_seconds().abs() <= 1,
            "captured {}",
            summary.captured_at
        );
        assert_eq!(summary.clock.device_time, now + wrong);
        client.sync(far_deadline(), None).await.expect("sync");
        let stored = server.stored_checkins();
        assert_eq!(stored.len(), 1);
        assert!((stored[0].captured_at - now).num_seconds().abs() <= 1);
    }
}
