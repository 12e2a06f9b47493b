//! Shared set-up for the integration tests: a reference server on loopback
//! and an enrolled client with a software key store.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use checkin_core::clock::SystemClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::{CheckinClient, ClientConfig};
use reference_server::{ReferenceServer, RunningServer, ServerConfig};

pub struct Setup {
    pub server: RunningServer,
    pub client: CheckinClient,
    pub key_store: SoftwareKeyStore,
    pub server_dir: tempfile::TempDir,
    pub device_dir: tempfile::TempDir,
}

pub fn config(dir: &Path) -> ClientConfig {
    ClientConfig {
        data_dir: dir.to_path_buf(),
        locale: "es".into(),
        platform: "desktop".into(),
    }
}

pub async fn start_server(dir: &Path) -> RunningServer {
    ReferenceServer::start(ServerConfig::new(dir))
        .await
        .expect("server starts")
}

/// Restarts a stopped server on the same address and data dir.
pub async fn restart_server(dir: &Path, addr: std::net::SocketAddr) -> RunningServer {
    let mut cfg = ServerConfig::new(dir);
    cfg.listen = addr;
    ReferenceServer::start(cfg).await.expect("server restarts")
}

pub async fn enrolled() -> Setup {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let server = start_server(server_dir.path()).await;
    let key_store = SoftwareKeyStore::random().expect("key store");
    let client = CheckinClient::open(config(device_dir.path()), &key_store, Arc::new(SystemClock))
        .expect("open");
    let code = server.issue_enrollment_code();
    client
        .enroll(&server.base_url(), &code)
        .await
        .expect("enroll");
    Setup {
        server,
        client,
        key_store,
        server_dir,
        device_dir,
    }
}

/// A camera-like JPEG (a smooth gradient with a bright disc), `w`×`h`.
pub fn photo(w: u32, h: u32, seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let dx = x as i64 - w as i64 / 2;
        let dy = y as i64 - h as i64 / 2;
        let inside = dx * dx + dy * dy < (h as i64 / 4).pow(2);
        let base = ((x * 255 / w.max(1)) as u8).wrapping_add(seed);
        if inside {
            image::Rgb([230, 190, 160])
        } else {
            image::Rgb([base, (y * 255 / h.max(1)) as u8, 120])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .expect("encode");
    out
}

/// Starts, fills and submits one photo check-in; returns its id.
pub fn submit_photo_checkin(client: &CheckinClient, seed: u8) -> uuid::Uuid {
    let draft = client.start_checkin(None).expect("start");
    client
        .attach_photo(draft, &photo(640, 480, seed))
        .expect("photo");
    client.submit(draft).expect("submit").checkin_id
}

pub fn far_deadline() -> tokio::time::Instant {
    tokio::time::Instant::now() + std::time::Duration::from_secs(60)
}
