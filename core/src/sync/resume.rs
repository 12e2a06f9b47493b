//! Sending one envelope: resumably when the program's server offers upload
//! sessions (docs/protocol.md, "Resumable uploads"), whole otherwise. The
//! delivery loop (`deliver.rs`) gets the same [`SendOutcome`] either way,
//! so the queue's rules (receipts, retries, wedging) do not change.
//!
//! Resumable, one envelope goes like this:
//! 1. Ask the server what it holds (`GET`) only when an earlier attempt may
//!    have left something there: an upload recorded open in the store, or
//!    an attempt before this one. A first attempt appends at once, so on a
//!    good link a check-in costs one request, as a whole upload does.
//! 2. Record the upload open (before a byte goes), then append from where
//!    the server's bytes end. A stored envelope's receipt may come back at
//!    either step: a lost answer is recovered without sending it again.
//! 3. When the connection breaks mid-append, pause briefly and go back to
//!    1: the server kept what arrived. Keep going while each try moves the
//!    server's offset; after [`STALLED_TRIES`] tries that moved nothing,
//!    hand the failure to the loop (it backs off as for a whole upload).
//! 4. Whatever the server says that is not about the upload itself (a
//!    receipt, a refusal of the check-in, a clock to correct, a pin
//!    mismatch, a busy server) is the outcome, as for a whole upload. A
//!    server that stopped offering uploads, or refuses our upload headers,
//!    gets the envelope whole (and, for the first, is not asked again
//!    until it offers them anew).
//!
//! Idempotent as a whole upload is: the upload is named by the envelope's
//! digest, and completes into the same intake keyed by the check-in id.

use std::time::Duration;

use super::deliver::{Delivery, Prepared};
use super::lane::LaneWire;
use crate::net::reply::SendOutcome;
use crate::net::upload::{Appended, Held};
use crate::store::UploadResume;

/// Tries in a row that moved the server's offset by nothing before the
/// failure goes to the queue's backoff.
pub(super) const STALLED_TRIES: u32 = 3;
/// Pause after a broken connection before the next try (a reset cell
/// comes back within about a second; see the network lab).
const PAUSE_AFTER_BREAK: Duration = Duration::from_millis(1_000);
/// Times the server may name another offset in a row before the device
/// stops believing it (a server bug must not keep it busy forever).
const MAX_OFFSET_CORRECTIONS: u32 = 3;

/// Where the next append starts.
enum Next {
    /// Ask the server first.
    Ask,
    At(u64),
}

impl Delivery<'_> {
    /// Sends `item`: resumably when the server offers it, else whole.
    pub(super) async fn send(&self, item: &Prepared) -> SendOutcome {
        let offer = match self.session.store.upload_offer() {
            Ok(offer) => offer,
            Err(e) => return transient(e.to_string()),
        };
        match offer {
            Some(offer) => self.send_resumable(item, offer.expires_after_s).await,
            None => self.send_whole(item).await,
        }
    }

    async fn send_whole(&self, item: &Prepared) -> SendOutcome {
        self.api
            .post_envelope(
                item.lane.path(),
                &self.signer(),
                item.checkin_id,
                &item.envelope,
                &item.digest,
            )
            .await
    }

    async fn send_resumable(&self, item: &Prepared, expires_after_s: u64) -> SendOutcome {
        let store = &self.session.store;
        let (lane, id) = (item.lane, item.checkin_id);
        let recorded = match store.upload_resume(lane, id) {
            Ok(r) => r,
            Err(e) => return transient(e.to_string()),
        };
        // The server forgets an unfinished upload `expires_after_s` after
        // its last append; past that, asking is a wasted request.
        let expiry_ms = i64::try_from(expires_after_s.saturating_mul(1_000)).unwrap_or(i64::MAX);
        let fresh = recorded.is_some_and(|r| self.now_ms() - r.touched_at_ms < expiry_ms);
        let mut next = if fresh || item.attempts > 1 {
            Next::Ask
        } else {
            Next::At(0)
        };
        let mut best = recorded.map_or(0, |r| r.acknowledged);
        let (mut stalled, mut corrections, mut discarded) = (0, 0, false);
        loop {
            let offset = match next {
                Next::At(offset) => offset,
                Next::Ask => match self.api.upload_held(lane.path(), &self.signer(), &item.digest).await {
                    Held::Nothing => 0,
                    Held::Part { offset } => offset,
                    Held::Stored(receipt) => return self.finished(item, SendOutcome::Accepted(receipt)),
                    Held::NotOffered => return self.whole_after_all(item, true).await,
                    Held::Failed(SendOutcome::Transient { reason, .. }) if stalled + 1 < STALLED_TRIES => {
                        // The question itself was cut: try again shortly.
                        stalled += 1;
                        tracing::debug!(%reason, "asking how far an upload got failed");
                        tokio::time::sleep(PAUSE_AFTER_BREAK).await;
                        continue;
                    }
                    Held::Failed(outcome) => return outcome,
                },
            };
            if offset > best {
                best = offset;
                stalled = 0;
            }
            let open = UploadResume {
                acknowledged: offset,
                touched_at_ms: self.now_ms(),
            };
            if let Err(e) = store.set_upload_resume(lane, id, open) {
                return transient(e.to_string());
            }
            let appended = self
                .api
                .upload_append(lane.path(), &self.signer(), id, &item.envelope, &item.digest, offset)
                .await;
            match appended {
                Appended::Done(outcome) => return self.finished(item, outcome),
                Appended::Part { offset: held } => {
                    // The server took part of what was sent (the body was
                    // cut, or a server takes less): go on from its offset,
                    // unless nothing at all got through.
                    if held <= offset {
                        stalled += 1;
                        if stalled >= STALLED_TRIES {
                            return transient("the upload makes no progress".into());
                        }
                        tokio::time::sleep(PAUSE_AFTER_BREAK).await;
                    }
                    next = Next::At(held);
                }
                Appended::Elsewhere { offset } if corrections < MAX_OFFSET_CORRECTIONS => {
                    corrections += 1;
                    next = Next::At(offset);
                }
                Appended::Elsewhere { .. } => return transient("the server's upload offset keeps moving".into()),
                Appended::Discarded if !discarded => {
                    discarded = true;
                    best = 0;
                    next = Next::At(0);
                }
                Appended::Discarded => return self.whole_after_all(item, false).await,
                Appended::NotOffered => return self.whole_after_all(item, true).await,
                Appended::Lost { reason } => {
                    stalled += 1;
                    if stalled >= STALLED_TRIES {
                        return transient(reason);
                    }
                    tokio::time::sleep(PAUSE_AFTER_BREAK).await;
                    next = Next::Ask;
                }
                Appended::Failed(outcome) => return outcome,
            }
        }
    }

    /// The upload is over: its record goes (a failure to delete it costs
    /// one question next time, nothing else).
    fn finished(&self, item: &Prepared, outcome: SendOutcome) -> SendOutcome {
        if let Err(e) = self.session.store.clear_upload_resume(item.lane, item.checkin_id) {
            tracing::warn!(error = %e, "an upload's record stays");
        }
        outcome
    }

    /// The server does not take this upload: the envelope goes whole. With
    /// `forget_offer` (it has no upload routes, or refuses our upload
    /// headers), the next envelopes go whole too until the server's next
    /// plan answer offers uploads again. The plan's tag is forgotten with
    /// the offer: the tag names the offer too, so a server that still
    /// offers uploads (the refusal was a proxy's, say) would otherwise
    /// answer 304 and never say so again.
    async fn whole_after_all(&self, item: &Prepared, forget_offer: bool) -> SendOutcome {
        if forget_offer {
            let store = &self.session.store;
            if let Err(e) = store.set_upload_offer(None).and_then(|()| store.set_plan_etag(None)) {
                tracing::warn!(error = %e, "the upload offer stays");
            }
        }
        let outcome = self.send_whole(item).await;
        self.finished(item, outcome)
    }
}

fn transient(reason: String) -> SendOutcome {
    SendOutcome::Transient {
        reason,
        retry_after: None,
    }
}
