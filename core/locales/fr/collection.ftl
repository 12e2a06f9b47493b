# « Ce que ce programme recueille » (core/src/disclosure.rs), généré à partir
# des règles du programme. $requirement vaut required, optional ou off.

collect-program-unnamed = votre programme
collect-title = Ce que { $program } recueille sur ce téléphone
collect-when = Seulement quand vous vous présentez. Rien n’est recueilli en arrière-plan ni entre deux présentations.
collect-photo = { $requirement ->
    [required] Une photo de vous à chaque présentation (obligatoire), réduite à { $px } pixels sur le grand côté, sans aucune donnée cachée.
    [optional] Une photo de vous lors d’une présentation si vous choisissez d’en prendre une, réduite à { $px } pixels sur le grand côté, sans aucune donnée cachée.
   *[off] Aucune photo.
}
collect-blur-yes = Les visages des autres personnes sur la photo sont floutés sur ce téléphone avant l’envoi.
collect-blur-no = Les visages des autres personnes sur la photo ne sont pas floutés.
collect-voice = { $requirement ->
    [required] Un enregistrement de votre voix à chaque présentation (obligatoire), de { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    } au maximum.
    [optional] Un enregistrement de votre voix lors d’une présentation si vous choisissez d’en faire un, de { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    } au maximum.
   *[off] Aucun enregistrement de voix.
}
collect-location-none = Votre position n’est jamais recueillie.
collect-location-precise = Votre position exacte au moment où vous vous présentez.
collect-location-coarse = Seulement votre position approximative quand vous vous présentez : le centre du carré de { $grid } m où vous êtes, jamais le point exact.
collect-location-area = Seulement si vous êtes dans la zone autorisée quand vous vous présentez (vérifié sur ce téléphone), jamais l’endroit où vous êtes.
collect-location-required = Une présentation ne peut pas être envoyée sans position.
collect-location-optional = Une présentation peut être envoyée sans position si votre téléphone n’en a pas.
collect-location-flags = La présentation indique aussi si la position était ancienne, imprécise ou, selon le téléphone, simulée.
collect-retention = La photo et l’enregistrement sont effacés de ce téléphone dès que le programme confirme les avoir reçus. Le reste de chaque présentation reçue est effacé { $days ->
    [one] { $days } jour
   *[other] { $days } jours
} après la présentation (une présentation commencée mais jamais envoyée est effacée au même moment). Une présentation que le programme n’a pas encore reçue n’est jamais effacée. Votre registre sur ce téléphone garde une description de chaque présentation (ce qui a été envoyé, quand, la position telle qu’elle a été envoyée et l’accusé de réception du programme) : c’est votre preuve.
collect-receivers = Qui reçoit ces informations : { $receivers }.
collect-contact = Questions : { $contact } · Avis de confidentialité : { $url }
collect-version = Version des règles : { $version }.
