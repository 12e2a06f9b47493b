//! The bystander blur: destroying what identifies a face in a region of a
//! plane.

use crate::{Plane, Region};

/// Cells across the longer side of a blurred region: each cell becomes one
/// flat value, so no facial feature (eyes, mouth, nose, about a fifth of a
/// face each) survives.
pub const BLUR_CELLS: u32 = 3;
/// Box-blur passes smoothing the cell edges (three passes approximate a
/// Gaussian), so the flat cells do not form a face-like pattern.
const BLUR_PASSES: usize = 3;

/// Destroy the content of `region` (clamped to the plane): average it down
/// to a coarse grid of flat cells, then smooth the cell edges. Nothing
/// outside the region changes.
pub fn obliterate(plane: &mut Plane, region: Region) {
    let (pw, ph) = (plane.width, plane.height);
    let x0 = region.x.min(pw);
    let y0 = region.y.min(ph);
    let x1 = region.x.saturating_add(region.width).min(pw);
    let y1 = region.y.saturating_add(region.height).min(ph);
    if x1 <= x0 || y1 <= y0 {
        return;
    }
    let (rw, rh) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let cell = rw.max(rh).div_ceil(BLUR_CELLS as usize).max(1);
    let stride = pw as usize;
    let at = |x: usize, y: usize| (y0 as usize + y) * stride + x0 as usize + x;
    let px = &mut plane.pixels;
    // Pass 1: flat cells.
    for cy in (0..rh).step_by(cell) {
        for cx in (0..rw).step_by(cell) {
            let (ex, ey) = ((cx + cell).min(rw), (cy + cell).min(rh));
            let mut sum = 0u64;
            for y in cy..ey {
                sum += px[at(cx, y)..at(ex, y)]
                    .iter()
                    .map(|&v| u64::from(v))
                    .sum::<u64>();
            }
            let mean = (sum / ((ex - cx) * (ey - cy)) as u64) as u8;
            for y in cy..ey {
                px[at(cx, y)..at(ex, y)].fill(mean);
            }
        }
    }
    // Pass 2: separable box blurs of radius cell/2 inside the region.
    let radius = (cell / 2).max(1);
    let mut line = Vec::with_capacity(rw.max(rh));
    for _ in 0..BLUR_PASSES {
        for y in 0..rh {
            line.clear();
            line.extend_from_slice(&px[at(0, y)..at(rw, y)]);
            box_blur_line(&line, radius, |x, v| px[at(x, y)] = v);
        }
        for x in 0..rw {
            line.clear();
            line.extend((0..rh).map(|y| px[at(x, y)]));
            box_blur_line(&line, radius, |y, v| px[at(x, y)] = v);
        }
    }
}

/// Box blur of a line with clamped edges, written through `put`.
fn box_blur_line(line: &[u8], radius: usize, mut put: impl FnMut(usize, u8)) {
    let n = line.len();
    if n == 0 {
        return;
    }
    let sample = |i: isize| u64::from(line[i.clamp(0, n as isize - 1) as usize]);
    let r = radius as isize;
    let width = (2 * radius + 1) as u64;
    let mut sum: u64 = (-r..=r).map(sample).sum();
    for i in 0..n as isize {
        put(i as usize, (sum / width) as u8);
        sum = sum + sample(i + r + 1) - sample(i - r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obliterate_flattens_detail_and_stays_inside_the_region() {
        let checker = (0..40 * 40)
            .map(|i| if (i % 40 + i / 40) % 2 == 0 { 0 } else { 255 })
            .collect();
        let mut p = Plane::new(40, 40, checker).expect("plane");
        let before = p.clone();
        let region = Region {
            x: 10,
            y: 10,
            width: 20,
            height: 20,
        };
        obliterate(&mut p, region);
        for y in 0..40 {
            for x in 0..40 {
                let i = y * 40 + x;
                let inside = (10..30).contains(&x) && (10..30).contains(&y);
                let v = p.pixels()[i];
                if inside {
                    assert!((100..=155).contains(&v), "({x},{y}) = {v}");
                } else {
                    assert_eq!(v, before.pixels()[i]);
                }
            }
        }
    }

    #[test]
    fn regions_beyond_the_edge_are_clamped() {
        let mut p = Plane::filled(40, 40, 9).expect("plane");
        for (x, y, w, h) in [
            (35, 35, 100, 100),
            (100, 100, 5, 5),
            (0, 0, u32::MAX, u32::MAX),
        ] {
            obliterate(
                &mut p,
                Region {
                    x,
                    y,
                    width: w,
                    height: h,
                },
            );
        }
        assert!(p.pixels().iter().all(|&v| v == 9));
    }
}
