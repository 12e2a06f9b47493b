//! EXIF orientation: turning stored pixels upright.

use wide::u8x16;

use crate::{LANES, Plane};

/// How the stored pixels must be transformed to appear upright. Values
/// follow the EXIF Orientation tag (1 = as stored, 2..=8 flips and
/// rotations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Orientation(u8);

impl Orientation {
    /// Pixels are stored upright.
    pub const UPRIGHT: Self = Self(1);

    /// From the raw EXIF value; anything outside 1..=8 is treated as upright.
    pub fn from_exif(value: u16) -> Self {
        match u8::try_from(value) {
            Ok(v @ 1..=8) => Self(v),
            _ => Self::UPRIGHT,
        }
    }

    /// The EXIF value, 1..=8.
    pub fn exif_value(self) -> u8 {
        self.0
    }

    /// Whether width and height trade places (the 90° turns).
    pub fn swaps_axes(self) -> bool {
        self.0 >= 5
    }
}

impl Plane {
    /// This plane turned upright according to `orientation`: every EXIF
    /// orientation is an optional transpose (the 90° turns) followed by
    /// optional mirroring of the rows and of their order.
    pub fn orient(self, orientation: Orientation) -> Plane {
        let (mirror, flip) = match orientation.0 {
            2 | 6 => (true, false),
            3 | 7 => (true, true),
            4 | 8 => (false, true),
            _ => (false, false),
        };
        let mut out = if orientation.swaps_axes() {
            self.transpose()
        } else {
            self
        };
        let w = out.width as usize;
        if mirror {
            for row in out.pixels.chunks_exact_mut(w) {
                row.reverse();
            }
        }
        if flip {
            let h = out.height as usize;
            for y in 0..h / 2 {
                let (top, bottom) = out.pixels.split_at_mut((h - 1 - y) * w);
                top[y * w..(y + 1) * w].swap_with_slice(&mut bottom[..w]);
            }
        }
        out
    }

    /// Rows become columns: 16 × 16 blocks in SIMD registers, the ragged
    /// right and bottom edges one sample at a time.
    pub(crate) fn transpose(&self) -> Plane {
        let (w, h) = (self.width as usize, self.height as usize);
        let mut out = vec![0u8; w * h];
        let (bw, bh) = (w - w % LANES, h - h % LANES);
        for by in (0..bh).step_by(LANES) {
            for bx in (0..bw).step_by(LANES) {
                let block: [u8x16; LANES] = std::array::from_fn(|r| {
                    let mut lane = [0u8; LANES];
                    lane.copy_from_slice(&self.row(by + r)[bx..bx + LANES]);
                    u8x16::new(lane)
                });
                for (c, column) in u8x16::transpose(block).iter().enumerate() {
                    let at = (bx + c) * h + by;
                    out[at..at + LANES].copy_from_slice(&column.to_array());
                }
            }
        }
        for y in 0..h {
            let row = self.row(y);
            let from = if y < bh { bw } else { 0 };
            for (x, &v) in row.iter().enumerate().skip(from) {
                out[x * h + y] = v;
            }
        }
        Plane {
            width: self.height,
            height: self.width,
            pixels: out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(w: u32, h: u32) -> Plane {
        Plane::new(w, h, (0..w * h).map(|i| i as u8).collect()).expect("plane")
    }

    fn at(p: &Plane, x: u32, y: u32) -> u8 {
        p.pixels()[(y * p.width() + x) as usize]
    }

    #[test]
    fn all_orientations_put_the_stored_origin_where_exif_says() {
        // Stored 3 wide, 2 high: values 0 1 2 / 3 4 5.
        // (upright top-left value, upright size) per EXIF value.
        let expected = [
            (1, 0, (3, 2)),
            (2, 2, (3, 2)),
            (3, 5, (3, 2)),
            (4, 3, (3, 2)),
            (5, 0, (2, 3)),
            (6, 3, (2, 3)),
            (7, 5, (2, 3)),
            (8, 2, (2, 3)),
        ];
        for (v, top_left, size) in expected {
            let o = numbered(3, 2).orient(Orientation::from_exif(v));
            assert_eq!((o.width(), o.height()), size, "orientation {v}");
            assert_eq!(at(&o, 0, 0), top_left, "orientation {v}");
        }
        // 6 rotates clockwise: the stored top row becomes the right column.
        let o = numbered(3, 2).orient(Orientation::from_exif(6));
        assert_eq!((at(&o, 1, 0), at(&o, 1, 1), at(&o, 1, 2)), (0, 1, 2));
    }

    #[test]
    fn tiles_cover_planes_of_any_size() {
        // Larger than a tile and not a multiple of it: every value moves.
        let p = Plane::new(70, 45, (0..70 * 45).map(|i| (i % 251) as u8).collect()).expect("plane");
        for v in 1..=8 {
            let o = p.clone().orient(Orientation::from_exif(v));
            let mut a = o.pixels().to_vec();
            let mut b = p.pixels().to_vec();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "orientation {v}");
            // Turning back: 6 and 8 undo each other, the rest undo themselves.
            let back = match v {
                6 => 8,
                8 => 6,
                other => other,
            };
            assert_eq!(o.orient(Orientation::from_exif(back)), p, "orientation {v}");
        }
    }

    #[test]
    fn out_of_range_values_are_upright() {
        assert_eq!(Orientation::from_exif(0), Orientation::UPRIGHT);
        assert_eq!(Orientation::from_exif(9), Orientation::UPRIGHT);
        assert_eq!(Orientation::from_exif(0x0106), Orientation::UPRIGHT);
    }
}
