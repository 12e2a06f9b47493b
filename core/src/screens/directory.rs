//! Community services: the search (words, category, language spoken, open
//! now, a point to measure from), one service in full, and the services
//! the participant saved. The search and the point live in the core's
//! memory only (`directory::SearchState`); every screen here is `secure`,
//! and says that searches and saved services never leave the phone.

use crate::client::CheckinClient;
use crate::directory::{DirectoryQuery, Point, SearchError, SearchState};
use crate::error::{Error, Result};
use crate::i18n::Arg;
use crate::lookup::{DirectoryOverview, DirectoryResults, ServiceDetails, ServiceSummary};

use super::first_run::Form;
use super::model::{
    Action, ActionKind, ActionStyle, Block, ChoiceOption, Effect, Field, FieldKind, Item, Route,
    Screen, Tone,
};
use super::words::Words;
use super::Outcome;

/// The search field and the filters' choice ids.
pub(crate) const QUERY: &str = "query";
const CATEGORY: &str = "category";
const SPOKEN: &str = "language";
const WHEN: &str = "when";
const NEAR: &str = "near";
/// Results shown on the screen (the search finds them all).
const SHOWN: u32 = 30;

/// What the directory screens show, gathered once per request.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectoryView {
    pub overview: DirectoryOverview,
    pub state: SearchState,
    pub results: DirectoryResults,
    pub saved: Vec<ServiceSummary>,
    /// The service of a `Service` route.
    pub service: Option<ServiceDetails>,
}

/// Reads what `route` shows; `None` before the program sent a directory.
pub(crate) fn gather(client: &CheckinClient, route: &Route) -> Result<Option<DirectoryView>> {
    let Some(overview) = client.directory_overview()? else {
        return Ok(None);
    };
    let memory = &client.session.directory;
    let mut state = memory.search_state();
    let mut results = DirectoryResults { total: 0, services: Vec::new() };
    if *route == Route::Directory {
        let query = DirectoryQuery { limit: SHOWN, ..state.query.clone() };
        results = match client.search_directory(&query) {
            Ok(r) => r,
            // A category the new revision dropped: search without it.
            Err(Error::Search(SearchError::UnknownCategory)) => {
                state.query.category_id = None;
                memory.set_search_state(state.clone());
                client.search_directory(&DirectoryQuery { category_id: None, ..query })?
            }
            Err(e) => return Err(e),
        };
    }
    let service = match route {
        Route::Service { service_id } => client.directory_service(service_id, state.query.near)?,
        _ => None,
    };
    let saved = match route {
        Route::SavedServices | Route::Service { .. } => client.saved_services()?,
        _ => Vec::new(),
    };
    Ok(Some(DirectoryView { overview, state, results, saved, service }))
}

/// "1.4 mi (2.3 km)", with the language's decimal mark.
pub(crate) fn distance(w: &Words, metres: f64) -> String {
    let one = |x: f64| {
        let text = format!("{:.1}", x);
        if w.l.language() == "en" { text } else { text.replace('.', ",") }
    };
    w.t_args(
        "directory-distance",
        &[("miles", Arg::Text(&one(metres / 1609.344))), ("km", Arg::Text(&one(metres / 1000.0)))],
    )
}

fn badge(w: &Words, s: &ServiceSummary) -> Option<String> {
    match (s.temporarily_closed, s.open_now) {
        (true, _) => Some(w.t("directory-temporarily-closed")),
        (false, Some(true)) => Some(w.t("directory-open-now")),
        (false, Some(false)) => Some(w.t("directory-closed-now")),
        (false, None) => None,
    }
}

/// A service as a row of a list, opening it when tapped.
fn row(w: &Words, s: &ServiceSummary) -> Item {
    let detail = [Some(s.organization.clone()), s.categories.first().cloned(), s.city.clone(), s.distance_m.map(|d| distance(w, d))]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let mut item = w.item(s.service_id.clone(), s.name.clone(), detail, Tone::Neutral);
    item.badge = badge(w, s);
    if s.saved {
        item.accessibility_label = Some(w.t_args("directory-saved-a11y", &[("name", Arg::Text(&s.name))]));
    }
    item.action = Some(w.action(
        "directory.open-service",
        "directory-open-service",
        ActionStyle::Link,
        ActionKind::Navigate { route: Route::Service { service_id: s.service_id.clone() } },
    ));
    item
}

/// A choice among `options` (value, label), `selected` picked.
fn choice(w: &Words, field: &str, label_id: &str, options: Vec<(String, String)>, selected: &str) -> Block {
    Block::Choice {
        field_id: field.to_string(),
        label: w.t(label_id),
        options: options
            .into_iter()
            .map(|(value, label)| ChoiceOption {
                selected: value == selected,
                action: Action {
                    id: format!("directory.{field}"),
                    label: label.clone(),
                    accessibility_label: None,
                    style: ActionStyle::Secondary,
                    enabled: true,
                    kind: ActionKind::SetSearchFilter { field_id: field.to_string(), value: value.clone() },
                },
                value,
                label,
            })
            .collect(),
    }
}

fn screen(w: &Words, route: Route, title: String, blocks: Vec<Block>, actions: Vec<Action>, back: Route) -> Screen {
    Screen {
        route,
        title,
        language: w.l.language().to_string(),
        blocks,
        actions,
        back: Some(back),
        secure: true,
        refresh_in_ms: None,
        effect: None,
    }
}

/// Before the program sent a directory.
fn none(w: &Words, route: Route) -> Screen {
    let blocks = vec![w.body(w.t("directory-none"))];
    screen(w, route, w.t("directory-title"), blocks, Vec::new(), Route::Home)
}

pub(crate) fn search(w: &Words, view: Option<&DirectoryView>, form: &Form, notice: Option<Block>) -> Screen {
    let Some(view) = view else {
        return none(w, Route::Directory);
    };
    let q = &view.state.query;
    let mut blocks: Vec<Block> = notice.into_iter().collect();
    blocks.push(Block::Input {
        field: Field {
            id: QUERY.into(),
            label: w.t("directory-search-label"),
            kind: FieldKind::Text,
            value: form.value(QUERY).map_or_else(|| q.text.clone(), str::to_string),
            read_only: false,
            hint: Some(w.t("directory-search-hint")),
            error: form.errors.iter().find(|(id, _)| id == QUERY).map(|(_, e)| e.clone()),
            accessibility_label: None,
        },
    });
    let any = || (String::new(), w.t("directory-any"));
    let with_count = |label: &str, n: u32| w.t_args("directory-choice-count", &[("label", Arg::Text(label)), ("count", Arg::Number(i64::from(n)))]);
    let o = &view.overview;
    let categories = std::iter::once(any()).chain(o.categories.iter().map(|c| (c.id.clone(), with_count(&c.label, c.services))));
    blocks.push(choice(w, CATEGORY, "directory-category", categories.collect(), q.category_id.as_deref().unwrap_or("")));
    let spoken = std::iter::once(any()).chain(o.languages.iter().map(|c| (c.id.clone(), with_count(&c.label, c.services))));
    blocks.push(choice(w, SPOKEN, "directory-language", spoken.collect(), q.language.as_deref().unwrap_or("")));
    let when = vec![any(), ("open".to_string(), w.t("directory-open-now"))];
    blocks.push(choice(w, WHEN, "directory-when", when, if q.open_now { "open" } else { "" }));
    let near = std::iter::once((String::new(), w.t("directory-anywhere")))
        .chain(std::iter::once(("here".to_string(), w.t("directory-near-me"))))
        .chain(o.places.iter().map(|p| (format!("city:{}", p.name), p.name.clone())));
    blocks.push(choice(w, NEAR, "directory-near", near.collect(), view.state.near.as_deref().unwrap_or("")));
    let found = &view.results;
    if found.services.is_empty() {
        blocks.push(w.body(w.t("directory-no-results")));
    } else {
        blocks.push(Block::Items {
            title: Some(w.t_args("directory-results", &[("count", Arg::Number(i64::from(found.total)))])),
            items: found.services.iter().map(|s| row(w, s)).collect(),
        });
    }
    blocks.push(w.caption(w.t("directory-private")));
    let actions = vec![
        w.action("directory.search", "directory-search", ActionStyle::Primary, ActionKind::SearchDirectory),
        w.action("directory.saved", "directory-saved", ActionStyle::Link, ActionKind::Navigate { route: Route::SavedServices }),
    ];
    screen(w, Route::Directory, w.t("directory-title"), blocks, actions, Route::Home)
}

pub(crate) fn saved(w: &Words, view: Option<&DirectoryView>) -> Screen {
    let Some(view) = view else {
        return none(w, Route::SavedServices);
    };
    let mut blocks = Vec::new();
    if view.saved.is_empty() {
        blocks.push(w.body(w.t("directory-saved-none")));
    } else {
        blocks.push(Block::Items { title: None, items: view.saved.iter().map(|s| row(w, s)).collect() });
    }
    blocks.push(w.caption(w.t("directory-saved-private")));
    screen(w, Route::SavedServices, w.t("directory-saved-title"), blocks, Vec::new(), Route::Directory)
}

pub(crate) fn service(w: &Words, view: Option<&DirectoryView>, service_id: &str, notice: Option<Block>) -> Screen {
    let route = Route::Service { service_id: service_id.to_string() };
    let Some(s) = view.and_then(|v| v.service.as_ref()) else {
        return none(w, route);
    };
    let sum = &s.summary;
    let mut blocks: Vec<Block> = notice.into_iter().collect();
    if sum.temporarily_closed {
        blocks.push(w.notice(Tone::Warning, w.t("directory-temporarily-closed"), w.t("directory-temporarily-closed-body")));
    }
    if let Some(alert) = &s.alert {
        blocks.push(w.notice(Tone::Info, w.t("directory-alert"), alert.clone()));
    }
    if let Some(d) = &s.description {
        blocks.push(w.body(d.clone()));
    }
    let mut rows = vec![w.fact("directory-organization", sum.organization.clone())];
    let mut fact = |label: &str, value: &Option<String>| {
        if let Some(v) = value {
            rows.push(w.fact(label, v.clone()));
        }
    };
    fact("directory-categories", &Some(sum.categories.join(", ")).filter(|c| !c.is_empty()));
    fact("directory-now", &badge(w, sum));
    let languages = view.map(|v| {
        s.languages
            .iter()
            .map(|code| v.overview.languages.iter().find(|l| l.id == *code).map_or(code.clone(), |l| l.label.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    });
    fact("directory-languages", &languages.filter(|l| !l.is_empty()));
    fact("directory-fees", &s.fees);
    fact("directory-eligibility", &s.eligibility);
    fact("directory-how-to-apply", &s.how_to_apply);
    fact("directory-documents", &Some(s.documents.join("; ")).filter(|d| !d.is_empty()));
    fact("directory-interpretation", &s.interpretation);
    fact("directory-website", &s.url);
    fact("directory-email", &s.email);
    blocks.push(Block::Facts { title: None, rows });
    let places: Vec<Item> = s
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let title = p.name.clone().or_else(|| p.address.clone()).unwrap_or_default();
            let detail = [p.address.clone().filter(|a| Some(a) != p.name.as_ref()), p.distance_m.map(|d| distance(w, d)), Some(p.hours.join("; ")).filter(|h| !h.is_empty()), p.transportation.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            let mut item = w.item(format!("place-{i}"), title, detail, Tone::Neutral);
            item.badge = p.open_now.map(|o| w.t(if o { "directory-open-now" } else { "directory-closed-now" }));
            item
        })
        .collect();
    if !places.is_empty() {
        blocks.push(Block::Items { title: Some(w.t("directory-places")), items: places });
    }
    let phones: Vec<Item> = s
        .phones
        .iter()
        .map(|p| {
            let number = match &p.extension {
                Some(ext) => w.t_args("directory-extension", &[("number", Arg::Text(&p.number)), ("extension", Arg::Text(ext))]),
                None => p.number.clone(),
            };
            let mut item = w.item(p.number.clone(), number, p.description.clone().unwrap_or_default(), Tone::Neutral);
            item.action = Some(w.action("directory.call", "directory-call", ActionStyle::Link, ActionKind::Dial { phone: p.number.clone() }));
            item
        })
        .collect();
    if !phones.is_empty() {
        blocks.push(Block::Items { title: Some(w.t("directory-phones")), items: phones });
    }
    blocks.push(w.caption(w.t("directory-private")));
    let id = sum.service_id.clone();
    let save = if sum.saved {
        w.action("directory.unsave", "directory-unsave", ActionStyle::Secondary, ActionKind::UnsaveService { service_id: id })
    } else {
        w.action("directory.save", "directory-save", ActionStyle::Primary, ActionKind::SaveService { service_id: id })
    };
    screen(w, route, sum.name.clone(), blocks, vec![save], Route::Directory)
}

/// Carries out a directory action tapped on `current`.
pub(crate) fn perform(client: &CheckinClient, current: &Route, kind: ActionKind, mut form: Form) -> Result<(Route, Outcome)> {
    let memory = &client.session.directory;
    let mut state = memory.search_state();
    if let Some(text) = form.value(QUERY) {
        if text.chars().count() > crate::directory::MAX_QUERY_CHARS {
            let l = client.session.localizer()?;
            form.errors.push((QUERY.into(), l.text("directory-search-too-long", &[])));
            return Ok((Route::Directory, Outcome { form, ..Outcome::default() }));
        }
        state.query.text = text.to_string();
    }
    let mut outcome = Outcome::default();
    let route = match kind {
        ActionKind::SearchDirectory => Route::Directory,
        ActionKind::SetSearchFilter { field_id, value } => {
            let value = Some(value).filter(|v| !v.is_empty());
            match field_id.as_str() {
                CATEGORY => state.query.category_id = value,
                SPOKEN => state.query.language = value,
                WHEN => state.query.open_now = value.is_some(),
                NEAR => match value.as_deref() {
                    Some("here") => outcome.effect = Some(Effect::LocateForSearch),
                    Some(city) => {
                        let name = city.strip_prefix("city:").unwrap_or(city);
                        let point = client
                            .directory_overview()?
                            .and_then(|o| o.places.into_iter().find(|p| p.name == name))
                            .map(|p| p.point);
                        state.near = point.map(|_| city.to_string());
                        state.query.near = point;
                    }
                    None => {
                        state.near = None;
                        state.query.near = None;
                    }
                },
                _ => {}
            }
            Route::Directory
        }
        ActionKind::SaveService { service_id } => {
            client.save_service(&service_id)?;
            Route::Service { service_id }
        }
        ActionKind::UnsaveService { service_id } => {
            client.unsave_service(&service_id)?;
            if *current == Route::SavedServices { Route::SavedServices } else { Route::Service { service_id } }
        }
        _ => current.clone(),
    };
    memory.set_search_state(state);
    Ok((route, outcome))
}

/// The one location fix the participant asked for: distances from it,
/// kept in memory only.
pub(crate) fn located(client: &CheckinClient, latitude: f64, longitude: f64) -> Outcome {
    let memory = &client.session.directory;
    let mut state = memory.search_state();
    if let Some(point) = Point::new(latitude, longitude) {
        state.query.near = Some(point);
        state.near = Some("here".into());
    }
    memory.set_search_state(state);
    Outcome::default()
}
