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

appointment-soon-title = { $kind ->
    [court_hearing] Odyans nan tribinal
    [office_visit] Randevou nan biwo
   *[other] { $title ->
        [none] Randevou
       *[other] { $title }
    }
} { $days ->
    [0] jodi a a { $time }
    [1] demen
   *[other] nan { $days } jou
}

appointment-bring = Pote: { $things }.

appointment-if-missed = { $kind ->
    [court_hearing] Si ou pa vini, jij la ka deside san ou. Si ou pa ka ale, rele pwogram ou an anvan odyans lan.
    [office_visit] Si ou pa ka ale, rele pwogram ou an anvan randevou a pou chanje l.
   *[other] Si ou pa ka ale, rele pwogram ou an anvan randevou a.
}

appointment-plan-prompt = Ki lè w ap pati pou w ka rive a { $time }? Louvri aplikasyon an pou w planifye wout ou.

appointment-leave-planned = Ou planifye pou w pati a { $leave_time }.

appointment-leave-title = { $kind ->
    [court_hearing] Li lè pou w pati pou odyans nan tribinal la
    [office_visit] Li lè pou w pati pou randevou nan biwo a
   *[other] { $title ->
        [none] Li lè pou w pati pou randevou a
       *[other] Li lè pou w pati: { $title }
    }
}

appointment-leave-body = Li kòmanse a { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}.{ $place ->
    [none] {""}
   *[other] {" "}Kote: { $place }.
}
