//! Bad plans get typed errors, never a panic, and never replace a good
//! stored plan.

use checkin_core::plan::{self, Plan, PlanError};
use chrono::{Duration, TimeZone, Utc};
use std::path::PathBuf;

fn sync_time() -> checkin_core::clock::ClockEstimate {
    checkin_core::clock::ClockEstimate::uncorrected(
        Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0)
            .single()
            .expect("valid"),
    )
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/plans")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn the_demo_plan_is_valid() {
    let plan = Plan::from_json(&fixture("demo.json")).expect("demo plan is valid");
    assert_eq!(plan.zone().name(), "America/New_York");
    assert_eq!(plan.language(), "es");
    assert_eq!(plan.appointments().len(), 2);
    // Appointments come soonest first: the office visit (Dec 3) before the hearing (Dec 14).
    assert_eq!(plan.appointments()[0].id, "office-1");
}

/// Whether an error is the one a fixture should get.
type Expect = fn(&PlanError) -> bool;

#[test]
fn each_bad_fixture_gets_its_own_typed_error() {
    let cases: Vec<(&str, Expect)> = vec![
        (
            "unknown_zone",
            |e| matches!(e, PlanError::UnknownZone { item, zone } if item == "plan" && zone == "America/Gotham"),
        ),
        (
            "appointment_unknown_zone",
            |e| matches!(e, PlanError::UnknownZone { item, .. } if item == "appointment hearing-1"),
        ),
        (
            "bad_rrule",
            |e| matches!(e, PlanError::BadRrule { schedule, .. } if schedule == "weekly"),
        ),
        (
            "zero_length_window",
            |e| matches!(e, PlanError::ZeroLengthWindow { schedule } if schedule == "weekly"),
        ),
        ("window_longer_than_period", |e| {
            // A daily 24 h window: the spring-forward day has only 23 h.
            matches!(
                e,
                PlanError::WindowLongerThanPeriod {
                    span_minutes: 1440,
                    period_minutes: 1380,
                    ..
                }
            )
        }),
        (
            "never_occurs",
            |e| matches!(e, PlanError::NoWindows { schedule } if schedule == "weekly"),
        ),
        (
            "duplicate_id",
            |e| matches!(e, PlanError::DuplicateId { id } if id == "hearing-1"),
        ),
        ("bad_id", |e| matches!(e, PlanError::BadId { .. })),
        (
            "bad_local_time",
            |e| matches!(e, PlanError::BadLocalTime { item, .. } if item == "appointment office-1"),
        ),
        ("unsupported_format", |e| {
            matches!(
                e,
                PlanError::UnsupportedFormat {
                    found: 2,
                    supported: 1
                }
            )
        }),
        ("unknown_field", |e| {
            matches!(
                e,
                PlanError::Malformed {
                    category: "wrong fields or types",
                    ..
                }
            )
        }),
        ("too_many_reminders", |e| {
            matches!(
                e,
                PlanError::LimitExceeded {
                    what: "reminder offsets",
                    ..
                }
            )
        }),
        ("malformed", |e| {
            matches!(
                e,
                PlanError::Malformed {
                    category: "cut short",
                    ..
                }
            )
        }),
    ];
    for (name, expected) in cases {
        let err = Plan::from_json(&fixture(&format!("bad/{name}.json"))).expect_err(name);
        assert!(expected(&err), "{name}: unexpected error {err:?}");
    }
}

#[test]
fn errors_never_quote_the_plans_text() {
    // serde's own message would quote the value: `invalid type: string "Denver…"`.
    let text = String::from_utf8(fixture("demo.json"))
        .expect("utf-8")
        .replace(
            "\"duration_minutes\": 120",
            "\"duration_minutes\": \"Denver District Court\"",
        );
    let err = Plan::from_json(text.as_bytes()).expect_err("wrong type");
    assert!(!err.to_string().contains("Denver"), "{err}");
}

#[test]
fn garbage_of_any_shape_is_an_error_not_a_panic() {
    for bytes in [
        &b""[..],
        b"null",
        b"[]",
        b"{}",
        b"\xff\xfe",
        b"{\"format\":1}",
        b"1e999999",
    ] {
        assert!(Plan::from_json(bytes).is_err());
    }
    let huge = vec![b' '; plan::MAX_PLAN_BYTES + 1];
    assert!(matches!(
        Plan::from_json(&huge),
        Err(PlanError::LimitExceeded {
            what: "plan bytes",
            ..
        })
    ));
}

#[test]
fn an_endless_rule_refuses_a_huge_expansion_request() {
    let plan = Plan::from_json(&fixture("demo.json")).expect("valid");
    let from = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("valid");
    let err = plan
        .windows_between(from, from + Duration::days(365 * 200))
        .expect_err("too large");
    assert!(
        matches!(err, PlanError::ExpansionTooLarge { .. }),
        "{err:?}"
    );
    let ten_years = plan
        .windows_between(from, from + Duration::days(3653))
        .expect("ten years is fine");
    // Weekly from 2026-11-02 for the rest of ten years from 2026-01-01, less one cancelled.
    assert!(
        (470..=480).contains(&ten_years.len()),
        "{}",
        ten_years.len()
    );
}

#[test]
fn a_bad_plan_from_the_server_never_replaces_the_stored_one() {
    let stored = Plan::from_json(&fixture("demo.json")).expect("valid");
    for name in [
        "unknown_zone",
        "bad_rrule",
        "malformed",
        "window_longer_than_period",
    ] {
        let update = plan::review_update(
            Some(&stored),
            &fixture(&format!("bad/{name}.json")),
            &sync_time(),
        );
        assert!(update.is_err(), "{name} would replace the stored plan");
    }
}

#[test]
fn an_older_revision_never_replaces_a_newer_one() {
    let stored = Plan::from_json(&fixture("demo.json")).expect("valid");
    let older = String::from_utf8(fixture("demo.json"))
        .expect("utf-8")
        .replace("\"revision\": 3", "\"revision\": 2");
    let err =
        plan::review_update(Some(&stored), older.as_bytes(), &sync_time()).expect_err("stale");
    assert_eq!(
        err,
        PlanError::StaleRevision {
            stored: 3,
            incoming: 2
        }
    );
    // The same revision again (a resend) is accepted and changes nothing.
    let same =
        plan::review_update(Some(&stored), &fixture("demo.json"), &sync_time()).expect("resend");
    assert!(same.changes.is_empty());
    // At enrollment there is nothing stored.
    assert!(plan::review_update(None, &fixture("demo.json"), &sync_time()).is_ok());
}

#[test]
fn a_stored_plan_round_trips_and_is_validated_again_on_load() {
    let plan = Plan::from_json(&fixture("demo.json")).expect("valid");
    let again = Plan::from_json(&plan.to_json()).expect("round trip");
    assert_eq!(plan, again);
    // Deserializing through serde validates too.
    let bad = fixture("bad/unknown_zone.json");
    assert!(serde_json::from_slice::<Plan>(&bad).is_err());
}

#[test]
fn window_ids_look_up_their_window() {
    let plan = Plan::from_json(&fixture("demo.json")).expect("valid");
    let w = plan
        .window("weekly@2026-11-09T09:00")
        .expect("a Monday window");
    assert_eq!(
        w.opens,
        Utc.with_ymd_and_hms(2026, 11, 9, 14, 0, 0)
            .single()
            .expect("valid")
    );
    for unknown in [
        "weekly@2026-11-10T09:00",
        "weekly@2026-12-28T09:00",
        "other@2026-11-09T09:00",
        "nonsense",
        "",
    ] {
        assert!(
            matches!(plan.window(unknown), Err(PlanError::UnknownWindow { .. })),
            "{unknown}"
        );
    }
}

#[test]
fn wild_clocks_and_ranges_get_answers_not_panics() {
    use checkin_core::clock::ClockEstimate;
    use checkin_core::i18n::Localizer;
    use checkin_core::remind;
    use chrono::DateTime;
    let plan = Plan::from_json(&fixture("demo.json")).expect("valid");
    let en = Localizer::new("en");
    let leave = |id: &str, h, m| remind::LeavePlan {
        appointment_id: id.into(),
        leave_at: chrono::NaiveTime::from_hms_opt(h, m, 0).expect("valid"),
    };
    let leave_plans = [
        leave("hearing-1", 23, 59),
        leave("office-1", 0, 0),
        leave("gone", 8, 0),
    ];
    let extremes = [
        DateTime::<Utc>::MIN_UTC,
        DateTime::<Utc>::MAX_UTC,
        DateTime::<Utc>::UNIX_EPOCH,
    ];
    for device_time in extremes {
        for server_offset_ms in [i64::MIN, -1, 0, 1, i64::MAX] {
            let now = ClockEstimate {
                device_time,
                server_offset_ms,
                uptime_ms: None,
            };
            let _ = plan::due(&plan, &[], &now);
            let _ = remind::notifications(&plan, &[], &leave_plans, &now, 64, &en);
            let _ = remind::next_wakeup(&plan, &[], &leave_plans, &now, 64);
        }
        for other in extremes {
            let _ = plan.windows_between(device_time, other);
        }
    }
    // Years far outside a plan's life are refused when the plan is read.
    let far = String::from_utf8(fixture("demo.json"))
        .expect("utf-8")
        .replace("2026-11-02T09:00", "+99999-11-02T09:00");
    assert!(Plan::from_json(far.as_bytes()).is_err());
    let early = String::from_utf8(fixture("demo.json"))
        .expect("utf-8")
        .replace("2026-11-02T09:00", "1969-11-02T09:00");
    assert!(matches!(
        Plan::from_json(early.as_bytes()),
        Err(PlanError::BadLocalTime { .. })
    ));
}

#[test]
fn a_huge_max_is_bounded() {
    use checkin_core::clock::ClockEstimate;
    use checkin_core::remind;
    let plan = Plan::from_json(&fixture("demo.json")).expect("valid");
    let now = ClockEstimate::uncorrected(
        Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0)
            .single()
            .expect("valid"),
    );
    let list = remind::notifications(
        &plan,
        &[],
        &[],
        &now,
        usize::MAX,
        &checkin_core::i18n::Localizer::new("en"),
    );
    assert_eq!(list.len(), remind::MAX_NOTIFICATIONS);
}

#[test]
fn the_new_appointment_and_reminder_fields_have_limits_and_typed_errors() {
    let demo: serde_json::Value = serde_json::from_slice(&fixture("demo.json")).expect("json");
    let read = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut doc = demo.clone();
        edit(&mut doc);
        Plan::from_json(doc.to_string().as_bytes())
    };
    let things = |n: usize, chars: usize| serde_json::json!(vec!["x".repeat(chars); n]);
    let limit = |what: &'static str, found: u64, max: u64| {
        Err(PlanError::LimitExceeded { what, found, max })
    };

    // What to bring: at most 10 entries of 200 characters.
    assert!(read(&|d| d["appointments"][0]["bring"] = things(10, 200)).is_ok());
    assert_eq!(
        read(&|d| d["appointments"][0]["bring"] = things(11, 1)),
        limit("bring", 11, 10)
    );
    assert_eq!(
        read(&|d| d["appointments"][0]["bring"] = things(1, 201)),
        limit("bring entry", 201, 200)
    );
    // Characters, not bytes: 200 accented letters fit.
    assert!(
        read(&|d| d["appointments"][0]["bring"] = serde_json::json!(["é".repeat(200)])).is_ok()
    );
    // If missed: at most 500 characters.
    assert!(read(&|d| d["appointments"][0]["if_missed"] = "x".repeat(500).into()).is_ok());
    assert_eq!(
        read(&|d| d["appointments"][0]["if_missed"] = "x".repeat(501).into()),
        limit("if_missed", 501, 500)
    );
    // Days before a hearing: at most 8, each 1 to 30.
    assert_eq!(
        read(&|d| d["reminders"]["court_hearing_before_days"] = serde_json::json!([7, 0])),
        Err(PlanError::OutOfRange {
            what: "court_hearing_before_days",
            found: 0,
            min: 1,
            max: 30
        })
    );
    assert_eq!(
        read(&|d| d["reminders"]["court_hearing_before_days"] = serde_json::json!(vec![1; 9])),
        limit("court_hearing_before_days", 9, 8)
    );
    assert!(matches!(
        read(&|d| d["reminders"]["court_hearing_before_days"] = serde_json::json!([-1])),
        Err(PlanError::Malformed { .. })
    ));
    // The morning time: HH:MM, or null.
    assert!(
        read(&|d| d["reminders"]["court_hearing_morning_of"] = serde_json::Value::Null).is_ok()
    );
    let bad_time = read(&|d| d["reminders"]["court_hearing_morning_of"] = "7 am".into());
    assert_eq!(
        bad_time,
        Err(PlanError::BadTimeOfDay {
            item: "reminders.court_hearing_morning_of".into(),
            value: "7 am".into()
        })
    );
    assert!(matches!(
        read(&|d| d["reminders"]["court_hearing_morning_of"] = 7.into()),
        Err(PlanError::Malformed { .. })
    ));
    // Wrong types and unknown fields are still refused.
    assert!(matches!(
        read(&|d| d["appointments"][0]["bring"] = "Passport".into()),
        Err(PlanError::Malformed { .. })
    ));
    assert!(matches!(
        read(&|d| d["appointments"][0]["bring_list"] = serde_json::json!(["Passport"])),
        Err(PlanError::Malformed { .. })
    ));
    assert!(matches!(
        read(&|d| d["reminders"]["court_hearing_evening_before"] = "19:00".into()),
        Err(PlanError::Malformed { .. })
    ));
    // And a refusal never quotes the program's text.
    let quoted = read(&|d| {
        d["appointments"][0]["if_missed"] = format!("Call Ana Pérez {}", "x".repeat(500)).into()
    });
    assert!(
        quoted.is_err_and(|e| !e.to_string().contains("Pérez")),
        "the error names limits only"
    );
}
