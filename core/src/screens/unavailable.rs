//! The one screen a shell shows when the client cannot open: why, in the
//! participant's words, and the one thing to do about it.
//!
//! There is no client to `perform` its action, so the shell answers it
//! (docs/screens.md, "When the client cannot open"): it opens the client
//! again, and when the platform key is lost it opens with
//! [`crate::CheckinClient::open_after_key_loss`], which keeps every check-in still
//! waiting for the participant's next enrollment to deliver. Which failure
//! is which is decided here, from the core's own error, so neither shell
//! reads error messages.

use crate::crypto::CryptoError;
use crate::crypto::keystore::KeyStoreError;
use crate::error::Error;
use crate::i18n::{Arg, Localizer};
use crate::store::StoreError;

use super::model::{Action, ActionKind, ActionStyle, Block, Route, Screen, TextStyle, Unavailable};

/// The id of the screen's one action when the key is lost: the shell
/// answers it with `open_after_key_loss`.
const START_AGAIN_ACTION: &str = "unavailable.start-again";

/// The id of the screen's one action otherwise: the shell opens again.
const OPEN_AGAIN_ACTION: &str = "unavailable.open-again";

impl Unavailable {
    /// Why [`crate::CheckinClient::open`] failed, as the participant is told.
    ///
    /// `KeyLost` is exactly what [`crate::CheckinClient::open_after_key_loss`]
    /// recovers from (the platform key is missing, or it does not open the
    /// stored key); a key store that is only unavailable is `Locked`, and
    /// opening again later works.
    pub fn of(error: &Error) -> Self {
        match error {
            Error::Store(StoreError::DiskFull) => Self::StorageFull,
            Error::Store(
                StoreError::WrongStorageKey | StoreError::KeyUnavailable(KeyStoreError::KeyMissing),
            ) => Self::KeyLost,
            Error::Store(StoreError::KeyUnavailable(KeyStoreError::Unavailable(_)))
            | Error::Crypto(CryptoError::KeyStore(KeyStoreError::Unavailable(_))) => Self::Locked,
            _ => Self::Unexpected,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Locked => "locked",
            Self::KeyLost => "key_lost",
            Self::StorageFull => "storage_full",
            Self::Unexpected => "unexpected",
        }
    }
}

/// The one screen a shell can show when the client cannot open or cannot
/// read its store: what happened and what to do, in `language`.
pub fn unavailable_screen(language: &str, reason: Unavailable) -> Screen {
    let l = Localizer::new(language);
    let args = [("reason", Arg::Text(reason.name()))];
    let id = match reason {
        Unavailable::KeyLost => START_AGAIN_ACTION,
        _ => OPEN_AGAIN_ACTION,
    };
    Screen {
        route: Route::Start,
        title: l.text("unavailable-title", &args),
        language: l.language().to_string(),
        blocks: vec![Block::Text {
            text: l.text("unavailable-body", &args),
            style: TextStyle::Body,
        }],
        actions: vec![Action {
            id: id.to_string(),
            label: l.text("unavailable-action", &args),
            accessibility_label: None,
            style: ActionStyle::Primary,
            enabled: true,
            // What a shell shows once the client is open.
            kind: ActionKind::Navigate { route: Route::Start },
        }],
        back: None,
        secure: false,
        refresh_in_ms: None,
        effect: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_open_failure_has_its_reason() {
        let lost = [
            Error::Store(StoreError::WrongStorageKey),
            Error::Store(StoreError::KeyUnavailable(KeyStoreError::KeyMissing)),
        ];
        for e in &lost {
            assert_eq!(Unavailable::of(e), Unavailable::KeyLost, "{e:?}");
        }
        let locked = Error::Store(StoreError::KeyUnavailable(KeyStoreError::Unavailable(
            "before first unlock".into(),
        )));
        assert_eq!(Unavailable::of(&locked), Unavailable::Locked);
        let locked_at_wrap =
            Error::Crypto(CryptoError::KeyStore(KeyStoreError::Unavailable("busy".into())));
        assert_eq!(Unavailable::of(&locked_at_wrap), Unavailable::Locked);
        assert_eq!(
            Unavailable::of(&Error::Store(StoreError::DiskFull)),
            Unavailable::StorageFull
        );
        assert_eq!(Unavailable::of(&Error::NotEnrolled), Unavailable::Unexpected);
    }

    #[test]
    fn only_a_lost_key_starts_again() {
        for reason in [
            Unavailable::Locked,
            Unavailable::KeyLost,
            Unavailable::StorageFull,
            Unavailable::Unexpected,
        ] {
            let screen = unavailable_screen("en", reason);
            assert_eq!(screen.actions.len(), 1);
            let expected = if reason == Unavailable::KeyLost {
                START_AGAIN_ACTION
            } else {
                OPEN_AGAIN_ACTION
            };
            assert_eq!(screen.actions[0].id, expected, "{reason:?}");
        }
    }
}
