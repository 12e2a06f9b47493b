//! WAV (RIFF/WAVE) parsing for voice input, with no header size trusted.
//!
//! `parse_wav` walks the chunk list without allocating and returns the
//! format and the byte range of the sample data. It guarantees for anything
//! it accepts: the magic is right; the format is PCM 8/16/24/32-bit or IEEE
//! float 32/64-bit (plain or WAVE_FORMAT_EXTENSIBLE), 1 or 2 channels, 8 to
//! 48 kHz, with a consistent block alignment; the `data` chunk lies wholly
//! inside the input. A `data` size claiming more than the input holds is
//! reported as truncation, not believed.
//!
//! Streaming recorders write their header before the first sample and, on
//! a pipe or a socket, never come back to fill in the sizes. They leave a
//! placeholder there instead, which is not a claim at all: FFmpeg's WAV
//! muxer writes 0xFFFFFFFF for both the RIFF and the `data` size (its
//! older releases wrote 0 for both), SoX writes a `data` size of
//! 0x7FFFF000. A `data` chunk carrying one of those (see
//! [`size_unknown`]) runs to the end of the input, whole frames only. The
//! duration then comes from the bytes that are there, and the caller's
//! duration and size limits apply to it as to any other file. Any other
//! size that runs past the end is still truncation.
//!
//! Sample access (`sample`) is bounds-checked and reads straight from the
//! input, so decoding needs no copy of it.

use super::MediaError;

/// Lowest accepted sample rate.
pub(crate) const MIN_SAMPLE_RATE: u32 = 8_000;
/// Highest accepted sample rate.
pub(crate) const MAX_SAMPLE_RATE: u32 = 48_000;
/// Most channels accepted (mono or stereo).
pub(crate) const MAX_CHANNELS: u16 = 2;
/// Most chunks we walk before giving up; real files have 2-6.
const MAX_CHUNKS: usize = 64;
/// WAVE_FORMAT_PCM.
const FORMAT_PCM: u16 = 1;
/// WAVE_FORMAT_IEEE_FLOAT.
const FORMAT_FLOAT: u16 = 3;
/// WAVE_FORMAT_EXTENSIBLE: the real format is in the sub-format GUID.
const FORMAT_EXTENSIBLE: u16 = 0xFFFE;
/// The size FFmpeg (and others) write for a chunk whose length is not
/// known yet: all ones.
const UNKNOWN_SIZE: u32 = 0xFFFF_FFFF;
/// The `data` size SoX writes when its output cannot seek (seen with SoX
/// 14.4.2 writing to a pipe; its RIFF size is this plus 36).
const SOX_UNKNOWN_DATA_SIZE: u32 = 0x7FFF_F000;
/// Bytes 2..16 of the KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUIDs.
const SUBFORMAT_TAIL: [u8; 14] = [
    0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71,
];

/// How samples are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SampleFormat {
    /// Integer PCM: 8-bit unsigned, or 16/24/32-bit signed little-endian.
    Int(u16),
    /// IEEE float, 32 or 64 bit little-endian.
    Float(u16),
}

/// A checked WAV header and where its samples are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WavInfo {
    pub(crate) sample_rate: u32,
    pub(crate) channels: u16,
    pub(crate) format: SampleFormat,
    /// Bytes per frame (one sample per channel).
    pub(crate) block_align: usize,
    /// Offset of the first sample byte in the input.
    pub(crate) data_start: usize,
    /// Whole frames in the data chunk (a trailing partial frame is dropped).
    pub(crate) frames: u64,
}

impl WavInfo {
    /// Duration in milliseconds, rounded down.
    pub(crate) fn duration_ms(&self) -> u64 {
        self.frames * 1000 / u64::from(self.sample_rate)
    }

    /// Sample `channel` of `frame` as f32 in -1.0..=1.0 (floats are passed
    /// through, clamped; NaN reads as 0), and whether it sits at full scale.
    pub(crate) fn sample(&self, data: &[u8], frame: u64, channel: u16) -> (f32, bool) {
        let bytes = match self.format {
            SampleFormat::Int(b) | SampleFormat::Float(b) => usize::from(b / 8),
        };
        let at = usize::try_from(frame)
            .ok()
            .and_then(|f| f.checked_mul(self.block_align))
            .and_then(|o| o.checked_add(self.data_start + usize::from(channel) * bytes));
        let Some(s) = at.and_then(|a| data.get(a..a + bytes)) else {
            return (0.0, false);
        };
        match (self.format, s) {
            (SampleFormat::Int(8), [b]) => {
                let v = i16::from(*b) - 128;
                (f32::from(v) / 128.0, *b == 0 || *b == 255)
            }
            (SampleFormat::Int(16), [a, b]) => {
                let v = i16::from_le_bytes([*a, *b]);
                (f32::from(v) / 32768.0, v == i16::MIN || v == i16::MAX)
            }
            (SampleFormat::Int(24), [a, b, c]) => {
                let v = i32::from_le_bytes([0, *a, *b, *c]) >> 8;
                const FULL: i32 = 1 << 23;
                (v as f32 / FULL as f32, v == -FULL || v == FULL - 1)
            }
            (SampleFormat::Int(32), [a, b, c, d]) => {
                let v = i32::from_le_bytes([*a, *b, *c, *d]);
                // Compare at 24-bit precision: 32-bit files come from
                // 24-bit converters and are never exactly at i32::MAX.
                let top = v >> 8;
                (
                    (f64::from(v) / 2_147_483_648.0) as f32,
                    top <= -(1 << 23) || top >= (1 << 23) - 1,
                )
            }
            (SampleFormat::Float(32), [a, b, c, d]) => {
                float_sample(f64::from(f32::from_le_bytes([*a, *b, *c, *d])))
            }
            (SampleFormat::Float(64), s8) => {
                let arr: [u8; 8] = s8.try_into().unwrap_or([0; 8]);
                float_sample(f64::from_le_bytes(arr))
            }
            _ => (0.0, false),
        }
    }
}

fn float_sample(v: f64) -> (f32, bool) {
    if v.is_nan() {
        return (0.0, false);
    }
    (v.clamp(-1.0, 1.0) as f32, v.abs() >= 1.0)
}

fn le16(d: &[u8], at: usize) -> Result<u16, MediaError> {
    let b = d.get(at..at + 2).ok_or(MediaError::Truncated)?;
    Ok(u16::from_le_bytes([b[0], b[1]]))
}

fn le32(d: &[u8], at: usize) -> Result<u32, MediaError> {
    let b = d.get(at..at + 4).ok_or(MediaError::Truncated)?;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

struct Fmt {
    sample_rate: u32,
    channels: u16,
    format: SampleFormat,
    block_align: usize,
}

/// Check a WAV file's structure. See the module comment.
pub(crate) fn parse_wav(data: &[u8]) -> Result<WavInfo, MediaError> {
    if data.is_empty() {
        return Err(MediaError::Empty);
    }
    const MAGIC_LEN: usize = 12;
    if data.len() < MAGIC_LEN {
        let riff_prefix = b"RIFF".starts_with(&data[..data.len().min(4)]);
        return Err(if riff_prefix {
            MediaError::Truncated
        } else {
            MediaError::UnsupportedFormat {
                detail: "not a WAV file",
            }
        });
    }
    if &data[0..4] != b"RIFF" || &data[8..12] != b"WAVE" {
        return Err(MediaError::UnsupportedFormat {
            detail: if &data[0..4] == b"RF64" {
                "RF64 WAV files"
            } else {
                "not a WAV file"
            },
        });
    }
    let riff_size = le32(data, 4)?;
    let mut pos = MAGIC_LEN;
    let mut fmt: Option<Fmt> = None;
    for _ in 0..MAX_CHUNKS {
        let id = data.get(pos..pos + 4).ok_or(MediaError::Truncated)?;
        let declared = le32(data, pos + 4)?;
        let mut size = declared as usize;
        let body = pos + 8;
        let end = body.checked_add(size).ok_or(MediaError::Truncated)?;
        if id == b"data" {
            let fmt = fmt.ok_or(MediaError::Corrupt {
                detail: "WAV data before its format chunk",
            })?;
            if size_unknown(declared, riff_size) && (end > data.len() || declared == 0) {
                // A streaming recorder's placeholder: the samples are
                // whatever follows, to the end of the input.
                size = data.len() - body;
            } else if end > data.len() {
                return Err(MediaError::Truncated);
            }
            return Ok(WavInfo {
                sample_rate: fmt.sample_rate,
                channels: fmt.channels,
                format: fmt.format,
                block_align: fmt.block_align,
                data_start: body,
                frames: (size / fmt.block_align) as u64,
            });
        }
        if end > data.len() {
            return Err(MediaError::Truncated);
        }
        if id == b"fmt " {
            if fmt.is_some() {
                return Err(MediaError::Corrupt {
                    detail: "WAV with two format chunks",
                });
            }
            fmt = Some(parse_fmt(&data[body..end])?);
        }
        // Chunks are padded to an even length.
        pos = end + (size & 1);
    }
    Err(MediaError::Corrupt {
        detail: "WAV with too many chunks before its data",
    })
}

/// Whether a `data` chunk's declared size is a streaming recorder's
/// placeholder rather than a length: all ones, SoX's pipe value, or 0 in a
/// file whose RIFF size is 0 too (which no finished file has: the RIFF
/// size counts at least the "WAVE" tag).
fn size_unknown(data_size: u32, riff_size: u32) -> bool {
    matches!(data_size, UNKNOWN_SIZE | SOX_UNKNOWN_DATA_SIZE) || (data_size == 0 && riff_size == 0)
}

fn parse_fmt(f: &[u8]) -> Result<Fmt, MediaError> {
    let short = MediaError::Corrupt {
        detail: "WAV format chunk too short",
    };
    if f.len() < 16 {
        return Err(short);
    }
    let mut tag = le16(f, 0)?;
    let channels = le16(f, 2)?;
    let sample_rate = le32(f, 4)?;
    let block_align = usize::from(le16(f, 12)?);
    let bits = le16(f, 14)?;
    if tag == FORMAT_EXTENSIBLE {
        // cbSize(2) validBits(2) channelMask(4) subFormat GUID(16).
        if f.len() < 40 {
            return Err(short);
        }
        if f[26..40] != SUBFORMAT_TAIL {
            return Err(MediaError::UnsupportedFormat {
                detail: "WAV sub-format other than PCM or float",
            });
        }
        tag = le16(f, 24)?;
    }
    let format = match (tag, bits) {
        (FORMAT_PCM, 8 | 16 | 24 | 32) => SampleFormat::Int(bits),
        (FORMAT_FLOAT, 32 | 64) => SampleFormat::Float(bits),
        (FORMAT_PCM | FORMAT_FLOAT, _) => {
            return Err(MediaError::UnsupportedFormat {
                detail: "WAV sample size",
            });
        }
        _ => {
            return Err(MediaError::UnsupportedFormat {
                detail: "WAV encoding other than PCM or float",
            });
        }
    };
    if channels == 0 || channels > MAX_CHANNELS {
        return Err(MediaError::UnsupportedFormat {
            detail: "WAV with other than one or two channels",
        });
    }
    if !(MIN_SAMPLE_RATE..=MAX_SAMPLE_RATE).contains(&sample_rate) {
        return Err(MediaError::UnsupportedFormat {
            detail: "WAV sample rate outside 8-48 kHz",
        });
    }
    if block_align != usize::from(channels) * usize::from(bits / 8) {
        return Err(MediaError::Corrupt {
            detail: "WAV block alignment does not match its format",
        });
    }
    Ok(Fmt {
        sample_rate,
        channels,
        format,
        block_align,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PCM WAV header (44 bytes) claiming `data_len` bytes, followed by
    /// `body`.
    pub(crate) fn wav(rate: u32, channels: u16, bits: u16, data_len: u32, body: &[u8]) -> Vec<u8> {
        let align = channels * bits / 8;
        let mut w = Vec::new();
        w.extend_from_slice(b"RIFF");
        w.extend_from_slice(&data_len.saturating_add(36).to_le_bytes());
        w.extend_from_slice(b"WAVEfmt ");
        w.extend_from_slice(&16u32.to_le_bytes());
        w.extend_from_slice(&FORMAT_PCM.to_le_bytes());
        w.extend_from_slice(&channels.to_le_bytes());
        w.extend_from_slice(&rate.to_le_bytes());
        w.extend_from_slice(&(rate * u32::from(align)).to_le_bytes());
        w.extend_from_slice(&align.to_le_bytes());
        w.extend_from_slice(&bits.to_le_bytes());
        w.extend_from_slice(b"data");
        w.extend_from_slice(&data_len.to_le_bytes());
        w.extend_from_slice(body);
        w
    }

    #[test]
    fn reads_a_pcm_header() {
        let body: Vec<u8> = [0i16, 16384, -32768, 32767]
            .iter()
            .flat_map(|s| s.to_le_bytes())
            .collect();
        let w = wav(16_000, 1, 16, 8, &body);
        let info = parse_wav(&w).expect("valid");
        assert_eq!(
            (info.frames, info.sample_rate, info.channels),
            (4, 16_000, 1)
        );
        assert_eq!(info.sample(&w, 1, 0), (0.5, false));
        assert_eq!(info.sample(&w, 2, 0), (-1.0, true));
        assert!(info.sample(&w, 3, 0).1);
        // Out of range frames read as silence, not a panic.
        assert_eq!(info.sample(&w, 99, 0), (0.0, false));
    }

    /// `wav` with the RIFF size set to `riff`.
    pub(crate) fn with_riff_size(mut w: Vec<u8>, riff: u32) -> Vec<u8> {
        w[4..8].copy_from_slice(&riff.to_le_bytes());
        w
    }

    #[test]
    fn a_streaming_recorders_placeholder_sizes_read_to_the_end() {
        // 101 bytes of 16-bit mono: 50 whole frames and half of one more.
        let body: Vec<u8> = (0..101u8).collect();
        for (riff, data) in [
            (u32::MAX, u32::MAX),       // FFmpeg on a pipe
            (36 + 101, u32::MAX),       // RIFF size fixed, data size not
            (0x7FFF_F024, 0x7FFF_F000), // SoX on a pipe
            (0, 0),                     // older FFmpeg on a pipe
        ] {
            let w = with_riff_size(wav(16_000, 1, 16, data, &body), riff);
            let info = parse_wav(&w).unwrap_or_else(|e| panic!("{riff:#x}/{data:#x}: {e}"));
            assert_eq!(info.frames, 50, "{riff:#x}/{data:#x}");
            assert_eq!(
                info.sample(&w, 1, 0).0,
                f32::from(i16::from_le_bytes([2, 3])) / 32768.0
            );
        }
        // A RIFF placeholder beside a real data size: the data size holds.
        let w = with_riff_size(wav(16_000, 1, 16, 40, &body), u32::MAX);
        assert_eq!(parse_wav(&w).map(|i| i.frames), Ok(20));
    }

    #[test]
    fn a_real_truncation_is_still_refused() {
        // Sizes that are claims, not placeholders, running past the end.
        for data in [u32::MAX - 1, u32::MAX - 100, 0x7FFF_F001, 102] {
            let w = wav(16_000, 1, 16, data, &[0; 101]);
            assert_eq!(parse_wav(&w), Err(MediaError::Truncated), "{data:#x}");
        }
        // A streaming header cut before its data chunk.
        let w = wav(16_000, 1, 16, u32::MAX, &[0; 64]);
        for cut in 0..44 {
            assert!(parse_wav(&w[..cut]).is_err(), "prefix {cut}");
        }
        // A finished empty recording (data size 0, real RIFF size) stays
        // empty even with bytes after it.
        let w = wav(16_000, 1, 16, 0, &[0; 8]);
        assert_eq!(parse_wav(&w).map(|i| i.frames), Ok(0));
    }

    #[test]
    fn every_prefix_is_rejected_and_wrong_magic_is_unsupported() {
        let w = wav(8_000, 1, 8, 4, &[128; 4]);
        for cut in 0..w.len() {
            assert!(parse_wav(&w[..cut]).is_err(), "prefix {cut}");
        }
        assert!(matches!(
            parse_wav(b"OggS\0\0\0\0\0\0\0\0\0\0"),
            Err(MediaError::UnsupportedFormat { .. })
        ));
    }

    #[test]
    fn inconsistent_formats_are_rejected() {
        let mut w = wav(16_000, 1, 16, 4, &[0; 4]);
        w[32] = 3; // block align 3 for 16-bit mono
        assert!(matches!(parse_wav(&w), Err(MediaError::Corrupt { .. })));
        let w = wav(96_000, 1, 16, 4, &[0; 4]);
        assert!(matches!(
            parse_wav(&w),
            Err(MediaError::UnsupportedFormat { .. })
        ));
        let w = wav(16_000, 6, 16, 12, &[0; 12]);
        assert!(matches!(
            parse_wav(&w),
            Err(MediaError::UnsupportedFormat { .. })
        ));
    }
}
