//! Reads the SeetaFace "FuSt" model file into the typed [`Model`] the
//! detector runs, refusing anything it does not fully understand.
//!
//! The file is a flat little-endian stream of `i32` counts and real
//! numbers, the reals stored as [`Reals`] says (SeetaFace's own file: all
//! `f32`; the embedded one: weight tables quantized to 8 bits):
//!
//! ```text
//! levels                          how many levels the funnel has
//! per level:
//!   groups                        how many classifier groups at this level
//!   per group:
//!     stages                      how many classifiers run in sequence
//!     per stage:
//!       kind                      0 = boosted LAB, 1 = SURF MLP
//!       (classifier data, below)
//!     sources, then that many ids which groups of the previous level feed it
//!                                 (none, stored as -1, on the first level)
//!
//! boosted LAB:  n, bins, n × (x, y) feature offsets, n thresholds,
//!               n × (bins + 1) weights
//! SURF MLP:     layers, features, feature ids (1-based), threshold,
//!               input size, then per further layer: output size,
//!               output × input weights (row-major), output biases
//! ```
//!
//! The bundled model has three levels: three LAB classifiers (one per head
//! pose) that scan the image, then one group of two small MLPs fed by all
//! three, then one group with a larger MLP. The parser accepts any model of
//! that shape (first level: LAB only, one stage each; later levels: MLPs
//! only) and checks every count against the bytes that are left before
//! allocating, so a truncated or corrupt file is an error, never a panic or
//! a huge allocation.

use half::f16;

use super::lab::{LAB_BINS, LabClassifier, MAX_LAB_OFFSET};
use super::surf::{FEATURE_DIM, Layer, Mlp, Patch, feature_pool};

/// Why a model was refused: a fixed phrase naming the broken part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ModelError(pub(crate) &'static str);

/// Generous caps on structural counts (the bundled model uses at most 16 of
/// anything here); they only bound what a corrupt file can ask for.
const MAX_LEVELS: usize = 8;
const MAX_GROUPS: usize = 16;
const MAX_STAGES: usize = 16;
const MAX_LAB_FEATURES: usize = 4096;
const MAX_MLP_FEATURES: usize = 64;
const MAX_LAYERS: usize = 16;
const MAX_LAYER_WIDTH: usize = 4096;
/// Outputs of a stage's last layer: score, then x, y and size corrections.
const MLP_OUTPUTS: usize = 4;

/// One group of a later level: MLP stages run in turn on the proposals
/// gathered from the previous level's groups listed in `sources`.
pub(crate) struct Group {
    pub(crate) sources: Vec<usize>,
    pub(crate) stages: Vec<Mlp>,
}

/// The whole detector model.
pub(crate) struct Model {
    /// First level: each classifier scans the image pyramid on its own and
    /// yields its own list of proposals.
    pub(crate) scanners: Vec<LabClassifier>,
    /// Later levels, in order; each group's output list replaces the
    /// previous level's lists. The first group of the last level holds the
    /// faces.
    pub(crate) levels: Vec<Vec<Group>>,
}

/// How a model file stores its real numbers (counts and ids are always
/// 32-bit integers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reals {
    /// 32-bit floats: SeetaFace's own file (read by the tests, which
    /// compare with rustface and make the embedded file from it).
    #[cfg_attr(not(test), allow(dead_code))]
    F32,
    /// The file the library embeds, a quarter of the original's size: each
    /// row of a weight table (a LAB feature's bins, an MLP neuron's inputs)
    /// as 8-bit integers times one 16-bit float scale; thresholds and
    /// biases as 16-bit floats. It finds the original's faces, each square
    /// moved by a few pixels at most (see `tests.rs`).
    Q8,
}

impl Reals {
    /// Bytes of a single real (threshold, bias, scale).
    fn width(self) -> usize {
        match self {
            Self::F32 => 4,
            Self::Q8 => 2,
        }
    }

    /// Bytes of a weight table of `rows` × `cols`, or `None` on overflow.
    fn table_bytes(self, rows: usize, cols: usize) -> Option<usize> {
        match self {
            Self::F32 => rows.checked_mul(cols)?.checked_mul(4),
            Self::Q8 => rows.checked_mul(cols.checked_add(2)?),
        }
    }
}

/// Parse a model file.
pub(crate) fn parse(bytes: &[u8], reals: Reals) -> Result<Model, ModelError> {
    read_model(&mut Reader::new(bytes, reals))
}

/// SeetaFace's own model file with its reals stored the way `to` says:
/// the embedded model (`Reals::Q8`) is made with this.
#[cfg(test)]
pub(crate) fn convert(original: &[u8], to: Reals) -> Result<Vec<u8>, ModelError> {
    let mut r = Reader::new(original, Reals::F32);
    r.copy = Some((to, Vec::with_capacity(original.len())));
    read_model(&mut r)?;
    r.copy
        .map(|(_, bytes)| bytes)
        .ok_or(ModelError("the face model was not copied"))
}

fn read_model(r: &mut Reader<'_>) -> Result<Model, ModelError> {
    let bytes_len = r.bytes.len();
    let pool = feature_pool();
    let levels = r.count(MAX_LEVELS, "the face model's level count is out of range")?;
    if levels < 2 {
        return Err(ModelError("the face model has fewer than two levels"));
    }
    let mut scanners = Vec::new();
    let mut later: Vec<Vec<Group>> = Vec::new();
    for level in 0..levels {
        let groups = r.count(MAX_GROUPS, "a face model group count is out of range")?;
        if groups == 0 {
            return Err(ModelError("a face model level is empty"));
        }
        // How many lists the previous level leaves behind.
        let inputs = match later.last() {
            Some(previous) => previous.len(),
            None => scanners.len(),
        };
        let mut this_level = Vec::with_capacity(groups);
        for _ in 0..groups {
            let stages = r.count(MAX_STAGES, "a face model stage count is out of range")?;
            if stages == 0 {
                return Err(ModelError("a face model group has no stage"));
            }
            if level == 0 {
                if stages != 1 || r.i32()? != 0 {
                    return Err(ModelError("the face model's first level is not LAB"));
                }
                scanners.push(read_lab(r)?);
                // The first level scans the image: no sources (stored as -1).
                if r.i32()? > 0 {
                    return Err(ModelError("the face model's first level has sources"));
                }
                continue;
            }
            let mut mlps = Vec::with_capacity(stages);
            for _ in 0..stages {
                if r.i32()? != 1 {
                    return Err(ModelError("a later face model level is not MLP"));
                }
                mlps.push(read_mlp(r, &pool)?);
            }
            let n = r.count(MAX_GROUPS, "a face model source count is out of range")?;
            if n == 0 {
                return Err(ModelError("a face model group has no source"));
            }
            let mut sources = Vec::with_capacity(n);
            for _ in 0..n {
                let s = r.count(MAX_GROUPS, "a face model source id is out of range")?;
                if s >= inputs {
                    return Err(ModelError("a face model source id is out of range"));
                }
                sources.push(s);
            }
            this_level.push(Group {
                sources,
                stages: mlps,
            });
        }
        if level > 0 {
            later.push(this_level);
        }
    }
    if r.pos != bytes_len {
        return Err(ModelError("the face model has trailing bytes"));
    }
    Ok(Model {
        scanners,
        levels: later,
    })
}

fn read_lab(r: &mut Reader<'_>) -> Result<LabClassifier, ModelError> {
    let n = r.count(MAX_LAB_FEATURES, "a LAB feature count is out of range")?;
    let bins = r.count(LAB_BINS, "a LAB bin count is out of range")?;
    // Scores are checked after every group of ten features.
    if n == 0 || n % 10 != 0 || bins + 1 != LAB_BINS {
        return Err(ModelError("a LAB classifier has an unexpected shape"));
    }
    r.need(2 * n * 4)?;
    let mut offsets = Vec::with_capacity(n);
    for _ in 0..n {
        let x = r.count(MAX_LAB_OFFSET, "a LAB feature offset is out of range")?;
        let y = r.count(MAX_LAB_OFFSET, "a LAB feature offset is out of range")?;
        offsets.push((x, y));
    }
    let thresholds = r.f32s(n)?;
    let weights = r.table(n, LAB_BINS)?;
    Ok(LabClassifier::new(offsets, thresholds, weights))
}

fn read_mlp(r: &mut Reader<'_>, pool: &[Patch]) -> Result<Mlp, ModelError> {
    let layers = r.count(MAX_LAYERS, "an MLP layer count is out of range")?;
    let features = r.count(MAX_MLP_FEATURES, "an MLP feature count is out of range")?;
    if layers < 2 || features == 0 {
        return Err(ModelError("an MLP has an unexpected shape"));
    }
    let mut patches = Vec::with_capacity(features);
    for _ in 0..features {
        // Feature ids count from 1.
        let id = r.count(pool.len(), "an MLP feature id is out of range")?;
        let Some(&patch) = id.checked_sub(1).and_then(|i| pool.get(i)) else {
            return Err(ModelError("an MLP feature id is out of range"));
        };
        patches.push(patch);
    }
    let threshold = r.f32()?;
    let mut inputs = r.count(MAX_LAYER_WIDTH, "an MLP input size is out of range")?;
    if inputs != features * FEATURE_DIM {
        return Err(ModelError(
            "an MLP's input size does not match its features",
        ));
    }
    let mut built = Vec::with_capacity(layers - 1);
    for _ in 1..layers {
        let outputs = r.count(MAX_LAYER_WIDTH, "an MLP layer size is out of range")?;
        if outputs == 0 {
            return Err(ModelError("an MLP layer is empty"));
        }
        let weights = r.table(outputs, inputs)?;
        let biases = r.f32s(outputs)?;
        built.push(Layer::new(inputs, outputs, &weights, &biases));
        inputs = outputs;
    }
    if inputs != MLP_OUTPUTS {
        return Err(ModelError("an MLP does not end in four outputs"));
    }
    Ok(Mlp::new(patches, threshold, built))
}

/// Cursor over the model bytes; every read is bounds-checked.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    reals: Reals,
    /// When set, everything read is copied here, reals stored as given.
    copy: Option<(Reals, Vec<u8>)>,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], reals: Reals) -> Self {
        Self {
            bytes,
            pos: 0,
            reals,
            copy: None,
        }
    }

    /// Fail unless `n` more bytes are left (checked before allocating).
    fn need(&self, n: usize) -> Result<(), ModelError> {
        if n <= self.bytes.len() - self.pos {
            Ok(())
        } else {
            Err(ModelError("the face model is truncated"))
        }
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let end = self.pos + N;
        let Some(w) = self.bytes.get(self.pos..end) else {
            return Err(ModelError("the face model is truncated"));
        };
        self.pos = end;
        let mut out = [0u8; N];
        out.copy_from_slice(w);
        Ok(out)
    }

    fn i32(&mut self) -> Result<i32, ModelError> {
        let word = self.take::<4>()?;
        if let Some((_, copy)) = self.copy.as_mut() {
            copy.extend_from_slice(&word);
        }
        Ok(i32::from_le_bytes(word))
    }

    /// One real that is not a weight: a threshold, a bias.
    fn f32(&mut self) -> Result<f32, ModelError> {
        let value = self.read_real()?;
        if let Some((to, copy)) = self.copy.as_mut() {
            write_real(copy, *to, value);
        }
        Ok(value)
    }

    fn read_real(&mut self) -> Result<f32, ModelError> {
        Ok(match self.reals {
            Reals::F32 => f32::from_le_bytes(self.take::<4>()?),
            Reals::Q8 => f16::from_bits(u16::from_le_bytes(self.take()?)).to_f32(),
        })
    }

    /// A count or index in `0..=max`.
    fn count(&mut self, max: usize, what: &'static str) -> Result<usize, ModelError> {
        let v = self.i32()?;
        match usize::try_from(v) {
            Ok(v) if v <= max => Ok(v),
            _ => Err(ModelError(what)),
        }
    }

    fn f32s(&mut self, n: usize) -> Result<Vec<f32>, ModelError> {
        self.need(n.saturating_mul(self.reals.width()))?;
        (0..n).map(|_| self.f32()).collect()
    }

    /// A weight table of `rows` × `cols`, row-major.
    fn table(&mut self, rows: usize, cols: usize) -> Result<Vec<f32>, ModelError> {
        let bytes = self.reals.table_bytes(rows, cols);
        self.need(bytes.ok_or(ModelError("the face model is truncated"))?)?;
        let mut out = Vec::with_capacity(rows * cols);
        for _ in 0..rows {
            let start = out.len();
            if self.reals == Reals::Q8 {
                let scale = self.read_real()?;
                for _ in 0..cols {
                    let [q] = self.take::<1>()?;
                    out.push(f32::from(q as i8) * scale);
                }
            } else {
                for _ in 0..cols {
                    out.push(self.read_real()?);
                }
            }
            if let Some((to, copy)) = self.copy.as_mut() {
                write_row(copy, *to, &out[start..]);
            }
        }
        Ok(out)
    }
}

fn write_real(copy: &mut Vec<u8>, to: Reals, value: f32) {
    match to {
        Reals::F32 => copy.extend_from_slice(&value.to_le_bytes()),
        Reals::Q8 => copy.extend_from_slice(&f16::from_f32(value).to_bits().to_le_bytes()),
    }
}

/// A weight row in `to`'s form; for `Q8`, the scale maps the row's largest
/// magnitude to ±127 and is itself rounded to 16 bits first, so the file
/// holds exactly the integers that scale reproduces best.
fn write_row(copy: &mut Vec<u8>, to: Reals, row: &[f32]) {
    if to != Reals::Q8 {
        row.iter().for_each(|&w| write_real(copy, to, w));
        return;
    }
    let largest = row.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = f16::from_f32(largest / 127.0);
    copy.extend_from_slice(&scale.to_bits().to_le_bytes());
    let scale = scale.to_f32();
    for &w in row {
        let q = if scale > 0.0 {
            (w / scale).round().clamp(-127.0, 127.0)
        } else {
            0.0
        };
        copy.push(q as i8 as u8);
    }
}
