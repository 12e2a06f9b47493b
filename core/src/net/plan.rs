//! The program's documents, fetched only when they changed: `GET /v1/plan`
//! with the `ETag` of what the device holds in `If-None-Match`, so a sync
//! that finds nothing new costs a request's headers and a 304, not the
//! plan and the policy again (docs/protocol.md, `GET /v1/plan`).

use reqwest::StatusCode;

use super::http::{Api, Signer, network, read_body, server_error};
use crate::error::Error;
use crate::protocol::messages::PlanResponse;

/// What the server said about the documents.
#[derive(Debug)]
pub enum PlanFetch {
    /// Nothing changed since the tag sent.
    Unchanged,
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
        let body = read_body(response).await?;
        match status {
            StatusCode::NOT_MODIFIED if etag.is_some() => Ok(PlanFetch::Unchanged),
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
