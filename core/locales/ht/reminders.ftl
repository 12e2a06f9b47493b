# Tèks notifikasyon yo (modil remind). Agiman yo: en/reminders.ftl.
# Kreyòl pa chanje fòm mo yo pou pliryèl: nou sèvi ak [1] sèlman kote
# "yon sèl" pi bon pou li.

window-opens-title = Li lè pou w prezante
window-opens-body = Ou ka prezante jiska { $close_date } a { $close_time }.

window-closing-title = Tan pou w prezante a prèske fini
window-closing-body = { $minutes ->
    [1] Rete yon sèl minit: prezante anvan { $close_time }.
   *[other] Rete { $minutes } minit: prezante anvan { $close_time }.
}

appointment-title = { $kind ->
    [court_hearing] Odyans nan tribinal
    [office_visit] Randevou nan biwo
   *[other] { $title ->
        [none] Randevou
       *[other] { $title }
    }
}

# Dat la kòmanse ak yon lèt miniskil ("lendi 16 mas"), se poutèt sa
# "Dat:" devan l.
appointment-body = { $day ->
    [today] Jodi a,
    [tomorrow] Demen
   *[other] Dat: { $date },
} a { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}{ $place ->
    [none] {""}
   *[other] {" "}· { $place }
}

window-late-title = Ou an reta pou prezante
window-late-body = Ou ka toujou prezante jiska { $late_date } a { $late_time }; y ap note ou te an reta.
