//! The participant's consents and the gate in front of every capture.
//!
//! Guarantees: a consent is recorded only for the policy version whose
//! statement was shown (else [`Error::ConsentNotCurrent`], nothing
//! recorded), in the same transaction as its ledger entry, and names the
//! policy by its content (the SHA-256 of its bytes, [`PolicyRef`]), not
//! only its version number; while a policy that arrived after enrollment
//! waits for consent, every capture is refused ([`Error::ConsentRequired`]).
//! A consent or an enrollment under another document with the same version
//! number does not count. The policy enrolled under does not block: the
//! program shows its statement at enrollment, and a shell without a consent
//! screen must not stop a participant's check-ins.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::statement::statement;
use crate::checkin::Draft;
use crate::error::{Error, Result};
use crate::i18n::Localizer;
use crate::ledger::{self, LedgerEvent};
use crate::policy::{Policy, PolicyRef};
use crate::protocol::wire_time;
use crate::session::Session;
use crate::store::{DocumentName, StoreError};

/// The participant saw the statement for a policy version and agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub policy_version: u32,
    /// SHA-256 of the policy's bytes (see [`PolicyRef`]); absent in
    /// consents recorded before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_sha256_hex: Option<String>,
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

impl Consent {
    /// The policy this consent names.
    pub fn policy(&self) -> PolicyRef {
        PolicyRef {
            version: self.policy_version,
            sha256_hex: self.policy_sha256_hex.clone(),
        }
    }
}

/// Whether the participant consented to exactly the current policy.
fn consented(session: &Session, current: &PolicyRef) -> Result<bool> {
    Ok(consents(session)?
        .iter()
        .any(|c| c.policy().names(current)))
}

/// Whether the current policy still waits for the participant's consent.
pub(crate) fn consent_needed(session: &Session) -> Result<bool> {
    Ok(!consented(session, &session.policy_ref()?)?)
}

/// Records that the participant saw the statement for `policy_version`
/// in `lang` and agreed.
pub(crate) fn record_consent(
    session: &Session,
    policy_version: u32,
    lang: &str,
) -> Result<Consent> {
    let policy = session.policy()?;
    let current = session.policy_ref()?;
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
        policy_sha256_hex: current.sha256_hex,
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
                policy_sha256_hex: consent.policy_sha256_hex.clone(),
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
    let current = session.policy_ref()?;
    let enrolled_under = session
        .enrolled_policy()?
        .is_some_and(|enrolled| enrolled.names(&current));
    if !enrolled_under && !consented(session, &current)? {
        return Err(Error::ConsentRequired {
            policy_version: current.version,
        });
    }
    if let Some(draft) = draft {
        draft.take_under(&current)?;
    }
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use crate::config::ClientConfig;
    use crate::crypto::keystore::SoftwareKeyStore;

    fn session(dir: &std::path::Path) -> Session {
        let config = ClientConfig {
            data_dir: dir.to_path_buf(),
            locale: "en".into(),
            platform: "desktop".into(),
        };
        let keys = SoftwareKeyStore::random().expect("keys");
        Session::open(config, &keys, Arc::new(SystemClock)).expect("open")
    }

    /// Stores `json` as the policy, as the store keeps it, and names it.
    fn store_policy(s: &Session, json: &str) -> PolicyRef {
        let value: serde_json::Value = serde_json::from_str(json).expect("json");
        let bytes = serde_json::to_vec(&value).expect("bytes");
        let version = Policy::from_json(&bytes).expect("valid").version;
        s.store
            .write(|tx| s.store.put_document(tx, DocumentName::Policy, &bytes, 0))
            .expect("store");
        PolicyRef::of(version, &bytes)
    }

    fn store_enrolled(s: &Session, policy: &PolicyRef) {
        let bytes = serde_json::to_vec(policy).expect("json");
        s.store
            .write(|tx| s.store.put_document(tx, DocumentName::EnrolledPolicy, &bytes, 0))
            .expect("store");
    }

    const SHOWN: &str = r#"{"version": 2, "evidence": {"photo": "required"}}"#;
    /// Another document under the same version number.
    const SWAPPED: &str =
        r#"{"version": 2, "evidence": {"photo": "required", "location": "precise"}}"#;

    #[test]
    fn a_consent_names_the_policys_bytes_not_only_its_version() {
        let dir = tempfile::tempdir().expect("dir");
        let s = session(dir.path());
        let shown = store_policy(&s, SHOWN);
        let consent = record_consent(&s, 2, "en").expect("consent");
        assert_eq!(consent.policy(), shown);
        assert!(!consent_needed(&s).expect("read"));
        assert!(policy_for_capture(&s, None).is_ok());

        // The same version number over other content: the consent does not
        // count, captures wait for the participant to see it.
        let swapped = store_policy(&s, SWAPPED);
        assert_eq!(swapped.version, shown.version);
        assert_ne!(swapped, shown);
        assert!(consent_needed(&s).expect("read"));
        assert!(matches!(
            policy_for_capture(&s, None),
            Err(Error::ConsentRequired { policy_version: 2 })
        ));
        // Nor does an enrollment under the first document.
        store_enrolled(&s, &shown);
        assert!(matches!(
            policy_for_capture(&s, None),
            Err(Error::ConsentRequired { policy_version: 2 })
        ));
        store_enrolled(&s, &swapped);
        assert!(policy_for_capture(&s, None).is_ok(), "enrolled under it");
    }

    #[test]
    fn evidence_is_not_mixed_across_two_documents_of_one_version() {
        let dir = tempfile::tempdir().expect("dir");
        let s = session(dir.path());
        let shown = store_policy(&s, SHOWN);
        store_enrolled(&s, &shown);
        let mut draft = Draft {
            location: Some(crate::location::SentLocation::Area {
                inside: true,
                fix_time: s.now().corrected(),
                provider: "gps".into(),
                mock: false,
                stale: false,
                inaccurate: false,
            }),
            ..Draft::new(uuid::Uuid::new_v4(), None, s.now().corrected())
        };
        policy_for_capture(&s, Some(&mut draft)).expect("under the first");
        assert_eq!(draft.policy(), Some(shown));
        let swapped = store_policy(&s, SWAPPED);
        store_enrolled(&s, &swapped);
        assert!(matches!(
            policy_for_capture(&s, Some(&mut draft)),
            Err(Error::PolicyChanged {
                captured_under: 2,
                current: 2
            })
        ));
    }

    #[test]
    fn a_consent_recorded_before_digests_were_kept_counts_for_its_version() {
        let dir = tempfile::tempdir().expect("dir");
        let s = session(dir.path());
        store_policy(&s, SHOWN);
        let legacy = br#"[{"policy_version": 2, "language": "en", "text_sha256_hex": "00", "at": "2026-01-01T00:00:00.000Z"}]"#;
        s.store
            .write(|tx| s.store.put_document(tx, DocumentName::Consents, legacy, 0))
            .expect("store");
        assert!(!consent_needed(&s).expect("read"));
        // And an enrolled policy written as a bare number by an older core.
        s.store
            .write(|tx| s.store.put_document(tx, DocumentName::Consents, b"[]", 0))
            .expect("store");
        assert!(policy_for_capture(&s, None).is_err());
        s.store
            .write(|tx| s.store.put_document(tx, DocumentName::EnrolledPolicy, b"2", 0))
            .expect("store");
        assert!(policy_for_capture(&s, None).is_ok());
    }
}
