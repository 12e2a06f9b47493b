//! The participant's journey through the screens, as a shell drives it:
//! ask for a screen, send back what was tapped, carry out the effect and
//! hand back what the phone captured. Against the reference server, from
//! the first screen to a delivered check-in with its receipt.

use std::sync::Arc;

use checkin_core::{
    ActionKind, Block, CaptureResult, CheckinClient, ClientConfig, Effect, FieldValue,
    ManagedConfig, Route, Screen, ShellContext, SoftwareKeyStore, StepState, SystemClock,
};

use crate::support::*;

fn open(dir: &std::path::Path) -> CheckinClient {
    let config = ClientConfig {
        locale: "en".into(),
        ..config(dir)
    };
    CheckinClient::open(
        config,
        &SoftwareKeyStore::random().expect("key store"),
        Arc::new(SystemClock),
    )
    .expect("open")
}

fn action<'s>(screen: &'s Screen, id: &str) -> &'s ActionKind {
    &screen
        .actions
        .iter()
        .chain(screen.blocks.iter().filter_map(|b| match b {
            Block::Capture { action, .. } => Some(action),
            Block::Notice { action, .. } => action.as_ref(),
            _ => None,
        }))
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no action {id} on {}", screen.to_text()))
        .kind
}

fn field_error(screen: &Screen, id: &str) -> Option<String> {
    screen.blocks.iter().find_map(|b| match b {
        Block::Input { field } if field.id == id => field.error.clone(),
        _ => None,
    })
}

/// Taps `id` on `screen`.
async fn tap(client: &CheckinClient, screen: &Screen, id: &str, ctx: &ShellContext) -> Screen {
    let kind = action(screen, id).clone();
    client
        .perform(&screen.route, kind, Vec::new(), ctx)
        .await
        .expect("perform")
}

#[tokio::test]
async fn from_the_first_screen_to_a_delivered_check_in() {
    let server_dir = tempfile::tempdir().expect("dir");
    let server = start_server(server_dir.path()).await;
    let device = tempfile::tempdir().expect("dir");
    let client = open(device.path());
    let ctx = ShellContext::default();

    // Enrollment, with a wrong code first: told in words, what was typed kept.
    let start = client.screen(&Route::Start, &ctx).expect("screen");
    assert_eq!(start.route, Route::Enroll);
    let fields = |code: &str| {
        vec![
            FieldValue {
                field_id: "server_url".into(),
                value: server.base_url(),
            },
            FieldValue {
                field_id: "code".into(),
                value: code.into(),
            },
        ]
    };
    let wrong = client
        .perform(&start.route, ActionKind::Enroll, fields("WRONG-CODE"), &ctx)
        .await
        .expect("perform");
    assert_eq!(wrong.route, Route::Enroll);
    assert!(field_error(&wrong, "code").is_some(), "{}", wrong.to_text());
    assert!(!client.is_enrolled().expect("read"));
    let consent = client
        .perform(
            &wrong.route,
            ActionKind::Enroll,
            fields(&server.issue_enrollment_code()),
            &ctx,
        )
        .await
        .expect("perform");
    assert_eq!(consent.route, Route::Consent, "{}", consent.to_text());

    // Consent, then home: the start route answers home from now on.
    let home = tap(&client, &consent, "consent.accept", &ctx).await;
    assert_eq!(home.route, Route::Home);
    assert_eq!(
        client.screen(&Route::Start, &ctx).expect("screen").route,
        Route::Home
    );

    // A check-in: the camera is asked for, the photo handed back.
    let checkin = client
        .perform(
            &home.route,
            ActionKind::StartCheckin { window_id: None },
            Vec::new(),
            &ctx,
        )
        .await
        .expect("start");
    let Route::Checkin { checkin_id } = checkin.route.clone() else {
        panic!("{}", checkin.to_text())
    };
    let camera = tap(&client, &checkin, "checkin.capture-photo", &ctx).await;
    assert!(
        matches!(camera.effect, Some(Effect::CapturePhoto { .. })),
        "{}",
        camera.to_text()
    );
    // The participant cancels once: the same screen, nothing kept.
    let cancelled = client
        .deliver_capture(
            &camera.route,
            CaptureResult::Cancelled {
                reason: "back".into(),
            },
            &ctx,
        )
        .await
        .expect("deliver");
    assert_eq!(cancelled.route, camera.route);
    let with_photo = client
        .deliver_capture(
            &camera.route,
            CaptureResult::Photo {
                checkin_id: checkin_id.clone(),
                jpeg: photo(640, 480, 5),
            },
            &ctx,
        )
        .await
        .expect("deliver");
    let steps = with_photo
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Steps { items } => Some(items.clone()),
            _ => None,
        })
        .expect("steps");
    assert_eq!(steps[0].state, StepState::Done, "{}", with_photo.to_text());

    // Review, then send: sealed and saved, with a sync asked of the shell.
    let review = tap(&client, &with_photo, "checkin.review", &ctx).await;
    assert_eq!(
        review.route,
        Route::Review {
            checkin_id: checkin_id.clone()
        }
    );
    let submitted = tap(&client, &review, "review.submit", &ctx).await;
    assert_eq!(
        submitted.route,
        Route::Submitted {
            checkin_id: checkin_id.clone()
        }
    );
    assert_eq!(submitted.effect, Some(Effect::Sync));
    assert!(
        submitted
            .to_text()
            .contains("Locked and saved on this phone")
    );

    // The shell's background sync, then the same screen: received.
    let synced = client
        .perform(&submitted.route, ActionKind::SyncNow, Vec::new(), &ctx)
        .await
        .expect("sync");
    assert_eq!(synced.route, submitted.route);
    let text = synced.to_text();
    assert!(text.contains("Received by the program"), "{text}");
    assert!(text.contains("Signed by"), "{text}");
    assert_eq!(server.stored_checkins().len(), 1);

    // The home screen says so too.
    let home = client.screen(&Route::Home, &ctx).expect("home");
    assert!(
        home.to_text().contains("Last check-in received"),
        "{}",
        home.to_text()
    );
}

#[tokio::test]
async fn an_issued_phone_enrolls_from_its_managed_configuration_without_typing() {
    let server_dir = tempfile::tempdir().expect("dir");
    let server = start_server(server_dir.path()).await;
    let device = tempfile::tempdir().expect("dir");
    let client = open(device.path());
    let ctx = ShellContext {
        permissions: Vec::new(),
        managed: Some(ManagedConfig {
            server_url: Some(server.base_url()),
            enrollment_code: Some(server.issue_enrollment_code()),
            tls_pins: Vec::new(),
            language: None,
            kiosk: true,
        }),
    };
    let start = client.screen(&Route::Start, &ctx).expect("screen");
    let read_only = start
        .blocks
        .iter()
        .filter(
            |b| matches!(b, Block::Input { field } if field.read_only && !field.value.is_empty()),
        )
        .count();
    assert_eq!(read_only, 2, "{}", start.to_text());
    // Connect: the fields' values come from the configuration, not typing.
    let next = tap(&client, &start, "enroll.submit", &ctx).await;
    assert_eq!(next.route, Route::Consent, "{}", next.to_text());
    assert!(client.is_enrolled().expect("read"));
}

#[tokio::test]
async fn a_scanned_program_code_enrolls_and_anything_else_is_told() {
    let server_dir = tempfile::tempdir().expect("dir");
    let server = start_server(server_dir.path()).await;
    let device = tempfile::tempdir().expect("dir");
    let client = open(device.path());
    let ctx = ShellContext::default();
    let start = client.screen(&Route::Start, &ctx).expect("screen");
    let scan = tap(&client, &start, "enroll.scan", &ctx).await;
    assert_eq!(scan.effect, Some(Effect::ScanCode));
    let junk = client
        .deliver_capture(
            &scan.route,
            CaptureResult::ScannedCode {
                text: "https://example.org/not-ours".into(),
            },
            &ctx,
        )
        .await
        .expect("deliver");
    assert_eq!(junk.route, Route::Enroll);
    assert!(
        junk.to_text()
            .contains("This QR code is not from your program"),
        "{}",
        junk.to_text()
    );
    let link = format!(
        "checkin://enroll?server={}&code={}",
        url_encode(&server.base_url()),
        server.issue_enrollment_code()
    );
    let next = client
        .deliver_capture(&scan.route, CaptureResult::ScannedCode { text: link }, &ctx)
        .await
        .expect("deliver");
    assert_eq!(next.route, Route::Consent, "{}", next.to_text());
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_saved_leave_time_is_kept_and_a_wrong_one_told() {
    let server_dir = tempfile::tempdir().expect("dir");
    let server = start_server(server_dir.path()).await;
    // A hearing ten days from now, whatever day the test runs.
    let day = (chrono::Utc::now() + chrono::Duration::days(10)).format("%Y-%m-%d");
    server.set_plan(serde_json::json!({
        "format": 1, "plan_id": "flow", "revision": 1, "zone": "America/New_York",
        "language": "en",
        "appointments": [{"id": "hearing-9", "kind": "court_hearing",
                          "start": format!("{day}T09:00"), "place": "Room 5"}]
    }));
    let device = tempfile::tempdir().expect("dir");
    let client = open(device.path());
    client
        .enroll(&server.base_url(), &server.issue_enrollment_code())
        .await
        .expect("enroll");
    let ctx = ShellContext::default();
    let version = client.policy().expect("policy").version;
    client.record_consent(version, "en").expect("consent");
    let route = Route::Appointment {
        appointment_id: "hearing-9".into(),
    };
    let shown = client.screen(&route, &ctx).expect("screen");
    assert_eq!(shown.route, route, "{}", shown.to_text());
    let appointment_id = "hearing-9".to_string();
    let save = |value: &str| {
        vec![FieldValue {
            field_id: "leave_at".into(),
            value: value.into(),
        }]
    };
    let kind = ActionKind::SavePlan { appointment_id };
    let wrong = client
        .perform(&route, kind.clone(), save("half past seven"), &ctx)
        .await
        .expect("perform");
    assert!(
        field_error(&wrong, "leave_at").is_some(),
        "{}",
        wrong.to_text()
    );
    let saved = client
        .perform(&route, kind, save("7:30"), &ctx)
        .await
        .expect("perform");
    assert!(
        saved
            .actions
            .iter()
            .any(|a| a.id == "appointment.remove-plan"),
        "{}",
        saved.to_text()
    );
    // The saved time becomes a reminder to leave, on the hearing's day.
    let leave = |client: &CheckinClient| -> Vec<checkin_core::Notification> {
        client
            .notifications(64)
            .expect("notifications")
            .into_iter()
            .filter(|n| n.kind == checkin_core::NotificationKind::LeaveForAppointment)
            .collect()
    };
    let planned = leave(&client);
    assert_eq!(planned.len(), 1, "{planned:?}");
    assert_eq!(planned[0].subject_id, "hearing-9");
    assert!(
        planned[0].fire_local.contains("T07:30:00"),
        "{}",
        planned[0].fire_local
    );
    // Removed with the plan.
    client
        .perform(
            &route,
            ActionKind::RemovePlan {
                appointment_id: "hearing-9".into(),
            },
            Vec::new(),
            &ctx,
        )
        .await
        .expect("remove");
    assert!(leave(&client).is_empty());
}

#[tokio::test]
async fn the_proof_export_is_shared_and_gone_when_the_app_next_opens() {
    let s = enrolled().await;
    let ctx = ShellContext::default();
    let version = s.client.policy().expect("policy").version;
    s.client.record_consent(version, "es").expect("consent");
    submit_photo_checkin(&s.client, 2);
    s.client.sync(far_deadline(), None).await.expect("sync");
    let proof = s
        .client
        .perform(&Route::Proof, ActionKind::ExportProof, Vec::new(), &ctx)
        .await
        .expect("export");
    let Some(Effect::ShareFile { path, mime_type }) = proof.effect else {
        panic!("{}", proof.to_text())
    };
    assert_eq!(mime_type, "text/plain");
    let text = std::fs::read_to_string(&path).expect("export written");
    // The readable proof and the record anyone can check.
    assert!(text.contains("checkin-ledger/2"), "{text}");
    let path = std::path::PathBuf::from(path);
    assert!(path.starts_with(s.device_dir.path()));
    drop(s.client);
    let _reopened = CheckinClient::open(
        crate::support::config(s.device_dir.path()),
        &s.key_store,
        Arc::new(SystemClock),
    )
    .expect("reopen");
    assert!(
        !path.exists(),
        "the export does not outlive the run that made it"
    );
}
