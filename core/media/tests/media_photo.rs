//! Photo pipeline against the committed fixtures (fixtures/media, see its
//! README for sources and licences): orientation, metadata removal checked
//! by exiftool, the quality report per fixture, and bystander blurring.
//!
//! Needs `exiftool` (Debian: libimage-exiftool-perl) on PATH; the metadata
//! test fails, never skips, without it.

use std::path::PathBuf;
use std::process::Command;

use checkin_media::{MediaError, PhotoIssue, PhotoPolicy, ProcessedPhoto, Severity, process_photo};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/media")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn process(name: &str) -> ProcessedPhoto {
    process_photo(&fixture(name), &PhotoPolicy::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn issues(p: &ProcessedPhoto) -> Vec<PhotoIssue> {
    p.report.findings.iter().map(|f| f.issue).collect()
}

/// Run exiftool on `bytes` and return every tag as "Group:Tag".
fn exiftool_tags(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.jpg");
    std::fs::write(&path, bytes).expect("write");
    let out = Command::new("exiftool")
        .args(["-a", "-G1", "-s", "-u"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "exiftool is required for this test and could not be run ({e}); \
                 install it (Debian/Ubuntu: apt-get install libimage-exiftool-perl)"
            )
        });
    assert!(
        out.status.success(),
        "exiftool failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (tag, _) = l.split_once(':')?;
            // "[Group]   Tag" -> "Group:Tag"
            let mut parts = tag.split_whitespace();
            let group = parts.next()?.trim_start_matches('[').trim_end_matches(']');
            Some(format!("{group}:{}", parts.next()?))
        })
        .collect()
}

#[test]
fn good_portraits_pass_with_no_issues() {
    for name in ["portrait.jpg", "portrait.png", "exif_gps_rotated.jpg"] {
        let p = process(name);
        assert_eq!(issues(&p), vec![], "{name}: {:?}", p.report);
        assert_eq!(p.report.faces.len(), 1, "{name}");
        assert!(!p.report.blocks_submit());
    }
}

#[test]
fn each_bad_fixture_is_flagged() {
    let cases: [(&str, &[PhotoIssue]); 6] = [
        ("dark.jpg", &[PhotoIssue::TooDark]),
        ("bright.jpg", &[PhotoIssue::TooBright]),
        ("blurred.jpg", &[PhotoIssue::Blurry]),
        ("no_face.jpg", &[PhotoIssue::NoFace]),
        ("two_faces.jpg", &[PhotoIssue::MultipleFaces]),
        (
            "face_small_corner.jpg",
            &[PhotoIssue::FaceTooSmall, PhotoIssue::FaceOffCentre],
        ),
    ];
    for (name, expected) in cases {
        let p = process(name);
        for issue in expected {
            assert!(
                p.report.has(*issue),
                "{name} should have {issue:?}: {:?}",
                issues(&p)
            );
        }
        // Default policy: every issue warns, none blocks.
        assert!(
            p.report
                .findings
                .iter()
                .all(|f| f.severity == Severity::Warning)
        );
    }
    // The good portrait is neither dark, bright nor blurry, so the
    // thresholds sit between good and bad fixtures.
    let good = process("portrait.jpg").report;
    for bad in ["dark.jpg", "bright.jpg", "blurred.jpg"] {
        let r = process(bad).report;
        assert!(
            (r.mean_luma - good.mean_luma).abs() > 30.0 || r.sharpness < good.sharpness / 10.0,
            "{bad} is not clearly separated from the good portrait"
        );
    }
}

#[test]
fn policy_decides_what_blocks() {
    let policy = PhotoPolicy {
        blocking: vec![PhotoIssue::TooDark],
        ..PhotoPolicy::default()
    };
    let p = process_photo(&fixture("dark.jpg"), &policy).expect("processed");
    let dark = p
        .report
        .findings
        .iter()
        .find(|f| f.issue == PhotoIssue::TooDark);
    assert_eq!(dark.map(|f| f.severity), Some(Severity::Blocking));
    let no_face = p
        .report
        .findings
        .iter()
        .find(|f| f.issue == PhotoIssue::NoFace);
    assert_eq!(no_face.map(|f| f.severity), Some(Severity::Warning));
    assert!(p.report.blocks_submit());
}

#[test]
fn orientation_is_applied() {
    // Stored 2048x1536 with Orientation=6; upright it is portrait 1536x2048.
    let p = process("exif_gps_rotated.jpg");
    assert_eq!((p.width, p.height), (768, 1024));
    // The face is upright (the detector only finds frontal upright faces)
    // and in the upper half, where it is in the upright scene.
    let face = p.report.faces.first().expect("a face");
    assert!(face.y + face.height / 2 < p.height / 2, "{face:?}");
}

#[test]
fn no_metadata_remains_per_exiftool() {
    let input = fixture("exif_gps_rotated.jpg");
    let before = exiftool_tags(&input);
    for expected in [
        "IFD0:Orientation",
        "GPS:GPSLatitude",
        "IFD0:Make",
        "XMP-dc:Creator",
        "File:Comment",
        "IPTC:Keywords",
    ] {
        assert!(
            before.iter().any(|t| t == expected),
            "fixture should carry {expected}; exiftool saw {before:?}"
        );
    }
    let out = process_photo(&input, &PhotoPolicy::default()).expect("processed");
    // Only the file system's and the codec's own description may remain:
    // an exact allow-list, so a comment (reported under File:) fails too.
    let allowed = [
        "ExifTool:ExifToolVersion",
        "File:FileType",
        "File:FileTypeExtension",
        "File:MIMEType",
        "File:ImageWidth",
        "File:ImageHeight",
        "File:EncodingProcess",
        "File:BitsPerSample",
        "File:ColorComponents",
        "File:YCbCrSubSampling",
        "JFIF:JFIFVersion",
        "JFIF:ResolutionUnit",
        "JFIF:XResolution",
        "JFIF:YResolution",
        "Composite:ImageSize",
        "Composite:Megapixels",
    ];
    let left: Vec<_> = exiftool_tags(&out.jpeg)
        .into_iter()
        .filter(|t| !t.starts_with("System:") && !allowed.contains(&t.as_str()))
        .collect();
    assert!(left.is_empty(), "metadata left after processing: {left:?}");
}

#[test]
fn bystander_face_is_no_longer_detectable() {
    let input = fixture("two_faces.jpg");
    let keep = PhotoPolicy {
        blur_bystanders: false,
        ..PhotoPolicy::default()
    };
    let unblurred = process_photo(&input, &keep).expect("processed");
    assert_eq!(unblurred.report.faces.len(), 2);
    assert_eq!(unblurred.bystanders_blurred, 0);

    let blurred = process("two_faces.jpg");
    assert_eq!(blurred.bystanders_blurred, 1);
    let participant = blurred.report.faces[0];
    // Look again at the output: only the participant's face is left.
    let again = process_photo(&blurred.jpeg, &keep).expect("reprocessed");
    assert_eq!(again.report.faces.len(), 1, "{:?}", again.report.faces);
    let f = again.report.faces[0];
    assert!(
        f.x.abs_diff(participant.x) < 16 && f.y.abs_diff(participant.y) < 16,
        "{f:?} vs {participant:?}"
    );
    // Even a detector run with a far lower score threshold finds nothing at
    // the bystander's place: the region is flat colour.
    let bystander = unblurred.report.faces[1];
    let out = image::load_from_memory(&blurred.jpeg)
        .expect("decodes")
        .into_luma8();
    let (mut min, mut max) = (255u8, 0u8);
    for y in bystander.y..bystander.y + bystander.height {
        for x in bystander.x..bystander.x + bystander.width {
            let v = out.get_pixel(x, y).0[0];
            min = min.min(v);
            max = max.max(v);
        }
    }
    let before = image::load_from_memory(&unblurred.jpeg)
        .expect("decodes")
        .into_luma8();
    let (mut bmin, mut bmax) = (255u8, 0u8);
    for y in bystander.y..bystander.y + bystander.height {
        for x in bystander.x..bystander.x + bystander.width {
            let v = before.get_pixel(x, y).0[0];
            bmin = bmin.min(v);
            bmax = bmax.max(v);
        }
    }
    assert!(
        u32::from(max - min) * 4 < u32::from(bmax - bmin),
        "blurred contrast {} vs original {}",
        max - min,
        bmax - bmin
    );
}

#[test]
fn payload_photo_fits_the_budget() {
    for name in [
        "exif_gps_rotated.jpg",
        "two_faces.jpg",
        "face_small_corner.jpg",
        "portrait.png",
    ] {
        let p = process(name);
        assert!(p.jpeg.len() <= 80 * 1024, "{name}: {} bytes", p.jpeg.len());
    }
}

#[test]
fn truncated_fixtures_are_rejected() {
    for name in ["portrait.jpg", "portrait.png", "exif_gps_rotated.jpg"] {
        let data = fixture(name);
        for keep in [data.len() - 1, data.len() / 2, 100, 9, 1] {
            let r = process_photo(&data[..keep], &PhotoPolicy::default());
            assert_eq!(r, Err(MediaError::Truncated), "{name} cut to {keep} bytes");
        }
    }
}
