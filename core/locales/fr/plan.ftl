# Changements du plan notés dans le registre de la personne (module plan).
# $kind : court_hearing | office_visit | other.

change-zone = Votre fuseau horaire est passé de { $from } à { $to }.
change-language = Votre langue est maintenant : { $to }.
change-reminders = Vos réglages de rappels ont changé.

change-schedule-added = { $recurring ->
    [yes] Nouvelle présentation régulière, à partir du { $first }.
   *[no] Nouvelle présentation le { $first }.
}
change-schedule-removed = { $recurring ->
    [yes] Une présentation régulière a été supprimée.
   *[no] Une présentation a été supprimée.
}
change-schedule-changed = Un calendrier de présentations a changé : { $fields }.
schedule-field-start = début
schedule-field-recurrence = règle de répétition
schedule-field-cancellations = dates annulées
schedule-field-window = durée pour vous présenter
schedule-field-grace = délai de grâce
schedule-field-late = délai de retard
schedule-field-requirements = ce qu’il faut envoyer

change-appointment-added = { $kind ->
        [court_hearing] Nouvelle audience au tribunal
        [office_visit] Nouveau rendez-vous au bureau
       *[other] Nouveau rendez-vous
    } : { $at }.
change-appointment-removed = { $kind ->
        [court_hearing] Audience au tribunal annulée
        [office_visit] Rendez-vous au bureau annulé
       *[other] Rendez-vous annulé
    } : { $at }.
change-appointment-moved = { $kind ->
        [court_hearing] Audience au tribunal déplacée
        [office_visit] Rendez-vous au bureau déplacé
       *[other] Rendez-vous déplacé
    } du { $from } au { $to }.
change-appointment-details = { $kind ->
        [court_hearing] Les détails de l’audience au tribunal ont changé.
        [office_visit] Les détails du rendez-vous au bureau ont changé.
       *[other] Les détails du rendez-vous ont changé.
    }

change-window-added = Présentation ajoutée : { $at }.
change-window-removed = Présentation annulée ou déplacée : { $at }.
