//! When an appointment's reminders fire.
//!
//! The rule (docs/plan.md, "Appointment reminders"):
//! - an appointment with its own `reminder_minutes` gets exactly those,
//!   whatever its kind: the program's override;
//! - a court hearing without gets one reminder `court_hearing_before_days`
//!   calendar days before, at the hearing's local time of day, plus one on
//!   the hearing's local day at `court_hearing_morning_of`, if that is at
//!   least [`MORNING_OF_MIN_LEAD_MINUTES`] before the start;
//! - any other appointment without gets `appointment_before_minutes`.
//!
//! Day and morning reminders are local times in the hearing's zone, read
//! with the plan's one DST rule ([`zone::resolve`]): a 9:00 hearing the
//! week after a DST change is reminded at 9:00 local, not 8:00 or 10:00.
//! A reminder whose local date the zone skipped entirely has no instant and
//! is left out. Minute reminders are elapsed time, as before.

use super::error::PlanError;
use super::wire::{AppointmentKind, ReminderPolicy};
use super::zone::{self, Zone};
use chrono::{DateTime, Days, Duration, NaiveDateTime, NaiveTime, Utc};

/// Court-hearing reminders can be 1 to this many days ahead.
pub const MAX_HEARING_DAYS: u32 = 30;
/// The morning-of reminder is left out when it would come closer to the
/// start than this: a reminder at 7:00 for a 7:15 hearing is no help.
pub const MORNING_OF_MIN_LEAD_MINUTES: i64 = 30;

/// How far ahead of its appointment a reminder fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lead {
    /// This many elapsed minutes before the start.
    Minutes(u32),
    /// This many calendar days before, at the start's local time of day.
    Days(u32),
    /// On the start's local day, at the policy's morning time.
    MorningOf,
}

/// One reminder of an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppointmentReminder {
    pub fire_at: DateTime<Utc>,
    pub lead: Lead,
}

/// The plan's reminder policy for appointments, checked and parsed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ReminderRule {
    before_minutes: Vec<u32>,
    /// Largest first, without repeats.
    hearing_days: Vec<u32>,
    hearing_morning: Option<NaiveTime>,
}

impl ReminderRule {
    /// Reads the policy's appointment fields; the minute lists are checked
    /// by the caller, with the window ones.
    pub(super) fn read(policy: &ReminderPolicy) -> Result<ReminderRule, PlanError> {
        let days = &policy.court_hearing_before_days;
        if days.len() > super::compile::MAX_REMINDERS {
            return Err(PlanError::limit(
                "court_hearing_before_days",
                days.len(),
                super::compile::MAX_REMINDERS,
            ));
        }
        for day in days {
            if !(1..=MAX_HEARING_DAYS).contains(day) {
                return Err(PlanError::OutOfRange {
                    what: "court_hearing_before_days",
                    found: (*day).into(),
                    min: 1,
                    max: MAX_HEARING_DAYS.into(),
                });
            }
        }
        let mut hearing_days = days.clone();
        hearing_days.sort_unstable_by(|a, b| b.cmp(a));
        hearing_days.dedup();
        let hearing_morning = match &policy.court_hearing_morning_of {
            Some(text) => Some(parse_time_of_day(text).ok_or_else(|| {
                PlanError::BadTimeOfDay {
                    item: "reminders.court_hearing_morning_of".to_owned(),
                    value: text.chars().take(16).collect(),
                }
            })?),
            None => None,
        };
        Ok(ReminderRule {
            before_minutes: policy.appointment_before_minutes.clone(),
            hearing_days,
            hearing_morning,
        })
    }

    /// The reminders of an appointment of `kind` starting at `local_start`
    /// in `zone` (the instant `starts`), with its own minute list if it has
    /// one. Sorted by fire time; a repeated offset is one reminder.
    pub(super) fn reminders(
        &self,
        kind: AppointmentKind,
        own_minutes: Option<&[u32]>,
        zone: &Zone,
        local_start: NaiveDateTime,
        starts: DateTime<Utc>,
    ) -> Vec<AppointmentReminder> {
        let before = |m: u32| AppointmentReminder {
            fire_at: starts - Duration::minutes(i64::from(m)),
            lead: Lead::Minutes(m),
        };
        let mut out: Vec<AppointmentReminder> = match (own_minutes, kind) {
            (Some(own), _) => own.iter().copied().map(before).collect(),
            (None, AppointmentKind::CourtHearing) => {
                let days = self.hearing_days.iter().filter_map(|n| {
                    let local = local_start.checked_sub_days(Days::new(u64::from(*n)))?;
                    let (fire_at, _) = zone::resolve(zone, local)?;
                    Some(AppointmentReminder {
                        fire_at,
                        lead: Lead::Days(*n),
                    })
                });
                let latest_morning = starts - Duration::minutes(MORNING_OF_MIN_LEAD_MINUTES);
                let morning = self
                    .hearing_morning
                    .and_then(|time| zone::resolve(zone, local_start.date().and_time(time)))
                    .filter(|(fire_at, _)| *fire_at <= latest_morning)
                    .map(|(fire_at, _)| AppointmentReminder {
                        fire_at,
                        lead: Lead::MorningOf,
                    });
                days.chain(morning).collect()
            }
            (None, _) => self.before_minutes.iter().copied().map(before).collect(),
        };
        out.sort_by_key(|r| (r.fire_at, r.lead));
        out.dedup();
        out
    }
}

/// `HH:MM`, 24-hour, exactly five characters.
fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    if text.len() != 5 {
        return None;
    }
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

#[cfg(test)]
mod tests;
