//! The HTTP side of the protocol: one reqwest client on rustls with ring,
//! no redirects followed, signed requests; what an upload's answer means
//! is `reply.rs`'s.

use std::time::Duration;

use base64::Engine as _;
use reqwest::{StatusCode, header::HeaderMap};
use uuid::Uuid;

use super::reply::{SendOutcome, classify};
use super::tls;

mod document;
pub use document::DocumentReply;
use crate::crypto::signing::DeviceKey;
use crate::error::Error;
use crate::protocol::messages::{EnrollRequest, EnrollResponse, ErrorBody, RotationResponse};
use crate::protocol::request;

/// How long to wait for a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// How long one request may take in all: a 100 KB check-in on a slow 2G
/// link (~20 kbit/s) needs about 40 s.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(90);
/// Largest reply body read from the server.
const MAX_REPLY_BYTES: usize = 1024 * 1024;
/// Largest TLS record sent. A record is only usable whole, so when a
/// connection is cut mid-upload the server loses the partial record it
/// was receiving: 4 KiB records lose 2 KiB on average instead of 8 KiB
/// with the 16 KiB default (the network lab measures it), for 22 bytes
/// of framing per record (0.5%).
const MAX_TLS_RECORD: usize = 4096;
/// An idle connection is kept this long for the next request. Within a
/// sync requests follow each other at once; between syncs a mobile
/// network's NAT may forget an idle connection without telling either
/// end, and a request on it stalls until its timeout and fails: a new
/// connection instead costs a resumed TLS handshake, not a failed upload
/// (reqwest's default keeps idle connections 90 s).
const KEEP_IDLE: Duration = Duration::from_secs(30);

/// Signs requests as this device.
pub struct Signer<'a> {
    pub key: &'a DeviceKey,
    pub device_id: Uuid,
    /// The device's corrected time, ms since the epoch.
    pub now_ms: i64,
}

#[derive(Debug, Clone)]
pub struct Api {
    pub(super) http: reqwest::Client,
    base: String,
    verifier: std::sync::Arc<tls::PinningVerifier>,
}

impl Api {
    /// A client for `base_url`. With `pins`, the server's TLS key must be
    /// one of them or chain to one (`tls.rs`); without, it must chain to the
    /// webpki roots, and the CA keys it chains to are available from
    /// [`Api::pins_to_keep`] for pinning.
    pub fn new(base_url: &str, pins: Vec<String>) -> Result<Self, Error> {
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let verifier = tls::PinningVerifier::new(provider, pins);
        Self::with_verifier(base_url, verifier)
    }

    /// A client that accepts any TLS key, for one thing only: fetching the
    /// program's signed TLS key rotation after a pin mismatch
    /// ([`Api::tls_rotation`]). Nothing of the device goes over it.
    pub fn probe(base_url: &str) -> Result<Self, Error> {
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        Self::with_verifier(base_url, tls::PinningVerifier::probe(provider))
    }

    fn with_verifier(base_url: &str, verifier: tls::PinningVerifier) -> Result<Self, Error> {
        let url = reqwest::Url::parse(base_url).map_err(|_| Error::InvalidServerUrl)?;
        match url.scheme() {
            "https" => {}
            "http" if tls::plain_http_allowed(&url) => {}
            _ => return Err(Error::InvalidServerUrl),
        }
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let verifier = std::sync::Arc::new(verifier);
        let mut tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::Network(format!("TLS setup: {e}")))?
            .dangerous() // a custom verifier: pins first, webpki roots before any pin exists
            .with_custom_certificate_verifier(verifier.clone())
            .with_no_client_auth();
        tls.max_fragment_size = Some(MAX_TLS_RECORD);
        let http = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            // A redirect is never the program's answer (a portal's login
            // page, a proxy): it is reported, never followed with the
            // device's signed request and envelope.
            .redirect(reqwest::redirect::Policy::none())
            .https_only(url.scheme() == "https")
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .pool_idle_timeout(KEEP_IDLE)
            .user_agent(concat!("checkin-core/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Network(format!("HTTP client setup: {e}")))?;
        Ok(Self {
            http,
            base: base_url.trim_end_matches('/').to_string(),
            verifier,
        })
    }

    /// What to pin after a first TLS connection: the keys of the CAs the
    /// server's certificate chains to. Empty before a TLS request.
    pub fn pins_to_keep(&self) -> Vec<String> {
        self.verifier.pins_to_keep()
    }

    /// The pins of the certificates the last TLS connection presented.
    pub fn presented_pins(&self) -> Vec<String> {
        self.verifier.presented_pins()
    }

    /// The program's latest TLS key rotation (`GET /v1/tls-rotation`,
    /// unsigned), or `None` when it published none. Checking it is the
    /// caller's (`protocol::rotation::verify`).
    pub async fn tls_rotation(&self) -> Result<Option<RotationResponse>, Error> {
        let resp = self
            .http
            .get(self.url("/v1/tls-rotation"))
            .send()
            .await
            .map_err(network)?;
        let status = resp.status();
        let body = read_body(resp).await?;
        match status {
            StatusCode::OK => parse_json(&body).map(Some),
            StatusCode::NOT_FOUND => Ok(None),
            other => Err(server_error(other, &body)),
        }
    }

    pub(super) fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub(super) fn signed(
        &self,
        req: reqwest::RequestBuilder,
        signer: &Signer<'_>,
        method: &str,
        path: &str,
        body_sha256: &[u8; 32],
    ) -> Result<reqwest::RequestBuilder, Error> {
        let mut nonce = [0u8; 16];
        ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut nonce)
            .map_err(|_| Error::Network("no randomness for a nonce".into()))?;
        let h = request::sign(
            signer.key,
            &signer.device_id.to_string(),
            method,
            path,
            signer.now_ms,
            &nonce,
            body_sha256,
        );
        Ok(req
            .header(request::HEADER_DEVICE, h.device)
            .header(request::HEADER_TIMESTAMP, h.timestamp)
            .header(request::HEADER_NONCE, h.nonce)
            .header(request::HEADER_SIGNATURE, h.signature))
    }

    pub async fn enroll(&self, req: &EnrollRequest) -> Result<EnrollResponse, Error> {
        let resp = self
            .http
            .post(self.url("/v1/enroll"))
            .json(req)
            .send()
            .await
            .map_err(network)?;
        let status = resp.status();
        let wait = retry_after(resp.headers());
        let body = read_body(resp).await?;
        match status {
            StatusCode::OK => parse_json(&body),
            other => Err(enroll_refusal(other, wait, &body)),
        }
    }

    /// Uploads one envelope to `path` (`/v1/checkins` for a check-in's
    /// record, `/v1/media` for its deferred media, docs/protocol.md). Never
    /// returns `Err` for what the server said: every reply is sorted into a
    /// [`SendOutcome`].
    pub async fn post_envelope(
        &self,
        path: &str,
        signer: &Signer<'_>,
        checkin_id: Uuid,
        envelope: &[u8],
        envelope_digest: &[u8; 32],
    ) -> SendOutcome {
        let req = match self.signed(
            self.http
                .post(self.url(path))
                .header("Idempotency-Key", checkin_id.to_string())
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/vnd.checkin.envelope",
                )
                .body(envelope.to_vec()),
            signer,
            "POST",
            path,
            envelope_digest,
        ) {
            Ok(r) => r,
            Err(e) => {
                return SendOutcome::Transient {
                    reason: e.to_string(),
                    retry_after: None,
                };
            }
        };
        let resp = match req.send().await {
            Ok(r) => r,
            Err(e) if tls::is_pin_mismatch(&e) => return SendOutcome::PinMismatch,
            Err(e) => {
                return SendOutcome::Transient {
                    reason: describe(&e),
                    retry_after: None,
                };
            }
        };
        let status = resp.status();
        let retry_after = retry_after(resp.headers());
        let body = match read_body(resp).await {
            Ok(b) => b,
            Err(e) => {
                return SendOutcome::Transient {
                    reason: e.to_string(),
                    retry_after: None,
                };
            }
        };
        classify(status, retry_after, &body)
    }
}

pub(super) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

pub(super) async fn read_body(mut resp: reqwest::Response) -> Result<Vec<u8>, Error> {
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(network)? {
        if body.len() + chunk.len() > MAX_REPLY_BYTES {
            return Err(Error::Network("the server's reply is too large".into()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| {
        crate::protocol::ProtocolError::malformed("server reply", e.to_string()).into()
    })
}

/// What a refused enrollment means to the caller. A server answers every
/// code it cannot use (unknown, used, expired, or sent while the network is
/// locked out) with 404; servers before that answered a used code 409. 429
/// means too many failed attempts from this network: try again later, as
/// after a network error (the wait is in the message).
fn enroll_refusal(status: StatusCode, wait: Option<Duration>, body: &[u8]) -> Error {
    match status {
        StatusCode::NOT_FOUND => Error::EnrollmentCodeInvalid,
        StatusCode::CONFLICT => Error::EnrollmentCodeUsed,
        StatusCode::TOO_MANY_REQUESTS => Error::Network(match wait {
            Some(wait) => format!(
                "the server is refusing enrollment attempts for now; retry in {} s",
                wait.as_secs()
            ),
            None => "the server is refusing enrollment attempts for now; retry later".into(),
        }),
        other => server_error(other, body),
    }
}

pub(super) fn server_error(status: StatusCode, body: &[u8]) -> Error {
    let code = serde_json::from_slice::<ErrorBody>(body)
        .map(|b| b.error.code)
        .unwrap_or_else(|_| "unknown".into());
    Error::Server {
        status: status.as_u16(),
        code,
    }
}

pub(super) fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        "could not connect".into()
    } else {
        "connection failed".into()
    }
}

pub(super) fn network(e: reqwest::Error) -> Error {
    if tls::is_pin_mismatch(&e) {
        Error::PinMismatch
    } else {
        Error::Network(describe(&e))
    }
}

/// Decodes base64 from a server reply.
pub(crate) fn b64(text: &str) -> Result<Vec<u8>, Error> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|_| crate::protocol::ProtocolError::malformed("server reply", "bad base64").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enrollment_refusals_map_to_typed_errors() {
        let s = |c| StatusCode::from_u16(c).expect("status");
        let invalid = br#"{"error":{"code":"enrollment_code_invalid","message":"m"}}"#;
        assert!(matches!(
            enroll_refusal(s(404), None, invalid),
            Error::EnrollmentCodeInvalid
        ));
        // An older server's answer to a used code.
        assert!(matches!(
            enroll_refusal(s(409), None, b""),
            Error::EnrollmentCodeUsed
        ));
        assert!(matches!(
            enroll_refusal(s(429), Some(Duration::from_secs(60)), b""),
            Error::Network(ref m) if m.contains("60 s")
        ));
        let proof = br#"{"error":{"code":"enrollment_proof_invalid","message":"m"}}"#;
        assert!(matches!(
            enroll_refusal(s(400), None, proof),
            Error::Server { status: 400, ref code } if code == "enrollment_proof_invalid"
        ));
        assert!(matches!(
            enroll_refusal(s(503), None, b""),
            Error::Server { status: 503, .. }
        ));
    }

}
