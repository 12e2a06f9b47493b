//! Proof of compliance through the client: windows from the plan against
//! the check-ins actually taken and the program's receipts.
//! (A month of late, missed, wedged and unsent cases is covered by the
//! pure report's unit test in core/src/compliance.rs.)

use crate::support::*;
use checkin_core::compliance::ComplianceStatus;
use checkin_core::plan::WindowState;
use chrono::{Duration, Utc};
use serde_json::json;

#[tokio::test]
async fn a_delivered_checkin_is_proof_and_earlier_days_are_missed() {
    let s = enrolled().await;
    let now = Utc::now();
    // A daily window that opened ten minutes ago, starting three days ago.
    let start = (now - Duration::days(3) - Duration::minutes(10)).format("%Y-%m-%dT%H:%M");
    s.server.set_plan(json!({
        "format": 1, "plan_id": "demo-plan", "revision": 1000, "zone": "Etc/UTC",
        "language": "en",
        "schedules": [{ "id": "daily", "start": start.to_string(), "rrule": "FREQ=DAILY",
                        "window_minutes": 60, "late_minutes": 60 }]
    }));
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert!(report.plan_updated);

    let due = s.client.due().expect("due").expect("a window");
    assert_eq!(due.state, WindowState::Open);
    let draft = s.client.start_checkin(Some(&due.window.id)).expect("start");
    s.client
        .attach_photo(draft, &photo(640, 480, 9))
        .expect("photo");
    s.client.submit(draft).expect("submit");

    let from = now - Duration::days(4);
    let to = now + Duration::hours(1);
    let before = s.client.compliance_report(from, to).expect("report");
    assert!(matches!(
        before.last().map(|w| &w.status),
        Some(ComplianceStatus::NotYetSent { late: false, .. })
    ));

    s.client.sync(far_deadline(), None).await.expect("sync");
    let rep = s.client.compliance_report(from, to).expect("report");
    assert_eq!(rep.len(), 4, "three past days and today: {rep:?}");
    for past in &rep[..3] {
        assert_eq!(
            past.status,
            ComplianceStatus::NotTaken {
                state: WindowState::Missed
            }
        );
    }
    let ComplianceStatus::Delivered {
        checkin_id,
        late,
        receipt,
    } = &rep[3].status
    else {
        panic!("today is delivered: {:?}", rep[3]);
    };
    assert_eq!(*checkin_id, draft);
    assert!(!late);
    let stored = s
        .server
        .stored_checkin(&draft.to_string())
        .expect("server")
        .expect("stored");
    assert_eq!(receipt.envelope_sha256_hex, stored.digest_hex);
}
