# Tous les écrans que voit la personne (core/src/screens). Arguments :
# en/screens.ftl ; $hour, $opens_hour et $closes_hour ne servent pas en
# français. Phrases courtes, vouvoiement, jamais de menace.
# Espace insécable (U+00A0) avant « : », « ; » et « ? », et à l’intérieur
# des guillemets ; apostrophe typographique ’.
# Une date commence par le jour en minuscule (« lundi 16 mars ») : dans une
# phrase, elle suit « le » ou « du », ou un deux-points.
# La règle CLDR `one` du français couvre aussi 0.

## Commun

screen-date-time = { $date } à { $time }
screen-in = { $unit ->
    [days] dans { $count } jours
    [hours] dans { $count } heures
   *[minutes] { $count ->
        [one] dans { $count } minute
       *[other] dans { $count } minutes
    }
}
screen-size-kb = { $kb } Ko
screen-size-mb = { $whole },{ $tenth } Mo
screen-your-officer = votre agent
screen-call-program = Appeler le programme
screen-home = Retour à l’accueil

## Accueil

home-title = Présentations
home-warning-pin-title = Appelez votre programme
home-warning-pin-body = Ce téléphone n’a pas pu confirmer qu’il communiquait bien avec { $program } : rien n’a donc été envoyé. Vos présentations sont en sécurité sur ce téléphone. Appelez { $contact } et dites : « la clé du serveur a changé ».
home-warning-refused-title = Une présentation n’a pas été acceptée
home-warning-refused-body = { $program } n’a pas accepté votre présentation du { $when }. Elle est toujours enregistrée sur ce téléphone. Appelez { $contact }.
home-open-refused = Voir cette présentation
home-warning-missed-title = Une présentation a été manquée
home-warning-missed-body = La présentation du { $when } n’a pas été faite à temps. Appelez { $contact } pour expliquer ce qui s’est passé.
home-due-open-title = Présentez-vous maintenant
home-due-open-body = Vous pouvez vous présenter jusqu’à { $time } ({ $left }).
home-due-grace-title = Présentez-vous maintenant
home-due-grace-body = Cela compte encore comme à l’heure jusqu’à { $time } ({ $left }).
home-due-late-title = Votre présentation est en retard
home-due-late-body = Vous pouvez encore vous présenter jusqu’à { $time } ({ $left }). Elle sera notée en retard.
home-due-upcoming-title = Prochaine présentation
home-due-upcoming-body = Le { $date }, de { $opens } à { $closes } ({ $left }).
home-due-done-title = C’est fait
home-due-done-body = Votre présentation est enregistrée pour cette fois. Le délai pour vous présenter se termine à { $closes }.
home-nothing-due = Aucune présentation n’est prévue.
home-needs-title = Ce qu’il faut pour cette présentation
need-photo = Une photo de votre visage
need-photo-why = Pour que le programme sache que c’est vous.
need-voice = Un court enregistrement de votre voix
need-voice-why = Pour que le programme entende que c’est vous.
need-location-area = Si vous êtes dans la zone autorisée (oui ou non)
need-location-coarse = Votre position approximative
need-location-precise = Votre position
need-location-why = Seulement à ce moment-là, jamais en arrière-plan.
home-start-checkin = Commencer la présentation
home-appointment-title = Prochain rendez-vous
home-open-appointment = Voir les détails
home-queue-waiting = { $count ->
    [one] { $network ->
        [offline] { $count } présentation est enregistrée sur ce téléphone et sera envoyée quand vous aurez du réseau.
       *[online] { $count } présentation est enregistrée sur ce téléphone et sera envoyée dès que le programme sera joignable.
    }
   *[other] { $network ->
        [offline] { $count } présentations sont enregistrées sur ce téléphone et seront envoyées quand vous aurez du réseau.
       *[online] { $count } présentations sont enregistrées sur ce téléphone et seront envoyées dès que le programme sera joignable.
    }
}
home-sync = Envoyer maintenant
home-queue-empty = Le programme a reçu toutes vos présentations.
home-queue-media = { $count ->
    [one] { $count } photo ou enregistrement est gardé et attend le Wi-Fi.
   *[other] { $count } photos ou enregistrements sont gardés et attendent le Wi-Fi.
}
home-last-receipt-title = Dernière présentation reçue
home-last-receipt-body = Le programme l’a reçue le { $when }.
home-open-last-receipt = Voir l’accusé de réception
home-last-contact = Dernier contact avec le programme : { $when }.
home-open-appointments = Rendez-vous
home-open-proof = Mes preuves
home-open-my-data = Mes données
home-open-settings = Réglages

## Présentation

checkin-title = Présentation
checkin-window = Présentation du { $date }, ouverte jusqu’à { $closes }.
checkin-unscheduled = Une présentation en dehors du calendrier.
checkin-review = Vérifier ce qui sera envoyé
checkin-discard = Annuler cette présentation
checkin-discarded-title = Présentation annulée
checkin-discarded-body = Rien n’en a été gardé ni envoyé.
step-photo = Photo
step-voice = Enregistrement de votre voix
step-location = Position
step-photo-why = { $requirement ->
    [required] { $program } demande une photo de votre visage.
   *[optional] Vous pouvez ajouter une photo de votre visage.
}
step-voice-why = { $requirement ->
    [required] { $program } demande un court enregistrement de votre voix.
   *[optional] Vous pouvez ajouter un court enregistrement de votre voix.
}
step-location-why = { $requirement ->
    [required] { $program } demande votre position à ce moment précis.
   *[optional] Vous pouvez ajouter votre position à ce moment précis.
}
step-photo-taken = Prise : { $width } × { $height } pixels, { $size }.
step-voice-taken = Enregistré : { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
}, { $size }.
# S’accorde avec « étape » : « Étape 1 sur 3 : Photo, terminée ».
step-state = { $state ->
    [done] terminée
    [current] à faire maintenant
    [todo] à faire
   *[optional] facultative
}
step-accessibility = Étape { $index } sur { $count } : { $label }, { $state }.
capture-photo-title = Prenez une photo de votre visage
capture-photo-instructions = Tenez le téléphone à hauteur des yeux, dans un endroit bien éclairé. Seul votre visage doit être sur la photo.
capture-photo-action = Ouvrir l’appareil photo
capture-photo-again = Reprendre la photo
capture-voice-title = Enregistrez votre voix
capture-voice-instructions = Dites votre nom complet et la date d’aujourd’hui. Vous avez jusqu’à { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
}.
capture-voice-action = Commencer l’enregistrement
capture-voice-again = Enregistrer à nouveau
capture-location-title = Partagez votre position une fois
capture-location-instructions = { $mode ->
    [area] Le téléphone vérifie si vous êtes dans la zone autorisée. Seul « oui » ou « non » est envoyé.
    [coarse] Seul le centre du carré de { $grid } m où vous êtes est envoyé, jamais le point exact.
   *[precise] Votre position à ce moment précis est envoyée.
}
capture-location-action = Partager ma position
capture-location-again = Partager à nouveau ma position
location-sent-area = Dans la zone autorisée : { $inside ->
    [yes] oui
   *[no] non
}
location-sent-coarse = Approximative : { $lat }, { $lon } (un carré de { $grid } m)
location-sent-precise = { $lat }, { $lon } (à { $accuracy } m près)
hint-photo-fine = La photo est bonne.
hint-voice-fine = L’enregistrement est bon.

## Vérification

review-title = Vérifiez ce qui sera envoyé
review-items-title = Cette présentation contient
review-photo = { $width } × { $height } pixels, { $size }. { $blurred ->
    [0] Aucun autre visage.
    [one] Le visage d’une autre personne a été flouté.
   *[other] Les visages de { $blurred } autres personnes ont été floutés.
}
review-voice = { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
}, { $size }.
# Suit la photo (féminin) comme l’enregistrement (masculin) : sans pronom.
review-waits-for-wifi = Envoi quand vous aurez le Wi-Fi ; le reste part maintenant.
review-time = Heure
review-time-detail = L’heure à laquelle vous l’envoyez, et l’horloge de votre téléphone.
review-sealed-note = Quand vous l’enverrez, elle sera scellée sur ce téléphone pour que seul { $program } puisse l’ouvrir. Elle reste sur ce téléphone jusqu’à ce que le programme confirme l’avoir reçue.
review-submit = Envoyer la présentation
review-back = Retour

## Envoyée

submitted-title = Votre présentation
submitted-taken = Faite
submitted-saved-title = Scellée et enregistrée sur ce téléphone
submitted-saved-body = { $network ->
    [offline] Elle sera envoyée quand vous aurez du réseau. Vous n’avez rien à faire.
   *[online] Elle est en cours d’envoi. S’il n’y a pas de réseau, elle sera envoyée plus tard, automatiquement.
}
submitted-offline-code = Code hors ligne
submitted-offline-code-accessibility = Code hors ligne : { $code }
submitted-offline-code-help = Si vous ne pouvez pas l’envoyer aujourd’hui, lisez ce code à votre agent. Il prouve que cette présentation existe sur votre téléphone.
submitted-delivered-title = Reçue par le programme
submitted-delivered-body = { $program } a reçu votre présentation le { $when }.
submitted-received = Reçue
submitted-receipt-key = Signé par
submitted-receipt-key-accessibility = La clé du programme qui a signé l’accusé de réception.
submitted-proof = Votre preuve
submitted-proof-value = Cet accusé de réception signé est gardé sur ce téléphone.
submitted-open-proof = Voir toutes mes preuves
submitted-refused-title = Non acceptée par le programme
submitted-refused-body = { $program } n’a pas accepté cette présentation. Elle est toujours enregistrée sur ce téléphone. Appelez { $contact }.
submitted-refused-code = Pour votre agent
submitted-retry = Réessayer l’envoi

## Premier lancement

enroll-title = Configurer les présentations
enroll-intro = Saisissez l’adresse et le code que votre programme vous a donnés, ou scannez son code QR.
enroll-managed-title = Configuré par votre programme
enroll-managed-body = Votre programme a rempli ces champs pour ce téléphone.
enroll-server-label = Adresse du programme
enroll-server-hint = Elle commence par https://
enroll-code-label = Code
enroll-code-hint = Des lettres et des chiffres, par exemple K7Q4P-2MX9A-7HJQ3.
enroll-privacy = Ce téléphone crée sa propre clé. Seul votre programme peut ouvrir vos présentations.
enroll-kept-title = Vos présentations ont été conservées
enroll-kept-body = { $count ->
    [one] { $count } présentation faite avant que ce téléphone perde sa clé est toujours enregistrée sur ce téléphone. Elle sera envoyée quand vous vous connecterez avec un nouveau code de votre programme.
   *[other] { $count } présentations faites avant que ce téléphone perde sa clé sont toujours enregistrées sur ce téléphone. Elles seront envoyées quand vous vous connecterez avec un nouveau code de votre programme.
}
enroll-submit = Se connecter
enroll-scan = Scanner le code QR
consent-title = Ce que ce programme recueille
consent-intro = Avant votre première présentation, lisez ce que { $program } recueille sur ce téléphone.
consent-where-to-see-again = Vous pourrez relire ce texte à tout moment dans « Mes données ».
consent-accept = J’ai lu ce texte
consent-changed-title = Le texte a changé
consent-changed-body = Le programme a changé ce qu’il recueille pendant que vous lisiez. Merci de le relire.

## Rendez-vous

appointment-name = { $kind ->
    [court_hearing] Audience au tribunal
    [office_visit] Rendez-vous au bureau
   *[other] { $title ->
        [none] Rendez-vous
       *[other] { $title }
    }
}
appointment-when = { $date } à { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}
appointment-line = { $name } : { $when }{ $place ->
    [none] {""}
   *[other] {" "}· { $place }
}
appointments-title = Rendez-vous
appointments-none = Vous n’avez aucun rendez-vous à venir.
appointments-open = Voir les détails
appointments-planned = Départ à { $time }
appointment-when-label = Quand
appointment-where-label = Où
appointment-bring-label = À apporter
appointment-notes-label = Remarques
appointment-if-missed-title = Si vous ne pouvez pas y aller
appointment-detail-if-missed = { $kind ->
    [court_hearing] Si vous n’y allez pas, le juge peut décider sans vous. Si vous ne pouvez pas y aller, appelez { $contact } avant l’audience.
   *[other] Si vous ne pouvez pas y aller, appelez { $contact } avant le rendez-vous.
}
appointment-detail-plan-prompt = À quelle heure partirez-vous pour arriver à { $time } ?
appointment-plan-hint = Par exemple 7:30. Nous vous le rappellerons à cette heure-là.
appointment-plan-saved-title = Votre plan est enregistré
appointment-plan-saved-body = Nous vous rappellerons de partir à { $time }.
appointment-save-plan = Enregistrer mon plan
appointment-remove-plan = Supprimer le rappel

## Preuves et mes données

proof-title = Mes preuves
proof-intro = Chaque délai pour vous présenter, et l’accusé de réception que { $program } a signé en recevant votre présentation.
proof-none = Pas encore de délai pour vous présenter.
proof-window-title = Les { $days } derniers jours
proof-on-time = À l’heure
proof-late = En retard
proof-saved = Enregistrée, pas encore envoyée
proof-refused = Non acceptée
proof-missed = Manquée
proof-open = Pas encore faite
proof-received = Reçue le { $when }
proof-saved-detail = Code hors ligne : { $code }
proof-refused-detail = Le programme ne l’a pas acceptée. Appelez votre agent.
proof-open-checkin = Voir cette présentation
proof-export = Partager mes preuves
proof-open-ledger = Voir tout ce que ce téléphone a fait
ledger-screen-title = Tout ce que ce téléphone a fait
mydata-title = Mes données
mydata-statement-title = Ce que ce programme recueille
mydata-consents-title = Ce que vous avez lu
mydata-consent = Version { $version }
mydata-consent-detail = Lue le { $when } ({ $language })
mydata-never-sent = Vos recherches, vos plans et vos réglages restent sur ce téléphone. Ils ne sont jamais envoyés.

## Réglages

settings-title = Réglages
settings-language = Langue
settings-permissions-title = Ce que cette application peut faire sur ce téléphone
settings-allow = Autoriser
settings-no-background-location = Cette application n’utilise jamais votre position en arrière-plan. Elle ne la demande que pendant une présentation, si votre programme la demande.
settings-version = Version de l’application { $version }
permission-name = { $permission ->
    [camera] Appareil photo
    [microphone] Micro
    [location] Position
    [notifications] Notifications
   *[exact_alarms] Rappels à l’heure exacte
}
permission-why = { $permission ->
    [camera] Pour la photo de votre visage, seulement quand vous vous présentez.
    [microphone] Pour l’enregistrement de votre voix, seulement quand vous vous présentez.
    [location] Seulement pendant une présentation, si votre programme la demande.
    [notifications] Pour vous rappeler vos présentations et vos rendez-vous.
   *[exact_alarms] Pour que les rappels arrivent à la minute près, et pas avec quelques minutes de retard.
}
permission-state = { $state ->
    [granted] Autorisé
    [denied] Non autorisé
   *[not_asked] Pas encore demandé
}
permission-denied-title = { $permission ->
    [camera] L’appareil photo est désactivé pour cette application
    [microphone] Le micro est désactivé pour cette application
    [location] La position est désactivée pour cette application
    [notifications] Les notifications sont désactivées pour cette application
   *[exact_alarms] Les rappels à l’heure exacte sont désactivés
}
permission-denied-body = { $permission ->
    [camera] La photo ne peut pas être prise. Autorisez l’appareil photo, puis réessayez.
    [microphone] Votre voix ne peut pas être enregistrée. Autorisez le micro, puis réessayez.
    [location] Votre position ne peut pas être partagée. Autorisez la position, puis réessayez.
    [notifications] Vous ne recevrez pas de rappels. Autorisez les notifications pour ne manquer aucune présentation.
   *[exact_alarms] Les rappels peuvent arriver avec quelques minutes de retard.
}

## Problèmes, en mots qui permettent d’agir

error-title = Quelque chose demande votre attention
error-offline-title = Pas encore envoyé
error-code-invalid = Ce code ne fonctionne pas. Vérifiez-le, ou demandez-en un nouveau à votre programme.
error-code-empty = Saisissez le code que votre programme vous a donné.
error-server-url = Vérifiez l’adresse. Elle commence par https://
error-network = Impossible de joindre le programme. Vos présentations sont en sécurité sur ce téléphone et seront envoyées plus tard.
error-pin-mismatch = Ce téléphone n’a pas pu confirmer qu’il communiquait bien avec votre programme. Rien n’a été envoyé. Appelez votre programme.
error-server = Le serveur du programme a répondu par une erreur. Réessayez plus tard. Si cela se reproduit, appelez votre programme.
error-storage-full = Ce téléphone est plein. Supprimez des photos ou des applications, puis réessayez. Rien de ce qui était déjà enregistré n’a été perdu.
error-media = Cela n’a pas pu être utilisé. Merci de réessayer.
error-missing-evidence = Il manque quelque chose que le programme demande. Terminez d’abord toutes les étapes.
error-policy-changed = Le programme a changé ses règles pendant cette présentation. Annulez-la et recommencez.
error-window-closed = Le délai pour vous présenter est terminé, y compris le temps supplémentaire accordé ensuite. Plus rien ne peut être ajouté à cette présentation. Annulez-la. Si vous n’avez pas pu vous présenter à temps, appelez votre programme.
error-location-not-collected = Votre programme ne recueille pas votre position. Rien n’a été gardé.
error-location-invalid = Le téléphone n’a pas pu savoir où vous êtes. Réessayez, dehors si vous pouvez.
error-unexpected = Une erreur s’est produite. Vos présentations sont en sécurité sur ce téléphone. Réessayez.
error-leave-time = Saisissez une heure comme 7:30.
error-scanned-code = Ce code QR ne vient pas de votre programme. Demandez le bon code à votre programme.
call-no-number-title = Comment joindre votre programme
call-no-number-body = Votre programme n’a pas donné de numéro de téléphone pour cette application. Utilisez le numéro écrit sur vos papiers.

## Groupes de notifications (les réglages du téléphone les affichent sous ces noms)

channel-checkins-name = Présentations
channel-checkins-description = Quand une présentation commence, se termine bientôt ou est en retard.
channel-appointments-name = Rendez-vous
channel-appointments-description = Audiences au tribunal, rendez-vous au bureau, et l’heure à laquelle partir pour y aller.

## Le fichier de preuves (à montrer à un avocat)

export-title = Preuves de présentation : { $program }
export-made = Créé le { $when }
export-windows = Délais pour vous présenter des 60 derniers jours :
export-status = { $status ->
    [delivered] reçue par le programme
    [not_yet_sent] enregistrée sur le téléphone, pas encore envoyée
    [wedged] non acceptée par le programme
   *[not_taken] pas faite
}
export-verifiable = N’importe qui peut vérifier le registre ci-dessous, sans cette application (voir docs/ledger.md du projet checkin-core) :

## The shell's own controls, and when nothing can be shown

shell-back = Retour
shell-close = Fermer
shell-take-photo = Prendre la photo
shell-switch-camera = Changer de caméra
shell-start-recording = Commencer l’enregistrement
shell-stop-recording = Arrêter l’enregistrement
shell-cancel = Annuler
shell-loading = Un instant…
shell-locating = Recherche de l’endroit où vous êtes…
shell-scan-hint = Pointez la caméra vers le code QR de votre programme.
unavailable-title = { $reason ->
    [locked] Déverrouillez votre téléphone
    [key_lost] Appelez votre programme
    [storage_full] Ce téléphone est plein
   *[unexpected] Un problème est survenu
}
unavailable-body = { $reason ->
    [locked] Vos présentations sont verrouillées jusqu’à ce que vous déverrouilliez ce téléphone une fois. Déverrouillez-le, puis rouvrez l’application.
    [key_lost] Ce téléphone a perdu la clé qui protège vos présentations, par exemple après une réinitialisation. Les présentations qui attendaient d’être envoyées étaient scellées pour votre programme et sont conservées. Le reste de ce téléphone (votre historique, vos reçus) ne peut plus être lu. Configurez ce téléphone à nouveau, puis connectez-vous avec un nouveau code de votre programme : les présentations conservées seront envoyées.
    [storage_full] Supprimez quelques photos ou applications, puis rouvrez l’application. Rien de ce qui était déjà enregistré n’a été perdu.
   *[unexpected] Fermez l’application et rouvrez-la. Vos présentations sur ce téléphone sont en sécurité. Si cela se reproduit, appelez votre programme.
}
unavailable-action = { $reason ->
    [key_lost] Configurer ce téléphone à nouveau
   *[other] Réessayer
}
call-number = Appelez le { $phone }.
