# Textos de notificaciones (módulo remind).
# $close_hour, $late_hour, $hour: la hora (0-23) de la hora mostrada, para
# decir «a la 1:30» pero «a las 2:30».

window-opens-title = Es hora de reportarse
window-opens-body = Su ventana de reporte está abierta hasta { $close_hour ->
    [1] la
   *[other] las
} { $close_time } del { $close_date }.

window-closing-title = El reporte cierra pronto
window-closing-body = { $minutes ->
    [one] Queda un minuto: repórtese antes de { $close_hour ->
        [1] la
       *[other] las
    } { $close_time }.
   *[other] Quedan { $minutes } minutos: repórtese antes de { $close_hour ->
        [1] la
       *[other] las
    } { $close_time }.
}

appointment-title = { $kind ->
    [court_hearing] Audiencia en el tribunal
    [office_visit] Visita a la oficina
   *[other] { $title ->
        [none] Cita
       *[other] { $title }
    }
}

appointment-body = { $day ->
    [today] Hoy
    [tomorrow] Mañana
   *[other] El { $date }
} a { $hour ->
    [1] la
   *[other] las
} { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}{ $place ->
    [none] {""}
   *[other] {" "}· { $place }
}

window-late-title = Reporte atrasado
window-late-body = Todavía puede reportarse hasta { $late_hour ->
    [1] la
   *[other] las
} { $late_time } del { $late_date }; quedará registrado como tardío.
