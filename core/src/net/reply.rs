//! What an answer to an envelope upload means for the queue, sorted by
//! one pure function ([`classify`]) so it is tested without a server.
//!
//! Only the program's receipt is accepted, and only the program's own
//! refusals of this envelope ([`ENVELOPE_REFUSALS`], with the protocol's
//! JSON error body) wedge it. Everything else is about the way to the
//! program, not the envelope: a captive portal's page, a proxy's 403, 404 or
//! 413, a redirect, an unexpected 2xx, an unknown device after a server
//! restore, 5xx, 408, 429. The sync stops, reports it and retries later, and
//! the item is never wedged for it (docs/protocol.md, "Errors").

use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::StatusCode;

use crate::protocol::messages::{CheckinResponse, ErrorBody};

/// The refusals docs/protocol.md defines about one envelope (status and
/// error code, with the protocol's JSON error body): the only answers that
/// wedge an item. Everything else is about the way there (a portal, a
/// proxy, a restored server, a bug) and is retried.
pub const ENVELOPE_REFUSALS: &[(u16, &str)] = &[
    (400, "envelope_malformed"),
    (400, "idempotency_key_mismatch"),
    (401, "bad_envelope_signature"),
    (404, "checkin_unknown"),
    (409, "checkin_conflict"),
    (409, "media_conflict"),
    (413, "payload_too_large"),
    (422, "unknown_program_key"),
    (422, "envelope_unopenable"),
    (422, "media_mismatch"),
];

/// The server's answer to one check-in upload, sorted by what to do next.
#[derive(Debug)]
pub enum SendOutcome {
    /// Stored (201) or already stored (200): a receipt to verify.
    Accepted(CheckinResponse),
    /// Try again later: the network, a timeout, 5xx, 408, 429, or any
    /// answer that is not the program's own word about this envelope (a
    /// captive portal's page, a proxy's 403, a redirect, an unknown device
    /// after a server restore). The sync stops and reports it; the item is
    /// never wedged for it.
    Transient {
        reason: String,
        retry_after: Option<Duration>,
    },
    /// The server's TLS key is not the pinned one: not this item's fault,
    /// and not to be retried blindly either.
    PinMismatch,
    /// The device's clock is too far off; `server_time` lets it correct.
    ClockSkew { server_time: DateTime<Utc> },
    /// The program refused this envelope for good, in the protocol's own
    /// words ([`ENVELOPE_REFUSALS`]): the item is wedged (and retried by
    /// itself on a long backoff), and the items behind it still go.
    Permanent { status: u16, code: String },
}

/// Sorts an upload reply (pure, so it is tested without a server). Only
/// the program's receipt is accepted, only its own refusals about this
/// envelope wedge, and everything else stops the sync to try again later.
pub(crate) fn classify(
    status: StatusCode,
    retry_after: Option<Duration>,
    body: &[u8],
) -> SendOutcome {
    let error = serde_json::from_slice::<ErrorBody>(body).ok();
    let code = error.as_ref().map(|b| b.error.code.as_str());
    let s = status.as_u16();
    match (s, code) {
        (200 | 201, _) => match serde_json::from_slice::<CheckinResponse>(body) {
            Ok(r) => SendOutcome::Accepted(r),
            // A garbled success reply (or a portal's page answered 200): the
            // server may have stored it; sending again is safe
            // (idempotent), accepting without a receipt is not.
            Err(_) => SendOutcome::Transient {
                reason: format!("{s} without a receipt"),
                retry_after: None,
            },
        },
        (401, Some("clock_skew")) => match error.and_then(|b| b.server_time) {
            Some(server_time) => SendOutcome::ClockSkew { server_time },
            None => SendOutcome::Transient {
                reason: "401 clock_skew without the server's time".into(),
                retry_after: None,
            },
        },
        (_, Some(code)) if ENVELOPE_REFUSALS.contains(&(s, code)) => SendOutcome::Permanent {
            status: s,
            code: code.to_string(),
        },
        // Ours to retry, in the program's words (408, 429, 5xx) or not; a
        // replayed nonce means our request was seen: send again with a new
        // one; an unknown device is a server restored without us.
        (_, Some(code)) => SendOutcome::Transient {
            reason: format!("{s} {code}"),
            retry_after,
        },
        (300..=399, None) => SendOutcome::Transient {
            reason: format!("{s} redirect, not followed (a captive portal or a proxy?)"),
            retry_after,
        },
        (_, None) => SendOutcome::Transient {
            reason: format!("{s} not from the program (a captive portal or a proxy?)"),
            retry_after,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_error(code: &str) -> Vec<u8> {
        format!(r#"{{"error":{{"code":"{code}","message":"m"}},"server_time":"2026-01-01T00:00:00.000Z"}}"#)
            .into_bytes()
    }

    #[test]
    fn replies_are_sorted_into_what_to_do_next() {
        let s = |c| StatusCode::from_u16(c).expect("status");
        assert!(
            matches!(classify(s(503), Some(Duration::from_secs(7)), b""), SendOutcome::Transient { retry_after: Some(d), .. } if d.as_secs() == 7)
        );
        assert!(matches!(
            classify(s(429), None, b""),
            SendOutcome::Transient { .. }
        ));
        assert!(matches!(
            classify(s(500), None, b"oops"),
            SendOutcome::Transient { .. }
        ));
        assert!(matches!(
            classify(s(201), None, b"{not json"),
            SendOutcome::Transient { .. }
        ));
        assert!(matches!(
            classify(s(422), None, &json_error("envelope_unopenable")),
            SendOutcome::Permanent { status: 422, ref code } if code == "envelope_unopenable"
        ));
        assert!(matches!(
            classify(s(401), None, br#"{"error":{"code":"clock_skew","message":"x"},"server_time":"2026-01-01T00:00:00.000Z"}"#),
            SendOutcome::ClockSkew { .. }
        ));
    }

    #[test]
    fn only_the_protocols_refusals_of_an_envelope_wedge_it() {
        let s = |c| StatusCode::from_u16(c).expect("status");
        for &(status, code) in ENVELOPE_REFUSALS {
            assert!(
                matches!(classify(s(status), None, &json_error(code)), SendOutcome::Permanent { .. }),
                "{status} {code}"
            );
            // The same status from something else: not a refusal.
            assert!(
                matches!(classify(s(status), None, b"<html>Sign in to the hotel Wi-Fi</html>"), SendOutcome::Transient { .. }),
                "{status} with a page"
            );
        }
        let page = b"<!DOCTYPE html><html><body>Accept the terms</body></html>";
        for status in [400, 401, 403, 404, 405, 407, 410, 411, 413, 415, 418, 422, 451] {
            assert!(
                matches!(classify(s(status), None, page), SendOutcome::Transient { .. }),
                "{status}"
            );
        }
        for status in [301, 302, 303, 307, 308] {
            assert!(
                matches!(classify(s(status), None, b""), SendOutcome::Transient { ref reason, .. } if reason.contains("redirect")),
                "{status}"
            );
        }
        for status in [202, 204, 206] {
            assert!(matches!(classify(s(status), None, b""), SendOutcome::Transient { .. }));
        }
        // The program's words, but not about this envelope: retried.
        for (status, code) in [
            (401, "unknown_device"),
            (401, "device_replaced"),
            (401, "bad_signature"),
            (401, "replayed"),
            (403, "forbidden"),
            (404, "not_found"),
            (415, "unsupported_media_type"),
            (422, "rejected"),
        ] {
            assert!(
                matches!(classify(s(status), None, &json_error(code)), SendOutcome::Transient { .. }),
                "{status} {code}"
            );
        }
    }
}
