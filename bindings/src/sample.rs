//! Phase-1 sample facade: every kind of thing the real facade exports
//! (object, record, enum, flat error, foreign trait both ways, async work on
//! the owned runtime, cancellation, listener callbacks), small enough to
//! prove the Kotlin and Swift toolchains before the core's client API lands.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::{Cancellation, CheckinError, KeyStore, runtime};

/// Largest item the sample vault accepts.
const MAX_ITEM_BYTES: usize = 8 * 1024 * 1024;

/// What kind of bytes an item holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SampleKind {
    Photo,
    Recording,
}

/// One item sealed in the vault.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SampleItem {
    /// Position in the vault, from 0.
    pub index: u32,
    pub kind: SampleKind,
    /// Size of the plaintext in bytes.
    pub plain_len: u64,
    /// Size after the key store wrapped it.
    pub wrapped_len: u64,
}

/// Told about the progress of a long operation.
#[uniffi::export(foreign)]
pub trait ProgressListener: Send + Sync {
    /// `done` of `total` steps are finished.
    fn on_progress(&self, done: u32, total: u32);
}

/// Holds items wrapped by a shell's key store.
#[derive(uniffi::Object)]
pub struct SampleVault {
    key_store: Arc<dyn KeyStore>,
    items: Mutex<Vec<(SampleKind, Vec<u8>)>>,
}

#[uniffi::export]
impl SampleVault {
    /// An empty vault whose items are wrapped by `key_store`.
    #[uniffi::constructor]
    pub fn new(key_store: Arc<dyn KeyStore>) -> Arc<Self> {
        Arc::new(Self {
            key_store,
            items: Mutex::new(Vec::new()),
        })
    }

    /// Wraps `bytes` with the key store and keeps them.
    pub fn put(&self, kind: SampleKind, bytes: Vec<u8>) -> Result<SampleItem, CheckinError> {
        if bytes.is_empty() || bytes.len() > MAX_ITEM_BYTES {
            return Err(CheckinError::InvalidInput {
                reason: format!("an item must hold 1 to {MAX_ITEM_BYTES} bytes"),
            });
        }
        let plain_len = bytes.len() as u64;
        let wrapped = self.key_store.wrap(bytes)?;
        let wrapped_len = wrapped.len() as u64;
        let mut items = self.lock();
        items.push((kind, wrapped));
        Ok(SampleItem {
            index: (items.len() - 1) as u32,
            kind,
            plain_len,
            wrapped_len,
        })
    }

    /// Reads the file at `path` and puts its bytes, as the real facade will
    /// accept photos either as bytes or as a path.
    pub fn put_file(&self, kind: SampleKind, path: String) -> Result<SampleItem, CheckinError> {
        let bytes = std::fs::read(&path).map_err(|error| CheckinError::InvalidInput {
            reason: format!("cannot read the file: {}", error.kind()),
        })?;
        self.put(kind, bytes)
    }

    /// Unwraps and returns item `index`.
    pub fn get(&self, index: u32) -> Result<Vec<u8>, CheckinError> {
        let wrapped = self
            .lock()
            .get(index as usize)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| CheckinError::InvalidInput {
                reason: "no item at that index".into(),
            })?;
        Ok(self.key_store.unwrap(wrapped)?)
    }

    /// Number of items held.
    pub fn len(&self) -> u32 {
        self.lock().len() as u32
    }

    /// Whether the vault holds nothing.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// Counts `steps` steps of `step_millis` each on the facade's runtime,
    /// telling `listener` after each, until done or `cancellation` fires.
    pub async fn count(
        &self,
        steps: u32,
        step_millis: u32,
        listener: Arc<dyn ProgressListener>,
        cancellation: Arc<Cancellation>,
    ) -> Result<u32, CheckinError> {
        runtime::run(async move {
            for done in 1..=steps {
                tokio::select! {
                    _ = cancellation.cancelled() => return Err(CheckinError::Cancelled),
                    _ = tokio::time::sleep(Duration::from_millis(step_millis.into())) => {}
                }
                listener.on_progress(done, steps);
            }
            Ok(steps)
        })
        .await
    }
}

impl SampleVault {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(SampleKind, Vec<u8>)>> {
        // A panic while holding the lock leaves the Vec intact; keep going.
        self.items
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Adds two numbers after `delay_millis` on the facade's runtime.
#[uniffi::export]
pub async fn add_later(a: u64, b: u64, delay_millis: u32) -> Result<u64, CheckinError> {
    runtime::run(async move {
        tokio::time::sleep(Duration::from_millis(delay_millis.into())).await;
        a.checked_add(b).ok_or_else(|| CheckinError::InvalidInput {
            reason: "the sum overflows".into(),
        })
    })
    .await
}
