# Resumen legible del registro (core/src/ledger_export.rs), para mostrar a
# un abogado o a un juez.

ledger-title = Registro de presentaciones para { $program }
ledger-intact = { $count } entradas; la cadena de hashes está intacta. Los recibos están firmados con la clave del programa { $key }.
ledger-broken = Este registro ha sido alterado o dañado y no es fiable: { $fault }
ledger-yes = sí
ledger-no = no
ledger-enrolled = Inscrito en { $program }
ledger-policy = Recibida la política del programa, versión { $version }
ledger-plan = Recibido un plan de presentaciones ({ $changes } cambios)
ledger-submitted = Presentación { $id } sellada y en cola: { $parts }; huella del sobre { $digest }
ledger-delivered = Presentación { $id } recibida por el programa el { $received } (recibo firmado para la huella { $digest })
ledger-wedged = Presentación { $id } rechazada por el programa: { $reason }
ledger-location-none = Ubicación: no se envió ninguna
ledger-location-precise = Ubicación enviada: precisa, { $lat }, { $lon }
ledger-location-coarse = Ubicación enviada: aproximada (cuadrícula de { $grid } m), { $lat }, { $lon }
ledger-location-area = Ubicación enviada: solo si estaba dentro de la zona aprobada: { $inside }
ledger-blurred = Otras caras difuminadas: { $count }
ledger-consent = Se le mostró lo que recoge el programa (versión de la política { $version })
ledger-retention-checkin = Presentación { $id } (tomada { $captured }) borrada de este teléfono tras { $days } días, como fija la política del programa; este registro conserva su descripción y su recibo
ledger-retention-draft = Presentación { $id } (empezada { $captured }, nunca enviada) borrada de este teléfono tras { $days } días
ledger-deferred = Espera una red sin costo de datos: { $parts }; huella del sobre de medios { $digest }
ledger-media-delivered = Medios de la presentación { $id } recibidos por el programa el { $received } (recibo firmado de medios para la huella { $digest })
ledger-media-wedged = Medios de la presentación { $id } rechazados por el programa: { $reason }
ledger-location-unknown = Ubicación: ya no se conoce en este teléfono (su registro se perdió con la clave del teléfono)
ledger-clock-jump = El servidor del programa dio una hora a { $seen } minutos del reloj de este teléfono; el reloj solo se movió { $applied } minutos
ledger-tls-rotated = El servidor del programa cambió su clave de seguridad (cambio { $seq }, firmado por el programa); este teléfono ahora acepta { $pins }
ledger-key-lost = Se perdió la clave de almacenamiento de este teléfono: los registros anteriores ya no se podían leer y se borraron. { $recovered } presentaciones y { $media } medios pendientes de envío se conservaron intactos y se entregan cuando el teléfono se inscriba de nuevo; { $lost } no se pudieron conservar
