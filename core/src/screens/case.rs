//! The participant's case: the case number (masked unless they just asked
//! to see it), the officer and when to reach them, the program's phone
//! numbers, the next court hearings (the plan's appointments), the
//! conditions of supervision and the documents to bring. `secure`: it is
//! all personal.

use crate::case::last_three;
use crate::i18n::Arg;
use crate::lookup::CaseInfo;

use super::model::{Action, ActionKind, ActionStyle, Block, Fact, Route, Screen, Tone};
use super::words::Words;

fn dial(w: &Words, id: &str, label_id: &str, phone: &str) -> Action {
    w.action(id, label_id, ActionStyle::Link, ActionKind::Dial { phone: phone.to_string() })
}

pub(crate) fn case(w: &Words, info: Option<&CaseInfo>, reveal: bool) -> Screen {
    let mut blocks = Vec::new();
    let mut actions = Vec::new();
    match info {
        None => blocks.push(w.body(w.t("case-none"))),
        Some(c) => {
            let mut rows = Vec::new();
            if let (Some(full), Some(masked)) = (&c.case_number, &c.case_number_masked) {
                rows.push(Fact {
                    label: w.t("case-number"),
                    value: if reveal { full.clone() } else { masked.clone() },
                    accessibility_label: (!reveal).then(|| {
                        w.t_args("case-number-masked-a11y", &[("last", Arg::Text(&last_three(full)))])
                    }),
                });
                actions.push(if reveal {
                    w.action("case.hide-number", "case-hide-number", ActionStyle::Secondary, ActionKind::Navigate { route: Route::Case })
                } else {
                    w.action("case.show-number", "case-show-number", ActionStyle::Secondary, ActionKind::RevealCaseNumber)
                });
            }
            if let Some(o) = &c.officer {
                rows.push(w.fact("case-officer", o.name.clone()));
                if let Some(h) = &o.contact_hours {
                    rows.push(w.fact("case-contact-hours", h.clone()));
                }
                if let Some(p) = &o.phone {
                    rows.push(w.fact("case-officer-phone", p.clone()));
                    actions.insert(0, dial(w, "case.call-officer", "case-call-officer", p));
                }
                if let Some(e) = &o.email {
                    rows.push(w.fact("case-officer-email", e.clone()));
                }
            }
            if !rows.is_empty() {
                blocks.push(Block::Facts { title: None, rows });
            }
            let list = |title_id: &str, prefix: &str, texts: &[String]| Block::Items {
                title: Some(w.t(title_id)),
                items: texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| w.item(format!("{prefix}-{i}"), t.clone(), String::new(), Tone::Neutral))
                    .collect(),
            };
            if !c.hearings.is_empty() {
                let items = c
                    .hearings
                    .iter()
                    .map(|h| {
                        let mut item = w.item(h.appointment_id.clone(), h.when.clone(), h.place.clone(), Tone::Info);
                        item.action = Some(w.action(
                            "case.open-hearing",
                            "case-open-hearing",
                            ActionStyle::Link,
                            ActionKind::Navigate { route: Route::Appointment { appointment_id: h.appointment_id.clone() } },
                        ));
                        item
                    })
                    .collect();
                blocks.push(Block::Items { title: Some(w.t("case-hearings")), items });
            }
            if !c.conditions.is_empty() {
                blocks.push(list("case-conditions", "condition", &c.conditions));
            }
            if !c.documents_to_bring.is_empty() {
                blocks.push(list("case-documents", "document", &c.documents_to_bring));
            }
            if !c.program_phones.is_empty() {
                let items = c
                    .program_phones
                    .iter()
                    .map(|p| {
                        let mut item = w.item(p.number.clone(), p.label.clone(), p.number.clone(), Tone::Neutral);
                        item.action = Some(dial(w, "case.call-program", "case-call", &p.number));
                        item
                    })
                    .collect();
                blocks.push(Block::Items { title: Some(w.t("case-phones")), items });
            }
            blocks.push(w.caption(w.t("case-from-program")));
        }
    }
    Screen {
        route: Route::Case,
        title: w.t("case-title"),
        language: w.l.language().to_string(),
        blocks,
        actions,
        back: Some(Route::Home),
        secure: true,
        refresh_in_ms: None,
        effect: None,
    }
}
