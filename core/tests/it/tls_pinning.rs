//! TLS on rustls + ring with the program server's key pinned at enrollment:
//! a server showing another key is a typed error and nothing is sent; plain
//! HTTP is refused except to loopback.

use std::sync::Arc;

use crate::support::*;
use checkin_core::clock::SystemClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::net::tls::spki_pin;
use checkin_core::store::OutboxState;
use checkin_core::{CheckinClient, Error};
use reference_server::{ReferenceServer, RunningServer, ServerConfig, TlsIdentity};
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
