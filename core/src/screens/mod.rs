//! Every screen a participant sees, decided here, so the Android and iOS
//! shells only render (docs/screens.md). `model.rs` is what a shell
//! renders; `facts.rs` gathers the client's state once per request; each
//! screen is a pure function of those facts, the time and the language:
//! `first_run.rs` (enrollment, consent), `home.rs`, `checkin.rs` (the
//! steps, the review, the submitted check-in), `appointments.rs`,
//! `records.rs` (proof, ledger, my data), `settings.rs`; `actions.rs`
//! carries out what the participant taps and hands back the next screen.
//! `text.rs` writes a screen as plain text for the golden tests and logs.
//! `directory.rs` (community services) and `case.rs` (the case document)
//! are reached from home once the program sent them. `unavailable.rs` is
//! the one screen for when no client can open.

mod actions;
mod appointments;
mod case;
mod checkin;
#[cfg(test)]
mod chrome_tests;
mod directory;
mod enroll_link;
mod export;
mod facts;
mod first_run;
mod home;
mod model;
mod records;
mod settings;
mod text;
mod unavailable;
mod words;

#[cfg(test)]
mod hour_tests;

pub use facts::Facts;
#[cfg(feature = "internals")]
pub use facts::{Program, Sent};
pub use model::*;

use actions::{deliver_capture, perform};

use chrono::Duration;

use crate::checkin::Draft;
use crate::client::CheckinClient;
use crate::compliance::WindowCompliance;
use crate::disclosure::{CollectionStatement, Consent};
use crate::error::Result;
use crate::i18n::Localizer;

pub use directory::DirectoryView;
pub use first_run::Form;
pub use unavailable::unavailable_screen;
use words::Words;

/// What an action leaves for the next screen: a notice on top, the form
/// as typed with what was wrong, something for the shell to do.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub notice: Option<Block>,
    pub form: Form,
    pub effect: Option<Effect>,
    /// Show the whole case number on this screen (the participant asked).
    pub reveal_case_number: bool,
}

/// What a few screens show besides the facts: read only for them.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The check-in being taken (check-in and review screens).
    pub draft: Option<Draft>,
    /// The compliance report (proof).
    pub windows: Vec<WindowCompliance>,
    /// The ledger in words (ledger).
    pub ledger: String,
    /// The statement and the consents given (my data).
    pub statement: Option<CollectionStatement>,
    pub consents: Vec<Consent>,
    /// The directory's screens.
    pub directory: Option<DirectoryView>,
    /// The case screen.
    pub case: Option<crate::lookup::CaseInfo>,
    /// What home links to: the directory and the case, once sent.
    pub has_directory: bool,
    pub has_case: bool,
}

/// The screen for `route`, now.
pub(crate) fn screen(
    client: &CheckinClient,
    route: &Route,
    context: &ShellContext,
) -> Result<Screen> {
    build(client, route, context, Outcome::default())
}

/// Gathers what `route` shows from `client`, then composes it.
pub(crate) fn build(
    client: &CheckinClient,
    route: &Route,
    context: &ShellContext,
    outcome: Outcome,
) -> Result<Screen> {
    let facts = facts::gather(client, context)?;
    let localizer = client.session.localizer()?;
    let mut route = redirect(&facts, route);
    let mut extras = Extras::default();
    match &route {
        Route::Checkin { checkin_id } | Route::Review { checkin_id } => {
            extras.draft = facts::draft(client, checkin_id)?;
            if extras.draft.is_none() {
                // Submitted or discarded meanwhile.
                route = after_draft(&facts, checkin_id);
            }
        }
        Route::Proof => {
            let to = facts.now + Duration::days(1);
            let from = facts.now - Duration::days(records::PROOF_DAYS);
            extras.windows = client.compliance_report(from, to)?;
        }
        Route::Ledger => extras.ledger = client.ledger_summary(localizer.language())?,
        Route::MyData => {
            extras.statement = Some(client.collection_statement(localizer.language())?);
            extras.consents = client.consents()?;
        }
        Route::Directory | Route::Service { .. } | Route::SavedServices => {
            extras.directory = directory::gather(client, &route)?;
        }
        Route::Case => extras.case = client.case_info()?,
        _ => {}
    }
    let store = &client.session.store;
    extras.has_directory = store.document_stamp(crate::store::DocumentName::Directory)?.is_some();
    extras.has_case = store.document_stamp(crate::store::DocumentName::Case)?.is_some();
    Ok(compose(&facts, &extras, &route, outcome, &localizer))
}

/// The screen for `route` from the facts: a pure function of them, the
/// extras, the time they were read at and the language.
pub fn compose(
    f: &Facts,
    extras: &Extras,
    route: &Route,
    outcome: Outcome,
    localizer: &Localizer,
) -> Screen {
    let w = Words {
        l: localizer,
        zone: &f.zone,
        now: f.now,
    };
    let Outcome {
        notice,
        form,
        effect,
        reveal_case_number,
    } = outcome;
    let mut notice = notice;
    let mut screen = match (redirect(f, route), &extras.draft) {
        (Route::Checkin { .. }, Some(draft)) => checkin::checkin(f, &w, draft, notice.take()),
        (Route::Review { .. }, Some(draft)) => checkin::review(f, &w, draft, notice.take()),
        (Route::Enroll, _) => first_run::enroll(f, &w, &form, notice.take()),
        (Route::Consent, _) => match &f.consent_needed {
            Some(statement) => first_run::consent(f, &w, statement, notice.take()),
            None => home::home(f, &w),
        },
        (Route::Submitted { checkin_id }, _) => match f.sent(&checkin_id) {
            Some(sent) => checkin::submitted(f, &w, sent, notice.take()),
            None => home::home(f, &w),
        },
        (Route::Appointments, _) => appointments::list(f, &w),
        (Route::Appointment { appointment_id }, _) => match f.appointment(&appointment_id) {
            Some(a) => appointments::detail(f, &w, a, &form, notice.take()),
            None => appointments::list(f, &w),
        },
        (Route::Proof, _) => records::proof(f, &w, &extras.windows),
        (Route::Ledger, _) => records::ledger(&w, &extras.ledger),
        (Route::MyData, _) => match &extras.statement {
            Some(statement) => records::my_data(&w, statement, &extras.consents),
            None => home::home(f, &w),
        },
        (Route::Settings, _) => settings::settings(f, &w, None),
        (Route::Directory, _) => {
            directory::search(&w, extras.directory.as_ref(), &form, notice.take())
        }
        (Route::Service { service_id }, _) => {
            directory::service(&w, extras.directory.as_ref(), &service_id, notice.take())
        }
        (Route::SavedServices, _) => directory::saved(&w, extras.directory.as_ref()),
        (Route::Case, _) => case::case(&w, extras.case.as_ref(), reveal_case_number),
        (Route::Start | Route::Home | Route::Checkin { .. } | Route::Review { .. }, _) => {
            home::home(f, &w)
        }
    };
    if screen.route == Route::Home {
        // Links that exist once the program sent what they show.
        for (has, id, label, route) in [
            (extras.has_directory, "home.open-directory", "home-open-directory", Route::Directory),
            (extras.has_case, "home.open-case", "home-open-case", Route::Case),
        ] {
            if has {
                let kind = ActionKind::Navigate { route };
                screen.actions.push(w.action(id, label, ActionStyle::Link, kind));
            }
        }
    }
    // A screen that takes no notice of its own shows it on top.
    if let Some(notice) = notice {
        screen.blocks.insert(0, notice);
    }
    if screen.effect.is_none() {
        screen.effect = effect;
    }
    screen
}

/// The route the participant needs instead of the one asked: enrollment
/// before anything, consent before any capture, home at the start.
/// Settings (the language) is always reachable.
fn redirect(f: &Facts, route: &Route) -> Route {
    match route {
        Route::Settings => Route::Settings,
        _ if !f.enrolled => Route::Enroll,
        _ if f.consent_needed.is_some() => Route::Consent,
        Route::Start | Route::Enroll | Route::Consent => Route::Home,
        Route::Submitted { checkin_id } if f.sent(checkin_id).is_none() => Route::Home,
        Route::Appointment { appointment_id } if f.appointment(appointment_id).is_none() => {
            Route::Appointments
        }
        other => other.clone(),
    }
}

/// Where a check-in's route leads once its draft is gone.
fn after_draft(f: &Facts, checkin_id: &str) -> Route {
    if f.sent(checkin_id).is_some() {
        Route::Submitted {
            checkin_id: checkin_id.to_string(),
        }
    } else {
        Route::Home
    }
}

/// The words for a shell's own controls in `language`, for when no client
/// is open yet (a client's `shell_words` follows the participant's choice).
pub fn shell_words(language: &str) -> ShellWords {
    words_in(&Localizer::new(language))
}

fn words_in(l: &Localizer) -> ShellWords {
    let t = |id: &str| l.text(id, &[]);
    ShellWords {
        back: t("shell-back"),
        close: t("shell-close"),
        take_photo: t("shell-take-photo"),
        switch_camera: t("shell-switch-camera"),
        start_recording: t("shell-start-recording"),
        stop_recording: t("shell-stop-recording"),
        cancel: t("shell-cancel"),
        loading: t("shell-loading"),
        locating: t("shell-locating"),
        scan_hint: t("shell-scan-hint"),
    }
}

/// The screens, as the shells reach them.
impl CheckinClient {
    /// The words for the shell's own controls, in the participant's
    /// language.
    pub fn shell_words(&self) -> Result<ShellWords> {
        Ok(words_in(&*self.session.localizer()?))
    }

    /// The screen for `route` now (no network): before enrollment every
    /// route answers the enrollment screen, while the policy waits for
    /// consent the consent screen (docs/screens.md).
    pub fn screen(&self, route: &Route, context: &ShellContext) -> Result<Screen> {
        screen(self, route, context)
    }

    /// Runs what the participant tapped on the screen of `current`, with
    /// the fields as typed, and answers with the next screen.
    pub async fn perform(
        &self,
        current: &Route,
        action: ActionKind,
        fields: Vec<FieldValue>,
        context: &ShellContext,
    ) -> Result<Screen> {
        perform(self, current, action, fields, context).await
    }

    /// The groups the shell files notifications under, named in the
    /// participant's language: `checkins` for the check-in reminders,
    /// `appointments` for appointments and leave times.
    pub fn notification_channels(&self) -> Result<Vec<NotificationChannel>> {
        let l = self.session.localizer()?;
        Ok(["checkins", "appointments"]
            .into_iter()
            .map(|id| NotificationChannel {
                id: id.to_string(),
                name: l.text(&format!("channel-{id}-name"), &[]),
                description: l.text(&format!("channel-{id}-description"), &[]),
            })
            .collect())
    }

    /// Hands what the phone captured for the screen of `current` to the
    /// core, and answers with the next screen.
    pub async fn deliver_capture(
        &self,
        current: &Route,
        result: CaptureResult,
        context: &ShellContext,
    ) -> Result<Screen> {
        deliver_capture(self, current, result, context).await
    }
}
