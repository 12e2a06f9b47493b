use super::*;
use chrono::NaiveDate;

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 16)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("valid date")
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
fn spanish_and_english_are_bundled() {
    let langs = Localizer::available_languages();
    assert!(langs.contains(&"en") && langs.contains(&"es"), "{langs:?}");
}

#[test]
fn a_regional_tag_uses_its_language_and_unknown_tags_fall_back_to_english() {
    assert_eq!(Localizer::new("es-MX").language(), "es");
    assert_eq!(Localizer::new("ES").language(), "es");
    assert_eq!(Localizer::new("tlh").language(), "en");
    assert_eq!(Localizer::new("").language(), "en");
    assert_eq!(Localizer::new("!!not a tag").language(), "en");
}

#[test]
fn a_missing_message_comes_back_as_its_id() {
    let l = Localizer::new("es");
    assert_eq!(l.text("no-such-message", &[]), "no-such-message");
    assert!(!l.has_message("no-such-message"));
}

#[test]
fn dates_and_times_follow_the_language() {
    let en = Localizer::new("en");
    let es = Localizer::new("es");
    assert_eq!(en.date(at(9, 5)), "Monday, March 16");
    assert_eq!(es.date(at(9, 5)), "lunes 16 de marzo");
    assert_eq!(en.time(at(9, 5)), "9:05 AM");
    assert_eq!(en.time(at(0, 30)), "12:30 AM");
    assert_eq!(en.time(at(13, 0)), "1:00 PM");
    assert_eq!(es.time(at(13, 0)), "13:00");
}

#[test]
fn plurals_select_on_numbers() {
    let en = Localizer::new("en");
    let one = en.text(
        "window-closing-body",
        &[
            ("minutes", Arg::Number(1)),
            ("close_time", Arg::Text("5:00 PM")),
        ],
    );
    let many = en.text(
        "window-closing-body",
        &[
            ("minutes", Arg::Number(15)),
            ("close_time", Arg::Text("5:00 PM")),
        ],
    );
    assert_eq!(one, "One minute left: check in before 5:00 PM.");
    assert_eq!(many, "15 minutes left: check in before 5:00 PM.");
}

#[test]
fn spanish_says_a_la_una_but_a_las_dos() {
    let es = Localizer::new("es");
    let body = |hour: i64, time: &str| {
        es.text(
            "appointment-body",
            &[
                ("day", Arg::Text("today")),
                ("date", Arg::Text("")),
                ("time", Arg::Text(time)),
                ("hour", Arg::Number(hour)),
                ("zone", Arg::Text("none")),
                ("place", Arg::Text("none")),
            ],
        )
    };
    assert_eq!(body(1, "1:30"), "Hoy a la 1:30");
    assert_eq!(body(13, "13:30"), "Hoy a las 13:30");
}

#[test]
fn localizers_can_be_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Localizer>();
    shared::<crate::plan::Plan>();
}
