//! The orchestrator's own decisions: which lanes a network state wakes,
//! when the shell is woken, what a sync does offline, and that what the
//! client read once follows a change made by another client.

use std::sync::Arc;

use chrono::{Duration, Utc};
use reference_server::{ReferenceServer, RunningServer, ServerConfig};
use uuid::Uuid;

use super::*;
use crate::clock::ManualClock;
use crate::crypto::keystore::SoftwareKeyStore;
use crate::store::Lane;

struct Enrolled {
    client: CheckinClient,
    server: RunningServer,
    key_store: SoftwareKeyStore,
    device: tempfile::TempDir,
    _server_dir: tempfile::TempDir,
}

fn config(dir: &std::path::Path) -> ClientConfig {
    ClientConfig {
        data_dir: dir.to_path_buf(),
        locale: "en".into(),
        platform: "desktop".into(),
    }
}

async fn enrolled() -> Enrolled {
    let server_dir = tempfile::tempdir().expect("dir");
    let device = tempfile::tempdir().expect("dir");
    let server = ReferenceServer::start(ServerConfig::new(server_dir.path()))
        .await
        .expect("server");
    let key_store = SoftwareKeyStore::random().expect("key store");
    let clock = Arc::new(ManualClock::new(Utc::now()));
    let client = CheckinClient::open(config(device.path()), &key_store, clock).expect("open");
    client
        .enroll(&server.base_url(), &server.issue_enrollment_code())
        .await
        .expect("enroll");
    Enrolled {
        client,
        server,
        key_store,
        device,
        _server_dir: server_dir,
    }
}

/// Puts one item in each lane, both waiting for a retry an hour away.
fn queue_one_in_each_lane(client: &CheckinClient) -> Uuid {
    let store = &client.session.store;
    let summary: CheckinSummary = serde_json::from_value(serde_json::json!({
        "checkin_id": Uuid::new_v4(),
        "window": null,
        "captured_at": "2026-11-25T14:03:07.123Z",
        "clock": {"device_time": "2026-11-25T14:03:07.123Z", "server_offset_ms": 0, "uptime_ms": null},
        "policy_version": 1,
        "parts": [],
        "location": null,
        "bystanders_blurred": 0,
        "envelope_sha256_hex": "00".repeat(32),
        "envelope_size": 6,
    }))
    .expect("summary");
    let id = summary.checkin_id;
    store
        .write(|tx| {
            let seq = store.insert_outbox(tx, &summary, b"record", 0)?;
            store.insert_media(tx, id, seq, b"media")
        })
        .expect("queue");
    let later = client.corrected_now().expect("now").timestamp_millis() + 3_600_000;
    for lane in Lane::IN_SEND_ORDER {
        store.mark_retry(lane, id, "503", later).expect("retry");
    }
    id
}

/// When the lane's item is next tried (media: even before its record is
/// delivered, which `next_retry_at_ms` waits for).
fn retry_at(client: &CheckinClient, lane: Lane) -> Option<i64> {
    client
        .session
        .store
        .queue_items(lane)
        .expect("read")
        .first()
        .map(|i| i.next_attempt_at_ms)
}

#[tokio::test]
async fn a_metered_network_wakes_records_and_an_unmetered_one_wakes_media_too() {
    let e = enrolled().await;
    queue_one_in_each_lane(&e.client);
    let hour = |lane| retry_at(&e.client, lane).is_some_and(|t| t > 0);
    e.client.set_connectivity(Connectivity::Offline).expect("offline");
    assert!(hour(Lane::Record) && hour(Lane::Media), "offline changes nothing");
    e.client.set_connectivity(Connectivity::Metered).expect("metered");
    assert_eq!(retry_at(&e.client, Lane::Record), Some(0));
    assert!(hour(Lane::Media), "media waits for an unmetered network");
    e.client.set_connectivity(Connectivity::Online).expect("online");
    assert_eq!(retry_at(&e.client, Lane::Media), Some(0));
}

#[tokio::test]
async fn the_shell_is_woken_for_the_earliest_of_a_reminder_and_a_retry() {
    let e = enrolled().await;
    let reminders_only = e.client.next_wakeup(64).expect("wakeup");
    queue_one_in_each_lane(&e.client);
    let retry = crate::protocol::wire_time::from_millis(
        retry_at(&e.client, Lane::Record).expect("retry"),
    )
    .expect("time");
    assert!(reminders_only.is_none_or(|r| r != retry));
    let both = e.client.next_wakeup(64).expect("wakeup").expect("some");
    assert_eq!(both, reminders_only.map_or(retry, |r| r.min(retry)));
    // Going offline does not hide the record's retry.
    e.client.set_connectivity(Connectivity::Offline).expect("offline");
    assert!(e.client.next_wakeup(64).expect("wakeup").is_some());
}

#[tokio::test]
async fn offline_a_sync_tries_nothing_and_says_what_waits() {
    let e = enrolled().await;
    let id = queue_one_in_each_lane(&e.client);
    e.client.set_connectivity(Connectivity::Offline).expect("offline");
    let report = e
        .client
        .sync(tokio::time::Instant::now() + std::time::Duration::from_secs(5), None)
        .await
        .expect("sync");
    assert_eq!(report.last_error.as_deref(), Some("offline"));
    assert_eq!((report.remaining, report.media_waiting), (1, 1));
    assert_eq!(report.delivered, 0);
    assert!(e.server.checkin_count(&id.to_string()) == 0);
}

#[tokio::test]
async fn what_one_client_read_follows_what_another_changed() {
    let e = enrolled().await;
    let version = e.client.policy().expect("policy").version;
    assert!(e.client.consent_needed().expect("read"));
    // Another client on the same store (another process would do the same).
    let other = CheckinClient::open(
        config(e.device.path()),
        &e.key_store,
        Arc::new(ManualClock::new(Utc::now())),
    )
    .expect("open");
    other.record_consent(version, "en").expect("consent");
    assert!(!e.client.consent_needed().expect("read"));
    assert_eq!(e.client.consents().expect("read").len(), 1);
}

#[tokio::test]
async fn the_clock_correction_seen_by_a_sync_is_the_clients_too() {
    let e = enrolled().await;
    let before = e.client.corrected_now().expect("now");
    // Within the server's five minutes of tolerance, so the plan request
    // that follows the deliveries is answered and its time seen.
    e.server.set_clock_offset_ms(Duration::seconds(90).num_milliseconds());
    e.client
        .sync(tokio::time::Instant::now() + std::time::Duration::from_secs(30), None)
        .await
        .expect("sync");
    let after = e.client.corrected_now().expect("now");
    let moved = (after - before).num_seconds();
    assert!((88..=92).contains(&moved), "moved {moved} seconds");
}
