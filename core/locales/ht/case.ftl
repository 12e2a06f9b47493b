# Dosye ka ou (core/src/case, core/src/screens/case.rs): sa pwogram nan
# ekri sou ka ou, se ou sèl ki wè l. Mo kalm, senp.

## Home

home-open-case = Ka mwen

## Case screen

case-title = Ka mwen
case-none = Pwogram nan poko voye enfòmasyon sou ka ou. L ap vini ak pwochen senkronizasyon an.
case-number = Nimewo ka a
case-number-masked-a11y = Nimewo ka a ki fini ak { $last }, kache
case-show-number = Montre nimewo ka a
case-hide-number = Kache nimewo ka a
case-officer = Ofisye ou
case-contact-hours = Ki lè ou ka jwenn ofisye ou
case-officer-phone = Telefòn ofisye a
case-officer-email = Imèl ofisye a
case-call-officer = Rele ofisye ou
case-hearings = Pwochen odyans nan tribinal
case-open-hearing = Gade detay yo
case-conditions = Kondisyon ou yo
case-documents = Papye pou pote
case-phones = Nimewo telefòn pwogram nan
case-call = Rele
case-from-program = Enfòmasyon sa yo soti nan pwogram ou. Si gen yon bagay ki pa bon, rele yo.
case-hearing-when = { $date } a { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}

## Ledger

case-change-received = Enfòmasyon sou ka ou resevwa.
case-change-number = Nimewo ka ou chanje.
case-change-officer = Ofisye ou chanje.
case-change-officer-contact = Fason pou jwenn ofisye ou chanje.
case-change-phones = Nimewo telefòn pwogram nan chanje.
case-change-conditions-added = { $count } kondisyon ajoute.
case-change-conditions-removed = { $count } kondisyon retire.
case-change-conditions-changed = { $count } kondisyon ekri yon lòt jan.
case-change-documents = Papye pou pote yo chanje.
ledger-case = Resevwa enfòmasyon sou ka ou, revizyon { $revision }. { $changes }
