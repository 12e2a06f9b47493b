//! The PNG path (src/png_rows.rs): decoded row by row into the shrink, it
//! must give what a whole-image decode followed by the Lanczos resize
//! gives, for every colour type, bit depth and interlacing, and refuse
//! damaged data with a typed error.

use std::io::Cursor;
use std::path::PathBuf;

mod png_writer;

use checkin_media::{MediaError, PhotoPolicy, process_photo};
use checkin_pixels::{Plane, Ycc420};
use image::{ImageFormat, RgbImage};
use png_writer::{chunk, interlaced_png, zlib_stored};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/media")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// The portrait fixture enlarged to `width × height` with a little
/// deterministic grain: a photo-like scene the pipeline must shrink.
fn scene(width: u32, height: u32) -> RgbImage {
    let portrait = image::load_from_memory(&fixture("portrait.png"))
        .expect("fixture decodes")
        .into_rgb8();
    let mut big = image::imageops::resize(
        &portrait,
        width,
        height,
        image::imageops::FilterType::Triangle,
    );
    for (x, y, p) in big.enumerate_pixels_mut() {
        let grain = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 29;
        p.0[0] = p.0[0].saturating_add(grain as u8);
    }
    big
}

fn png_of(image: &image::DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .expect("encode");
    out
}

/// Best quality, no byte budget: what is compared is the decode and
/// resize, not the output encoder's compression.
fn lossless_ish() -> PhotoPolicy {
    PhotoPolicy {
        jpeg_quality: 100,
        max_output_bytes: None,
        blur_bystanders: false,
        ..PhotoPolicy::default()
    }
}

/// Luma (JFIF's, as the pipeline computes it) of a processed photo.
fn output_luma(jpeg: &[u8]) -> Vec<u8> {
    let rgb = image::load_from_memory(jpeg).expect("decodes").into_rgb8();
    let (y, _, _) =
        Ycc420::planes_from_rgb(rgb.width(), rgb.height(), rgb.as_raw()).expect("planes");
    y.pixels().to_vec()
}

/// Peak signal-to-noise ratio of two equally sized luma images, in dB.
fn psnr(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    let mse = a
        .iter()
        .zip(b)
        .map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2))
        .sum::<f64>()
        / a.len() as f64;
    10.0 * (255.0 * 255.0 / mse.max(1e-9)).log10()
}

/// The pipeline's luma as the old PNG path made it: the whole image
/// decoded, converted and resized straight to the output with Lanczos3.
fn whole_image_reference(image: &RgbImage, out: (u32, u32)) -> Vec<u8> {
    let (y, _, _) =
        Ycc420::planes_from_rgb(image.width(), image.height(), image.as_raw()).expect("planes");
    let shrunk: Plane = y.downscale(out.0, out.1).expect("resize");
    shrunk.pixels().to_vec()
}

#[test]
fn row_by_row_matches_the_whole_image_resize() {
    for (w, h) in [(3000, 2000), (1500, 1100), (700, 1400)] {
        let image = scene(w, h);
        let out = process_photo(
            &png_of(&image::DynamicImage::ImageRgb8(image.clone())),
            &lossless_ish(),
        )
        .expect("processed");
        let reference = whole_image_reference(&image, (out.width, out.height));
        // Written at 45.0 (700×1400), 48.0 and 50.0 dB; the JPEG path on
        // the same scenes, q100, gives 49.4, 50.8 and 50.9 dB: the area
        // pre-reduction is a little softer than DCT scaling where it
        // shrinks least (8/6 here), and both are far above what the eye
        // or the q72 output encoder can tell.
        let db = psnr(&output_luma(&out.jpeg), &reference);
        assert!(
            db > 42.0,
            "{w}x{h}: {db:.1} dB against the whole-image resize"
        );
    }
}

/// One scene written in every PNG colour type and bit depth gives the
/// same photo (within rounding: 16-bit keeps the high byte; alpha is
/// dropped).
#[test]
fn every_colour_type_and_depth_is_read() {
    let rgb = scene(1600, 1200);
    // Grey as JFIF defines luma, so the grey files hold the colour file's Y.
    let (y, _, _) =
        Ycc420::planes_from_rgb(rgb.width(), rgb.height(), rgb.as_raw()).expect("planes");
    let grey = image::GrayImage::from_raw(rgb.width(), rgb.height(), y.pixels().to_vec())
        .expect("grey image");
    let base = process_photo(&png_of(&rgb.clone().into()), &lossless_ish()).expect("rgb8");
    // Alpha and the low byte of 16-bit samples are dropped: the same photo.
    let colour = image::DynamicImage::ImageRgb8(rgb.clone());
    for (name, png) in [
        ("rgba8", png_of(&colour.to_rgba8().into())),
        ("rgb16", png_of(&colour.to_rgb16().into())),
        ("rgba16", png_of(&colour.to_rgba16().into())),
    ] {
        let out = process_photo(&png, &lossless_ish()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(out.jpeg == base.jpeg, "{name} differs from RGB 8-bit");
    }
    // Grey files hold the colour file's luma: the same but for chroma.
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("grey8", png_of(&grey.clone().into())),
        (
            "grey-alpha8",
            png_of(
                &image::DynamicImage::ImageLuma8(grey.clone())
                    .into_luma_alpha8()
                    .into(),
            ),
        ),
        (
            "grey16",
            png_of(
                &image::DynamicImage::ImageLuma8(grey.clone())
                    .into_luma16()
                    .into(),
            ),
        ),
        ("palette8", palette_png(&grey)),
    ];
    let base_luma = output_luma(&base.jpeg);
    for (name, png) in variants {
        let out = process_photo(&png, &lossless_ish()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((out.width, out.height), (base.width, base.height), "{name}");
        // 50.9 dB each when written (the colour photo's chroma is JPEG-
        // coded, so its decoded luma differs a little).
        let db = psnr(&output_luma(&out.jpeg), &base_luma);
        assert!(db > 45.0, "{name}: {db:.1} dB against RGB 8-bit");
        let rgb_out = image::load_from_memory(&out.jpeg)
            .expect("decodes")
            .into_rgb8();
        assert!(
            rgb_out.pixels().all(|p| p.0[0].abs_diff(p.0[2]) <= 2),
            "{name}: a grey file came out tinted"
        );
    }
}

/// An 8-bit palette PNG of a grey image (256 grey entries).
fn palette_png(grey: &image::GrayImage) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, grey.width(), grey.height());
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette((0..=255u8).flat_map(|v| [v, v, v]).collect::<Vec<_>>());
    let mut writer = encoder.write_header().expect("header");
    writer.write_image_data(grey.as_raw()).expect("data");
    writer.finish().expect("finish");
    out
}

#[test]
fn interlaced_images_match_their_plain_twins() {
    // Small: decoded whole, so exactly the plain file's photo.
    let small = scene(640, 480);
    let plain = process_photo(&png_of(&small.clone().into()), &lossless_ish()).expect("plain");
    let laced = process_photo(
        &interlaced_png(640, 480, 3, small.as_raw()),
        &lossless_ish(),
    )
    .expect("interlaced");
    assert_eq!(laced.jpeg, plain.jpeg);
    // Large (over the whole-frame cap): only the seventh pass is read, so
    // the odd rows stand in for the even ones; on a photo that is close.
    for (w, h) in [(2400, 1801), (1200, 1601)] {
        let large = scene(w, h);
        let plain = process_photo(&png_of(&large.clone().into()), &lossless_ish()).expect("plain");
        let laced = process_photo(&interlaced_png(w, h, 3, large.as_raw()), &lossless_ish())
            .expect("interlaced");
        assert_eq!((laced.width, laced.height), (plain.width, plain.height));
        let db = psnr(&output_luma(&laced.jpeg), &output_luma(&plain.jpeg));
        // 41.6 and 42.5 dB when written.
        assert!(db > 38.0, "{w}x{h}: {db:.1} dB against the plain file");
    }
}

#[test]
fn damaged_image_data_is_refused() {
    let image = scene(800, 600);
    let png = png_of(&image.into());
    let idat = png.windows(4).position(|w| w == b"IDAT").expect("IDAT");
    // A flipped byte inside the image data: the chunk's CRC fails.
    let mut flipped = png.clone();
    flipped[idat + 200] ^= 0x40;
    assert!(matches!(
        process_photo(&flipped, &PhotoPolicy::default()),
        Err(MediaError::Corrupt { .. })
    ));
    // Image data that ends (with a valid CRC and IEND) after half the rows.
    let rows: Vec<u8> = (0..300 * (1 + 800 * 3)).map(|i| (i % 7) as u8).collect();
    let mut short = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 800u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&600u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut short, b"IHDR", &ihdr);
    chunk(&mut short, b"IDAT", &zlib_stored(&rows));
    chunk(&mut short, b"IEND", &[]);
    assert!(matches!(
        process_photo(&short, &PhotoPolicy::default()),
        Err(MediaError::Corrupt { .. })
    ));
}

#[test]
fn over_wide_png_is_refused_before_decoding() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 70_000u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&2u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &zlib_stored(&[0; 16]));
    chunk(&mut png, b"IEND", &[]);
    assert_eq!(
        process_photo(&png, &PhotoPolicy::default()),
        Err(MediaError::UnsupportedFormat {
            detail: "PNG wider than 65,535 pixels"
        })
    );
}

#[test]
fn an_animated_png_whose_first_frame_is_smaller_is_refused() {
    // IHDR says 64×64; the first animation frame, which is also the image
    // data, says 32×32.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 64u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&64u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    let mut actl = 1u32.to_be_bytes().to_vec();
    actl.extend_from_slice(&0u32.to_be_bytes());
    chunk(&mut png, b"acTL", &actl);
    let mut fctl = 0u32.to_be_bytes().to_vec();
    for v in [32u32, 32, 0, 0] {
        fctl.extend_from_slice(&v.to_be_bytes());
    }
    fctl.extend_from_slice(&[0, 1, 0, 1, 0, 0]);
    chunk(&mut png, b"fcTL", &fctl);
    chunk(&mut png, b"IDAT", &zlib_stored(&vec![0; 32 * (1 + 32 * 3)]));
    chunk(&mut png, b"IEND", &[]);
    let result = process_photo(&png, &PhotoPolicy::default());
    assert!(
        matches!(result, Err(MediaError::Corrupt { .. })),
        "{result:?}"
    );
}
