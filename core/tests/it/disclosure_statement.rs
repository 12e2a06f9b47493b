//! "What this program collects": the statement changes exactly when the
//! policy does, exists in English and Spanish, matches what a real sealed
//! check-in contains, and consent is recorded with its policy version. A
//! policy changed at sync is in the ledger and blocks captures until the
//! participant has seen its statement.

use crate::support::*;
use checkin_core::Error;
use checkin_core::ledger::LedgerEvent;
use checkin_core::location::LocationFix;
use chrono::Utc;
use serde_json::{Value, json};

fn coarse_policy(version: u32, grid_m: u32) -> Value {
    json!({
        "version": version,
        "program": { "name": "Demo Court Program", "contact": "+1 555 0100",
                     "privacy_notice_url": "https://program.example/privacy" },
        "evidence": { "photo": "required", "voice": "off", "location": "coarse" },
        "location": { "coarse_grid_m": grid_m },
        "photo": { "blur_bystanders": true },
        "retention": { "device_days": 14 },
        "receivers": ["Case officer"],
    })
}

async fn sync_policy(s: &Setup, policy: Value) -> bool {
    s.server.set_policy(policy);
    s.client
        .sync(far_deadline(), None)
        .await
        .expect("sync")
        .policy_updated
}

#[tokio::test]
async fn the_statement_changes_exactly_when_the_policy_changes() {
    let s = enrolled().await;
    let en0 = s.client.collection_statement("en").expect("statement");
    let es0 = s.client.collection_statement("es").expect("statement");
    assert_ne!(en0.text, es0.text, "Spanish is its own text");
    assert_eq!(en0.collects, es0.collects);

    // A sync that brings no new policy leaves the statement alone.
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert!(!report.policy_updated);
    assert_eq!(s.client.collection_statement("en").expect("statement"), en0);

    // A new policy changes it, in both languages, to say what it says.
    assert!(sync_policy(&s, coarse_policy(5, 2000)).await);
    let en1 = s.client.collection_statement("en").expect("statement");
    let es1 = s.client.collection_statement("es").expect("statement");
    assert_ne!(en1.text, en0.text);
    assert_ne!(es1.text, es0.text);
    assert_ne!(en1.text_sha256_hex, en0.text_sha256_hex);
    for text in [&en1.text, &es1.text] {
        assert!(text.contains("2000 m"), "{text}");
        assert!(text.contains("Case officer"), "{text}");
        assert!(text.contains("14"), "{text}");
        assert!(text.contains("https://program.example/privacy"), "{text}");
    }
    assert!(en1.text.contains("never the exact point"), "{}", en1.text);
    assert!(es1.text.contains("nunca el punto exacto"), "{}", es1.text);
    assert!(en1.text.contains("No voice recordings"), "{}", en1.text);
    assert!(
        es1.text.contains("Ninguna grabación de voz"),
        "{}",
        es1.text
    );

    // Only the grid changes: the statement changes with it.
    assert!(sync_policy(&s, coarse_policy(6, 5000)).await);
    let en2 = s.client.collection_statement("en").expect("statement");
    assert!(en2.text.contains("5000 m") && !en2.text.contains("2000 m"));
    assert_eq!(en2.policy_version, 6);
}

#[tokio::test]
async fn the_statements_claims_match_a_real_sealed_checkin() {
    let s = enrolled().await;
    assert!(sync_policy(&s, coarse_policy(5, 2000)).await);
    let statement = s.client.collection_statement("en").expect("statement");
    s.client
        .record_consent(statement.policy_version, "en")
        .expect("consent");

    let draft = s.client.start_checkin(None).expect("start");
    s.client
        .attach_photo(draft, &photo(640, 480, 5))
        .expect("photo");
    s.client
        .attach_location(
            draft,
            &LocationFix {
                lat: 19.432_608,
                lon: -99.133_209,
                accuracy_m: 20.0,
                fix_time: Utc::now(),
                provider: "fused".into(),
                mock: false,
            },
        )
        .expect("taken");
    s.client.submit(draft).expect("submit");
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(report.delivered, 1);
    let stored = s
        .server
        .stored_checkin(&draft.to_string())
        .expect("server")
        .expect("stored");

    // The header names the policy the statement describes.
    assert_eq!(
        stored.header["policy_version"],
        json!(statement.policy_version)
    );
    // The record's evidence is exactly what the statement says is collected.
    let evidence: Vec<String> = stored.record["evidence"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    assert_eq!(evidence, statement.collects);
    // Media parts are only those the statement names.
    for part in stored.header["parts"].as_array().expect("parts") {
        let kind = part["kind"].as_str().expect("kind");
        assert!(
            kind == "record" || statement.collects.iter().any(|c| c == kind),
            "part {kind} not in the statement"
        );
    }
    // Location at the precision stated.
    assert_eq!(stored.record["location"]["mode"], "coarse");
    assert_eq!(
        stored.record["location"]["grid_m"].as_u64(),
        statement.coarse_grid_m.map(u64::from)
    );
}

#[tokio::test]
async fn consent_is_recorded_with_its_policy_version() {
    let s = enrolled().await;
    let version = s.client.policy().expect("policy").version;
    assert!(s.client.consent_needed().expect("read"));
    assert!(matches!(
        s.client.record_consent(version + 1, "es"),
        Err(Error::ConsentNotCurrent { given, current })
            if given == version + 1 && current == version
    ));
    assert!(s.client.consents().expect("read").is_empty());
    let consent = s.client.record_consent(version, "es").expect("recorded");
    assert_eq!(consent.policy_version, version);
    assert_eq!(
        consent.text_sha256_hex,
        s.client
            .collection_statement("es")
            .expect("statement")
            .text_sha256_hex
    );
    assert!(!s.client.consent_needed().expect("read"));

    // A new policy needs consent again; the old one is kept.
    assert!(sync_policy(&s, coarse_policy(version + 10, 2000)).await);
    assert!(s.client.consent_needed().expect("read"));
    s.client
        .record_consent(version + 10, "en")
        .expect("recorded");
    let all = s.client.consents().expect("read");
    assert_eq!(
        all.iter().map(|c| c.policy_version).collect::<Vec<_>>(),
        [version, version + 10]
    );
    // Each consent is also in the hash-chained ledger, with the text's digest.
    let ledger = s.client.ledger().expect("verifies");
    let consented: Vec<_> = ledger
        .iter()
        .filter_map(|e| match &e.event {
            checkin_core::ledger::LedgerEvent::ConsentRecorded {
                policy_version,
                text_sha256_hex,
                ..
            } => Some((*policy_version, text_sha256_hex.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(consented.len(), 2);
    assert_eq!(consented[0], (version, consent.text_sha256_hex.clone()));
    assert_eq!(consented[1].0, version + 10);
}

#[tokio::test]
async fn a_changed_policy_is_shown_before_the_next_capture_under_it() {
    let s = enrolled().await;
    let enrolled_under = s.client.policy().expect("policy").version;
    // The policy enrolled under does not block a check-in (its statement
    // is shown at enrollment), though consent for it is still asked for.
    assert!(s.client.consent_needed().expect("read"));
    let before_change = s.client.start_checkin(None).expect("start");

    let new_version = enrolled_under + 1;
    assert!(sync_policy(&s, coarse_policy(new_version, 2000)).await);
    assert!(s.client.consent_needed().expect("read"));
    // Nothing is captured under the new policy before its statement is seen:
    // not a new check-in, not evidence added to one already started.
    let refused = |r: Result<_, Error>| match r {
        Err(Error::ConsentRequired { policy_version }) => assert_eq!(policy_version, new_version),
        other => panic!("expected ConsentRequired, got {:?}", other.map(|_| ())),
    };
    refused(s.client.start_checkin(None).map(|_| ()));
    refused(
        s.client
            .attach_photo(before_change, &photo(640, 480, 1))
            .map(|_| ()),
    );
    refused(
        s.client
            .attach_location(
                before_change,
                &LocationFix {
                    lat: 19.43,
                    lon: -99.13,
                    accuracy_m: 20.0,
                    fix_time: Utc::now(),
                    provider: "fused".into(),
                    mock: false,
                },
            )
            .map(|_| ()),
    );
    assert!(
        s.client
            .internals()
            .draft(before_change)
            .expect("store")
            .expect("kept")
            .photo
            .is_none(),
        "the refused photo was not attached"
    );

    // Consent to an older version does not unblock.
    assert!(matches!(
        s.client.record_consent(enrolled_under, "en"),
        Err(Error::ConsentNotCurrent { .. })
    ));
    refused(s.client.start_checkin(None).map(|_| ()));

    let statement = s.client.collection_statement("es").expect("statement");
    s.client
        .record_consent(statement.policy_version, "es")
        .expect("consent");
    assert!(!s.client.consent_needed().expect("read"));
    s.client
        .attach_photo(before_change, &photo(640, 480, 1))
        .expect("photo");
    let summary = s.client.submit(before_change).expect("submit");
    assert_eq!(summary.policy_version, Some(new_version));

    // The ledger shows the order: the policy arrived, its statement was
    // seen, then the check-in was sealed under it.
    let ledger = s.client.ledger().expect("verifies");
    let at = |pred: &dyn Fn(&LedgerEvent) -> bool| {
        ledger
            .iter()
            .position(|e| pred(&e.event))
            .expect("entry present")
    };
    let received = at(
        &|e| matches!(e, LedgerEvent::PolicyReceived { version, .. } if *version == new_version),
    );
    let consented = at(&|e| {
        matches!(e, LedgerEvent::ConsentRecorded { policy_version, text_sha256_hex, .. }
            if *policy_version == new_version && *text_sha256_hex == statement.text_sha256_hex)
    });
    let sealed = at(
        &|e| matches!(e, LedgerEvent::CheckinSubmitted { summary } if summary.checkin_id == before_change),
    );
    assert!(received < consented && consented < sealed, "{ledger:?}");
}

#[tokio::test]
async fn evidence_taken_under_an_earlier_policy_is_never_sealed_under_the_new_one() {
    let s = enrolled().await;
    let old_version = s.client.policy().expect("policy").version;
    let draft = s.client.start_checkin(None).expect("start");
    s.client
        .attach_photo(draft, &photo(640, 480, 2))
        .expect("photo under the old policy");

    let new_version = old_version + 1;
    assert!(sync_policy(&s, coarse_policy(new_version, 2000)).await);
    // Before consent: refused as for any capture.
    assert!(matches!(
        s.client.submit(draft),
        Err(Error::ConsentRequired { .. })
    ));
    s.client.record_consent(new_version, "en").expect("consent");
    // After consent: the photo was processed under the old policy, so this
    // check-in is neither sealed nor extended; the participant retakes it.
    let changed = |r: Result<(), Error>| match r {
        Err(Error::PolicyChanged {
            captured_under,
            current,
        }) => assert_eq!((captured_under, current), (old_version, new_version)),
        other => panic!("expected PolicyChanged, got {other:?}"),
    };
    changed(s.client.submit(draft).map(|_| ()));
    changed(s.client.attach_voice(draft, &[]).map(|_| ()));
    assert!(
        s.client.outbox().expect("read").is_empty(),
        "nothing sealed"
    );

    s.client.discard_checkin(draft).expect("discard");
    let retake = s.client.start_checkin(None).expect("start");
    s.client
        .attach_photo(retake, &photo(640, 480, 2))
        .expect("photo");
    let summary = s.client.submit(retake).expect("submit");
    assert_eq!(summary.policy_version, Some(new_version));
}

#[tokio::test]
async fn a_device_enrolled_before_the_version_was_kept_apart_reads_it_from_the_ledger() {
    let s = enrolled().await;
    let conn = rusqlite::Connection::open(s.device_dir.path().join(checkin_core::store::DB_FILE))
        .expect("db");
    let removed = conn
        .execute(
            "DELETE FROM documents WHERE name = 'enrolled_policy_version'",
            [],
        )
        .expect("delete");
    assert_eq!(removed, 1);
    drop(conn);
    s.client
        .start_checkin(None)
        .expect("the policy enrolled under does not block");
    let version = s.client.policy().expect("policy").version + 1;
    assert!(sync_policy(&s, coarse_policy(version, 2000)).await);
    assert!(matches!(
        s.client.start_checkin(None),
        Err(Error::ConsentRequired { policy_version }) if policy_version == version
    ));
}

#[tokio::test]
async fn a_different_lower_version_never_lets_captures_go_ahead_without_consent() {
    let s = enrolled().await;
    let enrolled_under = s.client.policy().expect("policy").version;
    let v2 = enrolled_under + 1;
    assert!(sync_policy(&s, coarse_policy(v2, 2000)).await);
    let waits = |r: Result<uuid::Uuid, Error>| match r {
        Err(Error::ConsentRequired { policy_version }) => assert_eq!(policy_version, v2),
        other => panic!("expected ConsentRequired for {v2}, got {other:?}"),
    };
    waits(s.client.start_checkin(None));
    let shown = s.client.collection_statement("en").expect("statement");

    // The server now sends another document numbered like the one enrolled
    // under (asking for the precise location): it is refused, and the
    // version the participant has not yet seen still waits for them.
    let mut other = coarse_policy(enrolled_under, 2000);
    other["evidence"]["location"] = json!("precise");
    s.server.set_policy(other.clone());
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert!(!report.policy_updated);
    let why = report.document_error.expect("the refusal is reported");
    assert!(why.contains("older"), "{why}");
    assert_eq!(s.client.policy().expect("policy").version, v2);
    assert_eq!(
        s.client.collection_statement("en").expect("statement"),
        shown
    );
    waits(s.client.start_checkin(None));

    // The same number over other content is refused too.
    let mut same_number = coarse_policy(v2, 2000);
    same_number["evidence"]["location"] = json!("precise");
    s.server.set_policy(same_number);
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert!(!report.policy_updated);
    assert!(
        report
            .document_error
            .is_some_and(|why| why.contains("other content"))
    );
    waits(s.client.start_checkin(None));

    // Neither reached the ledger; only the participant's consent opens
    // captures, under the policy they were shown.
    let received: Vec<u32> = s
        .client
        .ledger()
        .expect("verifies")
        .iter()
        .filter_map(|e| match &e.event {
            LedgerEvent::PolicyReceived {
                version,
                sha256_hex,
            } => {
                assert!(sha256_hex.is_some(), "the policy's digest is recorded");
                Some(*version)
            }
            _ => None,
        })
        .collect();
    assert_eq!(received, [enrolled_under, v2]);
    let consent = s.client.record_consent(v2, "en").expect("consent");
    assert!(consent.policy_sha256_hex.is_some());
    let draft = s.client.start_checkin(None).expect("start");
    s.client
        .attach_photo(draft, &photo(640, 480, 4))
        .expect("photo");
    assert_eq!(
        s.client.submit(draft).expect("submit").policy_version,
        Some(v2)
    );
}
