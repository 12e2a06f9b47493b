//! What a new revision of the directory changed, as the ledger records it:
//! how many services were added, removed and changed (a service changed
//! when anything the program wrote about it did). Counts only, never a
//! service's name: the ledger says what the program sent, not what the
//! participant looked at.

use super::Catalog;
use crate::i18n::{Arg, Localizer};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DirectoryChanges {
    pub added: u32,
    pub removed: u32,
    pub changed: u32,
}

impl DirectoryChanges {
    /// From `old` (none before the first directory) to `new`.
    pub fn between(old: Option<&Catalog>, new: &Catalog) -> Self {
        let Some(old) = old else {
            return DirectoryChanges {
                added: new.services.len() as u32,
                ..Self::default()
            };
        };
        let before: std::collections::HashMap<&str, u64> = old
            .services
            .iter()
            .zip(&old.digests)
            .map(|(s, d)| (&*s.id, *d))
            .collect();
        let mut out = DirectoryChanges::default();
        let mut kept = 0u32;
        for (s, d) in new.services.iter().zip(&new.digests) {
            match before.get(&*s.id) {
                None => out.added += 1,
                Some(old) => {
                    kept += 1;
                    if old != d {
                        out.changed += 1;
                    }
                }
            }
        }
        out.removed = before.len() as u32 - kept;
        out
    }

    /// One sentence per kind of change, in the participant's language.
    pub fn describe(&self, l: &Localizer) -> Vec<String> {
        [
            ("directory-change-added", self.added),
            ("directory-change-removed", self.removed),
            ("directory-change-changed", self.changed),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(id, n)| l.text(id, &[("count", Arg::Number(i64::from(n)))]))
        .collect()
    }
}
