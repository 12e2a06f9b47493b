//! Photo quality measures on a luma plane: exposure and sharpness.
//!
//! Each is one pass over the plane with no allocation. Callers measure the
//! processed (downscaled, upright) photo, so thresholds mean the same thing
//! whatever camera took it.

use wide::{i16x8, i32x8, u8x16};

use crate::Plane;

/// Luma value at or above which a sample counts as blown out.
pub const BLOWN_LUMA: u8 = 250;

/// Mean luma (0..=255) and the share of blown-out samples.
pub fn exposure(luma: &Plane) -> (f32, f32) {
    let mut sum = 0u64;
    let mut blown = 0u64;
    // Sums over chunks of 64 Ki samples fit in u32 (65,536 × 255 < 2³²),
    // which the compiler vectorises.
    for row in luma.pixels().chunks(1 << 16) {
        let mut s = 0u32;
        let mut b = 0u32;
        for &v in row {
            s += u32::from(v);
            b += u32::from(v >= BLOWN_LUMA);
        }
        sum += u64::from(s);
        blown += u64::from(b);
    }
    let n = luma.pixels().len().max(1) as f64;
    ((sum as f64 / n) as f32, (blown as f64 / n) as f32)
}

/// Variance of the 4-neighbour Laplacian over the interior samples: low
/// for defocused or shaken photos, high for sharp ones.
pub fn sharpness(luma: &Plane) -> f32 {
    let (w, h) = (luma.width() as usize, luma.height() as usize);
    if w < 3 || h < 3 {
        return 0.0;
    }
    let mut sum = 0i64;
    let mut sum_sq = 0i64;
    for y in 1..h - 1 {
        let (s, sq) = laplacian_sums(luma.row(y - 1), luma.row(y), luma.row(y + 1));
        sum += s;
        sum_sq += sq;
    }
    let n = ((w - 2) * (h - 2)) as f64;
    let mean = sum as f64 / n;
    (sum_sq as f64 / n - mean * mean) as f32
}

/// Vector steps after which the i32 lanes are flushed to i64: a lane
/// gains at most 1020² per step, and 1,024 steps stay below 2³¹.
const FLUSH_STEPS: usize = 1024;

/// Σ lap and Σ lap² over the interior of one row, lap = up + down + left +
/// right − 4·centre (|lap| ≤ 1020), sixteen samples at a time.
fn laplacian_sums(up: &[u8], row: &[u8], down: &[u8]) -> (i64, i64) {
    let w = row.len();
    let load = |s: &[u8], at: usize| {
        let mut lane = [0u8; 16];
        lane.copy_from_slice(&s[at..at + 16]);
        u8x16::new(lane)
    };
    let halves = |v: u8x16| (i16x8::from_u8x16_low(v), i16x8::from_u8x16_high(v));
    let (mut sum, mut sum_sq) = (0i64, 0i64);
    let (mut lanes, mut lanes_sq) = (i32x8::splat(0), i32x8::splat(0));
    // Constants built once: at opt-level "s", `splat` in a loop is a
    // store-and-reload.
    let (one, four) = (i16x8::new([1; 8]), i16x8::new([4; 8]));
    let mut steps = 0;
    let mut x = 1;
    // Interior samples x in 1..w-1; a step reads x-1 ..= x+16.
    while x + 17 <= w {
        let (u, d) = (halves(load(up, x)), halves(load(down, x)));
        let (l, r) = (halves(load(row, x - 1)), halves(load(row, x + 1)));
        let c = halves(load(row, x));
        for (u, d, l, r, c) in [(u.0, d.0, l.0, r.0, c.0), (u.1, d.1, l.1, r.1, c.1)] {
            let lap: i16x8 = u + d + l + r - c * four;
            lanes += lap.widening_mul(one);
            lanes_sq += lap.widening_mul(lap);
        }
        steps += 1;
        if steps == FLUSH_STEPS {
            sum += lane_total(lanes);
            sum_sq += lane_total(lanes_sq);
            (lanes, lanes_sq, steps) = (i32x8::splat(0), i32x8::splat(0), 0);
        }
        x += 16;
    }
    sum += lane_total(lanes);
    sum_sq += lane_total(lanes_sq);
    for x in x..w - 1 {
        let lap =
            i64::from(up[x]) + i64::from(down[x]) + i64::from(row[x - 1]) + i64::from(row[x + 1])
                - 4 * i64::from(row[x]);
        sum += lap;
        sum_sq += lap * lap;
    }
    (sum, sum_sq)
}

/// The sum of a vector's lanes, widened so it cannot overflow.
fn lane_total(v: i32x8) -> i64 {
    v.to_array().iter().map(|&x| i64::from(x)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_grey_has_no_sharpness_and_mid_exposure() {
        let p = Plane::filled(64, 64, 128).expect("plane");
        assert_eq!(sharpness(&p), 0.0);
        assert_eq!(exposure(&p), (128.0, 0.0));
    }

    #[test]
    fn checkerboard_is_sharp() {
        let px = (0..64 * 64)
            .map(|i| if (i % 64 + i / 64) % 2 == 0 { 0 } else { 255 })
            .collect();
        let p = Plane::new(64, 64, px).expect("plane");
        assert!(sharpness(&p) > 10_000.0);
        assert_eq!(exposure(&p).1, 0.5);
    }

    /// The plain definition, for comparison.
    fn laplacian_variance(p: &Plane) -> f64 {
        let (w, h) = (p.width() as usize, p.height() as usize);
        let v = |x: usize, y: usize| i64::from(p.pixels()[y * w + x]);
        let laps: Vec<i64> = (1..h - 1)
            .flat_map(|y| (1..w - 1).map(move |x| (x, y)))
            .map(|(x, y)| v(x, y - 1) + v(x, y + 1) + v(x - 1, y) + v(x + 1, y) - 4 * v(x, y))
            .collect();
        let n = laps.len() as f64;
        let mean = laps.iter().sum::<i64>() as f64 / n;
        laps.iter().map(|&l| (l * l) as f64).sum::<f64>() / n - mean * mean
    }

    #[test]
    fn vector_sharpness_matches_the_definition() {
        // Widths around the 16-sample steps, and extreme contrast.
        for w in [3u32, 17, 18, 33, 50, 100] {
            let px = (0..w * 7)
                .map(|i| if (i * 7919) % 13 < 6 { 0 } else { 255 })
                .collect();
            let p = Plane::new(w, 7, px).expect("plane");
            let expected = laplacian_variance(&p);
            let got = f64::from(sharpness(&p));
            assert!(
                (got - expected).abs() <= expected * 1e-6 + 1e-3,
                "{w}: {got} vs {expected}"
            );
        }
    }

    #[test]
    fn tiny_planes_measure_without_panicking() {
        let p = Plane::filled(2, 1, 255).expect("plane");
        assert_eq!(sharpness(&p), 0.0);
        assert_eq!(exposure(&p), (255.0, 1.0));
    }
}
