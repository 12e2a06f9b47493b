//! The plan exactly as the server sends it (see docs/plan.md). These types
//! only describe the JSON; `compile` checks them and builds the [`Plan`]
//! the rest of the core uses.
//!
//! Unknown fields are refused, not ignored: a field this core does not
//! understand could change when someone must check in, so such a plan is
//! rejected and the stored one stays in force. The server raises `format`
//! when it adds meaning.
//!
//! [`Plan`]: super::Plan

use serde::{Deserialize, Serialize};

/// The plan format this core reads.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanDoc {
    /// Must be [`FORMAT`].
    pub format: u32,
    /// The server's id for this participant's plan.
    pub plan_id: String,
    /// Increases with every change the server makes; an older revision
    /// never replaces a newer one.
    pub revision: u64,
    /// The participant's IANA time zone, e.g. `America/New_York`.
    pub zone: String,
    /// BCP 47 tag of the participant's language, e.g. `es`.
    pub language: String,
    #[serde(default)]
    pub reminders: ReminderPolicy,
    /// How often the phone should wake to sync, in minutes; none means the
    /// plan asks for no periodic wake-ups of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_every_minutes: Option<u32>,
    #[serde(default)]
    pub schedules: Vec<ScheduleDoc>,
    #[serde(default)]
    pub appointments: Vec<AppointmentDoc>,
}

/// Which reminders the phone shows, for every schedule and appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderPolicy {
    /// A notification when a check-in window opens.
    #[serde(default = "yes")]
    pub window_opens: bool,
    /// Notifications this many minutes before a window closes.
    #[serde(default = "default_before_close")]
    pub before_close_minutes: Vec<u32>,
    /// A notification when the on-time period (window and grace) has ended
    /// but a late check-in is still accepted.
    #[serde(default = "yes")]
    pub late_notice: bool,
    /// Notifications this many minutes before each appointment that is not
    /// a court hearing, unless the appointment gives its own.
    #[serde(default = "default_before_appointment")]
    pub appointment_before_minutes: Vec<u32>,
    /// Notifications this many calendar days before each court hearing, at
    /// the hearing's local time of day, unless the hearing gives its own
    /// `reminder_minutes`. Each 1 to 30.
    #[serde(default = "default_court_hearing_days")]
    pub court_hearing_before_days: Vec<u32>,
    /// A notification on the hearing's local day at this local time
    /// (`HH:MM` at the hearing's place), if at least 30 minutes before the
    /// start; `null` for none. Absent means the default, so it is always
    /// written out, `null` included.
    #[serde(default = "default_morning_of")]
    pub court_hearing_morning_of: Option<String>,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        Self {
            window_opens: true,
            before_close_minutes: default_before_close(),
            late_notice: true,
            appointment_before_minutes: default_before_appointment(),
            court_hearing_before_days: default_court_hearing_days(),
            court_hearing_morning_of: default_morning_of(),
        }
    }
}

fn yes() -> bool {
    true
}

fn default_before_close() -> Vec<u32> {
    vec![15]
}

fn default_before_appointment() -> Vec<u32> {
    vec![24 * 60, 2 * 60]
}

/// 7, 3 and 1 days: the spacing randomized trials of court-date reminders
/// used (docs/plan.md, "Court hearings").
fn default_court_hearing_days() -> Vec<u32> {
    vec![7, 3, 1]
}

fn default_morning_of() -> Option<String> {
    Some("07:00".to_owned())
}

/// Recurring check-in windows, or one window when `rrule` is absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleDoc {
    pub id: String,
    /// Local start of the first window, `YYYY-MM-DDTHH:MM`, in the plan's
    /// zone; every window starts at this local time of day.
    pub start: String,
    /// RFC 5545 RRULE subset; absent for a one-off check-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rrule: Option<String>,
    /// Local starts (`YYYY-MM-DDTHH:MM`) of windows that are cancelled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exdates: Vec<String>,
    /// How long a window stays open, in elapsed minutes.
    pub window_minutes: u32,
    /// After the window closes, minutes during which a check-in still
    /// counts as on time.
    #[serde(default)]
    pub grace_minutes: u32,
    /// After the grace period, minutes during which a check-in is still
    /// accepted but counts as late. After that the window is missed.
    #[serde(default)]
    pub late_minutes: u32,
    #[serde(default)]
    pub requires: Requirements,
}

/// What a check-in for a window must contain. The capture policy itself
/// (quality thresholds, how location is minimised) belongs to the modules
/// that capture; the plan only says what is asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    #[serde(default)]
    pub photo: bool,
    #[serde(default)]
    pub voice: bool,
    #[serde(default)]
    pub location: LocationPrecision,
}

/// How much location a check-in carries; spelled like the policy's
/// location modes (`none`, `area`, `coarse`, `precise`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationPrecision {
    /// No location at all.
    #[default]
    None,
    /// Only whether the participant is inside an agreed area.
    Area,
    /// Rounded to a grid of a few kilometres.
    Coarse,
    /// As precise as the phone can tell.
    Precise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentKind {
    CourtHearing,
    OfficeVisit,
    Other,
}

impl AppointmentKind {
    /// The name used in message files and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CourtHearing => "court_hearing",
            Self::OfficeVisit => "office_visit",
            Self::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppointmentDoc {
    pub id: String,
    pub kind: AppointmentKind,
    /// Shown for `other` appointments, e.g. "Drug test".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Local start, `YYYY-MM-DDTHH:MM`, in `zone`.
    pub start: String,
    /// IANA zone of the place; the plan's zone when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(default)]
    pub duration_minutes: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// What to bring (documents, ID), one thing per entry, shown in the
    /// reminders. At most 10 entries of 200 characters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bring: Vec<String>,
    /// The program's own neutral words for what happens if the
    /// appointment is missed, at most 500 characters; a default per kind
    /// is shown when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_missed: Option<String>,
    /// This appointment's reminders, in minutes before the start. Replaces
    /// every reminder the plan's policy would give it (minutes, days or
    /// morning-of).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder_minutes: Option<Vec<u32>>,
}
