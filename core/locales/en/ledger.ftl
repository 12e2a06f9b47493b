# The readable ledger summary (core/src/ledger_export.rs), for a
# participant to show a lawyer or a judge.

ledger-title = Check-in record for { $program }
ledger-intact = { $count } entries; the hash chain is intact. Receipts are signed by the program's key { $key }.
ledger-broken = This record has been altered or damaged and cannot be relied on: { $fault }
ledger-yes = yes
ledger-no = no
ledger-enrolled = Enrolled with { $program }
ledger-policy = Received the program's policy, version { $version }
ledger-plan = Received a check-in plan ({ $changes } changes)
ledger-submitted = Check-in { $id } sealed and queued: { $parts }; envelope digest { $digest }
ledger-delivered = Check-in { $id } received by the program at { $received } (signed receipt for digest { $digest })
ledger-wedged = Check-in { $id } refused by the program: { $reason }
ledger-location-none = Location: none sent
ledger-location-precise = Location sent: precise, { $lat }, { $lon }
ledger-location-coarse = Location sent: approximate ({ $grid } m grid), { $lat }, { $lon }
ledger-location-area = Location sent: only whether inside the approved area: { $inside }
ledger-blurred = Other faces blurred: { $count }
ledger-consent = You were shown what the program collects (policy version { $version })
ledger-retention-checkin = Check-in { $id } (captured { $captured }) deleted from this phone after { $days } days, as the program's policy sets; this record keeps its description and receipt
ledger-retention-draft = Check-in { $id } (started { $captured }, never sent) deleted from this phone after { $days } days
ledger-deferred = Waits for a network without data charges: { $parts }; media envelope digest { $digest }
ledger-media-delivered = Media of check-in { $id } received by the program at { $received } (signed media receipt for digest { $digest })
ledger-media-wedged = Media of check-in { $id } refused by the program: { $reason }
ledger-location-unknown = Location: not known on this phone any more (its record was lost with the phone's key)
ledger-clock-jump = The program's server gave a time { $seen } minutes away from this phone's clock; the clock was moved by { $applied } minutes only
ledger-tls-rotated = The program's server changed its security key (change { $seq }, signed by the program); this phone now accepts { $pins }
ledger-key-lost = This phone's storage key was lost: earlier records could no longer be read and were removed. { $recovered } check-ins and { $media } media waiting to be sent were kept whole and are delivered once the phone is enrolled again; { $lost } could not be kept
