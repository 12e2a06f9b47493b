//! "What this program collects", and the participant's consent to it.
//!
//! `statement.rs` generates the statement from the policy alone, in the
//! participant's language, for the shells to show at enrollment and on
//! demand. `consent.rs` keeps the participant's consents (a sealed list
//! and a ledger entry each) and holds the gate every capture passes: no
//! evidence is collected under a policy that arrived after enrollment
//! until the participant has seen its statement.

mod consent;
mod statement;

pub use consent::Consent;
pub use statement::{CollectionStatement, statement};

pub(crate) use consent::{consent_needed, consents, policy_for_capture, record_consent};
