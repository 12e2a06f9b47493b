//! User-facing text in the participant's language.
//!
//! Messages live in Fluent files under `core/locales/<language>/<area>.ftl`
//! (one file per area: `common`, `reminders`, `plan`, `collection`,
//! `ledger`, `media`, `screens`). The build script bundles every such file into the
//! library, so adding a language or an area is adding a file. Bundled today:
//! English (the reference), Spanish, Portuguese (Brazil), Haitian Creole and
//! French; `core/locales/STATUS.md` says who wrote and who checked each, and
//! holds the glossary that keeps new messages consistent.
//!
//! Guarantees:
//! - [`Localizer::new`] never fails: an unknown or malformed language tag
//!   falls back to English, and so does any single message missing from the
//!   chosen language.
//! - [`Localizer::text`] never panics; a message missing everywhere comes
//!   back as its id, so a gap is visible in review rather than a crash on a
//!   participant's phone.
//! - English is the reference, and no language drifts from it:
//!   `parity_tests.rs` checks that every bundled file parses and that every
//!   language defines exactly the English message ids, each in the same
//!   area file, using exactly the English variables (plus the grammar-only
//!   arguments English declares with "Also given:");
//!   `formatting_tests.rs` that every language formats every message with
//!   representative arguments without an error, a leftover `{` or a
//!   message id in the text.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled_locales.rs"));
}

/// The language every other falls back to.
pub const FALLBACK_LANGUAGE: &str = "en";

/// Far more than any one language's messages (about 45 KB): a bound on
/// inflating, not a limit anyone meets.
const MAX_LANGUAGE_BYTES: usize = 1024 * 1024;

/// The bundled `(area, text)` message files of `lang`, stored compressed
/// (build/locales.rs); empty for a language that is not bundled or, which
/// the locale tests would catch, a build that wrote something unreadable.
fn bundled_sources(lang: &str) -> Vec<(&'static str, String)> {
    let Some(language) = bundled::BUNDLED.iter().find(|l| l.tag == lang) else {
        return Vec::new();
    };
    let text = fdeflate::decompress_to_vec_bounded(language.compressed, MAX_LANGUAGE_BYTES)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok());
    let Some(text) = text else {
        tracing::warn!(lang, "message files cannot be inflated");
        return Vec::new();
    };
    language
        .files
        .iter()
        .filter_map(|&(area, start, end)| Some((area, text.get(start..end)?.to_owned())))
        .collect()
}

/// One argument to a message: text is inserted as is, numbers also drive
/// plural selection (`{ $minutes -> [one] … *[other] … }`).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

type Bundle = FluentBundle<FluentResource>;

/// Formats messages for one language with English as fallback.
///
/// Build one per language and reuse it: construction parses the message
/// files (a fraction of a millisecond), formatting is cheap.
pub struct Localizer {
    language: String,
    chosen: Option<Bundle>,
    fallback: Bundle,
    calendar: CalendarWords,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("language", &self.language)
            .finish()
    }
}

/// Weekday and month names and the clock style, read once from `common.ftl`
/// so formatting a date costs no message lookups.
#[derive(Debug, Clone)]
struct CalendarWords {
    weekdays: [String; 7],
    months: [String; 12],
    twelve_hour: bool,
    am: String,
    pm: String,
}

impl Localizer {
    /// A localizer for a BCP 47 tag such as `es`, `es-MX`, `pt-BR` or
    /// `en-US`.
    ///
    /// Tries the full tag, then a bundled folder of the same language
    /// (`pt-PT` reads `pt-BR`), then English.
    pub fn new(lang_tag: &str) -> Self {
        let fallback = build_bundle(FALLBACK_LANGUAGE);
        let (language, chosen) = match pick_language(lang_tag) {
            Some(lang) if lang != FALLBACK_LANGUAGE => {
                let bundle = build_bundle(lang);
                (lang.to_owned(), Some(bundle))
            }
            _ => (FALLBACK_LANGUAGE.to_owned(), None),
        };
        let mut localizer = Self {
            language,
            chosen,
            fallback,
            calendar: CalendarWords::empty(),
        };
        localizer.calendar = CalendarWords::read(&localizer);
        localizer
    }

    /// The bundled language actually used (e.g. `es` for `es-MX`).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Every language with at least one bundled message file, sorted.
    pub fn available_languages() -> Vec<&'static str> {
        bundled::BUNDLED.iter().map(|l| l.tag).collect()
    }

    /// Whether the chosen language or English defines `id`.
    pub fn has_message(&self, id: &str) -> bool {
        self.chosen.as_ref().is_some_and(|b| b.has_message(id)) || self.fallback.has_message(id)
    }

    /// The text of message `id` with `args`, in the chosen language, else
    /// English, else the id itself.
    pub fn text(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(*s)),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        for bundle in self.chosen.iter().chain(std::iter::once(&self.fallback)) {
            if let Some(text) = format(bundle, id, &fluent_args) {
                return text;
            }
        }
        tracing::warn!(message_id = id, "message missing in every bundled language");
        id.to_owned()
    }

    /// A date such as `Monday, March 16` / `lunes 16 de marzo` /
    /// `segunda-feira, 16 de março`, from the language's `date-long`.
    pub fn date(&self, local: NaiveDateTime) -> String {
        let weekday = self.calendar.weekday(local.weekday());
        let month = self.calendar.month(local.month());
        // A number, so a language can write the first of the month its
        // own way ("1er mars", "1º de março").
        let day = Arg::Number(i64::from(local.day()));
        self.text(
            "date-long",
            &[
                ("weekday", Arg::Text(weekday)),
                ("month", Arg::Text(month)),
                ("day", day),
            ],
        )
    }

    /// The name of a weekday (`Monday`, `lunes`).
    pub fn weekday_name(&self, day: Weekday) -> &str {
        self.calendar.weekday(day)
    }

    /// A clock time such as `9:05 AM` / `9:05`, in the language's style.
    pub fn time(&self, local: NaiveDateTime) -> String {
        let minute = format!("{:02}", local.minute());
        if self.calendar.twelve_hour {
            let (pm, hour12) = local.hour12();
            let meridiem = if pm {
                &self.calendar.pm
            } else {
                &self.calendar.am
            };
            format!("{hour12}:{minute} {meridiem}")
        } else {
            format!("{}:{minute}", local.hour())
        }
    }
}

impl CalendarWords {
    fn empty() -> Self {
        Self {
            weekdays: Default::default(),
            months: Default::default(),
            twelve_hour: false,
            am: String::new(),
            pm: String::new(),
        }
    }

    fn read(l: &Localizer) -> Self {
        const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        Self {
            weekdays: WEEKDAYS.map(|d| l.text(&format!("weekday-{d}"), &[])),
            months: std::array::from_fn(|i| l.text(&format!("month-{}", i + 1), &[])),
            twelve_hour: l.text("clock-hours", &[]).trim() == "12",
            am: l.text("clock-am", &[]),
            pm: l.text("clock-pm", &[]),
        }
    }

    fn weekday(&self, day: Weekday) -> &str {
        &self.weekdays[day.num_days_from_monday() as usize]
    }

    fn month(&self, month: u32) -> &str {
        let index = usize::try_from(month.saturating_sub(1))
            .unwrap_or(0)
            .min(11);
        &self.months[index]
    }
}

fn format(bundle: &Bundle, id: &str, args: &FluentArgs<'_>) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(args), &mut errors);
    if !errors.is_empty() {
        // Only the id is logged: arguments may hold a place or a name.
        tracing::warn!(
            message_id = id,
            errors = errors.len(),
            "message formatted with errors"
        );
    }
    Some(text.into_owned())
}

/// The bundled language folder for `tag`: the whole tag (`pt-BR`, any
/// case, `_` or `-`), else the first folder with the same language subtag
/// (`pt-PT` and `pt` read `pt-BR` until a `pt-PT` folder exists; `fr-CA`
/// reads `fr`), else none (the caller uses English).
fn pick_language(tag: &str) -> Option<&'static str> {
    // Android's `Locale.toString()` and some iOS APIs write `pt_BR`.
    let tag = tag.trim().replace('_', "-");
    let langs = Localizer::available_languages();
    let exact = langs.iter().find(|l| l.eq_ignore_ascii_case(&tag));
    if let Some(lang) = exact {
        return Some(lang);
    }
    let parsed: LanguageIdentifier = tag.parse().ok()?;
    let primary = parsed.language.as_str();
    langs
        .into_iter()
        .find(|l| language_subtag(l).eq_ignore_ascii_case(primary))
}

/// `pt` for the folder `pt-BR`, `fr` for `fr`.
fn language_subtag(folder: &str) -> &str {
    folder.split('-').next().unwrap_or(folder)
}

fn build_bundle(lang: &str) -> Bundle {
    let langid: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Our placeables are times, dates and short names shown as plain
    // notification text; bidi isolation marks would show up as stray
    // characters on some launchers. A right-to-left language that needs
    // them can turn them back on here.
    bundle.set_use_isolating(false);
    for (area, source) in bundled_sources(lang) {
        let resource = match FluentResource::try_new(source) {
            Ok(resource) => resource,
            Err((partial, errors)) => {
                // Keep what parsed; the locale test fails on any error.
                tracing::warn!(
                    lang,
                    area,
                    errors = errors.len(),
                    "message file has syntax errors"
                );
                partial
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::warn!(
                lang,
                area,
                errors = errors.len(),
                "message file redefines messages"
            );
        }
    }
    bundle
}

#[cfg(test)]
mod formatting_tests;
#[cfg(test)]
mod message_shape;
#[cfg(test)]
mod parity_tests;
#[cfg(test)]
mod tests;
