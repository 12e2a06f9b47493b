//! The search index: every folded word of every service's name, other
//! name, organization, categories, description and city, in every
//! language the directory has, sorted, each with the services it appears
//! in and how much that field counts. Built in memory when a directory is
//! loaded, never written anywhere.
//!
//! A prefix is a range of the sorted words, found by binary search, so
//! "clin" finds "clinic", "clinica" and "clinique" in one pass.

use std::collections::HashMap;

use super::Catalog;
use super::fold::for_each_word;
use super::model::Field;

/// How much a word counts by where it appears.
pub(crate) mod weight {
    pub const NAME: u8 = 8;
    pub const ALTERNATE_NAME: u8 = 6;
    pub const ORGANIZATION: u8 = 5;
    pub const CATEGORY: u8 = 5;
    pub const CITY: u8 = 2;
    pub const DESCRIPTION: u8 = 2;
}

#[derive(Debug, Default)]
pub(crate) struct Index {
    words: Vec<Box<str>>,
    /// `postings[starts[i]..starts[i + 1]]` belong to `words[i]`.
    starts: Vec<u32>,
    services: Vec<u32>,
    weights: Vec<u8>,
}

/// Collects (word → services) while the catalog is walked.
struct Collector {
    postings: super::model::FastMap<String, Vec<(u32, u8)>>,
    buffer: String,
    service: u32,
}

impl Collector {
    fn add(&mut self, text: &str, weight: u8) {
        let (postings, service) = (&mut self.postings, self.service);
        for_each_word(text, &mut self.buffer, |word| {
            let list = match postings.get_mut(word) {
                Some(list) => list,
                None => postings.entry(word.to_string()).or_default(),
            };
            match list.last_mut() {
                Some((s, w)) if *s == service => *w = (*w).max(weight),
                _ => list.push((service, weight)),
            }
        });
    }

    /// A text and every translation of it.
    fn add_all(&mut self, c: &Catalog, id: &str, field: Field, text: &str, weight: u8) {
        self.add(text, weight);
        for t in c.translations.all(id, field) {
            self.add(t, weight);
        }
    }
}

impl Index {
    pub fn build(c: &Catalog) -> Index {
        let mut col = Collector {
            postings: HashMap::default(),
            buffer: String::new(),
            service: 0,
        };
        for (i, s) in c.services.iter().enumerate() {
            col.service = i as u32;
            col.add_all(c, &s.id, Field::Name, &s.name, weight::NAME);
            if let Some(alt) = &s.alternate_name {
                col.add_all(c, &s.id, Field::AlternateName, alt, weight::ALTERNATE_NAME);
            }
            if let Some(org) = c.organizations.get(s.organization as usize) {
                col.add_all(c, &org.id, Field::Name, &org.name, weight::ORGANIZATION);
            }
            for t in &s.terms {
                if let Some(term) = c.terms.get(*t as usize) {
                    col.add_all(c, &term.id, Field::Name, &term.name, weight::CATEGORY);
                }
            }
            if let Some(d) = &s.description {
                col.add_all(c, &s.id, Field::Description, d, weight::DESCRIPTION);
            }
            for site in &s.sites {
                if let Some(a) = c.locations.get(site.location as usize).and_then(|l| l.address.as_ref()) {
                    col.add(&a.city, weight::CITY);
                }
            }
        }
        let mut words: Vec<(String, Vec<(u32, u8)>)> = col.postings.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let total: usize = words.iter().map(|(_, p)| p.len()).sum();
        let mut index = Index {
            words: Vec::with_capacity(words.len()),
            starts: Vec::with_capacity(words.len() + 1),
            services: Vec::with_capacity(total),
            weights: Vec::with_capacity(total),
        };
        for (word, postings) in words {
            index.words.push(word.into());
            index.starts.push(index.services.len() as u32);
            for (s, w) in postings {
                index.services.push(s);
                index.weights.push(w);
            }
        }
        index.starts.push(index.services.len() as u32);
        index
    }

    /// Calls `hit(service, weight, exact)` for every service with a word
    /// that starts with `prefix` (`exact`: the word is the prefix itself).
    /// A service may be reported once per matching word.
    pub fn each_match(&self, prefix: &str, mut hit: impl FnMut(u32, u8, bool)) {
        let first = self.words.partition_point(|w| &**w < prefix);
        for (i, word) in self.words[first..].iter().enumerate() {
            if !word.starts_with(prefix) {
                break;
            }
            let at = first + i;
            let exact = word.len() == prefix.len();
            let (from, to) = (self.starts[at] as usize, self.starts[at + 1] as usize);
            for (s, w) in self.services[from..to].iter().zip(&self.weights[from..to]) {
                hit(*s, *w, exact);
            }
        }
    }

    /// How many distinct words the index holds.
    #[cfg(feature = "internals")]
    pub fn word_count(&self) -> usize {
        self.words.len()
    }
}
