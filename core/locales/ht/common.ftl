# Mo pou kalandriye a ak fason pou ekri lè, pou tout zòn yo.
# `clock-hours` se 12 oswa 24; isit la, 24 ("9:05", "13:00").
# `clock-am` ak `clock-pm` sèvi sèlman ak 12.

clock-hours = 24
clock-am = AM
clock-pm = PM

weekday-mon = lendi
weekday-tue = madi
weekday-wed = mèkredi
weekday-thu = jedi
weekday-fri = vandredi
weekday-sat = samdi
weekday-sun = dimanch

month-1 = janvye
month-2 = fevriye
month-3 = mas
month-4 = avril
month-5 = me
month-6 = jen
month-7 = jiyè
month-8 = out
month-9 = septanm
month-10 = oktòb
month-11 = novanm
month-12 = desanm

# "lendi 16 mas", "dimanch 1ye mas".
date-long = { $weekday } { $day ->
    [1] 1ye
   *[other] { $day }
} { $month }
