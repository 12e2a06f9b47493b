//! checkin-media: photo and voice check-in media: hard limits, metadata
//! stripping and quality reports, on device, before anything is sealed.
//! It knows nothing of check-ins, stores or networks: bytes and a policy in,
//! processed bytes and a report out.
//!
//! Entry points: [`process_photo`] and [`process_voice`]. Both treat their
//! input as hostile: sizes declared in headers are checked against the
//! policy's limits before any decoder allocates, truncated input is
//! rejected, and every failure is a typed [`MediaError`] whose message holds
//! no personal data.
//!
//! Bounds (measured by `core/media/tests/media_limits.rs` as peak-RSS rise of
//! a child process, input excluded):
//! - input rejected before decoding (empty, wrong magic, truncated, a
//!   JPEG/PNG header over `max_pixels` such as 65,535 × 65,535, a WAV
//!   claiming 4 GB, a 10-hour WAV, with its sizes or with a streaming
//!   recorder's placeholders): under 4 MB, microseconds; nothing
//!   proportional to the claimed size is allocated;
//! - a 12 MP JPEG: about 8.5 MB, the face model's first load included
//!   (decoded at 3/8 scale: 1500 × 1125 luma, 750 × 563 chroma);
//!   a header under the cap with missing data: about 5.3 MB;
//! - a 12 MP PNG: about 10 MB (read row by row and area-averaged to the
//!   same 3/8 scale as it is read: 1500 × 1125 Y, Cb and Cr; `png_rows.rs`);
//!   an interlaced one: about 6.5 MB for grey;
//! - in general, photo: the decoded planes ≤ `max_decoded_bytes` (48 MiB
//!   by default; also libjpeg-turbo's cap for progressive coefficient
//!   buffers) plus, for PNG, a few rows at full width, plus output-sized
//!   planes (the resize intermediates, the output's Y, Cb and Cr, the face
//!   detector's ≈ 12 bytes per pixel of its 512 px plane) and ~1.2 MB for
//!   the face model per thread; voice: 4 bytes per 16 kHz output sample
//!   (≤ 7.7 MB at the 120 s default limit).
//!
//! Time is linear in the input size, with JPEG scans capped at 100.
//!
//! Files: `policy.rs` (every limit and threshold), `report.rs` (typed
//! issues and their message ids, blur doubts), `error.rs`, `probe.rs`
//! (container structure checks), `exif.rs` (orientation), `jpeg.rs`
//! (libjpeg-turbo scaled decode to Y/Cb/Cr planes and encode from them),
//! `png_rows.rs` (PNG read row by row into the same planes), `faces/`
//! (face detector), `bystanders.rs` (whose face stays, which are blurred,
//! and when that is uncertain), `photo.rs` (the photo pipeline); the pixel
//! kernels (downscale, row feed, orient, blur, exposure, sharpness) are
//! the `checkin-pixels` crate in `core/pixels`; the face model's files are
//! in `model/` (see its README); `wav.rs` (WAV structure and samples),
//! `resample.rs` (to 16 kHz), `ogg.rs` (Ogg Opus pages), `voice.rs` (the
//! voice pipeline).

// Unsafe code is allowed in one place only: the calls into libjpeg-turbo
// (`jpeg.rs`), each with its SAFETY comment.
#![deny(unsafe_code)]

mod bystanders;
mod error;
mod exif;
mod faces;
mod jpeg;
mod ogg;
mod photo;
mod png_rows;
mod policy;
mod probe;
mod report;
mod resample;
mod voice;
mod wav;

pub use error::MediaError;
pub use photo::{ProcessedPhoto, process_photo};
pub use policy::*;
pub use report::{
    BlurDoubt, FaceBox, Finding, PhotoIssue, PhotoReport, Severity, VoiceIssue, VoiceReport,
};
pub use voice::{ProcessedVoice, VOICE_RATE, process_voice};

/// Internals timed by `benches/faces.rs`; not part of the API.
#[doc(hidden)]
pub mod bench_support {
    use super::MediaError;

    /// The face-scan plane of an RGB image, as the photo pipeline makes it:
    /// luma, long edge at most `long_edge`.
    pub fn face_scan_plane(
        rgb: &[u8],
        width: u32,
        height: u32,
        long_edge: u32,
    ) -> Result<(Vec<u8>, u32, u32), MediaError> {
        let (luma, _, _) = checkin_pixels::Ycc420::planes_from_rgb(width, height, rgb)?;
        let (w, h) = checkin_pixels::target_size(width, height, long_edge);
        let plane = luma.area_downscale(w, h)?;
        Ok((plane.pixels().to_vec(), w, h))
    }

    /// How many faces the detector finds in a greyscale plane.
    pub fn detect_faces(luma: &[u8], width: u32, height: u32) -> Result<usize, MediaError> {
        super::faces::detect_faces(luma, width, height)
            .map(|found| found.iter().filter(|f| f.is_face()).count())
    }
}
