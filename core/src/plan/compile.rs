//! Validation: a [`PlanDoc`] from the wire becomes a [`Plan`] or a typed
//! [`PlanError`]. Every limit a server could exceed is a named constant here.

use super::error::PlanError;
use super::reminder_times::ReminderRule;
use super::rrule::Rule;
use super::schedule::{Expansion, LOCAL_FORMAT, Schedule};
use super::wire::{AppointmentDoc, FORMAT, PlanDoc, ReminderPolicy, ScheduleDoc};
use super::zone;
use super::{Appointment, Plan};
use crate::plan::zone::Zone;
use chrono::{Datelike, Duration, NaiveDateTime, Timelike};
use std::collections::{BTreeSet, HashSet};

/// Largest plan JSON accepted, in bytes.
pub const MAX_PLAN_BYTES: usize = 1024 * 1024;
/// Most schedules in one plan.
pub const MAX_SCHEDULES: usize = 64;
/// Most appointments in one plan.
pub const MAX_APPOINTMENTS: usize = 1000;
/// Most cancelled windows (EXDATE) per schedule.
pub const MAX_EXDATES: usize = 1000;
/// Most reminder offsets in one list.
pub const MAX_REMINDERS: usize = 8;
/// Earliest reminder: 30 days ahead.
pub const MAX_REMINDER_MINUTES: u32 = 30 * 24 * 60;
/// Longest window: 7 days.
pub const MAX_WINDOW_MINUTES: u32 = 7 * 24 * 60;
/// Longest grace period: 1 day.
pub const MAX_GRACE_MINUTES: u32 = 24 * 60;
/// Longest late period: 7 days.
pub const MAX_LATE_MINUTES: u32 = 7 * 24 * 60;
/// Longest appointment: 7 days.
pub const MAX_APPOINTMENT_MINUTES: u32 = 7 * 24 * 60;
/// Sync wake-ups between every 15 minutes and once a week.
pub const SYNC_EVERY_MINUTES: std::ops::RangeInclusive<u32> = 15..=7 * 24 * 60;
/// Longest id (plan, schedule, appointment).
pub const MAX_ID_LEN: usize = 64;
/// Longest free text (title, place, notes), in characters.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Most things to bring to one appointment.
pub const MAX_BRING_ITEMS: usize = 10;
/// Longest thing to bring, in characters.
pub const MAX_BRING_CHARS: usize = 200;
/// Longest `if_missed` text, in characters.
pub const MAX_IF_MISSED_CHARS: usize = 500;
/// Longest language tag.
pub const MAX_LANGUAGE_LEN: usize = 35;
/// Years a plan's local times may use. Outside this a date is a typo or
/// an attack, and refusing it keeps all date arithmetic far from overflow.
pub const EARLIEST_PLAN_YEAR: i32 = 1970;
pub const LATEST_PLAN_YEAR: i32 = 2200;
/// The shortest gap between windows is measured over this many of a
/// rule's first windows (two years of a daily rule).
pub const PERIOD_SAMPLE: usize = 731;

impl TryFrom<PlanDoc> for Plan {
    type Error = PlanError;

    fn try_from(doc: PlanDoc) -> Result<Plan, PlanError> {
        if doc.format != FORMAT {
            return Err(PlanError::UnsupportedFormat {
                found: doc.format,
                supported: FORMAT,
            });
        }
        check_id(&doc.plan_id)?;
        let zone = parse_zone(&doc.zone, "plan")?;
        if doc.language.trim().is_empty() || doc.language.len() > MAX_LANGUAGE_LEN {
            return Err(PlanError::limit(
                "language tag length",
                doc.language.len(),
                MAX_LANGUAGE_LEN,
            ));
        }
        let rule = check_reminders(&doc.reminders)?;
        if let Some(every) = doc.sync_every_minutes
            && !SYNC_EVERY_MINUTES.contains(&every)
        {
            return Err(PlanError::LimitExceeded {
                what: "sync_every_minutes",
                found: every.into(),
                max: (*SYNC_EVERY_MINUTES.end()).into(),
            });
        }
        if doc.schedules.len() > MAX_SCHEDULES {
            return Err(PlanError::limit(
                "schedules",
                doc.schedules.len(),
                MAX_SCHEDULES,
            ));
        }
        if doc.appointments.len() > MAX_APPOINTMENTS {
            return Err(PlanError::limit(
                "appointments",
                doc.appointments.len(),
                MAX_APPOINTMENTS,
            ));
        }
        let mut seen = HashSet::new();
        let mut schedules = Vec::with_capacity(doc.schedules.len());
        for s in &doc.schedules {
            check_unique(&mut seen, &s.id)?;
            schedules.push(compile_schedule(s, &zone)?);
        }
        let mut seen = HashSet::new();
        let mut appointments = Vec::with_capacity(doc.appointments.len());
        for a in &doc.appointments {
            check_unique(&mut seen, &a.id)?;
            appointments.push(compile_appointment(a, &zone, &rule)?);
        }
        appointments.sort_by(|a, b| (a.starts, &a.id).cmp(&(b.starts, &b.id)));
        Ok(Plan {
            doc,
            zone,
            schedules,
            appointments,
        })
    }
}

fn compile_schedule(doc: &ScheduleDoc, zone: &Zone) -> Result<Schedule, PlanError> {
    let item = || format!("schedule {}", doc.id);
    let start = parse_local(&doc.start, &item)?;
    if doc.window_minutes == 0 {
        return Err(PlanError::ZeroLengthWindow {
            schedule: doc.id.clone(),
        });
    }
    check_max("window_minutes", doc.window_minutes, MAX_WINDOW_MINUTES)?;
    check_max("grace_minutes", doc.grace_minutes, MAX_GRACE_MINUTES)?;
    check_max("late_minutes", doc.late_minutes, MAX_LATE_MINUTES)?;
    if doc.exdates.len() > MAX_EXDATES {
        return Err(PlanError::limit("exdates", doc.exdates.len(), MAX_EXDATES));
    }
    let exdates = doc
        .exdates
        .iter()
        .map(|e| parse_local(e, &item))
        .collect::<Result<BTreeSet<_>, _>>()?;
    let rule = match &doc.rrule {
        Some(text) => Some(Rule::parse(text).map_err(|reason| PlanError::BadRrule {
            schedule: doc.id.clone(),
            reason,
        })?),
        None => None,
    };
    let mut schedule = Schedule {
        id: doc.id.clone(),
        zone: zone.clone(),
        start,
        until: rule.as_ref().and_then(|r| r.until),
        rule: rule.clone(),
        exdates,
        window: minutes(doc.window_minutes),
        grace: minutes(doc.grace_minutes),
        late: minutes(doc.late_minutes),
        requires: doc.requires,
        expansion: Expansion::Finite(Vec::new()),
    };
    schedule.expansion = match rule {
        Some(rule) if rule.count.is_none() => Expansion::Open(rule),
        _ => Expansion::Finite(schedule.expand_finite()),
    };
    check_period(&schedule)?;
    Ok(schedule)
}

/// Refuses a schedule with no window, or whose window (with grace and late
/// period) would run into its next window, judged on elapsed time over the
/// first [`PERIOD_SAMPLE`] windows, DST days included: a daily 24-hour
/// window is refused because the spring-forward day has 23 hours.
fn check_period(schedule: &Schedule) -> Result<(), PlanError> {
    let mut occurrences = schedule
        .occurrences_from(schedule.start.date())
        .take(PERIOD_SAMPLE);
    let Some(first) = occurrences.next() else {
        return Err(PlanError::NoWindows {
            schedule: schedule.id.clone(),
        });
    };
    let span = schedule.span();
    let mut previous = first.opens;
    for occ in occurrences {
        let period = occ.opens - previous;
        if period < span {
            return Err(PlanError::WindowLongerThanPeriod {
                schedule: schedule.id.clone(),
                span_minutes: span.num_minutes(),
                period_minutes: period.num_minutes(),
            });
        }
        previous = occ.opens;
    }
    Ok(())
}

fn compile_appointment(
    doc: &AppointmentDoc,
    plan_zone: &Zone,
    rule: &ReminderRule,
) -> Result<Appointment, PlanError> {
    let item = || format!("appointment {}", doc.id);
    let local_start = parse_local(&doc.start, &item)?;
    let zone = match &doc.zone {
        Some(name) => parse_zone(name, &item())?,
        None => plan_zone.clone(),
    };
    check_max(
        "duration_minutes",
        doc.duration_minutes,
        MAX_APPOINTMENT_MINUTES,
    )?;
    for (what, text) in [
        ("title", &doc.title),
        ("place", &doc.place),
        ("notes", &doc.notes),
    ] {
        check_chars(what, text, MAX_TEXT_CHARS)?;
    }
    let bring = check_bring(&doc.bring)?;
    let if_missed = match &doc.if_missed {
        Some(text) => {
            check_chars("if_missed", text, MAX_IF_MISSED_CHARS)?;
            Some(text.clone()).filter(|t| !t.trim().is_empty())
        }
        None => None,
    };
    if let Some(own) = &doc.reminder_minutes {
        check_offsets(own)?;
    }
    let (starts, _) = zone::resolve(&zone, local_start).ok_or_else(|| PlanError::BadLocalTime {
        item: item(),
        value: doc.start.clone(),
    })?;
    let reminders = rule.reminders(
        doc.kind,
        doc.reminder_minutes.as_deref(),
        &zone,
        local_start,
        starts,
    );
    Ok(Appointment {
        id: doc.id.clone(),
        kind: doc.kind,
        title: doc.title.clone(),
        local_start,
        zone,
        starts,
        ends: starts + minutes(doc.duration_minutes),
        place: doc.place.clone(),
        notes: doc.notes.clone(),
        bring,
        if_missed,
        reminders,
    })
}

/// The things to bring within their limits, blank entries left out (a
/// blank entry cannot change when anyone must be anywhere, so it is not
/// worth refusing the plan over).
fn check_bring(bring: &[String]) -> Result<Vec<String>, PlanError> {
    if bring.len() > MAX_BRING_ITEMS {
        return Err(PlanError::limit("bring", bring.len(), MAX_BRING_ITEMS));
    }
    for thing in bring {
        check_chars("bring entry", thing, MAX_BRING_CHARS)?;
    }
    Ok(bring
        .iter()
        .filter(|t| !t.trim().is_empty())
        .cloned()
        .collect())
}

fn check_chars(what: &'static str, text: &str, max: usize) -> Result<(), PlanError> {
    let chars = text.chars().count();
    if chars > max {
        return Err(PlanError::limit(what, chars, max));
    }
    Ok(())
}

fn check_reminders(policy: &ReminderPolicy) -> Result<ReminderRule, PlanError> {
    check_offsets(&policy.before_close_minutes)?;
    check_offsets(&policy.appointment_before_minutes)?;
    ReminderRule::read(policy)
}

fn check_offsets(offsets: &[u32]) -> Result<(), PlanError> {
    if offsets.len() > MAX_REMINDERS {
        return Err(PlanError::limit(
            "reminder offsets",
            offsets.len(),
            MAX_REMINDERS,
        ));
    }
    for offset in offsets {
        check_max("reminder minutes", *offset, MAX_REMINDER_MINUTES)?;
    }
    Ok(())
}

fn check_max(what: &'static str, found: u32, max: u32) -> Result<(), PlanError> {
    if found > max {
        return Err(PlanError::LimitExceeded {
            what,
            found: found.into(),
            max: max.into(),
        });
    }
    Ok(())
}

/// Ids appear in window ids and deep links, so they are kept to URL-safe
/// characters without `@` (the window id separator).
fn check_id(id: &str) -> Result<(), PlanError> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(PlanError::BadId {
            id: id.chars().take(MAX_ID_LEN).collect(),
            max: MAX_ID_LEN,
        })
    }
}

fn check_unique(seen: &mut HashSet<String>, id: &str) -> Result<(), PlanError> {
    check_id(id)?;
    if !seen.insert(id.to_owned()) {
        return Err(PlanError::DuplicateId { id: id.to_owned() });
    }
    Ok(())
}

fn parse_zone(name: &str, item: &str) -> Result<Zone, PlanError> {
    Zone::named(name).ok_or_else(|| PlanError::UnknownZone {
        item: item.to_owned(),
        zone: name.chars().take(64).collect(),
    })
}

/// `YYYY-MM-DDTHH:MM`, or with `:00` seconds.
pub(crate) fn parse_local(
    value: &str,
    item: &dyn Fn() -> String,
) -> Result<NaiveDateTime, PlanError> {
    let parsed = NaiveDateTime::parse_from_str(value, LOCAL_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"));
    match parsed {
        Ok(local)
            if local.second() == 0
                && (EARLIEST_PLAN_YEAR..=LATEST_PLAN_YEAR).contains(&local.year()) =>
        {
            Ok(local)
        }
        _ => Err(PlanError::BadLocalTime {
            item: item(),
            value: value.chars().take(32).collect(),
        }),
    }
}

fn minutes(m: u32) -> Duration {
    Duration::minutes(i64::from(m))
}
