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
use crate::i18n::{Arg, Localizer};
use crate::plan::{Appointment, CheckinWindow, CompletedCheckin, Plan, due, window_state, zone};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

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
    pending(plan, completed, now, max)
        .into_iter()
        .map(|p| render(plan, &p, device_shift, localizer))
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
    let t = now.corrected();
    let mut candidates: Vec<DateTime<Utc>> = Vec::new();

    let held = pending(plan, completed, now, max.saturating_add(1));
    if max > 0 && held.len() > max {
        if let Some(half) = held.get((max - 1) / 2) {
            candidates.push(half.fire_at);
        }
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
        candidates.push(t + every);
    }
    candidates
        .into_iter()
        .min()
        .map(|at| at - device_shift(now))
}

/// Every reminder firing after `now`, soonest `max` of them, sorted.
fn pending<'p>(
    plan: &'p Plan,
    completed: &[CompletedCheckin],
    now: &ClockEstimate,
    max: usize,
) -> Vec<Pending<'p>> {
    let t = now.corrected();
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
    let minutes = (now.server_offset_ms as f64 / 60_000.0).round() as i64;
    Duration::minutes(minutes)
}

fn render(
    plan: &Plan,
    p: &Pending<'_>,
    device_shift: Duration,
    localizer: &Localizer,
) -> Notification {
    let participant_zone = plan.zone();
    let (kind_tag, title, body, link) = match &p.subject {
        Subject::Window(w) => {
            let closes = zone::local(participant_zone, w.closes);
            let close_time = localizer.time(closes);
            let (tag, title, body) = match p.kind {
                NotificationKind::WindowClosing => (
                    "close",
                    localizer.text("window-closing-title", &[]),
                    localizer.text(
                        "window-closing-body",
                        &[
                            ("minutes", Arg::Number(i64::from(p.minutes_before))),
                            ("close_time", Arg::Text(&close_time)),
                        ],
                    ),
                ),
                NotificationKind::WindowLate => {
                    let late_ends = zone::local(participant_zone, w.late_ends);
                    (
                        "late",
                        localizer.text("window-late-title", &[]),
                        localizer.text(
                            "window-late-body",
                            &[
                                ("late_time", Arg::Text(&localizer.time(late_ends))),
                                ("late_date", Arg::Text(&localizer.date(late_ends))),
                            ],
                        ),
                    )
                }
                _ => (
                    "open",
                    localizer.text("window-opens-title", &[]),
                    localizer.text(
                        "window-opens-body",
                        &[
                            ("close_time", Arg::Text(&close_time)),
                            ("close_date", Arg::Text(&localizer.date(closes))),
                        ],
                    ),
                ),
            };
            (tag, title, body, format!("{LINK_SCHEME}://window/{}", w.id))
        }
        Subject::Appointment(a) => {
            let (title, body) = appointment_text(a, participant_zone, p.fire_at, localizer);
            (
                "appt",
                title,
                body,
                format!("{LINK_SCHEME}://appointment/{}", a.id),
            )
        }
    };
    let fire_at_device = p.fire_at - device_shift;
    let base = match p.kind {
        NotificationKind::WindowClosing | NotificationKind::Appointment => {
            format!("{kind_tag}-{}:{}", p.minutes_before, p.subject_id())
        }
        _ => format!("{kind_tag}:{}", p.subject_id()),
    };
    let hash = content_hash(&[
        base.as_bytes(),
        &fire_at_device.timestamp().to_be_bytes(),
        title.as_bytes(),
        body.as_bytes(),
        link.as_bytes(),
    ]);
    Notification {
        id: format!("{base}#{hash:016x}"),
        kind: p.kind,
        minutes_before: p.minutes_before,
        subject_id: p.subject_id().to_owned(),
        fire_at: p.fire_at,
        fire_at_device,
        fire_local: p.fire_at.with_timezone(&participant_zone).to_rfc3339(),
        title,
        body,
        deep_link: link,
    }
}

/// Title and body for an appointment reminder. The time is shown where the
/// appointment is, with the zone's abbreviation when that differs from the
/// participant's zone; "today"/"tomorrow" are judged in that same zone.
fn appointment_text(
    a: &Appointment,
    participant_zone: Tz,
    fire_at: DateTime<Utc>,
    l: &Localizer,
) -> (String, String) {
    let title_arg = if a.title.is_empty() {
        "none"
    } else {
        a.title.as_str()
    };
    let title = l.text(
        "appointment-title",
        &[
            ("kind", Arg::Text(a.kind.as_str())),
            ("title", Arg::Text(title_arg)),
        ],
    );
    let start: NaiveDateTime = a.local_start;
    let fire_day = zone::local(a.zone, fire_at).date();
    let day = match (start.date() - fire_day).num_days() {
        0 => "today",
        1 => "tomorrow",
        _ => "other",
    };
    let zone_label = if a.zone == participant_zone {
        "none".to_owned()
    } else {
        a.starts.with_timezone(&a.zone).format("%Z").to_string()
    };
    let place = if a.place.is_empty() {
        "none"
    } else {
        a.place.as_str()
    };
    let body = l.text(
        "appointment-body",
        &[
            ("day", Arg::Text(day)),
            ("date", Arg::Text(&l.date(start))),
            ("time", Arg::Text(&l.time(start))),
            ("zone", Arg::Text(&zone_label)),
            ("place", Arg::Text(place)),
        ],
    );
    (title, body)
}

/// FNV-1a, 64 bit: a fixed, portable hash so ids are the same on every
/// platform and release (std's hasher is neither).
fn content_hash(parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for byte in part.iter().chain(std::iter::once(&0xff)) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests;
