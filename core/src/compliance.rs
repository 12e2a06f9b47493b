//! Proof of compliance: for a date range, every window the plan scheduled,
//! and either the check-in that satisfied it (with its receipt re-verified
//! under the pinned receipt key) or why there is none: taken but not yet
//! sent, refused by the server (wedged), or never taken.
//!
//! The check-ins come from the participant's ledger ([`history`]), which
//! keeps every submitted check-in's description and receipt for good; the
//! outbox only tells the current state of those still in it. So the report
//! is the same before and after retention (`crate::retention`) deletes
//! delivered check-ins from the device.
//!
//! [`report`] is a pure function of the plan, the check-ins, the receipt
//! key and the corrected time, so the same inputs always give the same
//! report. A receipt counts as proof only if its signature verifies and it
//! names the check-in, the envelope digest and the capture time recorded
//! on the device.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::checkin::CheckinSummary;
use crate::clock::ClockEstimate;
use crate::ledger::{LedgerEntry, LedgerEvent};
use crate::plan::{Plan, PlanError, Punctuality, WindowState};
use crate::protocol::receipt::{self, Receipt};
use crate::store::{OutboxItem, OutboxState};

/// One window and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowCompliance {
    pub window_id: String,
    pub opens: DateTime<Utc>,
    pub closes: DateTime<Utc>,
    pub late_ends: DateTime<Utc>,
    pub status: ComplianceStatus,
}

/// What became of one window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ComplianceStatus {
    /// Satisfied, with the program's verified receipt.
    Delivered {
        checkin_id: Uuid,
        late: bool,
        receipt: Receipt,
    },
    /// Taken in time but not delivered yet (queued, or the receipt did not
    /// verify).
    NotYetSent { checkin_id: Uuid, late: bool },
    /// Taken in time, refused for good by the server.
    Wedged { checkin_id: Uuid, reason: String },
    /// No check-in taken in time: still possible (`state` upcoming, open,
    /// in grace, late) or missed.
    NotTaken { state: WindowState },
}

/// One submitted check-in: its description and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmittedCheckin {
    pub summary: CheckinSummary,
    pub outcome: Outcome,
}

/// What became of a submitted check-in.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Queued or being sent.
    Pending,
    /// Delivered with this receipt (checked again by [`verified_receipt`]).
    Delivered(Receipt),
    /// Refused for good by the server, with the reason.
    Wedged(String),
}

/// Every submitted check-in in submission order, from the ledger; the
/// state of those still in `outbox` is taken from it (a wedged check-in
/// put back in the queue is pending again, which the ledger does not say).
pub fn history(ledger: &[LedgerEntry], outbox: &[OutboxItem]) -> Vec<SubmittedCheckin> {
    let mut out: Vec<SubmittedCheckin> = Vec::new();
    let mut index: HashMap<Uuid, usize> = HashMap::new();
    for entry in ledger {
        match &entry.event {
            LedgerEvent::CheckinSubmitted { summary } => {
                index.insert(summary.checkin_id, out.len());
                out.push(SubmittedCheckin {
                    summary: summary.clone(),
                    outcome: Outcome::Pending,
                });
            }
            LedgerEvent::CheckinDelivered {
                checkin_id,
                receipt,
            } => {
                if let Some(&i) = index.get(checkin_id) {
                    out[i].outcome = Outcome::Delivered(receipt.clone());
                }
            }
            LedgerEvent::CheckinWedged { checkin_id, reason } => {
                if let Some(&i) = index.get(checkin_id) {
                    out[i].outcome = Outcome::Wedged(reason.clone());
                }
            }
            _ => {}
        }
    }
    for item in outbox {
        let Some(&i) = index.get(&item.checkin_id) else {
            continue;
        };
        let current = &mut out[i].outcome;
        match item.state {
            OutboxState::Queued | OutboxState::Sending => *current = Outcome::Pending,
            OutboxState::Wedged => {
                *current = Outcome::Wedged(item.last_error.clone().unwrap_or_default());
            }
            OutboxState::Delivered => {
                if let (Outcome::Pending | Outcome::Wedged(_), Some(r)) = (&current, &item.receipt)
                {
                    *current = Outcome::Delivered(r.clone());
                }
            }
        }
    }
    out
}

fn estimate(summary: &CheckinSummary) -> ClockEstimate {
    ClockEstimate {
        device_time: summary.clock.device_time,
        server_offset_ms: summary.clock.server_offset_ms,
        uptime_ms: summary.clock.uptime_ms,
    }
}

/// `receipt` if its signature verifies under `receipt_public_key` and it
/// names this check-in, its envelope digest and its capture time.
pub fn verified_receipt(
    summary: &CheckinSummary,
    receipt: &Receipt,
    receipt_public_key: &[u8],
) -> Option<Receipt> {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let body = b64.decode(&receipt.receipt_b64).ok()?;
    let signature = b64.decode(&receipt.signature_b64).ok()?;
    let digest: [u8; 32] = hex::decode(&summary.envelope_sha256_hex)
        .ok()?
        .try_into()
        .ok()?;
    receipt::verify(
        &body,
        &signature,
        receipt::Expected {
            checkin_id: summary.checkin_id,
            envelope_digest: &digest,
            captured_at: summary.captured_at,
            receipt_public_key,
        },
    )
    .ok()
}

/// The report for windows opening in `[from, to)` as the client has it
/// now: its plan, its verified `ledger`, its outbox, its receipt key.
pub(crate) fn report_now(
    session: &crate::session::Session,
    ledger: &[LedgerEntry],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> crate::error::Result<Vec<WindowCompliance>> {
    let enrolled = session.enrolled()?;
    let Some(plan) = session.plan()? else {
        return Ok(Vec::new());
    };
    let checkins = history(ledger, &session.store.outbox()?);
    Ok(report(
        &plan,
        &checkins,
        &enrolled.receipt_key,
        from,
        to,
        &session.now(),
    )?)
}

/// The report for windows opening in `[from, to)`.
pub fn report(
    plan: &Plan,
    checkins: &[SubmittedCheckin],
    receipt_public_key: &[u8],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: &ClockEstimate,
) -> Result<Vec<WindowCompliance>, PlanError> {
    let windows = plan.windows_between(from, to)?;
    let mut out = Vec::with_capacity(windows.len());
    for w in windows {
        // Check-ins for this window that count (on time or late), best
        // evidence first: delivered with a verified receipt, then queued,
        // then wedged.
        let mut best: Option<(u8, ComplianceStatus)> = None;
        for item in checkins
            .iter()
            .filter(|i| i.summary.window.as_ref().is_some_and(|wr| wr.id == w.id))
        {
            let late = match w.punctuality(&estimate(&item.summary)) {
                Punctuality::OnTime => false,
                Punctuality::Late => true,
                Punctuality::Early | Punctuality::TooLate => continue,
            };
            let checkin_id = item.summary.checkin_id;
            let candidate = match &item.outcome {
                Outcome::Delivered(r) => {
                    match verified_receipt(&item.summary, r, receipt_public_key) {
                        Some(receipt) => (
                            0,
                            ComplianceStatus::Delivered {
                                checkin_id,
                                late,
                                receipt,
                            },
                        ),
                        None => (1, ComplianceStatus::NotYetSent { checkin_id, late }),
                    }
                }
                Outcome::Pending => (1, ComplianceStatus::NotYetSent { checkin_id, late }),
                Outcome::Wedged(reason) => (
                    2,
                    ComplianceStatus::Wedged {
                        checkin_id,
                        reason: reason.clone(),
                    },
                ),
            };
            if best.as_ref().is_none_or(|(rank, _)| candidate.0 < *rank) {
                best = Some(candidate);
            }
        }
        let status = match best {
            Some((_, status)) => status,
            None => ComplianceStatus::NotTaken {
                state: crate::plan::window_state(&w, &[], now),
            },
        };
        out.push(WindowCompliance {
            window_id: w.id.clone(),
            opens: w.opens,
            closes: w.closes,
            late_ends: w.late_ends,
            status,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::CheckinSummary;
    use crate::crypto::signing::DeviceKey;
    use crate::protocol::envelope::{ClockEvidence, WindowRef};
    use base64::Engine as _;
    use chrono::Duration;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("time")
            .with_timezone(&Utc)
    }

    /// A check-in for `window` captured at `at`, in `state`, with a receipt
    /// signed by `key` when delivered.
    fn item(
        plan: &Plan,
        window: &str,
        at: DateTime<Utc>,
        state: OutboxState,
        key: &DeviceKey,
    ) -> SubmittedCheckin {
        let w = plan.window(window).expect("window");
        let checkin_id = Uuid::new_v4();
        let digest = crate::crypto::sha256(checkin_id.as_bytes());
        let outcome = match state {
            OutboxState::Delivered => {
                let body = receipt::encode(checkin_id, &digest, at, at, &key.public_key());
                let sig = key.sign(b"", &body);
                let b64 = base64::engine::general_purpose::STANDARD;
                Outcome::Delivered(Receipt {
                    checkin_id,
                    envelope_sha256_hex: hex::encode(digest),
                    received_at: at,
                    captured_at: at,
                    receipt_key_id: crate::crypto::key_id(&key.public_key()),
                    receipt_b64: b64.encode(body),
                    signature_b64: b64.encode(sig),
                })
            }
            OutboxState::Wedged => Outcome::Wedged("unopenable".into()),
            OutboxState::Queued | OutboxState::Sending => Outcome::Pending,
        };
        SubmittedCheckin {
            summary: CheckinSummary {
                checkin_id,
                window: Some(WindowRef {
                    id: w.id.clone(),
                    opens_at: w.opens,
                    closes_at: w.closes,
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
                envelope_sha256_hex: hex::encode(digest),
                envelope_size: 1,
                media_envelope_sha256_hex: None,
                media_envelope_size: None,
            },
            outcome,
        }
    }

    /// The outbox row a submitted check-in would have in `state`.
    fn row(c: &SubmittedCheckin, state: OutboxState) -> OutboxItem {
        OutboxItem {
            checkin_id: c.summary.checkin_id,
            seq: 0,
            state,
            envelope: None,
            summary: c.summary.clone(),
            receipt: match &c.outcome {
                Outcome::Delivered(r) => Some(r.clone()),
                _ => None,
            },
            attempts: 1,
            next_attempt_at_ms: 0,
            last_error: None,
            submitted_at_ms: 0,
            recovered: false,
        }
    }

    fn entry(seq: u64, event: LedgerEvent) -> LedgerEntry {
        LedgerEntry {
            seq,
            at: t("2026-11-01T00:00:00Z"),
            prev_hash_hex: String::new(),
            event,
        }
    }

    #[test]
    fn history_comes_from_the_ledger_and_the_outbox_only_updates_its_state() {
        let plan = Plan::from_json(
            br#"{"format":1,"plan_id":"p","revision":1,"zone":"Etc/UTC","language":"en",
            "schedules":[{"id":"daily","start":"2026-11-01T09:00","rrule":"FREQ=DAILY",
                          "window_minutes":60,"late_minutes":120}]}"#,
        )
        .expect("plan");
        let key = DeviceKey::generate().expect("key");
        let w = "daily@2026-11-02T09:00";
        let at = t("2026-11-02T09:10:00Z");
        let delivered = item(&plan, w, at, OutboxState::Delivered, &key);
        let requeued = item(&plan, w, at, OutboxState::Queued, &key);
        let Outcome::Delivered(receipt) = delivered.outcome.clone() else {
            panic!("delivered");
        };
        let ledger = vec![
            entry(
                1,
                LedgerEvent::CheckinSubmitted {
                    summary: delivered.summary.clone(),
                },
            ),
            entry(
                2,
                LedgerEvent::CheckinSubmitted {
                    summary: requeued.summary.clone(),
                },
            ),
            entry(
                3,
                LedgerEvent::CheckinDelivered {
                    checkin_id: delivered.summary.checkin_id,
                    receipt,
                },
            ),
            entry(
                4,
                LedgerEvent::CheckinWedged {
                    checkin_id: requeued.summary.checkin_id,
                    reason: "422 unopenable".into(),
                },
            ),
        ];
        // Both still in the outbox; the wedged one was put back in the queue.
        let full = history(
            &ledger,
            &[
                row(&delivered, OutboxState::Delivered),
                row(&requeued, OutboxState::Queued),
            ],
        );
        assert_eq!(full, [delivered.clone(), requeued.clone()]);
        // The delivered one deleted from the outbox: the ledger alone says it.
        let pruned = history(&ledger, &[row(&requeued, OutboxState::Queued)]);
        assert_eq!(pruned, full);
        // Without the outbox the ledger's last word on the wedged one stands.
        let ledger_only = history(&ledger, &[]);
        assert_eq!(
            ledger_only[1].outcome,
            Outcome::Wedged("422 unopenable".into())
        );
    }

    #[test]
    fn a_month_of_windows_matches_the_plan() {
        let plan = Plan::from_json(
            br#"{"format":1,"plan_id":"p","revision":1,"zone":"Etc/UTC","language":"en",
            "schedules":[{"id":"daily","start":"2026-11-01T09:00","rrule":"FREQ=DAILY",
                          "window_minutes":60,"late_minutes":120}]}"#,
        )
        .expect("plan");
        let key = DeviceKey::generate().expect("key");
        let other = DeviceKey::generate().expect("key");
        let day = |d: u32| format!("daily@2026-11-{d:02}T09:00");
        let at = |d: u32, hm: &str| t(&format!("2026-11-{d:02}T{hm}:00Z"));
        let mut items = Vec::new();
        for d in 1..=30 {
            match d {
                // Missed: nothing taken.
                5 | 12 => {}
                // Late but accepted.
                7 => items.push(item(
                    &plan,
                    &day(d),
                    at(d, "10:30"),
                    OutboxState::Delivered,
                    &key,
                )),
                // Too late: taken after the late period, does not count.
                9 => items.push(item(
                    &plan,
                    &day(d),
                    at(d, "12:30"),
                    OutboxState::Delivered,
                    &key,
                )),
                // Wedged by the server.
                14 => items.push(item(
                    &plan,
                    &day(d),
                    at(d, "09:10"),
                    OutboxState::Wedged,
                    &key,
                )),
                // Wedged first, then retaken and delivered: the delivery wins.
                15 => {
                    items.push(item(
                        &plan,
                        &day(d),
                        at(d, "09:05"),
                        OutboxState::Wedged,
                        &key,
                    ));
                    items.push(item(
                        &plan,
                        &day(d),
                        at(d, "09:20"),
                        OutboxState::Delivered,
                        &key,
                    ));
                }
                // Taken offline, still queued.
                20 | 21 => items.push(item(
                    &plan,
                    &day(d),
                    at(d, "09:30"),
                    OutboxState::Queued,
                    &key,
                )),
                // A receipt signed by another key is no proof.
                22 => items.push(item(
                    &plan,
                    &day(d),
                    at(d, "09:30"),
                    OutboxState::Delivered,
                    &other,
                )),
                // Days 28 to 30 are still ahead at `now`.
                28..=30 => {}
                _ => items.push(item(
                    &plan,
                    &day(d),
                    at(d, "09:15"),
                    OutboxState::Delivered,
                    &key,
                )),
            }
        }
        let now = ClockEstimate::uncorrected(at(28, "09:30"));
        let rep = report(
            &plan,
            &items,
            &key.public_key(),
            t("2026-11-01T00:00:00Z"),
            t("2026-12-01T00:00:00Z"),
            &now,
        )
        .expect("report");
        assert_eq!(rep.len(), 30, "one entry per window of the month");
        let kind = |d: u32| -> String {
            match &rep[d as usize - 1].status {
                ComplianceStatus::Delivered { late: false, .. } => "on-time".into(),
                ComplianceStatus::Delivered { late: true, .. } => "late".into(),
                ComplianceStatus::NotYetSent { .. } => "not-sent".into(),
                ComplianceStatus::Wedged { .. } => "wedged".into(),
                ComplianceStatus::NotTaken { state } => format!("{state:?}"),
            }
        };
        for d in 1..=30 {
            assert_eq!(rep[d as usize - 1].window_id, day(d));
            let want = match d {
                5 | 9 | 12 => "Missed",
                7 => "late",
                14 => "wedged",
                20..=22 => "not-sent",
                28 => "Open",
                29 | 30 => "Upcoming",
                _ => "on-time",
            };
            assert_eq!(kind(d), want, "day {d}");
        }
        // The proof carries the verified receipt of the check-in.
        let ComplianceStatus::Delivered {
            receipt,
            checkin_id,
            ..
        } = &rep[0].status
        else {
            panic!("day 1 delivered");
        };
        assert_eq!(receipt.checkin_id, *checkin_id);
        assert_eq!(rep[0].closes - rep[0].opens, Duration::minutes(60));
    }
}
