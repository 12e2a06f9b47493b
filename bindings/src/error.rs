//! Errors crossing the boundary, and the one place core errors are mapped.
//!
//! `CheckinError` is what every facade call throws: flat (Kotlin and Swift
//! see a variant and a message). The variant tells the shell what to do
//! (retry later, ask the participant, report a bug); the message is the
//! core's, which never carries a photo, a location, a name or a key.
//! `KeyAccessError` and `ListenerError` are thrown by the shells' own
//! implementations into Rust (flat errors cannot be lifted from foreign code).

use checkin_core::LedgerFault;
use checkin_core::LocationError;
use checkin_core::StoreError;
use checkin_core::{CryptoError, KeyStoreError};

/// What went wrong in a call into the check-in core.
#[derive(Debug, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum CheckinError {
    /// Enroll first.
    #[error("this device is not enrolled yet")]
    NotEnrolled,
    /// The device is enrolled already; there is nothing to do.
    #[error("this device is already enrolled")]
    AlreadyEnrolled,
    /// The code is wrong: ask the participant to check it.
    #[error("the enrollment code is not valid")]
    EnrollmentCodeInvalid,
    /// The code was used: the participant needs a new one from the program.
    #[error("the enrollment code was already used")]
    EnrollmentCodeUsed,
    /// No check-in in progress with that id (submitted or discarded already).
    #[error("no check-in in progress with that id")]
    CheckinNotFound,
    /// The policy asks for evidence the check-in lacks; capture it.
    #[error("{reason}")]
    MissingEvidence { reason: String },
    /// The program's policy changed: show `collection_statement` and call
    /// `record_consent` before the next capture.
    #[error("{reason}")]
    ConsentRequired { reason: String },
    /// The check-in's evidence was taken under an earlier policy: discard
    /// it and take the check-in again (nothing is sealed under two policies).
    #[error("{reason}")]
    PolicyChanged { reason: String },
    /// The check-in's window stopped taking check-ins (its grace and late
    /// periods are over): nothing was added. Discard the check-in; the
    /// screens tell the participant to call their program.
    #[error("{reason}")]
    WindowClosed { reason: String },
    /// The photo fails the policy's quality rules; retake it.
    #[error("{reason}")]
    PhotoRejected { reason: String },
    /// The media could not be used (empty, too large, not a supported format).
    #[error("{reason}")]
    InvalidMedia { reason: String },
    /// The caller passed something the library rejects; fix the call.
    #[error("invalid input: {reason}")]
    InvalidInput { reason: String },
    /// The device is out of storage; free some and retry.
    #[error("the device storage is full")]
    StorageFull,
    /// The local store failed or is damaged.
    #[error("{reason}")]
    Storage { reason: String },
    /// The platform key store failed; local data is unreadable until it works.
    #[error("{reason}")]
    KeyStore { reason: String },
    /// The server could not be reached; sync again later.
    #[error("{reason}")]
    Network { reason: String },
    /// The server refused the request.
    #[error("{reason}")]
    Server { reason: String },
    /// The plan is unusable, or has no window with the id given.
    #[error("{reason}")]
    Plan { reason: String },
    /// The server's reply or policy did not follow the protocol.
    #[error("{reason}")]
    ServerReply { reason: String },
    /// A receipt did not verify; the check-in stays queued.
    #[error("{reason}")]
    ReceiptRejected { reason: String },
    /// The server's key does not match the one pinned at enrollment.
    #[error("the server's key does not match the one pinned at enrollment")]
    PinMismatch,
    /// The location fix is not a valid position (a coordinate or the
    /// accuracy not a finite number, or out of range). Nothing was kept;
    /// read a new fix.
    #[error("{reason}")]
    InvalidLocation { reason: String },
    /// The program's policy does not collect location: do not ask the
    /// platform for it. Nothing was kept.
    #[error("{reason}")]
    LocationNotCollected { reason: String },
    /// The consent names a policy version that is not the current one.
    /// Nothing was recorded: show the current `collection_statement` and
    /// ask again.
    #[error("{reason}")]
    ConsentNotCurrent { reason: String },
    /// The ledger's hash chain is broken: the stored ledger was altered.
    /// Thrown by `ledger` and `export_ledger_json` instead of presenting a
    /// broken ledger as sound (`ledger_summary` says so in its text).
    #[error("the ledger failed its check: {reason}")]
    LedgerBroken { reason: String },
    /// The operation was cancelled by the caller.
    #[error("the operation was cancelled")]
    Cancelled,
    /// A bug or an exhausted resource in the library; report it.
    #[error("internal error: {reason}")]
    Internal { reason: String },
}

impl From<checkin_core::Error> for CheckinError {
    fn from(error: checkin_core::Error) -> Self {
        use checkin_core::Error as Core;
        let reason = error.to_string();
        match error {
            Core::NotEnrolled => Self::NotEnrolled,
            Core::AlreadyEnrolled => Self::AlreadyEnrolled,
            Core::EnrollmentCodeInvalid => Self::EnrollmentCodeInvalid,
            Core::EnrollmentCodeUsed => Self::EnrollmentCodeUsed,
            Core::DraftNotFound => Self::CheckinNotFound,
            Core::UnknownAppointment { .. } => Self::InvalidInput { reason },
            Core::MissingEvidence(_) => Self::MissingEvidence { reason },
            Core::ConsentRequired { .. } => Self::ConsentRequired { reason },
            Core::PolicyChanged { .. } => Self::PolicyChanged { reason },
            Core::WindowClosed { .. } => Self::WindowClosed { reason },
            Core::LedgerBroken(fault) => fault.into(),
            Core::Location(refused) => refused.into(),
            Core::ConsentNotCurrent { .. } => Self::ConsentNotCurrent { reason },
            Core::QualityBlocks(_) => Self::PhotoRejected { reason },
            Core::Media(_) => Self::InvalidMedia { reason },
            Core::Store(StoreError::DiskFull) => Self::StorageFull,
            Core::Store(StoreError::KeyUnavailable(_) | StoreError::WrongStorageKey)
            | Core::Crypto(CryptoError::KeyStore(_)) => Self::KeyStore { reason },
            Core::Store(_) => Self::Storage { reason },
            Core::Crypto(_) => Self::Internal { reason },
            Core::Plan(_) => Self::Plan { reason },
            Core::Policy(_) | Core::Protocol(_) => Self::ServerReply { reason },
            Core::InvalidServerUrl => Self::InvalidInput { reason },
            Core::Receipt(_) => Self::ReceiptRejected { reason },
            Core::Network(_) => Self::Network { reason },
            Core::Server { .. } => Self::Server { reason },
            Core::PinMismatch => Self::PinMismatch,
            Core::Cancelled => Self::Cancelled,
            // A search too long, a category or service the directory lacks.
            Core::Search(_) => Self::InvalidInput { reason },
        }
    }
}

/// The core returns a refused fix as a value (the draft is untouched); the
/// facade throws it, as it throws every other refusal.
impl From<LocationError> for CheckinError {
    fn from(error: LocationError) -> Self {
        let reason = error.to_string();
        match error {
            LocationError::InvalidFix => Self::InvalidLocation { reason },
            LocationError::NotCollected => Self::LocationNotCollected { reason },
        }
    }
}

/// A ledger whose hash chain does not verify.
impl From<LedgerFault> for CheckinError {
    fn from(fault: LedgerFault) -> Self {
        Self::LedgerBroken {
            reason: fault.to_string(),
        }
    }
}

/// A failure of the platform key store, thrown by a shell's `KeyStore`.
///
/// Kotlin sees `KeyAccessException`, Swift `KeyAccessError`.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum KeyAccessError {
    /// The platform key does not exist (data restored to a new phone, key
    /// store reset). The local data cannot be recovered.
    #[error("the platform key is missing")]
    KeyMissing,
    /// The key exists but cannot be used now (device locked, user
    /// authentication required); retrying later may work.
    #[error("the platform key store is unavailable: {reason}")]
    Unavailable { reason: String },
    /// The wrapped bytes were not made by this key store's key.
    #[error("the wrapped key does not match the platform key")]
    WrongKey,
    /// The implementation threw something it did not declare.
    #[error("unexpected key store failure: {reason}")]
    Unexpected { reason: String },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for KeyAccessError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Unexpected {
            reason: error.reason,
        }
    }
}

impl From<KeyAccessError> for KeyStoreError {
    fn from(error: KeyAccessError) -> Self {
        match error {
            KeyAccessError::KeyMissing => Self::KeyMissing,
            KeyAccessError::WrongKey => Self::WrongKey,
            KeyAccessError::Unavailable { reason } => Self::Unavailable(reason),
            unexpected @ KeyAccessError::Unexpected { .. } => {
                Self::Unavailable(unexpected.to_string())
            }
        }
    }
}

impl From<KeyStoreError> for KeyAccessError {
    fn from(error: KeyStoreError) -> Self {
        match error {
            KeyStoreError::KeyMissing => Self::KeyMissing,
            KeyStoreError::WrongKey => Self::WrongKey,
            KeyStoreError::Unavailable(reason) => Self::Unavailable { reason },
        }
    }
}

/// A failure inside a shell's listener. The library ignores it: a broken
/// progress display never stops a delivery.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum ListenerError {
    #[error("listener failed: {reason}")]
    Failed { reason: String },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for ListenerError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Failed {
            reason: error.reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_returned_as_values_become_typed_errors() {
        assert!(matches!(
            CheckinError::from(LocationError::InvalidFix),
            CheckinError::InvalidLocation { reason } if reason == "the location fix is not a valid position"
        ));
        assert!(matches!(
            CheckinError::from(LocationError::NotCollected),
            CheckinError::LocationNotCollected { .. }
        ));
        assert!(matches!(
            CheckinError::from(checkin_core::Error::ConsentNotCurrent { given: 2, current: 3 }),
            CheckinError::ConsentNotCurrent { reason } if reason.contains('2') && reason.contains('3')
        ));
        assert!(matches!(
            CheckinError::from(LedgerFault::BrokenChain(4)),
            CheckinError::LedgerBroken { reason } if reason.contains("entry 4")
        ));
    }
}
