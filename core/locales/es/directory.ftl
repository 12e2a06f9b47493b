# Servicios comunitarios (core/src/directory, core/src/screens/directory.rs).
# Palabras sencillas: quien lee puede estar buscando un albergue para esta
# noche. Las búsquedas y los servicios guardados nunca salen del teléfono.

## Home

home-open-directory = Servicios comunitarios

## Search

directory-title = Servicios comunitarios
directory-none = El programa todavía no ha enviado la lista de servicios comunitarios. Llegará con la próxima sincronización.
directory-search-label = Buscar
directory-search-hint = Palabras como albergue, comida, abogado, clínica
directory-search-too-long = Esta búsqueda es demasiado larga. Use pocas palabras.
directory-search = Buscar
directory-any = Cualquiera
directory-choice-count = { $label } ({ $count })
directory-category = Tipo de ayuda
directory-language = Idioma que hablan
directory-when = Cuándo
directory-near = Distancia desde
directory-anywhere = Ningún lugar en particular
directory-near-me = Donde estoy ahora (lo pregunta una vez a su teléfono)
directory-no-results = Ningún servicio coincide. Pruebe con menos palabras u otro tipo de ayuda.
directory-results = { $count ->
    [one] 1 servicio
   *[other] { $count } servicios
}
directory-private = Sus búsquedas se quedan en este teléfono. Nunca se envían al programa.
directory-open-service = Ver detalles
directory-saved = Servicios guardados
directory-saved-a11y = { $name }, guardado
directory-distance = { $miles } mi ({ $km } km)
directory-open-now = Abierto ahora
directory-closed-now = Cerrado ahora
directory-temporarily-closed = Cerrado temporalmente
directory-temporarily-closed-body = Llame antes de ir: este servicio está cerrado por ahora.

## Saved services

directory-saved-title = Servicios guardados
directory-saved-none = No ha guardado ningún servicio. Abra uno y toque «Guardar».
directory-saved-private = Los servicios guardados se guardan bajo llave en este teléfono. Nunca se envían al programa.

## One service

directory-alert = Aviso
directory-organization = A cargo de
directory-categories = Tipo de ayuda
directory-now = Ahora
directory-languages = Idiomas que hablan
directory-fees = Costo
directory-eligibility = Quién puede ir
directory-how-to-apply = Cómo pedir ayuda
directory-documents = Documentos que debe llevar
directory-interpretation = Intérpretes
directory-website = Sitio web
directory-email = Correo electrónico
directory-places = Dónde
directory-phones = Teléfonos
directory-extension = { $number } ext. { $extension }
directory-call = Llamar
directory-save = Guardar
directory-unsave = Quitar de guardados

## Opening hours

directory-hours = { $days }: { $opens } – { $closes }
directory-hours-all-day = { $days }: abierto las 24 horas
directory-hours-some-days = Algunos días: { $opens } – { $closes }
directory-hours-ask = Llame para preguntar cuándo abre
directory-every-day = Todos los días
directory-days-range = De { $first } a { $last }

## Languages, by their code in the directory

directory-language-en = Inglés
directory-language-es = Español
directory-language-pt = Portugués
directory-language-ht = Criollo haitiano
directory-language-fr = Francés

## Ledger

directory-change-added = { $count ->
    [one] 1 servicio agregado.
   *[other] { $count } servicios agregados.
}
directory-change-removed = { $count ->
    [one] 1 servicio quitado.
   *[other] { $count } servicios quitados.
}
directory-change-changed = { $count ->
    [one] 1 servicio cambió.
   *[other] { $count } servicios cambiaron.
}
ledger-directory = Recibida la lista de servicios comunitarios, revisión { $revision } ({ $services } servicios). { $changes }
