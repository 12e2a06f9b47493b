//! The generated directories the directory tests read: written by
//! `scripts/directory/make_directory.py` (deterministic seed) once per
//! build directory and reused, since 5,000 services are about 8 MB.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub const SEED: u32 = 17;
pub const SERVICES: usize = 5000;

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/directory/make_directory.py")
}

/// Runs the generator with `args` into a fresh folder `name` under the
/// build's temporary directory, unless an earlier run left it complete.
fn generated(name: &str, args: &[&str], marker: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if dir.join(marker).is_file() {
        return dir;
    }
    // Another test binary may be writing the same folder: write aside, then
    // rename into place (the loser of a race keeps the winner's copy).
    let partial = dir.with_extension(format!("partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&partial);
    let mut cmd = Command::new("python3");
    cmd.arg(script());
    for a in args {
        cmd.arg(a.replace("{dir}", &partial.to_string_lossy()));
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to generate the directory fixture: {e}"));
    assert!(
        out.status.success(),
        "make_directory.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    if std::fs::rename(&partial, &dir).is_err() {
        let _ = std::fs::remove_dir_all(&partial);
    }
    assert!(
        dir.join(marker).is_file(),
        "the fixture is at {}",
        dir.display()
    );
    dir
}

/// The realistic directory: 5,000 services in eight cities.
pub fn large() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let n = SERVICES.to_string();
        let seed = SEED.to_string();
        let dir = generated(
            &format!("directory-{SEED}-{SERVICES}"),
            &["--out", "{dir}", "--services", &n, "--seed", &seed],
            "directory.json",
        );
        std::fs::read(dir.join("directory.json")).expect("read the generated directory")
    })
}

/// A small directory (`services` services, revision `revision`).
pub fn small(services: usize, revision: u64) -> Vec<u8> {
    let n = services.to_string();
    let r = revision.to_string();
    let dir = generated(
        &format!("directory-{SEED}-{services}-r{revision}"),
        &[
            "--out",
            "{dir}",
            "--services",
            &n,
            "--seed",
            &SEED.to_string(),
            "--revision",
            &r,
        ],
        "directory.json",
    );
    std::fs::read(dir.join("directory.json")).expect("read the generated directory")
}

/// The broken variants and what each must be refused for:
/// (file name, bytes, object, field).
pub fn broken() -> Vec<(String, Vec<u8>, String, String)> {
    let dir = generated(
        &format!("directory-broken-{SEED}"),
        &["--broken", "{dir}", "--seed", &SEED.to_string()],
        "expected.json",
    );
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("expected.json"))
            .expect("expected.json is JSON");
    expected
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            let file = e["file"].as_str().expect("file").to_string();
            let bytes = std::fs::read(dir.join(&file)).expect("variant");
            (
                file,
                bytes,
                e["object"].as_str().expect("object").to_string(),
                e["field"].as_str().expect("field").to_string(),
            )
        })
        .collect()
}
