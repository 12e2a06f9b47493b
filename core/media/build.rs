//! Stores the face model compressed in the library: its 8-bit weight
//! tables still shrink by about a tenth under zlib (30 KB of the shipped
//! library, which has a size budget), and it is inflated once per thread
//! that detects faces, where it is parsed anyway (src/faces/mod.rs).

use std::path::PathBuf;
use std::{env, fs};

const MODEL: &str = "model/seeta_fd_frontal_v1.0.q8.bin";

fn main() {
    println!("cargo:rerun-if-changed={MODEL}");
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let model = fs::read(manifest.join(MODEL)).unwrap_or_else(|e| panic!("{MODEL}: {e}"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets it"));
    fs::write(
        out.join("face_model.q8.z"),
        miniz_oxide::deflate::compress_to_vec_zlib(&model, 10),
    )
    .expect("OUT_DIR is writable");
}
