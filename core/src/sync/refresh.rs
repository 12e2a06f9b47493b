//! The end of a sync: the program's documents, fetched only when they
//! changed (the device sends the `ETag` of what it holds), and the
//! server's upload offer kept with them; then the directory and the case
//! document (`crate::resources`, docs/directory.md), over the same
//! connection.
//!
//! A 304 costs a request's headers instead of the plan and the policy
//! again. The tag is kept only once the documents it names were stored
//! without a refusal, so a document the core could not take is fetched
//! again next time rather than skipped for good.
//!
//! A sync whose deliveries failed on the network or the server does not
//! ask about the documents when they were checked less than
//! [`RECHECK_AFTER_TROUBLE`] ago: on a link that drops every few seconds
//! the shell syncs often, and each question would carry nothing new. A
//! sync that went well always asks.
//!
//! A 304 for the plan says nothing about the directory and the case
//! document, which have revisions of their own: they are asked about after
//! a 304 as after a 200, by their own rules (`crate::resources`). The
//! 10-minute rule above skips them too: they were asked about in the same
//! sync that checked the plan, they change less often than the plan, and
//! on a link that drops every few seconds two more questions would only
//! take the deadline from the next delivery.
//!
//! A pin mismatch on the plan question is returned, not swallowed: with
//! nothing queued, the plan is what meets a changed TLS key, and the sync
//! then looks for the program's signed rotation (`rotation.rs`).

use std::time::Duration;

use tokio::time::Instant;

use super::SyncReport;
use crate::error::{Error, Result};
use crate::net::http::{Api, Signer};
use crate::net::plan::PlanFetch;
use crate::session::{Enrolled, Session};

/// How recently checked documents are not asked about again by a sync
/// whose deliveries failed.
pub(super) const RECHECK_AFTER_TROUBLE: Duration = Duration::from_secs(10 * 60);

/// Refreshes the documents if `deadline` allows; a network failure here
/// takes nothing back from the sync (the next one tries again). On an
/// `unmetered` network the directory may be fetched even when one is held.
pub(super) async fn documents(
    session: &Session,
    api: &Api,
    enrolled: &Enrolled,
    unmetered: bool,
    deadline: Instant,
    report: &mut SyncReport,
) -> Result<()> {
    if Instant::now() >= deadline {
        return Ok(());
    }
    let now_ms = session.now().corrected().timestamp_millis();
    let troubled = report.last_error.is_some() && report.remaining + report.media_waiting > 0;
    let recent = session.store.documents_checked_at_ms()?.is_some_and(|at| {
        now_ms.saturating_sub(at) < RECHECK_AFTER_TROUBLE.as_millis() as i64
    });
    if troubled && recent {
        return Ok(());
    }
    let signer = Signer {
        key: &enrolled.device_key,
        device_id: enrolled.record.device_id,
        now_ms: session.server_now_ms(),
    };
    let held = session.store.plan_etag()?;
    let asked = api.plan_if_changed(&signer, held.as_deref());
    let mut errors = Vec::new();
    match tokio::time::timeout_at(deadline, asked).await {
        Ok(Ok(PlanFetch::Changed { response, etag })) => {
            session.store.set_documents_checked_at_ms(now_ms)?;
            session.observe_server_time(response.server_time)?;
            session.store.set_upload_offer(response.uploads.as_ref())?;
            let localizer = session.localizer()?;
            let refreshed = crate::documents::refresh(session, &response, &localizer)?;
            report.plan_updated = refreshed.plan_updated;
            report.policy_updated = refreshed.policy_updated;
            let taken = refreshed.error.is_none();
            errors.extend(refreshed.error);
            session
                .store
                .set_plan_etag(etag.as_deref().filter(|_| taken))?;
        }
        Ok(Ok(PlanFetch::Unchanged { server_time })) => {
            session.store.set_documents_checked_at_ms(now_ms)?;
            // With nothing queued, the plan is the sync's only word from
            // the server's clock: a 304 must not leave the clock behind.
            if let Some(server_time) = server_time {
                session.observe_server_time(server_time)?;
            }
        }
        Ok(Err(Error::PinMismatch)) => return Err(Error::PinMismatch),
        // The network or the server failed: the resources would too.
        _ => return Ok(()),
    }
    let more = crate::resources::refresh(session, api, enrolled, unmetered, deadline).await?;
    report.directory_updated = more.directory_updated;
    report.case_updated = more.case_updated;
    errors.extend(more.errors);
    report.document_error = Some(errors.join("; ")).filter(|e| !e.is_empty());
    Ok(())
}
