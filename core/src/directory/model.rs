//! The directory as the phone holds it once imported: services with their
//! organization, places, phones, hours, languages and categories, every
//! reference resolved to an index, every text with its translations.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::geo::Point;
use super::hours::Hours;
use crate::plan::zone::Zone;

/// FNV-1a: keys here (words, ids) are short and come from a document the
/// program signed, not from someone aiming at collisions, so a simple hash
/// beats SipHash's.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A map and a set keyed by words or ids, hashed with [`Fnv`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// A text field the program can translate (`translations` in the
/// document, docs/directory.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    AlternateName,
    Description,
    Fees,
    Eligibility,
    Application,
    Alert,
    Interpretation,
    Transportation,
    Document,
}

impl Field {
    pub(crate) const ALL: [Field; 10] = [
        Field::Name,
        Field::AlternateName,
        Field::Description,
        Field::Fees,
        Field::Eligibility,
        Field::Application,
        Field::Alert,
        Field::Interpretation,
        Field::Transportation,
        Field::Document,
    ];

    /// The HSDS field name.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::AlternateName => "alternate_name",
            Field::Description => "description",
            Field::Fees => "fees_description",
            Field::Eligibility => "eligibility_description",
            Field::Application => "application_process",
            Field::Alert => "alert",
            Field::Interpretation => "interpretation_services",
            Field::Transportation => "transportation",
            Field::Document => "document",
        }
    }
}

/// One translated text: which field, which language (an index into
/// [`Translations`]'s languages), the text.
pub(crate) type Translated = (Field, u8, Box<str>);

/// Translations of the objects' texts: object id → (field, language,
/// text). Languages are tags as the program wrote them (`es`, `pt-BR`).
#[derive(Debug, Default)]
pub struct Translations {
    pub(crate) by_object: FastMap<Box<str>, Vec<Translated>>,
    pub(crate) languages: Vec<String>,
}

impl Translations {
    /// The text of `field` of object `id` in `language` (the exact tag,
    /// else the same base language), if the program translated it.
    pub fn get(&self, id: &str, field: Field, language: &str) -> Option<&str> {
        let entries = self.by_object.get(id)?;
        let base = |tag: &str| tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let wanted = base(language);
        let mut same_base = None;
        for (_, lang, text) in entries.iter().filter(|(f, _, _)| *f == field) {
            let tag = self.languages.get(usize::from(*lang))?;
            if tag.eq_ignore_ascii_case(language) {
                return Some(text);
            }
            if same_base.is_none() && base(tag) == wanted {
                same_base = Some(&**text);
            }
        }
        same_base
    }

    /// Every translation of `field` of object `id`.
    pub fn all(&self, id: &str, field: Field) -> impl Iterator<Item = &str> {
        self.by_object
            .get(id)
            .into_iter()
            .flatten()
            .filter(move |(f, _, _)| *f == field)
            .map(|(_, _, t)| &**t)
    }
}

/// What HSDS says of a service's state. Inactive and defunct services are
/// left out at import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    TemporarilyClosed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phone {
    pub id: Box<str>,
    pub number: String,
    pub extension: Option<String>,
    /// HSDS `type`: voice, fax, text, …
    pub kind: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub id: Box<str>,
    pub name: String,
    pub website: Option<String>,
    pub email: Option<String>,
}

/// A place where services are given.
#[derive(Debug, Clone)]
pub struct Location {
    pub id: Box<str>,
    pub name: Option<String>,
    pub transportation: Option<String>,
    pub point: Option<Point>,
    /// The zone its hours are read in: its `time_zone`, else the
    /// directory's.
    pub zone: Zone,
    pub address: Option<Address>,
    pub phones: Vec<Phone>,
    pub languages: Vec<String>,
    pub hours: Vec<Hours>,
}

/// A service at one location (HSDS `service_at_location`).
#[derive(Debug, Clone)]
pub struct Site {
    pub id: Box<str>,
    pub location: u32,
    pub phones: Vec<Phone>,
    pub hours: Vec<Hours>,
}

/// A category (HSDS `taxonomy_term`).
#[derive(Debug, Clone)]
pub struct Term {
    pub id: Box<str>,
    pub name: String,
    pub parent: Option<u32>,
}

/// A document a service asks for (HSDS `required_document`).
#[derive(Debug, Clone)]
pub struct RequiredDocument {
    pub id: Box<str>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub id: Box<str>,
    pub organization: u32,
    pub name: String,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub status: Status,
    pub url: Option<String>,
    pub email: Option<String>,
    pub fees: Option<String>,
    pub eligibility: Option<String>,
    pub application: Option<String>,
    pub alert: Option<String>,
    pub interpretation: Option<String>,
    pub documents: Vec<RequiredDocument>,
    pub phones: Vec<Phone>,
    /// Languages spoken (normalised codes: `es`, `ht`), the service's and
    /// its locations' together.
    pub languages: Vec<String>,
    /// Its categories and every ancestor of them.
    pub terms: Vec<u32>,
    pub sites: Vec<Site>,
    pub hours: Vec<Hours>,
}

/// A city the directory's places are in, with the centre of those places:
/// a point the participant can choose for distance without a location fix.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub name: String,
    pub point: Point,
    /// How many services are there.
    pub services: u32,
}
