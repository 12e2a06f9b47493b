//! The bytes on the wire, exactly as docs/protocol.md specifies them:
//! envelopes, receipts, request signatures, TLS key rotations and the JSON
//! messages of the API. Nothing here does I/O.

pub mod document;
pub mod envelope;
pub mod messages;
pub mod receipt;
pub mod request;
pub mod rotation;
pub mod wire_time;

/// A message from the server or a stored envelope did not follow the protocol.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    #[error("malformed {what}: {why}")]
    Malformed { what: &'static str, why: String },
    #[error("{what} is too large ({size} bytes, limit {limit})")]
    TooLarge {
        what: &'static str,
        size: usize,
        limit: usize,
    },
}

impl ProtocolError {
    pub(crate) fn malformed(what: &'static str, why: impl Into<String>) -> Self {
        Self::Malformed {
            what,
            why: why.into(),
        }
    }
}
