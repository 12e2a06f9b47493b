use super::render::content_hash;
use super::*;
use chrono::{NaiveTime, TimeZone};

#[test]
fn content_hash_is_fixed_fnv1a_with_part_separators() {
    // FNV-1a of the empty input is the offset basis; each part adds 0xff.
    assert_eq!(content_hash(&[]), 0xcbf2_9ce4_8422_2325);
    assert_ne!(content_hash(&[b"ab", b"c"]), content_hash(&[b"a", b"bc"]));
    // Pinned so ids survive releases and platforms.
    assert_eq!(
        content_hash(&[b"open:w@2026-01-05T09:00"]),
        0x592e_404f_9d2d_9640
    );
}

#[test]
fn device_shift_rounds_to_whole_minutes() {
    let at = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("valid");
    let with = |ms| ClockEstimate {
        device_time: at,
        server_offset_ms: ms,
        uptime_ms: None,
    };
    assert_eq!(device_shift(&with(0)), Duration::zero());
    assert_eq!(device_shift(&with(29_999)), Duration::zero());
    assert_eq!(device_shift(&with(-10_800_000 + 250)), Duration::hours(-3));
    assert_eq!(device_shift(&with(90_000)), Duration::minutes(2));
}

/// A plan for a participant in New York with one court hearing in Denver
/// and an office visit at home, `extra` spliced into the hearing.
fn hearing_plan(extra: &str) -> Plan {
    let json = format!(
        r#"{{"format":1,"plan_id":"p","revision":1,"zone":"America/New_York","language":"en",
            "appointments":[
              {{"id":"h1","kind":"court_hearing","start":"2026-12-14T09:00","zone":"America/Denver",
                "place":"Denver Immigration Court, Room 4"{extra}}},
              {{"id":"o1","kind":"office_visit","start":"2026-12-16T14:30","place":"Probation office",
                "bring":["Pay stubs"," "],"if_missed":"Your officer will call you to set a new date."}}
            ]}}"#
    );
    Plan::from_json(json.as_bytes()).expect("valid test plan")
}

fn at(s: &str) -> ClockEstimate {
    ClockEstimate::uncorrected(
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .expect("test time")
            .and_utc(),
    )
}

fn leave(id: &str, h: u32, m: u32) -> LeavePlan {
    LeavePlan {
        appointment_id: id.into(),
        leave_at: NaiveTime::from_hms_opt(h, m, 0).expect("valid"),
    }
}

fn tag(n: &Notification) -> &str {
    n.id.split(':').next().unwrap_or_default()
}

#[test]
fn day_reminders_say_when_where_what_to_bring_and_what_if_missed_and_ask_for_a_plan() {
    let plan = hearing_plan(r#","bring":["Passport","Hearing notice"]"#);
    let en = Localizer::new("en");
    let list = notifications(&plan, &[], &[], &at("2026-12-01T00:00"), 64, &en);
    let hearing: Vec<&Notification> = list.iter().filter(|n| n.subject_id == "h1").collect();
    let tags: Vec<&str> = hearing.iter().map(|n| tag(n)).collect();
    assert_eq!(tags, ["appt-d7", "appt-d3", "appt-d1", "appt-morning"]);
    let titles: Vec<&str> = hearing.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Court hearing in 7 days",
            "Court hearing in 3 days",
            "Court hearing tomorrow",
            "Court hearing today at 9:00 AM",
        ]
    );
    assert_eq!(
        hearing[0].body,
        "Monday, December 14 at 9:00 AM (MST) · Denver Immigration Court, Room 4\n\
         Bring: Passport, Hearing notice.\n\
         If you miss it, the judge can decide without you. If you cannot go, call your program before the hearing.\n\
         What time will you leave to get there by 9:00 AM? Open the app to plan your trip."
    );
    // Each counts down in minutes, DST-free here: 7 days, and 2 hours for
    // the 7:00 morning reminder.
    assert_eq!(hearing[0].minutes_before, 7 * 24 * 60);
    assert_eq!(hearing[3].minutes_before, 120);
    assert!(hearing.iter().all(|n| n.kind == NotificationKind::Appointment));
    assert!(
        hearing
            .iter()
            .all(|n| n.deep_link == "checkin://appointment/h1")
    );
}

#[test]
fn the_programs_own_words_replace_the_default_and_minute_reminders_gain_only_what_was_given() {
    let plan = hearing_plan(r#","if_missed":"Call Ana at the legal clinic before the hearing.""#);
    let en = Localizer::new("en");
    let list = notifications(&plan, &[], &[], &at("2026-12-12T00:00"), 64, &en);
    let d1 = list
        .iter()
        .find(|n| n.id.starts_with("appt-d1:h1#"))
        .expect("the day-before reminder");
    assert_eq!(
        d1.body,
        "Monday, December 14 at 9:00 AM (MST) · Denver Immigration Court, Room 4\n\
         Call Ana at the legal clinic before the hearing.\n\
         What time will you leave to get there by 9:00 AM? Open the app to plan your trip."
    );
    // The office visit keeps its minute reminders and their first line;
    // the blank thing to bring is left out.
    let office: Vec<&Notification> = list.iter().filter(|n| n.subject_id == "o1").collect();
    let tags: Vec<&str> = office.iter().map(|n| tag(n)).collect();
    assert_eq!(tags, ["appt-1440", "appt-120"]);
    assert_eq!(office[0].title, "Office visit");
    assert_eq!(
        office[0].body,
        "Tomorrow at 2:30 PM · Probation office\n\
         Bring: Pay stubs.\n\
         Your officer will call you to set a new date."
    );
}

#[test]
fn a_leave_time_adds_one_reminder_and_answers_the_prompt() {
    let plan = hearing_plan("");
    let en = Localizer::new("en");
    let now = at("2026-12-12T00:00");
    let plans = [
        leave("h1", 8, 10),
        // Of two for one appointment, the earliest counts.
        leave("h1", 7, 45),
        // An appointment the plan no longer has is ignored.
        leave("gone", 8, 0),
        // At or after the start there is nothing to remind.
        leave("o1", 14, 30),
    ];
    let list = notifications(&plan, &[], &plans, &now, 64, &en);
    let leaves: Vec<&Notification> = list
        .iter()
        .filter(|n| n.kind == NotificationKind::LeaveForAppointment)
        .collect();
    assert_eq!(leaves.len(), 1, "{leaves:?}");
    let l = leaves[0];
    assert!(l.id.starts_with("leave:h1#"), "{}", l.id);
    assert_eq!(l.subject_id, "h1");
    // 7:45 MST is 14:45Z, 75 minutes before the start.
    assert_eq!(l.fire_at.to_rfc3339(), "2026-12-14T14:45:00+00:00");
    assert_eq!(l.minutes_before, 75);
    assert_eq!(l.title, "Time to leave for your court hearing");
    assert_eq!(
        l.body,
        "It starts at 9:00 AM (MST) at Denver Immigration Court, Room 4."
    );
    assert_eq!(l.deep_link, "checkin://appointment/h1");

    let d1 = list
        .iter()
        .find(|n| n.id.starts_with("appt-d1:h1#"))
        .expect("the day-before reminder");
    assert!(
        d1.body.ends_with("\nYou plan to leave at 7:45 AM."),
        "{}",
        d1.body
    );
    // Answering the prompt changes the text, so the id too; the office
    // visit's reminders are untouched.
    let without = notifications(&plan, &[], &[], &now, 64, &en);
    let id_of = |list: &[Notification], prefix: &str| {
        list.iter()
            .find(|n| n.id.starts_with(prefix))
            .map(|n| n.id.clone())
    };
    assert_ne!(id_of(&list, "appt-d1:h1#"), id_of(&without, "appt-d1:h1#"));
    assert_eq!(
        id_of(&list, "appt-120:o1#"),
        id_of(&without, "appt-120:o1#")
    );
}

#[test]
fn leave_texts_name_the_kind_and_read_in_the_participants_language() {
    let plan = hearing_plan(r#","bring":["Pasaporte"]"#);
    let es = Localizer::new("es");
    let plans = [leave("h1", 7, 45), leave("o1", 13, 0)];
    let list = notifications(&plan, &[], &plans, &at("2026-12-13T00:00"), 64, &es);
    let texts: Vec<(&str, &str)> = list
        .iter()
        .filter(|n| n.kind == NotificationKind::LeaveForAppointment)
        .map(|n| (n.title.as_str(), n.body.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (
                "Es hora de salir para su audiencia en el tribunal",
                "Empieza a las 9:00 (MST) en Denver Immigration Court, Room 4.\nTraiga: Pasaporte."
            ),
            (
                "Es hora de salir para su visita a la oficina",
                "Empieza a las 14:30 en Probation office.\nTraiga: Pay stubs."
            ),
        ]
    );
    let morning = list
        .iter()
        .find(|n| n.id.starts_with("appt-morning:h1#"))
        .expect("morning reminder");
    assert_eq!(morning.title, "Audiencia en el tribunal hoy a las 9:00");
    assert!(
        morning.body.ends_with("\nUsted planea salir a las 7:45."),
        "{}",
        morning.body
    );
}
