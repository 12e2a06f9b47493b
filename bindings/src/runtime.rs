//! The tokio runtime the facade owns, and how async facade calls run on it.
//!
//! Every async call spawns its work on this runtime and awaits the join
//! handle, which needs no reactor, so the foreign executor (a Kotlin
//! coroutine dispatcher, a Swift task) only waits. Dropping the awaiting
//! future (Kotlin cancels the coroutine) aborts the spawned task, so work
//! never outlives its caller. A panic in the task becomes `Internal`.

use std::future::Future;
use std::sync::OnceLock;

use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

use crate::CheckinError;

/// Worker threads: the work is network- and disk-bound, and phones are
/// shared with the UI, so two are enough.
const WORKER_THREADS: usize = 2;

static RUNTIME: OnceLock<Option<Runtime>> = OnceLock::new();

/// The facade's runtime, built on first use.
pub(crate) fn runtime() -> Result<&'static Runtime, CheckinError> {
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(WORKER_THREADS)
                .thread_name("checkin-core")
                .enable_all()
                .build()
                .ok()
        })
        .as_ref()
        .ok_or_else(|| CheckinError::Internal {
            reason: "could not start the async runtime".into(),
        })
}

/// Runs `work` on the facade's runtime and waits for it; aborts it if the
/// caller stops waiting.
pub(crate) async fn run<T, F>(work: F) -> Result<T, CheckinError>
where
    T: Send + 'static,
    F: Future<Output = Result<T, CheckinError>> + Send + 'static,
{
    let mut task = AbortOnDrop(runtime()?.spawn(work));
    match (&mut task.0).await {
        Ok(result) => result,
        Err(join) if join.is_cancelled() => Err(CheckinError::Cancelled),
        Err(_) => Err(CheckinError::Internal {
            reason: "a background task panicked".into(),
        }),
    }
}

struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs blocking `work` (SQLite, image decoding, sealing) on the runtime's
/// blocking pool and waits for it, so `suspend`/`async` callers never block
/// their own thread. Blocking work cannot be aborted; it finishes even if
/// the caller stops waiting (each such step is one transaction in the core).
pub(crate) async fn run_blocking<T, F>(work: F) -> Result<T, CheckinError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, CheckinError> + Send + 'static,
{
    match runtime()?.spawn_blocking(work).await {
        Ok(result) => result,
        Err(join) if join.is_cancelled() => Err(CheckinError::Cancelled),
        Err(_) => Err(CheckinError::Internal {
            reason: "a background task panicked".into(),
        }),
    }
}
