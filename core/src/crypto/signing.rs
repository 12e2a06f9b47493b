//! Ed25519 signatures: the device's own key, and checking the program's.
//!
//! The device key is made at enrollment. Its PKCS#8 document is stored only
//! encrypted under the storage key (which the platform key store wraps).
//! Every signature is over a context-prefixed message, so a signature made
//! for one purpose (an envelope) can never be replayed as another (a request).

use ring::{
    rand::SystemRandom,
    signature::{self, Ed25519KeyPair, KeyPair},
};
use zeroize::Zeroizing;

use super::CryptoError;

/// Length of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;

/// The device's signing key.
pub struct DeviceKey {
    pair: Ed25519KeyPair,
    pkcs8: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DeviceKey({})", self.key_id())
    }
}

impl DeviceKey {
    /// Makes a fresh key pair.
    pub fn generate() -> Result<Self, CryptoError> {
        let doc = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
            .map_err(|_| CryptoError::Internal("ed25519 generate"))?;
        Self::from_pkcs8(doc.as_ref())
    }

    /// Restores a key from its stored PKCS#8 document.
    pub fn from_pkcs8(pkcs8: &[u8]) -> Result<Self, CryptoError> {
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8).map_err(|_| CryptoError::BadStoredKey)?;
        Ok(Self {
            pair,
            pkcs8: Zeroizing::new(pkcs8.to_vec()),
        })
    }

    /// The PKCS#8 document, to be stored encrypted.
    pub fn pkcs8(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The raw 32-byte public key.
    pub fn public_key(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        out.copy_from_slice(self.pair.public_key().as_ref());
        out
    }

    pub fn key_id(&self) -> String {
        super::key_id(&self.public_key())
    }

    /// Signs `context || message`.
    pub fn sign(&self, context: &[u8], message: &[u8]) -> [u8; SIGNATURE_LEN] {
        let mut buf = Vec::with_capacity(context.len() + message.len());
        buf.extend_from_slice(context);
        buf.extend_from_slice(message);
        let mut out = [0u8; SIGNATURE_LEN];
        out.copy_from_slice(self.pair.sign(&buf).as_ref());
        out
    }
}

/// Checks an Ed25519 signature over `message` by `public_key`.
pub fn verify(public_key: &[u8], message: &[u8], sig: &[u8]) -> bool {
    signature::UnparsedPublicKey::new(&signature::ED25519, public_key)
        .verify(message, sig)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_restore_verify() {
        let key = DeviceKey::generate().expect("key");
        let restored = DeviceKey::from_pkcs8(key.pkcs8()).expect("restore");
        assert_eq!(key.public_key(), restored.public_key());
        let sig = restored.sign(b"ctx\0", b"message");
        let mut signed = b"ctx\0".to_vec();
        signed.extend_from_slice(b"message");
        assert!(verify(&key.public_key(), &signed, &sig));
        assert!(
            !verify(&key.public_key(), b"message", &sig),
            "context is part of the message"
        );
    }

    #[test]
    fn garbage_is_not_a_key() {
        assert!(matches!(
            DeviceKey::from_pkcs8(b"not a key"),
            Err(CryptoError::BadStoredKey)
        ));
    }
}
