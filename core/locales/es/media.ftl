# Avisos que se muestran antes de enviar una presentación, uno por problema
# de calidad. Los ids son estables: core/src/media/report.rs.

photo-too-dark = La foto está muy oscura. Busque un lugar con más luz o póngase frente a una ventana.
photo-too-bright = La foto tiene demasiada luz. Salga del sol directo o aléjese de la lámpara.
photo-blurry = La foto salió borrosa. Sostenga el teléfono quieto e inténtelo de nuevo.
photo-no-face = No pudimos ver su cara. Mire directamente a la cámara.
photo-face-too-small = Su cara se ve muy pequeña. Acerque un poco el teléfono.
photo-face-off-centre = Su cara no está en el centro. Muévase para que su cara quede en el medio.
photo-multiple-faces = Hay otras personas en la foto. Sus caras se difuminarán, o puede tomarla de nuevo a solas.

voice-no-speech = No pudimos oírle hablar. Acerque el teléfono a la boca e inténtelo de nuevo.
voice-too-quiet = Su voz se oye muy baja. Hable un poco más fuerte o más cerca del teléfono.
voice-clipping = El sonido sale distorsionado. Aleje un poco el teléfono o hable más suave.
voice-too-short = La grabación es muy corta. Por favor, diga el mensaje completo.
voice-too-long = La grabación es larga. Puede dejarla así o grabar un mensaje más corto.
