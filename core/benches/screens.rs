//! Building the home screen: from a cold client (the store just opened,
//! nothing read yet: keys, policy, plan and messages are read and parsed)
//! and from a warm one (what the client read is kept until it changes).
//! The client has a month of history: 30 delivered check-ins and a plan
//! with daily windows and an appointment. Goal: warm ≤ 1 ms.
//!
//! Run: `cargo bench -p checkin-core --bench screens`; criterion's medians
//! are in `target/criterion/home screen/*/new/estimates.json`.

use std::sync::Arc;

use checkin_core::checkin::{Draft, DraftPhoto, PhotoQuality};
use checkin_core::{
    CheckinClient, ClientConfig, Route, ShellContext, SoftwareKeyStore, SystemClock,
};
use criterion::{Criterion, criterion_group, criterion_main};
use reference_server::{ReferenceServer, ServerConfig};

const HISTORY: usize = 30;

fn config(dir: &std::path::Path) -> ClientConfig {
    ClientConfig {
        data_dir: dir.to_path_buf(),
        locale: "es".into(),
        platform: "bench".into(),
    }
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server_dir = tempfile::tempdir().expect("dir");
    let device_dir = tempfile::tempdir().expect("dir");
    let ks = SoftwareKeyStore::random().expect("ks");
    let server = rt
        .block_on(ReferenceServer::start(ServerConfig::new(server_dir.path())))
        .expect("server");
    let client =
        CheckinClient::open(config(device_dir.path()), &ks, Arc::new(SystemClock)).expect("open");
    rt.block_on(client.enroll(&server.base_url(), &server.issue_enrollment_code()))
        .expect("enroll");
    client
        .record_consent(client.policy().expect("policy").version, "es")
        .expect("consent");
    for _ in 0..HISTORY {
        let id = client.start_checkin(None).expect("start");
        let mut draft: Draft = client.internals().draft(id).expect("read").expect("draft");
        draft.photo = Some(DraftPhoto {
            jpeg: vec![7; 60 * 1024],
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
        client.internals().put_draft(&draft).expect("put");
        client.submit(id).expect("submit");
    }
    let far = tokio::time::Instant::now() + std::time::Duration::from_secs(120);
    let report = rt.block_on(client.sync(far, None)).expect("sync");
    assert_eq!(report.delivered as usize, HISTORY);
    let context = ShellContext::default();
    let home = client.screen(&Route::Home, &context).expect("home");
    assert_eq!(home.route, Route::Home);

    let mut group = c.benchmark_group("home screen");
    group.bench_function("warm client", |b| {
        b.iter(|| client.screen(&Route::Home, &context).expect("home"))
    });
    drop(client);
    group.bench_function("cold client (open the store, then the screen)", |b| {
        b.iter(|| {
            let cold = CheckinClient::open(config(device_dir.path()), &ks, Arc::new(SystemClock))
                .expect("open");
            cold.screen(&Route::Home, &context).expect("home")
        })
    });
    group.finish();
    rt.block_on(server.shutdown());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
