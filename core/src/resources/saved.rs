//! Services the participant saved, to find them again: a list of service
//! ids, sealed in the store (`meta`, which moves no state revision), most
//! recent first. Never sent, never in the ledger: what someone keeps
//! coming back to (a shelter, a lawyer) is nobody else's business.

use crate::directory::SearchError;
use crate::error::Result;
use crate::session::Session;
use crate::store::StoreError;

const KEY: &str = "saved_services";
/// The most services kept; saving one more drops the oldest.
pub const MAX_SAVED: usize = 200;

/// The saved service ids, most recent first.
pub(crate) fn saved(session: &Session) -> Result<Vec<String>> {
    Ok(session
        .store
        .meta(KEY)?
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default())
}

fn put(session: &Session, ids: &[String]) -> Result<()> {
    let bytes = serde_json::to_vec(ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    session.store.put_meta(KEY, &bytes)?;
    Ok(())
}

/// Saves a service of the directory held (refused for an id it lacks).
pub(crate) fn save(session: &Session, service_id: &str) -> Result<()> {
    let known = super::catalog_of(session)?.is_some_and(|c| c.service(service_id).is_some());
    if !known {
        return Err(SearchError::UnknownService.into());
    }
    let mut ids = saved(session)?;
    ids.retain(|id| id != service_id);
    ids.insert(0, service_id.to_string());
    ids.truncate(MAX_SAVED);
    put(session, &ids)
}

/// Forgets a saved service (nothing to do if it was not saved).
pub(crate) fn unsave(session: &Session, service_id: &str) -> Result<()> {
    let mut ids = saved(session)?;
    let before = ids.len();
    ids.retain(|id| id != service_id);
    if ids.len() != before {
        put(session, &ids)?;
    }
    Ok(())
}
