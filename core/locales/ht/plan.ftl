# Chanjman nan plan an ki ekri nan dosye moun nan (modil plan).
# $kind: court_hearing | office_visit | other.

change-zone = Fizo orè ou chanje: li te { $from }, kounye a se { $to }.
change-language = Lang ou chanje: kounye a se { $to }.
change-reminders = Paramèt rapèl ou yo chanje.

change-schedule-added = { $recurring ->
    [yes] Nouvo prezantasyon regilye, apati { $first }.
   *[no] Nouvo prezantasyon: { $first }.
}
change-schedule-removed = { $recurring ->
    [yes] Yo retire yon prezantasyon regilye.
   *[no] Yo retire yon prezantasyon.
}
change-schedule-changed = Yon orè prezantasyon chanje: { $fields }.
schedule-field-start = kòmansman
schedule-field-recurrence = règ pou repete
schedule-field-cancellations = dat ki anile
schedule-field-window = konbyen tan ou genyen pou prezante
schedule-field-grace = tan tolerans
schedule-field-late = tan an reta
schedule-field-requirements = sa pou voye

change-appointment-added = { $kind ->
        [court_hearing] Nouvo odyans nan tribinal
        [office_visit] Nouvo randevou nan biwo
       *[other] Nouvo randevou
    }: { $at }.
change-appointment-removed = { $kind ->
        [court_hearing] Odyans nan tribinal anile
        [office_visit] Randevou nan biwo anile
       *[other] Randevou anile
    }: { $at }.
change-appointment-moved = { $kind ->
        [court_hearing] Odyans nan tribinal la chanje
        [office_visit] Randevou nan biwo a chanje
       *[other] Randevou a chanje
    }: li te { $from }, kounye a se { $to }.
change-appointment-details = Detay { $kind ->
        [court_hearing] odyans nan tribinal la
        [office_visit] randevou nan biwo a
       *[other] randevou a
    } chanje.

change-window-added = Nouvo prezantasyon: { $at }.
change-window-removed = Prezantasyon anile oswa deplase: { $at }.
