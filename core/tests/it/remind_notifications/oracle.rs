//! The oracle: every reminder after `now`, worked out the slow, obvious
//! way from the plan's windows and the plan JSON, independently of
//! `remind` and of the plan's own appointment reminders and DST resolver.

use checkin_core::clock::ClockEstimate;
use checkin_core::plan::{self, AppointmentKind, CompletedCheckin, Plan, WindowState};
use checkin_core::remind::{LeavePlan, NotificationKind};
use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Utc};
use std::collections::BTreeSet;

/// The instant of a local time at a place, read from jiff's own copy of
/// the zone database (not through the plan code): jiff's "compatible"
/// reading is the plan's DST rule (a time in a gap moves forward by the
/// gap, a repeated time is its first instant); a date the zone skipped
/// entirely has none.
fn instant(zone: &str, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let civil: jiff::civil::DateTime =
        local.format("%Y-%m-%dT%H:%M:%S").to_string().parse().ok()?;
    let at = tz.to_ambiguous_timestamp(civil).compatible().ok()?;
    (tz.to_datetime(at).date() == civil.date())
        .then(|| DateTime::from_timestamp(at.as_second(), 0))
        .flatten()
}

/// The plan's appointment reminders and leave reminders after `now`, from
/// the plan JSON and the rule in docs/plan.md alone.
fn brute_force_appointments(
    plan: &Plan,
    leave_plans: &[LeavePlan],
    t: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, String, NotificationKind, u32)> {
    let doc = plan.doc();
    let policy = &doc.reminders;
    let mut all = Vec::new();
    for a in &doc.appointments {
        let zone = a.zone.as_deref().unwrap_or(&doc.zone);
        let local = NaiveDateTime::parse_from_str(&a.start, "%Y-%m-%dT%H:%M").expect("start");
        let starts = instant(zone, local).expect("the start exists");
        let mut fires = BTreeSet::new();
        match (&a.reminder_minutes, a.kind) {
            (Some(own), _) => fires.extend(
                own.iter()
                    .map(|m| starts - Duration::minutes(i64::from(*m))),
            ),
            (None, AppointmentKind::CourtHearing) => {
                for n in &policy.court_hearing_before_days {
                    fires.extend(instant(zone, local - Duration::days(i64::from(*n))));
                }
                if let Some(hhmm) = &policy.court_hearing_morning_of {
                    let morning = NaiveTime::parse_from_str(hhmm, "%H:%M").expect("HH:MM");
                    if let Some(fire) = instant(zone, local.date().and_time(morning))
                        && fire <= starts - Duration::minutes(30)
                    {
                        fires.insert(fire);
                    }
                }
            }
            (None, _) => fires.extend(
                policy
                    .appointment_before_minutes
                    .iter()
                    .map(|m| starts - Duration::minutes(i64::from(*m))),
            ),
        }
        let minutes =
            |fire: DateTime<Utc>| u32::try_from((starts - fire).num_minutes()).expect("before");
        for fire in fires {
            all.push((
                fire,
                a.id.clone(),
                NotificationKind::Appointment,
                minutes(fire),
            ));
        }
        let leave_at = leave_plans
            .iter()
            .filter(|p| p.appointment_id == a.id)
            .map(|p| p.leave_at)
            .min();
        if let Some(fire) = leave_at.and_then(|at| instant(zone, local.date().and_time(at)))
            && fire < starts
        {
            all.push((
                fire,
                a.id.clone(),
                NotificationKind::LeaveForAppointment,
                minutes(fire),
            ));
        }
    }
    all.retain(|(fire, ..)| *fire > t);
    all
}

/// Every reminder after `now`, worked out the slow, obvious way from the
/// plan's windows and appointments: (fire time, subject, kind, minutes).
pub(super) fn brute_force(
    plan: &Plan,
    completed: &[CompletedCheckin],
    leave_plans: &[LeavePlan],
    now: &ClockEstimate,
) -> Vec<(DateTime<Utc>, String, NotificationKind, u32)> {
    let t = now.corrected();
    let policy = plan.reminders();
    let mut all = Vec::new();
    let windows = plan
        .windows_between(t - Duration::days(3), t + Duration::days(3000))
        .expect("expands");
    for w in windows {
        if plan::window_state(&w, completed, now) == WindowState::Done {
            continue;
        }
        if policy.window_opens {
            all.push((w.opens, w.id.clone(), NotificationKind::WindowOpens, 0));
        }
        for m in &policy.before_close_minutes {
            let fire = w.closes - Duration::minutes(i64::from(*m));
            if fire > w.opens {
                all.push((fire, w.id.clone(), NotificationKind::WindowClosing, *m));
            }
        }
        if policy.late_notice && w.late_ends > w.grace_ends {
            all.push((w.grace_ends, w.id.clone(), NotificationKind::WindowLate, 0));
        }
    }
    all.extend(brute_force_appointments(plan, leave_plans, t));
    all.retain(|(fire, ..)| *fire > t);
    all.sort();
    all.dedup();
    all
}
