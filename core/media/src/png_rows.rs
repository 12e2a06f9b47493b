//! PNG decoding row by row, straight into the shrink (`checkin_pixels::RowFeed`).
//!
//! Why rows: PNG has no scaled decoding, and a whole 12 MP image is 36 MB
//! of RGB before any plane is made (the pipeline used to peak near 70 MB
//! on one). Here the `png` crate inflates and unfilters one row at a time
//! and each row goes to an area-averaging shrink to the scale the JPEG path
//! would decode at (the smallest n/8 whose long edge still covers the
//! output), so what stays in memory is that scale's planes plus a handful
//! of rows, whatever the source's height.
//!
//! Guarantees: the declared size must match what [`super::probe`] read; the
//! width is capped (rows are held whole); the planes at the chosen scale
//! are checked against `max_decoded_bytes` before anything is decoded;
//! text and ICC chunks are skipped, other ancillary data is capped by the
//! decoder's own limit; a CRC or zlib error, or an image ending before its
//! last row, is an error, never a grey band. Alpha is dropped and 16-bit
//! samples keep their high byte.
//!
//! Interlaced (Adam7) images cannot be read in order: each of the seven
//! passes revisits the whole picture. A small one (its whole frame at most
//! [`WHOLE_FRAME_MAX_BYTES`]) is decoded whole and then fed to the shrink.
//! A larger one is fed only its seventh pass, which holds every odd row in
//! full, each row standing in for the even row above it too; the other
//! passes are decoded and dropped. That halves the vertical detail such a
//! file contributes before the shrink, which a camera never writes anyway.

use std::io::Cursor;

use ::png::{
    Adam7Info, BitDepth, ColorType, Decoder, DecodingError, InterlaceInfo, Limits, Reader,
    Transformations,
};
use checkin_pixels::{RowFeed, RowLayout};

use super::MediaError;
use super::jpeg::{DecodeLimits, Decoded, scale_eighths, scaled};
use super::probe::PhotoHeader;

/// Widest PNG accepted: JPEG's own limit. Rows are held whole (the
/// decoder's two, our shrink's window of up to nine), so this bounds them
/// to a few megabytes.
const MAX_PNG_WIDTH: u32 = 65_535;
/// What the `png` crate may allocate for itself beyond its row buffers
/// (ancillary chunks such as eXIf, and its output row).
const DECODER_MAX_BYTES: usize = 4 * 1024 * 1024;
/// Largest interlaced frame decoded whole (about 1 MP of RGBA); see the
/// module documentation for larger ones.
const WHOLE_FRAME_MAX_BYTES: usize = 4 * 1024 * 1024;
/// The Adam7 pass that holds every odd row in full.
const FULL_ROWS_PASS: u8 = 7;

/// Decode `data` (checked by the probe to declare `header`'s size) to Y,
/// Cb and Cr planes (Y alone for grey) at the smallest n/8 scale whose
/// long edge is at least `min_long_edge`.
pub(crate) fn decode_scaled(
    data: &[u8],
    header: &PhotoHeader,
    min_long_edge: u32,
    limits: &DecodeLimits,
) -> Result<Decoded, MediaError> {
    let (width, height) = (header.width, header.height);
    if width > MAX_PNG_WIDTH {
        return Err(MediaError::UnsupportedFormat {
            detail: "PNG wider than 65,535 pixels",
        });
    }
    let n = scale_eighths(width, height, min_long_edge);
    let too_big = MediaError::TooManyPixels {
        width,
        height,
        limit: limits.max_pixels,
    };
    let out = (
        u32::try_from(scaled(width.into(), n)).map_err(|_| too_big.clone())?,
        u32::try_from(scaled(height.into(), n)).map_err(|_| too_big.clone())?,
    );
    // Three planes at most, before anything is decoded.
    if u64::from(out.0) * u64::from(out.1) * 3 > limits.max_decoded_bytes {
        return Err(too_big);
    }
    let mut decoder = Decoder::new_with_limits(
        Cursor::new(data),
        Limits {
            bytes: DECODER_MAX_BYTES,
        },
    );
    decoder.set_transformations(Transformations::normalize_to_color8());
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);
    let mut reader = decoder.read_info().map_err(decoding_error)?;
    if reader.info().size() != (width, height) {
        return Err(MediaError::Corrupt {
            detail: "decoded size differs from the declared size",
        });
    }
    let layout = match reader.output_color_type() {
        (ColorType::Grayscale, BitDepth::Eight) => RowLayout::Grey,
        (ColorType::GrayscaleAlpha, BitDepth::Eight) => RowLayout::GreyAlpha,
        (ColorType::Rgb, BitDepth::Eight) => RowLayout::Rgb,
        (ColorType::Rgba, BitDepth::Eight) => RowLayout::Rgba,
        _ => {
            return Err(MediaError::Internal {
                detail: "the PNG decoder kept a layout it was told to expand",
            });
        }
    };
    let mut feed = RowFeed::new((width, height), layout, out)?;
    if !reader.info().interlaced {
        while let Some(row) = reader.next_row().map_err(decoding_error)? {
            push(&mut feed, row.data())?;
        }
    } else if reader
        .output_buffer_size()
        .is_some_and(|bytes| bytes <= WHOLE_FRAME_MAX_BYTES)
    {
        feed_whole_frame(&mut reader, &mut feed)?;
    } else {
        feed_full_rows_pass(&mut reader, &mut feed, width)?;
    }
    if feed.rows_missing() > 0 {
        return Err(MediaError::Corrupt {
            detail: "the PNG image data ends before its last row",
        });
    }
    let planes = feed.finish()?;
    Ok(Decoded {
        y: planes.y,
        chroma: planes.chroma,
    })
}

/// A small interlaced image: decoded whole, then fed row by row.
fn feed_whole_frame(
    reader: &mut Reader<Cursor<&[u8]>>,
    feed: &mut RowFeed,
) -> Result<(), MediaError> {
    let bytes = reader.output_buffer_size().ok_or(MediaError::Internal {
        detail: "PNG frame size overflows",
    })?;
    let mut frame = vec![0u8; bytes];
    let info = reader.next_frame(&mut frame).map_err(decoding_error)?;
    for row in frame.chunks_exact(info.line_size.max(1)) {
        push(feed, row)?;
    }
    Ok(())
}

/// A large interlaced image: only the seventh pass's rows (every odd row),
/// each fed twice (for the even row above it and itself), and the last
/// once more when the height is odd.
fn feed_full_rows_pass(
    reader: &mut Reader<Cursor<&[u8]>>,
    feed: &mut RowFeed,
    width: u32,
) -> Result<(), MediaError> {
    let mut line = 0;
    while let Some(row) = reader.next_interlaced_row().map_err(decoding_error)? {
        let InterlaceInfo::Adam7(info) = row.interlace() else {
            continue;
        };
        if *info != Adam7Info::new(FULL_ROWS_PASS, line, width) {
            continue;
        }
        line += 1;
        push(feed, row.data())?;
        push(feed, row.data())?;
        if feed.rows_missing() == 1 {
            push(feed, row.data())?;
        }
    }
    Ok(())
}

/// Feed one row. A row the feed refuses (the wrong length, or one too
/// many) would mean the file's frames disagree with its header, which the
/// decoder itself already refuses (an animated PNG whose first frame is
/// not the whole image): a backstop, reported as the file's fault.
fn push(feed: &mut RowFeed, row: &[u8]) -> Result<(), MediaError> {
    feed.push(row).map_err(|_| MediaError::Corrupt {
        detail: "PNG rows differ from its declared size",
    })
}

fn decoding_error(e: DecodingError) -> MediaError {
    match e {
        DecodingError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            MediaError::Truncated
        }
        DecodingError::LimitsExceeded => MediaError::Corrupt {
            detail: "PNG ancillary data over the decoder's limit",
        },
        DecodingError::Parameter(_) => MediaError::Internal {
            detail: "the PNG decoder was misused",
        },
        _ => MediaError::Corrupt {
            detail: "the PNG decoder rejected the data",
        },
    }
}
