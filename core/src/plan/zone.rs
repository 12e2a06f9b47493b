//! Local wall-clock time to UTC, with one rule for the hours DST removes
//! or repeats.
//!
//! The rule (RFC 5545 §3.3.5, also what Java's `ZonedDateTime` does):
//! - **Gap** (spring forward): a local time that does not exist is read
//!   with the UTC offset in force *before* the gap, which moves it forward
//!   by the length of the gap: 02:30 on 2026-03-08 in New York becomes
//!   03:30 EDT; 02:15 on Lord Howe's spring day becomes 02:45 (+11:00).
//! - **Overlap** (fall back): a local time that happens twice means the
//!   first of the two instants: 01:30 on 2026-11-01 in New York is
//!   01:30 EDT (05:30 UTC), not 01:30 EST.
//! - A whole local date that a zone skipped (Samoa dropped 2011-12-30)
//!   has no instant at all: [`resolve`] returns `None`.
//!
//! The hand-checked table in `tests/plan_dst.rs` pins these cases.

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// How a local time was mapped to an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The local time exists exactly once.
    Exact,
    /// The local time fell in a DST gap and was moved forward by the gap.
    ShiftedOverGap,
    /// The local time happened twice; the first instant was taken.
    FirstOfTwo,
}

/// The instant of `local` in `tz` under the rule above, or `None` when the
/// zone skipped the whole local date.
pub fn resolve(tz: Tz, local: NaiveDateTime) -> Option<(DateTime<Utc>, Resolution)> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(dt) => Some((dt.with_timezone(&Utc), Resolution::Exact)),
        chrono::LocalResult::Ambiguous(first, second) => {
            let earlier = first.with_timezone(&Utc).min(second.with_timezone(&Utc));
            Some((earlier, Resolution::FirstOfTwo))
        }
        chrono::LocalResult::None => {
            let instant = across_gap(tz, local)?;
            let landed = instant.with_timezone(&tz).naive_local();
            (landed.date() == local.date()).then_some((instant, Resolution::ShiftedOverGap))
        }
    }
}

/// `local` read with the offset in force just before the gap that swallows
/// it. Gaps are at most a day long; the offset is taken from the latest
/// valid local time a few hours earlier and checked to land past `local`.
fn across_gap(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    for hours_back in [3, 6, 12, 25] {
        let Some(before) = local
            .checked_sub_signed(Duration::hours(hours_back))
            .and_then(|earlier| tz.from_local_datetime(&earlier).earliest())
        else {
            continue;
        };
        let offset = Duration::seconds(i64::from(before.offset().fix().local_minus_utc()));
        let Some(instant) = local.checked_sub_signed(offset).map(|l| l.and_utc()) else {
            continue;
        };
        if instant.with_timezone(&tz).naive_local() > local {
            return Some(instant);
        }
    }
    None
}

/// The local wall-clock time of `instant` in `tz`.
pub fn local(tz: Tz, instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&tz).naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|date| date.and_hms_opt(h, min, 0))
            .expect("valid test date")
    }

    #[test]
    fn gap_moves_forward_by_the_gap_length() {
        let (instant, how) =
            resolve(chrono_tz::America::New_York, at(2026, 3, 8, 2, 30)).expect("resolves");
        assert_eq!(how, Resolution::ShiftedOverGap);
        assert_eq!(instant.naive_utc(), at(2026, 3, 8, 7, 30));
    }

    #[test]
    fn overlap_takes_the_first_instant() {
        let (instant, how) =
            resolve(chrono_tz::America::New_York, at(2026, 11, 1, 1, 30)).expect("resolves");
        assert_eq!(how, Resolution::FirstOfTwo);
        assert_eq!(instant.naive_utc(), at(2026, 11, 1, 5, 30));
    }

    #[test]
    fn a_skipped_date_has_no_instant() {
        assert_eq!(
            resolve(chrono_tz::Pacific::Apia, at(2011, 12, 30, 9, 0)),
            None
        );
    }
}
