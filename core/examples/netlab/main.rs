//! The network lab (issue 18): check-ins delivered over the worst networks
//! participants have, reproduced on this machine.
//!
//! For each profile (EDGE, congested 3G, and "flaky" versions of them that
//! reset connections and cut them after a few KB), two phones queue the
//! same check-ins (a real photo and voice recording, about 60 KB each)
//! while offline, then deliver them side by side over the same shaped
//! network: one to a server that offers resumable upload sessions, one to
//! a server of the earlier protocol (every attempt sends the whole
//! envelope). Everything runs on loopback: the reference server with TLS,
//! Toxiproxy shaping, and a relay counting every byte (see `phone.rs`).
//! Every run is bounded in time.
//!
//! Run it through `scripts/netlab/run.sh [--short]`, which builds and
//! starts Toxiproxy; directly:
//!
//! ```text
//! cargo run -p checkin-core --example netlab -- --toxiproxy http://127.0.0.1:8474 \
//!     [--short] [--profiles edge,3g,flaky-3g,flaky-edge] [--checkins N] [--seed N] [--out DIR]
//! ```
//!
//! It prints a Markdown table, writes `report.md` and `report.json` to
//! `--out`, and exits non-zero when a check fails (a resumable phone that
//! did not deliver everything with verified receipts in time, a check-in
//! stored twice, a whole upload through a link that should cut it, or
//! traffic faster than the shaper allows).

mod phone;
mod profiles;
mod relay;
mod report;
mod toxiproxy;

use futures_util::future::join_all;
use std::path::PathBuf;
use std::time::Duration;

use phone::{Evidence, Mode, Phone};
use profiles::Profile;
use report::Row;
use toxiproxy::Toxiproxy;

/// Time bound of each profile in a full run and in `--short`, seconds.
fn limit_s(profile: &str, short: bool) -> u64 {
    match (profile, short) {
        ("edge", false) => 300,
        ("3g", false) => 240,
        ("flaky-3g", false) => 300,
        ("flaky-edge", false) => 420,
        ("edge", true) => 120,
        ("flaky-edge", true) => 180,
        (_, true) => 90,
        _ => 300,
    }
}

struct Args {
    toxiproxy: String,
    short: bool,
    profiles: Vec<String>,
    checkins: usize,
    seed: u64,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        toxiproxy: "http://127.0.0.1:8474".into(),
        short: false,
        profiles: Vec::new(),
        checkins: 0,
        seed: 18,
        out: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/netlab"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--toxiproxy" => args.toxiproxy = value()?,
            "--short" => args.short = true,
            "--profiles" => {
                args.profiles = value()?.split(',').map(str::to_owned).collect();
            }
            "--checkins" => {
                args.checkins = value()?.parse().map_err(|_| "bad --checkins")?;
            }
            "--seed" => args.seed = value()?.parse().map_err(|_| "bad --seed")?,
            "--out" => args.out = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.profiles.is_empty() {
        args.profiles = if args.short {
            vec!["edge".into(), "3g".into(), "flaky-3g".into()]
        } else {
            profiles::all().iter().map(|p| p.name.to_string()).collect()
        };
    }
    if args.checkins == 0 {
        args.checkins = if args.short { 3 } else { 10 };
    }
    Ok(args)
}

/// Sets up one profile's two phones (enrolled, check-ins queued offline).
/// Photo and voice processing block: every profile is set up before any
/// delivery starts, so no delivery waits behind it.
async fn set_up(
    toxiproxy: &Toxiproxy,
    profile: &Profile,
    args: &Args,
    evidence: &Evidence,
) -> Result<Vec<Phone>, String> {
    let mut phones = Vec::new();
    for mode in [Mode::Resumable, Mode::Whole] {
        let name = format!("{}-{}-{}", profile.name, mode.name(), std::process::id());
        phones.push(Phone::set_up(toxiproxy, &name, mode, args.checkins, evidence).await?);
    }
    Ok(phones)
}

/// Runs one profile: its two phones deliver side by side with the
/// profile's trouble on both, then the checks. Returns a row per phone.
async fn run_profile(
    profile: &Profile,
    phones: Vec<Phone>,
    args: &Args,
    seed: u64,
) -> Result<Vec<Row>, String> {
    let limit = limit_s(profile.name, args.short);
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(seed);
    for phone in &phones {
        profiles::shape(&phone.proxy, profile, &mut rng).await?;
    }
    let end = tokio::time::Instant::now() + Duration::from_secs(limit);
    let proxies: Vec<_> = phones.iter().map(|p| p.proxy.clone()).collect();
    let count = std::sync::Arc::new(profiles::EventCount::default());
    let trouble = tokio::spawn({
        let (chaos, count) = (profile.chaos.clone(), count.clone());
        async move { profiles::make_trouble(&proxies, &chaos, seed, end, &count).await }
    });
    let runs = join_all(phones.iter().map(|p| p.deliver(Duration::from_secs(limit)))).await;
    // Both phones are done (or out of time): no more trouble.
    trouble.abort();
    if let Ok(Err(e)) = trouble.await {
        return Err(e);
    }
    let events = count.read();
    let mut rows = Vec::new();
    for (phone, delivery) in phones.iter().zip(runs) {
        let verified = phone.verify()?;
        let (all, resumed) = phone.server.tls_handshakes();
        rows.push(Row {
            profile: profile.name,
            mode: phone.mode,
            checkins: args.checkins,
            limit_s: limit,
            delivery,
            verified,
            wire: phone.meter(),
            envelope_bytes: mean(&phone.envelope_bytes),
            payload_bytes: mean(&phone.payload_bytes),
            tls_handshakes: all - phone.handshakes_before.0,
            tls_resumed: resumed - phone.handshakes_before.1,
            requests: phone.server.faults().request_counts(),
            events,
            up_rate: profile.link.up_kb_per_s * 1000,
        });
        let _ = phone.proxy.delete().await;
    }
    Ok(rows)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(e) => {
            eprintln!("netlab: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

async fn run() -> Result<bool, String> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let args = parse_args()?;
    let toxiproxy = Toxiproxy::new(&args.toxiproxy)?;
    // Toxiproxy was just started: give it a moment to listen.
    let mut version = toxiproxy.version().await;
    for _ in 0..50 {
        if version.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        version = toxiproxy.version().await;
    }
    println!("Toxiproxy {} at {}", version?, args.toxiproxy);
    let evidence = Evidence::from_fixtures()?;
    let known = profiles::all();
    let chosen: Vec<&Profile> = args
        .profiles
        .iter()
        .map(|name| {
            known
                .iter()
                .find(|p| p.name == name)
                .ok_or(format!("unknown profile {name}"))
        })
        .collect::<Result<_, _>>()?;
    println!(
        "{} check-ins per phone; profiles run at the same time, each bounded:",
        args.checkins
    );
    for p in &chosen {
        println!(
            "  {:<10} {} (bound {} s)",
            p.name,
            p.title,
            limit_s(p.name, args.short)
        );
    }
    let started = std::time::Instant::now();
    let mut set = Vec::new();
    for p in &chosen {
        set.push(set_up(&toxiproxy, p, &args, &evidence).await?);
    }
    println!(
        "set up {} phones in {:.0} s; delivering",
        set.len() * 2,
        started.elapsed().as_secs_f64()
    );
    let started = std::time::Instant::now();
    let runs = chosen
        .iter()
        .zip(set)
        .enumerate()
        .map(|(i, (p, phones))| run_profile(p, phones, &args, args.seed + i as u64));
    let mut rows = Vec::new();
    for result in join_all(runs).await {
        rows.extend(result?);
    }
    let table = report::markdown(&rows);
    println!("\n{table}");
    println!("whole lab: {:.0} s", started.elapsed().as_secs_f64());
    let mut problems = Vec::new();
    for row in &rows {
        let cuts = chosen
            .iter()
            .any(|p| p.name == row.profile && p.chaos.cut_up_after.is_some());
        problems.extend(row.problems(cuts));
    }
    std::fs::create_dir_all(&args.out).map_err(|e| e.to_string())?;
    std::fs::write(args.out.join("report.md"), &table).map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
    std::fs::write(args.out.join("report.json"), json).map_err(|e| e.to_string())?;
    println!("report: {}", args.out.join("report.md").display());
    for p in &problems {
        eprintln!("FAILED: {p}");
    }
    Ok(problems.is_empty())
}

fn mean(values: &[u64]) -> u64 {
    values.iter().sum::<u64>() / values.len().max(1) as u64
}
