//! [`CheckinClient`]: the one object a shell (or the FFI facade) talks to.
//!
//! It is an orchestrator: each call checks its arguments and hands the work
//! to the module whose name says what it does:
//! - `enroll` (enrollment and pinning), `documents` (the program's policy
//!   and plan, stored in one place for enrollment and sync);
//! - `capture` (start a check-in, attach a photo, a recording, a location),
//!   `submit` (seal with `checkin::seal` and queue);
//! - `sync` (deliver the queue, refresh the documents), `retention`;
//! - `disclosure` (the statement and the consents, and the gate in front
//!   of every capture), `ledger`, `compliance`, `plan` and `remind`.
//!
//! Everything shares one `Session`: the store, the true clock, the
//! configuration, and what was read from the store once.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::checkin::{CheckinSummary, PhotoQuality, VoiceQuality};
use crate::clock::Clock;
use crate::compliance::{self, WindowCompliance};
use crate::config::{ClientConfig, Connectivity};
use crate::crypto::keystore::KeyStore;
use crate::disclosure::{self, CollectionStatement, Consent};
use crate::enroll::EnrollmentSummary;
use crate::error::Result;
use crate::i18n::Localizer;
use crate::ledger::{self, LedgerEntry};
use crate::location::{LocationFix, SentLocation};
use crate::plan::{self, Due, Plan};
use crate::policy::Policy;
use crate::remind::{self, Notification};
use crate::retention::RetentionReport;
use crate::session::Session;
use crate::store::{Lane, MediaItem, OutboxItem, StoreError};
use crate::sync::{self, SyncListener, SyncReport};

/// The check-in core for one participant on one device.
pub struct CheckinClient {
    pub(crate) session: Session,
    /// One sync at a time: a second caller waits, then finds nothing to send.
    sync_lock: tokio::sync::Mutex<()>,
    /// What the shell last said about the network.
    connectivity: std::sync::Mutex<Connectivity>,
}

impl std::fmt::Debug for CheckinClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckinClient")
            .field("data_dir", &self.session.config.data_dir)
            .finish_non_exhaustive()
    }
}

impl CheckinClient {
    /// Opens (or creates) the client's store in `config.data_dir`; the
    /// platform `key_store` wraps the storage key.
    pub fn open(
        config: ClientConfig,
        key_store: &dyn KeyStore,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        Ok(Self {
            session: Session::open(config, key_store, clock)?,
            sync_lock: tokio::sync::Mutex::new(()),
            connectivity: std::sync::Mutex::new(Connectivity::Online),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.session.config.data_dir
    }

    pub fn is_enrolled(&self) -> Result<bool> {
        self.session.is_enrolled()
    }

    /// Enrolls this device with the program at `server_url` using a
    /// one-time code; pins the program's keys and, over https, the server's
    /// TLS key seen now (which must chain to the webpki roots).
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
        crate::enroll::enroll(&self.session, server_url, code, tls_pins).await
    }

    /// The program's current policy (the default before enrollment).
    pub fn policy(&self) -> Result<Policy> {
        let policy = self.session.policy()?;
        Ok(Policy::clone(&policy))
    }

    /// The plan as last received from the program (validated when stored).
    pub fn plan(&self) -> Result<Option<Plan>> {
        Ok(self.session.plan()?.as_deref().cloned())
    }

    /// The participant's language: their own choice, else the shell's,
    /// else the plan's.
    pub fn localizer(&self) -> Result<Arc<Localizer>> {
        self.session.localizer()
    }

    /// The current or next check-in window and its state.
    pub fn due(&self) -> Result<Option<Due>> {
        let Some(plan) = self.session.plan()? else {
            return Ok(None);
        };
        Ok(plan::due(&plan, &self.session.completed()?, &self.session.now()))
    }

    /// The notifications the phone should hold right now, soonest first,
    /// at most `max`. Reconcile by id: calling twice changes nothing.
    pub fn notifications(&self, max: usize) -> Result<Vec<Notification>> {
        let Some(plan) = self.session.plan()? else {
            return Ok(Vec::new());
        };
        let l = self.session.localizer()?;
        Ok(remind::notifications(
            &plan,
            &self.session.completed()?,
            &crate::preferences::leave_plans(&self.session)?,
            &self.session.now(),
            max,
            &l,
        ))
    }

    /// When the shell should next run background work (sync, refill
    /// notifications), given it holds at most `max` notifications.
    pub fn next_wakeup(&self, max: usize) -> Result<Option<DateTime<Utc>>> {
        let Some(plan) = self.session.plan()? else {
            return Ok(None);
        };
        let (done, now) = (self.session.completed()?, self.session.now());
        let leave = crate::preferences::leave_plans(&self.session)?;
        let remind = remind::next_wakeup(&plan, &done, &leave, &now, max);
        let lanes = sync::lanes(self.connectivity() == Connectivity::Online);
        let retry = sync::next_retry_at(&self.session, lanes)?;
        Ok([remind, retry].into_iter().flatten().min())
    }

    /// Starts a check-in: for the plan's window `window_id`, or an
    /// unscheduled one with `None`. Refused with [`Error::ConsentRequired`]
    /// while a policy that arrived after enrollment waits for consent.
    pub fn start_checkin(&self, window_id: Option<&str>) -> Result<Uuid> {
        crate::capture::start(&self.session, window_id)
    }

    /// Processes a photo from the camera under the program's policy and
    /// attaches it, replacing any earlier one. Returns the quality report so
    /// the shell can tell the participant what to fix.
    pub fn attach_photo(&self, draft_id: Uuid, input: &[u8]) -> Result<PhotoQuality> {
        crate::capture::attach_photo(&self.session, draft_id, input)
    }

    /// Processes a voice recording (WAV) under the program's policy and
    /// attaches it, replacing any earlier one. Returns the quality report
    /// (speech present, too quiet, clipped, too short or long).
    pub fn attach_voice(&self, draft_id: Uuid, wav: &[u8]) -> Result<VoiceQuality> {
        crate::capture::attach_voice(&self.session, draft_id, wav)
    }

    /// Applies the program's policy to one location fix and attaches the
    /// result, replacing any earlier one. Only the reduced value (precise,
    /// the coarse grid cell's centre, or inside/outside the approved area)
    /// is stored. Returns exactly what will be sent; a fix the policy does
    /// not let the core use is [`Error::Location`], the draft left as it was.
    pub fn attach_location(&self, draft_id: Uuid, fix: &LocationFix) -> Result<SentLocation> {
        crate::capture::attach_location(&self.session, draft_id, fix)
    }

    /// Abandons a check-in in progress; nothing of it is kept.
    pub fn discard_checkin(&self, draft_id: Uuid) -> Result<()> {
        crate::capture::discard(&self.session, draft_id)
    }

    /// Seals the check-in to the program, signs it, and queues it with its
    /// ledger entry in one transaction. From here it is never lost.
    pub fn submit(&self, draft_id: Uuid) -> Result<CheckinSummary> {
        crate::submit::submit(&self.session, draft_id)
    }

    /// Sends queued check-ins until done or until `deadline`, then refreshes
    /// the plan and policy if time remains, then applies retention. Safe to
    /// cancel (drop) at any point; safe to call concurrently (calls run one
    /// after another).
    pub async fn sync(
        &self,
        deadline: tokio::time::Instant,
        listener: Option<&dyn SyncListener>,
    ) -> Result<SyncReport> {
        let Ok(_one_at_a_time) = tokio::time::timeout_at(deadline, self.sync_lock.lock()).await
        else {
            // Another sync held the queue until our deadline.
            return Ok(SyncReport {
                deadline_reached: true,
                ..SyncReport::waiting(&self.session)?
            });
        };
        if self.connectivity() == Connectivity::Offline {
            // Nothing to try: report what waits, and when the shell said we
            // would retry anyway (it calls again when the network returns).
            // Retention needs no network.
            return Ok(SyncReport {
                retention: self.apply_retention().ok(),
                next_retry_at: sync::next_retry_at(&self.session, &[Lane::Record])?,
                last_error: Some("offline".into()),
                ..SyncReport::waiting(&self.session)?
            });
        }
        let lanes = sync::lanes(self.connectivity() == Connectivity::Online);
        let outcome = sync::run(&self.session, lanes, deadline, listener).await;
        sync::record_health(&self.session, &outcome)?;
        let mut report = outcome?;
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
    /// every waiting check-in due at once, and an unmetered network every
    /// deferred media.
    pub fn set_connectivity(&self, now: Connectivity) -> Result<()> {
        *self.connectivity.lock().unwrap_or_else(|e| e.into_inner()) = now;
        if now != Connectivity::Offline {
            self.session.store.reset_backoff(Lane::Record)?;
        }
        if now == Connectivity::Online {
            self.session.store.reset_backoff(Lane::Media)?;
        }
        Ok(())
    }

    pub fn connectivity(&self) -> Connectivity {
        *self.connectivity.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every submitted check-in, oldest first, with its state and receipt.
    pub fn outbox(&self) -> Result<Vec<OutboxItem>> {
        Ok(self.session.store.outbox()?)
    }

    /// Deferred media of submitted check-ins (docs/protocol.md, "Deferred
    /// media"), with its state and, once delivered, its media receipt.
    pub fn media_outbox(&self) -> Result<Vec<MediaItem>> {
        Ok(self.session.store.media_outbox()?)
    }

    /// Puts a wedged check-in, and its wedged deferred media, back in the
    /// queue.
    pub fn retry_wedged(&self, checkin_id: Uuid) -> Result<bool> {
        let record = self.session.store.requeue_wedged(Lane::Record, checkin_id)?;
        let media = self.session.store.requeue_wedged(Lane::Media, checkin_id)?;
        Ok(record || media)
    }

    /// The participant's ledger, after checking its hash chain
    /// ([`Error::LedgerBroken`] if it does not verify).
    pub fn ledger(&self) -> Result<Vec<LedgerEntry>> {
        Ok(ledger::verify(&self.session.store)?
            .into_iter()
            .map(|r| r.entry)
            .collect())
    }

    /// The verified ledger as JSON (docs/ledger.md), signed by the device
    /// key: every entry's exact stored bytes, the hash chain, the program's
    /// key ids and receipt public key, so anyone can check it without this
    /// code. A broken chain is [`Error::LedgerBroken`], never exported.
    pub fn export_ledger_json(&self) -> Result<String> {
        let enrolled = self.session.enrolled()?;
        let rows = ledger::verify(&self.session.store)?;
        Ok(ledger::export(
            &rows,
            enrolled.record.device_id,
            &enrolled.device_key,
            &enrolled.record.program,
            self.session.now().corrected(),
        )
        .map_err(|e| StoreError::Corrupt(e.to_string()))?)
    }

    /// The ledger as readable text in `lang` (e.g. `en`, `es`), for a
    /// participant to show a lawyer or a judge. A broken chain yields a
    /// text saying so, never a summary.
    pub fn ledger_summary(&self, lang: &str) -> Result<String> {
        let enrolled = self.session.enrolled()?;
        let l = Localizer::new(lang);
        match ledger::verify(&self.session.store) {
            Ok(rows) => Ok(ledger::summary(&rows, &enrolled.record.program, &l)),
            Err(ledger::LedgerError::Broken(fault)) => Ok(ledger::fault_text(&fault, &l)),
            Err(ledger::LedgerError::Store(e)) => Err(e.into()),
        }
    }

    /// "What this program collects", generated from the current policy,
    /// in `lang` (e.g. `en`, `es`), for the shell to show at enrollment and
    /// on demand.
    pub fn collection_statement(&self, lang: &str) -> Result<CollectionStatement> {
        let policy = self.session.policy()?;
        Ok(disclosure::statement(&policy, &Localizer::new(lang)))
    }

    /// Records that the participant saw the statement for
    /// `policy_version` in `lang` and agreed. Refused (nothing recorded,
    /// [`crate::Error::ConsentNotCurrent`]) unless `policy_version` is the current policy's
    /// version, so a consent always names what was actually shown.
    pub fn record_consent(&self, policy_version: u32, lang: &str) -> Result<Consent> {
        disclosure::record_consent(&self.session, policy_version, lang)
    }

    /// Every consent recorded, oldest first.
    pub fn consents(&self) -> Result<Vec<Consent>> {
        disclosure::consents(&self.session)
    }

    /// Whether the current policy is still waiting for the participant's
    /// consent: the shell shows the statement before the next capture.
    pub fn consent_needed(&self) -> Result<bool> {
        disclosure::consent_needed(&self.session)
    }

    /// Applies the policy's `retention.device_days` (see
    /// `crate::retention`): deletes delivered check-ins past it (only once
    /// the ledger holds their verified receipt) and drafts never submitted.
    /// Runs at the end of every sync; the shell may also call it.
    pub fn apply_retention(&self) -> Result<RetentionReport> {
        crate::retention::apply(&self.session)
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
    ) -> Result<Vec<WindowCompliance>> {
        compliance::report_now(&self.session, &self.ledger()?, from, to)
    }

    /// The offline check-in code for a submitted check-in, for the
    /// participant to read out or text when no network is available; the
    /// program verifies it once the envelope arrives. `None` for an
    /// unknown check-in (or one retention deleted from the device).
    pub fn offline_code(&self, checkin_id: Uuid) -> Result<Option<String>> {
        let Some(item) = self.session.store.outbox_item(checkin_id)? else {
            return Ok(None);
        };
        crate::offline_code::for_envelope(&item.summary.envelope_sha256_hex)
            .map(Some)
            .ok_or_else(|| StoreError::Corrupt("envelope digest".into()).into())
    }

    /// The corrected current time (device clock plus the server offset).
    pub fn corrected_now(&self) -> Result<DateTime<Utc>> {
        Ok(self.session.now().corrected())
    }
}

mod key_loss;
#[cfg(test)]
mod tests;
