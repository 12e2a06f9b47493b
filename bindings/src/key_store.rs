//! The platform key store, implemented by the shells (Android Keystore, iOS
//! Keychain), and the adapter that hands it to the core. The core only ever
//! stores the storage key wrapped by it.

use std::sync::Arc;

use checkin_core::KeyStoreError;

use crate::KeyAccessError;

/// Wraps and unwraps the core's storage key with a key the platform guards.
///
/// Called while a client opens, on the calling thread; implementations must
/// be thread-safe. Throw `KeyAccessError` (Kotlin `KeyAccessException`) to
/// say why it failed; anything else arrives as `Unexpected`.
#[uniffi::export(foreign)]
pub trait KeyStore: Send + Sync {
    /// Encrypts `key` under the platform key.
    fn wrap(&self, key: Vec<u8>) -> Result<Vec<u8>, KeyAccessError>;
    /// Decrypts bytes produced by `wrap`.
    fn unwrap(&self, wrapped: Vec<u8>) -> Result<Vec<u8>, KeyAccessError>;
}

/// The shell's key store as the core's trait.
pub(crate) struct ForeignKeyStore(pub(crate) Arc<dyn KeyStore>);

impl checkin_core::KeyStore for ForeignKeyStore {
    fn wrap(&self, key: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        Ok(self.0.wrap(key.to_vec())?)
    }

    fn unwrap(&self, wrapped: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        Ok(self.0.unwrap(wrapped.to_vec())?)
    }
}
