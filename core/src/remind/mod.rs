//! The local notifications a phone should hold right now, and when it
//! should next wake up.
//!
//! Phones keep few pending notifications (iOS: the 64 soonest) and defer
//! background work, so the core decides, offline, exactly which reminders
//! the shell schedules. Guarantees:
//! - [`notifications`] returns the soonest pending reminders, at most `max`,
//!   ordered by fire time then id, all firing after `now`;
//! - it is a pure function of plan, check-ins, saved leave times and time:
//!   calling it twice gives the same list, and as time passes fired
//!   reminders drop off the front while later ones refill the back with
//!   their ids unchanged;
//! - ids are stable and change exactly when something the participant
//!   would see or feel changes (fire time, text, link), so a shell that
//!   reconciles by id (add missing, remove absent) reschedules exactly the
//!   reminders a plan change affected.
//!
//! Which reminders exist is the plan's reminder policy (window opens,
//! minutes before a window closes, late period begun, and each
//! appointment's reminders as `plan` worked them out: minutes before, or
//! for a court hearing days before and the morning of), plus one
//! "time to leave" reminder for each upcoming appointment the participant
//! saved a leave time for ([`LeavePlan`]). `pending` decides which fire
//! and when; `render` and `appointment_text` write them.

use crate::clock::ClockEstimate;
use crate::i18n::Localizer;
use crate::plan::{CompletedCheckin, Plan, due, true_time};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// Most notifications one call returns, whatever `max` asks: far above
/// what a phone can hold (iOS: 64), and it bounds the work of one call.
pub const MAX_NOTIFICATIONS: usize = 512;

/// The deep link scheme shells register.
pub const LINK_SCHEME: &str = "checkin";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A check-in window opened.
    WindowOpens,
    /// A check-in window closes in `minutes_before` minutes.
    WindowClosing,
    /// The on-time period ended; a late check-in is still accepted.
    WindowLate,
    /// An appointment starts in `minutes_before` minutes (a reminder
    /// minutes or days before it, or on its morning).
    Appointment,
    /// The time the participant planned to leave for an appointment.
    LeaveForAppointment,
}

/// One notification for the shell to schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// Stable id to reconcile by: `<kind tag>:<subject>#<content hash>`,
    /// the tag saying which reminder of the subject it is (`open`,
    /// `close-15`, `late`, `appt-120`, `appt-d7`, `appt-morning`, `leave`).
    pub id: String,
    pub kind: NotificationKind,
    /// For `WindowClosing`, `Appointment` and `LeaveForAppointment`: how
    /// many minutes before the window closes or the appointment starts it
    /// fires (for a day reminder, the elapsed minutes, DST included);
    /// 0 otherwise.
    pub minutes_before: u32,
    /// The window id or appointment id it is about.
    pub subject_id: String,
    /// When it should fire, in true (server) time.
    pub fire_at: DateTime<Utc>,
    /// The same moment on the phone's own clock, which is what the OS
    /// scheduler uses: `fire_at` minus the server offset, in whole minutes.
    pub fire_at_device: DateTime<Utc>,
    /// `fire_at` in the participant's zone, RFC 3339 with offset.
    pub fire_local: String,
    pub title: String,
    /// One or more lines, separated by `\n`.
    pub body: String,
    /// `checkin://window/<window id>` or `checkin://appointment/<id>`.
    pub deep_link: String,
    /// The group it is filed under (an Android channel, an iOS category):
    /// `checkins` or `appointments` (named by the client's
    /// `notification_channels`).
    pub channel: String,
}

impl NotificationKind {
    /// The group a notification of this kind is filed under.
    pub fn channel(self) -> &'static str {
        match self {
            Self::WindowOpens | Self::WindowClosing | Self::WindowLate => "checkins",
            Self::Appointment | Self::LeaveForAppointment => "appointments",
        }
    }
}

/// The time the participant said they will leave for an appointment (the
/// answer to the reminders' "What time will you leave?"), at the
/// appointment's place, on its local day. Stored by the client; a plan for
/// an appointment no longer in the plan is ignored, and of several for one
/// appointment the earliest counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeavePlan {
    pub appointment_id: String,
    pub leave_at: NaiveTime,
}

/// The notifications the phone should hold at `now`: soonest first, at
/// most `max`. Windows already done get no further reminders; each of
/// `leave_plans` for an upcoming appointment adds its leave reminder.
pub fn notifications(
    plan: &Plan,
    completed: &[CompletedCheckin],
    leave_plans: &[LeavePlan],
    now: &ClockEstimate,
    max: usize,
    localizer: &Localizer,
) -> Vec<Notification> {
    let device_shift = device_shift(now);
    let max = max.min(MAX_NOTIFICATIONS);
    pending::pending(plan, completed, leave_plans, now, max)
        .into_iter()
        .map(|p| render::render(plan, &p, device_shift, localizer))
        .collect()
}

/// When the shell should next run background work (refill notifications,
/// update what is due, sync), on the phone's own clock so it can be handed
/// to the OS scheduler. The earliest of:
/// - when half of the `max` held notifications have fired, if more were
///   waiting beyond `max` (so the phone never runs dry);
/// - the next change of [`due`]'s state (window opens, closes, grace or
///   late period ends, missed notice ends);
/// - `now` plus the plan's sync interval.
///
/// `None` when none of these exists (a finished plan without sync interval).
pub fn next_wakeup(
    plan: &Plan,
    completed: &[CompletedCheckin],
    leave_plans: &[LeavePlan],
    now: &ClockEstimate,
    max: usize,
) -> Option<DateTime<Utc>> {
    let t = true_time(now);
    let max = max.min(MAX_NOTIFICATIONS);
    let mut candidates: Vec<DateTime<Utc>> = Vec::new();

    let held = pending::pending(plan, completed, leave_plans, now, max.saturating_add(1));
    if max > 0
        && held.len() > max
        && let Some(half) = held.get((max - 1) / 2)
    {
        candidates.push(half.fire_at);
    }
    if let Some(current) = due(plan, completed, now) {
        let w = &current.window;
        let notice = Duration::hours(crate::plan::MISSED_NOTICE_HOURS);
        let boundaries = [
            w.opens,
            w.closes,
            w.grace_ends,
            w.late_ends,
            w.late_ends + notice,
        ];
        if let Some(b) = boundaries.into_iter().filter(|b| *b > t).min() {
            candidates.push(b);
        }
    }
    if let Some(every) = plan.sync_every() {
        candidates.push(t.checked_add_signed(every).unwrap_or(t));
    }
    candidates
        .into_iter()
        .min()
        .map(|at| on_device(at, device_shift(now)))
}

/// `server offset` rounded to whole minutes: what to subtract from a true
/// time to get the phone's clock time. Rounding keeps ids stable while the
/// measured offset jitters by a few milliseconds between syncs.
fn device_shift(now: &ClockEstimate) -> Duration {
    let minutes = now
        .server_offset_ms
        .saturating_add(30_000)
        .div_euclid(60_000);
    Duration::try_minutes(minutes).unwrap_or_else(Duration::zero)
}

/// `t` on the phone's clock; unchanged if the offset is absurd.
fn on_device(t: DateTime<Utc>, shift: Duration) -> DateTime<Utc> {
    t.checked_sub_signed(shift).unwrap_or(t)
}

mod appointment_text;
mod pending;
mod render;
#[cfg(test)]
mod tests;
