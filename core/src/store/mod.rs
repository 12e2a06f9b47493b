//! The device's local store: SQLite (bundled) in WAL mode, one writer and
//! one reader connection, every personal field sealed under the storage key.
//!
//! Guarantees:
//! - The storage key exists on disk only wrapped by the platform
//!   [`KeyStore`]; a wrong or missing key is a typed error, never garbage.
//!   Envelopes waiting to be delivered are kept as they go on the wire
//!   (sealed to the program, signed), not under the storage key, so a lost
//!   platform key leaves them deliverable (`key_loss.rs`).
//! - Each sealed value is bound to its table, column and row.
//! - `synchronous = FULL`: a call that returned has reached the disk (the one
//!   exception, `write_advisory`, is for marks whose loss is harmless).
//! - Deleted pages are overwritten (`secure_delete`), temporary data stays
//!   in memory (`temp_store`), so sealed payloads leave no plaintext behind.
//! - A full disk is reported as [`StoreError::DiskFull`] and the failed
//!   transaction leaves earlier data untouched.

mod documents;
mod drafts;
mod enrollment;
mod key_loss;
mod ledger_rows;
mod media_outbox;
mod outbox;
mod queue;
pub mod schema;
mod uploads;

pub use documents::DocumentName;
pub use drafts::StoredDraft;
pub use enrollment::EnrollmentRecord;
pub use key_loss::RecordLoss;
pub use ledger_rows::LedgerHead;
pub use media_outbox::MediaItem;
pub use outbox::OutboxItem;
pub use queue::{Lane, OutboxState, QueueItem};
pub use uploads::UploadResume;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, ffi};

use crate::crypto::{
    CryptoError,
    at_rest::{Binding, StorageCipher},
    keystore::{KeyStore, KeyStoreError},
};

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "checkin.sqlite";
const KEY_CHECK_PLAINTEXT: &[u8] = b"checkin-storage-key-check-v1";
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Checkpoint the WAL every this many pages (~800 KB), and cut it back to
/// [`WAL_SIZE_LIMIT`] afterwards: phones run short of storage, and a WAL
/// left at its high-water mark holds space the queue may need.
const WAL_AUTOCHECKPOINT_PAGES: u32 = 200;
const WAL_SIZE_LIMIT: u32 = 512 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the device storage is full")]
    DiskFull,
    #[error(
        "the database was written by a newer version (schema {found}, this build supports {supported})"
    )]
    TooNew { found: u32, supported: u32 },
    #[error("the storage key could not be unwrapped: {0}")]
    KeyUnavailable(KeyStoreError),
    #[error("the storage key does not open this database")]
    WrongStorageKey,
    #[error("stored data failed its integrity check: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ffi::ErrorCode::DiskFull) => StoreError::DiskFull,
            _ => StoreError::Sqlite(e),
        }
    }
}

impl From<CryptoError> for StoreError {
    fn from(e: CryptoError) -> Self {
        match e {
            CryptoError::Undecryptable => StoreError::Corrupt("a sealed value did not open".into()),
            CryptoError::KeyStore(k) => StoreError::KeyUnavailable(k),
            other => StoreError::Corrupt(other.to_string()),
        }
    }
}

/// The open store.
pub struct Store {
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
    cipher: StorageCipher,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

impl Store {
    /// Opens (or creates) the store in `dir`, unwrapping the storage key
    /// with `key_store`.
    pub fn open(dir: &Path, key_store: &dyn KeyStore) -> Result<Self, StoreError> {
        let (mut writer, path) = connect(dir)?;
        let cipher = load_or_create_key(&mut writer, key_store)?;
        let store = Self::with_cipher(writer, cipher, path)?;
        // What an earlier version kept only under the storage key, and a
        // lost platform key would take with it: the envelopes waiting to be
        // sent, and the device's public key (to be linked again).
        store.unseal_waiting_envelopes()?;
        store.record_device_public_key()?;
        Ok(store)
    }

    /// The store over a migrated `writer`, with its reader.
    fn with_cipher(
        writer: Connection,
        cipher: StorageCipher,
        path: PathBuf,
    ) -> Result<Self, StoreError> {
        let reader = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&reader)?;
        Ok(Self {
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
            cipher,
            path,
        })
    }

    /// The database file.
    #[cfg(any(test, feature = "internals"))]
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn writer(&self) -> MutexGuard<'_, Connection> {
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn reader(&self) -> MutexGuard<'_, Connection> {
        self.reader.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn seal(
        &self,
        table: &str,
        column: &str,
        row: &str,
        plain: &[u8],
    ) -> Result<Vec<u8>, StoreError> {
        Ok(self.cipher.seal(Binding { table, column, row }, plain)?)
    }

    pub(crate) fn open_value(
        &self,
        table: &str,
        column: &str,
        row: &str,
        sealed: &[u8],
    ) -> Result<Vec<u8>, StoreError> {
        self.cipher
            .open(Binding { table, column, row }, sealed)
            .map_err(|_| StoreError::Corrupt(format!("{table}.{column} of row {row} did not open")))
    }

    pub(crate) fn seal_json<T: serde::Serialize>(
        &self,
        table: &str,
        column: &str,
        row: &str,
        value: &T,
    ) -> Result<Vec<u8>, StoreError> {
        let plain = serde_json::to_vec(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.seal(table, column, row, &plain)
    }

    pub(crate) fn open_json<T: serde::de::DeserializeOwned>(
        &self,
        table: &str,
        column: &str,
        row: &str,
        sealed: &[u8],
    ) -> Result<T, StoreError> {
        let plain = self.open_value(table, column, row, sealed)?;
        serde_json::from_slice(&plain)
            .map_err(|e| StoreError::Corrupt(format!("{table}.{column}: {e}")))
    }

    /// Copies the WAL into the database and empties it, so pages rewritten
    /// by deletions (overwritten there by `secure_delete`) leave no older
    /// copy in the WAL. Best effort: returns false if a reader kept it from
    /// finishing (the next checkpoint does it).
    pub fn checkpoint_truncate(&self) -> Result<bool, StoreError> {
        let busy: i64 = self
            .writer()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// SQLite's own integrity check ("ok" when sound).
    #[cfg(any(test, feature = "internals"))]
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .reader()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// Opens the writer connection on the database in `dir` (created if
/// needed) and brings it to the current schema.
fn connect(dir: &Path) -> Result<(Connection, PathBuf), StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(&e))?;
    let path = dir.join(DB_FILE);
    let mut writer = Connection::open(&path)?;
    // Pragmas that change the journal must run outside a transaction.
    let mode: String = writer.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!("journal mode {mode}")));
    }
    configure(&writer)?;
    writer.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
    writer.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
    schema::migrate(&mut writer)?;
    Ok((writer, path))
}

fn io_error(e: &std::io::Error) -> StoreError {
    // ENOSPC surfaces here when even the directory cannot be made.
    if e.raw_os_error() == Some(28) {
        StoreError::DiskFull
    } else {
        StoreError::Corrupt(format!("cannot create the data directory: {e}"))
    }
}

/// Where the value that proves the storage key opens the store lives.
const KEY_CHECK: Binding<'static> = Binding {
    table: "meta",
    column: "value",
    row: "key_check",
};

impl Store {
    /// Stores the wrapped storage key and its check, inside `tx`.
    fn insert_key(&self, tx: &rusqlite::Transaction<'_>, wrapped: &[u8]) -> Result<(), StoreError> {
        insert_key(tx, wrapped, &self.cipher)
    }
}

fn insert_key(
    tx: &rusqlite::Transaction<'_>,
    wrapped: &[u8],
    cipher: &StorageCipher,
) -> Result<(), StoreError> {
    let check = cipher.seal(KEY_CHECK, KEY_CHECK_PLAINTEXT)?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('storage_key', ?1)",
        [wrapped],
    )?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('key_check', ?1)",
        [&check],
    )?;
    Ok(())
}

/// Reads the wrapped storage key, or makes one for a new store.
fn load_or_create_key(
    conn: &mut Connection,
    key_store: &dyn KeyStore,
) -> Result<StorageCipher, StoreError> {
    let wrapped: Option<Vec<u8>> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'storage_key'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match wrapped {
        Some(wrapped) => {
            let key = zeroize::Zeroizing::new(key_store.unwrap(&wrapped).map_err(|e| match e {
                KeyStoreError::WrongKey => StoreError::WrongStorageKey,
                other => StoreError::KeyUnavailable(other),
            })?);
            let cipher = StorageCipher::new(&key).map_err(|_| StoreError::WrongStorageKey)?;
            let check: Vec<u8> = conn
                .query_row("SELECT value FROM meta WHERE key = 'key_check'", [], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| StoreError::Corrupt("the key check is missing".into()))?;
            match cipher.open(KEY_CHECK, &check) {
                Ok(plain) if plain == KEY_CHECK_PLAINTEXT => Ok(cipher),
                _ => Err(StoreError::WrongStorageKey),
            }
        }
        None => {
            let key = StorageCipher::generate_key()?;
            let wrapped = key_store
                .wrap(key.as_ref())
                .map_err(StoreError::KeyUnavailable)?;
            let cipher = StorageCipher::new(key.as_ref())?;
            let tx = conn.transaction()?;
            insert_key(&tx, &wrapped, &cipher)?;
            tx.commit()?;
            Ok(cipher)
        }
    }
}

impl Store {
    /// Runs `f` in one write transaction: all of it is stored, or none.
    /// Runs one statement whose loss in a crash is harmless (an advisory
    /// mark such as `sending`: an item that lost it is still queued and is
    /// sent again), without waiting for the disk. Every other write keeps
    /// `synchronous = FULL`, restored before the writer is released.
    pub(crate) fn write_advisory(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<usize, StoreError> {
        let conn = self.writer();
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let result = conn.execute(sql, params);
        conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(result?)
    }

    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::keystore::SoftwareKeyStore;

    #[test]
    fn reopening_with_the_same_key_store_works() {
        let dir = tempfile::tempdir().expect("dir");
        let ks = SoftwareKeyStore::random().expect("ks");
        drop(Store::open(dir.path(), &ks).expect("create"));
        let store = Store::open(dir.path(), &ks).expect("reopen");
        assert_eq!(store.integrity_check().expect("check"), "ok");
    }

    #[test]
    fn another_key_store_gets_a_typed_error() {
        let dir = tempfile::tempdir().expect("dir");
        drop(Store::open(dir.path(), &SoftwareKeyStore::random().expect("ks")).expect("create"));
        let err = Store::open(dir.path(), &SoftwareKeyStore::random().expect("ks"))
            .expect_err("wrong key");
        assert!(matches!(err, StoreError::WrongStorageKey), "{err:?}");
    }

    struct MissingKey;
    impl KeyStore for MissingKey {
        fn wrap(&self, _: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
            Err(KeyStoreError::KeyMissing)
        }
        fn unwrap(&self, _: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
            Err(KeyStoreError::KeyMissing)
        }
    }

    #[test]
    fn a_missing_platform_key_gets_a_typed_error() {
        let dir = tempfile::tempdir().expect("dir");
        drop(Store::open(dir.path(), &SoftwareKeyStore::random().expect("ks")).expect("create"));
        let err = Store::open(dir.path(), &MissingKey).expect_err("missing");
        assert!(
            matches!(err, StoreError::KeyUnavailable(KeyStoreError::KeyMissing)),
            "{err:?}"
        );
    }
}
