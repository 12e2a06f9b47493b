//! The program's documents (policy and plan) as the device keeps them, in
//! one place for enrollment and for every sync.
//!
//! Guarantees: a document is validated before it is stored, so a bad one
//! from the server never replaces a good one; each change is stored with its
//! ledger entry in one transaction (a plan change with what changed, in the
//! participant's words); a resend of what is stored changes nothing. A
//! policy replaces the stored one only under a higher version number: a
//! lower version, or other content under the same version, is refused, so
//! what a participant was shown (and consented to, by version and digest:
//! `crate::disclosure`) is never swapped for another document behind them.

use chrono::{DateTime, Utc};

use crate::clock::ClockEstimate;
use crate::error::Result;
use crate::i18n::Localizer;
use crate::ledger::{self, LedgerEvent};
use crate::plan::{self, Plan};
use crate::policy::{Policy, PolicyRef};
use crate::protocol::ProtocolError;
use crate::protocol::messages::PlanResponse;
use crate::session::Session;
use crate::store::{DocumentName, Store, StoreError};

/// The documents received at enrollment, checked and ready to store.
pub(crate) struct FirstDocuments {
    policy: Policy,
    policy_bytes: Vec<u8>,
    plan_bytes: Vec<u8>,
}

impl FirstDocuments {
    /// Checks the enrollment's documents: a policy or a plan the core
    /// cannot follow is refused now, not discovered when a reminder fails
    /// to fire.
    pub fn check(
        policy: &serde_json::Value,
        plan: &serde_json::Value,
        server_time: DateTime<Utc>,
    ) -> Result<Self> {
        let policy_bytes = serde_json::to_vec(policy)
            .map_err(|e| ProtocolError::malformed("policy", e.to_string()))?;
        let policy = Policy::from_json(&policy_bytes)?;
        let plan_bytes =
            serde_json::to_vec(plan).map_err(|e| ProtocolError::malformed("plan", e.to_string()))?;
        plan::review_update(None, &plan_bytes, &ClockEstimate::uncorrected(server_time))?;
        Ok(Self {
            policy,
            policy_bytes,
            plan_bytes,
        })
    }

    pub fn policy_version(&self) -> u32 {
        self.policy.version
    }

    /// The enrollment's policy, by version and digest.
    fn policy_ref(&self) -> PolicyRef {
        PolicyRef::of(self.policy.version, &self.policy_bytes)
    }

    /// Stores them inside the enrollment's transaction, with their ledger
    /// entries.
    pub fn store(
        &self,
        store: &Store,
        tx: &rusqlite::Transaction<'_>,
        at: DateTime<Utc>,
    ) -> std::result::Result<(), StoreError> {
        let at_ms = at.timestamp_millis();
        let policy = self.policy_ref();
        let named = serde_json::to_vec(&policy).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        store.put_document(tx, DocumentName::Policy, &self.policy_bytes, at_ms)?;
        store.put_document(tx, DocumentName::Plan, &self.plan_bytes, at_ms)?;
        store.put_document(tx, DocumentName::EnrolledPolicy, &named, at_ms)?;
        ledger::append(
            store,
            tx,
            at,
            LedgerEvent::PolicyReceived {
                version: policy.version,
                sha256_hex: policy.sha256_hex,
            },
        )?;
        ledger::append(
            store,
            tx,
            at,
            LedgerEvent::PlanReceived {
                changes: Vec::new(),
            },
        )?;
        Ok(())
    }
}

/// What one refresh of the documents did.
#[derive(Debug, Default)]
pub(crate) struct Refreshed {
    pub plan_updated: bool,
    pub policy_updated: bool,
    /// A document the server sent that was refused; the stored one stays.
    pub error: Option<String>,
}

/// Stores a new policy and plan from `resp` if they are valid and new,
/// with their ledger entries.
pub(crate) fn refresh(
    session: &Session,
    resp: &PlanResponse,
    localizer: &Localizer,
) -> Result<Refreshed> {
    let mut out = Refreshed::default();
    let now = session.now();
    let at = now.corrected();
    let store = &session.store;
    match serde_json::to_vec(&resp.policy)
        .ok()
        .map(|b| (Policy::from_json(&b), b))
    {
        Some((Ok(policy), bytes)) => {
            let incoming = PolicyRef::of(policy.version, &bytes);
            match replaces(store.document(DocumentName::Policy)?.as_deref(), &incoming) {
                Ok(false) => {}
                Ok(true) => {
                    store.write(|tx| {
                        store.put_document(tx, DocumentName::Policy, &bytes, at.timestamp_millis())?;
                        ledger::append(
                            store,
                            tx,
                            at,
                            LedgerEvent::PolicyReceived {
                                version: incoming.version,
                                sha256_hex: incoming.sha256_hex.clone(),
                            },
                        )?;
                        Ok(())
                    })?;
                    out.policy_updated = true;
                }
                Err(why) => out.error = Some(format!("policy: {why}")),
            }
        }
        Some((Err(e), _)) => out.error = Some(format!("policy: {e}")),
        None => out.error = Some("policy: not serializable".into()),
    }
    let Ok(bytes) = serde_json::to_vec(&resp.plan) else {
        out.error = Some("plan: not serializable".into());
        return Ok(out);
    };
    let stored: Option<std::sync::Arc<Plan>> = session.plan().ok().flatten();
    match plan::review_update(stored.as_deref(), &bytes, &now) {
        Ok(update) => {
            let same = stored.as_ref().is_some_and(|s| {
                s.plan_id() == update.plan.plan_id() && s.revision() == update.plan.revision()
            });
            if !same || !update.changes.is_empty() {
                let described = update
                    .changes
                    .iter()
                    .map(|c| c.describe(localizer))
                    .collect();
                store.write(|tx| {
                    store.put_document(tx, DocumentName::Plan, &bytes, at.timestamp_millis())?;
                    ledger::append(store, tx, at, LedgerEvent::PlanReceived { changes: described })?;
                    Ok(())
                })?;
                out.plan_updated = true;
            }
        }
        Err(e) => out.error = Some(format!("plan: {e}")),
    }
    Ok(out)
}

/// Whether a policy `incoming` from the server replaces the `stored` one:
/// only under a higher version. The same version and bytes again is no
/// change; a lower version, or other bytes under the same version, is
/// refused (the reason, for the sync report).
fn replaces(stored: Option<&[u8]>, incoming: &PolicyRef) -> std::result::Result<bool, String> {
    let Some(bytes) = stored else {
        return Ok(true);
    };
    // The version alone, so that a stored policy this core no longer
    // accepts (one an older core took) still bounds what may replace it.
    #[derive(serde::Deserialize)]
    struct Versioned {
        version: u32,
    }
    let Ok(Versioned { version }) = serde_json::from_slice::<Versioned>(bytes) else {
        return Ok(true);
    };
    let stored = PolicyRef::of(version, bytes);
    match incoming.version.cmp(&stored.version) {
        std::cmp::Ordering::Greater => Ok(true),
        std::cmp::Ordering::Equal if incoming == &stored => Ok(false),
        std::cmp::Ordering::Equal => Err(format!(
            "version {version} came with other content; a changed policy needs a higher version, \
             the stored one stays"
        )),
        std::cmp::Ordering::Less => Err(format!(
            "version {} is older than the stored version {version}, which stays",
            incoming.version
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(json: &str) -> PolicyRef {
        let bytes = serde_json::to_vec(&serde_json::from_str::<serde_json::Value>(json).expect("json"))
            .expect("bytes");
        PolicyRef::of(Policy::from_json(&bytes).expect("valid").version, &bytes)
    }

    fn stored(json: &str) -> Vec<u8> {
        serde_json::to_vec(&serde_json::from_str::<serde_json::Value>(json).expect("json"))
            .expect("bytes")
    }

    #[test]
    fn a_policy_replaces_the_stored_one_only_under_a_higher_version() {
        let v2 = stored(r#"{"version": 2, "evidence": {"photo": "required"}}"#);
        assert_eq!(replaces(None, &named(r#"{"version": 1}"#)), Ok(true));
        assert_eq!(replaces(Some(&v2), &named(r#"{"version": 3}"#)), Ok(true));
        // The same document again, its keys in another order: no change.
        assert_eq!(
            replaces(Some(&v2), &named(r#"{"evidence": {"photo": "required"}, "version": 2}"#)),
            Ok(false)
        );
        let same_number = replaces(Some(&v2), &named(r#"{"version": 2, "evidence": {"photo": "off"}}"#));
        assert!(same_number.is_err_and(|why| why.contains("other content")));
        let older = replaces(Some(&v2), &named(r#"{"version": 1}"#));
        assert!(older.is_err_and(|why| why.contains("older")));
        // A stored policy this core no longer takes still bounds the version.
        let too_small_area = stored(
            r#"{"version": 4, "evidence": {"location": "area"}, "location": {"area": {"circle": {"lat": 1.0, "lon": 1.0, "radius_m": 5.0}}}}"#,
        );
        assert!(Policy::from_json(&too_small_area).is_err());
        assert!(replaces(Some(&too_small_area), &named(r#"{"version": 3}"#)).is_err());
        assert_eq!(replaces(Some(&too_small_area), &named(r#"{"version": 5}"#)), Ok(true));
    }
}
