//! The check that no language drifts from English in what it defines.
//!
//! English (`core/locales/en`) is the reference every translation is held
//! to. These tests fail, naming the language, file, message and variable,
//! and listing every problem of a run at once, when:
//! - a bundled file does not parse, or a language lacks an area file
//!   English has (or has one English lacks);
//! - a language misses a message id English defines, defines one English
//!   does not, or puts a message in another area file than English;
//! - a message does not use every variable its English original uses, or
//!   uses one English neither uses nor lists on an "Also given:" comment
//!   line right above the message (grammar-only arguments such as the
//!   hour shown, for Spanish "a la 1:30"). See `message_shape.rs`.
//!
//! `formatting_tests.rs` then formats every message of every language.

use super::message_shape::{bundled_files, drift, english_shapes, parse_report, shapes_of};
use super::{FALLBACK_LANGUAGE, Localizer};
use fluent_bundle::FluentResource;
use fluent_syntax::{ast, parser};
use std::collections::BTreeSet;

/// Every message id bundled for `lang`, duplicates kept, or the parse
/// problems.
fn bundled_message_ids(lang: &str) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    for (area, source) in bundled_files(lang) {
        let resource = FluentResource::try_new(source.to_owned())
            .map_err(|(_, errors)| format!("{lang}/{area}.ftl: {errors:?}"))?;
        for entry in resource.entries() {
            if let ast::Entry::Message(message) = entry {
                ids.push(message.id.name.to_owned());
            }
        }
    }
    ids.sort();
    Ok(ids)
}

#[test]
fn every_language_defines_exactly_the_english_messages() {
    let english = bundled_message_ids(FALLBACK_LANGUAGE).expect("English parses");
    assert!(english.len() > 20, "English has the messages: {english:?}");
    for lang in Localizer::available_languages() {
        let ids = bundled_message_ids(lang).unwrap_or_else(|e| panic!("{e}"));
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(unique, ids, "{lang} defines a message twice");
        assert_eq!(ids, english, "{lang} differs from English");
    }
}

#[test]
fn every_bundled_file_parses_and_every_language_has_the_english_files() {
    let areas = |lang: &str| -> BTreeSet<&str> {
        bundled_files(lang).iter().map(|(area, _)| *area).collect()
    };
    let english_areas = areas(FALLBACK_LANGUAGE);
    assert!(english_areas.len() >= 6, "{english_areas:?}");
    let mut problems = Vec::new();
    for lang in Localizer::available_languages() {
        for (area, source) in bundled_files(lang) {
            if let Err((_, errors)) = parser::parse(source.as_str()) {
                problems.push(parse_report(lang, area, &source, &errors));
            }
        }
        let theirs = areas(lang);
        for missing in english_areas.difference(&theirs) {
            problems.push(format!("{lang}/{missing}.ftl is missing"));
        }
        for extra in theirs.difference(&english_areas) {
            problems.push(format!("{lang}/{extra}.ftl has no English original"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_language_uses_exactly_the_english_variables() {
    let english = english_shapes();
    let mut problems = Vec::new();
    for (id, en) in &english {
        for given in en.also_given.intersection(&en.variables) {
            problems.push(format!(
                "en/{}.ftl: message {id} uses ${given}, so it need not list it after \"Also given:\"",
                en.area
            ));
        }
    }
    for lang in Localizer::available_languages() {
        match shapes_of(lang, &bundled_files(lang)) {
            Ok(theirs) => problems.extend(drift(lang, &english, &theirs)),
            Err(e) => problems.push(e),
        }
    }
    assert!(
        problems.is_empty(),
        "languages drift from English:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_drift_check_names_each_missing_or_extra_variable_and_message() {
    let english = shapes_of(
        "en",
        &[(
            "area",
            "# Also given: $hour\nwait = { $n ->\n [one] One { $what }\n *[other] { $n } { $what }\n}\ngone = Gone\n",
        )],
    )
    .expect("parses");
    let theirs = shapes_of(
        "xx",
        &[
            (
                "area",
                "wait = { $n ->\n [one] Uno { $hour }\n *[other] { $n } { $wat }\n}\n",
            ),
            ("other", "extra = Más\n"),
        ],
    )
    .expect("parses");
    let problems = drift("xx", &english, &theirs);
    assert_eq!(
        problems,
        [
            "xx/area.ftl: message gone is missing",
            "xx/area.ftl: message wait does not use $what",
            "xx/area.ftl: message wait uses $wat, which English neither uses nor lists after \"Also given:\"",
            "xx/other.ftl: message extra is not in English",
        ]
    );
    let nested = shapes_of(
        "xx",
        &[(
            "a",
            "m = { $a ->\n *[x] { NUMBER($b) }\n}\n    .title = { -term(k: \"v\") } { $c }\n",
        )],
    )
    .expect("parses");
    let vars: Vec<&str> = nested["m"].variables.iter().map(String::as_str).collect();
    assert_eq!(vars, ["a", "b", "c"]);
    let broken = shapes_of("xx", &[("a", "ok = fine\nbad = { $x ]\nlater = ok\n")]);
    assert!(
        broken
            .as_ref()
            .is_err_and(|e| e.starts_with("xx/a.ftl:2: ")),
        "{broken:?}"
    );
}
