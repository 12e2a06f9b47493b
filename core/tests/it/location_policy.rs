//! Location by policy, end to end: what the draft keeps, what is sealed
//! (read back from the reference server) and what the ledger records.

use crate::support::*;
use checkin_core::ledger::LedgerEvent;
use checkin_core::location::{LocationError, LocationFix, SentLocation};
use checkin_core::{CheckinClient, Error};
use chrono::{Duration, Utc};
use serde_json::{Value, json};

/// A precise, fresh fix in Madrid.
fn fix() -> LocationFix {
    LocationFix {
        lat: 40.416_775_3,
        lon: -3.703_790_2,
        accuracy_m: 12.0,
        fix_time: Utc::now(),
        provider: "gps".into(),
        mock: false,
    }
}

fn policy(location_mode: &str, location: Value) -> Value {
    json!({
        "version": 7,
        "evidence": { "photo": "required", "voice": "off", "location": location_mode },
        "location": location,
    })
}

/// Enrolls, then moves the client onto `policy` through a sync; the
/// participant is shown the new statement and consents (captures wait for
/// that).
async fn under(policy: Value) -> Setup {
    let s = enrolled().await;
    s.server.set_policy(policy);
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert!(report.policy_updated, "the new policy reached the device");
    let version = s.client.policy().expect("policy").version;
    s.client.record_consent(version, "en").expect("consent");
    s
}

/// Submits one photo check-in with `fix` attached; returns what the
/// client said it would send.
fn checkin_with(client: &CheckinClient, fix: &LocationFix) -> (uuid::Uuid, SentLocation) {
    let draft = client.start_checkin(None).expect("start");
    client
        .attach_photo(draft, &photo(640, 480, 3))
        .expect("photo");
    let sent = client
        .attach_location(draft, fix)
        .expect("the policy takes location");
    client.submit(draft).expect("submit");
    (draft, sent)
}

/// The record as the program opened it.
async fn sealed_record(s: &Setup, id: uuid::Uuid) -> Value {
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(report.delivered, 1);
    s.server
        .stored_checkin(&id.to_string())
        .expect("server store")
        .expect("delivered")
        .record
}

/// Every number in a JSON value, depth first.
fn numbers(v: &Value, out: &mut Vec<f64>) {
    match v {
        Value::Number(n) => out.extend(n.as_f64()),
        Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
        Value::Object(o) => o.values().for_each(|x| numbers(x, out)),
        _ => {}
    }
}

fn draft_file_text(client: &CheckinClient, id: uuid::Uuid) -> String {
    let draft = client.internals().draft(id).expect("store").expect("draft");
    serde_json::to_string(&draft).expect("json")
}

#[tokio::test]
async fn coarse_mode_keeps_and_sends_only_the_grid_cell_centre() {
    let s = under(policy("coarse", json!({ "coarse_grid_m": 1000 }))).await;
    let f = fix();
    let draft = s.client.start_checkin(None).expect("start");
    s.client
        .attach_photo(draft, &photo(640, 480, 3))
        .expect("photo");
    let sent = s.client.attach_location(draft, &f).expect("taken");
    let SentLocation::Coarse {
        grid_m, lat, lon, ..
    } = sent.clone()
    else {
        panic!("coarse expected, got {sent:?}");
    };
    assert_eq!(grid_m, 1000);
    assert_eq!(
        (lat, lon),
        checkin_core::location::snap(f.lat, f.lon, 1000),
        "the value is the cell centre"
    );
    assert!((lat - f.lat).abs() > 1e-6 || (lon - f.lon).abs() > 1e-6);
    // The draft holds no trace of the precise point.
    let text = draft_file_text(&s.client, draft);
    assert!(
        !text.contains("40.4167753") && !text.contains("3.7037902"),
        "{text}"
    );
    assert!(
        !text.contains("accuracy"),
        "accuracy is not kept in coarse mode"
    );
    let summary = s.client.submit(draft).expect("submit");
    assert_eq!(
        summary.location,
        Some(serde_json::to_value(&sent).expect("json"))
    );

    let record = sealed_record(&s, draft).await;
    assert_eq!(record["location"]["mode"], "coarse");
    let close = |v: &Value, want: f64| v.as_f64().is_some_and(|x| (x - want).abs() < 1e-12);
    assert!(close(&record["location"]["lat"], lat));
    assert!(close(&record["location"]["lon"], lon));
    let mut all = Vec::new();
    numbers(&record, &mut all);
    assert!(
        !all.iter()
            .any(|n| (*n - f.lat).abs() < 1e-9 || (*n - f.lon).abs() < 1e-9),
        "the precise coordinates never reach the record"
    );
    assert!(
        record["evidence"]
            .as_array()
            .expect("list")
            .contains(&json!("location"))
    );

    // The ledger names exactly what was sent.
    let ledger = s.client.ledger().expect("intact");
    let submitted = ledger
        .iter()
        .find_map(|e| match &e.event {
            LedgerEvent::CheckinSubmitted { summary } => Some(summary.clone()),
            _ => None,
        })
        .expect("a submitted entry");
    assert_eq!(submitted.location, Some(record["location"].clone()));
}

#[tokio::test]
async fn area_mode_keeps_and_sends_only_inside_or_outside() {
    let s = under(policy(
        "area",
        json!({ "area": { "circle": { "lat": 40.4168, "lon": -3.7038, "radius_m": 300.0 } } }),
    ))
    .await;
    let (id, sent) = checkin_with(&s.client, &fix());
    assert!(
        matches!(sent, SentLocation::Area { inside: true, .. }),
        "{sent:?}"
    );
    let record = sealed_record(&s, id).await;
    let loc = record["location"].as_object().expect("object");
    let mut keys: Vec<&str> = loc.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "fix_time",
            "inaccurate",
            "inside",
            "mock",
            "mode",
            "provider",
            "stale"
        ]
    );
    assert_eq!(loc["inside"], json!(true));
    let mut all = Vec::new();
    numbers(&record["location"], &mut all);
    assert!(all.is_empty(), "no coordinate or distance is sent: {all:?}");

    // Outside, too, is only a boolean.
    let far = LocationFix { lat: 41.0, ..fix() };
    let draft = s.client.start_checkin(None).expect("start");
    let sent = s.client.attach_location(draft, &far).expect("taken");
    assert!(matches!(sent, SentLocation::Area { inside: false, .. }));
    let kept = s
        .client
        .internals()
        .draft(draft)
        .expect("store")
        .expect("draft");
    let mut all = Vec::new();
    numbers(
        &serde_json::to_value(&kept.location).expect("json"),
        &mut all,
    );
    assert!(all.is_empty(), "the draft keeps no coordinate: {all:?}");
}

#[tokio::test]
async fn none_mode_refuses_the_fix_and_stores_nothing() {
    let s = under(policy("none", json!({}))).await;
    let draft = s.client.start_checkin(None).expect("start");
    s.client
        .attach_photo(draft, &photo(640, 480, 3))
        .expect("photo");
    let before = draft_file_text(&s.client, draft);
    assert!(matches!(
        s.client.attach_location(draft, &fix()),
        Err(Error::Location(LocationError::NotCollected))
    ));
    assert_eq!(draft_file_text(&s.client, draft), before, "draft untouched");
    let summary = s.client.submit(draft).expect("submit");
    assert_eq!(summary.location, None);
    let record = sealed_record(&s, draft).await;
    assert_eq!(record["location"], Value::Null);
    assert!(
        !record["evidence"]
            .as_array()
            .expect("list")
            .contains(&json!("location"))
    );
}

#[tokio::test]
async fn mock_stale_and_inaccurate_fixes_are_marked_in_what_is_sealed() {
    let s = under(policy(
        "precise",
        json!({ "max_fix_age_s": 60, "max_accuracy_m": 50 }),
    ))
    .await;
    let odd = LocationFix {
        fix_time: Utc::now() - Duration::minutes(10),
        accuracy_m: 900.0,
        mock: true,
        ..fix()
    };
    let (id, _) = checkin_with(&s.client, &odd);
    let record = sealed_record(&s, id).await;
    let loc = &record["location"];
    assert_eq!(loc["mode"], "precise");
    assert_eq!(loc["mock"], json!(true));
    assert_eq!(loc["stale"], json!(true));
    assert_eq!(loc["inaccurate"], json!(true));

    // A fix stamped in the future is not current either.
    let future = LocationFix {
        fix_time: Utc::now() + Duration::minutes(10),
        ..fix()
    };
    let (id, _) = checkin_with(&s.client, &future);
    let record = sealed_record(&s, id).await;
    assert_eq!(record["location"]["stale"], json!(true));

    // A fresh, accurate, real fix is marked as such.
    let (id, _) = checkin_with(&s.client, &fix());
    let record = sealed_record(&s, id).await;
    let loc = &record["location"];
    assert_eq!(
        (&loc["mock"], &loc["stale"], &loc["inaccurate"]),
        (&json!(false), &json!(false), &json!(false))
    );
    assert!(
        loc["lat"]
            .as_f64()
            .is_some_and(|x| (x - fix().lat).abs() < 1e-12)
    );
}

#[tokio::test]
async fn a_policy_that_requires_location_blocks_submit_without_one() {
    let s = under(policy("coarse", json!({ "required": true }))).await;
    let draft = s.client.start_checkin(None).expect("start");
    s.client
        .attach_photo(draft, &photo(640, 480, 3))
        .expect("photo");
    assert!(matches!(
        s.client.submit(draft),
        Err(Error::MissingEvidence("location"))
    ));
    let bad = LocationFix {
        lat: f64::NAN,
        ..fix()
    };
    assert!(matches!(
        s.client.attach_location(draft, &bad),
        Err(Error::Location(LocationError::InvalidFix))
    ));
    s.client.attach_location(draft, &fix()).expect("taken");
    assert!(s.client.submit(draft).is_ok());
}

#[tokio::test]
async fn an_area_small_enough_to_say_where_the_participant_is_is_refused() {
    let s = enrolled().await;
    let before = s.client.policy().expect("policy");
    // About 1 m north and east of the fix, in degrees.
    let (m_lat, m_lon) = (1.0 / 111_320.0, 1.0 / 84_800.0);
    let at = |north: f64, east: f64| json!([40.4168 + north * m_lat, -3.7038 + east * m_lon]);
    let too_small = [
        json!({ "circle": { "lat": 40.4168, "lon": -3.7038, "radius_m": 5.0 } }),
        json!({ "circle": { "lat": 40.4168, "lon": -3.7038, "radius_m": 99.0 } }),
        // 150 m × 150 m: less than a 100 m circle's 31,416 m².
        json!({ "polygon": [at(0.0, 0.0), at(0.0, 150.0), at(150.0, 150.0), at(150.0, 0.0)] }),
        // 10 m × 10 km: a street, whatever its area.
        json!({ "polygon": [at(0.0, 0.0), at(0.0, 10.0), at(10_000.0, 10.0), at(10_000.0, 0.0)] }),
    ];
    for area in too_small {
        s.server.set_policy(policy("area", json!({ "area": area })));
        let report = s.client.sync(far_deadline(), None).await.expect("sync");
        assert!(!report.policy_updated, "{area}");
        let why = report.document_error.expect("the refusal is reported");
        assert!(why.contains("location.area"), "{why}");
        assert_eq!(s.client.policy().expect("policy"), before, "kept");
    }

    // Nor does a device enroll under one.
    s.server.set_policy(policy(
        "area",
        json!({ "area": { "circle": { "lat": 40.4168, "lon": -3.7038, "radius_m": 5.0 } } }),
    ));
    let dir = tempfile::tempdir().expect("dir");
    let key_store = checkin_core::crypto::keystore::SoftwareKeyStore::random().expect("keys");
    let fresh = CheckinClient::open(
        config(dir.path()),
        &key_store,
        std::sync::Arc::new(checkin_core::clock::SystemClock),
    )
    .expect("open");
    let code = s.server.issue_enrollment_code();
    assert!(matches!(
        fresh.enroll(&s.server.base_url(), &code).await,
        Err(Error::Policy(checkin_core::PolicyError::Area(
            checkin_core::policy::AreaError::TooSmall
        )))
    ));
    assert!(!fresh.is_enrolled().expect("read"));

    // A circle of 100 m is an area.
    s.server.set_policy(policy(
        "area",
        json!({ "area": { "circle": { "lat": 40.4168, "lon": -3.7038, "radius_m": 100.0 } } }),
    ));
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert!(report.policy_updated);
}
