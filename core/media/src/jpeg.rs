//! JPEG decoding at reduced scale and JPEG encoding, with the bundled
//! libjpeg-turbo (TurboJPEG 3 API).
//!
//! Why libjpeg-turbo: its decoder scales in the DCT domain by any factor
//! n/8, so a 12 MP camera photo is decoded straight to about 1.7 MP for a
//! 1024 px output, which is what keeps both time and peak memory small on a
//! cheap phone. It builds from source with cmake for Android and iOS.
//!
//! Both directions work on Y, Cb and Cr planes (see `checkin_pixels`): the
//! decoder hands over the planes as the file stores them and the encoder
//! takes 4:2:0 planes, so the pipeline never converts to RGB and back.
//!
//! Guarantees: the decoder is told our pixel cap (`TJPARAM_MAXPIXELS`), a
//! cap on its intermediate buffers (`TJPARAM_MAXMEMORY`, which bounds
//! progressive JPEGs whose coefficients must be buffered whole) and a scan
//! limit, before it reads any data; the declared size must match what
//! [`super::probe`] read; the output planes are allocated by us, at the
//! scaled size, after checking them against the policy. Warnings that mean
//! missing or damaged image data are errors (see `classify`); harmless
//! ones seen in real phone JPEGs are accepted. The encoder receives only
//! samples, so its output carries no metadata beyond the JFIF header.

// The only unsafe code of this crate: calls into libjpeg-turbo, each with
// its SAFETY comment.
#![allow(unsafe_code)]

use std::ffi::CStr;
use std::ptr;

use libc::{c_int, c_uchar, c_void};
use turbojpeg_sys as tj;

use checkin_pixels::{Plane, PlaneError, Ycc420};

use super::MediaError;
use super::probe::MAX_JPEG_SCANS;

/// Denominator of libjpeg-turbo's DCT scaling factors (n/8).
const SCALE_DENOM: u32 = 8;
/// One mebibyte, the unit of `TJPARAM_MAXMEMORY`.
const MIB: u64 = 1024 * 1024;

/// An owned TurboJPEG instance.
struct Handle(tj::tjhandle);

impl Handle {
    fn new(kind: tj::TJINIT) -> Result<Self, MediaError> {
        // SAFETY: tj3Init has no preconditions; it returns NULL on failure.
        let raw = unsafe { tj::tj3Init(kind as c_int) };
        if raw.is_null() {
            return Err(MediaError::Internal {
                detail: "libjpeg-turbo could not be initialised",
            });
        }
        Ok(Self(raw))
    }

    fn set(&mut self, param: tj::TJPARAM, value: c_int) -> Result<(), MediaError> {
        // SAFETY: self.0 is a live handle from tj3Init.
        if unsafe { tj::tj3Set(self.0, param as c_int, value) } != 0 {
            return Err(MediaError::Internal {
                detail: "libjpeg-turbo refused a parameter",
            });
        }
        Ok(())
    }

    fn get(&self, param: tj::TJPARAM) -> c_int {
        // SAFETY: self.0 is a live handle from tj3Init.
        unsafe { tj::tj3Get(self.0, param as c_int) }
    }

    /// How the last failure should be reported: `None` for a recoverable
    /// warning after which the image was still decoded whole.
    fn classify_failure(&self) -> Option<Failure> {
        // SAFETY: self.0 is a live handle; tj3GetErrorStr returns a
        // NUL-terminated string owned by the handle, read before any other
        // call on it.
        let (code, message) = unsafe {
            let code = tj::tj3GetErrorCode(self.0);
            let msg = tj::tj3GetErrorStr(self.0);
            let text = if msg.is_null() {
                String::new()
            } else {
                CStr::from_ptr(msg).to_string_lossy().to_ascii_lowercase()
            };
            (code, text)
        };
        classify(code == tj::TJERR_TJERR_WARNING as c_int, &message)
    }
}

/// Why libjpeg-turbo stopped.
#[derive(Debug, PartialEq, Eq)]
enum Failure {
    /// The data ended early.
    Truncated,
    /// The coded data is damaged.
    Corrupt,
    /// A memory or pixel limit we set was hit (a progressive JPEG whose
    /// coefficients exceed `TJPARAM_MAXMEMORY`, or `TJPARAM_MAXPIXELS`).
    OverLimit,
}

/// libjpeg's messages are fixed English strings; they never hold image
/// content. Missing data ("premature end of data segment", "premature end
/// of JPEG file") is truncation. Other damage to the coded data ("corrupt
/// JPEG data: bad Huffman code", lost resynchronisation) means parts of
/// the picture are grey: corrupt. The one corrupt-data warning real
/// cameras produce, stray bytes before a marker, is harmless and accepted,
/// as are the non-data warnings (JFIF version, Adobe transform, bad ICC).
fn classify(warning: bool, message: &str) -> Option<Failure> {
    if message.contains("premature end") {
        return Some(Failure::Truncated);
    }
    if message.contains("memory") || message.contains("exceeds the limit") {
        return Some(Failure::OverLimit);
    }
    let corrupt = Some(Failure::Corrupt);
    if !warning {
        return corrupt;
    }
    let damaged = (message.contains("corrupt jpeg data") && !message.contains("extraneous bytes"))
        || message.contains("resync")
        || message.contains("not sequential");
    if damaged { corrupt } else { None }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: self.0 came from tj3Init and is destroyed exactly once.
        unsafe { tj::tj3Destroy(self.0) }
    }
}

fn clamp_c_int(v: u64) -> c_int {
    c_int::try_from(v).unwrap_or(c_int::MAX)
}

/// The smallest n/8 scale whose output long edge is still at least
/// `min_long_edge` (or 8/8 when the image is smaller than that).
pub(crate) fn scale_eighths(width: u32, height: u32, min_long_edge: u32) -> u32 {
    let long = u64::from(width.max(height));
    (1..=SCALE_DENOM)
        .find(|&n| scaled(long, n) >= u64::from(min_long_edge))
        .unwrap_or(SCALE_DENOM)
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// libjpeg-turbo's TJSCALED: ceil(dim × n / 8).
pub(crate) fn scaled(dim: u64, n: u32) -> u64 {
    (dim * u64::from(n)).div_ceil(u64::from(SCALE_DENOM))
}

/// Limits for one decode.
pub(crate) struct DecodeLimits {
    /// Cap on declared width × height.
    pub(crate) max_pixels: u64,
    /// Cap on the output buffer and on the decoder's intermediate buffers.
    pub(crate) max_decoded_bytes: u64,
}

/// A decoded JPEG as it was stored: a luma plane and, for colour
/// photos, two chroma planes at the file's own subsampling.
pub(crate) struct Decoded {
    pub(crate) y: Plane,
    pub(crate) chroma: Option<(Plane, Plane)>,
}

/// Decode `data` (already checked by the probe to declare
/// `width`×`height`) to Y, Cb and Cr planes at the smallest n/8 scale whose
/// long edge is at least `min_long_edge`. No colour conversion and no
/// chroma upsampling happen: the planes go to the resizer as stored.
pub(crate) fn decode_scaled(
    data: &[u8],
    (width, height): (u32, u32),
    min_long_edge: u32,
    limits: &DecodeLimits,
) -> Result<Decoded, MediaError> {
    let too_big = MediaError::TooManyPixels {
        width,
        height,
        limit: limits.max_pixels,
    };
    let mut h = Handle::new(tj::TJINIT_TJINIT_DECOMPRESS)?;
    h.set(
        tj::TJPARAM_TJPARAM_MAXPIXELS,
        clamp_c_int(limits.max_pixels),
    )?;
    h.set(
        tj::TJPARAM_TJPARAM_MAXMEMORY,
        clamp_c_int(limits.max_decoded_bytes.div_ceil(MIB)),
    )?;
    h.set(tj::TJPARAM_TJPARAM_SCANLIMIT, c_int::from(MAX_JPEG_SCANS))?;
    h.set(tj::TJPARAM_TJPARAM_STOPONWARNING, 0)?;
    // SAFETY: data is a valid slice for its length; the handle is live.
    let rc = unsafe { tj::tj3DecompressHeader(h.0, data.as_ptr(), data.len() as tj::size_t) };
    if rc != 0 {
        return Err(MediaError::Corrupt {
            detail: "the JPEG header could not be read",
        });
    }
    let declared = (
        h.get(tj::TJPARAM_TJPARAM_JPEGWIDTH),
        h.get(tj::TJPARAM_TJPARAM_JPEGHEIGHT),
    );
    if declared != (clamp_c_int(width.into()), clamp_c_int(height.into())) {
        return Err(MediaError::Corrupt {
            detail: "JPEG frame size differs between readers",
        });
    }
    let subsamp = h.get(tj::TJPARAM_TJPARAM_SUBSAMP);
    if subsamp < 0 {
        return Err(MediaError::UnsupportedFormat {
            detail: "JPEG chroma subsampling",
        });
    }
    let n = scale_eighths(width, height, min_long_edge);
    // libjpeg-turbo lists its factors in lowest terms (1/2, not 4/8).
    let g = gcd(n, SCALE_DENOM);
    let factor = tj::tjscalingfactor {
        num: (n / g) as c_int,
        denom: (SCALE_DENOM / g) as c_int,
    };
    // SAFETY: the handle is live; n/8 with n in 1..=8 is always supported.
    if unsafe { tj::tj3SetScalingFactor(h.0, factor) } != 0 {
        return Err(MediaError::Internal {
            detail: "libjpeg-turbo refused a scaling factor",
        });
    }
    let (sw, sh) = (scaled(width.into(), n), scaled(height.into(), n));
    let out_w = u32::try_from(sw).map_err(|_| too_big.clone())?;
    let out_h = u32::try_from(sh).map_err(|_| too_big.clone())?;
    let components = if subsamp == tj::TJSAMP_TJSAMP_GRAY as c_int {
        1
    } else {
        3
    };
    // Plane sizes as libjpeg-turbo lays them out (luma padded to whole
    // chroma blocks), checked against our cap before anything is allocated.
    let mut sizes = Vec::with_capacity(components);
    for component in 0..components as c_int {
        // SAFETY: pure functions of their integer arguments.
        let (pw, ph) = unsafe {
            (
                tj::tj3YUVPlaneWidth(component, clamp_c_int(sw), subsamp),
                tj::tj3YUVPlaneHeight(component, clamp_c_int(sh), subsamp),
            )
        };
        let pw = u32::try_from(pw).map_err(|_| too_big.clone())?;
        let ph = u32::try_from(ph).map_err(|_| too_big.clone())?;
        sizes.push((pw, ph));
    }
    let bytes: u64 = sizes
        .iter()
        .map(|&(w, h)| u64::from(w) * u64::from(h))
        .sum();
    if bytes > limits.max_decoded_bytes {
        return Err(too_big);
    }
    let mut planes: Vec<Vec<u8>> = sizes
        .iter()
        .map(|&(w, h)| vec![0u8; w as usize * h as usize])
        .collect();
    let mut pointers: Vec<*mut c_uchar> = planes.iter_mut().map(|p| p.as_mut_ptr()).collect();
    let mut strides: Vec<c_int> = sizes.iter().map(|&(w, _)| clamp_c_int(w.into())).collect();
    // SAFETY: each pointer addresses a buffer of exactly the plane size
    // libjpeg-turbo computes for this image, scaling factor and
    // subsampling (tj3YUVPlaneWidth/Height), with the matching stride.
    let rc = unsafe {
        tj::tj3DecompressToYUVPlanes8(
            h.0,
            data.as_ptr(),
            data.len() as tj::size_t,
            pointers.as_mut_ptr(),
            strides.as_mut_ptr(),
        )
    };
    if rc != 0
        && let Some(failure) = h.classify_failure()
    {
        return Err(match failure {
            Failure::Truncated => MediaError::Truncated,
            Failure::Corrupt => MediaError::Corrupt {
                detail: "the JPEG decoder rejected the data",
            },
            Failure::OverLimit => too_big,
        });
    }
    let mut planes = planes
        .into_iter()
        .zip(&sizes)
        .map(|(p, &(w, h))| Plane::new(w, h, p));
    let y = planes
        .next()
        .ok_or(MediaError::Internal {
            detail: "no luma plane",
        })??
        .cropped(out_w, out_h)?;
    let chroma = match (planes.next(), planes.next()) {
        (Some(cb), Some(cr)) => Some((cb?, cr?)),
        _ => None,
    };
    Ok(Decoded { y, chroma })
}

/// Encoder settings.
pub(crate) struct EncodeSettings {
    /// 1..=100.
    pub(crate) quality: u8,
    /// Progressive scans (smaller files, slower to encode).
    pub(crate) progressive: bool,
}

/// Encode a 4:2:0 image as a JPEG with optimised Huffman tables, straight
/// from its planes (no colour conversion or chroma downsampling here).
pub(crate) fn encode(image: &Ycc420, settings: &EncodeSettings) -> Result<Vec<u8>, MediaError> {
    let failed = MediaError::Internal {
        detail: "the JPEG encoder failed",
    };
    let (w, h) = (image.width(), image.height());
    // libjpeg-turbo reads 4:2:0 luma in whole 2×2 blocks: give an odd-sized
    // plane an edge row or column copied from its neighbour.
    let padded;
    let y = if w % 2 == 1 || h % 2 == 1 {
        padded = pad_to_even(image.y())?;
        &padded
    } else {
        image.y()
    };
    let mut hd = Handle::new(tj::TJINIT_TJINIT_COMPRESS)?;
    hd.set(tj::TJPARAM_TJPARAM_QUALITY, c_int::from(settings.quality))?;
    hd.set(tj::TJPARAM_TJPARAM_SUBSAMP, tj::TJSAMP_TJSAMP_420 as c_int)?;
    hd.set(tj::TJPARAM_TJPARAM_OPTIMIZE, 1)?;
    hd.set(
        tj::TJPARAM_TJPARAM_PROGRESSIVE,
        c_int::from(settings.progressive),
    )?;
    let planes = [
        y.pixels().as_ptr(),
        image.cb().pixels().as_ptr(),
        image.cr().pixels().as_ptr(),
    ];
    let strides =
        [y.width(), image.cb().width(), image.cr().width()].map(|s| clamp_c_int(s.into()));
    let mut buf: *mut c_uchar = ptr::null_mut();
    let mut size: tj::size_t = 0;
    // SAFETY: the luma plane is even-sized (padded above) and each chroma
    // plane is ⌈w/2⌉ × ⌈h/2⌉ (a Ycc420 invariant), exactly the plane sizes
    // libjpeg-turbo reads for a w × h 4:2:0 image with these strides; with
    // a NULL buffer it allocates the output with tj3Alloc.
    let rc = unsafe {
        tj::tj3CompressFromYUVPlanes8(
            hd.0,
            planes.as_ptr(),
            clamp_c_int(w.into()),
            strides.as_ptr(),
            clamp_c_int(h.into()),
            &mut buf,
            &mut size,
        )
    };
    let out = if rc == 0 && !buf.is_null() {
        // SAFETY: on success buf points to `size` bytes of JPEG data.
        Some(unsafe { std::slice::from_raw_parts(buf, size as usize) }.to_vec())
    } else {
        None
    };
    if !buf.is_null() {
        // SAFETY: buf was allocated by libjpeg-turbo (tj3Alloc) and is
        // freed exactly once.
        unsafe { tj::tj3Free(buf as *mut c_void) };
    }
    out.ok_or(failed)
}

/// `plane` grown to even width and height by repeating its last column
/// and row.
fn pad_to_even(plane: &Plane) -> Result<Plane, PlaneError> {
    let (w, h) = (plane.width() as usize, plane.height() as usize);
    let (pw, ph) = (w.next_multiple_of(2), h.next_multiple_of(2));
    let mut out = Vec::with_capacity(pw * ph);
    for row in plane.pixels().chunks_exact(w) {
        out.extend_from_slice(row);
        if pw > w {
            out.push(row[w - 1]);
        }
    }
    if ph > h {
        out.extend_from_within(out.len() - pw..);
    }
    Plane::new(pw as u32, ph as u32, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(width: u32, height: u32) -> Ycc420 {
        let rgb: Vec<u8> = (0..height)
            .flat_map(|y| (0..width).flat_map(move |x| [(x % 256) as u8, (y % 256) as u8, 100]))
            .collect();
        Ycc420::from_rgb(width, height, &rgb).expect("image")
    }

    fn limits() -> DecodeLimits {
        DecodeLimits {
            max_pixels: 50_000_000,
            max_decoded_bytes: 64 * MIB,
        }
    }

    #[test]
    fn scale_is_the_smallest_that_keeps_the_long_edge() {
        assert_eq!(scale_eighths(4000, 3000, 1024), 3); // 1500 px
        assert_eq!(scale_eighths(4032, 3024, 1024), 3); // 1512 px
        assert_eq!(scale_eighths(8192, 6144, 1024), 1); // 1024 px
        assert_eq!(scale_eighths(2048, 1536, 1024), 4);
        assert_eq!(scale_eighths(1200, 900, 1024), 7); // 1050 px
        assert_eq!(scale_eighths(640, 480, 1024), 8);
    }

    /// A baseline JPEG at quality 90.
    fn encode_q90(img: &Ycc420) -> Vec<u8> {
        let settings = EncodeSettings {
            quality: 90,
            progressive: false,
        };
        encode(img, &settings).expect("encodes")
    }

    #[test]
    fn encodes_and_decodes_at_scale() {
        let jpeg = encode_q90(&gradient(800, 600));
        let full = decode_scaled(&jpeg, (800, 600), 800, &limits()).expect("decodes");
        assert_eq!((full.y.width(), full.y.height()), (800, 600));
        let half = decode_scaled(&jpeg, (800, 600), 400, &limits()).expect("decodes");
        assert_eq!((half.y.width(), half.y.height()), (400, 300));
        let Some((cb, cr)) = &half.chroma else {
            panic!("a colour JPEG has chroma planes");
        };
        assert_eq!((cb.width(), cb.height(), cr.width()), (200, 150, 200));
        // A mid-image sample keeps its value after scaling, in every plane.
        let at = |p: &Plane, x: u32, y: u32| p.pixels()[(y * p.width() + x) as usize];
        let Some((full_cb, _)) = &full.chroma else {
            panic!("chroma");
        };
        assert!(at(&full.y, 200, 100).abs_diff(at(&half.y, 100, 50)) < 8);
        assert!(at(full_cb, 100, 50).abs_diff(at(cb, 50, 25)) < 8);
    }

    #[test]
    fn odd_sizes_and_greyscale_round_trip() {
        for (w, h) in [(33, 17), (1, 1), (2, 7)] {
            let img = gradient(w, h);
            let jpeg = encode_q90(&img);
            let back = decode_scaled(&jpeg, (w, h), w.max(h), &limits()).expect("decodes");
            assert_eq!((back.y.width(), back.y.height()), (w, h));
            // Luma survives the round trip closely.
            let worst = back
                .y
                .pixels()
                .iter()
                .zip(img.y().pixels())
                .map(|(a, b)| a.abs_diff(*b))
                .max();
            assert!(worst.is_some_and(|d| d < 12), "{w}x{h}: {worst:?}");
        }
        let grey = image::GrayImage::from_fn(40, 30, |x, _| image::Luma([(x * 6) as u8]));
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
            .encode_image(&grey)
            .expect("grey JPEG");
        let back = decode_scaled(&bytes, (40, 30), 40, &limits()).expect("decodes");
        assert!(back.chroma.is_none());
        assert_eq!((back.y.width(), back.y.height()), (40, 30));
    }

    #[test]
    fn unusual_chroma_subsampling_is_a_typed_refusal() {
        let mut jpeg = encode(
            &gradient(64, 64),
            &EncodeSettings {
                quality: 80,
                progressive: false,
            },
        )
        .expect("encodes");
        // SOF0: FF C0, length, precision, height, width, 3 components of
        // (id, sampling, table); give Cb a 1×2 sampling no TurboJPEG
        // subsampling matches.
        let sof = jpeg
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .expect("a baseline frame");
        let cb_sampling = sof + 2 + 2 + 1 + 2 + 2 + 1 + 3 + 1;
        assert_eq!(jpeg[cb_sampling], 0x11, "Cb is 1×1 in a 4:2:0 JPEG");
        jpeg[cb_sampling] = 0x12;
        assert!(matches!(
            decode_scaled(&jpeg, (64, 64), 64, &limits()),
            Err(MediaError::UnsupportedFormat { .. })
        ));
    }

    #[test]
    fn size_mismatch_with_probe_is_corrupt() {
        let jpeg = encode(
            &gradient(64, 64),
            &EncodeSettings {
                quality: 80,
                progressive: true,
            },
        )
        .expect("encodes");
        assert!(matches!(
            decode_scaled(&jpeg, (65, 64), 64, &limits()),
            Err(MediaError::Corrupt { .. })
        ));
    }

    #[test]
    fn warnings_are_classified() {
        let premature = "corrupt jpeg data: premature end of data segment";
        assert_eq!(classify(true, premature), Some(Failure::Truncated));
        let eof = "premature end of jpeg file";
        assert_eq!(classify(true, eof), Some(Failure::Truncated));
        let huffman = "corrupt jpeg data: bad huffman code";
        assert_eq!(classify(true, huffman), Some(Failure::Corrupt));
        let memory = "insufficient memory (case 4)";
        assert_eq!(classify(false, memory), Some(Failure::OverLimit));
        let stray = "corrupt jpeg data: 1 extraneous bytes before marker 0xd9";
        assert_eq!(classify(true, stray), None);
        let jfif = "warning: unknown jfif revision number 3.00";
        assert_eq!(classify(true, jfif), None);
        assert_eq!(classify(false, "anything"), Some(Failure::Corrupt));
    }

    #[test]
    fn progressive_coefficients_over_the_memory_cap_are_refused() {
        // A progressive 1600x1200 JPEG buffers 1600*1200*1.5*2 bytes ≈ 5.5 MB
        // of coefficients whatever the output scale.
        let jpeg = encode(
            &gradient(1600, 1200),
            &EncodeSettings {
                quality: 80,
                progressive: true,
            },
        )
        .expect("encodes");
        let tight = DecodeLimits {
            max_pixels: 50_000_000,
            max_decoded_bytes: 2 * MIB,
        };
        assert!(matches!(
            decode_scaled(&jpeg, (1600, 1200), 200, &tight),
            Err(MediaError::TooManyPixels { .. })
        ));
        assert!(decode_scaled(&jpeg, (1600, 1200), 200, &limits()).is_ok());
    }

    #[test]
    fn decoder_pixel_cap_holds_even_if_the_caller_forgot() {
        let jpeg = encode(
            &gradient(64, 64),
            &EncodeSettings {
                quality: 80,
                progressive: false,
            },
        )
        .expect("encodes");
        let tight = DecodeLimits {
            max_pixels: 100,
            max_decoded_bytes: MIB,
        };
        assert!(decode_scaled(&jpeg, (64, 64), 64, &tight).is_err());
    }
}
