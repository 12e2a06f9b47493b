//! Photo quality measures on a luma plane: exposure and sharpness.
//!
//! Each is one pass over the plane with no allocation. Callers measure the
//! processed (downscaled, upright) photo, so thresholds mean the same thing
//! whatever camera took it.

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
        let (up, row, down) = (luma.row(y - 1), luma.row(y), luma.row(y + 1));
        // |lap| ≤ 1020, so lap² fits in i32.
        let mut row_sum = 0i64;
        let mut row_sq = 0i64;
        for x in 1..w - 1 {
            let lap = i32::from(up[x])
                + i32::from(down[x])
                + i32::from(row[x - 1])
                + i32::from(row[x + 1])
                - 4 * i32::from(row[x]);
            row_sum += i64::from(lap);
            row_sq += i64::from(lap * lap);
        }
        sum += row_sum;
        sum_sq += row_sq;
    }
    let n = ((w - 2) * (h - 2)) as f64;
    let mean = sum as f64 / n;
    (sum_sq as f64 / n - mean * mean) as f32
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

    #[test]
    fn tiny_planes_measure_without_panicking() {
        let p = Plane::filled(2, 1, 255).expect("plane");
        assert_eq!(sharpness(&p), 0.0);
        assert_eq!(exposure(&p), (255.0, 1.0));
    }
}
