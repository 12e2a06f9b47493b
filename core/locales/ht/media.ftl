# Konsèy nou montre anvan moun nan voye yon prezantasyon, youn pou chak
# pwoblèm kalite. Id yo pa chanje: core/src/media/report.rs.

photo-too-dark = Foto a twò fènwa. Ale yon kote ki gen plis limyè, oswa vire figi w bò yon fenèt.
photo-too-bright = Foto a twò klere. Soti anba solèy la, oswa ale pi lwen lanp lan.
photo-blurry = Foto a twoub. Kenbe telefòn nan san l pa bouje, epi eseye ankò.
photo-no-face = Nou pa ka wè figi w. Gade dwat nan kamera a.
photo-face-too-small = Figi w twò piti. Pwoche telefòn nan yon ti kras.
photo-face-off-centre = Figi w pa nan mitan. Deplase pou figi w vin nan mitan.
photo-multiple-faces = Gen lòt moun nan foto a. Y ap fè figi yo twoub, oswa ou ka pran foto a ankò pou kont ou.

voice-no-speech = Nou pa t tande w pale. Kenbe telefòn nan toupre bouch ou, epi eseye ankò.
voice-too-quiet = Vwa w ba anpil. Pale yon ti kras pi fò, oswa pi pre telefòn nan.
voice-clipping = Son an pa klè. Kenbe telefòn nan yon ti kras pi lwen, oswa pale pi ba.
voice-too-short = Anrejistreman an twò kout. Tanpri, di tout mesaj la.
voice-too-long = Anrejistreman an long. Ou ka kenbe l, oswa anrejistre yon mesaj ki pi kout.
