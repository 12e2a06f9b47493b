# Palabras de calendario y estilo de reloj comunes a todas las áreas.
# `clock-hours` es 12 o 24.

clock-hours = 24
clock-am = a. m.
clock-pm = p. m.

weekday-mon = lunes
weekday-tue = martes
weekday-wed = miércoles
weekday-thu = jueves
weekday-fri = viernes
weekday-sat = sábado
weekday-sun = domingo

month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

date-long = { $weekday } { $day } de { $month }
