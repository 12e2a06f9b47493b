//! The case document as the participant reads it: texts in their language
//! (the document's own when the program gave no translation), the case
//! number both in full and masked (screens show it masked until asked),
//! and the next court hearings, which are the plan's appointments.

use chrono::{DateTime, Utc};

use crate::case::{self, CaseDocument};
use crate::i18n::{Arg, Localizer};
use crate::plan::{AppointmentKind, Plan, zone};

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CaseOfficer {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// When the officer can be reached, in words.
    pub contact_hours: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CasePhone {
    pub label: String,
    pub number: String,
}

/// A court hearing from the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CaseHearing {
    pub appointment_id: String,
    pub starts_at_ms: i64,
    /// The date and time at the court, with its zone when it is not the
    /// participant's.
    pub when: String,
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CaseInfo {
    pub revision: u64,
    pub case_number: Option<String>,
    /// The case number with all but its last three letters and digits
    /// hidden: what a screen shows until the participant asks.
    pub case_number_masked: Option<String>,
    pub officer: Option<CaseOfficer>,
    pub program_phones: Vec<CasePhone>,
    /// The conditions of supervision, in plain language.
    pub conditions: Vec<String>,
    pub documents_to_bring: Vec<String>,
    /// Upcoming court hearings, soonest first.
    pub hearings: Vec<CaseHearing>,
}

/// Reads `case` in `l`'s language at `now`, with `plan`'s hearings.
pub fn read(case: &CaseDocument, plan: Option<&Plan>, l: &Localizer, now: DateTime<Utc>) -> CaseInfo {
    let lang = l.language();
    let hearings = plan
        .map(|p| {
            p.appointments()
                .iter()
                .filter(|a| a.kind == AppointmentKind::CourtHearing && a.ends > now)
                .map(|a| {
                    let local = zone::local(&a.zone, a.starts);
                    let zone_name = if a.zone.name() == p.zone().name() {
                        "none".to_string()
                    } else {
                        a.zone.abbreviation_at(a.starts)
                    };
                    CaseHearing {
                        appointment_id: a.id.clone(),
                        starts_at_ms: a.starts.timestamp_millis(),
                        when: l.text(
                            "case-hearing-when",
                            &[
                                ("date", Arg::Text(&l.date(local))),
                                ("time", Arg::Text(&l.time(local))),
                                ("zone", Arg::Text(&zone_name)),
                            ],
                        ),
                        place: a.place.clone(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    CaseInfo {
        revision: case.revision,
        case_number_masked: case.case_number.as_deref().map(case::mask),
        case_number: case.case_number.clone(),
        officer: case.officer.as_ref().map(|o| CaseOfficer {
            name: o.name.clone(),
            phone: o.phone.clone(),
            email: o.email.clone(),
            contact_hours: o.contact_hours.as_ref().map(|h| h.get(lang).to_string()),
        }),
        program_phones: case
            .program_phones
            .iter()
            .map(|p| CasePhone {
                label: p.label.get(lang).to_string(),
                number: p.number.clone(),
            })
            .collect(),
        conditions: case.conditions.iter().map(|c| c.text.get(lang).to_string()).collect(),
        documents_to_bring: case.documents_to_bring.iter().map(|c| c.text.get(lang).to_string()).collect(),
        hearings,
    }
}
