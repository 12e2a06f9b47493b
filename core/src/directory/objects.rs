//! The HSDS objects this core reads, one function each, and what they
//! become; references between them are kept as ids here and resolved once
//! the whole document is read (`resolve.rs`), since HSDS lets a service
//! come before the organization it names.


use serde_json::{Map, Value};

use super::geo::Point;
use super::hours::Hours;
use super::hsds::{DirectoryError, Obj, Problem};
use super::model::{
    Address, FastMap, FastSet, Field, Organization, Phone, RequiredDocument, Status, Term,
    Translations,
};

/// The envelope's fields (docs/directory.md).
pub(crate) const ENVELOPE_FIELDS: [&str; 11] = [
    "format",
    "revision",
    "published_at",
    "hsds_version",
    "language",
    "zone",
    "organizations",
    "locations",
    "taxonomy_terms",
    "services",
    "translations",
];

/// Limits, each a named bound on what one document may hold.
pub const MAX_SERVICES: usize = 20_000;
pub const MAX_ORGANIZATIONS: usize = 20_000;
pub const MAX_LOCATIONS: usize = 40_000;
pub const MAX_TERMS: usize = 10_000;
pub const MAX_LANGUAGES_TRANSLATED: usize = 16;
const NAME_CHARS: usize = 300;
const TEXT_CHARS: usize = 4000;
const SHORT_CHARS: usize = 2000;
const URL_CHARS: usize = 2000;
const PER_OBJECT: usize = 50;
const SITES_PER_SERVICE: usize = 200;

/// A location as read, its zone still a name.
pub(crate) struct RawLocation {
    pub location: super::model::Location,
    pub zone_name: Option<String>,
}

/// A service as read, its references still ids.
pub(crate) struct RawService {
    pub service: super::model::Service,
    pub organization_id: Box<str>,
    /// (site, location id) for each service_at_location.
    pub sites: Vec<(super::model::Site, Box<str>)>,
    pub term_ids: Vec<Box<str>>,
    /// FNV-1a of the service's JSON, to tell changed services apart.
    pub digest: u64,
}

/// Everything read so far.
#[derive(Default)]
pub(crate) struct Builder {
    pub format: Option<u64>,
    pub revision: Option<u64>,
    pub language: Option<String>,
    pub zone: Option<String>,
    pub organizations: Vec<Organization>,
    pub org_index: FastMap<Box<str>, u32>,
    pub locations: Vec<RawLocation>,
    pub location_index: FastMap<Box<str>, u32>,
    pub terms: Vec<(Term, Option<Box<str>>)>,
    pub term_index: FastMap<Box<str>, u32>,
    pub services: Vec<RawService>,
    pub service_ids: FastSet<Box<str>>,
    /// Ids of every object a translation may name.
    pub translatable: FastSet<Box<str>>,
    pub translations: Translations,
    /// The envelope field being read (to name it in a JSON error).
    pub reading: Option<&'static str>,
    /// Why reading stopped.
    pub error: Option<DirectoryError>,
}

/// FNV-1a over `bytes`, continuing from `h`.
fn fnv1a(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// A digest of a JSON value's content (keys in order, each value tagged by
/// its kind), without writing it out.
fn digest(value: &Value, h: u64) -> u64 {
    match value {
        Value::Null => fnv1a(h, b"n"),
        Value::Bool(b) => fnv1a(h, if *b { b"t" } else { b"f" }),
        Value::Number(n) => fnv1a(fnv1a(h, b"#"), n.to_string().as_bytes()),
        Value::String(s) => fnv1a(fnv1a(fnv1a(h, b"\""), s.as_bytes()), b"\""),
        Value::Array(items) => fnv1a(items.iter().fold(fnv1a(h, b"["), |h, v| digest(v, h)), b"]"),
        Value::Object(map) => {
            let h = map.iter().fold(fnv1a(h, b"{"), |h, (k, v)| digest(v, fnv1a(fnv1a(h, k.as_bytes()), b":")));
            fnv1a(h, b"}")
        }
    }
}

fn opt(s: Option<&str>) -> Option<String> {
    s.map(str::to_string)
}

/// A language code as the filter compares it: ISO 639-1 lower case
/// (`pt-BR` → `pt`, `hat` → `ht`).
pub fn language_code(tag: &str) -> String {
    let base = tag.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase();
    match base.as_str() {
        "eng" | "english" => "en",
        "spa" | "spanish" | "espanol" | "español" => "es",
        "por" | "portuguese" | "portugues" | "português" => "pt",
        "hat" | "haitian creole" | "kreyol" | "kreyòl" | "haitian" => "ht",
        "fra" | "fre" | "french" | "francais" | "français" => "fr",
        _ => return base,
    }
    .to_string()
}

impl Builder {
    pub fn envelope_field(&mut self, field: &'static str, value: &Value) -> Result<(), DirectoryError> {
        let bad = |problem| DirectoryError::envelope(field, problem);
        let text = |max: usize| match value {
            Value::String(s) if s.chars().count() <= max && !s.trim().is_empty() => {
                Ok(s.trim().to_string())
            }
            Value::String(_) => Err(bad(Problem::Invalid("empty or too long".into()))),
            _ => Err(bad(Problem::WrongType("text"))),
        };
        match field {
            "format" => match value.as_u64() {
                Some(super::hsds::FORMAT) => self.format = Some(super::hsds::FORMAT),
                _ => return Err(bad(Problem::Invalid(format!("format {value} is not 1")))),
            },
            "revision" => match value.as_u64() {
                Some(r) if r >= 1 => self.revision = Some(r),
                _ => return Err(bad(Problem::WrongType("a whole number from 1"))),
            },
            // When the program published it: checked, not kept.
            "published_at" => drop(text(40)?),
            "hsds_version" => {
                if !text(16)?.starts_with("3.") {
                    return Err(bad(Problem::Invalid("this core reads HSDS 3.x".into())));
                }
            }
            "language" => self.language = Some(text(35)?),
            "zone" => self.zone = Some(text(64)?),
            _ => return Err(bad(Problem::UnknownField)),
        }
        Ok(())
    }

    /// One element of an envelope list.
    pub fn element(&mut self, list: &'static str, value: &Value) -> Result<(), DirectoryError> {
        let (len, max) = match list {
            "organizations" => (self.organizations.len(), MAX_ORGANIZATIONS),
            "locations" => (self.locations.len(), MAX_LOCATIONS),
            "taxonomy_terms" => (self.terms.len(), MAX_TERMS),
            _ => (self.services.len(), MAX_SERVICES),
        };
        if len >= max {
            return Err(DirectoryError::envelope(list, Problem::TooMany(max)));
        }
        match list {
            "organizations" => self.organization(value, true).map(drop),
            "locations" => self.location(value, true).map(drop),
            "taxonomy_terms" => self.term(value, true).map(drop),
            _ => self.service(value),
        }
    }

    /// Adds the objects' translations into `language`.
    pub fn translations(&mut self, language: &str, objects: Map<String, Value>) -> Result<(), DirectoryError> {
        let bad = |id: Option<&str>, problem| DirectoryError {
            object: "translations",
            id: id.map(str::to_string),
            field: language.to_string(),
            problem,
        };
        if language.is_empty() || language.len() > 35 {
            return Err(bad(None, Problem::Invalid("not a language tag".into())));
        }
        let langs = &mut self.translations.languages;
        let lang = match langs.iter().position(|l| l == language) {
            Some(i) => i,
            None if langs.len() >= MAX_LANGUAGES_TRANSLATED => {
                return Err(bad(None, Problem::TooMany(MAX_LANGUAGES_TRANSLATED)));
            }
            None => {
                langs.push(language.to_string());
                langs.len() - 1
            }
        } as u8;
        for (id, fields) in objects {
            let Value::Object(fields) = fields else {
                return Err(bad(Some(&id), Problem::WrongType("an object of texts")));
            };
            let entry = self.translations.by_object.entry(id.as_str().into()).or_default();
            for (key, text) in fields {
                let field = Field::ALL.into_iter().find(|f| f.key() == key);
                match (field, text) {
                    (Some(f), Value::String(t)) if t.chars().count() <= TEXT_CHARS => {
                        entry.push((f, lang, t.trim().into()))
                    }
                    (Some(_), Value::String(_)) => {
                        return Err(bad(Some(&id), Problem::TooLong(TEXT_CHARS)));
                    }
                    (Some(_), _) => return Err(bad(Some(&id), Problem::WrongType("text"))),
                    (None, _) => {
                        return Err(bad(Some(&id), Problem::Invalid(format!("{key} is not translatable"))));
                    }
                }
            }
        }
        Ok(())
    }

    fn translatable(&mut self, id: Option<&str>) {
        if let Some(id) = id {
            self.translatable.insert(id.into());
        }
    }

    /// Reads an organization; `top` (the envelope's list) refuses a second
    /// one with the same id, a nested copy is read once. Returns its id.
    fn organization(&mut self, value: &Value, top: bool) -> Result<Box<str>, DirectoryError> {
        let o = Obj::of("organization", value, true)?;
        let id: Box<str> = o.id.unwrap_or("").into();
        if self.org_index.contains_key(&id) {
            return if top { Err(o.err("id", Problem::Duplicate)) } else { Ok(id) };
        }
        let org = Organization {
            id: id.clone(),
            name: o.required("name", NAME_CHARS)?.to_string(),
            website: opt(o.text("website", URL_CHARS)?.or(o.text("url", URL_CHARS)?)),
            email: opt(o.text("email", 320)?),
        };
        self.translatable(o.id);
        self.org_index.insert(id.clone(), self.organizations.len() as u32);
        self.organizations.push(org);
        Ok(id)
    }

    fn term(&mut self, value: &Value, top: bool) -> Result<Box<str>, DirectoryError> {
        let t = Obj::of("taxonomy_term", value, true)?;
        let id: Box<str> = t.id.unwrap_or("").into();
        if self.term_index.contains_key(&id) {
            return if top { Err(t.err("id", Problem::Duplicate)) } else { Ok(id) };
        }
        let term = Term {
            id: id.clone(),
            name: t.required("name", NAME_CHARS)?.to_string(),
            parent: None,
        };
        let parent = t.text("parent_id", 128)?.map(Into::into);
        self.translatable(t.id);
        self.term_index.insert(id.clone(), self.terms.len() as u32);
        self.terms.push((term, parent));
        Ok(id)
    }

    fn location(&mut self, value: &Value, top: bool) -> Result<Box<str>, DirectoryError> {
        let l = Obj::of("location", value, true)?;
        let id: Box<str> = l.id.unwrap_or("").into();
        if self.location_index.contains_key(&id) {
            return if top { Err(l.err("id", Problem::Duplicate)) } else { Ok(id) };
        }
        let point = match (l.number("latitude")?, l.number("longitude")?) {
            (None, None) => None,
            (Some(lat), Some(lon)) => Some(Point::new(lat, lon).ok_or_else(|| {
                let field = if (-90.0..=90.0).contains(&lat) { "longitude" } else { "latitude" };
                l.err(field, Problem::Invalid("outside the Earth's range".into()))
            })?),
            (None, Some(_)) => return Err(l.err("latitude", Problem::Missing)),
            (Some(_), None) => return Err(l.err("longitude", Problem::Missing)),
        };
        let addresses = l.array("addresses", 10)?;
        let mut address = None;
        for a in addresses {
            let (read, physical) = self.address(a)?;
            if address.is_none() || physical {
                address = Some(read);
            }
            if physical {
                break;
            }
        }
        let location = super::model::Location {
            id: id.clone(),
            name: opt(l.text("name", NAME_CHARS)?),
            transportation: opt(l.text("transportation", SHORT_CHARS)?),
            point,
            zone: crate::plan::zone::Zone::utc(),
            address,
            phones: self.phones(&l)?,
            languages: self.languages(&l)?,
            hours: self.hours(&l)?,
        };
        let zone_name = l.text("time_zone", 64)?.map(str::to_string);
        self.translatable(l.id);
        self.location_index.insert(id.clone(), self.locations.len() as u32);
        self.locations.push(RawLocation { location, zone_name });
        Ok(id)
    }

    /// An address, and whether it is the physical one.
    fn address(&mut self, value: &Value) -> Result<(Address, bool), DirectoryError> {
        let a = Obj::of("address", value, false)?;
        let physical = a
            .text("address_type", 32)?
            .is_none_or(|t| t.eq_ignore_ascii_case("physical"));
        Ok((
            Address {
                line1: a.required("address_1", NAME_CHARS)?.to_string(),
                line2: opt(a.text("address_2", NAME_CHARS)?),
                city: a.required("city", 100)?.to_string(),
                region: opt(a.text("state_province", 100)?.or(a.text("region", 100)?)),
                postal_code: opt(a.text("postal_code", 20)?),
                country: opt(a.text("country", 60)?),
            },
            physical,
        ))
    }

    fn phones(&mut self, owner: &Obj<'_>) -> Result<Vec<Phone>, DirectoryError> {
        let mut out = Vec::new();
        for value in owner.array("phones", PER_OBJECT)? {
            let p = Obj::of("phone", value, false)?;
            let extension = match p.get("extension") {
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => opt(p.text("extension", 20)?),
            };
            out.push(Phone {
                id: p.id.unwrap_or("").into(),
                number: p.required("number", 40)?.to_string(),
                extension,
                kind: opt(p.text("type", 32)?),
                description: opt(p.text("description", SHORT_CHARS)?),
            });
            self.translatable(p.id);
        }
        Ok(out)
    }

    fn languages(&mut self, owner: &Obj<'_>) -> Result<Vec<String>, DirectoryError> {
        let mut out: Vec<String> = Vec::new();
        for value in owner.array("languages", PER_OBJECT)? {
            let l = Obj::of("language", value, false)?;
            let code = match (l.text("code", 35)?, l.text("name", 100)?) {
                (Some(code), _) => language_code(code),
                (None, Some(name)) => language_code(name),
                (None, None) => return Err(l.err("code", Problem::Missing)),
            };
            if !out.contains(&code) {
                out.push(code);
            }
        }
        Ok(out)
    }

    fn hours(&mut self, owner: &Obj<'_>) -> Result<Vec<Hours>, DirectoryError> {
        let mut out = Vec::new();
        for value in owner.array("schedules", PER_OBJECT)? {
            let s = Obj::of("schedule", value, false)?;
            out.push(Hours::read(&s)?);
            self.translatable(s.id);
        }
        Ok(out)
    }

    fn service(&mut self, value: &Value) -> Result<(), DirectoryError> {
        let s = Obj::of("service", value, true)?;
        let id: Box<str> = s.id.unwrap_or("").into();
        if !self.service_ids.insert(id.clone()) {
            return Err(s.err("id", Problem::Duplicate));
        }
        let status = match s.required("status", 32)?.to_ascii_lowercase().replace('_', " ").as_str() {
            "active" => Some(Status::Active),
            "temporarily closed" => Some(Status::TemporarilyClosed),
            "inactive" | "defunct" => None,
            other => return Err(s.err("status", Problem::Invalid(format!("{other:?} is not an HSDS status")))),
        };
        let organization_id = match (s.text("organization_id", 128)?, s.get("organization")) {
            (Some(org), nested) => {
                if let Some(nested) = nested {
                    self.organization(nested, false)?;
                }
                org.into()
            }
            (None, Some(nested)) => self.organization(nested, false)?,
            (None, None) => return Err(s.err("organization_id", Problem::Missing)),
        };
        let mut sites = Vec::new();
        for value in s.array("service_at_locations", SITES_PER_SERVICE)? {
            let a = Obj::of("service_at_location", value, false)?;
            let location_id = match (a.text("location_id", 128)?, a.get("location")) {
                (Some(loc), nested) => {
                    if let Some(nested) = nested {
                        self.location(nested, false)?;
                    }
                    loc.into()
                }
                (None, Some(nested)) => self.location(nested, false)?,
                (None, None) => return Err(a.err("location_id", Problem::Missing)),
            };
            let site = super::model::Site {
                id: a.id.unwrap_or("").into(),
                location: u32::MAX,
                phones: self.phones(&a)?,
                hours: self.hours(&a)?,
            };
            self.translatable(a.id);
            sites.push((site, location_id));
        }
        let mut term_ids = Vec::new();
        for value in s.array("attributes", PER_OBJECT * 2)? {
            let a = Obj::of("attribute", value, false)?;
            let term = match (a.text("taxonomy_term_id", 128)?, a.get("taxonomy_term")) {
                (Some(t), nested) => {
                    if let Some(nested) = nested {
                        self.term(nested, false)?;
                    }
                    t.into()
                }
                (None, Some(nested)) => self.term(nested, false)?,
                (None, None) => return Err(a.err("taxonomy_term_id", Problem::Missing)),
            };
            term_ids.push(term);
        }
        let mut documents = Vec::new();
        for value in s.array("required_documents", PER_OBJECT)? {
            let d = Obj::of("required_document", value, false)?;
            documents.push(RequiredDocument {
                id: d.id.unwrap_or("").into(),
                text: d.required("document", SHORT_CHARS)?.to_string(),
            });
            self.translatable(d.id);
        }
        let service = super::model::Service {
            id: id.clone(),
            organization: u32::MAX,
            name: s.required("name", NAME_CHARS)?.to_string(),
            alternate_name: opt(s.text("alternate_name", NAME_CHARS)?),
            description: opt(s.text("description", TEXT_CHARS)?),
            status: status.unwrap_or(Status::Active),
            url: opt(s.text("url", URL_CHARS)?),
            email: opt(s.text("email", 320)?),
            fees: opt(s.text("fees_description", SHORT_CHARS)?),
            eligibility: opt(s.text("eligibility_description", SHORT_CHARS)?),
            application: opt(s.text("application_process", SHORT_CHARS)?),
            alert: opt(s.text("alert", SHORT_CHARS)?),
            interpretation: opt(s.text("interpretation_services", SHORT_CHARS)?),
            documents,
            phones: self.phones(&s)?,
            languages: self.languages(&s)?,
            terms: Vec::new(),
            sites: Vec::new(),
            hours: self.hours(&s)?,
        };
        self.translatable(s.id);
        // Inactive and defunct services are checked, then left out.
        if status.is_some() {
            let digest = digest(value, 0xcbf2_9ce4_8422_2325);
            self.services.push(RawService {
                service,
                organization_id,
                sites,
                term_ids,
                digest,
            });
        }
        Ok(())
    }
}
