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

use wide::{f32x4, i32x4};

use super::WINDOW;

/// Gradient channels per pixel.
const CHANNELS: usize = 8;
/// Cells per feature patch (2×2), times channels.
pub(crate) const FEATURE_DIM: usize = 4 * CHANNELS;

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

/// Where a stage's cells lie: the sorted distinct x and y coordinates of
/// their edges, and each feature's edges as indices into them.
struct Grid {
    xs: Vec<usize>,
    ys: Vec<usize>,
    /// Per feature: left, middle, right edge indices into `xs`, then top,
    /// middle, bottom into `ys`.
    edges: Vec<[usize; 6]>,
}

impl Grid {
    fn new(patches: &[Patch]) -> Self {
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for p in patches {
            xs.extend([p.x, p.x + p.width / 2, p.x + p.width]);
            ys.extend([p.y, p.y + p.height / 2, p.y + p.height]);
        }
        for v in [&mut xs, &mut ys] {
            v.sort_unstable();
            v.dedup();
        }
        let at = |v: &[usize], c: usize| v.iter().position(|&e| e == c).unwrap_or(0);
        let edges = patches
            .iter()
            .map(|p| {
                [
                    at(&xs, p.x),
                    at(&xs, p.x + p.width / 2),
                    at(&xs, p.x + p.width),
                    at(&ys, p.y),
                    at(&ys, p.y + p.height / 2),
                    at(&ys, p.y + p.height),
                ]
            })
            .collect();
        Grid { xs, ys, edges }
    }
}

/// Side of the window padded by one pixel all round.
const PADDED: usize = WINDOW + 2;

/// One window's pixels and its channel sums at a stage's cell corners,
/// reused between windows.
pub(crate) struct SurfWindow {
    /// The window with a one-pixel border, `PADDED` wide, extrapolated
    /// (`2 × edge − next`) so that the gradient is the difference of the
    /// two neighbours everywhere: on the window's border that is twice the
    /// one-sided difference, as trained. Corners are never read.
    padded: Vec<i32>,
    /// Per x edge: channel sums over the rows done so far, left of it.
    columns: Vec<[i32; CHANNELS]>,
    /// Per (y edge, x edge), row-major: channel sums over the pixels above
    /// and left of that corner (an integral image sampled at the corners).
    corners: Vec<[i32; CHANNELS]>,
}

impl Default for SurfWindow {
    fn default() -> Self {
        SurfWindow {
            padded: vec![0; PADDED * PADDED],
            columns: Vec::new(),
            corners: Vec::new(),
        }
    }
}

impl SurfWindow {
    /// Pad a window, then take its channel sums at the grid's corners.
    fn compute(&mut self, window: &[u8; WINDOW * WINDOW], grid: &Grid) {
        let p = &mut self.padded;
        for (y, row) in window.chunks_exact(WINDOW).enumerate() {
            let out = &mut p[(y + 1) * PADDED..(y + 2) * PADDED];
            for (o, &v) in out[1..=WINDOW].iter_mut().zip(row) {
                *o = i32::from(v);
            }
            out[0] = 2 * out[1] - out[2];
            out[WINDOW + 1] = 2 * out[WINDOW] - out[WINDOW - 1];
        }
        for x in 1..=WINDOW {
            p[x] = 2 * p[PADDED + x] - p[2 * PADDED + x];
            let (last, before) = (WINDOW * PADDED + x, (WINDOW - 1) * PADDED + x);
            p[last + PADDED] = 2 * p[last] - p[before];
        }

        self.columns.clear();
        self.columns.resize(grid.xs.len(), [0; CHANNELS]);
        self.corners.clear();
        let mut y = 0;
        for &edge in &grid.ys {
            if y < edge {
                self.add_rows(y..edge, &grid.xs);
                y = edge;
            }
            self.corners.extend_from_slice(&self.columns);
        }
    }

    /// Add the channel sums of window rows `rows` to `columns`: first down
    /// each pixel column, four columns per vector, then along the bands of
    /// columns.
    fn add_rows(&mut self, rows: std::ops::Range<usize>, xs: &[usize]) {
        // Columns right of the last edge are never summed.
        let groups = xs.last().map_or(0, |&e| e.div_ceil(4));
        let down = column_sums(&self.padded, rows, groups);
        for (c, sums) in down.iter().enumerate() {
            let mut x = 0;
            let mut run = 0;
            for (&edge, column) in xs.iter().zip(&mut self.columns) {
                run += sums[x..edge].iter().sum::<i32>();
                column[c] += run;
                x = edge;
            }
        }
    }

    /// The normalised 32 values of a grid's feature `index`.
    fn feature(&self, grid: &Grid, index: usize, out: &mut [f32]) {
        let [x0, x1, x2, y0, y1, y2] = grid.edges[index];
        let nx = grid.xs.len();
        let cells = [
            (x0, x1, y0, y1),
            (x1, x2, y0, y1),
            (x0, x1, y1, y2),
            (x1, x2, y1, y2),
        ];
        let mut sums = [0i32; FEATURE_DIM];
        for (values, (l, r, t, b)) in sums.chunks_exact_mut(CHANNELS).zip(cells) {
            let (tl, tr) = (&self.corners[t * nx + l], &self.corners[t * nx + r]);
            let (bl, br) = (&self.corners[b * nx + l], &self.corners[b * nx + r]);
            for c in 0..CHANNELS {
                values[c] = br[c] - bl[c] - tr[c] + tl[c];
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

/// Per channel and window column, the sums over window rows `rows` of the
/// padded window `p`, for the first `groups` × 4 columns (the rest are
/// zero). The eight channels: `dx` and `|dx|` where `dy` ≥ 0, then where
/// `dy` < 0; `dy` and `|dy|` where `dx` ≥ 0, then where `dx` < 0.
///
/// Four columns per vector (SSE2 on x86-64, NEON on ARM): every window
/// that passes the LAB stage goes through this, and rustc does not
/// auto-vectorise at opt-level "s".
fn column_sums(
    p: &[i32],
    rows: std::ops::Range<usize>,
    groups: usize,
) -> [[i32; WINDOW]; CHANNELS] {
    const GROUPS: usize = WINDOW / 4;
    let mut acc = [[i32x4::ZERO; GROUPS]; CHANNELS];
    for y in rows {
        let above = &p[y * PADDED..(y + 1) * PADDED];
        let here = &p[(y + 1) * PADDED..(y + 2) * PADDED];
        let below = &p[(y + 2) * PADDED..(y + 3) * PADDED];
        // `g` indexes all eight channel accumulators: clearer as a range.
        #[allow(clippy::needless_range_loop)]
        for g in 0..groups.min(GROUPS) {
            // Padded columns x .. x + 6 hold window columns x − 1 .. x + 4.
            let x = 4 * g;
            let dx = lanes(&here[x + 2..]) - lanes(&here[x..]);
            let dy = lanes(&below[x + 1..]) - lanes(&above[x + 1..]);
            // All ones where negative, else zero.
            let (neg_x, neg_y) = (dx >> 31_u32, dy >> 31_u32);
            let adx = (dx ^ neg_x) - neg_x;
            let ady = (dy ^ neg_y) - neg_y;
            // Spelt out: rustc does not unroll loops at opt-level "s".
            acc[0][g] += !neg_y & dx;
            acc[1][g] += !neg_y & adx;
            acc[2][g] += neg_y & dx;
            acc[3][g] += neg_y & adx;
            acc[4][g] += !neg_x & dy;
            acc[5][g] += !neg_x & ady;
            acc[6][g] += neg_x & dy;
            acc[7][g] += neg_x & ady;
        }
    }
    let mut out = [[0i32; WINDOW]; CHANNELS];
    for (o, a) in out.iter_mut().zip(&acc) {
        for (o, v) in o.chunks_exact_mut(4).zip(a) {
            o.copy_from_slice(v.as_array());
        }
    }
    out
}

/// The first four values of `s`.
#[inline(always)]
fn lanes(s: &[i32]) -> i32x4 {
    i32x4::new(*s.first_chunk::<4>().expect("four values"))
}

/// Outputs of a layer computed together: sixteen, each summed in input
/// order (so results are bit-identical to a plain dot product), with
/// sixteen independent running sums for the processor to overlap.
const LANES: usize = 16;

/// One fully connected layer, weights stored lane-interleaved: for each
/// block of sixteen outputs, for each input, the sixteen outputs' weights.
pub(crate) struct Layer {
    inputs: usize,
    outputs: usize,
    blocks: Vec<[f32x4; LANES / 4]>,
    biases: Vec<f32>,
}

impl Layer {
    /// From row-major `outputs × inputs` weights (one row per output).
    pub(crate) fn new(inputs: usize, outputs: usize, weights: &[f32], biases: &[f32]) -> Self {
        let block_count = outputs.div_ceil(LANES);
        let mut blocks = vec![[f32x4::ZERO; LANES / 4]; block_count * inputs];
        for (o, row) in weights.chunks_exact(inputs).enumerate() {
            let (block, lane) = (o / LANES, o % LANES);
            for (i, &w) in row.iter().enumerate() {
                blocks[block * inputs + i][lane / 4].as_mut_array()[lane % 4] = w;
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
    /// `outputs` rounded up to a multiple of sixteen values (the padding
    /// lanes are ignored by the next layer).
    fn forward(&self, input: &[f32], output: &mut Vec<f32>, activation: fn(f32) -> f32) {
        output.clear();
        let input = &input[..self.inputs];
        let biases = self.biases.chunks_exact(LANES);
        for (block, biases) in self.blocks.chunks_exact(self.inputs).zip(biases) {
            let sums = dot_block(input, block);
            for (&sum, &bias) in sums.iter().zip(biases) {
                output.push(activation(sum + bias));
            }
        }
    }
}

/// Sixteen dot products of `input` with one block's interleaved weights,
/// each summed in input order: the lanes are the outputs, never parts of
/// one sum, so every output is rounded exactly like a plain dot product.
///
/// Explicit vectors (four SSE or NEON registers of four lanes):
/// the MLPs take 4× less time than in scalar code, which rustc does not
/// vectorise at opt-level "s".
fn dot_block(input: &[f32], block: &[[f32x4; LANES / 4]]) -> [f32; LANES] {
    let mut acc = [f32x4::ZERO; LANES / 4];
    for (&x, w) in input.iter().zip(block) {
        // Written out, not `splat`: that is a store loop at opt-level "s".
        let x = f32x4::new([x, x, x, x]);
        // Separate multiply and add (no fused multiply-add), rounded like
        // the scalar code; spelt out, as rustc does not unroll loops at
        // opt-level "s".
        acc[0] += x * w[0];
        acc[1] += x * w[1];
        acc[2] += x * w[2];
        acc[3] += x * w[3];
    }
    let mut out = [0f32; LANES];
    for (o, a) in out.chunks_exact_mut(4).zip(acc) {
        o.copy_from_slice(a.as_array());
    }
    out
}

fn relu(x: f32) -> f32 {
    if x > 0.0 { x } else { 0.0 }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// One MLP stage: its features, face threshold and layers.
pub(crate) struct Mlp {
    grid: Grid,
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
            grid: Grid::new(&features),
            threshold,
            layers,
        }
    }

    /// Score, x, y and size corrections (each 0..1) of a window.
    pub(crate) fn run(
        &self,
        pixels: &[u8; WINDOW * WINDOW],
        window: &mut SurfWindow,
        s: &mut MlpScratch,
    ) -> [f32; 4] {
        window.compute(pixels, &self.grid);
        s.a.clear();
        s.a.resize(self.grid.edges.len() * FEATURE_DIM, 0.0);
        for (i, out) in s.a.chunks_exact_mut(FEATURE_DIM).enumerate() {
            window.feature(&self.grid, i, out);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The lane-interleaved dot products equal plain in-order sums, bit
    /// for bit (the property that keeps scores identical to rustface's).
    #[test]
    fn blocks_sum_like_a_plain_dot_product() {
        let (inputs, outputs) = (37, 21);
        let value = |i: usize| ((i * 7919 % 1000) as f32 - 500.0) / 37.0;
        let weights: Vec<f32> = (0..inputs * outputs).map(|i| value(i) / 113.0).collect();
        let biases: Vec<f32> = (0..outputs).map(|i| value(i + 5000)).collect();
        let input: Vec<f32> = (0..inputs).map(|i| value(i + 9000)).collect();
        let layer = Layer::new(inputs, outputs, &weights, &biases);
        let mut out = Vec::new();
        layer.forward(&input, &mut out, |x| x);
        for (o, row) in weights.chunks_exact(inputs).enumerate() {
            let plain: f32 = input.iter().zip(row).map(|(x, w)| x * w).sum::<f32>() + biases[o];
            assert_eq!(out[o].to_bits(), plain.to_bits(), "output {o}");
        }
    }

    #[test]
    fn the_pool_has_the_models_56_patches() {
        let pool = feature_pool();
        assert_eq!(pool.len(), 56);
        assert!(
            pool.iter()
                .all(|p| p.x + p.width <= WINDOW && p.y + p.height <= WINDOW)
        );
    }
}
