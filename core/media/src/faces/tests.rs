//! Tests of the face detector: equivalence with the `rustface` crate (the
//! oracle: the same SeetaFace model and algorithm), robustness on odd
//! planes and refusal of corrupt models.

use std::io::Cursor;

use proptest::prelude::*;
use rustface::ImageData;

use super::*;
use checkin_pixels::{Ycc420, target_size};

/// SeetaFace's own model file (32-bit floats), which rustface reads.
static ORIGINAL: &[u8] = include_bytes!("../../model/seeta_fd_frontal_v1.0.bin");

/// The bundled quantized model, inflated as the detector inflates it.
static MODEL: std::sync::LazyLock<Vec<u8>> =
    std::sync::LazyLock::new(|| model_bytes().expect("the bundled model inflates"));

/// rustface configured as `detect_faces` configures ours.
fn oracle(min_score: f64) -> Box<dyn rustface::Detector> {
    let model = rustface::read_model(Cursor::new(ORIGINAL)).expect("rustface reads the model");
    let mut d = rustface::create_detector_with_model(model);
    d.set_min_face_size(FACE_WINDOW_PX);
    d.set_score_thresh(min_score);
    d.set_pyramid_scale_factor(PYRAMID_SCALE);
    d.set_slide_window_step(WINDOW_STEP, WINDOW_STEP);
    d
}

/// Ours on the same model file as the oracle, so results must be identical.
fn ours() -> Detector {
    Detector::new(model_of(ORIGINAL, Reals::F32).expect("the original model parses"))
}

/// A fixture JPEG as the pipeline's face-scan plane: luma, long edge 512.
fn fixture_plane(name: &str) -> (Vec<u8>, u32, u32) {
    let path = format!("{}/../../fixtures/media/{name}", env!("CARGO_MANIFEST_DIR"));
    let rgb = image::open(&path).expect("fixture decodes").to_rgb8();
    let (w, h) = rgb.dimensions();
    let (luma, _, _) = Ycc420::planes_from_rgb(w, h, rgb.as_raw()).expect("planes");
    let (tw, th) = target_size(w, h, 512);
    let plane = luma.area_downscale(tw, th).expect("resizes");
    (plane.pixels().to_vec(), tw, th)
}

/// Assert both detectors find exactly the same squares with exactly the
/// same scores, in the same order; returns how many.
fn assert_same(plane: &[u8], w: u32, h: u32, min_score: f64, what: &str) -> usize {
    let expected: Vec<Proposal> = oracle(min_score)
        .detect(&ImageData::new(plane, w, h))
        .iter()
        .map(|f| {
            let b = f.bbox();
            assert_eq!(b.width(), b.height(), "{what}: rustface square");
            Proposal {
                x: b.x(),
                y: b.y(),
                size: b.width(),
                score: f.score(),
            }
        })
        .collect();
    let got = ours().detect(plane, w as usize, h as usize, min_score);
    assert_eq!(got, expected, "{what} (min score {min_score})");
    got.len()
}

const FIXTURES: [&str; 8] = [
    "portrait.jpg",
    "two_faces.jpg",
    "face_small_corner.jpg",
    "no_face.jpg",
    "blurred.jpg",
    "bright.jpg",
    "dark.jpg",
    "exif_gps_rotated.jpg",
];

#[test]
fn same_detections_as_rustface_on_every_fixture() {
    let mut faces = 0;
    for name in FIXTURES {
        let (plane, w, h) = fixture_plane(name);
        faces += assert_same(&plane, w, h, SCORE_THRESHOLD, name);
        // Every final candidate, not only confident faces.
        assert_same(&plane, w, h, 0.01, name);
    }
    // The fixtures do hold faces: the comparison is not vacuous.
    assert!(faces >= 5, "{faces} faces in the fixtures");
}

#[test]
fn same_detections_as_rustface_on_edited_planes() {
    let (plane, w, h) = fixture_plane("two_faces.jpg");
    let (w, h) = (w as usize, h as usize);
    // Shifted so the big face sticks out of the top-left corner (the MLP
    // stages then cut windows reaching outside the plane).
    let (cx, cy) = (w / 3, h / 5);
    let cropped: Vec<u8> = (cy..h)
        .flat_map(|y| plane[y * w + cx..(y + 1) * w].iter().copied())
        .collect();
    assert_same(&cropped, (w - cx) as u32, (h - cy) as u32, 0.01, "cropped");
    // Mirrored, and transposed (a portrait-shaped plane of odd size).
    let mirrored: Vec<u8> = plane
        .chunks_exact(w)
        .flat_map(|r| r.iter().rev().copied())
        .collect();
    assert_same(&mirrored, w as u32, h as u32, 0.01, "mirrored");
    let (tw, th) = (h - 1, w - 3);
    let transposed: Vec<u8> = (0..th)
        .flat_map(|y| (0..tw).map(move |x| (x, y)))
        .map(|(x, y)| plane[x * w + y])
        .collect();
    assert_same(&transposed, tw as u32, th as u32, 0.01, "transposed");
    // Full-size, not downscaled.
    let (big, bw, bh) = {
        let path = format!(
            "{}/../../fixtures/media/two_faces.jpg",
            env!("CARGO_MANIFEST_DIR")
        );
        let rgb = image::open(&path).expect("fixture decodes").to_rgb8();
        let (bw, bh) = rgb.dimensions();
        let (luma, _, _) = Ycc420::planes_from_rgb(bw, bh, rgb.as_raw()).expect("planes");
        (luma.pixels().to_vec(), bw, bh)
    };
    assert_same(&big, bw, bh, SCORE_THRESHOLD, "two_faces.jpg at 1024 px");
}

#[test]
fn same_detections_as_rustface_on_synthetic_planes() {
    // Seeded noise, a gradient, stripes and a checkerboard, at odd sizes.
    let mut state = 0x2545_f491_u32;
    let mut noise = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                (state >> 24) as u8
            })
            .collect()
    };
    let (w, h) = (203usize, 157usize);
    let planes: Vec<(&str, Vec<u8>)> = vec![
        ("noise", noise(w * h)),
        (
            "gradient",
            (0..w * h).map(|i| ((i % w) + (i / w)) as u8).collect(),
        ),
        (
            "stripes",
            (0..w * h)
                .map(|i| if (i % w) / 3 % 2 == 0 { 20 } else { 230 })
                .collect(),
        ),
        (
            "checkerboard",
            (0..w * h)
                .map(|i| {
                    if ((i % w) / 5 + (i / w) / 5) % 2 == 0 {
                        0
                    } else {
                        255
                    }
                })
                .collect(),
        ),
    ];
    for (name, plane) in &planes {
        assert_same(plane, w as u32, h as u32, 0.01, name);
    }
    // The smallest plane the detector accepts.
    assert_same(&noise(40 * 40), 40, 40, 0.01, "40×40 noise");
}

#[test]
fn bundled_model_parses() {
    assert!(model_of(&MODEL, Reals::Q8).is_ok());
    // Read the wrong way, either file is refused (its counts land on
    // weights), never misread.
    assert!(model_of(&MODEL, Reals::F32).is_err());
    assert!(model_of(ORIGINAL, Reals::Q8).is_err());
}

#[test]
fn bundled_model_is_the_original_quantized() {
    let quantized = model::convert(ORIGINAL, Reals::Q8).expect("converts");
    assert!(
        quantized == *MODEL,
        "the embedded model is stale: run `cargo test -p checkin-core --lib -- --ignored regenerate_quantized_model`"
    );
    assert!(MODEL.len() * 3 < ORIGINAL.len(), "{} bytes", MODEL.len());
}

/// Writes the embedded model from SeetaFace's original.
#[test]
#[ignore = "regenerates core/media/model/seeta_fd_frontal_v1.0.q8.bin"]
fn regenerate_quantized_model() {
    let path = format!(
        "{}/model/seeta_fd_frontal_v1.0.q8.bin",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = model::convert(ORIGINAL, Reals::Q8).expect("converts");
    std::fs::write(path, bytes).expect("writes");
}

/// Overlap of two squares, intersection over union.
fn iou(a: &Proposal, b: &Proposal) -> f64 {
    let side = |p: &Proposal| i64::from(p.size);
    let overlap = |a0: i32, b0: i32, a_len: i64, b_len: i64| {
        let (a0, b0) = (i64::from(a0), i64::from(b0));
        ((a0 + a_len).min(b0 + b_len) - a0.max(b0)).max(0)
    };
    let inter = overlap(a.x, b.x, side(a), side(b)) * overlap(a.y, b.y, side(a), side(b));
    let union = side(a) * side(a) + side(b) * side(b) - inter;
    inter as f64 / union as f64
}

/// The fixture planes plus edited copies (mirrored; shifted by a few
/// pixels, so the scan windows fall differently) for more faces.
fn planes_with_faces() -> Vec<(String, Vec<u8>, usize, usize)> {
    let mut planes = Vec::new();
    for name in FIXTURES {
        let (plane, w, h) = fixture_plane(name);
        let (w, h) = (w as usize, h as usize);
        let mirrored = plane
            .chunks_exact(w)
            .flat_map(|r| r.iter().rev().copied())
            .collect();
        let (dx, dy) = (2, 3);
        let shifted = plane
            .chunks_exact(w)
            .skip(dy)
            .flat_map(|r| r[dx..].iter().copied())
            .collect();
        planes.push((format!("{name} mirrored"), mirrored, w, h));
        planes.push((format!("{name} shifted"), shifted, w - dx, h - dy));
        planes.push((name.to_owned(), plane, w, h));
    }
    planes
}

/// The embedded model moves a face's square by a few pixels at most (the
/// final square is the mean of the windows that survive, and rounding
/// decides a few borderline windows), and finds the same faces.
#[test]
fn quantized_weights_find_the_same_faces() {
    let mut full = ours();
    let mut small = Detector::new(model_of(&MODEL, Reals::Q8).expect("parses"));
    let (mut faces, mut worst) = (0, 1.0f64);
    for (what, plane, w, h) in planes_with_faces() {
        let a = full.detect(&plane, w, h, SCORE_THRESHOLD);
        let b = small.detect(&plane, w, h, SCORE_THRESHOLD);
        assert_eq!(a.len(), b.len(), "{what}: {a:?} vs {b:?}");
        for x in &a {
            let best = b.iter().map(|y| iou(x, y)).fold(0.0, f64::max);
            assert!(best >= 0.75, "{what}: {x:?} has no match in {b:?}");
            worst = worst.min(best);
        }
        faces += a.len();
    }
    eprintln!("{faces} faces, worst overlap {worst:.3}");
    assert!(faces >= 12, "the planes hold {faces} faces");
}

#[test]
fn flat_and_tiny_planes_have_no_faces() {
    let flat = vec![128u8; 200 * 150];
    assert_eq!(detect_faces(&flat, 200, 150), Ok(Vec::new()));
    assert_eq!(detect_faces(&[0u8; 30 * 30], 30, 30), Ok(Vec::new()));
    // Length mismatch is not a panic.
    assert_eq!(detect_faces(&[0u8; 10], 200, 150), Ok(Vec::new()));
}

#[test]
fn finds_the_portrait_face_inside_the_plane() {
    let (plane, w, h) = fixture_plane("portrait.jpg");
    let faces = detect_faces(&plane, w, h).expect("detects");
    assert_eq!(faces.len(), 1, "{faces:?}");
    assert!(faces[0].is_face() && faces[0].is_confident(), "{faces:?}");
    let f = faces[0].region;
    assert!(
        f.x + f.width <= w && f.y + f.height <= h && f.width >= 40,
        "{f:?}"
    );
}

#[test]
fn truncated_model_is_refused() {
    for len in [
        0,
        3,
        4,
        100,
        ORIGINAL.len() / 2,
        ORIGINAL.len() - 4,
        ORIGINAL.len() - 1,
    ] {
        assert!(
            matches!(
                model_of(&ORIGINAL[..len], Reals::F32),
                Err(MediaError::Internal { .. })
            ),
            "{len} bytes"
        );
    }
    for len in [0, 3, MODEL.len() / 2, MODEL.len() - 2, MODEL.len() - 1] {
        assert!(model_of(&MODEL[..len], Reals::Q8).is_err(), "{len} bytes");
    }
    let mut longer = ORIGINAL.to_vec();
    longer.extend_from_slice(&[0; 4]);
    assert!(model_of(&longer, Reals::F32).is_err(), "trailing bytes");
}

/// The model with the little-endian word at byte `at` replaced.
fn patched(at: usize, value: i32) -> Vec<u8> {
    let mut m = ORIGINAL.to_vec();
    m[at..at + 4].copy_from_slice(&value.to_le_bytes());
    m
}

#[test]
fn corrupt_model_counts_are_refused() {
    // Word offsets: 0 levels, 4 groups of level 0, 8 stages, 12 kind,
    // 16 LAB feature count, 20 bins, 24 first feature x.
    for (at, value) in [
        (0, 0),
        (0, 1),
        (0, i32::MAX),
        (0, -1),
        (4, 1 << 30),
        (8, 2),
        (12, 1),
        (12, 7),
        (16, 1 << 30),
        (16, 15),
        (16, -10),
        (20, 1 << 20),
        (20, 7),
        (24, 32),
        (24, -1),
    ] {
        assert!(
            model_of(&patched(at, value), Reals::F32).is_err(),
            "word {at} = {value}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn odd_planes_never_panic(
        width in 0u32..120,
        height in 0u32..120,
        extra in -3i64..3,
        seed in any::<u64>(),
    ) {
        let len = (i64::from(width) * i64::from(height) + extra).max(0) as usize;
        let mut s = seed | 1;
        let plane: Vec<u8> = (0..len).map(|_| { s ^= s << 7; s ^= s >> 9; s as u8 }).collect();
        let faces = detect_faces(&plane, width, height);
        prop_assert!(faces.is_ok());
        for f in faces.unwrap_or_default() {
            let f = f.region;
            prop_assert!(f.x + f.width <= width && f.y + f.height <= height);
        }
        // One pixel wide or high.
        prop_assert_eq!(detect_faces(&plane[..(height as usize).min(len)], 1, height), Ok(Vec::new()));
        prop_assert_eq!(detect_faces(&plane[..(width as usize).min(len)], width, 1), Ok(Vec::new()));
    }

    #[test]
    fn corrupted_model_words_never_panic(word in 0usize..ORIGINAL.len() / 4, value in any::<i32>()) {
        // Either refused or read; never a panic or an absurd allocation.
        let _ = model_of(&patched(word * 4, value), Reals::F32);
    }
}
