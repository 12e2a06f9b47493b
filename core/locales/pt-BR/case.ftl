# Seu caso (core/src/case, core/src/screens/case.rs): o que o programa
# escreveu sobre o seu caso, visível só para você. Palavras calmas.

## Home

home-open-case = Meu caso

## Case screen

case-title = Meu caso
case-none = O programa ainda não enviou as informações do seu caso. Elas chegam com a próxima sincronização.
case-number = Número do caso
case-number-masked-a11y = Número do caso terminado em { $last }, oculto
case-show-number = Mostrar o número do caso
case-hide-number = Ocultar o número do caso
case-officer = Seu agente
case-contact-hours = Quando falar com seu agente
case-officer-phone = Telefone do agente
case-officer-email = E-mail do agente
case-call-officer = Ligar para seu agente
case-hearings = Próximas audiências no tribunal
case-open-hearing = Ver detalhes
case-conditions = Suas condições
case-documents = Documentos para levar
case-phones = Telefones do programa
case-call = Ligar
case-from-program = Estas informações vêm do seu programa. Se algo estiver errado, ligue para eles.
case-hearing-when = { $date }, { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}

## Ledger

case-change-received = As informações do seu caso foram recebidas.
case-change-number = O número do seu caso mudou.
case-change-officer = Seu agente mudou.
case-change-officer-contact = A forma de falar com seu agente mudou.
case-change-phones = Os telefones do programa mudaram.
case-change-conditions-added = { $count ->
    [one] 1 condição incluída.
   *[other] { $count } condições incluídas.
}
case-change-conditions-removed = { $count ->
    [one] 1 condição retirada.
   *[other] { $count } condições retiradas.
}
case-change-conditions-changed = { $count ->
    [one] 1 condição reescrita.
   *[other] { $count } condições reescritas.
}
case-change-documents = Os documentos para levar mudaram.
ledger-case = Recebidas as informações do seu caso, revisão { $revision }. { $changes }
