//! Quality reports: typed issues with a stable message id and a severity.
//!
//! The message id names the localized hint in `core/locales/*/media.ftl`
//! (e.g. `photo-too-dark`); the shell shows it, the core never builds text.

/// Whether an issue stops submission or only warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The shell must not submit; the participant retakes.
    Blocking,
    /// The shell shows the hint and lets the participant submit anyway.
    Warning,
}

/// A problem found in a check-in photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhotoIssue {
    /// Underexposed.
    TooDark,
    /// Overexposed or washed out.
    TooBright,
    /// Out of focus or shaken.
    Blurry,
    /// No face found.
    NoFace,
    /// The participant's face is small in the frame.
    FaceTooSmall,
    /// The participant's face is far from the centre.
    FaceOffCentre,
    /// More than one face found.
    MultipleFaces,
}

impl PhotoIssue {
    /// Every photo issue, in report order.
    pub const ALL: [PhotoIssue; 7] = [
        PhotoIssue::TooDark,
        PhotoIssue::TooBright,
        PhotoIssue::Blurry,
        PhotoIssue::NoFace,
        PhotoIssue::FaceTooSmall,
        PhotoIssue::FaceOffCentre,
        PhotoIssue::MultipleFaces,
    ];

    /// Stable id of the localized hint.
    pub fn message_id(self) -> &'static str {
        match self {
            PhotoIssue::TooDark => "photo-too-dark",
            PhotoIssue::TooBright => "photo-too-bright",
            PhotoIssue::Blurry => "photo-blurry",
            PhotoIssue::NoFace => "photo-no-face",
            PhotoIssue::FaceTooSmall => "photo-face-too-small",
            PhotoIssue::FaceOffCentre => "photo-face-off-centre",
            PhotoIssue::MultipleFaces => "photo-multiple-faces",
        }
    }
}

/// A problem found in a check-in voice recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VoiceIssue {
    /// No speech detected.
    NoSpeech,
    /// Speech is present but quiet.
    TooQuiet,
    /// Samples hit full scale.
    Clipping,
    /// Shorter than the policy's minimum.
    TooShort,
    /// Longer than the policy's comfortable length.
    TooLong,
}

impl VoiceIssue {
    /// Every voice issue, in report order.
    pub const ALL: [VoiceIssue; 5] = [
        VoiceIssue::NoSpeech,
        VoiceIssue::TooQuiet,
        VoiceIssue::Clipping,
        VoiceIssue::TooShort,
        VoiceIssue::TooLong,
    ];

    /// Stable id of the localized hint.
    pub fn message_id(self) -> &'static str {
        match self {
            VoiceIssue::NoSpeech => "voice-no-speech",
            VoiceIssue::TooQuiet => "voice-too-quiet",
            VoiceIssue::Clipping => "voice-clipping",
            VoiceIssue::TooShort => "voice-too-short",
            VoiceIssue::TooLong => "voice-too-long",
        }
    }
}

/// One issue and how much it matters under the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding<I> {
    /// What is wrong.
    pub issue: I,
    /// Whether it blocks submission.
    pub severity: Severity,
}

/// A face found in the processed photo, in output pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaceBox {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

/// Why the bystander blur may have left a face unblurred. Each is about
/// the detector's result, never the photo's content, and holds no data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlurDoubt {
    /// No face was found: the detector may have missed every face,
    /// bystanders' included.
    NoFaceFound,
    /// Several faces: the participant's was taken to be the largest nearest
    /// the centre, and nobody confirmed it (every other face is blurred).
    SeveralFaces,
    /// The one face found is small or off-centre: it may be a bystander's,
    /// with the participant's missed.
    LoneFaceNotFramed,
    /// A face is cut off by the frame's edge; partly visible faces are the
    /// ones a detector misses.
    FaceAtEdge,
    /// A face was found with low confidence.
    LowConfidence,
    /// Something scored just under the face threshold: it was blurred, but
    /// more such faces may have gone unnoticed.
    PossibleFace,
}

impl BlurDoubt {
    /// Every doubt, in report order.
    pub const ALL: [BlurDoubt; 6] = [
        BlurDoubt::NoFaceFound,
        BlurDoubt::SeveralFaces,
        BlurDoubt::LoneFaceNotFramed,
        BlurDoubt::FaceAtEdge,
        BlurDoubt::LowConfidence,
        BlurDoubt::PossibleFace,
    ];
}

/// The photo quality report, computed on the processed (output) image.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoReport {
    /// Issues found, in [`PhotoIssue::ALL`] order.
    pub findings: Vec<Finding<PhotoIssue>>,
    /// Mean luma, 0..=255.
    pub mean_luma: f32,
    /// Share of near-white pixels.
    pub blown_fraction: f32,
    /// Variance of the Laplacian of the analysis image.
    pub sharpness: f32,
    /// Faces found (before any bystander blurring); the participant's first.
    pub faces: Vec<FaceBox>,
    /// The policy asked for bystanders to be blurred, and the detector's
    /// result leaves room for one to have been missed: see `blur_doubts`.
    /// Always false when the policy asks for no blur.
    pub blur_uncertain: bool,
    /// Why, in [`BlurDoubt::ALL`] order; empty exactly when
    /// `blur_uncertain` is false.
    pub blur_doubts: Vec<BlurDoubt>,
}

impl PhotoReport {
    /// Whether any finding blocks submission.
    pub fn blocks_submit(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == Severity::Blocking)
    }

    /// Whether `issue` was found.
    pub fn has(&self, issue: PhotoIssue) -> bool {
        self.findings.iter().any(|f| f.issue == issue)
    }
}

/// The voice quality report.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceReport {
    /// Issues found, in [`VoiceIssue::ALL`] order.
    pub findings: Vec<Finding<VoiceIssue>>,
    /// Voice-active time in milliseconds.
    pub speech_ms: u32,
    /// RMS level of the voice-active frames, dBFS (or of the whole recording
    /// if none is active).
    pub speech_dbfs: f32,
    /// Share of input samples at or beyond full scale.
    pub clipped_fraction: f32,
}

impl VoiceReport {
    /// Whether any finding blocks submission.
    pub fn blocks_submit(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == Severity::Blocking)
    }

    /// Whether `issue` was found.
    pub fn has(&self, issue: VoiceIssue) -> bool {
        self.findings.iter().any(|f| f.issue == issue)
    }
}

/// Findings for `found` issues in `order`, each blocking if listed in `blocking`.
pub(crate) fn findings<I: Copy + PartialEq>(
    order: &[I],
    found: &[I],
    blocking: &[I],
) -> Vec<Finding<I>> {
    order
        .iter()
        .filter(|i| found.contains(i))
        .map(|&issue| Finding {
            issue,
            severity: if blocking.contains(&issue) {
                Severity::Blocking
            } else {
                Severity::Warning
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCALES: [(&str, &str); 2] = [
        ("en", include_str!("../../locales/en/media.ftl")),
        ("es", include_str!("../../locales/es/media.ftl")),
    ];

    /// Message ids defined in a Fluent file with a non-empty value.
    fn defined(ftl: &str) -> Vec<&str> {
        ftl.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
            .filter_map(|l| l.split_once('='))
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, _)| k.trim())
            .collect()
    }

    #[test]
    fn every_issue_has_english_and_spanish_text() {
        let ids: Vec<&str> = PhotoIssue::ALL
            .iter()
            .map(|i| i.message_id())
            .chain(VoiceIssue::ALL.iter().map(|i| i.message_id()))
            .collect();
        for (locale, ftl) in LOCALES {
            let have = defined(ftl);
            for id in &ids {
                assert!(have.contains(id), "{locale}/media.ftl lacks {id}");
            }
            // And nothing stale: every message in the file is an issue id.
            for id in &have {
                assert!(ids.contains(id), "{locale}/media.ftl has unknown {id}");
            }
        }
    }

    #[test]
    fn message_ids_are_unique() {
        let mut ids: Vec<&str> = PhotoIssue::ALL
            .iter()
            .map(|i| i.message_id())
            .chain(VoiceIssue::ALL.iter().map(|i| i.message_id()))
            .collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
