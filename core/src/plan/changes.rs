//! What a new plan changes, in plain terms, for the participant's ledger:
//! "the court hearing moved from March 16 9:00 to March 18 10:30",
//! "a check-in was added", "the weekly check-in changed its window".
//!
//! Changes name items by id and kind and carry times, never the free text
//! of a place or a note: the ledger says *that* the place changed.

use super::wire::{AppointmentDoc, AppointmentKind, ScheduleDoc};
use super::{Appointment, CheckinWindow, Plan};
use crate::i18n::{Arg, Localizer};
use chrono::NaiveDateTime;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One difference between two plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum PlanChange {
    ZoneChanged {
        from: String,
        to: String,
    },
    LanguageChanged {
        from: String,
        to: String,
    },
    RemindersChanged,
    ScheduleAdded {
        schedule_id: String,
        /// Local start of its first window.
        first_window: NaiveDateTime,
        recurring: bool,
    },
    ScheduleRemoved {
        schedule_id: String,
        recurring: bool,
    },
    ScheduleChanged {
        schedule_id: String,
        fields: Vec<ScheduleField>,
    },
    AppointmentAdded {
        appointment_id: String,
        kind: AppointmentKind,
        at: NaiveDateTime,
        zone: String,
    },
    AppointmentRemoved {
        appointment_id: String,
        kind: AppointmentKind,
        at: NaiveDateTime,
        zone: String,
    },
    AppointmentMoved {
        appointment_id: String,
        kind: AppointmentKind,
        from: NaiveDateTime,
        from_zone: String,
        to: NaiveDateTime,
        to_zone: String,
    },
    /// Kind, title, place, notes, duration, what to bring, what happens if
    /// it is missed, or its reminders changed.
    AppointmentDetailsChanged {
        appointment_id: String,
        kind: AppointmentKind,
    },
    /// A window of a schedule kept by both plans that only the new plan has
    /// (from [`window_changes`]).
    WindowAdded {
        window_id: String,
        /// Its local start in the plan's zone.
        at: NaiveDateTime,
    },
    /// A window of a schedule kept by both plans that the new plan no longer
    /// has: cancelled, or moved to another day or time.
    WindowRemoved {
        window_id: String,
        at: NaiveDateTime,
    },
}

/// How far ahead [`window_changes`] compares windows.
pub const WINDOW_CHANGE_DAYS: i64 = 90;

/// Windows added or removed between `from` and [`WINDOW_CHANGE_DAYS`] later,
/// for schedules both plans have (a new or dropped schedule is one
/// [`PlanChange::ScheduleAdded`] / [`PlanChange::ScheduleRemoved`]).
/// Removals first, each list by time.
pub fn window_changes(old: &Plan, new: &Plan, from: DateTime<Utc>) -> Vec<PlanChange> {
    let to = from + Duration::days(WINDOW_CHANGE_DAYS);
    let kept =
        |w: &CheckinWindow, other: &Plan| other.schedules().iter().any(|s| s.id == w.schedule_id);
    let windows = |plan: &Plan, other: &Plan| -> Vec<CheckinWindow> {
        plan.windows_between(from, to)
            .unwrap_or_default()
            .into_iter()
            .filter(|w| kept(w, other))
            .collect()
    };
    let (before, after) = (windows(old, new), windows(new, old));
    let ids = |ws: &[CheckinWindow]| ws.iter().map(|w| w.id.clone()).collect::<HashSet<_>>();
    let (before_ids, after_ids) = (ids(&before), ids(&after));
    let removed = before
        .iter()
        .filter(|w| !after_ids.contains(&w.id))
        .map(|w| PlanChange::WindowRemoved {
            window_id: w.id.clone(),
            at: w.local_start,
        });
    let added = after
        .iter()
        .filter(|w| !before_ids.contains(&w.id))
        .map(|w| PlanChange::WindowAdded {
            window_id: w.id.clone(),
            at: w.local_start,
        });
    removed.chain(added).collect()
}

/// Which part of a schedule changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleField {
    Start,
    Recurrence,
    Cancellations,
    Window,
    Grace,
    Late,
    Requirements,
}

/// Every difference from `old` to `new`, in a stable order: plan-wide
/// settings, then schedules and appointments in the new plan's order,
/// then removals in the old plan's order.
pub fn changes(old: &Plan, new: &Plan) -> Vec<PlanChange> {
    let mut out = Vec::new();
    let (o, n) = (old.doc(), new.doc());
    if o.zone != n.zone {
        out.push(PlanChange::ZoneChanged {
            from: o.zone.clone(),
            to: n.zone.clone(),
        });
    }
    if o.language != n.language {
        out.push(PlanChange::LanguageChanged {
            from: o.language.clone(),
            to: n.language.clone(),
        });
    }
    if o.reminders != n.reminders {
        out.push(PlanChange::RemindersChanged);
    }

    for s in &n.schedules {
        match o.schedules.iter().find(|x| x.id == s.id) {
            None => {
                // A valid plan's schedules all have a window; the configured
                // start stands in should that ever not hold.
                let compiled = new.schedules().iter().find(|c| c.id == s.id);
                let first_window = compiled
                    .and_then(|c| c.occurrences_from(c.start.date()).next())
                    .map(|occ| occ.local)
                    .or(compiled.map(|c| c.start))
                    .unwrap_or_default();
                out.push(PlanChange::ScheduleAdded {
                    schedule_id: s.id.clone(),
                    first_window,
                    recurring: s.rrule.is_some(),
                });
            }
            Some(before) => {
                let fields = schedule_fields(before, s);
                if !fields.is_empty() {
                    out.push(PlanChange::ScheduleChanged {
                        schedule_id: s.id.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for a in new.appointments() {
        match old.appointments().iter().find(|x| x.id == a.id) {
            None => out.push(PlanChange::AppointmentAdded {
                appointment_id: a.id.clone(),
                kind: a.kind,
                at: a.local_start,
                zone: a.zone.name().to_owned(),
            }),
            Some(before) => {
                if before.local_start != a.local_start || before.zone != a.zone {
                    out.push(PlanChange::AppointmentMoved {
                        appointment_id: a.id.clone(),
                        kind: a.kind,
                        from: before.local_start,
                        from_zone: before.zone.name().to_owned(),
                        to: a.local_start,
                        to_zone: a.zone.name().to_owned(),
                    });
                }
                if details_differ(before, a, o.appointments.iter(), n.appointments.iter()) {
                    out.push(PlanChange::AppointmentDetailsChanged {
                        appointment_id: a.id.clone(),
                        kind: a.kind,
                    });
                }
            }
        }
    }
    for s in &o.schedules {
        if !n.schedules.iter().any(|x| x.id == s.id) {
            out.push(PlanChange::ScheduleRemoved {
                schedule_id: s.id.clone(),
                recurring: s.rrule.is_some(),
            });
        }
    }
    for a in old.appointments() {
        if !new.appointments().iter().any(|x| x.id == a.id) {
            out.push(PlanChange::AppointmentRemoved {
                appointment_id: a.id.clone(),
                kind: a.kind,
                at: a.local_start,
                zone: a.zone.name().to_owned(),
            });
        }
    }
    out
}

fn schedule_fields(a: &ScheduleDoc, b: &ScheduleDoc) -> Vec<ScheduleField> {
    let mut fields = Vec::new();
    let checks = [
        (a.start != b.start, ScheduleField::Start),
        (a.rrule != b.rrule, ScheduleField::Recurrence),
        (a.exdates != b.exdates, ScheduleField::Cancellations),
        (a.window_minutes != b.window_minutes, ScheduleField::Window),
        (a.grace_minutes != b.grace_minutes, ScheduleField::Grace),
        (a.late_minutes != b.late_minutes, ScheduleField::Late),
        (a.requires != b.requires, ScheduleField::Requirements),
    ];
    for (changed, field) in checks {
        if changed {
            fields.push(field);
        }
    }
    fields
}

/// Compares everything but the time. Free text on the wire form; what to
/// bring and if-missed as compiled (blanks left out); reminders by what
/// they are, not when they fire, so that a moved hearing is one change
/// (moved) and an appointment that switches from the plan's default
/// reminders to the same list of its own is none.
fn details_differ<'a>(
    before: &Appointment,
    after: &Appointment,
    mut old_docs: impl Iterator<Item = &'a AppointmentDoc>,
    mut new_docs: impl Iterator<Item = &'a AppointmentDoc>,
) -> bool {
    let old_doc = old_docs.find(|d| d.id == before.id);
    let new_doc = new_docs.find(|d| d.id == after.id);
    let wire_same = match (old_doc, new_doc) {
        (Some(x), Some(y)) => {
            x.kind == y.kind
                && x.title == y.title
                && x.place == y.place
                && x.notes == y.notes
                && x.duration_minutes == y.duration_minutes
        }
        _ => false,
    };
    let leads = |a: &Appointment| a.reminders.iter().map(|r| r.lead).collect::<Vec<_>>();
    !wire_same
        || before.bring != after.bring
        || before.if_missed != after.if_missed
        || leads(before) != leads(after)
}

impl PlanChange {
    /// One sentence for the participant's ledger, in `localizer`'s language.
    pub fn describe(&self, localizer: &Localizer) -> String {
        let when = |at: &NaiveDateTime, zone: &str| {
            format!("{} {} ({zone})", localizer.date(*at), localizer.time(*at))
        };
        match self {
            PlanChange::ZoneChanged { from, to } => localizer.text(
                "change-zone",
                &[("from", Arg::Text(from)), ("to", Arg::Text(to))],
            ),
            PlanChange::LanguageChanged { to, .. } => {
                localizer.text("change-language", &[("to", Arg::Text(to))])
            }
            PlanChange::RemindersChanged => localizer.text("change-reminders", &[]),
            PlanChange::ScheduleAdded {
                first_window,
                recurring,
                ..
            } => {
                let at = format!(
                    "{} {}",
                    localizer.date(*first_window),
                    localizer.time(*first_window)
                );
                localizer.text(
                    "change-schedule-added",
                    &[
                        ("recurring", Arg::Text(yes_no(*recurring))),
                        ("first", Arg::Text(&at)),
                    ],
                )
            }
            PlanChange::ScheduleRemoved { recurring, .. } => localizer.text(
                "change-schedule-removed",
                &[("recurring", Arg::Text(yes_no(*recurring)))],
            ),
            PlanChange::ScheduleChanged { fields, .. } => {
                let names: Vec<String> = fields
                    .iter()
                    .map(|f| localizer.text(&format!("schedule-field-{}", f.as_str()), &[]))
                    .collect();
                localizer.text(
                    "change-schedule-changed",
                    &[("fields", Arg::Text(&names.join(", ")))],
                )
            }
            PlanChange::AppointmentAdded { kind, at, zone, .. } => localizer.text(
                "change-appointment-added",
                &[
                    ("kind", Arg::Text(kind.as_str())),
                    ("at", Arg::Text(&when(at, zone))),
                ],
            ),
            PlanChange::AppointmentRemoved { kind, at, zone, .. } => localizer.text(
                "change-appointment-removed",
                &[
                    ("kind", Arg::Text(kind.as_str())),
                    ("at", Arg::Text(&when(at, zone))),
                ],
            ),
            PlanChange::AppointmentMoved {
                kind,
                from,
                from_zone,
                to,
                to_zone,
                ..
            } => localizer.text(
                "change-appointment-moved",
                &[
                    ("kind", Arg::Text(kind.as_str())),
                    ("from", Arg::Text(&when(from, from_zone))),
                    ("to", Arg::Text(&when(to, to_zone))),
                ],
            ),
            PlanChange::WindowAdded { at, .. } => localizer.text(
                "change-window-added",
                &[(
                    "at",
                    Arg::Text(&format!("{} {}", localizer.date(*at), localizer.time(*at))),
                )],
            ),
            PlanChange::WindowRemoved { at, .. } => localizer.text(
                "change-window-removed",
                &[(
                    "at",
                    Arg::Text(&format!("{} {}", localizer.date(*at), localizer.time(*at))),
                )],
            ),
            PlanChange::AppointmentDetailsChanged { kind, .. } => localizer.text(
                "change-appointment-details",
                &[("kind", Arg::Text(kind.as_str()))],
            ),
        }
    }
}

impl ScheduleField {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Recurrence => "recurrence",
            Self::Cancellations => "cancellations",
            Self::Window => "window",
            Self::Grace => "grace",
            Self::Late => "late",
            Self::Requirements => "requirements",
        }
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
