//! Writing a pending reminder as a [`Notification`]: localized title and
//! body, deep link, fire times, and the id that changes exactly when any of
//! them does.

use super::appointment_text;
use super::pending::{Pending, Subject};
use super::{LINK_SCHEME, Notification, NotificationKind, on_device};
use crate::i18n::{Arg, Localizer};
use crate::plan::{Lead, Plan, zone};
use chrono::{Duration, Timelike};

pub(super) fn render(
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
            let close_hour = Arg::Number(i64::from(closes.hour()));
            let (tag, title, body) = match p.kind {
                NotificationKind::WindowClosing => (
                    "close",
                    localizer.text("window-closing-title", &[]),
                    localizer.text(
                        "window-closing-body",
                        &[
                            ("minutes", Arg::Number(i64::from(p.minutes_before))),
                            ("close_time", Arg::Text(&close_time)),
                            ("close_hour", close_hour.clone()),
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
                                ("late_hour", Arg::Number(i64::from(late_ends.hour()))),
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
                            ("close_hour", close_hour.clone()),
                            ("close_date", Arg::Text(&localizer.date(closes))),
                        ],
                    ),
                ),
            };
            (
                tag.to_owned(),
                title,
                body,
                format!("{LINK_SCHEME}://window/{}", w.id),
            )
        }
        Subject::Appointment {
            appointment,
            lead,
            leave_at,
        } => {
            let (title, body) = appointment_text::reminder(
                appointment,
                *lead,
                *leave_at,
                participant_zone,
                p.fire_at,
                localizer,
            );
            let tag = match lead {
                Lead::Minutes(m) => format!("appt-{m}"),
                Lead::Days(n) => format!("appt-d{n}"),
                Lead::MorningOf => "appt-morning".to_owned(),
            };
            (
                tag,
                title,
                body,
                format!("{LINK_SCHEME}://appointment/{}", appointment.id),
            )
        }
        Subject::Leave(appointment) => {
            let (title, body) = appointment_text::leave(appointment, participant_zone, localizer);
            (
                "leave".to_owned(),
                title,
                body,
                format!("{LINK_SCHEME}://appointment/{}", appointment.id),
            )
        }
    };
    let fire_at_device = on_device(p.fire_at, device_shift);
    let base = match p.kind {
        NotificationKind::WindowClosing => {
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
        fire_local: participant_zone.at(p.fire_at).to_rfc3339(),
        title,
        body,
        deep_link: link,
        channel: p.kind.channel().to_string(),
    }
}

/// FNV-1a, 64 bit: a fixed, portable hash so ids are the same on every
/// platform and release (std's hasher is neither).
pub(super) fn content_hash(parts: &[&[u8]]) -> u64 {
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
