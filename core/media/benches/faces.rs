//! Face detection alone: our detector against `rustface` (the crate it
//! replaces, same model and settings) on the photo pipeline's face-scan
//! plane (luma, long edge 512) of two fixtures.
//!
//! `cargo bench -p checkin-media --bench faces`; criterion's median for
//! each is in `target/criterion/faces/<detector>/<fixture>/new/estimates.json`.

use std::io::Cursor;

use checkin_media::bench_support::{detect_faces, face_scan_plane};
use criterion::{Criterion, criterion_group, criterion_main};

static MODEL: &[u8] = include_bytes!("../model/seeta_fd_frontal_v1.0.bin");

fn plane(name: &str) -> (Vec<u8>, u32, u32) {
    let path = format!("{}/../../fixtures/media/{name}", env!("CARGO_MANIFEST_DIR"));
    let rgb = image::open(path).expect("fixture decodes").to_rgb8();
    let (w, h) = rgb.dimensions();
    face_scan_plane(rgb.as_raw(), w, h, 512).expect("plane")
}

fn faces(c: &mut Criterion) {
    let mut oracle = {
        let model = rustface::read_model(Cursor::new(MODEL)).expect("model");
        let mut d = rustface::create_detector_with_model(model);
        d.set_min_face_size(40);
        d.set_score_thresh(3.0);
        d.set_pyramid_scale_factor(0.75);
        d.set_slide_window_step(4, 4);
        d
    };
    let mut group = c.benchmark_group("faces");
    group.sample_size(30);
    for name in ["portrait.jpg", "two_faces.jpg"] {
        let (luma, w, h) = plane(name);
        let ours = detect_faces(&luma, w, h).expect("detects");
        let theirs = oracle.detect(&rustface::ImageData::new(&luma, w, h)).len();
        assert_eq!(ours, theirs, "{name}: face counts differ");
        eprintln!("{name}: {w}×{h} plane, {ours} faces");
        group.bench_function(format!("ours/{name}"), |b| {
            b.iter(|| detect_faces(&luma, w, h))
        });
        group.bench_function(format!("rustface/{name}"), |b| {
            b.iter(|| oracle.detect(&rustface::ImageData::new(&luma, w, h)))
        });
    }
    group.finish();
}

criterion_group!(benches, faces);
criterion_main!(benches);
