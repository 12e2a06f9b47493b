# Cambios del plan que se anotan en el registro del participante.


change-zone = Su zona horaria cambió de { $from } a { $to }.
change-language = Su idioma cambió a { $to }.
change-reminders = Cambió la configuración de sus recordatorios.

change-schedule-added = { $recurring ->
    [yes] Nuevo reporte periódico a partir del { $first }.
   *[no] Nuevo reporte el { $first }.
}
change-schedule-removed = { $recurring ->
    [yes] Se eliminó un reporte periódico.
   *[no] Se eliminó un reporte.
}
change-schedule-changed = Cambió un calendario de reportes: { $fields }.
schedule-field-start = inicio
schedule-field-recurrence = regla de repetición
schedule-field-cancellations = fechas canceladas
schedule-field-window = duración de la ventana
schedule-field-grace = período de gracia
schedule-field-late = período de retraso
schedule-field-requirements = qué enviar

change-appointment-added = Nueva { $kind ->
        [court_hearing] audiencia en el tribunal
        [office_visit] visita a la oficina
       *[other] cita
    }: { $at }.
change-appointment-removed = { $kind ->
        [court_hearing] Audiencia en el tribunal
        [office_visit] Visita a la oficina
       *[other] Cita
    } cancelada: { $at }.
change-appointment-moved = { $kind ->
        [court_hearing] Audiencia en el tribunal
        [office_visit] Visita a la oficina
       *[other] Cita
    } cambiada del { $from } al { $to }.
change-appointment-details = Cambiaron los detalles de la { $kind ->
        [court_hearing] audiencia en el tribunal
        [office_visit] visita a la oficina
       *[other] cita
    }.

change-window-added = Nuevo reporte: { $at }.
change-window-removed = Reporte cancelado o cambiado: { $at }.
