//! The statement itself: a plain text generated from the current policy
//! alone, in the participant's language.
//!
//! Guarantees: the statement is a pure function of the policy and the
//! language, so it changes exactly when the policy does; every kind of
//! evidence a check-in can carry under the policy is named in it (see
//! [`CollectionStatement::collects`]), with the same precision the core
//! applies when it seals a check-in.

use serde::Serialize;

use crate::crypto::sha256;
use crate::i18n::{Arg, Localizer};
use crate::policy::{LocationMode, Policy, Requirement};

/// The statement and the facts it states, for display and for consent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollectionStatement {
    /// The policy version the statement describes.
    pub policy_version: u32,
    pub language: String,
    /// The statement, one paragraph per line.
    pub text: String,
    /// SHA-256 of `text`, so a consent can name exactly what was shown.
    pub text_sha256_hex: String,
    /// Evidence a check-in may carry under this policy, in record order
    /// (`photo`, `voice`, `location`): the same names as the record's
    /// `evidence` list.
    pub collects: Vec<String>,
    pub location_mode: LocationMode,
    /// The coarse grid, when location is coarse.
    pub coarse_grid_m: Option<u32>,
}

fn requirement_id(r: Requirement) -> &'static str {
    match r {
        Requirement::Required => "required",
        Requirement::Optional => "optional",
        Requirement::Off => "off",
    }
}

/// The statement for `policy` in `l`'s language.
pub fn statement(policy: &Policy, l: &Localizer) -> CollectionStatement {
    let mut lines = Vec::new();
    let program = if policy.program.name.is_empty() {
        l.text("collect-program-unnamed", &[])
    } else {
        policy.program.name.clone()
    };
    lines.push(l.text("collect-title", &[("program", Arg::Text(&program))]));
    lines.push(l.text("collect-when", &[]));
    let mut collects = Vec::new();

    if policy.evidence.photo != Requirement::Off {
        collects.push("photo".to_string());
    }
    lines.push(l.text(
        "collect-photo",
        &[
            (
                "requirement",
                Arg::Text(requirement_id(policy.evidence.photo)),
            ),
            ("px", Arg::Number(i64::from(policy.photo.long_edge_px))),
        ],
    ));
    if policy.evidence.photo != Requirement::Off {
        lines.push(l.text(
            if policy.photo.blur_bystanders {
                "collect-blur-yes"
            } else {
                "collect-blur-no"
            },
            &[],
        ));
    }
    if policy.evidence.voice != Requirement::Off {
        collects.push("voice".to_string());
    }
    lines.push(l.text(
        "collect-voice",
        &[
            (
                "requirement",
                Arg::Text(requirement_id(policy.evidence.voice)),
            ),
            ("seconds", Arg::Number(i64::from(policy.voice.max_seconds))),
        ],
    ));

    let mode = policy.evidence.location;
    let location = match mode {
        LocationMode::None => l.text("collect-location-none", &[]),
        LocationMode::Precise => l.text("collect-location-precise", &[]),
        LocationMode::Coarse => l.text(
            "collect-location-coarse",
            &[(
                "grid",
                Arg::Number(i64::from(policy.location.coarse_grid_m)),
            )],
        ),
        LocationMode::Area => l.text("collect-location-area", &[]),
    };
    lines.push(location);
    if mode != LocationMode::None {
        collects.push("location".to_string());
        lines.push(l.text(
            if policy.location.required {
                "collect-location-required"
            } else {
                "collect-location-optional"
            },
            &[],
        ));
        lines.push(l.text("collect-location-flags", &[]));
    }

    lines.push(l.text(
        "collect-retention",
        &[("days", Arg::Number(i64::from(policy.retention.device_days)))],
    ));
    let receivers = if policy.receivers.is_empty() {
        program.clone()
    } else {
        policy.receivers.join(", ")
    };
    lines.push(l.text("collect-receivers", &[("receivers", Arg::Text(&receivers))]));
    if !policy.program.contact.is_empty() || !policy.program.privacy_notice_url.is_empty() {
        lines.push(l.text(
            "collect-contact",
            &[
                ("contact", Arg::Text(&policy.program.contact)),
                ("url", Arg::Text(&policy.program.privacy_notice_url)),
            ],
        ));
    }
    lines.push(l.text(
        "collect-version",
        &[("version", Arg::Number(i64::from(policy.version)))],
    ));

    let text = lines.join("\n");
    CollectionStatement {
        policy_version: policy.version,
        language: l.language().to_string(),
        text_sha256_hex: hex::encode(sha256(text.as_bytes())),
        text,
        collects,
        location_mode: mode,
        coarse_grid_m: (mode == LocationMode::Coarse).then_some(policy.location.coarse_grid_m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(json: &str) -> Policy {
        Policy::from_json(json.as_bytes()).expect("valid")
    }

    #[test]
    fn the_statement_follows_the_policy_and_only_the_policy() {
        let en = Localizer::new("en");
        let a = policy(
            r#"{"version": 3, "evidence": {"photo": "required", "location": "coarse"}, "location": {"coarse_grid_m": 2000}}"#,
        );
        let s = statement(&a, &en);
        assert_eq!(s, statement(&a, &en), "same policy, same statement");
        assert!(s.text.contains("2000 m"), "{}", s.text);
        assert_eq!(s.collects, ["photo", "location"]);
        let b = policy(
            r#"{"version": 3, "evidence": {"photo": "required", "location": "area"}, "location": {"area": {"circle": {"lat": 1.0, "lon": 2.0, "radius_m": 100.0}}}}"#,
        );
        let t = statement(&b, &en);
        assert_ne!(s.text, t.text);
        assert!(!t.text.contains("2000"), "{}", t.text);
        let none = statement(&policy(r#"{"version": 1}"#), &en);
        assert_eq!(none.collects, Vec::<String>::new());
        assert!(none.text.contains("never"), "{}", none.text);
    }

    #[test]
    fn spanish_and_english_differ_and_both_are_complete() {
        let p = policy(
            r#"{"version": 3, "evidence": {"photo": "required", "voice": "optional", "location": "precise"}}"#,
        );
        let en = statement(&p, &Localizer::new("en"));
        let es = statement(&p, &Localizer::new("es"));
        assert_ne!(en.text, es.text);
        assert_eq!(en.collects, es.collects);
        for text in [&en.text, &es.text] {
            assert!(!text.contains("collect-"), "a message id leaked: {text}");
        }
    }
}
