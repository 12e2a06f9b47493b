//! checkin-ffi: the uniffi facade over `checkin-core` for Kotlin and Swift.
//!
//! The facade converts types and errors and owns the async runtime; it holds
//! no behaviour a direct Rust caller of the core would miss. One concern per
//! file: `error` (the public error and the key-store error), `runtime` (the
//! tokio runtime and how async calls run on it), `cancel` (cancelling a
//! running operation), `key_store` (the platform key store the shells
//! implement), `sample` (the phase-1 facade proving the toolchain).

uniffi::setup_scaffolding!();

mod cancel;
mod error;
mod key_store;
mod runtime;
mod sample;

pub use cancel::Cancellation;
pub use error::{CheckinError, KeyAccessError};
pub use key_store::KeyStore;
pub use sample::{ProgressListener, SampleItem, SampleKind, SampleVault, add_later};

/// The version of the check-in core this library was built from.
#[uniffi::export]
pub fn core_version() -> String {
    checkin_core::VERSION.to_string()
}
