//! Opening the client for a shell that renders the core's screens: the
//! client, or the one screen to show instead (docs/screens.md, "When the
//! client cannot open"). Why it cannot open is decided from the core's own
//! error before it is flattened into `CheckinError`, so no shell has to
//! read an error's message to tell a locked phone from a lost key.

use std::sync::Arc;

use checkin_core::{Screen, SystemClock, Unavailable};

use crate::key_store::ForeignKeyStore;
use crate::{CheckinClient, ClientConfig, KeyStore};

/// What opening gave.
// Made once per app start and lowered into a buffer for the foreign side
// at once, so the size of the screen inline costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(uniffi::Enum)]
pub enum Opening {
    /// The client is open: render its screens.
    Opened { client: Arc<CheckinClient> },
    /// It is not: show `screen`, in the language of `config.locale`. Its
    /// one action is answered by the shell: `open_for_screens` again, with
    /// `after_key_loss` true when `reason` is `KeyLost` (the check-ins
    /// still waiting are kept for the next enrollment; the rest, which the
    /// lost key sealed, is deleted).
    /// `detail` is the core's error, for a log or a bug report (it never
    /// carries personal data); the participant sees `screen`.
    CannotOpen {
        reason: Unavailable,
        screen: Screen,
        detail: String,
    },
}

/// Opens the client in `config.data_dir` as `CheckinClient.open` does, or
/// as `CheckinClient.openAfterKeyLoss` does with `after_key_loss`, and
/// answers with the client or with the screen that says why it cannot.
#[uniffi::export]
pub fn open_for_screens(
    config: ClientConfig,
    key_store: Arc<dyn KeyStore>,
    after_key_loss: bool,
) -> Opening {
    let locale = config.locale.clone();
    let key_store = ForeignKeyStore(key_store);
    let opened = if after_key_loss {
        checkin_core::CheckinClient::open_after_key_loss(
            config.into(),
            &key_store,
            Arc::new(SystemClock),
        )
    } else {
        checkin_core::CheckinClient::open(config.into(), &key_store, Arc::new(SystemClock))
    };
    match opened {
        Ok(inner) => Opening::Opened {
            client: Arc::new(CheckinClient {
                inner: Arc::new(inner),
            }),
        },
        Err(error) => {
            let reason = Unavailable::of(&error);
            Opening::CannotOpen {
                reason,
                screen: checkin_core::unavailable_screen(&locale, reason),
                detail: error.to_string(),
            }
        }
    }
}
