//! The directory on the phone: importing the generated 5,000 services
//! (read, check, resolve, build the search index; what a sync does with a
//! new revision and what the first search after the app starts does), and
//! searching them. Goal: a two-word query's p95 ≤ 5 ms.
//!
//! Before criterion's runs, the p50 and p95 of 2,000 two-word searches
//! (40 different queries, shuffled) are measured one by one and printed,
//! since criterion reports means and medians only.
//!
//! Run: `cargo bench -p checkin-core --bench directory` (it generates the
//! fixture with `scripts/directory/make_directory.py`, seed 17, once per
//! build directory).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use checkin_core::directory::{Catalog, DirectoryQuery, search};
use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

const SERVICES: usize = 5000;

fn fixture() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("directory-17-{SERVICES}"));
    let file = dir.join("directory.json");
    if !file.is_file() {
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/directory/make_directory.py");
        let status = Command::new("python3")
            .arg(script)
            .args([
                "--out",
                &dir.to_string_lossy(),
                "--services",
                &SERVICES.to_string(),
                "--seed",
                "17",
            ])
            .status()
            .expect("python3 runs the fixture generator");
        assert!(status.success(), "make_directory.py failed");
    }
    std::fs::read(file).expect("fixture")
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-09T16:30:00Z")
        .expect("time")
        .into()
}

/// Two-word queries a participant might type, in the directory's
/// languages, some of them prefixes.
const TWO_WORDS: [&str; 40] = [
    "food pantry",
    "legal aid",
    "health clinic",
    "job training",
    "mental health",
    "emergency shelter",
    "family shelter",
    "clinica medica",
    "centro legal",
    "abri ijans",
    "manje fanmi",
    "klinik sante",
    "despensa comunitaria",
    "ayuda legal",
    "saude familia",
    "centro emprego",
    "hot meals",
    "english classes",
    "court help",
    "immigration legal",
    "free clinic",
    "dental care",
    "recovery support",
    "bus pass",
    "food mia",
    "legal chic",
    "shel hous",
    "clin pil",
    "med cent",
    "job cent",
    "counseling center",
    "sant travay",
    "kou angle",
    "abrigo casa",
    "refugio familiar",
    "comedor popular",
    "cozinha solidaria",
    "day labor",
    "workforce training",
    "safe night",
];

fn percentiles(catalog: &Catalog) {
    let mut order: Vec<usize> = (0..2000).map(|i| (i * 7919) % TWO_WORDS.len()).collect();
    order.rotate_left(13);
    let mut times: Vec<Duration> = Vec::with_capacity(order.len());
    let mut found = 0usize;
    for i in order {
        let q = DirectoryQuery {
            text: TWO_WORDS[i].into(),
            ..DirectoryQuery::default()
        };
        let started = Instant::now();
        let r = search(catalog, &q, now()).expect("search");
        times.push(started.elapsed());
        found += r.total;
    }
    times.sort();
    let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "directory search, two words, {} searches over {} services ({} matches on average): p50 {:?}, p95 {:?}, max {:?}",
        times.len(),
        catalog.services.len(),
        found / times.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

fn bench(c: &mut Criterion) {
    let bytes = fixture();
    let started = Instant::now();
    let catalog = Catalog::import(&bytes).expect("imports");
    println!(
        "directory: {} services, {} words indexed, {:.1} MB; first import {:?}",
        catalog.services.len(),
        catalog.indexed_words(),
        bytes.len() as f64 / 1e6,
        started.elapsed()
    );
    percentiles(&catalog);

    let mut group = c.benchmark_group("directory");
    group.sample_size(10);
    group.bench_function("import 5,000 services", |b| {
        b.iter(|| Catalog::import(&bytes).expect("imports"))
    });
    drop(group);
    let mut group = c.benchmark_group("directory search");
    let miami = catalog
        .places
        .iter()
        .find(|p| p.name == "Miami, FL")
        .expect("miami")
        .point;
    let queries = [
        (
            "two words",
            DirectoryQuery {
                text: "legal aid".into(),
                ..DirectoryQuery::default()
            },
        ),
        (
            "two prefixes",
            DirectoryQuery {
                text: "clin med".into(),
                ..DirectoryQuery::default()
            },
        ),
        (
            "one letter",
            DirectoryQuery {
                text: "s".into(),
                ..DirectoryQuery::default()
            },
        ),
        ("empty (everything, by name)", DirectoryQuery::default()),
        (
            "open now, everything",
            DirectoryQuery {
                open_now: true,
                ..DirectoryQuery::default()
            },
        ),
        (
            "two words near a point",
            DirectoryQuery {
                text: "food pantry".into(),
                near: Some(miami),
                ..DirectoryQuery::default()
            },
        ),
        (
            "200 characters",
            DirectoryQuery {
                text: "shelter food legal clinic "
                    .repeat(8)
                    .chars()
                    .take(200)
                    .collect(),
                ..DirectoryQuery::default()
            },
        ),
    ];
    for (name, q) in queries {
        group.bench_function(name, |b| {
            b.iter(|| search(&catalog, &q, now()).expect("search"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
