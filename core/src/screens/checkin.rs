//! The check-in flow: the steps the policy and the window ask for, in
//! order, with what to capture next and the quality hints of the last
//! capture; the review of exactly what will be sent; then the check-in as
//! submitted: sealed and saved on this phone, then delivered with its
//! receipt (or refused, and what to do).

use crate::checkin::Draft;
use crate::i18n::Arg;
use crate::location::SentLocation;
use crate::policy::{LocationMode, Requirement};
use crate::store::OutboxState;

use super::facts::{Facts, Sent};
use super::home::{call_program, contact, program_title};
use super::model::{
    Action, ActionKind, ActionStyle, Block, CaptureKind, Fact, Route, Screen, Step, StepState,
    Tone,
};
use super::words::Words;

/// One kind of evidence, as a step of the check-in.
struct Evidence {
    kind: CaptureKind,
    requirement: Requirement,
    taken: bool,
}

fn evidence(f: &Facts, draft: &Draft) -> Vec<Evidence> {
    let p = &f.policy;
    let location = match p.evidence.location {
        LocationMode::None => Requirement::Off,
        _ if p.location.required => Requirement::Required,
        _ => Requirement::Optional,
    };
    [
        (CaptureKind::Photo, p.evidence.photo, draft.photo.is_some()),
        (CaptureKind::Voice, p.evidence.voice, draft.voice.is_some()),
        (CaptureKind::Location, location, draft.location.is_some()),
    ]
    .into_iter()
    .filter(|(_, requirement, _)| *requirement != Requirement::Off)
    .map(|(kind, requirement, taken)| Evidence {
        kind,
        requirement,
        taken,
    })
    .collect()
}

fn kind_name(kind: CaptureKind) -> &'static str {
    match kind {
        CaptureKind::Photo => "photo",
        CaptureKind::Voice => "voice",
        CaptureKind::Location => "location",
    }
}

fn capture_action(w: &Words, kind: CaptureKind, checkin_id: &str, style: ActionStyle) -> Action {
    let id = checkin_id.to_string();
    let (action_id, label, action) = match kind {
        CaptureKind::Photo => (
            "checkin.capture-photo",
            "capture-photo-action",
            ActionKind::CapturePhoto { checkin_id: id },
        ),
        CaptureKind::Voice => (
            "checkin.capture-voice",
            "capture-voice-action",
            ActionKind::CaptureVoice { checkin_id: id },
        ),
        CaptureKind::Location => (
            "checkin.capture-location",
            "capture-location-action",
            ActionKind::CaptureLocation { checkin_id: id },
        ),
    };
    w.action(action_id, label, style, action)
}

/// Whether every required step is done and nothing blocks submitting.
fn ready(steps: &[Evidence], draft: &Draft) -> bool {
    let blocked = draft.photo.as_ref().is_some_and(|p| p.quality.blocking)
        || draft.voice.as_ref().is_some_and(|v| v.quality.blocking);
    !blocked
        && steps
            .iter()
            .all(|s| s.taken || s.requirement != Requirement::Required)
}

/// The check-in being taken.
pub(crate) fn checkin(f: &Facts, w: &Words, draft: &Draft, notice: Option<Block>) -> Screen {
    let id = draft.id.to_string();
    let steps = evidence(f, draft);
    let current = steps
        .iter()
        .position(|s| !s.taken && s.requirement == Requirement::Required);
    let mut blocks: Vec<Block> = notice.into_iter().collect();
    blocks.push(window_line(draft, w));
    blocks.push(Block::Steps {
        items: steps
            .iter()
            .enumerate()
            .map(|(i, s)| step(f, w, draft, s, Some(i) == current, i, steps.len()))
            .collect(),
    });
    if let Some(i) = current {
        let kind = steps[i].kind;
        blocks.push(Block::Capture {
            kind,
            title: w.t(&format!("capture-{}-title", kind_name(kind))),
            instructions: instructions(f, w, kind),
            action: capture_action(w, kind, &id, ActionStyle::Primary),
        });
    }
    hints(w, draft, &mut blocks);
    let mut actions = Vec::new();
    if ready(&steps, draft) {
        actions.push(w.action(
            "checkin.review",
            "checkin-review",
            ActionStyle::Primary,
            ActionKind::Navigate {
                route: Route::Review {
                    checkin_id: id.clone(),
                },
            },
        ));
    }
    // Retake what was taken, or add what is optional.
    for s in steps.iter().filter(|s| s.taken || s.requirement == Requirement::Optional) {
        if current.is_none() || s.taken {
            let mut a = capture_action(w, s.kind, &id, ActionStyle::Secondary);
            if s.taken {
                a.id = format!("{}.again", a.id);
                a.label = w.t(&format!("capture-{}-again", kind_name(s.kind)));
            }
            actions.push(a);
        }
    }
    actions.push(discard(w, &id));
    w.screen(
        Route::Checkin { checkin_id: id },
        w.t("checkin-title"),
        blocks,
        actions,
        Some(Route::Home),
        true,
    )
}

fn discard(w: &Words, checkin_id: &str) -> Action {
    w.action(
        "checkin.discard",
        "checkin-discard",
        ActionStyle::Danger,
        ActionKind::Discard {
            checkin_id: checkin_id.to_string(),
        },
    )
}

fn window_line(draft: &Draft, w: &Words) -> Block {
    match &draft.window {
        Some(win) => w.caption(w.t_args(
            "checkin-window",
            &[
                ("date", Arg::Text(&w.date(win.opens_at))),
                ("closes", Arg::Text(&w.time(win.closes_at))),
                ("closes_hour", w.hour(win.closes_at)),
            ],
        )),
        None => w.caption(w.t("checkin-unscheduled")),
    }
}

fn step(
    f: &Facts,
    w: &Words,
    draft: &Draft,
    s: &Evidence,
    is_current: bool,
    index: usize,
    count: usize,
) -> Step {
    let name = kind_name(s.kind);
    let state = if s.taken {
        StepState::Done
    } else if is_current {
        StepState::Current
    } else if s.requirement == Requirement::Required {
        StepState::Todo
    } else {
        StepState::Optional
    };
    let detail = if s.taken {
        match s.kind {
            CaptureKind::Photo => draft.photo.as_ref().map(|p| {
                w.t_args(
                    "step-photo-taken",
                    &[
                        ("width", Arg::Number(i64::from(p.width))),
                        ("height", Arg::Number(i64::from(p.height))),
                        ("size", Arg::Text(&w.size(p.jpeg.len() as u64))),
                    ],
                )
            }),
            CaptureKind::Voice => draft.voice.as_ref().map(|v| {
                w.t_args(
                    "step-voice-taken",
                    &[
                        ("seconds", Arg::Number(i64::from(v.duration_ms.div_ceil(1000)))),
                        ("size", Arg::Text(&w.size(v.ogg_opus.len() as u64))),
                    ],
                )
            }),
            CaptureKind::Location => draft.location.as_ref().map(|l| location_words(l, w)),
        }
        .unwrap_or_default()
    } else {
        let requirement = match s.requirement {
            Requirement::Required => "required",
            _ => "optional",
        };
        w.t_args(
            &format!("step-{name}-why"),
            &[
                ("requirement", Arg::Text(requirement)),
                ("program", Arg::Text(&program_title(f, w))),
            ],
        )
    };
    let label = w.t(&format!("step-{name}"));
    let state_words = w.t_args(
        "step-state",
        &[(
            "state",
            Arg::Text(match state {
                StepState::Done => "done",
                StepState::Current => "current",
                StepState::Todo => "todo",
                StepState::Optional => "optional",
            }),
        )],
    );
    Step {
        accessibility_label: Some(w.t_args(
            "step-accessibility",
            &[
                ("index", Arg::Number(index as i64 + 1)),
                ("count", Arg::Number(count as i64)),
                ("label", Arg::Text(&label)),
                ("state", Arg::Text(&state_words)),
            ],
        )),
        label,
        state,
        detail,
    }
}

fn instructions(f: &Facts, w: &Words, kind: CaptureKind) -> String {
    match kind {
        CaptureKind::Photo => w.t("capture-photo-instructions"),
        CaptureKind::Voice => w.t_args(
            "capture-voice-instructions",
            &[("seconds", Arg::Number(i64::from(f.policy.voice.max_seconds)))],
        ),
        CaptureKind::Location => w.t_args(
            "capture-location-instructions",
            &[
                ("mode", Arg::Text(mode_name(f.policy.evidence.location))),
                ("grid", Arg::Number(i64::from(f.policy.location.coarse_grid_m))),
            ],
        ),
    }
}

fn mode_name(mode: LocationMode) -> &'static str {
    match mode {
        LocationMode::None => "none",
        LocationMode::Precise => "precise",
        LocationMode::Coarse => "coarse",
        LocationMode::Area => "area",
    }
}

/// A location exactly as it will be sent, in words.
pub(crate) fn location_words(l: &SentLocation, w: &Words) -> String {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    match l {
        SentLocation::Area { inside, .. } => w.t_args(
            "location-sent-area",
            &[("inside", Arg::Text(yes_no(*inside)))],
        ),
        SentLocation::Coarse {
            grid_m, lat, lon, ..
        } => w.t_args(
            "location-sent-coarse",
            &[
                ("grid", Arg::Number(i64::from(*grid_m))),
                ("lat", Arg::Text(&format!("{lat:.4}"))),
                ("lon", Arg::Text(&format!("{lon:.4}"))),
            ],
        ),
        SentLocation::Precise {
            lat,
            lon,
            accuracy_m,
            ..
        } => w.t_args(
            "location-sent-precise",
            &[
                ("lat", Arg::Text(&format!("{lat:.5}"))),
                ("lon", Arg::Text(&format!("{lon:.5}"))),
                ("accuracy", Arg::Number(accuracy_m.round() as i64)),
            ],
        ),
    }
}

/// The last capture's quality hints: what to fix, or that it is fine.
fn hints(w: &Words, draft: &Draft, blocks: &mut Vec<Block>) {
    let mut items = Vec::new();
    let mut add = |issues: &[String], blocking: bool, fine: &str| {
        if issues.is_empty() {
            items.push(w.hint(Tone::Success, w.t(fine)));
        }
        for issue in issues {
            // Media issue ids are message ids (core/locales/*/media.ftl).
            let tone = if blocking { Tone::Danger } else { Tone::Warning };
            items.push(w.hint(tone, w.t(issue)));
        }
    };
    if let Some(p) = &draft.photo {
        add(&p.quality.issues, p.quality.blocking, "hint-photo-fine");
    }
    if let Some(v) = &draft.voice {
        add(&v.quality.issues, v.quality.blocking, "hint-voice-fine");
    }
    if !items.is_empty() {
        blocks.push(Block::Hints { items });
    }
}

/// Exactly what will be sent, before it is sealed.
pub(crate) fn review(f: &Facts, w: &Words, draft: &Draft, notice: Option<Block>) -> Screen {
    let id = draft.id.to_string();
    let mut items = Vec::new();
    let waits = |size: usize| f.policy.media.defers(size as u64);
    if let Some(p) = &draft.photo {
        let mut detail = w.t_args(
            "review-photo",
            &[
                ("width", Arg::Number(i64::from(p.width))),
                ("height", Arg::Number(i64::from(p.height))),
                ("size", Arg::Text(&w.size(p.jpeg.len() as u64))),
                ("blurred", Arg::Number(i64::from(p.bystanders_blurred))),
            ],
        );
        if waits(p.jpeg.len()) {
            detail = format!("{detail} {}", w.t("review-waits-for-wifi"));
        }
        items.push(w.item("photo".into(), w.t("step-photo"), detail, Tone::Neutral));
    }
    if let Some(v) = &draft.voice {
        let mut detail = w.t_args(
            "review-voice",
            &[
                ("seconds", Arg::Number(i64::from(v.duration_ms.div_ceil(1000)))),
                ("size", Arg::Text(&w.size(v.ogg_opus.len() as u64))),
            ],
        );
        if waits(v.ogg_opus.len()) {
            detail = format!("{detail} {}", w.t("review-waits-for-wifi"));
        }
        items.push(w.item("voice".into(), w.t("step-voice"), detail, Tone::Neutral));
    }
    if let Some(l) = draft.location.as_ref().filter(|l| l.fits(&f.policy)) {
        items.push(w.item("location".into(), w.t("step-location"), location_words(l, w), Tone::Neutral));
    }
    items.push(w.item(
        "time".into(),
        w.t("review-time"),
        w.t("review-time-detail"),
        Tone::Neutral,
    ));
    let mut blocks: Vec<Block> = notice.into_iter().collect();
    blocks.push(Block::Items {
        title: Some(w.t("review-items-title")),
        items,
    });
    blocks.push(w.body(w.t_args(
        "review-sealed-note",
        &[("program", Arg::Text(&program_title(f, w)))],
    )));
    let steps = evidence(f, draft);
    let mut submit = w.action(
        "review.submit",
        "review-submit",
        ActionStyle::Primary,
        ActionKind::Submit {
            checkin_id: id.clone(),
        },
    );
    submit.enabled = ready(&steps, draft);
    let actions = vec![
        submit,
        w.action(
            "review.back",
            "review-back",
            ActionStyle::Secondary,
            ActionKind::Navigate {
                route: Route::Checkin {
                    checkin_id: id.clone(),
                },
            },
        ),
        discard(w, &id),
    ];
    w.screen(
        Route::Review { checkin_id: id.clone() },
        w.t("review-title"),
        blocks,
        actions,
        Some(Route::Checkin { checkin_id: id }),
        true,
    )
}

/// A submitted check-in: sealed and saved, delivered, or refused.
pub(crate) fn submitted(f: &Facts, w: &Words, sent: &Sent, notice: Option<Block>) -> Screen {
    let id = sent.summary.checkin_id.to_string();
    let program = program_title(f, w);
    let mut blocks: Vec<Block> = notice.into_iter().collect();
    let mut after = Vec::new();
    let mut actions = Vec::new();
    let mut facts = vec![w.fact(
        "submitted-taken",
        w.date_time(sent.summary.captured_at),
    )];
    match (&sent.state, &sent.receipt) {
        (OutboxState::Delivered, Some(receipt)) => {
            blocks.push(w.notice(
                Tone::Success,
                w.t("submitted-delivered-title"),
                w.t_args(
                    "submitted-delivered-body",
                    &[
                        ("program", Arg::Text(&program)),
                        ("when", Arg::Text(&w.date_time(receipt.received_at))),
                    ],
                ),
            ));
            facts.push(w.fact("submitted-received", w.date_time(receipt.received_at)));
            facts.push(Fact {
                accessibility_label: Some(w.t("submitted-receipt-key-accessibility")),
                ..w.fact("submitted-receipt-key", receipt.receipt_key_id.clone())
            });
            facts.push(w.fact("submitted-proof", w.t("submitted-proof-value")));
            actions.push(w.action(
                "submitted.open-proof",
                "submitted-open-proof",
                ActionStyle::Secondary,
                ActionKind::Navigate { route: Route::Proof },
            ));
        }
        (OutboxState::Wedged, _) => {
            let reason = sent.refused.clone().unwrap_or_default();
            blocks.push(w.notice(
                Tone::Danger,
                w.t("submitted-refused-title"),
                w.t_args(
                    "submitted-refused-body",
                    &[
                        ("program", Arg::Text(&program)),
                        ("contact", Arg::Text(&contact(f, w))),
                    ],
                ),
            ));
            // The server's own code, for the officer, not for the participant
            // to interpret.
            facts.push(w.fact("submitted-refused-code", reason));
            actions.push(w.action(
                "submitted.retry",
                "submitted-retry",
                ActionStyle::Primary,
                ActionKind::RetryWedged {
                    checkin_id: id.clone(),
                },
            ));
            actions.push(call_program(w));
        }
        _ => {
            let network = match f.connectivity {
                crate::config::Connectivity::Offline => "offline",
                _ => "online",
            };
            blocks.push(w.notice(
                Tone::Success,
                w.t("submitted-saved-title"),
                w.t_args("submitted-saved-body", &[("network", Arg::Text(network))]),
            ));
            if let Some(code) = &sent.offline_code {
                facts.push(Fact {
                    accessibility_label: Some(w.t_args(
                        "submitted-offline-code-accessibility",
                        &[("code", Arg::Text(&spell(code)))],
                    )),
                    ..w.fact("submitted-offline-code", code.clone())
                });
                after.push(w.caption(w.t("submitted-offline-code-help")));
            }
            if network == "online" {
                actions.push(w.action(
                    "submitted.sync",
                    "home-sync",
                    ActionStyle::Primary,
                    ActionKind::SyncNow,
                ));
            }
        }
    }
    blocks.push(Block::Facts {
        title: None,
        rows: facts,
    });
    blocks.extend(after);
    actions.push(w.action(
        "submitted.home",
        "screen-home",
        ActionStyle::Link,
        ActionKind::Navigate { route: Route::Home },
    ));
    w.screen(
        Route::Submitted { checkin_id: id },
        w.t("submitted-title"),
        blocks,
        actions,
        Some(Route::Home),
        true,
    )
}

/// A code read out character by character (for screen readers).
fn spell(code: &str) -> String {
    code.chars()
        .filter(|c| *c != '-')
        .map(String::from)
        .collect::<Vec<_>>()
        .join(" ")
}
