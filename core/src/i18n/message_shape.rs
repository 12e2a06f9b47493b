//! What a translation must keep of each message, read from the Fluent
//! syntax tree (test-only).
//!
//! A message's *shape* is the area file it lives in, every `$variable` it
//! uses anywhere in its value or attributes (placeables, selectors, every
//! variant, function and term arguments), the keys each variable is
//! selected on, and, in English, the grammar-only arguments listed on an
//! "Also given:" comment line right above it. `drift` compares a
//! language's shapes with English's and names each difference.
//!
//! Variables of a message referenced from another (`{ other-message }`)
//! are not followed; the formatting test catches such a reference when it
//! needs an argument the caller does not pass.

use super::FALLBACK_LANGUAGE;
use fluent_syntax::{ast, parser};
use std::collections::{BTreeMap, BTreeSet};

/// One message as a translation must keep it.
#[derive(Debug, Default)]
pub(super) struct Shape {
    /// Area file the message is in (`reminders` for `reminders.ftl`).
    pub(super) area: String,
    /// Every `$variable` used in the value or attributes.
    pub(super) variables: BTreeSet<String>,
    /// The variant keys each variable is selected on (`kind` →
    /// `court_hearing`, `office_visit`, `other`).
    pub(super) selector_keys: BTreeMap<String, BTreeSet<String>>,
    /// Grammar-only arguments named on an "Also given:" comment line.
    pub(super) also_given: BTreeSet<String>,
}

pub(super) type Shapes = BTreeMap<String, Shape>;

/// The bundled `(area, source)` files of `lang`, inflated.
pub(super) fn bundled_files(lang: &str) -> Vec<(&'static str, String)> {
    super::bundled_sources(lang)
}

/// Every message of `files`, parsed with comments (unlike the runtime
/// parser), or the first file's parse problems.
pub(super) fn shapes_of<S: AsRef<str>>(lang: &str, files: &[(&str, S)]) -> Result<Shapes, String> {
    let mut shapes = Shapes::new();
    for (area, source) in files {
        let source = source.as_ref();
        let resource = parser::parse(source)
            .map_err(|(_, errors)| parse_report(lang, area, source, &errors))?;
        for entry in &resource.body {
            let ast::Entry::Message(message) = entry else {
                continue;
            };
            let id = message.id.name.to_owned();
            if let Some(first) = shapes.get(&id) {
                return Err(format!(
                    "{lang}/{area}.ftl: message {id} is defined again (first in {lang}/{}.ftl)",
                    first.area
                ));
            }
            shapes.insert(id, shape_of(area, message));
        }
    }
    Ok(shapes)
}

fn shape_of(area: &str, message: &ast::Message<&str>) -> Shape {
    let mut uses = Uses::default();
    if let Some(value) = &message.value {
        uses.pattern(value);
    }
    for attribute in &message.attributes {
        uses.pattern(&attribute.value);
    }
    let also_given = message
        .comment
        .iter()
        .flat_map(|comment| comment.content.iter())
        .filter_map(|line| line.trim().strip_prefix("Also given:"))
        .flat_map(|rest| rest.split([',', ' ']))
        .filter_map(|word| word.trim().strip_prefix('$'))
        .map(str::to_owned)
        .collect();
    Shape {
        area: (*area).to_owned(),
        variables: uses.variables,
        selector_keys: uses.selector_keys,
        also_given,
    }
}

/// Parse errors as `lang/area.ftl:line: kind`, one per line.
pub(super) fn parse_report(
    lang: &str,
    area: &str,
    source: &str,
    errors: &[parser::ParserError],
) -> String {
    errors
        .iter()
        .map(|e| {
            let line = source
                .get(..e.pos.start)
                .map_or(0, |before| before.matches('\n').count() + 1);
            format!("{lang}/{area}.ftl:{line}: {}", e.kind)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The variables and selector keys a pattern uses, found by walking its
/// syntax tree: placeables, selectors, every variant, function and term
/// arguments.
#[derive(Default)]
struct Uses {
    variables: BTreeSet<String>,
    selector_keys: BTreeMap<String, BTreeSet<String>>,
}

impl Uses {
    fn pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                if let ast::InlineExpression::VariableReference { id } = selector {
                    let keys = self.selector_keys.entry(id.name.to_owned()).or_default();
                    keys.extend(variants.iter().map(|v| variant_key(&v.key).to_owned()));
                }
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
            ast::Expression::Inline(inline) => self.inline(inline),
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&str>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => self.arguments(arguments),
            ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => self.arguments(arguments),
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. }
            | ast::InlineExpression::MessageReference { .. }
            | ast::InlineExpression::TermReference { .. } => {}
        }
    }

    fn arguments(&mut self, arguments: &ast::CallArguments<&str>) {
        for positional in &arguments.positional {
            self.inline(positional);
        }
        for named in &arguments.named {
            self.inline(&named.value);
        }
    }
}

fn variant_key<'s>(key: &ast::VariantKey<&'s str>) -> &'s str {
    match key {
        ast::VariantKey::Identifier { name } => name,
        ast::VariantKey::NumberLiteral { value } => value,
    }
}

/// How `theirs` (language `lang`) differs from `english`, one line each.
pub(super) fn drift(lang: &str, english: &Shapes, theirs: &Shapes) -> Vec<String> {
    let mut problems = Vec::new();
    for (id, en) in english {
        let Some(ours) = theirs.get(id) else {
            problems.push(format!("{lang}/{}.ftl: message {id} is missing", en.area));
            continue;
        };
        let file = format!("{lang}/{}.ftl", ours.area);
        if ours.area != en.area {
            problems.push(format!(
                "{file}: message {id} belongs in {lang}/{}.ftl, as in English",
                en.area
            ));
        }
        for missing in en.variables.difference(&ours.variables) {
            problems.push(format!("{file}: message {id} does not use ${missing}"));
        }
        for extra in ours.variables.difference(&en.variables) {
            if !en.also_given.contains(extra) {
                problems.push(format!(
                    "{file}: message {id} uses ${extra}, which English neither uses nor lists after \"Also given:\""
                ));
            }
        }
    }
    for (id, ours) in theirs {
        if !english.contains_key(id) {
            problems.push(format!(
                "{lang}/{}.ftl: message {id} is not in English",
                ours.area
            ));
        }
    }
    problems
}

pub(super) fn english_shapes() -> Shapes {
    shapes_of(FALLBACK_LANGUAGE, &bundled_files(FALLBACK_LANGUAGE))
        .unwrap_or_else(|e| panic!("{e}"))
}
