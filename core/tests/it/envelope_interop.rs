//! Envelopes sealed by the core open with an independent RFC 9180
//! implementation (the `hpke` crate), exactly as docs/protocol.md says.

use checkin_core::crypto::{sha256, signing::DeviceKey};
use checkin_core::protocol::envelope::{
    self, ClockEvidence, HeaderFields, LedgerHeadRef, Part, PartKind,
};
use checkin_core::protocol::wire_time;
use hpke::{
    Deserializable, Kem, OpModeR, Serializable, aead::AesGcm256, kdf::HkdfSha256,
    kem::X25519HkdfSha256,
};
use ring::rand::SystemRandom;
use uuid::Uuid;

fn fields() -> HeaderFields {
    let t = wire_time::from_millis(1_764_079_387_123).expect("time");
    HeaderFields {
        checkin_id: Uuid::new_v4(),
        device_id: Uuid::new_v4(),
        program_key_id: "00".repeat(16),
        window: None,
        captured_at: t,
        clock: ClockEvidence {
            device_time: t,
            server_offset_ms: -1200,
            uptime_ms: Some(81_234_567),
        },
        sealed_at: t,
        policy_version: Some(3),
        ledger_head: Some(LedgerHeadRef {
            seq: 12,
            sha256_hex: "5e".repeat(32),
        }),
    }
}

fn open(
    sk: &<X25519HkdfSha256 as Kem>::PrivateKey,
    enc: &[u8],
    ct: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, hpke::HpkeError> {
    let enc = <X25519HkdfSha256 as Kem>::EncappedKey::from_bytes(enc)?;
    hpke::single_shot_open::<AesGcm256, HkdfSha256, X25519HkdfSha256>(
        &OpModeR::Base,
        sk,
        &enc,
        envelope::HPKE_INFO,
        ct,
        aad,
    )
}

#[test]
fn the_hpke_crate_opens_what_the_core_seals() {
    let (sk, pk) = X25519HkdfSha256::derive_keypair(b"program key for the interop test");
    let pk_bytes: [u8; 32] = pk.to_bytes().into();
    let device = DeviceKey::generate().expect("device key");
    let photo: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let parts = [
        Part {
            kind: PartKind::Record,
            media_type: "application/json".into(),
            bytes: br#"{"v":1}"#.to_vec(),
        },
        Part {
            kind: PartKind::Photo,
            media_type: "image/jpeg".into(),
            bytes: photo,
        },
    ];
    let (header, sealed) =
        envelope::seal(&SystemRandom::new(), fields(), &parts, &pk_bytes, &device).expect("seal");

    let parsed = envelope::parse(&sealed.bytes).expect("parse");
    assert!(parsed.verify_signature(&device.public_key()));
    let body = open(&sk, parsed.enc, parsed.ciphertext, parsed.header_bytes)
        .expect("the hpke crate opens the envelope");

    // Body = for each part: u32 length || bytes, matching the header.
    let mut rest = body.as_slice();
    for (desc, part) in header.parts.iter().zip(&parts) {
        let len = u32::from_be_bytes(rest[..4].try_into().expect("4")) as usize;
        assert_eq!(len as u64, desc.size);
        let bytes = &rest[4..4 + len];
        assert_eq!(bytes, part.bytes.as_slice());
        assert_eq!(hex::encode(sha256(bytes)), desc.sha256_hex);
        rest = &rest[4 + len..];
    }
    assert!(rest.is_empty());

    // Changing one header byte makes the body unopenable (header = AAD).
    let mut tampered = parsed.header_bytes.to_vec();
    let last = tampered.len() - 2;
    tampered[last] ^= 1;
    assert!(open(&sk, parsed.enc, parsed.ciphertext, &tampered).is_err());
}

#[test]
fn an_envelope_for_another_program_does_not_open() {
    let (_, pk) = X25519HkdfSha256::derive_keypair(b"the right program");
    let (wrong_sk, _) = X25519HkdfSha256::derive_keypair(b"another program");
    let device = DeviceKey::generate().expect("device key");
    let parts = [Part {
        kind: PartKind::Record,
        media_type: "application/json".into(),
        bytes: b"{}".to_vec(),
    }];
    let (_, sealed) = envelope::seal(
        &SystemRandom::new(),
        fields(),
        &parts,
        &pk.to_bytes().into(),
        &device,
    )
    .expect("seal");
    let parsed = envelope::parse(&sealed.bytes).expect("parse");
    assert!(
        open(
            &wrong_sk,
            parsed.enc,
            parsed.ciphertext,
            parsed.header_bytes
        )
        .is_err()
    );
}
