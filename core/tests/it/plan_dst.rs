//! The documented DST rule, pinned by hand-checked cases.
//!
//! Rule (see `plan::zone`): a local time in a gap is read with the offset
//! before the gap (moved forward by the gap's length); a local time in an
//! overlap means its first instant; a local date the zone skipped has no
//! window. Independent implementations disagree in exactly these cases, so
//! every expected UTC value below was worked out by hand from the zone's
//! rules (tzdata), not computed by another library.

use checkin_core::plan::zone::{Resolution, Zone, resolve};
use checkin_core::plan::{Plan, WindowState};
use chrono::{NaiveDateTime, Utc};

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("test time")
}

fn utc(s: &str) -> chrono::DateTime<Utc> {
    local(s).and_utc()
}

use Resolution::{Exact, FirstOfTwo, ShiftedOverGap};

/// (zone, local time, expected UTC, how, why)
const TABLE: &[(&str, &str, &str, Resolution, &str)] = &[
    // New York: 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
    (
        "America/New_York",
        "2026-03-08T01:59",
        "2026-03-08T06:59",
        Exact,
        "last minute of EST",
    ),
    (
        "America/New_York",
        "2026-03-08T02:00",
        "2026-03-08T07:00",
        ShiftedOverGap,
        "gap start -> 03:00 EDT",
    ),
    (
        "America/New_York",
        "2026-03-08T02:30",
        "2026-03-08T07:30",
        ShiftedOverGap,
        "gap -> 03:30 EDT",
    ),
    (
        "America/New_York",
        "2026-03-08T03:00",
        "2026-03-08T07:00",
        Exact,
        "first EDT minute",
    ),
    (
        "America/New_York",
        "2026-11-01T00:59",
        "2026-11-01T04:59",
        Exact,
        "before the fold",
    ),
    (
        "America/New_York",
        "2026-11-01T01:00",
        "2026-11-01T05:00",
        FirstOfTwo,
        "fold: EDT first",
    ),
    (
        "America/New_York",
        "2026-11-01T01:30",
        "2026-11-01T05:30",
        FirstOfTwo,
        "fold: EDT first",
    ),
    (
        "America/New_York",
        "2026-11-01T02:00",
        "2026-11-01T07:00",
        Exact,
        "EST after the fold",
    ),
    // Chicago: same dates, an hour later in UTC.
    (
        "America/Chicago",
        "2026-03-08T02:00",
        "2026-03-08T08:00",
        ShiftedOverGap,
        "gap -> 03:00 CDT",
    ),
    (
        "America/Chicago",
        "2026-11-01T01:15",
        "2026-11-01T06:15",
        FirstOfTwo,
        "fold: CDT first",
    ),
    // Havana changes at midnight: 2025-03-09 00:00 CST -> 01:00 CDT; 2025-11-02 01:00 CDT -> 00:00 CST.
    // (IANA 2026f has Cuba stay on -04 after March 2026: last row.)
    (
        "America/Havana",
        "2025-03-09T00:00",
        "2025-03-09T05:00",
        ShiftedOverGap,
        "midnight is in the gap",
    ),
    (
        "America/Havana",
        "2025-03-09T00:45",
        "2025-03-09T05:45",
        ShiftedOverGap,
        "gap -> 01:45 CDT",
    ),
    (
        "America/Havana",
        "2025-03-09T01:00",
        "2025-03-09T05:00",
        Exact,
        "first CDT minute",
    ),
    (
        "America/Havana",
        "2025-11-02T00:30",
        "2025-11-02T04:30",
        FirstOfTwo,
        "fold: CDT first",
    ),
    (
        "America/Havana",
        "2025-11-02T01:00",
        "2025-11-02T06:00",
        Exact,
        "CST after the fold",
    ),
    (
        "America/Havana",
        "2026-11-01T00:30",
        "2026-11-01T04:30",
        Exact,
        "no fold any more (IANA 2026f)",
    ),
    // Port-au-Prince follows the US dates since 2017.
    (
        "America/Port-au-Prince",
        "2026-03-08T02:30",
        "2026-03-08T07:30",
        ShiftedOverGap,
        "gap -> 03:30 EDT",
    ),
    (
        "America/Port-au-Prince",
        "2026-11-01T01:30",
        "2026-11-01T05:30",
        FirstOfTwo,
        "fold: EDT first",
    ),
    // London: 2026-03-29 01:00 GMT -> 02:00 BST; 2026-10-25 02:00 BST -> 01:00 GMT.
    (
        "Europe/London",
        "2026-03-29T01:30",
        "2026-03-29T01:30",
        ShiftedOverGap,
        "gap -> 02:30 BST",
    ),
    (
        "Europe/London",
        "2026-10-25T01:30",
        "2026-10-25T00:30",
        FirstOfTwo,
        "fold: BST first",
    ),
    (
        "Europe/London",
        "2026-10-25T02:00",
        "2026-10-25T02:00",
        Exact,
        "GMT after the fold",
    ),
    // Lord Howe moves by 30 minutes: 2026-10-04 02:00 (+10:30) -> 02:30 (+11);
    // 2026-04-05 02:00 (+11) -> 01:30 (+10:30).
    (
        "Australia/Lord_Howe",
        "2026-10-04T02:15",
        "2026-10-03T15:45",
        ShiftedOverGap,
        "30 min gap -> 02:45",
    ),
    (
        "Australia/Lord_Howe",
        "2026-10-04T02:30",
        "2026-10-03T15:30",
        Exact,
        "first +11 minute",
    ),
    (
        "Australia/Lord_Howe",
        "2026-04-05T01:45",
        "2026-04-04T14:45",
        FirstOfTwo,
        "30 min fold: +11 first",
    ),
    (
        "Australia/Lord_Howe",
        "2026-04-05T02:00",
        "2026-04-04T15:30",
        Exact,
        "+10:30 after the fold",
    ),
    // Kathmandu: +05:45 all year.
    (
        "Asia/Kathmandu",
        "2026-03-08T02:30",
        "2026-03-07T20:45",
        Exact,
        "no DST",
    ),
    // Southern hemisphere: Santiago 2026-09-06 00:00 (-4) -> 01:00 (-3).
    (
        "America/Santiago",
        "2026-09-06T00:30",
        "2026-09-06T04:30",
        ShiftedOverGap,
        "gap -> 01:30 -03",
    ),
];

#[test]
fn local_times_resolve_as_the_table_says() {
    for (zone, at, expected, how, why) in TABLE {
        let tz = Zone::named(zone).expect("known zone");
        let got = resolve(&tz, local(at));
        assert_eq!(got, Some((utc(expected), *how)), "{zone} {at}: {why}");
    }
}

#[test]
fn a_local_date_the_zone_skipped_has_no_instant() {
    // Samoa jumped from 2011-12-29 to 2011-12-31.
    let apia = Zone::named("Pacific/Apia").expect("known zone");
    assert_eq!(resolve(&apia, local("2011-12-30T09:00")), None);
    assert!(resolve(&apia, local("2011-12-31T09:00")).is_some());
}

fn daily_plan(zone: &str, start: &str, window_minutes: u32) -> Plan {
    let json = format!(
        r#"{{"format":1,"plan_id":"p","revision":1,"zone":"{zone}","language":"en",
            "schedules":[{{"id":"d","start":"{start}","rrule":"FREQ=DAILY","window_minutes":{window_minutes}}}]}}"#
    );
    Plan::from_json(json.as_bytes()).expect("valid plan")
}

#[test]
fn windows_keep_their_id_and_elapsed_length_across_transitions() {
    let plan = daily_plan("America/New_York", "2026-03-01T02:30", 60);
    // Spring forward: opens 03:30 EDT, one elapsed hour long, id keeps 02:30.
    let spring = plan.window("d@2026-03-08T02:30").expect("exists");
    assert_eq!(
        (spring.opens, spring.closes),
        (utc("2026-03-08T07:30"), utc("2026-03-08T08:30"))
    );

    let plan = daily_plan("America/New_York", "2026-10-25T01:30", 60);
    // Fall back: opens 01:30 EDT, closes one hour later at 01:30 EST.
    let fall = plan.window("d@2026-11-01T01:30").expect("exists");
    assert_eq!(
        (fall.opens, fall.closes),
        (utc("2026-11-01T05:30"), utc("2026-11-01T06:30"))
    );
    // Exactly one window that day, and the next day is normal EST.
    let from = utc("2026-10-31T12:00");
    let windows = plan
        .windows_between(from, from + chrono::Duration::days(2))
        .expect("expands");
    let ids: Vec<_> = windows.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, ["d@2026-11-01T01:30", "d@2026-11-02T01:30"]);
    assert_eq!(windows[1].opens, utc("2026-11-02T06:30"));
}

#[test]
fn a_window_in_the_fold_is_due_once() {
    let plan = daily_plan("America/New_York", "2026-10-25T01:30", 30);
    let at = |s: &str| checkin_core::clock::ClockEstimate::uncorrected(utc(s));
    // 05:40Z is 01:40 EDT: the window is open.
    let first = checkin_core::plan::due(&plan, &[], &at("2026-11-01T05:40")).expect("due");
    assert_eq!(
        (first.window.id.as_str(), first.state),
        ("d@2026-11-01T01:30", WindowState::Open)
    );
    // 06:40Z is 01:40 EST, the same wall time again: the window has closed.
    let second = checkin_core::plan::due(&plan, &[], &at("2026-11-01T06:40")).expect("due");
    assert_eq!(second.window.id, "d@2026-11-01T01:30");
    assert_eq!(second.state, WindowState::Missed);
}

#[test]
fn the_table_covers_every_kind_of_case() {
    let kinds: std::collections::HashSet<_> =
        TABLE.iter().map(|row| format!("{:?}", row.3)).collect();
    assert_eq!(kinds.len(), 3, "exact, gap and fold cases are all pinned");
}
