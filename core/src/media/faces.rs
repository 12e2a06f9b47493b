//! On-device face detection with the bundled SeetaFace frontal model.
//!
//! The model (BSD-2, 1.2 MB, see `model/README.md`) is compiled into the
//! library and parsed once per thread; nothing is downloaded and no face
//! data leaves this function except the boxes.
//!
//! Limits: the detector's window is [`FACE_WINDOW_PX`] (40 px), so faces
//! smaller than 40 px in the plane it scans are not found. The photo
//! pipeline scans a plane whose long edge is the policy's
//! `face_scan_long_edge` (512 px by default): the smallest face found is
//! then 40 / 384 ≈ 10 % of a 4:3 photo's shorter edge (about 80 px of a
//! 1024×768 output). Detection cost and memory grow with the plane's area
//! (about 13 bytes per scanned pixel, plus about 4 MB for the parsed model,
//! kept per thread) and dominate the photo pipeline, so finding smaller
//! bystanders (768 px: 7 %, 1024 px: 5 %) costs about 2.3× and 4× the time
//! on cheap phones; programs choose.

use std::cell::RefCell;
use std::io::Cursor;

use rustface::{Detector, ImageData};

use super::MediaError;
use checkin_pixels::Region;

/// The detector's fixed window: smaller planes cannot hold a face.
pub(crate) const FACE_WINDOW_PX: u32 = 40;
/// Minimum detector score for a face. Calibrated on fixtures/media: clear
/// frontal faces score 5-27, a defocused one 2.6, false alarms on clothing
/// and coffee up to 2.0. Missing a face only ever yields a warning (unless
/// a program makes `NoFace` blocking), a false alarm would blur part of the
/// participant, so the cut sits above every false alarm seen.
const SCORE_THRESHOLD: f64 = 3.0;
/// Pyramid step between scales: 0.75 keeps every face size within about
/// 15 % of a scanned scale while visiting 18 % fewer pixels than 0.8.
const PYRAMID_SCALE: f32 = 0.75;
/// Sliding-window step in pixels.
const WINDOW_STEP: u32 = 4;

static MODEL: &[u8] = include_bytes!("model/seeta_fd_frontal_v1.0.bin");

thread_local! {
    static DETECTOR: RefCell<Option<Box<dyn Detector>>> = const { RefCell::new(None) };
}

fn new_detector() -> Result<Box<dyn Detector>, MediaError> {
    let model = rustface::read_model(Cursor::new(MODEL)).map_err(|_| MediaError::Internal {
        detail: "the face model could not be read",
    })?;
    let mut d = rustface::create_detector_with_model(model);
    d.set_min_face_size(FACE_WINDOW_PX);
    d.set_score_thresh(SCORE_THRESHOLD);
    d.set_pyramid_scale_factor(PYRAMID_SCALE);
    d.set_slide_window_step(WINDOW_STEP, WINDOW_STEP);
    Ok(d)
}

/// Faces in a greyscale plane, in its pixel coordinates, clamped to it.
pub(crate) fn detect_faces(
    luma: &[u8],
    width: u32,
    height: u32,
) -> Result<Vec<Region>, MediaError> {
    if width < FACE_WINDOW_PX
        || height < FACE_WINDOW_PX
        || luma.len() != width as usize * height as usize
    {
        return Ok(Vec::new());
    }
    DETECTOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(new_detector()?);
        }
        let Some(detector) = slot.as_mut() else {
            return Ok(Vec::new());
        };
        let faces = detector.detect(&ImageData::new(luma, width, height));
        Ok(faces
            .iter()
            .filter_map(|f| {
                let b = f.bbox();
                let x0 = b.x().max(0) as u32;
                let y0 = b.y().max(0) as u32;
                let x1 =
                    (i64::from(b.x()) + i64::from(b.width())).clamp(0, i64::from(width)) as u32;
                let y1 =
                    (i64::from(b.y()) + i64::from(b.height())).clamp(0, i64::from(height)) as u32;
                (x1 > x0 && y1 > y0).then_some(Region {
                    x: x0,
                    y: y0,
                    width: x1 - x0,
                    height: y1 - y0,
                })
            })
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_model_parses() {
        assert!(new_detector().is_ok());
    }

    #[test]
    fn flat_and_tiny_planes_have_no_faces() {
        let flat = vec![128u8; 200 * 150];
        assert_eq!(detect_faces(&flat, 200, 150), Ok(Vec::new()));
        assert_eq!(detect_faces(&[0u8; 30 * 30], 30, 30), Ok(Vec::new()));
        // Length mismatch is not a panic.
        assert_eq!(detect_faces(&[0u8; 10], 200, 150), Ok(Vec::new()));
    }
}
