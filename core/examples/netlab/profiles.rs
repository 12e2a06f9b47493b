//! The networks the lab reproduces, and the trouble it makes on them.
//!
//! A profile is a steady link (rate each way, round-trip time, jitter)
//! plus, optionally, events at random moments: stalls (everything delayed
//! by seconds at once, as on a congested cell) and resets (every open
//! connection closed, the network gone for a moment, as when a phone
//! changes cell or loses signal), with connections cut after a few KB.
//! Events are drawn from a seeded generator, so a run can be repeated,
//! and applied at the same moments to every proxy of the profile (whole
//! uploads and resumable ones see the same network).

use std::ops::RangeInclusive;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use rand::{Rng, SeedableRng};

use crate::toxiproxy::{Proxy, Stream, Toxic};

/// A link's steady shape.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    /// Device to server, KB/s (1,000 bytes).
    pub up_kb_per_s: u64,
    /// Server to device, KB/s.
    pub down_kb_per_s: u64,
    /// Round-trip time added, ms (half each way).
    pub rtt_ms: u64,
    /// ± on each direction's delay, ms.
    pub jitter_ms: u64,
}

/// Trouble at random moments.
#[derive(Debug, Clone)]
pub struct Chaos {
    /// A stall every this many seconds, lasting `stall_s` seconds.
    pub stall_every_s: Option<RangeInclusive<u64>>,
    pub stall_s: RangeInclusive<u64>,
    /// Every open connection reset every this many seconds; the network
    /// is gone for `outage_ms` after each reset.
    pub reset_every_s: Option<RangeInclusive<u64>>,
    pub outage_ms: u64,
    /// Each connection is closed once this many bytes went up it (a new
    /// limit is drawn at each reset).
    pub cut_up_after: Option<RangeInclusive<u64>>,
}

impl Chaos {
    const NONE: Chaos = Chaos {
        stall_every_s: None,
        stall_s: 0..=0,
        reset_every_s: None,
        outage_ms: 0,
        cut_up_after: None,
    };
}

/// One network to run check-ins over.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Short name (command line, report).
    pub name: &'static str,
    /// What it stands for.
    pub title: &'static str,
    pub link: Link,
    pub chaos: Chaos,
}

/// EDGE (2G): about 50 kbit/s up, 200 kbit/s down, 400 ms round trip.
const EDGE: Link = Link {
    up_kb_per_s: 6,
    down_kb_per_s: 25,
    rtt_ms: 400,
    jitter_ms: 40,
};

/// A congested 3G cell: about 300 kbit/s each way, 300 ms round trip with
/// jitter.
const CONGESTED_3G: Link = Link {
    up_kb_per_s: 37,
    down_kb_per_s: 37,
    rtt_ms: 300,
    jitter_ms: 100,
};

/// Stalls of a congested cell: 2 to 4 s every 6 to 12 s.
fn stalls() -> Chaos {
    Chaos {
        stall_every_s: Some(6..=12),
        stall_s: 2..=4,
        ..Chaos::NONE
    }
}

/// "Flaky" on top of a link: a reset every 15 to 30 s (1 s without
/// network), and every connection cut after 8 to 32 KB up.
fn flaky(base: Chaos) -> Chaos {
    Chaos {
        reset_every_s: Some(15..=30),
        outage_ms: 1_000,
        cut_up_after: Some(8_000..=32_000),
        ..base
    }
}

/// Every profile the lab knows, in report order.
pub fn all() -> Vec<Profile> {
    vec![
        Profile {
            name: "edge",
            title: "EDGE: 48 kbit/s up, 200 kbit/s down, 400 ms RTT",
            link: EDGE,
            chaos: Chaos::NONE,
        },
        Profile {
            name: "3g",
            title: "congested 3G: 296 kbit/s, 300 ms RTT ± 100 ms, 2–4 s stalls every 6–12 s",
            link: CONGESTED_3G,
            chaos: stalls(),
        },
        Profile {
            name: "flaky-3g",
            title: "flaky congested 3G: as 3g, plus a reset every 15–30 s and connections cut after 8–32 KB",
            link: CONGESTED_3G,
            chaos: flaky(stalls()),
        },
        Profile {
            name: "flaky-edge",
            title: "flaky EDGE: as edge, plus a reset every 15–30 s and connections cut after 8–32 KB",
            link: EDGE,
            chaos: flaky(Chaos::NONE),
        },
    ]
}

/// Puts a profile's steady link (and its first cut limit) on `proxy`.
pub async fn shape(proxy: &Proxy, profile: &Profile, rng: &mut impl Rng) -> Result<(), String> {
    let link = profile.link;
    let half = link.rtt_ms / 2;
    let jitter = link.jitter_ms / 2;
    let delay = Toxic::Latency {
        latency_ms: half,
        jitter_ms: jitter,
    };
    proxy.add("delay_up", Stream::Up, &delay).await?;
    proxy.add("delay_down", Stream::Down, &delay).await?;
    let up = Toxic::Bandwidth {
        kb_per_s: link.up_kb_per_s,
    };
    let down = Toxic::Bandwidth {
        kb_per_s: link.down_kb_per_s,
    };
    proxy.add("rate_up", Stream::Up, &up).await?;
    proxy.add("rate_down", Stream::Down, &down).await?;
    if let Some(range) = &profile.chaos.cut_up_after {
        let cut = Toxic::LimitData {
            bytes: rng.random_range(range.clone()),
        };
        proxy.add("cut_up", Stream::Up, &cut).await?;
    }
    Ok(())
}

/// What happened to the network during a run, for the report.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Events {
    pub stalls: u32,
    pub resets: u32,
}

/// Counts events as they happen (the task that makes them is stopped when
/// the phones are done).
#[derive(Debug, Default)]
pub struct EventCount {
    stalls: AtomicU32,
    resets: AtomicU32,
}

impl EventCount {
    pub fn read(&self) -> Events {
        Events {
            stalls: self.stalls.load(Ordering::Relaxed),
            resets: self.resets.load(Ordering::Relaxed),
        }
    }
}

type Rng64 = rand::rngs::StdRng;

/// A moment `range` seconds from now.
fn after(rng: &mut Rng64, range: &RangeInclusive<u64>) -> tokio::time::Instant {
    tokio::time::Instant::now() + Duration::from_secs(rng.random_range(range.clone()))
}

/// Applies the profile's events to every proxy until `until`, counting
/// them in `count`. Stalls and resets are drawn independently; the first of
/// each comes within the low end of its range, so a short run sees it too.
pub async fn make_trouble(
    proxies: &[Proxy],
    chaos: &Chaos,
    seed: u64,
    until: tokio::time::Instant,
    count: &EventCount,
) -> Result<(), String> {
    let mut rng = Rng64::seed_from_u64(seed);
    let first = |rng: &mut Rng64, r: &Option<RangeInclusive<u64>>| {
        r.as_ref().map(|r| after(rng, &(1..=*r.start())))
    };
    let mut next_stall = first(&mut rng, &chaos.stall_every_s);
    let mut next_reset = first(&mut rng, &chaos.reset_every_s);
    loop {
        let next = [next_stall, next_reset].into_iter().flatten().min();
        let Some(at) = next.filter(|at| *at < until) else {
            tokio::time::sleep_until(until).await;
            return Ok(());
        };
        tokio::time::sleep_until(at).await;
        if next_stall == Some(at) {
            let stall_ms = rng.random_range(chaos.stall_s.clone()) * 1_000;
            let stall = Toxic::Latency {
                latency_ms: stall_ms,
                jitter_ms: 0,
            };
            for p in proxies {
                p.add("stall_up", Stream::Up, &stall).await?;
                p.add("stall_down", Stream::Down, &stall).await?;
            }
            tokio::time::sleep(Duration::from_millis(stall_ms)).await;
            for p in proxies {
                p.remove("stall_up").await?;
                p.remove("stall_down").await?;
            }
            count.stalls.fetch_add(1, Ordering::Relaxed);
            next_stall = chaos.stall_every_s.as_ref().map(|r| after(&mut rng, r));
        } else {
            for p in proxies {
                p.set_enabled(false).await?;
            }
            tokio::time::sleep(Duration::from_millis(chaos.outage_ms)).await;
            if let Some(range) = &chaos.cut_up_after {
                let cut = Toxic::LimitData {
                    bytes: rng.random_range(range.clone()),
                };
                for p in proxies {
                    p.update("cut_up", &cut).await?;
                }
            }
            for p in proxies {
                p.set_enabled(true).await?;
            }
            count.resets.fetch_add(1, Ordering::Relaxed);
            next_reset = chaos.reset_every_s.as_ref().map(|r| after(&mut rng, r));
        }
    }
}
