//! Cryptography of the check-in core, all on ring:
//! - [`hpke`]: sealing check-ins to the program's X25519 key (RFC 9180);
//! - [`at_rest`]: AES-256-GCM for personal fields in the local store;
//! - [`signing`]: the device's Ed25519 key, and verifying program signatures;
//! - [`keystore`]: the platform key store that wraps the storage key.

pub mod at_rest;
pub mod hpke;
pub mod keystore;
pub mod signing;

use ring::digest;

/// What can go wrong in cryptography. Never carries key material.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// A public key is malformed or of low order.
    #[error("a public key is not valid")]
    BadPublicKey,
    /// Decryption failed: wrong key, or the data or its binding was changed.
    #[error("data could not be decrypted: wrong key or altered data")]
    Undecryptable,
    /// A stored key could not be parsed.
    #[error("a stored key is malformed")]
    BadStoredKey,
    /// The platform key store refused or failed.
    #[error("the platform key store failed: {0}")]
    KeyStore(#[from] keystore::KeyStoreError),
    /// A primitive failed in a way that should not happen.
    #[error("internal cryptographic failure: {0}")]
    Internal(&'static str),
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, data).as_ref());
    out
}

/// The protocol's key id: the first 16 bytes of SHA-256 of the raw public key.
pub fn key_id_bytes(public_key: &[u8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    out.copy_from_slice(&sha256(public_key)[..16]);
    out
}

/// The key id as 32 lowercase hex digits, as it appears in JSON.
pub fn key_id(public_key: &[u8]) -> String {
    hex::encode(key_id_bytes(public_key))
}
