//! Fetching a signed program document (docs/protocol.md, "Signed
//! documents"): `GET /v1/directory` or `GET /v1/case`, with the revision
//! the device holds as `If-None-Match`, so an unchanged document costs one
//! small exchange, and `Accept-Encoding: deflate`, so a directory of
//! thousands of services costs about a quarter of its size on a
//! participant's data plan. The reply is inflated here with a bound (a
//! small reply cannot inflate into gigabytes) and handed back as the exact
//! bytes the program signed.

use base64::Engine as _;
use reqwest::StatusCode;

use super::{Api, Signer, network, server_error};
use crate::error::Error;
use crate::protocol::ProtocolError;
use crate::protocol::document::{DocumentKind, HEADER_REVISION, HEADER_SIGNATURE};

/// Largest document reply read from the wire (compressed or not).
pub const MAX_WIRE_BYTES: usize = 16 * 1024 * 1024;

/// What the program answered.
#[derive(Debug)]
pub enum DocumentReply {
    /// The revision the device holds is the current one (304).
    Unchanged,
    /// The program publishes no such document (404).
    NotPublished,
    /// A document: the exact bytes signed, the revision and signature the
    /// program gave in its headers (not yet checked).
    New {
        body: Vec<u8>,
        revision: u64,
        signature: Vec<u8>,
    },
}

fn malformed(why: &str) -> Error {
    ProtocolError::malformed("document reply", why).into()
}

impl Api {
    /// Fetches document `kind`, telling the program the revision held.
    /// `max_bytes` bounds the document once inflated.
    pub async fn document(
        &self,
        signer: &Signer<'_>,
        kind: DocumentKind,
        have: Option<u64>,
        max_bytes: usize,
    ) -> Result<DocumentReply, Error> {
        let mut req = self
            .http
            .get(self.url(kind.path()))
            .header(reqwest::header::ACCEPT_ENCODING, "deflate");
        if let Some(revision) = have {
            req = req.header(reqwest::header::IF_NONE_MATCH, format!("\"{revision}\""));
        }
        let req = self.signed(req, signer, "GET", kind.path(), &crate::crypto::sha256(b""))?;
        let mut resp = req.send().await.map_err(network)?;
        let status = resp.status();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let encoding = header(reqwest::header::CONTENT_ENCODING.as_str());
        let revision = header(HEADER_REVISION);
        let signature = header(HEADER_SIGNATURE);
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(network)? {
            if body.len() + chunk.len() > MAX_WIRE_BYTES {
                return Err(malformed("the document is too large"));
            }
            body.extend_from_slice(&chunk);
        }
        match status {
            StatusCode::NOT_MODIFIED => return Ok(DocumentReply::Unchanged),
            // A server without the route answers its generic 404 too.
            StatusCode::NOT_FOUND => return Ok(DocumentReply::NotPublished),
            StatusCode::OK => {}
            other => return Err(server_error(other, &body)),
        }
        let body = match encoding.as_deref().map(str::trim) {
            None | Some("identity") => body,
            Some(e) if e.eq_ignore_ascii_case("deflate") => {
                fdeflate::decompress_to_vec_bounded(&body, max_bytes)
                    .map_err(|_| malformed("the document does not inflate within its limit"))?
            }
            Some(_) => return Err(malformed("an encoding this device did not ask for")),
        };
        if body.len() > max_bytes {
            return Err(malformed("the document is too large"));
        }
        let revision = revision
            .and_then(|r| r.trim().parse::<u64>().ok())
            .ok_or_else(|| malformed("no revision header"))?;
        let signature = signature
            .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s.trim()).ok())
            .filter(|s| s.len() == 64)
            .ok_or_else(|| malformed("no signature header"))?;
        Ok(DocumentReply::New {
            body,
            revision,
            signature,
        })
    }
}
