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

appointment-soon-title = { $kind ->
    [court_hearing] Audiencia en el tribunal
    [office_visit] Visita a la oficina
   *[other] { $title ->
        [none] Cita
       *[other] { $title }
    }
} { $days ->
    [0] hoy a { $hour ->
        [1] la
       *[other] las
    } { $time }
    [1] mañana
   *[other] dentro de { $days } días
}

appointment-bring = Traiga: { $things }.

appointment-if-missed = { $kind ->
    [court_hearing] Si no asiste, el juez puede decidir sin usted. Si no puede ir, llame a su programa antes de la audiencia.
    [office_visit] Si no puede ir, llame a su programa antes de la visita para cambiarla.
   *[other] Si no puede ir, llame a su programa antes de la cita.
}

appointment-plan-prompt = ¿A qué hora saldrá para llegar a { $hour ->
    [1] la
   *[other] las
} { $time }? Abra la aplicación para planear su viaje.

appointment-leave-planned = Usted planea salir a { $leave_hour ->
    [1] la
   *[other] las
} { $leave_time }.

appointment-leave-title = { $kind ->
    [court_hearing] Es hora de salir para su audiencia en el tribunal
    [office_visit] Es hora de salir para su visita a la oficina
   *[other] { $title ->
        [none] Es hora de salir para su cita
       *[other] Es hora de salir: { $title }
    }
}

appointment-leave-body = Empieza a { $hour ->
    [1] la
   *[other] las
} { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}{ $place ->
    [none] {""}
   *[other] {" "}en { $place }
}.
