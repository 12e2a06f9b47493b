//! The end of a sync: the program's documents, fetched only when they
//! changed (the device sends the `ETag` of what it holds), and the
//! server's upload offer kept with them.
//!
//! A 304 costs a request's headers instead of the plan and the policy
//! again. The tag is kept only once the documents it names were stored
//! without a refusal, so a document the core could not take is fetched
//! again next time rather than skipped for good.

use tokio::time::Instant;

use super::SyncReport;
use crate::error::Result;
use crate::net::http::{Api, Signer};
use crate::net::plan::PlanFetch;
use crate::session::{Enrolled, Session};

/// Refreshes the documents if `deadline` allows; a network failure here
/// takes nothing back from the sync (the next one tries again).
pub(super) async fn documents(
    session: &Session,
    api: &Api,
    enrolled: &Enrolled,
    deadline: Instant,
    report: &mut SyncReport,
) -> Result<()> {
    if Instant::now() >= deadline {
        return Ok(());
    }
    let signer = Signer {
        key: &enrolled.device_key,
        device_id: enrolled.record.device_id,
        now_ms: session.now().corrected().timestamp_millis(),
    };
    let held = session.store.plan_etag()?;
    let fetched = tokio::time::timeout_at(deadline, api.plan_if_changed(&signer, held.as_deref())).await;
    let Ok(Ok(PlanFetch::Changed { response, etag })) = fetched else {
        return Ok(());
    };
    session.observe_server_time(response.server_time)?;
    session.store.set_upload_offer(response.uploads.as_ref())?;
    let localizer = session.localizer()?;
    let refreshed = crate::documents::refresh(session, &response, &localizer)?;
    report.plan_updated = refreshed.plan_updated;
    report.policy_updated = refreshed.policy_updated;
    let taken = refreshed.error.is_none();
    report.document_error = refreshed.error;
    session
        .store
        .set_plan_etag(etag.as_deref().filter(|_| taken))?;
    Ok(())
}
