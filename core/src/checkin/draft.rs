//! A check-in being captured: the draft the participant is filling in, kept
//! sealed in the store so a capture survives the app being killed. Its
//! header (window, start, policy version) and each piece of evidence are
//! stored apart ([`DraftPart`]), so adding a location does not rewrite the
//! photo.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{PhotoQuality, VoiceQuality, b64};
use crate::location::SentLocation;
use crate::policy::PolicyRef;
use crate::protocol::envelope::WindowRef;
use crate::protocol::wire_time;

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

/// A check-in being captured. Kept sealed in the store, so a capture
/// survives the app being killed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Draft {
    pub id: Uuid,
    pub window: Option<WindowRef>,
    #[serde(with = "wire_time")]
    pub started_at: DateTime<Utc>,
    /// The evidence, each stored in its own sealed row ([`DraftPart`]); a
    /// draft stored whole by an older version carries it in its header.
    #[serde(default, skip_serializing)]
    pub photo: Option<DraftPhoto>,
    #[serde(default, skip_serializing)]
    pub voice: Option<DraftVoice>,
    /// Already reduced to what the policy allows; the raw fix is never kept.
    #[serde(default, skip_serializing)]
    pub location: Option<SentLocation>,
    /// The policy version its evidence was taken under (`None` in drafts
    /// stored before this was recorded): evidence from two policies is
    /// never sealed together, nor sealed under another policy's version.
    #[serde(default)]
    pub policy_version: Option<u32>,
    /// The digest of that policy's bytes ([`PolicyRef`]; `None` in drafts
    /// stored before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_sha256_hex: Option<String>,
}

impl Draft {
    /// The policy this draft's evidence is taken under, if recorded.
    pub fn policy(&self) -> Option<PolicyRef> {
        self.policy_version.map(|version| PolicyRef {
            version,
            sha256_hex: self.policy_sha256_hex.clone(),
        })
    }

    /// Records that evidence is being taken under `policy`; refused when
    /// evidence already taken under another policy (another version, or
    /// other bytes under the same version) would be mixed with it (the
    /// participant retakes the check-in).
    pub(crate) fn take_under(&mut self, policy: &PolicyRef) -> Result<(), PolicyChanged> {
        let has_evidence = self.photo.is_some() || self.voice.is_some() || self.location.is_some();
        match self.policy() {
            Some(earlier) if !earlier.names(policy) && has_evidence => Err(PolicyChanged {
                captured_under: earlier.version,
                current: policy.version,
            }),
            _ => {
                self.policy_version = Some(policy.version);
                self.policy_sha256_hex.clone_from(&policy.sha256_hex);
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

/// One piece of a draft's evidence, as stored in its own sealed row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum DraftPart {
    Photo(DraftPhoto),
    Voice(DraftVoice),
    Location(SentLocation),
}

impl DraftPart {
    /// The row's name (and the column its seal is bound to).
    pub fn name(&self) -> &'static str {
        match self {
            DraftPart::Photo(_) => "photo",
            DraftPart::Voice(_) => "voice",
            DraftPart::Location(_) => "location",
        }
    }

    /// Puts this evidence into `draft`, replacing any earlier of its kind.
    pub fn apply_to(self, draft: &mut Draft) {
        match self {
            DraftPart::Photo(p) => draft.photo = Some(p),
            DraftPart::Voice(v) => draft.voice = Some(v),
            DraftPart::Location(l) => draft.location = Some(l),
        }
    }
}
