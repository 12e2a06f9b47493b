//! "Open now" from HSDS schedules (docs/directory.md, "Hours"): read in
//! each location's zone with the plan's recurrence rules and DST rule,
//! checked by hand across the 2026 DST changes and across four zones
//! (New York, Chicago, Phoenix without DST, Los Angeles).

use checkin_core::directory::{Catalog, DirectoryQuery, open_at, search};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").into()
}

fn weekly(byday: &str, opens: &str, closes: &str) -> Value {
    json!({"id": format!("s-{byday}-{opens}"), "freq": "WEEKLY", "byday": byday, "opens_at": opens, "closes_at": closes})
}

/// One service per (id, zone, schedules), each at its own location.
fn catalog(services: &[(&str, &str, Vec<Value>)]) -> Catalog {
    let mut locations = Vec::new();
    let mut list = Vec::new();
    for (id, zone, schedules) in services {
        locations.push(json!({
            "id": format!("loc-{id}"), "name": id, "time_zone": zone,
            "latitude": 40.0, "longitude": -80.0,
            "addresses": [{"address_1": "1 Main St", "city": "Town", "state_province": "XX", "postal_code": "00000", "country": "US"}]
        }));
        list.push(json!({
            "id": id, "name": id, "status": "active", "organization_id": "org",
            "service_at_locations": [{"id": format!("sal-{id}"), "location_id": format!("loc-{id}")}],
            "schedules": schedules
        }));
    }
    let doc = json!({
        "format": 1, "revision": 1, "language": "en", "zone": "America/New_York",
        "organizations": [{"id": "org", "name": "Org"}],
        "locations": locations, "services": list
    });
    Catalog::import(doc.to_string().as_bytes()).expect("imports")
}

fn open(c: &Catalog, id: &str, when: &str) -> Option<bool> {
    let (_, s) = c.service(id).expect("service");
    open_at(c, s, at(when))
}

#[test]
fn office_hours_are_local_on_both_sides_of_a_dst_change() {
    let c = catalog(&[(
        "office",
        "America/New_York",
        vec![weekly("MO,TU,WE,TH,FR", "09:00", "17:00")],
    )]);
    // Monday 2 March (EST, UTC-5) and Monday 9 March (EDT, UTC-4).
    assert_eq!(
        open(&c, "office", "2026-03-02T13:30:00Z"),
        Some(false),
        "8:30 EST"
    );
    assert_eq!(
        open(&c, "office", "2026-03-02T14:00:00Z"),
        Some(true),
        "9:00 EST"
    );
    assert_eq!(
        open(&c, "office", "2026-03-09T13:30:00Z"),
        Some(true),
        "9:30 EDT"
    );
    assert_eq!(
        open(&c, "office", "2026-03-09T12:59:00Z"),
        Some(false),
        "8:59 EDT"
    );
    assert_eq!(
        open(&c, "office", "2026-03-02T21:30:00Z"),
        Some(true),
        "16:30 EST"
    );
    assert_eq!(
        open(&c, "office", "2026-03-09T21:30:00Z"),
        Some(false),
        "17:30 EDT"
    );
    // Saturday: closed.
    assert_eq!(open(&c, "office", "2026-03-07T15:00:00Z"), Some(false));
    // Across the fall change (Sunday 1 November), Monday 2 November 9:00 EST.
    assert_eq!(
        open(&c, "office", "2026-10-26T13:00:00Z"),
        Some(true),
        "9:00 EDT"
    );
    assert_eq!(
        open(&c, "office", "2026-11-02T13:00:00Z"),
        Some(false),
        "8:00 EST"
    );
    assert_eq!(
        open(&c, "office", "2026-11-02T14:00:00Z"),
        Some(true),
        "9:00 EST"
    );
}

#[test]
fn an_overnight_shelter_closes_at_its_local_morning_hour_across_dst() {
    let c = catalog(&[(
        "shelter",
        "America/New_York",
        vec![weekly("MO,TU,WE,TH,FR,SA,SU", "19:00", "07:00")],
    )]);
    // Spring forward in the night of 7–8 March: 19:00 EST to 07:00 EDT.
    assert_eq!(
        open(&c, "shelter", "2026-03-08T00:00:00Z"),
        Some(true),
        "19:00 EST Saturday"
    );
    assert_eq!(
        open(&c, "shelter", "2026-03-07T23:59:00Z"),
        Some(false),
        "18:59 EST"
    );
    assert_eq!(
        open(&c, "shelter", "2026-03-08T07:30:00Z"),
        Some(true),
        "3:30 EDT, after the gap"
    );
    assert_eq!(
        open(&c, "shelter", "2026-03-08T10:59:00Z"),
        Some(true),
        "6:59 EDT"
    );
    assert_eq!(
        open(&c, "shelter", "2026-03-08T11:00:00Z"),
        Some(false),
        "7:00 EDT: 11 hours that night"
    );
    // Fall back in the night of 31 October – 1 November: 13 hours.
    assert_eq!(
        open(&c, "shelter", "2026-11-01T05:30:00Z"),
        Some(true),
        "1:30 EDT"
    );
    assert_eq!(
        open(&c, "shelter", "2026-11-01T06:30:00Z"),
        Some(true),
        "1:30 EST, the second time"
    );
    assert_eq!(
        open(&c, "shelter", "2026-11-01T11:59:00Z"),
        Some(true),
        "6:59 EST"
    );
    assert_eq!(
        open(&c, "shelter", "2026-11-01T12:00:00Z"),
        Some(false),
        "7:00 EST: 13 hours that night"
    );
}

#[test]
fn the_same_hours_are_read_in_each_places_zone() {
    let hours = || vec![weekly("MO,TU,WE,TH,FR", "09:00", "17:00")];
    let c = catalog(&[
        ("ny", "America/New_York", hours()),
        ("chicago", "America/Chicago", hours()),
        ("phoenix", "America/Phoenix", hours()),
        ("la", "America/Los_Angeles", hours()),
    ]);
    // Wednesday 15 July, 13:45 UTC: 9:45 in New York, 8:45 in Chicago,
    // 6:45 in Phoenix (MST all year) and in Los Angeles (PDT).
    let morning = "2026-07-15T13:45:00Z";
    assert_eq!(open(&c, "ny", morning), Some(true));
    assert_eq!(open(&c, "chicago", morning), Some(false));
    assert_eq!(open(&c, "phoenix", morning), Some(false));
    assert_eq!(open(&c, "la", morning), Some(false));
    // 23:30 UTC: 19:30 New York, 18:30 Chicago, 16:30 Phoenix and LA.
    let evening = "2026-07-15T23:30:00Z";
    assert_eq!(
        ["ny", "chicago", "phoenix", "la"].map(|id| open(&c, id, evening)),
        [Some(false), Some(false), Some(true), Some(true)]
    );
    // In winter Phoenix and Los Angeles part: Tuesday 13 January 00:30 UTC
    // is 17:30 MST in Phoenix (closed) and 16:30 PST in LA (open).
    let winter = "2026-01-14T00:30:00Z";
    assert_eq!(open(&c, "phoenix", winter), Some(false));
    assert_eq!(open(&c, "la", winter), Some(true));
    // The filter agrees.
    let found = search(
        &c,
        &DirectoryQuery {
            open_now: true,
            ..DirectoryQuery::default()
        },
        at(evening),
    )
    .expect("search");
    let ids: Vec<&str> = found
        .hits
        .iter()
        .map(|h| &*c.services[h.service as usize].id)
        .collect();
    assert_eq!(ids, ["la", "phoenix"]);
}

#[test]
fn monthly_seasonal_counted_and_unknown_hours() {
    let c = catalog(&[
        (
            "monthly",
            "America/New_York",
            vec![
                json!({"id": "m", "freq": "MONTHLY", "byday": "2TU", "dtstart": "2026-01-13", "opens_at": "09:00:00", "closes_at": "12:00:00"}),
            ],
        ),
        (
            "winter",
            "America/New_York",
            vec![
                json!({"id": "w", "byday": "SA", "opens_at": "09:00", "closes_at": "13:00", "valid_from": "2026-11-01", "valid_to": "2027-03-31"}),
            ],
        ),
        (
            "three",
            "America/New_York",
            vec![
                json!({"id": "t", "freq": "WEEKLY", "byday": "MO", "count": 3, "dtstart": "2026-06-01", "opens_at": "10:00", "closes_at": "11:00"}),
            ],
        ),
        (
            "words",
            "America/New_York",
            vec![json!({"id": "d", "description": "Call for hours."})],
        ),
        (
            "always",
            "America/New_York",
            vec![weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00")],
        ),
        (
            "offset",
            "America/New_York",
            vec![weekly("MO", "09:00-05:00", "17:00-05:00")],
        ),
    ]);
    // The second Tuesday of December 2026 is the 8th.
    assert_eq!(open(&c, "monthly", "2026-12-08T14:30:00Z"), Some(true));
    assert_eq!(open(&c, "monthly", "2026-12-15T14:30:00Z"), Some(false));
    assert_eq!(open(&c, "winter", "2026-12-05T15:00:00Z"), Some(true));
    assert_eq!(
        open(&c, "winter", "2026-10-31T14:00:00Z"),
        Some(false),
        "before the season"
    );
    assert_eq!(
        open(&c, "three", "2026-06-15T14:30:00Z"),
        Some(true),
        "the third Monday"
    );
    assert_eq!(
        open(&c, "three", "2026-06-22T14:30:00Z"),
        Some(false),
        "past the count"
    );
    assert_eq!(open(&c, "words", "2026-06-22T14:30:00Z"), None);
    assert_eq!(open(&c, "always", "2026-03-08T07:15:00Z"), Some(true));
    // An offset after a time is ignored: 9:00 at the place, in summer too.
    assert_eq!(
        open(&c, "offset", "2026-07-13T13:30:00Z"),
        Some(true),
        "9:30 EDT"
    );
}
