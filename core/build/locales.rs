//! Bundles every message file under `core/locales/<lang>/<area>.ftl` into
//! the library, so adding a language or an area is adding a file.
//!
//! It writes `$OUT_DIR/bundled_locales.rs`, a sorted table of
//! `(language tag, area, file text)` that `i18n` parses at run time. Each
//! text is stored zlib-compressed: five languages' messages and their
//! translator notes are about 230 KB as text and about a third of that
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

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let compressed_dir = out_dir.join("locales");
    fs::create_dir_all(&compressed_dir).expect("OUT_DIR is writable");
    let mut out = String::from("pub(crate) static BUNDLED: &[(&str, &str, &[u8])] = &[\n");
    for (lang, area, path) in &files {
        let text = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let compressed = compressed_dir.join(format!("{lang}-{area}.ftl.z"));
        fs::write(
            &compressed,
            miniz_oxide::deflate::compress_to_vec_zlib(&text, 10),
        )
        .expect("OUT_DIR is writable");
        writeln!(
            out,
            "    ({lang:?}, {area:?}, include_bytes!({:?})),",
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
