//! The participant's own choices on this phone: the language of every
//! screen and reminder, and when they plan to leave for an appointment.
//! Kept sealed in the store; never sent and never written to the ledger.

use chrono::NaiveTime;

use crate::config::Preferences;
use crate::error::{Error, Result};
use crate::i18n::Localizer;
use crate::session::Session;
use crate::store::{DocumentName, StoreError};

/// The form a leave time is typed and stored in.
const TIME_FORMAT: &str = "%H:%M";

fn update(session: &Session, change: impl FnOnce(&mut Preferences)) -> Result<()> {
    let current = session.preferences()?;
    let mut preferences = Preferences::clone(&current);
    change(&mut preferences);
    let bytes = serde_json::to_vec(&preferences).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let at = session.now().corrected().timestamp_millis();
    let store = &session.store;
    store.write(|tx| store.put_document(tx, DocumentName::Preferences, &bytes, at))?;
    Ok(())
}

/// Switches the language of every screen and reminder; an unknown tag
/// means English. Returns the language now used.
pub(crate) fn set_language(session: &Session, tag: &str) -> Result<String> {
    let language = Localizer::new(tag).language().to_string();
    let chosen = language.clone();
    update(session, |p| p.language = Some(chosen))?;
    Ok(language)
}

/// A leave time as typed (`7:30`, `07:30`), or why it is not one.
pub(crate) fn parse_leave_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), TIME_FORMAT).ok()
}

/// Saves when the participant plans to leave for `appointment_id`.
pub(crate) fn set_leave_time(session: &Session, appointment_id: &str, at: NaiveTime) -> Result<()> {
    let known = session
        .plan()?
        .is_some_and(|p| p.appointments().iter().any(|a| a.id == appointment_id));
    if !known {
        return Err(Error::UnknownAppointment {
            id: appointment_id.to_string(),
        });
    }
    let text = at.format(TIME_FORMAT).to_string();
    update(session, |p| {
        p.leave_at.insert(appointment_id.to_string(), text);
    })
}

pub(crate) fn remove_leave_time(session: &Session, appointment_id: &str) -> Result<()> {
    update(session, |p| {
        p.leave_at.remove(appointment_id);
    })
}

/// The saved leave times, as the reminders take them.
pub(crate) fn leave_plans(session: &Session) -> Result<Vec<crate::remind::LeavePlan>> {
    Ok(leave_times(&*session.preferences()?)
        .into_iter()
        .map(|(appointment_id, leave_at)| crate::remind::LeavePlan {
            appointment_id,
            leave_at,
        })
        .collect())
}

/// The saved leave times, parsed.
pub(crate) fn leave_times(preferences: &Preferences) -> Vec<(String, NaiveTime)> {
    preferences
        .leave_at
        .iter()
        .filter_map(|(id, t)| Some((id.clone(), parse_leave_time(t)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leave_times_are_read_as_typed_and_kept_in_one_form() {
        let at = parse_leave_time(" 7:30 ").expect("time");
        assert_eq!(at.format(TIME_FORMAT).to_string(), "07:30");
        assert!(parse_leave_time("7.30").is_none());
        assert!(parse_leave_time("25:00").is_none());
        assert!(parse_leave_time("").is_none());
        let mut p = Preferences::default();
        p.leave_at.insert("a".into(), "07:30".into());
        p.leave_at.insert("b".into(), "garbage".into());
        assert_eq!(leave_times(&p), vec![("a".to_string(), at)]);
    }
}
