//! Errors of the media pipelines.
//!
//! Every variant says what was wrong with the input or the limits, and
//! nothing about its content: no pixel, sample, tag value or file name ever
//! reaches a message, so errors can be logged and shown without leaking
//! personal data.

use thiserror::Error;

/// Why a photo or a voice recording could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MediaError {
    /// The input has no bytes at all.
    #[error("the media input is empty")]
    Empty,

    /// The input has more bytes than the policy allows.
    #[error("the media input is {actual} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Bytes given.
        actual: u64,
        /// The policy's limit.
        limit: u64,
    },

    /// The input ends before its own structure says it should.
    #[error("the media input is truncated")]
    Truncated,

    /// The input is not a format (or a variant of a format) we accept.
    #[error("unsupported media format: {detail}")]
    UnsupportedFormat {
        /// Which format or feature, as a fixed phrase.
        detail: &'static str,
    },

    /// The image declares more pixels than the policy allows.
    #[error("the image declares {width}x{height} pixels, over the limit of {limit} pixels")]
    TooManyPixels {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
        /// The policy's limit on width × height.
        limit: u64,
    },

    /// The recording lasts longer than the policy allows.
    #[error("the recording lasts {duration_ms} ms, over the limit of {limit_ms} ms")]
    TooLong {
        /// Duration found in the data (not the header's claim).
        duration_ms: u64,
        /// The policy's limit.
        limit_ms: u64,
    },

    /// The input's structure is inconsistent or a decoder rejected it.
    #[error("the media input is corrupt: {detail}")]
    Corrupt {
        /// What was inconsistent, as a fixed phrase.
        detail: &'static str,
    },

    /// The policy itself is unusable (e.g. a zero long edge).
    #[error("invalid media policy: {detail}")]
    InvalidPolicy {
        /// Which field, as a fixed phrase.
        detail: &'static str,
    },

    /// A codec or model on our side failed; a defect, not the input's fault.
    #[error("internal media failure: {detail}")]
    Internal {
        /// Which component, as a fixed phrase.
        detail: &'static str,
    },
}

/// A pixel kernel refusing its planes means our pipeline passed it the
/// wrong sizes: a defect on our side, never the input's fault.
impl From<checkin_pixels::PlaneError> for MediaError {
    fn from(_: checkin_pixels::PlaneError) -> Self {
        Self::Internal {
            detail: "image plane size mismatch",
        }
    }
}
