//! The participant's plan: recurring check-in windows, one-off check-ins
//! and appointments, in the participant's IANA time zone.
//!
//! The server sends the plan as JSON (docs/plan.md) at enrollment and on
//! every sync. [`Plan::from_json`] validates it completely, so a `Plan`
//! value is always usable: every zone is known, every rule parses and
//! produces windows, no window runs into the next one, and every list is
//! within its limit. [`review_update`] is how the client decides whether an
//! incoming plan may replace the stored one.
//!
//! All logic works on `DateTime<Utc>`; local time exists only in the plan's
//! text and in what is shown. Decisions take a [`ClockEstimate`] and use
//! its server-corrected time, so a phone clock set hours wrong changes
//! neither what is due nor whether a check-in was on time.
//!
//! DST: see [`zone`] for the one rule applied to local times that do not
//! exist or exist twice.

mod changes;
mod compile;
mod due;
mod error;
mod reminder_times;
pub mod rrule;
mod schedule;
mod tzdb;
mod wire;
pub mod zone;

pub use changes::{PlanChange, changes, window_changes};
pub use compile::MAX_PLAN_BYTES;
pub use due::{
    CompletedCheckin, Due, MISSED_NOTICE_HOURS, Punctuality, WindowState, due, window_state,
};
pub use error::PlanError;
pub use reminder_times::{AppointmentReminder, Lead};
pub use schedule::CheckinWindow;
pub use wire::{AppointmentKind, LocationPrecision, PlanDoc, ReminderPolicy, Requirements};

/// Limits and formats the plan tests check against.
#[cfg(feature = "internals")]
pub use {
    changes::{ScheduleField, WINDOW_CHANGE_DAYS},
    compile::{
        EARLIEST_PLAN_YEAR, LATEST_PLAN_YEAR, MAX_APPOINTMENTS, MAX_BRING_CHARS, MAX_BRING_ITEMS,
        MAX_EXDATES, MAX_IF_MISSED_CHARS, MAX_REMINDERS, MAX_SCHEDULES, MAX_WINDOW_MINUTES,
        PERIOD_SAMPLE,
    },
    reminder_times::{MAX_HEARING_DAYS, MORNING_OF_MIN_LEAD_MINUTES},
    wire::{AppointmentDoc, FORMAT, ScheduleDoc},
};

pub(crate) use schedule::Schedule;

use crate::clock::ClockEstimate;
use crate::plan::zone::Zone;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest span [`Plan::windows_between`] expands at once.
pub const MAX_EXPANSION_DAYS: i64 = 4000;
/// The most windows [`Plan::windows_between`] returns at once.
pub const MAX_WINDOWS_PER_QUERY: usize = 20_000;

/// A validated plan. Serializes back to the same JSON shape it was read
/// from, and deserializing validates, so a stored plan is checked again
/// when it is loaded.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "PlanDoc", into = "PlanDoc")]
pub struct Plan {
    doc: PlanDoc,
    zone: Zone,
    schedules: Vec<Schedule>,
    /// Sorted by start.
    appointments: Vec<Appointment>,
}

impl PartialEq for Plan {
    fn eq(&self, other: &Self) -> bool {
        self.doc == other.doc
    }
}

impl From<Plan> for PlanDoc {
    fn from(plan: Plan) -> PlanDoc {
        plan.doc
    }
}

/// A court hearing, office visit or other appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub id: String,
    pub kind: AppointmentKind,
    pub title: String,
    /// As given, in `zone`.
    pub local_start: NaiveDateTime,
    /// The zone of the place (the plan's zone unless the plan gave one).
    pub zone: Zone,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub place: String,
    pub notes: String,
    /// What to bring, as the program listed it (blank entries left out).
    pub bring: Vec<String>,
    /// The program's words for what happens if it is missed; `None` when
    /// it gave none (or only blanks), and the reminders use a default.
    pub if_missed: Option<String>,
    /// Its reminders, soonest first (see [`Lead`] for the kinds).
    pub reminders: Vec<AppointmentReminder>,
}

/// An incoming plan that may replace the stored one, and what it changes.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanUpdate {
    pub plan: Plan,
    /// Empty at enrollment (nothing was stored) and for a resend.
    pub changes: Vec<PlanChange>,
}

impl Plan {
    /// Parses and validates the server's plan JSON.
    pub fn from_json(bytes: &[u8]) -> Result<Plan, PlanError> {
        if bytes.len() > MAX_PLAN_BYTES {
            return Err(PlanError::limit("plan bytes", bytes.len(), MAX_PLAN_BYTES));
        }
        let doc: PlanDoc = serde_json::from_slice(bytes).map_err(|e| PlanError::Malformed {
            line: e.line(),
            column: e.column(),
            category: match e.classify() {
                serde_json::error::Category::Io => "unreadable",
                serde_json::error::Category::Syntax => "not JSON",
                serde_json::error::Category::Data => "wrong fields or types",
                serde_json::error::Category::Eof => "cut short",
            },
        })?;
        Plan::try_from(doc)
    }

    /// The plan as JSON, for storing.
    pub fn to_json(&self) -> Vec<u8> {
        // A PlanDoc has only strings, numbers, lists and maps with string
        // keys, which serde_json always serializes.
        serde_json::to_vec(&self.doc).unwrap_or_default()
    }

    /// The plan as the server sent it.
    pub fn doc(&self) -> &PlanDoc {
        &self.doc
    }

    pub fn plan_id(&self) -> &str {
        &self.doc.plan_id
    }

    pub fn revision(&self) -> u64 {
        self.doc.revision
    }

    /// The participant's zone.
    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// The participant's language tag, for `i18n::Localizer::new`.
    pub fn language(&self) -> &str {
        &self.doc.language
    }

    pub fn reminders(&self) -> &ReminderPolicy {
        &self.doc.reminders
    }

    /// How often the plan asks the phone to wake up and sync.
    pub fn sync_every(&self) -> Option<Duration> {
        self.doc
            .sync_every_minutes
            .map(|m| Duration::minutes(i64::from(m)))
    }

    /// Appointments, soonest first.
    pub fn appointments(&self) -> &[Appointment] {
        &self.appointments
    }

    pub(crate) fn schedules(&self) -> &[Schedule] {
        &self.schedules
    }

    /// Every window opening in `[from, to)`, ordered by opening time then id.
    /// Refuses spans over [`MAX_EXPANSION_DAYS`] and results over
    /// [`MAX_WINDOWS_PER_QUERY`], so no request costs unbounded time or
    /// memory, however the rules are written.
    pub fn windows_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<CheckinWindow>, PlanError> {
        let (from, to) = (sane(from), sane(to));
        let days = (to - from).num_days();
        if days > MAX_EXPANSION_DAYS {
            return Err(PlanError::ExpansionTooLarge {
                requested_days: days,
                max_days: MAX_EXPANSION_DAYS,
            });
        }
        let mut out = Vec::new();
        for schedule in &self.schedules {
            for occ in schedule.occurrences_around(from, Duration::seconds(1)) {
                if occ.opens >= to {
                    break;
                }
                if occ.opens < from {
                    continue;
                }
                if out.len() >= MAX_WINDOWS_PER_QUERY {
                    return Err(PlanError::limit(
                        "windows in one request",
                        out.len() + 1,
                        MAX_WINDOWS_PER_QUERY,
                    ));
                }
                out.push(schedule.window(occ));
            }
        }
        out.sort_by(|a, b| (a.opens, &a.id).cmp(&(b.opens, &b.id)));
        Ok(out)
    }

    /// The window with this id, as recorded by a check-in.
    pub fn window(&self, id: &str) -> Result<CheckinWindow, PlanError> {
        let unknown = || PlanError::UnknownWindow {
            id: id.chars().take(128).collect(),
        };
        let (schedule_id, local) = schedule::parse_window_id(id).ok_or_else(unknown)?;
        let schedule = self
            .schedules
            .iter()
            .find(|s| s.id == schedule_id)
            .ok_or_else(unknown)?;
        let occ = schedule.occurrence_at(local).ok_or_else(unknown)?;
        Ok(schedule.window(occ))
    }
}

/// Decides whether `incoming` (the server's plan JSON) may replace
/// `stored`. The client stores the returned plan only on `Ok`, so a bad or
/// older plan never replaces a good one; the changes go to the ledger.
///
/// `now` bounds the window-by-window comparison ([`window_changes`]) to the
/// coming [`WINDOW_CHANGE_DAYS`].
pub fn review_update(
    stored: Option<&Plan>,
    incoming: &[u8],
    now: &ClockEstimate,
) -> Result<PlanUpdate, PlanError> {
    let plan = Plan::from_json(incoming)?;
    let Some(stored) = stored else {
        return Ok(PlanUpdate {
            plan,
            changes: Vec::new(),
        });
    };
    if stored.plan_id() == plan.plan_id() && plan.revision() < stored.revision() {
        return Err(PlanError::StaleRevision {
            stored: stored.revision(),
            incoming: plan.revision(),
        });
    }
    let mut changes = changes(stored, &plan);
    changes.extend(window_changes(stored, &plan, true_time(now)));
    Ok(PlanUpdate { plan, changes })
}

/// Earliest time the plan logic reasons about; readings before it are
/// taken as this (a phone reset to 1970 still gets a sane answer).
pub const EARLIEST_TIME: &str = "1900-01-01T00:00:00Z";
/// Latest time the plan logic reasons about. Plans only hold years up to
/// `LATEST_PLAN_YEAR`, and rules are searched at most `rrule::SEARCH_YEARS`
/// past their start, so nothing real lies beyond.
pub const LATEST_TIME: &str = "2400-01-01T00:00:00Z";

/// `t` clamped to [`EARLIEST_TIME`, `LATEST_TIME`], so date arithmetic on
/// outside input (a wild clock, a caller's range) can never overflow.
pub(crate) fn sane(t: DateTime<Utc>) -> DateTime<Utc> {
    let earliest = EARLIEST_TIME.parse().unwrap_or(DateTime::<Utc>::MIN_UTC);
    let latest = LATEST_TIME.parse().unwrap_or(DateTime::<Utc>::MAX_UTC);
    t.clamp(earliest, latest)
}

/// The server-corrected time of a clock reading (as
/// [`ClockEstimate::corrected`], without its overflow on absurd offsets).
pub(crate) fn true_time(now: &ClockEstimate) -> DateTime<Utc> {
    let corrected = Duration::try_milliseconds(now.server_offset_ms)
        .and_then(|offset| now.device_time.checked_add_signed(offset))
        .unwrap_or(now.device_time);
    sane(corrected)
}

#[cfg(test)]
mod sharing_tests {
    #[test]
    fn plans_can_be_shared_across_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<super::Plan>();
    }
}
