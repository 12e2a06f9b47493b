//! The program's documents (policy and plan) as the device keeps them, in
//! one place for enrollment and for every sync.
//!
//! Guarantees: a document is validated before it is stored, so a bad one
//! from the server never replaces a good one; each change is stored with its
//! ledger entry in one transaction (a plan change with what changed, in the
//! participant's words); a resend of what is stored changes nothing.

use chrono::{DateTime, Utc};

use crate::clock::ClockEstimate;
use crate::error::Result;
use crate::i18n::Localizer;
use crate::ledger::{self, LedgerEvent};
use crate::plan::{self, Plan};
use crate::policy::Policy;
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

    /// Stores them inside the enrollment's transaction, with their ledger
    /// entries.
    pub fn store(
        &self,
        store: &Store,
        tx: &rusqlite::Transaction<'_>,
        at: DateTime<Utc>,
    ) -> std::result::Result<(), StoreError> {
        let at_ms = at.timestamp_millis();
        store.put_document(tx, DocumentName::Policy, &self.policy_bytes, at_ms)?;
        store.put_document(tx, DocumentName::Plan, &self.plan_bytes, at_ms)?;
        store.put_document(
            tx,
            DocumentName::EnrolledPolicyVersion,
            self.policy.version.to_string().as_bytes(),
            at_ms,
        )?;
        ledger::append(
            store,
            tx,
            at,
            LedgerEvent::PolicyReceived {
                version: self.policy.version,
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
            let stored = store
                .document(DocumentName::Policy)?
                .and_then(|b| Policy::from_json(&b).ok());
            if stored.map(|p| p.version) != Some(policy.version) {
                store.write(|tx| {
                    store.put_document(tx, DocumentName::Policy, &bytes, at.timestamp_millis())?;
                    ledger::append(
                        store,
                        tx,
                        at,
                        LedgerEvent::PolicyReceived {
                            version: policy.version,
                        },
                    )?;
                    Ok(())
                })?;
                out.policy_updated = true;
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
