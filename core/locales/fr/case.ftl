# Votre dossier (core/src/case, core/src/screens/case.rs) : ce que le
# programme a écrit sur votre dossier, visible par vous seul. Mots calmes.

## Home

home-open-case = Mon dossier

## Case screen

case-title = Mon dossier
case-none = Le programme n’a pas encore envoyé les informations de votre dossier. Elles arriveront à la prochaine synchronisation.
case-number = Numéro de dossier
case-number-masked-a11y = Numéro de dossier se terminant par { $last }, masqué
case-show-number = Afficher le numéro de dossier
case-hide-number = Masquer le numéro de dossier
case-officer = Votre agent
case-contact-hours = Quand joindre votre agent
case-officer-phone = Téléphone de l’agent
case-officer-email = E-mail de l’agent
case-call-officer = Appeler votre agent
case-hearings = Prochaines audiences au tribunal
case-open-hearing = Voir les détails
case-conditions = Vos conditions
case-documents = Documents à apporter
case-phones = Numéros du programme
case-call = Appeler
case-from-program = Ces informations viennent de votre programme. Si quelque chose est faux, appelez-le.
case-hearing-when = { $date } à { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}

## Ledger

case-change-received = Les informations de votre dossier ont été reçues.
case-change-number = Votre numéro de dossier a changé.
case-change-officer = Votre agent a changé.
case-change-officer-contact = La façon de joindre votre agent a changé.
case-change-phones = Les numéros du programme ont changé.
case-change-conditions-added = { $count ->
    [one] { $count } condition ajoutée.
   *[other] { $count } conditions ajoutées.
}
case-change-conditions-removed = { $count ->
    [one] { $count } condition retirée.
   *[other] { $count } conditions retirées.
}
case-change-conditions-changed = { $count ->
    [one] { $count } condition reformulée.
   *[other] { $count } conditions reformulées.
}
case-change-documents = Les documents à apporter ont changé.
ledger-case = Informations de votre dossier reçues, révision { $revision }. { $changes }
