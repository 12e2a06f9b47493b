# Plan changes written to the participant's ledger (plan module).
# $kind: court_hearing | office_visit | other.


change-zone = Your time zone changed from { $from } to { $to }.
change-language = Your language changed to { $to }.
change-reminders = Your reminder settings changed.

# $recurring: yes | no; $first: date and time of the first window.
change-schedule-added = { $recurring ->
    [yes] New recurring check-in, starting { $first }.
   *[no] New check-in on { $first }.
}
change-schedule-removed = { $recurring ->
    [yes] A recurring check-in was removed.
   *[no] A check-in was removed.
}
# $fields: comma-separated names below.
change-schedule-changed = A check-in schedule changed: { $fields }.
schedule-field-start = start
schedule-field-recurrence = repeat rule
schedule-field-cancellations = cancelled dates
schedule-field-window = window length
schedule-field-grace = grace period
schedule-field-late = late period
schedule-field-requirements = what to send

# $at, $from, $to: date, time and zone.
change-appointment-added = New { $kind ->
        [court_hearing] court hearing
        [office_visit] office visit
       *[other] appointment
    }: { $at }.
change-appointment-removed = { $kind ->
        [court_hearing] Court hearing
        [office_visit] Office visit
       *[other] Appointment
    } cancelled: { $at }.
change-appointment-moved = { $kind ->
        [court_hearing] Court hearing
        [office_visit] Office visit
       *[other] Appointment
    } moved from { $from } to { $to }.
change-appointment-details = { $kind ->
        [court_hearing] Court hearing
        [office_visit] Office visit
       *[other] Appointment
    } details changed.

# $at: date and time of the window.
change-window-added = Check-in added: { $at }.
change-window-removed = Check-in cancelled or moved: { $at }.
