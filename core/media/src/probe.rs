//! Structural checks of photo containers, before any decoder runs.
//!
//! `probe_photo` walks the whole JPEG marker stream or PNG chunk list
//! without allocating, and returns the declared size, the layout the decoder
//! will need and the EXIF orientation. It guarantees, for anything it
//! accepts: the magic is right, every segment/chunk length stays inside the
//! input, exactly one frame header precedes the image data, and the file
//! reaches its end marker (JPEG EOI / PNG IEND). Truncated files are thus
//! rejected here, whatever a decoder would have tolerated (the `image`
//! crate's JPEG path fills missing data with grey). Pixel limits are
//! enforced by the caller on the declared size this returns, before any
//! decoder allocates.

use wide::u8x16;

use super::MediaError;
use super::exif::{Orientation, orientation_from_tiff};

/// JPEG start-of-image marker bytes.
const JPEG_SOI: [u8; 2] = [0xFF, 0xD8];
/// PNG file signature.
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
/// Prefix of an EXIF APP1 segment's body.
const EXIF_PREFIX: &[u8] = b"Exif\0\0";
/// PNG chunk lengths are limited to 2^31 - 1 by the specification.
const PNG_MAX_CHUNK_LEN: u32 = 0x7FFF_FFFF;
/// Most scans a JPEG may have. Normal progressive encoders write about
/// 10; crafted files with thousands of scans are a known CPU-exhaustion
/// attack (each scan re-walks the whole coefficient buffer).
pub(crate) const MAX_JPEG_SCANS: u16 = 100;
/// PNG IHDR body length.
const PNG_IHDR_LEN: usize = 13;

/// The container formats accepted for photos.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhotoFormat {
    /// Baseline or progressive Huffman-coded 8-bit JPEG.
    Jpeg,
    /// PNG, any standard colour type and bit depth.
    Png,
}

/// What the container declares, checked for consistency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhotoHeader {
    /// Container format.
    pub format: PhotoFormat,
    /// Stored width in pixels (before orientation).
    pub width: u32,
    /// Stored height in pixels (before orientation).
    pub height: u32,
    /// How to turn the stored pixels upright.
    pub orientation: Orientation,
}

impl PhotoHeader {
    /// Declared width × height.
    pub(crate) fn pixels(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

/// Identify and structurally check a photo. See the module comment for
/// what acceptance guarantees.
pub(crate) fn probe_photo(data: &[u8]) -> Result<PhotoHeader, MediaError> {
    if data.is_empty() {
        return Err(MediaError::Empty);
    }
    if data.starts_with(&JPEG_SOI) {
        probe_jpeg(data)
    } else if data.starts_with(&PNG_SIGNATURE) {
        probe_png(data)
    } else if JPEG_SOI.starts_with(data) || PNG_SIGNATURE.starts_with(data) {
        Err(MediaError::Truncated)
    } else {
        Err(MediaError::UnsupportedFormat {
            detail: "not a JPEG or PNG file",
        })
    }
}

fn be16(data: &[u8], at: usize) -> Result<u16, MediaError> {
    let end = at.checked_add(2).ok_or(MediaError::Truncated)?;
    let b = data.get(at..end).ok_or(MediaError::Truncated)?;
    Ok(u16::from_be_bytes([b[0], b[1]]))
}

fn be32(data: &[u8], at: usize) -> Result<u32, MediaError> {
    let end = at.checked_add(4).ok_or(MediaError::Truncated)?;
    let b = data.get(at..end).ok_or(MediaError::Truncated)?;
    Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

struct JpegFrame {
    width: u32,
    height: u32,
}

fn probe_jpeg(data: &[u8]) -> Result<PhotoHeader, MediaError> {
    let mut pos = JPEG_SOI.len();
    let mut frame: Option<JpegFrame> = None;
    let mut orientation: Option<Orientation> = None;
    let mut scans = 0usize;
    loop {
        if *data.get(pos).ok_or(MediaError::Truncated)? != 0xFF {
            return Err(MediaError::Corrupt {
                detail: "JPEG marker expected",
            });
        }
        // Any number of 0xFF fill bytes may precede a marker code.
        while *data.get(pos).ok_or(MediaError::Truncated)? == 0xFF {
            pos += 1;
        }
        let marker = data[pos];
        pos += 1;
        match marker {
            0xD9 => break,
            0xD0..=0xD7 | 0x01 => continue,
            0xD8 => {
                return Err(MediaError::Corrupt {
                    detail: "second JPEG start-of-image marker",
                });
            }
            0x00 => {
                return Err(MediaError::Corrupt {
                    detail: "stuffed byte outside JPEG scan data",
                });
            }
            _ => {}
        }
        let len = usize::from(be16(data, pos)?);
        if len < 2 {
            return Err(MediaError::Corrupt {
                detail: "JPEG segment length below 2",
            });
        }
        let body = pos + 2;
        let end = pos + len;
        if end > data.len() {
            return Err(MediaError::Truncated);
        }
        let segment = &data[body..end];
        match marker {
            0xC0..=0xC2 => {
                if frame.is_some() {
                    return Err(MediaError::Corrupt {
                        detail: "more than one JPEG frame header",
                    });
                }
                frame = Some(parse_sof(segment)?);
            }
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(MediaError::UnsupportedFormat {
                    detail: "lossless, hierarchical or arithmetic-coded JPEG",
                });
            }
            0xE1 if orientation.is_none() && segment.starts_with(EXIF_PREFIX) => {
                orientation = Some(orientation_from_tiff(&segment[EXIF_PREFIX.len()..]));
            }
            0xDA => {
                if frame.is_none() {
                    return Err(MediaError::Corrupt {
                        detail: "JPEG scan before frame header",
                    });
                }
                scans += 1;
                if scans > usize::from(MAX_JPEG_SCANS) {
                    return Err(MediaError::Corrupt {
                        detail: "JPEG with too many scans",
                    });
                }
                pos = skip_entropy_coded_data(data, end)?;
                continue;
            }
            _ => {}
        }
        pos = end;
    }
    let frame = frame.ok_or(MediaError::Corrupt {
        detail: "JPEG without frame header",
    })?;
    if scans == 0 {
        return Err(MediaError::Corrupt {
            detail: "JPEG without image data",
        });
    }
    Ok(PhotoHeader {
        format: PhotoFormat::Jpeg,
        width: frame.width,
        height: frame.height,
        orientation: orientation.unwrap_or(Orientation::UPRIGHT),
    })
}

fn parse_sof(segment: &[u8]) -> Result<JpegFrame, MediaError> {
    let precision = *segment.first().ok_or(MediaError::Corrupt {
        detail: "JPEG frame header too short",
    })?;
    let height = u32::from(be16(segment, 1).map_err(|_| MediaError::Corrupt {
        detail: "JPEG frame header too short",
    })?);
    let width = u32::from(be16(segment, 3).map_err(|_| MediaError::Corrupt {
        detail: "JPEG frame header too short",
    })?);
    let components = *segment.get(5).ok_or(MediaError::Corrupt {
        detail: "JPEG frame header too short",
    })?;
    if precision != 8 {
        return Err(MediaError::UnsupportedFormat {
            detail: "JPEG with other than 8-bit samples",
        });
    }
    if height == 0 {
        return Err(MediaError::UnsupportedFormat {
            detail: "JPEG whose height is defined after the first scan",
        });
    }
    if width == 0 {
        return Err(MediaError::Corrupt {
            detail: "JPEG width is zero",
        });
    }
    if components != 1 && components != 3 {
        return Err(MediaError::UnsupportedFormat {
            detail: "JPEG that is neither greyscale nor three-component colour",
        });
    }
    if segment.len() != 6 + 3 * usize::from(components) {
        return Err(MediaError::Corrupt {
            detail: "JPEG frame header length mismatch",
        });
    }
    Ok(JpegFrame { width, height })
}

/// From the start of scan data, the offset of the next marker that is not a
/// stuffed byte or a restart marker.
fn skip_entropy_coded_data(data: &[u8], from: usize) -> Result<usize, MediaError> {
    // Sixteen bytes at a time: the probe reads every byte of a
    // multi-megabyte photo, where a 0xFF (mostly stuffed as FF 00) turns up
    // every few hundred bytes, so a byte search per 0xFF costs about a
    // millisecond.
    let mut pos = from;
    while pos + 17 <= data.len() {
        let load = |at: usize| {
            let mut lane = [0u8; 16];
            lane.copy_from_slice(&data[at..at + 16]);
            u8x16::new(lane)
        };
        let (here, next) = (load(pos), load(pos + 1));
        let is = |v: u8x16, byte: u8| v.simd_eq(u8x16::new([byte; 16]));
        let restart = is(next & u8x16::new([0xF8; 16]), 0xD0);
        let marker = is(here, 0xFF) & !(is(next, 0x00) | restart | is(next, 0xFF));
        let hits = marker.to_bitmask();
        if hits != 0 {
            return Ok(pos + hits.trailing_zeros() as usize);
        }
        pos += 16;
    }
    // The last few bytes, one at a time.
    for at in pos..data.len().saturating_sub(1) {
        if data[at] == 0xFF && !matches!(data[at + 1], 0x00 | 0xD0..=0xD7 | 0xFF) {
            return Ok(at);
        }
    }
    Err(MediaError::Truncated)
}

fn probe_png(data: &[u8]) -> Result<PhotoHeader, MediaError> {
    let mut pos = PNG_SIGNATURE.len();
    let mut ihdr: Option<(u32, u32)> = None;
    let mut orientation: Option<Orientation> = None;
    let mut saw_idat = false;
    loop {
        let len = be32(data, pos)?;
        if len > PNG_MAX_CHUNK_LEN {
            return Err(MediaError::Corrupt {
                detail: "PNG chunk length over 2^31-1",
            });
        }
        let kind = data.get(pos + 4..pos + 8).ok_or(MediaError::Truncated)?;
        let body_start = pos + 8;
        let body_end = body_start
            .checked_add(len as usize)
            .ok_or(MediaError::Truncated)?;
        let chunk_end = body_end.checked_add(4).ok_or(MediaError::Truncated)?;
        if chunk_end > data.len() {
            return Err(MediaError::Truncated);
        }
        let body = &data[body_start..body_end];
        match kind {
            b"IHDR" => {
                if ihdr.is_some() || pos != PNG_SIGNATURE.len() {
                    return Err(MediaError::Corrupt {
                        detail: "PNG header chunk misplaced",
                    });
                }
                ihdr = Some(parse_ihdr(body)?);
            }
            _ if ihdr.is_none() => {
                return Err(MediaError::Corrupt {
                    detail: "PNG does not start with a header chunk",
                });
            }
            b"IDAT" => saw_idat = true,
            b"eXIf" if orientation.is_none() => orientation = Some(orientation_from_tiff(body)),
            b"IEND" => break,
            _ => {}
        }
        pos = chunk_end;
    }
    let (width, height) = ihdr.ok_or(MediaError::Corrupt {
        detail: "PNG without header chunk",
    })?;
    if !saw_idat {
        return Err(MediaError::Corrupt {
            detail: "PNG without image data",
        });
    }
    Ok(PhotoHeader {
        format: PhotoFormat::Png,
        width,
        height,
        orientation: orientation.unwrap_or(Orientation::UPRIGHT),
    })
}

/// Width and height from an IHDR body, whose colour type, bit depth and
/// methods must be ones the specification defines.
fn parse_ihdr(body: &[u8]) -> Result<(u32, u32), MediaError> {
    if body.len() != PNG_IHDR_LEN {
        return Err(MediaError::Corrupt {
            detail: "PNG header chunk has the wrong length",
        });
    }
    let width = be32(body, 0)?;
    let height = be32(body, 4)?;
    let (depth, colour) = (body[8], body[9]);
    if width == 0 || height == 0 || width > PNG_MAX_CHUNK_LEN || height > PNG_MAX_CHUNK_LEN {
        return Err(MediaError::Corrupt {
            detail: "PNG dimensions out of range",
        });
    }
    let defined = matches!(
        (colour, depth),
        (0, 1 | 2 | 4 | 8 | 16) | (2 | 4 | 6, 8 | 16) | (3, 1 | 2 | 4 | 8)
    );
    if !defined {
        return Err(MediaError::Corrupt {
            detail: "PNG colour type and bit depth do not match",
        });
    }
    if body[10] != 0 || body[11] != 0 || body[12] > 1 {
        return Err(MediaError::Corrupt {
            detail: "PNG compression, filter or interlace method unknown",
        });
    }
    Ok((width, height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition of what `skip_entropy_coded_data` finds.
    fn next_marker_bytewise(data: &[u8], from: usize) -> Option<usize> {
        (from..data.len().saturating_sub(1))
            .find(|&i| data[i] == 0xFF && !matches!(data[i + 1], 0x00 | 0xD0..=0xD7 | 0xFF))
    }

    proptest! {
        #[test]
        fn marker_search_matches_the_bytewise_definition(
            // Mostly the bytes that matter: FF, stuffing, restarts, markers.
            data in proptest::collection::vec(
                prop_oneof![Just(0xFFu8), Just(0x00u8), 0xD0u8..=0xD9, any::<u8>()],
                0..120,
            ),
            from in 0usize..40,
        ) {
            let from = from.min(data.len());
            prop_assert_eq!(
                skip_entropy_coded_data(&data, from).ok(),
                next_marker_bytewise(&data, from)
            );
        }
    }

    /// Smallest structurally valid JPEG marker stream with the given size.
    fn jpeg_skeleton(width: u16, height: u16) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        j.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8]);
        j.extend_from_slice(&height.to_be_bytes());
        j.extend_from_slice(&width.to_be_bytes());
        j.extend_from_slice(&[1, 1, 0x11, 0]);
        j.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0]);
        j.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        j.extend_from_slice(&[0xFF, 0xD9]);
        j
    }

    #[test]
    fn jpeg_declared_size_is_read_without_decoding() {
        let h = probe_photo(&jpeg_skeleton(65535, 65535)).expect("valid skeleton");
        assert_eq!((h.width, h.height), (65535, 65535));
        assert_eq!(h.pixels(), 65535 * 65535);
        assert_eq!(h.format, PhotoFormat::Jpeg);
    }

    #[test]
    fn every_jpeg_prefix_is_rejected() {
        let j = jpeg_skeleton(8, 8);
        for cut in 0..j.len() {
            let r = probe_photo(&j[..cut]);
            assert!(r.is_err(), "prefix of {cut} bytes accepted");
        }
        assert_eq!(probe_photo(&j[..j.len() - 2]), Err(MediaError::Truncated));
    }

    #[test]
    fn magic_is_checked() {
        assert_eq!(probe_photo(b""), Err(MediaError::Empty));
        assert!(matches!(
            probe_photo(b"GIF89a......"),
            Err(MediaError::UnsupportedFormat { .. })
        ));
        assert_eq!(probe_photo(&[0x89, b'P']), Err(MediaError::Truncated));
    }

    #[test]
    fn too_many_scans_are_refused_before_decoding() {
        let mut j = jpeg_skeleton(8, 8);
        let eoi = j.split_off(j.len() - 2);
        let scan = [0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0, 0x12];
        for _ in 0..MAX_JPEG_SCANS {
            j.extend_from_slice(&scan);
        }
        j.extend_from_slice(&eoi);
        assert!(matches!(probe_photo(&j), Err(MediaError::Corrupt { .. })));
    }

    #[test]
    fn scan_before_frame_is_corrupt() {
        let j = [0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9];
        assert!(matches!(probe_photo(&j), Err(MediaError::Corrupt { .. })));
    }
}
