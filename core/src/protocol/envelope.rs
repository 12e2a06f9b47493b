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
    /// The part is described here but travels in the check-in's media
    /// envelope (docs/protocol.md, "Deferred media"). Omitted when false,
    /// so a whole check-in's header is unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deferred: bool,
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

/// The device's ledger as it stood when a check-in was sealed: the last
/// entry's seq and SHA-256 (docs/ledger.md, "Anchoring"). In the signed
/// header, so the program's receipt countersigns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerHeadRef {
    pub seq: u64,
    pub sha256_hex: String,
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
    /// The device's ledger head at sealing (absent from earlier devices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger_head: Option<LedgerHeadRef>,
    pub parts: Vec<PartDescriptor>,
    /// Only in a media envelope: hex SHA-256 of the check-in's record
    /// envelope, the one whose header lists these parts as deferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_for: Option<String>,
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
            deferred: false,
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
    pub ledger_head: Option<LedgerHeadRef>,
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

/// A check-in sealed as a record envelope and, when some of its media may
/// wait for an unmetered network, a media envelope bound to it.
#[derive(Debug, Clone)]
pub struct SealedCheckin {
    /// The record envelope's header: every part, deferred ones marked.
    pub header: EnvelopeHeader,
    pub record: SealedEnvelope,
    /// The deferred parts, sealed and signed the same way.
    pub media: Option<SealedEnvelope>,
}

/// Seals `parts` (record first) to `program_key` and signs the result:
/// one envelope, nothing deferred (tests build envelopes with it).
#[cfg(any(test, feature = "internals"))]
pub fn seal(
    rng: &dyn SecureRandom,
    fields: HeaderFields,
    parts: &[Part],
    program_key: &[u8; 32],
    device_key: &DeviceKey,
) -> Result<(EnvelopeHeader, SealedEnvelope), SealError> {
    let sealed = seal_deferring(rng, fields, parts, |_| false, program_key, device_key)?;
    Ok((sealed.header, sealed.record))
}

/// Seals a check-in whose parts for which `defer` is true travel in a
/// second, media envelope (docs/protocol.md, "Deferred media"). Both are
/// sealed now, so the capture-time evidence is fixed and no plaintext media
/// is kept. The record itself is never deferred. With nothing deferred
/// this is exactly [`seal`].
pub fn seal_deferring(
    rng: &dyn SecureRandom,
    fields: HeaderFields,
    parts: &[Part],
    defer: impl Fn(&Part) -> bool,
    program_key: &[u8; 32],
    device_key: &DeviceKey,
) -> Result<SealedCheckin, SealError> {
    if parts.first().map(|p| p.kind) != Some(PartKind::Record) {
        return Err(SealError::RecordNotFirst);
    }
    let deferred: Vec<bool> = parts
        .iter()
        .map(|p| p.kind != PartKind::Record && defer(p))
        .collect();
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
        ledger_head: fields.ledger_head,
        parts: parts
            .iter()
            .zip(&deferred)
            .map(|(p, d)| PartDescriptor {
                deferred: *d,
                ..p.describe()
            })
            .collect(),
        media_for: None,
    };
    let carried = parts.iter().zip(&deferred).filter(|(_, d)| !**d);
    let record = seal_one(
        rng,
        &header,
        carried.map(|(p, _)| p),
        program_key,
        device_key,
    )?;
    if !deferred.iter().any(|d| *d) {
        return Ok(SealedCheckin {
            header,
            record,
            media: None,
        });
    }
    let media_header = EnvelopeHeader {
        parts: header
            .parts
            .iter()
            .filter(|p| p.deferred)
            .map(|p| PartDescriptor {
                deferred: false,
                ..p.clone()
            })
            .collect(),
        media_for: Some(hex::encode(record.digest)),
        ..header.clone()
    };
    let moved = parts.iter().zip(&deferred).filter(|(_, d)| **d);
    let media = seal_one(
        rng,
        &media_header,
        moved.map(|(p, _)| p),
        program_key,
        device_key,
    )?;
    Ok(SealedCheckin {
        header,
        record,
        media: Some(media),
    })
}

/// Serializes `header`, seals the length-prefixed `parts` under it and
/// signs the envelope.
fn seal_one<'p>(
    rng: &dyn SecureRandom,
    header: &EnvelopeHeader,
    parts: impl Iterator<Item = &'p Part> + Clone,
    program_key: &[u8; 32],
    device_key: &DeviceKey,
) -> Result<SealedEnvelope, SealError> {
    let header_bytes = serde_json::to_vec(header)
        .map_err(|e| ProtocolError::malformed("envelope header", e.to_string()))?;
    if header_bytes.len() > MAX_HEADER_LEN {
        return Err(ProtocolError::TooLarge {
            what: "envelope header",
            size: header_bytes.len(),
            limit: MAX_HEADER_LEN,
        }
        .into());
    }

    let body_len: usize = parts.clone().map(|p| 4 + p.bytes.len()).sum();
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
    Ok(SealedEnvelope { bytes, digest })
}

/// The fields of an envelope, borrowed from its bytes. The device reads
/// only the header; the rest is for an opener such as the tests' oracle.
#[derive(Debug)]
#[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
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

#[cfg(any(test, feature = "internals"))]
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
            ledger_head: Some(LedgerHeadRef {
                seq: 3,
                sha256_hex: "ab".repeat(32),
            }),
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

    fn media(kind: PartKind, n: usize) -> Part {
        Part {
            kind,
            media_type: "application/octet-stream".into(),
            bytes: vec![7; n],
        }
    }

    #[test]
    fn deferred_parts_are_described_in_the_record_and_carried_in_the_media_envelope() {
        let key = DeviceKey::generate().expect("key");
        let parts = [
            record(b"{}"),
            media(PartKind::Photo, 3000),
            media(PartKind::Voice, 10),
        ];
        let sealed = seal_deferring(
            &SystemRandom::new(),
            sample_fields(),
            &parts,
            |p| p.bytes.len() > 100,
            &[9u8; 32],
            &key,
        )
        .expect("seal");
        // The record header still names every part, with its digest.
        let flags: Vec<_> = sealed.header.parts.iter().map(|p| p.deferred).collect();
        assert_eq!(flags, [false, true, false]);
        assert_eq!(
            sealed.header.parts[1].sha256_hex,
            parts[1].describe().sha256_hex
        );
        let record = parse(&sealed.record.bytes).expect("record");
        assert_eq!(record.header, sealed.header);
        assert!(record.header.media_for.is_none());
        // Only the carried parts are in the body: 4+2 and 4+10 bytes + tag.
        assert_eq!(record.ciphertext.len(), 6 + 14 + hpke::TAG_LEN);
        assert!(record.verify_signature(&key.public_key()));

        let media_bytes = sealed.media.expect("media envelope");
        let media_env = parse(&media_bytes.bytes).expect("media");
        assert_eq!(
            media_env.header.media_for.as_deref(),
            Some(hex::encode(sealed.record.digest).as_str())
        );
        assert_eq!(media_env.header.checkin_id, sealed.header.checkin_id);
        assert_eq!(media_env.header.captured_at, sealed.header.captured_at);
        assert_eq!(media_env.header.parts, vec![parts[1].describe()]);
        assert_eq!(media_env.ciphertext.len(), 4 + 3000 + hpke::TAG_LEN);
        assert!(media_env.verify_signature(&key.public_key()));
    }

    #[test]
    fn nothing_deferred_is_a_plain_envelope_and_the_record_never_waits() {
        let key = DeviceKey::generate().expect("key");
        let parts = [record(b"{}"), media(PartKind::Photo, 5)];
        let sealed = seal_deferring(
            &SystemRandom::new(),
            sample_fields(),
            &parts,
            |p| p.kind == PartKind::Record,
            &[9u8; 32],
            &key,
        )
        .expect("seal");
        assert!(sealed.media.is_none());
        assert!(sealed.header.parts.iter().all(|p| !p.deferred));
        let text = std::str::from_utf8(parse(&sealed.record.bytes).expect("p").header_bytes)
            .expect("utf8")
            .to_owned();
        assert!(
            !text.contains("deferred") && !text.contains("media_for"),
            "{text}"
        );
    }
}
