//! A screen written as plain text: what a reviewer reads in the golden
//! files (`core/tests/goldens/screens/`) and what a developer prints to see
//! a screen without a phone. Every text, accessibility label, action id and
//! effect is in it, in a stable order, so a change to any of them shows in
//! a diff.

use std::fmt::Write as _;

use super::model::{
    Action, ActionKind, ActionStyle, Block, Effect, Route, Screen, StepState, TextStyle, Tone,
};

impl Screen {
    /// The screen as plain text (see the module's documentation).
    pub fn to_text(&self) -> String {
        render(self)
    }
}

fn render(screen: &Screen) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        let _ = writeln!(out, "{}", s.trim_end());
    };
    line(format!("# {}", screen.title));
    line(format!(
        "route: {} · language: {} · secure: {}{}",
        route(&screen.route),
        screen.language,
        screen.secure,
        screen
            .back
            .as_ref()
            .map(|b| format!(" · back: {}", route(b)))
            .unwrap_or_default()
    ));
    for block in &screen.blocks {
        line(String::new());
        for l in self::block(block) {
            line(l);
        }
    }
    if !screen.actions.is_empty() {
        line(String::new());
        line("## actions".into());
        for a in &screen.actions {
            line(format!("- {}", action(a)));
        }
    }
    if let Some(e) = &screen.effect {
        line(String::new());
        line(format!("effect: {}", effect(e)));
    }
    if screen.refresh_in_ms.is_some() {
        line("refresh: on a timer".into());
    }
    out
}

fn tone(t: Tone) -> &'static str {
    match t {
        Tone::Neutral => "neutral",
        Tone::Info => "info",
        Tone::Success => "success",
        Tone::Warning => "warning",
        Tone::Danger => "danger",
    }
}

fn route(r: &Route) -> String {
    match r {
        Route::Start => "start".into(),
        Route::Enroll => "enroll".into(),
        Route::Consent => "consent".into(),
        Route::Home => "home".into(),
        Route::Checkin { .. } => "checkin".into(),
        Route::Review { .. } => "review".into(),
        Route::Submitted { .. } => "submitted".into(),
        Route::Appointments => "appointments".into(),
        Route::Appointment { appointment_id } => format!("appointment {appointment_id}"),
        Route::Proof => "proof".into(),
        Route::Ledger => "ledger".into(),
        Route::MyData => "my-data".into(),
        Route::Settings => "settings".into(),
        Route::Directory => "directory".into(),
        Route::Service { service_id } => format!("service {service_id}"),
        Route::SavedServices => "saved-services".into(),
        Route::Case => "case".into(),
    }
}

fn action(a: &Action) -> String {
    let style = match a.style {
        ActionStyle::Primary => "primary",
        ActionStyle::Secondary => "secondary",
        ActionStyle::Danger => "danger",
        ActionStyle::Link => "link",
    };
    let target = match &a.kind {
        ActionKind::Navigate { route: r } => format!(" → {}", route(r)),
        _ => String::new(),
    };
    let mut s = format!("[{}] {} ({style}){target}", a.id, a.label);
    if !a.enabled {
        s.push_str(" (disabled)");
    }
    if let Some(label) = &a.accessibility_label {
        s.push_str(&format!(" · a11y: {label}"));
    }
    s
}

fn effect(e: &Effect) -> String {
    match e {
        Effect::CapturePhoto { .. } => "capture a photo".into(),
        Effect::CaptureVoice { max_seconds, .. } => format!("record voice, at most {max_seconds} s"),
        Effect::CaptureLocation { precise, .. } => format!(
            "take one location fix ({})",
            if *precise { "precise" } else { "approximate" }
        ),
        Effect::ScanCode => "scan the enrollment code".into(),
        Effect::ShareFile { mime_type, .. } => format!("share a file ({mime_type})"),
        Effect::RequestPermission { permission } => format!("ask for {permission:?}"),
        Effect::Dial { phone } => format!("dial {phone}"),
        Effect::Sync => "sync in the background".into(),
        Effect::LocateForSearch => "take one location fix for the search".into(),
    }
}

fn block(b: &Block) -> Vec<String> {
    match b {
        Block::Text { text, style } => {
            let mark = match style {
                TextStyle::Heading => "## ",
                TextStyle::Body => "",
                TextStyle::Caption => "(small) ",
            };
            vec![format!("{mark}{text}")]
        }
        Block::Notice {
            tone: t,
            title,
            body,
            accessibility_label,
            action: a,
        } => {
            let mut out = vec![format!("[{}] {title}", tone(*t)), format!("  {body}")];
            if let Some(label) = accessibility_label {
                out.push(format!("  a11y: {label}"));
            }
            if let Some(a) = a {
                out.push(format!("  → {}", action(a)));
            }
            out
        }
        Block::Facts { title, rows } => {
            let mut out: Vec<String> = title.iter().map(|t| format!("## {t}")).collect();
            for r in rows {
                let mut s = format!("{}: {}", r.label, r.value);
                if let Some(label) = &r.accessibility_label {
                    s.push_str(&format!(" · a11y: {label}"));
                }
                out.push(s);
            }
            out
        }
        Block::Steps { items } => items
            .iter()
            .map(|s| {
                let mark = match s.state {
                    StepState::Done => "✓",
                    StepState::Current => "→",
                    StepState::Todo => "·",
                    StepState::Optional => "○",
                };
                let mut line = format!("{mark} {} — {}", s.label, s.detail);
                if let Some(label) = &s.accessibility_label {
                    line.push_str(&format!(" · a11y: {label}"));
                }
                line
            })
            .collect(),
        Block::Capture {
            kind,
            title,
            instructions,
            action: a,
        } => vec![
            format!("[capture {kind:?}] {title}"),
            format!("  {instructions}"),
            format!("  → {}", action(a)),
        ],
        Block::Hints { items } => items
            .iter()
            .map(|h| format!("[{}] {}", tone(h.tone), h.text))
            .collect(),
        Block::Items { title, items } => {
            let mut out: Vec<String> = title.iter().map(|t| format!("## {t}")).collect();
            for i in items {
                let badge = i.badge.as_ref().map(|b| format!(" [{b}]")).unwrap_or_default();
                out.push(format!("* {}{badge} ({})", i.title, tone(i.tone)));
                if !i.detail.is_empty() {
                    out.push(format!("  {}", i.detail));
                }
                if let Some(label) = &i.accessibility_label {
                    out.push(format!("  a11y: {label}"));
                }
                if let Some(a) = &i.action {
                    out.push(format!("  → {}", action(a)));
                }
            }
            out
        }
        Block::Input { field } => {
            let mut out = vec![format!(
                "[field {} {:?}{}] {}: \"{}\"",
                field.id,
                field.kind,
                if field.read_only { ", read-only" } else { "" },
                field.label,
                field.value
            )];
            if let Some(h) = &field.hint {
                out.push(format!("  hint: {h}"));
            }
            if let Some(e) = &field.error {
                out.push(format!("  error: {e}"));
            }
            out
        }
        Block::Choice {
            field_id,
            label,
            options,
        } => {
            let mut out = vec![format!("[choice {field_id}] {label}")];
            for o in options {
                out.push(format!(
                    "  {} {} ({})",
                    if o.selected { "(x)" } else { "( )" },
                    o.label,
                    o.value
                ));
            }
            out
        }
    }
}
