//! What a new revision of the case document changed, as the ledger
//! records it in the participant's words: which parts changed, never their
//! text (a condition or an officer's name has no place in a record the
//! participant may hand to others).

use super::{CaseDocument, CaseItem};
use crate::i18n::{Arg, Localizer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseChange {
    /// The first case document arrived.
    Received,
    CaseNumber,
    Officer,
    /// The officer's phone, email or contact hours.
    OfficerContact,
    ProgramPhones,
    ConditionsAdded(u32),
    ConditionsRemoved(u32),
    ConditionsChanged(u32),
    DocumentsToBring,
}

/// Conditions added, removed and reworded, matched by id.
fn diff(old: &[CaseItem], new: &[CaseItem]) -> (u32, u32, u32) {
    let added = new.iter().filter(|n| !old.iter().any(|o| o.id == n.id)).count();
    let removed = old.iter().filter(|o| !new.iter().any(|n| n.id == o.id)).count();
    let changed = new
        .iter()
        .filter(|n| old.iter().any(|o| o.id == n.id && o.text != n.text))
        .count();
    (added as u32, removed as u32, changed as u32)
}

impl CaseChange {
    /// From `old` (none before the first) to `new`.
    pub fn between(old: Option<&CaseDocument>, new: &CaseDocument) -> Vec<CaseChange> {
        let Some(old) = old else {
            return vec![CaseChange::Received];
        };
        let mut out = Vec::new();
        if old.case_number != new.case_number {
            out.push(CaseChange::CaseNumber);
        }
        match (&old.officer, &new.officer) {
            (Some(a), Some(b)) if a.name == b.name && a != b => {
                out.push(CaseChange::OfficerContact)
            }
            (Some(a), Some(b)) if a.name == b.name => {}
            (a, b) if a != b => out.push(CaseChange::Officer),
            _ => {}
        }
        if old.program_phones != new.program_phones {
            out.push(CaseChange::ProgramPhones);
        }
        let (added, removed, changed) = diff(&old.conditions, &new.conditions);
        for (n, change) in [
            (added, CaseChange::ConditionsAdded(added)),
            (removed, CaseChange::ConditionsRemoved(removed)),
            (changed, CaseChange::ConditionsChanged(changed)),
        ] {
            if n > 0 {
                out.push(change);
            }
        }
        if old.documents_to_bring != new.documents_to_bring {
            out.push(CaseChange::DocumentsToBring);
        }
        out
    }

    /// One sentence in the participant's language.
    pub fn describe(&self, l: &Localizer) -> String {
        let (id, count) = match self {
            CaseChange::Received => ("case-change-received", None),
            CaseChange::CaseNumber => ("case-change-number", None),
            CaseChange::Officer => ("case-change-officer", None),
            CaseChange::OfficerContact => ("case-change-officer-contact", None),
            CaseChange::ProgramPhones => ("case-change-phones", None),
            CaseChange::ConditionsAdded(n) => ("case-change-conditions-added", Some(*n)),
            CaseChange::ConditionsRemoved(n) => ("case-change-conditions-removed", Some(*n)),
            CaseChange::ConditionsChanged(n) => ("case-change-conditions-changed", Some(*n)),
            CaseChange::DocumentsToBring => ("case-change-documents", None),
        };
        match count {
            Some(n) => l.text(id, &[("count", Arg::Number(i64::from(n)))]),
            None => l.text(id, &[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(json: &str) -> CaseDocument {
        CaseDocument::from_json(json.as_bytes()).expect("case document")
    }

    #[test]
    fn changes_name_the_parts_that_changed() {
        let old = doc(r#"{"format": 1, "revision": 1, "language": "en", "case_number": "A-1",
            "officer": {"name": "Dana Ruiz", "phone": "+1 555 0100"},
            "conditions": [{"id": "a", "text": "One"}, {"id": "b", "text": "Two"}]}"#);
        let new = doc(r#"{"format": 1, "revision": 2, "language": "en", "case_number": "A-1",
            "officer": {"name": "Dana Ruiz", "phone": "+1 555 0199"},
            "conditions": [{"id": "a", "text": "One, reworded"}, {"id": "c", "text": "Three"}]}"#);
        assert_eq!(
            CaseChange::between(Some(&old), &new),
            vec![
                CaseChange::OfficerContact,
                CaseChange::ConditionsAdded(1),
                CaseChange::ConditionsRemoved(1),
                CaseChange::ConditionsChanged(1),
            ]
        );
        assert_eq!(CaseChange::between(None, &new), vec![CaseChange::Received]);
        assert!(CaseChange::between(Some(&new), &new).is_empty());
    }
}
