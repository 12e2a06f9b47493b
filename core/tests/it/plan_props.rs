//! Property tests: window occurrences over 24 IANA zones and 10 years.
//!
//! For random start dates, local start times (biased to the small hours,
//! where transitions happen) and rules, every window:
//! - starts at its configured local time, or at the documented DST rule
//!   (gap: moved forward by the gap; fold: the first instant);
//! - follows the previous one strictly;
//! - exists exactly once for each date the rule matches (none lost or
//!   doubled around transitions), checked against a brute-force day scan.

use checkin_core::plan::zone::Resolution;
use checkin_core::plan::zone::{self, Zone};
use checkin_core::plan::{CheckinWindow, Plan};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use jiff::tz::AmbiguousOffset;
use proptest::prelude::*;

const ZONES: &[&str] = &[
    "America/New_York",
    "America/Chicago",
    "America/Havana",
    "America/Port-au-Prince",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/Denver",
    "America/Los_Angeles",
    "America/Phoenix",
    "America/Anchorage",
    "America/St_Johns",
    "America/Santiago",
    "America/Asuncion",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Europe/Dublin",
    "Europe/Berlin",
    "Africa/Casablanca",
    "Asia/Tehran",
    "Asia/Gaza",
    "Australia/Adelaide",
    "Pacific/Chatham",
    "Pacific/Auckland",
];

const YEARS: i64 = 10;

fn zone() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(ZONES)
}

/// Local start times, mostly in 23:00–04:00 where zones change.
fn start_time() -> impl Strategy<Value = NaiveTime> {
    prop_oneof![
        3 => (0u32..5, 0u32..4).prop_map(|(h, q)| NaiveTime::from_hms_opt(h, q * 15, 0)),
        1 => (23u32..24, 0u32..4).prop_map(|(h, q)| NaiveTime::from_hms_opt(h, q * 15, 0)),
        1 => (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
    ]
    .prop_map(|t| t.unwrap_or(NaiveTime::MIN))
}

fn start_date() -> impl Strategy<Value = NaiveDate> {
    (2020i32..2036, 1u32..13, 1u32..29)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN))
}

#[derive(Debug, Clone)]
enum Shape {
    Daily,
    Weekly(Vec<Weekday>),
    MonthlyDay(i8),
}

fn shape() -> impl Strategy<Value = Shape> {
    let weekday = proptest::sample::select(vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]);
    prop_oneof![
        Just(Shape::Daily),
        proptest::collection::btree_set(weekday.prop_map(|w| w.num_days_from_monday()), 1..4)
            .prop_map(|days| {
                Shape::Weekly(
                    days.into_iter()
                        .filter_map(|d| Weekday::try_from(u8::try_from(d).unwrap_or(0)).ok())
                        .collect(),
                )
            }),
        prop_oneof![1i8..29, -3i8..0].prop_map(Shape::MonthlyDay),
    ]
}

impl Shape {
    fn rrule(&self) -> String {
        match self {
            Shape::Daily => "FREQ=DAILY".into(),
            Shape::Weekly(days) => {
                let names: Vec<&str> = days.iter().map(|d| rrule_day(*d)).collect();
                format!("FREQ=WEEKLY;BYDAY={}", names.join(","))
            }
            Shape::MonthlyDay(n) => format!("FREQ=MONTHLY;BYMONTHDAY={n}"),
        }
    }

    /// Brute force: does this rule match `day`?
    fn matches(&self, day: NaiveDate) -> bool {
        match self {
            Shape::Daily => true,
            Shape::Weekly(days) => days.contains(&day.weekday()),
            Shape::MonthlyDay(n) if *n > 0 => day.day() == u32::from(n.unsigned_abs()),
            Shape::MonthlyDay(n) => {
                let next_month = day
                    .with_day(1)
                    .and_then(|f| f.checked_add_months(chrono::Months::new(1)));
                let len = next_month.map_or(31, |n| (n - Duration::days(1)).day());
                i64::from(day.day()) == i64::from(len) + 1 + i64::from(*n)
            }
        }
    }

    /// Shortest gap between two matching days, for a window that fits.
    fn window_minutes(&self) -> u32 {
        // 22 h stays clear of a 23 h spring-forward day (and of Lord
        // Howe's 23.5 h one).
        22 * 60
    }
}

fn rrule_day(d: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][d.num_days_from_monday() as usize]
}

fn plan_for(zone: &str, start: NaiveDateTime, rrule: &str, window_minutes: u32) -> Plan {
    let json = serde_json::json!({
        "format": 1, "plan_id": "prop", "revision": 1, "zone": zone, "language": "en",
        "schedules": [{
            "id": "s", "start": start.format("%Y-%m-%dT%H:%M").to_string(),
            "rrule": rrule, "window_minutes": window_minutes,
        }],
    });
    Plan::from_json(json.to_string().as_bytes())
        .unwrap_or_else(|e| panic!("{zone} {start} {rrule}: {e}"))
}

/// Ten years of windows from just before `start`, the last local date not
/// affected by the range's end, and the range's end.
fn ten_years(
    plan: &Plan,
    tz: &Zone,
    start: NaiveDateTime,
) -> (Vec<CheckinWindow>, NaiveDate, chrono::DateTime<Utc>) {
    // Two days before the start's wall time read as UTC is before the first
    // window in every zone (offsets stay within ±14 h), without asking the
    // zone about a local time that may itself fall in a gap.
    let from = (start - Duration::days(2)).and_utc();
    let to = from + Duration::days(365 * YEARS + 2);
    let windows = plan.windows_between(from, to).expect("ten years expand");
    // Local dates strictly inside the range, safe from edge effects.
    let last_date = zone::local(tz, to).date() - Duration::days(2);
    (windows, last_date, to)
}

/// Checks one window against the DST rule, independently of the plan code.
fn check_start(tz: &Zone, w: &CheckinWindow, configured: NaiveTime) -> Result<(), TestCaseError> {
    let wanted = w.local_start.date().and_time(configured);
    prop_assert_eq!(w.local_start, wanted);
    let shown = zone::local(tz, w.opens);
    // The zone database read directly (jiff, the same IANA data the library
    // bundles), not through the plan code's resolver.
    let db = jiff::tz::TimeZone::get(tz.name()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let civil: jiff::civil::DateTime = wanted
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
        .parse()
        .map_err(|e: jiff::Error| TestCaseError::fail(e.to_string()))?;
    let read_with =
        |o: jiff::tz::Offset| wanted.and_utc() - Duration::seconds(i64::from(o.seconds()));
    match db.to_ambiguous_timestamp(civil).offset() {
        AmbiguousOffset::Unambiguous { offset } => {
            prop_assert_eq!(w.resolution, Resolution::Exact);
            prop_assert_eq!(w.opens, read_with(offset));
        }
        AmbiguousOffset::Fold { before, after } => {
            prop_assert_eq!(w.resolution, Resolution::FirstOfTwo);
            prop_assert_eq!(shown, wanted);
            prop_assert_eq!(w.opens, read_with(before).min(read_with(after)));
        }
        AmbiguousOffset::Gap { .. } => {
            prop_assert_eq!(w.resolution, Resolution::ShiftedOverGap);
            // Moved forward by exactly the gap: the offset now minus the
            // offset in force a few hours before.
            let offset = |t: chrono::DateTime<Utc>| {
                let l = zone::local(tz, t);
                l - t.naive_utc()
            };
            let gap = offset(w.opens) - offset(w.opens - Duration::hours(6));
            prop_assert!(gap > Duration::zero(), "a gap moves clocks forward");
            prop_assert_eq!(shown, wanted + gap, "{} moved by the gap", wanted);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn windows_start_at_local_time_and_none_is_lost_or_doubled(
        zone in zone(), date in start_date(), time in start_time(), shape in shape(),
    ) {
        let tz = Zone::named(zone).expect("listed zones exist");
        let start = date.and_time(time);
        let plan = plan_for(zone, start, &shape.rrule(), shape.window_minutes());
        let (windows, last_date, _) = ten_years(&plan, &tz, start);

        let mut previous: Option<&CheckinWindow> = None;
        for w in &windows {
            check_start(&tz, w, time)?;
            if let Some(p) = previous {
                prop_assert!(w.opens > p.opens, "{} does not follow {}", w.id, p.id);
                prop_assert!(w.opens >= p.closes, "{} overlaps {}", w.id, p.id);
            }
            previous = Some(w);
        }

        // Exactly one window per matching local date.
        let got: Vec<NaiveDate> = windows.iter().map(|w| w.local_start.date()).filter(|d| *d <= last_date).collect();
        let expected: Vec<NaiveDate> = date.iter_days().take_while(|d| *d <= last_date).filter(|d| shape.matches(*d)).collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn any_slice_of_time_gives_the_same_windows_as_the_whole(
        zone in zone(), date in start_date(), time in start_time(), shape in shape(),
        cut_a in 0i64..3650, len in 0i64..400,
    ) {
        let tz = Zone::named(zone).expect("listed zones exist");
        let start = date.and_time(time);
        let plan = plan_for(zone, start, &shape.rrule(), shape.window_minutes());
        let (whole, _, end) = ten_years(&plan, &tz, start);
        let from = start.and_utc() + Duration::days(cut_a) + Duration::minutes(cut_a * 7 % 1440);
        let to = (from + Duration::days(len)).min(end);
        let slice = plan.windows_between(from, to).expect("expands");
        let expected: Vec<&CheckinWindow> = whole.iter().filter(|w| w.opens >= from && w.opens < to).collect();
        let ids = |ws: &[&CheckinWindow]| ws.iter().map(|w| w.id.clone()).collect::<Vec<_>>();
        let slice_refs: Vec<&CheckinWindow> = slice.iter().collect();
        prop_assert_eq!(ids(&slice_refs), ids(&expected));
        prop_assert!(slice_refs == expected, "same ids, different windows");
        for w in &slice {
            let found = plan.window(&w.id);
            prop_assert_eq!(found.as_ref(), Ok(w));
        }
    }
}

#[test]
fn at_least_twenty_zones_including_the_required_ones() {
    assert!(ZONES.len() >= 20);
    for required in [
        "America/New_York",
        "America/Chicago",
        "America/Havana",
        "America/Port-au-Prince",
        "Europe/London",
        "Australia/Lord_Howe",
        "Asia/Kathmandu",
    ] {
        assert!(ZONES.contains(&required), "{required}");
    }
    for zone in ZONES {
        assert!(Zone::named(zone).is_some(), "{zone}");
    }
}
