//! Crash safety: a child process submits and syncs check-ins and is killed
//! with SIGKILL at random moments, at least 200 times; then it restarts and
//! drains. Every submitted check-in must be on the server exactly once with
//! a valid receipt on the device, and the database must pass SQLite's
//! integrity check.
//!
//! This is a `harness = false` test: the same binary is the parent (the
//! default) and, with `CHECKIN_CRASH_ROLE` set, the child.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use checkin_core::clock::SystemClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::protocol::receipt;
use checkin_core::store::OutboxState;
use checkin_core::{CheckinClient, ClientConfig};
use rand::Rng;
use reference_server::{ReferenceServer, ServerConfig};

/// Kills to inflict.
const KILLS: usize = 200;
/// The whole kill phase stops after this long even if fewer kills happened
/// (then the test fails: the bound is there so it cannot hang CI).
const KILL_PHASE_LIMIT: Duration = Duration::from_secs(240);
/// How long a child may run before it is killed, at most.
const MAX_LIFETIME_MS: u64 = 250;

fn client(dir: &Path) -> CheckinClient {
    let ks = SoftwareKeyStore::load_or_create(&dir.join("platform-key.bin")).expect("key store");
    let config = ClientConfig {
        data_dir: dir.join("store"),
        locale: "en".into(),
        platform: "test".into(),
    };
    CheckinClient::open(config, &ks, Arc::new(SystemClock)).expect("open")
}

fn tiny_photo(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(96, 72, |x, y| {
        image::Rgb([(x as u8).wrapping_add(seed), y as u8, 90])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .expect("encode");
    out
}

/// The child: enroll, or loop submitting and syncing until killed, or drain.
fn child(role: &str, dir: &Path) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = client(dir);
    match role {
        "enroll" => {
            let url = std::env::var("CHECKIN_CRASH_SERVER").expect("server url");
            let code = std::env::var("CHECKIN_CRASH_CODE").expect("code");
            rt.block_on(client.enroll(&url, &code)).expect("enroll");
        }
        "run" => {
            let mut rng = rand::rng();
            loop {
                if rng.random_bool(0.6) {
                    let draft = client.start_checkin(None).expect("start");
                    client
                        .attach_photo(draft, &tiny_photo(rng.random()))
                        .expect("photo");
                    let id = client.submit(draft).expect("submit").checkin_id;
                    // Logged only after submit returned: from here it must never be lost.
                    let mut log = std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(dir.join("submitted.log"))
                        .expect("log");
                    // One write(2) of the whole line: a kill cannot leave half of it.
                    log.write_all(format!("{id}\n").as_bytes())
                        .expect("write log");
                    log.sync_all().expect("sync log");
                }
                client.network_available().expect("reset backoff");
                let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
                rt.block_on(client.sync(deadline, None)).expect("sync");
            }
        }
        "drain" => {
            for _ in 0..50 {
                client.network_available().expect("reset backoff");
                let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
                let report = rt.block_on(client.sync(deadline, None)).expect("sync");
                if report.remaining == 0 {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            panic!("the queue did not drain");
        }
        other => panic!("unknown role {other}"),
    }
}

fn spawn(role: &str, dir: &Path, env: &[(&str, &str)]) -> std::process::Child {
    let mut cmd = Command::new(std::env::current_exe().expect("exe"));
    cmd.env("CHECKIN_CRASH_ROLE", role)
        .env("CHECKIN_CRASH_DIR", dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().expect("spawn child")
}

fn run_to_end(role: &str, dir: &Path, env: &[(&str, &str)]) {
    let out = spawn(role, dir, env).wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{role} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn parent() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let root = tempfile::tempdir().expect("dir");
    let dir: PathBuf = root.path().join("device");
    std::fs::create_dir_all(&dir).expect("dir");
    let server = rt
        .block_on(ReferenceServer::start(ServerConfig::new(
            root.path().join("server"),
        )))
        .expect("server");
    let code = server.issue_enrollment_code();
    let url = server.base_url();
    run_to_end(
        "enroll",
        &dir,
        &[
            ("CHECKIN_CRASH_SERVER", &url),
            ("CHECKIN_CRASH_CODE", &code),
        ],
    );

    let mut rng = rand::rng();
    let started = Instant::now();
    let mut kills = 0;
    while kills < KILLS && started.elapsed() < KILL_PHASE_LIMIT {
        let mut child = spawn("run", &dir, &[]);
        std::thread::sleep(Duration::from_millis(rng.random_range(1..MAX_LIFETIME_MS)));
        match child.try_wait().expect("poll") {
            None => {
                child.kill().expect("SIGKILL");
                child.wait().expect("reap");
                kills += 1;
            }
            Some(status) => {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    std::io::Read::read_to_string(&mut e, &mut err).ok();
                }
                panic!("the child died by itself ({status}): {err}");
            }
        }
    }
    assert!(kills >= KILLS, "only {kills} kills in {KILL_PHASE_LIMIT:?}");
    let kill_phase = started.elapsed();
    run_to_end("drain", &dir, &[]);

    // Check everything from the outside.
    let client = client(&dir);
    assert_eq!(client.internals().integrity_check().expect("check"), "ok");
    let submitted: HashSet<String> = std::fs::read_to_string(dir.join("submitted.log"))
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect();
    let outbox = client.outbox().expect("outbox");
    let in_outbox: HashSet<String> = outbox.iter().map(|i| i.checkin_id.to_string()).collect();
    for id in &submitted {
        assert!(in_outbox.contains(id), "submitted check-in {id} was lost");
    }
    let receipt_key = server.program_public_keys().receipt_public_key;
    for item in &outbox {
        let id = item.checkin_id.to_string();
        assert_eq!(item.state, OutboxState::Delivered, "{id} not delivered");
        assert_eq!(
            server.checkin_count(&id),
            1,
            "{id} is on the server {} times",
            server.checkin_count(&id)
        );
        let r = item.receipt.as_ref().expect("receipt");
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let digest: [u8; 32] = hex::decode(&item.summary.envelope_sha256_hex)
            .expect("hex")
            .try_into()
            .expect("32");
        receipt::verify(
            &b64.decode(&r.receipt_b64).expect("b64"),
            &b64.decode(&r.signature_b64).expect("b64"),
            receipt::Expected {
                checkin_id: item.checkin_id,
                envelope_digest: &digest,
                captured_at: item.summary.captured_at,
                receipt_public_key: &receipt_key,
            },
        )
        .expect("the kept receipt verifies");
    }
    let on_server = server.stored_checkins();
    assert_eq!(
        on_server.len(),
        outbox.len(),
        "the server holds exactly the device's check-ins"
    );
    client.ledger().expect("the ledger chain verifies");
    println!(
        "crash safety: {kills} SIGKILLs in {:.1}s; {} check-ins submitted ({} logged), all delivered once with valid receipts",
        kill_phase.as_secs_f64(),
        outbox.len(),
        submitted.len()
    );
    assert!(
        submitted.len() >= 20,
        "too few check-ins to mean anything: {}",
        submitted.len()
    );
}

fn main() {
    match (
        std::env::var("CHECKIN_CRASH_ROLE"),
        std::env::var("CHECKIN_CRASH_DIR"),
    ) {
        (Ok(role), Ok(dir)) => child(&role, Path::new(&dir)),
        _ => {
            let result = std::panic::catch_unwind(parent);
            match result {
                Ok(()) => println!("crash_safety: 1 passed, 0 failed"),
                Err(_) => {
                    println!("crash_safety: 0 passed, 1 failed");
                    std::process::exit(1);
                }
            }
        }
    }
}
