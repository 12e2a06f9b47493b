//! Submitting a check-in: the draft is sealed to the program and signed
//! (`checkin::seal`), then queued with its ledger entry, and the draft
//! deleted, in one transaction. From here it is never lost.
//!
//! Guarantees: nothing is sealed under a policy the participant has not
//! seen, nor sealed as if taken under a policy it was not taken under (the
//! consent gate and `Draft::take_under`); a refused draft stays as it was.
//! Each envelope names the device's ledger head (seq and hash of the last
//! entry) in its signed header, so the program's receipt countersigns the
//! ledger as it stood and an older copy of it cannot pass for the current
//! one (docs/ledger.md, "Anchoring").

use ring::rand::SystemRandom;
use uuid::Uuid;

use crate::checkin::{self, CheckinSummary, SealingKeys};
use crate::disclosure::policy_for_capture;
use crate::error::{Error, Result};
use crate::ledger::{self, LedgerEvent};
use crate::session::Session;

pub(crate) fn submit(session: &Session, draft_id: Uuid) -> Result<CheckinSummary> {
    let enrolled = session.enrolled()?;
    let mut draft = session.store.draft(draft_id)?.ok_or(Error::DraftNotFound)?;
    let policy = policy_for_capture(session, Some(&mut draft))?;
    let now = session.now();
    let keys = SealingKeys {
        device_id: enrolled.record.device_id,
        device_key: &enrolled.device_key,
        program_key: &enrolled.program_key,
        program_key_id: &enrolled.record.program.encryption_key_id,
    };
    // The ledger as it stands, anchored in the header. Read before the
    // write below, so another process may append in between: the head
    // named is then an earlier entry of the same chain (docs/ledger.md).
    let ledger_head = ledger::head(&session.store)?;
    let sealed = checkin::seal(
        &draft,
        &policy,
        &keys,
        &now,
        &session.config.locale,
        ledger_head,
        &SystemRandom::new(),
    )?;
    let at = now.corrected();
    let store = &session.store;
    store.write(|tx| {
        let seq = store.insert_outbox(tx, &sealed.summary, &sealed.envelope, at.timestamp_millis())?;
        if let Some(media) = &sealed.media_envelope {
            store.insert_media(tx, draft.id, seq, media)?;
        }
        ledger::append(
            store,
            tx,
            at,
            LedgerEvent::CheckinSubmitted {
                summary: sealed.summary.clone(),
            },
        )?;
        store.delete_draft(tx, draft.id)
    })?;
    Ok(sealed.summary)
}
