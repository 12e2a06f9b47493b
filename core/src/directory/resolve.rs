//! The last step of an import: every reference resolved (an organization,
//! a location, a category, a translation must name an object of the
//! document), zones looked up, categories given their ancestors, the
//! cities and the search index built. A reference to nothing refuses the
//! whole directory.

use std::collections::HashMap;

use super::Catalog;
use super::geo::Point;
use super::hsds::{DirectoryError, Problem};
use super::index::Index;
use super::model::{Location, Place, Term};
use super::objects::Builder;
use crate::plan::zone::Zone;

/// At most this many cities are offered as points to search from.
const MAX_PLACES: usize = 12;

fn missing(field: &str) -> DirectoryError {
    DirectoryError::envelope(field, Problem::Missing)
}

impl Builder {
    pub fn finish(mut self) -> Result<Catalog, DirectoryError> {
        if self.format.is_none() {
            return Err(missing("format"));
        }
        let revision = self.revision.ok_or_else(|| missing("revision"))?;
        let language = self.language.take().ok_or_else(|| missing("language"))?;
        let zone_name = self.zone.take().ok_or_else(|| missing("zone"))?;
        let zone = Zone::named(&zone_name).ok_or_else(|| {
            DirectoryError::envelope("zone", Problem::Invalid(format!("{zone_name:?} is not an IANA zone")))
        })?;
        let locations = self.zones(&zone)?;
        let terms = self.term_tree()?;
        let mut services = Vec::with_capacity(self.services.len());
        let mut digests = Vec::with_capacity(self.services.len());
        for raw in std::mem::take(&mut self.services) {
            let mut service = raw.service;
            let reference = |object: &'static str, id: &str, field: &str| DirectoryError {
                object,
                id: Some(id.to_string()),
                field: field.to_string(),
                problem: Problem::UnknownReference,
            };
            service.organization = *self
                .org_index
                .get(&raw.organization_id)
                .ok_or_else(|| reference("service", &service.id, "organization_id"))?;
            for (mut site, location_id) in raw.sites {
                site.location = *self
                    .location_index
                    .get(&location_id)
                    .ok_or_else(|| reference("service_at_location", &site.id, "location_id"))?;
                for code in &locations[site.location as usize].languages {
                    if !service.languages.contains(code) {
                        service.languages.push(code.clone());
                    }
                }
                service.sites.push(site);
            }
            for term_id in &raw.term_ids {
                let mut at = Some(
                    *self
                        .term_index
                        .get(term_id)
                        .ok_or_else(|| reference("attribute", term_id, "taxonomy_term_id"))?,
                );
                while let Some(t) = at {
                    if !service.terms.contains(&t) {
                        service.terms.push(t);
                    }
                    at = terms[t as usize].parent;
                }
            }
            digests.push(raw.digest);
            services.push(service);
        }
        for (id, entries) in &self.translations.by_object {
            if !self.translatable.contains(id) {
                let lang = entries
                    .first()
                    .and_then(|(_, l, _)| self.translations.languages.get(usize::from(*l)))
                    .cloned()
                    .unwrap_or_default();
                return Err(DirectoryError {
                    object: "translations",
                    id: Some(id.to_string()),
                    field: lang,
                    problem: Problem::UnknownReference,
                });
            }
        }
        let places = places(&services, &locations);
        let mut catalog = Catalog {
            revision,
            language,
            zone,
            organizations: self.organizations,
            locations,
            terms,
            services,
            translations: self.translations,
            places,
            digests,
            index: Index::default(),
        };
        catalog.index = Index::build(&catalog);
        Ok(catalog)
    }

    /// Each location with its zone: its own `time_zone`, else the
    /// directory's. Zones are looked up once per name.
    fn zones(&mut self, default: &Zone) -> Result<Vec<Location>, DirectoryError> {
        let mut known: HashMap<String, Zone> = HashMap::new();
        let mut out = Vec::with_capacity(self.locations.len());
        for raw in std::mem::take(&mut self.locations) {
            let mut location = raw.location;
            location.zone = match raw.zone_name {
                None => default.clone(),
                Some(name) => match known.get(&name) {
                    Some(z) => z.clone(),
                    None => {
                        let z = Zone::named(&name).ok_or_else(|| DirectoryError {
                            object: "location",
                            id: Some(location.id.to_string()),
                            field: "time_zone".into(),
                            problem: Problem::Invalid(format!("{name:?} is not an IANA zone")),
                        })?;
                        known.insert(name, z.clone());
                        z
                    }
                },
            };
            out.push(location);
        }
        Ok(out)
    }

    /// The categories with their parents resolved; a parent that is not a
    /// category, or a circle of parents, refuses the directory.
    fn term_tree(&mut self) -> Result<Vec<Term>, DirectoryError> {
        let mut terms = Vec::with_capacity(self.terms.len());
        for (mut term, parent) in std::mem::take(&mut self.terms) {
            if let Some(parent) = parent {
                term.parent = Some(*self.term_index.get(&parent).ok_or_else(|| DirectoryError {
                    object: "taxonomy_term",
                    id: Some(term.id.to_string()),
                    field: "parent_id".into(),
                    problem: Problem::UnknownReference,
                })?);
            }
            terms.push(term);
        }
        for (i, term) in terms.iter().enumerate() {
            let mut at = term.parent;
            let mut steps = 0;
            while let Some(p) = at {
                steps += 1;
                if p as usize == i || steps > terms.len() {
                    return Err(DirectoryError {
                        object: "taxonomy_term",
                        id: Some(term.id.to_string()),
                        field: "parent_id".into(),
                        problem: Problem::Invalid("its parents go round in a circle".into()),
                    });
                }
                at = terms[p as usize].parent;
            }
        }
        Ok(terms)
    }
}

/// The cities of the directory's places, busiest first, each at the
/// centre of its places.
fn places(services: &[super::model::Service], locations: &[Location]) -> Vec<Place> {
    let mut by_city: HashMap<String, (f64, f64, u32, u32)> = HashMap::new();
    for location in locations {
        if let (Some(address), Some(p)) = (&location.address, location.point) {
            let name = match &address.region {
                Some(region) => format!("{}, {region}", address.city),
                None => address.city.clone(),
            };
            let e = by_city.entry(name).or_default();
            e.0 += p.latitude;
            e.1 += p.longitude;
            e.2 += 1;
        }
    }
    for service in services {
        let mut seen: Vec<&str> = Vec::new();
        for site in &service.sites {
            let Some(address) = &locations[site.location as usize].address else {
                continue;
            };
            if seen.contains(&address.city.as_str()) {
                continue;
            }
            seen.push(&address.city);
            let name = match &address.region {
                Some(region) => format!("{}, {region}", address.city),
                None => address.city.clone(),
            };
            if let Some(e) = by_city.get_mut(&name) {
                e.3 += 1;
            }
        }
    }
    let mut places: Vec<Place> = by_city
        .into_iter()
        .filter_map(|(name, (lat, lon, n, services))| {
            let point = Point::new(lat / f64::from(n), lon / f64::from(n))?;
            Some(Place {
                name,
                point,
                services,
            })
        })
        .collect();
    places.sort_by(|a, b| b.services.cmp(&a.services).then_with(|| a.name.cmp(&b.name)));
    places.truncate(MAX_PLACES);
    places
}
