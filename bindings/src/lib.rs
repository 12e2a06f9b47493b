//! checkin-ffi: the uniffi facade over `checkin-core` for Kotlin and Swift.
//!
//! The facade converts types and errors and owns the async runtime; it holds
//! no behaviour a direct Rust caller of the core would miss. One concern per
//! file: `client` (the one object shells talk to), `types` (records and
//! enums mirrored from the core, with every conversion), `error` (the public
//! error and the mapping from core errors), `key_store` and `listener` (the
//! traits shells implement), `runtime` (where async work runs), `cancel`
//! (cancelling a running sync), `directory` (community services and the
//! case, looked up on the phone), `opening` (the client, or the screen that
//! says why it cannot open).

uniffi::setup_scaffolding!();

mod cancel;
mod client;
mod directory;
mod error;
mod key_store;
mod listener;
mod opening;
mod runtime;
mod types;

pub use cancel::Cancellation;
pub use client::CheckinClient;
pub use error::{CheckinError, KeyAccessError, ListenerError};
pub use key_store::KeyStore;
pub use listener::SyncListener;
pub use opening::{Opening, open_for_screens};
pub use types::*;

/// Words for the shell's own controls in `locale` (BCP 47), for before a
/// client is open; an open client's `shell_words` follows the participant's
/// own choice of language.
#[uniffi::export]
pub fn shell_words(locale: String) -> checkin_core::ShellWords {
    checkin_core::shell_words(&locale)
}

/// The one screen to show when the client cannot open or read its store,
/// for `reason`, in `locale`. `open_for_screens` answers with it and with
/// the reason decided from the core's error; this is for a shell that
/// needs the screen again (a language change) or for its tests.
#[uniffi::export]
pub fn unavailable_screen(
    locale: String,
    reason: checkin_core::Unavailable,
) -> checkin_core::Screen {
    checkin_core::unavailable_screen(&locale, reason)
}

/// The version of the check-in core this library was built from.
#[uniffi::export]
pub fn core_version() -> String {
    checkin_core::VERSION.to_string()
}
