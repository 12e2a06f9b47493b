//! Whose face stays and which are blurred, and whether that can be trusted.
//!
//! The collection statement promises that bystanders are blurred, so this
//! fails closed: every face but the participant's is blurred, and so is
//! every possible face (a detection just under the face threshold) that is
//! not on the participant's face. The participant's face is the single face
//! when there is one; among several it is the largest nearest the centre,
//! a guess nobody has confirmed (no confirmation input exists yet), so that
//! case is always reported as uncertain.
//!
//! The blur is reported uncertain, with each reason as a [`BlurDoubt`],
//! whenever the detector's result leaves room for a bystander to go out
//! unblurred: no face at all, several faces, one face that is not framed
//! like a check-in portrait (it may be a bystander's, the participant's
//! missed), a face at the frame's edge (partly outside it: the faces a
//! detector misses), a face found with low confidence, or a possible face.
//! The program sees that in the sealed record (`blur_uncertain`), so a
//! photo is never presented as cleanly blurred when it may not be.

use checkin_pixels::Region;

use super::faces::Detection;
use super::report::{BlurDoubt, FaceBox};

/// How far a bystander's blurred area extends beyond the detector's box,
/// as a share of the box width on each side (the box is tight around eyes,
/// nose and mouth; hair, ears and jaw identify people too).
const BYSTANDER_MARGIN_X: f32 = 0.35;
/// As [`BYSTANDER_MARGIN_X`], vertically.
const BYSTANDER_MARGIN_Y: f32 = 0.5;
/// Weight of centrality against size when picking the participant's face:
/// a face at a corner counts as half its area.
const CENTRALITY_WEIGHT: f32 = 0.5;
/// A face whose box comes this close to the frame's edge (as a share of
/// its width) is cut off by it: part of the face lies outside the photo.
const EDGE_MARGIN: f32 = 0.1;
/// A face cut off by the frame counts as this share of its weight when
/// picking the participant's: people framing their own check-in photo
/// keep their face whole, and a cut-off face is often large because it is
/// close to the camera, at the side, not in the picture on purpose.
const CUT_OFF_WEIGHT: f32 = 0.5;

/// What the detector found, in output pixel coordinates.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FoundFaces {
    /// Faces, the participant's (the largest nearest the centre) first.
    pub(crate) faces: Vec<FaceBox>,
    /// Detections just under the face threshold.
    pub(crate) possible: Vec<FaceBox>,
    /// Whether any face was found with low confidence.
    pub(crate) unsure: bool,
}

/// Sort detections made on a scan plane `scan_width` wide into faces and
/// possible faces of the `width × height` output.
pub(crate) fn found_faces(
    detections: &[Detection],
    scan_width: u32,
    (width, height): (u32, u32),
) -> FoundFaces {
    let scale = width as f32 / scan_width.max(1) as f32;
    let to_output = |r: &Region| FaceBox {
        x: (r.x as f32 * scale) as u32,
        y: (r.y as f32 * scale) as u32,
        width: ((r.width as f32 * scale) as u32).max(1),
        height: ((r.height as f32 * scale) as u32).max(1),
    };
    let mut found = FoundFaces::default();
    for d in detections {
        if d.is_face() {
            found.faces.push(to_output(&d.region));
            found.unsure |= !d.is_confident();
        } else {
            found.possible.push(to_output(&d.region));
        }
    }
    let weight = |f: &FaceBox| {
        let (dx, dy) = centre_offset(f, width, height);
        // 0 at the centre, 1 at a corner.
        let d = (dx * dx + dy * dy).sqrt() / std::f32::consts::FRAC_1_SQRT_2;
        let whole = if at_edge(f, width, height) {
            CUT_OFF_WEIGHT
        } else {
            1.0
        };
        (f.width as f32 * f.height as f32) * (1.0 - CENTRALITY_WEIGHT * d.min(1.0)) * whole
    };
    found.faces.sort_by(|a, b| weight(b).total_cmp(&weight(a)));
    found
}

/// Offset of the face centre from the photo centre, as shares of width and
/// height (-0.5..=0.5).
pub(crate) fn centre_offset(f: &FaceBox, width: u32, height: u32) -> (f32, f32) {
    let cx = (f.x as f32 + f.width as f32 / 2.0) / width.max(1) as f32;
    let cy = (f.y as f32 + f.height as f32 / 2.0) / height.max(1) as f32;
    (cx - 0.5, cy - 0.5)
}

/// What to blur, and why the result may still show a bystander.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BlurPlan {
    /// Regions to obliterate: every face but the participant's and every
    /// possible face off the participant's face, widened to the head.
    pub(crate) regions: Vec<Region>,
    /// Reasons for doubt, in [`BlurDoubt::ALL`] order.
    pub(crate) doubts: Vec<BlurDoubt>,
}

/// Plan the bystander blur of a `width × height` photo. `framed` tells
/// whether the participant's face passed the portrait checks (large
/// enough, near the centre); it matters only when one face was found.
pub(crate) fn plan_blur(found: &FoundFaces, (width, height): (u32, u32), framed: bool) -> BlurPlan {
    let participant = found.faces.first();
    let mut regions: Vec<Region> = found
        .faces
        .iter()
        .skip(1)
        .map(|f| widen(f, width, height))
        .collect();
    let kept = participant.map(|p| widen(p, width, height));
    let possible: Vec<Region> = found
        .possible
        .iter()
        .map(|f| widen(f, width, height))
        .filter(|r| kept.is_none_or(|k| !overlaps(r, &k)))
        .collect();
    let mut doubts = Vec::new();
    for doubt in BlurDoubt::ALL {
        let applies = match doubt {
            BlurDoubt::NoFaceFound => found.faces.is_empty(),
            BlurDoubt::SeveralFaces => found.faces.len() > 1,
            BlurDoubt::LoneFaceNotFramed => found.faces.len() == 1 && !framed,
            BlurDoubt::FaceAtEdge => found.faces.iter().any(|f| at_edge(f, width, height)),
            BlurDoubt::LowConfidence => found.unsure,
            BlurDoubt::PossibleFace => !possible.is_empty(),
        };
        if applies {
            doubts.push(doubt);
        }
    }
    regions.extend(possible);
    BlurPlan { regions, doubts }
}

/// The detector's box widened to the head around it, clamped to the photo.
pub(crate) fn widen(f: &FaceBox, width: u32, height: u32) -> Region {
    let mx = (f.width as f32 * BYSTANDER_MARGIN_X) as u32;
    let my = (f.height as f32 * BYSTANDER_MARGIN_Y) as u32;
    let x = f.x.saturating_sub(mx).min(width);
    let y = f.y.saturating_sub(my).min(height);
    Region {
        x,
        y,
        width: f.x.saturating_add(f.width).saturating_add(mx).min(width) - x,
        height: f.y.saturating_add(f.height).saturating_add(my).min(height) - y,
    }
}

fn at_edge(f: &FaceBox, width: u32, height: u32) -> bool {
    let m = (f.width as f32 * EDGE_MARGIN).ceil() as u32;
    f.x < m
        || f.y < m
        || f.x.saturating_add(f.width).saturating_add(m) > width
        || f.y.saturating_add(f.height).saturating_add(m) > height
}

fn overlaps(a: &Region, b: &Region) -> bool {
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: (u32, u32) = (1000, 800);

    fn face(x: u32, y: u32, side: u32) -> FaceBox {
        FaceBox {
            x,
            y,
            width: side,
            height: side,
        }
    }

    fn faces(list: &[FaceBox]) -> FoundFaces {
        FoundFaces {
            faces: list.to_vec(),
            ..FoundFaces::default()
        }
    }

    fn detection(x: u32, y: u32, side: u32, score: f64) -> Detection {
        Detection {
            region: Region {
                x,
                y,
                width: side,
                height: side,
            },
            score,
        }
    }

    #[test]
    fn detections_become_output_faces_the_participant_first() {
        // Scan plane 500 wide, output 1000: coordinates double.
        let found = found_faces(
            &[
                detection(10, 10, 80, 20.0),   // larger, in the corner
                detection(215, 170, 70, 12.0), // central
                detection(400, 300, 40, 2.5),  // possible face
            ],
            500,
            SIZE,
        );
        assert_eq!(found.faces, vec![face(430, 340, 140), face(20, 20, 160)]);
        assert_eq!(found.possible, vec![face(800, 600, 80)]);
        assert!(!found.unsure);
        let unsure = found_faces(&[detection(215, 170, 70, 4.0)], 500, SIZE);
        assert!(unsure.unsure);
    }

    #[test]
    fn a_face_cut_off_by_the_frame_is_not_taken_for_the_participant() {
        // The larger face reaches the left edge: it counts half.
        let found = found_faces(
            &[detection(0, 60, 70, 20.0), detection(215, 170, 50, 20.0)],
            500,
            SIZE,
        );
        assert_eq!(found.faces[0], face(430, 340, 100));
        // Not cut off, the same face would have won on size.
        let found = found_faces(
            &[detection(8, 60, 70, 20.0), detection(215, 170, 50, 20.0)],
            500,
            SIZE,
        );
        assert_eq!(found.faces[0], face(16, 120, 140));
    }

    #[test]
    fn one_framed_face_is_kept_and_certain() {
        let plan = plan_blur(&faces(&[face(430, 300, 140)]), SIZE, true);
        assert_eq!(plan, BlurPlan::default());
    }

    #[test]
    fn every_other_face_is_blurred_and_several_faces_are_uncertain() {
        // The bystander is the larger face: whichever was chosen, the
        // other is blurred, and nobody confirmed the choice.
        let found = faces(&[face(430, 300, 140), face(800, 100, 180)]);
        let plan = plan_blur(&found, SIZE, true);
        assert_eq!(plan.regions, vec![widen(&found.faces[1], 1000, 800)]);
        assert_eq!(plan.doubts, vec![BlurDoubt::SeveralFaces]);
    }

    #[test]
    fn each_ambiguity_is_its_own_doubt() {
        assert_eq!(
            plan_blur(&faces(&[]), SIZE, true).doubts,
            vec![BlurDoubt::NoFaceFound]
        );
        assert_eq!(
            plan_blur(&faces(&[face(20, 300, 90)]), SIZE, false).doubts,
            vec![BlurDoubt::LoneFaceNotFramed]
        );
        // A face whose box reaches within a tenth of its width of an edge.
        for f in [face(5, 300, 100), face(430, 300, 100), face(430, 695, 100)] {
            let at = plan_blur(&faces(&[face(400, 300, 150), f]), SIZE, true);
            let expected = f.x < 10 || f.y + f.height + 10 > 800;
            assert_eq!(
                at.doubts.contains(&BlurDoubt::FaceAtEdge),
                expected,
                "{f:?}"
            );
        }
        let unsure = FoundFaces {
            unsure: true,
            ..faces(&[face(430, 300, 140)])
        };
        assert_eq!(
            plan_blur(&unsure, SIZE, true).doubts,
            vec![BlurDoubt::LowConfidence]
        );
    }

    #[test]
    fn possible_faces_are_blurred_unless_on_the_participants_face() {
        let participant = face(430, 300, 140);
        let on_participant = face(440, 310, 120);
        let elsewhere = face(850, 50, 60);
        let found = FoundFaces {
            faces: vec![participant],
            possible: vec![on_participant, elsewhere],
            unsure: false,
        };
        let plan = plan_blur(&found, SIZE, true);
        assert_eq!(plan.regions, vec![widen(&elsewhere, 1000, 800)]);
        assert_eq!(plan.doubts, vec![BlurDoubt::PossibleFace]);
        // With no face at all, every possible face is blurred.
        let found = FoundFaces {
            faces: Vec::new(),
            possible: vec![on_participant],
            unsure: false,
        };
        let plan = plan_blur(&found, SIZE, true);
        assert_eq!(plan.regions.len(), 1);
        assert_eq!(
            plan.doubts,
            vec![BlurDoubt::NoFaceFound, BlurDoubt::PossibleFace]
        );
    }

    #[test]
    fn widen_stays_inside_the_image() {
        let r = widen(&face(0, 90, 20), 100, 100);
        assert_eq!((r.x, r.y), (0, 80));
        assert_eq!(r.x + r.width, 27);
        assert_eq!(r.y + r.height, 100);
        // A box outside the photo (never made, but harmless) is empty.
        let r = widen(&face(120, 120, 10), 100, 100);
        assert_eq!((r.width, r.height), (0, 0));
    }
}
