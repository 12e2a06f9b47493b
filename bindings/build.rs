//! Link options for the shipped shared library.
//!
//! A Rust cdylib carries tens of thousands of relative relocations (vtables,
//! string tables, panic locations), stored at 24 bytes each by default:
//! about 1 MB of the library. Packed formats store them in a few KB:
//! - Android: the platform's packed relocations (`--pack-dyn-relocs=android`),
//!   understood by the loader since API 23, below our minimum SDK (26).
//! - Linux/glibc: DT_RELR (`-z pack-relative-relocs`), which needs glibc 2.36
//!   at run time, so it is applied to release builds only; debug builds keep
//!   loading on older desktops.
//! - Apple platforms: the linker already uses compact chained fixups for
//!   iOS 15+, our minimum.
//!
//! On Android the NDK's lld also folds identical functions (`--icf=all`):
//! generic code instantiated for many types often compiles to the same
//! machine code, and folding it keeps about 90 KB out of the library.
//! Rust promises nothing about function addresses being distinct, so
//! folding changes no behaviour. Apple's linker folds duplicates by
//! default.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    if os == "android" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,--pack-dyn-relocs=android");
        println!("cargo:rustc-cdylib-link-arg=-Wl,--icf=all");
    } else if os == "linux" && env == "gnu" && release {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,pack-relative-relocs");
    }
}
