//! Sealing a draft: a pure function from the draft, the policy it was taken
//! under, the keys and the time to the envelope(s) that go out and the
//! summary of exactly what they carry. Nothing is stored here; the submit
//! flow stores the result with its ledger entry in one transaction.
//!
//! Guarantees: a draft missing evidence the policy requires, or whose photo
//! or recording fails a blocking quality check, is refused before anything
//! is sealed; a location taken under another policy is left out; what the
//! policy lets wait for an unmetered network is decided now, so both
//! envelopes are sealed at capture time and no plaintext media is kept.
//! The record names when each piece of evidence was captured, and the
//! header's `captured_at` (with the clock reading behind it) is the last of
//! those moments, never the time the draft was started or sealed.

use ring::rand::SecureRandom;
use uuid::Uuid;

use super::{CheckinRecord, CheckinSummary, Draft, EvidenceCapturedAt};
use crate::clock::ClockEstimate;
use crate::crypto::{CryptoError, signing::DeviceKey};
use crate::policy::{LocationMode, Policy, Requirement};
use crate::protocol::envelope::{self, ClockEvidence, HeaderFields, LedgerHeadRef, Part, PartKind};
use crate::protocol::{ProtocolError, wire_time};

/// The keys a check-in is sealed and signed with.
pub struct SealingKeys<'a> {
    pub device_id: Uuid,
    pub device_key: &'a DeviceKey,
    /// The program's HPKE public key and its id.
    pub program_key: &'a [u8; 32],
    pub program_key_id: &'a str,
}

/// A sealed check-in, ready to queue.
#[derive(Debug)]
pub struct Sealed {
    pub summary: CheckinSummary,
    /// The record envelope (everything not deferred).
    pub envelope: Vec<u8>,
    /// The deferred media's envelope, when the policy let parts wait.
    pub media_envelope: Option<Vec<u8>>,
}

/// Why a draft was not sealed.
#[derive(Debug, thiserror::Error)]
pub enum CannotSeal {
    #[error("the check-in is missing required evidence: {0}")]
    MissingEvidence(&'static str),
    #[error("the check-in cannot be submitted as it is: {0}")]
    QualityBlocks(String),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
}

/// Seals `draft`, taken under `policy`, at `now`; `locale` is the
/// participant's language, written into the record, and `ledger_head` the
/// device's ledger as it stands, named in the header (docs/ledger.md,
/// "Anchoring").
pub fn seal(
    draft: &Draft,
    policy: &Policy,
    keys: &SealingKeys<'_>,
    now: &ClockEstimate,
    locale: &str,
    ledger_head: Option<LedgerHeadRef>,
    rng: &dyn SecureRandom,
) -> Result<Sealed, CannotSeal> {
    check_evidence(draft, policy)?;
    // A location taken under an earlier policy is not sent under a
    // different one.
    let location = draft
        .location
        .as_ref()
        .filter(|l| l.fits(policy))
        .map(serde_json::to_value)
        .transpose()
        .map_err(|e| ProtocolError::malformed("location", e.to_string()))?;
    let times = EvidenceTimes {
        photo: draft.photo.as_ref().and(draft.captured.photo),
        voice: draft.voice.as_ref().and(draft.captured.voice),
        location: location.as_ref().and(draft.captured.location),
    };
    let (captured_at, clock) = capture_moment(draft, &times, now);
    let (mut parts, mut evidence) = (Vec::new(), Vec::new());
    if let Some(photo) = &draft.photo {
        evidence.push("photo".to_string());
        parts.push(Part {
            kind: PartKind::Photo,
            media_type: "image/jpeg".into(),
            bytes: photo.jpeg.clone(),
        });
    }
    if let Some(voice) = &draft.voice {
        evidence.push("voice".to_string());
        parts.push(Part {
            kind: PartKind::Voice,
            media_type: "audio/ogg; codecs=opus".into(),
            bytes: voice.ogg_opus.clone(),
        });
    }
    if location.is_some() {
        evidence.push("location".to_string());
    }
    let record = CheckinRecord {
        v: 1,
        checkin_id: draft.id,
        captured_at: wire_time::to_millis(captured_at),
        location,
        evidence,
        photo_quality: draft.photo.as_ref().map(|p| p.quality.clone()),
        voice_quality: draft.voice.as_ref().map(|v| v.quality.clone()),
        bystanders_blurred: draft.photo.as_ref().map_or(0, |p| p.bystanders_blurred),
        locale: locale.to_string(),
        evidence_captured_at: times.on_the_wire(),
    };
    let record_bytes = serde_json::to_vec(&record)
        .map_err(|e| ProtocolError::malformed("record", e.to_string()))?;
    parts.insert(
        0,
        Part {
            kind: PartKind::Record,
            media_type: "application/json".into(),
            bytes: record_bytes,
        },
    );
    let fields = HeaderFields {
        checkin_id: draft.id,
        device_id: keys.device_id,
        program_key_id: keys.program_key_id.to_string(),
        window: draft.window.clone(),
        captured_at,
        clock: ClockEvidence {
            device_time: clock.device_time,
            server_offset_ms: clock.server_offset_ms,
            uptime_ms: clock.uptime_ms,
        },
        sealed_at: now.corrected(),
        policy_version: Some(policy.version),
        ledger_head,
    };
    let sealed = envelope::seal_deferring(
        rng,
        fields,
        &parts,
        |p| policy.media.defers(p.bytes.len() as u64),
        keys.program_key,
        keys.device_key,
    )
    .map_err(|e| match e {
        envelope::SealError::Crypto(c) => CannotSeal::Crypto(c),
        envelope::SealError::Protocol(p) => CannotSeal::Protocol(p),
        envelope::SealError::RecordNotFirst => {
            CannotSeal::Protocol(ProtocolError::malformed("envelope", "record not first"))
        }
    })?;
    let header = &sealed.header;
    let summary = CheckinSummary {
        checkin_id: header.checkin_id,
        window: header.window.clone(),
        captured_at: header.captured_at,
        clock: header.clock,
        policy_version: header.policy_version,
        ledger_head: header.ledger_head.clone(),
        parts: header.parts.clone(),
        location: record.location.clone(),
        bystanders_blurred: record.bystanders_blurred,
        envelope_sha256_hex: hex::encode(sealed.record.digest),
        envelope_size: sealed.record.bytes.len() as u64,
        media_envelope_sha256_hex: sealed.media.as_ref().map(|m| hex::encode(m.digest)),
        media_envelope_size: sealed.media.as_ref().map(|m| m.bytes.len() as u64),
    };
    Ok(Sealed {
        summary,
        envelope: sealed.record.bytes,
        media_envelope: sealed.media.map(|m| m.bytes),
    })
}

/// When each piece of evidence that is sealed was captured.
struct EvidenceTimes {
    photo: Option<ClockEstimate>,
    voice: Option<ClockEstimate>,
    location: Option<ClockEstimate>,
}

impl EvidenceTimes {
    fn each(&self) -> impl Iterator<Item = &ClockEstimate> {
        [&self.photo, &self.voice, &self.location]
            .into_iter()
            .flatten()
    }

    /// The record's `evidence_captured_at`: each piece's corrected time.
    fn on_the_wire(&self) -> EvidenceCapturedAt {
        let at = |t: &Option<ClockEstimate>| t.map(|t| wire_time::to_millis(t.corrected()));
        EvidenceCapturedAt {
            photo: at(&self.photo),
            voice: at(&self.voice),
            location: at(&self.location),
        }
    }
}

/// The check-in's moment of capture and the clock reading behind it: the
/// latest of its evidence's capture times (the check-in existed whole only
/// then). A draft whose evidence was stored before capture times were kept
/// falls back to what the core did then: its start when it has a photo,
/// else the sealing time.
fn capture_moment(
    draft: &Draft,
    times: &EvidenceTimes,
    now: &ClockEstimate,
) -> (chrono::DateTime<chrono::Utc>, ClockEstimate) {
    match times.each().max_by_key(|t| t.corrected()) {
        Some(latest) => (latest.corrected(), *latest),
        None if draft.photo.is_some() => (draft.started_at, *now),
        None => (now.corrected(), *now),
    }
}

/// The policy's required evidence is there, and no capture fails a
/// blocking quality check.
fn check_evidence(draft: &Draft, policy: &Policy) -> Result<(), CannotSeal> {
    if policy.evidence.photo == Requirement::Required && draft.photo.is_none() {
        return Err(CannotSeal::MissingEvidence("photo"));
    }
    if policy.evidence.voice == Requirement::Required && draft.voice.is_none() {
        return Err(CannotSeal::MissingEvidence("voice"));
    }
    let location_fits = draft.location.as_ref().is_some_and(|l| l.fits(policy));
    if policy.location.required && policy.evidence.location != LocationMode::None && !location_fits
    {
        return Err(CannotSeal::MissingEvidence("location"));
    }
    if let Some(v) = &draft.voice
        && v.quality.blocking
    {
        return Err(CannotSeal::QualityBlocks(v.quality.issues.join(", ")));
    }
    if let Some(p) = &draft.photo
        && p.quality.blocking
    {
        return Err(CannotSeal::QualityBlocks(p.quality.issues.join(", ")));
    }
    Ok(())
}
