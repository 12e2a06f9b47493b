//! `plan::changes`: what a new plan changes, for the participant's ledger.

use checkin_core::i18n::Localizer;
use checkin_core::plan::{self, AppointmentKind, Plan, PlanChange, ScheduleField};
use chrono::{NaiveDateTime, TimeZone};
use std::path::PathBuf;

fn demo_text() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/plans/demo.json");
    std::fs::read_to_string(path).expect("demo fixture")
}

fn parse(text: &str) -> Plan {
    Plan::from_json(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("test time")
}

#[test]
fn the_same_plan_changes_nothing() {
    let demo = parse(&demo_text());
    assert!(plan::changes(&demo, &demo).is_empty());
}

#[test]
fn every_kind_of_change_is_reported_once() {
    let old = parse(&demo_text());
    let mut doc: serde_json::Value = serde_json::from_str(&demo_text()).expect("json");
    doc["revision"] = 4.into();
    doc["language"] = "en".into();
    // Weekly window shortened and moved to Tuesdays.
    doc["schedules"][0]["window_minutes"] = 240.into();
    doc["schedules"][0]["rrule"] = "FREQ=WEEKLY;BYDAY=TU".into();
    // A one-off check-in added.
    doc["schedules"].as_array_mut().expect("list").push(
        serde_json::json!({"id": "extra-1", "start": "2026-12-05T10:00", "window_minutes": 60}),
    );
    // Hearing moved and its notes changed; office visit cancelled; a new appointment.
    doc["appointments"][0]["start"] = "2026-12-16T10:30".into();
    doc["appointments"][0]["notes"] = "Bring two IDs.".into();
    doc["appointments"].as_array_mut().expect("list").remove(1);
    doc["appointments"]
        .as_array_mut()
        .expect("list")
        .push(serde_json::json!({"id": "test-1", "kind": "other", "title": "Drug test", "start": "2026-12-08T08:00"}));
    let new = parse(&doc.to_string());

    let changes = plan::changes(&old, &new);
    assert_eq!(
        changes,
        vec![
            PlanChange::LanguageChanged {
                from: "es".into(),
                to: "en".into()
            },
            PlanChange::ScheduleChanged {
                schedule_id: "weekly".into(),
                fields: vec![ScheduleField::Recurrence, ScheduleField::Window],
            },
            PlanChange::ScheduleAdded {
                schedule_id: "extra-1".into(),
                first_window: local("2026-12-05T10:00"),
                recurring: false,
            },
            PlanChange::AppointmentAdded {
                appointment_id: "test-1".into(),
                kind: AppointmentKind::Other,
                at: local("2026-12-08T08:00"),
                zone: "America/New_York".into(),
            },
            PlanChange::AppointmentMoved {
                appointment_id: "hearing-1".into(),
                kind: AppointmentKind::CourtHearing,
                from: local("2026-12-14T09:00"),
                from_zone: "America/Denver".into(),
                to: local("2026-12-16T10:30"),
                to_zone: "America/Denver".into(),
            },
            PlanChange::AppointmentDetailsChanged {
                appointment_id: "hearing-1".into(),
                kind: AppointmentKind::CourtHearing,
            },
            PlanChange::AppointmentRemoved {
                appointment_id: "office-1".into(),
                kind: AppointmentKind::OfficeVisit,
                at: local("2026-12-03T14:30"),
                zone: "America/New_York".into(),
            },
        ]
    );

    let en = Localizer::new("en");
    let lines: Vec<String> = changes.iter().map(|c| c.describe(&en)).collect();
    assert_eq!(
        lines,
        [
            "Your language changed to en.",
            "A check-in schedule changed: repeat rule, window length.",
            "New check-in on Saturday, December 5 10:00 AM.",
            "New appointment: Tuesday, December 8 8:00 AM (America/New_York).",
            "Court hearing moved from Monday, December 14 9:00 AM (America/Denver) to Wednesday, December 16 10:30 AM (America/Denver).",
            "Court hearing details changed.",
            "Office visit cancelled: Thursday, December 3 2:30 PM (America/New_York).",
        ]
    );
    // The ledger lines never carry the free text of a place or a note.
    assert!(
        lines
            .iter()
            .all(|l| !l.contains("IDs") && !l.contains("Courtroom"))
    );

    // The structured form is what the ledger stores.
    let stored = serde_json::to_string(&changes[4]).expect("serializes");
    assert!(
        stored.starts_with(r#"{"change":"appointment_moved","appointment_id":"hearing-1""#),
        "{stored}"
    );
}

#[test]
fn switching_to_the_same_reminders_spelled_out_is_not_a_change() {
    let old = parse(&demo_text());
    let mut doc: serde_json::Value = serde_json::from_str(&demo_text()).expect("json");
    // The office visit used the plan's default; now it says the same explicitly.
    doc["appointments"][1]["reminder_minutes"] = serde_json::json!([1440, 120]);
    assert!(plan::changes(&old, &parse(&doc.to_string())).is_empty());
    doc["appointments"][1]["reminder_minutes"] = serde_json::json!([60]);
    assert_eq!(plan::changes(&old, &parse(&doc.to_string())).len(), 1);
}

#[test]
fn spanish_descriptions_are_complete() {
    let old = parse(&demo_text());
    let new = parse(&demo_text().replace(
        "\"zone\": \"America/New_York\"",
        "\"zone\": \"America/Chicago\"",
    ));
    let changes = plan::changes(&old, &new);
    let es = Localizer::new("es");
    let text: Vec<String> = changes.iter().map(|c| c.describe(&es)).collect();
    assert_eq!(
        text[0],
        "Su zona horaria cambió de America/New_York a America/Chicago."
    );
    // The office visit had no zone of its own, so it moved with the plan.
    assert!(
        text.iter()
            .any(|t| t.starts_with("Visita a la oficina cambiada del jueves 3 de diciembre 14:30")),
        "{text:?}"
    );
}

#[test]
fn moving_a_weekly_check_in_lists_the_windows_it_moves_in_the_coming_90_days() {
    let old = parse(&demo_text());
    let new = parse(&demo_text().replace("BYDAY=MO", "BYDAY=TU"));
    let from = chrono::Utc
        .with_ymd_and_hms(2026, 11, 20, 12, 0, 0)
        .single()
        .expect("valid");
    let changes = plan::window_changes(&old, &new, from);
    let removed: Vec<&PlanChange> = changes
        .iter()
        .filter(|c| matches!(c, PlanChange::WindowRemoved { .. }))
        .collect();
    let added: Vec<&PlanChange> = changes
        .iter()
        .filter(|c| matches!(c, PlanChange::WindowAdded { .. }))
        .collect();
    // 90 days from Friday 2026-11-20: Mondays 11-23 … 02-15 less the
    // cancelled 12-28 (12 windows); Tuesdays 11-24 … 02-16 less none (13).
    assert_eq!((removed.len(), added.len()), (12, 13));
    assert_eq!(
        removed[0],
        &PlanChange::WindowRemoved {
            window_id: "weekly@2026-11-23T09:00".into(),
            at: local("2026-11-23T09:00")
        }
    );
    assert_eq!(
        added[0],
        &PlanChange::WindowAdded {
            window_id: "weekly@2026-11-24T09:00".into(),
            at: local("2026-11-24T09:00")
        }
    );
    // Only schedules both plans keep are compared window by window.
    let without = parse(&demo_text().replace("\"id\": \"weekly\"", "\"id\": \"weekly-2\""));
    assert!(plan::window_changes(&old, &without, from).is_empty());
}

#[test]
fn what_to_bring_if_missed_and_which_reminders_are_details_of_an_appointment() {
    let details = |id: &str| PlanChange::AppointmentDetailsChanged {
        appointment_id: id.into(),
        kind: AppointmentKind::CourtHearing,
    };
    let mut doc: serde_json::Value = serde_json::from_str(&demo_text()).expect("json");
    // The hearing without its own minutes: 7, 3, 1 days and the morning.
    doc["appointments"][0]
        .as_object_mut()
        .expect("object")
        .remove("reminder_minutes");
    let base = parse(&doc.to_string());
    assert_eq!(
        plan::changes(&parse(&demo_text()), &base),
        [details("hearing-1")]
    );
    let changed = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut d = doc.clone();
        edit(&mut d);
        plan::changes(&base, &parse(&d.to_string()))
    };
    assert_eq!(
        changed(&|d| d["appointments"][0]["bring"] = serde_json::json!(["Passport"])),
        [details("hearing-1")]
    );
    assert_eq!(
        changed(&|d| d["appointments"][0]["if_missed"] = "Call your lawyer.".into()),
        [details("hearing-1")]
    );
    // Blank entries are left out when the plan is read, so adding them
    // changes nothing the participant sees.
    assert_eq!(
        changed(&|d| {
            d["appointments"][0]["bring"] = serde_json::json!(["  "]);
            d["appointments"][0]["if_missed"] = "".into();
        }),
        []
    );
    // Fewer days: the policy changed, and so did the hearing's reminders.
    assert_eq!(
        changed(&|d| d["reminders"]["court_hearing_before_days"] = serde_json::json!([7, 1])),
        [PlanChange::RemindersChanged, details("hearing-1")]
    );
    // Another morning time: the same reminders, at another time.
    assert_eq!(
        changed(&|d| d["reminders"]["court_hearing_morning_of"] = "06:30".into()),
        [PlanChange::RemindersChanged]
    );
    // A moved hearing is moved, not also changed: its reminders move with it.
    let moved = changed(&|d| d["appointments"][0]["start"] = "2026-12-16T10:30".into());
    assert!(
        matches!(moved.as_slice(), [PlanChange::AppointmentMoved { .. }]),
        "{moved:?}"
    );
}
