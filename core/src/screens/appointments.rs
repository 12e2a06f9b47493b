//! Appointments: court hearings, office visits and the like, soonest
//! first; and one appointment in full: when (at the place, in its zone),
//! where, what to bring, what happens if it is missed (in neutral words),
//! and the participant's own plan for getting there, saved as a reminder.

use chrono::NaiveTime;

use crate::i18n::Arg;
use crate::plan::{Appointment, AppointmentKind, zone};

use super::facts::Facts;
use super::home::{call_program, contact};
use super::model::{ActionKind, ActionStyle, Block, Field, FieldKind, Route, Screen, Tone};
use super::words::{Words, hour_of};

/// The plan-making field of an appointment.
pub(crate) const LEAVE_AT: &str = "leave_at";

fn kind_name(kind: AppointmentKind) -> &'static str {
    kind.as_str()
}

/// The appointment's name: its kind, or the program's own title.
pub(crate) fn name(a: &Appointment, w: &Words) -> String {
    let title = if a.title.is_empty() { "none" } else { &a.title };
    w.t_args(
        "appointment-name",
        &[
            ("kind", Arg::Text(kind_name(a.kind))),
            ("title", Arg::Text(title)),
        ],
    )
}

/// When, at the place: the date and time in the appointment's zone, with
/// the zone named when it is not the participant's.
pub(crate) fn when(a: &Appointment, w: &Words) -> String {
    let local = zone::local(&a.zone, a.starts);
    let zone_name = if a.zone.name() == w.zone.name() {
        "none".to_string()
    } else {
        a.zone.abbreviation_at(a.starts)
    };
    w.t_args(
        "appointment-when",
        &[
            ("date", Arg::Text(&w.l.date(local))),
            ("time", Arg::Text(&w.l.time(local))),
            ("hour", hour_of(local.time())),
            ("zone", Arg::Text(&zone_name)),
        ],
    )
}

/// "Court hearing: Monday, December 14 at 9:00 (MST) · Denver District Court".
pub(crate) fn one_line(a: &Appointment, w: &Words) -> String {
    let place = if a.place.is_empty() { "none" } else { &a.place };
    w.t_args(
        "appointment-line",
        &[
            ("name", Arg::Text(&name(a, w))),
            ("when", Arg::Text(&when(a, w))),
            ("place", Arg::Text(place)),
        ],
    )
}

pub(crate) fn list(f: &Facts, w: &Words) -> Screen {
    let items = f
        .appointments
        .iter()
        .map(|a| {
            let mut item = w.item(a.id.clone(), name(a, w), one_line(a, w), Tone::Neutral);
            item.detail = [when(a, w), a.place.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            item.badge = f
                .leave_time(&a.id)
                .map(|t| {
                    w.t_args(
                        "appointments-planned",
                        &[("time", Arg::Text(&clock(w, t))), ("hour", hour_of(t))],
                    )
                });
            item.action = Some(w.action(
                "appointments.open",
                "appointments-open",
                ActionStyle::Link,
                ActionKind::Navigate {
                    route: Route::Appointment {
                        appointment_id: a.id.clone(),
                    },
                },
            ));
            item
        })
        .collect::<Vec<_>>();
    let blocks = if items.is_empty() {
        vec![w.body(w.t("appointments-none"))]
    } else {
        vec![Block::Items { title: None, items }]
    };
    w.screen(
        Route::Appointments,
        w.t("appointments-title"),
        blocks,
        Vec::new(),
        Some(Route::Home),
        true,
    )
}

/// A time of day as the participant reads it.
fn clock(w: &Words, t: NaiveTime) -> String {
    w.l.time(chrono::NaiveDate::MIN.and_time(t))
}

pub(crate) fn detail(
    f: &Facts,
    w: &Words,
    a: &Appointment,
    form: &super::first_run::Form,
    notice: Option<Block>,
) -> Screen {
    let mut blocks: Vec<Block> = notice.into_iter().collect();
    let mut rows = vec![w.fact("appointment-when-label", when(a, w))];
    if !a.place.is_empty() {
        rows.push(w.fact("appointment-where-label", a.place.clone()));
    }
    if !a.bring.is_empty() {
        rows.push(w.fact("appointment-bring-label", a.bring.join(", ")));
    }
    if !a.notes.is_empty() {
        rows.push(w.fact("appointment-notes-label", a.notes.clone()));
    }
    blocks.push(Block::Facts {
        title: Some(name(a, w)),
        rows,
    });
    let if_missed = match &a.if_missed {
        Some(own) => own.clone(),
        None => 
        w.t_args(
            "appointment-detail-if-missed",
            &[
                ("kind", Arg::Text(kind_name(a.kind))),
                ("contact", Arg::Text(&contact(f, w))),
            ],
        )
    };
    blocks.push(w.notice(Tone::Info, w.t("appointment-if-missed-title"), if_missed));
    let starts_at = zone::local(&a.zone, a.starts).time();
    let starts = clock(w, starts_at);
    let planned = f.leave_time(&a.id);
    let mut actions = Vec::new();
    if let Some(t) = planned {
        blocks.push(w.notice(
            Tone::Success,
            w.t("appointment-plan-saved-title"),
            w.t_args(
                "appointment-plan-saved-body",
                &[("time", Arg::Text(&clock(w, t))), ("hour", hour_of(t))],
            ),
        ));
    }
    blocks.push(Block::Input {
        field: Field {
            id: LEAVE_AT.into(),
            label: w.t_args(
                "appointment-detail-plan-prompt",
                &[("time", Arg::Text(&starts)), ("hour", hour_of(starts_at))],
            ),
            kind: FieldKind::TimeOfDay,
            value: form
                .value(LEAVE_AT)
                .map(str::to_string)
                .or_else(|| planned.map(|t| t.format("%H:%M").to_string()))
                .unwrap_or_default(),
            read_only: false,
            hint: Some(w.t("appointment-plan-hint")),
            error: form
                .errors
                .iter()
                .find(|(id, _)| id == LEAVE_AT)
                .map(|(_, e)| e.clone()),
            accessibility_label: None,
        },
    });
    actions.push(w.action(
        "appointment.save-plan",
        "appointment-save-plan",
        ActionStyle::Primary,
        ActionKind::SavePlan {
            appointment_id: a.id.clone(),
        },
    ));
    if planned.is_some() {
        actions.push(w.action(
            "appointment.remove-plan",
            "appointment-remove-plan",
            ActionStyle::Secondary,
            ActionKind::RemovePlan {
                appointment_id: a.id.clone(),
            },
        ));
    }
    actions.push(call_program(w));
    w.screen(
        Route::Appointment {
            appointment_id: a.id.clone(),
        },
        name(a, w),
        blocks,
        actions,
        Some(Route::Appointments),
        true,
    )
}
