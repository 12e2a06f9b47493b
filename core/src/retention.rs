//! Retention on the device: the policy's `retention.device_days` says how
//! long the device keeps what it still holds of a check-in (docs/policy.md).
//! [`apply`] runs it: [`select`] decides what is due for deletion, the
//! ledger's proof is checked, and [`delete`] deletes it, each deletion with
//! its `retention_deleted` ledger entry in one transaction.
//!
//! Guarantees:
//! - Only a delivered check-in whose verified receipt is in the ledger is
//!   deleted: queued, sending and wedged check-ins stay whatever their age,
//!   and the ledger keeps every deleted check-in's description and receipt
//!   (so the compliance report does not change).
//! - Age is counted from the capture time on the corrected clock.
//! - A check-in made for a window is kept until that window's late period
//!   and its missed notice are over, so `due()` never calls a done window
//!   missed, even under `device_days: 0`.
//! - A draft (started, never submitted) is deleted when older than
//!   `device_days`, but never younger than [`DRAFT_MIN_AGE_HOURS`]: a
//!   capture in progress is not pulled from under the participant.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::compliance::{self, Outcome};
use crate::error::Result;
use crate::ledger::{LedgerEvent, RetainedItem};
use crate::plan::{MISSED_NOTICE_HOURS, Plan};
use crate::session::Session;
pub(crate) use crate::store::StoredDraft;
use crate::store::{OutboxItem, OutboxState, Store, StoreError};

/// A draft is never deleted sooner than this after it was started.
pub const DRAFT_MIN_AGE_HOURS: i64 = 24;

/// Deletions per transaction: short transactions keep a sync or a submit
/// from waiting long on the store's single writer.
pub const RETENTION_BATCH: usize = 64;

/// One thing to delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deletion {
    pub checkin_id: Uuid,
    pub item: RetainedItem,
    /// Capture time (a draft: start time), corrected.
    pub captured_at: DateTime<Utc>,
}

/// What [`select`] decided.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub deletions: Vec<Deletion>,
    /// Delivered check-ins old enough to go but kept, because the ledger
    /// holds no verified receipt for them.
    pub kept_without_proof: u32,
}

/// What one retention run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionReport {
    /// Delivered check-ins whose stored row was deleted.
    pub checkins_deleted: u32,
    /// Drafts never submitted that were deleted.
    pub drafts_deleted: u32,
    /// Old delivered check-ins kept for want of a verified receipt in the
    /// ledger.
    pub kept_without_proof: u32,
}

/// Whether something from `at` is older than `limit` at `now`.
fn older_than(at: DateTime<Utc>, limit: Duration, now: DateTime<Utc>) -> bool {
    now.signed_duration_since(at) > limit
}

fn days(device_days: u32) -> Duration {
    Duration::try_days(i64::from(device_days)).unwrap_or(Duration::MAX)
}

/// Whether the plan may still report on the window of this check-in: until
/// its late period ends (the window's close if the plan no longer knows
/// it), plus the missed notice.
fn window_still_reported(item: &OutboxItem, plan: Option<&Plan>, now: DateTime<Utc>) -> bool {
    let Some(w) = &item.summary.window else {
        return false;
    };
    let ends = plan
        .and_then(|p| p.window(&w.id).ok())
        .map_or(w.closes_at, |cw| cw.late_ends);
    now < ends + Duration::hours(MISSED_NOTICE_HOURS)
}

impl Selection {
    /// The delivered check-ins selected, which need their proof checked.
    pub fn delivered(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.deletions
            .iter()
            .filter(|d| d.item == RetainedItem::DeliveredCheckin)
            .map(|d| d.checkin_id)
    }

    /// Keeps every delivered check-in not in `proven` (those whose
    /// verified receipt is in the ledger), counting it as kept.
    pub fn require_proof(&mut self, proven: &HashSet<Uuid>) {
        let before = self.deletions.len();
        self.deletions
            .retain(|d| d.item != RetainedItem::DeliveredCheckin || proven.contains(&d.checkin_id));
        self.kept_without_proof += (before - self.deletions.len()) as u32;
    }
}

/// Applies the policy's `retention.device_days` now: deletes delivered
/// check-ins captured longer ago than that (only once the ledger holds
/// their verified receipt) and drafts never submitted. Check-ins not yet
/// delivered are never touched. A broken ledger is
/// [`crate::Error::LedgerBroken`] and deletes nothing.
pub(crate) fn apply(session: &Session) -> Result<RetentionReport> {
    let enrolled = session.enrolled()?;
    let device_days = session.policy()?.retention.device_days;
    let now = session.now().corrected();
    let store = &session.store;
    let mut selection = select(
        device_days,
        session.plan()?.as_deref(),
        &store.outbox()?,
        &store.draft_starts()?,
        now,
    );
    if selection.deletions.is_empty() {
        // The usual case: the ledger need not be read.
        return Ok(RetentionReport::default());
    }
    // The ledger is the only copy left after a deletion: nothing goes
    // unless it verifies and holds the check-in's verified receipt.
    let due: HashSet<Uuid> = selection.delivered().collect();
    let ledger: Vec<_> = crate::ledger::verify(store)?
        .into_iter()
        .map(|row| row.entry)
        .collect();
    let proven: HashSet<Uuid> = compliance::history(&ledger, &[])
        .into_iter()
        .filter(|c| due.contains(&c.summary.checkin_id))
        .filter_map(|c| match &c.outcome {
            Outcome::Delivered(r) => {
                compliance::verified_receipt(&c.summary, r, &enrolled.receipt_key)
                    .map(|_| c.summary.checkin_id)
            }
            _ => None,
        })
        .collect();
    selection.require_proof(&proven);
    let (checkins_deleted, drafts_deleted) =
        delete(store, &selection.deletions, now, device_days)?;
    if checkins_deleted + drafts_deleted > 0 {
        store.checkpoint_truncate()?;
    }
    Ok(RetentionReport {
        checkins_deleted,
        drafts_deleted,
        kept_without_proof: selection.kept_without_proof,
    })
}

/// Deletes `deletions` from `store` in batches of [`RETENTION_BATCH`], each
/// deletion with its `retention_deleted` ledger entry in the same
/// transaction; returns how many check-ins and drafts went. Each is checked
/// again inside its transaction (a draft submitted meanwhile is no longer
/// a draft, and is kept).
pub(crate) fn delete(
    store: &Store,
    deletions: &[Deletion],
    now: DateTime<Utc>,
    device_days: u32,
) -> Result<(u32, u32), StoreError> {
    let (mut checkins, mut drafts) = (0, 0);
    for batch in deletions.chunks(RETENTION_BATCH) {
        let (c, d) = store.write(|tx| {
            let (mut c, mut d) = (0, 0);
            for item in batch {
                let deleted = match item.item {
                    RetainedItem::DeliveredCheckin => {
                        store.delete_delivered(tx, item.checkin_id)?
                    }
                    RetainedItem::UnsubmittedDraft => store.delete_draft_started_at(
                        tx,
                        item.checkin_id,
                        item.captured_at.timestamp_millis(),
                    )?,
                };
                if !deleted {
                    continue;
                }
                crate::ledger::append(
                    store,
                    tx,
                    now,
                    LedgerEvent::RetentionDeleted {
                        checkin_id: item.checkin_id,
                        item: item.item,
                        captured_at: item.captured_at,
                        device_days,
                    },
                )?;
                match item.item {
                    RetainedItem::DeliveredCheckin => c += 1,
                    RetainedItem::UnsubmittedDraft => d += 1,
                }
            }
            Ok((c, d))
        })?;
        checkins += c;
        drafts += d;
    }
    Ok((checkins, drafts))
}

/// What is due for deletion at `now` (corrected) under `device_days`,
/// before [`Selection::require_proof`].
pub fn select(
    device_days: u32,
    plan: Option<&Plan>,
    outbox: &[OutboxItem],
    drafts: &[StoredDraft],
    now: DateTime<Utc>,
) -> Selection {
    let limit = days(device_days);
    let mut out = Selection::default();
    for item in outbox {
        if item.state != OutboxState::Delivered
            || !older_than(item.summary.captured_at, limit, now)
            || window_still_reported(item, plan, now)
        {
            continue;
        }
        out.deletions.push(Deletion {
            checkin_id: item.checkin_id,
            item: RetainedItem::DeliveredCheckin,
            captured_at: item.summary.captured_at,
        });
    }
    let draft_limit = limit.max(Duration::hours(DRAFT_MIN_AGE_HOURS));
    for d in drafts {
        if older_than(d.started_at, draft_limit, now) {
            out.deletions.push(Deletion {
                checkin_id: d.id,
                item: RetainedItem::UnsubmittedDraft,
                captured_at: d.started_at,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::CheckinSummary;
    use crate::protocol::envelope::{ClockEvidence, WindowRef};

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("time")
            .with_timezone(&Utc)
    }

    fn plan() -> Plan {
        Plan::from_json(
            br#"{"format":1,"plan_id":"p","revision":1,"zone":"Etc/UTC","language":"en",
            "schedules":[{"id":"daily","start":"2026-11-01T09:00","rrule":"FREQ=DAILY",
                          "window_minutes":60,"late_minutes":120}]}"#,
        )
        .expect("plan")
    }

    fn item(at: DateTime<Utc>, state: OutboxState, window: Option<&str>) -> OutboxItem {
        let checkin_id = Uuid::new_v4();
        let p = plan();
        OutboxItem {
            checkin_id,
            seq: 0,
            state,
            envelope: None,
            summary: CheckinSummary {
                checkin_id,
                window: window.map(|id| {
                    let w = p.window(id).expect("window");
                    WindowRef {
                        id: w.id,
                        opens_at: w.opens,
                        closes_at: w.closes,
                    }
                }),
                captured_at: at,
                clock: ClockEvidence {
                    device_time: at,
                    server_offset_ms: 0,
                    uptime_ms: None,
                },
                policy_version: Some(1),
                ledger_head: None,
                parts: Vec::new(),
                location: None,
                bystanders_blurred: 0,
                envelope_sha256_hex: "00".repeat(32),
                media_envelope_sha256_hex: None,
                media_envelope_size: None,
                envelope_size: 1,
            },
            receipt: None,
            attempts: 1,
            next_attempt_at_ms: 0,
            last_error: None,
            submitted_at_ms: 0,
            recovered: false,
        }
    }

    fn ids(sel: &Selection, what: RetainedItem) -> Vec<Uuid> {
        sel.deletions
            .iter()
            .filter(|d| d.item == what)
            .map(|d| d.checkin_id)
            .collect()
    }

    #[test]
    fn only_old_delivered_checkins_with_proof_go() {
        let now = t("2026-12-15T12:00:00Z");
        let old = t("2026-11-10T09:15:00Z");
        let young = t("2026-12-10T09:15:00Z");
        let delivered_old = item(old, OutboxState::Delivered, Some("daily@2026-11-10T09:00"));
        let delivered_young = item(young, OutboxState::Delivered, None);
        let no_proof = item(old, OutboxState::Delivered, None);
        let waiting: Vec<OutboxItem> = [
            OutboxState::Queued,
            OutboxState::Sending,
            OutboxState::Wedged,
        ]
        .into_iter()
        .map(|s| item(t("2025-01-01T00:00:00Z"), s, None))
        .collect();
        let mut outbox = vec![
            delivered_old.clone(),
            delivered_young.clone(),
            no_proof.clone(),
        ];
        outbox.extend(waiting.iter().cloned());
        // Every one has a receipt in the ledger but `no_proof`.
        let proven: HashSet<Uuid> = outbox
            .iter()
            .map(|i| i.checkin_id)
            .filter(|id| *id != no_proof.checkin_id)
            .collect();
        let mut sel = select(30, Some(&plan()), &outbox, &[], now);
        sel.require_proof(&proven);
        assert_eq!(
            ids(&sel, RetainedItem::DeliveredCheckin),
            [delivered_old.checkin_id]
        );
        assert_eq!(sel.kept_without_proof, 1);
        // However old, nothing undelivered ever goes, even under 0 days.
        let sel = select(0, Some(&plan()), &waiting, &[], now);
        assert!(sel.deletions.is_empty(), "{sel:?}");
        // Exactly `device_days` old is not older than it.
        let sel = select(
            30,
            None,
            &[item(now - days(30), OutboxState::Delivered, None)],
            &[],
            now,
        );
        assert!(sel.deletions.is_empty());
    }

    #[test]
    fn a_checkin_stays_while_its_window_can_still_be_reported() {
        // Under 0 days a delivered check-in for today's window stays until
        // the late period (to 12:00) and the missed notice are over.
        let done = item(
            t("2026-11-20T09:10:00Z"),
            OutboxState::Delivered,
            Some("daily@2026-11-20T09:00"),
        );
        let outbox = [done.clone()];
        let late_ends = t("2026-11-20T12:00:00Z");
        let notice = Duration::hours(MISSED_NOTICE_HOURS);
        for (now, gone) in [
            (t("2026-11-20T09:30:00Z"), false),
            (late_ends + notice - Duration::seconds(1), false),
            (late_ends + notice, true),
        ] {
            let sel = select(0, Some(&plan()), &outbox, &[], now);
            assert_eq!(!sel.deletions.is_empty(), gone, "at {now}");
        }
        // An unscheduled check-in under 0 days goes at once.
        let free = item(t("2026-11-20T09:10:00Z"), OutboxState::Delivered, None);
        let sel = select(
            0,
            Some(&plan()),
            std::slice::from_ref(&free),
            &[],
            t("2026-11-20T09:10:01Z"),
        );
        assert_eq!(sel.deletions.len(), 1);
    }

    #[test]
    fn drafts_go_after_device_days_but_never_within_a_day() {
        let now = t("2026-12-15T12:00:00Z");
        let drafts = [
            StoredDraft {
                id: Uuid::new_v4(),
                started_at: now - Duration::days(40),
            },
            StoredDraft {
                id: Uuid::new_v4(),
                started_at: now - Duration::days(3),
            },
            StoredDraft {
                id: Uuid::new_v4(),
                started_at: now - Duration::minutes(5),
            },
        ];
        let sel = select(30, None, &[], &drafts, now);
        assert_eq!(ids(&sel, RetainedItem::UnsubmittedDraft), [drafts[0].id]);
        let sel = select(0, None, &[], &drafts, now);
        assert_eq!(
            ids(&sel, RetainedItem::UnsubmittedDraft),
            [drafts[0].id, drafts[1].id],
            "the capture in progress stays"
        );
        assert_eq!(sel.deletions[0].captured_at, drafts[0].started_at);
    }
}
