//! Side-by-side timing of our media pipelines, driven by
//! scripts/media/bench.sh (which times the other tools the same way).
//!
//! `MEDIA_BENCH_PHOTO=<jpeg> MEDIA_BENCH_VOICE=<wav> MEDIA_BENCH_RUNS=<n>
//!  cargo bench -p checkin-media --bench media_compare`
//! prints one `RESULT <name> median_ms=<m> min_ms=<m> runs=<n>` line per
//! variant, and the peak-RSS rise of one photo run (Linux). Variants are
//! timed round-robin (one run of each per round), so load from other
//! processes on a shared machine falls on all of them alike.

use std::time::Instant;

use checkin_media::{PhotoPolicy, VoicePolicy, process_photo, process_voice};

/// Runs when MEDIA_BENCH_RUNS is not set.
const DEFAULT_RUNS: usize = 30;

fn median_min(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    let median = if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2.0
    };
    (median, samples[0])
}

/// Time every closure `runs` times, round-robin, after one warm-up each.
fn round_robin(runs: usize, fs: &mut [Box<dyn FnMut() + '_>]) -> Vec<Vec<f64>> {
    for f in fs.iter_mut() {
        f();
    }
    let mut samples = vec![Vec::with_capacity(runs); fs.len()];
    for _ in 0..runs {
        for (f, s) in fs.iter_mut().zip(samples.iter_mut()) {
            let t = Instant::now();
            f();
            s.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    samples
}

fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn photo(path: &str, runs: usize) {
    let input = std::fs::read(path).expect("MEDIA_BENCH_PHOTO readable");
    // The comparison: encode at q80, no byte budget.
    let policy = PhotoPolicy {
        jpeg_quality: 80,
        max_output_bytes: None,
        ..PhotoPolicy::default()
    };
    let out = process_photo(&input, &policy).expect("photo processes");
    // Peak RSS of one run above the baseline (input already loaded).
    if std::fs::write("/proc/self/clear_refs", "5").is_ok() {
        let base = status_kb("VmRSS:").unwrap_or(0);
        std::hint::black_box(process_photo(&input, &policy).expect("photo"));
        let peak = status_kb("VmHWM:").unwrap_or(0);
        println!(
            "RESULT photo_peak_rss_kb {} (input {} KB)",
            peak.saturating_sub(base),
            input.len() / 1024
        );
    }
    // The face scan dominates after decoding: show its trade-off. A plane
    // below the detector's 40 px window skips detection, which gives the
    // pipeline's cost without it.
    let mut names = vec![format!(
        "ours_photo (face scan {} px) out={}x{} {}B faces={}",
        policy.face_scan_long_edge,
        out.width,
        out.height,
        out.jpeg.len(),
        out.report.faces.len()
    )];
    let mut policies = vec![policy.clone()];
    for scan in [32u32, 256, 384, 768, 1024] {
        names.push(format!("ours_photo_face_scan_{scan}"));
        policies.push(PhotoPolicy {
            face_scan_long_edge: scan,
            ..policy.clone()
        });
    }
    let mut fs: Vec<Box<dyn FnMut()>> = policies
        .iter()
        .map(|p| {
            let input = &input;
            Box::new(move || {
                std::hint::black_box(process_photo(input, p).expect("photo"));
            }) as Box<dyn FnMut()>
        })
        .collect();
    for (name, samples) in names.iter().zip(round_robin(runs, &mut fs)) {
        let (median, min) = median_min(samples);
        let (key, rest) = name.split_once(' ').unwrap_or((name.as_str(), ""));
        println!("RESULT {key} median_ms={median:.2} min_ms={min:.2} runs={runs} {rest}");
    }
}

fn voice(path: &str, runs: usize) {
    let input = std::fs::read(path).expect("MEDIA_BENCH_VOICE readable");
    let default = VoicePolicy::default();
    // libopus complexity dominates the voice pipeline.
    let mut names = Vec::new();
    let mut policies = Vec::new();
    for complexity in [default.opus_complexity, 0, 5, 10] {
        let p = VoicePolicy {
            opus_complexity: complexity,
            ..default.clone()
        };
        let out = process_voice(&input, &p).expect("voice processes");
        let key = if complexity == default.opus_complexity && policies.is_empty() {
            "ours_voice".to_string()
        } else {
            format!("ours_voice_complexity_{complexity}")
        };
        names.push(format!(
            "{key} complexity={complexity} duration_ms={} out={}B",
            out.duration_ms,
            out.ogg_opus.len()
        ));
        policies.push(p);
    }
    let mut fs: Vec<Box<dyn FnMut()>> = policies
        .iter()
        .map(|p| {
            let input = &input;
            Box::new(move || {
                std::hint::black_box(process_voice(input, p).expect("voice"));
            }) as Box<dyn FnMut()>
        })
        .collect();
    for (name, samples) in names.iter().zip(round_robin(runs, &mut fs)) {
        let (median, min) = median_min(samples);
        let (key, rest) = name.split_once(' ').unwrap_or((name.as_str(), ""));
        println!("RESULT {key} median_ms={median:.2} min_ms={min:.2} runs={runs} {rest}");
    }
}

fn main() {
    // `cargo bench` passes "--bench"; arguments are ignored.
    let runs = std::env::var("MEDIA_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_RUNS);
    if let Ok(path) = std::env::var("MEDIA_BENCH_PHOTO") {
        photo(&path, runs);
    }
    if let Ok(path) = std::env::var("MEDIA_BENCH_VOICE") {
        voice(&path, runs);
    }
}
