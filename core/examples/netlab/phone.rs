//! One participant's phone and its program's server, joined through the
//! shaper and the meter:
//!
//! ```text
//! CheckinClient ──TLS──▶ Toxiproxy (profile) ──▶ Relay (meter) ──▶ ReferenceServer
//! ```
//!
//! The phone enrolls (pinning the server's self-signed key), takes check-ins
//! with a real photo and voice recording while offline, then behaves as a
//! shell does: sync, and when something waits, sync again at the time the
//! core names, until every check-in is delivered or the run's time is up.
//! Afterwards everything is checked from both ends: each check-in stored
//! once on the server, each receipt verified with the program's key.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use checkin_core::protocol::receipt;
use checkin_core::{
    CheckinClient, ClientConfig, Connectivity, OutboxState, SoftwareKeyStore, SystemClock,
};
use reference_server::{ReferenceServer, RunningServer, ServerConfig, TlsIdentity};
use tokio::time::Instant;

use crate::relay::{Reading, Relay};
use crate::toxiproxy::{Proxy, Toxiproxy};

/// What one sync may take, as a shell's background window allows.
const SYNC_BUDGET: Duration = Duration::from_secs(60);
/// Shortest pause between syncs (a shell is woken, not spinning).
const MIN_PAUSE: Duration = Duration::from_millis(500);

/// How the phone's server takes uploads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A server that offers upload sessions: partial uploads resume.
    Resumable,
    /// A server of the earlier protocol: every attempt sends the whole
    /// envelope again.
    Whole,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Resumable => "resumable",
            Mode::Whole => "whole",
        }
    }
}

/// A phone and its server, ready to sync.
pub struct Phone {
    pub mode: Mode,
    pub client: CheckinClient,
    pub server: RunningServer,
    pub relay: Relay,
    pub proxy: Proxy,
    /// Envelope bytes of each queued check-in (what the program receives).
    pub envelope_bytes: Vec<u64>,
    /// What each check-in carries before sealing: its record, photo and
    /// voice parts.
    pub payload_bytes: Vec<u64>,
    /// The server's TLS handshakes (all, resumed) before delivery began:
    /// enrollment's are not counted.
    pub handshakes_before: (u64, u64),
    _dirs: tempfile::TempDir,
}

/// The evidence each check-in carries.
pub struct Evidence {
    pub photo: Vec<u8>,
    pub voice: Vec<u8>,
}

impl Evidence {
    pub fn from_fixtures() -> Result<Self, String> {
        let media = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/media");
        let read = |name: &str| {
            std::fs::read(media.join(name)).map_err(|e| format!("fixtures/media/{name}: {e}"))
        };
        Ok(Self {
            photo: read("portrait.jpg")?,
            voice: read("speech_16k_s16.wav")?,
        })
    }
}

/// The policy the lab's program hands out: the demo policy with photo and
/// voice required, no location, sized so a check-in is about 60 KB.
fn lab_policy() -> serde_json::Value {
    let mut policy = reference_server::default_policy();
    policy["evidence"] = serde_json::json!({
        "photo": "required", "voice": "required", "location": "none"
    });
    policy["photo"]["long_edge_px"] = 1024.into();
    policy["photo"]["jpeg_quality"] = 80.into();
    policy
}

impl Phone {
    /// Starts the server (TLS, self-signed), the meter and a proxy in
    /// front of them, enrolls a phone through the proxy, and queues
    /// `checkins` check-ins while offline. The meter starts at zero.
    pub async fn set_up(
        toxiproxy: &Toxiproxy,
        proxy_name: &str,
        mode: Mode,
        checkins: usize,
        evidence: &Evidence,
    ) -> Result<Self, String> {
        let dirs = tempfile::tempdir().map_err(|e| e.to_string())?;
        let identity = TlsIdentity::self_signed().map_err(|e| e.to_string())?;
        let pin = checkin_core::net::tls::spki_pin(&rustls::pki_types::CertificateDer::from(
            identity.cert_chain_der[0].clone(),
        ))
        .map_err(|e| e.to_string())?;
        let mut config = ServerConfig::new(dirs.path().join("server"));
        config.tls = Some(identity);
        config.policy_json = lab_policy();
        configure_uploads(&mut config, mode);
        let server = ReferenceServer::start(config)
            .await
            .map_err(|e| format!("server: {e}"))?;
        let relay = Relay::start(server.addr())
            .await
            .map_err(|e| format!("relay: {e}"))?;
        let proxy = toxiproxy
            .create_proxy(proxy_name, &relay.addr.to_string())
            .await?;

        let key_store = SoftwareKeyStore::random().map_err(|e| e.to_string())?;
        let client = CheckinClient::open(
            ClientConfig {
                data_dir: dirs.path().join("phone"),
                locale: "es".into(),
                platform: "android".into(),
            },
            &key_store,
            Arc::new(SystemClock),
        )
        .map_err(|e| format!("client: {e}"))?;
        let url = format!("https://{}", proxy.listen);
        client
            .enroll_with_pins(&url, &server.issue_enrollment_code(), vec![pin])
            .await
            .map_err(|e| format!("enroll: {e}"))?;

        client
            .set_connectivity(Connectivity::Offline)
            .map_err(|e| e.to_string())?;
        let mut envelope_bytes = Vec::new();
        let mut payload_bytes = Vec::new();
        for _ in 0..checkins {
            let draft = client.start_checkin(None).map_err(|e| e.to_string())?;
            client
                .attach_photo(draft, &evidence.photo)
                .map_err(|e| format!("photo: {e}"))?;
            client
                .attach_voice(draft, &evidence.voice)
                .map_err(|e| format!("voice: {e}"))?;
            let summary = client.submit(draft).map_err(|e| format!("submit: {e}"))?;
            envelope_bytes.push(summary.envelope_size);
            payload_bytes.push(summary.parts.iter().map(|p| p.size).sum());
        }
        relay.meter.zero();
        let handshakes_before = server.tls_handshakes();
        Ok(Self {
            handshakes_before,
            mode,
            client,
            server,
            relay,
            proxy,
            envelope_bytes,
            payload_bytes,
            _dirs: dirs,
        })
    }

    /// Syncs as a shell would until every check-in is delivered or
    /// `limit` is up. Returns how long it took and how many syncs ran.
    pub async fn deliver(&self, limit: Duration) -> Delivery {
        let started = Instant::now();
        let end = started + limit;
        let mut syncs = 0;
        let mut last_error = None;
        if let Err(e) = self.client.set_connectivity(Connectivity::Online) {
            last_error = Some(e.to_string());
        }
        loop {
            let now = Instant::now();
            if now >= end {
                break;
            }
            syncs += 1;
            let deadline = (now + SYNC_BUDGET).min(end);
            match self.client.sync(deadline, None).await {
                Ok(report) if report.remaining == 0 => {
                    return Delivery {
                        finished: true,
                        seconds: started.elapsed().as_secs_f64(),
                        syncs,
                        last_error: None,
                    };
                }
                Ok(report) => {
                    last_error = report.last_error.clone();
                    // Sleep until the core's retry time, as a shell's
                    // scheduled wake-up would.
                    let wait = report
                        .next_retry_at
                        .and_then(|at| (at - chrono::Utc::now()).to_std().ok())
                        .unwrap_or(MIN_PAUSE)
                        .max(MIN_PAUSE);
                    tokio::time::sleep_until((Instant::now() + wait).min(end)).await;
                }
                Err(e) => {
                    last_error = Some(e.to_string());
                    tokio::time::sleep_until((Instant::now() + MIN_PAUSE).min(end)).await;
                }
            }
        }
        Delivery {
            finished: false,
            seconds: started.elapsed().as_secs_f64(),
            syncs,
            last_error,
        }
    }

    /// Checks the run from both ends: how many check-ins the phone holds a
    /// verified receipt for, and that the server stored each one once.
    pub fn verify(&self) -> Result<Verified, String> {
        let receipt_key = self.server.program_public_keys().receipt_public_key;
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut verified = Verified::default();
        for item in self.client.outbox().map_err(|e| e.to_string())? {
            let id = item.checkin_id.to_string();
            let stored = self.server.checkin_count(&id);
            if stored > 1 {
                return Err(format!("check-in {id} is stored {stored} times"));
            }
            if item.state != OutboxState::Delivered {
                continue;
            }
            let kept = item
                .receipt
                .as_ref()
                .ok_or(format!("{id} delivered without a receipt"))?;
            let digest: [u8; 32] = hex::decode(&item.summary.envelope_sha256_hex)
                .ok()
                .and_then(|d| d.try_into().ok())
                .ok_or("bad digest")?;
            receipt::verify(
                &b64.decode(&kept.receipt_b64).map_err(|e| e.to_string())?,
                &b64.decode(&kept.signature_b64).map_err(|e| e.to_string())?,
                receipt::Expected {
                    checkin_id: item.checkin_id,
                    envelope_digest: &digest,
                    captured_at: item.summary.captured_at,
                    receipt_public_key: &receipt_key,
                },
            )
            .map_err(|e| format!("the receipt of {id} does not verify: {e}"))?;
            if stored != 1 {
                return Err(format!("{id} has a receipt but is not on the server"));
            }
            verified.receipts += 1;
        }
        for stored in self.server.stored_checkins() {
            verified.stored += 1;
            verified.resent += stored.deliveries.saturating_sub(1);
        }
        self.client
            .ledger()
            .map_err(|e| format!("the ledger does not verify: {e}"))?;
        Ok(verified)
    }

    pub fn meter(&self) -> Reading {
        self.relay.meter.read()
    }
}

/// How the server is told to take uploads in `mode`.
fn configure_uploads(config: &mut ServerConfig, mode: Mode) {
    config.uploads.offered = mode == Mode::Resumable;
}

/// How a delivery run ended.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Delivery {
    pub finished: bool,
    pub seconds: f64,
    pub syncs: u32,
    pub last_error: Option<String>,
}

/// What the checks found.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Verified {
    /// Check-ins the phone holds a verified receipt for.
    pub receipts: usize,
    /// Check-ins the server stored (each once).
    pub stored: usize,
    /// Uploads the server answered again from what it had stored (a lost
    /// answer), never stored twice.
    pub resent: u32,
}
