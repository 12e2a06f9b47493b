//! The voice pipeline: limits → WAV parse → duration check → downmix and
//! resample to 16 kHz mono → quality report → Opus in Ogg.
//!
//! Guarantees: header sizes are never believed (see `wav.rs`); the
//! duration limit is enforced from the data actually present, before any
//! sample is decoded, so a 10-hour WAV costs a header walk; memory beyond
//! the input is the 16 kHz mono signal (4 bytes × 16,000 per second, at
//! most [`VoicePolicy::max_duration_ms`] long), one resampler block and
//! the encoded output. The Ogg Opus output carries no tags but a vendor
//! string, and its end granule makes decoders return exactly the input's
//! duration.

use opus::{Application, Bitrate, Channels, Encoder, Signal};

use super::MediaError;
use super::ogg::{GRANULE_RATE, OggOpusWriter};
use super::policy::VoicePolicy;
use super::report::{VoiceIssue, VoiceReport, findings};
use super::resample::resample;
use super::wav::{WavInfo, parse_wav};

/// Rate the voice is encoded at: wideband speech.
pub const VOICE_RATE: u32 = 16_000;
/// Opus frame length: 20 ms.
const FRAME_MS: u32 = 20;
/// Samples per Opus frame at [`VOICE_RATE`].
const FRAME_SAMPLES: usize = (VOICE_RATE * FRAME_MS / 1000) as usize;
/// Largest Opus packet we accept from the encoder (RFC 6716's limit is
/// 1275 bytes per frame).
const MAX_PACKET: usize = 1275;
/// Highest Opus complexity.
const MAX_OPUS_COMPLEXITY: u8 = 10;
/// Lowest and highest Opus bitrate accepted in a policy.
const OPUS_BITRATE_RANGE: std::ops::RangeInclusive<u32> = 6_000..=64_000;
/// Voice activity analysis frame: 20 ms at 16 kHz.
const VAD_FRAME: usize = FRAME_SAMPLES;
/// A frame is voiced when its level is this far above the recording's
/// noise floor...
const VAD_OVER_FLOOR_DB: f32 = 12.0;
/// ...and above this absolute level (below it is digital silence).
const VAD_MIN_DBFS: f32 = -75.0;
/// The noise floor is this percentile of frame levels.
const NOISE_FLOOR_PERCENTILE: f32 = 0.10;
/// Level reported for digital silence.
const SILENCE_DBFS: f32 = -120.0;

/// A processed check-in voice recording.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessedVoice {
    /// Ogg Opus, 16 kHz mono, no tags.
    pub ogg_opus: Vec<u8>,
    /// Duration of the recording in milliseconds.
    pub duration_ms: u32,
    /// Quality findings and measures.
    pub report: VoiceReport,
}

/// Process a WAV recording into a small Ogg Opus file with a quality
/// report. See the module documentation for the guarantees.
pub fn process_voice(input: &[u8], policy: &VoicePolicy) -> Result<ProcessedVoice, MediaError> {
    if !OPUS_BITRATE_RANGE.contains(&policy.opus_bitrate) {
        return Err(MediaError::InvalidPolicy {
            detail: "Opus bitrate outside 6-64 kbit/s",
        });
    }
    if policy.opus_complexity > MAX_OPUS_COMPLEXITY {
        return Err(MediaError::InvalidPolicy {
            detail: "Opus complexity above 10",
        });
    }
    if input.is_empty() {
        return Err(MediaError::Empty);
    }
    let len = input.len() as u64;
    if len > policy.max_input_bytes {
        return Err(MediaError::TooLarge {
            actual: len,
            limit: policy.max_input_bytes,
        });
    }
    let wav = parse_wav(input)?;
    let duration_ms = wav.duration_ms();
    if duration_ms > u64::from(policy.max_duration_ms) {
        return Err(MediaError::TooLong {
            duration_ms,
            limit_ms: u64::from(policy.max_duration_ms),
        });
    }
    if wav.frames == 0 {
        return Err(MediaError::Corrupt {
            detail: "WAV without samples",
        });
    }
    let clipped_fraction = clipped_fraction(input, &wav);
    let mono = to_mono_16k(input, &wav);
    let report = assess(&mono, duration_ms, clipped_fraction, policy);
    let ogg_opus = encode(&mono, policy)?;
    Ok(ProcessedVoice {
        ogg_opus,
        // duration_ms <= max_duration_ms, a u32.
        duration_ms: u32::try_from(duration_ms).unwrap_or(policy.max_duration_ms),
        report,
    })
}

fn clipped_fraction(input: &[u8], wav: &WavInfo) -> f32 {
    let mut clipped = 0u64;
    for f in 0..wav.frames {
        for c in 0..wav.channels {
            clipped += u64::from(wav.sample(input, f, c).1);
        }
    }
    (clipped as f64 / (wav.frames * u64::from(wav.channels)) as f64) as f32
}

fn to_mono_16k(input: &[u8], wav: &WavInfo) -> Vec<f32> {
    let channels = wav.channels;
    resample(wav.frames, wav.sample_rate, VOICE_RATE, |start, buf| {
        for (i, v) in buf.iter_mut().enumerate() {
            let f = start + i as u64;
            let sum: f32 = (0..channels).map(|c| wav.sample(input, f, c).0).sum();
            *v = sum / f32::from(channels);
        }
    })
}

fn dbfs(mean_square: f64) -> f32 {
    if mean_square <= 0.0 {
        SILENCE_DBFS
    } else {
        ((10.0 * mean_square.log10()) as f32).max(SILENCE_DBFS)
    }
}

/// Voice activity by energy against the recording's own noise floor.
fn assess(
    mono: &[f32],
    duration_ms: u64,
    clipped_fraction: f32,
    policy: &VoicePolicy,
) -> VoiceReport {
    let frames: Vec<(f32, f64)> = mono
        .chunks(VAD_FRAME)
        .filter(|c| c.len() == VAD_FRAME)
        .map(|c| {
            let ms = c.iter().map(|v| f64::from(*v) * f64::from(*v)).sum::<f64>() / c.len() as f64;
            (dbfs(ms), ms)
        })
        .collect();
    let mut levels: Vec<f32> = frames.iter().map(|f| f.0).collect();
    levels.sort_by(f32::total_cmp);
    let floor = levels
        .get((levels.len() as f32 * NOISE_FLOOR_PERCENTILE) as usize)
        .copied()
        .unwrap_or(SILENCE_DBFS);
    let threshold = (floor + VAD_OVER_FLOOR_DB).max(VAD_MIN_DBFS);
    let voiced: Vec<f64> = frames
        .iter()
        .filter(|f| f.0 > threshold)
        .map(|f| f.1)
        .collect();
    let speech_ms = (voiced.len() as u64 * u64::from(FRAME_MS)) as u32;
    let speech_dbfs = if voiced.is_empty() {
        dbfs(frames.iter().map(|f| f.1).sum::<f64>() / frames.len().max(1) as f64)
    } else {
        dbfs(voiced.iter().sum::<f64>() / voiced.len() as f64)
    };
    let mut found = Vec::new();
    let no_speech = speech_ms < policy.min_speech_ms;
    if no_speech {
        found.push(VoiceIssue::NoSpeech);
    } else if speech_dbfs < policy.quiet_dbfs {
        found.push(VoiceIssue::TooQuiet);
    }
    if clipped_fraction > policy.max_clipped_fraction {
        found.push(VoiceIssue::Clipping);
    }
    if duration_ms < u64::from(policy.min_duration_ms) {
        found.push(VoiceIssue::TooShort);
    }
    if duration_ms > u64::from(policy.long_duration_ms) {
        found.push(VoiceIssue::TooLong);
    }
    VoiceReport {
        findings: findings(&VoiceIssue::ALL, &found, &policy.blocking),
        speech_ms,
        speech_dbfs,
        clipped_fraction,
    }
}

fn encode(mono: &[f32], policy: &VoicePolicy) -> Result<Vec<u8>, MediaError> {
    let failed = |detail| MediaError::Internal { detail };
    let mut enc = Encoder::new(VOICE_RATE, Channels::Mono, Application::Voip)
        .map_err(|_| failed("the Opus encoder could not be created"))?;
    enc.set_bitrate(Bitrate::Bits(policy.opus_bitrate as i32))
        .map_err(|_| failed("the Opus encoder refused the bitrate"))?;
    enc.set_complexity(i32::from(policy.opus_complexity))
        .map_err(|_| failed("the Opus encoder refused the complexity"))?;
    enc.set_signal(Signal::Voice)
        .map_err(|_| failed("the Opus encoder refused the signal type"))?;
    let lookahead = enc
        .get_lookahead()
        .map_err(|_| failed("the Opus encoder has no lookahead"))?;
    let up = u64::from(GRANULE_RATE / VOICE_RATE);
    let lookahead = u64::try_from(lookahead).unwrap_or(0);
    let pre_skip = u16::try_from(lookahead * up).map_err(|_| failed("Opus pre-skip too long"))?;
    let mut ogg = OggOpusWriter::new(pre_skip, VOICE_RATE, FRAME_SAMPLES as u64 * up);
    // Feed the lookahead's worth of zeros after the signal so its end is
    // encoded; the end granule trims them again.
    let total = mono.len() + lookahead as usize;
    let mut frame = [0f32; FRAME_SAMPLES];
    let mut packet = [0u8; MAX_PACKET];
    let mut start = 0;
    while start < total {
        frame.fill(0.0);
        if start < mono.len() {
            let n = (mono.len() - start).min(FRAME_SAMPLES);
            frame[..n].copy_from_slice(&mono[start..start + n]);
        }
        let len = enc
            .encode_float(&frame, &mut packet)
            .map_err(|_| failed("the Opus encoder failed"))?;
        ogg.push(packet[..len].to_vec());
        start += FRAME_SAMPLES;
    }
    Ok(ogg.finish(u64::from(pre_skip) + mono.len() as u64 * up))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wav::tests::{wav, with_riff_size};

    fn tone_wav(rate: u32, seconds: u32, amplitude: f32) -> Vec<u8> {
        let body: Vec<u8> = (0..rate * seconds)
            .flat_map(|i| {
                let t = i as f32 / rate as f32;
                // 200 ms on, 200 ms off: a crude syllable rhythm.
                let on = ((t * 5.0) as u32).is_multiple_of(2);
                let v = if on {
                    (t * 440.0 * std::f32::consts::TAU).sin() * amplitude
                } else {
                    0.0
                };
                ((v * 32767.0) as i16).to_le_bytes()
            })
            .collect();
        wav(rate, 1, 16, body.len() as u32, &body)
    }

    #[test]
    fn encodes_and_decodes_to_the_same_length() {
        let input = tone_wav(16_000, 3, 0.3);
        let out = process_voice(&input, &VoicePolicy::default()).expect("processed");
        assert_eq!(out.duration_ms, 3000);
        assert!(out.ogg_opus.starts_with(b"OggS"));
        // 12 kbit/s for 3 s is 4.5 KB plus framing.
        assert!(out.ogg_opus.len() < 6_000, "{}", out.ogg_opus.len());
        assert!(!out.report.has(VoiceIssue::NoSpeech), "{:?}", out.report);
    }

    #[test]
    fn too_long_is_decided_before_decoding() {
        let policy = VoicePolicy {
            max_duration_ms: 1_000,
            ..VoicePolicy::default()
        };
        let input = tone_wav(8_000, 2, 0.3);
        assert_eq!(
            process_voice(&input, &policy),
            Err(MediaError::TooLong {
                duration_ms: 2000,
                limit_ms: 1000
            })
        );
    }

    /// A tone as a streaming recorder leaves it: both sizes 0xFFFFFFFF.
    fn streaming(input: Vec<u8>) -> Vec<u8> {
        let mut w = with_riff_size(input, u32::MAX);
        w[40..44].copy_from_slice(&u32::MAX.to_le_bytes());
        w
    }

    #[test]
    fn a_streaming_recording_is_read_to_its_end_within_the_duration_limit() {
        let out = process_voice(
            &streaming(tone_wav(16_000, 3, 0.3)),
            &VoicePolicy::default(),
        )
        .expect("processed");
        assert_eq!(out.duration_ms, 3000);
        assert!(!out.report.has(VoiceIssue::NoSpeech), "{:?}", out.report);
        let policy = VoicePolicy {
            max_duration_ms: 2_500,
            ..VoicePolicy::default()
        };
        assert_eq!(
            process_voice(&streaming(tone_wav(16_000, 3, 0.3)), &policy),
            Err(MediaError::TooLong {
                duration_ms: 3000,
                limit_ms: 2500
            })
        );
    }

    #[test]
    fn digital_silence_has_no_speech() {
        let body = vec![0u8; 16_000 * 2 * 3];
        let input = wav(16_000, 1, 16, body.len() as u32, &body);
        let out = process_voice(&input, &VoicePolicy::default()).expect("processed");
        assert!(out.report.has(VoiceIssue::NoSpeech));
        assert_eq!(out.report.speech_dbfs, SILENCE_DBFS);
    }

    #[test]
    fn empty_data_and_bad_policy_are_errors() {
        let input = wav(16_000, 1, 16, 0, &[]);
        assert!(matches!(
            process_voice(&input, &VoicePolicy::default()),
            Err(MediaError::Corrupt { .. })
        ));
        let policy = VoicePolicy {
            opus_bitrate: 1,
            ..VoicePolicy::default()
        };
        assert!(matches!(
            process_voice(&input, &policy),
            Err(MediaError::InvalidPolicy { .. })
        ));
    }
}
