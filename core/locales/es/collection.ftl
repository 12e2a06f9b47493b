# «Qué recoge este programa» (core/src/disclosure.rs), generado a partir de
# la política del programa. $requirement es required, optional u off.

collect-program-unnamed = su programa
collect-title = Qué recoge { $program } de este teléfono
collect-when = Solo cuando usted se presenta. No se recoge nada en segundo plano ni entre presentaciones.
collect-photo = { $requirement ->
    [required] Una foto suya en cada presentación (obligatoria), reducida a { $px } píxeles en su lado largo y sin datos ocultos.
    [optional] Una foto suya en una presentación si decide tomarla, reducida a { $px } píxeles en su lado largo y sin datos ocultos.
   *[off] Ninguna foto.
}
collect-blur-yes = Las caras de otras personas en la foto se difuminan en este teléfono antes de enviarla.
collect-blur-no = Las caras de otras personas en la foto no se difuminan.
collect-voice = { $requirement ->
    [required] Una grabación de voz en cada presentación (obligatoria), de { $seconds } segundos como máximo.
    [optional] Una grabación de voz en una presentación si decide hacerla, de { $seconds } segundos como máximo.
   *[off] Ninguna grabación de voz.
}
collect-location-none = Nunca se recoge su ubicación.
collect-location-precise = Su ubicación exacta en el momento de presentarse.
collect-location-coarse = Solo su ubicación aproximada al presentarse: el centro del cuadrado de { $grid } m en el que está, nunca el punto exacto.
collect-location-area = Solo si está dentro de la zona aprobada al presentarse (se comprueba en este teléfono), nunca dónde está.
collect-location-required = No se puede enviar una presentación sin ubicación.
collect-location-optional = Se puede enviar una presentación sin ubicación si su teléfono no tiene ninguna.
collect-location-flags = La presentación indica también si la ubicación era antigua, imprecisa o simulada según el teléfono.
collect-retention = La foto y la grabación se borran de este teléfono en cuanto el programa confirma la recepción, y el resto de cada presentación recibida { $days } días después de tomarla (una presentación empezada y nunca enviada también se borra entonces). Una presentación que el programa aún no ha recibido nunca se borra. Su registro en este teléfono conserva una descripción de cada presentación (qué se envió, cuándo, la ubicación tal como se envió y el recibo del programa) como su prueba.
collect-receivers = Quién la recibe: { $receivers }.
collect-contact = Preguntas: { $contact } · Aviso de privacidad: { $url }
collect-version = Versión de la política { $version }.
