//! The core's errors: each says what happened and what the caller can do,
//! and none carries a photo, a location, a name or a key.

use crate::crypto::CryptoError;
use crate::ledger::{LedgerError, LedgerFault};
use crate::location::LocationError;
use crate::plan::PlanError;
use crate::policy::PolicyError;
use crate::protocol::{ProtocolError, receipt::ReceiptError};
use crate::store::StoreError;
use checkin_media::MediaError;

/// Everything that can go wrong in a call to the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("this device is not enrolled yet")]
    NotEnrolled,
    #[error("this device is already enrolled")]
    AlreadyEnrolled,
    #[error("the enrollment code is not valid")]
    EnrollmentCodeInvalid,
    #[error("the enrollment code was already used")]
    EnrollmentCodeUsed,
    #[error("no check-in in progress with that id")]
    DraftNotFound,
    #[error("the plan has no appointment {id:?}")]
    UnknownAppointment { id: String },
    #[error("the check-in is missing required evidence: {0}")]
    MissingEvidence(&'static str),
    #[error(
        "the program's policy changed (version {policy_version}): show the participant what it collects and record their consent before the next capture"
    )]
    ConsentRequired { policy_version: u32 },
    #[error(
        "this check-in's evidence was taken under policy version {captured_under}, now {current}: take the check-in again"
    )]
    PolicyChanged { captured_under: u32, current: u32 },
    /// Evidence for a check-in whose window's late period ended at
    /// `late_ends` (corrected time): nothing was attached or started.
    #[error(
        "the check-in window stopped taking check-ins at {late_ends} (its grace and late periods are over): nothing was added"
    )]
    WindowClosed { late_ends: chrono::DateTime<chrono::Utc> },
    #[error("the ledger failed its check: {0}")]
    LedgerBroken(LedgerFault),
    /// A location fix the policy does not let the core use; nothing was kept.
    #[error(transparent)]
    Location(#[from] LocationError),
    /// The consent names a policy version that is not the current one;
    /// nothing was recorded.
    #[error("consent names policy version {given}, but the current version is {current}")]
    ConsentNotCurrent { given: u32, current: u32 },
    #[error("the photo cannot be submitted as it is: {0}")]
    QualityBlocks(String),
    #[error(transparent)]
    Media(#[from] MediaError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error("plan: {0}")]
    Plan(#[from] PlanError),
    #[error("the server sent an unusable policy: {0}")]
    Policy(#[from] PolicyError),
    #[error("the server's reply did not follow the protocol: {0}")]
    Protocol(#[from] ProtocolError),
    #[error("the server's receipt was not accepted: {0}")]
    Receipt(#[from] ReceiptError),
    #[error("the server could not be reached: {0}")]
    Network(String),
    #[error("the server refused the request ({status} {code})")]
    Server { status: u16, code: String },
    #[error("the server's key does not match the one pinned at enrollment")]
    PinMismatch,
    #[error("the server address must be https (plain http only to this device's loopback)")]
    InvalidServerUrl,
    #[error("the operation was cancelled")]
    Cancelled,
    /// A directory search or a saved service the core refuses.
    #[error(transparent)]
    Search(#[from] crate::directory::SearchError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<LedgerError> for Error {
    fn from(e: LedgerError) -> Self {
        match e {
            LedgerError::Broken(fault) => Error::LedgerBroken(fault),
            LedgerError::Store(s) => Error::Store(s),
        }
    }
}

impl From<crate::checkin::PolicyChanged> for Error {
    fn from(e: crate::checkin::PolicyChanged) -> Self {
        Error::PolicyChanged {
            captured_under: e.captured_under,
            current: e.current,
        }
    }
}

impl From<crate::checkin::WindowClosed> for Error {
    fn from(e: crate::checkin::WindowClosed) -> Self {
        Error::WindowClosed {
            late_ends: e.late_ends,
        }
    }
}

impl From<crate::checkin::CannotSeal> for Error {
    fn from(e: crate::checkin::CannotSeal) -> Self {
        use crate::checkin::CannotSeal;
        match e {
            CannotSeal::MissingEvidence(what) => Error::MissingEvidence(what),
            CannotSeal::QualityBlocks(issues) => Error::QualityBlocks(issues),
            CannotSeal::Crypto(c) => Error::Crypto(c),
            CannotSeal::Protocol(p) => Error::Protocol(p),
        }
    }
}
