//! The participant's consents and the gate in front of every capture.
//!
//! Guarantees: a consent is recorded only for the policy version whose
//! statement was shown (else [`Error::ConsentNotCurrent`], nothing
//! recorded), in the same transaction as its ledger entry; while a policy
//! that arrived after enrollment waits for consent, every capture is
//! refused ([`Error::ConsentRequired`]). The policy enrolled under does not
//! block: the program shows its statement at enrollment, and a shell without
//! a consent screen must not stop a participant's check-ins.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::statement::statement;
use crate::checkin::Draft;
use crate::error::{Error, Result};
use crate::i18n::Localizer;
use crate::ledger::{self, LedgerEvent};
use crate::policy::Policy;
use crate::protocol::wire_time;
use crate::session::Session;
use crate::store::{DocumentName, StoreError};

/// The participant saw the statement for a policy version and agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub policy_version: u32,
    pub language: String,
    /// SHA-256 of the exact statement text shown.
    pub text_sha256_hex: String,
    #[serde(with = "crate::protocol::wire_time")]
    pub at: DateTime<Utc>,
}

fn parse(bytes: &[u8]) -> std::result::Result<Vec<Consent>, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt(format!("consents: {e}")))
}

/// Every consent recorded, oldest first.
pub(crate) fn consents(session: &Session) -> Result<Vec<Consent>> {
    match session.consents_document()? {
        None => Ok(Vec::new()),
        Some(bytes) => Ok(parse(&bytes)?),
    }
}

/// Whether the current policy still waits for the participant's consent.
pub(crate) fn consent_needed(session: &Session) -> Result<bool> {
    let version = session.policy()?.version;
    Ok(!consents(session)?
        .iter()
        .any(|c| c.policy_version == version))
}

/// Records that the participant saw the statement for `policy_version`
/// in `lang` and agreed.
pub(crate) fn record_consent(
    session: &Session,
    policy_version: u32,
    lang: &str,
) -> Result<Consent> {
    let policy = session.policy()?;
    let shown = statement(&policy, &Localizer::new(lang));
    if shown.policy_version != policy_version {
        return Err(Error::ConsentNotCurrent {
            given: policy_version,
            current: shown.policy_version,
        });
    }
    let now = session.now().corrected();
    let consent = Consent {
        policy_version,
        language: shown.language,
        text_sha256_hex: shown.text_sha256_hex,
        at: wire_time::to_millis(now),
    };
    let store = &session.store;
    store.write(|tx| {
        let mut all = match store.document_on(tx, DocumentName::Consents)? {
            None => Vec::new(),
            Some(bytes) => parse(&bytes)?,
        };
        all.push(consent.clone());
        let bytes = serde_json::to_vec(&all).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        store.put_document(tx, DocumentName::Consents, &bytes, now.timestamp_millis())?;
        ledger::append(
            store,
            tx,
            now,
            LedgerEvent::ConsentRecorded {
                policy_version: consent.policy_version,
                language: consent.language.clone(),
                text_sha256_hex: consent.text_sha256_hex.clone(),
            },
        )?;
        Ok(())
    })?;
    Ok(consent)
}

/// The policy a capture is taken under, and the gate in front of it.
/// `draft` records which policy its evidence is taken under
/// ([`Draft::take_under`]): evidence from two policies is never mixed.
pub(crate) fn policy_for_capture(
    session: &Session,
    draft: Option<&mut Draft>,
) -> Result<Arc<Policy>> {
    let policy = session.policy()?;
    let version = policy.version;
    let consented = consents(session)?
        .iter()
        .any(|c| c.policy_version == version);
    if !consented && session.enrolled_policy_version()? != Some(version) {
        return Err(Error::ConsentRequired {
            policy_version: version,
        });
    }
    if let Some(draft) = draft {
        draft.take_under(version)?;
    }
    Ok(policy)
}
