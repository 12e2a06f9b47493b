//! Court hearings: reminders 7, 3 and 1 days before at the hearing's local
//! time of day and on its morning, across DST and zones; the program's
//! override and a policy that turns them off; saved leave times.
//!
//! Expected fire times are worked out by hand from the zones' offsets
//! (New York EDT -4 until 2026-11-01 and from 2026-03-08, EST -5 between;
//! Phoenix MST -7 all year), and ids from the recipe docs/plan.md gives.

use super::{at, brute_force, summary, utc};
use checkin_core::clock::ClockEstimate;
use checkin_core::i18n::Localizer;
use checkin_core::plan::{self, Plan};
use checkin_core::remind::{self, LeavePlan, Notification, NotificationKind};
use chrono::NaiveTime;

/// A participant in New York with hearings a few days after the 2026
/// fall-back and spring-forward changes, one in Phoenix (no DST), and an
/// office visit; `reminders` is the plan's reminder policy.
fn hearings_plan(reminders: &str, fall_extra: &str) -> Plan {
    let json = format!(
        r#"{{"format":1,"plan_id":"hearings","revision":1,"zone":"America/New_York","language":"en",
            "reminders":{reminders},
            "appointments":[
              {{"id":"fall","kind":"court_hearing","start":"2026-11-04T09:00",
                "place":"Immigration Court, Room 12"{fall_extra}}},
              {{"id":"spring","kind":"court_hearing","start":"2026-03-10T09:00"}},
              {{"id":"phoenix","kind":"court_hearing","start":"2026-11-05T09:00","zone":"America/Phoenix",
                "place":"Phoenix Immigration Court","bring":["Passport"]}},
              {{"id":"visit","kind":"office_visit","start":"2026-11-06T10:00"}}
            ]}}"#
    );
    Plan::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn default_plan() -> Plan {
    hearings_plan("{}", "")
}

/// FNV-1a 64 over each part followed by 0xff.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.iter().chain(std::iter::once(&0xff)) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// The id docs/plan.md describes: `<tag>:<subject>#<hash>`, the hash over
/// `<tag>:<subject>`, the fire time on the phone's clock (Unix seconds,
/// 8 bytes big-endian), title, body and link.
fn documented_id(tag: &str, n: &Notification) -> String {
    let base = format!("{tag}:{}", n.subject_id);
    let hash = fnv1a(&[
        base.as_bytes(),
        &n.fire_at_device.timestamp().to_be_bytes(),
        n.title.as_bytes(),
        n.body.as_bytes(),
        n.deep_link.as_bytes(),
    ]);
    format!("{base}#{hash:016x}")
}

/// (tag, fire time UTC, fire time in the participant's zone, minutes before).
type Expected<'a> = (&'a str, &'a str, &'a str, u32);

fn check(list: &[Notification], subject: &str, expected: &[Expected<'_>]) {
    let got: Vec<&Notification> = list.iter().filter(|n| n.subject_id == subject).collect();
    assert_eq!(got.len(), expected.len(), "{subject}: {got:#?}");
    for (n, (tag, fire, local, minutes)) in got.iter().zip(expected) {
        assert_eq!(n.kind, NotificationKind::Appointment, "{subject} {tag}");
        assert_eq!(n.fire_at, utc(fire), "{subject} {tag}");
        assert_eq!(n.fire_local, *local, "{subject} {tag}");
        assert_eq!(n.minutes_before, *minutes, "{subject} {tag}");
        assert_eq!(n.id, documented_id(tag, n), "{subject} {tag}");
    }
}

#[test]
fn a_hearing_is_reminded_7_3_and_1_days_before_and_on_the_morning_at_its_local_time_across_dst() {
    let plan = default_plan();
    let list = remind::notifications(
        &plan,
        &[],
        &[],
        &at("2026-01-01T00:00"),
        64,
        &Localizer::new("en"),
    );
    // Three days after fall-back: 9:00 every day, EDT a week before.
    check(
        &list,
        "fall",
        &[
            (
                "appt-d7",
                "2026-10-28T13:00",
                "2026-10-28T09:00:00-04:00",
                10_140,
            ),
            (
                "appt-d3",
                "2026-11-01T14:00",
                "2026-11-01T09:00:00-05:00",
                4_320,
            ),
            (
                "appt-d1",
                "2026-11-03T14:00",
                "2026-11-03T09:00:00-05:00",
                1_440,
            ),
            (
                "appt-morning",
                "2026-11-04T12:00",
                "2026-11-04T07:00:00-05:00",
                120,
            ),
        ],
    );
    // Two days after spring-forward.
    check(
        &list,
        "spring",
        &[
            (
                "appt-d7",
                "2026-03-03T14:00",
                "2026-03-03T09:00:00-05:00",
                10_020,
            ),
            (
                "appt-d3",
                "2026-03-07T14:00",
                "2026-03-07T09:00:00-05:00",
                4_260,
            ),
            (
                "appt-d1",
                "2026-03-09T13:00",
                "2026-03-09T09:00:00-04:00",
                1_440,
            ),
            (
                "appt-morning",
                "2026-03-10T11:00",
                "2026-03-10T07:00:00-04:00",
                120,
            ),
        ],
    );
    // In Phoenix it is 9:00 MST every day; the participant's own clock in
    // New York moved from 12:00 to 11:00 in between.
    check(
        &list,
        "phoenix",
        &[
            (
                "appt-d7",
                "2026-10-29T16:00",
                "2026-10-29T12:00:00-04:00",
                10_080,
            ),
            (
                "appt-d3",
                "2026-11-02T16:00",
                "2026-11-02T11:00:00-05:00",
                4_320,
            ),
            (
                "appt-d1",
                "2026-11-04T16:00",
                "2026-11-04T11:00:00-05:00",
                1_440,
            ),
            (
                "appt-morning",
                "2026-11-05T14:00",
                "2026-11-05T09:00:00-05:00",
                120,
            ),
        ],
    );
    // Other appointments keep the minutes before.
    let visit: Vec<&str> = list
        .iter()
        .filter(|n| n.subject_id == "visit")
        .map(|n| n.id.split('#').next().unwrap_or_default())
        .collect();
    assert_eq!(visit, ["appt-1440:visit", "appt-120:visit"]);
    // And the oracle agrees on all of it.
    assert_eq!(
        summary(&list),
        brute_force(&plan, &[], &[], &at("2026-01-01T00:00"))[..list.len()].to_vec()
    );

    let phoenix = list
        .iter()
        .find(|n| n.id.starts_with("appt-d3:phoenix#"))
        .expect("reminder");
    assert_eq!(phoenix.title, "Court hearing in 3 days");
    assert_eq!(
        phoenix.body,
        "Thursday, November 5 at 9:00 AM (MST) · Phoenix Immigration Court\n\
         Bring: Passport.\n\
         If you miss it, the judge can decide without you. If you cannot go, call your program before the hearing.\n\
         What time will you leave to get there by 9:00 AM? Open the app to plan your trip."
    );
}

#[test]
fn ids_stay_while_nothing_changes_and_change_with_the_text_or_the_time() {
    let en = Localizer::new("en");
    let now = at("2026-10-20T00:00");
    let ids = |plan: &Plan| -> Vec<String> {
        remind::notifications(plan, &[], &[], &now, 64, &en)
            .into_iter()
            .filter(|n| n.subject_id == "fall")
            .map(|n| n.id)
            .collect()
    };
    let before = ids(&default_plan());
    assert_eq!(before, ids(&default_plan()));
    // Later, the ones still ahead keep their ids.
    let later = remind::notifications(&default_plan(), &[], &[], &at("2026-11-02T00:00"), 64, &en);
    let kept: Vec<&str> = later
        .iter()
        .filter(|n| n.subject_id == "fall")
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(kept, before[2..]);
    // A thing to bring changes every one of its texts, so every id.
    let with_bring = ids(&hearings_plan("{}", r#","bring":["Hearing notice"]"#));
    assert!(before.iter().zip(&with_bring).all(|(a, b)| a != b));
    // A later morning time changes only the morning reminder.
    let later_morning = ids(&hearings_plan(
        r#"{"court_hearing_morning_of":"07:30"}"#,
        "",
    ));
    assert_eq!(before[..3], later_morning[..3]);
    assert_ne!(before[3], later_morning[3]);
}

#[test]
fn the_programs_own_minutes_override_and_a_policy_can_turn_day_reminders_off() {
    let en = Localizer::new("en");
    let now = at("2026-01-01T00:00");
    let tags = |plan: &Plan, subject: &str| -> Vec<String> {
        remind::notifications(plan, &[], &[], &now, 64, &en)
            .into_iter()
            .filter(|n| n.subject_id == subject)
            .map(|n| n.id.split(':').next().unwrap_or_default().to_owned())
            .collect()
    };
    let own = hearings_plan("{}", r#","reminder_minutes":[90]"#);
    assert_eq!(tags(&own, "fall"), ["appt-90"]);
    assert_eq!(
        tags(&own, "spring").len(),
        4,
        "only the one hearing changed"
    );
    let overridden = remind::notifications(&own, &[], &[], &now, 64, &en);
    let fall = overridden
        .iter()
        .find(|n| n.subject_id == "fall")
        .expect("reminder");
    assert_eq!(fall.fire_at, utc("2026-11-04T12:30"));
    assert_eq!(fall.body, "Today at 9:00 AM · Immigration Court, Room 12");

    let off = hearings_plan(
        r#"{"court_hearing_before_days":[],"court_hearing_morning_of":null}"#,
        "",
    );
    for hearing in ["fall", "spring", "phoenix"] {
        assert!(tags(&off, hearing).is_empty(), "{hearing}");
    }
    assert_eq!(tags(&off, "visit"), ["appt-1440", "appt-120"]);
    // `null` survives storing and reading the plan: it is not the default.
    let stored = Plan::from_json(&off.to_json()).expect("valid");
    assert!(tags(&stored, "fall").is_empty());
    assert_eq!(stored.reminders().court_hearing_morning_of, None);

    let two_days = hearings_plan(r#"{"court_hearing_before_days":[2]}"#, "");
    assert_eq!(tags(&two_days, "fall"), ["appt-d2", "appt-morning"]);
}

fn leave(id: &str, h: u32, m: u32) -> LeavePlan {
    LeavePlan {
        appointment_id: id.into(),
        leave_at: NaiveTime::from_hms_opt(h, m, 0).expect("valid"),
    }
}

#[test]
fn a_saved_leave_time_gives_a_reminder_with_a_stable_id_until_it_or_the_hearing_goes() {
    let plan = default_plan();
    let en = Localizer::new("en");
    let now = at("2026-11-02T00:00");
    let saved = [leave("fall", 8, 15)];
    let leave_of = |plan: &Plan, saved: &[LeavePlan], now: &ClockEstimate| {
        remind::notifications(plan, &[], saved, now, 64, &en)
            .into_iter()
            .find(|n| n.kind == NotificationKind::LeaveForAppointment)
    };
    let n = leave_of(&plan, &saved, &now).expect("a leave reminder");
    // 8:15 EST on the hearing's day.
    assert_eq!(n.fire_at, utc("2026-11-04T13:15"));
    assert_eq!(n.fire_local, "2026-11-04T08:15:00-05:00");
    assert_eq!(n.minutes_before, 45);
    assert_eq!(n.id, documented_id("leave", &n));
    assert_eq!(n.title, "Time to leave for your court hearing");
    assert_eq!(
        n.body,
        "It starts at 9:00 AM at Immigration Court, Room 12."
    );
    // The same tomorrow, and with the plan stored and read again.
    let stored = Plan::from_json(&plan.to_json()).expect("valid");
    assert_eq!(
        leave_of(&stored, &saved, &at("2026-11-03T00:00")).map(|l| l.id),
        Some(n.id.clone())
    );
    // Gone once the participant removes it, and once it has fired.
    assert_eq!(leave_of(&plan, &[], &now), None);
    assert_eq!(leave_of(&plan, &saved, &at("2026-11-04T13:15")), None);

    // The hearing leaves the plan: its leave time is ignored.
    let mut doc: serde_json::Value = serde_json::from_slice(&plan.to_json()).expect("json");
    doc["revision"] = 2.into();
    doc["appointments"]
        .as_array_mut()
        .expect("list")
        .retain(|a| a["id"] != "fall");
    let update =
        plan::review_update(Some(&plan), doc.to_string().as_bytes(), &now).expect("valid update");
    assert_eq!(leave_of(&update.plan, &saved, &now), None);
    // The hearing moves to another day: the leave time follows it to that
    // day, with a new id.
    let moved = plan::review_update(
        Some(&plan),
        String::from_utf8(plan.to_json())
            .expect("utf-8")
            .replace("2026-11-04T09:00", "2026-11-05T09:00")
            .as_bytes(),
        &now,
    )
    .expect("valid update");
    let after = leave_of(&moved.plan, &saved, &now).expect("still planned");
    assert_eq!(after.fire_at, utc("2026-11-05T13:15"));
    assert_ne!(after.id, n.id);
}

#[test]
fn next_wakeup_sees_day_and_leave_reminders() {
    // Only appointments: no windows, no sync interval, so the wake-up is
    // when the held notifications run low.
    let plan = Plan::from_json(
        br#"{"format":1,"plan_id":"p","revision":1,"zone":"America/New_York","language":"en",
            "appointments":[
              {"id":"a","kind":"court_hearing","start":"2026-06-10T09:00"},
              {"id":"b","kind":"court_hearing","start":"2026-06-20T09:00"}]}"#,
    )
    .expect("valid");
    // After a's morning reminder (7:00 EDT), before it starts.
    let now = at("2026-06-10T11:30");
    let saved = [leave("a", 8, 0)];
    // Without a leave time, the next reminder is b's, a week ahead, 9:00 EDT.
    assert_eq!(
        remind::next_wakeup(&plan, &[], &[], &now, 1),
        Some(utc("2026-06-13T13:00"))
    );
    // With one, the phone must be awake to hand over more once it fires.
    assert_eq!(
        remind::next_wakeup(&plan, &[], &saved, &now, 1),
        Some(utc("2026-06-10T12:00"))
    );
    let held = remind::notifications(&plan, &[], &saved, &now, 1, &Localizer::new("en"));
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].kind, NotificationKind::LeaveForAppointment);
}
