//! Photo quality measures: exposure and sharpness.
//!
//! Computed on the processed (downscaled, upright) photo so that thresholds
//! mean the same thing whatever camera took it. Each measure is one pass
//! over a luma plane; no allocation beyond that plane.

/// Luma value at or above which a pixel counts as blown out.
pub(crate) const BLOWN_LUMA: u8 = 250;

/// A greyscale plane, row-major, one byte per pixel.
pub(crate) struct Luma<'a> {
    pub(crate) width: usize,
    pub(crate) height: usize,
    pub(crate) pixels: &'a [u8],
}

/// BT.601 luma of interleaved RGB8 pixels, in fixed point.
pub(crate) fn luma_of_rgb(rgb: &[u8]) -> Vec<u8> {
    rgb.chunks_exact(3)
        .map(|p| {
            let y = 77 * u32::from(p[0]) + 150 * u32::from(p[1]) + 29 * u32::from(p[2]);
            // 77 + 150 + 29 = 256, so y >> 8 is at most 255.
            (y >> 8) as u8
        })
        .collect()
}

/// Mean luma (0..=255) and the share of blown-out pixels.
pub(crate) fn exposure(luma: &Luma<'_>) -> (f32, f32) {
    if luma.pixels.is_empty() {
        return (0.0, 0.0);
    }
    let mut sum = 0u64;
    let mut blown = 0u64;
    for &v in luma.pixels {
        sum += u64::from(v);
        blown += u64::from(v >= BLOWN_LUMA);
    }
    let n = luma.pixels.len() as f64;
    ((sum as f64 / n) as f32, (blown as f64 / n) as f32)
}

/// Variance of the 4-neighbour Laplacian over the interior pixels: low for
/// defocused or shaken photos, high for sharp ones.
pub(crate) fn sharpness(luma: &Luma<'_>) -> f32 {
    let (w, h) = (luma.width, luma.height);
    if w < 3 || h < 3 || luma.pixels.len() < w * h {
        return 0.0;
    }
    let p = luma.pixels;
    let mut sum = 0f64;
    let mut sum_sq = 0f64;
    for y in 1..h - 1 {
        let (up, row, down) = (
            &p[(y - 1) * w..y * w],
            &p[y * w..(y + 1) * w],
            &p[(y + 1) * w..(y + 2) * w],
        );
        let mut row_sum = 0i64;
        let mut row_sq = 0i64;
        for x in 1..w - 1 {
            let lap = i64::from(up[x])
                + i64::from(down[x])
                + i64::from(row[x - 1])
                + i64::from(row[x + 1])
                - 4 * i64::from(row[x]);
            row_sum += lap;
            row_sq += lap * lap;
        }
        sum += row_sum as f64;
        sum_sq += row_sq as f64;
    }
    let n = ((w - 2) * (h - 2)) as f64;
    let mean = sum / n;
    (sum_sq / n - mean * mean) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_grey_has_no_sharpness_and_mid_exposure() {
        let px = vec![128u8; 64 * 64];
        let l = Luma {
            width: 64,
            height: 64,
            pixels: &px,
        };
        assert_eq!(sharpness(&l), 0.0);
        assert_eq!(exposure(&l), (128.0, 0.0));
    }

    #[test]
    fn checkerboard_is_sharp() {
        let px: Vec<u8> = (0..64 * 64)
            .map(|i| if (i % 64 + i / 64) % 2 == 0 { 0 } else { 255 })
            .collect();
        let l = Luma {
            width: 64,
            height: 64,
            pixels: &px,
        };
        assert!(sharpness(&l) > 10_000.0);
    }

    #[test]
    fn luma_weights_sum_to_full_scale() {
        assert_eq!(luma_of_rgb(&[255, 255, 255, 0, 0, 0]), vec![255, 0]);
    }
}
