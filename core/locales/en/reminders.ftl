# Notification texts (remind module).
# $close_time: local clock time the window closes; $close_date: its date.
# $close_hour, $late_hour, $hour: the hour (0-23) of the time shown, for
# languages whose grammar depends on it (Spanish: "a la 1:30", "a las 2:30").

window-opens-title = Time to check in
window-opens-body = Your check-in window is open until { $close_time } on { $close_date }.

# $minutes: minutes left until the window closes.
window-closing-title = Check-in closes soon
window-closing-body = { $minutes ->
    [one] One minute left: check in before { $close_time }.
   *[other] { $minutes } minutes left: check in before { $close_time }.
}

# $kind: court_hearing | office_visit | other; $title: the officer's own
# title for the appointment, may be empty.
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
# the participant's, else empty; $place: may be empty.
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

# $late_time, $late_date: when late check-ins stop being accepted.
window-late-title = Check-in is late
window-late-body = You can still check in until { $late_time } on { $late_date }; it will be recorded as late.
