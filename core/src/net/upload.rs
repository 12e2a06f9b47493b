//! Resumable uploads on the wire (docs/protocol.md, "Resumable uploads"):
//! the two requests a device makes and every answer sorted into what to do
//! next. Deciding when to ask and when to append is the sync's
//! (`sync/resume.rs`).
//!
//! - `GET {lane}/uploads/{digest}`: how much of the envelope the server
//!   holds, or its receipt if it is stored already.
//! - `PATCH {lane}/uploads/{digest}` with `Upload-Offset` and
//!   `Upload-Length`: the envelope from the offset on. Signed over the
//!   envelope's SHA-256 (the digest in the path), not the body, because a
//!   server keeps what arrives even when the connection breaks mid-body.

use reqwest::StatusCode;
use uuid::Uuid;

use super::http::{Api, Signer, describe, read_body, retry_after};
use super::reply::{SendOutcome, classify};
use super::tls;
use crate::protocol::messages::{CheckinResponse, ErrorBody, UploadProgress};

/// Media type of an append's body: a slice of an envelope.
pub const PARTIAL_UPLOAD: &str = "application/partial-upload";

/// What the server holds of an envelope.
#[derive(Debug)]
pub enum Held {
    /// Nothing: start at offset 0.
    Nothing,
    /// The first `offset` bytes.
    Part { offset: u64 },
    /// All of it, stored: its receipt (to verify as any other).
    Stored(CheckinResponse),
    /// The server has no upload routes (it stopped offering them): send
    /// the envelope whole.
    NotOffered,
    /// Anything else (network, 5xx, 429, clock, a refusal), as a whole
    /// upload's answer would be sorted.
    Failed(SendOutcome),
}

/// What an append achieved.
#[derive(Debug)]
pub enum Appended {
    /// The upload completed (or was stored already): the answer a whole
    /// upload would have had, a receipt or a refusal.
    Done(SendOutcome),
    /// The server holds the first `offset` bytes; more to send.
    Part { offset: u64 },
    /// The server's bytes end elsewhere: continue at `offset`.
    Elsewhere { offset: u64 },
    /// The bytes did not hash to the envelope's digest; the server
    /// discarded them: start again at 0.
    Discarded,
    /// The server has no upload routes, or does not take this append's
    /// headers: send the envelope whole.
    NotOffered,
    /// The connection failed before an answer arrived; the server may have
    /// kept some bytes: ask.
    Lost { reason: String },
    /// A transient refusal before anything was appended (5xx, 429, 408):
    /// retry later.
    Failed(SendOutcome),
}

/// `{lane_path}/uploads/{digest}`.
fn upload_path(lane_path: &str, digest: &[u8; 32]) -> String {
    format!("{lane_path}/uploads/{}", hex::encode(digest))
}

fn error_code(body: &[u8]) -> Option<String> {
    serde_json::from_slice::<ErrorBody>(body)
        .ok()
        .map(|b| b.error.code)
}

/// A failed request as a [`SendOutcome`].
fn unreachable(e: &reqwest::Error) -> SendOutcome {
    if tls::is_pin_mismatch(e) {
        SendOutcome::PinMismatch
    } else {
        SendOutcome::Transient {
            reason: describe(e),
            retry_after: None,
        }
    }
}

impl Api {
    /// Asks how much of the envelope with `digest` the server holds.
    pub async fn upload_held(&self, lane_path: &str, signer: &Signer<'_>, digest: &[u8; 32]) -> Held {
        let path = upload_path(lane_path, digest);
        let request = match self.signed(
            self.http.get(self.url(&path)),
            signer,
            "GET",
            &path,
            &crate::crypto::sha256(b""),
        ) {
            Ok(r) => r,
            Err(e) => return Held::Failed(transient(e.to_string())),
        };
        let response = match request.send().await {
            Ok(r) => r,
            Err(e) => return Held::Failed(unreachable(&e)),
        };
        let status = response.status();
        let wait = retry_after(response.headers());
        let body = match read_body(response).await {
            Ok(b) => b,
            Err(e) => return Held::Failed(transient(e.to_string())),
        };
        sort_held(status, wait, &body)
    }

    /// Appends `envelope[offset..]` to its upload.
    pub async fn upload_append(
        &self,
        lane_path: &str,
        signer: &Signer<'_>,
        checkin_id: Uuid,
        envelope: &[u8],
        digest: &[u8; 32],
        offset: u64,
    ) -> Appended {
        let path = upload_path(lane_path, digest);
        let from = usize::try_from(offset).unwrap_or(usize::MAX).min(envelope.len());
        let request = match self.signed(
            self.http
                .patch(self.url(&path))
                .header("Idempotency-Key", checkin_id.to_string())
                .header(reqwest::header::CONTENT_TYPE, PARTIAL_UPLOAD)
                .header("Upload-Offset", from.to_string())
                .header("Upload-Length", envelope.len().to_string())
                .body(envelope[from..].to_vec()),
            signer,
            "PATCH",
            &path,
            digest,
        ) {
            Ok(r) => r,
            Err(e) => return Appended::Failed(transient(e.to_string())),
        };
        let response = match request.send().await {
            Ok(r) => r,
            Err(e) if tls::is_pin_mismatch(&e) => return Appended::Done(SendOutcome::PinMismatch),
            Err(e) => return Appended::Lost { reason: describe(&e) },
        };
        let status = response.status();
        let wait = retry_after(response.headers());
        let elsewhere = response
            .headers()
            .get("upload-offset")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let body = match read_body(response).await {
            Ok(b) => b,
            Err(e) => return Appended::Lost { reason: e.to_string() },
        };
        sort_appended(status, wait, elsewhere, &body)
    }
}

fn transient(reason: String) -> SendOutcome {
    SendOutcome::Transient {
        reason,
        retry_after: None,
    }
}

/// Sorts the answer to `GET …/uploads/{digest}` (pure, tested below).
pub(crate) fn sort_held(status: StatusCode, wait: Option<std::time::Duration>, body: &[u8]) -> Held {
    match status.as_u16() {
        200 => {
            if let Ok(progress) = serde_json::from_slice::<UploadProgress>(body) {
                return Held::Part {
                    offset: progress.offset,
                };
            }
            match classify(status, wait, body) {
                SendOutcome::Accepted(receipt) => Held::Stored(receipt),
                other => Held::Failed(other),
            }
        }
        _ => match (status.as_u16(), error_code(body).as_deref()) {
            (404, Some("upload_unknown")) => Held::Nothing,
            // No such route, in the program's words: a server that no
            // longer offers uploads. A 404 page without them is a proxy's
            // or a portal's, retried later like any answer not the
            // program's (`net/reply.rs`).
            (404, Some("not_found")) | (405, Some("method_not_allowed")) => Held::NotOffered,
            // The question refused in the program's words (our digest or
            // headers): not about the check-in, which goes whole.
            (400, Some("invalid_request")) => Held::NotOffered,
            _ => match classify(status, wait, body) {
                // A refusal of the envelope cannot answer a question about
                // an upload: whole it is.
                SendOutcome::Permanent { .. } => Held::NotOffered,
                other => Held::Failed(other),
            },
        },
    }
}

/// Sorts the answer to `PATCH …/uploads/{digest}` (pure, tested below).
pub(crate) fn sort_appended(
    status: StatusCode,
    wait: Option<std::time::Duration>,
    elsewhere: Option<u64>,
    body: &[u8],
) -> Appended {
    let code = error_code(body);
    match (status.as_u16(), code.as_deref()) {
        // A 202 that is not the upload's progress is not the program's
        // answer (a proxy's page): the sync stops and retries later.
        (202, _) => match serde_json::from_slice::<UploadProgress>(body) {
            Ok(p) => Appended::Part { offset: p.offset },
            Err(_) => Appended::Failed(transient(
                "202 not from the program (a captive portal or a proxy?)".into(),
            )),
        },
        (409, Some("upload_offset_mismatch")) => match elsewhere {
            Some(offset) => Appended::Elsewhere { offset },
            None => Appended::Lost {
                reason: "no Upload-Offset in the answer".into(),
            },
        },
        (422, Some("upload_digest_mismatch")) => Appended::Discarded,
        // The route is unknown, or our upload headers are, in the
        // program's words: not a refusal of the check-in. The same
        // statuses without them are a proxy's, retried later.
        (404 | 405, Some("not_found" | "method_not_allowed")) => Appended::NotOffered,
        (400, Some("invalid_request")) | (415, Some("unsupported_media_type")) => {
            Appended::NotOffered
        }
        _ => match classify(status, wait, body) {
            failed @ SendOutcome::Transient { .. } => Appended::Failed(failed),
            other => Appended::Done(other),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(code: u16) -> StatusCode {
        StatusCode::from_u16(code).expect("status")
    }

    fn error(code: &str) -> Vec<u8> {
        format!(r#"{{"error":{{"code":"{code}","message":"m"}},"server_time":"2026-01-01T00:00:00.000Z"}}"#).into_bytes()
    }

    const RECEIPT: &[u8] = br#"{"checkin_id":"6f1c2d3e-4f50-4a1b-8c2d-3e4f5a6b7c8d","receipt":"AA==","signature":"AA==","server_time":"2026-01-01T00:00:00.000Z"}"#;
    const PROGRESS: &[u8] = br#"{"offset":1200,"length":5000,"expires_at":"2026-01-02T00:00:00.000Z","server_time":"2026-01-01T00:00:00.000Z"}"#;

    #[test]
    fn what_the_server_holds_is_sorted() {
        assert!(matches!(sort_held(s(200), None, PROGRESS), Held::Part { offset: 1200 }));
        assert!(matches!(sort_held(s(200), None, RECEIPT), Held::Stored(_)));
        assert!(matches!(sort_held(s(404), None, &error("upload_unknown")), Held::Nothing));
        assert!(matches!(sort_held(s(404), None, &error("not_found")), Held::NotOffered));
        assert!(matches!(sort_held(s(400), None, &error("invalid_request")), Held::NotOffered));
        assert!(matches!(
            sort_held(s(503), Some(std::time::Duration::from_secs(3)), &error("unavailable")),
            Held::Failed(SendOutcome::Transient { retry_after: Some(_), .. })
        ));
        assert!(matches!(
            sort_held(s(401), None, &error("clock_skew")),
            Held::Failed(SendOutcome::ClockSkew { .. })
        ));
        assert!(matches!(sort_held(s(200), None, b"{"), Held::Failed(SendOutcome::Transient { .. })));
        // A proxy's or a portal's page is not the program saying it has no
        // uploads: retried later, the offer kept.
        assert!(matches!(
            sort_held(s(404), None, b"<html>not here</html>"),
            Held::Failed(SendOutcome::Transient { .. })
        ));
    }

    #[test]
    fn what_an_append_achieved_is_sorted() {
        assert!(matches!(sort_appended(s(202), None, None, PROGRESS), Appended::Part { offset: 1200 }));
        assert!(matches!(
            sort_appended(s(201), None, None, RECEIPT),
            Appended::Done(SendOutcome::Accepted(_))
        ));
        assert!(matches!(
            sort_appended(s(409), None, Some(77), &error("upload_offset_mismatch")),
            Appended::Elsewhere { offset: 77 }
        ));
        // A conflict of the check-in itself is the check-in's refusal.
        assert!(matches!(
            sort_appended(s(409), None, None, &error("checkin_conflict")),
            Appended::Done(SendOutcome::Permanent { status: 409, .. })
        ));
        assert!(matches!(
            sort_appended(s(422), None, None, &error("upload_digest_mismatch")),
            Appended::Discarded
        ));
        assert!(matches!(
            sort_appended(s(422), None, None, &error("envelope_unopenable")),
            Appended::Done(SendOutcome::Permanent { status: 422, .. })
        ));
        assert!(matches!(sort_appended(s(404), None, None, &error("not_found")), Appended::NotOffered));
        assert!(matches!(
            sort_appended(s(404), None, None, &error("checkin_unknown")),
            Appended::Done(SendOutcome::Permanent { status: 404, .. })
        ));
        assert!(matches!(sort_appended(s(415), None, None, &error("unsupported_media_type")), Appended::NotOffered));
        assert!(matches!(
            sort_appended(s(503), None, None, &error("unavailable")),
            Appended::Failed(SendOutcome::Transient { .. })
        ));
        assert!(matches!(
            sort_appended(s(202), None, None, b"?"),
            Appended::Failed(SendOutcome::Transient { .. })
        ));
        assert!(matches!(
            sort_appended(s(404), None, None, b"<html>not here</html>"),
            Appended::Failed(SendOutcome::Transient { .. })
        ));
        assert!(matches!(
            sort_appended(s(415), None, None, b"<html>no</html>"),
            Appended::Failed(SendOutcome::Transient { .. })
        ));
    }
}
