//! How a client is set up, and what the shell tells it about the network.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// How a client is set up.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Where the store lives (app-private storage on a phone).
    pub data_dir: PathBuf,
    /// The participant's language (BCP 47), e.g. `es`.
    pub locale: String,
    /// `android`, `ios` or `desktop`; sent at enrollment.
    pub platform: String,
}

/// The network as the shell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Connectivity {
    Online,
    /// Online, but the participant pays by the byte (cellular, roaming).
    /// Check-in records are always sent: a late check-in costs more than
    /// data. Media the policy lets wait (`media.defer_on_metered_above_bytes`)
    /// stays queued, sealed, until the network is `Online`.
    Metered,
    Offline,
}

/// The participant's own choices on this phone, kept sealed: never sent,
/// never in the ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Preferences {
    /// The language every screen and reminder is in (BCP 47); the shell's
    /// locale (or a managed configuration's) until the participant chooses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// When the participant plans to leave for an appointment: appointment
    /// id to local `HH:MM` at the appointment's place.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub leave_at: BTreeMap<String, String>,
}
