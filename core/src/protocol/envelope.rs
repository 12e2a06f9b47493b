//! The check-in envelope (docs/protocol.md, "Envelope"): a plaintext header
//! that is both the HPKE associated data and covered by the device's
//! signature, the body sealed to the program's key, and the signature.
//!
//! ```text
//! "CKE1" | H:u32 | header (H) | enc (32) | C:u32 | ct (C) | sig (64)
//! ```

use chrono::{DateTime, Utc};
use ring::rand::SecureRandom;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ProtocolError, wire_time};
use crate::crypto::{self, CryptoError, hpke, signing::DeviceKey};

pub const MAGIC: &[u8; 4] = b"CKE1";
/// The HPKE `info` string, fixed for version 1.
pub const HPKE_INFO: &[u8] = b"checkin-envelope-v1";
/// Prefix of the message the device signs.
pub const SIGNATURE_CONTEXT: &[u8] = b"checkin-envelope-v1\0";
/// Largest header accepted (it holds only ids, times, sizes and digests).
pub const MAX_HEADER_LEN: usize = 64 * 1024;
/// Largest ciphertext accepted: 16 MiB, far above a photo plus a recording.
pub const MAX_CIPHERTEXT_LEN: usize = 16 * 1024 * 1024;
/// Bytes an envelope adds around its header and ciphertext.
pub const FRAMING_LEN: usize = 4 + 4 + hpke::ENC_LEN + 4 + crate::crypto::signing::SIGNATURE_LEN;

/// What a body part is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    Record,
    Photo,
    Voice,
}

/// The header's description of one body part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartDescriptor {
    pub kind: PartKind,
    pub media_type: String,
    pub size: u64,
    pub sha256_hex: String,
}

/// The schedule window a check-in answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowRef {
    pub id: String,
    #[serde(with = "wire_time")]
    pub opens_at: DateTime<Utc>,
    #[serde(with = "wire_time")]
    pub closes_at: DateTime<Utc>,
}

/// The raw clock evidence behind `captured_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockEvidence {
    #[serde(with = "wire_time")]
    pub device_time: DateTime<Utc>,
    pub server_offset_ms: i64,
    pub uptime_ms: Option<u64>,
}

/// The envelope's plaintext header. It carries no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvelopeHeader {
    pub v: u32,
    pub checkin_id: Uuid,
    pub device_id: Uuid,
    pub device_key_id: String,
    pub program_key_id: String,
    pub window: Option<WindowRef>,
    #[serde(with = "wire_time")]
    pub captured_at: DateTime<Utc>,
    pub clock: ClockEvidence,
    #[serde(with = "wire_time")]
    pub sealed_at: DateTime<Utc>,
    pub policy_version: Option<u32>,
    pub parts: Vec<PartDescriptor>,
}

/// One plaintext part to seal.
#[derive(Debug, Clone)]
pub struct Part {
    pub kind: PartKind,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

impl Part {
    pub fn describe(&self) -> PartDescriptor {
        PartDescriptor {
            kind: self.kind,
            media_type: self.media_type.clone(),
            size: self.bytes.len() as u64,
            sha256_hex: hex::encode(crypto::sha256(&self.bytes)),
        }
    }
}

/// A sealed, signed envelope ready to queue and send.
#[derive(Debug, Clone)]
pub struct SealedEnvelope {
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`; receipts name it.
    pub digest: [u8; 32],
}

/// Everything of a header except its part list, which sealing fills in.
#[derive(Debug, Clone)]
pub struct HeaderFields {
    pub checkin_id: Uuid,
    pub device_id: Uuid,
    pub program_key_id: String,
    pub window: Option<WindowRef>,
    pub captured_at: DateTime<Utc>,
    pub clock: ClockEvidence,
    pub sealed_at: DateTime<Utc>,
    pub policy_version: Option<u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
    #[error("the first part of an envelope must be the record")]
    RecordNotFirst,
}

/// Seals `parts` (record first) to `program_key` and signs the result.
pub fn seal(
    rng: &dyn SecureRandom,
    fields: HeaderFields,
    parts: &[Part],
    program_key: &[u8; 32],
    device_key: &DeviceKey,
) -> Result<(EnvelopeHeader, SealedEnvelope), SealError> {
    if parts.first().map(|p| p.kind) != Some(PartKind::Record) {
        return Err(SealError::RecordNotFirst);
    }
    let header = EnvelopeHeader {
        v: 1,
        checkin_id: fields.checkin_id,
        device_id: fields.device_id,
        device_key_id: device_key.key_id(),
        program_key_id: fields.program_key_id,
        window: fields.window,
        captured_at: wire_time::to_millis(fields.captured_at),
        clock: ClockEvidence {
            device_time: wire_time::to_millis(fields.clock.device_time),
            ..fields.clock
        },
        sealed_at: wire_time::to_millis(fields.sealed_at),
        policy_version: fields.policy_version,
        parts: parts.iter().map(Part::describe).collect(),
    };
    let header_bytes = serde_json::to_vec(&header)
        .map_err(|e| ProtocolError::malformed("envelope header", e.to_string()))?;
    if header_bytes.len() > MAX_HEADER_LEN {
        return Err(ProtocolError::TooLarge {
            what: "envelope header",
            size: header_bytes.len(),
            limit: MAX_HEADER_LEN,
        }
        .into());
    }

    let body_len: usize = parts.iter().map(|p| 4 + p.bytes.len()).sum();
    let mut body = Vec::with_capacity(body_len);
    for part in parts {
        let len = u32::try_from(part.bytes.len()).map_err(|_| ProtocolError::TooLarge {
            what: "envelope part",
            size: part.bytes.len(),
            limit: u32::MAX as usize,
        })?;
        body.extend_from_slice(&len.to_be_bytes());
        body.extend_from_slice(&part.bytes);
    }
    let (enc, ct) = hpke::seal_base(rng, program_key, HPKE_INFO, &header_bytes, &body)?;
    if ct.len() > MAX_CIPHERTEXT_LEN {
        return Err(ProtocolError::TooLarge {
            what: "envelope body",
            size: ct.len(),
            limit: MAX_CIPHERTEXT_LEN,
        }
        .into());
    }

    let mut bytes = Vec::with_capacity(FRAMING_LEN + header_bytes.len() + ct.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(header_bytes.len() as u32).to_be_bytes());
    bytes.extend_from_slice(&header_bytes);
    bytes.extend_from_slice(&enc);
    bytes.extend_from_slice(&(ct.len() as u32).to_be_bytes());
    bytes.extend_from_slice(&ct);
    let sig = device_key.sign(SIGNATURE_CONTEXT, &bytes);
    bytes.extend_from_slice(&sig);
    let digest = crypto::sha256(&bytes);
    Ok((header, SealedEnvelope { bytes, digest }))
}

/// The fields of an envelope, borrowed from its bytes.
#[derive(Debug)]
pub struct ParsedEnvelope<'a> {
    pub header: EnvelopeHeader,
    pub header_bytes: &'a [u8],
    pub enc: &'a [u8],
    pub ciphertext: &'a [u8],
    pub signature: &'a [u8],
    /// The bytes the signature covers (without its context prefix).
    pub signed: &'a [u8],
}

fn take<'a>(buf: &mut &'a [u8], n: usize, what: &'static str) -> Result<&'a [u8], ProtocolError> {
    if buf.len() < n {
        return Err(ProtocolError::malformed(
            "envelope",
            format!("truncated in {what}"),
        ));
    }
    let (head, rest) = buf.split_at(n);
    *buf = rest;
    Ok(head)
}

fn take_len(buf: &mut &[u8], what: &'static str) -> Result<usize, ProtocolError> {
    let b = take(buf, 4, what)?;
    Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// Splits an envelope into its fields, checking framing and limits.
/// Does not check the signature (see [`ParsedEnvelope::verify_signature`]).
pub fn parse(bytes: &[u8]) -> Result<ParsedEnvelope<'_>, ProtocolError> {
    let mut buf = bytes;
    if take(&mut buf, 4, "magic")? != MAGIC {
        return Err(ProtocolError::malformed("envelope", "bad magic"));
    }
    let h = take_len(&mut buf, "header length")?;
    if h == 0 || h > MAX_HEADER_LEN {
        return Err(ProtocolError::malformed(
            "envelope",
            format!("header length {h}"),
        ));
    }
    let header_bytes = take(&mut buf, h, "header")?;
    let enc = take(&mut buf, hpke::ENC_LEN, "enc")?;
    let c = take_len(&mut buf, "ciphertext length")?;
    if !(hpke::TAG_LEN..=MAX_CIPHERTEXT_LEN).contains(&c) {
        return Err(ProtocolError::malformed(
            "envelope",
            format!("ciphertext length {c}"),
        ));
    }
    let ciphertext = take(&mut buf, c, "ciphertext")?;
    let signed_len = bytes.len() - buf.len();
    let signature = take(&mut buf, crate::crypto::signing::SIGNATURE_LEN, "signature")?;
    if !buf.is_empty() {
        return Err(ProtocolError::malformed("envelope", "trailing bytes"));
    }
    let header: EnvelopeHeader = serde_json::from_slice(header_bytes)
        .map_err(|e| ProtocolError::malformed("envelope header", e.to_string()))?;
    Ok(ParsedEnvelope {
        header,
        header_bytes,
        enc,
        ciphertext,
        signature,
        signed: &bytes[..signed_len],
    })
}

impl ParsedEnvelope<'_> {
    pub fn verify_signature(&self, device_public_key: &[u8]) -> bool {
        let mut msg = Vec::with_capacity(SIGNATURE_CONTEXT.len() + self.signed.len());
        msg.extend_from_slice(SIGNATURE_CONTEXT);
        msg.extend_from_slice(self.signed);
        crate::crypto::signing::verify(device_public_key, &msg, self.signature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::rand::SystemRandom;

    pub(crate) fn sample_fields() -> HeaderFields {
        let t = wire_time::from_millis(1_764_079_387_123).expect("time");
        HeaderFields {
            checkin_id: Uuid::new_v4(),
            device_id: Uuid::new_v4(),
            program_key_id: "00".repeat(16),
            window: None,
            captured_at: t,
            clock: ClockEvidence {
                device_time: t,
                server_offset_ms: 0,
                uptime_ms: Some(5),
            },
            sealed_at: t,
            policy_version: Some(1),
        }
    }

    fn record(bytes: &[u8]) -> Part {
        Part {
            kind: PartKind::Record,
            media_type: "application/json".into(),
            bytes: bytes.to_vec(),
        }
    }

    /// A fresh device key and a record-only envelope sealed with it.
    fn sealed_sample() -> (DeviceKey, EnvelopeHeader, SealedEnvelope) {
        let key = DeviceKey::generate().expect("key");
        let (header, env) = seal(
            &SystemRandom::new(),
            sample_fields(),
            &[record(b"{}")],
            &[9u8; 32],
            &key,
        )
        .expect("seal");
        (key, header, env)
    }

    #[test]
    fn sealed_envelope_parses_back_and_its_signature_verifies() {
        let (key, header, env) = sealed_sample();
        let parsed = parse(&env.bytes).expect("parse");
        assert_eq!(parsed.header, header);
        assert!(parsed.verify_signature(&key.public_key()));
        assert_eq!(env.digest, crypto::sha256(&env.bytes));
        assert_eq!(
            env.bytes.len(),
            FRAMING_LEN + parsed.header_bytes.len() + parsed.ciphertext.len()
        );
    }

    #[test]
    fn any_flipped_byte_breaks_the_signature_or_the_framing() {
        let (key, _, env) = sealed_sample();
        for i in (0..env.bytes.len()).step_by(7) {
            let mut b = env.bytes.clone();
            b[i] ^= 0x40;
            if let Ok(p) = parse(&b) {
                assert!(!p.verify_signature(&key.public_key()), "byte {i}");
            }
        }
    }

    #[test]
    fn truncations_and_trailing_bytes_are_malformed() {
        let (_, _, env) = sealed_sample();
        for cut in 0..env.bytes.len() {
            assert!(parse(&env.bytes[..cut]).is_err());
        }
        let mut longer = env.bytes.clone();
        longer.push(0);
        assert!(parse(&longer).is_err());
    }

    #[test]
    fn the_record_must_come_first() {
        let key = DeviceKey::generate().expect("key");
        let photo = Part {
            kind: PartKind::Photo,
            media_type: "image/jpeg".into(),
            bytes: vec![1],
        };
        assert!(matches!(
            seal(
                &SystemRandom::new(),
                sample_fields(),
                &[photo],
                &[9u8; 32],
                &key
            ),
            Err(SealError::RecordNotFirst)
        ));
    }
}
