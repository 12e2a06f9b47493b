//! The platform key store: the one place a raw key never leaves.
//!
//! The core keeps a random storage key that encrypts every personal field.
//! It never writes that key to disk in the clear: it asks a [`KeyStore`] to
//! wrap it (Android Keystore, the iOS Keychain/Secure Enclave, or for tests
//! and desktop the [`SoftwareKeyStore`]) and stores only the wrapped bytes.

use std::path::Path;

use ring::{
    aead::{self, Aad, LessSafeKey, Nonce, UnboundKey},
    rand::{SecureRandom, SystemRandom},
};
use zeroize::Zeroizing;

/// Why the key store could not wrap or unwrap a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyStoreError {
    /// The platform key does not exist (app data restored to a new phone,
    /// key store reset). The local data cannot be recovered.
    #[error("the platform key is missing")]
    KeyMissing,
    /// The platform key exists but is unusable right now (device locked,
    /// user authentication required). Retrying later may work.
    #[error("the platform key store is unavailable: {0}")]
    Unavailable(String),
    /// The wrapped bytes were not made by this key store's key.
    #[error("the wrapped key does not match the platform key")]
    WrongKey,
}

/// Wraps and unwraps the core's storage key with a key the platform keeps.
pub trait KeyStore: Send + Sync {
    /// Encrypts `key` under the platform key.
    fn wrap(&self, key: &[u8]) -> Result<Vec<u8>, KeyStoreError>;
    /// Decrypts bytes produced by [`KeyStore::wrap`].
    fn unwrap(&self, wrapped: &[u8]) -> Result<Vec<u8>, KeyStoreError>;
}

/// A key store holding its key-encryption key in memory (and optionally in
/// a file): for tests, the demo and desktop use. Not for phones: there the
/// shell implements [`KeyStore`] over the hardware-backed store.
pub struct SoftwareKeyStore {
    kek: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for SoftwareKeyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SoftwareKeyStore(..)")
    }
}

const WRAP_AAD: &[u8] = b"checkin-keystore-wrap-v1";

impl SoftwareKeyStore {
    pub fn from_key(kek: [u8; 32]) -> Self {
        Self {
            kek: Zeroizing::new(kek),
        }
    }

    /// A key store with a fresh random key (lives as long as the value).
    pub fn random() -> Result<Self, KeyStoreError> {
        let mut kek = [0u8; 32];
        SystemRandom::new()
            .fill(&mut kek)
            .map_err(|_| KeyStoreError::Unavailable("no randomness".into()))?;
        Ok(Self::from_key(kek))
    }

    /// Loads the key from `path`, creating it (mode 0600) if absent.
    pub fn load_or_create(path: &Path) -> Result<Self, KeyStoreError> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let kek: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
                    KeyStoreError::Unavailable("key file has the wrong length".into())
                })?;
                Ok(Self::from_key(kek))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let store = Self::random()?;
                write_private(path, store.kek.as_ref()).map_err(|e| {
                    KeyStoreError::Unavailable(format!("cannot write key file: {e}"))
                })?;
                Ok(store)
            }
            Err(e) => Err(KeyStoreError::Unavailable(format!(
                "cannot read key file: {e}"
            ))),
        }
    }

    fn cipher(&self) -> Result<LessSafeKey, KeyStoreError> {
        UnboundKey::new(&aead::AES_256_GCM, self.kek.as_ref())
            .map(LessSafeKey::new)
            .map_err(|_| KeyStoreError::Unavailable("bad key".into()))
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

impl KeyStore for SoftwareKeyStore {
    fn wrap(&self, key: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        let mut nonce = [0u8; 12];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| KeyStoreError::Unavailable("no randomness".into()))?;
        // The key is encrypted in place; wiped if that fails half way.
        let mut body = Zeroizing::new(key.to_vec());
        self.cipher()?
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(WRAP_AAD),
                &mut *body,
            )
            .map_err(|_| KeyStoreError::Unavailable("wrap failed".into()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&body);
        Ok(out)
    }

    fn unwrap(&self, wrapped: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        if wrapped.len() < 12 + 16 {
            return Err(KeyStoreError::WrongKey);
        }
        let mut nonce = [0u8; 12];
        nonce.copy_from_slice(&wrapped[..12]);
        let mut body = wrapped[12..].to_vec();
        let len = self
            .cipher()?
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(WRAP_AAD),
                &mut body,
            )
            .map_err(|_| KeyStoreError::WrongKey)?
            .len();
        body.truncate(len);
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_unwraps() {
        let ks = SoftwareKeyStore::random().expect("ks");
        let wrapped = ks.wrap(b"storage key bytes").expect("wrap");
        assert_ne!(&wrapped[12..29], b"storage key bytes");
        assert_eq!(ks.unwrap(&wrapped).expect("unwrap"), b"storage key bytes");
    }

    #[test]
    fn another_key_store_cannot_unwrap() {
        let wrapped = SoftwareKeyStore::random()
            .expect("ks")
            .wrap(b"k")
            .expect("wrap");
        let other = SoftwareKeyStore::random().expect("ks");
        assert_eq!(other.unwrap(&wrapped), Err(KeyStoreError::WrongKey));
    }

    #[test]
    fn key_file_is_reused() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("kek");
        let wrapped = SoftwareKeyStore::load_or_create(&path)
            .expect("create")
            .wrap(b"k")
            .expect("wrap");
        let again = SoftwareKeyStore::load_or_create(&path).expect("load");
        assert_eq!(again.unwrap(&wrapped).expect("unwrap"), b"k");
    }
}
