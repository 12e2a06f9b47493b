//! Listeners the shells implement to follow long operations, and the
//! adapters that hand them to the core.

use std::sync::Arc;

use crate::{ListenerError, SyncProgress};

/// Told about progress while a sync runs, on a library thread: hop to the
/// UI thread yourself. A thrown error is ignored; it never stops the sync.
#[uniffi::export(foreign)]
pub trait SyncListener: Send + Sync {
    fn on_progress(&self, progress: SyncProgress) -> Result<(), ListenerError>;
}

/// The shell's listener as the core's trait.
pub(crate) struct ForeignSyncListener(pub(crate) Arc<dyn SyncListener>);

impl checkin_core::SyncListener for ForeignSyncListener {
    fn on_progress(&self, progress: checkin_core::SyncProgress) {
        // A listener's failure is the shell's display problem, not the
        // delivery's: ignore it (see `ListenerError`).
        let _ = self.0.on_progress(progress.into());
    }
}
