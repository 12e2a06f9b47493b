//! Downscaling a plane: a separable Lanczos3 filter for what the
//! participant and the program see, and area averaging for the face
//! detector's small plane.
//!
//! Lanczos3 in fixed point: each output sample is a weighted sum of the
//! source samples under the filter (3 lobes, stretched by the scale
//! factor), with weights in 1.14 fixed point that sum to exactly 1.0, so a
//! flat plane stays flat.
//!
//! Speed: one kernel does all the work, a weighted sum of whole rows,
//! sixteen samples at a time in SIMD registers. Shrinking columns reuses it
//! on the transposed plane, so both passes are vector code; the two
//! transposes cost less than a scalar horizontal pass would.

use std::sync::OnceLock;

use wide::{i16x8, i32x4, i32x8, u8x16};

use crate::{LANES, Plane, PlaneError};

/// Lobes of the Lanczos kernel on each side of its centre.
const LOBES: f64 = 3.0;
/// Fractional bits of the fixed-point weights.
const WEIGHT_BITS: u32 = 14;
const WEIGHT_ONE: i32 = 1 << WEIGHT_BITS;

/// For each output sample along one axis: the first source sample it
/// reads and its weights, `taps` of them (zero-padded to one length, so
/// the inner loops have a fixed trip count).
pub(crate) struct Taps {
    pub(crate) taps: usize,
    pub(crate) starts: Vec<usize>,
    pub(crate) weights: Vec<i32>,
}

/// The filter a downscale applies.
#[derive(Clone, Copy)]
pub(crate) enum Filter {
    /// Lanczos3: sharp, for what people look at.
    Lanczos3,
    /// Each output sample is the mean of the source samples it covers
    /// (fractional at its edges): soft, for the face detector.
    Area,
}

/// Samples of the Lanczos kernel per unit of distance in [`lanczos`]'s
/// table: linear interpolation between them is within 2·10⁻⁶ of the
/// kernel, far below the weights' 14-bit steps (6·10⁻⁵).
const KERNEL_STEPS: usize = 1024;

/// The Lanczos3 kernel, from a table made once per process: a 1024 px
/// photo needs about 36,000 kernel values, and two sines each cost more
/// than the resize's own arithmetic.
fn lanczos(x: f64) -> f64 {
    static TABLE: OnceLock<Vec<f64>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..=LOBES as usize * KERNEL_STEPS + 1)
            .map(|i| exact_lanczos(i as f64 / KERNEL_STEPS as f64))
            .collect()
    });
    let at = x.abs() * KERNEL_STEPS as f64;
    let i = at as usize;
    match (table.get(i), table.get(i + 1)) {
        (Some(&a), Some(&b)) => a + (b - a) * (at - i as f64),
        _ => 0.0,
    }
}

fn exact_lanczos(x: f64) -> f64 {
    let x = x.abs();
    if x >= LOBES {
        return 0.0;
    }
    if x < 1e-9 {
        return 1.0;
    }
    let px = std::f64::consts::PI * x;
    LOBES * px.sin() * (px / LOBES).sin() / (px * px)
}

impl Taps {
    /// Taps to shrink `from` samples to `to` (1 ≤ to ≤ from).
    pub(crate) fn new(from: usize, to: usize, filter: Filter) -> Self {
        let scale = from as f64 / to as f64;
        let (reach, taps) = match filter {
            Filter::Lanczos3 => (LOBES * scale, (2.0 * LOBES * scale).ceil() as usize + 1),
            Filter::Area => (0.5 * scale, scale.ceil() as usize + 1),
        };
        let taps = taps.min(from);
        let mut starts = Vec::with_capacity(to);
        let mut weights = vec![0i32; to * taps];
        let mut real = vec![0f64; taps];
        for (i, row) in weights.chunks_exact_mut(taps).enumerate() {
            let centre = (i as f64 + 0.5) * scale;
            let first = ((centre - reach).floor().max(0.0) as usize).min(from - taps);
            let mut sum = 0.0;
            for (k, w) in real.iter_mut().enumerate() {
                let src = (first + k) as f64;
                *w = match filter {
                    Filter::Lanczos3 => lanczos((src + 0.5 - centre) / scale),
                    // The part of source sample [src, src + 1) inside the
                    // output sample's span [centre - reach, centre + reach).
                    Filter::Area => {
                        ((centre + reach).min(src + 1.0) - (centre - reach).max(src)).max(0.0)
                    }
                };
                sum += *w;
            }
            // Quantise, then give the rounding error to the largest tap so
            // the weights sum to exactly one.
            let mut total = 0;
            for (q, w) in row.iter_mut().zip(&real) {
                *q = (w / sum * f64::from(WEIGHT_ONE)).round() as i32;
                total += *q;
            }
            let largest = (0..taps).max_by_key(|&k| row[k]).unwrap_or(0);
            row[largest] += WEIGHT_ONE - total;
            starts.push(first);
        }
        Self {
            taps,
            starts,
            weights,
        }
    }
}

pub(crate) fn to_u8(acc: i32) -> u8 {
    ((acc + (WEIGHT_ONE >> 1)) >> WEIGHT_BITS).clamp(0, 255) as u8
}

impl Plane {
    /// Shrink to exactly `width × height` with a Lanczos3 filter (a copy
    /// when the size already matches).
    pub fn downscale(&self, width: u32, height: u32) -> Result<Plane, PlaneError> {
        self.shrink(width, height, Filter::Lanczos3)
    }

    /// Shrink by area averaging: each output sample is the mean of the
    /// source samples it covers (fractional at its edges). Softer than
    /// [`Plane::downscale`], and what a detector scanning for shapes wants.
    pub fn area_downscale(&self, width: u32, height: u32) -> Result<Plane, PlaneError> {
        self.shrink(width, height, Filter::Area)
    }

    fn shrink(&self, width: u32, height: u32, filter: Filter) -> Result<Plane, PlaneError> {
        if width == 0 || height == 0 || width > self.width || height > self.height {
            return Err(PlaneError::BadTarget);
        }
        if (width, height) == (self.width, self.height) {
            return Ok(self.clone());
        }
        let tall = self.shrink_rows(height as usize, filter);
        if width == self.width {
            return Ok(tall);
        }
        // Each intermediate is dropped as soon as the next exists, so at
        // most two are alive at once.
        let turned = tall.transpose();
        drop(tall);
        let narrow = turned.shrink_rows(width as usize, filter);
        drop(turned);
        Ok(narrow.transpose())
    }

    /// Every output row is a weighted sum of whole source rows.
    fn shrink_rows(&self, to: usize, filter: Filter) -> Plane {
        let (w, h) = (self.width as usize, self.height as usize);
        if to == h {
            return self.clone();
        }
        let taps = Taps::new(h, to, filter);
        let mut out = vec![0u8; w * to];
        let mut rows: Vec<&[u8]> = Vec::with_capacity(taps.taps);
        for (y, out_row) in out.chunks_exact_mut(w).enumerate() {
            let weights = &taps.weights[y * taps.taps..(y + 1) * taps.taps];
            rows.clear();
            rows.extend((0..taps.taps).map(|k| self.row(taps.starts[y] + k)));
            weighted_rows(&rows, weights, out_row);
        }
        Plane {
            width: self.width,
            height: to as u32,
            pixels: out,
        }
    }
}

/// `out[x] = Σ weights[k] · rows[k][x]`, rounded from fixed point and
/// clamped to 0..=255. All rows are at least `out.len()` long.
///
/// Rows go in pairs: interleaving two rows' bytes and widening them gives
/// (a₀, b₀, a₁, b₁, …) as 16-bit lanes, which one multiply-add against
/// (w_a, w_b, w_a, w_b, …) turns into four finished pair sums.
pub(crate) fn weighted_rows(rows: &[&[u8]], weights: &[i32], out: &mut [u8]) {
    let n = out.len();
    let vector_end = n - n % LANES;
    // Pairs of (row, row, weights); an odd last row pairs with itself at
    // weight zero. |weight| ≤ 2 × WEIGHT_ONE, well inside i16.
    let pairs: Vec<(&[u8], &[u8], i16x8)> = rows
        .chunks(2)
        .zip(weights.chunks(2))
        .filter(|(_, w)| w.iter().any(|&w| w != 0))
        .map(|(r, w)| {
            let (wa, wb) = (w[0] as i16, w.get(1).map_or(0, |&w| w as i16));
            let b = r.get(1).copied().unwrap_or(r[0]);
            (r[0], b, i16x8::new([wa, wb, wa, wb, wa, wb, wa, wb]))
        })
        .collect();
    let half = i32x4::splat(WEIGHT_ONE >> 1);
    let load = |row: &[u8], x: usize| {
        let mut block = [0u8; LANES];
        block.copy_from_slice(&row[x..x + LANES]);
        u8x16::new(block)
    };
    let narrow = |p: i32x4, q: i32x4| {
        let mut both = [0i32; 8];
        both[..4].copy_from_slice(&(p >> WEIGHT_BITS as i32).to_array());
        both[4..].copy_from_slice(&(q >> WEIGHT_BITS as i32).to_array());
        i16x8::from_i32x8_saturate(i32x8::new(both))
    };
    for x in (0..vector_end).step_by(LANES) {
        let mut acc = [half; 4];
        for &(a, b, weight) in &pairs {
            let (a, b) = (load(a, x), load(b, x));
            let (low, high) = (u8x16::unpack_low(a, b), u8x16::unpack_high(a, b));
            acc[0] += i16x8::from_u8x16_low(low).dot(weight);
            acc[1] += i16x8::from_u8x16_high(low).dot(weight);
            acc[2] += i16x8::from_u8x16_low(high).dot(weight);
            acc[3] += i16x8::from_u8x16_high(high).dot(weight);
        }
        let packed = u8x16::narrow_i16x8(narrow(acc[0], acc[1]), narrow(acc[2], acc[3]));
        out[x..x + LANES].copy_from_slice(&packed.to_array());
    }
    for (x, o) in out.iter_mut().enumerate().skip(vector_end) {
        let acc: i32 = rows
            .iter()
            .zip(weights)
            .map(|(row, &weight)| weight * i32::from(row[x]))
            .sum();
        *o = to_u8(acc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plane(w: u32, h: u32, f: impl Fn(u32, u32) -> u8) -> Plane {
        let pixels = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .map(|(x, y)| f(x, y));
        Plane::new(w, h, pixels.collect()).expect("plane")
    }

    #[test]
    fn weights_sum_to_one_at_every_position() {
        for (from, to, filter) in [(1500, 1024), (3, 2), (10, 1), (7, 7), (1125, 768)]
            .into_iter()
            .flat_map(|(f, t)| [(f, t, Filter::Lanczos3), (f, t, Filter::Area)])
        {
            let t = Taps::new(from, to, filter);
            for (i, row) in t.weights.chunks_exact(t.taps).enumerate() {
                assert_eq!(row.iter().sum::<i32>(), WEIGHT_ONE, "{from}->{to} at {i}");
                assert!(t.starts[i] + t.taps <= from);
            }
        }
    }

    #[test]
    fn kernel_table_is_within_its_stated_error() {
        for i in 0..40_000 {
            let x = f64::from(i) * 3.2 / 40_000.0;
            assert!((lanczos(x) - exact_lanczos(x)).abs() < 2e-6, "at {x}");
            assert_eq!(lanczos(-x), lanczos(x));
        }
    }

    #[test]
    fn lanczos_keeps_flat_planes_flat_and_edges_sharp() {
        let flat = plane(300, 200, |_, _| 77);
        let out = flat.downscale(128, 85).expect("downscale");
        assert_eq!((out.width(), out.height()), (128, 85));
        assert!(out.pixels().iter().all(|&v| v == 77));
        // A vertical edge at the middle stays a two-level step, with at
        // most a few samples of transition (no blur across the image).
        let edge = plane(400, 10, |x, _| if x < 200 { 20 } else { 220 });
        let out = edge.downscale(200, 5).expect("downscale");
        let row = &out.pixels()[..200];
        assert!(row[..95].iter().all(|&v| v.abs_diff(20) <= 2), "{row:?}");
        assert!(row[105..].iter().all(|&v| v.abs_diff(220) <= 2), "{row:?}");
    }

    #[test]
    fn vector_and_scalar_sums_agree() {
        // 37 samples: two vector steps and a scalar tail, with negative
        // weights pushing sums out of range at both ends.
        let rows: Vec<Vec<u8>> = (0..4u8)
            .map(|r| {
                (0..37u8)
                    .map(|x| x.wrapping_mul(7).wrapping_add(r * 60))
                    .collect()
            })
            .collect();
        let refs: Vec<&[u8]> = rows.iter().map(Vec::as_slice).collect();
        // Even and odd row counts, and a zero weight in a pair.
        for weights in [
            &[-3000, 20000, 2000, -2616][..],
            &[-3000, 20000, 2000][..],
            &[0, 16384, 0][..],
        ] {
            let refs = &refs[..weights.len()];
            let mut out = [0u8; 37];
            weighted_rows(refs, weights, &mut out);
            for (x, &o) in out.iter().enumerate() {
                let acc: i32 = refs
                    .iter()
                    .zip(weights)
                    .map(|(r, &w)| w * i32::from(r[x]))
                    .sum();
                assert_eq!(o, to_u8(acc), "sample {x} of {weights:?}");
            }
        }
    }

    #[test]
    fn transposing_twice_is_the_identity() {
        let p = plane(70, 45, |x, y| (x * 3 + y * 5) as u8);
        let t = p.transpose();
        assert_eq!((t.width(), t.height()), (45, 70));
        assert_eq!(t.pixels()[3 * 45 + 2], p.pixels()[2 * 70 + 3]);
        assert_eq!(t.transpose(), p);
    }

    #[test]
    fn area_average_is_the_mean_of_what_each_sample_covers() {
        let flat = plane(300, 200, |_, _| 77);
        let out = flat.area_downscale(128, 85).expect("downscale");
        assert!(out.pixels().iter().all(|&v| v == 77));
        let p = Plane::new(4, 2, (0..8).map(|i| i * 10).collect()).expect("plane");
        assert_eq!(
            p.area_downscale(2, 1).expect("downscale").pixels(),
            &[25, 45]
        );
        let p = Plane::new(3, 1, vec![0, 90, 180]).expect("plane");
        assert_eq!(
            p.area_downscale(2, 1).expect("downscale").pixels(),
            &[30, 150]
        );
    }

    #[test]
    fn enlarging_or_empty_targets_are_refused() {
        let p = plane(3, 2, |_, _| 0);
        assert_eq!(p.downscale(6, 4), Err(PlaneError::BadTarget));
        assert_eq!(p.downscale(0, 1), Err(PlaneError::BadTarget));
        assert_eq!(p.area_downscale(4, 1), Err(PlaneError::BadTarget));
        assert_eq!(p.downscale(3, 2).expect("same size"), p);
    }

    proptest! {
        #[test]
        fn any_shrink_gives_the_asked_size_and_stays_in_range(
            w in 1u32..80, h in 1u32..80, tw in 1u32..80, th in 1u32..80, seed in any::<u64>()
        ) {
            let p = plane(w, h, |x, y| (seed.wrapping_mul(u64::from(x * 31 + y * 17 + 1)) >> 13) as u8);
            let (tw, th) = (tw.min(w), th.min(h));
            let lanczos = p.downscale(tw, th).expect("downscale");
            prop_assert_eq!(lanczos.pixels().len(), (tw * th) as usize);
            let area = p.area_downscale(tw, th).expect("downscale");
            let (lo, hi) = (p.pixels().iter().min().copied().unwrap_or(0), p.pixels().iter().max().copied().unwrap_or(0));
            // Averages never leave the source's range.
            prop_assert!(area.pixels().iter().all(|&v| v >= lo && v <= hi));
            // Transposing (SIMD blocks plus ragged edges) moves every sample.
            let t = p.transpose();
            for (i, &v) in p.pixels().iter().enumerate() {
                let (x, y) = (i % w as usize, i / w as usize);
                prop_assert_eq!(t.pixels()[x * h as usize + y], v);
            }
        }
    }
}
