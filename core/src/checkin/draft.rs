//! A check-in being captured: the draft the participant is filling in, kept
//! sealed in the store so a capture survives the app being killed. Its
//! header (window, start, policy, the window's last moment) and each piece
//! of evidence are stored apart ([`DraftPart`]), so adding a location does
//! not rewrite the photo.
//!
//! Each piece of evidence keeps the moment it was captured (the clock
//! reading when the core took it), which is what the sealed record says,
//! not when the draft was started. Evidence for a scheduled window is
//! accepted only until its late period ends ([`Draft::accepts_evidence`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{PhotoQuality, VoiceQuality, b64};
use crate::clock::ClockEstimate;
use crate::location::SentLocation;
use crate::plan::CheckinWindow;
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
    /// When each piece of evidence was captured, from its own row.
    #[serde(skip)]
    pub captured: CaptureTimes,
    /// The policy version its evidence was taken under (`None` in drafts
    /// stored before this was recorded): evidence from two policies is
    /// never sealed together, nor sealed under another policy's version.
    #[serde(default)]
    pub policy_version: Option<u32>,
    /// The digest of that policy's bytes ([`PolicyRef`]; `None` in drafts
    /// stored before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_sha256_hex: Option<String>,
    /// The end of the window's late period as the plan said when the draft
    /// was started: the last moment evidence is accepted if the plan no
    /// longer knows the window. `None` for an unscheduled check-in (and in
    /// drafts stored before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "wire_time::option")]
    pub late_ends: Option<DateTime<Utc>>,
}

/// When each piece of a draft's evidence was captured: the clock reading
/// (device time, server offset, uptime) when the core took it. `None` for
/// evidence that is absent, or stored before capture times were kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaptureTimes {
    pub photo: Option<ClockEstimate>,
    pub voice: Option<ClockEstimate>,
    pub location: Option<ClockEstimate>,
}

/// Evidence arrived after the window it answers stopped taking check-ins
/// (its late period is over): it is refused and the draft stays as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowClosed {
    /// The end of the window's late period (corrected time).
    pub late_ends: DateTime<Utc>,
}

impl Draft {
    /// A draft with no evidence yet, taken under no policy yet.
    pub fn new(id: Uuid, window: Option<WindowRef>, started_at: DateTime<Utc>) -> Self {
        Self {
            id,
            window,
            started_at,
            photo: None,
            voice: None,
            location: None,
            captured: CaptureTimes::default(),
            policy_version: None,
            policy_sha256_hex: None,
            late_ends: None,
        }
    }

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

    /// Whether evidence captured at `now` may join this draft: always for
    /// an unscheduled check-in; for a window, until its late period ends.
    /// `window` is the plan's window of that id as the plan says now (its
    /// grace and late periods may have changed since the draft started);
    /// without it, the end recorded at the start counts, and for a draft
    /// stored before that was recorded, the window's close.
    pub fn accepts_evidence(
        &self,
        window: Option<&CheckinWindow>,
        now: &ClockEstimate,
    ) -> Result<(), WindowClosed> {
        let Some(recorded) = &self.window else {
            return Ok(());
        };
        let late_ends = window
            .map(|w| w.late_ends)
            .or(self.late_ends)
            .unwrap_or(recorded.closes_at);
        if now.corrected() >= late_ends {
            return Err(WindowClosed { late_ends });
        }
        Ok(())
    }

    /// The draft's evidence as the rows the store keeps, each with its
    /// capture time (for the benchmarks' draft writer).
    #[cfg(any(test, feature = "internals"))]
    pub fn parts(&self) -> Vec<DraftPart> {
        let part = |evidence, captured| DraftPart { evidence, captured };
        [
            self.photo
                .clone()
                .map(|p| part(DraftEvidence::Photo(p), self.captured.photo)),
            self.voice
                .clone()
                .map(|v| part(DraftEvidence::Voice(v), self.captured.voice)),
            self.location
                .clone()
                .map(|l| part(DraftEvidence::Location(l), self.captured.location)),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Evidence already taken under one policy version would be mixed with
/// evidence under another: the participant retakes the check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicyChanged {
    pub captured_under: u32,
    pub current: u32,
}

/// One piece of a draft's evidence, as stored in its own sealed row, with
/// the moment it was captured. Stored as `{"Photo": {…}, "captured": {…}}`,
/// so a row written before capture times were kept (`{"Photo": {…}}`)
/// still reads, with no time.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftPart {
    #[serde(flatten)]
    pub evidence: DraftEvidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured: Option<ClockEstimate>,
}

/// What one row holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum DraftEvidence {
    Photo(DraftPhoto),
    Voice(DraftVoice),
    Location(SentLocation),
}

impl DraftPart {
    /// The row's name (and the column its seal is bound to).
    pub fn name(&self) -> &'static str {
        match self.evidence {
            DraftEvidence::Photo(_) => "photo",
            DraftEvidence::Voice(_) => "voice",
            DraftEvidence::Location(_) => "location",
        }
    }

    /// Puts this evidence and its time into `draft`, replacing any earlier
    /// of its kind.
    pub fn apply_to(self, draft: &mut Draft) {
        match self.evidence {
            DraftEvidence::Photo(p) => {
                draft.photo = Some(p);
                draft.captured.photo = self.captured;
            }
            DraftEvidence::Voice(v) => {
                draft.voice = Some(v);
                draft.captured.voice = self.captured;
            }
            DraftEvidence::Location(l) => {
                draft.location = Some(l);
                draft.captured.location = self.captured;
            }
        }
    }
}
