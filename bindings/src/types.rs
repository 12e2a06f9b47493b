//! Records and enums the facade exports, mirrored from the core's types, and
//! every conversion between the two: the one place that knows both shapes.
//!
//! Ids cross as strings (UUIDs), times as `SystemTime` (Kotlin
//! `java.time.Instant`, Swift `Date`), free-form JSON (locations, plans) as
//! JSON text. Nothing is computed here that the core's types do not hold.

use std::time::{SystemTime, UNIX_EPOCH};

use checkin_core as core;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::CheckinError;

/// How a client is set up.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ClientConfig {
    /// A directory only this app can read (Android `filesDir`, iOS Application Support).
    pub data_dir: String,
    /// The participant's language (BCP 47), e.g. `es`.
    pub locale: String,
    /// `android`, `ios` or `desktop`; sent at enrollment.
    pub platform: String,
}

impl From<ClientConfig> for checkin_core::ClientConfig {
    fn from(c: ClientConfig) -> Self {
        Self {
            data_dir: c.data_dir.into(),
            locale: c.locale,
            platform: c.platform,
        }
    }
}

/// What enrollment established, for the shell to show.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EnrollmentSummary {
    pub device_id: String,
    pub program_name: String,
    pub device_key_id: String,
    pub receipt_key_id: String,
    pub policy_version: u32,
}

impl From<checkin_core::EnrollmentSummary> for EnrollmentSummary {
    fn from(s: checkin_core::EnrollmentSummary) -> Self {
        Self {
            device_id: s.device_id.to_string(),
            program_name: s.program_name,
            device_key_id: s.device_key_id,
            receipt_key_id: s.receipt_key_id,
            policy_version: s.policy_version,
        }
    }
}

/// Whether a kind of evidence is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Requirement {
    Required,
    Optional,
    Off,
}

impl From<core::Requirement> for Requirement {
    fn from(r: core::Requirement) -> Self {
        match r {
            core::Requirement::Required => Self::Required,
            core::Requirement::Optional => Self::Optional,
            core::Requirement::Off => Self::Off,
        }
    }
}

/// How location is taken, if at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LocationMode {
    None,
    Precise,
    Coarse,
    Area,
}

impl From<core::LocationMode> for LocationMode {
    fn from(m: core::LocationMode) -> Self {
        match m {
            core::LocationMode::None => Self::None,
            core::LocationMode::Precise => Self::Precise,
            core::LocationMode::Coarse => Self::Coarse,
            core::LocationMode::Area => Self::Area,
        }
    }
}

/// What the program's policy asks of a check-in (docs/policy.md).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Policy {
    pub version: u32,
    pub program_name: String,
    pub program_contact: String,
    pub privacy_notice_url: String,
    pub photo: Requirement,
    pub voice: Requirement,
    pub location: LocationMode,
    /// Longest edge of the photo that is sent, in pixels.
    pub photo_long_edge_px: u32,
    /// Whether faces other than the participant's are blurred before sealing.
    pub blur_bystanders: bool,
    /// Days the device keeps delivered check-ins' summaries.
    pub device_retention_days: u32,
    /// `media.defer_on_metered_above_bytes`: a photo or voice part larger
    /// than this many bytes waits, sealed, for an unmetered network and
    /// travels in a media envelope of its own (`0` defers every photo and
    /// voice). `null`/`nil` (the default): every check-in is one envelope,
    /// sent on any network.
    pub media_defer_on_metered_above_bytes: Option<u64>,
}

impl From<core::Policy> for Policy {
    fn from(p: core::Policy) -> Self {
        Self {
            version: p.version,
            program_name: p.program.name,
            program_contact: p.program.contact,
            privacy_notice_url: p.program.privacy_notice_url,
            photo: p.evidence.photo.into(),
            voice: p.evidence.voice.into(),
            location: p.evidence.location.into(),
            photo_long_edge_px: p.photo.long_edge_px,
            blur_bystanders: p.photo.blur_bystanders,
            device_retention_days: p.retention.device_days,
            media_defer_on_metered_above_bytes: p.media.defer_on_metered_above_bytes,
        }
    }
}

/// The schedule window a check-in answers.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WindowRef {
    pub id: String,
    pub opens_at: SystemTime,
    pub closes_at: SystemTime,
}

impl From<core::WindowRef> for WindowRef {
    fn from(w: core::WindowRef) -> Self {
        Self {
            id: w.id,
            opens_at: w.opens_at.into(),
            closes_at: w.closes_at.into(),
        }
    }
}

/// How much location a check-in for a window carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LocationPrecision {
    None,
    Area,
    Coarse,
    Precise,
}

impl From<core::LocationPrecision> for LocationPrecision {
    fn from(p: core::LocationPrecision) -> Self {
        match p {
            core::LocationPrecision::None => Self::None,
            core::LocationPrecision::Area => Self::Area,
            core::LocationPrecision::Coarse => Self::Coarse,
            core::LocationPrecision::Precise => Self::Precise,
        }
    }
}

/// What a check-in for a window must contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Requirements {
    pub photo: bool,
    pub voice: bool,
    pub location: LocationPrecision,
}

impl From<core::Requirements> for Requirements {
    fn from(r: core::Requirements) -> Self {
        Self {
            photo: r.photo,
            voice: r.voice,
            location: r.location.into(),
        }
    }
}

/// How a window's local start became an instant across DST changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Resolution {
    /// The local time exists exactly once.
    Exact,
    /// The local time fell in a DST gap and was moved forward by the gap.
    ShiftedOverGap,
    /// The local time happened twice; the first instant was taken.
    FirstOfTwo,
}

impl From<core::Resolution> for Resolution {
    fn from(r: core::Resolution) -> Self {
        match r {
            core::Resolution::Exact => Self::Exact,
            core::Resolution::ShiftedOverGap => Self::ShiftedOverGap,
            core::Resolution::FirstOfTwo => Self::FirstOfTwo,
        }
    }
}

/// One scheduled check-in window of the plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckinWindow {
    /// `<schedule id>@<local start>`; pass it to `start_checkin`.
    pub id: String,
    pub schedule_id: String,
    /// The local start as configured in the plan's zone (ISO 8601, no offset).
    pub local_start: String,
    pub resolution: Resolution,
    pub opens: SystemTime,
    /// A check-in before this is on time.
    pub closes: SystemTime,
    /// A check-in before this is still on time (grace).
    pub grace_ends: SystemTime,
    /// A check-in before this is accepted as late.
    pub late_ends: SystemTime,
    pub requires: Requirements,
}

impl From<core::CheckinWindow> for CheckinWindow {
    fn from(w: core::CheckinWindow) -> Self {
        Self {
            id: w.id,
            schedule_id: w.schedule_id,
            local_start: w.local_start.format("%Y-%m-%dT%H:%M:%S").to_string(),
            resolution: w.resolution.into(),
            opens: w.opens.into(),
            closes: w.closes.into(),
            grace_ends: w.grace_ends.into(),
            late_ends: w.late_ends.into(),
            requires: w.requires.into(),
        }
    }
}

/// Where the participant stands with a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WindowState {
    Upcoming,
    Open,
    InGrace,
    Late,
    Missed,
    Done,
}

impl From<core::WindowState> for WindowState {
    fn from(s: core::WindowState) -> Self {
        match s {
            core::WindowState::Upcoming => Self::Upcoming,
            core::WindowState::Open => Self::Open,
            core::WindowState::InGrace => Self::InGrace,
            core::WindowState::Late => Self::Late,
            core::WindowState::Missed => Self::Missed,
            core::WindowState::Done => Self::Done,
        }
    }
}

/// The window to act on now.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Due {
    pub window: CheckinWindow,
    pub state: WindowState,
    /// What a check-in for this window must contain.
    pub requires: Requirements,
}

impl From<core::Due> for Due {
    fn from(d: core::Due) -> Self {
        Self {
            window: d.window.into(),
            state: d.state.into(),
            requires: d.requires.into(),
        }
    }
}

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NotificationKind {
    WindowOpens,
    WindowClosing,
    WindowLate,
    Appointment,
    /// The time the participant planned to leave for an appointment.
    LeaveForAppointment,
}

impl From<core::NotificationKind> for NotificationKind {
    fn from(k: core::NotificationKind) -> Self {
        match k {
            core::NotificationKind::WindowOpens => Self::WindowOpens,
            core::NotificationKind::WindowClosing => Self::WindowClosing,
            core::NotificationKind::WindowLate => Self::WindowLate,
            core::NotificationKind::Appointment => Self::Appointment,
            core::NotificationKind::LeaveForAppointment => Self::LeaveForAppointment,
        }
    }
}

/// One notification for the shell to schedule; reconcile by `id`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Notification {
    /// Stable id: scheduling the same id twice changes nothing.
    pub id: String,
    pub kind: NotificationKind,
    /// For `WindowClosing`, `Appointment` and `LeaveForAppointment`: the
    /// minutes from firing to the close or start; 0 otherwise.
    pub minutes_before: u32,
    /// The window id or appointment id it is about.
    pub subject_id: String,
    /// When it should fire, in true (server) time.
    pub fire_at: SystemTime,
    /// The same moment on the phone's own clock: give this to the OS scheduler.
    pub fire_at_device: SystemTime,
    /// `fire_at` in the participant's zone, RFC 3339 with offset.
    pub fire_local: String,
    /// Localized title and body.
    pub title: String,
    pub body: String,
    /// `checkin://window/<id>` or `checkin://appointment/<id>`.
    pub deep_link: String,
    /// The group to file it under: `checkins` or `appointments` (named in
    /// the participant's language by `notificationChannels()`).
    pub channel: String,
}

impl From<core::Notification> for Notification {
    fn from(n: core::Notification) -> Self {
        Self {
            id: n.id,
            kind: n.kind.into(),
            minutes_before: n.minutes_before,
            subject_id: n.subject_id,
            fire_at: n.fire_at.into(),
            fire_at_device: n.fire_at_device.into(),
            fire_local: n.fire_local,
            title: n.title,
            body: n.body,
            deep_link: n.deep_link,
            channel: n.channel,
        }
    }
}

/// What the quality check found in a photo, for the shell to tell the
/// participant what to fix. `issues` are stable ids (e.g. `photo-too-dark`)
/// the shell localizes.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PhotoQuality {
    pub issues: Vec<String>,
    /// The photo cannot be submitted as it is.
    pub blocking: bool,
    pub faces: u32,
    pub mean_luma: f32,
    pub sharpness: f32,
    /// The policy asked for bystanders to be blurred and the pipeline could
    /// not be sure every other face was found: the program sees this too.
    pub blur_uncertain: bool,
}

impl From<core::PhotoQuality> for PhotoQuality {
    fn from(q: core::PhotoQuality) -> Self {
        Self {
            issues: q.issues,
            blocking: q.blocking,
            faces: q.faces,
            mean_luma: q.mean_luma,
            sharpness: q.sharpness,
            blur_uncertain: q.blur_uncertain,
        }
    }
}

/// What the voice check found: speech present, level, and stable issue ids
/// (e.g. `voice-no-speech`) the shell localizes.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct VoiceQuality {
    pub issues: Vec<String>,
    /// The recording cannot be submitted as it is.
    pub blocking: bool,
    pub speech_ms: u32,
    pub speech_dbfs: f32,
}

impl From<core::VoiceQuality> for VoiceQuality {
    fn from(q: core::VoiceQuality) -> Self {
        Self {
            issues: q.issues,
            blocking: q.blocking,
            speech_ms: q.speech_ms,
            speech_dbfs: q.speech_dbfs,
        }
    }
}

/// The raw clock evidence behind a capture time.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ClockEvidence {
    pub device_time: SystemTime,
    pub server_offset_ms: i64,
    pub uptime_ms: Option<u64>,
}

impl From<core::ClockEvidence> for ClockEvidence {
    fn from(c: core::ClockEvidence) -> Self {
        Self {
            device_time: c.device_time.into(),
            server_offset_ms: c.server_offset_ms,
            uptime_ms: c.uptime_ms,
        }
    }
}

/// The kind of one part of a sealed envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PartKind {
    Record,
    Photo,
    Voice,
}

impl From<core::PartKind> for PartKind {
    fn from(k: core::PartKind) -> Self {
        match k {
            core::PartKind::Record => Self::Record,
            core::PartKind::Photo => Self::Photo,
            core::PartKind::Voice => Self::Voice,
        }
    }
}

/// One part of a sealed check-in: kind, type, size and digest.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PartDescriptor {
    /// The record, a photo or a voice recording.
    pub kind: PartKind,
    /// The part's media type, e.g. `image/jpeg`, `audio/ogg`.
    pub media_type: String,
    /// The part's size in bytes, as sealed.
    pub size: u64,
    /// SHA-256 (hex) of the part's bytes, as sealed.
    pub sha256_hex: String,
    /// The part is described in the check-in's record envelope but travels
    /// in its media envelope, which waits for an unmetered network (policy
    /// `media.defer_on_metered_above_bytes`). Never true for the record.
    pub deferred: bool,
}

impl From<core::PartDescriptor> for PartDescriptor {
    fn from(p: core::PartDescriptor) -> Self {
        Self {
            kind: p.kind.into(),
            media_type: p.media_type,
            size: p.size,
            sha256_hex: p.sha256_hex,
            deferred: p.deferred,
        }
    }
}

/// Exactly what one check-in collected and sent.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckinSummary {
    pub checkin_id: String,
    pub window: Option<WindowRef>,
    pub captured_at: SystemTime,
    pub clock: ClockEvidence,
    pub policy_version: Option<u32>,
    pub parts: Vec<PartDescriptor>,
    /// The location value sent, as JSON text exactly as sealed, if any.
    pub location_json: Option<String>,
    pub bystanders_blurred: u32,
    /// SHA-256 (hex) of the sealed check-in (the record envelope when media
    /// is deferred): what its receipt and offline code name.
    pub envelope_sha256_hex: String,
    /// Size of that envelope in bytes.
    pub envelope_size: u64,
    /// SHA-256 (hex) of the media envelope carrying the parts marked
    /// `deferred` (what its media receipt names); `null`/`nil` when the
    /// check-in is one envelope.
    pub media_envelope_sha256_hex: Option<String>,
    /// Size of the media envelope in bytes, when there is one.
    pub media_envelope_size: Option<u64>,
}

impl From<core::CheckinSummary> for CheckinSummary {
    fn from(s: core::CheckinSummary) -> Self {
        Self {
            checkin_id: s.checkin_id.to_string(),
            window: s.window.map(Into::into),
            captured_at: s.captured_at.into(),
            clock: s.clock.into(),
            policy_version: s.policy_version,
            parts: s.parts.into_iter().map(Into::into).collect(),
            location_json: s.location.map(|l| l.to_string()),
            bystanders_blurred: s.bystanders_blurred,
            envelope_sha256_hex: s.envelope_sha256_hex,
            envelope_size: s.envelope_size,
            media_envelope_sha256_hex: s.media_envelope_sha256_hex,
            media_envelope_size: s.media_envelope_size,
        }
    }
}

/// The program's signed receipt for a delivered check-in.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Receipt {
    pub checkin_id: String,
    pub envelope_sha256_hex: String,
    pub received_at: SystemTime,
    pub captured_at: SystemTime,
    pub receipt_key_id: String,
    /// The signed bytes, base64, so anyone can re-verify.
    pub receipt_b64: String,
    /// The program's Ed25519 signature over them, base64.
    pub signature_b64: String,
}

impl From<core::Receipt> for Receipt {
    fn from(r: core::Receipt) -> Self {
        Self {
            checkin_id: r.checkin_id.to_string(),
            envelope_sha256_hex: r.envelope_sha256_hex,
            received_at: r.received_at.into(),
            captured_at: r.captured_at.into(),
            receipt_key_id: r.receipt_key_id,
            receipt_b64: r.receipt_b64,
            signature_b64: r.signature_b64,
        }
    }
}

/// Where a submitted check-in (or its deferred media) is on its way to the
/// program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum OutboxState {
    /// Sealed and waiting to be sent (deferred media: also waiting for an
    /// unmetered network and for its check-in's record to be delivered).
    Queued,
    /// Being sent, or caught mid-send by a crash: sent again next time (the
    /// server keeps it single).
    Sending,
    /// The program's receipt verified.
    Delivered,
    /// Refused by the program, in the protocol's words, for this envelope;
    /// kept with the reason and retried by itself after a long backoff (6 h,
    /// 12 h, then daily), or at once with `retry_wedged`.
    Wedged,
}

impl From<core::OutboxState> for OutboxState {
    fn from(s: core::OutboxState) -> Self {
        match s {
            core::OutboxState::Queued => Self::Queued,
            core::OutboxState::Sending => Self::Sending,
            core::OutboxState::Delivered => Self::Delivered,
            core::OutboxState::Wedged => Self::Wedged,
        }
    }
}

/// A submitted check-in with its state and, once delivered, its receipt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OutboxItem {
    pub checkin_id: String,
    pub state: OutboxState,
    pub summary: CheckinSummary,
    pub receipt: Option<Receipt>,
    pub attempts: u32,
    pub next_attempt_at: SystemTime,
    pub last_error: Option<String>,
    pub submitted_at: SystemTime,
    /// The platform key was lost after it was queued: its summary was
    /// rebuilt from the envelope's header, so the location it sent and the
    /// faces blurred are no longer known on this phone. It is delivered
    /// whole once the phone is enrolled again.
    pub recovered: bool,
}

impl From<core::OutboxItem> for OutboxItem {
    fn from(i: core::OutboxItem) -> Self {
        Self {
            checkin_id: i.checkin_id.to_string(),
            state: i.state.into(),
            summary: i.summary.into(),
            receipt: i.receipt.map(Into::into),
            attempts: i.attempts,
            next_attempt_at: millis(i.next_attempt_at_ms),
            last_error: i.last_error,
            submitted_at: millis(i.submitted_at_ms),
            recovered: i.recovered,
        }
    }
}

/// One check-in's deferred media (its photo and voice parts marked
/// `deferred`, sealed in a media envelope) on its way to the program: sent
/// only on an unmetered network and once the check-in itself is delivered.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MediaOutboxItem {
    /// The check-in the media belongs to.
    pub checkin_id: String,
    /// Where the media envelope is on its way.
    pub state: OutboxState,
    /// The program's verified media receipt, once delivered: it names the
    /// summary's `media_envelope_sha256_hex`.
    pub receipt: Option<Receipt>,
    /// Attempts to send it so far.
    pub attempts: u32,
    /// The earliest time it may be tried again.
    pub next_attempt_at: SystemTime,
    /// Why the last attempt failed, if it did (no personal data).
    pub last_error: Option<String>,
}

impl From<core::MediaItem> for MediaOutboxItem {
    fn from(i: core::MediaItem) -> Self {
        Self {
            checkin_id: i.checkin_id.to_string(),
            state: i.state.into(),
            receipt: i.receipt.map(Into::into),
            attempts: i.attempts,
            next_attempt_at: millis(i.next_attempt_at_ms),
            last_error: i.last_error,
        }
    }
}

/// Progress of a running sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct SyncProgress {
    pub sent: u32,
    pub remaining: u32,
    pub bytes_sent: u64,
}

impl From<core::SyncProgress> for SyncProgress {
    fn from(p: core::SyncProgress) -> Self {
        Self {
            sent: p.sent,
            remaining: p.remaining,
            bytes_sent: p.bytes_sent,
        }
    }
}

/// What one sync did, and when the shell should try again.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncReport {
    /// Check-ins delivered with a verified receipt.
    pub delivered: u32,
    /// Check-ins refused for good by the server.
    pub wedged: u32,
    /// Check-ins still waiting to be delivered.
    pub remaining: u32,
    /// The earliest time a waiting check-in may be retried, if any wait.
    pub next_retry_at: Option<SystemTime>,
    /// The sync stopped because its time ran out.
    pub deadline_reached: bool,
    /// Why the last attempt failed, if it did (no personal data).
    pub last_error: Option<String>,
    /// Time this sync had a request out at the server, in milliseconds:
    /// against the sync's wall time, how far the network set the pace.
    pub server_wait_ms: u64,
    /// Deferred media delivered with a verified media receipt.
    pub media_delivered: u32,
    /// Deferred media refused for good by the server.
    pub media_wedged: u32,
    /// Deferred media still waiting: for an unmetered network, for its
    /// check-in to be delivered, or for a retry.
    pub media_waiting: u32,
    /// A new plan was received and stored (its changes are in the ledger).
    pub plan_updated: bool,
    /// A new policy version was received and stored: check
    /// `consent_needed` before the next capture.
    pub policy_updated: bool,
    /// The server sent a plan, policy, directory or case document that was
    /// refused; the stored one stays in force.
    pub document_error: Option<String>,
    /// A newer directory of community services was stored.
    pub directory_updated: bool,
    /// A newer case document was stored.
    pub case_updated: bool,
    /// What retention deleted at the end of the sync; `null`/`nil` if it did
    /// not run (deadline reached, or it failed and runs again next time).
    pub retention: Option<RetentionReport>,
}

impl From<core::SyncReport> for SyncReport {
    fn from(r: core::SyncReport) -> Self {
        Self {
            delivered: r.delivered,
            wedged: r.wedged,
            remaining: r.remaining,
            next_retry_at: r.next_retry_at.map(Into::into),
            deadline_reached: r.deadline_reached,
            last_error: r.last_error,
            server_wait_ms: r.server_wait_ms,
            media_delivered: r.media_delivered,
            media_wedged: r.media_wedged,
            media_waiting: r.media_waiting,
            plan_updated: r.plan_updated,
            policy_updated: r.policy_updated,
            document_error: r.document_error,
            directory_updated: r.directory_updated,
            case_updated: r.case_updated,
            retention: r.retention.map(Into::into),
        }
    }
}

/// What happened, as recorded in the participant's ledger.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum LedgerEvent {
    /// The device enrolled with a program and pinned its keys.
    Enrolled {
        program_id: String,
        program_name: String,
        device_key_id: String,
        encryption_key_id: String,
        receipt_key_id: String,
    },
    /// A policy version was received and stored.
    PolicyReceived { version: u32 },
    /// A plan was received; `changes` says what changed, in plain words.
    PlanReceived { changes: Vec<String> },
    /// A new revision of the directory of community services was stored;
    /// `changes` counts services added, removed and changed, in plain words.
    DirectoryReceived {
        revision: u64,
        services: u32,
        changes: Vec<String>,
    },
    /// A new revision of the case document was stored; `changes` names the
    /// parts that changed (never their text).
    CaseReceived { revision: u64, changes: Vec<String> },
    /// A check-in was sealed and queued: exactly what it contains.
    CheckinSubmitted { summary: CheckinSummary },
    /// The program's verified receipt for a check-in.
    CheckinDelivered {
        checkin_id: String,
        receipt: Receipt,
    },
    /// A check-in the server refused for good, with the reason.
    CheckinWedged { checkin_id: String, reason: String },
    /// The program's verified receipt for a check-in's deferred media.
    MediaDelivered {
        checkin_id: String,
        receipt: Receipt,
    },
    /// Deferred media the server refused for good, with the reason.
    MediaWedged { checkin_id: String, reason: String },
    /// The participant saw the statement of what the program collects.
    ConsentRecorded {
        policy_version: u32,
        language: String,
        text_sha256_hex: String,
    },
    /// Past the policy's retention, the device deleted what it still held of
    /// a check-in; the ledger keeps its description and receipt. `item` is
    /// `delivered_checkin` or `unsubmitted_draft`.
    RetentionDeleted {
        checkin_id: String,
        item: String,
        captured_at: SystemTime,
        device_days: u32,
    },
    /// A server time disagreed with the phone's anchored clock by more than
    /// 5 minutes (`seen_ms`); the clock moved by `applied_ms` only.
    ClockJumped { seen_ms: i64, applied_ms: i64 },
    /// The program's server moved to a new TLS key, named by a rotation
    /// the program signed; these pins replaced the old ones.
    TlsKeyRotated { seq: u64, pins: Vec<String> },
    /// The platform key was lost: what it sealed is gone (the earlier
    /// ledger too); the check-ins still waiting were kept for delivery
    /// once the phone is enrolled again.
    StorageKeyLost {
        previous_device_id: Option<String>,
        recovered: Vec<String>,
        media_recovered: u32,
        lost: u32,
    },
}

impl From<core::LedgerEvent> for LedgerEvent {
    fn from(e: core::LedgerEvent) -> Self {
        use core::LedgerEvent as Core;
        match e {
            Core::Enrolled {
                program_id,
                program_name,
                device_key_id,
                encryption_key_id,
                receipt_key_id,
            } => Self::Enrolled {
                program_id,
                program_name,
                device_key_id,
                encryption_key_id,
                receipt_key_id,
            },
            Core::PolicyReceived { version, .. } => Self::PolicyReceived { version },
            Core::PlanReceived { changes } => Self::PlanReceived { changes },
            Core::DirectoryReceived {
                revision,
                services,
                changes,
            } => Self::DirectoryReceived {
                revision,
                services,
                changes,
            },
            Core::CaseReceived { revision, changes } => Self::CaseReceived { revision, changes },
            Core::CheckinSubmitted { summary } => Self::CheckinSubmitted {
                summary: summary.into(),
            },
            Core::CheckinDelivered {
                checkin_id,
                receipt,
            } => Self::CheckinDelivered {
                checkin_id: checkin_id.to_string(),
                receipt: receipt.into(),
            },
            Core::CheckinWedged { checkin_id, reason } => Self::CheckinWedged {
                checkin_id: checkin_id.to_string(),
                reason,
            },
            Core::MediaDelivered {
                checkin_id,
                receipt,
            } => Self::MediaDelivered {
                checkin_id: checkin_id.to_string(),
                receipt: receipt.into(),
            },
            Core::MediaWedged { checkin_id, reason } => Self::MediaWedged {
                checkin_id: checkin_id.to_string(),
                reason,
            },
            Core::ConsentRecorded {
                policy_version,
                language,
                text_sha256_hex,
                ..
            } => Self::ConsentRecorded {
                policy_version,
                language,
                text_sha256_hex,
            },
            Core::RetentionDeleted {
                checkin_id,
                item,
                captured_at,
                device_days,
            } => Self::RetentionDeleted {
                checkin_id: checkin_id.to_string(),
                item: match item {
                    core::RetainedItem::DeliveredCheckin => "delivered_checkin",
                    core::RetainedItem::UnsubmittedDraft => "unsubmitted_draft",
                }
                .into(),
                captured_at: captured_at.into(),
                device_days,
            },
            Core::ClockJumped {
                seen_ms,
                applied_ms,
            } => Self::ClockJumped {
                seen_ms,
                applied_ms,
            },
            Core::TlsKeyRotated { seq, pins } => Self::TlsKeyRotated { seq, pins },
            Core::StorageKeyLost {
                previous_device_id,
                recovered,
                media_recovered,
                lost,
            } => Self::StorageKeyLost {
                previous_device_id: previous_device_id.map(|id| id.to_string()),
                recovered: recovered.iter().map(ToString::to_string).collect(),
                media_recovered,
                lost,
            },
        }
    }
}

/// One entry of the hash-chained ledger.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LedgerEntry {
    pub seq: u64,
    pub at: SystemTime,
    pub prev_hash_hex: String,
    pub event: LedgerEvent,
}

impl From<core::LedgerEntry> for LedgerEntry {
    fn from(e: core::LedgerEntry) -> Self {
        Self {
            seq: e.seq,
            at: e.at.into(),
            prev_hash_hex: e.prev_hash_hex,
            event: e.event.into(),
        }
    }
}

/// The network as the shell sees it (Android `ConnectivityManager`, iOS
/// `NWPathMonitor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Connectivity {
    /// Online on an unmetered network: check-ins and deferred media go.
    Online,
    /// Online, but the participant pays by the byte (cellular, roaming).
    /// Check-ins are still sent: a late check-in costs more than the data.
    /// Media the policy lets wait (`media_defer_on_metered_above_bytes`)
    /// stays queued, sealed, until `Online`.
    Metered,
    /// No network: `sync` does not try, and reports what waits.
    Offline,
}

impl From<checkin_core::Connectivity> for Connectivity {
    fn from(c: checkin_core::Connectivity) -> Self {
        match c {
            checkin_core::Connectivity::Online => Self::Online,
            checkin_core::Connectivity::Metered => Self::Metered,
            checkin_core::Connectivity::Offline => Self::Offline,
        }
    }
}

impl From<Connectivity> for checkin_core::Connectivity {
    fn from(c: Connectivity) -> Self {
        match c {
            Connectivity::Online => Self::Online,
            Connectivity::Metered => Self::Metered,
            Connectivity::Offline => Self::Offline,
        }
    }
}

/// One fix from the phone's location service, exactly as the platform
/// reported it. The core reduces it to what the policy allows before
/// anything is stored.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LocationFix {
    /// Latitude in degrees (WGS 84), -90 to 90.
    pub lat: f64,
    /// Longitude in degrees (WGS 84), -180 to 180.
    pub lon: f64,
    /// Horizontal accuracy radius reported by the platform, in metres.
    pub accuracy_m: f64,
    /// When the platform took the fix (Android `Location.getTime()`, iOS
    /// `CLLocation.timestamp`).
    pub fix_time: SystemTime,
    /// `gps`, `network`, `fused`, …: as the platform names it (at most 32
    /// characters are kept).
    pub provider: String,
    /// The platform says the fix came from a mock provider (Android
    /// `Location.isMock()`, iOS `CLLocationSourceInformation.isSimulatedBySoftware`).
    pub mock: bool,
}

impl LocationFix {
    /// The core's fix; a `fix_time` outside the representable range is
    /// refused as invalid input.
    pub(crate) fn into_core(self) -> Result<core::LocationFix, CheckinError> {
        Ok(core::LocationFix {
            lat: self.lat,
            lon: self.lon,
            accuracy_m: self.accuracy_m,
            fix_time: utc(self.fix_time, "the fix time")?,
            provider: self.provider,
            mock: self.mock,
        })
    }
}

/// The location kept in the check-in and sent with it: exactly what the
/// policy allows, already reduced on the device. `stale` (older than the
/// policy's maximum fix age, or stamped as far in the future), `inaccurate`
/// (accuracy worse than the policy's maximum) and `mock` are sent with it,
/// never hidden.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum SentLocation {
    /// The fix as given (policy `precise`).
    Precise {
        /// Latitude in degrees.
        lat: f64,
        /// Longitude in degrees.
        lon: f64,
        /// Accuracy radius in metres, as reported.
        accuracy_m: f64,
        /// When the fix was taken (to the millisecond).
        fix_time: SystemTime,
        /// The platform's provider name.
        provider: String,
        /// The platform said the fix was mocked.
        mock: bool,
        /// The fix was too old (or too far in the future) for the policy.
        stale: bool,
        /// The fix was less accurate than the policy asks.
        inaccurate: bool,
    },
    /// The centre of the policy's grid cell holding the fix (policy
    /// `coarse`): nothing finer than `grid_m` is stored or sent.
    Coarse {
        /// The grid's cell size in metres.
        grid_m: u32,
        /// Latitude of the cell's centre, in degrees.
        lat: f64,
        /// Longitude of the cell's centre, in degrees.
        lon: f64,
        /// When the fix was taken (to the millisecond).
        fix_time: SystemTime,
        /// The platform's provider name.
        provider: String,
        /// The platform said the fix was mocked.
        mock: bool,
        /// The fix was too old (or too far in the future) for the policy.
        stale: bool,
        /// The fix was less accurate than the policy asks.
        inaccurate: bool,
    },
    /// Only whether the fix lies inside the approved area (policy `area`):
    /// no coordinate at all.
    Area {
        /// The fix lies inside the approved circle or polygon.
        inside: bool,
        /// When the fix was taken (to the millisecond).
        fix_time: SystemTime,
        /// The platform's provider name.
        provider: String,
        /// The platform said the fix was mocked.
        mock: bool,
        /// The fix was too old (or too far in the future) for the policy.
        stale: bool,
        /// The fix was less accurate than the policy asks.
        inaccurate: bool,
    },
}

impl From<core::SentLocation> for SentLocation {
    fn from(l: core::SentLocation) -> Self {
        use core::SentLocation as Core;
        match l {
            Core::Precise {
                lat,
                lon,
                accuracy_m,
                fix_time,
                provider,
                mock,
                stale,
                inaccurate,
            } => Self::Precise {
                lat,
                lon,
                accuracy_m,
                fix_time: fix_time.into(),
                provider,
                mock,
                stale,
                inaccurate,
            },
            Core::Coarse {
                grid_m,
                lat,
                lon,
                fix_time,
                provider,
                mock,
                stale,
                inaccurate,
            } => Self::Coarse {
                grid_m,
                lat,
                lon,
                fix_time: fix_time.into(),
                provider,
                mock,
                stale,
                inaccurate,
            },
            Core::Area {
                inside,
                fix_time,
                provider,
                mock,
                stale,
                inaccurate,
            } => Self::Area {
                inside,
                fix_time: fix_time.into(),
                provider,
                mock,
                stale,
                inaccurate,
            },
        }
    }
}

/// "What this program collects", generated from the current policy alone:
/// the text to show at enrollment and on demand, and the facts it states.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CollectionStatement {
    /// The policy version the statement describes; pass it to
    /// `record_consent`.
    pub policy_version: u32,
    /// The language the text is in (the one asked for, or English when it
    /// is not available).
    pub language: String,
    /// The statement, one paragraph per line.
    pub text: String,
    /// SHA-256 of `text` (hex), so a consent names exactly what was shown.
    pub text_sha256_hex: String,
    /// Evidence a check-in may carry under this policy, in record order
    /// (`photo`, `voice`, `location`).
    pub collects: Vec<String>,
    /// How location is taken, if at all.
    pub location_mode: LocationMode,
    /// The coarse grid in metres, when location is coarse.
    pub coarse_grid_m: Option<u32>,
}

impl From<core::CollectionStatement> for CollectionStatement {
    fn from(s: core::CollectionStatement) -> Self {
        Self {
            policy_version: s.policy_version,
            language: s.language,
            text: s.text,
            text_sha256_hex: s.text_sha256_hex,
            collects: s.collects,
            location_mode: s.location_mode.into(),
            coarse_grid_m: s.coarse_grid_m,
        }
    }
}

/// The participant saw the statement for a policy version and agreed;
/// also recorded in the hash-chained ledger.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Consent {
    /// The policy version the statement described.
    pub policy_version: u32,
    /// The language of the statement shown.
    pub language: String,
    /// SHA-256 (hex) of the exact statement text shown.
    pub text_sha256_hex: String,
    /// When it was recorded (corrected time, to the millisecond).
    pub at: SystemTime,
}

impl From<core::Consent> for Consent {
    fn from(c: core::Consent) -> Self {
        Self {
            policy_version: c.policy_version,
            language: c.language,
            text_sha256_hex: c.text_sha256_hex,
            at: c.at.into(),
        }
    }
}

/// What became of one scheduled window.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ComplianceStatus {
    /// Satisfied, with the program's receipt, re-verified under the
    /// receipt key pinned at enrollment.
    Delivered {
        /// The check-in that satisfied the window.
        checkin_id: String,
        /// Taken in the window's late period.
        late: bool,
        /// The program's signed receipt for it.
        receipt: Receipt,
    },
    /// Taken in time but not delivered yet (queued, or its receipt did not
    /// verify).
    NotYetSent {
        /// The check-in taken for the window.
        checkin_id: String,
        /// Taken in the window's late period.
        late: bool,
    },
    /// Taken in time, refused for good by the server.
    Wedged {
        /// The check-in taken for the window.
        checkin_id: String,
        /// The server's reason.
        reason: String,
    },
    /// No check-in taken in time: still possible (`state` upcoming, open,
    /// in grace, late) or missed.
    NotTaken {
        /// Where the window stands now.
        state: WindowState,
    },
}

impl From<core::ComplianceStatus> for ComplianceStatus {
    fn from(s: core::ComplianceStatus) -> Self {
        use core::ComplianceStatus as Core;
        match s {
            Core::Delivered {
                checkin_id,
                late,
                receipt,
            } => Self::Delivered {
                checkin_id: checkin_id.to_string(),
                late,
                receipt: receipt.into(),
            },
            Core::NotYetSent { checkin_id, late } => Self::NotYetSent {
                checkin_id: checkin_id.to_string(),
                late,
            },
            Core::Wedged { checkin_id, reason } => Self::Wedged {
                checkin_id: checkin_id.to_string(),
                reason,
            },
            Core::NotTaken { state } => Self::NotTaken {
                state: state.into(),
            },
        }
    }
}

/// One window of the plan and what became of it: a line of the proof of
/// compliance.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WindowCompliance {
    /// The window's id (as in `CheckinWindow.id`).
    pub window_id: String,
    /// When the window opened.
    pub opens: SystemTime,
    /// A check-in before this was on time.
    pub closes: SystemTime,
    /// A check-in before this was accepted as late.
    pub late_ends: SystemTime,
    /// The check-in that satisfied it, or why there is none.
    pub status: ComplianceStatus,
}

impl From<core::WindowCompliance> for WindowCompliance {
    fn from(w: core::WindowCompliance) -> Self {
        Self {
            window_id: w.window_id,
            opens: w.opens.into(),
            closes: w.closes.into(),
            late_ends: w.late_ends.into(),
            status: w.status.into(),
        }
    }
}

/// A time from the caller as the core's UTC time; a time chrono cannot
/// represent (hundreds of thousands of years away) is invalid input.
pub(crate) fn utc(t: SystemTime, what: &str) -> Result<DateTime<Utc>, CheckinError> {
    let (secs, nanos) = match t.duration_since(UNIX_EPOCH) {
        Ok(after) => (i64::try_from(after.as_secs()).ok(), after.subsec_nanos()),
        Err(before) => {
            let d = before.duration();
            let secs = i64::try_from(d.as_secs()).ok().map(|s| -s);
            match d.subsec_nanos() {
                0 => (secs, 0),
                n => (secs.and_then(|s| s.checked_sub(1)), 1_000_000_000 - n),
            }
        }
    };
    secs.and_then(|s| DateTime::from_timestamp(s, nanos))
        .ok_or_else(|| CheckinError::InvalidInput {
            reason: format!("{what} is out of range"),
        })
}

/// Parses an id the facade handed out earlier.
pub(crate) fn parse_id(id: &str) -> Result<Uuid, CheckinError> {
    Uuid::parse_str(id).map_err(|_| CheckinError::InvalidInput {
        reason: "not an id this library issued".into(),
    })
}

fn millis(ms: i64) -> SystemTime {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .into()
}

/// What one retention run deleted from the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct RetentionReport {
    /// Delivered check-ins past the policy's `device_days`, deleted.
    pub checkins_deleted: u32,
    /// Drafts never submitted, past the same time, deleted.
    pub drafts_deleted: u32,
    /// Old delivered check-ins kept for want of a verified receipt.
    pub kept_without_proof: u32,
}

impl From<checkin_core::RetentionReport> for RetentionReport {
    fn from(r: checkin_core::RetentionReport) -> Self {
        Self {
            checkins_deleted: r.checkins_deleted,
            drafts_deleted: r.drafts_deleted,
            kept_without_proof: r.kept_without_proof,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn caller_times_convert_exactly_or_are_refused() {
        let at = |secs: i64, nanos: u32| DateTime::from_timestamp(secs, nanos).expect("in range");
        let after = UNIX_EPOCH + Duration::new(1_700_000_000, 123_456_789);
        assert_eq!(utc(after, "t").ok(), Some(at(1_700_000_000, 123_456_789)));
        let before = UNIX_EPOCH - Duration::new(10, 250_000_000);
        assert_eq!(utc(before, "t").ok(), Some(at(-11, 750_000_000)));
        assert_eq!(
            utc(UNIX_EPOCH - Duration::from_secs(3), "t").ok(),
            Some(at(-3, 0))
        );
        let far = UNIX_EPOCH + Duration::from_secs(i64::MAX as u64 / 2);
        assert!(matches!(
            utc(far, "the fix time"),
            Err(CheckinError::InvalidInput { reason }) if reason == "the fix time is out of range"
        ));
    }

    #[test]
    fn a_sync_report_keeps_the_media_lane_and_retention() {
        let core = core::SyncReport {
            delivered: 1,
            server_wait_ms: 42,
            media_delivered: 2,
            media_wedged: 3,
            media_waiting: 4,
            policy_updated: true,
            retention: Some(checkin_core::RetentionReport {
                checkins_deleted: 5,
                drafts_deleted: 6,
                kept_without_proof: 7,
            }),
            ..Default::default()
        };
        let report = SyncReport::from(core);
        assert_eq!(
            (
                report.delivered,
                report.server_wait_ms,
                report.media_delivered,
                report.media_wedged,
                report.media_waiting,
                report.policy_updated,
                report.plan_updated,
            ),
            (1, 42, 2, 3, 4, true, false)
        );
        assert_eq!(
            report.retention,
            Some(RetentionReport {
                checkins_deleted: 5,
                drafts_deleted: 6,
                kept_without_proof: 7,
            })
        );
        assert_eq!(
            SyncReport::from(core::SyncReport::default()).retention,
            None
        );
    }

    #[test]
    fn a_sent_location_keeps_what_the_core_kept() {
        let fix_time = DateTime::from_timestamp_millis(1_700_000_000_123).expect("in range");
        let core = core::SentLocation::Coarse {
            grid_m: 1000,
            lat: 40.75,
            lon: -73.98,
            fix_time,
            provider: "fused".into(),
            mock: true,
            stale: false,
            inaccurate: true,
        };
        assert_eq!(
            SentLocation::from(core),
            SentLocation::Coarse {
                grid_m: 1000,
                lat: 40.75,
                lon: -73.98,
                fix_time: fix_time.into(),
                provider: "fused".into(),
                mock: true,
                stale: false,
                inaccurate: true,
            }
        );
    }
}
