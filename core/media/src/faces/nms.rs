//! Candidate face squares and non-maximum suppression: merging squares
//! that overlap a better-scoring one into it.

/// A candidate face: a square in the scanned plane's pixels (it may stick
/// out of the plane) and its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Proposal {
    pub(crate) x: i32,
    pub(crate) y: i32,
    pub(crate) size: u32,
    pub(crate) score: f64,
}

impl Proposal {
    /// Inclusive pixel bounds: left, top, right, bottom.
    fn bounds(&self) -> (i64, i64, i64, i64) {
        let (x, y, s) = (i64::from(self.x), i64::from(self.y), i64::from(self.size));
        (x, y, x + s - 1, y + s - 1)
    }

    fn area(&self) -> f32 {
        (u64::from(self.size) * u64::from(self.size)) as f32
    }
}

/// Keep, best score first, each square that does not overlap an already
/// kept one by more than `max_iou` (intersection over union); a kept
/// square's score becomes the sum of its own and those it absorbed.
/// `list` is sorted in place (stably, so equal scores keep their order);
/// the survivors go to `kept`.
pub(crate) fn suppress(
    list: &mut [Proposal],
    max_iou: f32,
    merged: &mut Vec<bool>,
    kept: &mut Vec<Proposal>,
) {
    kept.clear();
    list.sort_by(|a, b| b.score.total_cmp(&a.score));
    merged.clear();
    merged.resize(list.len(), false);
    for i in 0..list.len() {
        if merged[i] {
            continue;
        }
        let best = list[i];
        let (l1, t1, r1, b1) = best.bounds();
        let area1 = best.area();
        let mut score = best.score;
        for j in i + 1..list.len() {
            if merged[j] {
                continue;
            }
            let other = list[j];
            let (l2, t2, r2, b2) = other.bounds();
            let w = r1.min(r2) - l1.max(l2) + 1;
            let h = b1.min(b2) - t1.max(t2) + 1;
            if w <= 0 || h <= 0 {
                continue;
            }
            let inter = (w * h) as f32;
            let union = area1 + other.area() - inter;
            if inter / union > max_iou {
                merged[j] = true;
                score += other.score;
            }
        }
        kept.push(Proposal { score, ..best });
    }
}
