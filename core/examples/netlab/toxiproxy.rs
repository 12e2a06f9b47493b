//! A small client for Toxiproxy's HTTP API (the parts the lab uses): a
//! proxy on loopback in front of an upstream, toxics added, changed and
//! removed while connections run, and the proxy switched off and on (every
//! open connection through it closed at once).
//!
//! Toxiproxy (github.com/Shopify/toxiproxy, v2.12.0) is a TCP proxy: it
//! sees the TLS bytes as they are and shapes them, so the device's TLS
//! stack, HTTP client and retry logic run exactly as on a phone. Its
//! `bandwidth` toxic counts rates in KB/s of 1,000 bytes, per connection
//! and per direction; `latency` delays each chunk by `latency ± jitter`
//! ms; `limit_data` closes a connection once that many bytes passed.

use std::time::Duration;

use serde_json::{Value, json};

/// How long one API call may take (Toxiproxy answers in milliseconds).
const API_TIMEOUT: Duration = Duration::from_secs(10);

/// Which way a toxic acts: `Up` on what the device sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Up,
    Down,
}

impl Stream {
    fn name(self) -> &'static str {
        match self {
            Stream::Up => "upstream",
            Stream::Down => "downstream",
        }
    }
}

/// A toxic as Toxiproxy names it, with its attributes.
#[derive(Debug, Clone, PartialEq)]
pub enum Toxic {
    /// Each chunk delayed `latency_ms ± jitter_ms`.
    Latency { latency_ms: u64, jitter_ms: u64 },
    /// At most `kb_per_s` × 1,000 bytes a second.
    Bandwidth { kb_per_s: u64 },
    /// The connection is closed once `bytes` passed this way.
    LimitData { bytes: u64 },
}

impl Toxic {
    fn kind(&self) -> &'static str {
        match self {
            Toxic::Latency { .. } => "latency",
            Toxic::Bandwidth { .. } => "bandwidth",
            Toxic::LimitData { .. } => "limit_data",
        }
    }

    fn attributes(&self) -> Value {
        match *self {
            Toxic::Latency {
                latency_ms,
                jitter_ms,
            } => json!({ "latency": latency_ms, "jitter": jitter_ms }),
            Toxic::Bandwidth { kb_per_s } => json!({ "rate": kb_per_s }),
            Toxic::LimitData { bytes } => json!({ "bytes": bytes }),
        }
    }
}

/// The Toxiproxy server's API at `base` (e.g. `http://127.0.0.1:8474`).
#[derive(Debug, Clone)]
pub struct Toxiproxy {
    http: reqwest::Client,
    base: String,
}

/// One proxy: where devices connect, and its name for the API.
#[derive(Debug, Clone)]
pub struct Proxy {
    api: Toxiproxy,
    pub name: String,
    /// `127.0.0.1:<port>` as Toxiproxy bound it.
    pub listen: String,
}

type LabResult<T> = Result<T, String>;

impl Toxiproxy {
    pub fn new(base: &str) -> LabResult<Self> {
        let http = reqwest::Client::builder()
            .timeout(API_TIMEOUT)
            // A fresh connection per call: a kept-alive one the server
            // closed meanwhile would fail a POST that cannot be retried.
            .pool_max_idle_per_host(0)
            .build()
            .map_err(|e| format!("HTTP client for Toxiproxy: {e}"))?;
        Ok(Self {
            http,
            base: base.trim_end_matches('/').to_string(),
        })
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> LabResult<Value> {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| format!("Toxiproxy {method} {path}: {e}"))?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if !status.is_success() {
            return Err(format!("Toxiproxy {method} {path}: {status} {text}"));
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Answers when Toxiproxy is up.
    pub async fn version(&self) -> LabResult<String> {
        let response = self
            .http
            .get(format!("{}/version", self.base))
            .send()
            .await
            .map_err(|e| format!("Toxiproxy is not answering at {}: {e}", self.base))?;
        Ok(response.text().await.unwrap_or_default().trim().to_string())
    }

    /// A new proxy on a free loopback port in front of `upstream`.
    pub async fn create_proxy(&self, name: &str, upstream: &str) -> LabResult<Proxy> {
        let created = self
            .call(
                reqwest::Method::POST,
                "/proxies",
                Some(json!({
                    "name": name,
                    "listen": "127.0.0.1:0",
                    "upstream": upstream,
                    "enabled": true,
                })),
            )
            .await?;
        let listen = created["listen"]
            .as_str()
            .ok_or_else(|| format!("Toxiproxy did not say where {name} listens: {created}"))?
            .to_string();
        Ok(Proxy {
            api: self.clone(),
            name: name.to_string(),
            listen,
        })
    }
}

impl Proxy {
    fn path(&self, rest: &str) -> String {
        format!("/proxies/{}{rest}", self.name)
    }

    /// Adds a toxic named `name` acting on `stream`.
    pub async fn add(&self, name: &str, stream: Stream, toxic: &Toxic) -> LabResult<()> {
        self.api
            .call(
                reqwest::Method::POST,
                &self.path("/toxics"),
                Some(json!({
                    "name": name,
                    "type": toxic.kind(),
                    "stream": stream.name(),
                    "toxicity": 1.0,
                    "attributes": toxic.attributes(),
                })),
            )
            .await
            .map(drop)
    }

    /// Changes the attributes of toxic `name` (running connections keep
    /// their state: a `limit_data` counts on from what already passed).
    pub async fn update(&self, name: &str, toxic: &Toxic) -> LabResult<()> {
        self.api
            .call(
                reqwest::Method::POST,
                &self.path(&format!("/toxics/{name}")),
                Some(json!({ "attributes": toxic.attributes() })),
            )
            .await
            .map(drop)
    }

    pub async fn remove(&self, name: &str) -> LabResult<()> {
        self.api
            .call(
                reqwest::Method::DELETE,
                &self.path(&format!("/toxics/{name}")),
                None,
            )
            .await
            .map(drop)
    }

    /// Off closes every connection through the proxy and refuses new ones;
    /// on listens again on the same port, toxics kept.
    pub async fn set_enabled(&self, enabled: bool) -> LabResult<()> {
        self.api
            .call(
                reqwest::Method::POST,
                &self.path(""),
                Some(json!({ "enabled": enabled })),
            )
            .await
            .map(drop)
    }

    pub async fn delete(&self) -> LabResult<()> {
        self.api
            .call(reqwest::Method::DELETE, &self.path(""), None)
            .await
            .map(drop)
    }
}
