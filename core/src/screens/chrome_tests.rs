//! The words a shell shows for its own controls, and the one screen it
//! shows when no client can open: in every language, no message missing.

use super::model::Unavailable;
use super::{shell_words, unavailable_screen};
use crate::i18n::Localizer;

fn looks_like_an_id(text: &str) -> bool {
    text.starts_with("shell-") || text.starts_with("unavailable-") || text.is_empty()
}

#[test]
fn every_language_has_words_for_the_shells_controls() {
    for lang in Localizer::available_languages() {
        let w = shell_words(lang);
        for text in [
            &w.back,
            &w.close,
            &w.take_photo,
            &w.switch_camera,
            &w.start_recording,
            &w.stop_recording,
            &w.cancel,
            &w.loading,
            &w.locating,
            &w.scan_hint,
        ] {
            assert!(!looks_like_an_id(text), "{lang}: {text:?}");
        }
    }
    assert_ne!(shell_words("es").back, shell_words("en").back);
}

#[test]
fn a_client_that_cannot_open_still_tells_the_participant_what_to_do() {
    for lang in Localizer::available_languages() {
        let mut titles = Vec::new();
        for reason in [
            Unavailable::Locked,
            Unavailable::KeyLost,
            Unavailable::StorageFull,
            Unavailable::Unexpected,
        ] {
            let screen = unavailable_screen(lang, reason);
            assert!(!looks_like_an_id(&screen.title), "{lang} {reason:?}");
            assert!(!screen.secure);
            let [action] = screen.actions.as_slice() else {
                panic!("{lang} {reason:?}: one action")
            };
            assert!(!looks_like_an_id(&action.label), "{lang} {reason:?}");
            assert_eq!(screen.language, Localizer::new(lang).language());
            titles.push(screen.title);
        }
        titles.dedup();
        assert_eq!(titles.len(), 4, "{lang}: each reason has its own words");
    }
}
