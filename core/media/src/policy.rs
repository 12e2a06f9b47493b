//! What a program allows and asks for: limits, output sizes and which
//! quality problems block submission.
//!
//! Every limit of the media pipelines is a field here (with its default as a
//! named constant) so a program can tune it and a reviewer can find it.

use super::report::{PhotoIssue, VoiceIssue};

/// Default long edge of the processed photo, in pixels.
pub const DEFAULT_LONG_EDGE_PX: u32 = 1024;
/// Default JPEG quality (1..=100) of the processed photo. Chosen so that a
/// 1024 px portrait plus 10 s of voice stays under 100 KB.
pub const DEFAULT_JPEG_QUALITY: u8 = 72;
/// Default byte budget of the processed photo: with 10 s of voice at the
/// default bitrate (about 16 KB) a check-in stays under 100 KB.
pub const DEFAULT_MAX_OUTPUT_BYTES: u32 = 80 * 1024;
/// Lowest JPEG quality the encoder steps down to when meeting the budget.
pub const MIN_BUDGET_JPEG_QUALITY: u8 = 40;
/// Default cap on the photo input size: phone cameras write 2-8 MB JPEGs.
pub const DEFAULT_MAX_PHOTO_BYTES: u64 = 25 * 1024 * 1024;
/// Default cap on declared width × height: 50 MP covers the largest phone
/// sensors; JPEGs are decoded at reduced scale, so this does not mean a
/// 50 MP buffer.
pub const DEFAULT_MAX_PIXELS: u64 = 50_000_000;
/// Default cap on the one decoded-pixel buffer (at the scale actually
/// decoded). The whole pipeline's peak memory is a small multiple of this;
/// see `media` module docs.
pub const DEFAULT_MAX_DECODED_BYTES: u64 = 48 * 1024 * 1024;

/// Mean luma (0..=255) below which a photo is too dark.
pub const DEFAULT_DARK_MEAN_LUMA: f32 = 55.0;
/// Mean luma (0..=255) above which a photo is too bright.
pub const DEFAULT_BRIGHT_MEAN_LUMA: f32 = 215.0;
/// Share of near-white pixels above which a photo is washed out.
pub const DEFAULT_MAX_BLOWN_FRACTION: f32 = 0.45;
/// Variance of the Laplacian (on the analysis image) below which a photo is
/// blurry.
pub const DEFAULT_MIN_SHARPNESS: f32 = 60.0;
/// Smallest accepted face width, as a share of the photo's shorter edge.
pub const DEFAULT_MIN_FACE_FRACTION: f32 = 0.15;
/// Largest accepted distance of the face centre from the photo centre, as a
/// share of the photo's width (horizontally) and height (vertically). Head
/// and shoulders framing puts the face centre about a fifth from the top,
/// an offset of 0.28; 0.3 accepts that.
pub const DEFAULT_MAX_FACE_OFFSET: f32 = 0.3;

/// Default long edge of the plane faces are searched in. Faces smaller
/// than 40 px there (about 10 % of a 4:3 photo's shorter edge) are not
/// found, so not blurred; 768 finds 7 %, 1024 finds 5 %, at about 2.3× and
/// 4× the detection time, which dominates the pipeline. See `faces/mod.rs`.
pub const DEFAULT_FACE_SCAN_LONG_EDGE: u32 = 512;
/// Default Opus encoder complexity (0-10). Measured on 10 s of speech
/// (x86, scripts/media/bench.sh): 0 → 15 ms, 3 → 41 ms, 5 → 69 ms,
/// 10 → 137 ms. 3 is the highest setting without SILK's warped analysis
/// (the costliest step) and keeps 12 kbit/s wideband speech clear; cheap
/// phones are several times slower than the bench machine.
pub const DEFAULT_OPUS_COMPLEXITY: u8 = 3;

/// Default cap on the voice input size (a 2-minute 48 kHz stereo 32-bit WAV
/// is 46 MB; shells should record 16-bit mono).
pub const DEFAULT_MAX_VOICE_BYTES: u64 = 48 * 1024 * 1024;
/// Default longest accepted recording.
pub const DEFAULT_MAX_VOICE_MS: u32 = 120_000;
/// Default shortest recording that is not flagged as too short.
pub const DEFAULT_MIN_VOICE_MS: u32 = 2_000;
/// Default longest recording that is not flagged as too long (warning
/// only; `DEFAULT_MAX_VOICE_MS` is the hard limit).
pub const DEFAULT_LONG_VOICE_MS: u32 = 60_000;
/// Default Opus bitrate in bits per second: 16 kHz speech is clear at 12 kbit/s.
pub const DEFAULT_OPUS_BITRATE: u32 = 12_000;
/// Default least speech (voice-active time) for `NoSpeech` not to be flagged.
pub const DEFAULT_MIN_SPEECH_MS: u32 = 500;
/// Default RMS level (dBFS) of the voiced part below which speech is too quiet.
pub const DEFAULT_QUIET_DBFS: f32 = -35.0;
/// Default share of samples at full scale above which a recording is clipped.
pub const DEFAULT_MAX_CLIPPED_FRACTION: f32 = 0.001;

/// Thresholds of the photo quality report.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoThresholds {
    /// See [`DEFAULT_DARK_MEAN_LUMA`].
    pub dark_mean_luma: f32,
    /// See [`DEFAULT_BRIGHT_MEAN_LUMA`].
    pub bright_mean_luma: f32,
    /// See [`DEFAULT_MAX_BLOWN_FRACTION`].
    pub max_blown_fraction: f32,
    /// See [`DEFAULT_MIN_SHARPNESS`].
    pub min_sharpness: f32,
    /// See [`DEFAULT_MIN_FACE_FRACTION`].
    pub min_face_fraction: f32,
    /// See [`DEFAULT_MAX_FACE_OFFSET`].
    pub max_face_offset: f32,
}

impl Default for PhotoThresholds {
    fn default() -> Self {
        Self {
            dark_mean_luma: DEFAULT_DARK_MEAN_LUMA,
            bright_mean_luma: DEFAULT_BRIGHT_MEAN_LUMA,
            max_blown_fraction: DEFAULT_MAX_BLOWN_FRACTION,
            min_sharpness: DEFAULT_MIN_SHARPNESS,
            min_face_fraction: DEFAULT_MIN_FACE_FRACTION,
            max_face_offset: DEFAULT_MAX_FACE_OFFSET,
        }
    }
}

/// How a program wants check-in photos processed.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoPolicy {
    /// Long edge of the output in pixels; smaller photos are not enlarged.
    pub long_edge_px: u32,
    /// JPEG quality of the output, 1..=100.
    pub jpeg_quality: u8,
    /// Largest accepted input, in bytes.
    pub max_input_bytes: u64,
    /// Largest accepted declared width × height.
    pub max_pixels: u64,
    /// Largest decoded-pixel buffer the decoder may allocate.
    pub max_decoded_bytes: u64,
    /// Byte budget of the output: above it the encoder retries at lower
    /// quality, down to [`MIN_BUDGET_JPEG_QUALITY`]. `None` disables it.
    pub max_output_bytes: Option<u32>,
    /// Progressive JPEG output: a few per cent smaller, slower to encode.
    pub progressive: bool,
    /// Blur every face and possible face but the participant's (the single
    /// face, or the largest, most central one not cut off by the frame), and
    /// report `blur_uncertain` whenever that may have missed a bystander
    /// (see `bystanders.rs`).
    pub blur_bystanders: bool,
    /// Long edge of the plane faces are searched in; see
    /// [`DEFAULT_FACE_SCAN_LONG_EDGE`] for the privacy/time trade-off.
    pub face_scan_long_edge: u32,
    /// Issues that block submission; all others are warnings.
    ///
    /// Empty by default: a detector's false alarm must not stop a check-in
    /// (a missed check-in can mean arrest). Programs opt in per issue.
    pub blocking: Vec<PhotoIssue>,
    /// Quality thresholds.
    pub thresholds: PhotoThresholds,
}

impl Default for PhotoPolicy {
    fn default() -> Self {
        Self {
            long_edge_px: DEFAULT_LONG_EDGE_PX,
            jpeg_quality: DEFAULT_JPEG_QUALITY,
            max_input_bytes: DEFAULT_MAX_PHOTO_BYTES,
            max_pixels: DEFAULT_MAX_PIXELS,
            max_decoded_bytes: DEFAULT_MAX_DECODED_BYTES,
            max_output_bytes: Some(DEFAULT_MAX_OUTPUT_BYTES),
            progressive: false,
            blur_bystanders: true,
            face_scan_long_edge: DEFAULT_FACE_SCAN_LONG_EDGE,
            blocking: Vec::new(),
            thresholds: PhotoThresholds::default(),
        }
    }
}

/// How a program wants check-in voice recordings processed.
#[derive(Debug, Clone, PartialEq)]
pub struct VoicePolicy {
    /// Largest accepted input, in bytes.
    pub max_input_bytes: u64,
    /// Longest accepted recording (hard limit: an error, not an issue).
    pub max_duration_ms: u32,
    /// Recordings shorter than this get [`VoiceIssue::TooShort`].
    pub min_duration_ms: u32,
    /// Recordings longer than this get [`VoiceIssue::TooLong`].
    pub long_duration_ms: u32,
    /// Opus bitrate in bits per second.
    pub opus_bitrate: u32,
    /// Opus encoder complexity, 0..=10.
    pub opus_complexity: u8,
    /// Voice-active time below which [`VoiceIssue::NoSpeech`] is flagged.
    pub min_speech_ms: u32,
    /// Speech RMS (dBFS) below which [`VoiceIssue::TooQuiet`] is flagged.
    pub quiet_dbfs: f32,
    /// Share of full-scale samples above which [`VoiceIssue::Clipping`] is flagged.
    pub max_clipped_fraction: f32,
    /// Issues that block submission; all others are warnings. Empty by
    /// default, for the same reason as [`PhotoPolicy::blocking`].
    pub blocking: Vec<VoiceIssue>,
}

impl Default for VoicePolicy {
    fn default() -> Self {
        Self {
            max_input_bytes: DEFAULT_MAX_VOICE_BYTES,
            max_duration_ms: DEFAULT_MAX_VOICE_MS,
            min_duration_ms: DEFAULT_MIN_VOICE_MS,
            long_duration_ms: DEFAULT_LONG_VOICE_MS,
            opus_bitrate: DEFAULT_OPUS_BITRATE,
            opus_complexity: DEFAULT_OPUS_COMPLEXITY,
            min_speech_ms: DEFAULT_MIN_SPEECH_MS,
            quiet_dbfs: DEFAULT_QUIET_DBFS,
            max_clipped_fraction: DEFAULT_MAX_CLIPPED_FRACTION,
            blocking: Vec::new(),
        }
    }
}
