//! Queue throughput (issue 5): enqueue rate with full durability, and the
//! drain of 1,000 queued check-ins with 100 KB payloads to the loopback
//! reference server, with the client's CPU time per delivered check-in.
//!
//! Run: `cargo bench -p checkin-core --bench queue` (QUEUE_ITEMS=… to change
//! the count). The client runs on this thread (a current-thread runtime) and
//! the server on its own threads, so this thread's CPU time is the client's
//! work. The sync pipelines: while a request is out, it commits the
//! delivery before and prepares the next item, so the share of wall time
//! with a request out at the server is how far the server sets the pace.

use std::sync::Arc;
use std::time::{Duration, Instant};

use checkin_core::checkin::{DraftPhoto, PhotoQuality};
use checkin_core::clock::SystemClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::{CheckinClient, ClientConfig};
use reference_server::{ReferenceServer, ServerConfig};

const PAYLOAD: usize = 100 * 1024;

fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into the pointer given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn main() {
    let items: usize = std::env::var("QUEUE_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("rt");
    let client_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let server = server_rt
        .block_on(ReferenceServer::start(ServerConfig::new(server_dir.path())))
        .expect("server");
    let ks = SoftwareKeyStore::random().expect("ks");
    let config = ClientConfig {
        data_dir: device_dir.path().to_path_buf(),
        locale: "en".into(),
        platform: "bench".into(),
    };
    let client = CheckinClient::open(config, &ks, Arc::new(SystemClock)).expect("open");
    client_rt
        .block_on(client.enroll(&server.base_url(), &server.issue_enrollment_code()))
        .expect("enroll");
    let payload: Vec<u8> = (0..PAYLOAD)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();

    // Enqueue: drafts are prepared outside the timing; submit is timed.
    let drafts: Vec<_> = (0..items)
        .map(|_| {
            let id = client.start_checkin(None).expect("start");
            let mut d = client.internals().draft(id).expect("read").expect("draft");
            d.photo = Some(DraftPhoto {
                jpeg: payload.clone(),
                width: 1024,
                height: 768,
                quality: PhotoQuality {
                    issues: vec![],
                    blocking: false,
                    faces: 1,
                    mean_luma: 120.0,
                    sharpness: 300.0,
                    blur_uncertain: false,
                },
                bystanders_blurred: 0,
            });
            client.internals().put_draft(&d).expect("put");
            id
        })
        .collect();
    let started = Instant::now();
    for id in drafts {
        client.submit(id).expect("submit");
    }
    let enqueue = started.elapsed();

    // Drain to the loopback server.
    let cpu0 = thread_cpu();
    let started = Instant::now();
    let report = client_rt
        .block_on(client.sync(
            tokio::time::Instant::now() + Duration::from_secs(3600),
            None,
        ))
        .expect("sync");
    let wall = started.elapsed();
    eprintln!("E sync_wall={}", wall.as_micros());
    let cpu = thread_cpu() - cpu0;
    assert_eq!(report.delivered as usize, items, "{report:?}");
    assert_eq!(server.stored_checkins().len(), items);

    println!(
        "queue benchmark: {items} check-ins, {} KB payload each",
        PAYLOAD / 1024
    );
    println!(
        "  enqueue (seal + sign + durable encrypted write): {:.1} check-ins/s ({:.2} ms each)",
        items as f64 / enqueue.as_secs_f64(),
        enqueue.as_secs_f64() * 1000.0 / items as f64
    );
    println!(
        "  drain to loopback server: {:.2} s wall, {:.1} check-ins/s",
        wall.as_secs_f64(),
        items as f64 / wall.as_secs_f64()
    );
    println!(
        "  client CPU: {:.2} s in all, {:.2} ms per delivered check-in",
        cpu.as_secs_f64(),
        cpu.as_secs_f64() * 1000.0 / items as f64
    );
    // Two views of "limited by the network, not by the core": how much of
    // the wall time a request was out at the server (the sync pipelines its
    // own work into that time), and how much of it this thread was idle.
    println!(
        "  share of wall time with a request out at the server: {:.1}%",
        100.0 * report.server_wait_ms as f64 / 1000.0 / wall.as_secs_f64()
    );
    println!(
        "  share of wall time the client thread was not on a CPU: {:.1}%",
        100.0 * (1.0 - cpu.as_secs_f64() / wall.as_secs_f64())
    );
    server_rt.block_on(server.shutdown());
}
