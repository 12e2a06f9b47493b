//! Voice pipeline against the committed fixtures (fixtures/media, see its
//! README): WAV variants, the quality report per fixture, and Opus output
//! decoded by a standard decoder (`opusdec` from opus-tools) to the
//! expected duration.
//!
//! Needs `opusdec` (Debian: opus-tools) on PATH; the decoder test fails,
//! never skips, without it.

use std::path::PathBuf;
use std::process::Command;

use checkin_media::{ProcessedVoice, VoiceIssue, VoicePolicy, process_voice};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/media")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn process(name: &str) -> ProcessedVoice {
    process_voice(&fixture(name), &VoicePolicy::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn issues(v: &ProcessedVoice) -> Vec<VoiceIssue> {
    v.report.findings.iter().map(|f| f.issue).collect()
}

/// Decode Ogg Opus with opusdec at 16 kHz; returns the 16-bit samples.
fn opusdec(ogg: &[u8]) -> Vec<i16> {
    let dir = tempfile::tempdir().expect("tempdir");
    let (src, dst) = (dir.path().join("v.opus"), dir.path().join("v.wav"));
    std::fs::write(&src, ogg).expect("write");
    let out = Command::new("opusdec")
        .args(["--quiet", "--rate", "16000"])
        .arg(&src)
        .arg(&dst)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "opusdec is required for this test and could not be run ({e}); \
                 install it (Debian/Ubuntu: apt-get install opus-tools)"
            )
        });
    assert!(
        out.status.success(),
        "opusdec failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let wav = std::fs::read(&dst).expect("decoded file");
    // opusdec writes a canonical 44-byte header before 16-bit mono samples.
    let data = wav
        .windows(4)
        .position(|w| w == b"data")
        .expect("data chunk")
        + 8;
    wav[data..]
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect()
}

fn rms_dbfs(samples: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for s in samples {
        sum += s * s;
        n += 1;
    }
    10.0 * (sum / n.max(1) as f64).log10()
}

#[test]
fn opus_output_decodes_to_the_expected_duration() {
    for (name, ms) in [
        ("speech_16k_s16.wav", 10_000),
        ("speech_8k_u8.wav", 2_500),
        ("speech_16k_s32.wav", 2_500),
        ("speech_44k_s24_stereo.wav", 1_500),
        ("speech_48k_f32_stereo.wav", 1_500),
        ("too_short.wav", 900),
        // Written to a pipe: sizes left as placeholders, read to the end.
        ("streaming_ffmpeg.wav", 3_000),
        ("streaming_sox.wav", 3_000),
    ] {
        let v = process(name);
        assert_eq!(v.duration_ms, ms, "{name}");
        let pcm = opusdec(&v.ogg_opus);
        let expected = ms as usize * 16;
        assert!(
            pcm.len().abs_diff(expected) <= 16,
            "{name}: decoded {} samples, expected {expected}",
            pcm.len()
        );
        // The decoded speech has the input's loudness (within 2 dB).
        let decoded = rms_dbfs(pcm.iter().map(|&s| f64::from(s) / 32768.0));
        let overall_input = v.report.speech_dbfs as f64;
        assert!(
            decoded < overall_input + 2.0 && decoded > overall_input - 8.0,
            "{name}: decoded at {decoded:.1} dBFS, voiced input at {overall_input:.1}"
        );
    }
}

#[test]
fn the_ten_second_payload_is_small() {
    let v = process("speech_16k_s16.wav");
    // Default 12 kbit/s: 15 KB of audio plus Ogg framing.
    assert!(v.ogg_opus.len() <= 16 * 1024, "{} bytes", v.ogg_opus.len());
    // Photo + voice of one check-in under 100 KB at default policy.
    let photo = checkin_media::process_photo(
        &fixture("exif_gps_rotated.jpg"),
        &checkin_media::PhotoPolicy::default(),
    )
    .expect("photo");
    let total = photo.jpeg.len() + v.ogg_opus.len();
    assert!(total <= 100 * 1024, "check-in payload {total} bytes");
}

#[test]
fn good_recordings_pass() {
    for name in [
        "speech_16k_s16.wav",
        "speech_8k_u8.wav",
        "speech_16k_s32.wav",
    ] {
        let v = process(name);
        assert_eq!(issues(&v), vec![], "{name}: {:?}", v.report);
    }
}

#[test]
fn each_bad_recording_is_flagged() {
    for (name, issue) in [
        ("silence.wav", VoiceIssue::NoSpeech),
        ("clipped.wav", VoiceIssue::Clipping),
        ("quiet.wav", VoiceIssue::TooQuiet),
        ("too_short.wav", VoiceIssue::TooShort),
    ] {
        let v = process(name);
        assert!(
            v.report.has(issue),
            "{name} should have {issue:?}: {:?}",
            v.report
        );
        assert!(!v.report.blocks_submit());
    }
    let strict = VoicePolicy {
        blocking: vec![VoiceIssue::NoSpeech],
        ..VoicePolicy::default()
    };
    let v = process_voice(&fixture("silence.wav"), &strict).expect("processed");
    assert!(v.report.blocks_submit());
}

#[test]
fn stereo_and_resampled_variants_match_the_mono_original() {
    // The same speech at 44.1 kHz/24-bit stereo and 48 kHz float stereo
    // measures like the 16 kHz original's first seconds.
    let a = process("speech_44k_s24_stereo.wav").report;
    let b = process("speech_48k_f32_stereo.wav").report;
    assert!(
        (a.speech_dbfs - b.speech_dbfs).abs() < 0.5,
        "{a:?} vs {b:?}"
    );
    assert!(a.speech_ms.abs_diff(b.speech_ms) <= 40);
}

#[test]
fn streaming_recordings_are_the_speech_they_hold() {
    // The first 3 s of the 10 s recording, as FFmpeg and SoX stream it:
    // the same quality report as each other, and speech found.
    let ffmpeg = process("streaming_ffmpeg.wav");
    let sox = process("streaming_sox.wav");
    assert_eq!(ffmpeg.report, sox.report);
    assert_eq!(issues(&ffmpeg), vec![], "{:?}", ffmpeg.report);
    // Cut one byte short of a whole sample: the half frame is dropped, the
    // rest still reads (a streaming file has no length to be short of).
    let mut cut = fixture("streaming_sox.wav");
    cut.pop();
    let v = process_voice(&cut, &VoicePolicy::default()).expect("processed");
    assert_eq!(v.duration_ms, 2_999);
}
