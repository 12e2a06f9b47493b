//! The photo pipeline: limits → probe → decode → orient → downscale →
//! quality report → JPEG re-encode.
//!
//! Guarantees: the output is a baseline JPEG holding only pixels (a JFIF
//! header and quantisation/Huffman tables; no EXIF, GPS, XMP, ICC profile,
//! comment or maker note survives, because nothing from the input but
//! decoded pixels reaches the encoder); it is upright whatever the input's
//! EXIF orientation said; its long edge is at most the policy's. Input is
//! rejected with a typed error before any decoder runs when it is empty,
//! too large, truncated, of an unknown format, or declares more pixels than
//! the policy allows.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits, RgbImage};

use super::MediaError;
use super::policy::PhotoPolicy;
use super::probe::{PhotoFormat, PhotoHeader, probe_photo};
use super::quality::{Luma, exposure, luma_of_rgb, sharpness};
use super::report::{PhotoIssue, PhotoReport, findings};

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
    /// How many bystander faces were blurred.
    pub bystanders_blurred: u32,
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
    let decoded = decode(input, &header, policy)?;
    let upright = orient(decoded, &header);
    let out = downscale(upright, policy.long_edge_px);
    let report = assess(&out, policy);
    let jpeg = encode(&out, policy.jpeg_quality)?;
    Ok(ProcessedPhoto {
        jpeg,
        width: out.width(),
        height: out.height(),
        report,
        bystanders_blurred: 0,
    })
}

fn check_policy(policy: &PhotoPolicy) -> Result<(), MediaError> {
    if policy.long_edge_px == 0 {
        return Err(MediaError::InvalidPolicy {
            detail: "long edge is zero",
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
    let bytes = header
        .pixels()
        .saturating_mul(u64::from(header.decoded_bytes_per_pixel));
    if bytes > policy.max_decoded_bytes {
        return Err(too_many);
    }
    Ok(())
}

fn decode(
    input: &[u8],
    header: &PhotoHeader,
    policy: &PhotoPolicy,
) -> Result<RgbImage, MediaError> {
    let format = match header.format {
        PhotoFormat::Jpeg => ImageFormat::Jpeg,
        PhotoFormat::Png => ImageFormat::Png,
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(header.width);
    limits.max_image_height = Some(header.height);
    limits.max_alloc = Some(policy.max_decoded_bytes);
    let mut reader = ImageReader::with_format(Cursor::new(input), format);
    reader.limits(limits);
    let image = reader.decode().map_err(|_| MediaError::Corrupt {
        detail: "the image decoder rejected the data",
    })?;
    if (image.width(), image.height()) != (header.width, header.height) {
        return Err(MediaError::Corrupt {
            detail: "decoded size differs from the declared size",
        });
    }
    Ok(image.into_rgb8())
}

fn orient(image: RgbImage, header: &PhotoHeader) -> RgbImage {
    let value = header.orientation.exif_value();
    match image::metadata::Orientation::from_exif(value) {
        Some(o) => {
            let mut dynamic = DynamicImage::ImageRgb8(image);
            dynamic.apply_orientation(o);
            dynamic.into_rgb8()
        }
        None => image,
    }
}

/// Output size keeping the aspect ratio, long edge at most `long_edge`.
pub(crate) fn target_size(width: u32, height: u32, long_edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_edge {
        return (width, height);
    }
    let scale = |v: u32| -> u32 {
        let scaled = (u64::from(v) * u64::from(long_edge) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled).unwrap_or(long_edge).max(1)
    };
    (scale(width), scale(height))
}

fn downscale(image: RgbImage, long_edge: u32) -> RgbImage {
    let (w, h) = target_size(image.width(), image.height(), long_edge);
    if (w, h) == image.dimensions() {
        return image;
    }
    image::imageops::resize(&image, w, h, image::imageops::FilterType::Triangle)
}

fn assess(image: &RgbImage, policy: &PhotoPolicy) -> PhotoReport {
    let luma = luma_of_rgb(image.as_raw());
    let plane = Luma {
        width: image.width() as usize,
        height: image.height() as usize,
        pixels: &luma,
    };
    let (mean_luma, blown_fraction) = exposure(&plane);
    let sharp = sharpness(&plane);
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
    PhotoReport {
        findings: findings(&PhotoIssue::ALL, &found, &policy.blocking),
        mean_luma,
        blown_fraction,
        sharpness: sharp,
        faces: Vec::new(),
    }
}

fn encode(image: &RgbImage, quality: u8) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .map_err(|_| MediaError::Encode {
            detail: "JPEG encoder failed",
        })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg_of(image: &RgbImage) -> Vec<u8> {
        encode(image, 90).expect("encode")
    }

    #[test]
    fn target_size_keeps_aspect_and_never_enlarges() {
        assert_eq!(target_size(4000, 3000, 1024), (1024, 768));
        assert_eq!(target_size(3000, 4000, 1024), (768, 1024));
        assert_eq!(target_size(640, 480, 1024), (640, 480));
        assert_eq!(target_size(100_000, 1, 1024), (1024, 1));
    }

    #[test]
    fn round_trip_downscales() {
        let img = RgbImage::from_fn(2048, 1024, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let out = process_photo(&jpeg_of(&img), &PhotoPolicy::default()).expect("processed");
        assert_eq!((out.width, out.height), (1024, 512));
        assert!(out.jpeg.starts_with(&[0xFF, 0xD8]));
    }

    #[test]
    fn pixel_cap_applies_before_decoding() {
        let img = RgbImage::from_pixel(64, 64, image::Rgb([1, 2, 3]));
        let policy = PhotoPolicy {
            max_pixels: 64 * 63,
            ..PhotoPolicy::default()
        };
        assert!(matches!(
            process_photo(&jpeg_of(&img), &policy),
            Err(MediaError::TooManyPixels {
                width: 64,
                height: 64,
                ..
            })
        ));
    }

    /// `jpeg` with an EXIF APP1 segment carrying `orientation` after SOI.
    fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let tiff = crate::media::exif::tests::tiff_with_orientation(orientation, true);
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
        let img = RgbImage::from_fn(64, 32, |x, _| {
            if x < 32 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            }
        });
        // 6 = rotate 90° clockwise to view: stored left becomes top.
        let input = with_exif_orientation(&jpeg_of(&img), 6);
        assert_eq!(
            probe_photo(&input).expect("probe").orientation.exif_value(),
            6
        );
        let out = process_photo(&input, &PhotoPolicy::default()).expect("processed");
        assert_eq!((out.width, out.height), (32, 64));
        let decoded = image::load_from_memory(&out.jpeg)
            .expect("decodes")
            .into_rgb8();
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
        let img = RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8, y as u8, 7]));
        let j = jpeg_of(&img);
        let cut = &j[..j.len() * 2 / 3];
        assert_eq!(
            process_photo(cut, &PhotoPolicy::default()),
            Err(MediaError::Truncated)
        );
    }
}
