//! Benchmarks of what a phone runs on every wake-up: `notifications(now, 64)`
//! and `due(now)` over two years of daily check-ins plus 50 appointments
//! (fixtures/plans/daily_50_appointments.json), at several points of the plan.

use checkin_core::clock::ClockEstimate;
use checkin_core::i18n::{Arg, Localizer};
use checkin_core::plan::{self, CompletedCheckin, Plan};
use checkin_core::remind;
use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

fn fixture() -> Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/plans/daily_50_appointments.json");
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Plan::from_json(&bytes).unwrap_or_else(|e| panic!("bench plan is invalid: {e}"))
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Check-ins of the last 30 days, as a client would pass them.
fn recent_checkins(plan: &Plan, now: DateTime<Utc>) -> Vec<CompletedCheckin> {
    plan.windows_between(now - Duration::days(30), now)
        .unwrap_or_default()
        .into_iter()
        .map(|w| CompletedCheckin {
            window_id: w.id,
            captured_at: ClockEstimate::uncorrected(w.opens + Duration::minutes(20)),
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let plan = fixture();
    let localizer = Localizer::new(plan.language());
    for (label, days) in [("start", 0), ("middle", 365), ("near end", 700)] {
        let now_utc = start() + Duration::days(days);
        let now = ClockEstimate::uncorrected(now_utc);
        let done = recent_checkins(&plan, now_utc);
        c.bench_function(&format!("notifications(now, 64) {label}"), |b| {
            b.iter(|| {
                remind::notifications(
                    black_box(&plan),
                    black_box(&done),
                    &[],
                    black_box(&now),
                    64,
                    &localizer,
                )
            })
        });
        c.bench_function(&format!("due(now) {label}"), |b| {
            b.iter(|| plan::due(black_box(&plan), black_box(&done), black_box(&now)))
        });
    }
    let now = ClockEstimate::uncorrected(start() + Duration::days(365));
    c.bench_function("next_wakeup(now, 64) middle", |b| {
        b.iter(|| remind::next_wakeup(black_box(&plan), &[], &[], black_box(&now), 64))
    });
    c.bench_function("Localizer::new(es)", |b| {
        b.iter(|| Localizer::new(black_box("es")))
    });
    let es = Localizer::new("es");
    c.bench_function("Localizer::text(window-closing-body)", |b| {
        b.iter(|| {
            es.text(
                black_box("window-closing-body"),
                &[
                    ("minutes", Arg::Number(15)),
                    ("close_time", Arg::Text("17:00")),
                    ("close_hour", Arg::Number(17)),
                ],
            )
        })
    });
    let bytes = plan.to_json();
    c.bench_function("Plan::from_json (validate) daily + 50 appointments", |b| {
        b.iter(|| Plan::from_json(black_box(&bytes)))
    });
}

criterion_group!(plan_benches, benches);
criterion_main!(plan_benches);
