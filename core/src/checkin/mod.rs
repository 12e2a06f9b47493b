//! One check-in, from capture to a sealed envelope: the draft the
//! participant is filling in, the record that goes inside the envelope, and
//! the summary of exactly what was collected and sent, which the participant
//! can always see.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use checkin_media::{self as media, PhotoIssue};

use crate::protocol::envelope::{ClockEvidence, LedgerHeadRef, PartDescriptor, WindowRef};
use crate::protocol::wire_time;

mod draft;
mod seal;

pub use draft::{
    Draft, DraftEvidence, DraftPart, DraftPhoto, DraftVoice, PolicyChanged, WindowClosed,
};
pub use seal::{CannotSeal, SealingKeys, seal};

/// What the voice check found, in the form that goes into the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoiceQuality {
    /// Stable ids of the issues found (e.g. `voice-no-speech`).
    pub issues: Vec<String>,
    pub blocking: bool,
    pub speech_ms: u32,
    pub speech_dbfs: f32,
}

impl From<&media::VoiceReport> for VoiceQuality {
    fn from(r: &media::VoiceReport) -> Self {
        Self {
            issues: r
                .findings
                .iter()
                .map(|f| f.issue.message_id().to_string())
                .collect(),
            blocking: r.blocks_submit(),
            speech_ms: r.speech_ms,
            speech_dbfs: r.speech_dbfs,
        }
    }
}

/// What the quality check found, in the form that goes into the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoQuality {
    /// Stable ids of the issues found (e.g. `photo-too-dark`).
    pub issues: Vec<String>,
    pub blocking: bool,
    pub faces: u32,
    pub mean_luma: f32,
    pub sharpness: f32,
    /// The policy asked for bystanders to be blurred, and the face
    /// detector's result leaves room for one to have been missed (no face,
    /// several, one off-centre or at the frame's edge, low confidence): the
    /// program should not take the photo as cleanly blurred. False in
    /// drafts and records made before it existed.
    #[serde(default)]
    pub blur_uncertain: bool,
}

impl From<&media::PhotoReport> for PhotoQuality {
    fn from(r: &media::PhotoReport) -> Self {
        Self {
            issues: r
                .findings
                .iter()
                .map(|f| f.issue.message_id().to_string())
                .collect(),
            blocking: r.blocks_submit(),
            faces: r.faces.len() as u32,
            mean_luma: r.mean_luma,
            sharpness: r.sharpness,
            blur_uncertain: r.blur_uncertain,
        }
    }
}

impl PhotoQuality {
    pub fn has(&self, issue: PhotoIssue) -> bool {
        self.issues.iter().any(|i| i == issue.message_id())
    }
}

/// The JSON record inside the envelope (docs/protocol.md, "Body").
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckinRecord {
    pub v: u32,
    pub checkin_id: Uuid,
    #[serde(with = "wire_time")]
    pub captured_at: DateTime<Utc>,
    pub location: Option<serde_json::Value>,
    pub evidence: Vec<String>,
    pub photo_quality: Option<PhotoQuality>,
    #[serde(default)]
    pub voice_quality: Option<VoiceQuality>,
    pub bystanders_blurred: u32,
    pub locale: String,
    /// When each piece of evidence was captured (corrected time); absent
    /// for evidence without a recorded time (kept before times were).
    #[serde(default)]
    pub evidence_captured_at: EvidenceCapturedAt,
}

/// The record's `evidence_captured_at` (docs/protocol.md, "Body").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceCapturedAt {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "wire_time::option")]
    pub photo: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "wire_time::option")]
    pub voice: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "wire_time::option")]
    pub location: Option<DateTime<Utc>>,
}

/// Exactly what one check-in collected and sent: shown to the participant
/// and written to the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckinSummary {
    pub checkin_id: Uuid,
    pub window: Option<WindowRef>,
    #[serde(with = "wire_time")]
    pub captured_at: DateTime<Utc>,
    pub clock: ClockEvidence,
    pub policy_version: Option<u32>,
    /// The device's ledger head named in the envelope's header (absent for
    /// check-ins sealed before it was).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger_head: Option<LedgerHeadRef>,
    /// The envelope's parts: kind, type, size and digest of each.
    pub parts: Vec<PartDescriptor>,
    /// The location value sent, if any, exactly as sealed.
    pub location: Option<serde_json::Value>,
    pub bystanders_blurred: u32,
    pub envelope_sha256_hex: String,
    pub envelope_size: u64,
    /// The media envelope carrying the parts marked `deferred`, when the
    /// policy let them wait for an unmetered network: its SHA-256 (what its
    /// receipt names) and size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_envelope_sha256_hex: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_envelope_size: Option<u64>,
}

/// Base64 for byte fields in sealed JSON.
pub(crate) mod b64 {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(b))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(blur_uncertain: bool) -> media::PhotoReport {
        media::PhotoReport {
            findings: Vec::new(),
            mean_luma: 120.0,
            blown_fraction: 0.0,
            sharpness: 300.0,
            faces: Vec::new(),
            blur_uncertain,
            blur_doubts: if blur_uncertain {
                vec![media::BlurDoubt::NoFaceFound]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn blur_uncertainty_goes_into_the_record_and_defaults_to_false() {
        for uncertain in [false, true] {
            let quality = PhotoQuality::from(&report(uncertain));
            assert_eq!(quality.blur_uncertain, uncertain);
            let json = serde_json::to_value(&quality).expect("serialises");
            assert_eq!(json["blur_uncertain"], uncertain);
        }
        // A draft or record written before the field existed.
        let old: PhotoQuality = serde_json::from_value(serde_json::json!({
            "issues": [], "blocking": false, "faces": 1, "mean_luma": 120.0, "sharpness": 300.0
        }))
        .expect("deserialises");
        assert!(!old.blur_uncertain);
    }
}
