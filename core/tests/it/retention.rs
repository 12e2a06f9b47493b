//! Retention on the device, end to end against the reference server: a
//! month of daily check-ins, then time moves past the policy's
//! `retention.device_days` (30) while the phone is offline. Delivered
//! check-ins past it and an abandoned draft are deleted (no sealed byte of
//! theirs is left in the data directory), a wedged and a queued one stay
//! whatever their age, the compliance report is unchanged, and the ledger
//! still verifies, here and with the independent Python checker.

use std::sync::Arc;

use crate::support::*;
use checkin_core::clock::{Clock, ManualClock};
use checkin_core::compliance::ComplianceStatus;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::ledger::{LedgerEvent, RetainedItem};
use checkin_core::plan::WindowState;
use checkin_core::retention::RetentionReport;
use checkin_core::store::{DB_FILE, OutboxState};
use checkin_core::{CheckinClient, Connectivity};
use chrono::{DateTime, Duration, TimeZone, Utc};
use reference_server::{Fault, ReferenceServer, RunningServer, ServerConfig};
use serde_json::{Value, json};
use uuid::Uuid;

fn utc(month: u32, day: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, h, m, 0)
        .single()
        .expect("valid")
}

fn window(month: u32, day: u32) -> String {
    format!("daily@2026-{month:02}-{day:02}T09:00")
}

struct Device {
    server: RunningServer,
    client: CheckinClient,
    clock: Arc<ManualClock>,
    _server_dir: tempfile::TempDir,
    device_dir: tempfile::TempDir,
}

impl Device {
    /// Moves the phone's clock (wall and uptime) and the server's to `t`.
    fn move_to(&self, t: DateTime<Utc>) {
        self.clock.advance(t - self.clock.now());
        self.server
            .set_clock_offset_ms((t - Utc::now()).num_milliseconds());
    }

    /// Takes and submits the check-in for a window; returns its id.
    fn check_in(&self, window_id: &str, seed: u8) -> Uuid {
        let draft = self.client.start_checkin(Some(window_id)).expect("start");
        self.client
            .attach_photo(draft, &photo(320, 240, seed))
            .expect("photo");
        self.client.submit(draft).expect("submit").checkin_id
    }

    /// The sealed bytes a column holds for one row, read from the file.
    fn sealed(&self, sql: &str, id: Uuid) -> Vec<u8> {
        let conn = rusqlite::Connection::open(self.device_dir.path().join(DB_FILE)).expect("db");
        conn.query_row(sql, [id.to_string()], |r| r.get(0))
            .expect("sealed value")
    }

    /// Whether any of three 32-byte pieces of `sealed` is in any file of
    /// the data directory (database, WAL, anything else).
    fn on_disk(&self, sealed: &[u8]) -> bool {
        let files = files_under(self.device_dir.path());
        let pieces: Vec<&[u8]> = [sealed.len() / 4, sealed.len() / 2, 3 * sealed.len() / 4]
            .iter()
            .map(|&at| &sealed[at..at + 32])
            .collect();
        files.iter().any(|f| {
            let bytes = std::fs::read(f).expect("read");
            pieces.iter().any(|p| find(&bytes, p))
        })
    }
}

async fn device(start: DateTime<Utc>) -> Device {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let mut cfg = ServerConfig::new(server_dir.path());
    cfg.clock_offset_ms = (start - Utc::now()).num_milliseconds();
    cfg.plan_json = json!({
        "format": 1, "plan_id": "retention", "revision": 1, "zone": "Etc/UTC",
        "language": "en",
        "schedules": [{ "id": "daily", "start": "2026-11-01T09:00", "rrule": "FREQ=DAILY",
                        "window_minutes": 60, "late_minutes": 60 }]
    });
    let server = ReferenceServer::start(cfg).await.expect("server");
    let clock = Arc::new(ManualClock::new(start));
    let ks = SoftwareKeyStore::random().expect("ks");
    let client = CheckinClient::open(config(device_dir.path()), &ks, clock.clone()).expect("open");
    client
        .enroll(&server.base_url(), &server.issue_enrollment_code())
        .await
        .expect("enroll");
    assert_eq!(client.policy().expect("policy").retention.device_days, 30);
    Device {
        server,
        client,
        clock,
        _server_dir: server_dir,
        device_dir,
    }
}

#[tokio::test]
async fn past_device_days_delivered_checkins_go_and_nothing_else_changes() {
    let d = device(utc(11, 1, 8, 0)).await;

    // November: a check-in every day but the 5th (missed); the 14th's is
    // refused by the server for good (wedged); on the 2nd a check-in is
    // also started and abandoned.
    let mut ids = Vec::new();
    let mut first_envelope = Vec::new();
    let mut abandoned = None;
    for day in 1..=30u32 {
        d.move_to(utc(11, day, 9, 10));
        if day == 5 {
            continue;
        }
        if day == 2 {
            let draft = d.client.start_checkin(None).expect("start");
            d.client
                .attach_photo(draft, &photo(320, 240, 99))
                .expect("photo");
            abandoned = Some(draft);
        }
        let id = d.check_in(&window(11, day), day as u8);
        if day == 14 {
            // Refused every time it is sent, also when it is retried by
            // itself after its long backoff.
            d.server.faults().poison(
                &id.to_string(),
                Fault::Refuse {
                    status: 422,
                    code: "envelope_unopenable".into(),
                },
            );
        }
        if day == 1 {
            first_envelope = d.sealed(
                "SELECT coalesce(wire_envelope, envelope) FROM outbox WHERE checkin_id = ?1",
                id,
            );
        }
        let report = d.client.sync(far_deadline(), None).await.expect("sync");
        assert_eq!(
            report.retention,
            Some(RetentionReport::default()),
            "day {day}"
        );
        ids.push((day, id));
    }
    let abandoned = abandoned.expect("draft");
    let id_of = |day: u32| ids.iter().find(|(d, _)| *d == day).expect("day").1;
    assert_eq!(
        d.client
            .outbox()
            .expect("outbox")
            .iter()
            .filter(|i| i.state == OutboxState::Wedged)
            .map(|i| i.checkin_id)
            .collect::<Vec<_>>(),
        [id_of(14)]
    );

    // 1 December: no network from here on; the day's check-in stays queued.
    d.move_to(utc(12, 1, 9, 5));
    d.client
        .set_connectivity(Connectivity::Offline)
        .expect("offline");
    let queued = d.check_in(&window(12, 1), 31);

    // What the device holds of the first check-in and of the draft.
    let first = id_of(1);
    let first_summary = d.sealed("SELECT summary FROM outbox WHERE checkin_id = ?1", first);
    let first_receipt = d.sealed("SELECT receipt FROM outbox WHERE checkin_id = ?1", first);
    let draft_body = d.sealed("SELECT body FROM drafts WHERE id = ?1", abandoned);
    let kept_summary = d.sealed(
        "SELECT summary FROM outbox WHERE checkin_id = ?1",
        id_of(20),
    );
    for sealed in [&first_summary, &first_receipt, &draft_body, &kept_summary] {
        assert!(d.on_disk(sealed), "the scan finds what is stored");
    }

    // 15 December, 08:00: everything captured before 15 November 08:00 is
    // past 30 days.
    d.move_to(utc(12, 15, 8, 0));
    let from = utc(11, 1, 0, 0);
    let to = utc(12, 2, 0, 0);
    let before = d.client.compliance_report(from, to).expect("report");
    let outbox_before = d.client.outbox().expect("outbox");

    // A sync while offline still applies retention.
    let report = d.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(
        report.retention,
        Some(RetentionReport {
            checkins_deleted: 12, // 1–13 November, but the 5th (missed)
            drafts_deleted: 1,
            kept_without_proof: 0,
        })
    );

    // The compliance report is exactly what it was.
    let after = d.client.compliance_report(from, to).expect("report");
    assert_eq!(after, before);
    assert_eq!(after.len(), 31);
    let status = |day: usize| &after[day - 1].status;
    assert!(
        matches!(status(1), ComplianceStatus::Delivered { checkin_id, late: false, .. } if *checkin_id == first)
    );
    assert_eq!(
        *status(5),
        ComplianceStatus::NotTaken {
            state: WindowState::Missed
        }
    );
    assert!(matches!(status(14), ComplianceStatus::Wedged { .. }));
    assert!(
        matches!(status(31), ComplianceStatus::NotYetSent { checkin_id, .. } if *checkin_id == queued)
    );

    // The outbox kept exactly the young, the wedged and the queued ones.
    let cutoff = utc(11, 15, 8, 0);
    let kept: Vec<Uuid> = d
        .client
        .outbox()
        .expect("outbox")
        .iter()
        .map(|i| i.checkin_id)
        .collect();
    let want: Vec<Uuid> = outbox_before
        .iter()
        .filter(|i| i.state != OutboxState::Delivered || i.summary.captured_at > cutoff)
        .map(|i| i.checkin_id)
        .collect();
    assert_eq!(kept, want);
    assert!(kept.contains(&id_of(14)) && kept.contains(&queued));
    assert!(
        d.client
            .internals()
            .draft(abandoned)
            .expect("store")
            .is_none()
    );
    assert_eq!(d.client.offline_code(first).expect("code"), None);

    // No sealed byte of the deleted ones is left anywhere on the device.
    for (what, sealed) in [
        ("envelope", &first_envelope),
        ("summary", &first_summary),
        ("receipt", &first_receipt),
        ("draft", &draft_body),
    ] {
        assert!(!d.on_disk(sealed), "the deleted {what} is still on disk");
    }
    assert!(d.on_disk(&kept_summary), "a kept check-in is still there");
    assert_eq!(d.client.internals().integrity_check().expect("check"), "ok");

    // The ledger says what was deleted, and still verifies.
    let ledger = d.client.ledger().expect("verifies");
    let deleted: Vec<(Uuid, RetainedItem, u32)> = ledger
        .iter()
        .filter_map(|e| match &e.event {
            LedgerEvent::RetentionDeleted {
                checkin_id,
                item,
                device_days,
                ..
            } => Some((*checkin_id, *item, *device_days)),
            _ => None,
        })
        .collect();
    assert_eq!(deleted.len(), 13);
    assert!(deleted.contains(&(first, RetainedItem::DeliveredCheckin, 30)));
    assert!(deleted.contains(&(abandoned, RetainedItem::UnsubmittedDraft, 30)));
    let summary = d.client.ledger_summary("en").expect("summary");
    assert_eq!(
        summary
            .matches("deleted from this phone after 30 days")
            .count(),
        13,
        "{summary}"
    );

    // The independent checker accepts the export with its deletions, and
    // refuses a deletion claimed for a check-in that was never delivered.
    let json = d.client.export_ledger_json().expect("intact");
    let (code, out) = run_ledger_checker(d.device_dir.path(), &json);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("28 verified receipts, 13 deleted from the device under retention"),
        "{out}"
    );
    let mut forged: Value = serde_json::from_str(&json).expect("json");
    let entry = forged["entries"]
        .as_array_mut()
        .expect("entries")
        .iter_mut()
        .find(|e| e["entry"]["event"]["item"] == "delivered_checkin")
        .expect("a deletion");
    entry["entry"]["event"]["checkin_id"] = Value::from(queued.to_string());
    rechain(&mut forged);
    let (code, out) = run_ledger_checker(d.device_dir.path(), &forged.to_string());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("without a verified receipt"), "{out}");

    // Nothing more to delete; back online the queued one is delivered.
    assert_eq!(
        d.client.apply_retention().expect("retention"),
        RetentionReport::default()
    );
    d.client
        .set_connectivity(Connectivity::Online)
        .expect("online");
    let report = d.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(report.delivered, 1);
    assert!(matches!(
        d.client.compliance_report(from, to).expect("report")[30].status,
        ComplianceStatus::Delivered { .. }
    ));
}

#[tokio::test]
async fn a_checkin_not_yet_delivered_is_never_deleted() {
    let d = device(utc(11, 1, 8, 0)).await;
    d.move_to(utc(11, 1, 9, 10));
    d.client
        .set_connectivity(Connectivity::Offline)
        .expect("offline");
    let id = d.check_in(&window(11, 1), 1);
    // A year offline: the check-in waits, whole, to be sent.
    d.move_to(utc(11, 1, 9, 10) + Duration::days(365));
    assert_eq!(
        d.client.apply_retention().expect("retention"),
        RetentionReport::default()
    );
    assert!(d.client.internals().has_envelope(id).expect("store"));
    d.client
        .set_connectivity(Connectivity::Online)
        .expect("online");
    let report = d.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(report.delivered, 1);
    assert!(
        d.server
            .stored_checkin(&id.to_string())
            .expect("server")
            .is_some()
    );
    // Delivered a year after capture: already past retention, so it goes
    // at the end of the sync that delivered it, receipt safe in the ledger.
    assert_eq!(
        report.retention.map(|r| r.checkins_deleted),
        Some(1),
        "{report:?}"
    );
    assert!(d.client.outbox().expect("outbox").is_empty());
    let ledger = d.client.ledger().expect("verifies");
    assert!(ledger.iter().any(|e| matches!(
        &e.event,
        LedgerEvent::CheckinDelivered { checkin_id, .. } if *checkin_id == id
    )));
}
