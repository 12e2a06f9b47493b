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

appointment-soon-title = { $kind ->
    [court_hearing] Audience au tribunal
    [office_visit] Rendez-vous au bureau
   *[other] { $title ->
        [none] Rendez-vous
       *[other] { $title }
    }
} { $days ->
    [0] aujourd’hui à { $time }
    [1] demain
   *[other] dans { $days } jours
}

appointment-bring = À apporter : { $things }.

appointment-if-missed = { $kind ->
    [court_hearing] Si vous n’y allez pas, le juge peut décider sans vous. Si vous ne pouvez pas y aller, appelez votre programme avant l’audience.
    [office_visit] Si vous ne pouvez pas y aller, appelez votre programme avant le rendez-vous pour le changer.
   *[other] Si vous ne pouvez pas y aller, appelez votre programme avant le rendez-vous.
}

appointment-plan-prompt = À quelle heure partirez-vous pour arriver à { $time } ? Ouvrez l’application pour préparer votre trajet.

appointment-leave-planned = Vous prévoyez de partir à { $leave_time }.

appointment-leave-title = { $kind ->
    [court_hearing] C’est l’heure de partir pour votre audience au tribunal
    [office_visit] C’est l’heure de partir pour votre rendez-vous au bureau
   *[other] { $title ->
        [none] C’est l’heure de partir pour votre rendez-vous
       *[other] C’est l’heure de partir : { $title }
    }
}

# « Début à … » et « Lieu : … » : sans accord avec le genre du rendez-vous
# ni du nom du lieu.
appointment-leave-body = Début à { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}.{ $place ->
    [none] {""}
   *[other] {" "}Lieu : { $place }.
}
