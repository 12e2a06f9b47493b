//! Shrinking an image whose rows arrive one at a time, from a decoder that
//! never holds the whole picture (PNG, read row by row).
//!
//! [`RowFeed`] takes rows top to bottom in the decoder's layout (grey or
//! RGB, with or without alpha), and area-averages them to a fixed output
//! size as they come: every output sample is the mean of the source
//! samples it covers, fractional at its edges, exactly as
//! [`Plane::area_downscale`] would compute it on the whole image (to
//! within one step of rounding between the two passes). Colour rows end as
//! Y, Cb and Cr planes (JFIF), grey rows as one luma plane.
//!
//! Memory: the output planes, plus a window of the last few source rows
//! (as many as one output row covers, plus one) and two short rows. It
//! never depends on the source's height.
//!
//! Order of work: each output row first sums its source rows (the SIMD
//! kernel of `downscale`, over whole rows), then shrinks that one row
//! horizontally and converts it to Y, Cb and Cr; so the horizontal pass
//! and the colour conversion run only on output rows.

use crate::downscale::{Filter, Taps, to_u8, weighted_rows};
use crate::ycc::rgb_row_to_ycc;
use crate::{Plane, PlaneError};

/// How a source row lays out its pixels (8 bits per sample).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLayout {
    /// One grey sample per pixel.
    Grey,
    /// Grey, then alpha (ignored).
    GreyAlpha,
    /// Red, green, blue.
    Rgb,
    /// Red, green, blue, then alpha (ignored).
    Rgba,
}

impl RowLayout {
    /// Bytes per pixel in a source row.
    pub fn bytes_per_pixel(self) -> usize {
        match self {
            Self::Grey => 1,
            Self::GreyAlpha => 2,
            Self::Rgb => 3,
            Self::Rgba => 4,
        }
    }

    /// Colour samples kept per pixel (alpha is dropped: a photo has none
    /// worth keeping, and the output JPEG cannot carry it).
    fn colours(self) -> usize {
        match self {
            Self::Grey | Self::GreyAlpha => 1,
            Self::Rgb | Self::Rgba => 3,
        }
    }
}

/// The planes a [`RowFeed`] produced: luma, and chroma for colour input.
pub struct FedPlanes {
    pub y: Plane,
    pub chroma: Option<(Plane, Plane)>,
}

/// An image shrunk by area averaging while its rows arrive. See the module
/// documentation.
pub struct RowFeed {
    layout: RowLayout,
    /// Source width and height.
    width: usize,
    height: usize,
    /// Output width and height.
    out_width: usize,
    out_height: usize,
    vertical: Taps,
    horizontal: Taps,
    /// The last `vertical.taps` source rows (colour samples only), row y
    /// in slot y % taps.
    window: Vec<Vec<u8>>,
    received: usize,
    /// The next output row to finish.
    next_out: usize,
    /// One output row, summed vertically, at source width.
    tall: Vec<u8>,
    /// The same row shrunk to output width.
    narrow: Vec<u8>,
    y: Vec<u8>,
    cb: Vec<u8>,
    cr: Vec<u8>,
}

impl RowFeed {
    /// A feed for a `width × height` source in `layout`, shrinking to
    /// `out_width × out_height` (never larger than the source, never zero).
    pub fn new(
        (width, height): (u32, u32),
        layout: RowLayout,
        (out_width, out_height): (u32, u32),
    ) -> Result<Self, PlaneError> {
        if width == 0 || height == 0 {
            return Err(PlaneError::SizeMismatch);
        }
        if out_width == 0 || out_height == 0 || out_width > width || out_height > height {
            return Err(PlaneError::BadTarget);
        }
        let (width, height) = (width as usize, height as usize);
        let (out_width, out_height) = (out_width as usize, out_height as usize);
        let colours = layout.colours();
        let row = width.checked_mul(colours).ok_or(PlaneError::SizeMismatch)?;
        let out_len = out_width
            .checked_mul(out_height)
            .ok_or(PlaneError::SizeMismatch)?;
        let vertical = Taps::new(height, out_height, Filter::Area);
        let window = vec![vec![0u8; row]; vertical.taps];
        let chroma_len = if colours == 3 { out_len } else { 0 };
        Ok(Self {
            layout,
            width,
            height,
            out_width,
            out_height,
            horizontal: Taps::new(width, out_width, Filter::Area),
            vertical,
            window,
            received: 0,
            next_out: 0,
            tall: vec![0; row],
            narrow: vec![0; out_width * colours],
            y: Vec::with_capacity(out_len),
            cb: Vec::with_capacity(chroma_len),
            cr: Vec::with_capacity(chroma_len),
        })
    }

    /// Source rows still expected.
    pub fn rows_missing(&self) -> usize {
        self.height - self.received
    }

    /// The next source row, `width × bytes_per_pixel` bytes in the layout
    /// given to [`RowFeed::new`]. Output rows are finished as soon as the
    /// last source row they cover has arrived.
    pub fn push(&mut self, row: &[u8]) -> Result<(), PlaneError> {
        let bpp = self.layout.bytes_per_pixel();
        if row.len() != self.width * bpp || self.received == self.height {
            return Err(PlaneError::SizeMismatch);
        }
        let taps = self.vertical.taps;
        let slot = &mut self.window[self.received % taps];
        match self.layout {
            RowLayout::Grey | RowLayout::Rgb => slot.copy_from_slice(row),
            RowLayout::GreyAlpha | RowLayout::Rgba => {
                let colours = self.layout.colours();
                for (to, from) in slot.chunks_exact_mut(colours).zip(row.chunks_exact(bpp)) {
                    to.copy_from_slice(&from[..colours]);
                }
            }
        }
        let last = self.received;
        self.received += 1;
        // Output rows whose last tap is this row (several only where the
        // taps' starts are clamped at the bottom edge).
        while self.next_out < self.out_height
            && self.vertical.starts[self.next_out] + taps - 1 <= last
        {
            self.finish_row(self.next_out);
            self.next_out += 1;
        }
        Ok(())
    }

    fn finish_row(&mut self, out_row: usize) {
        let taps = self.vertical.taps;
        let colours = self.layout.colours();
        if (self.out_width, self.out_height) == (self.width, self.height) {
            // Nothing to shrink (a photo already small): the row as it came.
            self.narrow.copy_from_slice(&self.window[out_row % taps]);
            return self.convert_row();
        }
        let start = self.vertical.starts[out_row];
        let weights = &self.vertical.weights[out_row * taps..(out_row + 1) * taps];
        let rows: Vec<&[u8]> = (start..start + taps)
            .map(|y| self.window[y % taps].as_slice())
            .collect();
        weighted_rows(&rows, weights, &mut self.tall);
        let h = &self.horizontal;
        for (x, out) in self.narrow.chunks_exact_mut(colours).enumerate() {
            let first = h.starts[x];
            let weights = &h.weights[x * h.taps..(x + 1) * h.taps];
            for (c, sample) in out.iter_mut().enumerate() {
                let acc: i32 = weights
                    .iter()
                    .enumerate()
                    .map(|(k, &w)| w * i32::from(self.tall[(first + k) * colours + c]))
                    .sum();
                *sample = to_u8(acc);
            }
        }
        self.convert_row();
    }

    /// Append the finished output row to the planes.
    fn convert_row(&mut self) {
        if self.layout.colours() == 1 {
            self.y.extend_from_slice(&self.narrow);
        } else {
            let at = self.y.len();
            let grown = at + self.out_width;
            self.y.resize(grown, 0);
            self.cb.resize(grown, 0);
            self.cr.resize(grown, 0);
            rgb_row_to_ycc(
                &self.narrow,
                &mut self.y[at..],
                &mut self.cb[at..],
                &mut self.cr[at..],
            );
        }
    }

    /// The output planes, once every source row has been pushed.
    pub fn finish(self) -> Result<FedPlanes, PlaneError> {
        if self.received != self.height || self.next_out != self.out_height {
            return Err(PlaneError::SizeMismatch);
        }
        let (w, h) = (self.out_width as u32, self.out_height as u32);
        let y = Plane::new(w, h, self.y)?;
        let chroma = if self.layout.colours() == 3 {
            Some((Plane::new(w, h, self.cb)?, Plane::new(w, h, self.cr)?))
        } else {
            None
        };
        Ok(FedPlanes { y, chroma })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ycc420;
    use proptest::prelude::*;

    fn feed_all(
        (w, h): (u32, u32),
        layout: RowLayout,
        pixels: &[u8],
        out: (u32, u32),
    ) -> FedPlanes {
        let mut feed = RowFeed::new((w, h), layout, out).expect("feed");
        for row in pixels.chunks_exact(w as usize * layout.bytes_per_pixel()) {
            feed.push(row).expect("row");
        }
        assert_eq!(feed.rows_missing(), 0);
        feed.finish().expect("planes")
    }

    #[test]
    fn grey_rows_match_the_whole_plane_area_average() {
        let (w, h) = (37u32, 29u32);
        let pixels: Vec<u8> = (0..w * h).map(|i| (i * 7 % 251) as u8).collect();
        let whole = Plane::new(w, h, pixels.clone()).expect("plane");
        for out in [(13, 11), (37, 10), (5, 29), (37, 29), (1, 1)] {
            let fed = feed_all((w, h), RowLayout::Grey, &pixels, out);
            assert!(fed.chroma.is_none());
            let expected = whole.area_downscale(out.0, out.1).expect("shrink");
            // Both round once per pass; they differ by at most one step.
            for (a, b) in fed.y.pixels().iter().zip(expected.pixels()) {
                assert!(a.abs_diff(*b) <= 1, "{out:?}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn colour_rows_become_jfif_planes_and_alpha_is_dropped() {
        let (w, h) = (20u32, 12u32);
        let rgb: Vec<u8> = (0..w * h)
            .flat_map(|i| [(i % 256) as u8, (i * 3 % 256) as u8, 200])
            .collect();
        let rgba: Vec<u8> = rgb
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], (p[0] ^ 0x5A)])
            .collect();
        // At full size the feed is the plain colour conversion.
        let fed = feed_all((w, h), RowLayout::Rgb, &rgb, (w, h));
        let (y, cb, cr) = Ycc420::planes_from_rgb(w, h, &rgb).expect("planes");
        assert_eq!(fed.y, y);
        assert_eq!(fed.chroma, Some((cb, cr)));
        let with_alpha = feed_all((w, h), RowLayout::Rgba, &rgba, (7, 5));
        let without = feed_all((w, h), RowLayout::Rgb, &rgb, (7, 5));
        assert_eq!(with_alpha.y, without.y);
        assert_eq!(with_alpha.chroma, without.chroma);
        let grey_alpha: Vec<u8> = y.pixels().iter().flat_map(|&v| [v, 0]).collect();
        let fed = feed_all((w, h), RowLayout::GreyAlpha, &grey_alpha, (w, h));
        assert_eq!(fed.y, y);
    }

    #[test]
    fn flat_images_stay_flat() {
        let fed = feed_all(
            (300, 200),
            RowLayout::Rgb,
            &[90u8; 300 * 200 * 3],
            (113, 75),
        );
        assert!(fed.y.pixels().iter().all(|&v| v == 90));
        let (cb, cr) = fed.chroma.expect("colour");
        assert!(cb.pixels().iter().chain(cr.pixels()).all(|&v| v == 128));
    }

    #[test]
    fn wrong_rows_and_missing_rows_are_refused() {
        assert!(matches!(
            RowFeed::new((4, 4), RowLayout::Rgb, (5, 4)),
            Err(PlaneError::BadTarget)
        ));
        assert!(matches!(
            RowFeed::new((0, 4), RowLayout::Rgb, (1, 1)),
            Err(PlaneError::SizeMismatch)
        ));
        let mut feed = RowFeed::new((4, 3), RowLayout::Rgb, (2, 2)).expect("feed");
        assert_eq!(feed.push(&[0; 11]), Err(PlaneError::SizeMismatch));
        feed.push(&[0; 12]).expect("row");
        assert_eq!(feed.rows_missing(), 2);
        assert!(matches!(feed.finish(), Err(PlaneError::SizeMismatch)));
        let mut feed = RowFeed::new((4, 1), RowLayout::Grey, (2, 1)).expect("feed");
        feed.push(&[1, 2, 3, 4]).expect("row");
        assert_eq!(feed.push(&[1, 2, 3, 4]), Err(PlaneError::SizeMismatch));
        assert_eq!(feed.finish().expect("planes").y.pixels(), &[2, 4]);
    }

    proptest! {
        #[test]
        fn any_shrink_gives_the_asked_size_within_the_source_range(
            w in 1u32..60, h in 1u32..60, tw in 1u32..60, th in 1u32..60, seed in any::<u64>()
        ) {
            let (tw, th) = (tw.min(w), th.min(h));
            let pixels: Vec<u8> = (0..u64::from(w * h))
                .map(|i| (seed.wrapping_mul(i + 1) >> 17) as u8)
                .collect();
            let fed = feed_all((w, h), RowLayout::Grey, &pixels, (tw, th));
            prop_assert_eq!((fed.y.width(), fed.y.height()), (tw, th));
            let lo = pixels.iter().copied().min().unwrap_or(0);
            let hi = pixels.iter().copied().max().unwrap_or(0);
            prop_assert!(fed.y.pixels().iter().all(|&v| v >= lo && v <= hi));
        }
    }
}
