//! Shared set-up for the integration tests: a reference server on loopback
//! and an enrolled client with a software key store.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
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
    enrolled_with(|_| {}).await
}

/// [`enrolled`] with the server's configuration adjusted first (e.g. a
/// server of the earlier protocol: `|c| c.uploads.offered = false`).
pub async fn enrolled_with(adjust: impl FnOnce(&mut ServerConfig)) -> Setup {
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let mut server_config = ServerConfig::new(server_dir.path());
    adjust(&mut server_config);
    let server = ReferenceServer::start(server_config)
        .await
        .expect("server starts");
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

/// Every file under `dir`, recursively (the raw scan of the device's data).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Whether `needle` occurs in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The independent ledger checker (docs/ledger.md).
pub const LEDGER_CHECKER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../scripts/ledger/verify_ledger.py"
);

/// Runs the independent checker on `json`; returns (exit code, stdout).
pub fn run_ledger_checker(dir: &Path, json: &str) -> (i32, String) {
    run_ledger_checker_with(dir, json, &[])
}

/// The same, with more arguments (e.g. `--envelopes DIR`).
pub fn run_ledger_checker_with(dir: &Path, json: &str, args: &[&Path]) -> (i32, String) {
    let file = dir.join("ledger-export.json");
    std::fs::write(&file, json).expect("write export");
    let out = match Command::new("python3")
        .arg(LEDGER_CHECKER)
        .arg(&file)
        .args(args)
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!("python3 is needed to run {LEDGER_CHECKER}: {e}"),
    };
    let code = out.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        code != 3,
        "the ledger checker needs the Python package `cryptography` \
         (pip install -r scripts/plan/requirements.txt): {stderr}"
    );
    (code, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Re-encodes every entry of an export from its parsed form and rebuilds
/// the chain, the heads check-ins name and the head, as a forger with a
/// text editor and SHA-256 could (not the device's signature).
pub fn rechain(d: &mut serde_json::Value) {
    use base64::Engine as _;
    let mut prev = d["genesis_hash_hex"].as_str().expect("genesis").to_string();
    let entries = d["entries"].as_array_mut().expect("entries");
    let mut rebuilt: Vec<String> = Vec::new();
    for e in entries.iter_mut() {
        e["entry"]["prev_hash_hex"] = serde_json::Value::from(prev.clone());
        // A check-in names the ledger head it was sealed at: point it at
        // the rebuilt entry of that seq.
        let named = &mut e["entry"]["event"]["summary"]["ledger_head"];
        if let Some(seq) = named["seq"].as_u64() {
            named["sha256_hex"] = serde_json::Value::from(rebuilt[seq as usize - 1].clone());
        }
        let bytes = serde_json::to_vec(&e["entry"]).expect("json");
        prev = hex::encode(checkin_core::crypto::sha256(&bytes));
        e["bytes_b64"] =
            serde_json::Value::from(base64::engine::general_purpose::STANDARD.encode(&bytes));
        e["sha256_hex"] = serde_json::Value::from(prev.clone());
        rebuilt.push(prev.clone());
    }
    d["head"]["hash_hex"] = serde_json::Value::from(prev);
}
