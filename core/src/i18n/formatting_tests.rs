//! The check that every language formats every message cleanly.
//!
//! Each message of each language is formatted with every combination of
//! representative arguments, and the test fails, naming the language,
//! message and arguments, if the text reports a resolver error, is empty,
//! or leaves a `{`, `}` or a message id in it. What an argument is comes
//! from how the message's selectors use it in any language: selected on
//! plural categories or numbers, it is tried as 0, 1, 2, 13 and 21;
//! selected on words, as each word and a sample text; only shown, as a
//! sample text and a number. So every branch of every language is
//! reached. A message that selects one argument on numbers in one place
//! and on words in another fails too: no argument the code passes can be
//! right for both.

use super::message_shape::{Shapes, bundled_files, english_shapes, shapes_of};
use super::{Bundle, Localizer, build_bundle};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::{BTreeMap, BTreeSet};
use unic_langid::LanguageIdentifier;

/// Variant keys that only a number argument can match (CLDR plural
/// categories; `other` is also every text selector's default, so it says
/// nothing). A numeric literal key (`[1]`) says the same.
const PLURAL_KEYS: [&str; 5] = ["zero", "one", "two", "few", "many"];

/// The numbers a number argument is tried with: CLDR `one` in French and
/// Portuguese (Brazil) covers 0 and 1, English `one` only 1; 13 is an
/// afternoon hour, 21 is `one` in languages we may add (Russian, Polish).
const SAMPLE_NUMBERS: [i64; 5] = [0, 1, 2, 13, 21];

/// The text a text argument is tried with, besides its selector keys.
const SAMPLE_TEXT: &str = "Sample";

/// Above this many argument combinations for one message the formatting
/// test would get slow; a message needing more should be split.
const MAX_COMBINATIONS: usize = 5_000;

/// What a message's selectors say an argument is.
#[derive(Debug, PartialEq)]
enum ArgumentKind {
    /// Selected on plural categories or numbers (`$minutes`, `$hour`).
    Number,
    /// Selected on words (`$kind`, `$day`, `$zone`).
    Text,
    /// Selected on both: a language treats it unlike another.
    Mixed,
    /// Never selected on (only shown), or only on `other`.
    Shown,
}

fn argument_kind(keys: Option<&BTreeSet<String>>) -> ArgumentKind {
    let keys = keys.into_iter().flatten().filter(|k| *k != "other");
    let (mut number, mut text) = (false, false);
    for key in keys {
        if PLURAL_KEYS.contains(&key.as_str()) || key.parse::<f64>().is_ok() {
            number = true;
        } else {
            text = true;
        }
    }
    match (number, text) {
        (true, true) => ArgumentKind::Mixed,
        (true, false) => ArgumentKind::Number,
        (false, true) => ArgumentKind::Text,
        (false, false) => ArgumentKind::Shown,
    }
}

/// Every value to try for each argument of one message, given the keys
/// any language selects it on: numbers for a number selector; the sample
/// text and every key for a text selector; for an argument only shown,
/// the sample text and a number (the code may pass either).
fn sample_values(
    variables: &BTreeSet<String>,
    keys: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<(String, Vec<FluentValue<'static>>)> {
    let numbers = || SAMPLE_NUMBERS.iter().map(|n| FluentValue::from(*n));
    let sample = || FluentValue::from(SAMPLE_TEXT);
    variables
        .iter()
        .map(|name| {
            let selected = keys.get(name);
            let values: Vec<FluentValue<'static>> = match argument_kind(selected) {
                ArgumentKind::Number => numbers().collect(),
                ArgumentKind::Text => std::iter::once(sample())
                    .chain(
                        selected
                            .into_iter()
                            .flatten()
                            .cloned()
                            .map(FluentValue::from),
                    )
                    .collect(),
                ArgumentKind::Mixed => numbers()
                    .chain(
                        selected
                            .into_iter()
                            .flatten()
                            .cloned()
                            .map(FluentValue::from),
                    )
                    .collect(),
                ArgumentKind::Shown => vec![sample(), FluentValue::from(SAMPLE_NUMBERS[2])],
            };
            (name.clone(), values)
        })
        .collect()
}

/// One value per argument.
type Combination = Vec<(String, FluentValue<'static>)>;

/// Every way of picking one value per argument.
fn combinations(samples: &[(String, Vec<FluentValue<'static>>)]) -> Vec<Combination> {
    let mut all: Vec<Combination> = vec![Vec::new()];
    for (name, values) in samples {
        all = all
            .iter()
            .flat_map(|picked| {
                values.iter().map(move |value| {
                    let mut more = picked.clone();
                    more.push((name.clone(), value.clone()));
                    more
                })
            })
            .collect();
    }
    all
}

/// What is wrong with `bundle`'s text for `id` under every combination
/// of `samples`: per kind of problem, the first combination that shows it.
fn formatting_problems(
    lang: &str,
    bundle: &Bundle,
    id: &str,
    samples: &[(String, Vec<FluentValue<'static>>)],
    all_ids: &[&str],
) -> Vec<String> {
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return vec![format!("{lang}: message {id} has no value")];
    };
    let mut found: BTreeMap<&str, String> = BTreeMap::new();
    for picked in combinations(samples) {
        let mut args = FluentArgs::with_capacity(picked.len());
        for (name, value) in &picked {
            args.set(name.as_str(), value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        let mut note = |kind: &'static str, what: String| {
            found.entry(kind).or_insert_with(|| {
                let shown: Vec<String> = picked
                    .iter()
                    .map(|(n, v)| format!("${n}={}", shown_value(v)))
                    .collect();
                format!("{lang}: {id} with [{}] {what}", shown.join(" "))
            });
        };
        if !errors.is_empty() {
            note("error", format!("has errors {errors:?}"));
        }
        if text.contains(['{', '}']) {
            note("brace", format!("leaves a brace: {text}"));
        }
        if text.trim().is_empty() {
            note("empty", "is empty".to_owned());
        }
        if let Some(leaked) = all_ids.iter().find(|other| text.contains(*other)) {
            note("id", format!("shows the message id {leaked}: {text}"));
        }
    }
    found.into_values().collect()
}

fn shown_value(value: &FluentValue<'_>) -> String {
    match value {
        FluentValue::String(s) => format!("{s:?}"),
        FluentValue::Number(n) => n.value.to_string(),
        other => format!("{other:?}"),
    }
}

#[test]
fn every_language_formats_every_message_with_representative_arguments() {
    let english = english_shapes();
    let all_ids: Vec<&str> = english.keys().map(String::as_str).collect();
    let every_language: Vec<(&str, Shapes)> = Localizer::available_languages()
        .into_iter()
        .map(|lang| {
            let shapes = shapes_of(lang, &bundled_files(lang)).unwrap_or_else(|e| panic!("{e}"));
            (lang, shapes)
        })
        .collect();
    let mut problems = Vec::new();
    let mut formatted = 0_usize;
    for (id, en) in &english {
        // The arguments the code passes, and every key any language
        // selects on, so each language's every branch is reached.
        let variables: BTreeSet<String> = en.variables.union(&en.also_given).cloned().collect();
        let mut keys: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (_, shapes) in &every_language {
            for (name, ks) in shapes.get(id).iter().flat_map(|s| &s.selector_keys) {
                keys.entry(name.clone())
                    .or_default()
                    .extend(ks.iter().cloned());
            }
        }
        let samples = sample_values(&variables, &keys);
        let count: usize = samples.iter().map(|(_, v)| v.len()).product();
        assert!(count <= MAX_COMBINATIONS, "{id}: {count} combinations");
        for (lang, _) in &every_language {
            let bundle = build_bundle(lang);
            problems.extend(formatting_problems(lang, &bundle, id, &samples, &all_ids));
            formatted += count;
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(formatted > 1_000, "only {formatted} texts formatted");
}

#[test]
fn the_formatting_check_reports_errors_braces_and_ids() {
    let source = "plain = Fine\nunknown = Hello { $who }\nterm = { -missing }\nleak = see plain\n";
    let mut bundle = FluentBundle::new_concurrent(vec![LanguageIdentifier::default()]);
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_owned()).expect("parses");
    bundle.add_resource(resource).expect("no duplicates");
    let ids = ["plain", "unknown", "term", "leak"];
    let check = |id: &str| formatting_problems("xx", &bundle, id, &[], &ids);
    assert!(check("plain").is_empty());
    assert!(
        check("unknown")
            .iter()
            .any(|p| p.contains("leaves a brace")),
        "{:?}",
        check("unknown")
    );
    assert!(
        check("term").iter().any(|p| p.contains("has errors")),
        "{:?}",
        check("term")
    );
    assert!(
        check("leak")
            .iter()
            .any(|p| p.contains("shows the message id plain")),
        "{:?}",
        check("leak")
    );
    assert!(check("absent").iter().any(|p| p.contains("has no value")));
}

#[test]
fn no_argument_is_a_number_in_one_language_and_a_word_in_another() {
    // `[one]` or `[1]` only match a number, `[today]` only text: a message
    // selecting one argument both ways cannot be right in every language.
    let english = english_shapes();
    let mut problems = Vec::new();
    for id in english.keys() {
        let mut keys: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut by_language: Vec<String> = Vec::new();
        for lang in Localizer::available_languages() {
            let shapes = shapes_of(lang, &bundled_files(lang)).unwrap_or_else(|e| panic!("{e}"));
            for (name, ks) in shapes.get(id).iter().flat_map(|s| &s.selector_keys) {
                keys.entry(name.clone())
                    .or_default()
                    .extend(ks.iter().cloned());
                by_language.push(format!("{lang}: ${name} {ks:?}"));
            }
        }
        for (name, ks) in &keys {
            if argument_kind(Some(ks)) == ArgumentKind::Mixed {
                problems.push(format!(
                    "{id}: ${name} is selected on numbers and words: {}",
                    by_language.join("; ")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let keys = |ks: &[&str]| ks.iter().map(|k| (*k).to_owned()).collect::<BTreeSet<_>>();
    assert_eq!(
        argument_kind(Some(&keys(&["one", "other"]))),
        ArgumentKind::Number
    );
    assert_eq!(
        argument_kind(Some(&keys(&["1", "other"]))),
        ArgumentKind::Number
    );
    assert_eq!(
        argument_kind(Some(&keys(&["today", "other"]))),
        ArgumentKind::Text
    );
    assert_eq!(
        argument_kind(Some(&keys(&["1", "none"]))),
        ArgumentKind::Mixed
    );
    assert_eq!(argument_kind(Some(&keys(&["other"]))), ArgumentKind::Shown);
    assert_eq!(argument_kind(None), ArgumentKind::Shown);
}
