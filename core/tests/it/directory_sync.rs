//! The directory and the case document travel as the plan does
//! (docs/directory.md): fetched at the end of a sync, signed by the
//! program, stored only when valid and newer, each stored revision in the
//! ledger with what changed; a bad one never replaces a good one, and an
//! unchanged one costs a 304.

use checkin_core::{Connectivity, DirectoryQuery, LedgerEvent};
use reference_server::Route;
use serde_json::{Value, json};

use super::directory_fixture as fixture;
use super::support::{self, far_deadline};

fn write(server: &reference_server::RunningServer, file: &str, bytes: &[u8]) {
    std::fs::write(server.data_dir().join(file), bytes).expect("publish");
}

fn directory_value(services: usize, revision: u64) -> Value {
    serde_json::from_slice(&fixture::small(services, revision)).expect("json")
}

fn entries(client: &checkin_core::CheckinClient) -> Vec<LedgerEvent> {
    client
        .ledger()
        .expect("ledger")
        .into_iter()
        .map(|e| e.event)
        .collect()
}

fn everything(client: &checkin_core::CheckinClient) -> u32 {
    client
        .search_directory(&DirectoryQuery::default())
        .expect("search")
        .total
}

pub fn case_json(revision: u64, officer: &str, conditions: &[(&str, &str)]) -> Vec<u8> {
    let conditions: Vec<Value> = conditions
        .iter()
        .map(|(id, text)| json!({"id": id, "text": {"en": text, "es": format!("(es) {text}")}}))
        .collect();
    serde_json::to_vec(&json!({
        "format": 1,
        "revision": revision,
        "language": "en",
        "case_number": "A-204-118-993",
        "officer": {"name": officer, "phone": "+1 305 555 0142",
                    "contact_hours": {"en": "Monday to Friday, 9 AM to 4 PM", "es": "De lunes a viernes, de 9 a 16"}},
        "program_phones": [{"label": {"en": "Front desk", "es": "Recepción"}, "number": "+1 305 555 0100"}],
        "conditions": conditions,
        "documents_to_bring": [{"id": "id", "text": "Any photo ID"}]
    }))
    .expect("case json")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_directory_arrives_at_sync_and_only_a_newer_valid_one_replaces_it() {
    let s = support::enrolled().await;
    let client = &s.client;
    // Nothing published: the sync is as before.
    let report = client.sync(far_deadline(), None).await.expect("sync");
    assert!(
        !report.directory_updated && report.document_error.is_none(),
        "{report:?}"
    );
    assert!(client.directory_overview().expect("overview").is_none());

    let first = directory_value(40, 1);
    write(&s.server, "directory.json", first.to_string().as_bytes());
    let report = client.sync(far_deadline(), None).await.expect("sync");
    assert!(report.directory_updated, "{report:?}");
    assert_eq!(everything(client), 40);
    let Some(LedgerEvent::DirectoryReceived {
        revision: 1,
        services: 40,
        changes,
    }) = entries(client).into_iter().last()
    else {
        panic!("a directory entry last: {:?}", entries(client));
    };
    // The participant's language (the test client's is Spanish).
    assert_eq!(changes, vec!["40 servicios agregados."]);

    // Unchanged: a 304, no new entry.
    let before = entries(client).len();
    let report = client.sync(far_deadline(), None).await.expect("sync");
    assert!(!report.directory_updated, "{report:?}");
    assert_eq!(entries(client).len(), before);

    // Revision 2: one service renamed, one gone, one new.
    let mut second = first.clone();
    second["revision"] = json!(2);
    let services = second["services"].as_array_mut().expect("services");
    services[0]["name"] = json!("Renamed Community Kitchen");
    let gone = services.remove(1)["id"].as_str().expect("id").to_string();
    let mut new = services[2].clone();
    new["id"] = json!("7f6d0c2e-9a41-4b8e-8f0e-5d6b3c2a1e90");
    services.push(new);
    // Its translations go with it (a translation of nothing is refused).
    for (_, objects) in second["translations"]
        .as_object_mut()
        .expect("translations")
    {
        objects.as_object_mut().expect("objects").remove(&gone);
    }
    write(&s.server, "directory.json", second.to_string().as_bytes());
    let report = client.sync(far_deadline(), None).await.expect("sync");
    assert!(report.directory_updated, "{report:?}");
    let Some(LedgerEvent::DirectoryReceived {
        revision: 2,
        changes,
        ..
    }) = entries(client).into_iter().last()
    else {
        panic!("revision 2 in the ledger");
    };
    assert_eq!(
        changes,
        vec![
            "1 servicio agregado.",
            "1 servicio quitado.",
            "1 servicio cambió."
        ]
    );
    let found = client
        .search_directory(&DirectoryQuery {
            text: "renamed kitchen".into(),
            ..DirectoryQuery::default()
        })
        .expect("search");
    assert_eq!(found.total, 1);

    // Every broken variant is refused; revision 2 stays in force.
    for (file, bytes, object, _) in fixture::broken() {
        let mut broken = bytes.clone();
        if let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) {
            v["revision"] = json!(3);
            broken = v.to_string().into_bytes();
        }
        write(&s.server, "directory.json", &broken);
        let report = client.sync(far_deadline(), None).await.expect("sync");
        assert!(!report.directory_updated, "{file}");
        let error = report.document_error.expect("refused");
        assert!(error.starts_with("directory:"), "{file}: {error}");
        assert!(
            error.contains(&object) || object == "directory",
            "{file}: {error}"
        );
        assert_eq!(
            client
                .directory_overview()
                .expect("o")
                .expect("kept")
                .revision,
            2
        );
    }
    // An older revision is not stored either (and is not an error).
    write(&s.server, "directory.json", first.to_string().as_bytes());
    let report = client.sync(far_deadline(), None).await.expect("sync");
    assert!(
        !report.directory_updated && report.document_error.is_none(),
        "{report:?}"
    );
    assert_eq!(
        client
            .directory_overview()
            .expect("o")
            .expect("kept")
            .revision,
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_metered_network_the_directory_waits_but_the_case_does_not() {
    let s = support::enrolled().await;
    let client = &s.client;
    write(
        &s.server,
        "directory.json",
        directory_value(20, 1).to_string().as_bytes(),
    );
    client
        .set_connectivity(Connectivity::Metered)
        .expect("metered");
    // None held yet: fetched even on a metered network.
    assert!(
        client
            .sync(far_deadline(), None)
            .await
            .expect("sync")
            .directory_updated
    );
    let mut second = directory_value(20, 1);
    second["revision"] = json!(2);
    write(&s.server, "directory.json", second.to_string().as_bytes());
    write(
        &s.server,
        "case.json",
        &case_json(1, "Dana Ruiz", &[("curfew", "Be home by 10 PM.")]),
    );
    s.server.faults().reset_counters();
    let report = client.sync(far_deadline(), None).await.expect("sync");
    assert!(
        report.case_updated && !report.directory_updated,
        "{report:?}"
    );
    assert_eq!(s.server.faults().requests(Route::Directory), 0);
    client
        .set_connectivity(Connectivity::Online)
        .expect("online");
    assert!(
        client
            .sync(far_deadline(), None)
            .await
            .expect("sync")
            .directory_updated
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_document_is_stored_masked_on_screen_and_its_changes_are_in_the_ledger() {
    let s = support::enrolled().await;
    let client = &s.client;
    assert!(client.case_info().expect("case").is_none());
    write(
        &s.server,
        "case.json",
        &case_json(
            1,
            "Dana Ruiz",
            &[
                ("curfew", "Be home by 10 PM."),
                ("travel", "Ask before leaving the state."),
            ],
        ),
    );
    assert!(
        client
            .sync(far_deadline(), None)
            .await
            .expect("sync")
            .case_updated
    );
    let info = client.case_info().expect("case").expect("held");
    assert_eq!(info.case_number.as_deref(), Some("A-204-118-993"));
    assert_eq!(info.case_number_masked.as_deref(), Some("•-•••-•••-993"));
    // The participant reads Spanish: the program's translation.
    assert_eq!(info.conditions[0], "(es) Be home by 10 PM.");
    assert_eq!(info.program_phones[0].label, "Recepción");
    // The plan's court hearings still ahead are the case's next hearings.
    let plan = client.plan().expect("plan").expect("held");
    let now = client.corrected_now().expect("now");
    let ahead: Vec<&str> = plan
        .appointments()
        .iter()
        .filter(|a| a.kind == checkin_core::plan::AppointmentKind::CourtHearing && a.ends > now)
        .map(|a| a.id.as_str())
        .collect();
    let shown: Vec<&str> = info
        .hearings
        .iter()
        .map(|h| h.appointment_id.as_str())
        .collect();
    assert_eq!(shown, ahead);

    // A new officer and a reworded condition.
    write(
        &s.server,
        "case.json",
        &case_json(
            2,
            "Sam Okafor",
            &[
                ("curfew", "Be home by 11 PM."),
                ("travel", "Ask before leaving the state."),
            ],
        ),
    );
    assert!(
        client
            .sync(far_deadline(), None)
            .await
            .expect("sync")
            .case_updated
    );
    let Some(LedgerEvent::CaseReceived {
        revision: 2,
        changes,
    }) = entries(client).into_iter().last()
    else {
        panic!("the case in the ledger");
    };
    assert_eq!(
        changes,
        vec!["Su oficial cambió.", "1 condición redactada de nuevo."]
    );
    // The ledger names what changed, never the text.
    let json = client.export_ledger_json().expect("export");
    assert!(
        !json.contains("Okafor") && !json.contains("11 PM"),
        "{json}"
    );

    // A field this core does not know refuses the document.
    let mut bad: Value = serde_json::from_slice(&case_json(3, "X", &[])).expect("json");
    bad["surprise"] = json!(true);
    write(&s.server, "case.json", bad.to_string().as_bytes());
    let report = client.sync(far_deadline(), None).await.expect("sync");
    assert!(report.document_error.expect("refused").contains("case"));
    assert_eq!(client.case_info().expect("case").expect("held").revision, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_of_the_directory_or_the_case_is_readable_from_the_devices_files() {
    let s = support::enrolled().await;
    let client = &s.client;
    let directory = directory_value(40, 1);
    write(
        &s.server,
        "directory.json",
        directory.to_string().as_bytes(),
    );
    write(
        &s.server,
        "case.json",
        &case_json(1, "Dana Ruiz", &[("curfew", "Be home by 10 PM.")]),
    );
    client.sync(far_deadline(), None).await.expect("sync");
    let service = directory["services"][3]["id"]
        .as_str()
        .expect("id")
        .to_string();
    client.save_service(&service).expect("save");
    let name = directory["services"][3]["name"]
        .as_str()
        .expect("name")
        .to_string();
    for file in support::files_under(s.device_dir.path()) {
        let bytes = std::fs::read(&file).expect("read");
        for needle in [
            name.as_str(),
            service.as_str(),
            "A-204-118-993",
            "Dana Ruiz",
            "Be home by",
        ] {
            assert!(
                !support::find(&bytes, needle.as_bytes()),
                "{needle:?} readable in {}",
                file.display()
            );
        }
    }
}
