//! TLS on rustls + ring with the program server's key pinned at enrollment:
//! a server showing another key is a typed error and nothing is sent; plain
//! HTTP is refused except to loopback. A certificate renewal does not lock a
//! device out (issue 16): a device that pins the program's CA keeps
//! delivering when the server's key changes, and a device pinned to a key
//! follows the program's signed rotation to a new one; an impostor still
//! gets `PinMismatch`, signed rotation or not.

use std::sync::Arc;

use crate::support::*;
use checkin_core::clock::SystemClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::net::tls::spki_pin;
use checkin_core::store::OutboxState;
use checkin_core::{CheckinClient, Error, LedgerEvent};
use reference_server::{ReferenceServer, RunningServer, ServerConfig, TlsAuthority, TlsIdentity};
use rustls::pki_types::CertificateDer;

async fn tls_server(
    dir: &std::path::Path,
    identity: &TlsIdentity,
    listen: Option<std::net::SocketAddr>,
) -> RunningServer {
    let mut cfg = ServerConfig::new(dir);
    cfg.tls = Some(identity.clone());
    if let Some(a) = listen {
        cfg.listen = a;
    }
    ReferenceServer::start(cfg).await.expect("server")
}

fn pin(identity: &TlsIdentity) -> String {
    spki_pin(&CertificateDer::from(identity.cert_chain_der[0].clone())).expect("pin")
}

#[tokio::test]
async fn a_pinned_key_is_required_on_every_connection() {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let identity = TlsIdentity::self_signed().expect("cert");
    let server = tls_server(server_dir.path(), &identity, None).await;
    let addr = server.addr();
    assert!(server.base_url().starts_with("https://"));
    let ks = SoftwareKeyStore::random().expect("ks");
    let client =
        CheckinClient::open(config(device_dir.path()), &ks, Arc::new(SystemClock)).expect("open");

    // Without a pin, a self-signed certificate does not chain to the roots.
    let err = client
        .enroll(&server.base_url(), &server.issue_enrollment_code())
        .await
        .expect_err("untrusted");
    assert!(matches!(err, Error::Network(_)), "{err:?}");
    assert!(!client.is_enrolled().expect("read"));

    // A program that hands out its key's pin gets a working, pinned device.
    let wrong_pin = pin(&TlsIdentity::self_signed().expect("cert"));
    let err = client
        .enroll_with_pins(
            &server.base_url(),
            &server.issue_enrollment_code(),
            vec![wrong_pin],
        )
        .await
        .expect_err("wrong pin");
    assert!(matches!(err, Error::PinMismatch), "{err:?}");
    client
        .enroll_with_pins(
            &server.base_url(),
            &server.issue_enrollment_code(),
            vec![pin(&identity)],
        )
        .await
        .expect("enroll over pinned TLS");
    let first = submit_photo_checkin(&client, 1);
    let r = client
        .sync(far_deadline(), None)
        .await
        .expect("sync over TLS");
    assert_eq!(r.delivered, 1);
    assert_eq!(server.checkin_count(&first.to_string()), 1);

    // The server comes back with another key: refused, typed, nothing sent.
    server.shutdown().await;
    let impostor = tls_server(
        server_dir.path(),
        &TlsIdentity::self_signed().expect("cert"),
        Some(addr),
    )
    .await;
    let second = submit_photo_checkin(&client, 2);
    let err = client
        .sync(far_deadline(), None)
        .await
        .expect_err("pin mismatch");
    assert!(matches!(err, Error::PinMismatch), "{err:?}");
    assert_eq!(impostor.checkin_count(&second.to_string()), 0);
    let item = client
        .internals()
        .outbox_item(second)
        .expect("read")
        .expect("item");
    assert_eq!(item.state, OutboxState::Queued, "kept for the real server");
    impostor.shutdown().await;

    // The real key again: delivered.
    let server = tls_server(server_dir.path(), &identity, Some(addr)).await;
    client.network_available().expect("reset");
    let r = client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(r.delivered, 1);
    assert_eq!(server.checkin_count(&second.to_string()), 1);
}

#[tokio::test]
async fn plain_http_is_refused_except_to_loopback() {
    let device_dir = tempfile::tempdir().expect("dir");
    let ks = SoftwareKeyStore::random().expect("ks");
    let client =
        CheckinClient::open(config(device_dir.path()), &ks, Arc::new(SystemClock)).expect("open");
    for url in [
        "http://program.example",
        "http://10.0.0.1:8080",
        "ftp://127.0.0.1",
        "not a url",
    ] {
        let err = client.enroll(url, "CODE-CODE").await.expect_err(url);
        assert!(matches!(err, Error::InvalidServerUrl), "{url}: {err:?}");
    }
}

/// An enrolled client of a TLS server, and what its test needs.
struct Pinned {
    server: RunningServer,
    client: CheckinClient,
    addr: std::net::SocketAddr,
    server_dir: tempfile::TempDir,
    _device_dir: tempfile::TempDir,
}

async fn enrolled_with_pins(identity: &TlsIdentity, pins: Vec<String>) -> Pinned {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let server = tls_server(server_dir.path(), identity, None).await;
    let ks = SoftwareKeyStore::random().expect("ks");
    let client =
        CheckinClient::open(config(device_dir.path()), &ks, Arc::new(SystemClock)).expect("open");
    client
        .enroll_with_pins(&server.base_url(), &server.issue_enrollment_code(), pins)
        .await
        .expect("enroll over pinned TLS");
    Pinned {
        addr: server.addr(),
        server,
        client,
        server_dir,
        _device_dir: device_dir,
    }
}

/// Submits one check-in and syncs: delivered, or the error.
async fn deliver_one(client: &CheckinClient, seed: u8) -> Result<uuid::Uuid, Error> {
    let id = submit_photo_checkin(client, seed);
    client.network_available().expect("reset");
    let r = client.sync(far_deadline(), None).await?;
    assert_eq!((r.delivered, r.remaining), (1, 0), "{r:?}");
    Ok(id)
}

#[tokio::test]
async fn a_renewal_with_a_new_key_from_the_pinned_authority_keeps_delivering() {
    let ca = TlsAuthority::new("Program CA").expect("ca");
    let first = ca.issue().expect("cert");
    let p = enrolled_with_pins(&first, vec![ca.spki_pin()]).await;
    deliver_one(&p.client, 1).await.expect("delivered");

    // The certificate is renewed with a new key, from the same authority.
    p.server.shutdown().await;
    let renewed = ca.issue().expect("renewed");
    assert_ne!(
        renewed.spki_pin().expect("pin"),
        first.spki_pin().expect("pin")
    );
    let server = tls_server(p.server_dir.path(), &renewed, Some(p.addr)).await;
    let id = deliver_one(&p.client, 2).await.expect("still delivered");
    assert_eq!(server.checkin_count(&id.to_string()), 1);
    server.shutdown().await;

    // An impostor: another authority's certificate for the same names.
    let other = TlsAuthority::new("Program CA").expect("ca");
    let impostor_dir = tempfile::tempdir().expect("dir");
    let impostor = tls_server(
        impostor_dir.path(),
        &other.issue().expect("c"),
        Some(p.addr),
    )
    .await;
    let queued = submit_photo_checkin(&p.client, 3);
    let err = p
        .client
        .sync(far_deadline(), None)
        .await
        .expect_err("impostor");
    assert!(matches!(err, Error::PinMismatch), "{err:?}");
    assert_eq!(impostor.checkin_count(&queued.to_string()), 0);
}

#[tokio::test]
async fn a_signed_rotation_moves_a_pinned_device_to_the_new_key() {
    let old = TlsIdentity::self_signed().expect("cert");
    let p = enrolled_with_pins(&old, vec![pin(&old)]).await;
    deliver_one(&p.client, 1).await.expect("delivered");

    // The program announces its new key, then moves its server to it.
    let new = TlsIdentity::self_signed().expect("cert");
    let seq = p
        .server
        .announce_tls_pins(&[new.spki_pin().expect("pin")])
        .expect("announce");
    assert_eq!(seq, 1);
    p.server.shutdown().await;
    let server = tls_server(p.server_dir.path(), &new, Some(p.addr)).await;
    let id = deliver_one(&p.client, 2)
        .await
        .expect("delivered after the rotation");
    assert_eq!(server.checkin_count(&id.to_string()), 1);
    let rotations: Vec<_> = p
        .client
        .ledger()
        .expect("ledger")
        .into_iter()
        .filter_map(|e| match e.event {
            LedgerEvent::TlsKeyRotated { seq, pins } => Some((seq, pins)),
            _ => None,
        })
        .collect();
    assert_eq!(rotations, vec![(1, vec![pin(&new)])]);
    let pins = p
        .client
        .internals()
        .enrollment()
        .expect("read")
        .expect("enrolled")
        .tls_pins;
    assert_eq!(pins, vec![pin(&new)], "the old key is no longer trusted");
    server.shutdown().await;

    // The old key again (say, stolen): refused; its rotation is not newer.
    let server = tls_server(p.server_dir.path(), &old, Some(p.addr)).await;
    let err = p
        .client
        .sync(far_deadline(), None)
        .await
        .expect_err("old key");
    assert!(matches!(err, Error::PinMismatch), "{err:?}");
    server.shutdown().await;

    // An impostor that signs a rotation to its own key, with its own
    // program keys: not the program's signature.
    let impostor_dir = tempfile::tempdir().expect("dir");
    let fake = TlsIdentity::self_signed().expect("cert");
    let impostor = tls_server(impostor_dir.path(), &fake, Some(p.addr)).await;
    for _ in 0..3 {
        impostor
            .announce_tls_pins(&[fake.spki_pin().expect("pin")])
            .expect("announce");
    }
    let queued = submit_photo_checkin(&p.client, 3);
    let err = p
        .client
        .sync(far_deadline(), None)
        .await
        .expect_err("impostor");
    assert!(matches!(err, Error::PinMismatch), "{err:?}");
    assert_eq!(impostor.checkin_count(&queued.to_string()), 0);
    assert_eq!(
        p.client
            .internals()
            .enrollment()
            .expect("read")
            .expect("e")
            .tls_pins,
        vec![pin(&new)]
    );
}
