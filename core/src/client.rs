//! [`CheckinClient`]: the one object a shell (or the FFI facade) talks to.
//! It owns the store and the clock and runs each step of the flow:
//! enroll → start a check-in → attach evidence → submit → sync → ledger.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use ring::rand::SystemRandom;
use uuid::Uuid;

use crate::checkin::{
    CheckinRecord, CheckinSummary, Draft, DraftPhoto, DraftVoice, PhotoQuality, VoiceQuality,
};
use crate::clock::{Clock, ClockEstimate};
use crate::crypto::{self, keystore::KeyStore, signing::DeviceKey};
use crate::disclosure::{CollectionStatement, Consent, ConsentError};
use crate::error::{Error, Result};
use crate::i18n::Localizer;
use crate::ledger::{self, LedgerEntry, LedgerEvent, LedgerFault};
use crate::location::{self, LocationError, LocationFix, SentLocation};
use crate::media;
use crate::plan::{self, CompletedCheckin, Due, Plan};
use crate::policy::{LocationMode, Policy, Requirement};
use crate::protocol::envelope::{self, ClockEvidence, HeaderFields, Part, PartKind, WindowRef};
use crate::protocol::messages::{EnrollRequest, ProgramKeys};
use crate::remind::{self, Notification};
use crate::store::{DocumentName, EnrollmentRecord, MediaItem, OutboxItem, Store};
use crate::sync::{SyncContext, SyncListener, SyncReport, http::Api};

/// The network as the shell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Connectivity {
    Online,
    /// Online, but the participant pays by the byte (cellular, roaming).
    /// Check-in records are always sent: a late check-in costs more than
    /// data. Media the policy lets wait (`media.defer_on_metered_above_bytes`)
    /// stays queued, sealed, until the network is `Online`.
    Metered,
    Offline,
}

/// How a client is set up.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Where the store lives (app-private storage on a phone).
    pub data_dir: PathBuf,
    /// The participant's language (BCP 47), e.g. `es`.
    pub locale: String,
    /// `android`, `ios` or `desktop`; sent at enrollment.
    pub platform: String,
}

/// What enrollment established, for the shell to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentSummary {
    pub device_id: Uuid,
    pub program_name: String,
    pub device_key_id: String,
    pub receipt_key_id: String,
    pub policy_version: u32,
}

/// The enrolled device's keys, loaded from the store when needed.
struct Enrolled {
    record: EnrollmentRecord,
    device_key: DeviceKey,
    program_key: [u8; 32],
    receipt_key: Vec<u8>,
}

/// The check-in core for one participant on one device.
pub struct CheckinClient {
    store: Store,
    clock: Arc<dyn Clock>,
    config: ClientConfig,
    /// One sync at a time: a second caller waits, then finds nothing to send.
    sync_lock: tokio::sync::Mutex<()>,
    /// What the shell last said about the network.
    connectivity: std::sync::Mutex<Connectivity>,
}

impl std::fmt::Debug for CheckinClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckinClient")
            .field("data_dir", &self.config.data_dir)
            .finish_non_exhaustive()
    }
}

fn decode_key(b64: &str, expected_id: &str) -> Result<Vec<u8>> {
    let key = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|_| crate::protocol::ProtocolError::malformed("program key", "bad base64"))?;
    if key.len() != 32 {
        return Err(
            crate::protocol::ProtocolError::malformed("program key", "wrong length").into(),
        );
    }
    if crypto::key_id(&key) != expected_id {
        return Err(crate::protocol::ProtocolError::malformed(
            "program key",
            "key id does not match the key",
        )
        .into());
    }
    Ok(key)
}

impl CheckinClient {
    /// Opens the client's store in `config.data_dir`.
    pub fn open(
        config: ClientConfig,
        key_store: &dyn KeyStore,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        let store = Store::open(&config.data_dir, key_store)?;
        Ok(Self {
            store,
            clock,
            config,
            sync_lock: tokio::sync::Mutex::new(()),
            connectivity: std::sync::Mutex::new(Connectivity::Online),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.config.data_dir
    }

    /// The store, for inspection (tests, the demo, diagnostics).
    pub fn store(&self) -> &Store {
        &self.store
    }

    fn enrolled(&self) -> Result<Enrolled> {
        let record = self.store.enrollment()?.ok_or(Error::NotEnrolled)?;
        let device_key = DeviceKey::from_pkcs8(&record.device_key_pkcs8)?;
        let program_key: [u8; 32] = decode_key(
            &record.program.encryption_public_key,
            &record.program.encryption_key_id,
        )?
        .try_into()
        .map_err(|_| crate::protocol::ProtocolError::malformed("program key", "wrong length"))?;
        let receipt_key = decode_key(
            &record.program.receipt_public_key,
            &record.program.receipt_key_id,
        )?;
        Ok(Enrolled {
            record,
            device_key,
            program_key,
            receipt_key,
        })
    }

    fn now(&self) -> Result<ClockEstimate> {
        Ok(match self.store.enrollment()? {
            Some(e) => {
                ClockEstimate::read_anchored(self.clock.as_ref(), e.clock_offset_ms, e.clock_anchor)
            }
            None => ClockEstimate::read(self.clock.as_ref(), 0),
        })
    }

    pub fn is_enrolled(&self) -> Result<bool> {
        Ok(self.store.enrollment()?.is_some())
    }

    /// Enrolls this device with the program at `server_url` using a
    /// one-time code; pins the program's keys; stores plan and policy.
    ///
    /// Over https the server's TLS key is pinned from here on: the key seen
    /// now (which must chain to the webpki roots), or use
    /// [`CheckinClient::enroll_with_pins`] when the program hands out pins.
    pub async fn enroll(&self, server_url: &str, code: &str) -> Result<EnrollmentSummary> {
        self.enroll_with_pins(server_url, code, Vec::new()).await
    }

    /// Enrolls with the program server's TLS key pins given by the program
    /// (base64 SHA-256 of the key's SubjectPublicKeyInfo). The server must
    /// show one of these keys now and on every later connection.
    pub async fn enroll_with_pins(
        &self,
        server_url: &str,
        code: &str,
        tls_pins: Vec<String>,
    ) -> Result<EnrollmentSummary> {
        if self.is_enrolled()? {
            return Err(Error::AlreadyEnrolled);
        }
        let api = Api::new(server_url, tls_pins.clone())?;
        let device_key = DeviceKey::generate()?;
        let sent_at = self.clock.now();
        let code = code.trim();
        let device_public_key =
            base64::engine::general_purpose::STANDARD.encode(device_key.public_key());
        let platform = &self.config.platform;
        let proof =
            crate::protocol::request::enroll_proof(&device_key, code, &device_public_key, platform);
        let resp = api
            .enroll(&EnrollRequest {
                code: code.to_string(),
                device_public_key,
                platform: platform.clone(),
                proof,
            })
            .await?;
        let ProgramKeys {
            encryption_public_key,
            encryption_key_id,
            receipt_public_key,
            receipt_key_id,
            ..
        } = &resp.program;
        decode_key(encryption_public_key, encryption_key_id)?;
        decode_key(receipt_public_key, receipt_key_id)?;
        let policy_bytes = serde_json::to_vec(&resp.policy)
            .map_err(|e| crate::protocol::ProtocolError::malformed("policy", e.to_string()))?;
        let policy = Policy::from_json(&policy_bytes)?;
        let plan_bytes = serde_json::to_vec(&resp.plan)
            .map_err(|e| crate::protocol::ProtocolError::malformed("plan", e.to_string()))?;
        // A plan the core cannot follow is refused now, not discovered
        // when a reminder fails to fire.
        plan::review_update(
            None,
            &plan_bytes,
            &ClockEstimate::uncorrected(resp.server_time),
        )?;
        let offset = (resp.server_time - sent_at).num_milliseconds();
        let record = EnrollmentRecord {
            device_id: resp.device_id,
            enrolled_at: resp.server_time,
            server_url: server_url.to_string(),
            device_key_pkcs8: zeroize::Zeroizing::new(device_key.pkcs8().to_vec()),
            program: resp.program.clone(),
            clock_offset_ms: offset,
            tls_pins: if tls_pins.is_empty() {
                api.seen_pin().into_iter().collect()
            } else {
                tls_pins
            },
            clock_anchor: self
                .clock
                .monotonic_ms()
                .map(|uptime_ms| crate::clock::ClockAnchor {
                    server_ms: resp.server_time.timestamp_millis(),
                    uptime_ms,
                }),
        };
        let now_ms = resp.server_time.timestamp_millis();
        self.store.write(|tx| {
            self.store.insert_enrollment(tx, &record)?;
            self.store
                .put_document(tx, DocumentName::Policy, &policy_bytes, now_ms)?;
            self.store
                .put_document(tx, DocumentName::Plan, &plan_bytes, now_ms)?;
            self.store.put_document(
                tx,
                DocumentName::EnrolledPolicyVersion,
                policy.version.to_string().as_bytes(),
                now_ms,
            )?;
            self.store.append_ledger(
                tx,
                resp.server_time,
                LedgerEvent::Enrolled {
                    program_id: resp.program.id.clone(),
                    program_name: resp.program.name.clone(),
                    device_key_id: device_key.key_id(),
                    encryption_key_id: encryption_key_id.clone(),
                    receipt_key_id: receipt_key_id.clone(),
                },
            )?;
            self.store.append_ledger(
                tx,
                resp.server_time,
                LedgerEvent::PolicyReceived {
                    version: policy.version,
                },
            )?;
            self.store.append_ledger(
                tx,
                resp.server_time,
                LedgerEvent::PlanReceived {
                    changes: Vec::new(),
                },
            )?;
            Ok(())
        })?;
        Ok(EnrollmentSummary {
            device_id: resp.device_id,
            program_name: resp.program.name.clone(),
            device_key_id: device_key.key_id(),
            receipt_key_id: receipt_key_id.clone(),
            policy_version: policy.version,
        })
    }

    /// The program's current policy (the default before enrollment).
    pub fn policy(&self) -> Result<Policy> {
        match self.store.document(DocumentName::Policy)? {
            Some(bytes) => Ok(Policy::from_json(&bytes)?),
            None => Ok(Policy::default()),
        }
    }

    /// The plan as last received from the program (validated when stored).
    pub fn plan(&self) -> Result<Option<Plan>> {
        Ok(self
            .store
            .document(DocumentName::Plan)?
            .map(|b| Plan::from_json(&b))
            .transpose()?)
    }

    /// The participant's language: the shell's choice, else the plan's.
    pub fn localizer(&self) -> Result<Localizer> {
        if !self.config.locale.is_empty() {
            return Ok(Localizer::new(&self.config.locale));
        }
        Ok(Localizer::new(
            self.plan()?.as_ref().map_or("en", |p| p.language()),
        ))
    }

    /// Check-ins made for scheduled windows (all but those the server
    /// refused for good), as the plan logic needs them.
    fn completed(&self) -> Result<Vec<CompletedCheckin>> {
        Ok(self
            .store
            .outbox()?
            .into_iter()
            .filter(|i| i.state != crate::store::OutboxState::Wedged)
            .filter_map(|i| {
                Some(CompletedCheckin {
                    window_id: i.summary.window?.id,
                    captured_at: ClockEstimate {
                        device_time: i.summary.clock.device_time,
                        server_offset_ms: i.summary.clock.server_offset_ms,
                        uptime_ms: i.summary.clock.uptime_ms,
                    },
                })
            })
            .collect())
    }

    /// The current or next check-in window and its state.
    pub fn due(&self) -> Result<Option<Due>> {
        let Some(plan) = self.plan()? else {
            return Ok(None);
        };
        Ok(plan::due(&plan, &self.completed()?, &self.now()?))
    }

    /// The notifications the phone should hold right now, soonest first,
    /// at most `max`. Reconcile by id: calling twice changes nothing.
    pub fn notifications(&self, max: usize) -> Result<Vec<Notification>> {
        let Some(plan) = self.plan()? else {
            return Ok(Vec::new());
        };
        Ok(remind::notifications(
            &plan,
            &self.completed()?,
            &self.now()?,
            max,
            &self.localizer()?,
        ))
    }

    /// When the shell should next run background work (sync, refill
    /// notifications), given it holds at most `max` notifications.
    pub fn next_wakeup(&self, max: usize) -> Result<Option<DateTime<Utc>>> {
        let Some(plan) = self.plan()? else {
            return Ok(None);
        };
        let mut wake = remind::next_wakeup(&plan, &self.completed()?, &self.now()?, max);
        let media_retry = match self.connectivity() {
            Connectivity::Online => self.store.next_media_retry_at_ms()?,
            _ => None,
        };
        if let Some(retry) = [self.store.next_retry_at_ms()?, media_retry]
            .into_iter()
            .flatten()
            .min()
            .and_then(crate::protocol::wire_time::from_millis)
        {
            wake = Some(wake.map_or(retry, |w| w.min(retry)));
        }
        Ok(wake)
    }

    /// Starts a check-in: for the plan's window `window_id`, or an
    /// unscheduled one with `None`.
    ///
    /// Refused with [`Error::ConsentRequired`] while a policy that arrived
    /// after enrollment waits for the participant's consent (see
    /// [`CheckinClient::consent_needed`]).
    pub fn start_checkin(&self, window_id: Option<&str>) -> Result<Uuid> {
        self.enrolled()?;
        let policy = self.policy_for_capture(None)?;
        let window = match window_id {
            None => None,
            Some(id) => {
                let plan = self.plan()?.ok_or(Error::NotEnrolled)?;
                let w = plan.window(id)?;
                Some(WindowRef {
                    id: w.id,
                    opens_at: w.opens,
                    closes_at: w.closes,
                })
            }
        };
        let draft = Draft {
            id: Uuid::new_v4(),
            window,
            started_at: self.now()?.corrected(),
            photo: None,
            voice: None,
            location: None,
            policy_version: Some(policy.version),
        };
        self.store.put_draft(&draft)?;
        Ok(draft.id)
    }

    fn draft(&self, id: Uuid) -> Result<Draft> {
        self.store.draft(id)?.ok_or(Error::DraftNotFound)
    }

    /// Processes a photo from the camera under the program's policy and
    /// attaches it, replacing any earlier one. Returns the quality report so
    /// the shell can tell the participant what to fix. Like every capture,
    /// refused with [`Error::ConsentRequired`] while a new policy waits
    /// for consent.
    pub fn attach_photo(&self, draft_id: Uuid, input: &[u8]) -> Result<PhotoQuality> {
        let mut draft = self.draft(draft_id)?;
        let policy = self.policy_for_capture(Some(&mut draft))?;
        let processed = media::process_photo(input, &policy.photo_policy())?;
        let quality = PhotoQuality::from(&processed.report);
        draft.photo = Some(DraftPhoto {
            jpeg: processed.jpeg,
            width: processed.width,
            height: processed.height,
            quality: quality.clone(),
            bystanders_blurred: processed.bystanders_blurred,
        });
        self.store.put_draft(&draft)?;
        Ok(quality)
    }

    /// Processes a voice recording (WAV) under the program's policy and
    /// attaches it, replacing any earlier one. Returns the quality report
    /// (speech present, too quiet, clipped, too short or long).
    pub fn attach_voice(&self, draft_id: Uuid, wav: &[u8]) -> Result<VoiceQuality> {
        let mut draft = self.draft(draft_id)?;
        let policy = self.policy_for_capture(Some(&mut draft))?;
        let processed = media::process_voice(wav, &policy.voice_policy())?;
        let quality = VoiceQuality::from(&processed.report);
        draft.voice = Some(DraftVoice {
            ogg_opus: processed.ogg_opus,
            duration_ms: processed.duration_ms,
            quality: quality.clone(),
        });
        self.store.put_draft(&draft)?;
        Ok(quality)
    }

    /// Applies the program's policy to one location fix and attaches the
    /// result, replacing any earlier one. Only the reduced value (precise,
    /// the coarse grid cell's centre, or inside/outside the approved area)
    /// is stored; under `none` the fix is refused and nothing is kept.
    /// Returns exactly what will be sent, or why the fix was not used (the
    /// draft is then left as it was).
    pub fn attach_location(
        &self,
        draft_id: Uuid,
        fix: &LocationFix,
    ) -> Result<std::result::Result<SentLocation, LocationError>> {
        let mut draft = self.draft(draft_id)?;
        let policy = self.policy_for_capture(Some(&mut draft))?;
        let sent = match location::apply(&policy, fix, self.now()?.corrected()) {
            Ok(sent) => sent,
            Err(refused) => return Ok(Err(refused)),
        };
        draft.location = Some(sent.clone());
        self.store.put_draft(&draft)?;
        Ok(Ok(sent))
    }

    /// Abandons a check-in in progress; nothing of it is kept.
    pub fn discard_checkin(&self, draft_id: Uuid) -> Result<()> {
        self.store.discard_draft(draft_id)?;
        Ok(())
    }

    /// Seals the check-in to the program, signs it, and queues it with its
    /// ledger entry in one transaction. From here it is never lost.
    pub fn submit(&self, draft_id: Uuid) -> Result<CheckinSummary> {
        let enrolled = self.enrolled()?;
        let mut draft = self.draft(draft_id)?;
        // Nothing is sealed under a policy the participant has not seen, nor
        // sealed as if taken under a policy it was not taken under.
        let policy = self.policy_for_capture(Some(&mut draft))?;
        if policy.evidence.photo == Requirement::Required && draft.photo.is_none() {
            return Err(Error::MissingEvidence("photo"));
        }
        if policy.evidence.voice == Requirement::Required && draft.voice.is_none() {
            return Err(Error::MissingEvidence("voice"));
        }
        // A location taken under an earlier policy is not sent under a
        // different one.
        let location = draft.location.as_ref().filter(|l| l.fits(&policy));
        if policy.location.required
            && policy.evidence.location != LocationMode::None
            && location.is_none()
        {
            return Err(Error::MissingEvidence("location"));
        }
        if let Some(v) = &draft.voice
            && v.quality.blocking
        {
            return Err(Error::QualityBlocks(v.quality.issues.join(", ")));
        }
        if let Some(p) = &draft.photo
            && p.quality.blocking
        {
            return Err(Error::QualityBlocks(p.quality.issues.join(", ")));
        }
        let now = self.now()?;
        let captured_at = draft
            .photo
            .as_ref()
            .map(|_| draft.started_at)
            .unwrap_or(now.corrected());
        let mut evidence = Vec::new();
        let mut parts = Vec::new();
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
        let location = location
            .map(serde_json::to_value)
            .transpose()
            .map_err(|e| crate::protocol::ProtocolError::malformed("location", e.to_string()))?;
        if location.is_some() {
            evidence.push("location".to_string());
        }
        let record = CheckinRecord {
            v: 1,
            checkin_id: draft.id,
            captured_at: crate::protocol::wire_time::to_millis(captured_at),
            location,
            evidence,
            photo_quality: draft.photo.as_ref().map(|p| p.quality.clone()),
            voice_quality: draft.voice.as_ref().map(|v| v.quality.clone()),
            bystanders_blurred: draft.photo.as_ref().map_or(0, |p| p.bystanders_blurred),
            locale: self.config.locale.clone(),
        };
        let record_bytes = serde_json::to_vec(&record)
            .map_err(|e| crate::protocol::ProtocolError::malformed("record", e.to_string()))?;
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
            device_id: enrolled.record.device_id,
            program_key_id: enrolled.record.program.encryption_key_id.clone(),
            window: draft.window.clone(),
            captured_at,
            clock: ClockEvidence {
                device_time: now.device_time,
                server_offset_ms: now.server_offset_ms,
                uptime_ms: now.uptime_ms,
            },
            sealed_at: now.corrected(),
            policy_version: Some(policy.version),
        };
        // What may wait for an unmetered network is decided now, at sealing:
        // both envelopes are sealed at capture time, so no plaintext media is
        // kept and the header's evidence is fixed whatever network comes.
        let sealed = envelope::seal_deferring(
            &SystemRandom::new(),
            fields,
            &parts,
            |p| policy.media.defers(p.bytes.len() as u64),
            &enrolled.program_key,
            &enrolled.device_key,
        )
        .map_err(|e| match e {
            envelope::SealError::Crypto(c) => Error::Crypto(c),
            envelope::SealError::Protocol(p) => Error::Protocol(p),
            envelope::SealError::RecordNotFirst => Error::Protocol(
                crate::protocol::ProtocolError::malformed("envelope", "record not first"),
            ),
        })?;
        let header = &sealed.header;
        let summary = CheckinSummary {
            checkin_id: header.checkin_id,
            window: header.window.clone(),
            captured_at: header.captured_at,
            clock: header.clock,
            policy_version: header.policy_version,
            parts: header.parts.clone(),
            location: record.location.clone(),
            bystanders_blurred: record.bystanders_blurred,
            envelope_sha256_hex: hex::encode(sealed.record.digest),
            envelope_size: sealed.record.bytes.len() as u64,
            media_envelope_sha256_hex: sealed.media.as_ref().map(|m| hex::encode(m.digest)),
            media_envelope_size: sealed.media.as_ref().map(|m| m.bytes.len() as u64),
        };
        let now_ms = now.corrected().timestamp_millis();
        self.store.write(|tx| {
            let seq = self
                .store
                .insert_outbox(tx, &summary, &sealed.record.bytes, now_ms)?;
            if let Some(media) = &sealed.media {
                self.store.insert_media(tx, draft.id, seq, &media.bytes)?;
            }
            self.store.append_ledger(
                tx,
                now.corrected(),
                LedgerEvent::CheckinSubmitted {
                    summary: summary.clone(),
                },
            )?;
            self.store.delete_draft(tx, draft.id)?;
            Ok(())
        })?;
        Ok(summary)
    }

    /// Sends queued check-ins until done or until `deadline`, then refreshes
    /// the plan and policy if time remains. Safe to cancel (drop) at any
    /// point; safe to call concurrently (calls run one after another).
    pub async fn sync(
        &self,
        deadline: tokio::time::Instant,
        listener: Option<&dyn SyncListener>,
    ) -> Result<SyncReport> {
        let Ok(_one_at_a_time) = tokio::time::timeout_at(deadline, self.sync_lock.lock()).await
        else {
            // Another sync held the queue until our deadline.
            return Ok(SyncReport {
                remaining: self.store.outbox_counts()?.0 as u32,
                media_waiting: self.store.media_counts()?.0 as u32,
                deadline_reached: true,
                ..SyncReport::default()
            });
        };
        if self.connectivity() == Connectivity::Offline {
            // Nothing to try: report what waits, and when the shell said we
            // would retry anyway (it calls again when the network returns).
            // Retention needs no network.
            return Ok(SyncReport {
                retention: self.apply_retention().ok(),
                remaining: self.store.outbox_counts()?.0 as u32,
                media_waiting: self.store.media_counts()?.0 as u32,
                next_retry_at: self
                    .store
                    .next_retry_at_ms()?
                    .and_then(crate::protocol::wire_time::from_millis),
                last_error: Some("offline".into()),
                ..SyncReport::default()
            });
        }
        let enrolled = self.enrolled()?;
        let api = Api::new(
            &enrolled.record.server_url,
            enrolled.record.tls_pins.clone(),
        )?;
        let mut ctx = SyncContext {
            store: &self.store,
            clock: self.clock.as_ref(),
            api: &api,
            device_key: &enrolled.device_key,
            device_id: enrolled.record.device_id,
            receipt_public_key: &enrolled.receipt_key,
            clock_offset_ms: enrolled.record.clock_offset_ms,
            clock_anchor: enrolled.record.clock_anchor,
            localizer: &self.localizer()?,
            send_media: self.connectivity() == Connectivity::Online,
        };
        let mut report = ctx.run(deadline, listener).await?;
        // Retention runs after deliveries, with the clock just corrected by
        // the server. A failure here takes nothing back from the sync (each
        // deletion is its own transaction); `None` says it did not run, and
        // the next sync or `apply_retention` runs it again.
        if !report.deadline_reached {
            report.retention = self.apply_retention().ok();
        }
        Ok(report)
    }

    /// The shell says the network is back: waiting check-ins become due
    /// now instead of at their backoff time.
    pub fn network_available(&self) -> Result<()> {
        self.set_connectivity(Connectivity::Online)
    }

    /// The shell reports the network as the OS sees it. Going offline stops
    /// syncs from trying (and draining the battery); coming back makes
    /// every waiting check-in due at once.
    pub fn set_connectivity(&self, now: Connectivity) -> Result<()> {
        let mut current = self.connectivity.lock().unwrap_or_else(|e| e.into_inner());
        *current = now;
        if now != Connectivity::Offline {
            self.store.reset_backoff()?;
        }
        if now == Connectivity::Online {
            // Deferred media may go now, and at once.
            self.store.reset_media_backoff()?;
        }
        Ok(())
    }

    pub fn connectivity(&self) -> Connectivity {
        *self.connectivity.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every submitted check-in, oldest first, with its state and receipt.
    pub fn outbox(&self) -> Result<Vec<OutboxItem>> {
        Ok(self.store.outbox()?)
    }

    /// Deferred media of submitted check-ins (docs/protocol.md, "Deferred
    /// media"), with its state and, once delivered, its media receipt.
    pub fn media_outbox(&self) -> Result<Vec<MediaItem>> {
        Ok(self.store.media_outbox()?)
    }

    /// Puts a wedged check-in, and its wedged deferred media, back in the
    /// queue.
    pub fn retry_wedged(&self, checkin_id: Uuid) -> Result<bool> {
        let record = self.store.requeue_wedged(checkin_id)?;
        let media = self.store.requeue_wedged_media(checkin_id)?;
        Ok(record || media)
    }

    /// The participant's ledger, after checking its hash chain.
    pub fn ledger(&self) -> Result<std::result::Result<Vec<LedgerEntry>, LedgerFault>> {
        Ok(ledger::verify(&self.store)?.map(|rows| rows.into_iter().map(|r| r.entry).collect()))
    }

    /// The verified ledger as JSON (docs/ledger.md): every entry's exact
    /// stored bytes, the hash chain, the program's key ids and receipt
    /// public key, so anyone can check it without this code. A broken
    /// chain is returned as the fault instead.
    pub fn export_ledger_json(&self) -> Result<std::result::Result<String, LedgerFault>> {
        let enrolled = self.enrolled()?;
        let rows = match ledger::verify(&self.store)? {
            Ok(rows) => rows,
            Err(fault) => return Ok(Err(fault)),
        };
        let json = crate::ledger_export::export(
            &rows,
            enrolled.record.device_id,
            &enrolled.record.program,
            self.now()?.corrected(),
        )
        .map_err(|e| crate::store::StoreError::Corrupt(e.to_string()))?;
        Ok(Ok(json))
    }

    /// The ledger as readable text in `lang` (e.g. `en`, `es`), for a
    /// participant to show a lawyer or a judge. A broken chain yields a
    /// text saying so, never a summary.
    pub fn ledger_summary(&self, lang: &str) -> Result<String> {
        let enrolled = self.enrolled()?;
        let l = Localizer::new(lang);
        Ok(match ledger::verify(&self.store)? {
            Ok(rows) => crate::ledger_export::summary(&rows, &enrolled.record.program, &l),
            Err(fault) => crate::ledger_export::fault_text(&fault, &l),
        })
    }

    /// "What this program collects", generated from the current policy,
    /// in `lang` (e.g. `en`, `es`), for the shell to show at enrollment and
    /// on demand.
    pub fn collection_statement(&self, lang: &str) -> Result<CollectionStatement> {
        Ok(crate::disclosure::statement(
            &self.policy()?,
            &Localizer::new(lang),
        ))
    }

    /// Records that the participant saw the statement for
    /// `policy_version` in `lang` and agreed. Refused (nothing recorded)
    /// unless `policy_version` is the current policy's version, so a
    /// consent always names what was actually shown.
    pub fn record_consent(
        &self,
        policy_version: u32,
        lang: &str,
    ) -> Result<std::result::Result<Consent, ConsentError>> {
        let statement = self.collection_statement(lang)?;
        if statement.policy_version != policy_version {
            return Ok(Err(ConsentError::NotCurrentPolicy {
                given: policy_version,
                current: statement.policy_version,
            }));
        }
        let now = self.now()?.corrected();
        let consent = Consent {
            policy_version,
            language: statement.language,
            text_sha256_hex: statement.text_sha256_hex,
            at: crate::protocol::wire_time::to_millis(now),
        };
        self.store.write(|tx| {
            let corrupt = |e: serde_json::Error| crate::store::StoreError::Corrupt(e.to_string());
            let mut all: Vec<Consent> = match self.store.document_on(tx, DocumentName::Consents)? {
                None => Vec::new(),
                Some(bytes) => serde_json::from_slice(&bytes).map_err(corrupt)?,
            };
            all.push(consent.clone());
            let bytes = serde_json::to_vec(&all).map_err(corrupt)?;
            self.store
                .put_document(tx, DocumentName::Consents, &bytes, now.timestamp_millis())?;
            self.store.append_ledger(
                tx,
                now,
                LedgerEvent::ConsentRecorded {
                    policy_version: consent.policy_version,
                    language: consent.language.clone(),
                    text_sha256_hex: consent.text_sha256_hex.clone(),
                },
            )?;
            Ok(())
        })?;
        Ok(Ok(consent))
    }

    /// Every consent recorded, oldest first.
    pub fn consents(&self) -> Result<Vec<Consent>> {
        match self.store.document(DocumentName::Consents)? {
            None => Ok(Vec::new()),
            Some(bytes) => Ok(serde_json::from_slice(&bytes)
                .map_err(|e| crate::store::StoreError::Corrupt(e.to_string()))?),
        }
    }

    /// Whether the current policy is still waiting for the participant's
    /// consent: the shell shows the statement before the next capture.
    pub fn consent_needed(&self) -> Result<bool> {
        let version = self.policy()?.version;
        Ok(!self.consents()?.iter().any(|c| c.policy_version == version))
    }

    /// The policy version enrolled under (read from the ledger for a
    /// device enrolled before it was stored apart).
    fn enrolled_policy_version(&self) -> Result<Option<u32>> {
        if let Some(bytes) = self.store.document(DocumentName::EnrolledPolicyVersion)? {
            return Ok(std::str::from_utf8(&bytes)
                .ok()
                .and_then(|t| t.parse().ok()));
        }
        let (rows, _) = self.store.ledger_rows()?;
        Ok(rows
            .into_iter()
            .find_map(|(_, row)| match row.ok()?.entry.event {
                LedgerEvent::PolicyReceived { version } => Some(version),
                _ => None,
            }))
    }

    /// The policy a capture is taken under, and the gate in front of it:
    /// refused while a policy that arrived after enrollment has no consent,
    /// so the participant sees a changed statement before anything is
    /// collected under it. The policy enrolled under does not block (the
    /// program shows its statement at enrollment, and a shell without a
    /// consent screen must not stop a participant's check-ins). `draft`
    /// records which policy its evidence is taken under
    /// ([`Draft::take_under`]).
    fn policy_for_capture(&self, draft: Option<&mut Draft>) -> Result<Policy> {
        let policy = self.policy()?;
        let version = policy.version;
        let consented = self.consents()?.iter().any(|c| c.policy_version == version);
        if !consented && self.enrolled_policy_version()? != Some(version) {
            return Err(Error::ConsentRequired {
                policy_version: version,
            });
        }
        if let Some(draft) = draft {
            draft.take_under(version)?;
        }
        Ok(policy)
    }

    /// The ledger's entries after checking its chain, or the fault.
    fn verified_ledger(&self) -> Result<Vec<LedgerEntry>> {
        match ledger::verify(&self.store)? {
            Ok(rows) => Ok(rows.into_iter().map(|r| r.entry).collect()),
            Err(fault) => Err(Error::LedgerBroken(fault)),
        }
    }

    /// Applies the policy's `retention.device_days` (core/src/retention.rs):
    /// deletes delivered check-ins captured longer ago than that (only once
    /// the ledger holds their verified receipt) and drafts never submitted,
    /// each with a `retention_deleted` ledger entry in the same
    /// transaction. Check-ins not yet delivered are never touched. Runs at
    /// the end of every sync; the shell may also call it (e.g. at start).
    /// A broken ledger gives [`Error::LedgerBroken`] and deletes nothing.
    pub fn apply_retention(&self) -> Result<crate::retention::RetentionReport> {
        use crate::compliance::Outcome;
        use crate::retention::RetentionReport;
        use std::collections::HashSet;

        let enrolled = self.enrolled()?;
        let device_days = self.policy()?.retention.device_days;
        let now = self.now()?.corrected();
        let mut selection = crate::retention::select(
            device_days,
            self.plan()?.as_ref(),
            &self.store.outbox()?,
            &self.store.draft_starts()?,
            now,
        );
        if selection.deletions.is_empty() {
            // The usual case: the ledger need not be read.
            return Ok(RetentionReport::default());
        }
        // The ledger is the only copy left after a deletion: nothing goes
        // unless it verifies and holds the check-in's verified receipt.
        let due: HashSet<Uuid> = selection.delivered().collect();
        let proven: HashSet<Uuid> = crate::compliance::history(&self.verified_ledger()?, &[])
            .into_iter()
            .filter(|c| due.contains(&c.summary.checkin_id))
            .filter_map(|c| match &c.outcome {
                Outcome::Delivered(r) => {
                    crate::compliance::verified_receipt(&c.summary, r, &enrolled.receipt_key)
                        .map(|_| c.summary.checkin_id)
                }
                _ => None,
            })
            .collect();
        selection.require_proof(&proven);
        let mut report = RetentionReport {
            kept_without_proof: selection.kept_without_proof,
            ..RetentionReport::default()
        };
        let (checkins, drafts) =
            crate::retention::delete(&self.store, &selection.deletions, now, device_days)?;
        report.checkins_deleted = checkins;
        report.drafts_deleted = drafts;
        if report.checkins_deleted + report.drafts_deleted > 0 {
            self.store.checkpoint_truncate()?;
        }
        Ok(report)
    }

    /// Proof of compliance for windows opening in `[from, to)`: each
    /// window with the check-in that satisfied it and its re-verified
    /// receipt, or why there is none (not yet sent, wedged, not taken).
    /// Read from the ledger, so retention does not change it; a ledger
    /// whose chain is broken gives [`Error::LedgerBroken`].
    pub fn compliance_report(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<crate::compliance::WindowCompliance>> {
        let enrolled = self.enrolled()?;
        let Some(plan) = self.plan()? else {
            return Ok(Vec::new());
        };
        let checkins = crate::compliance::history(&self.verified_ledger()?, &self.store.outbox()?);
        Ok(crate::compliance::report(
            &plan,
            &checkins,
            &enrolled.receipt_key,
            from,
            to,
            &self.now()?,
        )?)
    }

    /// The offline check-in code for a submitted check-in, for the
    /// participant to read out or text when no network is available; the
    /// program verifies it once the envelope arrives. `None` for an
    /// unknown check-in (or one retention deleted from the device).
    pub fn offline_code(&self, checkin_id: Uuid) -> Result<Option<String>> {
        let Some(item) = self.store.outbox_item(checkin_id)? else {
            return Ok(None);
        };
        let digest: [u8; 32] = hex::decode(&item.summary.envelope_sha256_hex)
            .ok()
            .and_then(|d| d.try_into().ok())
            .ok_or_else(|| crate::store::StoreError::Corrupt("envelope digest".into()))?;
        Ok(Some(crate::offline_code::code(&digest)))
    }

    /// The corrected current time (device clock plus the server offset).
    pub fn corrected_now(&self) -> Result<DateTime<Utc>> {
        Ok(self.now()?.corrected())
    }
}
