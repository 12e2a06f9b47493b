//! The proof to share with a lawyer: one text file, in the participant's
//! language, with the compliance report, the ledger in words, and the
//! ledger's verifiable export (docs/ledger.md) that anyone can check
//! without this app. Written to the app's own storage for the OS share
//! sheet; the file of an earlier export is deleted first, and the folder
//! when the client next opens.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::Duration;

use crate::client::CheckinClient;
use crate::error::Result;
use crate::i18n::Arg;
use crate::store::StoreError;

use crate::session::EXPORT_DIR;

fn io(e: std::io::Error) -> StoreError {
    if e.raw_os_error() == Some(28) {
        StoreError::DiskFull
    } else {
        StoreError::Corrupt(format!("cannot write the export: {}", e.kind()))
    }
}

/// Writes the export and returns its path.
pub(crate) fn write(client: &CheckinClient) -> Result<PathBuf> {
    let l = client.session.localizer()?;
    let now = client.corrected_now()?;
    let dir = client.data_dir().join(EXPORT_DIR);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(io)?;
    }
    std::fs::create_dir_all(&dir).map_err(io)?;
    let program = client.policy()?.program.name;
    let mut text = String::new();
    let line = |text: &mut String, s: String| {
        let _ = writeln!(text, "{s}");
    };
    line(
        &mut text,
        l.text("export-title", &[("program", Arg::Text(&program))]),
    );
    line(
        &mut text,
        l.text(
            "export-made",
            &[("when", Arg::Text(&now.format("%Y-%m-%d %H:%M UTC").to_string()))],
        ),
    );
    line(&mut text, String::new());
    line(&mut text, l.text("export-windows", &[]));
    let windows = client.compliance_report(
        now - Duration::days(super::records::PROOF_DAYS),
        now + Duration::days(1),
    )?;
    for w in &windows {
        let status = serde_json::to_value(&w.status)
            .ok()
            .and_then(|v| v["status"].as_str().map(str::to_string))
            .unwrap_or_default();
        line(
            &mut text,
            format!(
                "  {}  {}",
                w.opens.format("%Y-%m-%d %H:%M UTC"),
                l.text("export-status", &[("status", Arg::Text(&status))])
            ),
        );
    }
    line(&mut text, String::new());
    line(&mut text, client.ledger_summary(l.language())?);
    line(&mut text, String::new());
    line(&mut text, l.text("export-verifiable", &[]));
    line(&mut text, client.export_ledger_json()?);
    let path = dir.join(format!("checkin-proof-{}.txt", now.format("%Y%m%d-%H%M")));
    std::fs::write(&path, text).map_err(io)?;
    Ok(path)
}
