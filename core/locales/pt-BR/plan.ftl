# Mudanças do plano anotadas no registro do participante (módulo plan).
# $kind: court_hearing | office_visit | other.

change-zone = Seu fuso horário mudou de { $from } para { $to }.
change-language = Seu idioma mudou para { $to }.
change-reminders = As configurações dos seus lembretes mudaram.

change-schedule-added = { $recurring ->
    [yes] Nova apresentação periódica, a partir de { $first }.
   *[no] Nova apresentação: { $first }.
}
change-schedule-removed = { $recurring ->
    [yes] Uma apresentação periódica foi removida.
   *[no] Uma apresentação foi removida.
}
change-schedule-changed = Um calendário de apresentações mudou: { $fields }.
schedule-field-start = início
schedule-field-recurrence = regra de repetição
schedule-field-cancellations = datas canceladas
schedule-field-window = tempo para se apresentar
schedule-field-grace = período de tolerância
schedule-field-late = período de atraso
schedule-field-requirements = o que enviar

change-appointment-added = { $kind ->
        [court_hearing] Nova audiência no tribunal
        [office_visit] Nova visita ao escritório
       *[other] Novo compromisso
    }: { $at }.
change-appointment-removed = { $kind ->
        [court_hearing] Audiência no tribunal cancelada
        [office_visit] Visita ao escritório cancelada
       *[other] Compromisso cancelado
    }: { $at }.
change-appointment-moved = { $kind ->
        [court_hearing] Audiência no tribunal remarcada
        [office_visit] Visita ao escritório remarcada
       *[other] Compromisso remarcado
    } de { $from } para { $to }.
change-appointment-details = Os detalhes { $kind ->
        [court_hearing] da audiência no tribunal
        [office_visit] da visita ao escritório
       *[other] do compromisso
    } mudaram.

change-window-added = Apresentação adicionada: { $at }.
change-window-removed = Apresentação cancelada ou remarcada: { $at }.
