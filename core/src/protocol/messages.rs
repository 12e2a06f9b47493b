//! The JSON messages of the `/v1` API.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::wire_time;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnrollRequest {
    pub code: String,
    /// Base64 of the device's raw Ed25519 public key.
    pub device_public_key: String,
    pub platform: String,
    /// Proof that the device holds that key: base64 of
    /// [`super::request::enroll_proof`]. Servers before it ignore it.
    pub proof: String,
    /// Earlier devices of this phone whose envelopes still wait (a phone
    /// enrolled again after its platform key was lost), for the program to
    /// link (docs/protocol.md, "Enrolling again"). Omitted when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous_devices: Vec<PreviousDevice>,
}

/// An earlier device of this phone: its id and public key, as enrolled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousDevice {
    pub device_id: Uuid,
    /// Base64 of its raw Ed25519 public key.
    pub device_public_key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgramKeys {
    pub id: String,
    pub name: String,
    pub encryption_public_key: String,
    pub encryption_key_id: String,
    pub receipt_public_key: String,
    pub receipt_key_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnrollResponse {
    pub device_id: Uuid,
    /// The earlier devices the program linked to this one (servers before
    /// "Enrolling again" send none).
    #[serde(default)]
    pub linked_devices: Vec<Uuid>,
    pub program: ProgramKeys,
    pub plan: serde_json::Value,
    pub policy: serde_json::Value,
    /// Resumable uploads, when the server offers them (servers before
    /// them send nothing: whole uploads).
    #[serde(default)]
    pub uploads: Option<UploadOffer>,
    #[serde(with = "wire_time")]
    pub server_time: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanResponse {
    pub plan: serde_json::Value,
    pub policy: serde_json::Value,
    #[serde(default)]
    pub uploads: Option<UploadOffer>,
    #[serde(with = "wire_time")]
    pub server_time: DateTime<Utc>,
}

/// The server takes resumable uploads (docs/protocol.md, "Resumable
/// uploads"); an unfinished one is deleted `expires_after_s` after its
/// last append.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadOffer {
    pub resumable: bool,
    pub expires_after_s: u64,
}

/// How much of an unfinished upload the server holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UploadProgress {
    pub offset: u64,
    pub length: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckinResponse {
    pub checkin_id: Uuid,
    pub receipt: String,
    pub signature: String,
    #[serde(with = "wire_time")]
    pub server_time: DateTime<Utc>,
}

/// `GET /v1/tls-rotation`: a TLS key rotation exactly as the program
/// signed it (docs/protocol.md, "TLS key rotation").
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RotationResponse {
    /// Base64 of the rotation's JSON bytes.
    pub rotation: String,
    /// Base64 of the receipt key's signature over the context and them.
    pub signature: String,
    #[serde(with = "wire_time")]
    pub server_time: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
    #[serde(
        default,
        with = "wire_time::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub server_time: Option<DateTime<Utc>>,
}
