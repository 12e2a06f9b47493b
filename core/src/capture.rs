//! Taking a check-in: starting a draft, attaching a photo, a recording and
//! one location fix, or discarding it.
//!
//! Guarantees: every capture passes the consent gate
//! (`disclosure::policy_for_capture`) and is processed under the policy in
//! force (media pipelines, location reduced to what the policy allows)
//! before anything is stored; only the processed evidence is kept, sealed,
//! in a row of its own with the draft's small header, in one transaction;
//! a capture that fails leaves the draft as it was.

use uuid::Uuid;

use crate::checkin::{Draft, DraftPart, DraftPhoto, DraftVoice, PhotoQuality, VoiceQuality};
use crate::disclosure::policy_for_capture;
use crate::error::{Error, Result};
use crate::location::{self, LocationFix, SentLocation};
use crate::protocol::envelope::WindowRef;
use crate::session::Session;

/// Starts a check-in for the plan's window `window_id`, or an unscheduled
/// one with `None`.
pub(crate) fn start(session: &Session, window_id: Option<&str>) -> Result<Uuid> {
    session.enrolled()?;
    let mut draft = Draft {
        id: Uuid::new_v4(),
        window: None,
        started_at: session.now().corrected(),
        photo: None,
        voice: None,
        location: None,
        policy_version: None,
        policy_sha256_hex: None,
    };
    policy_for_capture(session, Some(&mut draft))?;
    if let Some(id) = window_id {
        let plan = session.plan()?.ok_or(Error::NotEnrolled)?;
        let w = plan.window(id)?;
        draft.window = Some(WindowRef {
            id: w.id,
            opens_at: w.opens,
            closes_at: w.closes,
        });
    }
    session
        .store
        .write(|tx| session.store.put_draft_header(tx, &draft))?;
    Ok(draft.id)
}

fn draft(session: &Session, id: Uuid) -> Result<Draft> {
    session.store.draft(id)?.ok_or(Error::DraftNotFound)
}

/// Stores `part` and the draft's header (which records the policy it was
/// taken under) in one transaction.
fn keep(session: &Session, draft: &Draft, part: &DraftPart) -> Result<()> {
    let store = &session.store;
    store.write(|tx| {
        store.put_draft_header(tx, draft)?;
        store.put_draft_part(tx, draft.id, part)
    })?;
    Ok(())
}

/// Processes a camera photo under the policy and attaches it, replacing any
/// earlier one; returns the quality report.
pub(crate) fn attach_photo(session: &Session, draft_id: Uuid, input: &[u8]) -> Result<PhotoQuality> {
    let mut draft = draft(session, draft_id)?;
    let policy = policy_for_capture(session, Some(&mut draft))?;
    let processed = checkin_media::process_photo(input, &policy.photo_policy())?;
    let quality = PhotoQuality::from(&processed.report);
    let part = DraftPart::Photo(DraftPhoto {
        jpeg: processed.jpeg,
        width: processed.width,
        height: processed.height,
        quality: quality.clone(),
        bystanders_blurred: processed.bystanders_blurred,
    });
    keep(session, &draft, &part)?;
    Ok(quality)
}

/// Processes a voice recording (WAV) under the policy and attaches it,
/// replacing any earlier one; returns the quality report.
pub(crate) fn attach_voice(session: &Session, draft_id: Uuid, wav: &[u8]) -> Result<VoiceQuality> {
    let mut draft = draft(session, draft_id)?;
    let policy = policy_for_capture(session, Some(&mut draft))?;
    let processed = checkin_media::process_voice(wav, &policy.voice_policy())?;
    let quality = VoiceQuality::from(&processed.report);
    let part = DraftPart::Voice(DraftVoice {
        ogg_opus: processed.ogg_opus,
        duration_ms: processed.duration_ms,
        quality: quality.clone(),
    });
    keep(session, &draft, &part)?;
    Ok(quality)
}

/// Reduces one location fix to what the policy allows and attaches the
/// result; a fix the policy does not let the core use is refused
/// ([`Error::Location`]) and the draft is left as it was.
pub(crate) fn attach_location(
    session: &Session,
    draft_id: Uuid,
    fix: &LocationFix,
) -> Result<SentLocation> {
    let mut draft = draft(session, draft_id)?;
    let policy = policy_for_capture(session, Some(&mut draft))?;
    let sent = location::apply(&policy, fix, session.now().corrected())?;
    keep(session, &draft, &DraftPart::Location(sent.clone()))?;
    Ok(sent)
}

/// Abandons a check-in in progress; nothing of it is kept.
pub(crate) fn discard(session: &Session, draft_id: Uuid) -> Result<()> {
    session.store.discard_draft(draft_id)?;
    Ok(())
}
