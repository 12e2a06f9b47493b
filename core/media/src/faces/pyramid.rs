//! Image scaling for the detector: the pyramid of shrunken copies the LAB
//! classifiers scan, and the 40×40 windows the MLP stages look at.
//!
//! Both use the model's own bilinear filter, reproduced exactly (in `f64`,
//! truncated to a byte) because the classifiers were trained on its output:
//! output pixel `i` reads source position `i × src / dst`, between source
//! pixels `n = min(⌊pos⌋, src − 2)` and `n + 1` with weight `pos − n` (so the
//! last pixels extrapolate slightly rather than clamp).

use super::WINDOW;

/// One output pixel's source pair along one axis.
#[derive(Clone, Copy, Default)]
struct Tap {
    /// First of the two source pixels.
    index: usize,
    /// Weight of the second one, and of the first (`1 − weight`).
    weight: f64,
    rest: f64,
}

/// Taps of `dst` outputs over `src ≥ 2` inputs.
fn taps(src: usize, dst: usize, out: &mut Vec<Tap>) {
    out.clear();
    let scale = src as f64 / dst as f64;
    for i in 0..dst {
        let pos = scale * i as f64;
        // `pos as usize` truncates like the original's cast.
        let index = (pos as usize).min(src - 2);
        let weight = pos - index as f64;
        out.push(Tap {
            index,
            weight,
            rest: 1.0 - weight,
        });
    }
}

/// The filter itself, in the original's exact order of operations.
#[inline(always)]
fn blend(x: Tap, y: Tap, d1: u8, d2: u8, d3: u8, d4: u8) -> u8 {
    let (wx, wy) = (x.weight, y.weight);
    let top = (1.0 - wx) * f64::from(d1) + wx * f64::from(d2);
    let bottom = (1.0 - wx) * f64::from(d3) + wx * f64::from(d4);
    ((1.0 - wy) * top + wy * bottom) as u8
}

/// Scratch space for resizing, reused between calls.
#[derive(Default)]
pub(crate) struct Resizer {
    columns: Vec<Tap>,
    rows: Vec<Tap>,
}

impl Resizer {
    /// Resize a `sw × sh` image (both ≥ 2) to `dw × dh` into `out`.
    pub(crate) fn resize(
        &mut self,
        src: &[u8],
        (sw, sh): (usize, usize),
        (dw, dh): (usize, usize),
        out: &mut Vec<u8>,
    ) {
        out.clear();
        if (sw, sh) == (dw, dh) {
            out.extend_from_slice(src);
            return;
        }
        out.resize(dw * dh, 0);
        taps(sw, dw, &mut self.columns);
        taps(sh, dh, &mut self.rows);
        for (line, &ty) in out.chunks_exact_mut(dw).zip(&self.rows) {
            let upper = &src[ty.index * sw..(ty.index + 1) * sw];
            let lower = &src[(ty.index + 1) * sw..(ty.index + 2) * sw];
            for (px, &tx) in line.iter_mut().zip(&self.columns) {
                let i = tx.index;
                *px = blend(tx, ty, upper[i], upper[i + 1], lower[i], lower[i + 1]);
            }
        }
    }

    /// The `size × size` square at (x, y) of a `width × height` image,
    /// scaled to 40×40. Pixels outside the image count as black. `size ≥ 2`.
    pub(crate) fn window(
        &mut self,
        image: &[u8],
        (width, height): (usize, usize),
        (x, y, size): (i64, i64, usize),
        out: &mut [u8; WINDOW * WINDOW],
    ) {
        // A source pixel of the square, or 0 outside the image.
        let at = |sx: usize, sy: usize| -> u8 {
            let (ix, iy) = (x + sx as i64, y + sy as i64);
            if ix < 0 || iy < 0 || ix >= width as i64 || iy >= height as i64 {
                return 0;
            }
            image[iy as usize * width + ix as usize]
        };
        let inside = x >= 0 && y >= 0 && x as usize + size <= width && y as usize + size <= height;
        if size == WINDOW {
            // Same size: a plain copy.
            for (j, line) in out.chunks_exact_mut(WINDOW).enumerate() {
                if inside {
                    let start = (y as usize + j) * width + x as usize;
                    line.copy_from_slice(&image[start..start + WINDOW]);
                } else {
                    for (i, px) in line.iter_mut().enumerate() {
                        *px = at(i, j);
                    }
                }
            }
            return;
        }
        taps(size, WINDOW, &mut self.columns);
        let taps = &self.columns;
        // Separable: each source row the output needs is interpolated
        // across once (`across[k]` holds source row `rows[k]`), then
        // output rows blend two of them. The arithmetic is the same as in
        // `blend`, so are the results.
        let mut rows = [usize::MAX; 2];
        let mut across = [[0f64; WINDOW]; 2];
        for (line, &ty) in out.chunks_exact_mut(WINDOW).zip(taps) {
            for k in 0..2 {
                let sy = ty.index + k;
                if rows[k] == sy {
                    continue;
                }
                if k == 0 && rows[1] == sy {
                    across[0] = across[1];
                } else if inside {
                    let start = (y as usize + sy) * width + x as usize;
                    let source = &image[start..start + size];
                    interpolate(taps, |i| source[i], &mut across[k]);
                } else {
                    interpolate(taps, |i| at(i, sy), &mut across[k]);
                }
                rows[k] = sy;
            }
            let wy = ty.weight;
            for ((px, &top), &bottom) in line.iter_mut().zip(&across[0]).zip(&across[1]) {
                *px = ((1.0 - wy) * top + wy * bottom) as u8;
            }
        }
    }
}

/// One source row interpolated at the taps, as `blend` does before
/// blending rows.
#[inline(always)]
fn interpolate(taps: &[Tap], pixel: impl Fn(usize) -> u8, out: &mut [f64; WINDOW]) {
    for (o, t) in out.iter_mut().zip(taps) {
        let (d1, d2) = (f64::from(pixel(t.index)), f64::from(pixel(t.index + 1)));
        *o = t.rest * d1 + t.weight * d2;
    }
}

/// The pyramid's scales for a `width × height` image: 1, then each
/// `step` times the previous, down to the scale where the shorter side is
/// one window; with each scale's image size (truncated, like the original).
pub(crate) fn scales(
    width: usize,
    height: usize,
    step: f32,
) -> impl Iterator<Item = (f32, usize, usize)> {
    let min_scale = WINDOW as f32 / width.min(height) as f32;
    std::iter::successors(Some(1f32), move |s| Some(s * step))
        .take_while(move |&s| s >= min_scale)
        .map(move |s| (s, (width as f32 * s) as usize, (height as f32 * s) as usize))
}
