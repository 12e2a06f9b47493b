//! Nothing personal is readable from the device's storage: after real
//! check-ins with known marker bytes, no marker appears in the database,
//! its WAL or anywhere in the data directory.

use std::sync::Arc;

use crate::support::*;
use checkin_core::clock::SystemClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::{CheckinClient, ClientConfig, Error};
use reference_server::{ReferenceServer, ServerConfig};

const PROGRAM_MARKER: &str = "MARKER-PROGRAM-NAME-5d1c";
const RECORD_MARKER: &str = "MARKER-RECORD-LOCALE-93ab";

async fn scan_after(checkins: usize) {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let mut cfg = ServerConfig::new(server_dir.path());
    cfg.program_name = PROGRAM_MARKER.into();
    let server = ReferenceServer::start(cfg).await.expect("server");
    let ks = SoftwareKeyStore::random().expect("ks");
    let config = ClientConfig {
        locale: RECORD_MARKER.into(),
        ..crate::support::config(device_dir.path())
    };
    let client = CheckinClient::open(config, &ks, Arc::new(SystemClock)).expect("open");
    client
        .enroll(&server.base_url(), &server.issue_enrollment_code())
        .await
        .expect("enroll");

    // The photo exactly as the core stores and seals it (processing is
    // deterministic), so we know which bytes must never appear.
    let input = photo(640, 480, 9);
    let processed =
        checkin_media::process_photo(&input, &client.policy().expect("policy").photo_policy())
            .expect("process");
    let jpeg = processed.jpeg;
    let windows: Vec<&[u8]> = [jpeg.len() / 3, jpeg.len() / 2, 2 * jpeg.len() / 3]
        .iter()
        .map(|&at| &jpeg[at..at + 48])
        .collect();

    // One delivered, the rest queued, one still a draft.
    let first = client.start_checkin(None).expect("start");
    client.attach_photo(first, &input).expect("photo");
    client.submit(first).expect("submit");
    client.sync(far_deadline(), None).await.expect("sync");
    server.shutdown().await;
    for _ in 1..checkins {
        let d = client.start_checkin(None).expect("start");
        client.attach_photo(d, &input).expect("photo");
        client.submit(d).expect("submit");
    }
    let draft = client.start_checkin(None).expect("start");
    client.attach_photo(draft, &input).expect("photo");

    let (queued, delivered, _) = client.internals().outbox_counts().expect("counts");
    assert_eq!((queued, delivered), (checkins as u64 - 1, 1));
    let files = files_under(device_dir.path());
    let names: Vec<String> = files
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(String::from))
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with("-wal")),
        "the WAL is scanned too: {names:?}"
    );
    for file in &files {
        let bytes = std::fs::read(file).expect("read");
        for marker in [PROGRAM_MARKER.as_bytes(), RECORD_MARKER.as_bytes()] {
            assert!(
                !find(&bytes, marker),
                "{} appears in {}",
                String::from_utf8_lossy(marker),
                file.display()
            );
        }
        for w in &windows {
            assert!(!find(&bytes, w), "photo bytes appear in {}", file.display());
        }
    }
    // The scan would have found them: the server, which may read them, has them in the clear.
    let opened: Vec<u8> = files_under(server_dir.path())
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .flat_map(|p| std::fs::read(p).expect("read"))
        .collect();
    assert!(
        find(&opened, windows[1]),
        "the scan's needles are real photo bytes"
    );
}

#[tokio::test]
async fn no_marker_is_readable_from_the_device_storage() {
    scan_after(3).await;
}

/// The same scan with a thousand check-ins queued (issue 5).
#[tokio::test]
async fn no_marker_is_readable_with_a_thousand_checkins_queued() {
    scan_after(1000).await;
}

#[tokio::test]
async fn a_wrong_or_missing_storage_key_is_a_typed_error() {
    let s = enrolled().await;
    submit_photo_checkin(&s.client, 5);
    let dir = s.device_dir.path().to_path_buf();
    drop(s.client);
    let other = SoftwareKeyStore::random().expect("ks");
    let err =
        CheckinClient::open(config(&dir), &other, Arc::new(SystemClock)).expect_err("wrong key");
    assert!(
        matches!(
            err,
            Error::Store(checkin_core::store::StoreError::WrongStorageKey)
        ),
        "{err:?}"
    );
    // The right key still opens everything that was there.
    let again =
        CheckinClient::open(config(&dir), &s.key_store, Arc::new(SystemClock)).expect("reopen");
    assert_eq!(again.outbox().expect("outbox").len(), 1);
}
