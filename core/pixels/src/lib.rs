//! Pixel kernels of the photo pipeline, on 8-bit planes: downscaling
//! (`downscale`), shrinking an image as a decoder hands over its rows
//! (`row_feed`), EXIF orientation (`orient`), the bystander blur (`blur`),
//! exposure and sharpness (`measure`), and the three-plane colour image the
//! pipeline carries from decoder to encoder (`ycc`).
//!
//! Why a crate of its own: the shipped library is built at opt-level "s",
//! at which rustc turns LLVM's loop and SLP vectorisers off. These loops
//! visit millions of pixels per photo, so the release profile builds this
//! crate alone at opt-level 3 (see the workspace Cargo.toml); the cost is a
//! few kilobytes of code.
//!
//! Why planes: JPEG stores a photo as luma (Y) and two chroma planes (Cb,
//! Cr) at half resolution. Keeping that form from the decoder to the
//! encoder skips two colour conversions, resizes half as many samples as
//! RGB would, and gives the quality measures and the face detector their
//! luma plane for free. Every kernel works on one plane and knows nothing
//! about colour.
//!
//! Guarantees: no kernel panics on any input it accepts; a [`Plane`]'s
//! buffer always holds exactly `width × height` bytes (checked when it is
//! made); kernels allocate at most their output.

#![forbid(unsafe_code)]

mod blur;
mod downscale;
mod measure;
mod orient;
mod row_feed;
mod ycc;

pub use blur::{BLUR_CELLS, obliterate};
pub use measure::{BLOWN_LUMA, exposure, sharpness};
pub use orient::Orientation;
pub use row_feed::{FedPlanes, RowFeed, RowLayout};
pub use ycc::Ycc420;

/// Samples per SIMD step (one 128-bit register of bytes).
const LANES: usize = 16;

/// Why a plane operation was refused. Carries no pixel data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaneError {
    /// A buffer's length is not width × height, or a size is zero.
    SizeMismatch,
    /// A downscale was asked to enlarge or to reach zero pixels.
    BadTarget,
}

impl std::fmt::Display for PlaneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::SizeMismatch => "plane buffer does not match its size",
            Self::BadTarget => "downscale target is empty or larger than the source",
        })
    }
}

impl std::error::Error for PlaneError {}

/// One 8-bit plane, rows packed without padding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plane {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Plane {
    /// A plane over `pixels`, which must hold exactly `width × height` bytes
    /// (both non-zero).
    pub fn new(width: u32, height: u32, pixels: Vec<u8>) -> Result<Self, PlaneError> {
        let expected = (width as usize).checked_mul(height as usize);
        if width == 0 || height == 0 || expected != Some(pixels.len()) {
            return Err(PlaneError::SizeMismatch);
        }
        Ok(Self {
            width,
            height,
            pixels,
        })
    }

    /// A plane of one value.
    pub fn filled(width: u32, height: u32, value: u8) -> Result<Self, PlaneError> {
        let len = (width as usize)
            .checked_mul(height as usize)
            .ok_or(PlaneError::SizeMismatch)?;
        Self::new(width, height, vec![value; len])
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// Rows of `width` bytes, top to bottom.
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// The top-left `width × height` part (a copy), for decoders that pad
    /// planes to whole blocks.
    pub fn cropped(&self, width: u32, height: u32) -> Result<Self, PlaneError> {
        if width == 0 || height == 0 || width > self.width || height > self.height {
            return Err(PlaneError::BadTarget);
        }
        if (width, height) == (self.width, self.height) {
            return Ok(self.clone());
        }
        let (w, cw) = (self.width as usize, width as usize);
        let mut pixels = Vec::with_capacity(cw * height as usize);
        for row in self.pixels.chunks_exact(w).take(height as usize) {
            pixels.extend_from_slice(&row[..cw]);
        }
        Self::new(width, height, pixels)
    }

    fn row(&self, y: usize) -> &[u8] {
        let w = self.width as usize;
        &self.pixels[y * w..(y + 1) * w]
    }
}

/// A rectangle in pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// Output size keeping the aspect ratio, long edge at most `long_edge`;
/// never enlarges.
pub fn target_size(width: u32, height: u32, long_edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_edge || long == 0 {
        return (width, height);
    }
    let scale = |v: u32| -> u32 {
        let scaled = (u64::from(v) * u64::from(long_edge) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled).unwrap_or(long_edge).max(1)
    };
    (scale(width), scale(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planes_check_their_buffer() {
        assert!(Plane::new(3, 2, vec![0; 6]).is_ok());
        assert_eq!(Plane::new(3, 2, vec![0; 5]), Err(PlaneError::SizeMismatch));
        assert_eq!(Plane::new(0, 2, vec![]), Err(PlaneError::SizeMismatch));
    }

    #[test]
    fn cropping_keeps_the_top_left() {
        let p = Plane::new(3, 2, vec![1, 2, 3, 4, 5, 6]).expect("plane");
        assert_eq!(p.cropped(2, 1).expect("crop").pixels(), &[1, 2]);
        assert_eq!(p.cropped(4, 1), Err(PlaneError::BadTarget));
    }

    #[test]
    fn target_size_keeps_aspect_and_never_enlarges() {
        assert_eq!(target_size(4000, 3000, 1024), (1024, 768));
        assert_eq!(target_size(3000, 4000, 1024), (768, 1024));
        assert_eq!(target_size(640, 480, 1024), (640, 480));
        assert_eq!(target_size(100_000, 1, 1024), (1024, 1));
    }
}
