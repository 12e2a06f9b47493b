//! Check-in windows: a compiled schedule and the windows it produces.
//!
//! A window's id is `<schedule id>@<local start YYYY-MM-DDTHH:MM>`, the
//! start as configured (before any DST shift), so it stays the same across
//! syncs, time zone database updates and phone clock changes.

use super::rrule::{Rule, RuleDates, Until};
use super::wire::Requirements;
use super::zone::{self, Resolution};
use crate::plan::zone::Zone;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use std::collections::BTreeSet;

/// The local-time format of window ids and plan times.
pub(crate) const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// One check-in window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinWindow {
    /// `<schedule id>@<local start>`; the check-in records it.
    pub id: String,
    pub schedule_id: String,
    /// The local start as configured in the plan's zone.
    pub local_start: NaiveDateTime,
    /// How the local start became an instant (DST gap or overlap).
    pub resolution: Resolution,
    /// When the window opens.
    pub opens: DateTime<Utc>,
    /// When it closes; a check-in before then is on time.
    pub closes: DateTime<Utc>,
    /// End of the grace period; a check-in before then is still on time.
    pub grace_ends: DateTime<Utc>,
    /// End of the late period; a check-in before then is accepted as late.
    /// Equal to `grace_ends` when the schedule accepts no late check-ins.
    pub late_ends: DateTime<Utc>,
    pub requires: Requirements,
}

/// A schedule after validation.
#[derive(Debug, Clone)]
pub(crate) struct Schedule {
    pub id: String,
    pub zone: Zone,
    pub start: NaiveDateTime,
    /// The rule as parsed, `None` for a one-off.
    pub rule: Option<Rule>,
    pub until: Option<Until>,
    pub exdates: BTreeSet<NaiveDateTime>,
    pub window: Duration,
    pub grace: Duration,
    pub late: Duration,
    pub requires: Requirements,
    pub expansion: Expansion,
}

/// How a schedule's occurrences are found.
#[derive(Debug, Clone)]
pub(crate) enum Expansion {
    /// Every occurrence, computed once: one-offs and COUNT rules (at most
    /// `MAX_COUNT`).
    Finite(Vec<Occurrence>),
    /// A rule without COUNT, expanded on demand from any date.
    Open(Rule),
}

/// What a rule date means for the schedule.
enum OnDate {
    Window(Occurrence),
    /// Cancelled (EXDATE) or a date the zone skipped.
    NoWindow,
    /// Past UNTIL: no later date has a window either.
    RuleEnded,
}

/// A window's start before it is dressed as a [`CheckinWindow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub local: NaiveDateTime,
    pub opens: DateTime<Utc>,
    pub resolution: Resolution,
}

impl Schedule {
    /// The whole span during which a window accepts a check-in.
    pub fn span(&self) -> Duration {
        self.window + self.grace + self.late
    }

    pub fn window(&self, occ: Occurrence) -> CheckinWindow {
        let closes = occ.opens + self.window;
        let grace_ends = closes + self.grace;
        CheckinWindow {
            id: window_id(&self.id, occ.local),
            schedule_id: self.id.clone(),
            local_start: occ.local,
            resolution: occ.resolution,
            opens: occ.opens,
            closes,
            grace_ends,
            late_ends: grace_ends + self.late,
            requires: self.requires,
        }
    }

    /// Occurrences in order, from the first whose local date is on or after
    /// `from` (roughly: callers start a day or more early).
    pub fn occurrences_from(&self, from: NaiveDate) -> Occurrences<'_> {
        match &self.expansion {
            Expansion::Finite(all) => {
                let first = all.partition_point(|o| o.local.date() < from);
                Occurrences::Finite(all.get(first..).unwrap_or_default().iter())
            }
            Expansion::Open(rule) => Occurrences::Rule {
                schedule: self,
                dates: rule.dates(self.start.date(), from),
                last: None,
            },
        }
    }

    /// Occurrences whose window opens after `instant - reach`, in order.
    pub fn occurrences_around(
        &self,
        instant: DateTime<Utc>,
        reach: Duration,
    ) -> impl Iterator<Item = Occurrence> + '_ {
        let instant = super::sane(instant);
        let earliest = instant.checked_sub_signed(reach).unwrap_or(instant);
        // A local date is at most 26 h from the UTC date; start one more day early.
        let local_date = zone::local(&self.zone, earliest).date();
        let from = local_date
            .checked_sub_signed(Duration::days(2))
            .unwrap_or(local_date);
        self.occurrences_from(from)
            .skip_while(move |o| o.opens <= earliest)
    }

    /// The occurrence whose configured local start is `local`, if any.
    pub fn occurrence_at(&self, local: NaiveDateTime) -> Option<Occurrence> {
        self.occurrences_from(local.date())
            .take_while(|o| o.local <= local)
            .find(|o| o.local == local)
    }

    /// Maps a rule date to an occurrence, applying UNTIL, EXDATE and the
    /// DST rule.
    fn occurrence_on(&self, date: NaiveDate) -> OnDate {
        let local = date.and_time(self.start.time());
        if let Some(Until::Local(until)) = self.until
            && local > until
        {
            return OnDate::RuleEnded;
        }
        if self.exdates.contains(&local) {
            return OnDate::NoWindow;
        }
        let Some((opens, resolution)) = zone::resolve(&self.zone, local) else {
            return OnDate::NoWindow;
        };
        if let Some(Until::Utc(until)) = self.until
            && opens > until
        {
            return OnDate::RuleEnded;
        }
        OnDate::Window(Occurrence {
            local,
            opens,
            resolution,
        })
    }

    /// Every occurrence of a finite schedule: one-off, or COUNT (which
    /// counts before EXDATE removes, as RFC 5545 says).
    pub fn expand_finite(&self) -> Vec<Occurrence> {
        let mut out = Vec::new();
        let Some(rule) = &self.rule else {
            if let OnDate::Window(occ) = self.occurrence_on(self.start.date()) {
                out.push(occ);
            }
            return out;
        };
        let count = rule
            .count
            .map_or(0, |c| usize::try_from(c).unwrap_or(usize::MAX));
        for date in rule.dates(self.start.date(), self.start.date()).take(count) {
            match self.occurrence_on(date) {
                OnDate::Window(occ) => out.push(occ),
                OnDate::NoWindow => {}
                OnDate::RuleEnded => break,
            }
        }
        out
    }
}

pub(crate) enum Occurrences<'s> {
    Finite(std::slice::Iter<'s, Occurrence>),
    Rule {
        schedule: &'s Schedule,
        dates: RuleDates<'s>,
        last: Option<DateTime<Utc>>,
    },
}

impl Iterator for Occurrences<'_> {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        match self {
            Occurrences::Finite(iter) => iter.next().copied(),
            Occurrences::Rule {
                schedule,
                dates,
                last,
            } => loop {
                let date = dates.next()?;
                match schedule.occurrence_on(date) {
                    OnDate::Window(occ) => {
                        // Instants strictly increase; guard against a zone
                        // whose gap pushes one day's start past the next.
                        if last.is_some_and(|l| occ.opens <= l) {
                            continue;
                        }
                        *last = Some(occ.opens);
                        return Some(occ);
                    }
                    OnDate::NoWindow => {}
                    OnDate::RuleEnded => return None,
                }
            },
        }
    }
}

pub(crate) fn window_id(schedule_id: &str, local: NaiveDateTime) -> String {
    format!("{schedule_id}@{}", local.format(LOCAL_FORMAT))
}

/// Splits a window id into schedule id and local start.
pub(crate) fn parse_window_id(id: &str) -> Option<(&str, NaiveDateTime)> {
    let (schedule, local) = id.rsplit_once('@')?;
    let local = NaiveDateTime::parse_from_str(local, LOCAL_FORMAT).ok()?;
    Some((schedule, local))
}
