//! Which reminders fire after `now`, and when: cheap records, sorted, of
//! which `render` writes only the ones kept.
//!
//! For windows, the plan's reminder policy applied to each window not yet
//! done; for appointments, the reminders `plan` worked out for each
//! (minutes, days or morning-of) and the participant's leave time.

use super::{LeavePlan, NotificationKind};
use crate::clock::ClockEstimate;
use crate::plan::zone;
use crate::plan::{
    Appointment, CheckinWindow, CompletedCheckin, Lead, Plan, WindowState, true_time, window_state,
};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use std::collections::HashMap;

/// A reminder before its text is written.
#[derive(Debug, Clone)]
pub(super) struct Pending<'p> {
    pub fire_at: DateTime<Utc>,
    pub kind: NotificationKind,
    pub minutes_before: u32,
    pub subject: Subject<'p>,
}

#[derive(Debug, Clone)]
pub(super) enum Subject<'p> {
    Window(CheckinWindow),
    /// One of the appointment's own reminders; `leave_at` is the
    /// participant's leave time for it, if they saved one.
    Appointment {
        appointment: &'p Appointment,
        lead: Lead,
        leave_at: Option<NaiveTime>,
    },
    /// The participant's leave time for the appointment.
    Leave(&'p Appointment),
}

impl Pending<'_> {
    pub fn subject_id(&self) -> &str {
        match &self.subject {
            Subject::Window(w) => &w.id,
            Subject::Appointment { appointment, .. } | Subject::Leave(appointment) => {
                &appointment.id
            }
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

/// Every reminder firing after `now`, soonest `max` of them, sorted by
/// fire time, then subject id, kind and minutes before.
pub(super) fn pending<'p>(
    plan: &'p Plan,
    completed: &[CompletedCheckin],
    leave_plans: &[LeavePlan],
    now: &ClockEstimate,
    max: usize,
) -> Vec<Pending<'p>> {
    let mut all: Vec<Pending<'p>> = Vec::new();
    if max == 0 {
        return all;
    }
    add_window_reminders(plan, completed, now, max, &mut all);
    add_appointment_reminders(plan, leave_plans, true_time(now), &mut all);
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all.truncate(max);
    all
}

fn add_window_reminders<'p>(
    plan: &'p Plan,
    completed: &[CompletedCheckin],
    now: &ClockEstimate,
    max: usize,
    all: &mut Vec<Pending<'p>>,
) {
    let t = true_time(now);
    let policy = plan.reminders();
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
            if window_state(&window, completed, now) == WindowState::Done {
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
}

fn add_appointment_reminders<'p>(
    plan: &'p Plan,
    leave_plans: &[LeavePlan],
    t: DateTime<Utc>,
    all: &mut Vec<Pending<'p>>,
) {
    // The earliest leave time per appointment id.
    let mut leave_times: HashMap<&str, NaiveTime> = HashMap::new();
    for leave in leave_plans {
        leave_times
            .entry(leave.appointment_id.as_str())
            .and_modify(|at| *at = (*at).min(leave.leave_at))
            .or_insert(leave.leave_at);
    }
    let upcoming = plan.appointments().partition_point(|a| a.starts <= t);
    for appointment in plan.appointments().get(upcoming..).unwrap_or_default() {
        let leave_at = leave_times.get(appointment.id.as_str()).copied();
        for reminder in &appointment.reminders {
            if reminder.fire_at > t {
                all.push(Pending {
                    fire_at: reminder.fire_at,
                    kind: NotificationKind::Appointment,
                    minutes_before: minutes_until(reminder.fire_at, appointment.starts),
                    subject: Subject::Appointment {
                        appointment,
                        lead: reminder.lead,
                        leave_at,
                    },
                });
            }
        }
        let leave_fires = leave_at
            .and_then(|at| zone::resolve(&appointment.zone, appointment.local_start.date().and_time(at)))
            .map(|(fire_at, _)| fire_at)
            .filter(|fire_at| *fire_at > t && *fire_at < appointment.starts);
        if let Some(fire_at) = leave_fires {
            all.push(Pending {
                fire_at,
                kind: NotificationKind::LeaveForAppointment,
                minutes_before: minutes_until(fire_at, appointment.starts),
                subject: Subject::Leave(appointment),
            });
        }
    }
}

/// Whole minutes from `fire_at` to `starts` (0 if after; capped, though a
/// reminder is at most 30 days ahead).
fn minutes_until(fire_at: DateTime<Utc>, starts: DateTime<Utc>) -> u32 {
    u32::try_from((starts - fire_at).num_minutes().max(0)).unwrap_or(u32::MAX)
}
