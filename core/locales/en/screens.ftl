# Every screen a participant sees (core/src/screens). Short sentences in
# plain words: many readers are worried, on a small screen, reading in
# their second language. Never threatening. "Program" is the agency that
# supervises the participant; see the glossary in core/locales/STATUS.md.
#
# A message that shows a clock time is also given its hour (0-23), for
# languages whose words around a time depend on it: Spanish "a la 1:30"
# but "a las 2:30", Portuguese "à 1:30" but "às 2:30". English has no use
# for it. The line "Also given:" right above such a message names it (the
# convention of reminders.ftl; the locale tests refuse any other argument
# English does not use).

## Shared

# $date: "Monday, March 16"; $time: "9:05 AM".
# Also given: $hour
screen-date-time = { $date } at { $time }
# How long until something happens. $unit: days | hours | minutes.
screen-in = { $unit ->
    [days] in { $count } days
    [hours] in { $count } hours
   *[minutes] { $count ->
        [one] in 1 minute
       *[other] in { $count } minutes
    }
}
screen-size-kb = { $kb } KB
# $whole and $tenth: 1.2 MB is whole 1, tenth 2.
screen-size-mb = { $whole }.{ $tenth } MB
screen-your-officer = your officer
screen-call-program = Call the program
screen-home = Back to home

## Home

home-title = Check-ins
home-warning-pin-title = Call your program
home-warning-pin-body = This phone could not confirm it was talking to { $program }, so nothing was sent. Your check-ins are safe on this phone. Call { $contact } and say: "the server key changed".
home-warning-refused-title = A check-in was not accepted
home-warning-refused-body = { $program } did not accept your check-in of { $when }. It is still saved on this phone. Call { $contact }.
home-open-refused = See this check-in
home-warning-missed-title = A check-in was missed
home-warning-missed-body = The check-in of { $when } was not done in time. Call { $contact } to explain what happened.
home-due-open-title = Check in now
# Also given: $hour
home-due-open-body = Open until { $time } ({ $left }).
home-due-grace-title = Check in now
# Also given: $hour
home-due-grace-body = It still counts as on time until { $time } ({ $left }).
home-due-late-title = Your check-in is late
# Also given: $hour
home-due-late-body = You can still check in until { $time } ({ $left }). It will be recorded as late.
home-due-upcoming-title = Next check-in
# Also given: $opens_hour, $closes_hour
home-due-upcoming-body = { $date }, from { $opens } to { $closes } ({ $left }).
home-due-done-title = Done
# Also given: $closes_hour
home-due-done-body = Your check-in for this time is saved. This check-in time ends at { $closes }.
home-nothing-due = No check-in is scheduled.
home-needs-title = What this check-in needs
need-photo = A photo of your face
need-photo-why = So the program knows it is you.
need-voice = A short voice recording
need-voice-why = So the program can hear it is you.
need-location-area = Whether you are in the approved area (yes or no)
need-location-coarse = Your approximate location
need-location-precise = Your location
need-location-why = Only at this moment, never in the background.
home-start-checkin = Start check-in
home-appointment-title = Next appointment
home-open-appointment = See details
# $network: offline | online.
home-queue-waiting = { $count ->
    [one] 1 check-in is saved on this phone
   *[other] { $count } check-ins are saved on this phone
} { $network ->
    [offline] and will be sent when you have signal.
   *[online] and will be sent as soon as the program can be reached.
}
home-sync = Send now
home-queue-empty = The program has received every check-in you made.
home-queue-media = { $count ->
    [one] 1 photo or recording is saved and waits for Wi-Fi.
   *[other] { $count } photos or recordings are saved and wait for Wi-Fi.
}
home-last-receipt-title = Last check-in received
home-last-receipt-body = The program received it on { $when }.
home-open-last-receipt = See the receipt
home-last-contact = Last contact with the program: { $when }.
home-open-appointments = Appointments
home-open-proof = My proof
home-open-my-data = My data
home-open-settings = Settings

## Check-in

checkin-title = Check-in
# Also given: $closes_hour
checkin-window = For the check-in of { $date }, open until { $closes }.
checkin-unscheduled = A check-in outside the schedule.
checkin-review = Check what will be sent
checkin-discard = Cancel this check-in
checkin-discarded-title = Check-in cancelled
checkin-discarded-body = Nothing of it was kept or sent.
step-photo = Photo
step-voice = Voice recording
step-location = Location
# $requirement: required | optional.
step-photo-why = { $requirement ->
    [required] { $program } asks for a photo of your face.
   *[optional] You can add a photo of your face.
}
step-voice-why = { $requirement ->
    [required] { $program } asks for a short recording of your voice.
   *[optional] You can add a short recording of your voice.
}
step-location-why = { $requirement ->
    [required] { $program } asks for your location at this moment.
   *[optional] You can add your location at this moment.
}
step-photo-taken = Taken: { $width } × { $height } pixels, { $size }.
step-voice-taken = Recorded: { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}, { $size }.
# $state: done | current | todo | optional.
step-state = { $state ->
    [done] done
    [current] to do now
    [todo] to do
   *[optional] optional
}
step-accessibility = Step { $index } of { $count }: { $label }, { $state }.
capture-photo-title = Take a photo of your face
capture-photo-instructions = Hold the phone at eye level, in a bright place. Only your face should be in the photo.
capture-photo-action = Open the camera
capture-photo-again = Take the photo again
capture-voice-title = Record your voice
capture-voice-instructions = Say your full name and today's date. You have up to { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}.
capture-voice-action = Start recording
capture-voice-again = Record again
capture-location-title = Share your location once
# $mode: area | coarse | precise.
capture-location-instructions = { $mode ->
    [area] The phone checks if you are inside the approved area. Only "yes" or "no" is sent.
    [coarse] Only the centre of the { $grid } m square you are in is sent, never the exact point.
   *[precise] Your location at this moment is sent.
}
capture-location-action = Share my location
capture-location-again = Share my location again
# $inside: yes | no.
location-sent-area = Inside the approved area: { $inside ->
    [yes] yes
   *[no] no
}
location-sent-coarse = Approximate: { $lat }, { $lon } (a { $grid } m square)
location-sent-precise = { $lat }, { $lon } (within { $accuracy } m)
hint-photo-fine = The photo looks good.
hint-voice-fine = The recording sounds good.

## Review

review-title = Check what will be sent
review-items-title = This check-in contains
review-photo = { $width } × { $height } pixels, { $size }. { $blurred ->
    [0] No other faces.
    [one] The face of 1 other person was blurred.
   *[other] The faces of { $blurred } other people were blurred.
}
review-voice = { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}, { $size }.
review-waits-for-wifi = It waits for Wi-Fi to be sent; the rest goes now.
review-time = Time
review-time-detail = The time you send it, and your phone's clock.
review-sealed-note = When you send it, it is locked on this phone so that only { $program } can open it. It stays on this phone until they confirm they received it.
review-submit = Send check-in
review-back = Go back

## Submitted

submitted-title = Your check-in
submitted-taken = Taken
submitted-saved-title = Locked and saved on this phone
# $network: offline | online.
submitted-saved-body = { $network ->
    [offline] It will be sent when you have signal. You do not need to do anything.
   *[online] It is being sent. If there is no signal, it will be sent later by itself.
}
submitted-offline-code = Offline code
submitted-offline-code-accessibility = Offline code: { $code }
submitted-offline-code-help = If you cannot send it today, read this code to your officer. It proves this check-in exists on your phone.
submitted-delivered-title = Received by the program
submitted-delivered-body = { $program } received your check-in on { $when }.
submitted-received = Received
submitted-receipt-key = Signed by
submitted-receipt-key-accessibility = The program's key that signed the receipt.
submitted-proof = Your proof
submitted-proof-value = This signed receipt is kept on this phone.
submitted-open-proof = See all my proof
submitted-refused-title = Not accepted by the program
submitted-refused-body = { $program } did not accept this check-in. It is still saved on this phone. Call { $contact }.
submitted-refused-code = For your officer
submitted-retry = Try sending again

## First run

enroll-title = Set up check-ins
enroll-intro = Type the address and the code that your program gave you, or scan their QR code.
enroll-managed-title = Set up by your program
enroll-managed-body = Your program filled this in for this phone.
enroll-server-label = Program address
enroll-server-hint = It starts with https://
enroll-code-label = Code
enroll-code-hint = Letters and numbers, for example K7Q4P-2MX9A-7HJQ3.
enroll-privacy = This phone makes its own key. Your check-ins can only be opened by your program.
enroll-kept-title = Your check-ins were kept
enroll-kept-body = { $count ->
    [one] 1 check-in made before this phone lost its key is still saved on this phone. It will be sent once you connect with a new code from your program.
   *[other] { $count } check-ins made before this phone lost its key are still saved on this phone. They will be sent once you connect with a new code from your program.
}
enroll-submit = Connect
enroll-scan = Scan the QR code
consent-title = What this program collects
consent-intro = Before your first check-in, read what { $program } collects from this phone.
consent-where-to-see-again = You can read this again at any time in "My data".
consent-accept = I have read this
consent-changed-title = The text changed
consent-changed-body = The program changed what it collects while you were reading. Please read it again.

## Appointments

# $kind: court_hearing | office_visit | other; $title: the program's own
# name for it, or "none".
appointment-name = { $kind ->
    [court_hearing] Court hearing
    [office_visit] Office visit
   *[other] { $title ->
        [none] Appointment
       *[other] { $title }
    }
}
# $zone: the zone's abbreviation when the place is in another time zone
# than the participant's, else "none".
# Also given: $hour
appointment-when = { $date } at { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}
# $place: the place, or "none".
appointment-line = { $name }: { $when }{ $place ->
    [none] {""}
   *[other] {" "}· { $place }
}
appointments-title = Appointments
appointments-none = You have no upcoming appointments.
appointments-open = See details
# Also given: $hour
appointments-planned = Leaving at { $time }
appointment-when-label = When
appointment-where-label = Where
appointment-bring-label = Bring
appointment-notes-label = Notes
appointment-if-missed-title = If you cannot go
appointment-detail-if-missed = { $kind ->
    [court_hearing] If you miss it, the judge can decide without you. If you cannot go, call { $contact } before the hearing.
   *[other] If you cannot go, call { $contact } before the appointment.
}
# Also given: $hour
appointment-detail-plan-prompt = What time will you leave to get there by { $time }?
appointment-plan-hint = For example 7:30. We will remind you at that time.
appointment-plan-saved-title = Your plan is saved
# Also given: $hour
appointment-plan-saved-body = We will remind you to leave at { $time }.
appointment-save-plan = Save my plan
appointment-remove-plan = Remove the reminder

## Proof and my data

proof-title = My proof
proof-intro = Each check-in time, and the receipt { $program } signed when it received your check-in.
proof-none = No check-in times yet.
proof-window-title = The last { $days } days
proof-on-time = On time
proof-late = Late
proof-saved = Saved, not sent yet
proof-refused = Not accepted
proof-missed = Missed
proof-open = Not done yet
proof-received = Received on { $when }
proof-saved-detail = Offline code: { $code }
proof-refused-detail = The program did not accept it. Call your officer.
proof-open-checkin = See this check-in
proof-export = Share my proof
proof-open-ledger = See everything this phone did
ledger-screen-title = Everything this phone did
mydata-title = My data
mydata-statement-title = What this program collects
# The participant confirmed having read each version ("I have read
# this"); the title says no more than that.
mydata-consents-title = What you have read
mydata-consent = Version { $version }
mydata-consent-detail = Read on { $when } ({ $language })
mydata-never-sent = Your searches, your plans and your settings stay on this phone. They are never sent.

## Settings

settings-title = Settings
settings-language = Language
settings-permissions-title = What this app may do on this phone
settings-allow = Allow
settings-no-background-location = This app never uses your location in the background. It asks for it only during a check-in, if your program asks for it.
settings-version = App version { $version }
# $permission: camera | microphone | location | notifications | exact_alarms.
permission-name = { $permission ->
    [camera] Camera
    [microphone] Microphone
    [location] Location
    [notifications] Notifications
   *[exact_alarms] Reminders on time
}
permission-why = { $permission ->
    [camera] For the photo of your face, only when you check in.
    [microphone] For your voice recording, only when you check in.
    [location] Only during a check-in, if your program asks for it.
    [notifications] To remind you of check-ins and appointments.
   *[exact_alarms] So reminders come at the exact minute, not a few minutes late.
}
# $state: granted | denied | not_asked.
permission-state = { $state ->
    [granted] Allowed
    [denied] Not allowed
   *[not_asked] Not asked yet
}
permission-denied-title = { $permission ->
    [camera] The camera is off for this app
    [microphone] The microphone is off for this app
    [location] Location is off for this app
    [notifications] Notifications are off for this app
   *[exact_alarms] Exact reminders are off
}
permission-denied-body = { $permission ->
    [camera] The photo cannot be taken. Allow the camera, then try again.
    [microphone] Your voice cannot be recorded. Allow the microphone, then try again.
    [location] Your location cannot be shared. Allow location, then try again.
    [notifications] You will not get reminders. Allow notifications so you do not miss a check-in.
   *[exact_alarms] Reminders may come a few minutes late.
}

## Problems, in words the participant can act on

error-title = Something needs your attention
error-offline-title = Not sent yet
error-code-invalid = This code does not work. Check it, or ask your program for a new one.
error-code-empty = Type the code your program gave you.
error-server-url = Check the address. It starts with https://
error-network = The program could not be reached. Your check-ins are safe on this phone and will be sent later.
error-pin-mismatch = This phone could not confirm it was talking to your program. Nothing was sent. Call your program.
error-server = The program's server answered with a problem. Try again later. If it happens again, call your program.
error-storage-full = This phone is full. Delete some photos or apps, then try again. Nothing already saved was lost.
error-media = This could not be used. Please try again.
error-missing-evidence = Something the program asks for is missing. Complete every step first.
error-policy-changed = The program changed its rules during this check-in. Cancel it and start again.
error-window-closed = The time for this check-in is over, including the extra time allowed after it. Nothing more can be added to it. Cancel it. If you could not check in on time, call your program.
error-location-not-collected = Your program does not collect your location. Nothing was kept.
error-location-invalid = The phone could not tell where you are. Try again, outside if you can.
error-unexpected = Something went wrong. Your check-ins on this phone are safe. Try again.
error-leave-time = Type a time like 7:30.
error-scanned-code = This QR code is not from your program. Ask your program for the right one.
call-no-number-title = How to reach your program
call-no-number-body = Your program did not give a phone number for this app. Use the number on your papers.

## Notification groups (the phone's settings list them by these names)

channel-checkins-name = Check-ins
channel-checkins-description = When a check-in opens, closes soon, or is late.
channel-appointments-name = Appointments
channel-appointments-description = Court hearings, office visits, and when to leave for them.

## The proof file (shared with a lawyer)

export-title = Proof of check-ins: { $program }
export-made = Made on { $when }
export-windows = Check-in times of the last 60 days:
# $status: delivered | not_yet_sent | wedged | not_taken.
export-status = { $status ->
    [delivered] received by the program
    [not_yet_sent] saved on the phone, not sent yet
    [wedged] not accepted by the program
   *[not_taken] not done
}
export-verifiable = The record below can be checked by anyone, without this app (see docs/ledger.md of the check-in core):

## The shell's own controls, and when nothing can be shown

shell-back = Back
shell-close = Close
shell-take-photo = Take the photo
shell-switch-camera = Switch camera
shell-start-recording = Start recording
shell-stop-recording = Stop recording
shell-cancel = Cancel
shell-loading = One moment…
shell-locating = Finding where you are…
shell-scan-hint = Point the camera at your program's QR code.
# $reason: locked | key_lost | storage_full | unexpected.
unavailable-title = { $reason ->
    [locked] Unlock your phone
    [key_lost] Call your program
    [storage_full] This phone is full
   *[unexpected] Something went wrong
}
unavailable-body = { $reason ->
    [locked] Your check-ins are locked until you unlock this phone once. Unlock it, then open the app again.
    [key_lost] This phone lost the key that protects your check-ins, for example after a reset. The check-ins still waiting to be sent were sealed for your program, and they are kept. Everything else on this phone (your history, your receipts) can no longer be read. Set up this phone again, then connect with a new code from your program: the kept check-ins will be sent.
    [storage_full] Delete some photos or apps, then open the app again. Nothing already saved was lost.
   *[unexpected] Close the app and open it again. Your check-ins on this phone are safe. If it happens again, call your program.
}
unavailable-action = { $reason ->
    [key_lost] Set up this phone again
   *[other] Try again
}
call-number = Call { $phone }.
