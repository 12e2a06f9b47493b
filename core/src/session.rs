//! What every flow of the client works with: the store, the true clock,
//! the client's configuration, and what the client read from the store
//! once and keeps until it changes.
//!
//! The enrollment (keys decoded), the policy, the plan (compiled), the
//! consents and the enrolled policy version are decrypted and parsed once,
//! then served from memory. Each read first asks the store for its state
//! revision (one small query, moved by triggers whenever the enrollment or
//! a program document changes, even from another process) and reloads only
//! when it moved. So a capture call no longer decrypts four documents.

use std::sync::{Arc, Mutex};

use base64::Engine as _;

use crate::clock::{ClockEstimate, ClockState, TrueClock};
use crate::config::{ClientConfig, Preferences};
use crate::crypto::{self, keystore::KeyStore, signing::DeviceKey};
use crate::error::{Error, Result};
use crate::i18n::Localizer;
use crate::plan::{CompletedCheckin, Plan};
use crate::policy::{Policy, PolicyRef};
use crate::protocol::ProtocolError;
use crate::ledger::LedgerEvent;
use crate::store::{DocumentName, EnrollmentRecord, OutboxState, RecordLoss, Store, StoreError};

/// The folder, inside the data directory, proof exports are written to for
/// the OS share sheet (in the clear: the participant is sharing them).
pub(crate) const EXPORT_DIR: &str = "exports";

/// The enrolled device's keys, decoded once.
pub(crate) struct Enrolled {
    pub record: EnrollmentRecord,
    pub device_key: DeviceKey,
    pub program_key: [u8; 32],
    pub receipt_key: Vec<u8>,
}

/// One document as loaded: its value, or why it could not be used (kept
/// apart, so a damaged plan does not stop the policy from being read).
type Loaded<T> = std::result::Result<T, String>;

/// Everything read from the store at one state revision.
struct Snapshot {
    rev: i64,
    enrolled: Loaded<Option<Arc<Enrolled>>>,
    policy: Loaded<Arc<Policy>>,
    /// The stored policy's version and digest.
    policy_ref: PolicyRef,
    plan: Loaded<Option<Arc<Plan>>>,
    /// The consents document as stored (JSON); `crate::disclosure` reads it.
    consents: Option<Arc<Vec<u8>>>,
    /// The policy in force at enrollment.
    enrolled_policy: Option<PolicyRef>,
    preferences: Arc<Preferences>,
    /// Messages in the participant's language, parsed once.
    localizer: Arc<Localizer>,
}

/// A document that could not be used, as the caller sees it.
fn unusable<T: Clone>(what: &str, loaded: &Loaded<T>) -> Result<T> {
    loaded
        .clone()
        .map_err(|why| StoreError::Corrupt(format!("{what}: {why}")).into())
}

pub(crate) struct Session {
    pub store: Store,
    pub clock: TrueClock,
    pub config: ClientConfig,
    snapshot: Mutex<Option<Arc<Snapshot>>>,
    /// The client to the enrolled server, for the server URL and pins it
    /// was made for.
    api: Mutex<Option<(String, Vec<String>, crate::net::http::Api)>>,
    /// The directory as imported and the participant's search: memory only.
    pub directory: crate::directory::Memory,
}

impl Session {
    pub fn open(
        config: ClientConfig,
        key_store: &dyn KeyStore,
        clock: Arc<dyn crate::clock::Clock>,
    ) -> Result<Self> {
        let store = Store::open(&config.data_dir, key_store)?;
        Self::over(store, config, clock)
    }

    /// Opens the store after the platform key was lost
    /// (`store::key_loss`): what waits to be delivered is kept for the next
    /// enrollment to deliver; everything else sealed under the lost key is
    /// gone. The new ledger opens with the loss and, for each check-in
    /// kept, its description as rebuilt from its envelope.
    pub fn open_after_key_loss(
        config: ClientConfig,
        key_store: &dyn KeyStore,
        clock: Arc<dyn crate::clock::Clock>,
    ) -> Result<Self> {
        // The server's clock offset went with the enrollment.
        let at = clock.now();
        let record: RecordLoss<'_> = &|store, tx, loss| {
            crate::ledger::append(
                store,
                tx,
                at,
                LedgerEvent::StorageKeyLost {
                    previous_device_id: loss.previous_device_id,
                    recovered: loss.recovered.iter().map(|s| s.checkin_id).collect(),
                    media_recovered: loss.media_recovered,
                    lost: loss.lost,
                },
            )?;
            for summary in &loss.recovered {
                crate::ledger::append(
                    store,
                    tx,
                    at,
                    LedgerEvent::CheckinSubmitted {
                        summary: summary.clone(),
                    },
                )?;
            }
            Ok(())
        };
        let (store, _) = Store::open_after_key_loss(&config.data_dir, key_store, at, record)?;
        Self::over(store, config, clock)
    }

    fn over(store: Store, config: ClientConfig, clock: Arc<dyn crate::clock::Clock>) -> Result<Self> {
        // A proof export is written in the clear for the share sheet; it
        // does not outlive the app's run that made it.
        let exports = config.data_dir.join(EXPORT_DIR);
        if exports.exists() {
            std::fs::remove_dir_all(&exports)
                .map_err(|e| StoreError::Corrupt(format!("cannot remove old exports: {}", e.kind())))?;
        }
        let state = match store.enrollment()? {
            Some(e) => ClockState {
                offset_ms: e.clock_offset_ms,
                anchor: e.clock_anchor,
            },
            None => ClockState::default(),
        };
        Ok(Self {
            store,
            clock: TrueClock::new(clock, state),
            config,
            snapshot: Mutex::new(None),
            api: Mutex::new(None),
            directory: crate::directory::Memory::default(),
        })
    }

    /// The HTTP client to the enrolled program server, kept while the
    /// server URL and pins stay the same.
    pub fn api(&self, enrolled: &Enrolled) -> Result<crate::net::http::Api> {
        let (url, pins) = (&enrolled.record.server_url, &enrolled.record.tls_pins);
        let mut kept = self.api.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((u, p, api)) = kept.as_ref()
            && u == url
            && p == pins
        {
            return Ok(api.clone());
        }
        let api = crate::net::http::Api::new(url, pins.clone())?;
        *kept = Some((url.clone(), pins.clone(), api.clone()));
        Ok(api)
    }

    /// The best estimate of the current time.
    pub fn now(&self) -> ClockEstimate {
        self.clock.now()
    }

    /// The timestamp for a request signature: the server's clock as last
    /// seen (`TrueClock::server_now`), in milliseconds.
    pub fn server_now_ms(&self) -> i64 {
        self.clock.server_now().corrected().timestamp_millis()
    }

    /// Records a server time seen just now; stores the correction when it
    /// is worth a write. A server time further from the anchored clock than
    /// one step moves it one step only, and is written to the ledger with
    /// the stored correction, in one transaction.
    pub fn observe_server_time(&self, server_time: chrono::DateTime<chrono::Utc>) -> Result<()> {
        let seen = self.clock.observe(server_time);
        let (Some(state), jump) = (seen.store, seen.jump) else {
            return Ok(());
        };
        let Some(jump) = jump else {
            self.store.set_clock(state.offset_ms, state.anchor)?;
            return Ok(());
        };
        let at = self.now().corrected();
        let store = &self.store;
        store.write(|tx| {
            store.set_clock_in(tx, state.offset_ms, state.anchor)?;
            crate::ledger::append(
                store,
                tx,
                at,
                crate::ledger::LedgerEvent::ClockJumped {
                    seen_ms: jump.seen_ms,
                    applied_ms: jump.applied_ms,
                },
            )
        })?;
        Ok(())
    }

    fn snapshot(&self) -> Result<Arc<Snapshot>> {
        let rev = self.store.state_rev()?;
        let mut cached = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = cached.as_ref().filter(|s| s.rev == rev) {
            return Ok(s.clone());
        }
        let fresh = Arc::new(self.load(rev)?);
        *cached = Some(fresh.clone());
        Ok(fresh)
    }

    /// Reads everything the snapshot holds; `rev` was read first, so a
    /// change made meanwhile moves the revision past it and is read again.
    fn load(&self, rev: i64) -> Result<Snapshot> {
        let enrolled = match self.store.enrollment()? {
            None => Ok(None),
            Some(record) => decode(record)
                .map(|e| Some(Arc::new(e)))
                .map_err(|e| e.to_string()),
        };
        let (policy, policy_ref) = match self.store.document(DocumentName::Policy)? {
            Some(bytes) => {
                let policy = Policy::from_json(&bytes).map_err(|e| e.to_string());
                let version = policy.as_ref().map_or(0, |p| p.version);
                (policy, PolicyRef::of(version, &bytes))
            }
            None => (
                Ok(Policy::default()),
                PolicyRef {
                    version: Policy::default().version,
                    sha256_hex: None,
                },
            ),
        };
        let plan = match self.store.document(DocumentName::Plan)? {
            Some(bytes) => Plan::from_json(&bytes)
                .map(|p| Some(Arc::new(p)))
                .map_err(|e| e.to_string()),
            None => Ok(None),
        };
        let consents = self.store.document(DocumentName::Consents)?.map(Arc::new);
        let enrolled_policy = match self.store.document(DocumentName::EnrolledPolicy)? {
            Some(bytes) => enrolled_policy(&bytes),
            // A device enrolled before the policy was named apart.
            None => crate::ledger::first_policy(&self.store)?,
        };
        let preferences: Preferences = match self.store.document(DocumentName::Preferences)? {
            // Damaged preferences fall back to the defaults: they hold
            // nothing a check-in depends on.
            Some(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            None => Preferences::default(),
        };
        let language = match (&preferences.language, &plan) {
            (Some(chosen), _) => chosen.clone(),
            _ if !self.config.locale.is_empty() => self.config.locale.clone(),
            (None, Ok(Some(plan))) => plan.language().to_string(),
            _ => crate::i18n::FALLBACK_LANGUAGE.to_string(),
        };
        Ok(Snapshot {
            rev,
            enrolled,
            policy: policy.map(Arc::new),
            policy_ref,
            plan,
            consents,
            enrolled_policy,
            preferences: Arc::new(preferences),
            localizer: Arc::new(Localizer::new(&language)),
        })
    }

    /// The enrollment, or [`Error::NotEnrolled`].
    pub fn enrolled(&self) -> Result<Arc<Enrolled>> {
        unusable("enrollment", &self.snapshot()?.enrolled)?.ok_or(Error::NotEnrolled)
    }

    pub fn is_enrolled(&self) -> Result<bool> {
        Ok(!matches!(self.snapshot()?.enrolled, Ok(None)))
    }

    /// The program's current policy (the default before enrollment).
    pub fn policy(&self) -> Result<Arc<Policy>> {
        unusable("policy", &self.snapshot()?.policy)
    }

    /// The plan as last received, if any.
    pub fn plan(&self) -> Result<Option<Arc<Plan>>> {
        unusable("plan", &self.snapshot()?.plan)
    }

    /// The consents document (JSON), as `crate::disclosure` stored it.
    pub fn consents_document(&self) -> Result<Option<Arc<Vec<u8>>>> {
        Ok(self.snapshot()?.consents.clone())
    }

    /// The stored policy's version and digest (the digest is `None`
    /// before a policy is stored).
    pub fn policy_ref(&self) -> Result<PolicyRef> {
        Ok(self.snapshot()?.policy_ref.clone())
    }

    /// The policy in force at enrollment.
    pub fn enrolled_policy(&self) -> Result<Option<PolicyRef>> {
        Ok(self.snapshot()?.enrolled_policy.clone())
    }

    /// Check-ins made for scheduled windows (all but those the server
    /// refused for good), as the plan logic needs them.
    pub fn completed(&self) -> Result<Vec<CompletedCheckin>> {
        Ok(self
            .store
            .outbox()?
            .into_iter()
            .filter(|i| i.state != OutboxState::Wedged)
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

    /// The participant's language: their own choice, else the shell's,
    /// else the plan's; its messages parsed once per change.
    pub fn localizer(&self) -> Result<Arc<Localizer>> {
        Ok(self.snapshot()?.localizer.clone())
    }

    /// The participant's own choices on this phone.
    pub fn preferences(&self) -> Result<Arc<Preferences>> {
        Ok(self.snapshot()?.preferences.clone())
    }
}

/// The enrolled policy as stored: `{"version", "sha256_hex"}`, or the bare
/// version number an earlier version of the core wrote.
fn enrolled_policy(bytes: &[u8]) -> Option<PolicyRef> {
    match serde_json::from_slice(bytes).ok()? {
        serde_json::Value::Number(n) => Some(PolicyRef {
            version: u32::try_from(n.as_u64()?).ok()?,
            sha256_hex: None,
        }),
        other => serde_json::from_value(other).ok(),
    }
}

/// Decodes a program key given as base64, checking its length and id.
pub(crate) fn decode_key(b64: &str, expected_id: &str) -> Result<Vec<u8>> {
    let key = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|_| ProtocolError::malformed("program key", "bad base64"))?;
    if key.len() != 32 {
        return Err(ProtocolError::malformed("program key", "wrong length").into());
    }
    if crypto::key_id(&key) != expected_id {
        return Err(ProtocolError::malformed("program key", "key id does not match the key").into());
    }
    Ok(key)
}

fn decode(record: EnrollmentRecord) -> Result<Enrolled> {
    let device_key = DeviceKey::from_pkcs8(&record.device_key_pkcs8)?;
    let program_key: [u8; 32] = decode_key(
        &record.program.encryption_public_key,
        &record.program.encryption_key_id,
    )?
    .try_into()
    .map_err(|_| ProtocolError::malformed("program key", "wrong length"))?;
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
