//! `CheckinClient`: the one object a shell talks to, a thin handle on the
//! core's `CheckinClient`. Each method converts its arguments, calls the
//! core, and converts the result; work that can take long (network, image
//! processing, sealing) is `suspend` in Kotlin and `async` in Swift and runs
//! on the facade's runtime.

use std::io::Read;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use checkin_core::clock::SystemClock;
use checkin_core::sync::SyncListener as CoreSyncListener;

use crate::key_store::ForeignKeyStore;
use crate::listener::ForeignSyncListener;
use crate::types::parse_id;
use crate::{
    Cancellation, CheckinError, CheckinSummary, ClientConfig, CollectionStatement, Due,
    EnrollmentSummary, KeyStore, LedgerEntry, Notification, OutboxItem, PhotoQuality, Policy,
    RetentionReport, SyncListener, SyncReport, VoiceQuality, runtime,
};

/// The check-in core for one participant on one device.
///
/// Open one per data directory and keep it for the app's life; close it
/// (Kotlin `close()`/`use {}`, Swift: drop the last reference) when done.
#[derive(uniffi::Object)]
pub struct CheckinClient {
    inner: Arc<checkin_core::CheckinClient>,
}

#[uniffi::export]
impl CheckinClient {
    /// Opens (or creates) the client's encrypted store in `config.data_dir`;
    /// `key_store` wraps the storage key (asked once, here).
    #[uniffi::constructor]
    pub fn open(
        config: ClientConfig,
        key_store: Arc<dyn KeyStore>,
    ) -> Result<Arc<Self>, CheckinError> {
        let inner = checkin_core::CheckinClient::open(
            config.into(),
            &ForeignKeyStore(key_store),
            Arc::new(SystemClock),
        )?;
        Ok(Arc::new(Self {
            inner: Arc::new(inner),
        }))
    }

    /// Whether this device has enrolled with a program.
    pub fn is_enrolled(&self) -> Result<bool, CheckinError> {
        Ok(self.inner.is_enrolled()?)
    }

    /// Enrolls this device with the program at `server_url` (https; plain
    /// http only to loopback) using the participant's one-time code; pins
    /// the program's keys, and over https the server's TLS key seen now.
    pub async fn enroll(
        &self,
        server_url: String,
        code: String,
    ) -> Result<EnrollmentSummary, CheckinError> {
        let inner = self.inner.clone();
        runtime::run(async move { Ok(inner.enroll(&server_url, &code).await?.into()) }).await
    }

    /// As `enroll`, with the TLS key pins the program hands out (base64
    /// SHA-256 of the server key's SubjectPublicKeyInfo).
    pub async fn enroll_with_pins(
        &self,
        server_url: String,
        code: String,
        tls_pins: Vec<String>,
    ) -> Result<EnrollmentSummary, CheckinError> {
        let inner = self.inner.clone();
        runtime::run(async move {
            Ok(inner
                .enroll_with_pins(&server_url, &code, tls_pins)
                .await?
                .into())
        })
        .await
    }

    /// The current or next check-in window and its state, or none before
    /// enrollment.
    pub fn due(&self) -> Result<Option<Due>, CheckinError> {
        Ok(self.inner.due()?.map(Into::into))
    }

    /// The notifications the phone should hold right now, soonest first,
    /// at most `max` (on iOS: 64 minus the app's own). Reconcile by id.
    pub fn notifications(&self, max: u32) -> Result<Vec<Notification>, CheckinError> {
        Ok(self
            .inner
            .notifications(max as usize)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// When the shell should next run background work (sync, refill the
    /// notifications), as milliseconds since the epoch.
    pub fn next_wakeup_ms(&self, max: u32) -> Result<Option<i64>, CheckinError> {
        Ok(self
            .inner
            .next_wakeup(max as usize)?
            .map(|t| t.timestamp_millis()))
    }

    /// The program's current policy (the default before enrollment).
    pub fn policy(&self) -> Result<Policy, CheckinError> {
        Ok(self.inner.policy()?.into())
    }

    /// The plan as last received from the program, as JSON text
    /// (format: docs/plan.md).
    pub fn plan_json(&self) -> Result<Option<String>, CheckinError> {
        Ok(self
            .inner
            .plan()?
            .map(|plan| String::from_utf8_lossy(&plan.to_json()).into_owned()))
    }

    /// Starts a check-in for the plan's window `window_id` (from `due()` or
    /// a notification's link), or an unscheduled one with `null`/`nil`.
    /// Returns its id. The draft survives the app being killed.
    pub fn start_checkin(&self, window_id: Option<String>) -> Result<String, CheckinError> {
        Ok(self.inner.start_checkin(window_id.as_deref())?.to_string())
    }

    /// Processes a camera photo (JPEG bytes) under the policy and attaches
    /// it to check-in `checkin_id`, replacing any earlier one.
    pub async fn attach_photo(
        &self,
        checkin_id: String,
        jpeg: Vec<u8>,
    ) -> Result<PhotoQuality, CheckinError> {
        let inner = self.inner.clone();
        let id = parse_id(&checkin_id)?;
        runtime::run_blocking(move || Ok(inner.attach_photo(id, &jpeg)?.into())).await
    }

    /// As `attach_photo`, reading the photo from the file at `path` (e.g. the
    /// camera's output file), so the bytes never cross the boundary.
    pub async fn attach_photo_file(
        &self,
        checkin_id: String,
        path: String,
    ) -> Result<PhotoQuality, CheckinError> {
        let inner = self.inner.clone();
        let id = parse_id(&checkin_id)?;
        runtime::run_blocking(move || {
            // Read at most one byte over the policy's limit: the core then
            // refuses an oversized file as it would oversized bytes.
            let limit = inner.policy()?.photo_policy().max_input_bytes;
            let mut jpeg = Vec::new();
            std::fs::File::open(&path)
                .and_then(|file| file.take(limit.saturating_add(1)).read_to_end(&mut jpeg))
                .map_err(|e| CheckinError::InvalidInput {
                    reason: format!("cannot read the photo file: {}", e.kind()),
                })?;
            Ok(inner.attach_photo(id, &jpeg)?.into())
        })
        .await
    }

    /// Processes a voice recording (WAV bytes) under the policy and attaches
    /// it to check-in `checkin_id`, replacing any earlier one.
    pub async fn attach_voice(
        &self,
        checkin_id: String,
        wav: Vec<u8>,
    ) -> Result<VoiceQuality, CheckinError> {
        let inner = self.inner.clone();
        let id = parse_id(&checkin_id)?;
        runtime::run_blocking(move || Ok(inner.attach_voice(id, &wav)?.into())).await
    }

    /// As `attach_voice`, reading the recording from the file at `path`.
    pub async fn attach_voice_file(
        &self,
        checkin_id: String,
        path: String,
    ) -> Result<VoiceQuality, CheckinError> {
        let inner = self.inner.clone();
        let id = parse_id(&checkin_id)?;
        runtime::run_blocking(move || {
            let limit = inner.policy()?.voice_policy().max_input_bytes;
            let mut wav = Vec::new();
            std::fs::File::open(&path)
                .and_then(|file| file.take(limit.saturating_add(1)).read_to_end(&mut wav))
                .map_err(|e| CheckinError::InvalidInput {
                    reason: format!("cannot read the recording file: {}", e.kind()),
                })?;
            Ok(inner.attach_voice(id, &wav)?.into())
        })
        .await
    }

    /// Abandons a check-in in progress; nothing of it is kept.
    pub fn discard_checkin(&self, checkin_id: String) -> Result<(), CheckinError> {
        Ok(self.inner.discard_checkin(parse_id(&checkin_id)?)?)
    }

    /// Seals the check-in to the program, signs it and queues it with its
    /// ledger entry. From here it is never lost; `sync` delivers it.
    pub async fn submit(&self, checkin_id: String) -> Result<CheckinSummary, CheckinError> {
        let inner = self.inner.clone();
        let id = parse_id(&checkin_id)?;
        runtime::run_blocking(move || Ok(inner.submit(id)?.into())).await
    }

    /// Sends queued check-ins until done or for at most `max_seconds` (fit it
    /// to the OS's background window), telling `listener` as it goes.
    /// Cancel it with `cancellation`, or in Kotlin by cancelling the
    /// coroutine; a cancelled sync leaves every check-in whole and queued.
    pub async fn sync(
        &self,
        max_seconds: u32,
        listener: Option<Arc<dyn SyncListener>>,
        cancellation: Option<Arc<Cancellation>>,
    ) -> Result<SyncReport, CheckinError> {
        let inner = self.inner.clone();
        runtime::run(async move {
            let deadline =
                tokio::time::Instant::now() + Duration::from_secs(u64::from(max_seconds));
            let listener = listener.map(ForeignSyncListener);
            let listener = listener.as_ref().map(|l| l as &dyn CoreSyncListener);
            let sync = inner.sync(deadline, listener);
            let report = match cancellation {
                Some(cancellation) => tokio::select! {
                    biased;
                    _ = cancellation.cancelled() => return Err(CheckinError::Cancelled),
                    report = sync => report,
                },
                None => sync.await,
            };
            Ok(report?.into())
        })
        .await
    }

    /// The network is back: waiting check-ins become due now.
    pub fn network_available(&self) -> Result<(), CheckinError> {
        Ok(self.inner.network_available()?)
    }

    /// Every submitted check-in, oldest first, with its state and receipt.
    pub fn outbox(&self) -> Result<Vec<OutboxItem>, CheckinError> {
        Ok(self.inner.outbox()?.into_iter().map(Into::into).collect())
    }

    /// Puts a wedged check-in back in the queue; false if it was not wedged.
    pub fn retry_wedged(&self, checkin_id: String) -> Result<bool, CheckinError> {
        Ok(self.inner.retry_wedged(parse_id(&checkin_id)?)?)
    }

    /// The participant's ledger, oldest first, after checking its hash chain.
    pub fn ledger(&self) -> Result<Vec<LedgerEntry>, CheckinError> {
        match self.inner.ledger()? {
            Ok(entries) => Ok(entries.into_iter().map(Into::into).collect()),
            Err(fault) => Err(CheckinError::LedgerBroken {
                reason: fault.to_string(),
            }),
        }
    }

    /// "What this program collects" under the current policy, in `lang`
    /// (e.g. `en`, `es`): show it at enrollment and after a policy change.
    pub fn collection_statement(&self, lang: String) -> Result<CollectionStatement, CheckinError> {
        Ok(self.inner.collection_statement(&lang)?.into())
    }

    /// Records that the participant saw the statement for `policy_version`
    /// in `lang` and agreed; refused unless it is the current version.
    pub fn record_consent(&self, policy_version: u32, lang: String) -> Result<(), CheckinError> {
        match self.inner.record_consent(policy_version, &lang)? {
            Ok(_) => Ok(()),
            Err(e) => Err(CheckinError::InvalidInput {
                reason: e.to_string(),
            }),
        }
    }

    /// Whether the current policy waits for the participant's consent.
    /// Captures are refused (`ConsentRequired`) while a policy changed
    /// since enrollment waits.
    pub fn consent_needed(&self) -> Result<bool, CheckinError> {
        Ok(self.inner.consent_needed()?)
    }

    /// Deletes from the device what the policy's retention lets go
    /// (delivered check-ins past `device_days`, old drafts), with ledger
    /// entries; check-ins not yet delivered are never touched. `sync` runs
    /// it too.
    pub fn apply_retention(&self) -> Result<RetentionReport, CheckinError> {
        Ok(self.inner.apply_retention()?.into())
    }

    /// The best estimate of the current time (device clock corrected by the
    /// server's), the time the core judges windows by.
    pub fn corrected_now(&self) -> Result<SystemTime, CheckinError> {
        Ok(self.inner.corrected_now()?.into())
    }
}
