//! Delivering the outbox: send each queued check-in in order, with its id
//! as the idempotency key; accept it as delivered only with a receipt that
//! verifies under the pinned key; keep everything else for later.
//!
//! Deferred media (docs/protocol.md, "Deferred media") is a second lane:
//! sent only on an unmetered network, after every due check-in record, and
//! only once its own record is delivered. It retries and wedges like a
//! check-in and never holds one back.
//!
//! Each step commits on its own (`sending`, then `delivered` with the
//! receipt and the ledger entry in one transaction), so a sync killed or
//! cancelled at any point leaves every item whole; an item caught in
//! `sending` is sent again and the server's idempotency keeps it single.

pub mod backoff;
pub mod http;
pub mod tls;

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::time::Instant;

use crate::clock::{Clock, ClockEstimate};
use crate::crypto::signing::DeviceKey;
use crate::error::Result;
use crate::i18n::Localizer;
use crate::ledger::LedgerEvent;
use crate::plan::{self, Plan};
use crate::policy::Policy;
use crate::protocol::{
    envelope,
    messages::{CheckinResponse, PlanResponse},
    receipt,
};
use crate::store::DocumentName;
use crate::store::Store;
use http::{Api, SendOutcome, Signer};

/// A server time that differs from our estimate by more than this is stored.
const CLOCK_STORE_THRESHOLD_MS: i64 = 1000;

/// Progress of a running sync, for the shell's UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncProgress {
    pub sent: u32,
    pub remaining: u32,
    pub bytes_sent: u64,
}

/// Told about progress while a sync runs.
pub trait SyncListener: Send + Sync {
    fn on_progress(&self, progress: SyncProgress);
}

/// What one sync did, and when the shell should try again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReport {
    pub delivered: u32,
    pub wedged: u32,
    /// Items still waiting to be delivered.
    pub remaining: u32,
    /// The earliest time a waiting item may be retried, if any wait.
    pub next_retry_at: Option<DateTime<Utc>>,
    /// The sync stopped because its deadline came.
    pub deadline_reached: bool,
    /// Why the last attempt failed, if it did (no personal data).
    pub last_error: Option<String>,
    /// Time this sync had a request out at the server, in milliseconds:
    /// with the rest of the wall time, how far the network set the pace.
    #[serde(default)]
    pub server_wait_ms: u64,
    /// Deferred media delivered with a verified media receipt.
    #[serde(default)]
    pub media_delivered: u32,
    /// Deferred media refused for good.
    #[serde(default)]
    pub media_wedged: u32,
    /// Deferred media still waiting (for an unmetered network, for its
    /// record, or for a retry).
    #[serde(default)]
    pub media_waiting: u32,
    /// A new plan was received and stored (its changes are in the ledger).
    pub plan_updated: bool,
    /// A new policy version was received and stored.
    pub policy_updated: bool,
    /// The server sent a plan or policy that was refused; the stored one
    /// stays in force.
    pub document_error: Option<String>,
    /// What retention deleted at the end of the sync; `None` if it did not
    /// run (deadline reached, or it failed and runs again next time).
    pub retention: Option<crate::retention::RetentionReport>,
}

/// What a sync needs from the client.
pub(crate) struct SyncContext<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    pub api: &'a Api,
    pub device_key: &'a DeviceKey,
    pub device_id: uuid::Uuid,
    pub receipt_public_key: &'a [u8],
    pub clock_offset_ms: i64,
    pub clock_anchor: Option<crate::clock::ClockAnchor>,
    /// Describes plan changes for the ledger in the participant's language.
    pub localizer: &'a Localizer,
    /// The network is unmetered: deferred media may go too.
    pub send_media: bool,
}

/// Which queue an envelope comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lane {
    /// A check-in's record envelope (the outbox).
    Record,
    /// A check-in's deferred media envelope.
    Media,
}

/// One envelope due to be sent.
struct Pending {
    lane: Lane,
    checkin_id: uuid::Uuid,
    attempts: u32,
    envelope: Option<Vec<u8>>,
}

/// An envelope marked `sending`, with its digest, ready to go.
struct Prepared {
    item: Pending,
    envelope: Vec<u8>,
    digest: [u8; 32],
}

/// A delivery whose receipt verified, to be committed.
struct Verified {
    lane: Lane,
    checkin_id: uuid::Uuid,
    receipt: receipt::Receipt,
    bytes: u64,
}

/// Counts committed deliveries and tells the listener.
struct Progress<'l> {
    listener: Option<&'l dyn SyncListener>,
    bytes_sent: u64,
}

impl Progress<'_> {
    fn delivered(&mut self, report: &mut SyncReport, v: Verified) {
        match v.lane {
            Lane::Record => {
                report.delivered += 1;
                report.remaining = report.remaining.saturating_sub(1);
            }
            Lane::Media => {
                report.media_delivered += 1;
                report.media_waiting = report.media_waiting.saturating_sub(1);
            }
        }
        self.bytes_sent += v.bytes;
        if let Some(l) = self.listener {
            l.on_progress(SyncProgress {
                sent: report.delivered,
                remaining: report.remaining,
                bytes_sent: self.bytes_sent,
            });
        }
    }
}

impl SyncReport {
    /// Adds the items wedged while preparing (counted apart) to this report.
    fn absorb_wedged(&mut self, other: &SyncReport) {
        self.wedged += other.wedged;
        self.remaining = self.remaining.saturating_sub(other.wedged);
        self.media_wedged += other.media_wedged;
        self.media_waiting = self.media_waiting.saturating_sub(other.media_wedged);
    }

    fn count_wedged(&mut self, lane: Lane) {
        match lane {
            Lane::Record => {
                self.wedged += 1;
                self.remaining = self.remaining.saturating_sub(1);
            }
            Lane::Media => {
                self.media_wedged += 1;
                self.media_waiting = self.media_waiting.saturating_sub(1);
            }
        }
    }
}

impl SyncContext<'_> {
    fn now(&self) -> ClockEstimate {
        ClockEstimate::read_anchored(self.clock, self.clock_offset_ms, self.clock_anchor)
    }

    fn signer(&self) -> Signer<'_> {
        Signer {
            key: self.device_key,
            device_id: self.device_id,
            now_ms: self.now().corrected().timestamp_millis(),
        }
    }

    /// The next envelope to send: check-in records first, then (on an
    /// unmetered network) deferred media; never `in_flight`, the one a
    /// request is out for.
    fn next_pending(&self, now_ms: i64, in_flight: Option<&Pending>) -> Result<Option<Pending>> {
        let except = |lane: Lane| in_flight.filter(|p| p.lane == lane).map(|p| p.checkin_id);
        if let Some(item) = self
            .store
            .next_to_send_except(now_ms, except(Lane::Record))?
        {
            return Ok(Some(Pending {
                lane: Lane::Record,
                checkin_id: item.checkin_id,
                attempts: item.attempts,
                envelope: item.envelope,
            }));
        }
        if !self.send_media {
            return Ok(None);
        }
        Ok(self
            .store
            .next_media_to_send_except(now_ms, except(Lane::Media))?
            .map(|item| Pending {
                lane: Lane::Media,
                checkin_id: item.checkin_id,
                attempts: item.attempts,
                envelope: item.envelope,
            }))
    }

    /// The next envelope, marked `sending` and hashed, ready to go. An item
    /// whose sealed payload is missing (which cannot happen for a queued
    /// item) is wedged rather than looped on.
    fn prepare_next(
        &self,
        in_flight: Option<&Pending>,
        report: &mut SyncReport,
    ) -> Result<Option<Prepared>> {
        loop {
            let now_ms = self.now().corrected().timestamp_millis();
            let Some(mut item) = self.next_pending(now_ms, in_flight)? else {
                return Ok(None);
            };
            let Some(envelope) = item.envelope.take() else {
                self.wedge(&item, "the sealed payload is missing")?;
                report.count_wedged(item.lane);
                continue;
            };
            self.mark_sending(&item)?;
            // One hash serves the request signature and the receipt check.
            let digest = crate::crypto::sha256(&envelope);
            return Ok(Some(Prepared {
                item,
                envelope,
                digest,
            }));
        }
    }

    /// Puts a prepared item back as it was: it was never sent.
    fn release(&self, prepared: Option<Prepared>) -> Result<()> {
        let Some(p) = prepared else {
            return Ok(());
        };
        match p.item.lane {
            Lane::Record => self.store.unmark_sending(p.item.checkin_id)?,
            Lane::Media => self.store.unmark_media_sending(p.item.checkin_id)?,
        }
        Ok(())
    }

    /// Sends as much of the outbox as fits before `deadline`.
    ///
    /// Pipelined so that the server, not the device, sets the pace: while a
    /// request is out, the delivery before it is committed and the next
    /// item is read, decrypted and marked `sending`. Every commit still
    /// happens only after its receipt verified, and one is never skipped:
    /// a delivery not yet committed when the sync stops is committed before
    /// it returns, or (if the process dies first) is sent again next time
    /// and the server answers with the same receipt.
    pub async fn run(
        &mut self,
        deadline: Instant,
        listener: Option<&dyn SyncListener>,
    ) -> Result<SyncReport> {
        let (to_send, _, _) = self.store.outbox_counts()?;
        let (media_waiting, _, _) = self.store.media_counts()?;
        let mut report = SyncReport {
            delivered: 0,
            wedged: 0,
            remaining: to_send as u32,
            next_retry_at: None,
            media_waiting: media_waiting as u32,
            ..SyncReport::default()
        };
        let mut progress = Progress {
            listener,
            bytes_sent: 0,
        };
        let mut skew_retries = 0;
        let mut next = self.prepare_next(None, &mut report)?;
        let mut to_commit: Option<Verified> = None;
        let mut server_wait = Duration::ZERO;
        loop {
            if Instant::now() >= deadline {
                report.deadline_reached = true;
                break;
            }
            if next.is_none() {
                // Nothing was ready while the last request was out; its
                // commit may make more ready (its deferred media).
                let Some(v) = to_commit.take() else {
                    break;
                };
                let v = self.commit(v)?;
                progress.delivered(&mut report, v);
                next = self.prepare_next(None, &mut report)?;
            }
            let Some(current) = next.take() else {
                break;
            };
            let signer = self.signer();
            let (item, envelope, digest) = (&current.item, &current.envelope, &current.digest);
            let send = async {
                let outcome = match item.lane {
                    Lane::Record => {
                        tokio::time::timeout_at(
                            deadline,
                            self.api
                                .post_checkin(&signer, item.checkin_id, envelope, digest),
                        )
                        .await
                    }
                    Lane::Media => {
                        tokio::time::timeout_at(
                            deadline,
                            self.api
                                .post_media(&signer, item.checkin_id, envelope, digest),
                        )
                        .await
                    }
                };
                (outcome, Instant::now())
            };
            // The device's own work for the neighbours of this request,
            // done while the server handles it.
            let mut wedged_meanwhile = SyncReport::default();
            let shadow = async {
                // Let the connection task put the request on the wire first
                // (on a single-threaded runtime it runs only when we yield).
                for _ in 0..4 {
                    tokio::task::yield_now().await;
                }
                let committed = match to_commit.take() {
                    Some(v) => Some(self.commit(v)?),
                    None => None,
                };
                let next = self.prepare_next(Some(item), &mut wedged_meanwhile)?;
                Ok::<_, crate::error::Error>((committed, next))
            };
            let sent_at = Instant::now();
            let ((outcome, answered_at), shadow) = tokio::join!(send, shadow);
            server_wait += answered_at.saturating_duration_since(sent_at);
            let (committed, prepared) = shadow?;
            report.absorb_wedged(&wedged_meanwhile);
            if let Some(v) = committed {
                progress.delivered(&mut report, v);
            }
            next = prepared;
            let outcome = match outcome {
                Ok(o) => o,
                Err(_) => {
                    // Out of time mid-request: the server may or may not have
                    // it; the next sync resends and idempotency keeps it single.
                    self.mark_retry(item, "deadline reached", 0)?;
                    report.deadline_reached = true;
                    break;
                }
            };
            match outcome {
                SendOutcome::Accepted(resp) => match self.verify(item, envelope, digest, &resp) {
                    Ok(receipt) => {
                        to_commit = Some(Verified {
                            lane: item.lane,
                            checkin_id: item.checkin_id,
                            receipt,
                            bytes: envelope.len() as u64,
                        });
                        self.observe_server_time(resp.server_time)?;
                    }
                    Err(e) => {
                        // Never accepted: retried later, like a network error.
                        let reason = format!("receipt rejected: {e}");
                        self.retry_later(item, &reason, None)?;
                        report.last_error = Some(reason);
                    }
                },
                SendOutcome::Transient {
                    reason,
                    retry_after,
                } => {
                    self.retry_later(item, &reason, retry_after)?;
                    report.last_error = Some(reason);
                    // The server or the network is in trouble: stop for now.
                    break;
                }
                SendOutcome::PinMismatch => {
                    // Possibly an attack on the connection: keep the item,
                    // stop, and tell the caller in a way it cannot miss.
                    self.retry_later(item, "pin_mismatch", None)?;
                    self.release(next.take())?;
                    return Err(crate::error::Error::PinMismatch);
                }
                SendOutcome::ClockSkew { server_time } if skew_retries < 1 => {
                    skew_retries += 1;
                    self.observe_server_time(server_time)?;
                    self.mark_retry(item, "clock corrected", 0)?;
                }
                SendOutcome::ClockSkew { .. } => {
                    self.retry_later(item, "clock_skew", None)?;
                    report.last_error = Some("clock_skew".into());
                    break;
                }
                SendOutcome::Permanent { status, code } => {
                    let reason = format!("{status} {code}");
                    self.wedge(item, &reason)?;
                    report.count_wedged(item.lane);
                    report.last_error = Some(reason);
                }
            }
        }
        if let Some(v) = to_commit.take() {
            let v = self.commit(v)?;
            progress.delivered(&mut report, v);
        }
        self.release(next.take())?;
        report.server_wait_ms = server_wait.as_millis() as u64;
        if Instant::now() < deadline {
            let signer = self.signer();
            if let Ok(Ok(resp)) = tokio::time::timeout_at(deadline, self.api.plan(&signer)).await {
                self.observe_server_time(resp.server_time)?;
                self.apply_documents(&resp, &mut report)?;
            }
        }
        let record_retry = self.store.next_retry_at_ms()?;
        let media_retry = if self.send_media {
            self.store.next_media_retry_at_ms()?
        } else {
            None
        };
        report.next_retry_at = [record_retry, media_retry]
            .into_iter()
            .flatten()
            .min()
            .and_then(crate::protocol::wire_time::from_millis);
        Ok(report)
    }

    /// Checks the server's receipt for `item`; nothing is written.
    fn verify(
        &self,
        item: &Pending,
        envelope: &[u8],
        digest: &[u8; 32],
        resp: &CheckinResponse,
    ) -> Result<receipt::Receipt> {
        let parsed = envelope::parse(envelope)?;
        let body = http::b64(&resp.receipt)?;
        let sig = http::b64(&resp.signature)?;
        let expected = receipt::Expected {
            checkin_id: item.checkin_id,
            envelope_digest: digest,
            captured_at: parsed.header.captured_at,
            receipt_public_key: self.receipt_public_key,
        };
        Ok(match item.lane {
            Lane::Record => receipt::verify(&body, &sig, expected)?,
            Lane::Media => receipt::verify_media(&body, &sig, expected)?,
        })
    }

    /// Marks a verified delivery delivered, with its ledger entry, in one
    /// transaction (which deletes the sealed payload).
    fn commit(&self, v: Verified) -> Result<Verified> {
        let at = self.now().corrected();
        let id = v.checkin_id;
        let receipt = &v.receipt;
        self.store.write(|tx| match v.lane {
            Lane::Record => {
                self.store.mark_delivered(tx, id, receipt)?;
                crate::ledger::append(
                    self.store,
                    tx,
                    at,
                    LedgerEvent::CheckinDelivered {
                        checkin_id: id,
                        receipt: receipt.clone(),
                    },
                )
            }
            Lane::Media => {
                self.store.mark_media_delivered(tx, id, receipt)?;
                crate::ledger::append(
                    self.store,
                    tx,
                    at,
                    LedgerEvent::MediaDelivered {
                        checkin_id: id,
                        receipt: receipt.clone(),
                    },
                )
            }
        })?;
        Ok(v)
    }

    fn mark_sending(&self, item: &Pending) -> Result<()> {
        match item.lane {
            Lane::Record => self.store.mark_sending(item.checkin_id)?,
            Lane::Media => self.store.mark_media_sending(item.checkin_id)?,
        }
        Ok(())
    }

    fn mark_retry(&self, item: &Pending, reason: &str, at_ms: i64) -> Result<()> {
        match item.lane {
            Lane::Record => self.store.mark_retry(item.checkin_id, reason, at_ms)?,
            Lane::Media => self
                .store
                .mark_media_retry(item.checkin_id, reason, at_ms)?,
        }
        Ok(())
    }

    fn retry_later(
        &self,
        item: &Pending,
        reason: &str,
        retry_after: Option<Duration>,
    ) -> Result<()> {
        let wait = backoff::delay(item.attempts, retry_after, backoff::random_jitter());
        let at = self.now().corrected().timestamp_millis() + wait.as_millis() as i64;
        self.mark_retry(item, reason, at)
    }

    fn wedge(&self, item: &Pending, reason: &str) -> Result<()> {
        let at = self.now().corrected();
        let id = item.checkin_id;
        let reason = reason.to_string();
        self.store.write(|tx| match item.lane {
            Lane::Record => {
                self.store.mark_wedged(tx, id, &reason)?;
                crate::ledger::append(
                    self.store,
                    tx,
                    at,
                    LedgerEvent::CheckinWedged {
                        checkin_id: id,
                        reason: reason.clone(),
                    },
                )
            }
            Lane::Media => {
                self.store.mark_media_wedged(tx, id, &reason)?;
                crate::ledger::append(
                    self.store,
                    tx,
                    at,
                    LedgerEvent::MediaWedged {
                        checkin_id: id,
                        reason: reason.clone(),
                    },
                )
            }
        })?;
        Ok(())
    }

    /// Stores a new policy and plan if they are valid and new, with their
    /// ledger entries; a bad one never replaces the good one stored.
    fn apply_documents(&self, resp: &PlanResponse, report: &mut SyncReport) -> Result<()> {
        let now = self.now();
        let at = now.corrected();
        let now_ms = at.timestamp_millis();
        match serde_json::to_vec(&resp.policy)
            .ok()
            .map(|b| (Policy::from_json(&b), b))
        {
            Some((Ok(policy), bytes)) => {
                let stored = self
                    .store
                    .document(DocumentName::Policy)?
                    .and_then(|b| Policy::from_json(&b).ok());
                if stored.as_ref().map(|p| p.version) != Some(policy.version) {
                    self.store.write(|tx| {
                        self.store
                            .put_document(tx, DocumentName::Policy, &bytes, now_ms)?;
                        crate::ledger::append(
                            self.store,
                            tx,
                            at,
                            LedgerEvent::PolicyReceived {
                                version: policy.version,
                            },
                        )?;
                        Ok(())
                    })?;
                    report.policy_updated = true;
                }
            }
            Some((Err(e), _)) => report.document_error = Some(format!("policy: {e}")),
            None => report.document_error = Some("policy: not serializable".into()),
        }
        let Ok(bytes) = serde_json::to_vec(&resp.plan) else {
            report.document_error = Some("plan: not serializable".into());
            return Ok(());
        };
        let stored = self
            .store
            .document(DocumentName::Plan)?
            .and_then(|b| Plan::from_json(&b).ok());
        match plan::review_update(stored.as_ref(), &bytes, &now) {
            Ok(update) => {
                let same = stored.as_ref().is_some_and(|s| {
                    s.plan_id() == update.plan.plan_id() && s.revision() == update.plan.revision()
                });
                if !same || !update.changes.is_empty() {
                    let described = update
                        .changes
                        .iter()
                        .map(|c| c.describe(self.localizer))
                        .collect();
                    self.store.write(|tx| {
                        self.store
                            .put_document(tx, DocumentName::Plan, &bytes, now_ms)?;
                        crate::ledger::append(
                            self.store,
                            tx,
                            at,
                            LedgerEvent::PlanReceived { changes: described },
                        )?;
                        Ok(())
                    })?;
                    report.plan_updated = true;
                }
            }
            Err(e) => report.document_error = Some(format!("plan: {e}")),
        }
        Ok(())
    }

    /// Records `server − device` from a server time seen just now.
    pub fn observe_server_time(&mut self, server_time: DateTime<Utc>) -> Result<()> {
        // Persist only when the stored estimate is off by more than a
        // second: every delivery reports the server's time, and a durable
        // write per check-in would be work without a gain.
        let predicted = self.now().corrected();
        let worth_storing = self.clock_anchor.is_none()
            || (server_time - predicted).num_milliseconds().abs() > CLOCK_STORE_THRESHOLD_MS;
        let offset = (server_time - self.clock.now()).num_milliseconds();
        self.clock_offset_ms = offset;
        self.clock_anchor = self
            .clock
            .monotonic_ms()
            .map(|uptime_ms| crate::clock::ClockAnchor {
                server_ms: server_time.timestamp_millis(),
                uptime_ms,
            });
        if worth_storing {
            self.store.set_clock(offset, self.clock_anchor)?;
        }
        Ok(())
    }
}
