//! Ogg encapsulation of an Opus stream (RFC 3533 pages, RFC 7845 headers).
//!
//! Writes the identification header (`OpusHead`), a comment header
//! (`OpusTags`) that carries only a vendor string and no comments, then the
//! audio packets. The last page's granule position marks the true end, so
//! decoders trim the encoder's padding and the decoded length equals the
//! input's. The stream serial number is a constant: one logical stream per
//! file needs no unique serial, and a constant leaks nothing.

/// Stream serial number.
const SERIAL: u32 = 0x4348_4B49;
/// Vendor string in `OpusTags`.
const VENDOR: &[u8] = b"checkin-core";
/// Opus granule positions count 48 kHz samples.
pub(crate) const GRANULE_RATE: u32 = 48_000;
/// Packets per audio page (50 × 20 ms = 1 s): small pages bound the loss
/// from a damaged page, large ones save header bytes.
const PACKETS_PER_PAGE: usize = 50;
/// Ogg lacing limit.
const MAX_SEGMENTS: usize = 255;

const HEADER_TYPE_BOS: u8 = 0x02;
const HEADER_TYPE_EOS: u8 = 0x04;

/// CRC-32 as Ogg uses it: polynomial 0x04C11DB7, no reflection, zero init.
const CRC_TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut r = (i as u32) << 24;
        let mut b = 0;
        while b < 8 {
            r = if r & 0x8000_0000 != 0 {
                (r << 1) ^ 0x04C1_1DB7
            } else {
                r << 1
            };
            b += 1;
        }
        t[i] = r;
        i += 1;
    }
    t
};

fn crc(data: &[u8]) -> u32 {
    data.iter().fold(0u32, |c, &b| {
        (c << 8) ^ CRC_TABLE[((c >> 24) as u8 ^ b) as usize]
    })
}

/// Builds an Ogg Opus file page by page.
pub(crate) struct OggOpusWriter {
    out: Vec<u8>,
    sequence: u32,
    pending: Vec<Vec<u8>>,
    /// 48 kHz samples of all packets given so far (padding included).
    granule: u64,
    samples_per_packet: u64,
}

impl OggOpusWriter {
    /// Start a mono stream. `pre_skip` is the encoder's lookahead at 48 kHz,
    /// `input_rate` the rate the audio was encoded at (informational).
    pub(crate) fn new(pre_skip: u16, input_rate: u32, samples_per_packet_48k: u64) -> Self {
        let mut w = Self {
            out: Vec::new(),
            sequence: 0,
            pending: Vec::new(),
            granule: 0,
            samples_per_packet: samples_per_packet_48k,
        };
        let mut head = Vec::with_capacity(19);
        head.extend_from_slice(b"OpusHead");
        head.push(1); // version
        head.push(1); // channels
        head.extend_from_slice(&pre_skip.to_le_bytes());
        head.extend_from_slice(&input_rate.to_le_bytes());
        head.extend_from_slice(&0i16.to_le_bytes()); // output gain
        head.push(0); // mapping family: mono/stereo
        w.page(&[&head], 0, HEADER_TYPE_BOS);
        let mut tags = Vec::new();
        tags.extend_from_slice(b"OpusTags");
        tags.extend_from_slice(&(VENDOR.len() as u32).to_le_bytes());
        tags.extend_from_slice(VENDOR);
        tags.extend_from_slice(&0u32.to_le_bytes()); // no comments
        w.page(&[&tags], 0, 0);
        w
    }

    /// Queue one Opus packet of `samples_per_packet_48k` samples.
    pub(crate) fn push(&mut self, packet: Vec<u8>) {
        self.pending.push(packet);
        self.granule += self.samples_per_packet;
        let segments: usize = self.pending.iter().map(|p| p.len() / 255 + 1).sum();
        if self.pending.len() >= PACKETS_PER_PAGE || segments + 8 > MAX_SEGMENTS {
            let packets = std::mem::take(&mut self.pending);
            let refs: Vec<&[u8]> = packets.iter().map(Vec::as_slice).collect();
            self.page(&refs, self.granule, 0);
        }
    }

    /// Flush the last page with `end_granule` (pre-skip plus the true
    /// sample count at 48 kHz) and return the file.
    pub(crate) fn finish(mut self, end_granule: u64) -> Vec<u8> {
        let packets = std::mem::take(&mut self.pending);
        let refs: Vec<&[u8]> = packets.iter().map(Vec::as_slice).collect();
        self.page(&refs, end_granule.min(self.granule), HEADER_TYPE_EOS);
        self.out
    }

    fn page(&mut self, packets: &[&[u8]], granule: u64, header_type: u8) {
        let mut lacing = Vec::new();
        for p in packets {
            lacing.extend(std::iter::repeat_n(255u8, p.len() / 255));
            lacing.push((p.len() % 255) as u8);
        }
        let start = self.out.len();
        self.out.extend_from_slice(b"OggS");
        self.out.push(0); // version
        self.out.push(header_type);
        self.out.extend_from_slice(&granule.to_le_bytes());
        self.out.extend_from_slice(&SERIAL.to_le_bytes());
        self.out.extend_from_slice(&self.sequence.to_le_bytes());
        let crc_at = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        self.out.push(lacing.len() as u8);
        self.out.extend_from_slice(&lacing);
        for p in packets {
            self.out.extend_from_slice(p);
        }
        let sum = crc(&self.out[start..]);
        self.out[crc_at..crc_at + 4].copy_from_slice(&sum.to_le_bytes());
        self.sequence += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_ogg_reference_value() {
        // CRC-32/MPEG-2 without init/xor ("CRC-32/BZIP2" minus its
        // inversions): the standard check value for "123456789".
        assert_eq!(crc(b"123456789"), 0x89A1_897F);
    }

    #[test]
    fn pages_carry_headers_packets_and_end_granule() {
        let mut w = OggOpusWriter::new(312, 16_000, 960);
        for i in 0..120u8 {
            w.push(vec![i; 30]);
        }
        let file = w.finish(312 + 120 * 960 - 500);
        // Walk the pages back.
        let mut pos = 0;
        let mut pages = Vec::new();
        while pos < file.len() {
            assert_eq!(&file[pos..pos + 4], b"OggS");
            let granule = u64::from_le_bytes(file[pos + 6..pos + 14].try_into().expect("8"));
            let nseg = file[pos + 26] as usize;
            let body: usize = file[pos + 27..pos + 27 + nseg]
                .iter()
                .map(|&b| b as usize)
                .sum();
            let len = 27 + nseg + body;
            let mut copy = file[pos..pos + len].to_vec();
            copy[22..26].fill(0);
            let stored = u32::from_le_bytes(file[pos + 22..pos + 26].try_into().expect("4"));
            assert_eq!(crc(&copy), stored);
            pages.push((file[pos + 5], granule));
            pos += len;
        }
        assert_eq!(pages.len(), 2 + 3);
        assert_eq!(pages[0], (HEADER_TYPE_BOS, 0));
        assert_eq!(pages[2].1, 50 * 960);
        assert_eq!(pages[4], (HEADER_TYPE_EOS, 312 + 120 * 960 - 500));
        assert!(file.windows(8).any(|w| w == b"OpusHead"));
    }
}
