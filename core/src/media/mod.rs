//! Photo and voice check-in media: hard limits, metadata stripping and
//! quality reports, on device, before anything is sealed.
//!
//! Entry points: [`process_photo`] and [`process_voice`]. Both treat their
//! input as hostile: sizes declared in headers are checked against the
//! policy's limits before any decoder allocates, truncated input is
//! rejected, and every failure is a typed [`MediaError`] whose message holds
//! no personal data.
//!
//! Files: `policy.rs` (every limit and threshold), `report.rs` (typed
//! issues and their message ids), `error.rs`, `probe.rs` (container
//! structure checks), `exif.rs` (orientation), `photo.rs` (pipeline),
//! `quality.rs` (exposure, sharpness).

mod error;
mod exif;
mod photo;
mod policy;
mod probe;
mod quality;
mod report;

pub use error::MediaError;
pub use photo::{ProcessedPhoto, process_photo};
pub use policy::*;
pub use report::{FaceBox, Finding, PhotoIssue, PhotoReport, Severity, VoiceIssue, VoiceReport};
