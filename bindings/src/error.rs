//! Errors crossing the boundary.
//!
//! `CheckinError` is the one error every facade call throws: flat (Kotlin and
//! Swift see a variant and a message), and its messages name what happened
//! and what the caller can do, never a photo, a location, a name or a code.
//! `KeyAccessError` is the error the shells' `KeyStore` throws into Rust; it
//! is a small rich enum because flat errors cannot be lifted from foreign code.

/// What went wrong in a call into the check-in core.
#[derive(Debug, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum CheckinError {
    /// The caller passed something the core rejects; fix the input.
    #[error("invalid input: {reason}")]
    InvalidInput { reason: String },
    /// The platform key store failed; the data it protects is unreadable until it works again.
    #[error("key store failed: {reason}")]
    KeyStore { reason: String },
    /// The operation was cancelled by the caller.
    #[error("cancelled")]
    Cancelled,
    /// A bug or an exhausted resource in the library; report it.
    #[error("internal error: {reason}")]
    Internal { reason: String },
}

/// A failure of the platform key store, thrown by a shell's `KeyStore`.
///
/// Kotlin sees `KeyAccessException`, Swift `KeyAccessError`.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum KeyAccessError {
    /// The key store cannot be used now (device locked, service down); try again later.
    #[error("key store unavailable: {reason}")]
    Unavailable { reason: String },
    /// The wrapping key is gone or was invalidated (e.g. the lock screen was removed).
    #[error("wrapping key invalidated")]
    KeyInvalidated,
    /// The shell's implementation threw something it did not declare.
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

impl From<KeyAccessError> for CheckinError {
    fn from(error: KeyAccessError) -> Self {
        Self::KeyStore {
            reason: error.to_string(),
        }
    }
}
