//! The photo as a JPEG carries it: luma (Y) at full resolution and two
//! chroma planes (Cb, Cr) at half resolution in each direction (4:2:0).
//! Colour conversion follows JFIF (BT.601, full range), the same as every
//! JPEG codec, so planes pass between decoder and encoder unchanged.

use crate::{Orientation, Plane, PlaneError, Region, blur::obliterate};

/// A 4:2:0 image: chroma planes are ⌈w/2⌉ × ⌈h/2⌉ for a w × h luma plane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ycc420 {
    y: Plane,
    cb: Plane,
    cr: Plane,
}

/// Fractional bits of the colour conversion's fixed-point coefficients.
const RGB_BITS: u32 = 16;

fn fixed(c: f64) -> i32 {
    (c * f64::from(1u32 << RGB_BITS)).round() as i32
}

/// Convert packed RGB8 pixels to Y, Cb and Cr samples, one per pixel, as
/// far as the shortest of the four slices reaches.
pub(crate) fn rgb_row_to_ycc(rgb: &[u8], y: &mut [u8], cb: &mut [u8], cr: &mut [u8]) {
    let half = 1 << (RGB_BITS - 1);
    let centre = 128 << RGB_BITS;
    let [yr, yg, yb] = [0.299, 0.587, 0.114].map(fixed);
    let [br, bg] = [-0.168_735_89, -0.331_264_11].map(fixed);
    let [rg, rb] = [-0.418_687_59, -0.081_312_41].map(fixed);
    let one_half = fixed(0.5);
    let clamp = |v: i32| ((v + half) >> RGB_BITS).clamp(0, 255) as u8;
    for (((p, y), cb), cr) in rgb.chunks_exact(3).zip(y).zip(cb).zip(cr) {
        let (r, g, b) = (i32::from(p[0]), i32::from(p[1]), i32::from(p[2]));
        *y = clamp(yr * r + yg * g + yb * b);
        *cb = clamp(centre + br * r + bg * g + one_half * b);
        *cr = clamp(centre + one_half * r + rg * g + rb * b);
    }
}

impl Ycc420 {
    /// Chroma plane size for a `width × height` luma plane.
    pub fn chroma_size(width: u32, height: u32) -> (u32, u32) {
        (width.div_ceil(2), height.div_ceil(2))
    }

    /// An image from its planes; chroma must be [`Ycc420::chroma_size`].
    pub fn new(y: Plane, cb: Plane, cr: Plane) -> Result<Self, PlaneError> {
        let size = Self::chroma_size(y.width, y.height);
        if (cb.width, cb.height) != size || (cr.width, cr.height) != size {
            return Err(PlaneError::SizeMismatch);
        }
        Ok(Self { y, cb, cr })
    }

    /// Chroma planes for a `luma_size` image from decoded chroma at any
    /// resolution (shrunk with [`Plane::downscale`]), or neutral grey for a
    /// greyscale photo.
    pub fn chroma_for(
        chroma: Option<(&Plane, &Plane)>,
        (width, height): (u32, u32),
    ) -> Result<(Plane, Plane), PlaneError> {
        let (cw, ch) = Self::chroma_size(width, height);
        match chroma {
            None => Ok((Plane::filled(cw, ch, 128)?, Plane::filled(cw, ch, 128)?)),
            Some((cb, cr)) => {
                // Decoders round chroma sizes up; never ask to enlarge.
                let fit = |p: &Plane| p.downscale(cw.min(p.width), ch.min(p.height));
                let (cb, cr) = (fit(cb)?, fit(cr)?);
                if (cb.width, cb.height) != (cw, ch) {
                    return Err(PlaneError::SizeMismatch);
                }
                Ok((cb, cr))
            }
        }
    }

    /// Full-resolution Y, Cb and Cr planes of packed RGB8 pixels.
    pub fn planes_from_rgb(
        width: u32,
        height: u32,
        rgb: &[u8],
    ) -> Result<(Plane, Plane, Plane), PlaneError> {
        let n = (width as usize).checked_mul(height as usize);
        if n.and_then(|n| n.checked_mul(3)) != Some(rgb.len()) {
            return Err(PlaneError::SizeMismatch);
        }
        let n = rgb.len() / 3;
        let (mut y, mut cb, mut cr) = (vec![0u8; n], vec![0u8; n], vec![0u8; n]);
        rgb_row_to_ycc(rgb, &mut y, &mut cb, &mut cr);
        Ok((
            Plane::new(width, height, y)?,
            Plane::new(width, height, cb)?,
            Plane::new(width, height, cr)?,
        ))
    }

    /// A 4:2:0 image of packed RGB8 pixels at the same size.
    pub fn from_rgb(width: u32, height: u32, rgb: &[u8]) -> Result<Self, PlaneError> {
        let (y, cb, cr) = Self::planes_from_rgb(width, height, rgb)?;
        let (cb, cr) = Self::chroma_for(Some((&cb, &cr)), (width, height))?;
        Self::new(y, cb, cr)
    }

    pub fn y(&self) -> &Plane {
        &self.y
    }

    pub fn cb(&self) -> &Plane {
        &self.cb
    }

    pub fn cr(&self) -> &Plane {
        &self.cr
    }

    pub fn width(&self) -> u32 {
        self.y.width
    }

    pub fn height(&self) -> u32 {
        self.y.height
    }

    /// Turn every plane upright (chroma sizes stay ⌈w/2⌉ × ⌈h/2⌉, since
    /// rounding up commutes with swapping the axes).
    pub fn orient(self, orientation: Orientation) -> Self {
        Self {
            y: self.y.orient(orientation),
            cb: self.cb.orient(orientation),
            cr: self.cr.orient(orientation),
        }
    }

    /// Blur `region` (luma coordinates) beyond recognition in every plane;
    /// chroma covers the region rounded outwards.
    pub fn obliterate(&mut self, region: Region) {
        obliterate(&mut self.y, region);
        let x = region.x / 2;
        let y = region.y / 2;
        let chroma = Region {
            x,
            y,
            width: region.x.saturating_add(region.width).div_ceil(2) - x,
            height: region.y.saturating_add(region.height).div_ceil(2) - y,
        };
        obliterate(&mut self.cb, chroma);
        obliterate(&mut self.cr, chroma);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primaries_convert_as_jfif_says() {
        // White, black, red, green, blue (values from the JFIF formulas).
        let rgb = [255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255];
        let (y, cb, cr) = Ycc420::planes_from_rgb(5, 1, &rgb).expect("planes");
        assert_eq!(y.pixels(), &[255, 0, 76, 150, 29]);
        assert_eq!(cb.pixels(), &[128, 128, 85, 44, 255]);
        assert_eq!(cr.pixels(), &[128, 128, 255, 21, 107]);
    }

    #[test]
    fn chroma_is_half_size_rounded_up() {
        let img = Ycc420::from_rgb(5, 3, &[90; 45]).expect("image");
        assert_eq!((img.cb().width(), img.cb().height()), (3, 2));
        assert!(img.y().pixels().iter().all(|&v| v == 90));
        assert!(img.cb().pixels().iter().all(|&v| v == 128));
        let turned = img.orient(Orientation::from_exif(6));
        assert_eq!((turned.width(), turned.height()), (3, 5));
        assert_eq!((turned.cb().width(), turned.cb().height()), (2, 3));
        assert!(
            Ycc420::new(
                Plane::filled(4, 4, 0).expect("plane"),
                Plane::filled(2, 2, 0).expect("plane"),
                Plane::filled(2, 3, 0).expect("plane"),
            )
            .is_err()
        );
    }

    #[test]
    fn greyscale_photos_get_neutral_chroma() {
        let (cb, cr) = Ycc420::chroma_for(None, (7, 4)).expect("chroma");
        assert_eq!((cb.width(), cb.height()), (4, 2));
        assert!(cb.pixels().iter().chain(cr.pixels()).all(|&v| v == 128));
    }

    #[test]
    fn obliterating_reaches_the_chroma_under_the_region() {
        let rgb: Vec<u8> = (0..40 * 40)
            .flat_map(|i| {
                if (i % 40) / 8 % 2 == 0 {
                    [255, 0, 0]
                } else {
                    [0, 0, 255]
                }
            })
            .collect();
        let mut img = Ycc420::from_rgb(40, 40, &rgb).expect("image");
        let before = img.clone();
        img.obliterate(Region {
            x: 11,
            y: 11,
            width: 9,
            height: 9,
        });
        // Red and blue stripes meet at x = 16 (chroma 8): inside the
        // region they are mixed, row 0 is untouched.
        assert_ne!(
            img.cb().pixels()[6 * 20 + 6],
            before.cb().pixels()[6 * 20 + 6]
        );
        assert_eq!(img.cb().pixels()[..20], before.cb().pixels()[..20]);
    }
}
