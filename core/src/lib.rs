//! checkin-core: the whole behaviour of the participant check-in app.
//!
//! Plain Rust with no FFI or platform types (uniffi derives on the plain
//! records only behind the `ffi` feature). docs/protocol.md specifies the
//! bytes on the wire; docs/api.md lists this public API and
//! docs/architecture.md the layers beneath it. Start reading at
//! [`CheckinClient`].
//!
//! What is public is what an embedder needs: the client, its configuration,
//! the records it returns and the errors it gives, the traits a platform
//! implements (key store, clock, sync listener). Store, sync, crypto and
//! protocol internals are reached only through the client. The
//! `internals` feature (tests and benchmarks only, never shipped) exposes
//! the modules themselves.

// No unsafe code but the one call into the C library for the monotonic
// clock (`clock.rs`), with its SAFETY comment.
#![deny(unsafe_code)]

#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!();

/// Declares modules that are private, or public with the test-only
/// `internals` feature.
macro_rules! internal_modules {
    ($($name:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}

// From the ground up: each module imports only from those above it in
// this list (checked by `tests/it/architecture.rs`).
internal_modules!(
    // Foundations: no imports from this crate.
    crypto,
    i18n,
    clock,
    config,
    // The wire and the program's documents.
    protocol,
    policy,
    location,
    offline_code,
    plan,
    remind,
    // The program's directory of community services and the case document.
    directory,
    case,
    // A check-in's records, then the store that keeps them, then the ledger.
    checkin,
    store,
    ledger,
    error,
    // The program's server, over the network.
    net,
    // What the client read once, and the flows over it.
    session,
    disclosure,
    documents,
    resources,
    compliance,
    retention,
    sync,
    enroll,
    capture,
    submit,
    preferences,
    // The orchestrator, what the participant looks up, what they see.
    client,
    lookup,
    screens,
);

#[cfg(feature = "internals")]
pub mod testing;

pub use client::CheckinClient;
pub use config::{ClientConfig, Connectivity};
pub use enroll::EnrollmentSummary;
pub use error::{Error, Result};

/// The platform's side: key storage, time, progress.
pub use clock::{Clock, ManualClock, SystemClock};
pub use crypto::keystore::{KeyStore, KeyStoreError, SoftwareKeyStore};
pub use sync::{SyncListener, SyncProgress, SyncReport};

/// Records the client returns.
pub use checkin::{CheckinSummary, PhotoQuality, VoiceQuality};
pub use compliance::{ComplianceStatus, WindowCompliance};
pub use disclosure::{CollectionStatement, Consent};
pub use ledger::{LedgerEntry, LedgerEvent, LedgerFault, RetainedItem};
pub use location::{LocationError, LocationFix, SentLocation};
pub use plan::{
    CheckinWindow, Due, LocationPrecision, Plan, Requirements, WindowState, zone::Resolution,
};
pub use policy::{LocationMode, Policy, PolicyRef, Requirement};
pub use protocol::envelope::{ClockEvidence, LedgerHeadRef, PartDescriptor, PartKind, WindowRef};
pub use protocol::receipt::Receipt;
pub use remind::{Notification, NotificationKind};
pub use retention::RetentionReport;
pub use store::{MediaItem, OutboxItem, OutboxState};

/// Errors nested in [`Error`], for callers that match on them.
pub use checkin_media::MediaError;
pub use crypto::CryptoError;
pub use plan::PlanError;
pub use policy::{AreaError, PolicyError};
pub use protocol::{ProtocolError, receipt::ReceiptError};
pub use store::StoreError;

/// Community services and the case, looked up on the phone
/// (docs/directory.md).
pub use directory::{DirectoryError, DirectoryQuery, Point, SearchError};
pub use lookup::{
    CaseHearing, CaseInfo, CaseOfficer, CasePhone, DirectoryChoice, DirectoryOverview,
    DirectoryPlace, DirectoryResults, ServiceDetails, ServicePhone, ServicePlace, ServiceSummary,
};

/// What a participant sees (docs/screens.md).
pub use screens::{
    Action, ActionKind, ActionStyle, Block, CaptureKind, CaptureResult, ChoiceOption, Effect, Fact,
    Field, FieldKind, FieldValue, Hint, Item, ManagedConfig, NotificationChannel, Permission,
    PermissionState, PermissionStatus, Route, Screen, ShellContext, ShellWords, Step, StepState,
    TextStyle, Tone, Unavailable,
};
pub use screens::{shell_words, unavailable_screen};

/// The version of this crate.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
