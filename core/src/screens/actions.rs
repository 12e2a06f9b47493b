//! What a tap does, and what comes back from the phone's hardware: each
//! action runs the client call it names and answers with the next screen.
//! A failure the participant can act on never comes back as an error: it
//! is the next screen, with a notice or a field's error in their words.
//! Errors that are not theirs (a damaged store) are logged by kind only
//! and shown as "something went wrong, your check-ins are safe".

use std::time::Duration;

use chrono::DateTime;
use uuid::Uuid;

use crate::client::CheckinClient;
use crate::config::Connectivity;
use crate::error::{Error, Result};
use crate::location::{LocationError, LocationFix};
use crate::preferences;

use super::first_run::{CODE, Form, SERVER_URL};
use super::model::{
    ActionKind, Block, CaptureResult, Effect, FieldValue, Permission, Route, Screen, ShellContext,
    Tone,
};
use super::{Outcome, build, screen};

/// How long a sync the participant asked for may take: long enough for a
/// check-in on a slow network, short enough to get an answer on screen.
const SYNC_ON_TAP: Duration = Duration::from_secs(25);

fn notice(client: &CheckinClient, tone: Tone, title: &str, body: &str) -> Result<Block> {
    let l = client.session.localizer()?;
    Ok(Block::Notice {
        tone,
        title: l.text(title, &[]),
        body: l.text(body, &[]),
        accessibility_label: None,
        action: None,
    })
}

fn with_notice(notice: Block) -> Outcome {
    Outcome {
        notice: Some(notice),
        ..Outcome::default()
    }
}

/// The message ids (title, body) that tell the participant about `e`.
fn words_for(e: &Error) -> (&'static str, &'static str, Tone) {
    match e {
        Error::EnrollmentCodeInvalid | Error::EnrollmentCodeUsed => {
            ("error-title", "error-code-invalid", Tone::Danger)
        }
        Error::InvalidServerUrl => ("error-title", "error-server-url", Tone::Danger),
        Error::Network(_) => ("error-offline-title", "error-network", Tone::Warning),
        Error::PinMismatch => ("home-warning-pin-title", "error-pin-mismatch", Tone::Danger),
        Error::Server { .. } | Error::Protocol(_) | Error::Policy(_) | Error::Plan(_) => {
            ("error-title", "error-server", Tone::Danger)
        }
        Error::Store(crate::store::StoreError::DiskFull) => {
            ("error-title", "error-storage-full", Tone::Danger)
        }
        Error::Media(_) | Error::QualityBlocks(_) => ("error-title", "error-media", Tone::Warning),
        Error::MissingEvidence(_) => ("error-title", "error-missing-evidence", Tone::Warning),
        Error::PolicyChanged { .. } => ("error-title", "error-policy-changed", Tone::Warning),
        Error::WindowClosed { .. } => ("error-title", "error-window-closed", Tone::Warning),
        Error::Location(LocationError::NotCollected) => {
            ("error-title", "error-location-not-collected", Tone::Info)
        }
        Error::Location(LocationError::InvalidFix) => {
            ("error-title", "error-location-invalid", Tone::Warning)
        }
        _ => ("error-title", "error-unexpected", Tone::Danger),
    }
}

/// The next screen after `e`: where the participant can act on it.
fn after_error(client: &CheckinClient, e: Error, form: Form) -> Result<Outcome> {
    let (title, body, tone) = words_for(&e);
    if body == "error-unexpected" {
        // The kind only: an error's text may name a file or a field.
        tracing::warn!(error = ?std::mem::discriminant(&e), "a screen action failed");
    }
    Ok(Outcome {
        notice: Some(notice(client, tone, title, body)?),
        form,
        ..Outcome::default()
    })
}

fn parse_id(checkin_id: &str) -> Option<Uuid> {
    Uuid::parse_str(checkin_id).ok()
}

/// Runs `kind`, tapped on the screen of `current` with the fields as
/// typed, and answers with the next screen.
pub(crate) async fn perform(
    client: &CheckinClient,
    current: &Route,
    kind: ActionKind,
    fields: Vec<FieldValue>,
    context: &ShellContext,
) -> Result<Screen> {
    let form = Form {
        values: fields,
        errors: Vec::new(),
    };
    let (route, outcome) = match kind {
        ActionKind::Navigate { route } => return screen(client, &route, context),
        ActionKind::Enroll => enroll(client, form, context).await?,
        ActionKind::ScanCode => (
            Route::Enroll,
            Outcome {
                form,
                effect: Some(Effect::ScanCode),
                ..Outcome::default()
            },
        ),
        ActionKind::AcceptConsent {
            policy_version,
            text_sha256_hex,
        } => {
            let language = client.session.localizer()?.language().to_string();
            let shown = client.collection_statement(&language)?;
            if shown.policy_version != policy_version || shown.text_sha256_hex != text_sha256_hex {
                // The statement changed under the participant's eyes.
                let n = notice(client, Tone::Warning, "consent-changed-title", "consent-changed-body")?;
                (Route::Consent, with_notice(n))
            } else {
                client.record_consent(policy_version, &language)?;
                (Route::Home, Outcome::default())
            }
        }
        ActionKind::StartCheckin { window_id } => match client.start_checkin(window_id.as_deref()) {
            Ok(id) => (
                Route::Checkin {
                    checkin_id: id.to_string(),
                },
                Outcome::default(),
            ),
            Err(e) => (current.clone(), after_error(client, e, form)?),
        },
        ActionKind::CapturePhoto { checkin_id } => capture(
            checkin_id.clone(),
            Effect::CapturePhoto { checkin_id },
        ),
        ActionKind::CaptureVoice { checkin_id } => {
            let max_seconds = client.policy()?.voice.max_seconds;
            capture(
                checkin_id.clone(),
                Effect::CaptureVoice {
                    checkin_id,
                    max_seconds,
                },
            )
        }
        ActionKind::CaptureLocation { checkin_id } => {
            use crate::policy::LocationMode;
            let precise = matches!(
                client.policy()?.evidence.location,
                LocationMode::Precise | LocationMode::Area
            );
            capture(
                checkin_id.clone(),
                Effect::CaptureLocation {
                    checkin_id,
                    precise,
                },
            )
        }
        ActionKind::Submit { checkin_id } => submit(client, &checkin_id, form)?,
        ActionKind::Discard { checkin_id } => {
            if let Some(id) = parse_id(&checkin_id) {
                client.discard_checkin(id)?;
            }
            let n = notice(client, Tone::Info, "checkin-discarded-title", "checkin-discarded-body")?;
            (Route::Home, with_notice(n))
        }
        ActionKind::SyncNow => (current.clone(), sync(client, form).await?),
        ActionKind::RetryWedged { checkin_id } => {
            if let Some(id) = parse_id(&checkin_id) {
                client.retry_wedged(id)?;
            }
            (current.clone(), sync(client, form).await?)
        }
        ActionKind::SavePlan { appointment_id } => save_plan(client, &appointment_id, form)?,
        ActionKind::RemovePlan { appointment_id } => {
            preferences::remove_leave_time(&client.session, &appointment_id)?;
            (Route::Appointment { appointment_id }, Outcome::default())
        }
        ActionKind::ExportProof => {
            let path = super::export::write(client)?;
            (
                current.clone(),
                Outcome {
                    effect: Some(Effect::ShareFile {
                        path: path.to_string_lossy().into_owned(),
                        mime_type: "text/plain".into(),
                    }),
                    ..Outcome::default()
                },
            )
        }
        ActionKind::SetLanguage { language } => {
            preferences::set_language(&client.session, &language)?;
            (current.clone(), Outcome::default())
        }
        ActionKind::RequestPermission { permission } => (
            current.clone(),
            Outcome {
                effect: Some(Effect::RequestPermission { permission }),
                ..Outcome::default()
            },
        ),
        ActionKind::CallProgram => (current.clone(), call(client)?),
        ActionKind::Dial { phone } => {
            // Only what a dialler reads: no letters, no `tel:` parameters.
            let phone: String = phone
                .chars()
                .filter(|c| c.is_ascii_digit() || matches!(c, '+' | '*' | '#'))
                .collect();
            let effect = (phone.chars().filter(char::is_ascii_digit).count() >= 3)
                .then_some(Effect::Dial { phone });
            (
                current.clone(),
                Outcome {
                    effect,
                    ..Outcome::default()
                },
            )
        }
        ActionKind::RevealCaseNumber => (
            Route::Case,
            Outcome {
                reveal_case_number: true,
                ..Outcome::default()
            },
        ),
        kind @ (ActionKind::SearchDirectory
        | ActionKind::SetSearchFilter { .. }
        | ActionKind::SaveService { .. }
        | ActionKind::UnsaveService { .. }) => super::directory::perform(client, current, kind, form)?,
    };
    build(client, &route, context, outcome)
}

fn capture(checkin_id: String, effect: Effect) -> (Route, Outcome) {
    (
        Route::Checkin { checkin_id },
        Outcome {
            effect: Some(effect),
            ..Outcome::default()
        },
    )
}

async fn enroll(
    client: &CheckinClient,
    form: Form,
    context: &ShellContext,
) -> Result<(Route, Outcome)> {
    let managed = context.managed.clone().unwrap_or_default();
    let url = managed
        .server_url
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| form.value(SERVER_URL).map(str::to_string))
        .unwrap_or_default();
    let code = managed
        .enrollment_code
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| form.value(CODE).map(str::to_string))
        .unwrap_or_default();
    enroll_with(client, url.trim(), &code, managed.tls_pins, form).await
}

async fn enroll_with(
    client: &CheckinClient,
    url: &str,
    code: &str,
    pins: Vec<String>,
    mut form: Form,
) -> Result<(Route, Outcome)> {
    let l = client.session.localizer()?;
    if url.is_empty() {
        form.errors.push((SERVER_URL.into(), l.text("error-server-url", &[])));
    }
    if code.trim().is_empty() {
        form.errors.push((CODE.into(), l.text("error-code-empty", &[])));
    }
    if !form.errors.is_empty() {
        return Ok((Route::Enroll, Outcome { form, ..Outcome::default() }));
    }
    match client.enroll_with_pins(url, code, pins).await {
        Ok(_) | Err(Error::AlreadyEnrolled) => Ok((Route::Start, Outcome::default())),
        Err(Error::EnrollmentCodeInvalid | Error::EnrollmentCodeUsed) => {
            form.errors.push((CODE.into(), l.text("error-code-invalid", &[])));
            Ok((Route::Enroll, Outcome { form, ..Outcome::default() }))
        }
        Err(Error::InvalidServerUrl) => {
            form.errors.push((SERVER_URL.into(), l.text("error-server-url", &[])));
            Ok((Route::Enroll, Outcome { form, ..Outcome::default() }))
        }
        Err(e) => Ok((Route::Enroll, after_error(client, e, form)?)),
    }
}

fn submit(client: &CheckinClient, checkin_id: &str, form: Form) -> Result<(Route, Outcome)> {
    let Some(id) = parse_id(checkin_id) else {
        return Ok((Route::Home, Outcome::default()));
    };
    match client.submit(id) {
        Ok(_) => {
            // Sealed and saved: the shell sends it in the background and
            // asks for this screen again, which then says "delivered".
            let effect = (client.connectivity() != Connectivity::Offline).then_some(Effect::Sync);
            Ok((
                Route::Submitted {
                    checkin_id: checkin_id.to_string(),
                },
                Outcome {
                    effect,
                    ..Outcome::default()
                },
            ))
        }
        Err(Error::DraftNotFound) => Ok((
            Route::Submitted {
                checkin_id: checkin_id.to_string(),
            },
            Outcome::default(),
        )),
        Err(Error::ConsentRequired { .. }) => Ok((Route::Consent, Outcome::default())),
        Err(e) => {
            let route = Route::Review {
                checkin_id: checkin_id.to_string(),
            };
            let outcome = after_error(client, e, form)?;
            Ok((route, outcome))
        }
    }
}

async fn sync(client: &CheckinClient, form: Form) -> Result<Outcome> {
    let deadline = tokio::time::Instant::now() + SYNC_ON_TAP;
    match client.sync(deadline, None).await {
        Ok(report) if report.last_error.is_none() => Ok(Outcome {
            form,
            ..Outcome::default()
        }),
        Ok(_) => {
            let n = notice(client, Tone::Warning, "error-offline-title", "error-network")?;
            Ok(Outcome {
                notice: Some(n),
                form,
                ..Outcome::default()
            })
        }
        // The home screen's warning says it, with what to do.
        Err(Error::PinMismatch) => Ok(Outcome::default()),
        Err(e) => after_error(client, e, form),
    }
}

fn save_plan(client: &CheckinClient, appointment_id: &str, mut form: Form) -> Result<(Route, Outcome)> {
    let route = Route::Appointment {
        appointment_id: appointment_id.to_string(),
    };
    let typed = form.value(super::appointments::LEAVE_AT).unwrap_or("");
    match preferences::parse_leave_time(typed) {
        Some(at) => {
            preferences::set_leave_time(&client.session, appointment_id, at)?;
            Ok((route, Outcome::default()))
        }
        None => {
            let l = client.session.localizer()?;
            form.errors.push((
                super::appointments::LEAVE_AT.into(),
                l.text("error-leave-time", &[]),
            ));
            Ok((route, Outcome { form, ..Outcome::default() }))
        }
    }
}

/// The program's phone number, if its contact is one.
fn call(client: &CheckinClient) -> Result<Outcome> {
    let contact = client.policy()?.program.contact;
    let digits = contact
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect::<String>();
    if digits.chars().filter(char::is_ascii_digit).count() >= 3 {
        // The number in words too, for a phone that cannot call.
        let l = client.session.localizer()?;
        let number = l.text("call-number", &[("phone", crate::i18n::Arg::Text(&contact))]);
        let title = l.text("call-no-number-title", &[]);
        return Ok(Outcome {
            notice: Some(Block::Notice {
                tone: Tone::Info,
                title,
                body: number,
                accessibility_label: None,
                action: None,
            }),
            effect: Some(Effect::Dial { phone: digits }),
            ..Outcome::default()
        });
    }
    let n = notice(client, Tone::Info, "call-no-number-title", "call-no-number-body")?;
    Ok(with_notice(n))
}

/// Hands what the phone captured to the core and answers with the next
/// screen (the check-in with its quality hints, or what went wrong).
pub(crate) async fn deliver_capture(
    client: &CheckinClient,
    current: &Route,
    result: CaptureResult,
    context: &ShellContext,
) -> Result<Screen> {
    let (route, outcome) = match result {
        CaptureResult::Photo { checkin_id, jpeg } => attached(client, &checkin_id, |id| {
            client.attach_photo(id, &jpeg).map(|_| ())
        })?,
        CaptureResult::Voice { checkin_id, wav } => attached(client, &checkin_id, |id| {
            client.attach_voice(id, &wav).map(|_| ())
        })?,
        // The fix the directory's search asked for: memory only.
        CaptureResult::Location {
            latitude,
            longitude,
            ..
        } if *current == Route::Directory => (
            Route::Directory,
            super::directory::located(client, latitude, longitude),
        ),
        CaptureResult::Location {
            checkin_id,
            latitude,
            longitude,
            accuracy_m,
            taken_at_ms,
            provider,
            mock,
        } => attached(client, &checkin_id, |id| {
            let fix = LocationFix {
                lat: latitude,
                lon: longitude,
                accuracy_m,
                fix_time: DateTime::from_timestamp_millis(taken_at_ms)
                    .ok_or(Error::Location(LocationError::InvalidFix))?,
                provider: provider.clone(),
                mock,
            };
            client.attach_location(id, &fix).map(|_| ())
        })?,
        CaptureResult::ScannedCode { text } => match super::enroll_link::parse(&text) {
            Some(link) => {
                enroll_with(client, &link.server_url, &link.code, link.tls_pins, Form::default())
                    .await?
            }
            None => {
                let n = notice(client, Tone::Warning, "error-title", "error-scanned-code")?;
                (Route::Enroll, with_notice(n))
            }
        },
        CaptureResult::Cancelled { .. } => (current.clone(), Outcome::default()),
        CaptureResult::Denied { permission } => (current.clone(), denied(client, permission)?),
    };
    build(client, &route, context, outcome)
}

/// Attaches a capture to the check-in `checkin_id` with `attach`.
fn attached(
    client: &CheckinClient,
    checkin_id: &str,
    attach: impl FnOnce(Uuid) -> Result<()>,
) -> Result<(Route, Outcome)> {
    let route = Route::Checkin {
        checkin_id: checkin_id.to_string(),
    };
    let Some(id) = parse_id(checkin_id) else {
        return Ok((Route::Home, Outcome::default()));
    };
    match attach(id) {
        Ok(()) => Ok((route, Outcome::default())),
        Err(Error::ConsentRequired { .. }) => Ok((Route::Consent, Outcome::default())),
        Err(Error::DraftNotFound) => Ok((Route::Home, Outcome::default())),
        Err(e) => {
            let outcome = after_error(client, e, Form::default())?;
            Ok((route, outcome))
        }
    }
}

/// A permission the participant refused: why it is asked, and how to
/// allow it.
fn denied(client: &CheckinClient, permission: Permission) -> Result<Outcome> {
    let l = client.session.localizer()?;
    let name = super::settings::permission_name(permission);
    let args = [("permission", crate::i18n::Arg::Text(name))];
    Ok(with_notice(Block::Notice {
        tone: Tone::Warning,
        title: l.text("permission-denied-title", &args),
        body: l.text("permission-denied-body", &args),
        accessibility_label: None,
        action: Some(super::model::Action {
            id: format!("permission.allow-{name}"),
            label: l.text("settings-allow", &[]),
            accessibility_label: None,
            style: super::model::ActionStyle::Primary,
            enabled: true,
            kind: ActionKind::RequestPermission { permission },
        }),
    }))
}
