//! HPKE (RFC 9180) sealing for exactly one suite, built on ring primitives:
//! mode_base, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM.
//!
//! Only the sender side lives here: the device seals to the program, and
//! never needs to open. The program opens with any RFC 9180 implementation
//! (the reference server uses the independent `hpke` crate). The key
//! schedule and AEAD are checked against the RFC's published test vectors.
//!
//! ring keeps HKDF pseudo-random keys opaque, but HPKE feeds the output of
//! one extract into the next as bytes, so Extract is HMAC-SHA256 directly
//! (RFC 5869 §2.2) and Expand is ring's HKDF-Expand over those bytes.
//!
//! Every secret this file holds as bytes is wiped when dropped: the X25519
//! output, the pseudo-random keys of each extract, the shared secret, the
//! AEAD key, base nonce and exporter secret (`Zeroizing`, or a `Drop` that
//! zeroizes). ring's own AES key schedule inside `LessSafeKey` is ring's to
//! keep; the raw key it was made from is wiped here.

use ring::{aead, agreement, hkdf, hmac, rand::SecureRandom};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::CryptoError;

/// Length of an X25519 public key, which is also `enc` for this KEM.
pub const ENC_LEN: usize = 32;
/// AES-256-GCM tag length.
pub const TAG_LEN: usize = 16;

const MODE_BASE: u8 = 0x00;
const KEM_ID: u16 = 0x0020;
const KDF_ID: u16 = 0x0001;
const AEAD_ID: u16 = 0x0002;
const N_SECRET: usize = 32;
const N_K: usize = 32;
const N_N: usize = 12;
const N_H: usize = 32;

fn kem_suite_id() -> [u8; 5] {
    let [a, b] = KEM_ID.to_be_bytes();
    [b'K', b'E', b'M', a, b]
}

fn hpke_suite_id() -> [u8; 10] {
    let [k1, k2] = KEM_ID.to_be_bytes();
    let [d1, d2] = KDF_ID.to_be_bytes();
    let [a1, a2] = AEAD_ID.to_be_bytes();
    [b'H', b'P', b'K', b'E', k1, k2, d1, d2, a1, a2]
}

/// A 32-byte secret (a pseudo-random key, a shared secret), wiped on drop.
pub(crate) type Secret32 = Zeroizing<[u8; 32]>;

/// HKDF-Extract with SHA-256 over the concatenation of `ikm` parts.
fn extract(salt: &[u8], ikm: &[&[u8]]) -> Secret32 {
    // An empty salt means HashLen zero bytes; HMAC pads its key with zeros,
    // so the empty key is already that.
    let key = hmac::Key::new(hmac::HMAC_SHA256, salt);
    let mut ctx = hmac::Context::with_key(&key);
    for part in ikm {
        ctx.update(part);
    }
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(ctx.sign().as_ref());
    out
}

struct OutLen(usize);
impl hkdf::KeyType for OutLen {
    fn len(&self) -> usize {
        self.0
    }
}

fn expand(prk: &[u8; 32], info: &[&[u8]], out: &mut [u8]) -> Result<(), CryptoError> {
    let prk = hkdf::Prk::new_less_safe(hkdf::HKDF_SHA256, prk);
    prk.expand(info, OutLen(out.len()))
        .and_then(|okm| okm.fill(out))
        .map_err(|_| CryptoError::Internal("hkdf expand"))
}

pub(crate) fn labeled_extract(suite_id: &[u8], salt: &[u8], label: &[u8], ikm: &[u8]) -> Secret32 {
    extract(salt, &[b"HPKE-v1", suite_id, label, ikm])
}

pub(crate) fn labeled_expand(
    suite_id: &[u8],
    prk: &[u8; 32],
    label: &[u8],
    info: &[u8],
    out: &mut [u8],
) -> Result<(), CryptoError> {
    let len = u16::try_from(out.len()).map_err(|_| CryptoError::Internal("expand length"))?;
    expand(
        prk,
        &[&len.to_be_bytes(), b"HPKE-v1", suite_id, label, info],
        out,
    )
}

/// DHKEM's ExtractAndExpand: turns the raw X25519 output into the KEM's
/// shared secret, bound to both public keys through `kem_context`.
pub(crate) fn extract_and_expand(
    dh: &[u8],
    kem_context: &[u8],
) -> Result<Zeroizing<[u8; N_SECRET]>, CryptoError> {
    let suite = kem_suite_id();
    let eae_prk = labeled_extract(&suite, b"", b"eae_prk", dh);
    let mut shared = Zeroizing::new([0u8; N_SECRET]);
    labeled_expand(&suite, &eae_prk, b"shared_secret", kem_context, shared.as_mut())?;
    Ok(shared)
}

/// The output of the base-mode key schedule; wiped when dropped.
pub(crate) struct KeySchedule {
    pub key: [u8; N_K],
    pub base_nonce: [u8; N_N],
    pub exporter_secret: [u8; N_H],
}

impl Drop for KeySchedule {
    fn drop(&mut self) {
        self.key.zeroize();
        self.base_nonce.zeroize();
        self.exporter_secret.zeroize();
    }
}

impl ZeroizeOnDrop for KeySchedule {}

pub(crate) fn key_schedule_base(
    shared_secret: &[u8],
    info: &[u8],
) -> Result<KeySchedule, CryptoError> {
    let suite = hpke_suite_id();
    let psk_id_hash = labeled_extract(&suite, b"", b"psk_id_hash", b"");
    let info_hash = labeled_extract(&suite, b"", b"info_hash", info);
    let mut context = Vec::with_capacity(1 + 2 * N_H);
    context.push(MODE_BASE);
    context.extend_from_slice(psk_id_hash.as_ref());
    context.extend_from_slice(info_hash.as_ref());
    let secret = labeled_extract(&suite, shared_secret, b"secret", b"");
    let mut ks = KeySchedule {
        key: [0; N_K],
        base_nonce: [0; N_N],
        exporter_secret: [0; N_H],
    };
    labeled_expand(&suite, &secret, b"key", &context, &mut ks.key)?;
    labeled_expand(&suite, &secret, b"base_nonce", &context, &mut ks.base_nonce)?;
    labeled_expand(&suite, &secret, b"exp", &context, &mut ks.exporter_secret)?;
    Ok(ks)
}

/// An HPKE sender context: seals messages in sequence under one key. Its
/// nonce and exporter secret are wiped when dropped.
pub(crate) struct SenderContext {
    key: aead::LessSafeKey,
    base_nonce: [u8; N_N],
    #[cfg_attr(not(test), allow(dead_code))]
    exporter_secret: [u8; N_H],
    seq: u64,
}

impl Drop for SenderContext {
    fn drop(&mut self) {
        self.base_nonce.zeroize();
        self.exporter_secret.zeroize();
    }
}

impl ZeroizeOnDrop for SenderContext {}

impl SenderContext {
    pub(crate) fn new(ks: &KeySchedule) -> Result<Self, CryptoError> {
        let key = aead::UnboundKey::new(&aead::AES_256_GCM, &ks.key)
            .map_err(|_| CryptoError::Internal("aead key"))?;
        Ok(Self {
            key: aead::LessSafeKey::new(key),
            base_nonce: ks.base_nonce,
            exporter_secret: ks.exporter_secret,
            seq: 0,
        })
    }

    /// Seals `pt` with `aad` under the next sequence number.
    pub(crate) fn seal(&mut self, aad: &[u8], pt: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let mut nonce = self.base_nonce;
        for (n, s) in nonce[N_N - 8..].iter_mut().zip(self.seq.to_be_bytes()) {
            *n ^= s;
        }
        // RFC 9180 §5.2: the sequence number must not wrap.
        self.seq = self
            .seq
            .checked_add(1)
            .ok_or(CryptoError::Internal("hpke sequence overflow"))?;
        let mut out = Vec::with_capacity(pt.len() + TAG_LEN);
        out.extend_from_slice(pt);
        self.key
            .seal_in_place_append_tag(
                aead::Nonce::assume_unique_for_key(nonce),
                aead::Aad::from(aad),
                &mut out,
            )
            .map_err(|_| CryptoError::Internal("aead seal"))?;
        Ok(out)
    }

    /// The HPKE secret export interface (RFC 9180 §5.3).
    #[cfg(test)]
    pub(crate) fn export(
        &self,
        exporter_context: &[u8],
        out: &mut [u8],
    ) -> Result<(), CryptoError> {
        labeled_expand(
            &hpke_suite_id(),
            &self.exporter_secret,
            b"sec",
            exporter_context,
            out,
        )
    }
}

/// Seals `pt` to the recipient's X25519 public key in one shot:
/// returns `(enc, ciphertext)`. A fresh ephemeral key is drawn from `rng`.
pub fn seal_base(
    rng: &dyn SecureRandom,
    recipient_public_key: &[u8; 32],
    info: &[u8],
    aad: &[u8],
    pt: &[u8],
) -> Result<([u8; ENC_LEN], Vec<u8>), CryptoError> {
    let sk_e = agreement::EphemeralPrivateKey::generate(&agreement::X25519, rng)
        .map_err(|_| CryptoError::Internal("ephemeral key"))?;
    let pk_e = sk_e
        .compute_public_key()
        .map_err(|_| CryptoError::Internal("ephemeral public key"))?;
    let mut enc = [0u8; ENC_LEN];
    enc.copy_from_slice(pk_e.as_ref());
    let peer = agreement::UnparsedPublicKey::new(&agreement::X25519, recipient_public_key);
    // ring rejects a peer key that yields the all-zero secret (RFC 9180 §7.1.4).
    let dh: Secret32 = agreement::agree_ephemeral(sk_e, &peer, |dh| {
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(dh);
        out
    })
    .map_err(|_| CryptoError::BadPublicKey)?;
    let mut kem_context = [0u8; 64];
    kem_context[..32].copy_from_slice(&enc);
    kem_context[32..].copy_from_slice(recipient_public_key);
    let shared = extract_and_expand(dh.as_ref(), &kem_context)?;
    let ks = key_schedule_base(shared.as_ref(), info)?;
    let ct = SenderContext::new(&ks)?.seal(aad, pt)?;
    Ok((enc, ct))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(v: &serde_json::Value) -> Vec<u8> {
        hex::decode(v.as_str().expect("hex string")).expect("hex")
    }

    /// RFC 9180 Appendix A vectors for our suite: KEM, key schedule, all 257
    /// sequential encryptions, and exports.
    #[test]
    fn matches_rfc9180_test_vectors() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../fixtures/vectors/hpke-rfc9180-base-x25519-sha256-aes256gcm.json"
        );
        let all: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path).expect("vectors")).expect("json");
        let v = &all[0];
        let ids = ["mode", "kem_id", "kdf_id", "aead_id"].map(|k| v[k].as_u64());
        assert_eq!(ids, [Some(0), Some(0x20), Some(1), Some(2)]);

        // DeriveKeyPair's secret scalar (RFC 9180 §7.1.3) from ikmE.
        let suite = kem_suite_id();
        let dkp_prk = labeled_extract(&suite, b"", b"dkp_prk", &unhex(&v["ikmE"]));
        let mut sk_e = [0u8; 32];
        labeled_expand(&suite, &dkp_prk, b"sk", b"", &mut sk_e).expect("expand");
        assert_eq!(sk_e.to_vec(), unhex(&v["skEm"]));

        // ring cannot import a fixed X25519 scalar, so the test computes the
        // raw DH with x25519-dalek; everything after it is our code.
        let pk_r: [u8; 32] = unhex(&v["pkRm"]).try_into().expect("32");
        let dh = x25519_dalek::StaticSecret::from(sk_e)
            .diffie_hellman(&x25519_dalek::PublicKey::from(pk_r));
        let enc = unhex(&v["enc"]);
        let mut kem_context = enc.clone();
        kem_context.extend_from_slice(&pk_r);
        let shared = extract_and_expand(dh.as_bytes(), &kem_context).expect("shared");
        assert_eq!(shared.to_vec(), unhex(&v["shared_secret"]));

        let ks = key_schedule_base(shared.as_ref(), &unhex(&v["info"])).expect("schedule");
        assert_eq!(ks.key.to_vec(), unhex(&v["key"]));
        assert_eq!(ks.base_nonce.to_vec(), unhex(&v["base_nonce"]));
        assert_eq!(ks.exporter_secret.to_vec(), unhex(&v["exporter_secret"]));

        let mut ctx = SenderContext::new(&ks).expect("context");
        let encryptions = v["encryptions"].as_array().expect("encryptions");
        assert_eq!(encryptions.len(), 257);
        for e in encryptions {
            let ct = ctx.seal(&unhex(&e["aad"]), &unhex(&e["pt"])).expect("seal");
            assert_eq!(ct, unhex(&e["ct"]));
        }
        for x in v["exports"].as_array().expect("exports") {
            let len = usize::try_from(x["L"].as_u64().expect("L")).expect("len");
            let mut out = vec![0u8; len];
            ctx.export(&unhex(&x["exporter_context"]), &mut out)
                .expect("export");
            assert_eq!(out, unhex(&x["exported_value"]));
        }
    }

    #[test]
    fn nonce_sequence_changes_ciphertext() {
        let ks = key_schedule_base(&[7u8; 32], b"info").expect("schedule");
        let mut ctx = SenderContext::new(&ks).expect("context");
        let a = ctx.seal(b"", b"same").expect("seal");
        let b = ctx.seal(b"", b"same").expect("seal");
        assert_ne!(a, b, "each message must use a fresh nonce");
    }

    /// Compiles only for types that wipe themselves when dropped.
    fn wiped_on_drop<T: ZeroizeOnDrop>() {}

    #[test]
    fn every_secret_held_as_bytes_is_wiped_on_drop() {
        wiped_on_drop::<Secret32>();
        wiped_on_drop::<KeySchedule>();
        wiped_on_drop::<SenderContext>();
        // What the key schedule returns and derives from is a Secret32.
        let prk: Secret32 = labeled_extract(&hpke_suite_id(), b"", b"secret", b"ikm");
        let shared: Zeroizing<[u8; N_SECRET]> =
            extract_and_expand(prk.as_ref(), &[0u8; 64]).expect("shared");
        let mut ks = key_schedule_base(shared.as_ref(), b"info").expect("schedule");
        assert_ne!(ks.key, [0u8; N_K]);
        ks.key.zeroize();
        assert_eq!(ks.key, [0u8; N_K]);
    }

    #[test]
    fn sealing_to_an_all_zero_key_is_refused() {
        let rng = ring::rand::SystemRandom::new();
        let err = seal_base(&rng, &[0u8; 32], b"i", b"a", b"p").expect_err("low-order key");
        assert!(matches!(err, CryptoError::BadPublicKey));
    }
}
