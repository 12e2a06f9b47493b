//! What a lookup answers: plain records, every text already in the
//! participant's language (the program's translation when it gave one),
//! exported through uniffi as they are (feature `ffi`).

use chrono::{DateTime, Utc};

use crate::directory::{
    self, Catalog, Field, Found, Hours, Point, Service, Status,
};
use crate::i18n::{Arg, Localizer};

/// A service in a list of results or of saved services.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ServiceSummary {
    pub service_id: String,
    pub name: String,
    pub organization: String,
    /// Its categories, most specific first.
    pub categories: Vec<String>,
    /// The city of its first place.
    pub city: Option<String>,
    /// From the point searched from, when one was given.
    pub distance_m: Option<f64>,
    /// `None` when its hours are not known.
    pub open_now: Option<bool>,
    pub temporarily_closed: bool,
    pub saved: bool,
}

/// The results of a search.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DirectoryResults {
    /// How many services matched in all.
    pub total: u32,
    pub services: Vec<ServiceSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ServicePhone {
    pub number: String,
    pub extension: Option<String>,
    /// HSDS `type`: voice, fax, text, …
    pub kind: Option<String>,
    pub description: Option<String>,
}

/// Where a service is given.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ServicePlace {
    pub name: Option<String>,
    /// The address on one line.
    pub address: Option<String>,
    pub point: Option<Point>,
    /// The IANA zone its hours are in.
    pub zone: String,
    pub transportation: Option<String>,
    /// Its opening hours, one line each, in words.
    pub hours: Vec<String>,
    pub open_now: Option<bool>,
    pub distance_m: Option<f64>,
}

/// One service in full.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ServiceDetails {
    pub summary: ServiceSummary,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    /// A short-term notice from the program ("closed on holidays").
    pub alert: Option<String>,
    pub fees: Option<String>,
    pub eligibility: Option<String>,
    pub how_to_apply: Option<String>,
    pub interpretation: Option<String>,
    /// Documents the service asks for.
    pub documents: Vec<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub phones: Vec<ServicePhone>,
    /// Languages spoken (codes: `es`, `ht`).
    pub languages: Vec<String>,
    pub places: Vec<ServicePlace>,
}

/// A category or a language to filter by.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DirectoryChoice {
    /// A category's id, or a language code.
    pub id: String,
    pub label: String,
    pub services: u32,
}

/// A city to search from (the centre of the directory's places there).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DirectoryPlace {
    pub name: String,
    pub point: Point,
    pub services: u32,
}

/// What the directory held offers.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DirectoryOverview {
    pub revision: u64,
    pub services: u32,
    pub categories: Vec<DirectoryChoice>,
    pub languages: Vec<DirectoryChoice>,
    pub places: Vec<DirectoryPlace>,
}

/// Reads the catalog in the participant's language.
pub struct Reader<'a> {
    pub c: &'a Catalog,
    pub l: &'a Localizer,
    pub saved: &'a [String],
    pub now: DateTime<Utc>,
}

impl Reader<'_> {
    fn lang(&self) -> &str {
        self.l.language()
    }

    fn tr(&self, id: &str, field: Field, text: &str) -> String {
        self.c.text(id, field, text, self.lang()).to_string()
    }

    fn tr_opt(&self, id: &str, field: Field, text: &Option<String>) -> Option<String> {
        text.as_deref().map(|t| self.tr(id, field, t))
    }

    /// A language's name in the participant's words (its code if unknown).
    pub fn language_name(&self, code: &str) -> String {
        let id = format!("directory-language-{code}");
        if self.l.has_message(&id) { self.l.text(&id, &[]) } else { code.to_string() }
    }

    pub fn summary(&self, index: u32, distance_m: Option<f64>, open_now: Option<bool>) -> ServiceSummary {
        let s = &self.c.services[index as usize];
        let org = &self.c.organizations[s.organization as usize];
        let mut terms: Vec<&u32> = s.terms.iter().collect();
        // Most specific first: a term before its parent.
        terms.sort_by_key(|t| std::cmp::Reverse(depth(self.c, **t)));
        ServiceSummary {
            service_id: s.id.to_string(),
            name: self.tr(&s.id, Field::Name, &s.name),
            organization: self.tr(&org.id, Field::Name, &org.name),
            categories: terms
                .into_iter()
                .map(|t| {
                    let term = &self.c.terms[*t as usize];
                    self.tr(&term.id, Field::Name, &term.name)
                })
                .collect(),
            city: s
                .sites
                .iter()
                .find_map(|site| self.c.locations[site.location as usize].address.as_ref())
                .map(|a| a.city.clone()),
            distance_m,
            open_now,
            temporarily_closed: s.status == Status::TemporarilyClosed,
            saved: self.saved.iter().any(|id| **id == *s.id),
        }
    }

    pub fn results(&self, found: &Found) -> DirectoryResults {
        DirectoryResults {
            total: found.total as u32,
            services: found
                .hits
                .iter()
                .map(|h| self.summary(h.service, h.distance_m, h.open_now))
                .collect(),
        }
    }

    pub fn details(&self, index: u32, near: Option<Point>) -> ServiceDetails {
        let s: &Service = &self.c.services[index as usize];
        let org = &self.c.organizations[s.organization as usize];
        let distance = near.and_then(|p| directory::distance_m(self.c, s, p));
        let open = directory::open_at(self.c, s, self.now);
        let places = s
            .sites
            .iter()
            .map(|site| {
                let loc = &self.c.locations[site.location as usize];
                let hours = [&site.hours, &s.hours, &loc.hours]
                    .into_iter()
                    .find(|h| !h.is_empty())
                    .map(|h| h.iter().map(|h| hours_line(self.l, self.c, h)).collect())
                    .unwrap_or_default();
                let open_now = [&site.hours, &s.hours, &loc.hours]
                    .into_iter()
                    .filter(|_| s.status == Status::Active)
                    .find(|h| h.iter().any(|h| h.opening.is_some()))
                    .map(|h| h.iter().filter_map(|h| h.opening.as_ref()).any(|o| o.open_at(&loc.zone, self.now)));
                ServicePlace {
                    name: self.tr_opt(&loc.id, Field::Name, &loc.name),
                    address: loc.address.as_ref().map(|a| {
                        [Some(a.line1.clone()), a.line2.clone(), Some(a.city.clone()), a.region.clone(), a.postal_code.clone()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", ")
                    }),
                    point: loc.point,
                    zone: loc.zone.name().to_string(),
                    transportation: self.tr_opt(&loc.id, Field::Transportation, &loc.transportation),
                    hours,
                    open_now,
                    distance_m: near.zip(loc.point).map(|(a, b)| a.distance_m(b)),
                }
            })
            .collect();
        let phone = |p: &directory::Phone| ServicePhone {
            number: p.number.clone(),
            extension: p.extension.clone(),
            kind: p.kind.clone(),
            description: p.description.as_deref().map(|d| self.tr(&p.id, Field::Description, d)),
        };
        let mut phones: Vec<ServicePhone> = s.phones.iter().map(phone).collect();
        for site in &s.sites {
            let loc = &self.c.locations[site.location as usize];
            for p in site.phones.iter().chain(&loc.phones).map(phone) {
                if !phones.iter().any(|q| q.number == p.number) {
                    phones.push(p);
                }
            }
        }
        ServiceDetails {
            summary: self.summary(index, distance, open),
            alternate_name: self.tr_opt(&s.id, Field::AlternateName, &s.alternate_name),
            description: self.tr_opt(&s.id, Field::Description, &s.description),
            alert: self.tr_opt(&s.id, Field::Alert, &s.alert),
            fees: self.tr_opt(&s.id, Field::Fees, &s.fees),
            eligibility: self.tr_opt(&s.id, Field::Eligibility, &s.eligibility),
            how_to_apply: self.tr_opt(&s.id, Field::Application, &s.application),
            interpretation: self.tr_opt(&s.id, Field::Interpretation, &s.interpretation),
            documents: s.documents.iter().map(|d| self.tr(&d.id, Field::Document, &d.text)).collect(),
            url: s.url.clone().or_else(|| org.website.clone()),
            email: s.email.clone().or_else(|| org.email.clone()),
            phones,
            languages: s.languages.clone(),
            places,
        }
    }

    pub fn overview(&self) -> DirectoryOverview {
        DirectoryOverview {
            revision: self.c.revision,
            services: self.c.services.len() as u32,
            categories: self
                .c
                .categories()
                .into_iter()
                .map(|(t, n)| {
                    let term = &self.c.terms[t as usize];
                    DirectoryChoice {
                        id: term.id.to_string(),
                        label: self.tr(&term.id, Field::Name, &term.name),
                        services: n,
                    }
                })
                .collect(),
            languages: self
                .c
                .languages()
                .into_iter()
                .map(|(code, n)| DirectoryChoice {
                    label: self.language_name(&code),
                    id: code,
                    services: n,
                })
                .collect(),
            places: self
                .c
                .places
                .iter()
                .map(|p| DirectoryPlace {
                    name: p.name.clone(),
                    point: p.point,
                    services: p.services,
                })
                .collect(),
        }
    }
}

fn depth(c: &Catalog, mut t: u32) -> usize {
    let mut d = 0;
    while let Some(p) = c.terms.get(t as usize).and_then(|x| x.parent) {
        d += 1;
        t = p;
        if d > c.terms.len() {
            break;
        }
    }
    d
}

/// One schedule in words: "Monday to Friday: 9:00 AM – 5:00 PM", "Every
/// day: open 24 hours", or the program's own description.
pub(crate) fn hours_line(l: &Localizer, c: &Catalog, h: &Hours) -> String {
    let described = h.description.as_deref().map(|d| c.text(&h.id, Field::Description, d, l.language()).to_string());
    let Some(o) = &h.opening else {
        return described.unwrap_or_else(|| l.text("directory-hours-ask", &[]));
    };
    let clock = |t| l.time(chrono::NaiveDate::MIN.and_time(t));
    let days = match o.weekdays() {
        Some(days) if days.len() == 7 => l.text("directory-every-day", &[]),
        Some(days) => weekdays(l, &days),
        None => return described.unwrap_or_else(|| {
            l.text("directory-hours-some-days", &[("opens", Arg::Text(&clock(o.opens))), ("closes", Arg::Text(&clock(o.closes)))])
        }),
    };
    if o.all_day() {
        return l.text("directory-hours-all-day", &[("days", Arg::Text(&days))]);
    }
    l.text(
        "directory-hours",
        &[
            ("days", Arg::Text(&days)),
            ("opens", Arg::Text(&clock(o.opens))),
            ("closes", Arg::Text(&clock(o.closes))),
        ],
    )
}

/// "Monday to Friday", "Tuesday, Thursday", "Saturday".
fn weekdays(l: &Localizer, days: &[chrono::Weekday]) -> String {
    let consecutive = days
        .windows(2)
        .all(|w| w[1].num_days_from_monday() == w[0].num_days_from_monday() + 1);
    match days {
        [first, .., last] if days.len() >= 3 && consecutive => l.text(
            "directory-days-range",
            &[
                ("first", Arg::Text(l.weekday_name(*first))),
                ("last", Arg::Text(l.weekday_name(*last))),
            ],
        ),
        _ => days.iter().map(|d| l.weekday_name(*d)).collect::<Vec<_>>().join(", "),
    }
}
