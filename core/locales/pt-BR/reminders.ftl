# Textos das notificações (módulo remind). Argumentos: en/reminders.ftl.
# $close_hour, $late_hour, $hour: a hora (0-23) do horário mostrado, para
# dizer "à 1:30" e "à 0:30", mas "às 2:30" e "às 13:30".

window-opens-title = Hora de se apresentar
window-opens-body = Você pode se apresentar até { $close_hour ->
    [0] a
    [1] a
   *[other] as
} { $close_time } de { $close_date }.

window-closing-title = O prazo para se apresentar está acabando
# A regra CLDR `one` do português (Brasil) vale para 0 e 1: "Falta 1 minuto".
window-closing-body = { $minutes ->
    [one] Falta { $minutes } minuto: apresente-se antes { $close_hour ->
        [0] da
        [1] da
       *[other] das
    } { $close_time }.
   *[other] Faltam { $minutes } minutos: apresente-se antes { $close_hour ->
        [0] da
        [1] da
       *[other] das
    } { $close_time }.
}

appointment-title = { $kind ->
    [court_hearing] Audiência no tribunal
    [office_visit] Visita ao escritório
   *[other] { $title ->
        [none] Compromisso
       *[other] { $title }
    }
}

# A data começa com o dia da semana em minúscula ("segunda-feira, …"),
# por isso "Quando:" na frente.
appointment-body = { $day ->
    [today] Hoje
    [tomorrow] Amanhã
   *[other] Quando: { $date },
} { $hour ->
    [0] à
    [1] à
   *[other] às
} { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}{ $place ->
    [none] {""}
   *[other] {" "}· { $place }
}

window-late-title = Apresentação atrasada
window-late-body = Você ainda pode se apresentar até { $late_hour ->
    [0] a
    [1] a
   *[other] as
} { $late_time } de { $late_date }; sua apresentação será registrada como atrasada.

appointment-soon-title = { $kind ->
    [court_hearing] Audiência no tribunal
    [office_visit] Visita ao escritório
   *[other] { $title ->
        [none] Compromisso
       *[other] { $title }
    }
} { $days ->
    [0] hoje { $hour ->
        [0] à
        [1] à
       *[other] às
    } { $time }
    [1] amanhã
   *[other] em { $days } dias
}

appointment-bring = Leve: { $things }.

appointment-if-missed = { $kind ->
    [court_hearing] Se você faltar, o juiz pode decidir sem você. Se não puder ir, ligue para o seu programa antes da audiência.
    [office_visit] Se não puder ir, ligue para o seu programa antes da visita para remarcá-la.
   *[other] Se não puder ir, ligue para o seu programa antes do compromisso.
}

# "até a 1:30 / até as 13:30", sem crase depois de "até" (STATUS.md).
appointment-plan-prompt = A que horas você vai sair para chegar até { $hour ->
    [0] a
    [1] a
   *[other] as
} { $time }? Abra o aplicativo para planejar o trajeto.

appointment-leave-planned = Você planeja sair { $leave_hour ->
    [0] à
    [1] à
   *[other] às
} { $leave_time }.

appointment-leave-title = { $kind ->
    [court_hearing] Hora de sair para a sua audiência no tribunal
    [office_visit] Hora de sair para a sua visita ao escritório
   *[other] { $title ->
        [none] Hora de sair para o seu compromisso
       *[other] Hora de sair: { $title }
    }
}

# O local vem depois de "Local:", para não depender do gênero do nome.
appointment-leave-body = Começa { $hour ->
    [0] à
    [1] à
   *[other] às
} { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}.{ $place ->
    [none] {""}
   *[other] {" "}Local: { $place }.
}
