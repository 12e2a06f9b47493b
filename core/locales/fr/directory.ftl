# Services communautaires (core/src/directory, core/src/screens/directory.rs).
# Mots simples : la personne qui lit cherche peut-être un abri pour ce
# soir. Les recherches et les services enregistrés ne quittent jamais le
# téléphone.

## Home

home-open-directory = Services communautaires

## Search

directory-title = Services communautaires
directory-none = Le programme n’a pas encore envoyé la liste des services communautaires. Elle arrivera à la prochaine synchronisation.
directory-search-label = Rechercher
directory-search-hint = Des mots comme abri, repas, avocat, clinique
directory-search-too-long = Cette recherche est trop longue. Utilisez quelques mots.
directory-search = Rechercher
directory-any = Tous
directory-choice-count = { $label } ({ $count })
directory-category = Type d’aide
directory-language = Langue parlée
directory-when = Quand
directory-near = Distance depuis
directory-anywhere = Aucun endroit en particulier
directory-near-me = Là où je suis (demande une fois à votre téléphone)
directory-no-results = Aucun service ne correspond. Essayez moins de mots ou un autre type d’aide.
directory-results = { $count ->
    [one] { $count } service
   *[other] { $count } services
}
directory-private = Vos recherches restent sur ce téléphone. Elles ne sont jamais envoyées au programme.
directory-open-service = Voir les détails
directory-saved = Services enregistrés
directory-saved-a11y = { $name }, enregistré
directory-distance = { $miles } mi ({ $km } km)
directory-open-now = Ouvert maintenant
directory-closed-now = Fermé maintenant
directory-temporarily-closed = Fermé temporairement
directory-temporarily-closed-body = Appelez avant d’y aller : ce service est fermé pour le moment.

## Saved services

directory-saved-title = Services enregistrés
directory-saved-none = Vous n’avez enregistré aucun service. Ouvrez-en un et touchez « Enregistrer ».
directory-saved-private = Les services enregistrés sont gardés sous clé sur ce téléphone. Ils ne sont jamais envoyés au programme.

## One service

directory-alert = Avis
directory-organization = Géré par
directory-categories = Type d’aide
directory-now = Maintenant
directory-languages = Langues parlées
directory-fees = Coût
directory-eligibility = Qui peut y aller
directory-how-to-apply = Comment obtenir de l’aide
directory-documents = Documents à apporter
directory-interpretation = Interprètes
directory-website = Site web
directory-email = E-mail
directory-places = Où
directory-phones = Numéros de téléphone
directory-extension = { $number } poste { $extension }
directory-call = Appeler
directory-save = Enregistrer
directory-unsave = Retirer des services enregistrés

## Opening hours

directory-hours = { $days } : { $opens } – { $closes }
directory-hours-all-day = { $days } : ouvert 24 h sur 24
directory-hours-some-days = Certains jours : { $opens } – { $closes }
directory-hours-ask = Appelez pour savoir quand c’est ouvert
directory-every-day = Tous les jours
directory-days-range = Du { $first } au { $last }

## Languages, by their code in the directory

directory-language-en = Anglais
directory-language-es = Espagnol
directory-language-pt = Portugais
directory-language-ht = Créole haïtien
directory-language-fr = Français

## Ledger

directory-change-added = { $count ->
    [one] { $count } service ajouté.
   *[other] { $count } services ajoutés.
}
directory-change-removed = { $count ->
    [one] { $count } service retiré.
   *[other] { $count } services retirés.
}
directory-change-changed = { $count ->
    [one] { $count } service modifié.
   *[other] { $count } services modifiés.
}
ledger-directory = Liste des services communautaires reçue, révision { $revision } ({ $services } services). { $changes }
