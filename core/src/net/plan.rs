//! The program's documents, fetched only when they changed: `GET /v1/plan`
//! with the `ETag` of what the device holds in `If-None-Match`, so a sync
//! that finds nothing new costs a request's headers and a 304, not the
//! plan and the policy again (docs/protocol.md, `GET /v1/plan`).

use chrono::{DateTime, Utc};
use reqwest::StatusCode;

use super::http::{Api, Signer, network, read_body, server_error};
use crate::error::Error;
use crate::protocol::messages::PlanResponse;

/// What the server said about the documents.
#[derive(Debug)]
pub enum PlanFetch {
    /// Nothing changed since the tag sent. A 304 has no body and so no
    /// `server_time`: the server's clock is read from its `Date` instead.
    Unchanged { server_time: Option<DateTime<Utc>> },
    /// The documents, and their tag for next time (absent from servers
    /// before tags).
    Changed {
        response: Box<PlanResponse>,
        etag: Option<String>,
    },
}

impl Api {
    /// `GET /v1/plan`, conditional on `etag` when there is one.
    pub async fn plan_if_changed(
        &self,
        signer: &Signer<'_>,
        etag: Option<&str>,
    ) -> Result<PlanFetch, Error> {
        let mut request = self.http.get(self.url("/v1/plan"));
        if let Some(tag) = etag {
            request = request.header(reqwest::header::IF_NONE_MATCH, tag);
        }
        let request = self.signed(
            request,
            signer,
            "GET",
            "/v1/plan",
            &crate::crypto::sha256(b""),
        )?;
        let response = request.send().await.map_err(network)?;
        let status = response.status();
        let tag = response
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let server_time = response
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(date_header_time);
        let body = read_body(response).await?;
        match status {
            StatusCode::NOT_MODIFIED if etag.is_some() => Ok(PlanFetch::Unchanged { server_time }),
            StatusCode::OK => Ok(PlanFetch::Changed {
                response: Box::new(serde_json::from_slice(&body).map_err(|e| {
                    crate::protocol::ProtocolError::malformed("server reply", e.to_string())
                })?),
                etag: tag,
            }),
            other => Err(server_error(other, &body)),
        }
    }
}

/// The time an HTTP `Date` names (RFC 9110's IMF-fixdate, an RFC 2822
/// date in GMT). It is cut to the second, so the middle of that second is
/// taken: off by half a second at most, and not always behind.
fn date_header_time(value: &str) -> Option<DateTime<Utc>> {
    let start = DateTime::parse_from_rfc2822(value).ok()?.with_timezone(&Utc);
    Some(start + chrono::Duration::milliseconds(500))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_header_is_read_to_the_middle_of_its_second() {
        let t = date_header_time("Sun, 06 Nov 1994 08:49:37 GMT").expect("a date");
        assert_eq!(t.to_rfc3339(), "1994-11-06T08:49:37.500+00:00");
        assert!(date_header_time("yesterday").is_none());
        assert!(date_header_time("").is_none());
    }
}
