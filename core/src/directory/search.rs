//! Searching the directory on the phone: every word the participant typed
//! must match (AND), each as a prefix of a word of the service ("clin"
//! finds "Clínica"), without regard to case or accents; then the filters
//! (category, language spoken, open now); then the order: relevance, and
//! nearness when the participant chose a point.
//!
//! The participant's words are never query syntax: quotes, `OR`, `*`,
//! `NEAR`, parentheses are just characters, folded away or matched as the
//! words they are. Nothing here writes, logs or sends anything.
//!
//! Relevance: each word counts by the best field it matched (name 8,
//! other name 6, organization and category 5, city and description 2),
//! three times that for a whole word and twice for a prefix; a service's
//! score is the sum over the words. With a point, the score is divided by
//! `1 + km / 10`, so among equally good matches the nearer comes first,
//! and a name match a few kilometres further still beats a mention in a
//! description next door.

use chrono::{DateTime, Utc};

use super::Catalog;
use super::fold::for_each_word;
use super::geo::Point;
use super::model::Service;
use super::objects::language_code;

/// The longest query read; a longer one is refused (typed error).
pub const MAX_QUERY_CHARS: usize = 1000;
/// Words after this many are ignored.
pub const MAX_QUERY_WORDS: usize = 16;
/// Results when the caller asks for none in particular.
pub const DEFAULT_LIMIT: u32 = 50;
/// The most results one search returns.
pub const MAX_LIMIT: u32 = 500;
/// Kilometres at which a point halves a score.
const HALF_SCORE_KM: f64 = 10.0;

/// What the participant asked for. Held in memory only.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DirectoryQuery {
    /// The words typed, as typed.
    pub text: String,
    /// Only services in this category (a taxonomy term id) or below it.
    pub category_id: Option<String>,
    /// Only services where this language is spoken (`es`, `ht`, `pt-BR`).
    pub language: Option<String>,
    /// Only services open now.
    pub open_now: bool,
    /// Order by distance from this point (never stored, never sent).
    pub near: Option<Point>,
    /// At most this many results (0: 50; at most 500).
    pub limit: u32,
}

/// A query the core refuses, with what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("the search is longer than {max} characters")]
    QueryTooLong { max: usize },
    #[error("the directory has no category with that id")]
    UnknownCategory,
    #[error("the point to search from is not a valid latitude and longitude")]
    InvalidPoint,
    #[error("the directory has no service with that id")]
    UnknownService,
}

/// One service found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub service: u32,
    pub score: f64,
    /// Metres from the query's point to the service's nearest place.
    pub distance_m: Option<f64>,
    /// Open at the time searched; `None` when its hours are unknown.
    pub open_now: Option<bool>,
}

/// The results of one search.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    /// How many services matched in all (before the limit).
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Whether `service` is open at `now`: at any of its places, by the most
/// specific hours given (the service at that place, the service, the
/// place), each read in the place's zone; `None` if no hours can be read.
/// A temporarily closed service is closed whatever its hours say.
pub fn open_at(c: &Catalog, service: &Service, now: DateTime<Utc>) -> Option<bool> {
    if service.status == super::model::Status::TemporarilyClosed {
        return Some(false);
    }
    let evaluable = |hours: &[super::hours::Hours]| hours.iter().any(|h| h.opening.is_some());
    let open = |hours: &[super::hours::Hours], zone| {
        hours
            .iter()
            .filter_map(|h| h.opening.as_ref())
            .any(|o| o.open_at(zone, now))
    };
    let mut known = false;
    if service.sites.is_empty() && evaluable(&service.hours) {
        return Some(open(&service.hours, &c.zone));
    }
    for site in &service.sites {
        let Some(location) = c.locations.get(site.location as usize) else {
            continue;
        };
        let hours = [&site.hours, &service.hours, &location.hours]
            .into_iter()
            .find(|h| evaluable(h));
        if let Some(hours) = hours {
            known = true;
            if open(hours, &location.zone) {
                return Some(true);
            }
        }
    }
    known.then_some(false)
}

/// Metres from `point` to the service's nearest place with coordinates.
pub fn distance_m(c: &Catalog, service: &Service, point: Point) -> Option<f64> {
    service
        .sites
        .iter()
        .filter_map(|s| c.locations.get(s.location as usize)?.point)
        .map(|p| point.distance_m(p))
        .min_by(f64::total_cmp)
}

/// Runs `q` over the catalog at time `now`.
pub fn search(c: &Catalog, q: &DirectoryQuery, now: DateTime<Utc>) -> Result<Found, SearchError> {
    if q.text.chars().count() > MAX_QUERY_CHARS {
        return Err(SearchError::QueryTooLong {
            max: MAX_QUERY_CHARS,
        });
    }
    if let Some(p) = q.near
        && Point::new(p.latitude, p.longitude).is_none()
    {
        return Err(SearchError::InvalidPoint);
    }
    let category = match &q.category_id {
        None => None,
        Some(id) => Some(
            c.terms
                .iter()
                .position(|t| &*t.id == id)
                .ok_or(SearchError::UnknownCategory)? as u32,
        ),
    };
    let language = q.language.as_deref().map(language_code);
    let scores = match_words(c, &q.text);
    let mut hits: Vec<Hit> = Vec::new();
    for (i, service) in c.services.iter().enumerate() {
        let score = match &scores {
            Some(scores) if scores[i] == 0 => continue,
            Some(scores) => f64::from(scores[i]),
            None => 0.0,
        };
        if category.is_some_and(|t| !service.terms.contains(&t))
            || language.as_ref().is_some_and(|l| !service.languages.contains(l))
        {
            continue;
        }
        let open_now = if q.open_now {
            match open_at(c, service, now) {
                Some(true) => Some(true),
                _ => continue,
            }
        } else {
            None
        };
        let distance_m = q.near.and_then(|p| distance_m(c, service, p));
        let score = match (q.near, distance_m) {
            (None, _) => score,
            (Some(_), Some(d)) => score / (1.0 + d / 1000.0 / HALF_SCORE_KM),
            (Some(_), None) => score / 4.0,
        };
        hits.push(Hit {
            service: i as u32,
            score,
            distance_m,
            open_now,
        });
    }
    let total = hits.len();
    let by_name = |h: &Hit| &c.services[h.service as usize].name;
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| {
                let (da, db) = (a.distance_m.unwrap_or(f64::MAX), b.distance_m.unwrap_or(f64::MAX));
                da.total_cmp(&db)
            })
            .then_with(|| by_name(a).cmp(by_name(b)))
            .then_with(|| a.service.cmp(&b.service))
    });
    let limit = match q.limit {
        0 => DEFAULT_LIMIT,
        n => n.min(MAX_LIMIT),
    };
    hits.truncate(limit as usize);
    for hit in hits.iter_mut().filter(|h| h.open_now.is_none()) {
        hit.open_now = open_at(c, &c.services[hit.service as usize], now);
    }
    Ok(Found { total, hits })
}

/// Each service's score for the query's words (0: not every word
/// matched); `None` for a query without words (everything matches).
fn match_words(c: &Catalog, text: &str) -> Option<Vec<u32>> {
    let mut words: Vec<String> = Vec::new();
    for_each_word(text, &mut String::new(), |w| {
        if words.len() < MAX_QUERY_WORDS && !words.iter().any(|x| x == w) {
            words.push(w.to_string());
        }
    });
    if words.is_empty() {
        return None;
    }
    let n = c.services.len();
    let mut total = vec![0u32; n];
    let mut best = vec![0u8; n];
    for (k, word) in words.iter().enumerate() {
        best.iter_mut().for_each(|b| *b = 0);
        c.index.each_match(word, |s, w, exact| {
            let points = w * if exact { 3 } else { 2 };
            let b = &mut best[s as usize];
            *b = (*b).max(points);
        });
        for (t, b) in total.iter_mut().zip(&best) {
            // A service drops out as soon as one word misses it.
            *t = if *b == 0 || (k > 0 && *t == 0) { 0 } else { *t + u32::from(*b) };
        }
    }
    Some(total)
}
