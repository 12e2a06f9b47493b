//! checkin-core: the whole behaviour of the participant check-in app.
//!
//! Plain Rust with no FFI or platform types. See docs/protocol.md for the
//! bytes on the wire and ../DESIGN for the module map.

pub mod clock;
pub mod i18n;
pub mod plan;
pub mod remind;

/// The version of this crate.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
