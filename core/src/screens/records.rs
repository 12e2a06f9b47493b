//! Proof and my data: the compliance report per window with its receipt
//! or offline code, the ledger in words, the statement and the consents
//! given, and the export to share with a lawyer.

use crate::compliance::{ComplianceStatus, WindowCompliance};
use crate::disclosure::{CollectionStatement, Consent};
use crate::i18n::Arg;

use super::facts::Facts;
use super::home::program_title;
use super::model::{ActionKind, ActionStyle, Block, Route, Screen, Tone};
use super::words::Words;

/// How far back the proof screen looks (the export holds everything the
/// ledger holds).
pub(crate) const PROOF_DAYS: i64 = 60;

fn export_action(w: &Words) -> super::model::Action {
    w.action(
        "proof.export",
        "proof-export",
        ActionStyle::Primary,
        ActionKind::ExportProof,
    )
}

fn ledger_action(w: &Words) -> super::model::Action {
    w.action(
        "proof.open-ledger",
        "proof-open-ledger",
        ActionStyle::Link,
        ActionKind::Navigate {
            route: Route::Ledger,
        },
    )
}

pub(crate) fn proof(f: &Facts, w: &Words, windows: &[WindowCompliance]) -> Screen {
    let items = windows
        .iter()
        .rev()
        .map(|c| {
            let (tone, badge, detail, checkin) = match &c.status {
                ComplianceStatus::Delivered {
                    checkin_id,
                    late,
                    receipt,
                } => (
                    if *late { Tone::Warning } else { Tone::Success },
                    if *late { "proof-late" } else { "proof-on-time" },
                    w.t_args(
                        "proof-received",
                        &[("when", Arg::Text(&w.date_time(receipt.received_at)))],
                    ),
                    Some(checkin_id.to_string()),
                ),
                ComplianceStatus::NotYetSent { checkin_id, .. } => {
                    let code = f
                        .sent(&checkin_id.to_string())
                        .and_then(|s| s.offline_code.clone())
                        .unwrap_or_default();
                    (
                        Tone::Info,
                        "proof-saved",
                        w.t_args("proof-saved-detail", &[("code", Arg::Text(&code))]),
                        Some(checkin_id.to_string()),
                    )
                }
                ComplianceStatus::Wedged { checkin_id, .. } => (
                    Tone::Danger,
                    "proof-refused",
                    w.t("proof-refused-detail"),
                    Some(checkin_id.to_string()),
                ),
                ComplianceStatus::NotTaken { state } => {
                    let (tone, badge) = match state {
                        crate::plan::WindowState::Missed => (Tone::Danger, "proof-missed"),
                        _ => (Tone::Neutral, "proof-open"),
                    };
                    (tone, badge, String::new(), None)
                }
            };
            let mut item = w.item(
                c.window_id.clone(),
                w.date_time(c.opens),
                detail,
                tone,
            );
            item.badge = Some(w.t(badge));
            item.action = checkin.map(|checkin_id| {
                w.action(
                    "proof.open-checkin",
                    "proof-open-checkin",
                    ActionStyle::Link,
                    ActionKind::Navigate {
                        route: Route::Submitted { checkin_id },
                    },
                )
            });
            item
        })
        .collect::<Vec<_>>();
    let mut blocks = vec![w.body(w.t_args(
        "proof-intro",
        &[("program", Arg::Text(&program_title(f, w)))],
    ))];
    if items.is_empty() {
        blocks.push(w.body(w.t("proof-none")));
    } else {
        blocks.push(Block::Items {
            title: Some(w.t_args("proof-window-title", &[("days", Arg::Number(PROOF_DAYS))])),
            items,
        });
    }
    w.screen(
        Route::Proof,
        w.t("proof-title"),
        blocks,
        vec![export_action(w), ledger_action(w)],
        Some(Route::Home),
        true,
    )
}

/// The ledger in the participant's words (one line per entry), or the
/// statement that it was altered.
pub(crate) fn ledger(w: &Words, summary: &str) -> Screen {
    let blocks = summary
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| w.body(l.trim_end().to_string()))
        .collect();
    w.screen(
        Route::Ledger,
        w.t("ledger-screen-title"),
        blocks,
        vec![export_action(w)],
        Some(Route::Proof),
        true,
    )
}

pub(crate) fn my_data(
    w: &Words,
    statement: &CollectionStatement,
    consents: &[Consent],
) -> Screen {
    let mut blocks = vec![w.heading("mydata-statement-title")];
    blocks.extend(statement.text.lines().map(|l| w.body(l.to_string())));
    let items = consents
        .iter()
        .rev()
        .map(|c| {
            w.item(
                format!("consent-{}", c.policy_version),
                w.t_args(
                    "mydata-consent",
                    &[("version", Arg::Number(i64::from(c.policy_version)))],
                ),
                w.t_args(
                    "mydata-consent-detail",
                    &[
                        ("when", Arg::Text(&w.date_time(c.at))),
                        ("language", Arg::Text(&c.language)),
                    ],
                ),
                Tone::Neutral,
            )
        })
        .collect::<Vec<_>>();
    if !items.is_empty() {
        blocks.push(Block::Items {
            title: Some(w.t("mydata-consents-title")),
            items,
        });
    }
    blocks.push(w.caption(w.t("mydata-never-sent")));
    w.screen(
        Route::MyData,
        w.t("mydata-title"),
        blocks,
        vec![ledger_action(w), export_action(w)],
        Some(Route::Home),
        true,
    )
}
