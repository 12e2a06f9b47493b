//! TLS to the program server: rustls on ring, and pinning of the server's
//! public keys set at enrollment, in a way a certificate renewal survives.
//!
//! - Before a pin exists (enrollment without the program's pins), the
//!   server's certificate must chain to the webpki roots, and what is
//!   pinned is the keys of the CAs on that chain (its intermediates and its
//!   root), not the server's own key: a routine renewal with a new server
//!   key, from the same CA, is still accepted.
//! - Once pinned, a connection is accepted when the leaf's own key is a
//!   pin (a program that pins its server key, e.g. a self-signed one), or
//!   when the leaf chains, by signature and for the server's name and the
//!   current time, to a pinned CA key: a certificate the server presented
//!   or a webpki root. A pin on an intermediate the chain does not lead to
//!   is worth nothing: the path is verified, not just listed.
//! - Anything else is a typed [`PinMismatch`], never a silent fallback to
//!   the roots: a pinned program server that shows another key is treated
//!   as an attack, unless the program signed a TLS key rotation naming the
//!   new key (docs/protocol.md; `sync::rotation` fetches it through a
//!   [`PinningVerifier::probe`] and checks the signature).
//! - A pin is base64 of SHA-256 over the key's DER SubjectPublicKeyInfo;
//!   a program may hand out several (a backup key kept offline).
//! - Plain `http://` is allowed only to loopback, for tests and the demo.

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::verify_server_cert_signed_by_trust_anchor;
// rustls names the parsed certificate under `server`; it serves both sides.
use rustls::server::ParsedCertificate;
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, TrustAnchor, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::crypto::sha256;

/// The server showed a key that is not pinned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the program server's key does not match the key pinned at enrollment")]
pub struct PinMismatch;

fn pin_of(spki_der: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(sha256(spki_der))
}

/// A pin: base64 of SHA-256 over the certificate key's DER
/// SubjectPublicKeyInfo (the same form as HTTP Public Key Pinning's
/// `pin-sha256`).
pub fn spki_pin(cert: &CertificateDer<'_>) -> Result<String, rustls::Error> {
    let parsed = webpki::EndEntityCert::try_from(cert)
        .map_err(|_| rustls::Error::InvalidCertificate(CertificateError::BadEncoding))?;
    Ok(pin_of(parsed.subject_public_key_info().as_ref()))
}

/// The pin of a root's key.
fn anchor_pin(anchor: &TrustAnchor<'_>) -> String {
    pin_of(webpki::spki_for_anchor(anchor).as_ref())
}

/// How a verifier decides.
#[derive(Debug)]
enum Trust {
    /// No pins yet: the chain must reach a root; its CAs' keys are kept.
    FirstUse,
    /// The pins, and the roots among `roots` whose key is pinned.
    Pinned {
        pins: Vec<String>,
        pinned_roots: RootCertStore,
    },
    /// Any chain, remembered: only for fetching a signed rotation.
    Probe,
}

/// What the last connection showed.
#[derive(Debug, Default, Clone)]
struct Seen {
    /// The pins of every certificate presented, the leaf first.
    presented: Vec<String>,
    /// The pins of the CA keys the leaf verifiably chains to (first use).
    path_cas: Vec<String>,
}

/// Verifies server certificates against pins, or the roots when there are
/// none yet, and remembers what it saw.
#[derive(Debug)]
pub struct PinningVerifier {
    roots: Arc<RootCertStore>,
    trust: Trust,
    algorithms: WebPkiSupportedAlgorithms,
    seen: Mutex<Seen>,
}

fn webpki_roots() -> Arc<RootCertStore> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    Arc::new(roots)
}

impl PinningVerifier {
    /// With `pins`, a pinned verifier; without, one for a first connection
    /// that must chain to the webpki roots.
    pub fn new(provider: Arc<CryptoProvider>, pins: Vec<String>) -> Self {
        Self::with_roots(provider, webpki_roots(), pins)
    }

    /// As [`PinningVerifier::new`] over other roots (tests use their own CA).
    pub fn with_roots(
        provider: Arc<CryptoProvider>,
        roots: Arc<RootCertStore>,
        pins: Vec<String>,
    ) -> Self {
        let trust = if pins.is_empty() {
            Trust::FirstUse
        } else {
            let mut pinned_roots = RootCertStore::empty();
            pinned_roots.roots = roots
                .roots
                .iter()
                .filter(|a| pins.contains(&anchor_pin(a)))
                .cloned()
                .collect();
            Trust::Pinned { pins, pinned_roots }
        };
        Self {
            roots,
            trust,
            algorithms: provider.signature_verification_algorithms,
            seen: Mutex::new(Seen::default()),
        }
    }

    /// A verifier that accepts any chain and remembers it: for fetching the
    /// program's signed TLS key rotation after a pin mismatch, and nothing
    /// else (no request sent over it may carry the device's data).
    pub fn probe(provider: Arc<CryptoProvider>) -> Self {
        Self {
            roots: Arc::new(RootCertStore::empty()),
            trust: Trust::Probe,
            algorithms: provider.signature_verification_algorithms,
            seen: Mutex::new(Seen::default()),
        }
    }

    fn seen(&self) -> Seen {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// What to pin after a first connection: the keys of the CAs the
    /// server's certificate chains to (its own key only if it chains to
    /// none, which a first connection that passed cannot do).
    pub fn pins_to_keep(&self) -> Vec<String> {
        let seen = self.seen();
        if seen.path_cas.is_empty() {
            seen.presented.into_iter().take(1).collect()
        } else {
            seen.path_cas
        }
    }

    /// The pins of every certificate the last connection presented.
    pub fn presented_pins(&self) -> Vec<String> {
        self.seen().presented
    }

    /// Whether `leaf` chains, by signature and at `now`, to one of `anchors`.
    fn chains_to(
        &self,
        leaf: &ParsedCertificate<'_>,
        anchors: Vec<TrustAnchor<'static>>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<(), rustls::Error> {
        let mut store = RootCertStore::empty();
        store.roots = anchors;
        verify_server_cert_signed_by_trust_anchor(
            leaf,
            &store,
            intermediates,
            now,
            self.algorithms.all,
        )
    }

    /// The CA keys on the leaf's verified path: each presented certificate
    /// and each root the leaf chains to on its own.
    fn path_cas(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<Vec<String>, rustls::Error> {
        let leaf = ParsedCertificate::try_from(end_entity)?;
        let mut pins = Vec::new();
        for (i, cert) in intermediates.iter().enumerate() {
            let Ok(anchor) = webpki::anchor_from_trusted_cert(cert) else {
                continue;
            };
            let others: Vec<CertificateDer<'_>> = intermediates
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| c.clone())
                .collect();
            if self
                .chains_to(&leaf, vec![anchor.to_owned()], &others, now)
                .is_ok()
            {
                pins.push(spki_pin(cert)?);
            }
        }
        for root in &self.roots.roots {
            if self
                .chains_to(&leaf, vec![root.clone()], intermediates, now)
                .is_ok()
            {
                pins.push(anchor_pin(root));
            }
        }
        // A CA presented in the chain may also be the root.
        let mut unique = Vec::with_capacity(pins.len());
        for pin in pins {
            if !unique.contains(&pin) {
                unique.push(pin);
            }
        }
        Ok(unique)
    }

    fn verify_pinned(
        &self,
        pins: &[String],
        pinned_roots: &RootCertStore,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        now: UnixTime,
    ) -> Result<(), rustls::Error> {
        if pins.contains(&spki_pin(end_entity)?) {
            return Ok(());
        }
        let mut anchors = pinned_roots.roots.clone();
        for cert in intermediates {
            if pins.contains(&spki_pin(cert)?)
                && let Ok(anchor) = webpki::anchor_from_trusted_cert(cert)
            {
                anchors.push(anchor.to_owned());
            }
        }
        if anchors.is_empty() {
            return Err(mismatch());
        }
        let leaf = ParsedCertificate::try_from(end_entity)?;
        match self.chains_to(&leaf, anchors, intermediates, now) {
            Ok(()) => {}
            // No path from the leaf to a pinned key: not the program's.
            Err(rustls::Error::InvalidCertificate(
                CertificateError::UnknownIssuer | CertificateError::BadSignature,
            )) => return Err(mismatch()),
            // A path, but an expired or otherwise unusable certificate.
            Err(other) => return Err(other),
        }
        rustls::client::verify_server_name(&leaf, server_name)
    }
}

fn mismatch() -> rustls::Error {
    rustls::Error::InvalidCertificate(CertificateError::Other(rustls::OtherError(Arc::new(
        PinMismatch,
    ))))
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
        let mut presented = vec![spki_pin(end_entity)?];
        for cert in intermediates {
            presented.push(spki_pin(cert)?);
        }
        let mut path_cas = Vec::new();
        match &self.trust {
            Trust::FirstUse => {
                let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
                    self.roots.clone(),
                    Arc::new(rustls::crypto::ring::default_provider()),
                )
                .build()
                .map_err(|e| rustls::Error::General(e.to_string()))?;
                webpki.verify_server_cert(
                    end_entity,
                    intermediates,
                    server_name,
                    ocsp_response,
                    now,
                )?;
                path_cas = self.path_cas(end_entity, intermediates, now)?;
            }
            Trust::Pinned { pins, pinned_roots } => self.verify_pinned(
                pins,
                pinned_roots,
                end_entity,
                intermediates,
                server_name,
                now,
            )?,
            Trust::Probe => {}
        }
        *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = Seen {
            presented,
            path_cas,
        };
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
        if let Some(rustls::Error::InvalidCertificate(CertificateError::Other(other))) =
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

#[cfg(test)]
mod tests;
