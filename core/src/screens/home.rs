//! Home: what needs the participant first (a warning they must act on),
//! then what is due now or next and what it needs, the next appointment,
//! the queue in words a worried person trusts, and the last receipt.

use crate::i18n::Arg;
use crate::plan::{Due, LocationPrecision, WindowState};

use super::facts::Facts;
use super::model::{ActionKind, ActionStyle, Block, Route, Screen, Tone};
use super::words::{Words, ms_until, next_minute};

pub(crate) fn home(f: &Facts, w: &Words) -> Screen {
    let mut blocks = Vec::new();
    let mut actions = Vec::new();
    warnings(f, w, &mut blocks);
    let countdown = due(f, w, &mut blocks, &mut actions);
    if let Some(a) = f.appointments.first() {
        blocks.push(Block::Notice {
            tone: Tone::Info,
            title: w.t("home-appointment-title"),
            body: super::appointments::one_line(a, w),
            accessibility_label: None,
            action: Some(w.action(
                "home.open-appointment",
                "home-open-appointment",
                ActionStyle::Link,
                ActionKind::Navigate {
                    route: Route::Appointment {
                        appointment_id: a.id.clone(),
                    },
                },
            )),
        });
    }
    queue(f, w, &mut blocks, &mut actions);
    for (id, label, route) in [
        ("home.open-appointments", "home-open-appointments", Route::Appointments),
        ("home.open-proof", "home-open-proof", Route::Proof),
        ("home.open-my-data", "home-open-my-data", Route::MyData),
        ("home.open-settings", "home-open-settings", Route::Settings),
    ] {
        actions.push(w.action(id, label, ActionStyle::Link, ActionKind::Navigate { route }));
    }
    Screen {
        route: Route::Home,
        title: program_title(f, w),
        language: w.l.language().to_string(),
        blocks,
        actions,
        back: None,
        secure: true,
        refresh_in_ms: countdown.map(|at| ms_until(f.now, at)),
        effect: None,
    }
}

pub(crate) fn program_title(f: &Facts, w: &Words) -> String {
    if f.program.name.is_empty() {
        w.t("home-title")
    } else {
        f.program.name.clone()
    }
}

/// How to reach the program, in words ("your officer" when the policy
/// names no contact).
pub(crate) fn contact(f: &Facts, w: &Words) -> String {
    if f.program.contact.is_empty() {
        w.t("screen-your-officer")
    } else {
        f.program.contact.clone()
    }
}

pub(crate) fn call_program(w: &Words) -> super::model::Action {
    w.action(
        "call-program",
        "screen-call-program",
        ActionStyle::Secondary,
        ActionKind::CallProgram,
    )
}

/// What the participant must act on, most serious first.
fn warnings(f: &Facts, w: &Words, blocks: &mut Vec<Block>) {
    let program = program_title(f, w);
    let contact = contact(f, w);
    let args = [
        ("program", Arg::Text(&program)),
        ("contact", Arg::Text(&contact)),
    ];
    if f.health.problem == Some(crate::sync::SyncProblem::PinMismatch) {
        blocks.push(Block::Notice {
            tone: Tone::Danger,
            title: w.t("home-warning-pin-title"),
            body: w.t_args("home-warning-pin-body", &args),
            accessibility_label: None,
            action: Some(call_program(w)),
        });
    }
    for refused in f.refused() {
        let when = w.date_time(refused.summary.captured_at);
        blocks.push(Block::Notice {
            tone: Tone::Danger,
            title: w.t("home-warning-refused-title"),
            body: w.t_args(
                "home-warning-refused-body",
                &[args[0].clone(), args[1].clone(), ("when", Arg::Text(&when))],
            ),
            accessibility_label: None,
            action: Some(w.action(
                "home.open-refused",
                "home-open-refused",
                ActionStyle::Primary,
                ActionKind::Navigate {
                    route: Route::Submitted {
                        checkin_id: refused.summary.checkin_id.to_string(),
                    },
                },
            )),
        });
    }
    if let Some(d) = &f.due
        && d.state == WindowState::Missed
    {
        let when = w.date_time(d.window.opens);
        blocks.push(Block::Notice {
            tone: Tone::Danger,
            title: w.t("home-warning-missed-title"),
            body: w.t_args(
                "home-warning-missed-body",
                &[args[1].clone(), ("when", Arg::Text(&when))],
            ),
            accessibility_label: None,
            action: Some(call_program(w)),
        });
    }
}

/// What is due now or next; returns when the screen's text next changes.
fn due(
    f: &Facts,
    w: &Words,
    blocks: &mut Vec<Block>,
    actions: &mut Vec<super::model::Action>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let Some(d) = &f.due else {
        blocks.push(w.body(w.t("home-nothing-due")));
        return None;
    };
    let win = &d.window;
    let (tone, title, body, start) = match d.state {
        WindowState::Open => (
            Tone::Warning,
            "home-due-open-title",
            until(w, "home-due-open-body", win.closes),
            true,
        ),
        WindowState::InGrace => (
            Tone::Warning,
            "home-due-grace-title",
            until(w, "home-due-grace-body", win.grace_ends),
            true,
        ),
        WindowState::Late => (
            Tone::Danger,
            "home-due-late-title",
            until(w, "home-due-late-body", win.late_ends),
            true,
        ),
        WindowState::Upcoming => (
            Tone::Info,
            "home-due-upcoming-title",
            w.t_args(
                "home-due-upcoming-body",
                &[
                    ("date", Arg::Text(&w.date(win.opens))),
                    ("opens", Arg::Text(&w.time(win.opens))),
                    ("closes", Arg::Text(&w.time(win.closes))),
                    ("left", Arg::Text(&w.until(win.opens))),
                    ("opens_hour", w.hour(win.opens)),
                    ("closes_hour", w.hour(win.closes)),
                ],
            ),
            false,
        ),
        WindowState::Done => (
            Tone::Success,
            "home-due-done-title",
            w.t_args(
                "home-due-done-body",
                &[
                    ("closes", Arg::Text(&w.time(win.closes))),
                    ("closes_hour", w.hour(win.closes)),
                ],
            ),
            false,
        ),
        // Told as a warning above.
        WindowState::Missed => return None,
    };
    blocks.push(Block::Notice {
        tone,
        title: w.t(title),
        body,
        accessibility_label: None,
        action: None,
    });
    if matches!(d.state, WindowState::Upcoming | WindowState::Open | WindowState::InGrace | WindowState::Late) {
        needs(d, w, blocks);
    }
    if start {
        actions.push(w.action(
            "home.start-checkin",
            "home-start-checkin",
            ActionStyle::Primary,
            ActionKind::StartCheckin {
                window_id: Some(win.id.clone()),
            },
        ));
    }
    // Every state above shows a time left or a state that ends: asking
    // again at the next minute keeps both true.
    Some(next_minute(f.now))
}

fn until(w: &Words, id: &str, at: chrono::DateTime<chrono::Utc>) -> String {
    w.t_args(
        id,
        &[
            ("time", Arg::Text(&w.time(at))),
            ("left", Arg::Text(&w.until(at))),
            ("hour", w.hour(at)),
        ],
    )
}

/// What the check-in needs, and why.
fn needs(d: &Due, w: &Words, blocks: &mut Vec<Block>) {
    let mut items = Vec::new();
    if d.requires.photo {
        items.push(w.item("photo".into(), w.t("need-photo"), w.t("need-photo-why"), Tone::Neutral));
    }
    if d.requires.voice {
        items.push(w.item("voice".into(), w.t("need-voice"), w.t("need-voice-why"), Tone::Neutral));
    }
    let location = match d.requires.location {
        LocationPrecision::None => None,
        LocationPrecision::Area => Some("need-location-area"),
        LocationPrecision::Coarse => Some("need-location-coarse"),
        LocationPrecision::Precise => Some("need-location-precise"),
    };
    if let Some(id) = location {
        items.push(w.item("location".into(), w.t(id), w.t("need-location-why"), Tone::Neutral));
    }
    if !items.is_empty() {
        blocks.push(Block::Items {
            title: Some(w.t("home-needs-title")),
            items,
        });
    }
}

/// The queue in words, and a way to send now.
fn queue(
    f: &Facts,
    w: &Words,
    blocks: &mut Vec<Block>,
    actions: &mut Vec<super::model::Action>,
) {
    let waiting = f.waiting().count() as i64;
    let network = match f.connectivity {
        crate::config::Connectivity::Offline => "offline",
        _ => "online",
    };
    if waiting > 0 {
        blocks.push(w.body(w.t_args(
            "home-queue-waiting",
            &[("count", Arg::Number(waiting)), ("network", Arg::Text(network))],
        )));
        if network == "online" {
            actions.push(w.action(
                "home.sync",
                "home-sync",
                ActionStyle::Secondary,
                ActionKind::SyncNow,
            ));
        }
    } else if f.refused().next().is_none() && f.last_delivered().is_some() {
        blocks.push(w.body(w.t("home-queue-empty")));
    }
    if f.media_waiting > 0 {
        blocks.push(w.caption(w.t_args(
            "home-queue-media",
            &[("count", Arg::Number(i64::from(f.media_waiting)))],
        )));
    }
    if let Some(last) = f.last_delivered()
        && let Some(receipt) = &last.receipt
    {
        blocks.push(Block::Notice {
            tone: Tone::Success,
            title: w.t("home-last-receipt-title"),
            body: w.t_args(
                "home-last-receipt-body",
                &[("when", Arg::Text(&w.date_time(receipt.received_at)))],
            ),
            accessibility_label: None,
            action: Some(w.action(
                "home.open-last-receipt",
                "home-open-last-receipt",
                ActionStyle::Link,
                ActionKind::Navigate {
                    route: Route::Submitted {
                        checkin_id: last.summary.checkin_id.to_string(),
                    },
                },
            )),
        });
    }
    if let Some(at) = f.health.last_success {
        blocks.push(w.caption(w.t_args(
            "home-last-contact",
            &[("when", Arg::Text(&w.date_time(at)))],
        )));
    }
}
