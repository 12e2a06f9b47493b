//! Reads the one EXIF field the pipeline needs: orientation.
//!
//! EXIF is a TIFF structure inside a JPEG APP1 segment or a PNG `eXIf`
//! chunk. We read only IFD0's Orientation tag (0x0112), with every offset
//! bounds-checked. A malformed or missing EXIF block means "no rotation":
//! metadata is discarded anyway, and a camera's odd EXIF must never make a
//! check-in fail.

/// EXIF orientation tag number in IFD0.
const TAG_ORIENTATION: u16 = 0x0112;
/// TIFF field type SHORT (u16).
const TYPE_SHORT: u16 = 3;
/// Bytes in one IFD entry.
const IFD_ENTRY_LEN: usize = 12;
/// Upper bound on IFD0 entries we look at; real files have a few dozen.
const MAX_IFD_ENTRIES: usize = 512;

pub(crate) use checkin_pixels::Orientation;

/// Orientation from a TIFF-structured EXIF block (after the `Exif\0\0`
/// prefix in JPEG, or a PNG `eXIf` chunk's body).
pub(crate) fn orientation_from_tiff(tiff: &[u8]) -> Orientation {
    read_orientation(tiff).map_or(Orientation::UPRIGHT, Orientation::from_exif)
}

fn read_orientation(tiff: &[u8]) -> Option<u16> {
    let big_endian = match tiff.get(0..4)? {
        [b'I', b'I', 42, 0] => false,
        [b'M', b'M', 0, 42] => true,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let ifd0 = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd0)?).min(MAX_IFD_ENTRIES);
    for i in 0..count {
        let entry = ifd0
            .checked_add(2)?
            .checked_add(i.checked_mul(IFD_ENTRY_LEN)?)?;
        if u16_at(entry)? == TAG_ORIENTATION {
            if u16_at(entry + 2)? != TYPE_SHORT || u32_at(entry + 4)? != 1 {
                return None;
            }
            return u16_at(entry + 8);
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal TIFF block with IFD0 holding only Orientation.
    pub(crate) fn tiff_with_orientation(value: u16, big_endian: bool) -> Vec<u8> {
        let mut t = Vec::new();
        let w16 = |t: &mut Vec<u8>, v: u16| {
            t.extend_from_slice(&if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            })
        };
        let w32 = |t: &mut Vec<u8>, v: u32| {
            t.extend_from_slice(&if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            })
        };
        t.extend_from_slice(if big_endian { b"MM\0*" } else { b"II*\0" });
        w32(&mut t, 8);
        w16(&mut t, 1);
        w16(&mut t, TAG_ORIENTATION);
        w16(&mut t, TYPE_SHORT);
        w32(&mut t, 1);
        w16(&mut t, value);
        w16(&mut t, 0);
        w32(&mut t, 0);
        t
    }

    #[test]
    fn reads_both_byte_orders() {
        for be in [false, true] {
            for v in 1..=8 {
                let o = orientation_from_tiff(&tiff_with_orientation(v, be));
                assert_eq!(u16::from(o.exif_value()), v);
            }
        }
    }

    #[test]
    fn out_of_range_and_malformed_mean_upright() {
        assert_eq!(
            orientation_from_tiff(&tiff_with_orientation(9, false)),
            Orientation::UPRIGHT
        );
        assert_eq!(orientation_from_tiff(b"II*\0"), Orientation::UPRIGHT);
        assert_eq!(orientation_from_tiff(b""), Orientation::UPRIGHT);
        let mut t = tiff_with_orientation(6, false);
        t.truncate(t.len() - 8);
        assert_eq!(orientation_from_tiff(&t), Orientation::UPRIGHT);
        // IFD offset pointing far outside the block.
        let mut t = tiff_with_orientation(6, false);
        t[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(orientation_from_tiff(&t), Orientation::UPRIGHT);
    }
}
