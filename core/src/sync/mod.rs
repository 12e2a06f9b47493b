//! Delivering the queue: send each queued check-in in order, with its id
//! as the idempotency key; accept it as delivered only with a receipt that
//! verifies under the pinned key; keep everything else for later. Then
//! refresh the program's documents if time remains.
//!
//! Deferred media (docs/protocol.md, "Deferred media") is a second lane of
//! the same queue (`store::Lane`): sent only on an unmetered network, after
//! every due check-in record, and only once its own record is delivered. It
//! retries and wedges like a check-in and never holds one back. The loop
//! (`deliver.rs`) does not know which lane an item is in; what differs on
//! the wire and in the ledger is in `lane.rs`.
//!
//! A pin mismatch (the server shows a TLS key the device did not pin) stops
//! the sync, unless the program published a signed TLS key rotation to the
//! new key (`rotation.rs`): then the device takes the new pins and the sync
//! goes on.
//!
//! Each step commits on its own (`sending`, then `delivered` with the
//! receipt and the ledger entry in one transaction), so a sync killed or
//! cancelled at any point leaves every item whole; an item caught in
//! `sending` is sent again and the server's idempotency keeps it single.
//!
//! An envelope goes in resumable uploads when the server offers them, so a
//! connection cut mid-upload costs only what was not yet sent
//! (`resume.rs`); one HTTP client (its connection and TLS sessions) serves
//! every sync of the client; the documents are fetched only when they
//! changed (`refresh.rs`).

pub mod backoff;
mod deliver;
mod lane;
mod refresh;
mod resume;
mod rotation;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::time::Instant;

use crate::error::Result;
use crate::session::Session;
use crate::store::Lane;

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
    /// The server sent a plan, policy, directory or case document that was
    /// refused; the stored one stays in force.
    pub document_error: Option<String>,
    /// A newer directory of community services was stored (its changes
    /// are in the ledger).
    #[serde(default)]
    pub directory_updated: bool,
    /// A newer case document was stored (its changes are in the ledger).
    #[serde(default)]
    pub case_updated: bool,
    /// What retention deleted at the end of the sync; `None` if it did not
    /// run (deadline reached, or it failed and runs again next time).
    pub retention: Option<crate::retention::RetentionReport>,
}

/// How the last syncs went, kept for the participant's home screen: when
/// the program last answered, and what stands in the way now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncHealth {
    /// The last sync that reached the program and had nothing refused.
    #[serde(default, with = "crate::protocol::wire_time::option")]
    pub last_success: Option<DateTime<Utc>>,
    pub problem: Option<SyncProblem>,
}

/// What stood in the way at the last sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncProblem {
    /// The program could not be reached (no signal, server down, a portal).
    Unreachable,
    /// The server's TLS key is not the one pinned: possibly an attack on
    /// the connection; the participant should call the program.
    PinMismatch,
    /// A check-in was refused for good.
    Refused,
}

const HEALTH_KEY: &str = "sync_health";

/// How the last syncs went.
pub(crate) fn health(session: &Session) -> Result<SyncHealth> {
    Ok(session
        .store
        .meta(HEALTH_KEY)?
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default())
}

/// Records how a sync ended. Offline syncs are not recorded: they tried
/// nothing.
pub(crate) fn record_health(session: &Session, outcome: &Result<SyncReport>) -> Result<()> {
    let mut health = health(session)?;
    health.problem = match outcome {
        Err(crate::error::Error::PinMismatch) => Some(SyncProblem::PinMismatch),
        Err(_) => Some(SyncProblem::Unreachable),
        Ok(r) if r.wedged + r.media_wedged > 0 => Some(SyncProblem::Refused),
        Ok(r) if r.last_error.is_some() || r.deadline_reached => Some(SyncProblem::Unreachable),
        Ok(_) => None,
    };
    if matches!(outcome, Ok(r) if r.last_error.is_none() && !r.deadline_reached) {
        health.last_success = Some(session.now().corrected());
    }
    let bytes = serde_json::to_vec(&health)
        .map_err(|e| crate::store::StoreError::Corrupt(e.to_string()))?;
    session.store.put_meta(HEALTH_KEY, &bytes)?;
    Ok(())
}

/// One lane's counters in a [`SyncReport`].
struct LaneTally<'r> {
    delivered: &'r mut u32,
    wedged: &'r mut u32,
    waiting: &'r mut u32,
}

impl SyncReport {
    /// A report of nothing done yet, with what waits now.
    pub(crate) fn waiting(session: &Session) -> Result<Self> {
        let mut report = SyncReport::default();
        for lane in Lane::IN_SEND_ORDER {
            *report.tally(lane).waiting = session.store.lane_counts(lane)?.waiting as u32;
        }
        Ok(report)
    }

    fn tally(&mut self, lane: Lane) -> LaneTally<'_> {
        match lane {
            Lane::Record => LaneTally {
                delivered: &mut self.delivered,
                wedged: &mut self.wedged,
                waiting: &mut self.remaining,
            },
            Lane::Media => LaneTally {
                delivered: &mut self.media_delivered,
                wedged: &mut self.media_wedged,
                waiting: &mut self.media_waiting,
            },
        }
    }

    /// One item delivered; `was_waiting` is false for a wedged item
    /// retried after its long backoff (it was not counted as waiting).
    fn count_delivered(&mut self, lane: Lane, was_waiting: bool) {
        let t = self.tally(lane);
        *t.delivered += 1;
        if was_waiting {
            *t.waiting = t.waiting.saturating_sub(1);
        }
    }

    /// Adds the items wedged while preparing (counted apart) to this report.
    fn absorb_wedged(&mut self, other: &SyncReport) {
        self.wedged += other.wedged;
        self.remaining = self.remaining.saturating_sub(other.wedged);
        self.media_wedged += other.media_wedged;
        self.media_waiting = self.media_waiting.saturating_sub(other.media_wedged);
    }

    /// One item refused (again, for a retried wedged item).
    fn count_wedged(&mut self, lane: Lane, was_waiting: bool) {
        let t = self.tally(lane);
        *t.wedged += 1;
        if was_waiting {
            *t.waiting = t.waiting.saturating_sub(1);
        }
    }
}

/// The lanes a sync serves on this network: deferred media only when it is
/// unmetered.
pub(crate) fn lanes(send_media: bool) -> &'static [Lane] {
    if send_media {
        &Lane::IN_SEND_ORDER
    } else {
        &Lane::IN_SEND_ORDER[..1]
    }
}

/// The earliest time an item of `lanes` may be retried.
pub(crate) fn next_retry_at(session: &Session, lanes: &[Lane]) -> Result<Option<DateTime<Utc>>> {
    let mut earliest = None;
    for &lane in lanes {
        if let Some(at) = session.store.next_retry_at_ms(lane)? {
            earliest = Some(earliest.map_or(at, |e: i64| e.min(at)));
        }
    }
    Ok(earliest.and_then(crate::protocol::wire_time::from_millis))
}

/// Sends what is due in `lanes` until done or until `deadline`, then
/// refreshes the program's documents if time remains. On a pin mismatch,
/// takes the program's signed TLS key rotation if there is a valid one, and
/// goes on once with the new pins.
pub(crate) async fn run(
    session: &Session,
    lanes: &[Lane],
    deadline: Instant,
    listener: Option<&dyn SyncListener>,
) -> Result<SyncReport> {
    let mut report = match deliver_and_refresh(session, lanes, deadline, listener).await {
        Err(crate::error::Error::PinMismatch) if rotation::adopt(session).await? => {
            // What waited for the mismatch is due again at once.
            for &lane in lanes {
                session.store.reset_backoff(lane)?;
            }
            deliver_and_refresh(session, lanes, deadline, listener).await?
        }
        other => other?,
    };
    report.next_retry_at = next_retry_at(session, lanes)?;
    Ok(report)
}

/// One pass with the pins held now: deliver, then refresh the documents.
async fn deliver_and_refresh(
    session: &Session,
    lanes: &[Lane],
    deadline: Instant,
    listener: Option<&dyn SyncListener>,
) -> Result<SyncReport> {
    let enrolled = session.enrolled()?;
    let api = session.api(&enrolled)?;
    let mut report = deliver::Delivery {
        session,
        api: &api,
        enrolled: &enrolled,
        lanes,
    }
    .run(deadline, listener)
    .await?;
    // Then the documents, the directory and the case document, over the
    // same client (`refresh.rs`).
    let unmetered = lanes.contains(&Lane::Media);
    refresh::documents(session, &api, &enrolled, unmetered, deadline, &mut report).await?;
    Ok(report)
}
