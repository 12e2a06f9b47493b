//! Settings: the language (switchable at any time, every screen and
//! reminder follows), and what the app may do on this phone, in words,
//! with a way to allow what is off.

use crate::i18n::{Arg, Localizer};

use super::facts::Facts;
use super::model::{
    ActionKind, ActionStyle, Block, ChoiceOption, Permission, PermissionState, Route, Screen, Tone,
};
use super::words::Words;

/// The language choice's field id.
pub(crate) const LANGUAGE: &str = "language";

/// Each bundled language by its own name (the same in every language).
fn native_name(language: &str) -> &'static str {
    match language {
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "ht" => "Kreyòl ayisyen",
        "pt-BR" => "Português (Brasil)",
        _ => "",
    }
}

pub(crate) fn permission_name(p: Permission) -> &'static str {
    match p {
        Permission::Camera => "camera",
        Permission::Microphone => "microphone",
        Permission::Location => "location",
        Permission::Notifications => "notifications",
        Permission::ExactAlarms => "exact_alarms",
    }
}

pub(crate) fn settings(f: &Facts, w: &Words, back: Option<Route>) -> Screen {
    let current = w.l.language();
    let options = Localizer::available_languages()
        .into_iter()
        .map(|lang| ChoiceOption {
            value: lang.to_string(),
            label: native_name(lang).to_string(),
            selected: lang == current,
            action: super::model::Action {
                id: format!("settings.language-{lang}"),
                label: native_name(lang).to_string(),
                accessibility_label: None,
                style: ActionStyle::Secondary,
                enabled: lang != current,
                kind: ActionKind::SetLanguage {
                    language: lang.to_string(),
                },
            },
        })
        .filter(|o| !o.label.is_empty())
        .collect();
    let mut blocks = vec![Block::Choice {
        field_id: LANGUAGE.into(),
        label: w.t("settings-language"),
        options,
    }];
    let mut items = Vec::new();
    for status in &f.context.permissions {
        let name = permission_name(status.permission);
        let state = match status.state {
            PermissionState::Granted => "granted",
            PermissionState::Denied => "denied",
            PermissionState::NotAsked => "not_asked",
            PermissionState::NotApplicable => continue,
        };
        let mut item = w.item(
            name.to_string(),
            w.t_args("permission-name", &[("permission", Arg::Text(name))]),
            w.t_args("permission-why", &[("permission", Arg::Text(name))]),
            if state == "granted" {
                Tone::Success
            } else {
                Tone::Warning
            },
        );
        item.badge = Some(w.t_args("permission-state", &[("state", Arg::Text(state))]));
        if state != "granted" {
            item.action = Some(w.action(
                &format!("settings.allow-{name}"),
                "settings-allow",
                ActionStyle::Secondary,
                ActionKind::RequestPermission {
                    permission: status.permission,
                },
            ));
        }
        items.push(item);
    }
    if !items.is_empty() {
        blocks.push(Block::Items {
            title: Some(w.t("settings-permissions-title")),
            items,
        });
    }
    blocks.push(w.caption(w.t("settings-no-background-location")));
    blocks.push(w.caption(w.t_args(
        "settings-version",
        &[("version", Arg::Text(crate::VERSION))],
    )));
    w.screen(
        Route::Settings,
        w.t("settings-title"),
        blocks,
        Vec::new(),
        back.or(Some(if f.enrolled { Route::Home } else { Route::Enroll })),
        false,
    )
}
