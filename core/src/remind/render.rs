//! Writing a pending reminder as a [`Notification`]: localized title and
//! body, deep link, fire times, and the id that changes exactly when any of
//! them does.

use super::{LINK_SCHEME, Notification, NotificationKind, Pending, Subject, on_device};
use crate::i18n::{Arg, Localizer};
use crate::plan::zone::Zone;
use crate::plan::{Appointment, Plan, zone};
use chrono::{DateTime, Duration, NaiveDateTime, Timelike, Utc};

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
    let fire_at_device = on_device(p.fire_at, device_shift);
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
        fire_local: participant_zone.at(p.fire_at).to_rfc3339(),
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
    participant_zone: &Zone,
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
    let fire_day = zone::local(&a.zone, fire_at).date();
    let day = match (start.date() - fire_day).num_days() {
        0 => "today",
        1 => "tomorrow",
        _ => "other",
    };
    let zone_label = if &a.zone == participant_zone {
        "none".to_owned()
    } else {
        a.zone.abbreviation_at(a.starts)
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
            ("hour", Arg::Number(i64::from(start.hour()))),
            ("zone", Arg::Text(&zone_label)),
            ("place", Arg::Text(place)),
        ],
    );
    (title, body)
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
