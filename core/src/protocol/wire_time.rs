//! Times on the wire: RFC 3339, UTC, millisecond precision, `Z` suffix.
//!
//! Every time the core puts in a header or compares with a receipt is first
//! truncated to whole milliseconds, so the JSON text and the receipt's
//! 64-bit millisecond fields always agree.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// Truncates to whole milliseconds.
pub fn to_millis(t: DateTime<Utc>) -> DateTime<Utc> {
    from_millis(t.timestamp_millis()).unwrap_or(t)
}

pub fn from_millis(ms: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms).single()
}

pub fn format(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(t))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(d)?;
    parse(&text).ok_or_else(|| serde::de::Error::custom("expected an RFC 3339 time"))
}

/// The same, for an optional time.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&format(t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(text) => parse(&text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("expected an RFC 3339 time")),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_milliseconds_and_z() {
        let t = from_millis(1_764_079_387_123).expect("time");
        assert_eq!(format(&t), "2025-11-25T14:03:07.123Z");
        assert_eq!(parse("2025-11-25T09:03:07.123-05:00"), Some(t));
    }
}
