//! The local notifications a phone should hold right now, and when it
//! should next wake up.
//!
//! Phones keep few pending notifications (iOS: the 64 soonest) and defer
//! background work, so the core decides, offline, exactly which reminders
//! the shell schedules. Guarantees:
//! - [`notifications`] returns the soonest pending reminders, at most `max`,
//!   ordered by fire time then id, all firing after `now`;
//! - it is a pure function of plan, check-ins and time: calling it twice
//!   gives the same list, and as time passes fired reminders drop off the
//!   front while later ones refill the back with their ids unchanged;
//! - ids are stable and change exactly when something the participant
//!   would see or feel changes (fire time, text, link), so a shell that
//!   reconciles by id (add missing, remove absent) reschedules exactly the
//!   reminders a plan change affected.
//!
//! Which reminders exist is the plan's reminder policy: window opens,
//! minutes before a window closes, late period begun, minutes before an
//! appointment.

use crate::clock::ClockEstimate;
use crate::i18n::Localizer;
use crate::plan::{
    Appointment, CheckinWindow, CompletedCheckin, Plan, due, true_time, window_state,
};
use chrono::{DateTime, Duration, Utc};
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
    /// An appointment starts in `minutes_before` minutes.
    Appointment,
}

/// One notification for the shell to schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// Stable id to reconcile by: `<kind>:<subject>#<content hash>`.
    pub id: String,
    pub kind: NotificationKind,
    /// For `WindowClosing` and `Appointment`; 0 otherwise.
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
    pub body: String,
    /// `checkin://window/<window id>` or `checkin://appointment/<id>`.
    pub deep_link: String,
}

/// A reminder before its text is written: cheap to build and sort.
#[derive(Debug, Clone)]
struct Pending<'p> {
    fire_at: DateTime<Utc>,
    kind: NotificationKind,
    minutes_before: u32,
    subject: Subject<'p>,
}

#[derive(Debug, Clone)]
enum Subject<'p> {
    Window(CheckinWindow),
    Appointment(&'p Appointment),
}

impl Pending<'_> {
    fn subject_id(&self) -> &str {
        match &self.subject {
            Subject::Window(w) => &w.id,
            Subject::Appointment(a) => &a.id,
        }
    }

    fn sort_key(&self) -> (DateTime<Utc>, &str, NotificationKind, u32) {
        (
            self.fire_at,
            self.subject_id(),
            self.kind,
            self.minutes_before,
        )
    }
}

/// The notifications the phone should hold at `now`: soonest first, at
/// most `max`. Windows already done get no further reminders.
pub fn notifications(
    plan: &Plan,
    completed: &[CompletedCheckin],
    now: &ClockEstimate,
    max: usize,
    localizer: &Localizer,
) -> Vec<Notification> {
    let device_shift = device_shift(now);
    let max = max.min(MAX_NOTIFICATIONS);
    pending(plan, completed, now, max)
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
    now: &ClockEstimate,
    max: usize,
) -> Option<DateTime<Utc>> {
    let t = true_time(now);
    let max = max.min(MAX_NOTIFICATIONS);
    let mut candidates: Vec<DateTime<Utc>> = Vec::new();

    let held = pending(plan, completed, now, max.saturating_add(1));
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

/// Every reminder firing after `now`, soonest `max` of them, sorted.
fn pending<'p>(
    plan: &'p Plan,
    completed: &[CompletedCheckin],
    now: &ClockEstimate,
    max: usize,
) -> Vec<Pending<'p>> {
    let t = true_time(now);
    let policy = plan.reminders();
    let mut all: Vec<Pending<'p>> = Vec::new();
    if max == 0 {
        return all;
    }
    let mut before_close = policy.before_close_minutes.clone();
    // Largest offset first, so a window's reminders come out in fire order.
    before_close.sort_unstable_by(|a, b| b.cmp(a));
    before_close.dedup();

    for schedule in plan.schedules() {
        let mut from_schedule = 0usize;
        // Windows that opened up to one span ago may still have reminders ahead.
        for occ in schedule.occurrences_around(t, schedule.span()) {
            // Windows of one schedule never overlap (checked when the plan
            // was read), so its reminders come in fire order and the
            // schedule can stop once it has `max` of them.
            if from_schedule >= max {
                break;
            }
            let window = schedule.window(occ);
            if window_state(&window, completed, now) == crate::plan::WindowState::Done {
                continue;
            }
            let mut add = |fire_at: DateTime<Utc>, kind, minutes_before| {
                if fire_at > t {
                    all.push(Pending {
                        fire_at,
                        kind,
                        minutes_before,
                        subject: Subject::Window(window.clone()),
                    });
                    from_schedule += 1;
                }
            };
            if policy.window_opens {
                add(window.opens, NotificationKind::WindowOpens, 0);
            }
            for minutes in &before_close {
                let fire_at = window.closes - Duration::minutes(i64::from(*minutes));
                // A reminder at or before the opening would repeat the opening one.
                if fire_at > window.opens {
                    add(fire_at, NotificationKind::WindowClosing, *minutes);
                }
            }
            if policy.late_notice && window.late_ends > window.grace_ends {
                add(window.grace_ends, NotificationKind::WindowLate, 0);
            }
        }
    }

    let upcoming = plan.appointments().partition_point(|a| a.starts <= t);
    for appointment in plan.appointments().get(upcoming..).unwrap_or_default() {
        for minutes in &appointment.reminder_minutes {
            let fire_at = appointment.starts - Duration::minutes(i64::from(*minutes));
            if fire_at > t {
                all.push(Pending {
                    fire_at,
                    kind: NotificationKind::Appointment,
                    minutes_before: *minutes,
                    subject: Subject::Appointment(appointment),
                });
            }
        }
    }

    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all.truncate(max);
    all
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

mod render;
#[cfg(test)]
mod tests;
