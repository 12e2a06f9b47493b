# "Sa pwogram sa a ranmase" (core/src/disclosure.rs), ki fèt apati
# règleman pwogram nan. $requirement se required, optional oswa off.

collect-program-unnamed = pwogram ou a
collect-title = Sa { $program } ranmase nan telefòn sa a
collect-when = Sèlman lè w ap prezante. Yo pa ranmase anyen nan lòt moman, ni ant de prezantasyon.
collect-photo = { $requirement ->
    [required] Yon foto ou chak fwa ou prezante (obligatwa), redui a { $px } piksèl sou bò ki pi long lan, san okenn enfòmasyon kache.
    [optional] Yon foto ou lè ou prezante, si ou vle pran youn, redui a { $px } piksèl sou bò ki pi long lan, san okenn enfòmasyon kache.
   *[off] Pa gen foto.
}
collect-blur-yes = Yo fè figi lòt moun ki nan foto a twoub sou telefòn sa a anvan yo voye l.
collect-blur-no = Yo pa fè figi lòt moun ki nan foto a twoub.
collect-voice = { $requirement ->
    [required] Yon anrejistreman vwa ou chak fwa ou prezante (obligatwa), { $seconds } segonn pou pi plis.
    [optional] Yon anrejistreman vwa ou lè ou prezante, si ou vle fè youn, { $seconds } segonn pou pi plis.
   *[off] Pa gen anrejistreman vwa.
}
collect-location-none = Yo pa janm ranmase pozisyon ou.
collect-location-precise = Pozisyon egzat ou nan moman ou prezante a.
collect-location-coarse = Sèlman pozisyon ou apeprè lè ou prezante: mitan kare { $grid } m kote ou ye a, pa janm pwen egzat la.
collect-location-area = Sèlman si ou anndan zòn yo apwouve a lè ou prezante (se telefòn sa a ki verifye sa), pa janm kote ou ye.
collect-location-required = Yo pa ka voye yon prezantasyon san pozisyon.
collect-location-optional = Yo ka voye yon prezantasyon san pozisyon si telefòn ou pa gen youn.
collect-location-flags = Prezantasyon an di tou si pozisyon an te ansyen, si li pa t egzat, oswa si telefòn nan di se te yon fo pozisyon.
collect-retention = Foto a ak anrejistreman an efase nan telefòn sa a depi pwogram nan konfime li resevwa yo. Rès chak prezantasyon pwogram nan resevwa efase { $days } jou apre prezantasyon an (yon prezantasyon ki kòmanse men ki pa janm voye efase nan menm moman an). Yon prezantasyon pwogram nan poko resevwa pa janm efase. Dosye ou sou telefòn sa a kenbe yon deskripsyon chak prezantasyon (sa ki te voye, ki lè, pozisyon an jan li te voye a, ak resi pwogram nan) kòm prèv pou ou.
collect-receivers = Kiyès ki resevwa l: { $receivers }.
collect-contact = Kesyon: { $contact } · Avi sou vi prive: { $url }
collect-version = Vèsyon règleman an: { $version }.
