//! The ledger as readable text in the participant's language, for a lawyer
//! or a judge: one line per entry. Only a verified ledger is summarised;
//! a broken one gets [`fault_text`] instead, so it is never presented as
//! sound.

use chrono::{DateTime, Utc};

use super::{LedgerEvent, LedgerFault, RetainedItem, StoredLedgerEntry};
use crate::i18n::{Arg, Localizer};
use crate::protocol::messages::ProgramKeys;

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

fn yes_no(l: &Localizer, b: bool) -> String {
    l.text(if b { "ledger-yes" } else { "ledger-no" }, &[])
}

/// One line describing a location value as sent.
fn location_line(l: &Localizer, loc: Option<&serde_json::Value>) -> String {
    let Some(loc) = loc else {
        return l.text("ledger-location-none", &[]);
    };
    let mode = loc["mode"].as_str().unwrap_or("?");
    if mode == "unknown" {
        // A check-in recovered after the platform key was lost.
        return l.text("ledger-location-unknown", &[]);
    }
    let flags = format!(
        "mock={} stale={} inaccurate={}",
        loc["mock"], loc["stale"], loc["inaccurate"]
    );
    let value = match mode {
        "area" => l.text(
            "ledger-location-area",
            &[("inside", Arg::Text(&yes_no(l, loc["inside"] == true)))],
        ),
        "coarse" => l.text(
            "ledger-location-coarse",
            &[
                ("grid", Arg::Number(loc["grid_m"].as_i64().unwrap_or(0))),
                ("lat", Arg::Text(&loc["lat"].to_string())),
                ("lon", Arg::Text(&loc["lon"].to_string())),
            ],
        ),
        _ => l.text(
            "ledger-location-precise",
            &[
                ("lat", Arg::Text(&loc["lat"].to_string())),
                ("lon", Arg::Text(&loc["lon"].to_string())),
            ],
        ),
    };
    format!("{value} ({flags})")
}

/// The readable summary of a verified ledger.
pub fn summary(rows: &[StoredLedgerEntry], program: &ProgramKeys, l: &Localizer) -> String {
    let mut out = vec![
        l.text("ledger-title", &[("program", Arg::Text(&program.name))]),
        l.text(
            "ledger-intact",
            &[
                ("count", Arg::Number(rows.len() as i64)),
                ("key", Arg::Text(&program.receipt_key_id)),
            ],
        ),
        String::new(),
    ];
    for r in rows {
        let at = stamp(r.entry.at);
        let seq = r.entry.seq as i64;
        let line = match &r.entry.event {
            LedgerEvent::Enrolled { program_name, .. } => {
                l.text("ledger-enrolled", &[("program", Arg::Text(program_name))])
            }
            LedgerEvent::PolicyReceived { version, .. } => l.text(
                "ledger-policy",
                &[("version", Arg::Number(i64::from(*version)))],
            ),
            LedgerEvent::PlanReceived { changes } => l.text(
                "ledger-plan",
                &[("changes", Arg::Number(changes.len() as i64))],
            ),
            LedgerEvent::DirectoryReceived {
                revision,
                services,
                changes,
            } => l.text(
                "ledger-directory",
                &[
                    ("revision", Arg::Number(*revision as i64)),
                    ("services", Arg::Number(i64::from(*services))),
                    ("changes", Arg::Text(&changes.join(" "))),
                ],
            ),
            LedgerEvent::CaseReceived { revision, changes } => l.text(
                "ledger-case",
                &[
                    ("revision", Arg::Number(*revision as i64)),
                    ("changes", Arg::Text(&changes.join(" "))),
                ],
            ),
            LedgerEvent::CheckinSubmitted { summary } => {
                let parts = summary
                    .parts
                    .iter()
                    .map(|p| format!("{:?} {} B", p.kind, p.size).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ");
                let head = l.text(
                    "ledger-submitted",
                    &[
                        ("id", Arg::Text(&summary.checkin_id.to_string())),
                        ("parts", Arg::Text(&parts)),
                        ("digest", Arg::Text(&summary.envelope_sha256_hex)),
                    ],
                );
                let mut text = format!(
                    "{head}\n      {}\n      {}",
                    location_line(l, summary.location.as_ref()),
                    l.text(
                        "ledger-blurred",
                        &[("count", Arg::Number(i64::from(summary.bystanders_blurred)))],
                    )
                );
                if let Some(digest) = &summary.media_envelope_sha256_hex {
                    let deferred = summary
                        .parts
                        .iter()
                        .filter(|p| p.deferred)
                        .map(|p| format!("{:?}", p.kind).to_lowercase())
                        .collect::<Vec<_>>()
                        .join(", ");
                    text.push_str("\n      ");
                    text.push_str(&l.text(
                        "ledger-deferred",
                        &[
                            ("parts", Arg::Text(&deferred)),
                            ("digest", Arg::Text(digest)),
                        ],
                    ));
                }
                text
            }
            LedgerEvent::CheckinDelivered {
                checkin_id,
                receipt,
            } => l.text(
                "ledger-delivered",
                &[
                    ("id", Arg::Text(&checkin_id.to_string())),
                    ("received", Arg::Text(&stamp(receipt.received_at))),
                    ("digest", Arg::Text(&receipt.envelope_sha256_hex)),
                ],
            ),
            LedgerEvent::CheckinWedged { checkin_id, reason } => l.text(
                "ledger-wedged",
                &[
                    ("id", Arg::Text(&checkin_id.to_string())),
                    ("reason", Arg::Text(reason)),
                ],
            ),
            LedgerEvent::MediaDelivered {
                checkin_id,
                receipt,
            } => l.text(
                "ledger-media-delivered",
                &[
                    ("id", Arg::Text(&checkin_id.to_string())),
                    ("received", Arg::Text(&stamp(receipt.received_at))),
                    ("digest", Arg::Text(&receipt.envelope_sha256_hex)),
                ],
            ),
            LedgerEvent::MediaWedged { checkin_id, reason } => l.text(
                "ledger-media-wedged",
                &[
                    ("id", Arg::Text(&checkin_id.to_string())),
                    ("reason", Arg::Text(reason)),
                ],
            ),
            LedgerEvent::ConsentRecorded { policy_version, .. } => l.text(
                "ledger-consent",
                &[("version", Arg::Text(&policy_version.to_string()))],
            ),
            LedgerEvent::ClockJumped {
                seen_ms,
                applied_ms,
            } => l.text(
                "ledger-clock-jump",
                &[
                    ("seen", Arg::Number(seen_ms / 60_000)),
                    ("applied", Arg::Number(applied_ms / 60_000)),
                ],
            ),
            LedgerEvent::TlsKeyRotated { seq, pins } => l.text(
                "ledger-tls-rotated",
                &[
                    ("seq", Arg::Number(i64::try_from(*seq).unwrap_or(i64::MAX))),
                    ("pins", Arg::Text(&pins.join(", "))),
                ],
            ),
            LedgerEvent::StorageKeyLost {
                recovered,
                media_recovered,
                lost,
                ..
            } => l.text(
                "ledger-key-lost",
                &[
                    ("recovered", Arg::Number(recovered.len() as i64)),
                    ("media", Arg::Number(i64::from(*media_recovered))),
                    ("lost", Arg::Number(i64::from(*lost))),
                ],
            ),
            LedgerEvent::RetentionDeleted {
                checkin_id,
                item,
                captured_at,
                device_days,
            } => l.text(
                match item {
                    RetainedItem::DeliveredCheckin => "ledger-retention-checkin",
                    RetainedItem::UnsubmittedDraft => "ledger-retention-draft",
                },
                &[
                    ("id", Arg::Text(&checkin_id.to_string())),
                    ("captured", Arg::Text(&stamp(*captured_at))),
                    ("days", Arg::Number(i64::from(*device_days))),
                ],
            ),
        };
        out.push(format!("{seq:>4}  {at}  {line}"));
    }
    out.join("\n")
}

/// The text shown instead of a summary when the chain is broken.
pub fn fault_text(fault: &LedgerFault, l: &Localizer) -> String {
    l.text("ledger-broken", &[("fault", Arg::Text(&fault.to_string()))])
}
