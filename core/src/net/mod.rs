//! The network side of the protocol: one HTTP client on rustls with ring,
//! the server's TLS key pinned, requests signed by the device key, and
//! every reply sorted into what the caller must do next. Enrollment and
//! the sync both talk to the program's server through it: `http` (the
//! client, enrollment, whole uploads), `upload` (resumable uploads),
//! `plan` (the documents, fetched only when they changed), `tls`.

pub mod http;
pub mod plan;
pub mod reply;
pub mod tls;
pub mod upload;
