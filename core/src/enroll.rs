//! Enrollment: the device makes its signing key, presents the one-time code
//! and the key to the program's server, and keeps what the program sends
//! back: its keys, the server's TLS key pin, the policy and the plan.
//!
//! Guarantees: enrollment is all or nothing (one transaction: the keys, the
//! documents, the clock anchor and the ledger entries); the program's keys
//! are checked against their ids; a policy or plan the core cannot follow
//! is refused before anything is stored; over https the server's TLS key is
//! pinned from here on (the pins the program gave, or the keys of the CAs
//! the server's certificate chains to now, which must be webpki roots'),
//! so a certificate renewal with a new server key does not lock it out.

use base64::Engine as _;
use uuid::Uuid;

use crate::clock::ClockState;
use crate::crypto::signing::DeviceKey;
use crate::documents::FirstDocuments;
use crate::error::{Error, Result};
use crate::ledger::{self, LedgerEvent};
use crate::protocol::messages::{EnrollRequest, PreviousDevice};
use crate::protocol::request::enroll_proof;
use crate::session::{Session, decode_key};
use crate::store::EnrollmentRecord;
use crate::net::http::Api;

/// What enrollment established, for the shell to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentSummary {
    pub device_id: Uuid,
    pub program_name: String,
    pub device_key_id: String,
    pub receipt_key_id: String,
    pub policy_version: u32,
}

/// Enrolls with the program at `server_url` using `code`; `tls_pins` are the
/// program's pins for its server key (empty: pin the key seen now).
pub(crate) async fn enroll(
    session: &Session,
    server_url: &str,
    code: &str,
    tls_pins: Vec<String>,
) -> Result<EnrollmentSummary> {
    if session.is_enrolled()? {
        return Err(Error::AlreadyEnrolled);
    }
    let api = Api::new(server_url, tls_pins.clone())?;
    let device_key = DeviceKey::generate()?;
    let sent_at = session.clock.device().now();
    let code = code.trim();
    let device_public_key =
        base64::engine::general_purpose::STANDARD.encode(device_key.public_key());
    let platform = &session.config.platform;
    // The server checks that we hold the key we present (docs/protocol.md).
    let proof = enroll_proof(&device_key, code, &device_public_key, platform);
    // A phone enrolled again after losing its key names its earlier
    // devices, whose envelopes still wait, for the program to link.
    let previous_devices = session
        .store
        .predecessors()?
        .into_iter()
        .map(|p| PreviousDevice {
            device_id: p.device_id,
            device_public_key: base64::engine::general_purpose::STANDARD.encode(p.public_key),
        })
        .collect();
    let resp = api
        .enroll(&EnrollRequest {
            code: code.to_string(),
            device_public_key,
            platform: platform.clone(),
            proof,
            previous_devices,
        })
        .await?;
    let program = &resp.program;
    decode_key(&program.encryption_public_key, &program.encryption_key_id)?;
    decode_key(&program.receipt_public_key, &program.receipt_key_id)?;
    let documents = FirstDocuments::check(&resp.policy, &resp.plan, resp.server_time)?;
    let clock = ClockState::seen(session.clock.device(), resp.server_time);
    let record = EnrollmentRecord {
        device_id: resp.device_id,
        enrolled_at: resp.server_time,
        server_url: server_url.to_string(),
        device_key_pkcs8: zeroize::Zeroizing::new(device_key.pkcs8().to_vec()),
        program: program.clone(),
        // Measured from the request's start: the server's time is at most
        // one round trip older than what we compare it with.
        clock_offset_ms: (resp.server_time - sent_at).num_milliseconds(),
        // The program's pins, or the CA keys the server's certificate
        // chains to now: a renewal with a new server key keeps working.
        tls_pins: if tls_pins.is_empty() {
            api.pins_to_keep()
        } else {
            tls_pins
        },
        clock_anchor: clock.anchor,
        tls_rotation_seq: 0,
    };
    let store = &session.store;
    store.write(|tx| {
        store.insert_enrollment(tx, &record)?;
        ledger::append(
            store,
            tx,
            resp.server_time,
            LedgerEvent::Enrolled {
                program_id: program.id.clone(),
                program_name: program.name.clone(),
                device_key_id: device_key.key_id(),
                encryption_key_id: program.encryption_key_id.clone(),
                receipt_key_id: program.receipt_key_id.clone(),
            },
        )?;
        documents.store(store, tx, resp.server_time)
    })?;
    // Resumable uploads, if the server offers them (learnt again at every
    // plan refresh; a crash before this line only delays it to then).
    store.set_upload_offer(resp.uploads.as_ref())?;
    // What waited from before (a phone enrolled again) is due at once.
    for lane in crate::store::Lane::IN_SEND_ORDER {
        store.reset_backoff(lane)?;
    }
    session.clock.reset(ClockState {
        offset_ms: record.clock_offset_ms,
        anchor: record.clock_anchor,
    });
    Ok(EnrollmentSummary {
        device_id: resp.device_id,
        program_name: program.name.clone(),
        device_key_id: device_key.key_id(),
        receipt_key_id: program.receipt_key_id.clone(),
        policy_version: documents.policy_version(),
    })
}
