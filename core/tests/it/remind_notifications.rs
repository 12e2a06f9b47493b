//! The notifications a phone should hold: at most `max`, the soonest,
//! stable across calls, refilled as time passes, and a plan change
//! replaces exactly the affected ids.

use checkin_core::clock::ClockEstimate;
use checkin_core::i18n::Localizer;
use checkin_core::plan::{self, CompletedCheckin, Plan, WindowState};
use checkin_core::remind::{self, LeavePlan, Notification, NotificationKind};
use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Utc};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Court hearings' day and morning reminders, and leave times.
mod hearings;
/// Every reminder worked out the slow, obvious way.
mod oracle;
use oracle::brute_force;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/plans")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn plan(name: &str) -> Plan {
    Plan::from_json(&fixture(name)).expect("valid fixture")
}

fn utc(s: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .expect("test time")
        .and_utc()
}

fn at(s: &str) -> ClockEstimate {
    ClockEstimate::uncorrected(utc(s))
}

fn ids(list: &[Notification]) -> Vec<&str> {
    list.iter().map(|n| n.id.as_str()).collect()
}

fn summary(list: &[Notification]) -> Vec<(DateTime<Utc>, String, NotificationKind, u32)> {
    list.iter()
        .map(|n| (n.fire_at, n.subject_id.clone(), n.kind, n.minutes_before))
        .collect()
}

#[test]
fn respects_max_and_returns_the_soonest() {
    let plan = plan("daily_50_appointments.json");
    let en = Localizer::new("en");
    let now = at("2026-06-10T12:00");
    let all = brute_force(&plan, &[], &[], &now);
    for max in [0, 1, 2, 5, 17, 64, 200] {
        let list = remind::notifications(&plan, &[], &[], &now, max, &en);
        assert_eq!(list.len(), max.min(all.len()), "max {max}");
        assert_eq!(summary(&list), all[..list.len()].to_vec(), "max {max}");
    }
}

#[test]
fn is_stable_across_calls_and_ids_are_unique() {
    let plan = plan("daily_50_appointments.json");
    let en = Localizer::new("en");
    let now = at("2026-06-10T12:00");
    let first = remind::notifications(&plan, &[], &[], &now, 64, &en);
    let second = remind::notifications(&plan, &[], &[], &now, 64, &en);
    assert_eq!(first, second);
    let unique: BTreeSet<&str> = ids(&first).into_iter().collect();
    assert_eq!(unique.len(), first.len());
    // A fresh localizer and a re-read plan give the same ids too.
    let again = remind::notifications(
        &Plan::from_json(&plan.to_json()).expect("valid"),
        &[],
        &[],
        &now,
        64,
        &Localizer::new("en-US"),
    );
    assert_eq!(ids(&first), ids(&again));
}

#[test]
fn refills_as_time_passes_keeping_ids() {
    let plan = plan("daily_50_appointments.json");
    let en = Localizer::new("en");
    let now = at("2026-06-10T12:00");
    let before = remind::notifications(&plan, &[], &[], &now, 10, &en);
    // Just after the third notification fires.
    let later = ClockEstimate::uncorrected(before[2].fire_at + Duration::seconds(1));
    let after = remind::notifications(&plan, &[], &[], &later, 10, &en);
    assert_eq!(after.len(), 10);
    assert_eq!(
        ids(&after[..7]),
        ids(&before[3..]),
        "the unfired ones are kept as they were"
    );
    assert!(
        after[7..].iter().all(|n| n.fire_at >= before[9].fire_at),
        "new ones refill the back"
    );
}

#[test]
fn a_done_window_drops_exactly_its_reminders() {
    let plan = plan("daily_50_appointments.json");
    let en = Localizer::new("en");
    // The 2026-06-10 window: 18:00 EDT = 22:00Z, open three hours.
    let now = at("2026-06-10T22:30");
    let before = remind::notifications(&plan, &[], &[], &now, 20, &en);
    let done = [CompletedCheckin {
        window_id: "daily@2026-06-10T18:00".into(),
        captured_at: at("2026-06-10T22:20"),
    }];
    let after = remind::notifications(&plan, &done, &[], &now, 20, &en);
    let removed: Vec<_> = before.iter().filter(|n| !after.contains(n)).collect();
    assert!(!removed.is_empty());
    assert!(
        removed
            .iter()
            .all(|n| n.subject_id == "daily@2026-06-10T18:00"),
        "{removed:?}"
    );
    let kept: Vec<_> = after.iter().filter(|n| before.contains(n)).collect();
    assert_eq!(kept.len(), before.len() - removed.len());
}

#[test]
fn a_moved_hearing_replaces_exactly_its_ids() {
    let old = plan("demo.json");
    let moved_json = String::from_utf8(fixture("demo.json"))
        .expect("utf-8")
        .replace("\"2026-12-14T09:00\"", "\"2026-12-16T10:30\"")
        .replace("\"revision\": 3", "\"revision\": 4");
    let update = plan::review_update(Some(&old), moved_json.as_bytes(), &at("2026-11-20T12:00"))
        .expect("valid update");
    let es = Localizer::new(old.language());
    let now = at("2026-11-20T12:00");
    // Enough room that nothing is pushed out by truncation.
    let before = remind::notifications(&old, &[], &[], &now, 64, &es);
    let after = remind::notifications(&update.plan, &[], &[], &now, 64, &es);

    let before_ids: BTreeSet<&str> = ids(&before).into_iter().collect();
    let after_ids: BTreeSet<&str> = ids(&after).into_iter().collect();
    let dropped: Vec<&str> = before_ids.difference(&after_ids).copied().collect();
    let added: Vec<&str> = after_ids.difference(&before_ids).copied().collect();
    let hearing = |id: &&str| id.contains(":hearing-1#");
    assert_eq!(dropped.len(), 3, "three hearing reminders: {dropped:?}");
    assert_eq!(added.len(), 3, "{added:?}");
    assert!(dropped.iter().all(hearing) && added.iter().all(hearing));

    // And the change is described for the ledger.
    assert_eq!(update.changes.len(), 1, "{:?}", update.changes);
    let text = update.changes[0].describe(&es);
    assert_eq!(
        text,
        "Audiencia en el tribunal cambiada del lunes 14 de diciembre 9:00 (America/Denver) al miércoles 16 de diciembre 10:30 (America/Denver)."
    );
}

#[test]
fn reminders_read_in_the_participants_language_and_link_to_their_subject() {
    let plan = plan("demo.json");
    let es = Localizer::new(plan.language());
    let list = remind::notifications(&plan, &[], &[], &at("2026-11-20T12:00"), 64, &es);

    let opens = list
        .iter()
        .find(|n| n.kind == NotificationKind::WindowOpens)
        .expect("a window opens");
    assert_eq!(opens.subject_id, "weekly@2026-11-23T09:00");
    assert_eq!(opens.title, "Es hora de reportarse");
    assert_eq!(
        opens.body,
        "Su ventana de reporte está abierta hasta las 17:00 del lunes 23 de noviembre."
    );
    assert_eq!(opens.deep_link, "checkin://window/weekly@2026-11-23T09:00");
    assert_eq!(opens.fire_local, "2026-11-23T09:00:00-05:00");
    assert!(
        opens.id.starts_with("open:weekly@2026-11-23T09:00#"),
        "{}",
        opens.id
    );

    let closing = list
        .iter()
        .find(|n| n.kind == NotificationKind::WindowClosing && n.minutes_before == 15)
        .expect("closing");
    assert_eq!(
        closing.body,
        "Quedan 15 minutos: repórtese antes de las 17:00."
    );

    // The hearing is in Denver: its time is shown there, with the zone.
    let hearing: Vec<_> = list
        .iter()
        .filter(|n| n.subject_id == "hearing-1")
        .collect();
    assert_eq!(hearing.len(), 3);
    assert_eq!(hearing[1].title, "Audiencia en el tribunal");
    assert_eq!(
        hearing[1].body,
        "Mañana a las 9:00 (MST) · Denver District Court, Courtroom 5B"
    );
    assert_eq!(
        hearing[0].body,
        "El lunes 14 de diciembre a las 9:00 (MST) · Denver District Court, Courtroom 5B"
    );
    assert_eq!(hearing[2].deep_link, "checkin://appointment/hearing-1");
    // 9:00 MST is 11:00 in New York; three hours before is 08:00 there.
    assert_eq!(hearing[2].fire_local, "2026-12-14T08:00:00-05:00");

    let en = Localizer::new("en");
    let office = remind::notifications(&plan, &[], &[], &at("2026-12-03T10:00"), 64, &en)
        .into_iter()
        .find(|n| n.subject_id == "office-1")
        .expect("office reminder");
    assert_eq!(office.title, "Office visit");
    assert_eq!(
        office.body,
        "Today at 2:30 PM · Probation office, 3rd floor"
    );
}

#[test]
fn fire_times_follow_the_phones_clock_and_ids_ignore_offset_jitter() {
    let plan = plan("demo.json");
    let en = Localizer::new("en");
    let truth = utc("2026-11-20T12:00");
    let honest =
        remind::notifications(&plan, &[], &[], &ClockEstimate::uncorrected(truth), 64, &en);
    // A phone three hours ahead, known from the last sync, with a few
    // milliseconds of measuring noise.
    for jitter_ms in [0, 250, -400] {
        let ahead = ClockEstimate {
            device_time: truth + Duration::hours(3),
            server_offset_ms: -3 * 3_600_000 + jitter_ms,
            uptime_ms: None,
        };
        let list = remind::notifications(&plan, &[], &[], &ahead, 64, &en);
        assert_eq!(list.len(), honest.len());
        for (n, h) in list.iter().zip(&honest) {
            assert_eq!(n.fire_at, h.fire_at, "same true time");
            assert_eq!(
                n.fire_at_device,
                h.fire_at + Duration::hours(3),
                "scheduled on the phone's clock"
            );
            assert_eq!((&n.title, &n.body), (&h.title, &h.body));
        }
        let again = remind::notifications(
            &plan,
            &[],
            &[],
            &ClockEstimate {
                server_offset_ms: -3 * 3_600_000,
                ..ahead
            },
            64,
            &en,
        );
        assert_eq!(ids(&list), ids(&again), "jitter {jitter_ms} ms");
    }
}

#[test]
fn next_wakeup_comes_before_the_phone_runs_dry_and_after_now() {
    let plan = plan("daily_50_appointments.json");
    let en = Localizer::new("en");
    let now = at("2026-06-10T12:00");
    let held = remind::notifications(&plan, &[], &[], &now, 8, &en);
    let wake = remind::next_wakeup(&plan, &[], &[], &now, 8).expect("a wake-up");
    assert!(wake > now.corrected());
    assert!(wake <= held[3].fire_at, "refill once half have fired");
    // Yesterday's window was missed (late period ended 03:15Z); due()
    // stops reporting it 12 hours later, which is the next state change.
    assert_eq!(
        plan::due(&plan, &[], &now).map(|d| d.state),
        Some(WindowState::Missed)
    );
    assert_eq!(wake, utc("2026-06-10T15:15"));
    // Had it been done, the next change is today's window opening at 22:00Z.
    let done = [CompletedCheckin {
        window_id: "daily@2026-06-09T18:00".into(),
        captured_at: at("2026-06-09T22:30"),
    }];
    assert_eq!(
        remind::next_wakeup(&plan, &done, &[], &now, 8),
        Some(utc("2026-06-10T22:00"))
    );
    // The plan's sync interval bounds it when nothing else is near.
    let quiet = Plan::from_json(
        br#"{"format":1,"plan_id":"p","revision":1,"zone":"Etc/UTC","language":"en","sync_every_minutes":360,
            "schedules":[{"id":"once","start":"2027-01-01T09:00","window_minutes":60}]}"#,
    )
    .expect("valid");
    assert_eq!(
        remind::next_wakeup(&quiet, &[], &[], &now, 8),
        Some(utc("2026-06-10T18:00"))
    );
    // On the phone's own clock.
    let ahead = ClockEstimate {
        device_time: now.device_time + Duration::hours(3),
        server_offset_ms: -3 * 3_600_000,
        uptime_ms: None,
    };
    assert_eq!(
        remind::next_wakeup(&quiet, &[], &[], &ahead, 8),
        Some(utc("2026-06-10T21:00"))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn for_any_time_and_max_the_list_is_the_soonest_prefix(
        minutes in 0i64..(2 * 365 * 24 * 60),
        step in 1i64..(10 * 24 * 60),
        max in 0usize..80,
        // Leave times for the plan's appointments (appt-00 … appt-49) and
        // for a few it does not have.
        leaves in proptest::collection::vec((0u32..55, 0u32..24, 0u32..60), 0..8),
    ) {
        let plan = plan("daily_50_appointments.json");
        let en = Localizer::new("en");
        let leave_plans: Vec<LeavePlan> = leaves
            .iter()
            .map(|(i, h, m)| LeavePlan {
                appointment_id: format!("appt-{i:02}"),
                leave_at: NaiveTime::from_hms_opt(*h, *m, 0).expect("valid"),
            })
            .collect();
        let now = ClockEstimate::uncorrected(utc("2026-01-01T00:00") + Duration::minutes(minutes));
        let list = remind::notifications(&plan, &[], &leave_plans, &now, max, &en);
        let all = brute_force(&plan, &[], &leave_plans, &now);
        prop_assert_eq!(list.len(), max.min(all.len()));
        prop_assert_eq!(summary(&list), all[..list.len()].to_vec());
        prop_assert!(list.iter().all(|n| n.fire_at > now.corrected()));

        // Later, every reminder still pending and still among the soonest
        // keeps its id.
        let later = ClockEstimate::uncorrected(now.corrected() + Duration::minutes(step));
        let next = remind::notifications(&plan, &[], &leave_plans, &later, max, &en);
        let horizon = next.last().map(|n| n.fire_at);
        for n in &list {
            if n.fire_at > later.corrected() && horizon.is_some_and(|h| n.fire_at < h) {
                prop_assert!(next.iter().any(|m| m.id == n.id), "{} lost its id", n.id);
            }
        }
    }
}

#[test]
fn repeated_offsets_give_one_reminder_each() {
    let text = String::from_utf8(fixture("demo.json"))
        .expect("utf-8")
        .replace("[2880, 1440, 180]", "[180, 2880, 180, 1440, 2880]")
        .replace("[60, 15]", "[15, 60, 15]");
    let repeated = Plan::from_json(text.as_bytes()).expect("valid");
    let list = remind::notifications(
        &repeated,
        &[],
        &[],
        &at("2026-11-20T12:00"),
        64,
        &Localizer::new("es"),
    );
    let unique: BTreeSet<&str> = ids(&list).into_iter().collect();
    assert_eq!(unique.len(), list.len());
    assert_eq!(
        list.iter().filter(|n| n.subject_id == "hearing-1").count(),
        3
    );
    // And the same list as the plan that spelled each offset once.
    assert_eq!(
        ids(&list),
        ids(&remind::notifications(
            &plan("demo.json"),
            &[],
            &[],
            &at("2026-11-20T12:00"),
            64,
            &Localizer::new("es")
        ))
    );
}

#[test]
fn a_cancelled_window_drops_exactly_its_reminders_and_is_recorded() {
    let old = plan("demo.json");
    let cancelled = String::from_utf8(fixture("demo.json"))
        .expect("utf-8")
        .replace(
            "\"exdates\": [\"2026-12-28T09:00\"]",
            "\"exdates\": [\"2026-12-28T09:00\", \"2026-11-30T09:00\"]",
        );
    let now = at("2026-11-20T12:00");
    let update = plan::review_update(Some(&old), cancelled.as_bytes(), &now).expect("valid update");
    let en = Localizer::new("en");
    let before = remind::notifications(&old, &[], &[], &now, 64, &en);
    let after = remind::notifications(&update.plan, &[], &[], &now, 64, &en);
    let gone: Vec<&Notification> = before.iter().filter(|n| !after.contains(n)).collect();
    let new: Vec<&Notification> = after.iter().filter(|n| !before.contains(n)).collect();
    assert!(
        !gone.is_empty()
            && gone
                .iter()
                .all(|n| n.subject_id == "weekly@2026-11-30T09:00"),
        "{gone:?}"
    );
    // Only what was pushed out by the 64 limit comes in at the back.
    assert!(
        new.iter()
            .all(|n| n.fire_at >= before[before.len() - 1].fire_at),
        "{new:?}"
    );

    let lines: Vec<String> = update.changes.iter().map(|c| c.describe(&en)).collect();
    assert_eq!(
        lines,
        [
            "A check-in schedule changed: cancelled dates.",
            "Check-in cancelled or moved: Monday, November 30 9:00 AM.",
        ]
    );
}
