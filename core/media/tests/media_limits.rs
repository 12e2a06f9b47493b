//! Hostile and oversized input: every case must end in a typed error (or,
//! for the 12 MP photo, a result) within a stated memory and time bound.
//!
//! Each case runs in a child process (this test binary re-run with
//! `--ignored --exact limits_child`), which resets its peak-RSS counter
//! (`/proc/self/clear_refs`) after building the input, runs the case and
//! reports how far its peak RSS rose. Input buffers that the code under
//! test never touches stay unmapped zero pages, so the 10-hour WAV costs no
//! memory until something reads it; that is exactly what is measured.
//! Linux only (procfs).

#![cfg(target_os = "linux")]

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

mod png_writer;

use checkin_media::{MediaError, PhotoPolicy, VoicePolicy, process_photo, process_voice};
use png_writer::{chunk, interlaced_png};

/// Peak-RSS rise allowed for input rejected before decoding starts.
const REJECT_MAX_KB: u64 = 4 * 1024;
/// Peak-RSS rise allowed when decoding starts: processing a 12 MP photo,
/// or a header under the pixel cap whose data turns out to be missing
/// (input excluded in both).
const DECODE_MAX_KB: u64 = 16 * 1024;
/// Wall time allowed per rejected input (debug build, shared machine).
const REJECT_MAX_TIME: Duration = Duration::from_secs(2);

fn status_kb(field: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").expect("procfs");
    s.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("status field")
}

/// RSS when the peak was last reset.
static BASELINE_KB: AtomicU64 = AtomicU64::new(0);

/// Reset the peak RSS to the current RSS and remember that as baseline.
fn reset_peak() {
    // "5" resets the peak RSS (VmHWM) to the current RSS (Linux >= 4.0).
    std::fs::write("/proc/self/clear_refs", "5").expect("clear_refs");
    BASELINE_KB.store(status_kb("VmRSS:"), Ordering::SeqCst);
}

/// A JPEG marker stream declaring `w`×`h`: frame header, one scan with a
/// few bytes of entropy data, end marker. No pixel data to speak of.
fn jpeg_claiming(w: u16, h: u16) -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8];
    // Quantisation table 0, all ones.
    j.extend_from_slice(&[0xFF, 0xDB, 0, 67, 0]);
    j.extend_from_slice(&[1; 64]);
    j.extend_from_slice(&[0xFF, 0xC0, 0, 17, 8]);
    j.extend_from_slice(&h.to_be_bytes());
    j.extend_from_slice(&w.to_be_bytes());
    j.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0]);
    // DC and AC Huffman tables with one code each.
    for class in [0x00u8, 0x10] {
        j.extend_from_slice(&[0xFF, 0xC4, 0, 20, class, 1]);
        j.extend_from_slice(&[0; 15]);
        j.push(0);
    }
    j.extend_from_slice(&[0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0, 3, 0, 0, 63, 0]);
    j.extend_from_slice(&[0u8; 600]);
    j.extend_from_slice(&[0xFF, 0xD9]);
    j
}

fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut p, b"IHDR", &ihdr);
    // A zlib stream of a few zero bytes.
    chunk(&mut p, b"IDAT", &[0x78, 0x9C, 0x63, 0, 0, 0, 1, 0, 1]);
    chunk(&mut p, b"IEND", &[]);
    p
}

/// A 16-bit mono PCM WAV header claiming `data_len` bytes at `rate`,
/// inside a buffer of `total` bytes (zeros after the header).
fn wav_header_in(rate: u32, data_len: u32, total: usize) -> Vec<u8> {
    let mut w = vec![0u8; total.max(44)];
    let mut h = Vec::new();
    h.extend_from_slice(b"RIFF");
    h.extend_from_slice(&data_len.saturating_add(36).to_le_bytes());
    h.extend_from_slice(b"WAVEfmt ");
    h.extend_from_slice(&16u32.to_le_bytes());
    h.extend_from_slice(&1u16.to_le_bytes());
    h.extend_from_slice(&1u16.to_le_bytes());
    h.extend_from_slice(&rate.to_le_bytes());
    h.extend_from_slice(&(rate * 2).to_le_bytes());
    h.extend_from_slice(&2u16.to_le_bytes());
    h.extend_from_slice(&16u16.to_le_bytes());
    h.extend_from_slice(b"data");
    h.extend_from_slice(&data_len.to_le_bytes());
    w[..44].copy_from_slice(&h);
    w
}

/// A 12 MP (4000×3000) scene with detail everywhere.
fn scene_12mp() -> image::RgbImage {
    image::RgbImage::from_fn(4000, 3000, |x, y| {
        let n = x
            .wrapping_mul(2_654_435_761)
            .wrapping_add(y.wrapping_mul(40_503))
            >> 24;
        image::Rgb([
            (x / 16) as u8 ^ n as u8,
            (y / 12) as u8,
            ((x + y) / 28) as u8,
        ])
    })
}

/// The 12 MP scene as a JPEG, made with the `image` crate's encoder.
fn photo_12mp() -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&scene_12mp())
        .expect("encode");
    out
}

/// The 12 MP scene as an 8-bit RGB PNG, fast compression.
fn png_12mp() -> Vec<u8> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut out = Vec::new();
    scene_12mp()
        .write_with_encoder(PngEncoder::new_with_quality(
            &mut out,
            CompressionType::Fast,
            FilterType::Sub,
        ))
        .expect("encode");
    out
}

/// The 12 MP scene's green channel as an interlaced grey PNG, stored
/// uncompressed (12 MB): too large to decode whole, so it goes through the
/// seventh-pass path.
fn interlaced_png_12mp() -> Vec<u8> {
    let scene = scene_12mp();
    let grey: Vec<u8> = scene.pixels().map(|p| p.0[1]).collect();
    interlaced_png(4000, 3000, 1, &grey)
}

/// Run one case in this process; returns a description of the outcome.
fn run_case(case: &str) -> String {
    let photo = PhotoPolicy::default();
    let voice = VoicePolicy::default();
    let outcome: Result<String, MediaError> = match case {
        "photo-empty" => process_photo(&[], &photo).map(|_| String::new()),
        "voice-empty" => process_voice(&[], &voice).map(|_| String::new()),
        "photo-wrong-magic" => {
            process_photo(b"GIF89a\x01\x00\x01\x00", &photo).map(|_| String::new())
        }
        "voice-wrong-magic" => {
            process_voice(b"OggS\0\x02\0\0\0\0\0\0\0\0", &voice).map(|_| String::new())
        }
        "photo-jpeg-65535" => {
            process_photo(&jpeg_claiming(65535, 65535), &photo).map(|_| String::new())
        }
        "photo-jpeg-16000x12000" => {
            process_photo(&jpeg_claiming(16000, 12000), &photo).map(|_| String::new())
        }
        "photo-jpeg-48mp-no-data" => {
            process_photo(&jpeg_claiming(8000, 6000), &photo).map(|_| String::new())
        }
        "photo-png-65535" => {
            process_photo(&png_claiming(65535, 65535), &photo).map(|_| String::new())
        }
        "photo-truncated" => {
            let mut j = jpeg_claiming(640, 480);
            j.truncate(j.len() - 300);
            process_photo(&j, &photo).map(|_| String::new())
        }
        "voice-4gb-claim" => {
            let w = wav_header_in(16_000, u32::MAX - 100, 64 * 1024);
            process_voice(&w, &voice).map(|_| String::new())
        }
        "voice-truncated" => {
            let w = wav_header_in(16_000, 32_000, 44 + 1000);
            process_voice(&w, &voice).map(|_| String::new())
        }
        "voice-10h-default" | "voice-10h-roomy" | "voice-10h-streaming" => {
            // 10 hours at 8 kHz 16-bit mono: 576,000,044 bytes.
            let data = 10 * 3600 * 8000 * 2;
            let mut w = wav_header_in(8_000, data, 44 + data as usize);
            if case == "voice-10h-streaming" {
                // Sizes left as a streaming recorder leaves them: the
                // length comes from the bytes present.
                w[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
                w[40..44].copy_from_slice(&u32::MAX.to_le_bytes());
            }
            let policy = if case != "voice-10h-default" {
                VoicePolicy {
                    max_input_bytes: u64::MAX,
                    ..VoicePolicy::default()
                }
            } else {
                voice.clone()
            };
            reset_peak();
            process_voice(&w, &policy).map(|_| String::new())
        }
        "photo-12mp" | "photo-12mp-png" | "photo-12mp-png-interlaced" => {
            let input = match case {
                "photo-12mp" => photo_12mp(),
                "photo-12mp-png" => png_12mp(),
                _ => interlaced_png_12mp(),
            };
            // Warm the face model's thread-local state on a tiny image so
            // the measurement is the per-photo cost, not one-time set-up.
            let _ = process_photo(&jpeg_claiming(64, 64), &photo);
            reset_peak();
            process_photo(&input, &photo).map(|p| {
                format!(
                    "{}x{} {} B from {} B",
                    p.width,
                    p.height,
                    p.jpeg.len(),
                    input.len()
                )
            })
        }
        other => panic!("unknown case {other}"),
    };
    match outcome {
        Ok(s) => format!("ok {s}"),
        Err(e) => format!("{e:?}"),
    }
}

/// Child entry point; does nothing unless run by `measure`.
#[test]
#[ignore = "run by the other tests in a child process"]
fn limits_child() {
    let Ok(case) = std::env::var("MEDIA_LIMITS_CASE") else {
        return;
    };
    reset_peak();
    let start = Instant::now();
    let outcome = run_case(&case);
    let elapsed = start.elapsed();
    let peak = status_kb("VmHWM:");
    println!(
        "\nMEDIA_LIMITS peak_kb={} ms={} outcome={outcome}",
        peak.saturating_sub(BASELINE_KB.load(Ordering::SeqCst)),
        elapsed.as_millis()
    );
}

struct Measured {
    peak_kb: u64,
    time: Duration,
    outcome: String,
}

fn measure(case: &str) -> Measured {
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--ignored",
            "--exact",
            "limits_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("MEDIA_LIMITS_CASE", case)
        .output()
        .expect("child runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{case}: child failed\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("MEDIA_LIMITS "))
        .unwrap_or_else(|| panic!("{case}: no report in\n{stdout}"));
    let field = |name: &str| -> String {
        line.split(' ')
            .find_map(|kv| kv.strip_prefix(name))
            .unwrap_or_default()
            .to_string()
    };
    let m = Measured {
        peak_kb: field("peak_kb=").parse().expect("peak"),
        time: Duration::from_millis(field("ms=").parse().expect("ms")),
        outcome: line
            .split_once("outcome=")
            .map(|(_, o)| o.to_string())
            .unwrap_or_default(),
    };
    eprintln!(
        "{case}: {} -> peak +{} KB in {:?}",
        m.outcome, m.peak_kb, m.time
    );
    m
}

#[test]
fn bad_input_gets_typed_errors_in_bounded_memory_and_time() {
    const TOO_MANY: &str = "TooManyPixels { width: 65535, height: 65535";
    let cases: [(&str, &str, u64); 14] = [
        ("photo-empty", "Empty", REJECT_MAX_KB),
        ("voice-empty", "Empty", REJECT_MAX_KB),
        ("photo-wrong-magic", "UnsupportedFormat", REJECT_MAX_KB),
        ("voice-wrong-magic", "UnsupportedFormat", REJECT_MAX_KB),
        ("photo-jpeg-65535", TOO_MANY, REJECT_MAX_KB),
        (
            "photo-jpeg-16000x12000",
            "TooManyPixels { width: 16000",
            REJECT_MAX_KB,
        ),
        // 48 MP is under the 50 MP cap: decoding starts (at 1/8 scale).
        ("photo-jpeg-48mp-no-data", "Truncated", DECODE_MAX_KB),
        ("photo-png-65535", TOO_MANY, REJECT_MAX_KB),
        ("photo-truncated", "Truncated", REJECT_MAX_KB),
        ("voice-4gb-claim", "Truncated", REJECT_MAX_KB),
        ("voice-truncated", "Truncated", REJECT_MAX_KB),
        (
            "voice-10h-default",
            "TooLarge { actual: 576000044",
            REJECT_MAX_KB,
        ),
        (
            "voice-10h-roomy",
            "TooLong { duration_ms: 36000000",
            REJECT_MAX_KB,
        ),
        (
            "voice-10h-streaming",
            "TooLong { duration_ms: 36000000",
            REJECT_MAX_KB,
        ),
    ];
    for (case, expected, max_kb) in cases {
        let m = measure(case);
        assert!(
            m.outcome.starts_with(expected),
            "{case}: got {}, expected {expected}",
            m.outcome
        );
        assert!(
            m.peak_kb <= max_kb,
            "{case}: peak RSS rose {} KB",
            m.peak_kb
        );
        assert!(m.time <= REJECT_MAX_TIME, "{case}: took {:?}", m.time);
    }
}

#[test]
fn twelve_megapixel_photo_stays_within_16_mb() {
    let m = measure("photo-12mp");
    assert!(m.outcome.starts_with("ok 1024x768"), "{}", m.outcome);
    assert!(
        m.peak_kb <= DECODE_MAX_KB,
        "peak RSS rose {} KB for a 12 MP photo",
        m.peak_kb
    );
}

/// PNG has no scaled decoding: it is read row by row into the shrink
/// (src/png_rows.rs). Before that, this case peaked at +70 MB.
#[test]
fn twelve_megapixel_png_stays_within_16_mb() {
    for case in ["photo-12mp-png", "photo-12mp-png-interlaced"] {
        let m = measure(case);
        assert!(
            m.outcome.starts_with("ok 1024x768"),
            "{case}: {}",
            m.outcome
        );
        assert!(
            m.peak_kb <= DECODE_MAX_KB,
            "{case}: peak RSS rose {} KB for a 12 MP PNG",
            m.peak_kb
        );
    }
}
