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

use std::fmt;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDateTime, Offset, Timelike, Utc};
use jiff::tz::{AmbiguousOffset, TimeZone};

use super::tzdb;

/// An IANA time zone, read from the zone database compiled into the library
/// (see [`super::tzdb`]). The phone's own database is never consulted, so a
/// device and the program read a plan the same way whatever the phone's OS
/// version ships.
#[derive(Clone)]
pub struct Zone {
    tz: TimeZone,
}

impl Zone {
    /// The zone named `name` (e.g. "America/New_York"), or `None` when the
    /// database does not know it.
    pub fn named(name: &str) -> Option<Zone> {
        let file = tzdb::find(name)?;
        let tz = TimeZone::tzif(file.name, file.tzif).ok()?;
        Some(Zone { tz })
    }

    /// Coordinated Universal Time.
    pub fn utc() -> Zone {
        Zone { tz: TimeZone::UTC }
    }

    /// The zone's IANA name.
    pub fn name(&self) -> &str {
        self.tz.iana_name().unwrap_or("UTC")
    }

    /// The UTC offset in force at `instant`.
    pub fn offset_at(&self, instant: DateTime<Utc>) -> FixedOffset {
        let seconds = self.tz.to_offset(timestamp(instant)).seconds();
        FixedOffset::east_opt(seconds).unwrap_or(Utc.fix())
    }

    /// `instant` as a date-time carrying this zone's offset (for RFC 3339).
    pub fn at(&self, instant: DateTime<Utc>) -> DateTime<FixedOffset> {
        instant.with_timezone(&self.offset_at(instant))
    }

    /// The abbreviation in use at `instant` ("EST", "CEST"; numeric like
    /// "-03" where the zone has none).
    pub fn abbreviation_at(&self, instant: DateTime<Utc>) -> String {
        self.tz
            .to_offset_info(timestamp(instant))
            .abbreviation()
            .to_owned()
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

/// The instant as jiff reads it; instants beyond jiff's range (years
/// ±9999) are clamped to its ends, where every zone's offset is fixed.
fn timestamp(instant: DateTime<Utc>) -> jiff::Timestamp {
    let nanos = i32::try_from(instant.timestamp_subsec_nanos()).unwrap_or(0);
    jiff::Timestamp::new(instant.timestamp(), nanos).unwrap_or(if instant.timestamp() < 0 {
        jiff::Timestamp::MIN
    } else {
        jiff::Timestamp::MAX
    })
}

/// A wall-clock time as jiff reads it, or `None` beyond years ±9999.
fn civil(local: NaiveDateTime) -> Option<jiff::civil::DateTime> {
    let narrow = |v: u32| i8::try_from(v).ok();
    jiff::civil::DateTime::new(
        i16::try_from(local.year()).ok()?,
        narrow(local.month())?,
        narrow(local.day())?,
        narrow(local.hour())?,
        narrow(local.minute())?,
        narrow(local.second())?,
        i32::try_from(local.nanosecond()).ok()?,
    )
    .ok()
}

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

/// The instant of `local` in `zone` under the rule above, or `None` when
/// the zone skipped the whole local date.
pub fn resolve(zone: &Zone, local: NaiveDateTime) -> Option<(DateTime<Utc>, Resolution)> {
    let read_with = |offset: jiff::tz::Offset| {
        local
            .checked_sub_signed(Duration::seconds(i64::from(offset.seconds())))
            .map(|utc| utc.and_utc())
    };
    match zone.tz.to_ambiguous_timestamp(civil(local)?).offset() {
        AmbiguousOffset::Unambiguous { offset } => Some((read_with(offset)?, Resolution::Exact)),
        AmbiguousOffset::Fold { before, after } => {
            let first = read_with(before)?.min(read_with(after)?);
            Some((first, Resolution::FirstOfTwo))
        }
        AmbiguousOffset::Gap { before, .. } => {
            // Read with the offset before the gap; when that lands on
            // another date, the zone skipped the whole day.
            let instant = read_with(before)?;
            (zone.at(instant).naive_local().date() == local.date())
                .then_some((instant, Resolution::ShiftedOverGap))
        }
    }
}

/// The local wall-clock time of `instant` in `zone`.
pub fn local(zone: &Zone, instant: DateTime<Utc>) -> NaiveDateTime {
    zone.at(instant).naive_local()
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

    fn ny() -> Zone {
        Zone::named("America/New_York").expect("zone")
    }

    #[test]
    fn unknown_names_are_refused_and_known_ones_keep_their_name() {
        assert_eq!(Zone::named("Mars/Olympus_Mons"), None);
        assert_eq!(Zone::named(""), None);
        assert_eq!(ny().name(), "America/New_York");
        assert_eq!(Zone::utc().name(), "UTC");
    }

    #[test]
    fn offsets_and_abbreviations_follow_dst() {
        let winter = at(2026, 1, 15, 12, 0).and_utc();
        let summer = at(2026, 7, 15, 12, 0).and_utc();
        assert_eq!(ny().offset_at(winter).local_minus_utc(), -5 * 3600);
        assert_eq!(ny().offset_at(summer).local_minus_utc(), -4 * 3600);
        assert_eq!(ny().abbreviation_at(winter), "EST");
        assert_eq!(ny().abbreviation_at(summer), "EDT");
        assert_eq!(local(&ny(), summer), at(2026, 7, 15, 8, 0));
        // Far beyond the database's range: clamped, not a panic.
        let far = DateTime::<Utc>::MAX_UTC;
        let _ = ny().offset_at(far);
        assert_eq!(resolve(&ny(), far.naive_utc()), None);
    }

    #[test]
    fn gap_moves_forward_by_the_gap_length() {
        let (instant, how) = resolve(&ny(), at(2026, 3, 8, 2, 30)).expect("resolves");
        assert_eq!(how, Resolution::ShiftedOverGap);
        assert_eq!(instant.naive_utc(), at(2026, 3, 8, 7, 30));
    }

    #[test]
    fn overlap_takes_the_first_instant() {
        let (instant, how) = resolve(&ny(), at(2026, 11, 1, 1, 30)).expect("resolves");
        assert_eq!(how, Resolution::FirstOfTwo);
        assert_eq!(instant.naive_utc(), at(2026, 11, 1, 5, 30));
    }

    #[test]
    fn a_skipped_date_has_no_instant() {
        assert_eq!(
            resolve(
                &Zone::named("Pacific/Apia").expect("zone"),
                at(2011, 12, 30, 9, 0)
            ),
            None
        );
    }
}
