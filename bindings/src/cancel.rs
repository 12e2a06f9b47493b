//! Cancelling a running operation from any thread.
//!
//! Kotlin cancels a `suspend` call by cancelling its coroutine, which drops
//! the Rust future; Swift's generated `async` functions do not forward task
//! cancellation. A `Cancellation` works in both: pass it to the operation and
//! call `cancel()` (from Swift, e.g. in `withTaskCancellationHandler`).

use tokio::sync::watch;

/// A one-way switch that cancels the operations it was passed to.
#[derive(uniffi::Object)]
pub struct Cancellation {
    cancelled: watch::Sender<bool>,
}

impl Default for Cancellation {
    fn default() -> Self {
        Self {
            cancelled: watch::Sender::new(false),
        }
    }
}

#[uniffi::export]
impl Cancellation {
    /// A switch that is not cancelled yet.
    #[uniffi::constructor]
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels every operation holding this switch; they end with `Cancelled`.
    pub fn cancel(&self) {
        self.cancelled.send_replace(true);
    }

    /// Whether `cancel()` was called.
    pub fn is_cancelled(&self) -> bool {
        *self.cancelled.borrow()
    }
}

impl Cancellation {
    /// Completes when `cancel()` is called (at once if it already was).
    pub(crate) async fn cancelled(&self) {
        let mut receiver = self.cancelled.subscribe();
        // The sender lives in `self`, so waiting cannot fail.
        let _ = receiver.wait_for(|cancelled| *cancelled).await;
    }
}
