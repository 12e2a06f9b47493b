//! Fire times worked out by hand from the zones' published offsets.

use super::*;
use chrono::NaiveDate;

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("test time")
}

fn utc(s: &str) -> DateTime<Utc> {
    local(s).and_utc()
}

fn zone(name: &str) -> Zone {
    Zone::named(name).expect("known zone")
}

fn default_rule() -> ReminderRule {
    ReminderRule::read(&ReminderPolicy::default()).expect("the defaults are valid")
}

/// The reminders of a hearing at `start` in `zone_name`, as (fire time, lead).
fn hearing(rule: &ReminderRule, zone_name: &str, start: &str) -> Vec<(DateTime<Utc>, Lead)> {
    let z = zone(zone_name);
    let (starts, _) = zone::resolve(&z, local(start)).expect("resolves");
    rule.reminders(AppointmentKind::CourtHearing, None, &z, local(start), starts)
        .into_iter()
        .map(|r| (r.fire_at, r.lead))
        .collect()
}

#[test]
fn a_hearing_after_fall_back_is_reminded_at_its_local_time_of_day() {
    // New York falls back on Sunday 2026-11-01 (EDT -4 → EST -5). The
    // hearing is Wednesday 2026-11-04 at 9:00 EST = 14:00Z; a week before
    // was still EDT, so 9:00 there is 13:00Z, not 14:00Z.
    assert_eq!(
        hearing(&default_rule(), "America/New_York", "2026-11-04T09:00"),
        [
            (utc("2026-10-28T13:00"), Lead::Days(7)),
            (utc("2026-11-01T14:00"), Lead::Days(3)),
            (utc("2026-11-03T14:00"), Lead::Days(1)),
            (utc("2026-11-04T12:00"), Lead::MorningOf),
        ]
    );
}

#[test]
fn a_hearing_after_spring_forward_is_reminded_at_its_local_time_of_day() {
    // Spring forward on Sunday 2026-03-08 (EST → EDT). Hearing Tuesday
    // 2026-03-10 at 9:00 EDT = 13:00Z.
    assert_eq!(
        hearing(&default_rule(), "America/New_York", "2026-03-10T09:00"),
        [
            (utc("2026-03-03T14:00"), Lead::Days(7)),
            (utc("2026-03-07T14:00"), Lead::Days(3)),
            (utc("2026-03-09T13:00"), Lead::Days(1)),
            (utc("2026-03-10T11:00"), Lead::MorningOf),
        ]
    );
}

#[test]
fn a_zone_without_dst_keeps_the_same_instant_of_day() {
    // Phoenix stays at MST (-7) all year: 9:00 is 16:00Z every day, even
    // though the participant's New York clock changed in between.
    let times: Vec<DateTime<Utc>> = hearing(&default_rule(), "America/Phoenix", "2026-11-04T09:00")
        .into_iter()
        .map(|(at, _)| at)
        .collect();
    assert_eq!(
        times,
        [
            utc("2026-10-28T16:00"),
            utc("2026-11-01T16:00"),
            utc("2026-11-03T16:00"),
            utc("2026-11-04T14:00"),
        ]
    );
}

#[test]
fn a_day_reminder_in_a_dst_gap_moves_forward_by_the_gap() {
    // A 2:30 hearing three days after spring forward: 02:30 on 2026-03-08
    // does not exist, and the plan's rule reads it as 03:30 EDT.
    let rule = ReminderRule::read(&ReminderPolicy {
        court_hearing_before_days: vec![3],
        ..ReminderPolicy::default()
    })
    .expect("valid");
    assert_eq!(
        hearing(&rule, "America/New_York", "2026-03-11T02:30"),
        // No morning-of: 7:00 is after a 2:30 start.
        [(utc("2026-03-08T07:30"), Lead::Days(3))]
    );
}

#[test]
fn a_day_reminder_on_a_skipped_date_is_left_out() {
    // Samoa skipped 2011-12-30 entirely.
    let rule = ReminderRule::read(&ReminderPolicy {
        court_hearing_before_days: vec![2, 1],
        court_hearing_morning_of: None,
        ..ReminderPolicy::default()
    })
    .expect("valid");
    let leads: Vec<Lead> = hearing(&rule, "Pacific/Apia", "2011-12-31T09:00")
        .into_iter()
        .map(|(_, lead)| lead)
        .collect();
    assert_eq!(leads, [Lead::Days(2)]);
}

#[test]
fn the_morning_of_reminder_needs_thirty_minutes_before_the_start() {
    let rule = default_rule();
    let has_morning = |start: &str| {
        hearing(&rule, "America/New_York", start)
            .iter()
            .any(|(_, lead)| *lead == Lead::MorningOf)
    };
    assert!(has_morning("2026-06-10T07:30"));
    assert!(!has_morning("2026-06-10T07:29"));
    assert!(!has_morning("2026-06-10T06:00"));
}

#[test]
fn the_appointments_own_minutes_replace_every_policy_reminder() {
    let rule = default_rule();
    let z = zone("America/Denver");
    let start = local("2026-12-14T09:00");
    let (starts, _) = zone::resolve(&z, start).expect("resolves");
    let own = [60, 1440, 60];
    for kind in [AppointmentKind::CourtHearing, AppointmentKind::OfficeVisit] {
        let list = rule.reminders(kind, Some(&own), &z, start, starts);
        assert_eq!(
            list,
            [
                AppointmentReminder {
                    fire_at: utc("2026-12-13T16:00"),
                    lead: Lead::Minutes(1440)
                },
                AppointmentReminder {
                    fire_at: utc("2026-12-14T15:00"),
                    lead: Lead::Minutes(60)
                },
            ],
            "{kind:?}"
        );
    }
    // Other kinds without their own get the plan's minutes.
    let list = rule.reminders(AppointmentKind::Other, None, &z, start, starts);
    let leads: Vec<Lead> = list.iter().map(|r| r.lead).collect();
    assert_eq!(leads, [Lead::Minutes(1440), Lead::Minutes(120)]);
}

#[test]
fn a_policy_can_turn_hearing_reminders_off() {
    let rule = ReminderRule::read(&ReminderPolicy {
        court_hearing_before_days: vec![],
        court_hearing_morning_of: None,
        ..ReminderPolicy::default()
    })
    .expect("valid");
    assert!(hearing(&rule, "America/New_York", "2026-06-10T09:00").is_empty());
}

#[test]
fn repeated_days_are_one_reminder_each() {
    let rule = ReminderRule::read(&ReminderPolicy {
        court_hearing_before_days: vec![1, 7, 1, 7],
        court_hearing_morning_of: Some("06:30".into()),
        ..ReminderPolicy::default()
    })
    .expect("valid");
    let list = hearing(&rule, "America/New_York", "2026-06-10T09:00");
    assert_eq!(
        list,
        [
            (utc("2026-06-03T13:00"), Lead::Days(7)),
            (utc("2026-06-09T13:00"), Lead::Days(1)),
            (utc("2026-06-10T10:30"), Lead::MorningOf),
        ]
    );
}

#[test]
fn bad_policies_get_typed_errors() {
    let with_days = |days: Vec<u32>| {
        ReminderRule::read(&ReminderPolicy {
            court_hearing_before_days: days,
            ..ReminderPolicy::default()
        })
    };
    for day in [0, 31] {
        assert_eq!(
            with_days(vec![7, day]),
            Err(PlanError::OutOfRange {
                what: "court_hearing_before_days",
                found: day.into(),
                min: 1,
                max: 30
            })
        );
    }
    assert!(with_days(vec![30, 1]).is_ok());
    assert!(matches!(
        with_days((1..=9).collect()),
        Err(PlanError::LimitExceeded {
            what: "court_hearing_before_days",
            found: 9,
            max: 8
        })
    ));
    for bad in ["7:00", "25:00", "07:60", "07:00:00", "seven", "", "0７:00"] {
        let read = ReminderRule::read(&ReminderPolicy {
            court_hearing_morning_of: Some(bad.into()),
            ..ReminderPolicy::default()
        });
        assert!(
            matches!(&read, Err(PlanError::BadTimeOfDay { item, .. }) if item == "reminders.court_hearing_morning_of"),
            "{bad:?}: {read:?}"
        );
    }
    let midnight = ReminderRule::read(&ReminderPolicy {
        court_hearing_morning_of: Some("00:00".into()),
        ..ReminderPolicy::default()
    })
    .expect("valid");
    assert_eq!(
        midnight.hearing_morning,
        NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.time())
    );
}
