//! Crash safety: a child process submits and syncs check-ins and is killed
//! with SIGKILL at random moments, at least 200 times; then it restarts and
//! drains. Every submitted check-in must be on the server exactly once with
//! a valid receipt on the device, and the database must pass SQLite's
//! integrity check.
//!
//! A second device does the same in the middle of resumable uploads
//! (issue 18): its check-ins are about 60 KB, its link runs through a
//! throttle (so an upload takes a few hundred milliseconds), and the
//! server cuts a third of its appends part way; it is killed at least 100
//! times, most of them with an upload open. Both devices' check-ins must
//! be stored exactly once, with receipts, and no unfinished upload may be
//! left on either side.
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
use reference_server::{Fault, ReferenceServer, Route, RunningServer, ServerConfig};

/// Kills to inflict.
const KILLS: usize = 200;
/// The whole kill phase stops after this long even if fewer kills happened
/// (then the test fails: the bound is there so it cannot hang CI).
const KILL_PHASE_LIMIT: Duration = Duration::from_secs(240);
/// How long a child may run before it is killed, at most.
const MAX_LIFETIME_MS: u64 = 250;
/// Kills inflicted on the device with resumable uploads, and the longest
/// its child lives (its check-ins are bigger and its link slower).
const UPLOAD_KILLS: usize = 100;
const UPLOAD_MAX_LIFETIME_MS: u64 = 1_200;
/// The throttle in front of the server for that device, bytes a second.
const THROTTLE_BYTES_PER_S: u64 = 300_000;
/// Of that device's appends, the share the server cuts part way.
const CUT_SHARE: f64 = 0.33;

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
    encode(&img)
}

/// A 640×480 photo of noise: its re-encoded JPEG makes an envelope of
/// about 60 KB.
fn big_photo(seed: u8) -> Vec<u8> {
    let mut state = u32::from(seed) | 1;
    let img = image::RgbImage::from_fn(640, 480, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let [a, b, c, _] = state.to_le_bytes();
        image::Rgb([a, b, c])
    });
    encode(&img)
}

fn encode(img: &image::RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(img)
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
            let big = std::env::var_os("CHECKIN_CRASH_BIG").is_some();
            loop {
                if rng.random_bool(if big { 0.9 } else { 0.6 }) {
                    let draft = client.start_checkin(None).expect("start");
                    let photo = if big {
                        big_photo(rng.random())
                    } else {
                        tiny_photo(rng.random())
                    };
                    client.attach_photo(draft, &photo).expect("photo");
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

/// Enrolls the device in `dir` with the server at `url`.
fn enroll(dir: &Path, server: &RunningServer, url: &str) {
    std::fs::create_dir_all(dir).expect("dir");
    let code = server.issue_enrollment_code();
    run_to_end(
        "enroll",
        dir,
        &[("CHECKIN_CRASH_SERVER", url), ("CHECKIN_CRASH_CODE", &code)],
    );
}

/// Starts and SIGKILLs the child of `dir` `kills` times, each after a
/// random lifetime under `max_lifetime_ms`; `after_kill` looks at the
/// world right after each kill. Returns how long it took.
fn kill_phase(
    dir: &Path,
    env: &[(&str, &str)],
    kills: usize,
    max_lifetime_ms: u64,
    mut after_kill: impl FnMut(),
) -> Duration {
    let mut rng = rand::rng();
    let started = Instant::now();
    let mut done = 0;
    while done < kills && started.elapsed() < KILL_PHASE_LIMIT {
        let mut child = spawn("run", dir, env);
        std::thread::sleep(Duration::from_millis(rng.random_range(1..max_lifetime_ms)));
        match child.try_wait().expect("poll") {
            None => {
                child.kill().expect("SIGKILL");
                child.wait().expect("reap");
                done += 1;
                after_kill();
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
    assert!(done >= kills, "only {done} kills in {KILL_PHASE_LIMIT:?}");
    started.elapsed()
}

/// Checks one drained device from the outside: every logged check-in is in
/// its outbox, delivered, on the server once, with a receipt that
/// verifies; the store and the ledger are sound; no upload is left open.
/// Returns (check-ins in the outbox, check-ins logged as submitted).
fn check_device(dir: &Path, server: &RunningServer) -> (usize, usize) {
    let client = client(dir);
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
    assert_eq!(client.internals().open_uploads().expect("read"), 0);
    client.ledger().expect("the ledger chain verifies");
    (outbox.len(), submitted.len())
}

/// A loopback relay to `upstream` that lets at most `bytes_per_s` a second
/// through towards it (a slow uplink), so an upload lasts long enough for
/// kills to land in its middle.
async fn throttle(upstream: std::net::SocketAddr, bytes_per_s: u64) -> std::net::SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((inbound, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Ok(outbound) = tokio::net::TcpStream::connect(upstream).await else {
                    return;
                };
                let (mut in_read, mut in_write) = inbound.into_split();
                let (mut out_read, mut out_write) = outbound.into_split();
                let up = async {
                    let mut buf = [0u8; 4096];
                    while let Ok(n @ 1..) = in_read.read(&mut buf).await {
                        if out_write.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                        let pause = n as u64 * 1_000_000 / bytes_per_s;
                        tokio::time::sleep(Duration::from_micros(pause)).await;
                    }
                };
                let down = tokio::io::copy(&mut out_read, &mut in_write);
                tokio::select! {
                    () = up => {}
                    _ = down => {}
                }
            });
        }
    });
    addr
}

fn parent() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let root = tempfile::tempdir().expect("dir");
    let server = rt
        .block_on(ReferenceServer::start(ServerConfig::new(
            root.path().join("server"),
        )))
        .expect("server");

    // Small check-ins straight to the server.
    let dir: PathBuf = root.path().join("device");
    enroll(&dir, &server, &server.base_url());
    let kill_phase_time = kill_phase(&dir, &[], KILLS, MAX_LIFETIME_MS, || {});
    run_to_end("drain", &dir, &[]);
    let (outbox, submitted) = check_device(&dir, &server);
    assert!(
        submitted >= 20,
        "too few check-ins to mean anything: {submitted}"
    );
    println!(
        "crash safety: {KILLS} SIGKILLs in {:.1}s; {outbox} check-ins submitted ({submitted} logged), all delivered once with valid receipts",
        kill_phase_time.as_secs_f64(),
    );

    // About 60 KB each, through a slow link, a third of the appends cut.
    let uploads_dir: PathBuf = root.path().join("device-uploads");
    let slow = rt.block_on(throttle(server.addr(), THROTTLE_BYTES_PER_S));
    enroll(&uploads_dir, &server, &format!("http://{slow}"));
    for (i, after_bytes) in [8_000, 20_000, 40_000].into_iter().enumerate() {
        server.faults().add_random_on(
            Route::Checkins,
            Fault::CutBody { after_bytes },
            CUT_SHARE / 3.0,
            18 + i as u64,
        );
    }
    let mut mid_upload = 0;
    let kill_phase_time = kill_phase(
        &uploads_dir,
        &[("CHECKIN_CRASH_BIG", "1")],
        UPLOAD_KILLS,
        UPLOAD_MAX_LIFETIME_MS,
        || {
            let (open, _, _) = server.pending_uploads().expect("read");
            mid_upload += usize::from(open > 0);
        },
    );
    server.faults().clear();
    run_to_end("drain", &uploads_dir, &[]);
    let (uploads_outbox, uploads_submitted) = check_device(&uploads_dir, &server);
    let stats = server.upload_stats();
    println!(
        "crash safety, resumable uploads: {UPLOAD_KILLS} SIGKILLs in {:.1}s, {mid_upload} with an upload unfinished on the server; {} appends, {} of them continuing an upload; {uploads_outbox} check-ins submitted ({uploads_submitted} logged), all delivered once with valid receipts",
        kill_phase_time.as_secs_f64(),
        stats.appends,
        stats.continued,
    );
    assert!(
        uploads_submitted >= 20,
        "too few check-ins to mean anything: {uploads_submitted}"
    );
    assert!(
        mid_upload >= UPLOAD_KILLS / 10,
        "too few kills in the middle of an upload to mean anything: {mid_upload}"
    );
    assert!(stats.continued > 0, "no upload was ever continued");
    assert_eq!(
        server.pending_uploads().expect("read"),
        (0, 0, 0),
        "no unfinished upload is left on the server"
    );
    assert_eq!(
        server.stored_checkins().len(),
        outbox + uploads_outbox,
        "the server holds exactly the devices' check-ins"
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
