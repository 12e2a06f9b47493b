# Sèvis kominotè (core/src/directory, core/src/screens/directory.rs). Mo
# senp: moun k ap li a ka ap chèche yon abri pou aswè a. Rechèch yo ak
# sèvis ou sere yo pa janm soti nan telefòn nan.

## Home

home-open-directory = Sèvis kominotè

## Search

directory-title = Sèvis kominotè
directory-none = Pwogram nan poko voye lis sèvis kominotè yo. L ap vini ak pwochen senkronizasyon an.
directory-search-label = Chèche
directory-search-hint = Mo tankou abri, manje, avoka, klinik
directory-search-too-long = Rechèch sa a twò long. Sèvi ak kèk mo sèlman.
directory-search = Chèche
directory-any = Nenpòt
directory-choice-count = { $label } ({ $count })
directory-category = Ki kalite èd
directory-language = Lang yo pale
directory-when = Ki lè
directory-near = Distans depi
directory-anywhere = Okenn kote espesyal
directory-near-me = Kote m ye kounye a (l ap mande telefòn ou yon sèl fwa)
directory-no-results = Pa gen okenn sèvis ki koresponn. Eseye mwens mo oswa yon lòt kalite èd.
directory-results = { $count } sèvis
directory-private = Rechèch ou yo rete nan telefòn sa a. Yo pa janm voye yo bay pwogram nan.
directory-open-service = Gade detay yo
directory-saved = Sèvis ou sere
directory-saved-a11y = { $name }, sere
directory-distance = { $miles } mi ({ $km } km)
directory-open-now = Louvri kounye a
directory-closed-now = Fèmen kounye a
directory-temporarily-closed = Fèmen pou kounye a
directory-temporarily-closed-body = Rele anvan ou ale: sèvis sa a fèmen pou kounye a.

## Saved services

directory-saved-title = Sèvis ou sere
directory-saved-none = Ou poko sere okenn sèvis. Louvri youn epi peze "Sere".
directory-saved-private = Sèvis ou sere yo rete fèmen ak kle nan telefòn sa a. Yo pa janm voye yo bay pwogram nan.

## One service

directory-alert = Avi
directory-organization = Se yo ki okipe l
directory-categories = Ki kalite èd
directory-now = Kounye a
directory-languages = Lang yo pale
directory-fees = Konbyen li koute
directory-eligibility = Ki moun ki ka ale
directory-how-to-apply = Kijan pou jwenn èd
directory-documents = Papye pou pote
directory-interpretation = Entèprèt
directory-website = Sit entènèt
directory-email = Imèl
directory-places = Ki kote
directory-phones = Nimewo telefòn
directory-extension = { $number } ekst. { $extension }
directory-call = Rele
directory-save = Sere
directory-unsave = Retire nan sa ou sere yo

## Opening hours

directory-hours = { $days }: { $opens } – { $closes }
directory-hours-all-day = { $days }: louvri 24 sou 24
directory-hours-some-days = Kèk jou: { $opens } – { $closes }
directory-hours-ask = Rele pou mande ki lè li louvri
directory-every-day = Chak jou
directory-days-range = { $first } rive { $last }

## Languages, by their code in the directory

directory-language-en = Angle
directory-language-es = Panyòl
directory-language-pt = Pòtigè
directory-language-ht = Kreyòl ayisyen
directory-language-fr = Franse

## Ledger

directory-change-added = { $count } sèvis ajoute.
directory-change-removed = { $count } sèvis retire.
directory-change-changed = { $count } sèvis chanje.
ledger-directory = Resevwa lis sèvis kominotè yo, revizyon { $revision } ({ $services } sèvis). { $changes }
