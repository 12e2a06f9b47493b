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
use crate::policy::Policy;
use crate::protocol::ProtocolError;
use crate::store::{DocumentName, EnrollmentRecord, OutboxState, Store, StoreError};

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
    plan: Loaded<Option<Arc<Plan>>>,
    /// The consents document as stored (JSON); `crate::disclosure` reads it.
    consents: Option<Arc<Vec<u8>>>,
    /// The policy version in force at enrollment.
    enrolled_policy_version: Option<u32>,
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
}

impl Session {
    pub fn open(
        config: ClientConfig,
        key_store: &dyn KeyStore,
        clock: Arc<dyn crate::clock::Clock>,
    ) -> Result<Self> {
        let store = Store::open(&config.data_dir, key_store)?;
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

    /// Records a server time seen just now; stores the correction when it
    /// is worth a write.
    pub fn observe_server_time(&self, server_time: chrono::DateTime<chrono::Utc>) -> Result<()> {
        if let Some(state) = self.clock.observe(server_time) {
            self.store.set_clock(state.offset_ms, state.anchor)?;
        }
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
        let policy = match self.store.document(DocumentName::Policy)? {
            Some(bytes) => Policy::from_json(&bytes).map_err(|e| e.to_string()),
            None => Ok(Policy::default()),
        };
        let plan = match self.store.document(DocumentName::Plan)? {
            Some(bytes) => Plan::from_json(&bytes)
                .map(|p| Some(Arc::new(p)))
                .map_err(|e| e.to_string()),
            None => Ok(None),
        };
        let consents = self.store.document(DocumentName::Consents)?.map(Arc::new);
        let enrolled_policy_version = match self.store.document(DocumentName::EnrolledPolicyVersion)?
        {
            Some(bytes) => std::str::from_utf8(&bytes).ok().and_then(|t| t.parse().ok()),
            // A device enrolled before the version was stored apart.
            None => crate::ledger::first_policy_version(&self.store)?,
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
            plan,
            consents,
            enrolled_policy_version,
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

    pub fn enrolled_policy_version(&self) -> Result<Option<u32>> {
        Ok(self.snapshot()?.enrolled_policy_version)
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
