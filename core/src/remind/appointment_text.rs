//! The words of an appointment's reminders, in the participant's language.
//!
//! What the texts follow (docs/plan.md, "Court hearings"): a reminder that
//! says when and where, what to bring, what happens if the appointment is
//! missed (neutral words, never a threat), and that prompts a plan ("What
//! time will you leave?") does more than a bare date.
//!
//! - Minute reminders keep their one line ("Tomorrow at 9:00 AM · place"),
//!   followed by what to bring and the program's own if-missed words when
//!   the plan gives them.
//! - Day and morning-of reminders: a title that counts down ("Court
//!   hearing in 3 days", "… today at 9:00 AM"); a body of lines: when (date
//!   and time at the place, with its zone when it is not the
//!   participant's) and where, what to bring, what happens if it is missed
//!   (the program's words, else a default per kind), and the leave-time
//!   prompt, or the leave time already planned.
//! - The leave reminder: time to leave, when it starts, where, what to
//!   bring.
//!
//! Times are shown where the appointment is; "today" and "tomorrow" are
//! judged in that same zone. Lines are joined with `\n`.

use crate::i18n::{Arg, Localizer};
use crate::plan::zone::{self, Zone};
use crate::plan::{Appointment, Lead};
use chrono::{DateTime, NaiveTime, Timelike, Utc};

/// Title and body of one of `a`'s own reminders, firing at `fire_at`.
pub(super) fn reminder(
    a: &Appointment,
    lead: Lead,
    leave_at: Option<NaiveTime>,
    participant_zone: &Zone,
    fire_at: DateTime<Utc>,
    l: &Localizer,
) -> (String, String) {
    let days_ahead = (a.local_start.date() - zone::local(&a.zone, fire_at).date()).num_days();
    match lead {
        Lead::Minutes(_) => {
            let day = match days_ahead {
                0 => "today",
                1 => "tomorrow",
                _ => "other",
            };
            let title = l.text("appointment-title", &kind_and_title(a));
            let lines = [
                Some(when_and_where(a, day, participant_zone, l)),
                bring(a, l),
                a.if_missed.clone(),
            ];
            (title, join(lines))
        }
        Lead::Days(_) | Lead::MorningOf => {
            let start = a.local_start;
            let time = l.time(start);
            let mut args = kind_and_title(a);
            args.extend([
                ("days", Arg::Number(days_ahead)),
                ("time", Arg::Text(&time)),
                ("hour", Arg::Number(i64::from(start.hour()))),
            ]);
            let title = l.text("appointment-soon-title", &args);
            let if_missed = a.if_missed.clone().unwrap_or_else(|| {
                l.text(
                    "appointment-if-missed",
                    &[("kind", Arg::Text(a.kind.as_str()))],
                )
            });
            let lines = [
                Some(when_and_where(a, "other", participant_zone, l)),
                bring(a, l),
                Some(if_missed),
                Some(leave_line(a, leave_at, l)),
            ];
            (title, join(lines))
        }
    }
}

/// Title and body of the reminder at the participant's leave time.
pub(super) fn leave(a: &Appointment, participant_zone: &Zone, l: &Localizer) -> (String, String) {
    let start = a.local_start;
    let title = l.text("appointment-leave-title", &kind_and_title(a));
    let zone = zone_label(a, participant_zone);
    let starts = l.text(
        "appointment-leave-body",
        &[
            ("time", Arg::Text(&l.time(start))),
            ("hour", Arg::Number(i64::from(start.hour()))),
            ("zone", Arg::Text(&zone)),
            ("place", Arg::Text(or_none(&a.place))),
        ],
    );
    (title, join([Some(starts), bring(a, l)]))
}

/// `$kind` and `$title` as `appointment-title` takes them.
fn kind_and_title(a: &Appointment) -> Vec<(&'static str, Arg<'_>)> {
    vec![
        ("kind", Arg::Text(a.kind.as_str())),
        ("title", Arg::Text(or_none(&a.title))),
    ]
}

/// "Tomorrow at 9:00 AM (MST) · Denver District Court": the line every
/// minute reminder has always had (`$day` today, tomorrow or other).
fn when_and_where(a: &Appointment, day: &str, participant_zone: &Zone, l: &Localizer) -> String {
    let start = a.local_start;
    l.text(
        "appointment-body",
        &[
            ("day", Arg::Text(day)),
            ("date", Arg::Text(&l.date(start))),
            ("time", Arg::Text(&l.time(start))),
            ("hour", Arg::Number(i64::from(start.hour()))),
            ("zone", Arg::Text(&zone_label(a, participant_zone))),
            ("place", Arg::Text(or_none(&a.place))),
        ],
    )
}

/// "Bring: ID card, court letter." when the plan lists things to bring.
fn bring(a: &Appointment, l: &Localizer) -> Option<String> {
    (!a.bring.is_empty())
        .then(|| l.text("appointment-bring", &[("things", Arg::Text(&a.bring.join(", ")))]))
}

/// The plan-making prompt, or the plan already made.
fn leave_line(a: &Appointment, leave_at: Option<NaiveTime>, l: &Localizer) -> String {
    let start = a.local_start;
    match leave_at {
        None => l.text(
            "appointment-plan-prompt",
            &[
                ("time", Arg::Text(&l.time(start))),
                ("hour", Arg::Number(i64::from(start.hour()))),
            ],
        ),
        Some(at) => {
            let at = start.date().and_time(at);
            l.text(
                "appointment-leave-planned",
                &[
                    ("leave_time", Arg::Text(&l.time(at))),
                    ("leave_hour", Arg::Number(i64::from(at.hour()))),
                ],
            )
        }
    }
}

/// The place's zone abbreviation at the start when it is not the
/// participant's zone, else "none".
fn zone_label(a: &Appointment, participant_zone: &Zone) -> String {
    if &a.zone == participant_zone {
        "none".to_owned()
    } else {
        a.zone.abbreviation_at(a.starts)
    }
}

fn or_none(text: &str) -> &str {
    if text.is_empty() { "none" } else { text }
}

fn join<const N: usize>(lines: [Option<String>; N]) -> String {
    lines.into_iter().flatten().collect::<Vec<_>>().join("\n")
}
