//! Sample-rate conversion to the 16 kHz the voice pipeline encodes.
//!
//! A polyphase windowed-sinc (Blackman) resampler for rational ratios:
//! every supported rate pair (8-48 kHz to 16 kHz) reduces to at most 160
//! phases, whose taps are computed once. When downsampling, the cutoff sits
//! just below the output Nyquist frequency, so content above 8 kHz is
//! removed instead of aliased into the speech band.
//!
//! Memory: the output, the tap table (≤ 160 × 80 floats) and one block of
//! input ([`BLOCK_OUT`] outputs' worth), read through a callback so a WAV
//! is never decoded whole.

/// Zero crossings of the sinc on each side of the centre, at the
/// kernel's own scale.
const ZERO_CROSSINGS: f64 = 12.0;
/// Cutoff as a share of the lower Nyquist frequency: leaves a transition
/// band so the stopband is reached at Nyquist.
const CUTOFF: f64 = 0.92;
/// Output samples computed per block of input read.
pub(crate) const BLOCK_OUT: usize = 4096;

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// sinc(x)·Blackman window over |x| < ZERO_CROSSINGS.
fn kernel(x: f64) -> f64 {
    let ax = x.abs();
    if ax >= ZERO_CROSSINGS {
        return 0.0;
    }
    let sinc = if ax < 1e-12 {
        1.0
    } else {
        let px = std::f64::consts::PI * ax;
        px.sin() / px
    };
    let p = std::f64::consts::PI * (1.0 + ax / ZERO_CROSSINGS);
    let blackman = 0.42 - 0.5 * p.cos() + 0.08 * (2.0 * p).cos();
    sinc * blackman
}

/// Resample `len` input samples at `from` Hz to `to` Hz. `read(start, buf)`
/// fills `buf` with input samples `start..start + buf.len()` (zero beyond
/// the end).
pub(crate) fn resample(
    len: u64,
    from: u32,
    to: u32,
    mut read: impl FnMut(u64, &mut [f32]),
) -> Vec<f32> {
    let (from, to) = (u64::from(from), u64::from(to));
    let out_len = usize::try_from(len * to / from.max(1)).unwrap_or(0);
    let mut out = Vec::with_capacity(out_len);
    if from == to || from == 0 {
        let mut buf = vec![0f32; BLOCK_OUT];
        let mut start = 0u64;
        while start < len {
            let n = (len - start).min(BLOCK_OUT as u64) as usize;
            read(start, &mut buf[..n]);
            out.extend_from_slice(&buf[..n]);
            start += n as u64;
        }
        return out;
    }
    let g = gcd(from, to);
    let (up, down) = (to / g, from / g);
    // Kernel scale in input samples: wider when downsampling.
    let scale = (from as f64 / to as f64).max(1.0) / CUTOFF;
    let half = (ZERO_CROSSINGS * scale).ceil() as i64;
    let taps = (2 * half) as usize;
    // taps[p][m] weighs input base - half + 1 + m for output phase p.
    let table: Vec<f32> = (0..up)
        .flat_map(|p| {
            let frac = p as f64 / up as f64;
            (0..taps).map(move |m| {
                let d = frac + (half - 1 - m as i64) as f64;
                (kernel(d / scale) / scale) as f32
            })
        })
        .collect();
    let mut block = Vec::new();
    let mut j = 0usize;
    while j < out_len {
        let end = (j + BLOCK_OUT).min(out_len);
        let first_base = (j as u64 * down / up) as i64;
        let last_base = ((end - 1) as u64 * down / up) as i64;
        let lo = first_base - half + 1;
        let hi = last_base + half; // inclusive
        block.clear();
        block.resize((hi - lo + 1) as usize, 0.0);
        // Read the part of [lo, hi] inside the input; the rest stays zero.
        let read_lo = lo.max(0) as u64;
        let read_hi = (hi as u64).min(len.saturating_sub(1));
        if read_lo <= read_hi {
            let off = (read_lo as i64 - lo) as usize;
            read(
                read_lo,
                &mut block[off..off + (read_hi - read_lo + 1) as usize],
            );
        }
        for jj in j..end {
            let pos = jj as u64 * down;
            let (base, phase) = ((pos / up) as i64, (pos % up) as usize);
            let start = (base - half + 1 - lo) as usize;
            let w = &table[phase * taps..(phase + 1) * taps];
            let x = &block[start..start + taps];
            let acc: f32 = w.iter().zip(x).map(|(a, b)| a * b).sum();
            out.push(acc);
        }
        j = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(freq: f64, rate: u32) -> impl FnMut(u64, &mut [f32]) {
        move |start, buf| {
            for (i, v) in buf.iter_mut().enumerate() {
                let t = (start + i as u64) as f64 / f64::from(rate);
                *v = (2.0 * std::f64::consts::PI * freq * t).sin() as f32 * 0.5;
            }
        }
    }

    fn rms(x: &[f32]) -> f64 {
        let s: f64 = x.iter().map(|v| f64::from(*v) * f64::from(*v)).sum();
        (s / x.len() as f64).sqrt()
    }

    #[test]
    fn passband_tone_keeps_its_level() {
        for from in [8_000, 11_025, 22_050, 32_000, 44_100, 48_000] {
            let out = resample(u64::from(from), from, 16_000, tone(1_000.0, from));
            assert_eq!(out.len(), 16_000);
            let level = rms(&out[1000..15_000]);
            // A 0.5-amplitude sine has RMS 0.354.
            assert!((level - 0.3536).abs() < 0.01, "{from} Hz: {level}");
        }
    }

    #[test]
    fn tone_above_the_new_nyquist_is_removed_not_aliased() {
        for from in [44_100, 48_000] {
            let out = resample(u64::from(from), from, 16_000, tone(12_000.0, from));
            let level = rms(&out[1000..15_000]);
            assert!(level < 0.005, "{from} Hz: 12 kHz leaked at RMS {level}");
        }
    }

    #[test]
    fn same_rate_is_a_copy() {
        let out = resample(5, 16_000, 16_000, |start, buf| {
            for (i, v) in buf.iter_mut().enumerate() {
                *v = (start + i as u64) as f32;
            }
        });
        assert_eq!(out, vec![0.0, 1.0, 2.0, 3.0, 4.0]);
    }
}
