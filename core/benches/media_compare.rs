//! Side-by-side timing of our media pipelines, driven by
//! scripts/media/bench.sh (which times the other tools the same way).
//!
//! `MEDIA_BENCH_PHOTO=<jpeg> MEDIA_BENCH_VOICE=<wav> MEDIA_BENCH_RUNS=<n>
//!  cargo bench -p checkin-core --bench media_compare`
//! prints one `RESULT <name> median_ms=<m> min_ms=<m> runs=<n>` line per
//! pipeline, and the peak-RSS rise of one photo run (Linux).

use std::time::Instant;

use checkin_core::media::{PhotoPolicy, VoicePolicy, process_photo, process_voice};

/// Runs when MEDIA_BENCH_RUNS is not set.
const DEFAULT_RUNS: usize = 30;

fn median_ms(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    let median = if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2.0
    };
    (median, samples[0])
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Vec<f64> {
    // One warm-up run (face model parse, allocator growth).
    std::hint::black_box(f());
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect()
}

fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn main() {
    // `cargo bench` passes "--bench"; ignore arguments.
    let runs = std::env::var("MEDIA_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_RUNS);
    if let Ok(path) = std::env::var("MEDIA_BENCH_PHOTO") {
        let input = std::fs::read(&path).expect("MEDIA_BENCH_PHOTO readable");
        let policy = PhotoPolicy {
            jpeg_quality: 80,
            max_output_bytes: None,
            ..PhotoPolicy::default()
        };
        let photo = process_photo(&input, &policy).expect("photo processes");
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
        let (median, min) = median_ms(time(runs, || process_photo(&input, &policy)));
        println!(
            "RESULT ours_photo median_ms={median:.2} min_ms={min:.2} runs={runs} out={}x{} {}B faces={}",
            photo.width,
            photo.height,
            photo.jpeg.len(),
            photo.report.faces.len()
        );
        // The face scan dominates after decoding: show its trade-off. A
        // plane below the detector's 40 px window skips detection, which
        // gives the pipeline's cost without it.
        for scan in [32u32, 256, 384, 768, 1024] {
            let variant = PhotoPolicy {
                face_scan_long_edge: scan,
                ..policy.clone()
            };
            let (median, min) = median_ms(time(runs, || process_photo(&input, &variant)));
            println!(
                "RESULT ours_photo_face_scan_{scan} median_ms={median:.2} min_ms={min:.2} runs={runs}"
            );
        }
    }
    if let Ok(path) = std::env::var("MEDIA_BENCH_VOICE") {
        let input = std::fs::read(&path).expect("MEDIA_BENCH_VOICE readable");
        let policy = VoicePolicy::default();
        let voice = process_voice(&input, &policy).expect("voice processes");
        let (median, min) = median_ms(time(runs, || process_voice(&input, &policy)));
        println!(
            "RESULT ours_voice median_ms={median:.2} min_ms={min:.2} runs={runs} duration_ms={} out={}B",
            voice.duration_ms,
            voice.ogg_opus.len()
        );
        // libopus complexity dominates the voice pipeline.
        for complexity in [0u8, 3, 10] {
            let variant = VoicePolicy {
                opus_complexity: complexity,
                ..policy.clone()
            };
            let out = process_voice(&input, &variant).expect("voice");
            let (median, min) = median_ms(time(runs, || process_voice(&input, &variant)));
            println!(
                "RESULT ours_voice_complexity_{complexity} median_ms={median:.2} min_ms={min:.2} runs={runs} out={}B",
                out.ogg_opus.len()
            );
        }
    }
}
