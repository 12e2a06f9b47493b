# Su caso (core/src/case, core/src/screens/case.rs): lo que el programa
# escribió sobre su caso, visible solo para usted. Palabras tranquilas.

## Home

home-open-case = Mi caso

## Case screen

case-title = Mi caso
case-none = El programa todavía no ha enviado la información de su caso. Llegará con la próxima sincronización.
case-number = Número de caso
case-number-masked-a11y = Número de caso que termina en { $last }, oculto
case-show-number = Mostrar el número de caso
case-hide-number = Ocultar el número de caso
case-officer = Su oficial
case-contact-hours = Cuándo puede comunicarse con su oficial
case-officer-phone = Teléfono del oficial
case-officer-email = Correo del oficial
case-call-officer = Llamar a su oficial
case-hearings = Próximas audiencias en el tribunal
case-open-hearing = Ver detalles
case-conditions = Sus condiciones
case-documents = Documentos que debe llevar
case-phones = Teléfonos del programa
case-call = Llamar
case-from-program = Esta información viene de su programa. Si algo está mal, llámelos.
case-hearing-when = { $date }, { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}

## Ledger

case-change-received = Se recibió la información de su caso.
case-change-number = Su número de caso cambió.
case-change-officer = Su oficial cambió.
case-change-officer-contact = Cambió la forma de comunicarse con su oficial.
case-change-phones = Cambiaron los teléfonos del programa.
case-change-conditions-added = { $count ->
    [one] 1 condición agregada.
   *[other] { $count } condiciones agregadas.
}
case-change-conditions-removed = { $count ->
    [one] 1 condición quitada.
   *[other] { $count } condiciones quitadas.
}
case-change-conditions-changed = { $count ->
    [one] 1 condición redactada de nuevo.
   *[other] { $count } condiciones redactadas de nuevo.
}
case-change-documents = Cambiaron los documentos que debe llevar.
ledger-case = Recibida la información de su caso, revisión { $revision }. { $changes }
