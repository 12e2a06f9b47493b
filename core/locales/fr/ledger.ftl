# Résumé lisible du registre (core/src/ledger_export.rs), que la personne
# peut montrer à un avocat ou à un juge.

ledger-title = Registre des présentations pour { $program }
ledger-intact = { $count ->
    [one] { $count } entrée
   *[other] { $count } entrées
} ; la chaîne de hachage est intacte. Les accusés de réception sont signés avec la clé du programme { $key }.
ledger-broken = Ce registre a été modifié ou abîmé, on ne peut pas s’y fier : { $fault }
ledger-yes = oui
ledger-no = non
ledger-enrolled = Inscription auprès de { $program }
ledger-policy = Règles du programme reçues, version { $version }
ledger-plan = Calendrier de présentations reçu ({ $changes ->
    [one] { $changes } changement
   *[other] { $changes } changements
})
ledger-submitted = Présentation { $id } scellée et en attente d’envoi : { $parts } ; empreinte de l’enveloppe { $digest }
ledger-delivered = Présentation { $id } reçue par le programme le { $received } (accusé de réception signé pour l’empreinte { $digest })
ledger-wedged = Présentation { $id } refusée par le programme : { $reason }
ledger-location-none = Position : aucune envoyée
ledger-location-precise = Position envoyée : exacte, { $lat }, { $lon }
ledger-location-coarse = Position envoyée : approximative (carré de { $grid } m), { $lat }, { $lon }
ledger-location-area = Position envoyée : seulement si vous étiez dans la zone autorisée : { $inside }
ledger-blurred = Autres visages floutés : { $count }
ledger-consent = On vous a montré ce que le programme recueille (version des règles { $version })
ledger-retention-checkin = Présentation { $id } (faite le { $captured }) effacée de ce téléphone après { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}, comme le prévoient les règles du programme ; ce registre garde sa description et son accusé de réception
ledger-retention-draft = Présentation { $id } (commencée le { $captured }, jamais envoyée) effacée de ce téléphone après { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
ledger-deferred = Attend un réseau sans frais de données : { $parts } ; empreinte de l’enveloppe des médias { $digest }
ledger-media-delivered = Médias de la présentation { $id } reçus par le programme le { $received } (accusé de réception signé des médias pour l’empreinte { $digest })
ledger-media-wedged = Médias de la présentation { $id } refusés par le programme : { $reason }
ledger-location-unknown = Position : plus connue sur ce téléphone (son enregistrement a été perdu avec la clé du téléphone)
ledger-clock-jump = Le serveur du programme a donné une heure à { $seen } minutes de l'horloge de ce téléphone ; l'horloge n'a été déplacée que de { $applied } minutes
ledger-tls-rotated = Le serveur du programme a changé sa clé de sécurité (changement { $seq }, signé par le programme) ; ce téléphone accepte maintenant { $pins }
ledger-key-lost = La clé de stockage de ce téléphone a été perdue : les enregistrements antérieurs ne pouvaient plus être lus et ont été supprimés. { $recovered } présentations et { $media } médias en attente d'envoi ont été gardés intacts et sont remis quand le téléphone est inscrit à nouveau ; { $lost } n'ont pas pu être gardés
