# Conseils montrés avant d'envoyer une présentation, un par problème de
# qualité. Les identifiants sont stables : core/src/media/report.rs.

photo-too-dark = La photo est trop sombre. Allez dans un endroit plus éclairé ou tournez-vous vers une fenêtre.
photo-too-bright = La photo est trop claire. Sortez du soleil direct ou éloignez-vous de la lampe.
photo-blurry = La photo est floue. Tenez le téléphone sans bouger et réessayez.
photo-no-face = Nous ne voyons pas votre visage. Regardez la caméra bien en face.
photo-face-too-small = Votre visage est trop petit. Approchez un peu le téléphone.
photo-face-off-centre = Votre visage n’est pas au milieu. Bougez pour mettre votre visage au centre.
photo-multiple-faces = D’autres personnes sont sur la photo. Leurs visages seront floutés, ou vous pouvez reprendre la photo sans personne d’autre.

voice-no-speech = Nous ne vous entendons pas parler. Tenez le téléphone près de votre bouche et réessayez.
voice-too-quiet = Votre voix est très faible. Parlez un peu plus fort ou plus près du téléphone.
voice-clipping = Le son est déformé. Éloignez un peu le téléphone ou parlez moins fort.
voice-too-short = L’enregistrement est très court. Merci de dire le message en entier.
voice-too-long = L’enregistrement est long. Vous pouvez le garder ou enregistrer un message plus court.
