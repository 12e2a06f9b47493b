//! checkin-ffi: the uniffi facade over `checkin-core` for Kotlin and Swift.
//!
//! The facade converts types and errors and owns the async runtime; it holds
//! no behaviour a direct Rust caller of the core would miss. One concern per
//! file: `client` (the one object shells talk to), `types` (records and
//! enums mirrored from the core, with every conversion), `error` (the public
//! error and the mapping from core errors), `key_store` and `listener` (the
//! traits shells implement), `runtime` (where async work runs), `cancel`
//! (cancelling a running sync), `directory` (community services and the
//! case, looked up on the phone).

uniffi::setup_scaffolding!();

mod cancel;
mod client;
mod directory;
mod error;
mod key_store;
mod listener;
mod runtime;
mod types;

pub use cancel::Cancellation;
pub use client::CheckinClient;
pub use error::{CheckinError, KeyAccessError, ListenerError};
pub use key_store::KeyStore;
pub use listener::SyncListener;
pub use types::*;

/// The version of the check-in core this library was built from.
#[uniffi::export]
pub fn core_version() -> String {
    checkin_core::VERSION.to_string()
}
