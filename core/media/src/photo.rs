//! The photo pipeline: limits → probe → scaled decode to Y, Cb, Cr planes
//! → downscale → orient → quality report ∥ JPEG encode → bystander blur.
//!
//! Guarantees: the output is a baseline 4:2:0 JPEG holding only pixels (a
//! JFIF header and coding tables; no EXIF, GPS, XMP, ICC profile, comment
//! or maker note survives, because nothing from the input but decoded
//! samples reaches the encoder); it is upright whatever the input's EXIF
//! orientation said; its long edge is at most the policy's. Input is
//! rejected with a typed error before any decoder runs when it is empty,
//! too large, truncated, of an unknown format, or declares more pixels than
//! the policy allows.
//!
//! Memory: besides the input, the pipeline holds the decoded planes (at
//! most `max_decoded_bytes`; they are decoded at the smallest n/8 scale
//! that still covers the output, e.g. 1500×1125 luma for a 12 MP photo,
//! with chroma at a JPEG's own subsampling, or as large as the luma for a
//! PNG, which is read row by row), the output-size planes, the face
//! detector's plane and the encoded JPEG.
//!
//! Time: after decoding, the work splits in two, side by side: this thread
//! scans for faces (the slowest step after decoding) on a plane shrunk
//! straight from the decoded luma, while a second one downscales and
//! orients the planes, encodes and measures exposure and sharpness. The
//! encode needs the faces only when a bystander must be blurred; that rare
//! case encodes again.
//!
//! The bystander blur fails closed (`bystanders.rs`): every face and
//! possible face but the participant's is blurred, and the report says
//! `blur_uncertain` whenever the detector's result leaves room for a
//! bystander to have been missed.

use std::sync::{Arc, Mutex};

use checkin_pixels::{Plane, Ycc420, exposure, sharpness, target_size};

use super::MediaError;
use super::bystanders::{BlurPlan, FoundFaces, centre_offset, found_faces, plan_blur};
use super::faces::detect_faces;
use super::jpeg::{self, DecodeLimits, Decoded, EncodeSettings};
use super::png_rows;
use super::policy::{MIN_BUDGET_JPEG_QUALITY, PhotoPolicy};
use super::probe::{PhotoFormat, PhotoHeader, probe_photo};
use super::report::{FaceBox, PhotoIssue, PhotoReport, findings};

/// Highest JPEG quality accepted in a policy.
const MAX_JPEG_QUALITY: u8 = 100;

/// A processed check-in photo.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessedPhoto {
    /// The re-encoded JPEG, metadata-free.
    pub jpeg: Vec<u8>,
    /// Output width in pixels.
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// Quality findings and measures.
    pub report: PhotoReport,
    /// How many bystander faces (and possible faces) were blurred (for
    /// the ledger). Whether that may have missed one is
    /// `report.blur_uncertain`.
    pub bystanders_blurred: u32,
}

/// Exposure and sharpness of the output's luma.
#[derive(Clone, Copy)]
struct Measures {
    mean_luma: f32,
    blown_fraction: f32,
    sharpness: f32,
}

/// Process a photo from the camera into a small, clean, upright JPEG with a
/// quality report. See the module documentation for the guarantees.
pub fn process_photo(input: &[u8], policy: &PhotoPolicy) -> Result<ProcessedPhoto, MediaError> {
    check_policy(policy)?;
    if input.is_empty() {
        return Err(MediaError::Empty);
    }
    let input_len = input.len() as u64;
    if input_len > policy.max_input_bytes {
        return Err(MediaError::TooLarge {
            actual: input_len,
            limit: policy.max_input_bytes,
        });
    }
    let header = probe_photo(input)?;
    check_pixels(&header, policy)?;
    let Decoded {
        y: stored_y,
        chroma: stored_chroma,
    } = decode(input, &header, policy)?;
    let orientation = header.orientation;
    let (w, h) = target_size(stored_y.width(), stored_y.height(), policy.long_edge_px);
    let out_size = if orientation.swaps_axes() {
        (h, w)
    } else {
        (w, h)
    };
    // Both branches read the decoded luma; whichever is done with it last
    // frees it. The chroma planes go to whichever thread finishes the image:
    // the second one, or this one if the platform refuses a thread.
    let stored_y = Arc::new(stored_y);
    let chroma_slot = Mutex::new(Some(stored_chroma));
    let finish = |luma: Arc<Plane>| -> Result<(Ycc420, Vec<u8>, Measures), MediaError> {
        let y = luma.downscale(w, h)?;
        drop(luma);
        let chroma =
            chroma_slot
                .lock()
                .ok()
                .and_then(|mut c| c.take())
                .ok_or(MediaError::Internal {
                    detail: "the decoded planes were taken twice",
                })?;
        let chroma_in = chroma.as_ref().map(|(cb, cr)| (cb, cr));
        let (cb, cr) = Ycc420::chroma_for(chroma_in, (w, h))?;
        // The decoded planes are the largest buffers: free them first.
        drop(chroma);
        let image = Ycc420::new(y, cb, cr)?.orient(orientation);
        let jpeg = encode_within_budget(&image, policy)?;
        let measures = measure(image.y());
        Ok((image, jpeg, measures))
    };
    let (faces, finished) = std::thread::scope(|scope| {
        let finish = &finish;
        let luma = Arc::clone(&stored_y);
        let second = std::thread::Builder::new()
            .name("photo-encode".into())
            .spawn_scoped(scope, move || finish(luma))
            .ok();
        // Detection (the longer branch) starts from the decoded luma as
        // soon as decoding ends, and on this thread: the detector's model
        // is parsed once per thread, and this one processes every photo.
        let scan = face_plane(&stored_y, policy.face_scan_long_edge);
        // From here the luma is needed only if no thread could start.
        let fallback = second.is_none().then(|| Arc::clone(&stored_y));
        drop(stored_y);
        let faces = scan.and_then(|scan| find_faces(&scan.orient(orientation), out_size));
        let finished = match (second, fallback) {
            (Some(handle), _) => handle.join().unwrap_or(Err(MediaError::Internal {
                detail: "the encoder thread failed",
            })),
            (None, Some(luma)) => finish(luma),
            (None, None) => Err(MediaError::Internal {
                detail: "no luma for the encoder",
            }),
        };
        (faces, finished)
    });
    let (mut image, jpeg, measures) = finished?;
    let found = faces?;
    let size = (image.width(), image.height());
    let mut report = assess(size, found.faces.clone(), &measures, policy);
    let plan = if policy.blur_bystanders {
        let framed =
            !report.has(PhotoIssue::FaceTooSmall) && !report.has(PhotoIssue::FaceOffCentre);
        plan_blur(&found, size, framed)
    } else {
        BlurPlan::default()
    };
    for region in &plan.regions {
        image.obliterate(*region);
    }
    report.blur_uncertain = !plan.doubts.is_empty();
    report.blur_doubts = plan.doubts;
    let bystanders_blurred = u32::try_from(plan.regions.len()).unwrap_or(u32::MAX);
    let jpeg = if plan.regions.is_empty() {
        jpeg
    } else {
        encode_within_budget(&image, policy)?
    };
    Ok(ProcessedPhoto {
        jpeg,
        width: image.width(),
        height: image.height(),
        report,
        bystanders_blurred,
    })
}

/// Quality step when retrying to meet the byte budget.
const BUDGET_QUALITY_STEP: u8 = 8;

/// Encode at the policy's quality; while over the byte budget, retry at
/// lower quality (at most a handful of attempts, each a few milliseconds).
fn encode_within_budget(image: &Ycc420, policy: &PhotoPolicy) -> Result<Vec<u8>, MediaError> {
    let mut quality = policy.jpeg_quality;
    loop {
        let jpeg = jpeg::encode(
            image,
            &EncodeSettings {
                quality,
                progressive: policy.progressive,
            },
        )?;
        let over = policy
            .max_output_bytes
            .is_some_and(|budget| jpeg.len() > budget as usize);
        if !over || quality <= MIN_BUDGET_JPEG_QUALITY {
            return Ok(jpeg);
        }
        quality = quality
            .saturating_sub(BUDGET_QUALITY_STEP)
            .max(MIN_BUDGET_JPEG_QUALITY);
    }
}

fn check_policy(policy: &PhotoPolicy) -> Result<(), MediaError> {
    if policy.long_edge_px == 0 {
        return Err(MediaError::InvalidPolicy {
            detail: "long edge is zero",
        });
    }
    if policy.face_scan_long_edge == 0 {
        return Err(MediaError::InvalidPolicy {
            detail: "face scan long edge is zero",
        });
    }
    if policy.jpeg_quality == 0 || policy.jpeg_quality > MAX_JPEG_QUALITY {
        return Err(MediaError::InvalidPolicy {
            detail: "JPEG quality outside 1..=100",
        });
    }
    Ok(())
}

fn check_pixels(header: &PhotoHeader, policy: &PhotoPolicy) -> Result<(), MediaError> {
    let too_many = MediaError::TooManyPixels {
        width: header.width,
        height: header.height,
        limit: policy.max_pixels,
    };
    if header.pixels() > policy.max_pixels {
        return Err(too_many);
    }
    Ok(())
}

fn decode(input: &[u8], header: &PhotoHeader, policy: &PhotoPolicy) -> Result<Decoded, MediaError> {
    match header.format {
        PhotoFormat::Jpeg => {
            // Decode so that the long edge covers the output after orientation.
            jpeg::decode_scaled(
                input,
                (header.width, header.height),
                policy.long_edge_px,
                &DecodeLimits {
                    max_pixels: policy.max_pixels,
                    max_decoded_bytes: policy.max_decoded_bytes,
                },
            )
        }
        PhotoFormat::Png => png_rows::decode_scaled(
            input,
            header,
            policy.long_edge_px,
            &DecodeLimits {
                max_pixels: policy.max_pixels,
                max_decoded_bytes: policy.max_decoded_bytes,
            },
        ),
    }
}

/// The plane the face detector scans: the decoded luma shrunk to the
/// policy's scan size by area averaging (still as stored: orient it).
fn face_plane(luma: &Plane, scan_long_edge: u32) -> Result<Plane, MediaError> {
    let (sw, sh) = target_size(luma.width(), luma.height(), scan_long_edge);
    Ok(luma.area_downscale(sw, sh)?)
}

/// Faces and possible faces of the scanned plane, in output coordinates.
fn find_faces(scan: &Plane, out_size: (u32, u32)) -> Result<FoundFaces, MediaError> {
    let detections = detect_faces(scan.pixels(), scan.width(), scan.height())?;
    Ok(found_faces(&detections, scan.width(), out_size))
}

fn measure(luma: &Plane) -> Measures {
    let (mean_luma, blown_fraction) = exposure(luma);
    Measures {
        mean_luma,
        blown_fraction,
        sharpness: sharpness(luma),
    }
}

fn assess(
    (width, height): (u32, u32),
    faces: Vec<FaceBox>,
    measures: &Measures,
    policy: &PhotoPolicy,
) -> PhotoReport {
    let Measures {
        mean_luma,
        blown_fraction,
        sharpness: sharp,
    } = *measures;
    let t = &policy.thresholds;
    let mut found = Vec::new();
    if mean_luma < t.dark_mean_luma {
        found.push(PhotoIssue::TooDark);
    }
    if mean_luma > t.bright_mean_luma || blown_fraction > t.max_blown_fraction {
        found.push(PhotoIssue::TooBright);
    }
    if sharp < t.min_sharpness {
        found.push(PhotoIssue::Blurry);
    }
    match faces.first() {
        None => found.push(PhotoIssue::NoFace),
        Some(main) => {
            if (main.width as f32) < t.min_face_fraction * width.min(height) as f32 {
                found.push(PhotoIssue::FaceTooSmall);
            }
            let (dx, dy) = centre_offset(main, width, height);
            if dx.abs() > t.max_face_offset || dy.abs() > t.max_face_offset {
                found.push(PhotoIssue::FaceOffCentre);
            }
        }
    }
    if faces.len() > 1 {
        found.push(PhotoIssue::MultipleFaces);
    }
    PhotoReport {
        findings: findings(&PhotoIssue::ALL, &found, &policy.blocking),
        mean_luma,
        blown_fraction,
        sharpness: sharp,
        faces,
        blur_uncertain: false,
        blur_doubts: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use image::ImageFormat;

    use super::*;
    use crate::exif::tests::tiff_with_orientation;

    fn jpeg_of(width: u32, height: u32, f: impl Fn(u32, u32) -> [u8; 3] + Copy) -> Vec<u8> {
        let pixels = (0..height)
            .flat_map(|y| (0..width).flat_map(move |x| f(x, y)))
            .collect::<Vec<_>>();
        jpeg::encode(
            &Ycc420::from_rgb(width, height, &pixels).expect("image"),
            &EncodeSettings {
                quality: 90,
                progressive: false,
            },
        )
        .expect("encode")
    }

    fn decode_rgb(jpeg_bytes: &[u8]) -> image::RgbImage {
        image::load_from_memory(jpeg_bytes)
            .expect("decodes")
            .into_rgb8()
    }

    #[test]
    fn round_trip_downscales() {
        let input = jpeg_of(2048, 1024, |x, y| [(x % 256) as u8, (y % 256) as u8, 90]);
        let out = process_photo(&input, &PhotoPolicy::default()).expect("processed");
        assert_eq!((out.width, out.height), (1024, 512));
        assert_eq!(decode_rgb(&out.jpeg).dimensions(), (1024, 512));
    }

    #[test]
    fn pixel_cap_applies_before_decoding() {
        let policy = PhotoPolicy {
            max_pixels: 64 * 63,
            ..PhotoPolicy::default()
        };
        assert!(matches!(
            process_photo(&jpeg_of(64, 64, |_, _| [1, 2, 3]), &policy),
            Err(MediaError::TooManyPixels {
                width: 64,
                height: 64,
                ..
            })
        ));
    }

    /// `jpeg` with an EXIF APP1 segment carrying `orientation` after SOI.
    fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let tiff = tiff_with_orientation(orientation, true);
        let len = u16::try_from(2 + 6 + tiff.len()).expect("small segment");
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(b"Exif\0\0");
        out.extend_from_slice(&tiff);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn exif_orientation_is_applied_and_dropped() {
        // Left half red, right half blue, stored 64 wide and 32 high.
        let stored = jpeg_of(
            64,
            32,
            |x, _| if x < 32 { [255, 0, 0] } else { [0, 0, 255] },
        );
        // 6 = rotate 90° clockwise to view: stored left becomes top.
        let input = with_exif_orientation(&stored, 6);
        assert_eq!(
            probe_photo(&input).expect("probe").orientation.exif_value(),
            6
        );
        let out = process_photo(&input, &PhotoPolicy::default()).expect("processed");
        assert_eq!((out.width, out.height), (32, 64));
        let decoded = decode_rgb(&out.jpeg);
        assert!(decoded.get_pixel(16, 8).0[0] > 200, "top should be red");
        assert!(
            decoded.get_pixel(16, 56).0[2] > 200,
            "bottom should be blue"
        );
        assert_eq!(
            probe_photo(&out.jpeg)
                .expect("probe")
                .orientation
                .exif_value(),
            1
        );
        assert!(!out.jpeg.windows(4).any(|w| w == b"Exif"));
    }

    #[test]
    fn truncated_jpeg_is_rejected() {
        let j = jpeg_of(64, 64, |x, y| [x as u8, y as u8, 7]);
        let cut = &j[..j.len() * 2 / 3];
        assert_eq!(
            process_photo(cut, &PhotoPolicy::default()),
            Err(MediaError::Truncated)
        );
    }

    #[test]
    fn flat_photo_reports_no_face_and_blur() {
        let out = process_photo(
            &jpeg_of(320, 240, |_, _| [120, 120, 120]),
            &PhotoPolicy::default(),
        )
        .expect("processed");
        assert!(out.report.has(PhotoIssue::NoFace));
        assert!(out.report.has(PhotoIssue::Blurry));
        assert!(!out.report.has(PhotoIssue::TooDark));
        assert!(!out.report.blocks_submit());
        let strict = PhotoPolicy {
            blocking: vec![PhotoIssue::NoFace],
            ..PhotoPolicy::default()
        };
        let out =
            process_photo(&jpeg_of(320, 240, |_, _| [120, 120, 120]), &strict).expect("processed");
        assert!(out.report.blocks_submit());
    }

    /// PNG's CRC-32 (reflected, polynomial 0xEDB88320) over type and body.
    fn png_crc(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
            }
        }
        !c
    }

    #[test]
    fn greyscale_jpeg_and_png_with_exif_orientation_are_processed() {
        let grey = image::GrayImage::from_fn(96, 64, |x, _| image::Luma([(x * 2) as u8]));
        let mut jpeg_bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg_bytes, 90)
            .encode_image(&grey)
            .expect("encode");
        let out = process_photo(&jpeg_bytes, &PhotoPolicy::default()).expect("grey JPEG");
        assert_eq!((out.width, out.height), (96, 64));

        // PNG carrying orientation 8 (rotate 90° counter-clockwise to view)
        // in an eXIf chunk placed before the image data.
        let mut png = Vec::new();
        image::DynamicImage::ImageLuma8(grey)
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .expect("png");
        let tiff = tiff_with_orientation(8, false);
        let ihdr_end = 8 + 8 + 13 + 4;
        let mut chunk = (tiff.len() as u32).to_be_bytes().to_vec();
        chunk.extend_from_slice(b"eXIf");
        chunk.extend_from_slice(&tiff);
        let crc = png_crc(&chunk[4..]);
        chunk.extend_from_slice(&crc.to_be_bytes());
        png.splice(ihdr_end..ihdr_end, chunk);
        assert_eq!(
            probe_photo(&png).expect("probe").orientation.exif_value(),
            8
        );
        let out = process_photo(&png, &PhotoPolicy::default()).expect("PNG");
        assert_eq!((out.width, out.height), (64, 96));
    }

    #[test]
    fn policy_is_validated() {
        let bad = PhotoPolicy {
            jpeg_quality: 0,
            ..PhotoPolicy::default()
        };
        assert!(matches!(
            process_photo(&[1], &bad),
            Err(MediaError::InvalidPolicy { .. })
        ));
    }
}
