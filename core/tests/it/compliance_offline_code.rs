//! Offline check-in codes: made on a device with no network, verified by
//! the reference server (its own implementation) once the envelope arrives.

use crate::support::*;
use checkin_core::Connectivity;

#[tokio::test]
async fn a_code_read_out_offline_is_verified_when_the_checkin_arrives() {
    let s = enrolled().await;
    s.client
        .set_connectivity(Connectivity::Offline)
        .expect("offline");
    let first = submit_photo_checkin(&s.client, 1);
    let second = submit_photo_checkin(&s.client, 2);
    let code = s.client.offline_code(first).expect("read").expect("a code");
    assert_eq!(code.len(), 11, "{code}");
    let other = s
        .client
        .offline_code(second)
        .expect("read")
        .expect("a code");
    assert_ne!(code, other);
    assert_eq!(
        s.client.offline_code(uuid::Uuid::new_v4()).expect("read"),
        None
    );

    // Before the envelope arrives the program cannot match it.
    assert_eq!(s.server.find_offline_code(&code).expect("server"), None);

    s.client.network_available().expect("online");
    let report = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(report.delivered, 2);
    assert_eq!(
        s.server.find_offline_code(&code).expect("server"),
        Some(first.to_string())
    );
    // As a participant might text it.
    let texted = code.to_lowercase().replace('-', " ");
    assert_eq!(
        s.server.find_offline_code(&texted).expect("server"),
        Some(first.to_string())
    );
    // One character wrong matches nothing.
    let mut wrong: Vec<char> = code.chars().collect();
    wrong[0] = if wrong[0] == '7' { '8' } else { '7' };
    let wrong: String = wrong.into_iter().collect();
    assert_eq!(s.server.find_offline_code(&wrong).expect("server"), None);
}
