//! Taking a check-in: starting a draft, attaching a photo, a recording and
//! one location fix, or discarding it.
//!
//! Guarantees: every capture passes the consent gate
//! (`disclosure::policy_for_capture`) and is processed under the policy in
//! force (media pipelines, location reduced to what the policy allows)
//! before anything is stored; only the processed evidence is kept, sealed,
//! in a row of its own with the moment it was captured and the draft's
//! small header, in one transaction; a capture that fails leaves the draft
//! as it was. A check-in for a scheduled window takes evidence only until
//! the window's late period ends (by the corrected clock): after that it is
//! refused ([`Error::WindowClosed`]), so no check-in carries evidence taken
//! after its window stopped counting.

use uuid::Uuid;

use crate::checkin::{
    Draft, DraftEvidence, DraftPart, DraftPhoto, DraftVoice, PhotoQuality, VoiceQuality,
};
use crate::clock::ClockEstimate;
use crate::disclosure::policy_for_capture;
use crate::error::{Error, Result};
use crate::location::{self, LocationFix, SentLocation};
use crate::plan::CheckinWindow;
use crate::protocol::envelope::WindowRef;
use crate::session::Session;

/// Starts a check-in for the plan's window `window_id`, or an unscheduled
/// one with `None`. A window whose late period is over is refused.
pub(crate) fn start(session: &Session, window_id: Option<&str>) -> Result<Uuid> {
    session.enrolled()?;
    let now = session.now();
    let mut draft = Draft::new(Uuid::new_v4(), None, now.corrected());
    policy_for_capture(session, Some(&mut draft))?;
    if let Some(id) = window_id {
        let plan = session.plan()?.ok_or(Error::NotEnrolled)?;
        let w = plan.window(id)?;
        draft.window = Some(WindowRef {
            id: w.id.clone(),
            opens_at: w.opens,
            closes_at: w.closes,
        });
        draft.late_ends = Some(w.late_ends);
        draft.accepts_evidence(Some(&w), &now)?;
    }
    session
        .store
        .write(|tx| session.store.put_draft_header(tx, &draft))?;
    Ok(draft.id)
}

/// The draft `id`, the moment of this capture, and the policy the capture
/// is taken under, once the consent gate and the window's deadline let it.
fn open_for_capture(
    session: &Session,
    id: Uuid,
) -> Result<(Draft, ClockEstimate, std::sync::Arc<crate::policy::Policy>)> {
    let mut draft = session.store.draft(id)?.ok_or(Error::DraftNotFound)?;
    let policy = policy_for_capture(session, Some(&mut draft))?;
    let now = session.now();
    draft.accepts_evidence(plan_window(session, &draft)?.as_ref(), &now)?;
    Ok((draft, now, policy))
}

/// The plan's window for `draft`, as the plan says now; `None` for an
/// unscheduled check-in or a window the plan no longer has.
fn plan_window(session: &Session, draft: &Draft) -> Result<Option<CheckinWindow>> {
    let (Some(window), Some(plan)) = (&draft.window, session.plan()?) else {
        return Ok(None);
    };
    Ok(plan.window(&window.id).ok())
}

/// Stores `evidence`, captured at `at`, and the draft's header (which
/// records the policy it was taken under) in one transaction.
fn keep(session: &Session, draft: &Draft, evidence: DraftEvidence, at: ClockEstimate) -> Result<()> {
    let part = DraftPart {
        evidence,
        captured: Some(at),
    };
    let store = &session.store;
    store.write(|tx| {
        store.put_draft_header(tx, draft)?;
        store.put_draft_part(tx, draft.id, &part)
    })?;
    Ok(())
}

/// Processes a camera photo under the policy and attaches it, replacing any
/// earlier one; returns the quality report.
pub(crate) fn attach_photo(session: &Session, draft_id: Uuid, input: &[u8]) -> Result<PhotoQuality> {
    let (draft, at, policy) = open_for_capture(session, draft_id)?;
    let processed = checkin_media::process_photo(input, &policy.photo_policy())?;
    let quality = PhotoQuality::from(&processed.report);
    let photo = DraftPhoto {
        jpeg: processed.jpeg,
        width: processed.width,
        height: processed.height,
        quality: quality.clone(),
        bystanders_blurred: processed.bystanders_blurred,
    };
    keep(session, &draft, DraftEvidence::Photo(photo), at)?;
    Ok(quality)
}

/// Processes a voice recording (WAV) under the policy and attaches it,
/// replacing any earlier one; returns the quality report.
pub(crate) fn attach_voice(session: &Session, draft_id: Uuid, wav: &[u8]) -> Result<VoiceQuality> {
    let (draft, at, policy) = open_for_capture(session, draft_id)?;
    let processed = checkin_media::process_voice(wav, &policy.voice_policy())?;
    let quality = VoiceQuality::from(&processed.report);
    let voice = DraftVoice {
        ogg_opus: processed.ogg_opus,
        duration_ms: processed.duration_ms,
        quality: quality.clone(),
    };
    keep(session, &draft, DraftEvidence::Voice(voice), at)?;
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
    let (draft, at, policy) = open_for_capture(session, draft_id)?;
    let sent = location::apply(&policy, fix, at.corrected())?;
    keep(session, &draft, DraftEvidence::Location(sent.clone()), at)?;
    Ok(sent)
}

/// Abandons a check-in in progress; nothing of it is kept.
pub(crate) fn discard(session: &Session, draft_id: Uuid) -> Result<()> {
    session.store.discard_draft(draft_id)?;
    Ok(())
}
