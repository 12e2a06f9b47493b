//! Encryption of personal fields at rest: AES-256-GCM under the storage key.
//!
//! Every ciphertext is bound, through its associated data, to the table,
//! column and row it was written for, so swapping two rows' ciphertexts (or
//! moving a photo into another check-in) makes both undecryptable instead of
//! silently wrong. A version byte leaves room for another scheme later.
//!
//! Sealed format: `0x01 || nonce (12) || ciphertext || tag (16)`.

use ring::{
    aead::{self, Aad, LessSafeKey, Nonce, UnboundKey},
    rand::{SecureRandom, SystemRandom},
};
use zeroize::Zeroizing;

use super::CryptoError;

const VERSION: u8 = 1;
const NONCE_LEN: usize = 12;
/// Bytes a sealed value adds to its plaintext.
pub const OVERHEAD: usize = 1 + NONCE_LEN + 16;
/// Length of the storage key.
pub const KEY_LEN: usize = 32;

/// Where a sealed value lives; becomes the AEAD's associated data.
#[derive(Debug, Clone, Copy)]
pub struct Binding<'a> {
    pub table: &'a str,
    pub column: &'a str,
    pub row: &'a str,
}

impl Binding<'_> {
    fn aad(&self) -> Vec<u8> {
        let mut aad =
            Vec::with_capacity(24 + self.table.len() + self.column.len() + self.row.len());
        aad.extend_from_slice(b"checkin-store-v1\0");
        for part in [self.table, self.column, self.row] {
            // Length-prefixed so ("ab","c") and ("a","bc") differ.
            aad.extend_from_slice(&(part.len() as u32).to_be_bytes());
            aad.extend_from_slice(part.as_bytes());
        }
        aad
    }
}

/// The storage key, ready to seal and open fields.
pub struct StorageCipher {
    key: LessSafeKey,
    rng: SystemRandom,
}

impl std::fmt::Debug for StorageCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StorageCipher(..)")
    }
}

impl StorageCipher {
    /// Draws a fresh random storage key; returns it for wrapping.
    pub fn generate_key() -> Result<Zeroizing<[u8; KEY_LEN]>, CryptoError> {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        SystemRandom::new()
            .fill(key.as_mut())
            .map_err(|_| CryptoError::Internal("random"))?;
        Ok(key)
    }

    pub fn new(key: &[u8]) -> Result<Self, CryptoError> {
        let unbound =
            UnboundKey::new(&aead::AES_256_GCM, key).map_err(|_| CryptoError::BadStoredKey)?;
        Ok(Self {
            key: LessSafeKey::new(unbound),
            rng: SystemRandom::new(),
        })
    }

    pub fn seal(&self, binding: Binding<'_>, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let mut nonce = [0u8; NONCE_LEN];
        self.rng
            .fill(&mut nonce)
            .map_err(|_| CryptoError::Internal("random"))?;
        let mut out = Vec::with_capacity(plaintext.len() + OVERHEAD);
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(plaintext);
        let mut body = out.split_off(1 + NONCE_LEN);
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(binding.aad()),
                &mut body,
            )
            .map_err(|_| CryptoError::Internal("aead seal"))?;
        out.extend_from_slice(&body);
        Ok(out)
    }

    pub fn open(&self, binding: Binding<'_>, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if sealed.len() < OVERHEAD || sealed[0] != VERSION {
            return Err(CryptoError::Undecryptable);
        }
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&sealed[1..1 + NONCE_LEN]);
        let mut body = sealed[1 + NONCE_LEN..].to_vec();
        let plain = self
            .key
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(binding.aad()),
                &mut body,
            )
            .map_err(|_| CryptoError::Undecryptable)?;
        let len = plain.len();
        body.truncate(len);
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cipher() -> StorageCipher {
        StorageCipher::new(&[9u8; KEY_LEN]).expect("key")
    }
    const A: Binding<'static> = Binding {
        table: "checkins",
        column: "photo",
        row: "1",
    };
    const B: Binding<'static> = Binding {
        table: "checkins",
        column: "photo",
        row: "2",
    };

    #[test]
    fn round_trip() {
        let c = cipher();
        let sealed = c.seal(A, b"marker").expect("seal");
        assert_eq!(c.open(A, &sealed).expect("open"), b"marker");
        assert_eq!(sealed.len(), 6 + OVERHEAD);
    }

    #[test]
    fn a_value_moved_to_another_row_does_not_open() {
        let c = cipher();
        let sealed = c.seal(A, b"marker").expect("seal");
        assert!(matches!(
            c.open(B, &sealed),
            Err(CryptoError::Undecryptable)
        ));
    }

    #[test]
    fn a_wrong_key_does_not_open() {
        let sealed = cipher().seal(A, b"marker").expect("seal");
        let other = StorageCipher::new(&[8u8; KEY_LEN]).expect("key");
        assert!(matches!(
            other.open(A, &sealed),
            Err(CryptoError::Undecryptable)
        ));
    }

    #[test]
    fn truncated_or_flipped_values_do_not_open() {
        let c = cipher();
        let sealed = c.seal(A, b"marker").expect("seal");
        for cut in 0..sealed.len() {
            assert!(c.open(A, &sealed[..cut]).is_err());
        }
        let mut flipped = sealed.clone();
        flipped[OVERHEAD - 3] ^= 1;
        assert!(c.open(A, &flipped).is_err());
    }
}
