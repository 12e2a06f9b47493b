# Resumo legível do registro (core/src/ledger_export.rs), para mostrar a um
# advogado ou a um juiz.

ledger-title = Registro de apresentações para { $program }
ledger-intact = { $count ->
    [one] { $count } item
   *[other] { $count } itens
}; a cadeia de hashes está intacta. Os comprovantes são assinados com a chave do programa { $key }.
ledger-broken = Este registro foi alterado ou danificado e não é confiável: { $fault }
ledger-yes = sim
ledger-no = não
ledger-enrolled = Inscrição em { $program }
ledger-policy = Política do programa recebida, versão { $version }
ledger-plan = Calendário de apresentações recebido ({ $changes ->
    [one] { $changes } mudança
   *[other] { $changes } mudanças
})
ledger-submitted = Apresentação { $id } lacrada e na fila de envio: { $parts }; impressão digital do envelope { $digest }
ledger-delivered = Apresentação { $id } recebida pelo programa em { $received } (comprovante assinado para a impressão digital { $digest })
ledger-wedged = Apresentação { $id } recusada pelo programa: { $reason }
ledger-location-none = Localização: nenhuma enviada
ledger-location-precise = Localização enviada: exata, { $lat }, { $lon }
ledger-location-coarse = Localização enviada: aproximada (quadrado de { $grid } m), { $lat }, { $lon }
ledger-location-area = Localização enviada: só se estava dentro da área aprovada: { $inside }
ledger-blurred = Outros rostos desfocados: { $count }
ledger-consent = Você viu o que o programa coleta (versão da política { $version })
ledger-retention-checkin = Apresentação { $id } (feita em { $captured }) apagada deste celular depois de { $days ->
    [one] { $days } dia
   *[other] { $days } dias
}, como define a política do programa; este registro guarda a descrição e o comprovante
ledger-retention-draft = Apresentação { $id } (começada em { $captured }, nunca enviada) apagada deste celular depois de { $days ->
    [one] { $days } dia
   *[other] { $days } dias
}
ledger-deferred = Aguardando uma rede sem cobrança de dados: { $parts }; impressão digital do envelope de mídia { $digest }
ledger-media-delivered = Mídia da apresentação { $id } recebida pelo programa em { $received } (comprovante de mídia assinado para a impressão digital { $digest })
ledger-media-wedged = Mídia da apresentação { $id } recusada pelo programa: { $reason }
ledger-location-unknown = Localização: não é mais conhecida neste telefone (o registro dela se perdeu com a chave do telefone)
ledger-clock-jump = O servidor do programa informou uma hora a { $seen } minutos do relógio deste telefone; o relógio só foi ajustado em { $applied } minutos
ledger-tls-rotated = O servidor do programa trocou sua chave de segurança (troca { $seq }, assinada pelo programa); este telefone agora aceita { $pins }
ledger-key-lost = A chave de armazenamento deste telefone foi perdida: os registros anteriores não podiam mais ser lidos e foram apagados. { $recovered } check-ins e { $media } mídias aguardando envio foram mantidos intactos e são entregues quando o telefone for inscrito de novo; { $lost } não puderam ser mantidos
