//! One server answer moves the device's anchored clock by at most one step
//! (`clock::MAX_STEP_MS`, 5 minutes): a server whose clock jumps two hours
//! cannot make a participant late in one answer. The jump is in the ledger,
//! and delivery goes on (request signatures follow the server's clock).

use crate::support::*;
use checkin_core::LedgerEvent;
use checkin_core::clock::MAX_STEP_MS;

#[tokio::test]
async fn a_server_clock_jump_moves_the_device_clock_one_step_per_answer() {
    let s = enrolled().await;
    let id = submit_photo_checkin(&s.client, 150);
    let two_hours = chrono::Duration::hours(2);
    s.server.set_clock_offset_ms(two_hours.num_milliseconds());

    let r = s.client.sync(far_deadline(), None).await.expect("sync");
    assert_eq!(r.delivered, 1, "{r:?}");
    assert_eq!(s.server.checkin_count(&id.to_string()), 1);

    // The answers of one sync (the clock-skew refusal, the receipt, the
    // plan) moved the clock a step each, not two hours.
    let jumps: Vec<(i64, i64)> = s
        .client
        .ledger()
        .expect("ledger")
        .iter()
        .filter_map(|e| match e.event {
            LedgerEvent::ClockJumped {
                seen_ms,
                applied_ms,
            } => Some((seen_ms, applied_ms)),
            _ => None,
        })
        .collect();
    assert!(!jumps.is_empty(), "the jump is in the ledger");
    for (seen, applied) in &jumps {
        assert!(*seen > MAX_STEP_MS, "seen {seen} ms");
        assert_eq!(*applied, MAX_STEP_MS);
    }
    let moved = s.client.corrected_now().expect("now") - chrono::Utc::now();
    let steps = jumps.len() as i64;
    assert!(
        moved.num_milliseconds() <= steps * MAX_STEP_MS + 10_000
            && moved.num_milliseconds() >= steps * MAX_STEP_MS - 10_000,
        "moved {moved} in {steps} steps"
    );
    assert!(moved < two_hours / 2);

    // It follows, a step at a time, while the server keeps its clock.
    let before = s.client.corrected_now().expect("now");
    s.client.sync(far_deadline(), None).await.expect("sync");
    let after = s.client.corrected_now().expect("now");
    assert!(after - before >= chrono::Duration::milliseconds(MAX_STEP_MS));
    assert!(after - before < chrono::Duration::minutes(30));
}
