//! The program's case document (docs/directory.md, "Case document"): the
//! case number, the officer and when to reach them, the program's phone
//! numbers, the conditions of supervision in plain language and the
//! documents to bring, each text in the languages the program provides.
//! The hearings are the plan's appointments, not repeated here.
//!
//! Guarantees: a document is read whole or refused with a [`CaseError`]
//! naming the field; unknown fields are refused (a field this core does
//! not understand could be a condition the participant never sees). The
//! document is personal: it is stored sealed, shown on screens marked
//! secure, and its case number is shown masked until the participant asks.

mod changes;

pub use changes::CaseChange;

use serde_json::{Map, Value};

/// The only format this core reads.
pub const FORMAT: u64 = 1;
/// Largest case document.
pub const MAX_CASE_BYTES: usize = 256 * 1024;
const MAX_TEXT_CHARS: usize = 2000;
const MAX_ITEMS: usize = 50;
const MAX_PHONES: usize = 10;
const MAX_LANGUAGES: usize = 16;

/// A field of the case document that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("case document, field {field}: {problem}")]
pub struct CaseError {
    /// A path such as `conditions[2].text`.
    pub field: String,
    pub problem: String,
}

fn bad(field: impl Into<String>, problem: impl Into<String>) -> CaseError {
    CaseError {
        field: field.into(),
        problem: problem.into(),
    }
}

/// A text in one or more languages; the first is the document's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalText(Vec<(String, String)>);

impl LocalText {
    /// The text in `language` (exact tag, else the same base language),
    /// else in the document's language.
    pub fn get(&self, language: &str) -> &str {
        let base = |t: &str| t.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        self.0
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(language))
            .or_else(|| self.0.iter().find(|(l, _)| base(l) == base(language)))
            .or(self.0.first())
            .map_or("", |(_, t)| t)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// When the officer can be reached, in words.
    pub contact_hours: Option<LocalText>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramPhone {
    pub label: LocalText,
    pub number: String,
}

/// A condition of supervision, or a document to bring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseItem {
    pub id: String,
    pub text: LocalText,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDocument {
    pub revision: u64,
    pub language: String,
    pub case_number: Option<String>,
    pub officer: Option<Officer>,
    pub program_phones: Vec<ProgramPhone>,
    pub conditions: Vec<CaseItem>,
    pub documents_to_bring: Vec<CaseItem>,
}

/// The fields of `object` (at `path`), refusing any not in `known`.
fn fields<'v>(value: &'v Value, path: &str, known: &[&str]) -> Result<&'v Map<String, Value>, CaseError> {
    let Value::Object(map) = value else {
        return Err(bad(path, "expected an object"));
    };
    if let Some(unknown) = map.keys().find(|k| !known.contains(&k.as_str())) {
        let at = if path.is_empty() { unknown.clone() } else { format!("{path}.{unknown}") };
        return Err(bad(at, "not a field of this format"));
    }
    Ok(map)
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() { field.to_string() } else { format!("{path}.{field}") }
}

fn text(map: &Map<String, Value>, path: &str, field: &str, max: usize) -> Result<Option<String>, CaseError> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.chars().count() > max => {
            Err(bad(join(path, field), format!("longer than {max} characters")))
        }
        Some(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(_) => Err(bad(join(path, field), "expected text")),
    }
}

fn local_text(map: &Map<String, Value>, path: &str, field: &str, language: &str) -> Result<Option<LocalText>, CaseError> {
    let at = join(path, field);
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(_)) => Ok(text(map, path, field, MAX_TEXT_CHARS)?
            .map(|t| LocalText(vec![(language.to_string(), t)]))),
        Some(Value::Object(by_language)) => {
            if by_language.len() > MAX_LANGUAGES {
                return Err(bad(at, format!("more than {MAX_LANGUAGES} languages")));
            }
            let mut out: Vec<(String, String)> = Vec::new();
            for lang in by_language.keys() {
                let Some(t) = text(by_language, &at, lang, MAX_TEXT_CHARS)? else {
                    continue;
                };
                if lang.is_empty() || lang.len() > 35 {
                    return Err(bad(&at, "a key is not a language tag"));
                }
                // The document's language first: it is the fallback.
                if lang.eq_ignore_ascii_case(language) {
                    out.insert(0, (lang.clone(), t));
                } else {
                    out.push((lang.clone(), t));
                }
            }
            if out.is_empty() {
                return Ok(None);
            }
            Ok(Some(LocalText(out)))
        }
        Some(_) => Err(bad(at, "expected text or an object of texts by language")),
    }
}

fn items(map: &Map<String, Value>, field: &str, language: &str) -> Result<Vec<CaseItem>, CaseError> {
    let list = match map.get(field) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(list)) if list.len() <= MAX_ITEMS => list,
        Some(Value::Array(_)) => return Err(bad(field, format!("more than {MAX_ITEMS} entries"))),
        Some(_) => return Err(bad(field, "expected an array")),
    };
    let mut out: Vec<CaseItem> = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let path = format!("{field}[{i}]");
        let m = fields(v, &path, &["id", "text"])?;
        let id = text(m, &path, "id", 64)?.ok_or_else(|| bad(join(&path, "id"), "missing"))?;
        if out.iter().any(|o| o.id == id) {
            return Err(bad(join(&path, "id"), "the id is used twice"));
        }
        let text = local_text(m, &path, "text", language)?
            .ok_or_else(|| bad(join(&path, "text"), "missing"))?;
        out.push(CaseItem { id, text });
    }
    Ok(out)
}

impl CaseDocument {
    /// Reads and checks a case document.
    pub fn from_json(bytes: &[u8]) -> Result<CaseDocument, CaseError> {
        if bytes.len() > MAX_CASE_BYTES {
            return Err(bad("", format!("larger than {MAX_CASE_BYTES} bytes")));
        }
        let value: Value = serde_json::from_slice(bytes).map_err(|e| bad("", format!("not JSON: {e}")))?;
        let known = [
            "format", "revision", "language", "case_number", "officer", "program_phones",
            "conditions", "documents_to_bring",
        ];
        let m = fields(&value, "", &known)?;
        if m.get("format").and_then(Value::as_u64) != Some(FORMAT) {
            return Err(bad("format", "must be 1"));
        }
        let revision = m
            .get("revision")
            .and_then(Value::as_u64)
            .filter(|r| *r >= 1)
            .ok_or_else(|| bad("revision", "expected a whole number from 1"))?;
        let language = text(m, "", "language", 35)?.ok_or_else(|| bad("language", "missing"))?;
        let case_number = text(m, "", "case_number", 64)?;
        if case_number.as_deref().is_some_and(|n| n.chars().any(char::is_control)) {
            return Err(bad("case_number", "control characters"));
        }
        let officer = match m.get("officer") {
            None | Some(Value::Null) => None,
            Some(v) => {
                let o = fields(v, "officer", &["name", "phone", "email", "contact_hours"])?;
                Some(Officer {
                    name: text(o, "officer", "name", 200)?
                        .ok_or_else(|| bad("officer.name", "missing"))?,
                    phone: text(o, "officer", "phone", 40)?,
                    email: text(o, "officer", "email", 320)?,
                    contact_hours: local_text(o, "officer", "contact_hours", &language)?,
                })
            }
        };
        let mut program_phones = Vec::new();
        match m.get("program_phones") {
            None | Some(Value::Null) => {}
            Some(Value::Array(list)) if list.len() <= MAX_PHONES => {
                for (i, v) in list.iter().enumerate() {
                    let path = format!("program_phones[{i}]");
                    let p = fields(v, &path, &["label", "number"])?;
                    program_phones.push(ProgramPhone {
                        label: local_text(p, &path, "label", &language)?
                            .ok_or_else(|| bad(join(&path, "label"), "missing"))?,
                        number: text(p, &path, "number", 40)?
                            .ok_or_else(|| bad(join(&path, "number"), "missing"))?,
                    });
                }
            }
            Some(_) => return Err(bad("program_phones", format!("expected an array of at most {MAX_PHONES}"))),
        }
        Ok(CaseDocument {
            revision,
            case_number,
            officer,
            program_phones,
            conditions: items(m, "conditions", &language)?,
            documents_to_bring: items(m, "documents_to_bring", &language)?,
            language,
        })
    }
}

/// The case number as shown until the participant asks to see it: every
/// letter and digit but the last three replaced by a dot
/// (`A-123-456-789` → `•-•••-•••-789`).
pub fn mask(case_number: &str) -> String {
    let keep_from = case_number.chars().filter(|c| c.is_alphanumeric()).count().saturating_sub(3);
    let mut seen = 0;
    case_number
        .chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen > keep_from { c } else { '•' }
        })
        .collect()
}

/// The last three letters and digits, for a screen reader ("ending in 789").
pub fn last_three(case_number: &str) -> String {
    let tail: Vec<char> = case_number.chars().filter(|c| c.is_alphanumeric()).collect();
    tail[tail.len().saturating_sub(3)..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_case_number_is_masked_but_its_end() {
        assert_eq!(mask("A-123-456-789"), "•-•••-•••-789");
        assert_eq!(mask("12"), "12");
        assert_eq!(mask(""), "");
        assert_eq!(last_three("A-123-456-789"), "789");
        assert_eq!(last_three("7"), "7");
    }

    #[test]
    fn texts_follow_the_language_with_the_documents_as_fallback() {
        let doc = br#"{"format": 1, "revision": 2, "language": "en",
            "conditions": [{"id": "c1", "text": {"es": "Llame cada lunes.", "en": "Call every Monday."}}]}"#;
        let d = CaseDocument::from_json(doc).expect("reads");
        let t = &d.conditions[0].text;
        assert_eq!(t.get("es-MX"), "Llame cada lunes.");
        assert_eq!(t.get("ht"), "Call every Monday.");
        assert_eq!(t.get("en"), "Call every Monday.");
    }

    #[test]
    fn every_refusal_names_its_field() {
        let cases: [(&[u8], &str); 8] = [
            (br#"{"format": 2, "revision": 1, "language": "en"}"#, "format"),
            (br#"{"format": 1, "language": "en"}"#, "revision"),
            (br#"{"format": 1, "revision": 1, "language": "en", "surprise": 1}"#, "surprise"),
            (br#"{"format": 1, "revision": 1, "language": "en", "officer": {"phone": "1"}}"#, "officer.name"),
            (br#"{"format": 1, "revision": 1, "language": "en", "conditions": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}"#, "conditions[1].id"),
            (br#"{"format": 1, "revision": 1, "language": "en", "documents_to_bring": [{"id": "a"}]}"#, "documents_to_bring[0].text"),
            (br#"{"format": 1, "revision": 1, "language": "en", "program_phones": [{"label": "Desk"}]}"#, "program_phones[0].number"),
            (b"{not json", ""),
        ];
        for (bytes, field) in cases {
            let err = CaseDocument::from_json(bytes).expect_err(field);
            assert_eq!(err.field, field, "{err}");
        }
    }
}
