//! The community services and case screens: golden files of their key
//! states in the five languages (`core/tests/goldens/screens/directory-*`,
//! `case-*`), from the small hand-written directory and case document in
//! `fixtures/directory/`, with no message id leaking into what a
//! participant reads; and the shell's loop through them against the
//! reference server (search, the one location fix, save, call, reveal).
//!
//! After a deliberate change: `UPDATE_GOLDENS=1 cargo test --test it
//! screens_directory`, then read the diff.

use std::path::PathBuf;

use checkin_core::case::CaseDocument;
use checkin_core::directory::{Catalog, DirectoryQuery, SearchState, search};
use checkin_core::i18n::Localizer;
use checkin_core::lookup::{Reader, read_case};
use checkin_core::screens::{DirectoryView, Extras, Outcome, compose};
use checkin_core::{ActionKind, CaptureResult, Effect, FieldValue, Route, ShellContext};

use super::screens_golden::{facts, plan};
use super::support::{self, far_deadline};

const LANGUAGES: [&str; 5] = ["en", "es", "pt-BR", "ht", "fr"];
const NOW: &str = "2026-11-24T16:30:00Z";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures/directory")
            .join(name),
    )
    .expect("fixture")
}

fn catalog() -> Catalog {
    Catalog::import(&fixture("golden.json")).expect("the golden directory imports")
}

/// The directory screens' view in `l`'s language for `state`.
fn view(c: &Catalog, l: &Localizer, state: &SearchState, service: Option<&str>) -> DirectoryView {
    let now = super::screens_golden::facts(NOW, &plan(true)).now;
    let saved = vec!["svc-legal".to_string()];
    let r = Reader {
        c,
        l,
        saved: &saved,
        now,
    };
    let found = search(
        c,
        &DirectoryQuery {
            limit: 30,
            ..state.query.clone()
        },
        now,
    )
    .expect("search");
    DirectoryView {
        overview: r.overview(),
        state: state.clone(),
        results: r.results(&found),
        saved: saved
            .iter()
            .filter_map(|id| c.service(id))
            .map(|(i, s)| r.summary(i, None, checkin_core::directory::open_at(c, s, now)))
            .collect(),
        service: service
            .and_then(|id| c.service(id))
            .map(|(i, _)| r.details(i, state.query.near)),
    }
}

fn message_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for file in ["directory.ftl", "case.ftl"] {
        let text = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("locales/en")
                .join(file),
        )
        .expect("ftl");
        ids.extend(
            text.lines()
                .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.trim().to_string()))
                .filter(|id| !id.starts_with('#') && !id.starts_with(' ')),
        );
    }
    ids
}

/// One golden state: a name and, per language, the screens it shows.
type Render = Box<dyn Fn(&Localizer) -> Vec<checkin_core::Screen>>;

fn states() -> Vec<(&'static str, Render)> {
    let near_miami = |c: &Catalog| {
        let miami = c
            .places
            .iter()
            .find(|p| p.name == "Miami, FL")
            .expect("miami")
            .point;
        SearchState {
            query: DirectoryQuery {
                text: "clinic".into(),
                near: Some(miami),
                ..DirectoryQuery::default()
            },
            near: Some("city:Miami, FL".into()),
        }
    };
    let f = || facts(NOW, &plan(true));
    vec![
        (
            "directory-none",
            Box::new(move |l: &Localizer| {
                let extras = Extras::default();
                [Route::Directory, Route::Case]
                    .iter()
                    .map(|r| compose(&f(), &extras, r, Outcome::default(), l))
                    .collect()
            }) as Render,
        ),
        (
            "directory-search-near-a-city",
            Box::new(move |l: &Localizer| {
                let c = catalog();
                let extras = Extras {
                    directory: Some(view(&c, l, &near_miami(&c), None)),
                    ..Extras::default()
                };
                [Route::Directory, Route::SavedServices]
                    .iter()
                    .map(|r| compose(&f(), &extras, r, Outcome::default(), l))
                    .collect()
            }),
        ),
        (
            "directory-search-filters",
            Box::new(move |l: &Localizer| {
                let c = catalog();
                let state = SearchState {
                    query: DirectoryQuery {
                        category_id: Some("t-food".into()),
                        language: Some("ht".into()),
                        open_now: true,
                        ..DirectoryQuery::default()
                    },
                    near: None,
                };
                let extras = Extras {
                    directory: Some(view(&c, l, &state, None)),
                    ..Extras::default()
                };
                vec![compose(
                    &f(),
                    &extras,
                    &Route::Directory,
                    Outcome::default(),
                    l,
                )]
            }),
        ),
        (
            "directory-service",
            Box::new(move |l: &Localizer| {
                let c = catalog();
                ["svc-legal", "svc-pantry", "svc-clinic"]
                    .iter()
                    .map(|id| {
                        let extras = Extras {
                            directory: Some(view(&c, l, &near_miami(&c), Some(id))),
                            ..Extras::default()
                        };
                        compose(
                            &f(),
                            &extras,
                            &Route::Service {
                                service_id: id.to_string(),
                            },
                            Outcome::default(),
                            l,
                        )
                    })
                    .collect()
            }),
        ),
        (
            "case",
            Box::new(move |l: &Localizer| {
                let doc = CaseDocument::from_json(&fixture("case.json")).expect("case");
                let p = plan(true);
                let extras = Extras {
                    case: Some(read_case(&doc, Some(&p), l, f().now)),
                    ..Extras::default()
                };
                let reveal = Outcome {
                    reveal_case_number: true,
                    ..Outcome::default()
                };
                vec![
                    compose(&f(), &extras, &Route::Case, Outcome::default(), l),
                    compose(&f(), &extras, &Route::Case, reveal, l),
                ]
            }),
        ),
        (
            "home-with-directory-and-case",
            Box::new(move |l: &Localizer| {
                let extras = Extras {
                    has_directory: true,
                    has_case: true,
                    ..Extras::default()
                };
                vec![compose(&f(), &extras, &Route::Home, Outcome::default(), l)]
            }),
        ),
    ]
}

#[test]
fn the_directory_and_case_screens_render_in_every_language_as_their_golden_files() {
    let ids = message_ids();
    assert!(ids.len() > 60, "{}", ids.len());
    let goldens = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/goldens/screens");
    let update = std::env::var_os("UPDATE_GOLDENS").is_some();
    let mut differ = Vec::new();
    for (name, render) in states() {
        let mut text = String::new();
        for lang in LANGUAGES {
            let l = Localizer::new(lang);
            for screen in render(&l) {
                let rendered = screen.to_text();
                for id in &ids {
                    let leaked = rendered
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .any(|w| w == id);
                    assert!(
                        !leaked,
                        "{name}/{lang}: message {id} is missing:\n{rendered}"
                    );
                }
                if matches!(
                    screen.route,
                    Route::Directory | Route::Service { .. } | Route::SavedServices | Route::Case
                ) {
                    assert!(screen.secure, "{name}: {:?} is not secure", screen.route);
                }
                text.push_str(&format!("=== {lang} · {name} ===\n{rendered}\n"));
            }
        }
        let path = goldens.join(format!("{name}.txt"));
        if update {
            std::fs::write(&path, &text).expect("write golden");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            differ.push(name);
        }
    }
    assert!(
        differ.is_empty(),
        "differ from their golden files (UPDATE_GOLDENS=1, then read the diff): {differ:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shell_searches_locates_once_saves_calls_and_reveals_through_the_screens() {
    let s = support::enrolled().await;
    let client = &s.client;
    let version = client.policy().expect("policy").version;
    client.record_consent(version, "es").expect("consent");
    let ctx = ShellContext::default();
    let home = client.screen(&Route::Home, &ctx).expect("home");
    assert!(
        !home.actions.iter().any(|a| a.id == "home.open-directory"),
        "no link before a directory"
    );
    std::fs::write(
        s.server.data_dir().join("directory.json"),
        fixture("golden.json"),
    )
    .expect("publish");
    std::fs::write(s.server.data_dir().join("case.json"), fixture("case.json")).expect("publish");
    client.sync(far_deadline(), None).await.expect("sync");
    let home = client.screen(&Route::Home, &ctx).expect("home");
    let ids: Vec<&str> = home.actions.iter().map(|a| a.id.as_str()).collect();
    assert!(
        ids.contains(&"home.open-directory") && ids.contains(&"home.open-case"),
        "{ids:?}"
    );

    // Type, search.
    let typed = vec![FieldValue {
        field_id: "query".into(),
        value: "clinica".into(),
    }];
    let screen = client
        .perform(
            &Route::Directory,
            ActionKind::SearchDirectory,
            typed.clone(),
            &ctx,
        )
        .await
        .expect("search");
    let text = screen.to_text();
    assert!(
        text.contains("Immigration Legal Clinic") && text.contains("Clínica Médica Pilsen"),
        "{text}"
    );
    // Distance from where I am: one fix, asked of the shell.
    let near = ActionKind::SetSearchFilter {
        field_id: "near".into(),
        value: "here".into(),
    };
    let screen = client
        .perform(&Route::Directory, near, typed, &ctx)
        .await
        .expect("near");
    assert_eq!(screen.effect, Some(Effect::LocateForSearch));
    let fix = CaptureResult::Location {
        checkin_id: String::new(),
        latitude: 41.86,
        longitude: -87.65,
        accuracy_m: 30.0,
        taken_at_ms: 0,
        provider: "gps".into(),
        mock: false,
    };
    let screen = client
        .deliver_capture(&Route::Directory, fix, &ctx)
        .await
        .expect("located");
    let text = screen.to_text();
    // Nearest first: the Chicago clinic, a few hundred metres away.
    let chicago = text.find("Clínica Médica Pilsen").expect("chicago");
    let miami = text.find("Immigration Legal Clinic").expect("miami");
    assert!(chicago < miami, "{text}");
    assert!(text.contains("mi ("), "{text}");

    // Open a service, save it, call it.
    let open = Route::Service {
        service_id: "svc-legal".into(),
    };
    let screen = client.screen(&open, &ctx).expect("service");
    assert!(screen.actions.iter().any(|a| a.id == "directory.save"));
    let screen = client
        .perform(
            &open,
            ActionKind::SaveService {
                service_id: "svc-legal".into(),
            },
            Vec::new(),
            &ctx,
        )
        .await
        .expect("save");
    assert!(screen.actions.iter().any(|a| a.id == "directory.unsave"));
    let saved = client
        .screen(&Route::SavedServices, &ctx)
        .expect("saved")
        .to_text();
    assert!(saved.contains("Immigration Legal Clinic"), "{saved}");
    let screen = client
        .perform(
            &open,
            ActionKind::Dial {
                phone: "+1 305 555 0122".into(),
            },
            Vec::new(),
            &ctx,
        )
        .await
        .expect("dial");
    assert_eq!(
        screen.effect,
        Some(Effect::Dial {
            phone: "+13055550122".into()
        })
    );
    // Only what a dialler reads reaches the shell.
    let odd = ActionKind::Dial {
        phone: "tel:305-555-0100;postd=99 ask for Ana".into(),
    };
    let screen = client
        .perform(&open, odd, Vec::new(), &ctx)
        .await
        .expect("dial");
    assert_eq!(
        screen.effect,
        Some(Effect::Dial {
            phone: "305555010099".into()
        })
    );

    // The case number: masked, shown once on request, masked again.
    let case = client.screen(&Route::Case, &ctx).expect("case").to_text();
    assert!(
        case.contains("•-•••-•••-993") && !case.contains("A-204-118-993"),
        "{case}"
    );
    let shown = client
        .perform(&Route::Case, ActionKind::RevealCaseNumber, Vec::new(), &ctx)
        .await
        .expect("reveal")
        .to_text();
    assert!(shown.contains("A-204-118-993"), "{shown}");
    let again = client.screen(&Route::Case, &ctx).expect("case").to_text();
    assert!(!again.contains("A-204-118-993"), "{again}");
}
