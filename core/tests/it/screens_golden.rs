//! Every key state of the participant's journey, rendered in each of the
//! five languages and compared with the readable files under
//! `core/tests/goldens/screens/` (one file per state, every language in
//! it, for a reviewer to skim side by side). Each screen must also render
//! with no message missing: no message id of `screens.ftl` may appear in
//! what a participant would read.
//!
//! After a deliberate change: `UPDATE_GOLDENS=1 cargo test --test it
//! screens_golden`, then read the diff.

use std::path::PathBuf;
use std::sync::Arc;

use checkin_core::checkin::{Draft, DraftPhoto, PhotoQuality};
use checkin_core::compliance::{ComplianceStatus, WindowCompliance};
use checkin_core::i18n::Localizer;
use checkin_core::plan::zone::Zone;
use checkin_core::plan::{self, Plan};
use checkin_core::screens::{Extras, Facts, Outcome, Program, Sent, compose};
use checkin_core::store::OutboxState;
use checkin_core::sync::{SyncHealth, SyncProblem};
use checkin_core::{
    CheckinSummary, Connectivity, ManagedConfig, Permission, PermissionState, PermissionStatus,
    Policy, Receipt, Route, ShellContext, Unavailable,
};
use chrono::{DateTime, Utc};

const LANGUAGES: [&str; 5] = ["en", "es", "pt-BR", "ht", "fr"];

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("time")
        .with_timezone(&Utc)
}

/// A daily 9:00 check-in in New York (an hour, 15 minutes' grace, two
/// hours late) and a court hearing in Denver.
pub(super) fn plan(schedules: bool) -> Plan {
    let schedules = if schedules {
        r#"[{"id": "daily", "start": "2026-11-01T09:00", "rrule": "FREQ=DAILY",
             "window_minutes": 60, "grace_minutes": 15, "late_minutes": 120,
             "requires": {"photo": true, "voice": true, "location": "coarse"}}]"#
    } else {
        "[]"
    };
    Plan::from_json(
        format!(
            r#"{{"format": 1, "plan_id": "golden", "revision": 1, "zone": "America/New_York",
               "language": "en", "schedules": {schedules},
               "appointments": [{{"id": "hearing-1", "kind": "court_hearing",
                   "start": "2026-11-24T09:00", "zone": "America/Denver", "duration_minutes": 120,
                   "place": "Denver District Court, Courtroom 5B",
                   "notes": "Ask for the interpreter at the desk."}}]}}"#
        )
        .as_bytes(),
    )
    .expect("plan")
}

fn policy(version: u32) -> Policy {
    Policy::from_json(
        format!(
            r#"{{"version": {version},
               "program": {{"name": "Bayview Pretrial Services", "contact": "+1 555 0100"}},
               "evidence": {{"photo": "required", "voice": "required", "location": "coarse"}},
               "location": {{"coarse_grid_m": 1000}}}}"#
        )
        .as_bytes(),
    )
    .expect("policy")
}

/// A submitted check-in, for the window opening `window` (New York time)
/// if any, its receipt when delivered.
fn sent(id: u128, captured: &str, state: OutboxState, window: Option<&str>) -> Sent {
    let checkin_id = uuid::Uuid::from_u128(id);
    let window = window.map(|day| {
        let w = plan(true)
            .window(&format!("daily@{day}T09:00"))
            .expect("window");
        serde_json::json!({"id": w.id, "opens_at": w.opens, "closes_at": w.closes})
    });
    let summary: CheckinSummary = serde_json::from_value(serde_json::json!({
        "checkin_id": checkin_id,
        "window": window,
        "captured_at": captured,
        "clock": {"device_time": captured, "server_offset_ms": 0, "uptime_ms": null},
        "policy_version": 1,
        "parts": [],
        "location": null,
        "bystanders_blurred": 0,
        "envelope_sha256_hex": format!("{id:064x}"),
        "envelope_size": 61440,
    }))
    .expect("summary");
    let receipt = (state == OutboxState::Delivered).then(|| Receipt {
        checkin_id,
        envelope_sha256_hex: summary.envelope_sha256_hex.clone(),
        received_at: summary.captured_at + chrono::Duration::minutes(3),
        captured_at: summary.captured_at,
        receipt_key_id: "5f0c2a9b8e1d4c7a".into(),
        receipt_b64: String::new(),
        signature_b64: String::new(),
    });
    Sent {
        offline_code: checkin_core::offline_code::for_envelope(&summary.envelope_sha256_hex),
        refused: (state == OutboxState::Wedged).then(|| "422 envelope_unopenable".to_string()),
        summary,
        state,
        receipt,
    }
}

/// The facts at `now` (New York time is UTC−5 in late November).
pub(super) fn facts(now: &str, plan: &Plan) -> Facts {
    let now = utc(now);
    let estimate = checkin_core::clock::ClockEstimate::uncorrected(now);
    Facts {
        now,
        zone: plan.zone().clone(),
        enrolled: true,
        program: Program {
            name: "Bayview Pretrial Services".into(),
            contact: "+1 555 0100".into(),
        },
        policy: Arc::new(policy(1)),
        consent_needed: None,
        due: plan::due(plan, &[], &estimate),
        appointments: plan
            .appointments()
            .iter()
            .filter(|a| a.ends > now)
            .cloned()
            .collect(),
        leave_at: Vec::new(),
        sent: Vec::new(),
        media_waiting: 0,
        connectivity: Connectivity::Online,
        health: SyncHealth {
            last_success: Some(utc("2026-11-23T12:05:00Z")),
            problem: None,
        },
        context: ShellContext::default(),
    }
}

/// What is due once the check-ins in `f.sent` count.
fn with_sent(mut f: Facts, plan: &Plan, sent: Vec<Sent>) -> Facts {
    let completed: Vec<plan::CompletedCheckin> = sent
        .iter()
        .filter(|s| s.state != OutboxState::Wedged)
        .filter_map(|s| {
            Some(plan::CompletedCheckin {
                window_id: s.summary.window.as_ref()?.id.clone(),
                captured_at: checkin_core::clock::ClockEstimate::uncorrected(s.summary.captured_at),
            })
        })
        .collect();
    f.due = plan::due(
        plan,
        &completed,
        &checkin_core::clock::ClockEstimate::uncorrected(f.now),
    );
    f.sent = sent;
    f
}

fn draft(now: &str) -> Draft {
    let w = plan(true).window("daily@2026-11-23T09:00").expect("window");
    Draft {
        photo: Some(DraftPhoto {
            jpeg: vec![0; 84_000],
            width: 768,
            height: 1024,
            quality: PhotoQuality {
                issues: vec!["photo-too-dark".into()],
                blocking: false,
                faces: 1,
                mean_luma: 40.0,
                sharpness: 90.0,
                blur_uncertain: false,
            },
            bystanders_blurred: 1,
        }),
        policy_version: Some(1),
        ..Draft::new(
            uuid::Uuid::from_u128(7),
            Some(checkin_core::WindowRef {
                id: w.id,
                opens_at: w.opens,
                closes_at: w.closes,
            }),
            utc(now),
        )
    }
}

/// One state: the facts, the extras, the routes shown.
struct State {
    name: &'static str,
    facts: Facts,
    extras: Extras,
    routes: Vec<Route>,
}

fn states() -> Vec<State> {
    let daily = plan(true);
    let mut out = Vec::new();
    let mut push = |name, facts: Facts, extras: Extras, routes: Vec<Route>| {
        out.push(State {
            name,
            facts,
            extras,
            routes,
        })
    };
    let mut not_enrolled = facts("2026-11-23T14:20:00Z", &daily);
    not_enrolled.enrolled = false;
    push(
        "not-enrolled",
        not_enrolled.clone(),
        Extras::default(),
        vec![Route::Start],
    );
    // The platform key was lost: two check-ins kept for the next enrollment.
    let mut kept = not_enrolled.clone();
    kept.sent = vec![
        sent(
            31,
            "2026-11-21T14:10:00Z",
            OutboxState::Queued,
            Some("2026-11-21"),
        ),
        sent(
            32,
            "2026-11-22T14:12:00Z",
            OutboxState::Queued,
            Some("2026-11-22"),
        ),
    ];
    push(
        "not-enrolled-after-key-loss",
        kept,
        Extras::default(),
        vec![Route::Start],
    );
    not_enrolled.context.managed = Some(ManagedConfig {
        server_url: Some("https://checkin.bayview.example.org".into()),
        enrollment_code: Some("K7Q4P-2MX9A-7HJQ3".into()),
        tls_pins: Vec::new(),
        language: None,
        kiosk: true,
    });
    push(
        "not-enrolled-issued-phone",
        not_enrolled,
        Extras::default(),
        vec![Route::Start],
    );

    let mut consent = facts("2026-11-23T14:20:00Z", &daily);
    consent.consent_needed = Some(checkin_core::disclosure::statement(
        &consent.policy,
        &Localizer::new("en"),
    ));
    push(
        "consent-needed",
        consent.clone(),
        Extras::default(),
        vec![Route::Start, Route::Home],
    );
    consent.policy = Arc::new(policy(2));
    push(
        "policy-changed",
        consent,
        Extras::default(),
        vec![Route::Home],
    );

    push(
        "nothing-due",
        facts("2026-11-23T14:20:00Z", &plan(false)),
        Extras::default(),
        vec![Route::Home],
    );
    push(
        "window-upcoming",
        facts("2026-11-23T12:00:00Z", &daily),
        Extras::default(),
        vec![Route::Home],
    );
    push(
        "window-open",
        facts("2026-11-23T14:20:00Z", &daily),
        Extras::default(),
        vec![Route::Home],
    );
    push(
        "window-closing-in-10-minutes",
        facts("2026-11-23T14:50:00Z", &daily),
        Extras::default(),
        vec![Route::Home],
    );
    push(
        "late",
        facts("2026-11-23T15:30:00Z", &daily),
        Extras::default(),
        vec![Route::Home],
    );
    push(
        "missed",
        facts("2026-11-23T17:30:00Z", &daily),
        Extras::default(),
        vec![Route::Home],
    );

    let mut offline = with_sent(
        facts("2026-11-23T14:40:00Z", &daily),
        &daily,
        vec![
            sent(
                1,
                "2026-11-22T14:10:00.000Z",
                OutboxState::Queued,
                Some("2026-11-22"),
            ),
            sent(
                2,
                "2026-11-23T14:35:00.000Z",
                OutboxState::Queued,
                Some("2026-11-23"),
            ),
        ],
    );
    offline.connectivity = Connectivity::Offline;
    offline.health.problem = Some(SyncProblem::Unreachable);
    let one = uuid::Uuid::from_u128(2).to_string();
    push(
        "offline-with-2-queued",
        offline,
        Extras::default(),
        vec![Route::Home, Route::Submitted { checkin_id: one }],
    );

    let mut wedged = with_sent(
        facts("2026-11-23T14:40:00Z", &daily),
        &daily,
        vec![
            sent(
                8,
                "2026-11-22T14:10:00.000Z",
                OutboxState::Delivered,
                Some("2026-11-22"),
            ),
            sent(
                3,
                "2026-11-23T14:30:00.000Z",
                OutboxState::Wedged,
                Some("2026-11-23"),
            ),
        ],
    );
    wedged.health.problem = Some(SyncProblem::Refused);
    let id = uuid::Uuid::from_u128(3).to_string();
    push(
        "wedged",
        wedged,
        Extras::default(),
        vec![Route::Home, Route::Submitted { checkin_id: id }],
    );

    let delivered = with_sent(
        facts("2026-11-23T14:40:00Z", &daily),
        &daily,
        vec![sent(
            4,
            "2026-11-23T14:30:00.000Z",
            OutboxState::Delivered,
            Some("2026-11-23"),
        )],
    );
    let id = uuid::Uuid::from_u128(4).to_string();
    let mut windows = Vec::new();
    if let Some(d) = &delivered.due {
        windows.push(WindowCompliance {
            window_id: d.window.id.clone(),
            opens: d.window.opens,
            closes: d.window.closes,
            late_ends: d.window.late_ends,
            status: ComplianceStatus::Delivered {
                checkin_id: uuid::Uuid::from_u128(4),
                late: false,
                receipt: delivered.sent[0].receipt.clone().expect("receipt"),
            },
        });
    }
    push(
        "delivered-with-receipt",
        delivered,
        Extras {
            windows,
            ..Extras::default()
        },
        vec![
            Route::Home,
            Route::Submitted { checkin_id: id },
            Route::Proof,
        ],
    );

    let mut pin = facts("2026-11-23T14:40:00Z", &daily);
    pin.health.problem = Some(SyncProblem::PinMismatch);
    let pin = with_sent(
        pin,
        &daily,
        vec![sent(
            5,
            "2026-11-23T14:30:00.000Z",
            OutboxState::Queued,
            Some("2026-11-23"),
        )],
    );
    push("pin-mismatch", pin, Extras::default(), vec![Route::Home]);

    let mut tomorrow = with_sent(
        facts("2026-11-23T22:00:00Z", &daily),
        &daily,
        vec![sent(
            6,
            "2026-11-23T14:12:00.000Z",
            OutboxState::Delivered,
            Some("2026-11-23"),
        )],
    );
    tomorrow.leave_at.push((
        "hearing-1".into(),
        chrono::NaiveTime::from_hms_opt(7, 30, 0).expect("time"),
    ));
    push(
        "appointment-tomorrow-across-time-zones",
        tomorrow,
        Extras::default(),
        vec![
            Route::Home,
            Route::Appointments,
            Route::Appointment {
                appointment_id: "hearing-1".into(),
            },
        ],
    );

    let taking = facts("2026-11-23T14:20:00Z", &daily);
    let checkin_id = uuid::Uuid::from_u128(7).to_string();
    push(
        "checkin-photo-taken",
        taking,
        Extras {
            draft: Some(draft("2026-11-23T14:18:00Z")),
            ..Extras::default()
        },
        vec![
            Route::Checkin {
                checkin_id: checkin_id.clone(),
            },
            Route::Review { checkin_id },
        ],
    );

    let mut settings = facts("2026-11-23T14:20:00Z", &daily);
    settings.context.permissions = vec![
        PermissionStatus {
            permission: Permission::Camera,
            state: PermissionState::Granted,
        },
        PermissionStatus {
            permission: Permission::Microphone,
            state: PermissionState::NotAsked,
        },
        PermissionStatus {
            permission: Permission::Location,
            state: PermissionState::Denied,
        },
        PermissionStatus {
            permission: Permission::Notifications,
            state: PermissionState::Granted,
        },
        PermissionStatus {
            permission: Permission::ExactAlarms,
            state: PermissionState::NotApplicable,
        },
    ];
    push(
        "settings",
        settings,
        Extras::default(),
        vec![Route::Settings],
    );
    out
}

fn goldens() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/goldens/screens")
}

/// Every message id of the screens, as English defines them.
fn screen_message_ids() -> Vec<String> {
    let en = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales/en/screens.ftl"),
    )
    .expect("screens.ftl");
    en.lines()
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.trim().to_string()))
        .filter(|id| !id.starts_with('#') && !id.starts_with(' '))
        .collect()
}

#[test]
fn every_key_state_renders_in_every_language_as_its_golden_file() {
    let ids = screen_message_ids();
    assert!(ids.len() > 100, "the ids were read: {}", ids.len());
    let update = std::env::var_os("UPDATE_GOLDENS").is_some();
    let mut differ = Vec::new();
    for state in states() {
        let mut text = String::new();
        for lang in LANGUAGES {
            let l = Localizer::new(lang);
            // The statement is in the participant's language, as the
            // client builds it.
            let mut facts = state.facts.clone();
            if facts.consent_needed.is_some() {
                facts.consent_needed = Some(checkin_core::disclosure::statement(&facts.policy, &l));
            }
            for route in &state.routes {
                let screen = compose(&facts, &state.extras, route, Outcome::default(), &l);
                let rendered = screen.to_text();
                for id in &ids {
                    let leaked = rendered
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .any(|word| word == id);
                    assert!(
                        !leaked,
                        "{}/{lang}: message {id} is missing:\n{rendered}",
                        state.name
                    );
                }
                text.push_str(&format!("=== {lang} · {} ===\n{rendered}\n", state.name));
            }
        }
        let path = goldens().join(format!("{}.txt", state.name));
        if update {
            std::fs::create_dir_all(goldens()).expect("dir");
            std::fs::write(&path, &text).expect("write golden");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            differ.push(state.name);
        }
    }
    assert!(
        differ.is_empty(),
        "these screens differ from their golden files (UPDATE_GOLDENS=1 to rewrite, then read the diff): {differ:?}"
    );
}

/// The one screen for a client that cannot open, for each reason, in
/// every language: a file a reviewer reads like the others.
#[test]
fn the_screen_for_a_client_that_cannot_open_is_its_golden_file() {
    let reasons = [
        Unavailable::Locked,
        Unavailable::KeyLost,
        Unavailable::StorageFull,
        Unavailable::Unexpected,
    ];
    let mut text = String::new();
    for lang in LANGUAGES {
        for reason in reasons {
            let rendered = checkin_core::unavailable_screen(lang, reason).to_text();
            assert!(
                !rendered.contains("unavailable-"),
                "{lang} {reason:?}:\n{rendered}"
            );
            text.push_str(&format!("=== {lang} · {reason:?} ===\n{rendered}\n"));
        }
    }
    let path = goldens().join("cannot-open.txt");
    if std::env::var_os("UPDATE_GOLDENS").is_some() {
        std::fs::write(&path, &text).expect("write golden");
    } else {
        let golden = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            golden == text,
            "cannot-open.txt differs (UPDATE_GOLDENS=1 to rewrite, then read the diff)"
        );
    }
}

#[test]
fn the_zone_of_an_appointment_elsewhere_is_named() {
    let daily = plan(true);
    let f = facts("2026-11-23T22:00:00Z", &daily);
    let screen = compose(
        &f,
        &Extras::default(),
        &Route::Appointment {
            appointment_id: "hearing-1".into(),
        },
        Outcome::default(),
        &Localizer::new("en"),
    );
    let text = screen.to_text();
    // 9:00 in Denver (MST), not 11:00 in New York.
    assert!(
        text.contains("Tuesday, November 24 at 9:00 AM (MST)"),
        "{text}"
    );
    assert_eq!(
        Zone::named("America/Denver").expect("zone").name(),
        "America/Denver"
    );
}
