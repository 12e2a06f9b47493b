//! Why a plan was refused. Each variant names the offending item by its
//! server-assigned id only: never a place, a note or a name, so errors can
//! be logged and shown.

use thiserror::Error;

/// A plan the core will not use. The stored plan, if any, stays in force.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlanError {
    /// The bytes are not JSON of the plan's shape. Only the position is
    /// kept: serde's own message may quote a value (a place, a note).
    #[error("plan is not valid plan JSON (line {line}, column {column}, {category})")]
    Malformed {
        line: usize,
        column: usize,
        category: &'static str,
    },
    #[error("plan format {found} is not supported (this core reads format {supported})")]
    UnsupportedFormat { found: u32, supported: u32 },
    #[error("unknown IANA time zone {zone:?} in {item}")]
    UnknownZone { item: String, zone: String },
    #[error("bad id {id:?}: use 1 to {max} characters from A-Z a-z 0-9 . _ -")]
    BadId { id: String, max: usize },
    #[error("id {id:?} is used twice")]
    DuplicateId { id: String },
    #[error(
        "bad local time {value:?} in {item}: expected YYYY-MM-DDTHH:MM (seconds, if given, 00)"
    )]
    BadLocalTime { item: String, value: String },
    #[error("bad recurrence rule in schedule {schedule}: {reason}")]
    BadRrule { schedule: String, reason: String },
    #[error("schedule {schedule} has a zero-length window")]
    ZeroLengthWindow { schedule: String },
    #[error(
        "schedule {schedule}: window, grace and late period ({span_minutes} min) are longer than the \
         shortest time between two windows ({period_minutes} min)"
    )]
    WindowLongerThanPeriod {
        schedule: String,
        span_minutes: i64,
        period_minutes: i64,
    },
    #[error("schedule {schedule} never produces a window")]
    NoWindows { schedule: String },
    #[error("{what} is {found}, above the limit of {max}")]
    LimitExceeded {
        what: &'static str,
        found: u64,
        max: u64,
    },
    #[error("{what} is {found}, outside {min} to {max}")]
    OutOfRange {
        what: &'static str,
        found: u64,
        min: u64,
        max: u64,
    },
    #[error("bad time of day {value:?} in {item}: expected HH:MM (24-hour)")]
    BadTimeOfDay { item: String, value: String },
    #[error("plan revision {incoming} is older than the stored revision {stored}")]
    StaleRevision { stored: u64, incoming: u64 },
    #[error("asked to expand {requested_days} days of windows; at most {max_days} days at a time")]
    ExpansionTooLarge { requested_days: i64, max_days: i64 },
    #[error("window id {id:?} is not a window of this plan")]
    UnknownWindow { id: String },
}

impl PlanError {
    pub(crate) fn limit(what: &'static str, found: usize, max: usize) -> Self {
        Self::LimitExceeded {
            what,
            found: u64::try_from(found).unwrap_or(u64::MAX),
            max: u64::try_from(max).unwrap_or(u64::MAX),
        }
    }
}
