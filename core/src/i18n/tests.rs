use super::*;
use chrono::NaiveDate;

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 16)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("valid date")
}

#[test]
fn the_five_languages_are_bundled() {
    assert_eq!(
        Localizer::available_languages(),
        ["en", "es", "fr", "ht", "pt-BR"]
    );
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
fn portuguese_french_and_creole_tags_pick_their_folders() {
    let cases = [
        ("pt", "pt-BR"),
        ("pt-BR", "pt-BR"),
        ("PT-br", "pt-BR"),
        ("pt_BR", "pt-BR"),
        ("pt-PT", "pt-BR"),
        (" pt-AO ", "pt-BR"),
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("fr-FR", "fr"),
        ("fr_HT", "fr"),
        ("ht", "ht"),
        ("ht-HT", "ht"),
        ("HT", "ht"),
        ("en-US", "en"),
        // A region is not a language: Breton is not Brazilian Portuguese.
        ("br", "en"),
        ("BR", "en"),
        ("und-BR", "en"),
        ("zz", "en"),
    ];
    for (tag, folder) in cases {
        assert_eq!(Localizer::new(tag).language(), folder, "tag {tag:?}");
    }
}

#[test]
fn a_message_missing_from_the_chosen_language_falls_back_to_english() {
    // Every bundled language has every message (parity_tests.rs), so the
    // gap is made here: a French bundle holding only one message.
    let mut only_monday = FluentBundle::new_concurrent(vec![langid("fr")]);
    only_monday.set_use_isolating(false);
    let resource = FluentResource::try_new("weekday-mon = lundi\n".to_owned()).expect("parses");
    only_monday.add_resource(resource).expect("one message");
    let l = Localizer {
        language: "fr".to_owned(),
        chosen: Some(only_monday),
        fallback: build_bundle(FALLBACK_LANGUAGE),
        calendar: CalendarWords::empty(),
    };
    assert_eq!(l.text("weekday-mon", &[]), "lundi");
    assert_eq!(l.text("window-opens-title", &[]), "Time to check in");
    assert!(l.has_message("window-opens-title"));
}

fn langid(tag: &str) -> LanguageIdentifier {
    tag.parse().expect("valid tag")
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
fn portuguese_french_and_creole_dates_read_naturally_on_a_24_hour_clock() {
    let first = NaiveDate::from_ymd_opt(2026, 3, 1)
        .and_then(|d| d.and_hms_opt(0, 30, 0))
        .expect("valid date");
    let cases = [
        ("en", "Monday, March 16", "Sunday, March 1", "12:30 AM"),
        ("es", "lunes 16 de marzo", "domingo 1 de marzo", "0:30"),
        (
            "pt-BR",
            "segunda-feira, 16 de março",
            "domingo, 1º de março",
            "0:30",
        ),
        ("fr", "lundi 16 mars", "dimanche 1er mars", "0:30"),
        ("ht", "lendi 16 mas", "dimanch 1ye mas", "0:30"),
    ];
    for (lang, monday, first_of_month, half_past_midnight) in cases {
        let l = Localizer::new(lang);
        assert_eq!(l.date(at(9, 5)), monday, "{lang}");
        assert_eq!(l.date(first), first_of_month, "{lang}");
        assert_eq!(l.time(first), half_past_midnight, "{lang}");
        if lang != "en" {
            assert_eq!(l.time(at(9, 5)), "9:05", "{lang}");
            assert_eq!(l.time(at(13, 0)), "13:00", "{lang}");
        }
    }
    let december = NaiveDate::from_ymd_opt(2026, 12, 19)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .expect("valid date");
    assert_eq!(
        Localizer::new("pt-BR").date(december),
        "sábado, 19 de dezembro"
    );
    assert_eq!(Localizer::new("fr").date(december), "samedi 19 décembre");
    assert_eq!(Localizer::new("ht").date(december), "samdi 19 desanm");
}

/// The plural category the bundled Fluent (fluent-bundle 0.16 on
/// intl_pluralrules 7.0, CLDR 37) gives `n` in `lang`.
fn plural_category(lang: &str, n: i64) -> String {
    let mut bundle = FluentBundle::new_concurrent(vec![langid(lang)]);
    let source = "probe = { $n ->\n [zero] zero\n [one] one\n [two] two\n [few] few\n [many] many\n *[other] other\n}\n";
    let resource = FluentResource::try_new(source.to_owned()).expect("parses");
    bundle.add_resource(resource).expect("one message");
    let mut args = FluentArgs::new();
    args.set("n", FluentValue::from(n));
    let pattern = bundle
        .get_message("probe")
        .and_then(|m| m.value())
        .expect("probe has a value");
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    text.into_owned()
}

#[test]
fn plural_categories_are_what_the_selectors_assume() {
    // French and Portuguese (Brazil): `one` is 0 and 1 ("0 minute", "Falta
    // 0 minuto"). Haitian Creole has no CLDR rules, so Fluent uses
    // English's; ht files therefore select on the number [1], never on
    // `one`. If an upgrade changes any of this, re-read the selectors.
    let cases = [
        ("en", [("0", "other"), ("1", "one"), ("2", "other")]),
        ("es", [("0", "other"), ("1", "one"), ("2", "other")]),
        ("fr", [("0", "one"), ("1", "one"), ("2", "other")]),
        ("pt-BR", [("0", "one"), ("1", "one"), ("2", "other")]),
        ("ht", [("0", "other"), ("1", "one"), ("2", "other")]),
    ];
    for (lang, expected) in cases {
        for (n, category) in expected {
            let n: i64 = n.parse().expect("a number");
            assert_eq!(plural_category(lang, n), category, "{lang} {n}");
        }
        assert_eq!(plural_category(lang, 1_000_000), "other", "{lang} 1000000");
    }
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
fn minutes_left_read_right_in_every_language() {
    let closing = |lang: &str, minutes: i64, hour: i64, time: &str| {
        Localizer::new(lang).text(
            "window-closing-body",
            &[
                ("minutes", Arg::Number(minutes)),
                ("close_time", Arg::Text(time)),
                ("close_hour", Arg::Number(hour)),
            ],
        )
    };
    let cases = [
        (
            "fr",
            0,
            "Il reste 0 minute\u{a0}: présentez-vous avant 17:00.",
        ),
        (
            "fr",
            1,
            "Il reste une minute\u{a0}: présentez-vous avant 17:00.",
        ),
        (
            "fr",
            2,
            "Il reste 2 minutes\u{a0}: présentez-vous avant 17:00.",
        ),
        ("pt-BR", 0, "Falta 0 minuto: apresente-se antes das 17:00."),
        ("pt-BR", 1, "Falta 1 minuto: apresente-se antes das 17:00."),
        (
            "pt-BR",
            15,
            "Faltam 15 minutos: apresente-se antes das 17:00.",
        ),
        ("ht", 1, "Rete yon sèl minit: prezante anvan 17:00."),
        ("ht", 15, "Rete 15 minit: prezante anvan 17:00."),
    ];
    for (lang, minutes, expected) in cases {
        assert_eq!(
            closing(lang, minutes, 17, "17:00"),
            expected,
            "{lang} {minutes}"
        );
    }
    assert_eq!(
        closing("pt-BR", 5, 1, "1:00"),
        "Faltam 5 minutos: apresente-se antes da 1:00."
    );
}

#[test]
fn portuguese_says_a_uma_but_as_duas_and_every_appointment_reads_whole() {
    let body = |lang: &str, day: &str, hour: i64, time: &str| {
        Localizer::new(lang).text(
            "appointment-body",
            &[
                ("day", Arg::Text(day)),
                ("date", Arg::Text(&Localizer::new(lang).date(at(9, 0)))),
                ("time", Arg::Text(time)),
                ("hour", Arg::Number(hour)),
                ("zone", Arg::Text("EDT")),
                ("place", Arg::Text("none")),
            ],
        )
    };
    assert_eq!(body("pt-BR", "today", 1, "1:30"), "Hoje à 1:30 (EDT)");
    assert_eq!(body("pt-BR", "today", 0, "0:30"), "Hoje à 0:30 (EDT)");
    assert_eq!(
        body("pt-BR", "tomorrow", 13, "13:30"),
        "Amanhã às 13:30 (EDT)"
    );
    assert_eq!(
        body("pt-BR", "other", 9, "9:00"),
        "Quando: segunda-feira, 16 de março, às 9:00 (EDT)"
    );
    assert_eq!(
        body("fr", "other", 9, "9:00"),
        "Le lundi 16 mars à 9:00 (EDT)"
    );
    assert_eq!(
        body("fr", "today", 13, "13:30"),
        "Aujourd’hui à 13:30 (EDT)"
    );
    assert_eq!(body("ht", "today", 13, "13:30"), "Jodi a, a 13:30 (EDT)");
    assert_eq!(
        body("ht", "other", 9, "9:00"),
        "Dat: lendi 16 mas, a 9:00 (EDT)"
    );
}

#[test]
fn localizers_can_be_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Localizer>();
}
