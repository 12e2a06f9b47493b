//! The RFC 5545 recurrence subset plans use, expanded into local dates.
//!
//! Supported: `FREQ=DAILY|WEEKLY|MONTHLY`, `INTERVAL`, `BYDAY` (ordinals
//! such as `2TU` or `-1FR` with MONTHLY only), `BYMONTHDAY` (negative counts
//! from the month's end; not with WEEKLY), `COUNT`, `UNTIL` (local
//! `YYYYMMDDTHHMMSS` or UTC `…Z`; not with COUNT) and `WKST`. Anything else
//! is refused with a reason rather than ignored, because a half-understood
//! rule would silently move someone's check-in.
//!
//! Semantics follow RFC 5545 and agree with python-dateutil (checked by
//! `tests/plan_rrule_oracle.rs`):
//! - periods are counted from the start: days, weeks beginning on WKST, or
//!   months, every INTERVAL of them;
//! - WEEKLY without BYDAY uses the start's weekday; MONTHLY without BYDAY
//!   or BYMONTHDAY uses the start's day of month, and months without that
//!   day (the 31st) have no occurrence;
//! - BYDAY and BYMONTHDAY together mean both must hold;
//! - the start itself is an occurrence only if it matches the rule.
//!
//! Only dates are produced here: every occurrence has the schedule's
//! local start time, and zones are applied by the caller.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Weekday};

/// Longest INTERVAL accepted.
pub const MAX_INTERVAL: u32 = 1000;
/// Largest COUNT accepted.
pub const MAX_COUNT: u32 = 10_000;
/// Occurrences are only searched this many years past a rule's start, so
/// even a rule that rarely matches costs bounded time.
pub const SEARCH_YEARS: i32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
}

/// The end of a rule given by UNTIL (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// Compared with each occurrence's local start.
    Local(NaiveDateTime),
    /// Compared with each occurrence's instant.
    Utc(chrono::DateTime<chrono::Utc>),
}

/// A parsed rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u32,
    /// `(ordinal, weekday)`; the ordinal only with MONTHLY.
    pub by_day: Vec<(Option<i8>, Weekday)>,
    pub by_month_day: Vec<i8>,
    pub count: Option<u32>,
    pub until: Option<Until>,
    pub week_start: Weekday,
}

impl Rule {
    /// Parses `FREQ=…;…`, with or without a leading `RRULE:`.
    pub fn parse(text: &str) -> Result<Rule, String> {
        let body = text.trim();
        let body = body.strip_prefix("RRULE:").unwrap_or(body);
        let mut freq = None;
        let mut interval = None;
        let mut by_day = None;
        let mut by_month_day = None;
        let mut count = None;
        let mut until = None;
        let mut week_start = None;
        for part in body.split(';') {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("part {part:?} is not NAME=VALUE"))?;
            let name = name.trim().to_ascii_uppercase();
            let value = value.trim();
            let seen = match name.as_str() {
                "FREQ" => freq.replace(parse_freq(value)?).is_some(),
                "INTERVAL" => interval
                    .replace(parse_number(value, 1, MAX_INTERVAL, "INTERVAL")?)
                    .is_some(),
                "COUNT" => count
                    .replace(parse_number(value, 1, MAX_COUNT, "COUNT")?)
                    .is_some(),
                "UNTIL" => until.replace(parse_until(value)?).is_some(),
                "WKST" => week_start.replace(parse_weekday(value)?).is_some(),
                "BYDAY" => by_day.replace(parse_list(value, parse_by_day)?).is_some(),
                "BYMONTHDAY" => by_month_day
                    .replace(parse_list(value, parse_month_day)?)
                    .is_some(),
                "BYSETPOS" | "BYMONTH" | "BYYEARDAY" | "BYWEEKNO" | "BYHOUR" | "BYMINUTE"
                | "BYSECOND" => {
                    return Err(format!("{name} is not supported"));
                }
                _ => return Err(format!("unknown part {name}")),
            };
            if seen {
                return Err(format!("{name} given twice"));
            }
        }
        let freq = freq.ok_or("FREQ is missing")?;
        let by_day = by_day.unwrap_or_default();
        let by_month_day = by_month_day.unwrap_or_default();
        if count.is_some() && until.is_some() {
            return Err("COUNT and UNTIL cannot both be given".into());
        }
        if freq != Freq::Monthly && by_day.iter().any(|(n, _)| n.is_some()) {
            return Err("BYDAY ordinals (like 2TU) need FREQ=MONTHLY".into());
        }
        if freq == Freq::Weekly && !by_month_day.is_empty() {
            return Err("BYMONTHDAY cannot be used with FREQ=WEEKLY".into());
        }
        Ok(Rule {
            freq,
            interval: interval.unwrap_or(1),
            by_day,
            by_month_day,
            count,
            until,
            week_start: week_start.unwrap_or(Weekday::Mon),
        })
    }

    /// The matching dates on or after `anchor` (the start date), in order,
    /// beginning with the period that contains `from` (or the first
    /// period if `from` is earlier). COUNT and UNTIL are the caller's:
    /// COUNT needs the sequence from the very start.
    pub fn dates(&self, anchor: NaiveDate, from: NaiveDate) -> RuleDates<'_> {
        let period = if from <= anchor {
            0
        } else {
            self.period_of(anchor, from)
        };
        RuleDates {
            rule: self,
            anchor,
            period,
            buffer: Vec::new(),
            next_in_buffer: 0,
            horizon: anchor
                .checked_add_months(Months::new(12 * SEARCH_YEARS.unsigned_abs()))
                .unwrap_or(NaiveDate::MAX),
            done: false,
        }
    }

    /// Index of the period containing `date` (counted in INTERVAL steps).
    fn period_of(&self, anchor: NaiveDate, date: NaiveDate) -> i64 {
        let interval = i64::from(self.interval);
        let units = match self.freq {
            Freq::Daily => (date - anchor).num_days(),
            Freq::Weekly => {
                (week_start(date, self.week_start) - week_start(anchor, self.week_start)).num_days()
                    / 7
            }
            Freq::Monthly => month_index(date) - month_index(anchor),
        };
        units.div_euclid(interval)
    }

    /// The matching dates of period `k`, sorted; `None` past the horizon.
    fn period_dates(
        &self,
        anchor: NaiveDate,
        k: i64,
        horizon: NaiveDate,
        out: &mut Vec<NaiveDate>,
    ) -> bool {
        out.clear();
        let step = k.saturating_mul(i64::from(self.interval));
        match self.freq {
            Freq::Daily => {
                let Some(day) = add_days(anchor, step) else {
                    return false;
                };
                if day > horizon {
                    return false;
                }
                if self.day_filter(day) {
                    out.push(day);
                }
            }
            Freq::Weekly => {
                let Some(first) =
                    add_days(week_start(anchor, self.week_start), step.saturating_mul(7))
                else {
                    return false;
                };
                if first > horizon {
                    return false;
                }
                for offset in 0..7 {
                    let Some(day) = add_days(first, offset) else {
                        break;
                    };
                    let wanted = if self.by_day.is_empty() {
                        day.weekday() == anchor.weekday()
                    } else {
                        self.by_day.iter().any(|(_, wd)| *wd == day.weekday())
                    };
                    if wanted {
                        out.push(day);
                    }
                }
            }
            Freq::Monthly => {
                let Some(first) = month_start(anchor).and_then(|m| {
                    u32::try_from(step)
                        .ok()
                        .and_then(|s| m.checked_add_months(Months::new(s)))
                }) else {
                    return false;
                };
                if first > horizon {
                    return false;
                }
                self.month_dates(anchor, first, out);
            }
        }
        true
    }

    /// DAILY's BYDAY / BYMONTHDAY act as filters.
    fn day_filter(&self, day: NaiveDate) -> bool {
        let weekday_ok =
            self.by_day.is_empty() || self.by_day.iter().any(|(_, wd)| *wd == day.weekday());
        let month_day_ok = self.by_month_day.is_empty()
            || self
                .by_month_day
                .iter()
                .any(|md| month_day_matches(day, *md));
        weekday_ok && month_day_ok
    }

    fn month_dates(&self, anchor: NaiveDate, first: NaiveDate, out: &mut Vec<NaiveDate>) {
        let len = days_in_month(first);
        for d in 1..=len {
            let Some(day) = first.with_day(d) else {
                continue;
            };
            let month_day_ok = if self.by_month_day.is_empty() {
                // Without either BY part the start's day of month is used.
                !self.by_day.is_empty() || d == anchor.day()
            } else {
                self.by_month_day
                    .iter()
                    .any(|md| month_day_matches(day, *md))
            };
            let weekday_ok = self.by_day.is_empty()
                || self.by_day.iter().any(|(n, wd)| {
                    *wd == day.weekday()
                        && match n {
                            None => true,
                            Some(n) if *n > 0 => (d - 1) / 7 + 1 == u32::from(n.unsigned_abs()),
                            Some(n) => (len - d) / 7 + 1 == u32::from(n.unsigned_abs()),
                        }
                });
            if month_day_ok && weekday_ok {
                out.push(day);
            }
        }
    }
}

/// Iterator over a rule's dates, period by period.
#[derive(Debug)]
pub struct RuleDates<'r> {
    rule: &'r Rule,
    anchor: NaiveDate,
    period: i64,
    buffer: Vec<NaiveDate>,
    next_in_buffer: usize,
    horizon: NaiveDate,
    done: bool,
}

impl Iterator for RuleDates<'_> {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        loop {
            if let Some(day) = self.buffer.get(self.next_in_buffer) {
                self.next_in_buffer += 1;
                if *day >= self.anchor {
                    return Some(*day);
                }
                continue;
            }
            if self.done {
                return None;
            }
            let mut buffer = std::mem::take(&mut self.buffer);
            if !self
                .rule
                .period_dates(self.anchor, self.period, self.horizon, &mut buffer)
            {
                self.done = true;
            }
            self.buffer = buffer;
            self.next_in_buffer = 0;
            self.period += 1;
        }
    }
}

fn parse_freq(value: &str) -> Result<Freq, String> {
    match value.to_ascii_uppercase().as_str() {
        "DAILY" => Ok(Freq::Daily),
        "WEEKLY" => Ok(Freq::Weekly),
        "MONTHLY" => Ok(Freq::Monthly),
        other => Err(format!(
            "FREQ={other} is not supported (DAILY, WEEKLY or MONTHLY)"
        )),
    }
}

fn parse_number(value: &str, min: u32, max: u32, name: &str) -> Result<u32, String> {
    let n: u32 = value
        .parse()
        .map_err(|_| format!("{name}={value} is not a whole number"))?;
    if n < min || n > max {
        return Err(format!("{name}={n} is outside {min}..={max}"));
    }
    Ok(n)
}

fn parse_until(value: &str) -> Result<Until, String> {
    let (text, utc) = match value.strip_suffix('Z') {
        Some(text) => (text, true),
        None => (value, false),
    };
    let local = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
        .map_err(|_| format!("UNTIL={value} is not YYYYMMDDTHHMMSS[Z]"))?;
    Ok(if utc {
        Until::Utc(local.and_utc())
    } else {
        Until::Local(local)
    })
}

fn parse_weekday(value: &str) -> Result<Weekday, String> {
    match value.to_ascii_uppercase().as_str() {
        "MO" => Ok(Weekday::Mon),
        "TU" => Ok(Weekday::Tue),
        "WE" => Ok(Weekday::Wed),
        "TH" => Ok(Weekday::Thu),
        "FR" => Ok(Weekday::Fri),
        "SA" => Ok(Weekday::Sat),
        "SU" => Ok(Weekday::Sun),
        other => Err(format!("{other:?} is not a weekday (MO..SU)")),
    }
}

fn parse_by_day(value: &str) -> Result<(Option<i8>, Weekday), String> {
    let split = value.len().saturating_sub(2);
    let (ordinal, day) = value
        .split_at_checked(split)
        .ok_or_else(|| format!("BYDAY entry {value:?} is malformed"))?;
    let weekday = parse_weekday(day)?;
    if ordinal.is_empty() {
        return Ok((None, weekday));
    }
    let n: i8 = ordinal
        .strip_prefix('+')
        .unwrap_or(ordinal)
        .parse()
        .map_err(|_| format!("BYDAY entry {value:?} has a bad ordinal"))?;
    if n == 0 || !(-5..=5).contains(&n) {
        return Err(format!("BYDAY ordinal {n} is outside -5..=5 (not 0)"));
    }
    Ok((Some(n), weekday))
}

fn parse_month_day(value: &str) -> Result<i8, String> {
    let n: i8 = value
        .strip_prefix('+')
        .unwrap_or(value)
        .parse()
        .map_err(|_| format!("BYMONTHDAY entry {value:?} is not a number"))?;
    if n == 0 || !(-31..=31).contains(&n) {
        return Err(format!("BYMONTHDAY {n} is outside -31..=31 (not 0)"));
    }
    Ok(n)
}

fn parse_list<T: PartialEq>(
    value: &str,
    item: fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let mut out: Vec<T> = Vec::new();
    for piece in value.split(',') {
        let parsed = item(piece.trim())?;
        if !out.contains(&parsed) {
            out.push(parsed);
        }
    }
    Ok(out)
}

fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::try_days(days)?)
}

fn week_start(date: NaiveDate, week_start: Weekday) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_monday() - week_start.num_days_from_monday()) % 7;
    date - Duration::days(i64::from(back))
}

fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn month_start(date: NaiveDate) -> Option<NaiveDate> {
    date.with_day(1)
}

fn days_in_month(first: NaiveDate) -> u32 {
    first
        .checked_add_months(Months::new(1))
        .map(|next| u32::try_from((next - first).num_days()).unwrap_or(28))
        .unwrap_or(31)
}

fn month_day_matches(day: NaiveDate, wanted: i8) -> bool {
    let d = i64::from(day.day());
    if wanted > 0 {
        d == i64::from(wanted)
    } else {
        let len = i64::from(days_in_month(day.with_day(1).unwrap_or(day)));
        d == len + 1 + i64::from(wanted)
    }
}

#[cfg(test)]
mod tests;
