//! Bundles every message file under `core/locales/<lang>/<area>.ftl` into
//! the library, so adding a language or an area is adding a file.
//!
//! It writes `$OUT_DIR/bundled_locales.rs`, a sorted table of languages,
//! each with its files' areas and their text, that `i18n` parses at run
//! time. Each language's text is stored zlib-compressed: five languages'
//! messages are about 190 KB as text and about a quarter of that
//! compressed, and a phone only ever inflates its participant's language
//! and English.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

pub fn bundle() {
    let manifest =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let locales = manifest.join("locales");
    println!("cargo:rerun-if-changed={}", locales.display());

    let mut files: Vec<(String, String, PathBuf)> = Vec::new();
    for lang_dir in read_sorted(&locales) {
        if !lang_dir.is_dir() {
            continue;
        }
        // Watch each language folder too: a new file changes the folder, not `locales/`.
        println!("cargo:rerun-if-changed={}", lang_dir.display());
        let lang = file_name(&lang_dir);
        for file in read_sorted(&lang_dir) {
            if file.extension().and_then(|e| e.to_str()) != Some("ftl") {
                continue;
            }
            println!("cargo:rerun-if-changed={}", file.display());
            let area = file
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("locale file names are UTF-8")
                .to_owned();
            files.push((lang.clone(), area, file));
        }
    }

    // One zlib stream per language: its files compress better together
    // than one by one. Release builds leave out comment lines (translator
    // notes: about a seventh of the compressed text), which the runtime
    // parser skips anyway; debug builds, where the locale tests read them,
    // keep them.
    let release = env::var("PROFILE").is_ok_and(|p| p == "release");
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut out = String::from(
        "/// One bundled language: its files' `(area, start, end)` in the\n\
         /// inflated text, and that text zlib-compressed.\n\
         pub(crate) struct Language {\n\
         \x20   pub(crate) tag: &'static str,\n\
         \x20   pub(crate) files: &'static [(&'static str, usize, usize)],\n\
         \x20   pub(crate) compressed: &'static [u8],\n\
         }\n\n\
         pub(crate) static BUNDLED: &[Language] = &[\n",
    );
    let mut langs: Vec<&str> = files.iter().map(|(lang, _, _)| lang.as_str()).collect();
    langs.dedup();
    for lang in langs {
        let mut text = String::new();
        let mut table = String::new();
        for (_, area, path) in files.iter().filter(|(l, _, _)| l == lang) {
            let source = fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let start = text.len();
            for line in source.lines() {
                // A `#` in the first column always starts a comment in Fluent.
                if release && line.starts_with('#') {
                    continue;
                }
                text.push_str(line);
                text.push('\n');
            }
            write!(table, "({area:?}, {start}, {}), ", text.len())
                .expect("writing to a String cannot fail");
        }
        let compressed = out_dir.join(format!("locale-{lang}.ftl.z"));
        fs::write(
            &compressed,
            miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 10),
        )
        .expect("OUT_DIR is writable");
        writeln!(
            out,
            "    Language {{ tag: {lang:?}, files: &[{table}], compressed: include_bytes!({:?}) }},",
            compressed.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");
    fs::write(out_dir.join("bundled_locales.rs"), out).expect("OUT_DIR is writable");
}

fn read_sorted(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .collect();
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|s| s.to_str())
        .expect("locale folder names are UTF-8")
        .to_owned()
}
