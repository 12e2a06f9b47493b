//! Delivery never stops for good (issue 16), across the whole client: after
//! enrollment the program's server renews its certificate with a new key, a
//! captive portal answers 403 and then a 307, the server is restored from
//! a backup taken before this device enrolled, and the phone loses its
//! platform key and is enrolled again. Every check-in is still delivered
//! exactly once, each with a receipt that verifies under the program's key.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use checkin_core::clock::SystemClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::store::{OutboxState, StoreError};
use checkin_core::{CheckinClient, Error, Receipt};
use reference_server::{
    Fault, ReferenceServer, RunningServer, ServerConfig, TlsAuthority, TlsIdentity,
};
use uuid::Uuid;

use crate::key_loss::receipt_verifies;
use crate::support::*;

async fn https_server(
    dir: &Path,
    identity: &TlsIdentity,
    addr: Option<std::net::SocketAddr>,
) -> RunningServer {
    let mut config = ServerConfig::new(dir);
    config.tls = Some(identity.clone());
    if let Some(addr) = addr {
        config.listen = addr;
    }
    ReferenceServer::start(config).await.expect("server")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A port where a portal's redirect points; counts who comes.
async fn portal() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/login", listener.local_addr().expect("addr"));
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });
    (url, hits)
}

/// Syncs and checks nothing was delivered or wedged, and the sync said why.
async fn sync_stops(client: &CheckinClient, waiting: u32, why: &str) {
    client.network_available().expect("reset");
    let r = client.sync(far_deadline(), None).await.expect(why);
    assert_eq!(
        (r.delivered, r.wedged, r.remaining),
        (0, 0, waiting),
        "{why}: {r:?}"
    );
    let reported = r.last_error.unwrap_or_default();
    assert!(reported.contains(why), "{why}: reported {reported:?}");
}

#[tokio::test]
async fn renewal_portal_restore_and_key_loss_still_deliver_everything_once() {
    let root = tempfile::tempdir().expect("dir");
    let (live, backup) = (root.path().join("server"), root.path().join("backup"));
    let device_dir = tempfile::tempdir().expect("dir");
    let ca = TlsAuthority::new("Program CA").expect("ca");

    // The program's server, and its backup taken before this phone enrolls.
    let first_cert = ca.issue().expect("cert");
    let server = https_server(&live, &first_cert, None).await;
    let addr = server.addr();
    server.shutdown().await;
    copy_dir(&live, &backup);
    let server = https_server(&live, &first_cert, Some(addr)).await;
    let receipt_key = server.program_public_keys().receipt_public_key;

    let ks = SoftwareKeyStore::random().expect("ks");
    let client =
        CheckinClient::open(config(device_dir.path()), &ks, Arc::new(SystemClock)).expect("open");
    client
        .enroll_with_pins(
            &server.base_url(),
            &server.issue_enrollment_code_for("participant-7"),
            vec![ca.spki_pin()],
        )
        .await
        .expect("enroll");
    let mut all: Vec<Uuid> = vec![submit_photo_checkin(&client, 1)];
    client.sync(far_deadline(), None).await.expect("sync");

    // 1. The certificate is renewed with a new key.
    server.shutdown().await;
    let renewed = ca.issue().expect("renewed");
    let server = https_server(&live, &renewed, Some(addr)).await;
    all.push(submit_photo_checkin(&client, 2));
    let r = client
        .sync(far_deadline(), None)
        .await
        .expect("after the renewal");
    assert_eq!((r.delivered, r.remaining), (1, 0), "{r:?}");

    // 2. A captive portal answers 403, then redirects with a 307.
    all.push(submit_photo_checkin(&client, 3));
    all.push(submit_photo_checkin(&client, 4));
    let (login, portal_hits) = portal().await;
    server.faults().fail_next(1, Fault::Html { status: 403 });
    sync_stops(&client, 2, "403").await;
    server.faults().fail_next(
        1,
        Fault::Redirect {
            status: 307,
            location: login,
        },
    );
    sync_stops(&client, 2, "307").await;
    assert_eq!(portal_hits.load(Ordering::SeqCst), 0, "never followed");

    // The receipts so far, kept by the participant; the server holds each once.
    let mut receipts: HashMap<Uuid, Receipt> = HashMap::new();
    for item in client.outbox().expect("outbox") {
        if let Some(r) = item.receipt {
            receipts.insert(item.checkin_id, r);
        }
    }
    assert_eq!(receipts.len(), 2);
    let before_restore: Vec<String> = server
        .stored_checkins()
        .into_iter()
        .map(|c| c.checkin_id)
        .collect();

    // 3. The server is restored from its backup: this device is unknown.
    server.shutdown().await;
    std::fs::remove_dir_all(&live).expect("rm");
    copy_dir(&backup, &live);
    let server = https_server(&live, &renewed, Some(addr)).await;
    all.push(submit_photo_checkin(&client, 5));
    sync_stops(&client, 3, "unknown_device").await;
    for item in client.outbox().expect("outbox") {
        assert_ne!(item.state, OutboxState::Wedged, "{:?}", item.last_error);
    }
    drop(client);

    // 4. The platform key is lost; the phone opens what it still holds and
    //    is enrolled again with a code the program issues for the participant.
    let new_ks = SoftwareKeyStore::random().expect("ks");
    let err = CheckinClient::open(config(device_dir.path()), &new_ks, Arc::new(SystemClock))
        .expect_err("key lost");
    assert!(
        matches!(err, Error::Store(StoreError::WrongStorageKey)),
        "{err:?}"
    );
    let client = CheckinClient::open_after_key_loss(
        config(device_dir.path()),
        &new_ks,
        Arc::new(SystemClock),
    )
    .expect("open after key loss");
    assert_eq!(client.outbox().expect("outbox").len(), 3);
    client
        .enroll_with_pins(
            &server.base_url(),
            &server.issue_enrollment_code_for("participant-7"),
            vec![ca.spki_pin()],
        )
        .await
        .expect("enroll again");
    let r = client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!((r.delivered, r.wedged, r.remaining), (3, 0, 0), "{r:?}");
    for item in client.outbox().expect("outbox") {
        receipts.insert(item.checkin_id, item.receipt.expect("a verified receipt"));
    }

    // Every check-in: delivered exactly once (before or after the restore),
    // with a receipt that verifies under the program's key.
    let after_restore: Vec<String> = server
        .stored_checkins()
        .into_iter()
        .map(|c| c.checkin_id)
        .collect();
    assert_eq!(receipts.len(), all.len());
    for id in &all {
        let id_text = id.to_string();
        let times = before_restore
            .iter()
            .chain(&after_restore)
            .filter(|c| **c == id_text)
            .count();
        assert_eq!(times, 1, "{id} stored once in all");
        let receipt = &receipts[id];
        assert!(receipt_verifies(receipt, &receipt_key), "{id}");
    }
}
