//! The core's shape, checked from its source: the module list in
//! `src/lib.rs` is the order of the layers, from the ground up, and every
//! file may name (`crate::…`) only modules listed before its own: no module
//! imports from a layer above it, so there are no circles either. Also the
//! size limits a newcomer relies on: a thin client, no file too long to
//! read in one sitting.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The longest a file of `core/src` may be.
const MAX_FILE_LINES: usize = 600;
/// The longest the client (the orchestrator) may be.
const MAX_CLIENT_LINES: usize = 400;

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The layers as `lib.rs` lists them: module name → its rank.
fn layers() -> HashMap<String, usize> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("lib.rs");
    let start = lib.find("internal_modules!(").expect("the module list") + 18;
    let list = &lib[start..start + lib[start..].find(");").expect("end of the list")];
    let mut ranks: HashMap<String, usize> = list
        .lines()
        .map(|l| l.split("//").next().unwrap_or("").trim())
        .flat_map(|l| l.split(','))
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .enumerate()
        .map(|(rank, m)| (m.to_string(), rank))
        .collect();
    // The test-only look inside the client sits on top of everything.
    ranks.insert("testing".into(), ranks.len());
    ranks
}

/// The top-level module a file belongs to (`src/store/queue.rs` → `store`).
fn module_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then(|| name.to_string())
}

/// Every `crate::name` a file mentions, with its line number.
fn mentions(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + 7..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let prefixed = at > 0 && rest.as_bytes()[at - 1].is_ascii_alphanumeric();
            if !name.is_empty() && !prefixed {
                out.push((n + 1, name));
            }
            rest = after;
        }
    }
    out
}

#[test]
fn every_module_imports_only_from_the_layers_below_it() {
    let ranks = layers();
    assert!(ranks.len() > 20, "the module list was read: {ranks:?}");
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut upward = Vec::new();
    for file in &files {
        let Some(own) = module_of(file) else { continue };
        let own_rank = *ranks
            .get(&own)
            .unwrap_or_else(|| panic!("{own} is not in lib.rs's module list"));
        let text = std::fs::read_to_string(file).expect("read");
        for (line, name) in mentions(&text) {
            let Some(&rank) = ranks.get(&name) else {
                // Items of lib.rs itself (re-exports, VERSION).
                continue;
            };
            if rank > own_rank {
                upward.push(format!(
                    "{}:{line}: {own} names {name}, a layer above it",
                    file.display()
                ));
            }
        }
    }
    assert!(upward.is_empty(), "{}", upward.join("\n"));
}

#[test]
fn the_check_finds_an_import_from_above() {
    // The same reading applied to a line that breaks the rule.
    let ranks = layers();
    let found = mentions("use crate::client::CheckinClient; // not crate::store");
    assert_eq!(found, vec![(1, "client".to_string())]);
    assert!(ranks["client"] > ranks["store"]);
    assert!(mentions("let x = notcrate::store::A;").is_empty());
}

#[test]
fn the_client_is_thin_and_every_file_reads_in_one_sitting() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let lines = |f: &Path| std::fs::read_to_string(f).expect("read").lines().count();
    let client = lines(&src().join("client.rs"));
    assert!(client <= MAX_CLIENT_LINES, "client.rs has {client} lines");
    let long: Vec<String> = files
        .iter()
        .filter(|f| lines(f) > MAX_FILE_LINES)
        .map(|f| format!("{}: {} lines", f.display(), lines(f)))
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}
