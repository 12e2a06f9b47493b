//! Later levels of the funnel: SURF-like gradient features of a 40×40
//! window and the small neural networks (MLPs) that score them.
//!
//! Per window pixel, the horizontal and vertical gradients `dx`, `dy` (the
//! difference of the two neighbours; twice the one-sided difference at the
//! border) give eight channels: `dx` and `|dx|` split by the sign of `dy`,
//! then `dy` and `|dy|` split by the sign of `dx`. A feature is a patch of
//! the window cut into 2×2 cells; its 32 values are the eight channel sums
//! of each cell (row by row), divided by their Euclidean norm. An MLP
//! concatenates its features, runs ReLU layers and a sigmoid output layer,
//! and yields a face score and corrections to the window's position and
//! size.

use super::WINDOW;

/// Gradient channels per pixel.
const CHANNELS: usize = 8;
/// Cells per feature patch (2×2), times channels.
pub(crate) const FEATURE_DIM: usize = 4 * CHANNELS;
/// Integral image side: one more than the window, for a zero border.
const SIDE: usize = WINDOW + 1;

/// A feature patch in window coordinates; always 2×2 cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Patch {
    x: usize,
    y: usize,
    width: usize,
    height: usize,
}

/// Every patch a model may refer to, in the order of the model's feature
/// ids: for each aspect ratio (in units wide × high), each height from 16
/// to 40 pixels whose cells come out whole and whose width is 16 to 40
/// pixels, every position on a 16-pixel grid that fits in the window.
pub(crate) fn feature_pool() -> Vec<Patch> {
    const ASPECTS: [(usize, usize); 5] = [(1, 1), (1, 2), (2, 1), (2, 3), (3, 2)];
    const MIN_SIDE: usize = 16;
    const GRID: usize = 16;
    let mut pool = Vec::new();
    for (units_w, units_h) in ASPECTS {
        for height in MIN_SIDE..=WINDOW {
            if height % 2 != 0 || height % units_h != 0 {
                continue;
            }
            let width = height / units_h * units_w;
            if width % 2 != 0 || !(MIN_SIDE..=WINDOW).contains(&width) {
                continue;
            }
            for y in (0..=WINDOW - height).step_by(GRID) {
                for x in (0..=WINDOW - width).step_by(GRID) {
                    pool.push(Patch {
                        x,
                        y,
                        width,
                        height,
                    });
                }
            }
        }
    }
    pool
}

/// The 8-channel integral image of one window, reused between windows.
pub(crate) struct SurfWindow {
    /// `SIDE × SIDE` cells of `CHANNELS` sums each; row 0 and column 0
    /// are zero, cell (x, y) sums pixels left of x and above y.
    integral: Vec<i32>,
}

impl Default for SurfWindow {
    fn default() -> Self {
        SurfWindow {
            integral: vec![0; SIDE * SIDE * CHANNELS],
        }
    }
}

/// Gradient at index `i` of a line of `WINDOW` samples read by `at`.
#[inline(always)]
fn gradient(at: impl Fn(usize) -> i32, i: usize) -> i32 {
    if i == 0 {
        2 * (at(1) - at(0))
    } else if i == WINDOW - 1 {
        2 * (at(WINDOW - 1) - at(WINDOW - 2))
    } else {
        at(i + 1) - at(i - 1)
    }
}

impl SurfWindow {
    /// Compute the channels and their integral image for a window.
    pub(crate) fn compute(&mut self, window: &[u8; WINDOW * WINDOW]) {
        let px = |x: usize, y: usize| i32::from(window[y * WINDOW + x]);
        let row_len = SIDE * CHANNELS;
        for y in 0..WINDOW {
            let (above, here) = self.integral.split_at_mut((y + 1) * row_len);
            let above = &above[y * row_len..];
            let here = &mut here[..row_len];
            let mut run = [0i32; CHANNELS];
            for x in 0..WINDOW {
                let dx = gradient(|i| px(i, y), x);
                let dy = gradient(|i| px(x, i), y);
                let (ax, ay) = (dx.abs(), dy.abs());
                let channels = if dy >= 0 {
                    [dx, ax, 0, 0]
                } else {
                    [0, 0, dx, ax]
                };
                let more = if dx >= 0 {
                    [dy, ay, 0, 0]
                } else {
                    [0, 0, dy, ay]
                };
                let at = (x + 1) * CHANNELS;
                for c in 0..4 {
                    run[c] += channels[c];
                    run[c + 4] += more[c];
                }
                let (up, out) = (&above[at..at + CHANNELS], &mut here[at..at + CHANNELS]);
                for c in 0..CHANNELS {
                    out[c] = up[c] + run[c];
                }
            }
        }
    }

    /// The normalised 32 values of one feature patch.
    fn feature(&self, p: Patch, out: &mut [f32]) {
        let (cw, ch) = (p.width / 2, p.height / 2);
        let mut sums = [0i32; FEATURE_DIM];
        for (cell, values) in sums.chunks_exact_mut(CHANNELS).enumerate() {
            let x0 = p.x + (cell % 2) * cw;
            let y0 = p.y + (cell / 2) * ch;
            let corner = |x: usize, y: usize| (y * SIDE + x) * CHANNELS;
            let (tl, tr) = (corner(x0, y0), corner(x0 + cw, y0));
            let (bl, br) = (corner(x0, y0 + ch), corner(x0 + cw, y0 + ch));
            for (c, v) in values.iter_mut().enumerate() {
                let t = &self.integral;
                *v = t[br + c] - t[bl + c] - t[tr + c] + t[tl + c];
            }
        }
        // Norm in f64 from exact squares, summed in order, as trained.
        let mut norm_sq = 0f64;
        for &v in &sums {
            norm_sq += (i64::from(v) * i64::from(v)) as f64;
        }
        if norm_sq == 0.0 {
            out.fill(0.0);
            return;
        }
        let norm = norm_sq.sqrt() as f32;
        for (o, &v) in out.iter_mut().zip(&sums) {
            *o = v as f32 / norm;
        }
    }
}

/// Lanes of a layer computed together: eight outputs, each summed in input
/// order (so results are bit-identical to a plain dot product), with eight
/// independent running sums for the processor to overlap.
const LANES: usize = 8;

/// One fully connected layer, weights stored lane-interleaved: for each
/// block of eight outputs, for each input, the eight outputs' weights.
pub(crate) struct Layer {
    inputs: usize,
    outputs: usize,
    blocks: Vec<[f32; LANES]>,
    biases: Vec<f32>,
}

impl Layer {
    /// From row-major `outputs × inputs` weights (one row per output).
    pub(crate) fn new(inputs: usize, outputs: usize, weights: &[f32], biases: &[f32]) -> Self {
        let block_count = outputs.div_ceil(LANES);
        let mut blocks = vec![[0f32; LANES]; block_count * inputs];
        for (o, row) in weights.chunks_exact(inputs).enumerate() {
            let (block, lane) = (o / LANES, o % LANES);
            for (i, &w) in row.iter().enumerate() {
                blocks[block * inputs + i][lane] = w;
            }
        }
        let mut padded = biases.to_vec();
        padded.resize(block_count * LANES, 0.0);
        Layer {
            inputs,
            outputs,
            blocks,
            biases: padded,
        }
    }

    /// `output = activation(weights · input + bias)`; `output` gets
    /// `outputs` rounded up to a multiple of eight values (the padding
    /// lanes are ignored by the next layer).
    fn forward(&self, input: &[f32], output: &mut Vec<f32>, activation: fn(f32) -> f32) {
        output.clear();
        let input = &input[..self.inputs];
        for (block, biases) in self
            .blocks
            .chunks_exact(self.inputs)
            .zip(self.biases.chunks_exact(LANES))
        {
            let mut acc = [0f32; LANES];
            for (&x, w) in input.iter().zip(block) {
                for l in 0..LANES {
                    acc[l] += x * w[l];
                }
            }
            for l in 0..LANES {
                output.push(activation(acc[l] + biases[l]));
            }
        }
    }
}

fn relu(x: f32) -> f32 {
    if x > 0.0 { x } else { 0.0 }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// One MLP stage: its features, face threshold and layers.
pub(crate) struct Mlp {
    features: Vec<Patch>,
    /// Windows scoring above this are faces at this stage.
    pub(crate) threshold: f32,
    layers: Vec<Layer>,
}

/// Buffers for running an MLP, reused between windows.
#[derive(Default)]
pub(crate) struct MlpScratch {
    a: Vec<f32>,
    b: Vec<f32>,
}

impl Mlp {
    /// `layers` is non-empty, the first taking `FEATURE_DIM` inputs per
    /// feature and the last giving four outputs (the parser checks).
    pub(crate) fn new(features: Vec<Patch>, threshold: f32, layers: Vec<Layer>) -> Self {
        Mlp {
            features,
            threshold,
            layers,
        }
    }

    /// Score, x, y and size corrections (each 0..1) of a window.
    pub(crate) fn run(&self, window: &SurfWindow, s: &mut MlpScratch) -> [f32; 4] {
        s.a.clear();
        s.a.resize(self.features.len() * FEATURE_DIM, 0.0);
        for (&patch, out) in self.features.iter().zip(s.a.chunks_exact_mut(FEATURE_DIM)) {
            window.feature(patch, out);
        }
        let last = self.layers.len() - 1;
        for (i, layer) in self.layers.iter().enumerate() {
            let activation = if i == last { sigmoid } else { relu };
            layer.forward(&s.a, &mut s.b, activation);
            std::mem::swap(&mut s.a, &mut s.b);
        }
        match self.layers.last() {
            Some(l) if l.outputs >= 4 => [s.a[0], s.a[1], s.a[2], s.a[3]],
            _ => [0.0; 4],
        }
    }
}
