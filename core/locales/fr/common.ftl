# Mots du calendrier et style d'horloge communs à tous les domaines.
# `clock-hours` vaut 12 ou 24 ; en français, 24 (« 9:05 », « 13:00 »).
# `clock-am` et `clock-pm` ne servent qu'avec 12.

clock-hours = 24
clock-am = AM
clock-pm = PM

weekday-mon = lundi
weekday-tue = mardi
weekday-wed = mercredi
weekday-thu = jeudi
weekday-fri = vendredi
weekday-sat = samedi
weekday-sun = dimanche

month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

# « lundi 16 mars », « dimanche 1er mars ».
date-long = { $weekday } { $day ->
    [1] 1er
   *[other] { $day }
} { $month }
