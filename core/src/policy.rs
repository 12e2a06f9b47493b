//! The program's policy (docs/policy.md): what the device may collect, at
//! what precision, and for how long it keeps it. Received from the server,
//! stored sealed, recorded in the ledger when its version changes.

use serde::{Deserialize, Serialize};

use checkin_media::{PhotoPolicy, VoicePolicy};

mod area;

pub use area::AreaError;

/// Whether a kind of evidence is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Requirement {
    Required,
    Optional,
    #[default]
    Off,
}

/// How location is taken, if at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LocationMode {
    #[default]
    None,
    Precise,
    Coarse,
    Area,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProgramInfo {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub privacy_notice_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Evidence {
    #[serde(default)]
    pub photo: Requirement,
    #[serde(default)]
    pub voice: Requirement,
    #[serde(default)]
    pub location: LocationMode,
}

/// An approved area for `area` mode: never smaller than a circle of
/// [`MIN_AREA_RADIUS_M`] (see `area.rs`), so inside/outside never becomes a
/// precise location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Circle { lat: f64, lon: f64, radius_m: f64 },
    Polygon(Vec<[f64; 2]>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationRules {
    /// A check-in cannot be submitted without a location (under any mode
    /// but `none`). Off by default: a phone without a fix can still check in.
    #[serde(default)]
    pub required: bool,
    #[serde(default = "defaults::coarse_grid_m")]
    pub coarse_grid_m: u32,
    #[serde(default)]
    pub area: Option<Area>,
    #[serde(default = "defaults::max_fix_age_s")]
    pub max_fix_age_s: u32,
    #[serde(default = "defaults::max_accuracy_m")]
    pub max_accuracy_m: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoRules {
    #[serde(default = "defaults::long_edge_px")]
    pub long_edge_px: u32,
    #[serde(default = "defaults::jpeg_quality")]
    pub jpeg_quality: u8,
    #[serde(default = "defaults::yes")]
    pub blur_bystanders: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceRules {
    #[serde(default = "defaults::bitrate_bps")]
    pub bitrate_bps: u32,
    #[serde(default = "defaults::max_seconds")]
    pub max_seconds: u32,
}

/// When media may travel apart from its check-in (docs/protocol.md,
/// "Deferred media").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MediaRules {
    /// A photo or voice part larger than this many bytes is sealed in a
    /// separate media envelope that is sent only on an unmetered network;
    /// the check-in record always goes at once. `None` (the default): every
    /// check-in is one envelope, as servers without deferral expect.
    #[serde(default)]
    pub defer_on_metered_above_bytes: Option<u64>,
}

impl MediaRules {
    /// Whether a media part of `size` bytes waits for an unmetered network.
    pub fn defers(&self, size: u64) -> bool {
        self.defer_on_metered_above_bytes
            .is_some_and(|limit| size > limit)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    #[serde(default = "defaults::device_days")]
    pub device_days: u32,
}

/// The whole policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub version: u32,
    #[serde(default)]
    pub program: ProgramInfo,
    #[serde(default)]
    pub evidence: Evidence,
    #[serde(default = "defaults::location")]
    pub location: LocationRules,
    #[serde(default = "defaults::photo")]
    pub photo: PhotoRules,
    #[serde(default = "defaults::voice")]
    pub voice: VoiceRules,
    #[serde(default)]
    pub media: MediaRules,
    #[serde(default = "defaults::retention")]
    pub retention: Retention,
    #[serde(default)]
    pub receivers: Vec<String>,
}

/// A policy as the device names it: its version and the SHA-256 of its
/// bytes as stored (the `policy` JSON the server sent, written compactly
/// with its keys in order: docs/policy.md, "Versions"). Consents and the
/// enrollment name a policy this way, so a different document under the
/// same version number is never taken for the one the participant saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRef {
    pub version: u32,
    /// `None` only in what was recorded before the digest was kept, and
    /// for the default policy (nothing stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256_hex: Option<String>,
}

impl PolicyRef {
    /// The stored policy `bytes`, of version `version`.
    pub fn of(version: u32, bytes: &[u8]) -> Self {
        Self {
            version,
            sha256_hex: Some(hex::encode(crate::crypto::sha256(bytes))),
        }
    }

    /// Whether this (recorded earlier) names the `current` policy: the
    /// same version and the same bytes. A record made before digests were
    /// kept names its version only; since then a policy's bytes never
    /// change under one version (`crate::documents`), so for such a record
    /// the version is what it can go by.
    pub fn names(&self, current: &PolicyRef) -> bool {
        self.version == current.version
            && match (&self.sha256_hex, &current.sha256_hex) {
                (Some(recorded), Some(now)) => recorded == now,
                (None, _) => true,
                (Some(_), None) => false,
            }
    }
}

/// A policy from the server that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("the policy is not valid JSON of the expected shape: {0}")]
    Malformed(String),
    #[error("the policy's {field} is out of range")]
    OutOfRange { field: &'static str },
    /// `location.area` would say where the participant is (docs/policy.md).
    #[error("the policy's location.area is refused: {0}")]
    Area(AreaError),
}

/// Limits that keep a policy's numbers sane.
const MAX_LONG_EDGE_PX: u32 = 4096;
const MIN_LONG_EDGE_PX: u32 = 64;
const MAX_VOICE_SECONDS: u32 = 600;
/// A coarser grid than this would be a precise location by another name.
const MIN_COARSE_GRID_M: u32 = 100;
/// The smallest approved area's radius, for the same reason; a polygon must
/// cover at least the area of that circle ([`Area::check_size`]).
pub const MIN_AREA_RADIUS_M: f64 = 100.0;

impl Policy {
    /// Parses and validates a policy document.
    pub fn from_json(bytes: &[u8]) -> Result<Self, PolicyError> {
        let p: Policy =
            serde_json::from_slice(bytes).map_err(|e| PolicyError::Malformed(e.to_string()))?;
        p.validate()?;
        Ok(p)
    }

    fn validate(&self) -> Result<(), PolicyError> {
        let bad = |field| Err(PolicyError::OutOfRange { field });
        if !(MIN_LONG_EDGE_PX..=MAX_LONG_EDGE_PX).contains(&self.photo.long_edge_px) {
            return bad("photo.long_edge_px");
        }
        if !(1..=100).contains(&self.photo.jpeg_quality) {
            return bad("photo.jpeg_quality");
        }
        if self.voice.max_seconds == 0 || self.voice.max_seconds > MAX_VOICE_SECONDS {
            return bad("voice.max_seconds");
        }
        if self.evidence.location == LocationMode::Coarse
            && self.location.coarse_grid_m < MIN_COARSE_GRID_M
        {
            return bad("location.coarse_grid_m");
        }
        if self.evidence.location == LocationMode::Area && self.location.area.is_none() {
            return bad("location.area");
        }
        // An area too small would say where the participant is; checked
        // whenever one is given, so a later switch to `area` cannot bring it.
        if let Some(area) = &self.location.area {
            area.check_size().map_err(PolicyError::Area)?;
        }
        Ok(())
    }

    /// The media pipeline's settings under this policy.
    pub fn photo_policy(&self) -> PhotoPolicy {
        PhotoPolicy {
            long_edge_px: self.photo.long_edge_px,
            jpeg_quality: self.photo.jpeg_quality,
            blur_bystanders: self.photo.blur_bystanders,
            ..PhotoPolicy::default()
        }
    }

    /// The voice pipeline's settings under this policy.
    pub fn voice_policy(&self) -> VoicePolicy {
        let defaults = VoicePolicy::default();
        VoicePolicy {
            opus_bitrate: self.voice.bitrate_bps,
            max_duration_ms: self
                .voice
                .max_seconds
                .saturating_mul(1000)
                .min(defaults.max_duration_ms),
            ..defaults
        }
    }
}

impl Default for Policy {
    /// What applies before any policy arrives: collect nothing but a photo
    /// the participant chooses to take.
    fn default() -> Self {
        Self {
            version: 0,
            program: ProgramInfo::default(),
            evidence: Evidence::default(),
            location: defaults::location(),
            photo: defaults::photo(),
            voice: defaults::voice(),
            media: MediaRules::default(),
            retention: defaults::retention(),
            receivers: Vec::new(),
        }
    }
}

mod defaults {
    use super::*;
    pub fn coarse_grid_m() -> u32 {
        1000
    }
    pub fn max_fix_age_s() -> u32 {
        300
    }
    pub fn max_accuracy_m() -> u32 {
        500
    }
    pub fn long_edge_px() -> u32 {
        1024
    }
    pub fn jpeg_quality() -> u8 {
        80
    }
    pub fn yes() -> bool {
        true
    }
    pub fn bitrate_bps() -> u32 {
        16_000
    }
    pub fn max_seconds() -> u32 {
        30
    }
    pub fn device_days() -> u32 {
        30
    }
    pub fn location() -> LocationRules {
        LocationRules {
            required: false,
            coarse_grid_m: coarse_grid_m(),
            area: None,
            max_fix_age_s: max_fix_age_s(),
            max_accuracy_m: max_accuracy_m(),
        }
    }
    pub fn photo() -> PhotoRules {
        PhotoRules {
            long_edge_px: long_edge_px(),
            jpeg_quality: jpeg_quality(),
            blur_bystanders: true,
        }
    }
    pub fn voice() -> VoiceRules {
        VoiceRules {
            bitrate_bps: bitrate_bps(),
            max_seconds: max_seconds(),
        }
    }
    pub fn retention() -> Retention {
        Retention {
            device_days: device_days(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_policy_parses() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../fixtures/policies/default.json"
        ))
        .expect("file");
        let p = Policy::from_json(&bytes).expect("valid");
        assert_eq!(p.evidence.photo, Requirement::Required);
        assert_eq!(p.evidence.location, LocationMode::Coarse);
        assert_eq!(p.location.coarse_grid_m, 1000);
    }

    #[test]
    fn missing_sections_take_defaults_and_bad_numbers_are_refused() {
        let p = Policy::from_json(br#"{"version": 2}"#).expect("valid");
        assert_eq!(p.photo.long_edge_px, 1024);
        assert_eq!(p.evidence.location, LocationMode::None);
        assert!(matches!(
            Policy::from_json(br#"{"version": 2, "photo": {"jpeg_quality": 0}}"#),
            Err(PolicyError::OutOfRange {
                field: "photo.jpeg_quality"
            })
        ));
        assert!(matches!(
            Policy::from_json(br#"{"version": 2, "evidence": {"location": "area"}}"#),
            Err(PolicyError::OutOfRange {
                field: "location.area"
            })
        ));
        assert!(matches!(
            Policy::from_json(b"[]"),
            Err(PolicyError::Malformed(_))
        ));
    }

    #[test]
    fn an_area_smaller_than_a_100_m_circle_is_refused_when_the_policy_is_read() {
        let with = |area: &str| {
            Policy::from_json(
                format!(
                    r#"{{"version": 2, "evidence": {{"location": "area"}}, "location": {{"area": {area}}}}}"#
                )
                .as_bytes(),
            )
        };
        assert_eq!(
            with(r#"{"circle": {"lat": 40.0, "lon": -3.0, "radius_m": 5.0}}"#),
            Err(PolicyError::Area(AreaError::TooSmall))
        );
        assert!(with(r#"{"circle": {"lat": 40.0, "lon": -3.0, "radius_m": 100.0}}"#).is_ok());
        // About 11 m × 9 m in Madrid.
        assert_eq!(
            with(r#"{"polygon": [[40.0, -3.0], [40.0, -2.9999], [40.0001, -2.9999], [40.0001, -3.0]]}"#),
            Err(PolicyError::Area(AreaError::TooSmall))
        );
        // An area is checked even while the mode does not use it yet.
        assert_eq!(
            Policy::from_json(
                br#"{"version": 2, "evidence": {"location": "coarse"}, "location": {"area": {"circle": {"lat": 1.0, "lon": 2.0, "radius_m": 5.0}}}}"#
            ),
            Err(PolicyError::Area(AreaError::TooSmall))
        );
    }

    #[test]
    fn media_waits_only_when_the_policy_says_and_only_above_its_size() {
        let off = Policy::from_json(br#"{"version": 2}"#).expect("valid");
        assert!(!off.media.defers(u64::MAX));
        let on = Policy::from_json(
            br#"{"version": 2, "media": {"defer_on_metered_above_bytes": 1000}}"#,
        )
        .expect("valid");
        assert!(!on.media.defers(1000));
        assert!(on.media.defers(1001));
        let null = Policy::from_json(
            br#"{"version": 2, "media": {"defer_on_metered_above_bytes": null}}"#,
        )
        .expect("valid");
        assert!(!null.media.defers(1 << 30));
    }
}
