# Notification texts (remind module).
#
# Some messages are also given the hour (0-23) of a time they show, for
# languages whose grammar depends on it: Spanish "a la 1:30" but "a las
# 2:30", Portuguese "à 1:30" but "às 2:30". English has no use for it. A
# line "Also given:" in the comment right above such a message names those
# arguments; every language may use them or not, and the locale test
# (core/src/i18n/parity_tests.rs) refuses any other argument English does
# not use.

window-opens-title = Time to check in

# $close_time: local clock time the window closes; $close_date: its date.
# Also given: $close_hour
window-opens-body = Your check-in window is open until { $close_time } on { $close_date }.

window-closing-title = Check-in closes soon

# $minutes: minutes left until the window closes; $close_time as above.
# Also given: $close_hour
window-closing-body = { $minutes ->
    [one] One minute left: check in before { $close_time }.
   *[other] { $minutes } minutes left: check in before { $close_time }.
}

# $kind: court_hearing | office_visit | other; $title: the officer's own
# title for the appointment, or "none".
appointment-title = { $kind ->
    [court_hearing] Court hearing
    [office_visit] Office visit
   *[other] { $title ->
        [none] Appointment
       *[other] { $title }
    }
}

# $day: today | tomorrow | other; $date, $time: local date and time at the
# appointment's place; $zone: its zone abbreviation when it differs from
# the participant's, else "none"; $place: the place, or "none".
# Also given: $hour
appointment-body = { $day ->
    [today] Today
    [tomorrow] Tomorrow
   *[other] { $date }
} at { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}{ $place ->
    [none] {""}
   *[other] {" "}· { $place }
}

window-late-title = Check-in is late

# $late_time, $late_date: when late check-ins stop being accepted.
# Also given: $late_hour
window-late-body = You can still check in until { $late_time } on { $late_date }; it will be recorded as late.

# Court-hearing reminders days ahead and on the morning (docs/plan.md,
# "Court hearings"). Their body is lines: appointment-body (with $day
# "other", so the date is named), then the messages below as they apply.

# $kind, $title as for appointment-title; $days: days from the reminder's
# day to the appointment's day, both at its place (0: the same day);
# $time: its start time there.
# Also given: $hour
appointment-soon-title = { $kind ->
    [court_hearing] Court hearing
    [office_visit] Office visit
   *[other] { $title ->
        [none] Appointment
       *[other] { $title }
    }
} { $days ->
    [0] today at { $time }
    [1] tomorrow
   *[other] in { $days } days
}

# $things: the program's list of what to bring, joined with ", ".
appointment-bring = Bring: { $things }.

# When the program gave no words of its own for what happens if the
# appointment is missed. Neutral: inform, never threaten.
# $kind: court_hearing | office_visit | other.
appointment-if-missed = { $kind ->
    [court_hearing] If you miss it, the judge can decide without you. If you cannot go, call your program before the hearing.
    [office_visit] If you cannot go, call your program before the visit to change it.
   *[other] If you cannot go, call your program before it starts.
}

# The plan-making prompt, when no leave time is saved. $time: the start
# time at the place.
# Also given: $hour
appointment-plan-prompt = What time will you leave to get there by { $time }? Open the app to plan your trip.

# When a leave time is saved. $leave_time: that time at the place.
# Also given: $leave_hour
appointment-leave-planned = You plan to leave at { $leave_time }.

# The reminder at the saved leave time. $kind, $title as for
# appointment-title.
appointment-leave-title = { $kind ->
    [court_hearing] Time to leave for your court hearing
    [office_visit] Time to leave for your office visit
   *[other] { $title ->
        [none] Time to leave for your appointment
       *[other] Time to leave: { $title }
    }
}

# $time, $zone, $place as for appointment-body.
# Also given: $hour
appointment-leave-body = It starts at { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}{ $place ->
    [none] {""}
   *[other] {" "}at { $place }
}.
