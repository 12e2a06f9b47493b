//! The program's directory of community services (shelter, food, legal
//! aid, clinics, jobs, counselling), read from Open Referral HSDS 3.0 and
//! searched on the phone (docs/directory.md).
//!
//! Files: `hsds.rs` (the document, read object by object, and its typed
//! errors), `objects.rs` (each HSDS object this core reads), `resolve.rs`
//! (references, zones, categories), `model.rs` (what the phone keeps),
//! `fold.rs` (text as search compares it), `index.rs` and `search.rs` (the
//! search), `hours.rs` (open now, with the plan's rules and DST rule),
//! `geo.rs` (distance), `changes.rs` (what a new revision changed).
//!
//! Guarantees: a directory is imported whole or refused with a
//! [`DirectoryError`] naming object and field; a search is a pure function
//! of the catalog, the query and the time: it reads nothing else and
//! writes, logs and sends nothing. Measured on the 2-core build machine
//! with the generated 5,000 services (`cargo bench --bench directory`): see
//! the README's benchmark table.

mod changes;
mod fold;
mod geo;
mod hours;
mod hsds;
mod index;
mod model;
mod objects;
mod resolve;
mod search;

use std::sync::{Arc, Mutex};

pub use changes::DirectoryChanges;
pub use geo::Point;
pub use hours::Hours;
pub use hsds::{DirectoryError, MAX_DOCUMENT_BYTES};
pub use model::{
    Field, Location, Organization, Phone, Place, Service, Status, Term, Translations,
};
pub use objects::language_code;
pub use search::{
    DirectoryQuery, Found, MAX_QUERY_CHARS, SearchError, distance_m, open_at, search,
};

/// What the tests and benchmarks look at besides.
#[cfg(feature = "internals")]
pub use {
    fold::words,
    hours::Opening,
    hsds::{FORMAT, Problem},
    model::{Address, RequiredDocument, Site},
    objects::{MAX_LOCATIONS, MAX_ORGANIZATIONS, MAX_SERVICES, MAX_TERMS},
    search::{Hit, MAX_LIMIT, MAX_QUERY_WORDS},
};

use crate::plan::zone::Zone;

/// A directory as imported: every object, every reference resolved, and
/// the search index.
#[derive(Debug)]
pub struct Catalog {
    pub revision: u64,
    /// The language of the HSDS texts (translations add others).
    pub language: String,
    /// The zone of places that name none.
    pub zone: Zone,
    pub organizations: Vec<Organization>,
    pub locations: Vec<Location>,
    pub terms: Vec<Term>,
    /// Active and temporarily closed services, in document order.
    pub services: Vec<Service>,
    pub translations: Translations,
    /// Cities of the places, busiest first (points to search from).
    pub places: Vec<Place>,
    /// One per service: a digest of what the program wrote about it.
    pub(crate) digests: Vec<u64>,
    pub(crate) index: index::Index,
}

impl Catalog {
    /// Reads and checks a directory document (docs/directory.md).
    pub fn import(bytes: &[u8]) -> Result<Catalog, DirectoryError> {
        let mut builder = objects::Builder::default();
        hsds::read(bytes, &mut builder)?;
        builder.finish()
    }

    /// `text` (field `field` of object `id`) in `language`, if the program
    /// translated it, else as written.
    pub fn text<'a>(&'a self, id: &str, field: Field, text: &'a str, language: &str) -> &'a str {
        if model_language_matches(&self.language, language) {
            return text;
        }
        self.translations.get(id, field, language).unwrap_or(text)
    }

    /// A service by its HSDS id.
    pub fn service(&self, id: &str) -> Option<(u32, &Service)> {
        self.services
            .iter()
            .enumerate()
            .find(|(_, s)| &*s.id == id)
            .map(|(i, s)| (i as u32, s))
    }

    /// The top-level categories some service is in, with how many.
    pub fn categories(&self) -> Vec<(u32, u32)> {
        let mut counts = vec![0u32; self.terms.len()];
        for s in &self.services {
            for t in &s.terms {
                counts[*t as usize] += 1;
            }
        }
        self.terms
            .iter()
            .enumerate()
            .filter(|(i, t)| t.parent.is_none() && counts[*i] > 0)
            .map(|(i, _)| (i as u32, counts[i]))
            .collect()
    }

    /// The languages spoken at some service, most common first.
    pub fn languages(&self) -> Vec<(String, u32)> {
        let mut counts: Vec<(String, u32)> = Vec::new();
        for s in &self.services {
            for l in &s.languages {
                match counts.iter_mut().find(|(c, _)| c == l) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((l.clone(), 1)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts
    }

    /// How many distinct words the search index holds.
    #[cfg(feature = "internals")]
    pub fn indexed_words(&self) -> usize {
        self.index.word_count()
    }
}

/// Whether texts written in `written` are already in `wanted`.
fn model_language_matches(written: &str, wanted: &str) -> bool {
    language_code(written) == language_code(wanted)
}

/// The participant's search on the directory screen, and the place chosen
/// to search from. Memory only: never stored, never sent, gone when the
/// app's process ends.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState {
    pub query: DirectoryQuery,
    /// `here` (one location fix the participant asked for) or
    /// `city:<name>`; `None`: no point.
    pub near: Option<String>,
}

/// When the stored directory was written and its sealed length: a change
/// of either means new bytes.
pub(crate) type Stamp = (i64, i64);

/// What a client keeps of the directory between calls: the imported
/// catalog, keyed by the stored document's stamp, and the participant's
/// search. Memory only.
#[derive(Debug, Default)]
pub struct Memory {
    pub(crate) catalog: Mutex<Option<(Stamp, Arc<Catalog>)>>,
    pub(crate) search: Mutex<SearchState>,
}

impl Memory {
    /// The participant's search as it stands.
    pub fn search_state(&self) -> SearchState {
        self.search.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Replaces the participant's search.
    pub fn set_search_state(&self, state: SearchState) {
        *self.search.lock().unwrap_or_else(|e| e.into_inner()) = state;
    }
}
