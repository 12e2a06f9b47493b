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
//! structure checks), `exif.rs` (orientation), `jpeg.rs` (libjpeg-turbo scaled decode and
//! encode), `pixels.rs` (orient, resize, blur), `faces.rs` (detector),
//! `quality.rs` (exposure, sharpness), `photo.rs` (the photo pipeline);
//! `wav.rs` (WAV structure and samples), `resample.rs` (to 16 kHz),
//! `ogg.rs` (Ogg Opus pages), `voice.rs` (the voice pipeline).

mod error;
mod exif;
mod faces;
mod jpeg;
mod ogg;
mod photo;
mod pixels;
mod policy;
mod probe;
mod quality;
mod report;
mod resample;
mod voice;
mod wav;

pub use error::MediaError;
pub use photo::{ProcessedPhoto, process_photo};
pub use policy::*;
pub use report::{FaceBox, Finding, PhotoIssue, PhotoReport, Severity, VoiceIssue, VoiceReport};
pub use voice::{ProcessedVoice, VOICE_RATE, process_voice};
