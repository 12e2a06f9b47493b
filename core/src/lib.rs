//! checkin-core: the whole behaviour of the participant check-in app.
//!
//! Plain Rust with no FFI or platform types. docs/protocol.md specifies the
//! bytes on the wire; ../shared/DESIGN.md (mirrored in the README) maps the
//! modules. Start reading at [`client::CheckinClient`].

pub mod checkin;
pub mod client;
pub mod clock;
pub mod compliance;
pub mod crypto;
pub mod disclosure;
pub mod error;
pub mod i18n;
pub mod ledger;
pub mod location;
pub mod offline_code;
pub mod plan;
pub mod policy;
pub mod protocol;
pub mod remind;
pub mod retention;
pub mod store;
pub mod sync;

pub use client::{CheckinClient, ClientConfig, Connectivity, EnrollmentSummary};
pub use error::{Error, Result};

/// The version of this crate.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
