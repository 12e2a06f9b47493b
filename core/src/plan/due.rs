//! What is due now: the window a participant should act on, and its state.
//!
//! States of one window at time `t` (server-corrected):
//! - `Upcoming`: `t < opens`;
//! - `Open`: `opens <= t < closes`;
//! - `InGrace`: `closes <= t < grace_ends` (a check-in still counts as on time);
//! - `Late`: `grace_ends <= t < late_ends` (accepted, recorded as late);
//! - `Missed`: `t >= late_ends` with no accepted check-in;
//! - `Done`: an accepted (on-time or late) check-in exists for the window.
//!
//! Every comparison uses [`ClockEstimate::corrected`], both for `now` and
//! for when a check-in was captured, so a phone clock set hours wrong
//! neither hides nor invents a late check-in once the device has synced.

use super::schedule::CheckinWindow;
use super::wire::Requirements;
use super::{Plan, true_time};
use crate::clock::ClockEstimate;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// After a window is missed, [`due`] reports it for this long (or until
/// another window opens) so the participant is told, then moves on.
pub const MISSED_NOTICE_HOURS: i64 = 12;

/// A check-in the participant completed, as the check-in module records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletedCheckin {
    /// The [`CheckinWindow::id`] it was made for.
    pub window_id: String,
    /// When it was captured: device time, server offset and uptime.
    pub captured_at: ClockEstimate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowState {
    Upcoming,
    Open,
    InGrace,
    Late,
    Missed,
    Done,
}

/// How a capture time relates to a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Punctuality {
    /// Before the window opened: does not count for it.
    Early,
    /// In the window or its grace period.
    OnTime,
    /// In the late period: accepted, recorded as late.
    Late,
    /// After the late period: does not count.
    TooLate,
}

/// The window to act on now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub window: CheckinWindow,
    pub state: WindowState,
    /// What a check-in for this window must contain.
    pub requires: Requirements,
}

impl CheckinWindow {
    /// Whether a check-in captured at `at` is on time for this window.
    pub fn punctuality(&self, at: &ClockEstimate) -> Punctuality {
        let t = true_time(at);
        if t < self.opens {
            Punctuality::Early
        } else if t < self.grace_ends {
            Punctuality::OnTime
        } else if t < self.late_ends {
            Punctuality::Late
        } else {
            Punctuality::TooLate
        }
    }

    fn accepted(&self, completed: &[CompletedCheckin]) -> bool {
        completed.iter().any(|c| {
            c.window_id == self.id
                && matches!(
                    self.punctuality(&c.captured_at),
                    Punctuality::OnTime | Punctuality::Late
                )
        })
    }

    fn state_at(&self, done: bool, t: DateTime<Utc>) -> WindowState {
        if done {
            WindowState::Done
        } else if t < self.opens {
            WindowState::Upcoming
        } else if t < self.closes {
            WindowState::Open
        } else if t < self.grace_ends {
            WindowState::InGrace
        } else if t < self.late_ends {
            WindowState::Late
        } else {
            WindowState::Missed
        }
    }
}

/// The state of one window at `now`.
pub fn window_state(
    window: &CheckinWindow,
    completed: &[CompletedCheckin],
    now: &ClockEstimate,
) -> WindowState {
    window.state_at(window.accepted(completed), true_time(now))
}

/// The window the participant should act on at `now`, chosen in order:
/// 1. a window still accepting a check-in and not done: on-time ones
///    (`Open`, `InGrace`) before `Late` ones, then the earliest deadline;
/// 2. the most recently opened window, if it is `Done` and still open, or
///    `Missed` less than [`MISSED_NOTICE_HOURS`] ago;
/// 3. the next window to open (`Upcoming`).
///
/// `None` when the plan has no window left. `completed` needs only the
/// check-ins of recent windows; older ones do not change the answer.
pub fn due(plan: &Plan, completed: &[CompletedCheckin], now: &ClockEstimate) -> Option<Due> {
    let t = true_time(now);
    let missed_notice = Duration::hours(MISSED_NOTICE_HOURS);
    let mut accepting: Option<((u8, DateTime<Utc>), CheckinWindow)> = None;
    let mut latest_opened: Option<CheckinWindow> = None;
    let mut next: Option<CheckinWindow> = None;

    for schedule in plan.schedules() {
        for occ in schedule.occurrences_around(t, schedule.span() + missed_notice) {
            let window = schedule.window(occ);
            if window.opens > t {
                if next
                    .as_ref()
                    .is_none_or(|n| (window.opens, &window.id) < (n.opens, &n.id))
                {
                    next = Some(window);
                }
                break;
            }
            if latest_opened
                .as_ref()
                .is_none_or(|l| (window.opens, &window.id) > (l.opens, &l.id))
            {
                latest_opened = Some(window.clone());
            }
            if t < window.late_ends && !window.accepted(completed) {
                let urgency = if t < window.grace_ends {
                    (0, window.grace_ends)
                } else {
                    (1, window.late_ends)
                };
                if accepting
                    .as_ref()
                    .is_none_or(|(u, w)| (urgency, &window.id) < (*u, &w.id))
                {
                    accepting = Some((urgency, window));
                }
            }
        }
    }

    let pick = |window: CheckinWindow, state: WindowState| Due {
        requires: window.requires,
        window,
        state,
    };
    if let Some((_, window)) = accepting {
        let state = window.state_at(false, t);
        return Some(pick(window, state));
    }
    if let Some(window) = latest_opened {
        let state = window.state_at(window.accepted(completed), t);
        let show = match state {
            WindowState::Done => t < window.closes,
            WindowState::Missed => t < window.late_ends + missed_notice,
            _ => false,
        };
        if show {
            return Some(pick(window, state));
        }
    }
    next.map(|window| pick(window, WindowState::Upcoming))
}
