//! Device request signatures (docs/protocol.md, "Device request signatures").

use base64::Engine as _;

use crate::crypto::signing::DeviceKey;

pub const HEADER_DEVICE: &str = "Checkin-Device";
pub const HEADER_TIMESTAMP: &str = "Checkin-Timestamp";
pub const HEADER_NONCE: &str = "Checkin-Nonce";
pub const HEADER_SIGNATURE: &str = "Checkin-Signature";

/// The four headers that authenticate one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    pub device: String,
    pub timestamp: String,
    pub nonce: String,
    pub signature: String,
}

/// The exact string a request signature covers.
#[cfg(test)]
pub fn signing_string(
    method: &str,
    path: &str,
    timestamp: &str,
    nonce: &str,
    body: &[u8],
) -> String {
    signing_string_for_digest(method, path, timestamp, nonce, &crate::crypto::sha256(body))
}

/// [`signing_string`] given the body's SHA-256 (an envelope's digest is
/// already known, so a 100 KB upload is not hashed twice).
pub fn signing_string_for_digest(
    method: &str,
    path: &str,
    timestamp: &str,
    nonce: &str,
    body_sha256: &[u8; 32],
) -> String {
    format!(
        "checkin-request-v1\n{method}\n{path}\n{timestamp}\n{nonce}\n{}",
        hex::encode(body_sha256)
    )
}

/// Context of the enrollment proof (docs/protocol.md, "POST /v1/enroll").
pub const ENROLL_PROOF_CONTEXT: &[u8] = b"checkin-enroll-v1\n";

/// The enrollment proof: base64 of the device key's signature over
/// `ENROLL_PROOF_CONTEXT || code || "\n" || device_public_key || "\n" ||
/// platform`, with `code` as sent (without surrounding whitespace) and the
/// public key as sent (base64). It shows the server that whoever enrolls
/// the key holds it, and binds it to this code and platform.
pub fn enroll_proof(
    key: &DeviceKey,
    code: &str,
    device_public_key_b64: &str,
    platform: &str,
) -> String {
    let message = format!("{}\n{device_public_key_b64}\n{platform}", code.trim());
    base64::engine::general_purpose::STANDARD
        .encode(key.sign(ENROLL_PROOF_CONTEXT, message.as_bytes()))
}

/// Signs one request. `timestamp_ms` is the device's corrected time.
pub fn sign(
    key: &DeviceKey,
    device_id: &str,
    method: &str,
    path: &str,
    timestamp_ms: i64,
    nonce: &[u8; 16],
    body_sha256: &[u8; 32],
) -> SignedHeaders {
    let b64 = base64::engine::general_purpose::STANDARD;
    let timestamp = timestamp_ms.to_string();
    let nonce = b64.encode(nonce);
    let msg = signing_string_for_digest(method, path, &timestamp, &nonce, body_sha256);
    SignedHeaders {
        device: device_id.to_string(),
        signature: b64.encode(key.sign(b"", msg.as_bytes())),
        timestamp,
        nonce,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_enrollment_proof_signs_code_key_and_platform_under_its_context() {
        let key = DeviceKey::generate().expect("key");
        let b64 = base64::engine::general_purpose::STANDARD;
        let public = b64.encode(key.public_key());
        let proof = b64
            .decode(enroll_proof(
                &key,
                " K7Q4P-2MXHR-9TBWE\n",
                &public,
                "android",
            ))
            .expect("b64");
        let signed = |code: &str, platform: &str| {
            format!("checkin-enroll-v1\n{code}\n{public}\n{platform}").into_bytes()
        };
        let verifies =
            |message: &[u8]| crate::crypto::signing::verify(&key.public_key(), message, &proof);
        assert!(verifies(&signed("K7Q4P-2MXHR-9TBWE", "android")));
        assert!(!verifies(&signed("K7Q4P-2MXHR-9TBWF", "android")));
        assert!(!verifies(&signed("K7Q4P-2MXHR-9TBWE", "ios")));
        assert!(!verifies(&signed(" K7Q4P-2MXHR-9TBWE\n", "android")));
        // The context is part of what is signed.
        let bare = format!("K7Q4P-2MXHR-9TBWE\n{public}\nandroid");
        assert!(!verifies(bare.as_bytes()));
    }

    #[test]
    fn signature_covers_method_path_time_nonce_and_body() {
        let key = DeviceKey::generate().expect("key");
        let h = sign(
            &key,
            "dev",
            "POST",
            "/v1/checkins",
            42,
            &[1u8; 16],
            &crate::crypto::sha256(b"body"),
        );
        let b64 = base64::engine::general_purpose::STANDARD;
        let sig = b64.decode(&h.signature).expect("b64");
        let good = signing_string("POST", "/v1/checkins", "42", &h.nonce, b"body");
        assert!(crate::crypto::signing::verify(
            &key.public_key(),
            good.as_bytes(),
            &sig
        ));
        for bad in [
            signing_string("GET", "/v1/checkins", "42", &h.nonce, b"body"),
            signing_string("POST", "/v1/plan", "42", &h.nonce, b"body"),
            signing_string("POST", "/v1/checkins", "43", &h.nonce, b"body"),
            signing_string("POST", "/v1/checkins", "42", &h.nonce, b"bodY"),
        ] {
            assert!(!crate::crypto::signing::verify(
                &key.public_key(),
                bad.as_bytes(),
                &sig
            ));
        }
    }
}
