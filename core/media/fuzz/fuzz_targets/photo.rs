//! Any bytes given to `process_photo` give a result or a typed error: no
//! panic, no unbounded allocation (libFuzzer's -rss_limit_mb enforces the
//! memory bound, -timeout the time bound).
#![no_main]

use checkin_media::{PhotoPolicy, process_photo};
use libfuzzer_sys::fuzz_target;

/// Pixel cap while fuzzing: keeps each run fast; the limit logic is the
/// same at any cap.
const FUZZ_MAX_PIXELS: u64 = 4_000_000;
/// Small output and face plane: the detector and resizer only ever see our
/// own buffers, so shrinking them spends the fuzzing time on parsing and
/// decoding, where hostile bytes go.
const FUZZ_LONG_EDGE: u32 = 256;
/// See [`FUZZ_LONG_EDGE`].
const FUZZ_FACE_SCAN: u32 = 128;

fuzz_target!(|data: &[u8]| {
    let policy = PhotoPolicy {
        max_pixels: FUZZ_MAX_PIXELS,
        long_edge_px: FUZZ_LONG_EDGE,
        face_scan_long_edge: FUZZ_FACE_SCAN,
        ..PhotoPolicy::default()
    };
    if let Ok(photo) = process_photo(data, &policy) {
        assert!(photo.width.max(photo.height) <= policy.long_edge_px);
        assert!(photo.jpeg.starts_with(&[0xFF, 0xD8]));
    }
});
