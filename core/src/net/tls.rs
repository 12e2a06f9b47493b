//! TLS to the program server: rustls on ring, and pinning of the server's
//! public key(s) set at enrollment.
//!
//! - Before a pin exists (enrollment), the server's certificate must chain
//!   to the webpki roots, unless the enrollment material carries pins.
//! - Once pinned, the leaf certificate's public key (SHA-256 of its
//!   SubjectPublicKeyInfo) must be one of the pins. A mismatch is a typed
//!   [`PinMismatch`], never a silent fallback to the roots: a pinned
//!   program server that shows another key is treated as an attack.
//!   Pinning the key rather than the certificate lets a program renew
//!   certificates without re-enrolling devices, and lets it use a
//!   self-signed certificate.
//! - Plain `http://` is allowed only to loopback, for tests and the demo.

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

use crate::crypto::sha256;

/// The server showed a key that is not pinned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the program server's key does not match the key pinned at enrollment")]
pub struct PinMismatch;

/// A pin: base64 of SHA-256 over the server key's DER SubjectPublicKeyInfo
/// (the same form as HTTP Public Key Pinning's `pin-sha256`).
pub fn spki_pin(cert: &CertificateDer<'_>) -> Result<String, rustls::Error> {
    let parsed = webpki::EndEntityCert::try_from(cert)
        .map_err(|_| rustls::Error::InvalidCertificate(rustls::CertificateError::BadEncoding))?;
    Ok(base64::engine::general_purpose::STANDARD
        .encode(sha256(parsed.subject_public_key_info().as_ref())))
}

/// Verifies server certificates against pins, or the webpki roots when
/// there are none yet, and remembers the key it saw (for trust on first use
/// at enrollment).
#[derive(Debug)]
pub struct PinningVerifier {
    roots: Arc<dyn ServerCertVerifier>,
    pins: Vec<String>,
    algorithms: WebPkiSupportedAlgorithms,
    seen: Mutex<Option<String>>,
}

impl PinningVerifier {
    pub fn new(provider: Arc<CryptoProvider>, pins: Vec<String>) -> Result<Self, rustls::Error> {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
            Arc::new(roots),
            provider.clone(),
        )
        .build()
        .map_err(|e| rustls::Error::General(e.to_string()))?;
        Ok(Self {
            roots: webpki,
            pins,
            algorithms: provider.signature_verification_algorithms,
            seen: Mutex::new(None),
        })
    }

    /// The pin of the last server key this verifier accepted.
    pub fn seen_pin(&self) -> Option<String> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl ServerCertVerifier for PinningVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let pin = spki_pin(end_entity)?;
        if self.pins.is_empty() {
            self.roots.verify_server_cert(
                end_entity,
                intermediates,
                server_name,
                ocsp_response,
                now,
            )?;
        } else if !self.pins.contains(&pin) {
            return Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::Other(rustls::OtherError(Arc::new(PinMismatch))),
            ));
        }
        *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = Some(pin);
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// Whether an error (from reqwest, through hyper and an `io::Error`) was
/// caused by a pin mismatch.
pub fn is_pin_mismatch(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if e.downcast_ref::<PinMismatch>().is_some() {
            return true;
        }
        if let Some(rustls::Error::InvalidCertificate(rustls::CertificateError::Other(other))) =
            e.downcast_ref::<rustls::Error>()
            && other.0.downcast_ref::<PinMismatch>().is_some()
        {
            return true;
        }
        // `io::Error::source` skips the error it wraps; look inside.
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            && is_pin_mismatch(inner)
        {
            return true;
        }
        cur = e.source();
    }
    false
}

/// Whether `url` may be used without TLS (loopback only).
pub fn plain_http_allowed(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}
