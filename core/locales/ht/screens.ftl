# Tout ekran moun nan wè (core/src/screens). Agiman yo: en/screens.ftl;
# $hour, $opens_hour ak $closes_hour pa sèvi an kreyòl. Fraz kout, mo
# senp, pa janm menase moun.
# Kreyòl pa chanje fòm mo yo pou pliryèl: nou sèvi ak [1] sèlman kote
# "yon sèl" pi bon pou li, pa janm ak kategori CLDR `one` (Fluent pa gen
# règ pou kreyòl, li ta pran règ angle yo).
# Yon dat kòmanse ak yon lèt miniskil ("lendi 16 mas"): nou pa mete l nan
# kòmansman yon fraz.

## Pou tout ekran yo

screen-date-time = { $date } a { $time }
screen-in = { $unit ->
    [days] nan { $count } jou
    [hours] nan { $count } èdtan
   *[minutes] { $count ->
        [1] nan yon minit
       *[other] nan { $count } minit
    }
}
screen-size-kb = { $kb } KB
screen-size-mb = { $whole },{ $tenth } MB
screen-your-officer = ofisye w la
screen-call-program = Rele pwogram nan
screen-home = Retounen nan paj akèy la

## Paj akèy

home-title = Prezantasyon
home-warning-pin-title = Rele pwogram ou a
home-warning-pin-body = Telefòn sa a pa t ka konfime se ak { $program } li t ap pale, kidonk li pa t voye anyen. Prezantasyon ou yo an sekirite sou telefòn sa a. Rele { $contact } epi di: "kle sèvè a chanje".
home-warning-refused-title = Yo pa t aksepte yon prezantasyon
home-warning-refused-body = { $program } pa t aksepte prezantasyon ou a ({ $when }). Li toujou sere sou telefòn sa a. Rele { $contact }.
home-open-refused = Gade prezantasyon sa a
home-warning-missed-title = Yon prezantasyon pa t fèt
home-warning-missed-body = Prezantasyon ki te pou { $when } pa t fèt a tan. Rele { $contact } pou esplike sa k te pase.
home-due-open-title = Prezante kounye a
home-due-open-body = Ou ka prezante jiska { $time } ({ $left }).
home-due-grace-title = Prezante kounye a
home-due-grace-body = Li toujou konte kòm a lè jiska { $time } ({ $left }).
home-due-late-title = Prezantasyon ou an reta
home-due-late-body = Ou ka toujou prezante jiska { $time } ({ $left }). Y ap note ou te an reta.
home-due-upcoming-title = Pwochen prezantasyon
home-due-upcoming-body = Ou ka prezante { $date }, de { $opens } a { $closes } ({ $left }).
home-due-done-title = Fini
home-due-done-body = Prezantasyon ou pou fwa sa a sere. Tan pou w prezante a fini a { $closes }.
home-nothing-due = Pa gen okenn prezantasyon ki pwograme.
home-needs-title = Sa prezantasyon sa a mande
need-photo = Yon foto figi w
need-photo-why = Pou pwogram nan konnen se ou.
need-voice = Yon ti anrejistreman vwa w
need-voice-why = Pou pwogram nan tande se ou.
need-location-area = Si ou anndan zòn yo apwouve a (wi oswa non)
need-location-coarse = Pozisyon ou apeprè
need-location-precise = Pozisyon ou
need-location-why = Sèlman nan moman sa a, pa janm nan lòt moman.
home-start-checkin = Kòmanse prezantasyon an
home-appointment-title = Pwochen randevou
home-open-appointment = Gade detay yo
home-queue-waiting = { $count ->
    [1] { $network ->
        [offline] Yon prezantasyon sere sou telefòn sa a. L ap pati lè w gen rezo.
       *[online] Yon prezantasyon sere sou telefòn sa a. L ap pati depi telefòn nan ka jwenn pwogram nan.
    }
   *[other] { $network ->
        [offline] { $count } prezantasyon sere sou telefòn sa a. Y ap pati lè w gen rezo.
       *[online] { $count } prezantasyon sere sou telefòn sa a. Y ap pati depi telefòn nan ka jwenn pwogram nan.
    }
}
home-sync = Voye kounye a
home-queue-empty = Pwogram nan resevwa tout prezantasyon ou fè yo.
home-queue-media = { $count ->
    [1] Yon foto oswa yon anrejistreman sere. L ap tann Wi-Fi.
   *[other] { $count } foto oswa anrejistreman sere. Y ap tann Wi-Fi.
}
home-last-receipt-title = Dènye prezantasyon pwogram nan resevwa
home-last-receipt-body = Pwogram nan resevwa l { $when }.
home-open-last-receipt = Gade resi a
home-last-contact = Dènye kontak ak pwogram nan: { $when }.
home-open-appointments = Randevou
home-open-proof = Prèv mwen yo
home-open-my-data = Enfòmasyon mwen yo
home-open-settings = Paramèt

## Prezantasyon

checkin-title = Prezantasyon
checkin-window = Pou prezantasyon { $date }, li louvri jiska { $closes }.
checkin-unscheduled = Yon prezantasyon andeyò orè a.
checkin-review = Verifye sa k ap pati
checkin-discard = Anile prezantasyon sa a
checkin-discarded-title = Prezantasyon an anile
checkin-discarded-body = Yo pa kenbe ni voye anyen ladan l.
step-photo = Foto
step-voice = Anrejistreman vwa
step-location = Pozisyon
step-photo-why = { $requirement ->
    [required] { $program } mande yon foto figi w.
   *[optional] Ou ka ajoute yon foto figi w.
}
step-voice-why = { $requirement ->
    [required] { $program } mande yon ti anrejistreman vwa w.
   *[optional] Ou ka ajoute yon ti anrejistreman vwa w.
}
step-location-why = { $requirement ->
    [required] { $program } mande pozisyon ou nan moman sa a.
   *[optional] Ou ka ajoute pozisyon ou nan moman sa a.
}
step-photo-taken = Pran: { $width } × { $height } piksèl, { $size }.
step-voice-taken = Anrejistre: { $seconds ->
    [1] yon segonn
   *[other] { $seconds } segonn
}, { $size }.
step-state = { $state ->
    [done] fini
    [current] pou fè kounye a
    [todo] pou fè
   *[optional] si ou vle
}
step-accessibility = Etap { $index } sou { $count }: { $label }, { $state }.
capture-photo-title = Pran yon foto figi w
capture-photo-instructions = Kenbe telefòn nan nan wotè je w, yon kote ki gen bon limyè. Se sèlman figi w ki dwe nan foto a.
capture-photo-action = Louvri kamera a
capture-photo-again = Pran foto a ankò
capture-voice-title = Anrejistre vwa w
capture-voice-instructions = Di non konplè w ak dat jodi a. Ou gen jiska { $seconds ->
    [1] yon segonn
   *[other] { $seconds } segonn
}.
capture-voice-action = Kòmanse anrejistre
capture-voice-again = Anrejistre ankò
capture-location-title = Pataje pozisyon ou yon fwa
capture-location-instructions = { $mode ->
    [area] Telefòn nan verifye si ou anndan zòn yo apwouve a. Se sèlman "wi" oswa "non" ki pati.
    [coarse] Se sèlman mitan kare { $grid } m kote ou ye a ki pati, pa janm pwen egzat la.
   *[precise] Pozisyon ou nan moman sa a ap pati.
}
capture-location-action = Pataje pozisyon mwen
capture-location-again = Pataje pozisyon mwen ankò
location-sent-area = Anndan zòn yo apwouve a: { $inside ->
    [yes] wi
   *[no] non
}
location-sent-coarse = Apeprè: { $lat }, { $lon } (yon kare { $grid } m)
location-sent-precise = { $lat }, { $lon } (plis oswa mwens { $accuracy } m)
hint-photo-fine = Foto a bon.
hint-voice-fine = Anrejistreman an bon.

## Verifye

review-title = Verifye sa k ap pati
review-items-title = Sa ki nan prezantasyon sa a
review-photo = { $width } × { $height } piksèl, { $size }. { $blurred ->
    [0] Pa gen figi lòt moun.
    [1] Yo fè figi yon lòt moun twoub.
   *[other] Yo fè figi { $blurred } lòt moun twoub.
}
review-voice = { $seconds ->
    [1] yon segonn
   *[other] { $seconds } segonn
}, { $size }.
review-waits-for-wifi = L ap tann Wi-Fi pou l pati; rès la pati kounye a.
review-time = Lè
review-time-detail = Lè ou voye l la, ak lè ki nan revèy telefòn ou.
review-sealed-note = Lè w voye l, l ap sele sou telefòn sa a pou se sèlman { $program } ki ka louvri l. Li rete sou telefòn sa a jiskaske pwogram nan konfime li resevwa l.
review-submit = Voye prezantasyon an
review-back = Retounen

## Voye

submitted-title = Prezantasyon ou
submitted-taken = Fèt
submitted-saved-title = Sele epi sere sou telefòn sa a
submitted-saved-body = { $network ->
    [offline] L ap pati lè w gen rezo. Ou pa bezwen fè anyen.
   *[online] L ap pati kounye a. Si pa gen rezo, l ap pati pita pou kont li.
}
submitted-offline-code = Kòd san rezo
submitted-offline-code-accessibility = Kòd san rezo: { $code }
submitted-offline-code-help = Si ou pa ka voye l jodi a, li kòd sa a bay ofisye w la. Li pwouve prezantasyon sa a egziste sou telefòn ou.
submitted-delivered-title = Pwogram nan resevwa l
submitted-delivered-body = { $program } resevwa prezantasyon ou a nan dat { $when }.
submitted-received = Resevwa
submitted-receipt-key = Siyen pa
submitted-receipt-key-accessibility = Kle pwogram nan ki siyen resi a.
submitted-proof = Prèv ou
submitted-proof-value = Resi siyen sa a rete sou telefòn sa a.
submitted-open-proof = Gade tout prèv mwen yo
submitted-refused-title = Pwogram nan pa t aksepte l
submitted-refused-body = { $program } pa t aksepte prezantasyon sa a. Li toujou sere sou telefòn sa a. Rele { $contact }.
submitted-refused-code = Pou ofisye w la
submitted-retry = Eseye voye l ankò

## Premye fwa

enroll-title = Konfigire prezantasyon yo
enroll-intro = Tape adrès ak kòd pwogram ou a te ba ou, oswa eskane kòd QR li a.
enroll-managed-title = Pwogram ou a konfigire l
enroll-managed-body = Pwogram ou a ranpli enfòmasyon sa yo pou telefòn sa a.
enroll-server-label = Adrès pwogram nan
enroll-server-hint = Li kòmanse ak https://
enroll-code-label = Kòd
enroll-code-hint = Lèt ak chif, pa egzanp K7Q4P-2MX9A-7HJQ3.
enroll-privacy = Telefòn sa a fè pwòp kle pa l. Se sèlman pwogram ou a ki ka louvri prezantasyon ou yo.
enroll-kept-title = Yo kenbe prezantasyon ou yo
enroll-kept-body = { $count ->
    [1] Yon prezantasyon ou te fè anvan telefòn sa a pèdi kle li toujou sere sou telefòn sa a. L ap pati lè ou konekte ak yon nouvo kòd pwogram ou an ba ou.
   *[other] { $count } prezantasyon ou te fè anvan telefòn sa a pèdi kle li toujou sere sou telefòn sa a. Y ap pati lè ou konekte ak yon nouvo kòd pwogram ou an ba ou.
}
enroll-submit = Konekte
enroll-scan = Eskane kòd QR la
consent-title = Sa pwogram sa a ranmase
consent-intro = Anvan premye prezantasyon ou, li sa { $program } ranmase nan telefòn sa a.
consent-where-to-see-again = Ou ka li sa a ankò nenpòt lè nan "Enfòmasyon mwen yo".
consent-accept = Mwen li l
consent-changed-title = Tèks la chanje
consent-changed-body = Pwogram nan chanje sa li ranmase pandan ou t ap li. Tanpri, li l ankò.

## Randevou

appointment-name = { $kind ->
    [court_hearing] Odyans nan tribinal
    [office_visit] Randevou nan biwo
   *[other] { $title ->
        [none] Randevou
       *[other] { $title }
    }
}
appointment-when = { $date } a { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}
appointment-line = { $name }: { $when }{ $place ->
    [none] {""}
   *[other] {" "}· { $place }
}
appointments-title = Randevou
appointments-none = Ou pa gen okenn randevou k ap vini.
appointments-open = Gade detay yo
appointments-planned = W ap pati a { $time }
appointment-when-label = Ki lè
appointment-where-label = Ki kote
appointment-bring-label = Sa pou pote
appointment-notes-label = Nòt
appointment-if-missed-title = Si ou pa ka ale
appointment-detail-if-missed = { $kind ->
    [court_hearing] Si ou pa ale, jij la ka deside san ou. Si ou pa ka ale, rele { $contact } anvan odyans lan.
   *[other] Si ou pa ka ale, rele { $contact } anvan randevou a.
}
appointment-detail-plan-prompt = Ki lè w ap pati pou w ka rive a { $time }?
appointment-plan-hint = Pa egzanp 7:30. N ap fè w sonje a lè sa a.
appointment-plan-saved-title = Plan ou sere
appointment-plan-saved-body = N ap fè w sonje pou w pati a { $time }.
appointment-save-plan = Sere plan mwen
appointment-remove-plan = Retire rapèl la

## Prèv ak enfòmasyon mwen

proof-title = Prèv mwen yo
proof-intro = Chak tan pou w prezante, ak resi { $program } siyen lè li resevwa prezantasyon ou.
proof-none = Poko gen tan pou w prezante.
proof-window-title = { $days } dènye jou yo
proof-on-time = A lè
proof-late = An reta
proof-saved = Sere, poko voye
proof-refused = Pa aksepte
proof-missed = Pa t fèt
proof-open = Poko fèt
proof-received = Resevwa { $when }
proof-saved-detail = Kòd san rezo: { $code }
proof-refused-detail = Pwogram nan pa t aksepte l. Rele ofisye w la.
proof-open-checkin = Gade prezantasyon sa a
proof-export = Pataje prèv mwen yo
proof-open-ledger = Gade tout sa telefòn sa a fè
ledger-screen-title = Tout sa telefòn sa a fè
mydata-title = Enfòmasyon mwen yo
mydata-statement-title = Sa pwogram sa a ranmase
mydata-consents-title = Sa ou te li
mydata-consent = Vèsyon { $version }
mydata-consent-detail = Ou li l { $when } ({ $language })
mydata-never-sent = Rechèch ou, plan ou ak paramèt ou rete sou telefòn sa a. Yo pa janm voye yo.

## Paramèt

settings-title = Paramèt
settings-language = Lang
settings-permissions-title = Sa aplikasyon sa a gen dwa fè sou telefòn sa a
settings-allow = Pèmèt
settings-no-background-location = Aplikasyon sa a pa janm sèvi ak pozisyon ou lè w pa sèvi avè l. Li mande l sèlman pandan yon prezantasyon, si pwogram ou a mande l.
settings-version = Vèsyon aplikasyon an { $version }
permission-name = { $permission ->
    [camera] Kamera
    [microphone] Mikwofòn
    [location] Pozisyon
    [notifications] Notifikasyon
   *[exact_alarms] Rapèl a lè egzat
}
permission-why = { $permission ->
    [camera] Pou foto figi w, sèlman lè w ap prezante.
    [microphone] Pou anrejistreman vwa w, sèlman lè w ap prezante.
    [location] Sèlman pandan yon prezantasyon, si pwogram ou a mande l.
    [notifications] Pou fè w sonje prezantasyon ak randevou ou yo.
   *[exact_alarms] Pou rapèl yo vini nan minit egzat la, pa kèk minit an reta.
}
permission-state = { $state ->
    [granted] Pèmèt
    [denied] Pa pèmèt
   *[not_asked] Poko mande
}
permission-denied-title = { $permission ->
    [camera] Kamera a fèmen pou aplikasyon sa a
    [microphone] Mikwofòn nan fèmen pou aplikasyon sa a
    [location] Pozisyon an fèmen pou aplikasyon sa a
    [notifications] Notifikasyon yo fèmen pou aplikasyon sa a
   *[exact_alarms] Rapèl a lè egzat yo fèmen
}
permission-denied-body = { $permission ->
    [camera] Aplikasyon an pa ka pran foto a. Pèmèt kamera a, epi eseye ankò.
    [microphone] Aplikasyon an pa ka anrejistre vwa w. Pèmèt mikwofòn nan, epi eseye ankò.
    [location] Aplikasyon an pa ka pataje pozisyon ou. Pèmèt pozisyon an, epi eseye ankò.
    [notifications] Ou p ap resevwa rapèl. Pèmèt notifikasyon yo pou w pa rate okenn prezantasyon.
   *[exact_alarms] Rapèl yo ka vini kèk minit an reta.
}

## Pwoblèm, ak mo ki di moun nan sa pou l fè

error-title = Gen yon bagay ou dwe gade
error-offline-title = Poko voye
error-code-invalid = Kòd sa a pa mache. Verifye l, oswa mande pwogram ou a yon lòt.
error-code-empty = Tape kòd pwogram ou a te ba ou a.
error-server-url = Verifye adrès la. Li kòmanse ak https://
error-network = Telefòn nan pa t ka jwenn pwogram nan. Prezantasyon ou yo an sekirite sou telefòn sa a, epi y ap pati pita.
error-pin-mismatch = Telefòn sa a pa t ka konfime se ak pwogram ou a li t ap pale. Li pa t voye anyen. Rele pwogram ou a.
error-server = Sèvè pwogram nan reponn ak yon pwoblèm. Eseye ankò pita. Si sa rive ankò, rele pwogram ou a.
error-storage-full = Telefòn sa a plen. Efase kèk foto oswa kèk aplikasyon, epi eseye ankò. Ou pa pèdi anyen ki te deja sere.
error-media = Nou pa t ka sèvi ak sa. Tanpri, eseye ankò.
error-missing-evidence = Gen yon bagay pwogram nan mande ki manke. Fè tout etap yo anvan.
error-policy-changed = Pwogram nan chanje règleman l pandan prezantasyon sa a. Anile l epi kòmanse ankò.
error-window-closed = Tan pou w prezante a fini, ansanm ak tan anplis yo te ba ou apre l. Ou pa ka ajoute anyen ankò nan prezantasyon sa a. Anile l. Si w pa t ka prezante alè, rele pwogram ou a.
error-location-not-collected = Pwogram ou a pa ranmase pozisyon ou. Yo pa kenbe anyen.
error-location-invalid = Telefòn nan pa t ka konnen ki kote ou ye. Eseye ankò, deyò si ou kapab.
error-unexpected = Gen yon bagay ki pa mache. Prezantasyon ou yo an sekirite sou telefòn sa a. Eseye ankò.
error-leave-time = Tape yon lè tankou 7:30.
error-scanned-code = Kòd QR sa a pa soti nan pwogram ou a. Mande pwogram ou a bon kòd la.
call-no-number-title = Kijan pou w jwenn pwogram ou a
call-no-number-body = Pwogram ou a pa bay yon nimewo telefòn pou aplikasyon sa a. Sèvi ak nimewo ki sou papye ou yo.

## Gwoup notifikasyon (paramèt telefòn nan montre yo ak non sa yo)

channel-checkins-name = Prezantasyon
channel-checkins-description = Lè yon prezantasyon louvri, lè li prèske fèmen, oswa lè ou an reta.
channel-appointments-name = Randevou
channel-appointments-description = Odyans nan tribinal, randevou nan biwo, ak ki lè pou w pati pou w ale.

## Dosye prèv la (pou montre yon avoka)

export-title = Prèv prezantasyon: { $program }
export-made = Fèt { $when }
export-windows = Tan pou prezante nan 60 dènye jou yo:
export-status = { $status ->
    [delivered] pwogram nan resevwa l
    [not_yet_sent] sere sou telefòn nan, poko voye
    [wedged] pwogram nan pa t aksepte l
   *[not_taken] pa t fèt
}
export-verifiable = Nenpòt moun ka verifye dosye ki anba a, san aplikasyon sa a (gade docs/ledger.md nan pwojè checkin-core la):

## The shell's own controls, and when nothing can be shown

shell-back = Retounen
shell-close = Fèmen
shell-take-photo = Pran foto a
shell-switch-camera = Chanje kamera
shell-start-recording = Kòmanse anrejistre
shell-stop-recording = Sispann anrejistre
shell-cancel = Anile
shell-loading = Yon ti moman…
shell-locating = N ap chèche kote ou ye…
shell-scan-hint = Pwente kamera a sou kòd QR pwogram ou an.
unavailable-title = { $reason ->
    [locked] Debloke telefòn ou
    [key_lost] Rele pwogram ou an
    [storage_full] Telefòn sa a plen
   *[unexpected] Gen yon bagay ki pa mache
}
unavailable-body = { $reason ->
    [locked] Prezantasyon ou yo bloke jiskaske ou debloke telefòn sa a yon fwa. Debloke l, epi louvri aplikasyon an ankò.
    [key_lost] Telefòn sa a pèdi kle ki pwoteje prezantasyon ou yo, pa egzanp apre yo fin reyinisyalize l. Prezantasyon ki t ap tann pou yo voye yo te sele pou pwogram ou an, epi yo kenbe yo. Rès sa ki te sou telefòn sa a (istwa ou, resi ou yo) pa ka li ankò. Konfigire telefòn sa a ankò, epi konekte ak yon nouvo kòd pwogram ou an ba ou: prezantasyon yo kenbe yo ap pati.
    [storage_full] Efase kèk foto oswa aplikasyon, epi louvri aplikasyon an ankò. Anyen ki te deja sere pa pèdi.
   *[unexpected] Fèmen aplikasyon an epi louvri l ankò. Prezantasyon ou yo sou telefòn sa a an sekirite. Si sa rive ankò, rele pwogram ou an.
}
unavailable-action = { $reason ->
    [key_lost] Konfigire telefòn sa a ankò
   *[other] Eseye ankò
}
call-number = Rele { $phone }.
