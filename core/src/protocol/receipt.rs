//! Receipts (docs/protocol.md, "Receipt"): the program's signed statement
//! that it stored one envelope. The device accepts one only if every field
//! matches what it sent and the signature verifies under the receipt key it
//! pinned at enrollment; anything else keeps the check-in queued.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::wire_time;
use crate::crypto::{key_id_bytes, signing};

pub const MAGIC: &[u8; 4] = b"CKR1";
/// A media receipt (docs/protocol.md, "Deferred media"): the same layout,
/// naming the media envelope. Its own magic keeps it from ever passing as
/// the receipt of a check-in.
pub const MEDIA_MAGIC: &[u8; 4] = b"CKM1";
pub const LEN: usize = 84;

/// A verified receipt, as the participant keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub checkin_id: Uuid,
    pub envelope_sha256_hex: String,
    #[serde(with = "wire_time")]
    pub received_at: DateTime<Utc>,
    #[serde(with = "wire_time")]
    pub captured_at: DateTime<Utc>,
    pub receipt_key_id: String,
    /// The 84 signed bytes, base64, so anyone can re-verify.
    pub receipt_b64: String,
    /// The program's Ed25519 signature over them, base64.
    pub signature_b64: String,
}

/// Why a receipt was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    #[error("the receipt is malformed")]
    Malformed,
    #[error("the receipt's signature does not verify under the pinned receipt key")]
    BadSignature,
    #[error("the receipt is signed by a key other than the pinned one")]
    WrongKey,
    #[error("the receipt names another check-in")]
    WrongCheckin,
    #[error("the receipt names another envelope digest")]
    WrongDigest,
    #[error("the receipt's capture time differs from the envelope's")]
    WrongCaptureTime,
}

/// What the device expects the receipt to say.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    pub checkin_id: Uuid,
    pub envelope_digest: &'a [u8; 32],
    pub captured_at: DateTime<Utc>,
    pub receipt_public_key: &'a [u8],
}

/// Encodes the 84 receipt bytes (the tests' stand-in for a server).
#[cfg(any(test, feature = "internals"))]
pub fn encode(
    checkin_id: Uuid,
    envelope_digest: &[u8; 32],
    received_at: DateTime<Utc>,
    captured_at: DateTime<Utc>,
    receipt_public_key: &[u8],
) -> [u8; LEN] {
    let mut out = [0u8; LEN];
    out[..4].copy_from_slice(MAGIC);
    out[4..20].copy_from_slice(checkin_id.as_bytes());
    out[20..52].copy_from_slice(envelope_digest);
    out[52..60].copy_from_slice(&received_at.timestamp_millis().to_be_bytes());
    out[60..68].copy_from_slice(&captured_at.timestamp_millis().to_be_bytes());
    out[68..84].copy_from_slice(&key_id_bytes(receipt_public_key));
    out
}

fn i64_at(b: &[u8], at: usize) -> i64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[at..at + 8]);
    i64::from_be_bytes(x)
}

/// Checks a receipt from the wire against what the device sent.
pub fn verify(
    body: &[u8],
    signature: &[u8],
    expected: Expected<'_>,
) -> Result<Receipt, ReceiptError> {
    verify_with_magic(MAGIC, body, signature, expected)
}

/// Checks a media receipt (`CKM1`) against the media envelope sent.
pub fn verify_media(
    body: &[u8],
    signature: &[u8],
    expected: Expected<'_>,
) -> Result<Receipt, ReceiptError> {
    verify_with_magic(MEDIA_MAGIC, body, signature, expected)
}

fn verify_with_magic(
    magic: &[u8; 4],
    body: &[u8],
    signature: &[u8],
    expected: Expected<'_>,
) -> Result<Receipt, ReceiptError> {
    if body.len() != LEN || &body[..4] != magic || signature.len() != signing::SIGNATURE_LEN {
        return Err(ReceiptError::Malformed);
    }
    if !signing::verify(expected.receipt_public_key, body, signature) {
        return Err(ReceiptError::BadSignature);
    }
    if body[68..84] != key_id_bytes(expected.receipt_public_key) {
        return Err(ReceiptError::WrongKey);
    }
    if &body[4..20] != expected.checkin_id.as_bytes() {
        return Err(ReceiptError::WrongCheckin);
    }
    if &body[20..52] != expected.envelope_digest {
        return Err(ReceiptError::WrongDigest);
    }
    let captured = i64_at(body, 60);
    if captured != expected.captured_at.timestamp_millis() {
        return Err(ReceiptError::WrongCaptureTime);
    }
    let received_at = wire_time::from_millis(i64_at(body, 52)).ok_or(ReceiptError::Malformed)?;
    let captured_at = wire_time::from_millis(captured).ok_or(ReceiptError::Malformed)?;
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(Receipt {
        checkin_id: expected.checkin_id,
        envelope_sha256_hex: hex::encode(expected.envelope_digest),
        received_at,
        captured_at,
        receipt_key_id: hex::encode(&body[68..84]),
        receipt_b64: b64.encode(body),
        signature_b64: b64.encode(signature),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::{Ed25519KeyPair, KeyPair};

    struct Fixture {
        key: Ed25519KeyPair,
        id: Uuid,
        digest: [u8; 32],
        captured: DateTime<Utc>,
    }

    fn fixture() -> Fixture {
        Fixture {
            key: Ed25519KeyPair::from_seed_unchecked(&[3u8; 32]).expect("key"),
            id: Uuid::new_v4(),
            digest: [7u8; 32],
            captured: wire_time::from_millis(1_700_000_000_000).expect("t"),
        }
    }

    impl Fixture {
        fn expected(&self) -> Expected<'_> {
            Expected {
                checkin_id: self.id,
                envelope_digest: &self.digest,
                captured_at: self.captured,
                receipt_public_key: self.key.public_key().as_ref(),
            }
        }
        fn body(&self) -> [u8; LEN] {
            let received = wire_time::from_millis(1_700_000_100_000).expect("t");
            encode(
                self.id,
                &self.digest,
                received,
                self.captured,
                self.key.public_key().as_ref(),
            )
        }
    }

    #[test]
    fn a_good_receipt_verifies() {
        let f = fixture();
        let body = f.body();
        let sig = f.key.sign(&body);
        let r = verify(&body, sig.as_ref(), f.expected()).expect("valid");
        assert_eq!(r.checkin_id, f.id);
        assert_eq!(r.received_at.timestamp_millis(), 1_700_000_100_000);
    }

    #[test]
    fn every_mismatch_is_refused() {
        let f = fixture();
        let body = f.body();
        let sig = f.key.sign(&body);
        let mut bad_sig = sig.as_ref().to_vec();
        bad_sig[0] ^= 1;
        assert_eq!(
            verify(&body, &bad_sig, f.expected()),
            Err(ReceiptError::BadSignature)
        );

        let other = [8u8; 32];
        let exp = Expected {
            envelope_digest: &other,
            ..f.expected()
        };
        assert_eq!(
            verify(&body, sig.as_ref(), exp),
            Err(ReceiptError::WrongDigest)
        );

        let exp = Expected {
            checkin_id: Uuid::new_v4(),
            ..f.expected()
        };
        assert_eq!(
            verify(&body, sig.as_ref(), exp),
            Err(ReceiptError::WrongCheckin)
        );

        let exp = Expected {
            captured_at: f.captured + chrono::Duration::milliseconds(1),
            ..f.expected()
        };
        assert_eq!(
            verify(&body, sig.as_ref(), exp),
            Err(ReceiptError::WrongCaptureTime)
        );

        let stranger = Ed25519KeyPair::from_seed_unchecked(&[4u8; 32]).expect("key");
        let exp = Expected {
            receipt_public_key: stranger.public_key().as_ref(),
            ..f.expected()
        };
        assert_eq!(
            verify(&body, stranger.sign(&body).as_ref(), exp),
            Err(ReceiptError::WrongKey)
        );

        assert_eq!(
            verify(&body[..83], sig.as_ref(), f.expected()),
            Err(ReceiptError::Malformed)
        );
    }

    #[test]
    fn a_check_in_receipt_and_a_media_receipt_are_never_confused() {
        let f = fixture();
        let body = f.body();
        let sig = f.key.sign(&body);
        assert_eq!(
            verify_media(&body, sig.as_ref(), f.expected()),
            Err(ReceiptError::Malformed)
        );
        let mut media = body;
        media[..4].copy_from_slice(MEDIA_MAGIC);
        let sig = f.key.sign(&media);
        assert!(verify_media(&media, sig.as_ref(), f.expected()).is_ok());
        assert_eq!(
            verify(&media, sig.as_ref(), f.expected()),
            Err(ReceiptError::Malformed)
        );
    }
}
