//! Criterion benchmarks of the media pipelines on the committed fixtures
//! (and on a 12 MP photo when MEDIA_BENCH_PHOTO names one, as
//! scripts/media/bench.sh does).

use std::path::PathBuf;

use checkin_media::{PhotoPolicy, VoicePolicy, process_photo, process_voice};
use criterion::{Criterion, criterion_group, criterion_main};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/media")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn photo(c: &mut Criterion) {
    let policy = PhotoPolicy::default();
    let mut group = c.benchmark_group("photo");
    group.sample_size(20);
    for name in ["exif_gps_rotated.jpg", "two_faces.jpg", "portrait.png"] {
        let input = fixture(name);
        group.bench_function(name, |b| b.iter(|| process_photo(&input, &policy)));
    }
    if let Ok(path) = std::env::var("MEDIA_BENCH_PHOTO") {
        let input = std::fs::read(path).expect("MEDIA_BENCH_PHOTO readable");
        group.bench_function("12mp", |b| b.iter(|| process_photo(&input, &policy)));
    }
    group.finish();
}

fn voice(c: &mut Criterion) {
    let policy = VoicePolicy::default();
    let mut group = c.benchmark_group("voice");
    group.sample_size(20);
    for name in ["speech_16k_s16.wav", "speech_48k_f32_stereo.wav"] {
        let input = fixture(name);
        group.bench_function(name, |b| b.iter(|| process_voice(&input, &policy)));
    }
    group.finish();
}

criterion_group!(benches, photo, voice);
criterion_main!(benches);
