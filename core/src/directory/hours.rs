//! Opening hours: an HSDS `schedule` read into the plan's recurrence rules
//! (`plan::rrule`) and evaluated in the location's zone with the plan's
//! DST rule (`plan::zone::resolve`).
//!
//! - `opens_at` and `closes_at` are wall-clock times at the place, so a
//!   9:00–17:00 office opens at 9:00 on both sides of a DST change; a
//!   closing time at or before the opening time is on the next day (an
//!   overnight shelter, 19:00–07:00; 00:00–00:00 is 24 hours).
//! - A time in a DST gap is read as the plan reads it (moved forward by the
//!   gap); a time that happens twice is the first of the two.
//! - `freq` (WEEKLY, MONTHLY), `interval`, `byday` (ordinals with MONTHLY),
//!   `bymonthday`, `count`, `until`, `wkst`, `dtstart`, `valid_from` and
//!   `valid_to` are followed. A schedule without `freq` but with `byday` is
//!   weekly. `byweekno` and `byyearday`, a rule without a usable start, or a
//!   schedule without both times keep only their `description`: such a
//!   service is never said to be "open now". A UTC offset after a time
//!   (`09:00-05:00`) is ignored: a fixed offset is wrong half the year in a
//!   zone with DST, so times are always read in the location's zone.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};

use super::hsds::{DirectoryError, Obj, Problem};
use crate::plan::rrule::{Freq, Rule, Until};
use crate::plan::zone::{self, Zone};

/// The longest free text of a schedule.
const MAX_DESCRIPTION_CHARS: usize = 2000;

/// When a weekly rule without `dtstart` is counted from (a Monday).
fn default_anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or(NaiveDate::MIN)
}

/// Hours that can be evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    rule: Rule,
    anchor: NaiveDate,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
}

/// One HSDS schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Hours {
    pub id: Box<str>,
    /// `None` when only the description says when (see the module notes).
    pub opening: Option<Opening>,
    pub description: Option<String>,
}

impl Opening {
    /// Whether the rule has an opening on local date `date`.
    fn occurs_on(&self, date: NaiveDate) -> bool {
        if date < self.anchor
            || self.valid_from.is_some_and(|f| date < f)
            || self.valid_to.is_some_and(|t| date > t)
        {
            return false;
        }
        if let Some(Until::Local(until)) = self.rule.until
            && date.and_time(self.opens) > until
        {
            return false;
        }
        let rule = &self.rule;
        if rule.freq == Freq::Weekly && rule.interval == 1 && rule.count.is_none() {
            // Most schedules: a weekday test, without expanding the rule.
            return match rule.by_day.is_empty() {
                true => date.weekday() == self.anchor.weekday(),
                false => rule.by_day.iter().any(|(_, d)| *d == date.weekday()),
            };
        }
        match self.rule.count {
            None => self
                .rule
                .dates(self.anchor, date)
                .find(|d| *d >= date)
                .is_some_and(|d| d == date),
            Some(count) => self
                .rule
                .dates(self.anchor, self.anchor)
                .take(count as usize)
                .take_while(|d| *d <= date)
                .any(|d| d == date),
        }
    }

    /// Whether it is open at `now`, read in `zone`.
    pub fn open_at(&self, zone: &Zone, now: DateTime<Utc>) -> bool {
        let today = zone::local(zone, now).date();
        let yesterday = today.pred_opt().unwrap_or(today);
        [yesterday, today].into_iter().any(|date| {
            if !self.occurs_on(date) {
                return false;
            }
            let close_date = if self.closes > self.opens {
                date
            } else {
                date.succ_opt().unwrap_or(date)
            };
            let (Some((opens, _)), Some((closes, _))) = (
                zone::resolve(zone, date.and_time(self.opens)),
                zone::resolve(zone, close_date.and_time(self.closes)),
            ) else {
                return false;
            };
            opens <= now && now < closes
        })
    }

    /// The weekdays of a plain weekly rule, Monday first; `None` for
    /// anything else (monthly, every other week, counted).
    pub fn weekdays(&self) -> Option<Vec<Weekday>> {
        if self.rule.freq != Freq::Weekly || self.rule.interval != 1 || self.rule.count.is_some() {
            return None;
        }
        let mut days: Vec<Weekday> = if self.rule.by_day.is_empty() {
            vec![self.anchor.weekday()]
        } else {
            self.rule.by_day.iter().map(|(_, d)| *d).collect()
        };
        days.sort_by_key(|d| d.num_days_from_monday());
        days.dedup();
        Some(days)
    }

    /// Open around the clock.
    pub fn all_day(&self) -> bool {
        self.opens == self.closes && self.opens == NaiveTime::MIN
    }
}

impl Hours {
    /// Reads one HSDS schedule object.
    pub(crate) fn read(s: &Obj<'_>) -> Result<Hours, DirectoryError> {
        let description = s.text("description", MAX_DESCRIPTION_CHARS)?.map(str::to_string);
        let id: Box<str> = s.id.unwrap_or("").into();
        let opens = s.text("opens_at", 32)?.map(|t| time(s, "opens_at", t)).transpose()?;
        let closes = s.text("closes_at", 32)?.map(|t| time(s, "closes_at", t)).transpose()?;
        let rule = recurrence(s)?;
        let dtstart = date_field(s, "dtstart")?;
        let valid_from = date_field(s, "valid_from")?;
        let valid_to = date_field(s, "valid_to")?;
        let unsupported = s.text("byweekno", 200)?.is_some() || s.text("byyearday", 200)?.is_some();
        let opening = match (rule, opens, closes) {
            (Some(rule), Some(opens), Some(closes)) if !unsupported => {
                let needs_start = rule.interval > 1
                    || rule.count.is_some()
                    || (rule.freq == Freq::Monthly
                        && rule.by_day.is_empty()
                        && rule.by_month_day.is_empty());
                match dtstart.or(valid_from) {
                    None if needs_start => None,
                    start => Some(Opening {
                        anchor: start.unwrap_or_else(default_anchor),
                        rule,
                        opens,
                        closes,
                        valid_from,
                        valid_to,
                    }),
                }
            }
            _ => None,
        };
        Ok(Hours {
            id,
            opening,
            description,
        })
    }
}

/// `HH:MM` or `HH:MM:SS`, any zone suffix ignored (see the module notes).
fn time(s: &Obj<'_>, field: &str, text: &str) -> Result<NaiveTime, DirectoryError> {
    let clock = text.get(..8).filter(|c| c.as_bytes().get(5) == Some(&b':'));
    let parsed = match clock {
        Some(c) => NaiveTime::parse_from_str(c, "%H:%M:%S").ok(),
        None => text
            .get(..5)
            .and_then(|c| NaiveTime::parse_from_str(c, "%H:%M").ok()),
    };
    let rest = text.get(clock.map_or(5, |_| 8)..).unwrap_or("");
    let suffix_ok = rest.is_empty()
        || rest == "Z"
        || (rest.starts_with(['+', '-'])
            && rest[1..].chars().all(|c| c.is_ascii_digit() || c == ':'));
    match parsed {
        Some(t) if suffix_ok => Ok(t),
        _ => Err(s.err(field, Problem::Invalid(format!("{text:?} is not a time (HH:MM)")))),
    }
}

/// A date `YYYY-MM-DD` (a time after it is ignored).
pub(crate) fn date_field(s: &Obj<'_>, field: &str) -> Result<Option<NaiveDate>, DirectoryError> {
    let Some(text) = s.text(field, 40)? else {
        return Ok(None);
    };
    let date = text.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match date {
        Some(d) if text.len() == 10 || text[10..].starts_with('T') => Ok(Some(d)),
        _ => Err(s.err(field, Problem::Invalid(format!("{text:?} is not a date (YYYY-MM-DD)")))),
    }
}

/// The schedule's recurrence, checked part by part so an error names the
/// HSDS field; `None` when the schedule has neither `freq` nor `byday`.
fn recurrence(s: &Obj<'_>) -> Result<Option<Rule>, DirectoryError> {
    let freq = match s.text("freq", 16)? {
        Some(f) if f.eq_ignore_ascii_case("weekly") => "WEEKLY",
        Some(f) if f.eq_ignore_ascii_case("monthly") => "MONTHLY",
        Some(f) => return Err(s.err("freq", Problem::Invalid(format!("{f:?}: WEEKLY or MONTHLY")))),
        None if s.text("byday", 200)?.is_some() => "WEEKLY",
        None => return Ok(None),
    };
    let mut text = format!("FREQ={freq}");
    let check = |text: &str, field: &str| {
        Rule::parse(text).map_err(|why| s.err(field, Problem::Invalid(why)))
    };
    for (field, part) in [("byday", "BYDAY"), ("bymonthday", "BYMONTHDAY"), ("wkst", "WKST")] {
        if let Some(value) = s.text(field, 200)? {
            let value = value.replace(' ', "");
            check(&format!("FREQ={freq};{part}={value}"), field)?;
            text.push_str(&format!(";{part}={value}"));
        }
    }
    for (field, part) in [("interval", "INTERVAL"), ("count", "COUNT")] {
        if let Some(n) = s.number(field)? {
            if n.fract() != 0.0 || !(1.0..=1e9).contains(&n) {
                return Err(s.err(field, Problem::Invalid(format!("{n} is not a positive whole number"))));
            }
            let part_text = format!(";{part}={n}");
            check(&format!("FREQ={freq}{part_text}"), field)?;
            text.push_str(&part_text);
        }
    }
    let mut rule = check(&text, "freq")?;
    if let Some(until) = date_field(s, "until")? {
        if rule.count.is_some() {
            return Err(s.err("until", Problem::Invalid("until and count cannot both be given".into())));
        }
        // Inclusive: the whole last day.
        let end = until.and_time(NaiveTime::MIN) + Duration::days(1) - Duration::seconds(1);
        rule.until = Some(Until::Local(end));
    }
    Ok(Some(rule))
}
