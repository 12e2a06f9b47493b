# Calendar words and clock style shared by every area.
# `clock-hours` is 12 or 24; with 12, times read "9:05 AM".

clock-hours = 12
clock-am = AM
clock-pm = PM

weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# $weekday, $month: names above; $day: day of the month, a number (so a
# language can write the first of the month its own way: 1er, 1º).
date-long = { $weekday }, { $month } { $day }
