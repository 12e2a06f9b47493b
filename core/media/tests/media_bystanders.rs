//! The bystander blur fails closed (src/bystanders.rs): on the face
//! fixtures (fixtures/media) and on scenes composed here from them, no face
//! but the one kept as the participant's survives unblurred, and every case
//! where the detector's result leaves room for a missed bystander is
//! reported as `blur_uncertain`, with its reason.

use std::io::Cursor;
use std::path::PathBuf;

use checkin_media::{BlurDoubt, FaceBox, PhotoPolicy, ProcessedPhoto, process_photo};
use image::{ImageFormat, RgbImage};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/media")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn process(input: &[u8], what: &str) -> ProcessedPhoto {
    process_photo(input, &PhotoPolicy::default()).unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Faces a fresh look at a processed photo finds, without blurring.
fn faces_left(jpeg: &[u8]) -> Vec<FaceBox> {
    let look = PhotoPolicy {
        blur_bystanders: false,
        ..PhotoPolicy::default()
    };
    process_photo(jpeg, &look)
        .expect("reprocessed")
        .report
        .faces
}

/// Largest minus smallest luma inside `f` of a JPEG.
fn contrast(jpeg: &[u8], f: &FaceBox) -> u8 {
    let luma = image::load_from_memory(jpeg).expect("decodes").into_luma8();
    let (mut lo, mut hi) = (255u8, 0u8);
    for y in f.y..f.y + f.height {
        for x in f.x..f.x + f.width {
            let v = luma.get_pixel(x, y).0[0];
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    hi - lo
}

/// The guarantee: only the face kept as the participant's is still a face,
/// and every other face found is flat where it was.
fn assert_only_the_participant_survives(input: &[u8], out: &ProcessedPhoto, what: &str) {
    let left = faces_left(&out.jpeg);
    assert!(left.len() <= 1, "{what}: faces left unblurred: {left:?}");
    if let (Some(kept), Some(seen)) = (out.report.faces.first(), left.first()) {
        assert!(
            kept.x.abs_diff(seen.x) < 16 && kept.y.abs_diff(seen.y) < 16,
            "{what}: {seen:?} survived, the participant's is {kept:?}"
        );
    }
    assert_eq!(
        out.bystanders_blurred as usize,
        out.report.faces.len().saturating_sub(1),
        "{what}"
    );
    let before = process_photo(
        input,
        &PhotoPolicy {
            blur_bystanders: false,
            ..PhotoPolicy::default()
        },
    )
    .expect("unblurred");
    for bystander in out.report.faces.iter().skip(1) {
        let (after, was) = (
            contrast(&out.jpeg, bystander),
            contrast(&before.jpeg, bystander),
        );
        assert!(
            u32::from(after) * 4 < u32::from(was),
            "{what}: {bystander:?} contrast {after}, was {was}"
        );
    }
}

#[test]
fn fixtures_keep_one_face_and_flag_each_ambiguity() {
    let cases: [(&str, &[BlurDoubt]); 8] = [
        ("portrait.jpg", &[]),
        ("portrait.png", &[]),
        ("exif_gps_rotated.jpg", &[]),
        ("two_faces.jpg", &[BlurDoubt::SeveralFaces]),
        ("face_small_corner.jpg", &[BlurDoubt::LoneFaceNotFramed]),
        ("no_face.jpg", &[BlurDoubt::NoFaceFound]),
        ("blurred.jpg", &[BlurDoubt::LowConfidence]),
        ("dark.jpg", &[BlurDoubt::NoFaceFound]),
    ];
    for (name, doubts) in cases {
        let input = fixture(name);
        let out = process(&input, name);
        assert_eq!(out.report.blur_doubts, doubts, "{name}");
        assert_eq!(out.report.blur_uncertain, !doubts.is_empty(), "{name}");
        assert_only_the_participant_survives(&input, &out, name);
    }
}

#[test]
fn no_blur_asked_means_nothing_blurred_and_nothing_uncertain() {
    let policy = PhotoPolicy {
        blur_bystanders: false,
        ..PhotoPolicy::default()
    };
    for name in ["two_faces.jpg", "no_face.jpg", "face_small_corner.jpg"] {
        let out = process_photo(&fixture(name), &policy).expect("processed");
        assert!(!out.report.blur_uncertain, "{name}");
        assert!(out.report.blur_doubts.is_empty(), "{name}");
        assert_eq!(out.bystanders_blurred, 0, "{name}");
    }
}

/// The portrait fixture's pixels, resized to `side` square.
fn astronaut(side: u32) -> RgbImage {
    let portrait = image::load_from_memory(&fixture("portrait.png"))
        .expect("fixture decodes")
        .into_rgb8();
    image::imageops::resize(&portrait, side, side, image::imageops::FilterType::Lanczos3)
}

fn jpeg_of(scene: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    scene
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
        .expect("encode");
    out
}

/// A 1024×768 grey scene with the astronaut at `participant_side` near the
/// centre and a crop of a larger copy (its face and hair, `bystander_side`
/// for the whole portrait) with its top-left at `bystander_at`.
fn scene(participant_side: u32, bystander_side: u32, bystander_at: (i64, i64)) -> RgbImage {
    let mut scene = RgbImage::from_pixel(1024, 768, image::Rgb([96, 104, 112]));
    let participant = astronaut(participant_side);
    image::imageops::replace(
        &mut scene,
        &participant,
        i64::from(512 - participant_side / 2),
        i64::from(384 - participant_side / 2),
    );
    // The head of the portrait lies in its middle 60 % across and top 70 %.
    let big = astronaut(bystander_side);
    let head = image::imageops::crop_imm(
        &big,
        bystander_side / 5,
        0,
        bystander_side * 3 / 5,
        bystander_side * 7 / 10,
    )
    .to_image();
    image::imageops::replace(&mut scene, &head, bystander_at.0, bystander_at.1);
    scene
}

#[test]
fn a_bystander_larger_than_the_participant_is_blurred_or_the_result_is_uncertain() {
    // The bystander's face is larger; the participant's is nearer the
    // centre. Whichever is kept, the other is blurred, and since nobody
    // confirmed the choice the result says so.
    let input = jpeg_of(&scene(512, 700, (610, 0)));
    let out = process(&input, "larger bystander");
    assert_eq!(out.report.faces.len(), 2, "{:?}", out.report.faces);
    assert!(out.report.blur_uncertain);
    assert!(out.report.blur_doubts.contains(&BlurDoubt::SeveralFaces));
    assert_only_the_participant_survives(&input, &out, "larger bystander");
}

#[test]
fn a_face_cut_off_by_the_frame_is_flagged_and_not_taken_for_the_participant() {
    // A bystander close to the camera at the side: a larger face than the
    // participant's, a tenth of it past the left edge.
    let input = jpeg_of(&scene(480, 600, (-90, 60)));
    let out = process(&input, "face at the edge");
    assert_eq!(out.report.faces.len(), 2, "{:?}", out.report.faces);
    let (kept, cut) = (out.report.faces[0], out.report.faces[1]);
    assert_eq!(cut.x, 0, "{:?}", out.report.faces);
    assert!(cut.width > kept.width, "{:?}", out.report.faces);
    assert_eq!(
        out.report.blur_doubts,
        vec![BlurDoubt::SeveralFaces, BlurDoubt::FaceAtEdge]
    );
    assert_only_the_participant_survives(&input, &out, "face at the edge");
}
