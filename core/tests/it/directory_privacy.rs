//! What the participant looks for is nobody else's business
//! (docs/directory.md, "Privacy"): a search, a service's details and the
//! directory screens touch neither the network nor the ledger, write
//! nothing to the device's files and log nothing; saving a service writes
//! only the sealed list of saved services, never the ledger, never the
//! network.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use checkin_core::{ActionKind, DirectoryQuery, FieldValue, Route, ShellContext};
use reference_server::Route as ServerRoute;

use super::directory_fixture as fixture;
use super::support::{self, far_deadline};

/// Requests the server saw, every route together.
fn requests(server: &reference_server::RunningServer) -> u64 {
    [
        ServerRoute::Time,
        ServerRoute::Enroll,
        ServerRoute::Plan,
        ServerRoute::Checkins,
        ServerRoute::Media,
        ServerRoute::Directory,
        ServerRoute::Case,
    ]
    .into_iter()
    .map(|r| server.faults().requests(r))
    .sum()
}

/// Every file of the device's data directory, with its bytes, but the
/// WAL index (`-shm`), which SQLite's readers write their read marks to and
/// which holds no data.
fn files(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = support::files_under(dir)
        .into_iter()
        .filter(|f| !f.to_string_lossy().ends_with("-shm"))
        .map(|f| {
            let bytes = std::fs::read(&f).expect("read");
            (f, bytes)
        })
        .collect();
    out.sort();
    out
}

/// Counts every log event (any level, any target) while installed.
struct CountEvents(Arc<AtomicUsize>);

impl tracing::Subscriber for CountEvents {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_touches_neither_the_network_nor_the_ledger_nor_the_disk() {
    let s = support::enrolled().await;
    let client = &s.client;
    let version = client.policy().expect("policy").version;
    client.record_consent(version, "es").expect("consent");
    std::fs::write(
        s.server.data_dir().join("directory.json"),
        fixture::small(60, 1),
    )
    .expect("publish");
    client.sync(far_deadline(), None).await.expect("sync");
    client.apply_retention().expect("settle");

    let requests_before = requests(&s.server);
    let ledger_before = client.ledger().expect("ledger");
    let files_before = files(s.device_dir.path());
    let events = Arc::new(AtomicUsize::new(0));
    let context = ShellContext::default();
    let queries = [
        "shelter",
        "\"shelter OR *",
        "médico legal",
        "",
        &"x".repeat(200),
    ];
    tracing::subscriber::with_default(CountEvents(events.clone()), || {
        for q in queries {
            let found = client
                .search_directory(&DirectoryQuery {
                    text: q.to_string(),
                    open_now: true,
                    ..DirectoryQuery::default()
                })
                .expect("search");
            for hit in found.services.iter().take(3) {
                client
                    .directory_service(&hit.service_id, None)
                    .expect("details");
            }
        }
        client.saved_services().expect("saved");
        client.directory_overview().expect("overview");
        client.screen(&Route::Directory, &context).expect("screen");
    });
    // The screens' search, typed and run through the shell's loop.
    for q in queries {
        let field = vec![FieldValue {
            field_id: "query".into(),
            value: q.to_string(),
        }];
        let screen = client
            .perform(
                &Route::Directory,
                ActionKind::SearchDirectory,
                field,
                &context,
            )
            .await
            .expect("perform");
        assert_eq!(screen.route, Route::Directory);
        assert!(screen.secure);
    }
    assert_eq!(
        events.load(Ordering::SeqCst),
        0,
        "a search logged something"
    );
    assert_eq!(
        requests(&s.server),
        requests_before,
        "a search reached the server"
    );
    assert_eq!(
        client.ledger().expect("ledger"),
        ledger_before,
        "a search is in the ledger"
    );
    assert!(
        files(s.device_dir.path()) == files_before,
        "a search wrote to the device's files"
    );

    // Saving writes the sealed list only: no ledger entry, no request.
    let first = client
        .search_directory(&DirectoryQuery::default())
        .expect("all")
        .services[0]
        .service_id
        .clone();
    client.save_service(&first).expect("save");
    assert_eq!(client.saved_services().expect("saved")[0].service_id, first);
    assert_eq!(requests(&s.server), requests_before);
    assert_eq!(client.ledger().expect("ledger"), ledger_before);
    assert!(client.save_service("no-such-service").is_err());
    client.unsave_service(&first).expect("unsave");
    assert!(client.saved_services().expect("saved").is_empty());

    // The next sync sends check-ins and fetches documents: no search, no
    // saved service in any request (the server's data holds none).
    client.save_service(&first).expect("save");
    client.sync(far_deadline(), None).await.expect("sync");
    for file in support::files_under(s.server.data_dir()) {
        if file.file_name().is_some_and(|n| n == "directory.json") {
            continue;
        }
        let bytes = std::fs::read(&file).expect("read");
        assert!(
            !support::find(&bytes, first.as_bytes()),
            "{}",
            file.display()
        );
        assert!(!support::find(&bytes, b"shelter OR"), "{}", file.display());
    }
}
