//! A full disk during submit gives a typed error and leaves the earlier
//! queue intact and readable; once space is freed, submitting works again
//! and everything is delivered. Uses a small tmpfs (needs root, as CI is).

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use crate::support::*;
use checkin_core::clock::SystemClock;
use checkin_core::store::{OutboxState, StoreError};
use checkin_core::{CheckinClient, Error};

/// The file system's size: room for enrollment and a few dozen check-ins.
const TMPFS_SIZE: &str = "2m";
/// Space held back and released to show recovery.
const FILLER_BYTES: usize = 768 * 1024;

struct Mount(std::path::PathBuf);
impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn mount_tmpfs(at: &Path) -> Mount {
    let status = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={TMPFS_SIZE}"), "tmpfs"])
        .arg(at)
        .status()
        .expect("run mount");
    assert!(
        status.success(),
        "mounting a tmpfs needs root (CI runs as root); mount exited {status}"
    );
    Mount(at.to_path_buf())
}

fn is_disk_full(e: &Error) -> bool {
    matches!(e, Error::Store(StoreError::DiskFull))
}

#[tokio::test]
async fn a_full_disk_is_a_typed_error_and_the_queue_survives() {
    let server_dir = tempfile::tempdir().expect("dir");
    let root = tempfile::tempdir().expect("dir");
    let _mount = mount_tmpfs(root.path());
    let filler = root.path().join("filler");
    std::fs::write(&filler, vec![7u8; FILLER_BYTES]).expect("filler");
    let device = root.path().join("device");

    let server = start_server(server_dir.path()).await;
    let addr = server.addr();
    let ks = checkin_core::crypto::keystore::SoftwareKeyStore::random().expect("ks");
    let client = CheckinClient::open(config(&device), &ks, Arc::new(SystemClock)).expect("open");
    client
        .enroll(&server.base_url(), &server.issue_enrollment_code())
        .await
        .expect("enroll");
    server.shutdown().await;

    let mut queued = Vec::new();
    let error = loop {
        assert!(queued.len() < 500, "the disk never filled");
        let draft = match client.start_checkin(None) {
            Ok(d) => d,
            Err(e) => break e,
        };
        if let Err(e) = client.attach_photo(draft, &photo(640, 480, queued.len() as u8)) {
            break e;
        }
        match client.submit(draft) {
            Ok(s) => queued.push(s.checkin_id),
            Err(e) => break e,
        }
    };
    assert!(
        is_disk_full(&error),
        "expected a disk-full error, got {error:?}"
    );
    assert!(queued.len() >= 3, "only {} check-ins fitted", queued.len());

    // Everything queued before is intact and readable, now and after reopening.
    let check = |client: &CheckinClient| {
        let outbox = client.outbox().expect("outbox readable");
        assert_eq!(
            outbox.iter().map(|i| i.checkin_id).collect::<Vec<_>>(),
            queued
        );
        assert!(outbox.iter().all(|i| i.state == OutboxState::Queued));
        for id in &queued {
            assert!(client.internals().has_envelope(*id).expect("read"));
        }
        assert_eq!(client.internals().integrity_check().expect("check"), "ok");
        client.ledger().expect("ledger verifies");
    };
    check(&client);
    drop(client);
    let client = CheckinClient::open(config(&device), &ks, Arc::new(SystemClock))
        .expect("reopen on a full disk");
    check(&client);

    // Space comes back: submitting works again and all of it is delivered.
    std::fs::remove_file(&filler).expect("free space");
    let more = submit_photo_checkin(&client, 200);
    let server = restart_server(server_dir.path(), addr).await;
    client.network_available().expect("reset");
    let report = client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(report.delivered as usize, queued.len() + 1);
    assert_eq!(server.checkin_count(&more.to_string()), 1);
}
