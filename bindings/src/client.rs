//! `CheckinClient`: the one object a shell talks to, a thin handle on the
//! core's `CheckinClient`. Each method converts its arguments, calls the
//! core, and converts the result; work that can take long (network, image
//! processing, sealing) is `suspend` in Kotlin and `async` in Swift and runs
//! on the facade's runtime.

use std::io::Read;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use checkin_core::SyncListener as CoreSyncListener;
use checkin_core::SystemClock;

use crate::key_store::ForeignKeyStore;
use crate::listener::ForeignSyncListener;
use crate::types::{parse_id, utc};
use checkin_core::{
    ActionKind, CaptureResult, FieldValue, NotificationChannel, Route, Screen, ShellContext,
    ShellWords,
};

use crate::{
    Cancellation, CheckinError, CheckinSummary, ClientConfig, CollectionStatement, Connectivity,
    Consent, Due, EnrollmentSummary, KeyStore, LedgerEntry, LocationFix, MediaOutboxItem,
    Notification, OutboxItem, PhotoQuality, Policy, RetentionReport, SentLocation, SyncListener,
    SyncReport, VoiceQuality, WindowCompliance, runtime,
};

/// The check-in core for one participant on one device.
///
/// Open one per data directory and keep it for the app's life; close it
/// (Kotlin `close()`/`use {}`, Swift: drop the last reference) when done.
#[derive(uniffi::Object)]
pub struct CheckinClient {
    pub(crate) inner: Arc<checkin_core::CheckinClient>,
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

    /// Opens the client when `open` failed with `KeyStore` because the
    /// platform key is gone (a phone restored from a backup, an invalidated
    /// Android Keystore key, a Keychain item that did not migrate): every
    /// check-in still waiting is kept, whole, under a new storage key, and
    /// everything else the lost key protected is deleted. The client is
    /// then not enrolled; once the participant enrolls again, the kept
    /// check-ins are delivered. If the key works after all, the store opens
    /// as usual and nothing is deleted; a key store that is only
    /// unavailable (a locked phone) throws `KeyStore` and touches nothing.
    #[uniffi::constructor]
    pub fn open_after_key_loss(
        config: ClientConfig,
        key_store: Arc<dyn KeyStore>,
    ) -> Result<Arc<Self>, CheckinError> {
        let inner = checkin_core::CheckinClient::open_after_key_loss(
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

    /// Applies the program's policy to one location fix, taken now for
    /// check-in `checkin_id`, and attaches the result, replacing any earlier
    /// one. Only the reduced value is kept: the fix as given (`precise`),
    /// the centre of its grid cell (`coarse`), or only whether it lies in
    /// the approved area (`area`). Returns exactly what will be sent.
    ///
    /// Throws `InvalidLocation` for a fix that is not a valid position and
    /// `LocationNotCollected` when the policy takes no location; either way
    /// the check-in is left as it was. There is no background or periodic
    /// location: call this once, while the check-in is open.
    pub fn attach_location(
        &self,
        checkin_id: String,
        fix: LocationFix,
    ) -> Result<SentLocation, CheckinError> {
        let id = parse_id(&checkin_id)?;
        let fix = fix.into_core()?;
        Ok(self.inner.attach_location(id, &fix)?.into())
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

    /// Tells the library what the OS says about the network. `Offline`
    /// stops syncs from trying (and draining the battery); `Online` or
    /// `Metered` makes every waiting check-in due at once, as
    /// `network_available` does. Deferred media (policy
    /// `media.defer_on_metered_above_bytes`) goes only while `Online`, which
    /// also makes it due at once; on `Metered` it waits, sealed.
    pub fn set_connectivity(&self, connectivity: Connectivity) -> Result<(), CheckinError> {
        Ok(self.inner.set_connectivity(connectivity.into())?)
    }

    /// What the shell last said about the network (`Online` until told
    /// otherwise).
    pub fn connectivity(&self) -> Connectivity {
        self.inner.connectivity().into()
    }

    /// Every submitted check-in, oldest first, with its state and receipt.
    pub fn outbox(&self) -> Result<Vec<OutboxItem>, CheckinError> {
        Ok(self.inner.outbox()?.into_iter().map(Into::into).collect())
    }

    /// Every check-in's deferred media, in check-in order, with its state
    /// and, once delivered, the program's media receipt. Empty when no
    /// check-in was split (the policy defers nothing, or no part was over
    /// its limit).
    pub fn media_outbox(&self) -> Result<Vec<MediaOutboxItem>, CheckinError> {
        Ok(self
            .inner
            .media_outbox()?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Puts a wedged check-in, and its wedged deferred media, back in the
    /// queue; false if neither was wedged.
    pub fn retry_wedged(&self, checkin_id: String) -> Result<bool, CheckinError> {
        Ok(self.inner.retry_wedged(parse_id(&checkin_id)?)?)
    }

    /// The participant's ledger, oldest first, after checking its hash chain.
    pub fn ledger(&self) -> Result<Vec<LedgerEntry>, CheckinError> {
        Ok(self.inner.ledger()?.into_iter().map(Into::into).collect())
    }

    /// The verified ledger as JSON text (format: docs/ledger.md), signed by
    /// the device key: every entry's exact stored bytes, the hash chain, the
    /// program's key ids and receipt public key, so anyone can check it
    /// without this library
    /// (scripts/ledger/verify_ledger.py does). Throws `LedgerBroken` if the
    /// chain does not verify, never exporting a broken ledger as sound.
    pub fn export_ledger_json(&self) -> Result<String, CheckinError> {
        Ok(self.inner.export_ledger_json()?)
    }

    /// The ledger as readable text in `lang` (e.g. `en`, `es`; English when
    /// the language is not available), for the participant to show a
    /// lawyer or a judge. If the chain does not verify, the text says so
    /// instead of summarising (no error is thrown for that).
    pub fn ledger_summary(&self, lang: String) -> Result<String, CheckinError> {
        Ok(self.inner.ledger_summary(&lang)?)
    }

    /// "What this program collects", generated from the current policy, in
    /// `lang` (e.g. `en`, `es`; English when the language is not available).
    /// Show it at enrollment, whenever `consent_needed` is true, and on
    /// demand.
    pub fn collection_statement(&self, lang: String) -> Result<CollectionStatement, CheckinError> {
        Ok(self.inner.collection_statement(&lang)?.into())
    }

    /// Records that the participant saw the statement for `policy_version`
    /// in `lang` and agreed, in the consent list and the ledger. Pass the
    /// `policy_version` of the statement actually shown: if the policy
    /// changed since, nothing is recorded and `ConsentNotCurrent` is thrown.
    pub fn record_consent(
        &self,
        policy_version: u32,
        lang: String,
    ) -> Result<Consent, CheckinError> {
        Ok(self.inner.record_consent(policy_version, &lang)?.into())
    }

    /// Every consent recorded, oldest first.
    pub fn consents(&self) -> Result<Vec<Consent>, CheckinError> {
        Ok(self.inner.consents()?.into_iter().map(Into::into).collect())
    }

    /// Whether the current policy still waits for the participant's
    /// consent: show the collection statement before the next capture.
    /// Captures are refused (`ConsentRequired`) while a policy changed
    /// since enrollment waits for it.
    pub fn consent_needed(&self) -> Result<bool, CheckinError> {
        Ok(self.inner.consent_needed()?)
    }

    /// Proof of compliance for the plan's windows opening in `[from, to)`,
    /// in order: each window with the check-in that satisfied it and the
    /// program's receipt (re-verified now), or why there is none. Spans
    /// longer than the plan's expansion limit are refused (`Plan`); before
    /// enrollment it throws `NotEnrolled`.
    pub fn compliance_report(
        &self,
        from: SystemTime,
        to: SystemTime,
    ) -> Result<Vec<WindowCompliance>, CheckinError> {
        let (from, to) = (utc(from, "from")?, utc(to, "to")?);
        Ok(self
            .inner
            .compliance_report(from, to)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The offline check-in code (`XXXXX-XXXXX`, Crockford base32) for a
    /// submitted check-in, for the participant to read out or text when no
    /// network is available; the program verifies it once the envelope
    /// arrives. `null`/`nil` when no check-in with that id was submitted.
    pub fn offline_code(&self, checkin_id: String) -> Result<Option<String>, CheckinError> {
        Ok(self.inner.offline_code(parse_id(&checkin_id)?)?)
    }

    /// Deletes from the device what the policy's retention lets go
    /// (delivered check-ins past `device_days`, old drafts), with ledger
    /// entries; check-ins not yet delivered are never touched. `sync` runs
    /// it too.
    pub fn apply_retention(&self) -> Result<RetentionReport, CheckinError> {
        Ok(self.inner.apply_retention()?.into())
    }

    /// The screen for `route` now, everything in the participant's language
    /// (docs/screens.md). Quick, no network: call it on the UI thread.
    /// Before enrollment every route answers the enrollment screen, while
    /// the policy waits for consent the consent screen.
    pub fn screen(&self, route: Route, context: ShellContext) -> Result<Screen, CheckinError> {
        Ok(self.inner.screen(&route, &context)?)
    }

    /// Runs what the participant tapped (`action.kind`) on the screen of
    /// `current`, with the values typed in its fields, and answers with the
    /// next screen. A failure the participant can act on comes back as that
    /// screen (a notice, a field's error), never thrown.
    pub async fn perform(
        &self,
        current: Route,
        action: ActionKind,
        fields: Vec<FieldValue>,
        context: ShellContext,
    ) -> Result<Screen, CheckinError> {
        let inner = self.inner.clone();
        runtime::run(async move { Ok(inner.perform(&current, action, fields, &context).await?) })
            .await
    }

    /// Words for the shell's own controls (back, close, the camera's
    /// shutter, the recorder's stop…), in the participant's language.
    pub fn shell_words(&self) -> Result<ShellWords, CheckinError> {
        Ok(self.inner.shell_words()?)
    }

    /// The groups notifications are filed under (Android channels, iOS
    /// categories), named in the participant's language: `checkins` and
    /// `appointments`.
    pub fn notification_channels(&self) -> Result<Vec<NotificationChannel>, CheckinError> {
        Ok(self.inner.notification_channels()?)
    }

    /// Hands what the phone captured for a screen's `Effect` (a photo, a
    /// recording, a location fix, a scanned code, a cancel or a denial) to
    /// the core, and answers with the next screen.
    pub async fn deliver_capture(
        &self,
        current: Route,
        result: CaptureResult,
        context: ShellContext,
    ) -> Result<Screen, CheckinError> {
        let inner = self.inner.clone();
        runtime::run(async move { Ok(inner.deliver_capture(&current, result, &context).await?) })
            .await
    }

    /// The best estimate of the current time (device clock corrected by the
    /// server's), the time the core judges windows by.
    pub fn corrected_now(&self) -> Result<SystemTime, CheckinError> {
        Ok(self.inner.corrected_now()?.into())
    }
}
