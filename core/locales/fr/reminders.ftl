# Textes des notifications (module remind). Voir en/reminders.ftl pour les
# arguments ; $close_hour, $late_hour et $hour ne servent pas en français.

window-opens-title = C’est l’heure de vous présenter
window-opens-body = Vous pouvez vous présenter jusqu’à { $close_time } le { $close_date }.

window-closing-title = Le délai pour vous présenter se termine bientôt
# « une minute » pour 1 ; la règle CLDR `one` du français couvre aussi 0.
window-closing-body = { $minutes ->
    [1] Il reste une minute : présentez-vous avant { $close_time }.
    [one] Il reste { $minutes } minute : présentez-vous avant { $close_time }.
   *[other] Il reste { $minutes } minutes : présentez-vous avant { $close_time }.
}

appointment-title = { $kind ->
    [court_hearing] Audience au tribunal
    [office_visit] Rendez-vous au bureau
   *[other] { $title ->
        [none] Rendez-vous
       *[other] { $title }
    }
}

appointment-body = { $day ->
    [today] Aujourd’hui
    [tomorrow] Demain
   *[other] Le { $date }
} à { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}{ $place ->
    [none] {""}
   *[other] {" "}· { $place }
}

window-late-title = Présentation en retard
window-late-body = Vous pouvez encore vous présenter jusqu’à { $late_time } le { $late_date } ; votre présentation sera notée en retard.
