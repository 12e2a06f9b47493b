//! Searching the generated 5,000 services (docs/directory.md, "Search"):
//! several words ANDed, prefixes, case and accents folded, query syntax
//! taken literally, the empty and the very long query, the filters, the
//! program's translations, and the order by distance.

use std::sync::OnceLock;

use checkin_core::directory::{Catalog, DirectoryQuery, Found, Point, SearchError, search, words};
use chrono::{DateTime, Utc};

use super::directory_fixture as fixture;

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::import(fixture::large()).expect("imports"))
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-09T16:30:00Z")
        .expect("time")
        .into()
}

fn find(q: DirectoryQuery) -> Found {
    search(catalog(), &DirectoryQuery { limit: 500, ..q }, now()).expect("search")
}

fn text(t: &str) -> Found {
    find(DirectoryQuery {
        text: t.into(),
        ..DirectoryQuery::default()
    })
}

/// Every folded word of a service, in every language the directory has.
fn service_words(index: u32) -> Vec<String> {
    let c = catalog();
    let s = &c.services[index as usize];
    let mut all = vec![
        s.name.clone(),
        c.organizations[s.organization as usize].name.clone(),
    ];
    all.extend(s.alternate_name.clone());
    all.extend(s.description.clone());
    for t in &s.terms {
        let term = &c.terms[*t as usize];
        all.push(term.name.clone());
        all.extend(
            c.translations
                .all(&term.id, checkin_core::directory::Field::Name)
                .map(str::to_string),
        );
    }
    for field in [
        checkin_core::directory::Field::Name,
        checkin_core::directory::Field::Description,
    ] {
        all.extend(c.translations.all(&s.id, field).map(str::to_string));
    }
    for site in &s.sites {
        if let Some(a) = &c.locations[site.location as usize].address {
            all.push(a.city.clone());
        }
    }
    all.iter().flat_map(|t| words(t)).collect()
}

fn every_hit_has_every_word(found: &Found, query: &str) {
    for hit in &found.hits {
        let have = service_words(hit.service);
        for w in words(query) {
            assert!(
                have.iter().any(|h| h.starts_with(&w)),
                "{} lacks {w:?}",
                catalog().services[hit.service as usize].name
            );
        }
    }
}

#[test]
fn several_words_must_all_match() {
    let legal = text("legal");
    let both = text("legal immigration");
    assert!(
        legal.total > both.total && both.total > 0,
        "{} {}",
        legal.total,
        both.total
    );
    every_hit_has_every_word(&both, "legal immigration");
    // Order does not matter.
    assert_eq!(text("immigration legal").total, both.total);
}

#[test]
fn a_word_matches_as_a_prefix() {
    let clin = text("clin");
    assert!(clin.total > 0);
    every_hit_has_every_word(&clin, "clin");
    assert!(clin.total >= text("clinic").total);
    let names: Vec<&str> = clin
        .hits
        .iter()
        .map(|h| catalog().services[h.service as usize].name.as_str())
        .collect();
    assert!(names.iter().any(|n| n.contains("Clínica")), "{names:?}");
}

#[test]
fn case_and_accents_do_not_matter() {
    let medico = text("medico");
    assert!(medico.total > 0);
    assert_eq!(text("Médico"), medico);
    assert_eq!(text("MÉDICO"), medico);
    assert_eq!(text("me\u{301}dico"), medico);
    let names: Vec<&str> = medico
        .hits
        .iter()
        .map(|h| catalog().services[h.service as usize].name.as_str())
        .collect();
    assert!(names.iter().any(|n| n.contains("Médico")), "{names:?}");
    assert_eq!(text("saude"), text("Saúde"));
    assert!(text("saude").total > 0);
    assert_eq!(text("kreyol").total, text("Kreyòl").total);
}

#[test]
fn query_syntax_is_searched_as_the_words_it_is() {
    // FTS5 would read these as operators; here they are characters.
    let literal = text("shelter or");
    for q in [
        "\"shelter OR *",
        "shelter OR",
        "\"shelter\" \"or\"*",
        "(shelter) OR",
    ] {
        assert_eq!(text(q), literal, "{q}");
    }
    for q in [
        "NEAR(shelter food)",
        "shelter -food",
        "food*",
        "\"\"\"",
        "^food",
        "col:food",
        "AND OR NOT",
        "'; DROP TABLE services; --",
    ] {
        assert!(
            search(
                catalog(),
                &DirectoryQuery {
                    text: q.into(),
                    ..DirectoryQuery::default()
                },
                now()
            )
            .is_ok(),
            "{q}"
        );
    }
    assert_eq!(text("food*"), text("food"));
    assert_eq!(text("\"\"\"").total, catalog().services.len());
}

#[test]
fn the_empty_query_lists_everything_by_name() {
    let all = text("");
    assert_eq!(all.total, fixture::SERVICES);
    assert_eq!(all.hits.len(), 500);
    let names: Vec<&str> = all
        .hits
        .iter()
        .map(|h| catalog().services[h.service as usize].name.as_str())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(text("   ").total, fixture::SERVICES);
}

#[test]
fn a_long_query_is_searched_and_a_too_long_one_is_a_typed_error() {
    let long = "shelter food legal clinic ".repeat(8);
    let long: String = long.chars().take(200).collect();
    assert_eq!(long.chars().count(), 200);
    let found = text(&long);
    every_hit_has_every_word(&found, "shelter food legal clinic");
    let too_long = "a".repeat(checkin_core::directory::MAX_QUERY_CHARS + 1);
    assert_eq!(
        search(
            catalog(),
            &DirectoryQuery {
                text: too_long,
                ..DirectoryQuery::default()
            },
            now()
        ),
        Err(SearchError::QueryTooLong {
            max: checkin_core::directory::MAX_QUERY_CHARS
        })
    );
}

#[test]
fn filters_narrow_by_category_language_and_hours() {
    let c = catalog();
    let food = c.terms.iter().position(|t| t.name == "Food").expect("food") as u32;
    let found = find(DirectoryQuery {
        category_id: Some(c.terms[food as usize].id.to_string()),
        ..DirectoryQuery::default()
    });
    assert!(
        found.total > 100 && found.total < fixture::SERVICES,
        "{}",
        found.total
    );
    assert!(
        found
            .hits
            .iter()
            .all(|h| c.services[h.service as usize].terms.contains(&food))
    );
    for code in ["ht", "hat", "HT", "ht-HT"] {
        let creole = find(DirectoryQuery {
            language: Some(code.into()),
            ..DirectoryQuery::default()
        });
        assert!(creole.total > 0 && creole.total < fixture::SERVICES);
        assert!(
            creole.hits.iter().all(|h| c.services[h.service as usize]
                .languages
                .iter()
                .any(|l| l == "ht")),
            "{code}"
        );
    }
    let open = find(DirectoryQuery {
        open_now: true,
        ..DirectoryQuery::default()
    });
    assert!(
        open.total > 0 && open.total < fixture::SERVICES,
        "{}",
        open.total
    );
    assert!(open.hits.iter().all(|h| h.open_now == Some(true)));
    assert_eq!(
        search(
            c,
            &DirectoryQuery {
                category_id: Some("no-such".into()),
                ..DirectoryQuery::default()
            },
            now()
        ),
        Err(SearchError::UnknownCategory)
    );
}

#[test]
fn the_programs_translations_are_searched_too() {
    // "Manje" is the Haitian Creole name of the Food category.
    let manje = text("manje");
    let food = text("food");
    assert!(manje.total >= food.total, "{} {}", manje.total, food.total);
    assert!(text("comida").total > 0);
}

#[test]
fn a_chosen_point_orders_by_distance() {
    let c = catalog();
    let chicago = c
        .places
        .iter()
        .find(|p| p.name == "Chicago, IL")
        .expect("chicago")
        .point;
    let all = find(DirectoryQuery {
        near: Some(chicago),
        ..DirectoryQuery::default()
    });
    let distances: Vec<f64> = all
        .hits
        .iter()
        .map(|h| h.distance_m.expect("distance"))
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "nearest first");
    assert!(distances[0] < 30_000.0, "{}", distances[0]);
    // With words, among equally good matches the nearer comes first, and
    // the nearest pantry is in Chicago, not Miami.
    let pantries = find(DirectoryQuery {
        text: "pantry".into(),
        near: Some(chicago),
        ..DirectoryQuery::default()
    });
    let first = &c.services[pantries.hits[0].service as usize];
    let city = &c.locations[first.sites[0].location as usize]
        .address
        .as_ref()
        .expect("address")
        .city;
    assert_eq!(city, "Chicago");
    for w in pantries.hits.windows(2) {
        if w[0].score == w[1].score {
            assert!(w[0].distance_m <= w[1].distance_m);
        }
    }
    assert_eq!(
        search(
            c,
            &DirectoryQuery {
                near: Some(Point {
                    latitude: 91.0,
                    longitude: 0.0
                }),
                ..DirectoryQuery::default()
            },
            now()
        ),
        Err(SearchError::InvalidPoint)
    );
}

#[test]
fn a_whole_word_ranks_above_a_longer_word_it_starts() {
    let doc = serde_json::json!({
        "format": 1, "revision": 1, "language": "en", "zone": "America/Chicago",
        "organizations": [{"id": "o", "name": "Neighbors"}],
        "services": [
            {"id": "a", "name": "Foodies Club", "status": "active", "organization_id": "o"},
            {"id": "b", "name": "Food Bank", "status": "active", "organization_id": "o"},
            {"id": "c", "name": "Pantry", "description": "Food for families", "status": "active", "organization_id": "o"}
        ]
    });
    let c = Catalog::import(doc.to_string().as_bytes()).expect("imports");
    let found = search(
        &c,
        &DirectoryQuery {
            text: "food".into(),
            ..DirectoryQuery::default()
        },
        now(),
    )
    .expect("search");
    let order: Vec<&str> = found
        .hits
        .iter()
        .map(|h| &*c.services[h.service as usize].id)
        .collect();
    // A name beats a description; a whole word beats a prefix of one.
    assert_eq!(order, ["b", "a", "c"]);
}
