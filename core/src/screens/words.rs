//! The participant's words: every text of a screen comes through here, in
//! their language, with times shown in their zone (or the place's, for an
//! appointment elsewhere).

use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Timelike, Utc};

use crate::i18n::{Arg, Localizer};
use crate::plan::zone::{self, Zone};

use super::model::{
    Action, ActionKind, ActionStyle, Block, Fact, Hint, Item, Route, Screen, TextStyle, Tone,
};

pub(crate) struct Words<'a> {
    pub l: &'a Localizer,
    /// The participant's zone.
    pub zone: &'a Zone,
    pub now: DateTime<Utc>,
}

impl Words<'_> {
    pub fn t(&self, id: &str) -> String {
        self.l.text(id, &[])
    }

    pub fn t_args(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.l.text(id, args)
    }

    pub fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        zone::local(self.zone, at)
    }

    /// `Monday, March 16`, in the participant's zone.
    pub fn date(&self, at: DateTime<Utc>) -> String {
        self.l.date(self.local(at))
    }

    /// `9:05 AM` / `9:05`, in the participant's zone.
    pub fn time(&self, at: DateTime<Utc>) -> String {
        self.l.time(self.local(at))
    }

    /// The hour (0-23) of `at` in the participant's zone, passed beside a
    /// time shown for languages whose words around it depend on it
    /// (Spanish "a la 1:30" but "a las 2:30", Portuguese "à 1:30" but
    /// "às 2:30").
    pub fn hour(&self, at: DateTime<Utc>) -> Arg<'static> {
        hour_of(self.local(at).time())
    }

    /// `Monday, March 16 at 9:05`.
    pub fn date_time(&self, at: DateTime<Utc>) -> String {
        self.t_args(
            "screen-date-time",
            &[
                ("date", Arg::Text(&self.date(at))),
                ("time", Arg::Text(&self.time(at))),
                ("hour", self.hour(at)),
            ],
        )
    }

    /// "in 3 hours", "in 25 minutes", "in 2 days" (rounded down; at least a
    /// minute).
    pub fn until(&self, at: DateTime<Utc>) -> String {
        let left = (at - self.now).max(Duration::minutes(1));
        let (unit, n) = if left >= Duration::days(2) {
            ("days", left.num_days())
        } else if left >= Duration::hours(2) {
            ("hours", left.num_hours())
        } else {
            ("minutes", left.num_minutes())
        };
        self.t_args(
            "screen-in",
            &[("unit", Arg::Text(unit)), ("count", Arg::Number(n))],
        )
    }

    /// A size in words: "84 KB", "1.2 MB".
    pub fn size(&self, bytes: u64) -> String {
        if bytes < 1024 * 1024 {
            self.t_args(
                "screen-size-kb",
                &[("kb", Arg::Number(bytes.div_ceil(1024) as i64))],
            )
        } else {
            let tenths = (bytes * 10).div_ceil(1024 * 1024);
            self.t_args(
                "screen-size-mb",
                &[
                    ("whole", Arg::Number((tenths / 10) as i64)),
                    ("tenth", Arg::Number((tenths % 10) as i64)),
                ],
            )
        }
    }

    pub fn heading(&self, id: &str) -> Block {
        Block::Text {
            text: self.t(id),
            style: TextStyle::Heading,
        }
    }

    pub fn body(&self, text: String) -> Block {
        Block::Text {
            text,
            style: TextStyle::Body,
        }
    }

    pub fn caption(&self, text: String) -> Block {
        Block::Text {
            text,
            style: TextStyle::Caption,
        }
    }

    pub fn notice(&self, tone: Tone, title: String, body: String) -> Block {
        Block::Notice {
            tone,
            title,
            body,
            accessibility_label: None,
            action: None,
        }
    }

    pub fn fact(&self, label_id: &str, value: String) -> Fact {
        Fact {
            label: self.t(label_id),
            value,
            accessibility_label: None,
        }
    }

    pub fn hint(&self, tone: Tone, text: String) -> Hint {
        Hint { tone, text }
    }

    /// An action labelled by message `label_id`.
    pub fn action(&self, id: &str, label_id: &str, style: ActionStyle, kind: ActionKind) -> Action {
        Action {
            id: id.to_string(),
            label: self.t(label_id),
            accessibility_label: None,
            style,
            enabled: true,
            kind,
        }
    }

    /// A screen in this language: no refresh and no effect unless set.
    pub fn screen(
        &self,
        route: Route,
        title: String,
        blocks: Vec<Block>,
        actions: Vec<Action>,
        back: Option<Route>,
        secure: bool,
    ) -> Screen {
        Screen {
            route,
            title,
            language: self.l.language().to_string(),
            blocks,
            actions,
            back,
            secure,
            refresh_in_ms: None,
            effect: None,
        }
    }

    pub fn item(&self, id: String, title: String, detail: String, tone: Tone) -> Item {
        Item {
            id,
            title,
            detail,
            tone,
            badge: None,
            accessibility_label: None,
            action: None,
        }
    }
}

/// The hour (0-23) of a local time of day, as a message argument (see
/// [`Words::hour`]).
pub(crate) fn hour_of(local: NaiveTime) -> Arg<'static> {
    Arg::Number(i64::from(local.hour()))
}

/// Milliseconds from `now` until `at` (at least one), for `refresh_in_ms`.
pub(crate) fn ms_until(now: DateTime<Utc>, at: DateTime<Utc>) -> u64 {
    u64::try_from((at - now).num_milliseconds()).unwrap_or(0).max(1)
}

/// The start of the next minute after `now`: when a countdown's text
/// changes.
pub(crate) fn next_minute(now: DateTime<Utc>) -> DateTime<Utc> {
    let into = now.timestamp_millis().rem_euclid(60_000);
    now + Duration::milliseconds(60_000 - into)
}
