# Rezime dosye a pou moun li (core/src/ledger_export.rs), pou moun nan ka
# montre l yon avoka oswa yon jij.

ledger-title = Dosye prezantasyon pou { $program }
ledger-intact = { $count } antre; chèn hash la pa kase. Resi yo siyen ak kle pwogram nan { $key }.
ledger-broken = Dosye sa a te chanje oswa li domaje; ou pa ka fè l konfyans: { $fault }
ledger-yes = wi
ledger-no = non
ledger-enrolled = Enskri nan { $program }
ledger-policy = Resevwa règleman pwogram nan, vèsyon { $version }
ledger-plan = Resevwa yon orè prezantasyon ({ $changes } chanjman)
ledger-submitted = Prezantasyon { $id } sele, l ap tann pou l pati: { $parts }; anprent anvlòp la { $digest }
ledger-delivered = Pwogram nan resevwa prezantasyon { $id } nan dat { $received } (resi siyen pou anprent { $digest })
ledger-wedged = Pwogram nan refize prezantasyon { $id }: { $reason }
ledger-location-none = Pozisyon: pa t voye okenn
ledger-location-precise = Pozisyon ki voye: egzat, { $lat }, { $lon }
ledger-location-coarse = Pozisyon ki voye: apeprè (kare { $grid } m), { $lat }, { $lon }
ledger-location-area = Pozisyon ki voye: sèlman si ou te anndan zòn yo apwouve a: { $inside }
ledger-blurred = Lòt figi ki twoub: { $count }
ledger-consent = Yo te montre w sa pwogram nan ranmase (vèsyon règleman { $version })
ledger-retention-checkin = Prezantasyon { $id } (fèt { $captured }) efase nan telefòn sa a apre { $days } jou, jan règleman pwogram nan di; dosye sa a kenbe deskripsyon l ak resi li
ledger-retention-draft = Prezantasyon { $id } (kòmanse { $captured }, pa janm voye) efase nan telefòn sa a apre { $days } jou
ledger-deferred = Ap tann yon rezo ki pa fè w peye pou done: { $parts }; anprent anvlòp medya a { $digest }
ledger-media-delivered = Pwogram nan resevwa medya prezantasyon { $id } nan dat { $received } (resi medya siyen pou anprent { $digest })
ledger-media-wedged = Pwogram nan refize medya prezantasyon { $id }: { $reason }
ledger-location-unknown = Pozisyon: telefòn sa a pa konnen l ankò (dosye li pèdi ak kle telefòn nan)
ledger-clock-jump = Sèvè pwogram nan bay yon lè ki { $seen } minit lwen revèy telefòn sa a; revèy la deplase { $applied } minit sèlman
ledger-tls-rotated = Sèvè pwogram nan chanje kle sekirite li (chanjman { $seq }, pwogram nan siyen l); telefòn sa a aksepte { $pins } kounye a
ledger-key-lost = Kle estokaj telefòn sa a pèdi: ansyen dosye yo pa t ka li ankò e yo efase yo. { $recovered } prezantasyon ak { $media } medya ki t ap tann pou ale yo rete antye e y ap livre yo lè telefòn nan enskri ankò; { $lost } pa t ka kenbe
