//! Every screen that shows a clock time also passes its hour, so Spanish
//! can say "a la 1:30" (but "a las 2:30") and Portuguese "à 1:30" (but
//! "às 2:30"). The golden files cannot show a forgotten hour: without it
//! the message falls back to "las" / "às", which is right at 9:00. These
//! screens are set around one in the morning, where it is wrong.

use std::sync::Arc;

use chrono::{DateTime, NaiveTime, Utc};

use crate::clock::ClockEstimate;
use crate::i18n::Localizer;
use crate::plan::{self, CompletedCheckin, Plan};
use crate::policy::Policy;
use crate::sync::SyncHealth;
use crate::{Connectivity, WindowRef};

use super::facts::{Facts, Program};
use super::model::{Route, ShellContext};
use super::{Extras, Outcome, compose};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("time")
        .with_timezone(&Utc)
}

/// A daily check-in in New York from 0:30 to 1:30, and an appointment at
/// 1:15 the next night (New York is UTC-5 in late November).
fn plan() -> Plan {
    Plan::from_json(
        br#"{"format": 1, "plan_id": "night", "revision": 1, "zone": "America/New_York",
             "language": "es",
             "schedules": [{"id": "night", "start": "2026-11-23T00:30", "rrule": "FREQ=DAILY",
                 "window_minutes": 60, "grace_minutes": 15, "late_minutes": 120,
                 "requires": {"photo": true, "voice": false, "location": "none"}}],
             "appointments": [{"id": "visit", "kind": "office_visit",
                 "start": "2026-11-24T01:15", "zone": "America/New_York",
                 "duration_minutes": 30}]}"#,
    )
    .expect("plan")
}

fn facts(now: &str, completed: &[CompletedCheckin]) -> Facts {
    let plan = plan();
    let now = utc(now);
    let policy = Policy::from_json(
        br#"{"version": 1, "program": {"name": "Night Program", "contact": "+1 555 0100"},
             "evidence": {"photo": "required", "voice": "off", "location": "none"}}"#,
    )
    .expect("policy");
    Facts {
        now,
        zone: plan.zone().clone(),
        enrolled: true,
        program: Program {
            name: "Night Program".into(),
            contact: "+1 555 0100".into(),
        },
        policy: Arc::new(policy),
        consent_needed: None,
        due: plan::due(&plan, completed, &ClockEstimate::uncorrected(now)),
        appointments: plan.appointments().to_vec(),
        leave_at: vec![(
            "visit".into(),
            NaiveTime::from_hms_opt(1, 5, 0).expect("time"),
        )],
        sent: Vec::new(),
        media_waiting: 0,
        connectivity: Connectivity::Online,
        // 0:10 in New York.
        health: SyncHealth {
            last_success: Some(utc("2026-11-23T05:10:00Z")),
            problem: None,
        },
        context: ShellContext::default(),
    }
}

/// The text of every screen that shows a time around one in the morning.
fn screens(lang: &str) -> String {
    let l = Localizer::new(lang);
    let show = |f: &Facts, extras: &Extras, route: Route| {
        compose(f, extras, &route, Outcome::default(), &l).to_text()
    };
    let none = Extras::default();
    let upcoming = facts("2026-11-23T05:20:00Z", &[]);
    let open = facts("2026-11-23T05:45:00Z", &[]);
    let window = open.due.as_ref().expect("due").window.clone();
    let done = facts(
        "2026-11-23T05:50:00Z",
        &[CompletedCheckin {
            window_id: window.id.clone(),
            captured_at: ClockEstimate::uncorrected(utc("2026-11-23T05:48:00Z")),
        }],
    );
    let draft = crate::checkin::Draft {
        policy_version: Some(1),
        ..crate::checkin::Draft::new(
            uuid::Uuid::from_u128(1),
            Some(WindowRef {
                id: window.id.clone(),
                opens_at: window.opens,
                closes_at: window.closes,
            }),
            open.now,
        )
    };
    let taking = Extras {
        draft: Some(draft),
        ..Extras::default()
    };
    [
        show(&upcoming, &none, Route::Home),
        show(&open, &none, Route::Home),
        show(&done, &none, Route::Home),
        show(
            &open,
            &taking,
            Route::Checkin {
                checkin_id: uuid::Uuid::from_u128(1).to_string(),
            },
        ),
        show(&open, &none, Route::Appointments),
        show(
            &open,
            &none,
            Route::Appointment {
                appointment_id: "visit".into(),
            },
        ),
    ]
    .join("\n")
}

#[test]
fn spanish_says_a_la_una_on_every_screen_that_shows_one_in_the_morning() {
    let text = screens("es");
    for expected in [
        "de las 0:30 a la 1:30",            // next check-in
        "hasta la 1:30",                    // open until
        "El plazo termina a la 1:30",       // done
        "abierta hasta la 1:30",            // the check-in's window
        "a la 1:15",                        // the appointment
        "Sale a la 1:05",                   // the leave time, as a badge
        "llegar a la 1:15?",                // the plan's question
        "salga a la 1:05",                  // the saved plan
        "lunes 23 de noviembre a las 0:10", // a date and time (last contact)
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    assert!(!text.contains("las 1:"), "{text}");
}

#[test]
fn portuguese_says_a_uma_on_every_screen_that_shows_one_in_the_morning() {
    let text = screens("pt-BR");
    for expected in [
        "da 0:30 à 1:30",
        "até a 1:30",
        "Este prazo termina à 1:30",
        "aberta até a 1:30",
        "à 1:15",
        "Saída à 1:05",
        "chegar à 1:15?",
        "sair à 1:05",
        "segunda-feira, 23 de novembro, à 0:10",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    for wrong in ["às 1:", "as 1:", "das 0:", "às 0:"] {
        assert!(!text.contains(wrong), "{wrong:?} in:\n{text}");
    }
}
