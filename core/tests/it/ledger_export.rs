//! The ledger as others check it: the JSON export verifies with the
//! independent checker (scripts/ledger/verify_ledger.py, not our Rust
//! code), and editing, deleting or reordering rows in the database file is
//! reported by `ledger()`, the export and the readable summary.

use std::sync::Arc;

use crate::support::*;
use checkin_core::clock::SystemClock;
use checkin_core::ledger::LedgerFault;
use checkin_core::store::DB_FILE;
use checkin_core::{CheckinClient, Error};
use serde_json::Value;

/// One change made to an exported document.
type Change<'a> = Box<dyn Fn(&mut Value) + 'a>;

/// Enrolled, two check-ins delivered with receipts, one still queued.
async fn with_history() -> Setup {
    let s = enrolled().await;
    submit_photo_checkin(&s.client, 1);
    submit_photo_checkin(&s.client, 2);
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(report.delivered, 2);
    submit_photo_checkin(&s.client, 3);
    s
}

#[tokio::test]
async fn the_export_verifies_with_the_independent_checker_and_tampering_fails_it() {
    let s = with_history().await;
    let json = s.client.export_ledger_json().expect("intact");
    let (code, out) = run_ledger_checker(s.device_dir.path(), &json);
    assert_eq!(code, 0, "{out}");
    let count = s.client.ledger().expect("intact").len();
    assert_eq!(count, 8, "3 at enrollment, 3 submitted, 2 delivered");
    assert!(
        out.contains(&format!("OK: {count} entries, 2 verified receipts")),
        "{out}"
    );

    let doc: Value = serde_json::from_str(&json).expect("json");
    use base64::Engine as _;
    assert_eq!(
        doc["program"]["receipt_public_key_b64"],
        base64::engine::general_purpose::STANDARD
            .encode(s.server.program_public_keys().receipt_public_key)
    );

    // Each kind of change to the export is caught by the checker.
    let tampered: Vec<(&str, Change)> = vec![
        (
            "reordered",
            Box::new(|d: &mut Value| {
                let e = d["entries"].as_array_mut().expect("entries");
                e.swap(3, 4);
            }),
        ),
        (
            "deleted",
            Box::new(|d: &mut Value| {
                d["entries"].as_array_mut().expect("entries").remove(2);
            }),
        ),
        (
            "edited parsed entry",
            Box::new(|d: &mut Value| {
                d["entries"][3]["entry"]["at"] = Value::from("2020-01-01T00:00:00.000Z");
            }),
        ),
        (
            "other receipt key",
            Box::new(|d: &mut Value| {
                d["program"]["receipt_public_key_b64"] =
                    Value::from("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
            }),
        ),
    ];
    for (what, change) in tampered {
        let mut d = doc.clone();
        change(&mut d);
        let (code, out) = run_ledger_checker(s.device_dir.path(), &d.to_string());
        assert_eq!(code, 1, "{what}: the checker must refuse: {out}");
        assert!(out.starts_with("FAULT"), "{what}: {out}");
    }

    // A forger who rebuilds the whole chain still cannot make receipts
    // say what they did not sign.
    let delivered: Vec<usize> = doc["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .enumerate()
        .filter(|(_, e)| e["entry"]["event"]["kind"] == "checkin_delivered")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(delivered.len(), 2);
    let first_id = &doc["entries"][delivered[0]]["entry"]["event"]["checkin_id"];
    let submitted = doc["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .position(|e| &e["entry"]["event"]["summary"]["checkin_id"] == first_id)
        .expect("its submission");
    let forged: Vec<(&str, Change)> = vec![
        (
            "receipt signature does not verify",
            Box::new(|d: &mut Value| {
                let r = &mut d["entries"][delivered[0]]["entry"]["event"]["receipt"];
                let sig = r["signature_b64"].as_str().expect("sig").to_string();
                let flipped = if sig.starts_with('A') { "B" } else { "A" };
                r["signature_b64"] = Value::from(format!("{flipped}{}", &sig[1..]));
            }),
        ),
        (
            "receipt names another check-in",
            Box::new(|d: &mut Value| {
                let other = d["entries"][delivered[1]]["entry"]["event"]["receipt"].clone();
                d["entries"][delivered[0]]["entry"]["event"]["receipt"] = other;
            }),
        ),
        (
            "receipt names another envelope digest",
            Box::new(|d: &mut Value| {
                let s = &mut d["entries"][submitted]["entry"]["event"]["summary"];
                s["envelope_sha256_hex"] = Value::from("00".repeat(32));
            }),
        ),
    ];
    for (want, change) in forged {
        let mut d = doc.clone();
        change(&mut d);
        rechain(&mut d);
        let (code, out) = run_ledger_checker(s.device_dir.path(), &d.to_string());
        assert_eq!(code, 1, "{want}: {out}");
        assert!(out.contains(want), "{want}: {out}");
    }
    // And a forger who rebuilds the whole chain, changing nothing it says,
    // is caught by the device's signature over the head.
    let mut d = doc.clone();
    rechain(&mut d);
    let (code, out) = run_ledger_checker(s.device_dir.path(), &d.to_string());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("head signature does not verify"), "{out}");
}

#[tokio::test]
async fn the_export_is_signed_by_the_device_key_the_ledger_enrolled() {
    let s = with_history().await;
    let json = s.client.export_ledger_json().expect("intact");
    let doc: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(doc["format"], "checkin-ledger/2");
    let enrolled_key = s
        .client
        .ledger()
        .expect("intact")
        .into_iter()
        .find_map(|e| match e.event {
            checkin_core::LedgerEvent::Enrolled { device_key_id, .. } => Some(device_key_id),
            _ => None,
        })
        .expect("enrolled");
    assert_eq!(doc["device_key"]["key_id"], Value::from(enrolled_key));
    let unsigned: Vec<(&str, Change)> = vec![
        (
            "head signature does not verify",
            Box::new(|d: &mut Value| d["exported_at"] = Value::from("2020-01-01T00:00:00.000Z")),
        ),
        (
            "head signature does not verify",
            Box::new(|d: &mut Value| {
                d["device_id"] = Value::from(uuid::Uuid::new_v4().to_string())
            }),
        ),
        (
            "program name differs",
            Box::new(|d: &mut Value| d["program"]["name"] = Value::from("Another Program")),
        ),
        (
            "does not match its key id",
            Box::new(|d: &mut Value| {
                d["device_key"]["public_key_b64"] =
                    Value::from("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
            }),
        ),
        (
            "format 1 exports are not signed",
            Box::new(|d: &mut Value| d["format"] = Value::from("checkin-ledger/1")),
        ),
    ];
    for (want, change) in unsigned {
        let mut d = doc.clone();
        change(&mut d);
        let (code, out) = run_ledger_checker(s.device_dir.path(), &d.to_string());
        assert_eq!(code, 1, "{want}: {out}");
        assert!(out.contains(want), "{want}: {out}");
    }
    // A forger who signs with a key of their own fails unless they also
    // rewrite the enrollment, and then the chain no longer matches the
    // program's copies of the check-ins (see the rollback test below).
    let mut d = doc.clone();
    d["device_key"]["key_id"] = Value::from("00".repeat(16));
    let (code, out) = run_ledger_checker(s.device_dir.path(), &d.to_string());
    assert_eq!(code, 1, "{out}");
}

#[tokio::test]
async fn the_readable_summary_is_localized_and_names_every_checkin() {
    let s = with_history().await;
    let ledger = s.client.ledger().expect("intact");
    let en = s.client.ledger_summary("en").expect("summary");
    let es = s.client.ledger_summary("es").expect("summary");
    assert!(en.contains("the hash chain is intact"), "{en}");
    assert!(es.contains("la cadena de hashes está intacta"), "{es}");
    for entry in &ledger {
        if let checkin_core::ledger::LedgerEvent::CheckinSubmitted { summary } = &entry.event {
            assert!(en.contains(&summary.checkin_id.to_string()));
            assert!(es.contains(&summary.envelope_sha256_hex));
        }
    }
    assert_eq!(en.matches("received by the program").count(), 2, "{en}");
    assert_eq!(es.matches("recibida por el programa").count(), 2, "{es}");
}

/// Closes the client, changes its database file with `change`, reopens it.
fn tamper(s: Setup, change: impl FnOnce(&rusqlite::Connection)) -> Setup {
    let Setup {
        server,
        client,
        key_store,
        server_dir,
        device_dir,
    } = s;
    drop(client);
    let conn = rusqlite::Connection::open(device_dir.path().join(DB_FILE)).expect("db");
    change(&conn);
    drop(conn);
    let client = CheckinClient::open(config(device_dir.path()), &key_store, Arc::new(SystemClock))
        .expect("reopen");
    Setup {
        server,
        client,
        key_store,
        server_dir,
        device_dir,
    }
}

fn sql(statements: &'static str) -> impl FnOnce(&rusqlite::Connection) {
    move |c| c.execute_batch(statements).expect("tamper")
}

async fn fault_after(change: impl FnOnce(&rusqlite::Connection)) -> LedgerFault {
    let s = with_history().await;
    assert!(s.client.ledger().is_ok());
    let s = tamper(s, change);
    let fault = match s.client.ledger() {
        Err(Error::LedgerBroken(fault)) => fault,
        other => panic!("tampering detected: {other:?}"),
    };
    assert!(matches!(
        s.client.export_ledger_json(),
        Err(Error::LedgerBroken(_))
    ));
    let text = s.client.ledger_summary("en").expect("summary");
    assert!(text.contains("has been altered or damaged"), "{text}");
    fault
}

#[tokio::test]
async fn editing_a_row_is_detected() {
    let fault = fault_after(|c| {
        let mut blob: Vec<u8> = c
            .query_row("SELECT entry FROM ledger WHERE seq = 4", [], |r| r.get(0))
            .expect("row");
        let mid = blob.len() / 2;
        blob[mid] ^= 0x01;
        c.execute("UPDATE ledger SET entry = ?1 WHERE seq = 4", [blob])
            .expect("edit");
    })
    .await;
    assert_eq!(fault, LedgerFault::Unreadable(4));
}

#[tokio::test]
async fn deleting_a_row_is_detected() {
    let fault = fault_after(sql("DELETE FROM ledger WHERE seq = 3")).await;
    assert_eq!(
        fault,
        LedgerFault::Gap {
            expected: 3,
            found: 4
        }
    );
    let fault = fault_after(sql(
        "DELETE FROM ledger WHERE seq = (SELECT max(seq) FROM ledger)",
    ))
    .await;
    assert_eq!(fault, LedgerFault::Truncated(8));
}

#[tokio::test]
async fn reordering_rows_is_detected() {
    let fault = fault_after(sql("UPDATE ledger SET seq = -1 WHERE seq = 4;
         UPDATE ledger SET seq = 4 WHERE seq = 5;
         UPDATE ledger SET seq = 5 WHERE seq = -1;"))
    .await;
    assert_eq!(fault, LedgerFault::Unreadable(4));
}

/// Closes the client, runs `change` on its data directory, reopens it.
fn reopen(s: Setup, change: impl FnOnce(&std::path::Path)) -> Setup {
    let Setup {
        server,
        client,
        key_store,
        server_dir,
        device_dir,
    } = s;
    drop(client);
    change(device_dir.path());
    let client = CheckinClient::open(config(device_dir.path()), &key_store, Arc::new(SystemClock))
        .expect("reopen");
    Setup {
        server,
        client,
        key_store,
        server_dir,
        device_dir,
    }
}

/// Makes `to` hold exactly the files of `from` (a data directory's copy).
fn copy_files(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(to).expect("read").flatten() {
        if entry.path().is_file() {
            std::fs::remove_file(entry.path()).expect("remove");
        }
    }
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

#[tokio::test]
async fn each_envelope_anchors_the_ledger_and_an_older_copy_of_it_is_caught() {
    let s = enrolled().await;
    submit_photo_checkin(&s.client, 1);
    submit_photo_checkin(&s.client, 2);
    s.client.sync(far_deadline(), None).await.expect("sync");
    // Someone keeps a copy of the device's files as they are now.
    let older = tempfile::tempdir().expect("dir");
    let s = reopen(s, |dir| copy_files(dir, older.path()));
    let third = submit_photo_checkin(&s.client, 3);
    assert_eq!(
        s.client
            .sync(far_deadline(), None)
            .await
            .expect("sync")
            .delivered,
        1
    );

    // Every sealed check-in names the ledger head it was sealed at (an
    // earlier entry), in the header the device signed and the program's
    // receipt countersigns; the program holds it as it arrived.
    let json = s.client.export_ledger_json().expect("intact");
    let doc: Value = serde_json::from_str(&json).expect("json");
    let entries = doc["entries"].as_array().expect("entries");
    for (i, e) in entries.iter().enumerate() {
        let summary = &e["entry"]["event"]["summary"];
        let Some(seq) = summary["ledger_head"]["seq"].as_u64() else {
            continue;
        };
        assert!((seq as usize) <= i, "an earlier entry: {summary}");
        let named = &summary["ledger_head"]["sha256_hex"];
        assert_eq!(named, &entries[seq as usize - 1]["sha256_hex"]);
        let id = summary["checkin_id"].as_str().expect("id");
        let stored = s.server.stored_checkin(id).expect("server").expect("held");
        assert_eq!(stored.header["ledger_head"], summary["ledger_head"]);
    }
    let envelopes = s
        .server
        .stored_checkin(&third.to_string())
        .expect("server")
        .expect("held")
        .envelope_path
        .parent()
        .expect("the device's envelopes")
        .to_path_buf();
    let checker_dir = tempfile::tempdir().expect("dir");
    let with_envelopes = |json: &str| {
        run_ledger_checker_with(
            checker_dir.path(),
            json,
            &[std::path::Path::new("--envelopes"), &envelopes],
        )
    };
    let (code, out) = with_envelopes(&json);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("3 of the program's envelopes anchored"),
        "{out}"
    );

    // The older copy put back: a sound, signed ledger on its own, but the
    // program holds a check-in it does not record.
    let s = reopen(s, |dir| copy_files(older.path(), dir));
    let rolled_back = s.client.export_ledger_json().expect("sound on its own");
    assert_eq!(run_ledger_checker(checker_dir.path(), &rolled_back).0, 0);
    let (code, out) = with_envelopes(&rolled_back);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("the program holds check-in {third}")),
        "{out}"
    );
}
