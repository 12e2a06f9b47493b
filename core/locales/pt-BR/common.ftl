# Palavras do calendário e estilo de relógio comuns a todas as áreas.
# `clock-hours` é 12 ou 24; no Brasil, 24 ("9:05", "13:00").
# `clock-am` e `clock-pm` só são usados com 12.

clock-hours = 24
clock-am = AM
clock-pm = PM

weekday-mon = segunda-feira
weekday-tue = terça-feira
weekday-wed = quarta-feira
weekday-thu = quinta-feira
weekday-fri = sexta-feira
weekday-sat = sábado
weekday-sun = domingo

month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro

# "segunda-feira, 16 de março", "domingo, 1º de março".
date-long = { $weekday }, { $day ->
    [1] 1º
   *[other] { $day }
} de { $month }
