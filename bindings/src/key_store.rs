//! The platform key store, implemented by the shells (Android Keystore, iOS
//! Keychain). The core only ever holds wrapped storage keys; the raw key
//! material never leaves the shell's implementation unwrapped at rest.

use crate::KeyAccessError;

/// Wraps and unwraps the core's storage key with a key the platform guards.
///
/// Called from the core's worker threads; implementations must be thread-safe
/// and may block briefly (a biometric prompt is the shell's business before
/// the call, not during it).
#[uniffi::export(foreign)]
pub trait KeyStore: Send + Sync {
    /// Encrypts `plaintext` with the platform key and returns the wrapped bytes.
    fn wrap(&self, plaintext: Vec<u8>) -> Result<Vec<u8>, KeyAccessError>;
    /// Reverses `wrap`.
    fn unwrap(&self, wrapped: Vec<u8>) -> Result<Vec<u8>, KeyAccessError>;
}
