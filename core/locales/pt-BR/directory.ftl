# Serviços comunitários (core/src/directory, core/src/screens/directory.rs).
# Palavras simples: quem lê pode estar procurando um abrigo para esta
# noite. As buscas e os serviços salvos nunca saem do celular.

## Home

home-open-directory = Serviços comunitários

## Search

directory-title = Serviços comunitários
directory-none = O programa ainda não enviou a lista de serviços comunitários. Ela chega com a próxima sincronização.
directory-search-label = Buscar
directory-search-hint = Palavras como abrigo, comida, advogado, clínica
directory-search-too-long = Esta busca é longa demais. Use poucas palavras.
directory-search = Buscar
directory-any = Qualquer um
directory-choice-count = { $label } ({ $count })
directory-category = Tipo de ajuda
directory-language = Idioma falado
directory-when = Quando
directory-near = Distância a partir de
directory-anywhere = Nenhum lugar em especial
directory-near-me = Onde estou agora (pergunta uma vez ao seu celular)
directory-no-results = Nenhum serviço corresponde. Tente menos palavras ou outro tipo de ajuda.
directory-results = { $count ->
    [one] 1 serviço
   *[other] { $count } serviços
}
directory-private = Suas buscas ficam neste celular. Nunca são enviadas ao programa.
directory-open-service = Ver detalhes
directory-saved = Serviços salvos
directory-saved-a11y = { $name }, salvo
directory-distance = { $miles } mi ({ $km } km)
directory-open-now = Aberto agora
directory-closed-now = Fechado agora
directory-temporarily-closed = Fechado temporariamente
directory-temporarily-closed-body = Ligue antes de ir: este serviço está fechado por enquanto.

## Saved services

directory-saved-title = Serviços salvos
directory-saved-none = Você não salvou nenhum serviço. Abra um e toque em “Salvar”.
directory-saved-private = Os serviços salvos ficam trancados neste celular. Nunca são enviados ao programa.

## One service

directory-alert = Aviso
directory-organization = Responsável
directory-categories = Tipo de ajuda
directory-now = Agora
directory-languages = Idiomas falados
directory-fees = Custo
directory-eligibility = Quem pode ir
directory-how-to-apply = Como pedir ajuda
directory-documents = Documentos para levar
directory-interpretation = Intérpretes
directory-website = Site
directory-email = E-mail
directory-places = Onde
directory-phones = Telefones
directory-extension = { $number } ramal { $extension }
directory-call = Ligar
directory-save = Salvar
directory-unsave = Tirar dos salvos

## Opening hours

directory-hours = { $days }: { $opens } – { $closes }
directory-hours-all-day = { $days }: aberto 24 horas
directory-hours-some-days = Alguns dias: { $opens } – { $closes }
directory-hours-ask = Ligue para perguntar quando abre
directory-every-day = Todos os dias
directory-days-range = De { $first } a { $last }

## Languages, by their code in the directory

directory-language-en = Inglês
directory-language-es = Espanhol
directory-language-pt = Português
directory-language-ht = Crioulo haitiano
directory-language-fr = Francês

## Ledger

directory-change-added = { $count ->
    [one] 1 serviço incluído.
   *[other] { $count } serviços incluídos.
}
directory-change-removed = { $count ->
    [one] 1 serviço retirado.
   *[other] { $count } serviços retirados.
}
directory-change-changed = { $count ->
    [one] 1 serviço mudou.
   *[other] { $count } serviços mudaram.
}
ledger-directory = Recebida a lista de serviços comunitários, revisão { $revision } ({ $services } serviços). { $changes }
