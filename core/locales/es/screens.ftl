# Todas las pantallas que ve el participante (core/src/screens). Argumentos:
# en/screens.ftl. Frases cortas, de usted, sin amenazas.
# $hour, $opens_hour, $closes_hour: la hora (0-23) de la hora mostrada, para
# decir «a la 1:30» pero «a las 2:30».
# Una fecha empieza por el día de la semana en minúscula («lunes 16 de
# marzo»): dentro de una frase va tras «el» o «del», o tras dos puntos.
# Las presentaciones («check-in») siguen el glosario (core/locales/STATUS.md):
# presentación, presentarse.

## Comunes

screen-date-time = { $date } a { $hour ->
    [1] la
   *[other] las
} { $time }
screen-in = { $unit ->
    [days] dentro de { $count } días
    [hours] dentro de { $count } horas
   *[minutes] { $count ->
        [one] dentro de 1 minuto
       *[other] dentro de { $count } minutos
    }
}
screen-size-kb = { $kb } KB
screen-size-mb = { $whole },{ $tenth } MB
screen-your-officer = su oficial
screen-call-program = Llamar al programa
screen-home = Volver al inicio

## Inicio

home-title = Presentaciones
home-warning-pin-title = Llame a su programa
home-warning-pin-body = Este teléfono no pudo confirmar que se comunicaba con { $program }, así que no se envió nada. Sus presentaciones están seguras en este teléfono. Llame a { $contact } y diga: "cambió la clave del servidor".
home-warning-refused-title = Una presentación no fue aceptada
home-warning-refused-body = { $program } no aceptó su presentación del { $when }. Sigue guardada en este teléfono. Llame a { $contact }.
home-open-refused = Ver esta presentación
home-warning-missed-title = Una presentación no se hizo
home-warning-missed-body = La presentación del { $when } no se hizo a tiempo. Llame a { $contact } para explicar lo que pasó.
home-due-open-title = Preséntese ahora
home-due-open-body = Puede presentarse hasta { $hour ->
    [1] la
   *[other] las
} { $time } ({ $left }).
home-due-grace-title = Preséntese ahora
home-due-grace-body = Todavía cuenta como a tiempo hasta { $hour ->
    [1] la
   *[other] las
} { $time } ({ $left }).
home-due-late-title = Su presentación está atrasada
home-due-late-body = Todavía puede presentarse hasta { $hour ->
    [1] la
   *[other] las
} { $time } ({ $left }). Quedará registrada como tardía.
home-due-upcoming-title = Próxima presentación
home-due-upcoming-body = El { $date }, de { $opens_hour ->
    [1] la
   *[other] las
} { $opens } a { $closes_hour ->
    [1] la
   *[other] las
} { $closes } ({ $left }).
home-due-done-title = Listo
home-due-done-body = Su presentación de este plazo está guardada. El plazo termina a { $closes_hour ->
    [1] la
   *[other] las
} { $closes }.
home-nothing-due = No hay ninguna presentación programada.
home-needs-title = Lo que pide esta presentación
need-photo = Una foto de su cara
need-photo-why = Para que el programa sepa que es usted.
need-voice = Una grabación corta de su voz
need-voice-why = Para que el programa oiga que es usted.
need-location-area = Si está dentro de la zona aprobada (sí o no)
need-location-coarse = Su ubicación aproximada
need-location-precise = Su ubicación
need-location-why = Solo en ese momento, nunca en segundo plano.
home-start-checkin = Empezar la presentación
home-appointment-title = Próxima cita
home-open-appointment = Ver detalles
home-queue-waiting = { $count ->
    [one] { $network ->
        [offline] 1 presentación está guardada en este teléfono y se enviará cuando tenga señal.
       *[online] 1 presentación está guardada en este teléfono y se enviará en cuanto se pueda conectar con el programa.
    }
   *[other] { $network ->
        [offline] { $count } presentaciones están guardadas en este teléfono y se enviarán cuando tenga señal.
       *[online] { $count } presentaciones están guardadas en este teléfono y se enviarán en cuanto se pueda conectar con el programa.
    }
}
home-sync = Enviar ahora
home-queue-empty = El programa recibió todas las presentaciones que usted hizo.
home-queue-media = { $count ->
    [one] 1 foto o grabación está guardada y espera una red Wi-Fi.
   *[other] { $count } fotos o grabaciones están guardadas y esperan una red Wi-Fi.
}
home-last-receipt-title = Última presentación recibida
home-last-receipt-body = El programa la recibió el { $when }.
home-open-last-receipt = Ver el recibo
home-last-contact = Último contacto con el programa: { $when }.
home-open-appointments = Citas
home-open-proof = Mis pruebas
home-open-my-data = Mis datos
home-open-settings = Configuración

## Presentación

checkin-title = Presentación
checkin-window = Presentación del { $date }, abierta hasta { $closes_hour ->
    [1] la
   *[other] las
} { $closes }.
checkin-unscheduled = Una presentación fuera del calendario.
checkin-review = Revisar lo que se enviará
checkin-discard = Cancelar esta presentación
checkin-discarded-title = Presentación cancelada
checkin-discarded-body = No se guardó ni se envió nada de ella.
step-photo = Foto
step-voice = Grabación de voz
step-location = Ubicación
step-photo-why = { $requirement ->
    [required] { $program } pide una foto de su cara.
   *[optional] Puede agregar una foto de su cara.
}
step-voice-why = { $requirement ->
    [required] { $program } pide una grabación corta de su voz.
   *[optional] Puede agregar una grabación corta de su voz.
}
step-location-why = { $requirement ->
    [required] { $program } pide su ubicación en este momento.
   *[optional] Puede agregar su ubicación en este momento.
}
step-photo-taken = Tomada: { $width } × { $height } píxeles, { $size }.
step-voice-taken = Grabada: { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}, { $size }.
# Concuerda con «paso»: «Paso 1 de 3: Foto, completado».
step-state = { $state ->
    [done] completado
    [current] por hacer ahora
    [todo] por hacer
   *[optional] opcional
}
step-accessibility = Paso { $index } de { $count }: { $label }, { $state }.
capture-photo-title = Tómese una foto de la cara
capture-photo-instructions = Sostenga el teléfono a la altura de los ojos, en un lugar con buena luz. En la foto solo debe aparecer su cara.
capture-photo-action = Abrir la cámara
capture-photo-again = Tomar la foto otra vez
capture-voice-title = Grabe su voz
capture-voice-instructions = Diga su nombre completo y la fecha de hoy. Tiene hasta { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}.
capture-voice-action = Empezar a grabar
capture-voice-again = Grabar otra vez
capture-location-title = Comparta su ubicación una vez
capture-location-instructions = { $mode ->
    [area] El teléfono comprueba si usted está dentro de la zona aprobada. Solo se envía "sí" o "no".
    [coarse] Solo se envía el centro del cuadrado de { $grid } m en el que está, nunca el punto exacto.
   *[precise] Se envía su ubicación en este momento.
}
capture-location-action = Compartir mi ubicación
capture-location-again = Compartir otra vez mi ubicación
location-sent-area = Dentro de la zona aprobada: { $inside ->
    [yes] sí
   *[no] no
}
location-sent-coarse = Aproximada: { $lat }, { $lon } (un cuadrado de { $grid } m)
location-sent-precise = { $lat }, { $lon } (con una precisión de { $accuracy } m)
hint-photo-fine = La foto se ve bien.
hint-voice-fine = La grabación se oye bien.

## Revisión

review-title = Revise lo que se enviará
review-items-title = Esta presentación contiene
review-photo = { $width } × { $height } píxeles, { $size }. { $blurred ->
    [0] No hay otras caras.
    [one] Se difuminó la cara de otra persona.
   *[other] Se difuminaron las caras de otras { $blurred } personas.
}
review-voice = { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}, { $size }.
review-waits-for-wifi = Espera una red Wi-Fi para enviarse; lo demás se envía ahora.
review-time = Hora
review-time-detail = La hora en que la envía y el reloj de su teléfono.
review-sealed-note = Cuando la envíe, se sellará en este teléfono para que solo { $program } pueda abrirla. Se queda en este teléfono hasta que el programa confirme que la recibió.
review-submit = Enviar presentación
review-back = Volver

## Enviada

submitted-title = Su presentación
submitted-taken = Hecha
submitted-saved-title = Sellada y guardada en este teléfono
submitted-saved-body = { $network ->
    [offline] Se enviará cuando tenga señal. No tiene que hacer nada.
   *[online] Se está enviando. Si no hay señal, se enviará sola más tarde.
}
submitted-offline-code = Código sin conexión
submitted-offline-code-accessibility = Código sin conexión: { $code }
submitted-offline-code-help = Si hoy no puede enviarla, lea este código a su oficial. Demuestra que esta presentación existe en su teléfono.
submitted-delivered-title = Recibida por el programa
submitted-delivered-body = { $program } recibió su presentación el { $when }.
submitted-received = Recibida
submitted-receipt-key = Firmado por
submitted-receipt-key-accessibility = La clave del programa que firmó el recibo.
submitted-proof = Su prueba
submitted-proof-value = Este recibo firmado se guarda en este teléfono.
submitted-open-proof = Ver todas mis pruebas
submitted-refused-title = No aceptada por el programa
submitted-refused-body = { $program } no aceptó esta presentación. Sigue guardada en este teléfono. Llame a { $contact }.
submitted-refused-code = Para su oficial
submitted-retry = Intentar enviar otra vez

## Primer uso

enroll-title = Configurar las presentaciones
enroll-intro = Escriba la dirección y el código que le dio su programa, o escanee su código QR.
enroll-managed-title = Configurado por su programa
enroll-managed-body = Su programa completó estos datos para este teléfono.
enroll-server-label = Dirección del programa
enroll-server-hint = Empieza con https://
enroll-code-label = Código
enroll-code-hint = Letras y números, por ejemplo K7Q4P-2MX9A-7HJQ3.
enroll-privacy = Este teléfono crea su propia clave. Solo su programa puede abrir sus presentaciones.
enroll-kept-title = Sus presentaciones se conservaron
enroll-kept-body = { $count ->
    [one] 1 presentación hecha antes de que este teléfono perdiera su clave sigue guardada en este teléfono. Se enviará cuando se conecte con un código nuevo de su programa.
   *[other] { $count } presentaciones hechas antes de que este teléfono perdiera su clave siguen guardadas en este teléfono. Se enviarán cuando se conecte con un código nuevo de su programa.
}
enroll-submit = Conectar
enroll-scan = Escanear el código QR
consent-title = Qué recoge este programa
consent-intro = Antes de su primera presentación, lea lo que { $program } recoge de este teléfono.
consent-where-to-see-again = Puede volver a leer esto cuando quiera en "Mis datos".
consent-accept = Ya lo leí
consent-changed-title = El texto cambió
consent-changed-body = El programa cambió lo que recoge mientras usted leía. Por favor, léalo otra vez.

## Citas

appointment-name = { $kind ->
    [court_hearing] Audiencia en el tribunal
    [office_visit] Visita a la oficina
   *[other] { $title ->
        [none] Cita
       *[other] { $title }
    }
}
appointment-when = { $date } a { $hour ->
    [1] la
   *[other] las
} { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}
appointment-line = { $name }: { $when }{ $place ->
    [none] {""}
   *[other] {" "}· { $place }
}
appointments-title = Citas
appointments-none = No tiene citas próximas.
appointments-open = Ver detalles
appointments-planned = Sale a { $hour ->
    [1] la
   *[other] las
} { $time }
appointment-when-label = Cuándo
appointment-where-label = Dónde
appointment-bring-label = Qué llevar
appointment-notes-label = Notas
appointment-if-missed-title = Si no puede ir
appointment-detail-if-missed = { $kind ->
    [court_hearing] Si no va, el juez puede decidir sin usted. Si no puede ir, llame a { $contact } antes de la audiencia.
   *[other] Si no puede ir, llame a { $contact } antes de la cita.
}
appointment-detail-plan-prompt = ¿A qué hora saldrá para llegar a { $hour ->
    [1] la
   *[other] las
} { $time }?
appointment-plan-hint = Por ejemplo 7:30. Le avisaremos a esa hora.
appointment-plan-saved-title = Su plan está guardado
appointment-plan-saved-body = Le avisaremos que salga a { $hour ->
    [1] la
   *[other] las
} { $time }.
appointment-save-plan = Guardar mi plan
appointment-remove-plan = Quitar el recordatorio

## Pruebas y mis datos

proof-title = Mis pruebas
proof-intro = Cada plazo para presentarse, y el recibo que { $program } firmó al recibir su presentación.
proof-none = Todavía no hay plazos para presentarse.
proof-window-title = Los últimos { $days } días
proof-on-time = A tiempo
proof-late = Tarde
proof-saved = Guardada, sin enviar todavía
proof-refused = No aceptada
proof-missed = No se hizo
proof-open = Todavía sin hacer
proof-received = Recibida el { $when }
proof-saved-detail = Código sin conexión: { $code }
proof-refused-detail = El programa no la aceptó. Llame a su oficial.
proof-open-checkin = Ver esta presentación
proof-export = Compartir mis pruebas
proof-open-ledger = Ver todo lo que hizo este teléfono
ledger-screen-title = Todo lo que hizo este teléfono
mydata-title = Mis datos
mydata-statement-title = Qué recoge este programa
mydata-consents-title = Lo que usted ha leído
mydata-consent = Versión { $version }
mydata-consent-detail = Leída el { $when } ({ $language })
mydata-never-sent = Sus búsquedas, sus planes y su configuración se quedan en este teléfono. Nunca se envían.

## Configuración

settings-title = Configuración
settings-language = Idioma
settings-permissions-title = Lo que esta aplicación puede hacer en este teléfono
settings-allow = Permitir
settings-no-background-location = Esta aplicación nunca usa su ubicación en segundo plano. Solo la pide durante una presentación, si su programa la pide.
settings-version = Versión de la aplicación { $version }
permission-name = { $permission ->
    [camera] Cámara
    [microphone] Micrófono
    [location] Ubicación
    [notifications] Notificaciones
   *[exact_alarms] Recordatorios puntuales
}
permission-why = { $permission ->
    [camera] Para la foto de su cara, solo cuando se presenta.
    [microphone] Para su grabación de voz, solo cuando se presenta.
    [location] Solo durante una presentación, si su programa la pide.
    [notifications] Para recordarle sus presentaciones y sus citas.
   *[exact_alarms] Para que los recordatorios lleguen en el minuto exacto, no unos minutos tarde.
}
permission-state = { $state ->
    [granted] Permitido
    [denied] No permitido
   *[not_asked] Todavía no se ha pedido
}
permission-denied-title = { $permission ->
    [camera] La cámara está desactivada para esta aplicación
    [microphone] El micrófono está desactivado para esta aplicación
    [location] La ubicación está desactivada para esta aplicación
    [notifications] Las notificaciones están desactivadas para esta aplicación
   *[exact_alarms] Los recordatorios puntuales están desactivados
}
permission-denied-body = { $permission ->
    [camera] No se puede tomar la foto. Permita la cámara y vuelva a intentarlo.
    [microphone] No se puede grabar su voz. Permita el micrófono y vuelva a intentarlo.
    [location] No se puede compartir su ubicación. Permita la ubicación y vuelva a intentarlo.
    [notifications] No recibirá recordatorios. Permita las notificaciones para no perder ninguna presentación.
   *[exact_alarms] Los recordatorios pueden llegar unos minutos tarde.
}

## Problemas, en palabras con las que el participante puede actuar

error-title = Algo necesita su atención
error-offline-title = Todavía no se envió
error-code-invalid = Este código no funciona. Revíselo o pida uno nuevo a su programa.
error-code-empty = Escriba el código que le dio su programa.
error-server-url = Revise la dirección. Empieza con https://
error-network = No se pudo conectar con el programa. Sus presentaciones están seguras en este teléfono y se enviarán más tarde.
error-pin-mismatch = Este teléfono no pudo confirmar que se comunicaba con su programa. No se envió nada. Llame a su programa.
error-server = El servidor del programa respondió con un problema. Inténtelo más tarde. Si vuelve a pasar, llame a su programa.
error-storage-full = Este teléfono está lleno. Borre algunas fotos o aplicaciones y vuelva a intentarlo. No se perdió nada de lo que ya estaba guardado.
error-media = No se pudo usar. Por favor, inténtelo otra vez.
error-missing-evidence = Falta algo que pide el programa. Primero complete todos los pasos.
error-policy-changed = El programa cambió sus reglas durante esta presentación. Cancélela y empiece otra vez.
error-window-closed = Terminó el plazo para presentarse, también el tiempo extra permitido después. Ya no se puede agregar nada a esta presentación. Cancélela. Si no pudo presentarse a tiempo, llame a su programa.
error-location-not-collected = Su programa no recoge su ubicación. No se guardó nada.
error-location-invalid = El teléfono no pudo saber dónde está usted. Inténtelo otra vez, al aire libre si puede.
error-unexpected = Algo salió mal. Sus presentaciones están seguras en este teléfono. Inténtelo otra vez.
error-leave-time = Escriba una hora como 7:30.
error-scanned-code = Este código QR no es de su programa. Pida el código correcto a su programa.
call-no-number-title = Cómo comunicarse con su programa
call-no-number-body = Su programa no dio un número de teléfono para esta aplicación. Use el número que aparece en sus papeles.

## Grupos de notificaciones (los ajustes del teléfono los muestran con estos nombres)

channel-checkins-name = Presentaciones
channel-checkins-description = Cuando se abre una presentación, cuando está por cerrarse o cuando está atrasada.
channel-appointments-name = Citas
channel-appointments-description = Audiencias en el tribunal, visitas a la oficina y a qué hora salir para llegar.

## El archivo de pruebas (para compartir con un abogado)

export-title = Pruebas de presentación: { $program }
export-made = Creado el { $when }
export-windows = Plazos para presentarse de los últimos 60 días:
export-status = { $status ->
    [delivered] recibida por el programa
    [not_yet_sent] guardada en el teléfono, sin enviar todavía
    [wedged] no aceptada por el programa
   *[not_taken] no se hizo
}
export-verifiable = Cualquier persona puede comprobar el registro de abajo, sin esta aplicación (vea docs/ledger.md del proyecto checkin-core):

## The shell's own controls, and when nothing can be shown

shell-back = Atrás
shell-close = Cerrar
shell-take-photo = Tomar la foto
shell-switch-camera = Cambiar de cámara
shell-start-recording = Empezar a grabar
shell-stop-recording = Dejar de grabar
shell-cancel = Cancelar
shell-loading = Un momento…
shell-locating = Buscando dónde está…
shell-scan-hint = Apunte la cámara al código QR de su programa.
unavailable-title = { $reason ->
    [locked] Desbloquee su teléfono
    [key_lost] Llame a su programa
    [storage_full] Este teléfono está lleno
   *[unexpected] Algo salió mal
}
unavailable-body = { $reason ->
    [locked] Sus presentaciones están bloqueadas hasta que desbloquee este teléfono una vez. Desbloquéelo y abra la aplicación otra vez.
    [key_lost] Este teléfono perdió la clave que protege sus presentaciones, por ejemplo después de restablecerlo. Las presentaciones que esperaban ser enviadas estaban selladas para su programa y se conservan. Lo demás que había en este teléfono (su historial, sus recibos) ya no se puede leer. Configure este teléfono otra vez y conéctese con un código nuevo de su programa: las presentaciones conservadas se enviarán.
    [storage_full] Borre algunas fotos o aplicaciones y abra la aplicación otra vez. No se perdió nada de lo que ya estaba guardado.
   *[unexpected] Cierre la aplicación y ábrala otra vez. Sus presentaciones en este teléfono están seguras. Si vuelve a pasar, llame a su programa.
}
unavailable-action = { $reason ->
    [key_lost] Configurar este teléfono otra vez
   *[other] Intentar otra vez
}
call-number = Llame al { $phone }.
