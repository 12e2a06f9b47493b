//! How a client is set up, and what the shell tells it about the network.

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
