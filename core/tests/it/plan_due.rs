//! What is due, window states, and on-time status under a wrong phone clock.

use checkin_core::clock::ClockEstimate;
use checkin_core::plan::{
    self, CompletedCheckin, LocationPrecision, Plan, Punctuality, WindowState,
};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use proptest::prelude::*;
use std::path::PathBuf;

fn demo() -> Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/plans/demo.json");
    Plan::from_json(&std::fs::read(path).expect("demo fixture")).expect("valid demo")
}

fn utc(s: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .expect("test time")
        .and_utc()
}

fn at(s: &str) -> ClockEstimate {
    ClockEstimate::uncorrected(utc(s))
}

fn checkin(window_id: &str, when: &str) -> CompletedCheckin {
    CompletedCheckin {
        window_id: window_id.to_owned(),
        captured_at: at(when),
    }
}

// The demo's Monday 2026-11-09 window (EST): opens 09:00 = 14:00Z, closes
// 17:00 = 22:00Z, grace to 22:30Z, late check-ins accepted to 02:30Z.
const MONDAY: &str = "weekly@2026-11-09T09:00";

#[test]
fn a_window_moves_through_its_states() {
    let plan = demo();
    let cases = [
        ("2026-11-09T13:59", MONDAY, WindowState::Upcoming),
        ("2026-11-09T14:00", MONDAY, WindowState::Open),
        ("2026-11-09T21:59", MONDAY, WindowState::Open),
        ("2026-11-09T22:00", MONDAY, WindowState::InGrace),
        ("2026-11-09T22:30", MONDAY, WindowState::Late),
        ("2026-11-10T02:29", MONDAY, WindowState::Late),
        ("2026-11-10T02:30", MONDAY, WindowState::Missed),
        // Missed is reported for 12 hours, then the next window is shown.
        ("2026-11-10T14:29", MONDAY, WindowState::Missed),
        (
            "2026-11-10T14:30",
            "weekly@2026-11-16T09:00",
            WindowState::Upcoming,
        ),
    ];
    for (now, id, state) in cases {
        let due = plan::due(&plan, &[], &at(now)).expect("a weekly plan always has something due");
        assert_eq!((due.window.id.as_str(), due.state), (id, state), "at {now}");
    }
}

#[test]
fn due_carries_what_the_check_in_must_contain() {
    let due = plan::due(&demo(), &[], &at("2026-11-09T15:00")).expect("due");
    assert!(due.requires.photo && due.requires.voice);
    assert_eq!(due.requires.location, LocationPrecision::Coarse);
    assert_eq!(due.requires, due.window.requires);
}

#[test]
fn a_check_in_makes_the_window_done_until_it_closes() {
    let plan = demo();
    let done = [checkin(MONDAY, "2026-11-09T15:30")];
    let due = plan::due(&plan, &done, &at("2026-11-09T16:00")).expect("due");
    assert_eq!(
        (due.window.id.as_str(), due.state),
        (MONDAY, WindowState::Done)
    );
    // Once the window has closed, the next one is what matters.
    let due = plan::due(&plan, &done, &at("2026-11-09T22:01")).expect("due");
    assert_eq!(
        (due.window.id.as_str(), due.state),
        ("weekly@2026-11-16T09:00", WindowState::Upcoming)
    );
}

#[test]
fn a_late_check_in_counts_and_a_too_late_one_does_not() {
    let plan = demo();
    let window = plan.window(MONDAY).expect("exists");
    assert_eq!(
        window.punctuality(&at("2026-11-09T13:59")),
        Punctuality::Early
    );
    assert_eq!(
        window.punctuality(&at("2026-11-09T22:29")),
        Punctuality::OnTime
    );
    assert_eq!(
        window.punctuality(&at("2026-11-09T22:30")),
        Punctuality::Late
    );
    assert_eq!(
        window.punctuality(&at("2026-11-10T02:30")),
        Punctuality::TooLate
    );

    let late = [checkin(MONDAY, "2026-11-09T23:00")];
    assert_eq!(
        plan::window_state(&window, &late, &at("2026-11-10T03:00")),
        WindowState::Done
    );
    let too_late = [checkin(MONDAY, "2026-11-10T02:45")];
    assert_eq!(
        plan::window_state(&window, &too_late, &at("2026-11-10T03:00")),
        WindowState::Missed
    );
    // A check-in for another window does not count for this one.
    let other = [checkin("weekly@2026-11-02T09:00", "2026-11-09T15:00")];
    assert_eq!(
        plan::window_state(&window, &other, &at("2026-11-09T15:30")),
        WindowState::Open
    );
}

#[test]
fn a_cancelled_window_is_never_due() {
    let due = plan::due(&demo(), &[], &at("2026-12-28T15:00")).expect("due");
    assert_eq!(
        (due.window.id.as_str(), due.state),
        ("weekly@2027-01-04T09:00", WindowState::Upcoming)
    );
}

#[test]
fn nothing_is_due_after_the_last_window() {
    let json = r#"{"format":1,"plan_id":"p","revision":1,"zone":"America/Chicago","language":"en",
        "schedules":[{"id":"once","start":"2026-11-20T10:00","window_minutes":60}]}"#;
    let plan = Plan::from_json(json.as_bytes()).expect("valid");
    assert_eq!(
        plan::due(&plan, &[], &at("2026-11-20T15:59")).map(|d| d.state),
        Some(WindowState::Upcoming)
    );
    // 10:00 CST is 16:00Z.
    assert_eq!(
        plan::due(&plan, &[], &at("2026-11-20T16:30")).map(|d| d.state),
        Some(WindowState::Open)
    );
    assert_eq!(plan::due(&plan, &[], &at("2026-11-22T00:00")), None);
}

#[test]
fn an_on_time_window_comes_before_a_late_one() {
    // Two schedules: a late-accepting daily one and a one-off that opens
    // while the daily one is already late.
    let json = r#"{"format":1,"plan_id":"p","revision":1,"zone":"Etc/UTC","language":"en",
        "schedules":[
          {"id":"daily","start":"2026-11-01T08:00","rrule":"FREQ=DAILY","window_minutes":60,"late_minutes":600},
          {"id":"extra","start":"2026-11-03T12:00","window_minutes":60}]}"#;
    let plan = Plan::from_json(json.as_bytes()).expect("valid");
    let due = plan::due(&plan, &[], &at("2026-11-03T12:10")).expect("due");
    assert_eq!(
        (due.window.id.as_str(), due.state),
        ("extra@2026-11-03T12:00", WindowState::Open)
    );
    let due = plan::due(&plan, &[], &at("2026-11-03T13:10")).expect("due");
    assert_eq!(
        (due.window.id.as_str(), due.state),
        ("daily@2026-11-03T08:00", WindowState::Late)
    );
}

/// A reading of a phone whose clock is `skew` off, after a sync that
/// measured that skew.
fn skewed(truth: DateTime<Utc>, skew: Duration) -> ClockEstimate {
    ClockEstimate {
        device_time: truth + skew,
        server_offset_ms: -skew.num_milliseconds(),
        uptime_ms: Some(1_000),
    }
}

#[test]
fn a_phone_clock_three_hours_wrong_does_not_change_on_time_status() {
    let plan = demo();
    let window = plan.window(MONDAY).expect("exists");
    for (truth, expected) in [
        ("2026-11-09T21:50", Punctuality::OnTime),
        ("2026-11-09T22:20", Punctuality::OnTime),
        ("2026-11-09T22:40", Punctuality::Late),
        ("2026-11-10T02:40", Punctuality::TooLate),
    ] {
        for skew in [Duration::hours(3), Duration::hours(-3)] {
            let reading = skewed(utc(truth), skew);
            assert_eq!(
                window.punctuality(&reading),
                expected,
                "{truth}, clock {skew}"
            );
            let due = plan::due(&plan, &[], &reading).expect("due");
            let honest = plan::due(&plan, &[], &at(truth)).expect("due");
            assert_eq!(due, honest, "{truth}, clock {skew}");
        }
    }
    // The same wrong clocks without the server offset would get it wrong:
    // +3 h makes an on-time check-in late, -3 h makes a late one on time.
    let ahead = ClockEstimate::uncorrected(utc("2026-11-09T21:50") + Duration::hours(3));
    assert_eq!(window.punctuality(&ahead), Punctuality::Late);
    let behind = ClockEstimate::uncorrected(utc("2026-11-09T22:40") - Duration::hours(3));
    assert_eq!(window.punctuality(&behind), Punctuality::OnTime);
}

proptest! {
    #[test]
    fn any_skew_up_to_three_hours_leaves_state_and_status_unchanged(
        minutes_from_open in -600i64..2000,
        capture_after in 0i64..1500,
        skew_minutes in prop_oneof![Just(-180i64), Just(180i64), -180i64..=180],
        capture_skew_minutes in -180i64..=180,
    ) {
        let plan = demo();
        let window = plan.window(MONDAY).expect("exists");
        let now = window.opens + Duration::minutes(minutes_from_open);
        let captured = window.opens + Duration::minutes(capture_after);
        let honest_done = [CompletedCheckin { window_id: MONDAY.into(), captured_at: ClockEstimate::uncorrected(captured) }];
        let skewed_done = [CompletedCheckin {
            window_id: MONDAY.into(),
            captured_at: skewed(captured, Duration::minutes(capture_skew_minutes)),
        }];
        let reading = skewed(now, Duration::minutes(skew_minutes));
        prop_assert_eq!(
            window.punctuality(&skewed_done[0].captured_at),
            window.punctuality(&honest_done[0].captured_at)
        );
        prop_assert_eq!(plan::due(&plan, &skewed_done, &reading), plan::due(&plan, &honest_done, &ClockEstimate::uncorrected(now)));
    }
}
