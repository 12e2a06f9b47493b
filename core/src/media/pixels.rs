//! Pixel operations on packed RGB8 and greyscale planes: EXIF orientation,
//! downscaling and the bystander blur.
//!
//! All operations keep row-major packed buffers and allocate at most one
//! output buffer of the output's size.

use fast_image_resize::PixelTrait;
use fast_image_resize::images::{TypedImage, TypedImageRef};
use fast_image_resize::pixels::U8x3;
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};

use super::MediaError;
use super::exif::Orientation;
use super::jpeg::Rgb;

/// Resampling filter for downscaling: Lanczos3 keeps detail without the
/// ringing of longer kernels.
const RESIZE_FILTER: FilterType = FilterType::Lanczos3;

/// Output size keeping the aspect ratio, long edge at most `long_edge`;
/// never enlarges.
pub(crate) fn target_size(width: u32, height: u32, long_edge: u32) -> (u32, u32) {
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

/// Resize one packed plane of pixel type `P`. The typed entry point of the
/// resizer is used on purpose: the untyped one dispatches over every pixel
/// format at run time, which links code for a dozen formats we never use
/// (about 3 MB of the shipped library).
fn resize_plane<P: PixelTrait>(
    src: &[u8],
    (w, h): (u32, u32),
    (tw, th): (u32, u32),
) -> Result<Vec<u8>, MediaError> {
    let failed = MediaError::Internal {
        detail: "image resize failed",
    };
    let src = TypedImageRef::<P>::from_buffer(w, h, src).map_err(|_| failed.clone())?;
    let out_len = (tw as usize)
        .checked_mul(th as usize)
        .and_then(|n| n.checked_mul(P::size()))
        .ok_or_else(|| failed.clone())?;
    let mut out = vec![0u8; out_len];
    let mut dst = TypedImage::<P>::from_buffer(tw, th, &mut out).map_err(|_| failed.clone())?;
    Resizer::new()
        .resize_typed(
            &src,
            &mut dst,
            &ResizeOptions::new().resize_alg(ResizeAlg::Convolution(RESIZE_FILTER)),
        )
        .map_err(|_| failed)?;
    Ok(out)
}

/// Downscale to exactly `width`×`height` (no-op when the size already matches).
pub(crate) fn resize_rgb(image: Rgb, (width, height): (u32, u32)) -> Result<Rgb, MediaError> {
    if (image.width, image.height) == (width, height) {
        return Ok(image);
    }
    let pixels = resize_plane::<U8x3>(&image.pixels, (image.width, image.height), (width, height))?;
    Ok(Rgb {
        width,
        height,
        pixels,
    })
}

/// Downscale a greyscale plane by area averaging: each output pixel is the
/// mean of the source pixels it covers (fractional at its edges). Used for
/// the face detector's plane, which needs no sharper filter; doing it here
/// keeps the resizer's code for a second pixel format out of the library.
pub(crate) fn resize_luma(
    luma: &[u8],
    (w, h): (u32, u32),
    (tw, th): (u32, u32),
) -> Result<Vec<u8>, MediaError> {
    let (w, h, tw, th) = (w as usize, h as usize, tw as usize, th as usize);
    if luma.len() != w * h || tw == 0 || th == 0 || tw > w || th > h {
        return Err(MediaError::Internal {
            detail: "luma plane size mismatch",
        });
    }
    if (w, h) == (tw, th) {
        return Ok(luma.to_vec());
    }
    // Rows first: each output row accumulates its covered source rows.
    let rows = area_weights(h, th);
    let mut tall = vec![0f32; th * w];
    for (out_row, spans) in tall.chunks_exact_mut(w).zip(&rows) {
        for &(src, weight) in spans {
            let line = &luma[src * w..(src + 1) * w];
            for (acc, &v) in out_row.iter_mut().zip(line) {
                *acc += weight * f32::from(v);
            }
        }
    }
    let cols = area_weights(w, tw);
    let mut out = Vec::with_capacity(tw * th);
    for row in tall.chunks_exact(w) {
        out.extend(cols.iter().map(|spans| {
            let v: f32 = spans.iter().map(|&(src, weight)| weight * row[src]).sum();
            v.round().clamp(0.0, 255.0) as u8
        }));
    }
    Ok(out)
}

/// For each of `to` output cells along an axis of `from` source pixels, the
/// source pixels it covers with their share of it (the shares sum to 1).
fn area_weights(from: usize, to: usize) -> Vec<Vec<(usize, f32)>> {
    let scale = from as f64 / to as f64;
    (0..to)
        .map(|i| {
            let (start, end) = (i as f64 * scale, ((i + 1) as f64 * scale).min(from as f64));
            let first = start.floor() as usize;
            let last = (end.ceil() as usize).min(from);
            (first..last)
                .filter_map(|src| {
                    let cover = (end.min(src as f64 + 1.0) - start.max(src as f64)).max(0.0);
                    (cover > 0.0).then_some((src, (cover / scale) as f32))
                })
                .collect()
        })
        .collect()
}

/// Turn stored pixels upright according to the EXIF orientation.
pub(crate) fn orient(image: Rgb, orientation: Orientation) -> Rgb {
    let v = orientation.exif_value();
    if v <= 1 {
        return image;
    }
    let (w, h) = (image.width as usize, image.height as usize);
    let swaps = v >= 5;
    let (ow, oh) = if swaps { (h, w) } else { (w, h) };
    let mut out = vec![0u8; image.pixels.len()];
    for y in 0..h {
        for x in 0..w {
            // Where stored pixel (x, y) lands in the upright image.
            let (ox, oy) = match v {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (h - 1 - y, x),
                7 => (h - 1 - y, w - 1 - x),
                _ => (y, w - 1 - x), // 8
            };
            let s = (y * w + x) * 3;
            let d = (oy * ow + ox) * 3;
            out[d..d + 3].copy_from_slice(&image.pixels[s..s + 3]);
        }
    }
    Rgb {
        width: ow as u32,
        height: oh as u32,
        pixels: out,
    }
}

/// A rectangle in pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    pub(crate) x: u32,
    pub(crate) y: u32,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

/// Cells across the longer side of a blurred region: each cell becomes one
/// flat colour, so no facial feature (eyes, mouth, nose, about a fifth of
/// a face each) survives.
pub(crate) const BLUR_CELLS: u32 = 3;
/// Box-blur passes smoothing the cell edges (three passes approximate a
/// Gaussian), so the flat cells do not form a face-like pattern.
const BLUR_PASSES: usize = 3;

/// Destroy the content of `region` (clamped to the image): average it down
/// to a coarse grid of flat cells, then smooth the cell edges.
pub(crate) fn obliterate(image: &mut Rgb, region: Region) {
    let (iw, ih) = (image.width, image.height);
    let x0 = region.x.min(iw);
    let y0 = region.y.min(ih);
    let x1 = region.x.saturating_add(region.width).min(iw);
    let y1 = region.y.saturating_add(region.height).min(ih);
    if x1 <= x0 || y1 <= y0 {
        return;
    }
    let (rw, rh) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let cell = (rw.max(rh)).div_ceil(BLUR_CELLS as usize).max(1);
    let stride = iw as usize * 3;
    let at = |x: usize, y: usize| (y0 as usize + y) * stride + (x0 as usize + x) * 3;
    // Pass 1: flat cells.
    for cy in (0..rh).step_by(cell) {
        for cx in (0..rw).step_by(cell) {
            let (ex, ey) = ((cx + cell).min(rw), (cy + cell).min(rh));
            let mut sum = [0u64; 3];
            for y in cy..ey {
                for x in cx..ex {
                    let p = at(x, y);
                    for (s, &v) in sum.iter_mut().zip(&image.pixels[p..p + 3]) {
                        *s += u64::from(v);
                    }
                }
            }
            let n = ((ex - cx) * (ey - cy)) as u64;
            let mean = sum.map(|s| (s / n) as u8);
            for y in cy..ey {
                for x in cx..ex {
                    let p = at(x, y);
                    image.pixels[p..p + 3].copy_from_slice(&mean);
                }
            }
        }
    }
    // Pass 2: separable box blurs of radius cell/2 inside the region.
    let radius = (cell / 2).max(1);
    let mut line = Vec::with_capacity(rw.max(rh) * 3);
    for _ in 0..BLUR_PASSES {
        for y in 0..rh {
            line.clear();
            for x in 0..rw {
                line.extend_from_slice(&image.pixels[at(x, y)..at(x, y) + 3]);
            }
            box_blur_line(&line, radius, |x, px| {
                let p = at(x, y);
                image.pixels[p..p + 3].copy_from_slice(&px);
            });
        }
        for x in 0..rw {
            line.clear();
            for y in 0..rh {
                line.extend_from_slice(&image.pixels[at(x, y)..at(x, y) + 3]);
            }
            box_blur_line(&line, radius, |y, px| {
                let p = at(x, y);
                image.pixels[p..p + 3].copy_from_slice(&px);
            });
        }
    }
}

/// Box blur of a line of RGB pixels with clamped edges, written through `put`.
fn box_blur_line(line: &[u8], radius: usize, mut put: impl FnMut(usize, [u8; 3])) {
    let n = line.len() / 3;
    if n == 0 {
        return;
    }
    let px = |i: isize| -> [u64; 3] {
        let i = i.clamp(0, n as isize - 1) as usize * 3;
        [
            u64::from(line[i]),
            u64::from(line[i + 1]),
            u64::from(line[i + 2]),
        ]
    };
    let r = radius as isize;
    let width = (2 * radius + 1) as u64;
    let mut sum = [0u64; 3];
    for i in -r..=r {
        for (s, v) in sum.iter_mut().zip(px(i)) {
            *s += v;
        }
    }
    for i in 0..n as isize {
        put(i as usize, sum.map(|s| (s / width) as u8));
        let (add, sub) = (px(i + r + 1), px(i - r));
        for ((s, a), b) in sum.iter_mut().zip(add).zip(sub) {
            *s = *s + a - b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(w: u32, h: u32) -> Rgb {
        let pixels = (0..w * h).flat_map(|i| [i as u8, 0, 0]).collect();
        Rgb {
            width: w,
            height: h,
            pixels,
        }
    }

    fn red(i: &Rgb, x: u32, y: u32) -> u8 {
        i.pixels[((y * i.width + x) * 3) as usize]
    }

    #[test]
    fn all_orientations_put_the_stored_origin_where_exif_says() {
        // Stored 3 wide, 2 high: pixel values 0 1 2 / 3 4 5.
        // (upright top-left pixel, upright size) per EXIF value.
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
            let o = orient(numbered(3, 2), Orientation::from_exif(v));
            assert_eq!((o.width, o.height), size, "orientation {v}");
            assert_eq!(red(&o, 0, 0), top_left, "orientation {v}");
        }
        // 6 rotates clockwise: the stored top row becomes the right column.
        let o = orient(numbered(3, 2), Orientation::from_exif(6));
        assert_eq!((red(&o, 1, 0), red(&o, 1, 1), red(&o, 1, 2)), (0, 1, 2));
    }

    #[test]
    fn luma_area_downscale_averages_what_each_pixel_covers() {
        // Flat stays flat, at any ratio.
        let flat = vec![77u8; 300 * 200];
        let out = resize_luma(&flat, (300, 200), (128, 85)).expect("resize");
        assert_eq!(out.len(), 128 * 85);
        assert!(out.iter().all(|&v| v == 77));
        // 2:1 is the mean of each 2x2 block.
        let plane: Vec<u8> = (0..4 * 2).map(|i| (i * 10) as u8).collect();
        assert_eq!(
            resize_luma(&plane, (4, 2), (2, 1)).expect("resize"),
            vec![25, 45]
        );
        // 3:2 splits the middle pixel between the two outputs.
        assert_eq!(
            resize_luma(&[0, 90, 180], (3, 1), (2, 1)).expect("resize"),
            vec![30, 150]
        );
        // Same size is a copy; a mismatched plane or enlarging is an error.
        assert_eq!(
            resize_luma(&[1, 2], (2, 1), (2, 1)).expect("copy"),
            vec![1, 2]
        );
        assert!(resize_luma(&[0; 5], (3, 2), (2, 1)).is_err());
        assert!(resize_luma(&[0; 6], (3, 2), (6, 4)).is_err());
    }

    #[test]
    fn target_size_keeps_aspect_and_never_enlarges() {
        assert_eq!(target_size(4000, 3000, 1024), (1024, 768));
        assert_eq!(target_size(3000, 4000, 1024), (768, 1024));
        assert_eq!(target_size(640, 480, 1024), (640, 480));
        assert_eq!(target_size(100_000, 1, 1024), (1024, 1));
    }

    #[test]
    fn obliterate_flattens_detail_and_stays_inside_the_region() {
        let mut img = Rgb {
            width: 40,
            height: 40,
            pixels: (0..40 * 40)
                .flat_map(|i| {
                    let v = if (i % 40 + i / 40) % 2 == 0 { 0 } else { 255 };
                    [v, v, v]
                })
                .collect(),
        };
        let before = img.clone();
        obliterate(
            &mut img,
            Region {
                x: 10,
                y: 10,
                width: 20,
                height: 20,
            },
        );
        for y in 0..40 {
            for x in 0..40 {
                let inside = (10..30).contains(&x) && (10..30).contains(&y);
                let v = red(&img, x, y);
                if inside {
                    assert!((100..=155).contains(&v), "({x},{y}) = {v}");
                } else {
                    assert_eq!(v, red(&before, x, y));
                }
            }
        }
        // Regions beyond the edge are clamped, not a panic.
        obliterate(
            &mut img,
            Region {
                x: 35,
                y: 35,
                width: 100,
                height: 100,
            },
        );
        obliterate(
            &mut img,
            Region {
                x: 100,
                y: 100,
                width: 5,
                height: 5,
            },
        );
    }
}
