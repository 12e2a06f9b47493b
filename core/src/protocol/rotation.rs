//! TLS key rotation (docs/protocol.md, "TLS key rotation"): the program's
//! statement, signed with the receipt key the device pinned at enrollment,
//! of the pins its server's TLS key has from now on. A device whose pins
//! the server's new key fails accepts the new pins only on such a
//! statement: signed by that key, for its program, numbered above the last
//! one it took, naming 1 to [`MAX_PINS`] pins. Nothing here does I/O.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::wire_time;
use crate::crypto::signing;

/// What the receipt key signs before the rotation's bytes, so a rotation's
/// signature never passes for a receipt's (84 bytes from `CKR1`/`CKM1`) or
/// the other way round.
pub const CONTEXT: &[u8] = b"checkin-tls-rotation-v1\0";
/// Most pins one rotation may name (the new key and a few backups).
pub const MAX_PINS: usize = 8;

/// A rotation, as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsRotation {
    pub v: u32,
    pub program_id: String,
    /// Higher than every earlier rotation of the program.
    pub seq: u64,
    #[serde(with = "wire_time")]
    pub issued_at: DateTime<Utc>,
    /// The server key pins from now on (base64 SHA-256 of a DER
    /// SubjectPublicKeyInfo), replacing the device's.
    pub pins: Vec<String>,
}

/// Why a rotation was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RotationError {
    #[error("the rotation's signature does not verify under the pinned receipt key")]
    BadSignature,
    #[error("the rotation is malformed: {0}")]
    Malformed(String),
    #[error("the rotation is for another program")]
    OtherProgram,
    #[error("the rotation is number {seq}, not newer than the {held} already taken")]
    NotNewer { seq: u64, held: u64 },
}

/// What the device holds to judge a rotation by.
#[derive(Debug, Clone, Copy)]
pub struct Held<'a> {
    pub receipt_public_key: &'a [u8],
    pub program_id: &'a str,
    /// The number of the last rotation taken (0: none).
    pub seq: u64,
}

/// Checks a rotation's bytes and signature against what the device holds.
pub fn verify(
    rotation: &[u8],
    signature: &[u8],
    held: Held<'_>,
) -> Result<TlsRotation, RotationError> {
    let mut signed = CONTEXT.to_vec();
    signed.extend_from_slice(rotation);
    if !signing::verify(held.receipt_public_key, &signed, signature) {
        return Err(RotationError::BadSignature);
    }
    let parsed: TlsRotation =
        serde_json::from_slice(rotation).map_err(|e| RotationError::Malformed(e.to_string()))?;
    if parsed.v != 1 {
        return Err(RotationError::Malformed(format!("version {}", parsed.v)));
    }
    if parsed.program_id != held.program_id {
        return Err(RotationError::OtherProgram);
    }
    if parsed.seq <= held.seq {
        return Err(RotationError::NotNewer {
            seq: parsed.seq,
            held: held.seq,
        });
    }
    if parsed.pins.is_empty() || parsed.pins.len() > MAX_PINS {
        return Err(RotationError::Malformed(format!(
            "{} pins",
            parsed.pins.len()
        )));
    }
    for pin in &parsed.pins {
        let ok = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, pin)
            .is_ok_and(|d| d.len() == 32);
        if !ok {
            return Err(RotationError::Malformed("a pin is not 32 bytes of base64".into()));
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::signing::DeviceKey;

    fn signed_by(key: &DeviceKey, rotation: &serde_json::Value) -> (Vec<u8>, Vec<u8>) {
        let bytes = serde_json::to_vec(rotation).expect("json");
        let sig = key.sign(CONTEXT, &bytes).to_vec();
        (bytes, sig)
    }

    fn rotation(seq: u64, program: &str, pins: &[&str]) -> serde_json::Value {
        serde_json::json!({
            "v": 1, "program_id": program, "seq": seq,
            "issued_at": "2026-12-01T00:00:00.000Z", "pins": pins,
        })
    }

    #[test]
    fn only_a_newer_rotation_signed_by_the_receipt_key_for_this_program_is_taken() {
        let program = DeviceKey::generate().expect("key");
        let pk = program.public_key();
        let pin = "A".repeat(43) + "=";
        let held = Held {
            receipt_public_key: &pk,
            program_id: "p1",
            seq: 1,
        };
        let (bytes, sig) = signed_by(&program, &rotation(2, "p1", &[&pin]));
        let taken = verify(&bytes, &sig, held).expect("valid");
        assert_eq!((taken.seq, taken.pins), (2, vec![pin.clone()]));

        let impostor = DeviceKey::generate().expect("key");
        let (bytes, sig) = signed_by(&impostor, &rotation(2, "p1", &[&pin]));
        assert_eq!(verify(&bytes, &sig, held), Err(RotationError::BadSignature));
        let (bytes, sig) = signed_by(&program, &rotation(1, "p1", &[&pin]));
        assert!(matches!(verify(&bytes, &sig, held), Err(RotationError::NotNewer { .. })));
        let (bytes, sig) = signed_by(&program, &rotation(3, "p2", &[&pin]));
        assert_eq!(verify(&bytes, &sig, held), Err(RotationError::OtherProgram));
        let (bytes, sig) = signed_by(&program, &rotation(3, "p1", &[]));
        assert!(matches!(verify(&bytes, &sig, held), Err(RotationError::Malformed(_))));
        let (bytes, sig) = signed_by(&program, &rotation(3, "p1", &["c2hvcnQ="]));
        assert!(matches!(verify(&bytes, &sig, held), Err(RotationError::Malformed(_))));
        // A signature without the context (e.g. over a receipt) is no rotation's.
        let bytes = serde_json::to_vec(&rotation(3, "p1", &[&pin])).expect("json");
        let bare = program.sign(b"", &bytes);
        assert_eq!(verify(&bytes, &bare, held), Err(RotationError::BadSignature));
    }
}
