//! When evidence was captured: each piece of a check-in keeps the moment
//! the core took it, the sealed record and header say so (not when the
//! check-in was started), and evidence for a window whose grace and late
//! periods are over is refused with an error the screens put in the
//! participant's words. The phone's clock is a `ManualClock`, the server's
//! moved with it.

use std::sync::Arc;

use crate::support::*;
use checkin_core::clock::{Clock, ManualClock};
use checkin_core::compliance::ComplianceStatus;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::location::LocationFix;
use checkin_core::{CaptureResult, CheckinClient, ClientConfig, Error, Route, ShellContext};
use chrono::{DateTime, Duration, TimeZone, Utc};
use reference_server::{ReferenceServer, RunningServer, ServerConfig};
use serde_json::{Value, json};

/// 2026-11-23 at `h:m` UTC.
fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0)
        .single()
        .expect("valid")
}

/// The day's window: open 09:00–10:00, grace to 10:15, late to 11:15.
const WINDOW: &str = "daily@2026-11-23T09:00";

struct Phone {
    server: RunningServer,
    client: CheckinClient,
    clock: Arc<ManualClock>,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

impl Phone {
    /// Moves the phone's clock (wall and uptime) and the server's to `t`.
    fn move_to(&self, t: DateTime<Utc>) {
        self.clock.advance(t - self.clock.now());
        self.server
            .set_clock_offset_ms((t - Utc::now()).num_milliseconds());
    }

    /// A fresh fix where the phone is, taken now by its clock.
    fn fix(&self) -> LocationFix {
        LocationFix {
            lat: 40.4168,
            lon: -3.7038,
            accuracy_m: 15.0,
            fix_time: self.clock.now(),
            provider: "gps".into(),
            mock: false,
        }
    }
}

/// Enrolled at 08:00 with the daily window above (default policy: photo
/// required, voice optional, coarse location).
async fn phone() -> Phone {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let start = at(8, 0);
    let mut cfg = ServerConfig::new(server_dir.path());
    cfg.clock_offset_ms = (start - Utc::now()).num_milliseconds();
    cfg.plan_json = json!({
        "format": 1, "plan_id": "times", "revision": 1, "zone": "Etc/UTC",
        "language": "en",
        "schedules": [{ "id": "daily", "start": "2026-11-20T09:00", "rrule": "FREQ=DAILY",
                        "window_minutes": 60, "grace_minutes": 15, "late_minutes": 60 }]
    });
    let server = ReferenceServer::start(cfg).await.expect("server");
    let clock = Arc::new(ManualClock::new(start));
    let config = ClientConfig {
        locale: "en".into(),
        ..config(device_dir.path())
    };
    let ks = SoftwareKeyStore::random().expect("ks");
    let client = CheckinClient::open(config, &ks, clock.clone()).expect("open");
    client
        .enroll(&server.base_url(), &server.issue_enrollment_code())
        .await
        .expect("enroll");
    Phone {
        server,
        client,
        clock,
        _dirs: (server_dir, device_dir),
    }
}

/// `a` is `b` to within the few seconds the test's real time moves the
/// server's clock against the phone's.
#[track_caller]
fn near(a: DateTime<Utc>, b: DateTime<Utc>) {
    assert!((a - b).num_seconds().abs() < 10, "{a} is not {b}");
}

fn time_of(v: &Value) -> DateTime<Utc> {
    v.as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("a time: {v}"))
}

#[tokio::test]
async fn each_piece_of_evidence_carries_the_moment_it_was_captured() {
    let p = phone().await;
    p.move_to(at(9, 5));
    let draft = p.client.start_checkin(Some(WINDOW)).expect("start");
    p.move_to(at(9, 50));
    p.client
        .attach_photo(draft, &photo(640, 480, 1))
        .expect("photo in the window");
    p.move_to(at(10, 10));
    p.client
        .attach_location(draft, &p.fix())
        .expect("location in the grace period");
    p.move_to(at(10, 20));
    let summary = p.client.submit(draft).expect("submit");
    // The check-in was whole at its last capture: that is its moment, with
    // the clock reading behind it; sealing came later.
    near(summary.captured_at, at(10, 10));
    assert_eq!(summary.clock.device_time, at(10, 10));
    let report = p.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(report.delivered, 1);
    let stored = p
        .server
        .stored_checkin(&draft.to_string())
        .expect("server")
        .expect("stored");
    let times = &stored.record["evidence_captured_at"];
    near(time_of(&times["photo"]), at(9, 50));
    near(time_of(&times["location"]), at(10, 10));
    assert!(
        times.get("voice").is_none(),
        "no recording, no time: {times}"
    );
    near(time_of(&stored.record["captured_at"]), at(10, 10));
    assert_eq!(stored.header["captured_at"], stored.record["captured_at"]);
    near(time_of(&stored.header["sealed_at"]), at(10, 20));
    assert_eq!(
        stored.captured_at, summary.captured_at,
        "the receipt names it too"
    );
    // Captured in the grace period, so on time, though sealed after it.
    let proof = p
        .client
        .compliance_report(at(9, 0), at(9, 1))
        .expect("report");
    assert!(
        matches!(
            proof.as_slice(),
            [w] if matches!(w.status, ComplianceStatus::Delivered { late: false, .. })
        ),
        "{proof:?}"
    );
}

#[tokio::test]
async fn evidence_after_the_late_period_is_refused_and_the_draft_kept() {
    let p = phone().await;
    p.move_to(at(10, 50));
    let draft = p
        .client
        .start_checkin(Some(WINDOW))
        .expect("start in the late period");
    p.move_to(at(11, 0));
    p.client
        .attach_photo(draft, &photo(640, 480, 2))
        .expect("photo in the late period");

    // At 11:15 the late period ended: nothing more joins the check-in.
    p.move_to(at(11, 16));
    match p.client.attach_location(draft, &p.fix()) {
        Err(Error::WindowClosed { late_ends }) => assert_eq!(late_ends, at(11, 15)),
        other => panic!("expected WindowClosed, got {other:?}"),
    }
    assert!(matches!(
        p.client.attach_photo(draft, &photo(640, 480, 3)),
        Err(Error::WindowClosed { .. })
    ));
    let kept = p
        .client
        .internals()
        .draft(draft)
        .expect("store")
        .expect("draft");
    assert!(kept.location.is_none(), "nothing was attached");
    near(kept.captured.photo.expect("timed").corrected(), at(11, 0));
    // Nor does a new check-in start for that window.
    assert!(matches!(
        p.client.start_checkin(Some(WINDOW)),
        Err(Error::WindowClosed { .. })
    ));

    // The screens say it in the participant's words, on the check-in.
    let route = Route::Checkin {
        checkin_id: draft.to_string(),
    };
    let screen = p
        .client
        .deliver_capture(
            &route,
            CaptureResult::Photo {
                checkin_id: draft.to_string(),
                jpeg: photo(640, 480, 4),
            },
            &ShellContext::default(),
        )
        .await
        .expect("screen");
    let text = screen.to_text();
    assert!(
        text.contains("The time for this check-in is over"),
        "{text}"
    );

    // What was captured in time is still sealed, with its own moment: late.
    let summary = p.client.submit(draft).expect("submit");
    near(summary.captured_at, at(11, 0));
}

#[tokio::test]
async fn an_unscheduled_checkin_takes_evidence_at_any_time() {
    let p = phone().await;
    p.move_to(at(23, 0));
    let draft = p.client.start_checkin(None).expect("start");
    p.move_to(at(23, 0) + Duration::hours(5));
    p.client
        .attach_photo(draft, &photo(640, 480, 5))
        .expect("photo");
    let summary = p.client.submit(draft).expect("submit");
    near(summary.captured_at, at(23, 0) + Duration::hours(5));
}
