//! First level of the funnel: LAB ("locally assembled binary") features of
//! one pyramid scale and the boosted classifiers that scan them.
//!
//! A LAB feature at pixel (x, y) compares the 3×3 box sum whose top-left
//! corner is (x + 3, y + 3) with its eight neighbouring 3×3 boxes, and packs
//! the eight "centre ≥ neighbour" answers into a byte. A boosted classifier
//! looks up, for each of its features, a score for that byte at a fixed
//! offset in the 40×40 window, and adds them up; every ten features the sum
//! is compared with a threshold and the window is rejected early if it falls
//! below. Windows that pass must also not be flat (standard deviation of the
//! pixels above 10).

/// A LAB byte has 256 values, each with a weight per feature.
pub(crate) const LAB_BINS: usize = 256;
/// Features are read in the window's top-left 32×32: a feature spans 9×9
/// pixels, so offsets go up to 40 − 9.
pub(crate) const MAX_LAB_OFFSET: usize = WINDOW - 9;
/// Features are summed in groups of this size between early-reject checks.
const GROUP: usize = 10;
/// Windows whose pixels' standard deviation is not above this are flat.
const MIN_STD_DEV: f64 = 10.0;

use wide::{i16x8, u8x16, u16x8};

use super::WINDOW;

/// One boosted classifier: features with their weight tables.
pub(crate) struct LabClassifier {
    /// Where each feature is read, relative to the window's top-left corner.
    offsets: Vec<(usize, usize)>,
    /// Score of each LAB byte value, per feature.
    weights: Vec<[f32; LAB_BINS]>,
    /// Minimum running score after each group of ten features (the model
    /// stores a threshold per feature; only each group's last one is used).
    group_thresholds: Vec<f32>,
}

impl LabClassifier {
    /// `weights` is `offsets.len() × LAB_BINS` values, feature after
    /// feature; `offsets.len()` is a multiple of ten (the parser checks).
    pub(crate) fn new(
        offsets: Vec<(usize, usize)>,
        thresholds: Vec<f32>,
        weights: Vec<f32>,
    ) -> Self {
        let weights = weights.as_chunks::<LAB_BINS>().0.to_vec();
        let group_thresholds = thresholds
            .chunks_exact(GROUP)
            .map(|g| g[GROUP - 1])
            .collect();
        LabClassifier {
            offsets,
            weights,
            group_thresholds,
        }
    }
}

/// LAB bytes and pixel sums of one scale, reused from scale to scale.
#[derive(Default)]
pub(crate) struct LabMap {
    width: usize,
    height: usize,
    /// 3×3 box sums, row stride `width` (valid for x, y ≤ size − 3).
    boxes: Vec<u16>,
    /// LAB byte per pixel, row stride `width` (valid for x, y ≤ size − 9).
    codes: Vec<u8>,
    /// Integral images of the pixels and of their squares, with a zero
    /// first row and column (stride `width + 1`). They wrap around on
    /// large planes, which is fine: a window's sums fit in 32 bits, so the
    /// wrapped differences are exact.
    sums: Vec<u32>,
    squares: Vec<u32>,
    /// Feature offsets of each classifier as indices into `codes`.
    flat_offsets: Vec<Vec<usize>>,
}

impl LabMap {
    /// Compute everything for an image of at least 40×40 pixels.
    pub(crate) fn compute(
        &mut self,
        image: &[u8],
        width: usize,
        height: usize,
        classifiers: &[LabClassifier],
    ) {
        self.width = width;
        self.height = height;
        self.box_sums(image);
        self.lab_codes();
        self.integrals(image);
        self.flat_offsets.resize_with(classifiers.len(), Vec::new);
        for (flat, c) in self.flat_offsets.iter_mut().zip(classifiers) {
            flat.clear();
            flat.extend(c.offsets.iter().map(|&(x, y)| y * width + x));
        }
    }

    fn box_sums(&mut self, image: &[u8]) {
        let w = self.width;
        grow(&mut self.boxes, w * self.height);
        for y in 0..=self.height - 3 {
            let r0 = &image[y * w..(y + 1) * w];
            let r1 = &image[(y + 1) * w..(y + 2) * w];
            let r2 = &image[(y + 2) * w..(y + 3) * w];
            let out = &mut self.boxes[y * w..(y + 1) * w];
            // Column sums of three rows first, kept in `out`...
            for x in 0..w {
                out[x] = u16::from(r0[x]) + u16::from(r1[x]) + u16::from(r2[x]);
            }
            // ...then three columns of them, left to right in place.
            for x in 0..w - 2 {
                out[x] = out[x] + out[x + 1] + out[x + 2];
            }
        }
    }

    fn lab_codes(&mut self) {
        let w = self.width;
        let n = w - 8;
        grow(&mut self.codes, w * self.height);
        for y in 0..=self.height - 9 {
            let top = &self.boxes[y * w..(y + 1) * w];
            let mid = &self.boxes[(y + 3) * w..(y + 4) * w];
            let bot = &self.boxes[(y + 6) * w..(y + 7) * w];
            // Slices of equal length `n`, one per box position.
            let (t0, t1, t2) = (&top[..n], &top[3..3 + n], &top[6..6 + n]);
            let (m0, centre, m2) = (&mid[..n], &mid[3..3 + n], &mid[6..6 + n]);
            let (b0, b1, b2) = (&bot[..n], &bot[3..3 + n], &bot[6..6 + n]);
            let out = &mut self.codes[y * w..y * w + n];
            // Sixteen positions at a time, the rest one by one.
            let boxes = [t0, t1, t2, m0, centre, m2, b0, b1, b2];
            let done = lab_codes_x16(&boxes, out);
            for x in done..n {
                let c = centre[x];
                out[x] = (u8::from(c >= t0[x]) << 7)
                    | (u8::from(c >= t1[x]) << 6)
                    | (u8::from(c >= t2[x]) << 5)
                    | (u8::from(c >= m0[x]) << 4)
                    | (u8::from(c >= m2[x]) << 3)
                    | (u8::from(c >= b0[x]) << 2)
                    | (u8::from(c >= b1[x]) << 1)
                    | u8::from(c >= b2[x]);
            }
        }
    }

    fn integrals(&mut self, image: &[u8]) {
        let (w, s) = (self.width, self.width + 1);
        grow(&mut self.sums, s * (self.height + 1));
        grow(&mut self.squares, s * (self.height + 1));
        // The zero first row; the zero first column is written below.
        self.sums[..s].fill(0);
        self.squares[..s].fill(0);
        for (y, row) in image.chunks_exact(w).enumerate() {
            let (above, here) = self.sums.split_at_mut((y + 1) * s);
            let (above, here) = (&above[y * s..], &mut here[..s]);
            let (above_sq, here_sq) = self.squares.split_at_mut((y + 1) * s);
            let (above_sq, here_sq) = (&above_sq[y * s..], &mut here_sq[..s]);
            let (mut run, mut run_sq) = (0u32, 0u32);
            here[0] = 0;
            here_sq[0] = 0;
            for x in 0..w {
                let v = u32::from(row[x]);
                run = run.wrapping_add(v);
                run_sq = run_sq.wrapping_add(v * v);
                here[x + 1] = above[x + 1].wrapping_add(run);
                here_sq[x + 1] = above_sq[x + 1].wrapping_add(run_sq);
            }
        }
    }

    /// The windows of row `y` (x = 0, `step`, 2 × `step`, ... while the
    /// window fits) that classifier `index` accepts, with their scores, in
    /// `hits`.
    ///
    /// The row's windows go through the classifier together, group by
    /// group: each group's features are added to every window still in the
    /// running, then those below the group's threshold drop out. Each
    /// window's score still adds its values in feature order (so scores
    /// are bit-identical to classifying one window at a time), but the sums
    /// of different windows overlap in the processor instead of waiting on
    /// each other.
    pub(crate) fn scan_row(
        &self,
        (index, c): (usize, &LabClassifier),
        y: usize,
        step: usize,
        first: &mut Vec<f32>,
        hits: &mut Vec<(usize, f32)>,
    ) {
        let flat = &self.flat_offsets[index];
        let row = &self.codes[y * self.width..];
        // The first group, for every window of the row (window i is at
        // x = i × step): most windows stop here.
        first.clear();
        first.resize((self.width - WINDOW) / step + 1, 0.0);
        let n = GROUP.min(flat.len()).min(c.weights.len());
        let (offsets, tables) = (&flat[..n], &c.weights[..n]);
        for (i, score) in first.iter_mut().enumerate() {
            let x = i * step;
            let mut s = *score;
            for (&offset, table) in offsets.iter().zip(tables) {
                s += table[usize::from(row[offset + x])];
            }
            *score = s;
        }
        hits.clear();
        let Some(&threshold) = c.group_thresholds.first() else {
            return;
        };
        for (i, &score) in first.iter().enumerate() {
            if score >= threshold {
                hits.push((i * step, score));
            }
        }
        // The other groups, for the windows still in the running.
        for (g, &threshold) in c.group_thresholds.iter().enumerate().skip(1) {
            if hits.is_empty() {
                return;
            }
            let range = g * GROUP..(g + 1) * GROUP;
            let (offsets, tables) = (&flat[range.clone()], &c.weights[range]);
            for (x, score) in hits.iter_mut() {
                let mut s = *score;
                for (&offset, table) in offsets.iter().zip(tables) {
                    s += table[usize::from(row[offset + *x])];
                }
                *score = s;
            }
            keep(hits, |&(_, score)| score >= threshold);
        }
        keep(hits, |&(x, _)| self.std_dev(x, y) > MIN_STD_DEV);
    }

    /// Standard deviation of the pixels of the 40×40 window at (x, y).
    fn std_dev(&self, x: usize, y: usize) -> f64 {
        let s = self.width + 1;
        let (tl, tr) = (y * s + x, y * s + x + WINDOW);
        let (bl, br) = (tl + WINDOW * s, tr + WINDOW * s);
        let rect = |t: &[u32]| {
            t[br]
                .wrapping_sub(t[bl])
                .wrapping_sub(t[tr])
                .wrapping_add(t[tl])
        };
        let area = (WINDOW * WINDOW) as f64;
        let mean = f64::from(rect(&self.sums)) / area;
        let mean_sq = f64::from(rect(&self.squares)) / area;
        (mean_sq - mean * mean).sqrt()
    }
}

/// LAB bytes of one row, sixteen at a time: `boxes` are the nine box-sum
/// slices (top-left, top, top-right, left, centre, right, bottom-left,
/// bottom, bottom-right), as long as `out`. Returns how many positions it
/// did (a multiple of sixteen); the caller does the rest.
///
/// Explicit vectors (SSE2 on x86-64, NEON on ARM): rustc does not
/// auto-vectorise at opt-level "s", and this runs on every pixel of every
/// pyramid scale.
fn lab_codes_x16(boxes: &[&[u16]; 9], out: &mut [u8]) -> usize {
    let n = out.len() / 16 * 16;
    for x in (0..n).step_by(16) {
        let codes = u8x16::narrow_i16x8(lab_codes_x8(boxes, x), lab_codes_x8(boxes, x + 8));
        out[x..x + 16].copy_from_slice(&codes.to_array());
    }
    n
}

/// `1 << k` in every lane, for k = 0 .. 7: constants, because a `splat`
/// at run time is a store loop at opt-level "s".
const BITS: [i16x8; 8] = {
    let mut bits = [i16x8::ZERO; 8];
    let mut k = 0;
    while k < 8 {
        bits[k] = i16x8::splat(1 << k);
        k += 1;
    }
    bits
};

/// The LAB bytes of positions `x .. x + 8`, one per 16-bit lane.
#[inline(always)]
fn lab_codes_x8(boxes: &[&[u16]; 9], x: usize) -> i16x8 {
    let [t0, t1, t2, m0, c, m2, b0, b1, b2] = *boxes;
    let centre = lanes(&c[x..]);
    // Bit `k` where the centre box is at least the neighbour from `s`.
    let bit = |s: &[u16], k: usize| centre.simd_ge(lanes(&s[x..])) & BITS[k];
    // Spelt out: rustc does not unroll loops at opt-level "s".
    let top = bit(t0, 7) | bit(t1, 6) | bit(t2, 5);
    let middle = bit(m0, 4) | bit(m2, 3);
    let bottom = bit(b0, 2) | bit(b1, 1) | bit(b2, 0);
    top | middle | bottom
}

/// The first eight box sums of `s` (at most 9 × 255, so signed 16-bit
/// lanes hold them and compare them exactly).
#[inline(always)]
fn lanes(s: &[u16]) -> i16x8 {
    let v = s.first_chunk::<8>().expect("eight box sums");
    u16x8::new(*v).cast_signed()
}

/// Grow a buffer to at least `len` values; it never shrinks, so buffers
/// reused from scale to scale and call to call are not refilled.
fn grow<T: Copy + Default>(v: &mut Vec<T>, len: usize) {
    if v.len() < len {
        v.resize(len, T::default());
    }
}

/// `Vec::retain`, written out so that it inlines at opt-level "s".
#[inline(always)]
fn keep<T: Copy>(v: &mut Vec<T>, wanted: impl Fn(&T) -> bool) {
    let mut kept = 0;
    for i in 0..v.len() {
        let item = v[i];
        if wanted(&item) {
            v[kept] = item;
            kept += 1;
        }
    }
    v.truncate(kept);
}
