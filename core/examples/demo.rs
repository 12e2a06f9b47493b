//! The whole participant check-in cycle, on this machine, against the
//! reference server on loopback:
//! enroll → check in while the server is unreachable → the server comes
//! back → sync → verify the receipt → print the ledger → show the home
//! screen as a shell renders it.
//!
//! Run: `cargo run -p checkin-core --example demo`

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use checkin_core::{
    CheckinClient, ClientConfig, Error, LedgerEvent, OutboxState, Route, ShellContext,
    SoftwareKeyStore, SystemClock,
};
use reference_server::{ReferenceServer, RunningServer, ServerConfig};

type DemoResult<T> = Result<T, Box<dyn std::error::Error>>;

fn step(n: u32, text: &str) {
    println!("\n[{n}] {text}");
}

fn demo_dir() -> PathBuf {
    std::env::var_os("CHECKIN_DEMO_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("target")
                .join("demo")
        })
}

fn sample_photo() -> DemoResult<Vec<u8>> {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/media/portrait.jpg");
    if let Ok(bytes) = std::fs::read(&fixture) {
        return Ok(bytes);
    }
    // Fallback: a plain generated picture.
    let img = image::RgbImage::from_fn(800, 600, |x, y| {
        image::Rgb([(x / 4) as u8, (y / 3) as u8, 140])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img)?;
    Ok(out)
}

async fn start(
    server_dir: &Path,
    listen: Option<std::net::SocketAddr>,
) -> DemoResult<RunningServer> {
    let mut cfg = ServerConfig::new(server_dir);
    if let Some(addr) = listen {
        cfg.listen = addr;
    }
    Ok(ReferenceServer::start(cfg).await?)
}

#[tokio::main]
async fn main() -> DemoResult<()> {
    let root = demo_dir();
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root)?;
    let root = root.canonicalize()?;
    let device_dir = root.join("device");
    let server_dir = root.join("server");
    std::fs::create_dir_all(&device_dir)?;

    step(1, "Start the program's reference server on loopback");
    let server = start(&server_dir, None).await?;
    let addr = server.addr();
    println!(
        "    server {} — data in {}",
        server.base_url(),
        server_dir.display()
    );
    let code = server.issue_enrollment_code();
    println!("    one-time enrollment code: {code}");

    step(
        2,
        "Enroll this device (keys made here; program keys pinned)",
    );
    let key_store = SoftwareKeyStore::load_or_create(&device_dir.join("platform-key.bin"))?;
    let config = ClientConfig {
        data_dir: device_dir.clone(),
        locale: "es".into(),
        platform: "desktop".into(),
    };
    let client = CheckinClient::open(config, &key_store, Arc::new(SystemClock))?;
    let enrolled = client.enroll(&server.base_url(), &code).await?;
    println!(
        "    enrolled with \"{}\" as device {}",
        enrolled.program_name, enrolled.device_id
    );
    println!(
        "    device key {} · receipt key pinned {}",
        enrolled.device_key_id, enrolled.receipt_key_id
    );
    // The participant reads what the program collects (the consent screen
    // shows it) and says so.
    let statement = client.collection_statement("es")?;
    client.record_consent(statement.policy_version, "es")?;
    println!(
        "    the participant read what the program collects (policy version {}) and agreed",
        statement.policy_version
    );
    println!(
        "    device data (encrypted store): {}",
        client.data_dir().display()
    );

    step(3, "The server becomes unreachable");
    server.shutdown().await;

    step(
        4,
        "Check in with a photo, a voice recording and a coarse location while offline",
    );
    let draft = client.start_checkin(None)?;
    let quality = client.attach_photo(draft, &sample_photo()?)?;
    println!(
        "    photo quality: faces {}, issues {:?}",
        quality.faces, quality.issues
    );
    let speech = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/media/speech_16k_s16.wav"),
    )?;
    let voice = client.attach_voice(draft, &speech)?;
    println!(
        "    voice: {} ms of speech, issues {:?}",
        voice.speech_ms, voice.issues
    );
    // The phone's exact fix; the program's policy asks only for a 1 km cell.
    let fix = checkin_core::location::LocationFix {
        lat: 40.748_441,
        lon: -73.985_664,
        accuracy_m: 12.0,
        fix_time: client.corrected_now()?,
        provider: "fused".into(),
        mock: false,
    };
    match client.attach_location(draft, &fix) {
        Ok(sent) => println!(
            "    location kept and sent (policy: coarse): {}",
            serde_json::to_string(&sent)?
        ),
        Err(Error::Location(why)) => println!("    location not taken: {why}"),
        Err(other) => return Err(other.into()),
    }
    let summary = client.submit(draft)?;
    println!(
        "    sealed to the program and queued: check-in {}",
        summary.checkin_id
    );
    for part in &summary.parts {
        println!(
            "      {:<6} {:<24} {:>7} bytes  sha256 {}…",
            format!("{:?}", part.kind).to_lowercase(),
            part.media_type,
            part.size,
            &part.sha256_hex[..16]
        );
    }
    let report = client
        .sync(tokio::time::Instant::now() + Duration::from_secs(10), None)
        .await?;
    println!(
        "    sync attempt: delivered {}, still queued {} ({})",
        report.delivered,
        report.remaining,
        report.last_error.as_deref().unwrap_or("-")
    );

    step(5, "The server is back; the phone notices and syncs");
    let server = start(&server_dir, Some(addr)).await?;
    client.network_available()?;
    let report = client
        .sync(tokio::time::Instant::now() + Duration::from_secs(30), None)
        .await?;
    println!(
        "    delivered {}, still queued {}, wedged {}",
        report.delivered, report.remaining, report.wedged
    );

    step(6, "Verify the receipt the participant keeps");
    let item = client
        .outbox()?
        .into_iter()
        .find(|i| i.checkin_id == summary.checkin_id)
        .ok_or("check-in missing")?;
    let kept = item.receipt.ok_or("no receipt")?;
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let receipt_key = server.program_public_keys().receipt_public_key;
    // Anyone can check it with plain Ed25519 (docs/protocol.md, "Receipt"):
    // the program's signature over the 84 receipt bytes, which name the
    // check-in and the SHA-256 of the envelope exactly as sent.
    let body = b64.decode(&kept.receipt_b64)?;
    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, &receipt_key)
        .verify(&body, &b64.decode(&kept.signature_b64)?)
        .map_err(|_| "the receipt's signature does not verify")?;
    if body.get(4..20) != Some(kept.checkin_id.as_bytes().as_slice())
        || body.get(20..52) != Some(hex::decode(&kept.envelope_sha256_hex)?.as_slice())
    {
        return Err("the receipt names another check-in or envelope".into());
    }
    println!(
        "    receipt verifies under the program's receipt key {}",
        kept.receipt_key_id
    );
    println!(
        "    captured {} · received {}",
        kept.captured_at, kept.received_at
    );
    let stored = server.stored_checkins();
    for s in &stored {
        println!(
            "    the program stored it once: envelope {}",
            s.envelope_path.display()
        );
        for p in &s.parts {
            println!("      opened {:<6} → {}", p.kind, p.path.display());
        }
    }
    println!(
        "    sealed payload still on the device: {}",
        item.state != OutboxState::Delivered
    );

    step(7, "The participant's ledger (hash chain verified)");
    match client.ledger() {
        Ok(entries) => {
            for e in entries {
                let what = match &e.event {
                    LedgerEvent::Enrolled { program_name, .. } => {
                        format!("enrolled with {program_name}")
                    }
                    LedgerEvent::PolicyReceived { version, .. } => {
                        format!("policy version {version} received")
                    }
                    LedgerEvent::PlanReceived { changes } if changes.is_empty() => {
                        "plan received".to_string()
                    }
                    LedgerEvent::PlanReceived { changes } => {
                        format!("plan received: {}", changes.join("; "))
                    }
                    LedgerEvent::DirectoryReceived {
                        revision, services, ..
                    } => format!("directory revision {revision} received ({services} services)"),
                    LedgerEvent::CaseReceived { revision, .. } => {
                        format!("case document revision {revision} received")
                    }
                    LedgerEvent::CheckinSubmitted { summary } => format!(
                        "check-in {} sealed: {}",
                        summary.checkin_id,
                        summary
                            .parts
                            .iter()
                            .map(|p| format!(
                                "{} {} bytes",
                                format!("{:?}", p.kind).to_lowercase(),
                                p.size
                            ))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    LedgerEvent::CheckinDelivered {
                        checkin_id,
                        receipt,
                    } => format!(
                        "check-in {checkin_id} delivered, receipt received {}",
                        receipt.received_at
                    ),
                    LedgerEvent::ConsentRecorded { policy_version, .. } => {
                        format!("shown what the program collects (policy {policy_version})")
                    }
                    LedgerEvent::CheckinWedged { checkin_id, reason } => {
                        format!("check-in {checkin_id} refused: {reason}")
                    }
                    LedgerEvent::RetentionDeleted {
                        checkin_id,
                        device_days,
                        ..
                    } => {
                        format!(
                            "check-in {checkin_id} deleted from the device after {device_days} days"
                        )
                    }
                    LedgerEvent::MediaDelivered {
                        checkin_id,
                        receipt,
                    } => format!(
                        "media of check-in {checkin_id} delivered, receipt received {}",
                        receipt.received_at
                    ),
                    LedgerEvent::MediaWedged { checkin_id, reason } => {
                        format!("media of check-in {checkin_id} refused: {reason}")
                    }
                    LedgerEvent::ClockJumped {
                        seen_ms,
                        applied_ms,
                    } => format!(
                        "the server's clock was {seen_ms} ms off; moved {applied_ms} ms only"
                    ),
                    LedgerEvent::TlsKeyRotated { seq, .. } => {
                        format!("the server's TLS key changed (signed rotation {seq})")
                    }
                    LedgerEvent::StorageKeyLost { recovered, .. } => format!(
                        "the storage key was lost; {} waiting check-ins kept",
                        recovered.len()
                    ),
                };
                println!(
                    "    #{:<2} {}  {}",
                    e.seq,
                    e.at.format("%Y-%m-%d %H:%M:%S"),
                    what
                );
            }
        }
        Err(Error::LedgerBroken(fault)) => println!("    LEDGER TAMPERED: {fault}"),
        Err(other) => return Err(other.into()),
    }

    step(
        8,
        "What the participant sees now: the home screen, as a shell renders it",
    );
    let home = client.screen(&Route::Home, &ShellContext::default())?;
    for line in home.to_text().lines() {
        println!("    {line}");
    }
    server.shutdown().await;
    println!(
        "\nDone. Device data: {}\n      Server data: {}",
        device_dir.display(),
        server_dir.display()
    );
    Ok(())
}
