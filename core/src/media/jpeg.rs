//! JPEG decoding at reduced scale and JPEG encoding, with the bundled
//! libjpeg-turbo (TurboJPEG 3 API).
//!
//! Why libjpeg-turbo: its decoder scales in the DCT domain by any factor
//! n/8, so a 12 MP camera photo is decoded straight to about 1.7 MP for a
//! 1024 px output, which is what keeps both time and peak memory small on a
//! cheap phone. It builds from source with cmake for Android and iOS.
//!
//! Guarantees: the decoder is told our pixel cap (`TJPARAM_MAXPIXELS`), a
//! cap on its intermediate buffers (`TJPARAM_MAXMEMORY`, which bounds
//! progressive JPEGs whose coefficients must be buffered whole) and a scan
//! limit, before it reads any data; the declared size must match what
//! [`super::probe`] read; the output buffer is allocated by us, at the
//! scaled size, after checking it against the policy. A "premature end"
//! warning is reported as truncation; other recoverable warnings (seen in
//! real phone JPEGs, e.g. stray bytes before a marker) are accepted
//! because the image was still decoded whole. The encoder receives only
//! pixels, so its output carries no metadata beyond the JFIF header.

use std::ffi::CStr;
use std::ptr;

use libc::{c_int, c_uchar, c_void};
use turbojpeg_sys as tj;

use super::MediaError;

/// Most progressive scans we let the decoder process. Normal encoders
/// write about 10; crafted files with thousands are a known CPU-exhaustion
/// attack.
pub(crate) const MAX_PROGRESSIVE_SCANS: c_int = 100;
/// Denominator of libjpeg-turbo's DCT scaling factors (n/8).
const SCALE_DENOM: u32 = 8;
/// Bytes per RGB pixel.
const RGB_BYTES: usize = 3;
/// One mebibyte, the unit of `TJPARAM_MAXMEMORY`.
const MIB: u64 = 1024 * 1024;

/// An RGB8 image, rows packed without padding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rgb {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) pixels: Vec<u8>,
}

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

    /// Whether the last error was a recoverable warning, and whether its
    /// message says the data ended early.
    fn last_error(&self) -> (bool, bool) {
        // SAFETY: self.0 is a live handle; tj3GetErrorStr returns a
        // NUL-terminated string owned by the handle, read before any other
        // call on it.
        let (code, premature) = unsafe {
            let code = tj::tj3GetErrorCode(self.0);
            let msg = tj::tj3GetErrorStr(self.0);
            let premature = !msg.is_null()
                && CStr::from_ptr(msg)
                    .to_bytes()
                    .windows(b"Premature end".len())
                    .any(|w| w == b"Premature end");
            (code, premature)
        };
        (code == tj::TJERR_TJERR_WARNING as c_int, premature)
    }
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
fn scaled(dim: u64, n: u32) -> u64 {
    (dim * u64::from(n)).div_ceil(u64::from(SCALE_DENOM))
}

/// Limits for one decode.
pub(crate) struct DecodeLimits {
    /// Cap on declared width × height.
    pub(crate) max_pixels: u64,
    /// Cap on the output buffer and on the decoder's intermediate buffers.
    pub(crate) max_decoded_bytes: u64,
}

/// Decode `data` (already checked by the probe to declare
/// `width`×`height`) to RGB at the smallest n/8 scale whose long edge is at
/// least `min_long_edge`.
pub(crate) fn decode_scaled(
    data: &[u8],
    (width, height): (u32, u32),
    min_long_edge: u32,
    limits: &DecodeLimits,
) -> Result<Rgb, MediaError> {
    let mut h = Handle::new(tj::TJINIT_TJINIT_DECOMPRESS)?;
    h.set(
        tj::TJPARAM_TJPARAM_MAXPIXELS,
        clamp_c_int(limits.max_pixels),
    )?;
    h.set(
        tj::TJPARAM_TJPARAM_MAXMEMORY,
        clamp_c_int(limits.max_decoded_bytes.div_ceil(MIB)),
    )?;
    h.set(tj::TJPARAM_TJPARAM_SCANLIMIT, MAX_PROGRESSIVE_SCANS)?;
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
    let bytes = sw * sh * RGB_BYTES as u64;
    if bytes > limits.max_decoded_bytes {
        return Err(MediaError::TooManyPixels {
            width,
            height,
            limit: limits.max_pixels,
        });
    }
    let too_big = MediaError::TooManyPixels {
        width,
        height,
        limit: limits.max_pixels,
    };
    let out_w = u32::try_from(sw).map_err(|_| too_big.clone())?;
    let out_h = u32::try_from(sh).map_err(|_| too_big.clone())?;
    let len = usize::try_from(bytes).map_err(|_| too_big)?;
    let mut pixels = vec![0u8; len];
    let pitch = clamp_c_int(sw * RGB_BYTES as u64);
    // SAFETY: pixels holds sh rows of `pitch` bytes, exactly the scaled
    // size libjpeg-turbo writes for this scaling factor and TJPF_RGB.
    let rc = unsafe {
        tj::tj3Decompress8(
            h.0,
            data.as_ptr(),
            data.len() as tj::size_t,
            pixels.as_mut_ptr(),
            pitch,
            tj::TJPF_TJPF_RGB,
        )
    };
    if rc != 0 {
        match h.last_error() {
            (_, true) => return Err(MediaError::Truncated),
            (true, false) => {}
            (false, false) => {
                return Err(MediaError::Corrupt {
                    detail: "the JPEG decoder rejected the data",
                });
            }
        }
    }
    Ok(Rgb {
        width: out_w,
        height: out_h,
        pixels,
    })
}

/// Encoder settings.
pub(crate) struct EncodeSettings {
    /// 1..=100.
    pub(crate) quality: u8,
    /// Progressive scans (smaller files, slower to encode).
    pub(crate) progressive: bool,
}

/// Encode RGB8 pixels as a 4:2:0 JPEG with optimised Huffman tables.
pub(crate) fn encode(image: &Rgb, settings: &EncodeSettings) -> Result<Vec<u8>, MediaError> {
    let failed = MediaError::Internal {
        detail: "the JPEG encoder failed",
    };
    let expected = (image.width as usize)
        .checked_mul(image.height as usize)
        .and_then(|p| p.checked_mul(RGB_BYTES));
    if image.width == 0 || image.height == 0 || expected != Some(image.pixels.len()) {
        return Err(failed);
    }
    let mut h = Handle::new(tj::TJINIT_TJINIT_COMPRESS)?;
    h.set(tj::TJPARAM_TJPARAM_QUALITY, c_int::from(settings.quality))?;
    h.set(tj::TJPARAM_TJPARAM_SUBSAMP, tj::TJSAMP_TJSAMP_420)?;
    h.set(tj::TJPARAM_TJPARAM_OPTIMIZE, 1)?;
    h.set(
        tj::TJPARAM_TJPARAM_PROGRESSIVE,
        c_int::from(settings.progressive),
    )?;
    let mut buf: *mut c_uchar = ptr::null_mut();
    let mut size: tj::size_t = 0;
    // SAFETY: pixels holds height rows of width*3 bytes (checked above);
    // with a NULL buffer libjpeg-turbo allocates the output with tj3Alloc.
    let rc = unsafe {
        tj::tj3Compress8(
            h.0,
            image.pixels.as_ptr(),
            clamp_c_int(image.width.into()),
            0,
            clamp_c_int(image.height.into()),
            tj::TJPF_TJPF_RGB,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(width: u32, height: u32) -> Rgb {
        let pixels = (0..height)
            .flat_map(|y| (0..width).flat_map(move |x| [(x % 256) as u8, (y % 256) as u8, 100]))
            .collect();
        Rgb {
            width,
            height,
            pixels,
        }
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

    #[test]
    fn encodes_and_decodes_at_scale() {
        let img = gradient(800, 600);
        let jpeg = encode(
            &img,
            &EncodeSettings {
                quality: 90,
                progressive: false,
            },
        )
        .expect("encodes");
        let full = decode_scaled(&jpeg, (800, 600), 800, &limits()).expect("decodes");
        assert_eq!((full.width, full.height), (800, 600));
        let half = decode_scaled(&jpeg, (800, 600), 400, &limits()).expect("decodes");
        assert_eq!((half.width, half.height), (400, 300));
        // Mid-image pixel keeps its colour after scaling.
        let px = |i: &Rgb, x: u32, y: u32| {
            let at = ((y * i.width + x) * 3) as usize;
            [i.pixels[at], i.pixels[at + 1], i.pixels[at + 2]]
        };
        let (a, b) = (px(&full, 200, 100), px(&half, 100, 50));
        for c in 0..3 {
            assert!(a[c].abs_diff(b[c]) < 8, "{a:?} vs {b:?}");
        }
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
