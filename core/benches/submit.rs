//! Submit (seal + sign + encrypted durable write) of a 200 KB payload, and
//! opening the store. Run: `cargo bench -p checkin-core --bench submit`.

use std::sync::Arc;

use checkin_core::checkin::{Draft, DraftPhoto, PhotoQuality};
use checkin_core::clock::SystemClock;
use checkin_core::crypto::keystore::SoftwareKeyStore;
use checkin_core::{CheckinClient, ClientConfig};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use reference_server::{ReferenceServer, ServerConfig};

const PAYLOAD: usize = 200 * 1024;

fn config(dir: &std::path::Path) -> ClientConfig {
    ClientConfig {
        data_dir: dir.to_path_buf(),
        locale: "en".into(),
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
    // Incompressible bytes stand in for an already-compressed photo.
    let payload: Vec<u8> = (0..PAYLOAD)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();

    c.bench_function(
        "submit 200 KB (seal + sign + durable encrypted write)",
        |b| {
            b.iter_batched(
                || {
                    let id = client.start_checkin(None).expect("start");
                    let mut draft: Draft =
                        client.internals().draft(id).expect("read").expect("draft");
                    draft.photo = Some(DraftPhoto {
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
                    client.internals().put_draft(&draft).expect("put");
                    id
                },
                |id| client.submit(id).expect("submit"),
                BatchSize::PerIteration,
            )
        },
    );

    drop(client);
    c.bench_function("open the store (unwrap key, check key, migrate)", |b| {
        b.iter(|| {
            CheckinClient::open(config(device_dir.path()), &ks, Arc::new(SystemClock))
                .expect("open")
        })
    });
    rt.block_on(server.shutdown());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
