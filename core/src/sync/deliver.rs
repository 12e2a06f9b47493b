//! The delivery loop: the due envelopes of the lanes served, one request at
//! a time, pipelined so that the server, not the device, sets the pace.
//!
//! While a request is out, the delivery before it is committed and the next
//! item is read, decrypted and marked `sending`. Every commit still happens
//! only after its receipt verified, and one is never skipped: a delivery
//! not yet committed when the sync stops is committed before it returns,
//! or (if the process dies first) is sent again next time and the server
//! answers with the same receipt. An item prepared behind a failed request
//! is put back untouched.

use std::time::Duration;

use tokio::time::Instant;
use uuid::Uuid;

use crate::net::http::{Api, Signer, b64};
use crate::net::reply::SendOutcome;
use super::lane::LaneWire;
use super::{SyncListener, SyncProgress, SyncReport, backoff};
use crate::error::{Error, Result};
use crate::ledger;
use crate::protocol::messages::CheckinResponse;
use crate::protocol::{envelope, receipt};
use crate::session::{Enrolled, Session};
use crate::store::{Lane, OutboxState, QueueItem};

/// One envelope marked `sending`, with its digest, ready to go.
pub(super) struct Prepared {
    pub lane: Lane,
    pub checkin_id: Uuid,
    pub attempts: u32,
    /// Refusals so far; a wedged item retried after its long backoff is
    /// not counted as waiting.
    wedges: u32,
    was_waiting: bool,
    pub envelope: Vec<u8>,
    pub digest: [u8; 32],
}

/// A delivery whose receipt verified, to be committed.
struct Verified {
    lane: Lane,
    checkin_id: Uuid,
    receipt: receipt::Receipt,
    bytes: u64,
    was_waiting: bool,
}

/// Counts committed deliveries and tells the listener.
struct Progress<'l> {
    listener: Option<&'l dyn SyncListener>,
    bytes_sent: u64,
}

impl Progress<'_> {
    fn delivered(&mut self, report: &mut SyncReport, v: Verified) {
        report.count_delivered(v.lane, v.was_waiting);
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

/// What one delivery run works with.
pub(super) struct Delivery<'a> {
    pub session: &'a Session,
    pub api: &'a Api,
    pub enrolled: &'a Enrolled,
    /// The lanes served, in order.
    pub lanes: &'a [Lane],
}

impl Delivery<'_> {
    pub(super) fn signer(&self) -> Signer<'_> {
        Signer {
            key: &self.enrolled.device_key,
            device_id: self.enrolled.record.device_id,
            now_ms: self.session.server_now_ms(),
        }
    }

    pub(super) fn now_ms(&self) -> i64 {
        self.session.now().corrected().timestamp_millis()
    }

    /// The first due item of the lanes served, never `in_flight` (the one
    /// a request is out for).
    fn next_due(&self, in_flight: Option<&Prepared>) -> Result<Option<QueueItem>> {
        let now_ms = self.now_ms();
        for &lane in self.lanes {
            let except = in_flight.filter(|p| p.lane == lane).map(|p| p.checkin_id);
            if let Some(item) = self.session.store.next_due(lane, now_ms, except)? {
                return Ok(Some(item));
            }
        }
        Ok(None)
    }

    /// The next envelope, marked `sending` and hashed, ready to go. An item
    /// whose sealed payload is missing (which cannot happen for a queued
    /// item) is wedged rather than looped on.
    fn prepare_next(
        &self,
        in_flight: Option<&Prepared>,
        report: &mut SyncReport,
    ) -> Result<Option<Prepared>> {
        loop {
            let Some(item) = self.next_due(in_flight)? else {
                return Ok(None);
            };
            let was_waiting = item.state != OutboxState::Wedged;
            let Some(envelope) = item.envelope else {
                self.wedge(item.lane, item.checkin_id, item.wedges, "the envelope is missing")?;
                report.count_wedged(item.lane, was_waiting);
                continue;
            };
            self.session.store.mark_sending(item.lane, item.checkin_id)?;
            // One hash serves the request signature and the receipt check.
            let digest = crate::crypto::sha256(&envelope);
            return Ok(Some(Prepared {
                lane: item.lane,
                checkin_id: item.checkin_id,
                attempts: item.attempts,
                wedges: item.wedges,
                was_waiting,
                envelope,
                digest,
            }));
        }
    }

    /// Puts a prepared item back as it was: it was never sent.
    fn release(&self, prepared: Option<Prepared>) -> Result<()> {
        if let Some(p) = prepared {
            self.session.store.unmark_sending(p.lane, p.checkin_id)?;
        }
        Ok(())
    }

    /// Sends as much as fits before `deadline`.
    pub async fn run(
        &self,
        deadline: Instant,
        listener: Option<&dyn SyncListener>,
    ) -> Result<SyncReport> {
        let mut report = SyncReport::waiting(self.session)?;
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
            let send = async {
                // Resumable when the server offers it (`resume.rs`).
                let outcome = tokio::time::timeout_at(deadline, self.send(&current)).await;
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
                let next = self.prepare_next(Some(&current), &mut wedged_meanwhile)?;
                Ok::<_, Error>((committed, next))
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
            let Ok(outcome) = outcome else {
                // Out of time mid-request: the server may or may not have
                // it; the next sync resends and idempotency keeps it single.
                self.mark_retry(&current, "deadline reached", 0)?;
                report.deadline_reached = true;
                break;
            };
            match outcome {
                SendOutcome::Accepted(resp) => match self.verify(&current, &resp) {
                    Ok(receipt) => {
                        to_commit = Some(Verified {
                            lane: current.lane,
                            checkin_id: current.checkin_id,
                            receipt,
                            bytes: current.envelope.len() as u64,
                            was_waiting: current.was_waiting,
                        });
                        self.session.observe_server_time(resp.server_time)?;
                    }
                    Err(e) => {
                        // Never accepted: retried later, like a network error.
                        let reason = format!("receipt rejected: {e}");
                        self.retry_later(&current, &reason, None)?;
                        report.last_error = Some(reason);
                    }
                },
                SendOutcome::Transient {
                    reason,
                    retry_after,
                } => {
                    self.retry_later(&current, &reason, retry_after)?;
                    report.last_error = Some(reason);
                    // The server or the network is in trouble: stop for now.
                    break;
                }
                SendOutcome::PinMismatch => {
                    // Possibly an attack on the connection: keep the item,
                    // stop, and tell the caller in a way it cannot miss.
                    self.retry_later(&current, "pin_mismatch", None)?;
                    self.release(next.take())?;
                    return Err(Error::PinMismatch);
                }
                SendOutcome::ClockSkew { server_time } if skew_retries < 1 => {
                    skew_retries += 1;
                    self.session.observe_server_time(server_time)?;
                    self.mark_retry(&current, "clock corrected", 0)?;
                    // Send it again now, before the item prepared behind it.
                    self.release(next.take())?;
                    next = self.prepare_next(None, &mut report)?;
                }
                SendOutcome::ClockSkew { .. } => {
                    self.retry_later(&current, "clock_skew", None)?;
                    report.last_error = Some("clock_skew".into());
                    break;
                }
                SendOutcome::Permanent { status, code } => {
                    // The program refused this envelope: wedge it (retried
                    // by itself after a long backoff) and go on with the
                    // next, which this refusal says nothing about.
                    let reason = format!("{status} {code}");
                    self.wedge(current.lane, current.checkin_id, current.wedges, &reason)?;
                    report.count_wedged(current.lane, current.was_waiting);
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
        Ok(report)
    }

    /// Checks the server's receipt for `sent`; nothing is written.
    fn verify(&self, sent: &Prepared, resp: &CheckinResponse) -> Result<receipt::Receipt> {
        let parsed = envelope::parse(&sent.envelope)?;
        let expected = receipt::Expected {
            checkin_id: sent.checkin_id,
            envelope_digest: &sent.digest,
            captured_at: parsed.header.captured_at,
            receipt_public_key: &self.enrolled.receipt_key,
        };
        Ok(sent
            .lane
            .verify_receipt(&b64(&resp.receipt)?, &b64(&resp.signature)?, expected)?)
    }

    /// Marks a verified delivery delivered, with its ledger entry, in one
    /// transaction (which deletes the sealed payload).
    fn commit(&self, v: Verified) -> Result<Verified> {
        let at = self.session.now().corrected();
        let store = &self.session.store;
        store.write(|tx| {
            store.mark_delivered(tx, v.lane, v.checkin_id, &v.receipt)?;
            ledger::append(
                store,
                tx,
                at,
                v.lane.delivered(v.checkin_id, v.receipt.clone()),
            )
        })?;
        Ok(v)
    }

    fn mark_retry(&self, item: &Prepared, reason: &str, at_ms: i64) -> Result<()> {
        self.session
            .store
            .mark_retry(item.lane, item.checkin_id, reason, at_ms)?;
        Ok(())
    }

    fn retry_later(
        &self,
        item: &Prepared,
        reason: &str,
        retry_after: Option<Duration>,
    ) -> Result<()> {
        let wait = backoff::delay(item.attempts, retry_after, backoff::random_jitter());
        self.mark_retry(item, reason, self.now_ms() + wait.as_millis() as i64)
    }

    /// A permanent refusal, with its ledger entry, in one transaction; the
    /// item is retried by itself after a long backoff that grows with its
    /// refusals (`wedges` so far).
    fn wedge(&self, lane: Lane, checkin_id: Uuid, wedges: u32, reason: &str) -> Result<()> {
        let at = self.session.now().corrected();
        let wait = backoff::wedged_delay(wedges.saturating_add(1), backoff::random_jitter());
        let retry_at_ms = at.timestamp_millis() + wait.as_millis() as i64;
        let store = &self.session.store;
        store.write(|tx| {
            store.mark_wedged(tx, lane, checkin_id, reason, retry_at_ms)?;
            ledger::append(store, tx, at, lane.wedged(checkin_id, reason.to_string()))
        })?;
        Ok(())
    }
}
