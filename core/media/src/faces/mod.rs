//! On-device face detection with the bundled SeetaFace frontal model.
//!
//! The model (BSD-2, 0.3 MB with 8-bit weights, see `core/media/model/README.md`) is compiled into the
//! library and parsed once per thread; nothing is downloaded and no face
//! data leaves this function except the boxes.
//!
//! This is our own implementation of SeetaFace's funnel-structured cascade
//! ("FuSt"): on SeetaFace's own model file it gives exactly the detections
//! of the `rustface` crate (which the tests use as the oracle):
//!
//! 1. [`pyramid`]: the plane is shrunk by 0.75 again and again until its
//!    shorter side is one 40 px window;
//! 2. [`lab`]: at every scale, every 40×40 window on a 4 px grid is scored
//!    by three boosted LAB classifiers (one per head pose); each classifier
//!    keeps its own list of candidate squares, mapped back to the plane;
//! 3. [`nms`]: overlapping candidates are merged into the best one;
//! 4. [`surf`]: the merged candidates of all three lists are cut out,
//!    scaled to 40×40 and scored by MLPs on gradient features, which also
//!    correct each square's position and size; two stages, then a third,
//!    larger one, with merging in between;
//! 5. squares scoring at least [`SCORE_THRESHOLD`] are faces.
//!
//! [`model`] reads the model file and refuses a corrupt one.
//!
//! Limits: the detector's window is [`FACE_WINDOW_PX`] (40 px), so faces
//! smaller than 40 px in the plane it scans are not found. The photo
//! pipeline scans a plane whose long edge is the policy's
//! `face_scan_long_edge` (512 px by default): the smallest face found is
//! then 40 / 384 ≈ 10 % of a 4:3 photo's shorter edge (about 80 px of a
//! 1024×768 output).
//!
//! Cost, measured with `cargo bench -p checkin-media --bench faces`
//! (criterion medians, opt-level "s", on the shared 2-core x86-64 build
//! machine): a 512×384 plane (two_faces.jpg) takes 9.1 ms against
//! rustface's 37.7 ms, a 512×512 one (portrait.jpg) 11.8 ms against
//! 44.6 ms (runs vary by about 10 %; the ratio stays near 4). About
//! half of it goes to the ~1,000 candidate squares the MLP stages look at
//! (cutting out and scaling each, its gradient sums, the networks), a third
//! to the LAB scan. Time grows with the plane's area. Memory: about 12
//! bytes per scanned pixel, plus about 1.2 MB for the parsed model, kept
//! per thread. Finding smaller bystanders (768 px: 7 %, 1024 px: 5 %)
//! costs about 2.3× and 4× the time; programs choose.
//!
//! rustc does not vectorise loops at opt-level "s", so three small kernels
//! (the MLP dot products, the gradient column sums and the LAB bytes) are
//! written with the `wide` crate's vector types: one safe implementation
//! that compiles to SSE2 on x86-64, NEON on ARM phones and scalar code
//! elsewhere. Each lane does exactly what scalar code would (the dot
//! products add in input order), so detections match rustface's bit for
//! bit.

mod lab;
mod model;
mod nms;
mod pyramid;
mod surf;

use std::cell::RefCell;
use std::collections::HashMap;

use super::MediaError;
use checkin_pixels::Region;
use lab::LabMap;
use model::{Model, Reals};
use nms::{Proposal, suppress};
use pyramid::Resizer;
use surf::{MlpScratch, SurfWindow};

/// The detector's fixed window: smaller planes cannot hold a face.
pub(crate) const FACE_WINDOW_PX: u32 = 40;
/// Minimum detector score for a face. Calibrated on fixtures/media: clear
/// frontal faces score 5-27, a defocused one 2.6, false alarms on clothing
/// and coffee up to 2.0. Missing a face only ever yields a warning (unless
/// a program makes `NoFace` blocking), a false alarm would blur part of the
/// participant, so the cut sits above every false alarm seen.
const SCORE_THRESHOLD: f64 = 3.0;
/// Candidates scoring at least this but under [`SCORE_THRESHOLD`] are
/// reported as possible faces: midway between the highest false alarm seen
/// (2.0) and the defocused face (2.6). The photo pipeline blurs them too
/// when they are not the participant, and says the blur is uncertain.
const POSSIBLE_FACE_SCORE: f64 = 2.3;
/// Faces scoring under this are found with low confidence: clear frontal
/// faces score 5-27, the defocused portrait of fixtures/media/blurred.jpg
/// 3.9. Where the detector is that unsure of one face, it may have missed
/// another.
const CONFIDENT_SCORE: f64 = 5.0;
/// Pyramid step between scales: 0.75 keeps every face size within about
/// 15 % of a scanned scale while visiting 18 % fewer pixels than 0.8.
const PYRAMID_SCALE: f32 = 0.75;
/// Sliding-window step in pixels.
const WINDOW_STEP: u32 = 4;

/// The window side as an index.
const WINDOW: usize = FACE_WINDOW_PX as usize;
/// Candidates overlapping a better one by more than this (intersection
/// over union) are merged into it, between stages...
const MERGE_IOU: f32 = 0.8;
/// ...and, after the last stage, already by this much.
const FINAL_MERGE_IOU: f32 = 0.3;

/// SeetaFace's frontal model with its weight tables quantized to 8 bits
/// (0.3 MB instead of 1.2 MB; `model::convert` makes it from the original,
/// and the tests check both find the same faces), zlib-compressed by
/// build.rs.
static MODEL_ZLIB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/face_model.q8.z"));
/// The inflated model's size, with room: a bound, not a guess.
const MODEL_MAX_BYTES: usize = 1024 * 1024;

/// The quantized model's bytes, inflated (about a millisecond, once per
/// thread that detects faces).
fn model_bytes() -> Result<Vec<u8>, MediaError> {
    fdeflate::decompress_to_vec_bounded(MODEL_ZLIB, MODEL_MAX_BYTES).map_err(|_| {
        MediaError::Internal {
            detail: "the bundled face model does not inflate",
        }
    })
}

thread_local! {
    static DETECTOR: RefCell<Option<Detector>> = const { RefCell::new(None) };
}

/// One detection: a square clamped to the plane, and the detector's score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Detection {
    pub(crate) region: Region,
    pub(crate) score: f64,
}

impl Detection {
    /// A face, not merely a possible one.
    pub(crate) fn is_face(&self) -> bool {
        self.score >= SCORE_THRESHOLD
    }

    /// A face the detector is sure of.
    pub(crate) fn is_confident(&self) -> bool {
        self.score >= CONFIDENT_SCORE
    }
}

/// Faces and possible faces (see [`POSSIBLE_FACE_SCORE`]) in a greyscale
/// plane, in its pixel coordinates, clamped to it, best score first.
pub(crate) fn detect_faces(
    luma: &[u8],
    width: u32,
    height: u32,
) -> Result<Vec<Detection>, MediaError> {
    if width < FACE_WINDOW_PX
        || height < FACE_WINDOW_PX
        || luma.len() as u64 != u64::from(width) * u64::from(height)
    {
        return Ok(Vec::new());
    }
    DETECTOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let detector = match slot.as_mut() {
            Some(d) => d,
            None => slot.insert(Detector::new(model_of(&model_bytes()?, Reals::Q8)?)),
        };
        let faces = detector.detect(luma, width as usize, height as usize, POSSIBLE_FACE_SCORE);
        Ok(faces
            .iter()
            .filter_map(|f| {
                let (x, y, size) = (i64::from(f.x), i64::from(f.y), i64::from(f.size));
                let x0 = x.clamp(0, i64::from(width)) as u32;
                let y0 = y.clamp(0, i64::from(height)) as u32;
                let x1 = (x + size).clamp(0, i64::from(width)) as u32;
                let y1 = (y + size).clamp(0, i64::from(height)) as u32;
                (x1 > x0 && y1 > y0).then_some(Detection {
                    region: Region {
                        x: x0,
                        y: y0,
                        width: x1 - x0,
                        height: y1 - y0,
                    },
                    score: f.score,
                })
            })
            .collect())
    })
}

/// Parse a model, as a media error.
fn model_of(bytes: &[u8], reals: Reals) -> Result<Model, MediaError> {
    model::parse(bytes, reals).map_err(|e| MediaError::Internal { detail: e.0 })
}

/// A model with the buffers to run it; one per thread, reused.
struct Detector {
    model: Model,
    resizer: Resizer,
    /// The current pyramid scale's image.
    scaled: Vec<u8>,
    lab: LabMap,
    /// First-group scores of a row's windows; the windows still in the
    /// running, then accepted.
    first: Vec<f32>,
    hits: Vec<(usize, f32)>,
    scorer: Scorer,
    /// Candidate lists, one per group of the current level.
    lists: Vec<Vec<Proposal>>,
    next_lists: Vec<Vec<Proposal>>,
    merged: Vec<bool>,
    kept: Vec<Proposal>,
    /// Results of the current stage by square (x, y, size).
    seen: HashMap<(i32, i32, u32), Option<Proposal>>,
}

impl Detector {
    fn new(model: Model) -> Self {
        Detector {
            model,
            resizer: Resizer::default(),
            scaled: Vec::new(),
            lab: LabMap::default(),
            first: Vec::new(),
            hits: Vec::new(),
            scorer: Scorer::default(),
            lists: Vec::new(),
            next_lists: Vec::new(),
            merged: Vec::new(),
            kept: Vec::new(),
            seen: HashMap::new(),
        }
    }

    /// Faces scoring at least `min_score` in a plane of at least 40×40
    /// pixels, best first, as squares that may stick out of it.
    fn detect(
        &mut self,
        plane: &[u8],
        width: usize,
        height: usize,
        min_score: f64,
    ) -> Vec<Proposal> {
        self.scan(plane, width, height);
        for list in &mut self.lists {
            suppress(list, MERGE_IOU, &mut self.merged, &mut self.kept);
            std::mem::swap(list, &mut self.kept);
        }
        for level in 0..self.model.levels.len() {
            self.run_level(level, plane, width, height);
        }
        match self.lists.first() {
            Some(faces) => faces
                .iter()
                .filter(|f| f.score >= min_score)
                .copied()
                .collect(),
            None => Vec::new(),
        }
    }

    /// First level: every scanner over every window of every scale.
    fn scan(&mut self, plane: &[u8], width: usize, height: usize) {
        let scanners = &self.model.scanners;
        self.lists.resize_with(scanners.len(), Vec::new);
        for list in &mut self.lists {
            list.clear();
        }
        let step = WINDOW_STEP as usize;
        for (scale, w, h) in pyramid::scales(width, height, PYRAMID_SCALE) {
            if w < WINDOW || h < WINDOW {
                continue;
            }
            self.resizer
                .resize(plane, (width, height), (w, h), &mut self.scaled);
            self.lab.compute(&self.scaled, w, h, scanners);
            // A window at (x, y) of this scale covers this square of the plane.
            let size = (WINDOW as f32 / scale + 0.5) as u32;
            let to_plane = |v: usize| (v as f32 / scale + 0.5) as i32;
            for y in (0..=h - WINDOW).step_by(step) {
                for (i, (scanner, list)) in scanners.iter().zip(&mut self.lists).enumerate() {
                    self.lab
                        .scan_row((i, scanner), y, step, &mut self.first, &mut self.hits);
                    list.extend(self.hits.iter().map(|&(x, score)| Proposal {
                        x: to_plane(x),
                        y: to_plane(y),
                        size,
                        score: f64::from(score),
                    }));
                }
            }
        }
    }

    /// A later level: each group gathers its source lists and runs its
    /// stages on them; the groups' results become the new lists.
    fn run_level(&mut self, level: usize, plane: &[u8], width: usize, height: usize) {
        let last_level = level + 1 == self.model.levels.len();
        let groups = &self.model.levels[level];
        self.next_lists.resize_with(groups.len(), Vec::new);
        for (group, out) in groups.iter().zip(&mut self.next_lists) {
            out.clear();
            for &s in &group.sources {
                out.extend_from_slice(&self.lists[s]);
            }
            for (k, stage) in group.stages.iter().enumerate() {
                // The same square can come from several lists: score it once.
                self.seen.clear();
                let mut kept = 0;
                for m in 0..out.len() {
                    let p = out[m];
                    let scored = *self
                        .seen
                        .entry((p.x, p.y, p.size))
                        .or_insert_with(|| self.scorer.score(stage, p, plane, width, height));
                    if let Some(scored) = scored {
                        out[kept] = scored;
                        kept += 1;
                    }
                }
                out.truncate(kept);
                let iou = if k + 1 < group.stages.len() {
                    MERGE_IOU
                } else if last_level {
                    FINAL_MERGE_IOU
                } else {
                    continue;
                };
                suppress(out, iou, &mut self.merged, &mut self.kept);
                std::mem::swap(out, &mut self.kept);
            }
        }
        std::mem::swap(&mut self.lists, &mut self.next_lists);
        self.lists.truncate(groups.len());
    }
}

/// Buffers to score one candidate square with an MLP stage.
struct Scorer {
    resizer: Resizer,
    window: Box<[u8; WINDOW * WINDOW]>,
    surf: SurfWindow,
    mlp: MlpScratch,
}

impl Default for Scorer {
    fn default() -> Self {
        Scorer {
            resizer: Resizer::default(),
            window: Box::new([0; WINDOW * WINDOW]),
            surf: SurfWindow::default(),
            mlp: MlpScratch::default(),
        }
    }
}

impl Scorer {
    /// One MLP stage on one candidate: the corrected, rescored candidate,
    /// or `None` if it is not a face.
    fn score(
        &mut self,
        stage: &surf::Mlp,
        p: Proposal,
        plane: &[u8],
        width: usize,
        height: usize,
    ) -> Option<Proposal> {
        let (x, y, size) = (i64::from(p.x), i64::from(p.y), p.size as usize);
        // Squares entirely left of or above the plane are dropped; so are
        // degenerate ones (the filter needs two pixels).
        if x + size as i64 <= 0 || y + size as i64 <= 0 || size < 2 {
            return None;
        }
        self.resizer
            .window(plane, (width, height), (x, y, size), &mut self.window);
        let [score, dx, dy, ds] = stage.run(&self.window, &mut self.surf, &mut self.mlp);
        let is_face = score > stage.threshold;
        if !is_face {
            return None;
        }
        // Corrections, as trained: relative to the square clamped into
        // the plane's top-left, in f32.
        let (x, y) = (x.max(0) as f32, y.max(0) as f32);
        let s = size as f32;
        let new_size = ((ds * 2.0 - 1.0) * s + s + 0.5).floor();
        Some(Proposal {
            x: ((dx * 2.0 - 1.0) * s + x + (s - new_size) * 0.5 + 0.5).floor() as i32,
            y: ((dy * 2.0 - 1.0) * s + y + (s - new_size) * 0.5 + 0.5).floor() as i32,
            size: new_size as u32,
            score: f64::from(score),
        })
    }
}

#[cfg(test)]
mod tests;
