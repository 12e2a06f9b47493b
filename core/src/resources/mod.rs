//! The program's resources for the participant, kept on the phone: the
//! directory of community services and the case document. Both are
//! fetched at the end of a sync (after every check-in is delivered), kept
//! sealed in the store, and read from there with no network at all.
//!
//! Guarantees:
//! - A document is stored only if the program's signature verifies under
//!   the key pinned at enrollment, it reads whole (`Catalog::import`,
//!   `CaseDocument::from_json`), its revision is the one signed and newer
//!   than the one held: a bad or older document never replaces a good one.
//! - Each stored revision gets a ledger entry in the same transaction,
//!   saying what changed in the participant's words.
//! - On a metered network the directory is fetched only while the phone
//!   has none (it can be megabytes); the case document always.
//! - Searching, reading a service and saving one (`saved.rs`) touch
//!   neither the network nor the ledger: searches live in memory only,
//!   saved services are sealed in the store and never sent.

mod saved;

pub(crate) use saved::{save, saved, unsave};

use std::sync::Arc;

use tokio::time::Instant;

use crate::case::{CaseChange, CaseDocument, MAX_CASE_BYTES};
use crate::directory::{Catalog, DirectoryChanges, MAX_DOCUMENT_BYTES};
use crate::error::Result;
use crate::i18n::Localizer;
use crate::ledger::{self, LedgerEvent};
use crate::net::http::{Api, DocumentReply, Signer};
use crate::protocol::document::{self, DocumentKind};
use crate::session::{Enrolled, Session};
use crate::store::{DocumentName, StoreError};

/// What one refresh stored.
#[derive(Debug, Default)]
pub(crate) struct Refreshed {
    pub directory_updated: bool,
    pub case_updated: bool,
    /// What was refused, if anything (the stored documents stay).
    pub errors: Vec<String>,
}

/// Fetches and stores a newer directory and case document, if any, until
/// `deadline`.
pub(crate) async fn refresh(
    session: &Session,
    api: &Api,
    enrolled: &Enrolled,
    unmetered: bool,
    deadline: Instant,
) -> Result<Refreshed> {
    let mut out = Refreshed::default();
    let l = session.localizer()?;
    let fetch = |kind, have, max| {
        let signer = Signer {
            key: &enrolled.device_key,
            device_id: enrolled.record.device_id,
            now_ms: session.now().corrected().timestamp_millis(),
        };
        async move { api.document(&signer, kind, have, max).await }
    };
    // A stored document that no longer reads is replaced, not kept forever.
    let held_case = case(session).ok().flatten();
    let reply = tokio::time::timeout_at(
        deadline,
        fetch(DocumentKind::Case, held_case.as_ref().map(|c| c.revision), MAX_CASE_BYTES),
    )
    .await;
    match reply {
        Ok(Ok(reply)) => match store_case(session, enrolled, held_case.as_ref(), reply, &l) {
            Ok(updated) => out.case_updated = updated,
            Err(why) => out.errors.push(format!("case: {why}")),
        },
        Ok(Err(e)) => out.errors.push(format!("case: {e}")),
        Err(_) => return Ok(out),
    }
    let held = directory_revision(session)?;
    if !unmetered && held.is_some() {
        return Ok(out);
    }
    let reply = tokio::time::timeout_at(
        deadline,
        fetch(DocumentKind::Directory, held, MAX_DOCUMENT_BYTES),
    )
    .await;
    match reply {
        Ok(Ok(reply)) => match store_directory(session, enrolled, held, reply, &l) {
            Ok(updated) => out.directory_updated = updated,
            Err(why) => out.errors.push(format!("directory: {why}")),
        },
        Ok(Err(e)) => out.errors.push(format!("directory: {e}")),
        Err(_) => {}
    }
    Ok(out)
}

/// Why a document was not stored.
enum Refused {
    Why(String),
    Store(StoreError),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Why(why) => f.write_str(why),
            Refused::Store(e) => write!(f, "{e}"),
        }
    }
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Self {
        Refused::Store(e)
    }
}

fn why(e: impl std::fmt::Display) -> Refused {
    Refused::Why(e.to_string())
}

/// The checks every signed document passes before it is read.
fn signed(
    enrolled: &Enrolled,
    kind: DocumentKind,
    held: Option<u64>,
    reply: DocumentReply,
) -> std::result::Result<Option<(Vec<u8>, u64)>, Refused> {
    let DocumentReply::New {
        body,
        revision,
        signature,
    } = reply
    else {
        return Ok(None);
    };
    document::verify(&enrolled.receipt_key, kind, revision, &body, &signature).map_err(why)?;
    if held.is_some_and(|h| revision <= h) {
        // An older or the same revision (a cache behind the program):
        // nothing to store, nothing wrong.
        return Ok(None);
    }
    Ok(Some((body, revision)))
}

fn store_directory(
    session: &Session,
    enrolled: &Enrolled,
    held: Option<u64>,
    reply: DocumentReply,
    l: &Localizer,
) -> std::result::Result<bool, Refused> {
    let Some((body, revision)) = signed(enrolled, DocumentKind::Directory, held, reply)? else {
        return Ok(false);
    };
    let catalog = Catalog::import(&body).map_err(why)?;
    if catalog.revision != revision {
        return Err(why("the signed revision is not the document's"));
    }
    let old = catalog_of(session).ok().flatten();
    let changes = DirectoryChanges::between(old.as_deref(), &catalog).describe(l);
    let at = session.now().corrected();
    let store = &session.store;
    store.write(|tx| {
        let ms = at.timestamp_millis();
        store.put_document(tx, DocumentName::Directory, &body, ms)?;
        store.put_document(tx, DocumentName::DirectoryRevision, revision.to_string().as_bytes(), ms)?;
        ledger::append(
            store,
            tx,
            at,
            LedgerEvent::DirectoryReceived {
                revision,
                services: catalog.services.len() as u32,
                changes,
            },
        )?;
        Ok(())
    })?;
    if let Some(stamp) = store.document_stamp(DocumentName::Directory)? {
        *session.directory.catalog.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((stamp, Arc::new(catalog)));
    }
    Ok(true)
}

fn store_case(
    session: &Session,
    enrolled: &Enrolled,
    held: Option<&CaseDocument>,
    reply: DocumentReply,
    l: &Localizer,
) -> std::result::Result<bool, Refused> {
    let held_revision = held.map(|c| c.revision);
    let Some((body, revision)) = signed(enrolled, DocumentKind::Case, held_revision, reply)? else {
        return Ok(false);
    };
    let new = CaseDocument::from_json(&body).map_err(why)?;
    if new.revision != revision {
        return Err(why("the signed revision is not the document's"));
    }
    let changes = CaseChange::between(held, &new)
        .iter()
        .map(|c| c.describe(l))
        .collect();
    let at = session.now().corrected();
    let store = &session.store;
    store.write(|tx| {
        store.put_document(tx, DocumentName::Case, &body, at.timestamp_millis())?;
        ledger::append(store, tx, at, LedgerEvent::CaseReceived { revision, changes })?;
        Ok(())
    })?;
    Ok(true)
}

/// The revision of the directory held, if any.
fn directory_revision(session: &Session) -> Result<Option<u64>> {
    Ok(session
        .store
        .document(DocumentName::DirectoryRevision)?
        .and_then(|b| std::str::from_utf8(&b).ok()?.trim().parse().ok()))
}

/// The directory held, imported once and kept in memory until the stored
/// one changes (even by another process).
pub(crate) fn catalog_of(session: &Session) -> Result<Option<Arc<Catalog>>> {
    let Some(stamp) = session.store.document_stamp(DocumentName::Directory)? else {
        return Ok(None);
    };
    let mut cached = session.directory.catalog.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((s, c)) = cached.as_ref()
        && *s == stamp
    {
        return Ok(Some(c.clone()));
    }
    let Some(bytes) = session.store.document(DocumentName::Directory)? else {
        return Ok(None);
    };
    let catalog = Arc::new(
        Catalog::import(&bytes).map_err(|e| StoreError::Corrupt(format!("directory: {e}")))?,
    );
    *cached = Some((stamp, catalog.clone()));
    Ok(Some(catalog))
}

/// The case document held, if any.
pub(crate) fn case(session: &Session) -> Result<Option<CaseDocument>> {
    let Some(bytes) = session.store.document(DocumentName::Case)? else {
        return Ok(None);
    };
    Ok(Some(
        CaseDocument::from_json(&bytes).map_err(|e| StoreError::Corrupt(e.to_string()))?,
    ))
}
