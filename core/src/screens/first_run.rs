//! First run: enrollment (the program's address and the one-time code,
//! typed, scanned, or pre-filled by the program's device management on an
//! issued phone), then "what this program collects" and consent, before
//! anything else.

use crate::disclosure::CollectionStatement;
use crate::i18n::Arg;

use super::facts::Facts;
use super::home::program_title;
use super::model::{
    ActionKind, ActionStyle, Block, Field, FieldKind, FieldValue, Route, Screen, Tone,
};
use super::words::Words;

/// The enrollment form's fields.
pub(crate) const SERVER_URL: &str = "server_url";
pub(crate) const CODE: &str = "code";

/// What the participant typed last, and what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub values: Vec<FieldValue>,
    /// Field id and the reason, in words.
    pub errors: Vec<(String, String)>,
}

impl Form {
    pub fn value(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|v| v.field_id == field)
            .map(|v| v.value.as_str())
    }

    fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, e)| e.clone())
    }
}

pub(crate) fn enroll(f: &Facts, w: &Words, form: &Form, notice: Option<Block>) -> Screen {
    let managed = f.context.managed.as_ref();
    let from_program = |v: Option<&String>| v.filter(|s| !s.trim().is_empty()).cloned();
    let managed_url = managed.and_then(|m| from_program(m.server_url.as_ref()));
    let managed_code = managed.and_then(|m| from_program(m.enrollment_code.as_ref()));
    let field = |id: &str, kind, label: &str, hint: &str, managed: &Option<String>| Field {
        id: id.to_string(),
        label: w.t(label),
        kind,
        value: managed
            .clone()
            .or_else(|| form.value(id).map(str::to_string))
            .unwrap_or_default(),
        read_only: managed.is_some(),
        hint: Some(w.t(hint)),
        error: form.error(id),
        accessibility_label: None,
    };
    let mut blocks: Vec<Block> = notice.into_iter().collect();
    // Before enrollment only check-ins kept from a lost platform key can
    // be waiting (CheckinClient::open_after_key_loss): say they are safe.
    let kept = f.waiting().count();
    if kept > 0 {
        blocks.push(w.notice(
            Tone::Info,
            w.t("enroll-kept-title"),
            w.t_args(
                "enroll-kept-body",
                &[("count", Arg::Number(i64::try_from(kept).unwrap_or(i64::MAX)))],
            ),
        ));
    }
    if managed_url.is_some() || managed_code.is_some() {
        blocks.push(w.notice(
            Tone::Info,
            w.t("enroll-managed-title"),
            w.t("enroll-managed-body"),
        ));
    } else {
        blocks.push(w.body(w.t("enroll-intro")));
    }
    blocks.push(Block::Input {
        field: field(
            SERVER_URL,
            FieldKind::ServerUrl,
            "enroll-server-label",
            "enroll-server-hint",
            &managed_url,
        ),
    });
    blocks.push(Block::Input {
        field: field(
            CODE,
            FieldKind::EnrollmentCode,
            "enroll-code-label",
            "enroll-code-hint",
            &managed_code,
        ),
    });
    blocks.push(w.caption(w.t("enroll-privacy")));
    let mut actions = vec![w.action(
        "enroll.submit",
        "enroll-submit",
        ActionStyle::Primary,
        ActionKind::Enroll,
    )];
    if managed_code.is_none() {
        actions.push(w.action(
            "enroll.scan",
            "enroll-scan",
            ActionStyle::Secondary,
            ActionKind::ScanCode,
        ));
    }
    actions.push(w.action(
        "enroll.settings",
        "home-open-settings",
        ActionStyle::Link,
        ActionKind::Navigate {
            route: Route::Settings,
        },
    ));
    w.screen(
        Route::Enroll,
        w.t("enroll-title"),
        blocks,
        actions,
        None,
        false,
    )
}

/// "What this program collects", and agreeing to it.
pub(crate) fn consent(
    f: &Facts,
    w: &Words,
    statement: &CollectionStatement,
    notice: Option<Block>,
) -> Screen {
    let mut blocks: Vec<Block> = notice.into_iter().collect();
    blocks.push(w.body(w.t_args(
        "consent-intro",
        &[("program", Arg::Text(&program_title(f, w)))],
    )));
    for line in statement.text.lines() {
        blocks.push(w.body(line.to_string()));
    }
    blocks.push(w.caption(w.t("consent-where-to-see-again")));
    let actions = vec![
        w.action(
            "consent.accept",
            "consent-accept",
            ActionStyle::Primary,
            ActionKind::AcceptConsent {
                policy_version: statement.policy_version,
                text_sha256_hex: statement.text_sha256_hex.clone(),
            },
        ),
        super::home::call_program(w),
        w.action(
            "consent.settings",
            "home-open-settings",
            ActionStyle::Link,
            ActionKind::Navigate {
                route: Route::Settings,
            },
        ),
    ];
    w.screen(
        Route::Consent,
        w.t("consent-title"),
        blocks,
        actions,
        None,
        false,
    )
}
