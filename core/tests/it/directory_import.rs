//! Importing the program's directory (docs/directory.md): the generated
//! 5,000 services across eight cities import whole; every deliberately
//! broken variant is refused with a typed error naming its object and
//! field.

use checkin_core::directory::{Catalog, Field, Problem, Status};

use super::directory_fixture as fixture;

#[test]
fn the_generated_directory_imports_whole() {
    let started = std::time::Instant::now();
    let c = Catalog::import(fixture::large()).expect("imports");
    let took = started.elapsed();
    eprintln!(
        "imported {} services, {} organizations, {} locations, {} words in {took:?}",
        c.services.len(),
        c.organizations.len(),
        c.locations.len(),
        c.indexed_words()
    );
    assert_eq!(c.services.len(), fixture::SERVICES);
    assert_eq!(c.revision, 1);
    assert_eq!(c.language, "en");
    assert_eq!(c.zone.name(), "America/New_York");
    assert!(c.organizations.len() >= 1000, "{}", c.organizations.len());
    // Every service is in a category, at a place, with a phone.
    for s in &c.services {
        assert!(!s.terms.is_empty(), "{} has no category", s.id);
        assert!(!s.sites.is_empty(), "{} has no place", s.id);
        assert!(!s.phones.is_empty(), "{} has no phone", s.id);
    }
    assert!(
        c.services
            .iter()
            .any(|s| s.status == Status::TemporarilyClosed)
    );
    // Nested organizations (HSDS's API form) resolve like referenced ones.
    let names: Vec<&str> = c
        .categories()
        .iter()
        .map(|(t, _)| &*c.terms[*t as usize].name)
        .collect();
    for wanted in [
        "Shelter",
        "Food",
        "Legal aid",
        "Health clinic",
        "Jobs",
        "Counselling",
    ] {
        assert!(names.contains(&wanted), "{wanted} in {names:?}");
    }
    let cities: Vec<&str> = c.places.iter().map(|p| p.name.as_str()).collect();
    for wanted in ["Miami, FL", "Chicago, IL", "Phoenix, AZ", "Los Angeles, CA"] {
        assert!(cities.contains(&wanted), "{wanted} in {cities:?}");
    }
    let zones: std::collections::BTreeSet<&str> =
        c.locations.iter().map(|l| l.zone.name()).collect();
    assert_eq!(zones.len(), 5, "{zones:?}");
    let languages: Vec<String> = c.languages().into_iter().map(|(l, _)| l).collect();
    for wanted in ["en", "es", "pt", "ht", "fr"] {
        assert!(
            languages.iter().any(|l| l == wanted),
            "{wanted} in {languages:?}"
        );
    }
    // Translations: a category named in Haitian Creole and Spanish.
    let food = c.terms.iter().find(|t| t.name == "Food").expect("food");
    assert_eq!(c.text(&food.id, Field::Name, &food.name, "ht"), "Manje");
    assert_eq!(c.text(&food.id, Field::Name, &food.name, "es-MX"), "Comida");
    assert_eq!(c.text(&food.id, Field::Name, &food.name, "en"), "Food");
    assert_eq!(c.text(&food.id, Field::Name, &food.name, "de"), "Food");
}

#[test]
fn every_broken_variant_is_refused_naming_its_object_and_field() {
    let variants = fixture::broken();
    assert!(variants.len() >= 18, "{} variants", variants.len());
    for (file, bytes, object, field) in variants {
        let err = Catalog::import(&bytes).expect_err(&file);
        assert_eq!(err.object, object, "{file}: {err}");
        assert_eq!(err.field, field, "{file}: {err}");
        let text = err.to_string();
        assert!(text.starts_with(&object), "{file}: {text}");
        if file == "not_json.json" {
            assert!(
                matches!(err.problem, Problem::NotJson(_)),
                "{file}: {err:?}"
            );
        }
    }
}

#[test]
fn what_is_not_a_directory_is_refused_with_a_typed_error() {
    for bytes in [
        &b""[..],
        b"[]",
        b"null",
        b"{\"format\": 1}",
        b"\xff\xfe",
        b"{\"services\": 3}",
    ] {
        let err = Catalog::import(bytes).expect_err("refused");
        assert_eq!(err.object, "directory", "{err}");
    }
    let huge = vec![b' '; checkin_core::directory::MAX_DOCUMENT_BYTES + 1];
    assert!(matches!(
        Catalog::import(&huge).expect_err("too large").problem,
        Problem::TooLarge(_)
    ));
}

#[test]
#[ignore = "a timing, for profiling by hand: cargo test --profile bench … -- --ignored --nocapture"]
fn import_timing_and_memory() {
    let rss_kib = || {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .map(str::to_string)
            })
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let bytes = fixture::large();
    let before = rss_kib();
    let mut kept = Vec::new();
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let c = Catalog::import(bytes).expect("imports");
        eprintln!(
            "import: {:?} ({} services)",
            started.elapsed(),
            c.services.len()
        );
        kept.push(c);
    }
    // Three catalogs held at once: a third of the growth is one catalog.
    eprintln!("memory: about {} KiB per catalog", (rss_kib() - before) / 3);
}
