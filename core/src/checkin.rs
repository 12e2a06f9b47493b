//! One check-in, from capture to a sealed envelope: the draft the
//! participant is filling in, the record that goes inside the envelope, and
//! the summary of exactly what was collected and sent, which the participant
//! can always see.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::protocol::envelope::{ClockEvidence, PartDescriptor, WindowRef};
use crate::protocol::wire_time;
use checkin_media::{self as media, PhotoIssue};

/// The photo as attached to a draft: already processed (metadata gone,
/// downscaled, bystanders blurred if the policy says so).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftPhoto {
    #[serde(with = "b64")]
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub quality: PhotoQuality,
    pub bystanders_blurred: u32,
}

/// The voice recording as attached to a draft: already Ogg Opus, 16 kHz
/// mono, no tags.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftVoice {
    #[serde(with = "b64")]
    pub ogg_opus: Vec<u8>,
    pub duration_ms: u32,
    pub quality: VoiceQuality,
}

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
        }
    }
}

impl PhotoQuality {
    pub fn has(&self, issue: PhotoIssue) -> bool {
        self.issues.iter().any(|i| i == issue.message_id())
    }
}

/// A check-in being captured. Kept sealed in the store, so a capture
/// survives the app being killed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Draft {
    pub id: Uuid,
    pub window: Option<WindowRef>,
    #[serde(with = "wire_time")]
    pub started_at: DateTime<Utc>,
    pub photo: Option<DraftPhoto>,
    #[serde(default)]
    pub voice: Option<DraftVoice>,
    /// Already reduced to what the policy allows; the raw fix is never kept.
    #[serde(default)]
    pub location: Option<crate::location::SentLocation>,
    /// The policy version its evidence was taken under (`None` in drafts
    /// stored before this was recorded): evidence from two policies is
    /// never sealed together, nor sealed under another policy's version.
    #[serde(default)]
    pub policy_version: Option<u32>,
}

impl Draft {
    /// Records that evidence is being taken under `policy_version`; refused
    /// when evidence already taken under another version would be mixed
    /// with it (the participant retakes the check-in).
    pub(crate) fn take_under(&mut self, policy_version: u32) -> Result<(), PolicyChanged> {
        let has_evidence = self.photo.is_some() || self.voice.is_some() || self.location.is_some();
        match self.policy_version {
            Some(earlier) if earlier != policy_version && has_evidence => Err(PolicyChanged {
                captured_under: earlier,
                current: policy_version,
            }),
            _ => {
                self.policy_version = Some(policy_version);
                Ok(())
            }
        }
    }
}

/// Evidence already taken under one policy version would be mixed with
/// evidence under another: the participant retakes the check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicyChanged {
    pub captured_under: u32,
    pub current: u32,
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
mod b64 {
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
