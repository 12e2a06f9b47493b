//! Reading the program's directory document (docs/directory.md): the
//! envelope (`format`, `revision`, `zone`, …) around Open Referral HSDS 3.0
//! objects, read one object at a time so a directory of thousands of
//! services never sits in memory as a JSON tree.
//!
//! Guarantees: anything malformed is refused with a [`DirectoryError`]
//! naming the object (`service`, `schedule`, …), its id when it has one,
//! and the field; nothing half-read is ever returned. Fields of HSDS
//! objects this reader does not use are ignored (docs/directory.md lists
//! them with the reason); fields of the envelope it does not know are
//! refused, as the plan's are.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::objects::Builder;

/// Largest directory document, uncompressed.
pub const MAX_DOCUMENT_BYTES: usize = 32 * 1024 * 1024;
/// The only envelope format this core reads.
pub const FORMAT: u64 = 1;

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing,
    WrongType(&'static str),
    Invalid(String),
    TooLong(usize),
    TooMany(usize),
    /// Another object of the same kind has this id.
    Duplicate,
    /// The id names no object of the kind expected.
    UnknownReference,
    UnknownField,
    NotJson(String),
    TooLarge(usize),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Missing => f.write_str("missing"),
            Problem::WrongType(t) => write!(f, "expected {t}"),
            Problem::Invalid(why) => f.write_str(why),
            Problem::TooLong(n) => write!(f, "longer than {n} characters"),
            Problem::TooMany(n) => write!(f, "more than {n} entries"),
            Problem::Duplicate => f.write_str("the id is used twice"),
            Problem::UnknownReference => f.write_str("names nothing in the directory"),
            Problem::UnknownField => f.write_str("not a field of this format"),
            Problem::NotJson(why) => write!(f, "not JSON: {why}"),
            Problem::TooLarge(n) => write!(f, "larger than {n} bytes"),
        }
    }
}

/// A directory refused: which object, which field, what is wrong. It names
/// the program's ids, never anything about the participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryError {
    /// The HSDS object (`service`, `location`, …) or `directory` for the
    /// envelope, `translations` for a translation.
    pub object: &'static str,
    pub id: Option<String>,
    pub field: String,
    pub problem: Problem,
}

impl std::fmt::Display for DirectoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.object)?;
        if let Some(id) = &self.id {
            write!(f, " {id:?}")?;
        }
        if !self.field.is_empty() {
            write!(f, ", field {}", self.field)?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for DirectoryError {}

impl DirectoryError {
    pub(crate) fn envelope(field: &str, problem: Problem) -> Self {
        DirectoryError {
            object: "directory",
            id: None,
            field: field.to_string(),
            problem,
        }
    }
}

/// One HSDS object being read: its kind, its id, its fields.
pub(crate) struct Obj<'v> {
    pub kind: &'static str,
    pub id: Option<&'v str>,
    map: &'v Map<String, Value>,
}

/// Longest id accepted (HSDS asks for UUIDs; any short printable id is read).
const MAX_ID_CHARS: usize = 128;

impl<'v> Obj<'v> {
    /// `value` as an object of `kind`; its `id` must be there when `needs_id`.
    pub fn of(kind: &'static str, value: &'v Value, needs_id: bool) -> Result<Self, DirectoryError> {
        let Value::Object(map) = value else {
            return Err(DirectoryError {
                object: kind,
                id: None,
                field: String::new(),
                problem: Problem::WrongType("an object"),
            });
        };
        let mut obj = Obj {
            kind,
            id: None,
            map,
        };
        obj.id = obj.text("id", MAX_ID_CHARS)?;
        if let Some(id) = obj.id
            && id.chars().any(char::is_control)
        {
            return Err(obj.err("id", Problem::Invalid("control characters in an id".into())));
        }
        if needs_id && obj.id.is_none() {
            return Err(obj.err("id", Problem::Missing));
        }
        Ok(obj)
    }

    pub fn err(&self, field: &str, problem: Problem) -> DirectoryError {
        DirectoryError {
            object: self.kind,
            id: self.id.map(str::to_string),
            field: field.to_string(),
            problem,
        }
    }

    /// The field's value; JSON `null` reads as absent.
    pub fn get(&self, field: &str) -> Option<&'v Value> {
        self.map.get(field).filter(|v| !v.is_null())
    }

    /// A text field, trimmed; empty reads as absent.
    pub fn text(&self, field: &str, max_chars: usize) -> Result<Option<&'v str>, DirectoryError> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::String(s)) => {
                let s = s.trim();
                if s.chars().count() > max_chars {
                    Err(self.err(field, Problem::TooLong(max_chars)))
                } else {
                    Ok((!s.is_empty()).then_some(s))
                }
            }
            Some(_) => Err(self.err(field, Problem::WrongType("text"))),
        }
    }

    pub fn required(&self, field: &str, max_chars: usize) -> Result<&'v str, DirectoryError> {
        self.text(field, max_chars)?
            .ok_or_else(|| self.err(field, Problem::Missing))
    }

    /// A number, or a number written as text (HSDS's CSV heritage).
    pub fn number(&self, field: &str) -> Result<Option<f64>, DirectoryError> {
        let n = match self.get(field) {
            None => return Ok(None),
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
            Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
            Some(_) => None,
        };
        match n {
            Some(n) if n.is_finite() => Ok(Some(n)),
            _ => Err(self.err(field, Problem::WrongType("a number"))),
        }
    }

    /// An array field (absent reads as empty), at most `max` long.
    pub fn array(&self, field: &str, max: usize) -> Result<&'v [Value], DirectoryError> {
        match self.get(field) {
            None => Ok(&[]),
            Some(Value::Array(items)) if items.len() > max => {
                Err(self.err(field, Problem::TooMany(max)))
            }
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(self.err(field, Problem::WrongType("an array"))),
        }
    }
}

/// Reads a whole directory document.
pub(crate) fn read(bytes: &[u8], builder: &mut Builder) -> Result<(), DirectoryError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(DirectoryError::envelope("", Problem::TooLarge(MAX_DOCUMENT_BYTES)));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let outcome = Envelope(builder).deserialize(&mut de).and_then(|()| de.end());
    match (outcome, builder.error.take()) {
        (_, Some(refused)) => Err(refused),
        (Ok(()), None) => Ok(()),
        (Err(e), None) => Err(DirectoryError::envelope(
            builder.reading.unwrap_or(""),
            Problem::NotJson(e.to_string()),
        )),
    }
}

/// Stops the reader with `error`, kept in the builder.
fn stop<E: de::Error>(builder: &mut Builder, error: DirectoryError) -> E {
    builder.error = Some(error);
    E::custom("refused")
}

/// The envelope object.
struct Envelope<'b>(&'b mut Builder);

impl<'de> DeserializeSeed<'de> for Envelope<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Envelope<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the directory object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let b = self.0;
        while let Some(key) = map.next_key::<String>()? {
            let Some(field) = super::objects::ENVELOPE_FIELDS.iter().find(|f| **f == key) else {
                return Err(stop(b, DirectoryError::envelope(&key, Problem::UnknownField)));
            };
            b.reading = Some(field);
            match *field {
                "organizations" | "locations" | "taxonomy_terms" | "services" => {
                    map.next_value_seed(Each { builder: b, list: field })?
                }
                "translations" => map.next_value_seed(TranslationsSeed(b))?,
                _ => {
                    let value: Value = map.next_value()?;
                    b.envelope_field(field, &value).map_err(|e| stop(b, e))?;
                }
            }
            b.reading = None;
        }
        Ok(())
    }
}

/// One of the envelope's lists, read element by element.
struct Each<'b> {
    builder: &'b mut Builder,
    list: &'static str,
}

impl<'de> DeserializeSeed<'de> for Each<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Each<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            self.builder
                .element(self.list, &value)
                .map_err(|e| stop(self.builder, e))?;
        }
        Ok(())
    }
}

/// `translations`: language → object id → field → text.
struct TranslationsSeed<'b>(&'b mut Builder);

impl<'de> DeserializeSeed<'de> for TranslationsSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TranslationsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object of languages")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let b = self.0;
        while let Some(language) = map.next_key::<String>()? {
            let objects: Map<String, Value> = map.next_value()?;
            b.translations(&language, objects).map_err(|e| stop(b, e))?;
        }
        Ok(())
    }
}
