//! The verifier's decisions, called directly with certificate chains made
//! by a program's own authority (the reference server's `TlsAuthority`).

use super::*;
use reference_server::{TlsAuthority, TlsIdentity};

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn chain(identity: &TlsIdentity) -> Vec<CertificateDer<'static>> {
    identity
        .cert_chain_der
        .iter()
        .map(|c| CertificateDer::from(c.clone()))
        .collect()
}

/// Roots holding the authority's certificate (the last of a chain it issued).
fn roots_of(identity: &TlsIdentity) -> Arc<RootCertStore> {
    let mut roots = RootCertStore::empty();
    let ca = chain(identity).pop().expect("ca");
    roots.add(ca).expect("root");
    Arc::new(roots)
}

fn check(
    verifier: &PinningVerifier,
    presented: &[CertificateDer<'static>],
) -> Result<(), rustls::Error> {
    let name = ServerName::try_from("localhost").expect("name");
    verifier
        .verify_server_cert(&presented[0], &presented[1..], &name, &[], UnixTime::now())
        .map(|_| ())
}

fn is_mismatch(r: &Result<(), rustls::Error>) -> bool {
    matches!(r, Err(e) if is_pin_mismatch(e))
}

#[test]
fn a_first_connection_pins_the_authority_not_the_server_key() {
    let ca = TlsAuthority::new("Program CA").expect("ca");
    let first = ca.issue().expect("cert");
    let verifier = PinningVerifier::with_roots(provider(), roots_of(&first), Vec::new());
    check(&verifier, &chain(&first)).expect("chains to the roots");
    let leaf_pin = first.spki_pin().expect("pin");
    assert_eq!(verifier.pins_to_keep(), vec![ca.spki_pin()]);
    assert!(!verifier.pins_to_keep().contains(&leaf_pin));
    assert_eq!(verifier.presented_pins()[0], leaf_pin);
    // The core and the server compute the same pin, independently.
    assert_eq!(spki_pin(&chain(&first)[0]).expect("pin"), leaf_pin);

    // Not chaining to the roots: refused at first use.
    let stranger = TlsIdentity::self_signed().expect("cert");
    let verifier = PinningVerifier::with_roots(provider(), roots_of(&first), Vec::new());
    assert!(check(&verifier, &chain(&stranger)).is_err());
}

#[test]
fn a_pinned_authority_accepts_a_renewed_key_and_nothing_else() {
    let ca = TlsAuthority::new("Program CA").expect("ca");
    let renewed = ca.issue().expect("renewed with a new key");
    // Pinned on the authority presented in the chain.
    let pinned = PinningVerifier::new(provider(), vec![ca.spki_pin()]);
    check(&pinned, &chain(&renewed)).expect("a renewal from the same CA");

    // An impostor's self-signed key, and an impostor presenting the real
    // authority's certificate beside a leaf it did not issue.
    let impostor = TlsIdentity::self_signed().expect("cert");
    assert!(is_mismatch(&check(&pinned, &chain(&impostor))));
    let other_ca = TlsAuthority::new("Program CA").expect("ca");
    let mut forged = chain(&other_ca.issue().expect("cert"));
    forged[1] = chain(&renewed)[1].clone();
    assert!(is_mismatch(&check(&pinned, &forged)));

    // Pinned on a root that is not presented: the chain is verified to it.
    let leaf_only = vec![chain(&renewed)[0].clone()];
    let by_root = PinningVerifier::with_roots(provider(), roots_of(&renewed), vec![ca.spki_pin()]);
    check(&by_root, &leaf_only).expect("chains to the pinned root");
    let unpinned_root = PinningVerifier::with_roots(
        provider(),
        roots_of(&renewed),
        vec![TlsIdentity::self_signed().expect("c").spki_pin().expect("p")],
    );
    assert!(is_mismatch(&check(&unpinned_root, &leaf_only)));

    // A pinned server key still works alone (a self-signed server).
    let own = PinningVerifier::new(provider(), vec![impostor.spki_pin().expect("pin")]);
    check(&own, &chain(&impostor)).expect("its own key");
}

#[test]
fn a_chain_to_a_pinned_authority_must_name_the_server() {
    let ca = TlsAuthority::new("Program CA").expect("ca");
    let cert = ca.issue().expect("cert");
    let pinned = PinningVerifier::new(provider(), vec![ca.spki_pin()]);
    let presented = chain(&cert);
    let other = ServerName::try_from("program.example").expect("name");
    let r = pinned.verify_server_cert(&presented[0], &presented[1..], &other, &[], UnixTime::now());
    assert!(r.is_err() && !r.as_ref().is_err_and(|e| is_pin_mismatch(e)), "{r:?}");
}

#[test]
fn a_probe_accepts_any_chain_and_remembers_it() {
    let impostor = TlsIdentity::self_signed().expect("cert");
    let probe = PinningVerifier::probe(provider());
    check(&probe, &chain(&impostor)).expect("any chain");
    assert_eq!(probe.presented_pins(), vec![impostor.spki_pin().expect("pin")]);
}
