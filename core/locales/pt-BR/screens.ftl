# Todas as telas que o participante vê (core/src/screens). Argumentos:
# en/screens.ftl. Frases curtas, com "você", sem ameaças.
# $hour, $opens_hour, $closes_hour: a hora (0-23) do horário mostrado, para
# dizer "à 1:30" e "à 0:30", mas "às 2:30" e "às 13:30" (e "até a 1:30",
# "até as 13:30", sem crase depois de "até").
# A data começa com o dia da semana em minúscula, de gênero variável
# ("segunda-feira, …", "sábado, …"): por isso ela vem depois de "de" ou de
# dois-pontos, nunca depois de "na" ou "no".
# A regra CLDR `one` do português (Brasil) vale para 0 e 1.

## Comum

screen-date-time = { $date }, { $hour ->
    [0] à
    [1] à
   *[other] às
} { $time }
screen-in = { $unit ->
    [days] daqui a { $count } dias
    [hours] daqui a { $count } horas
   *[minutes] { $count ->
        [one] daqui a { $count } minuto
       *[other] daqui a { $count } minutos
    }
}
screen-size-kb = { $kb } KB
screen-size-mb = { $whole },{ $tenth } MB
screen-your-officer = o seu agente
screen-call-program = Ligar para o programa
screen-home = Voltar ao início

## Início

home-title = Apresentações
home-warning-pin-title = Ligue para o seu programa
home-warning-pin-body = Este celular não conseguiu confirmar que estava falando com { $program }, por isso nada foi enviado. Suas apresentações estão seguras neste celular. Ligue para { $contact } e diga: "a chave do servidor mudou".
home-warning-refused-title = Uma apresentação não foi aceita
home-warning-refused-body = { $program } não aceitou sua apresentação de { $when }. Ela continua salva neste celular. Ligue para { $contact }.
home-open-refused = Ver esta apresentação
home-warning-missed-title = Uma apresentação não foi feita
home-warning-missed-body = A apresentação de { $when } não foi feita a tempo. Ligue para { $contact } para explicar o que aconteceu.
home-due-open-title = Apresente-se agora
home-due-open-body = Você pode se apresentar até { $hour ->
    [0] a
    [1] a
   *[other] as
} { $time } ({ $left }).
home-due-grace-title = Apresente-se agora
home-due-grace-body = Ainda conta como dentro do prazo até { $hour ->
    [0] a
    [1] a
   *[other] as
} { $time } ({ $left }).
home-due-late-title = Sua apresentação está atrasada
home-due-late-body = Você ainda pode se apresentar até { $hour ->
    [0] a
    [1] a
   *[other] as
} { $time } ({ $left }). Ela será registrada como atrasada.
home-due-upcoming-title = Próxima apresentação
home-due-upcoming-body = Quando: { $date }, { $opens_hour ->
    [0] da
    [1] da
   *[other] das
} { $opens } { $closes_hour ->
    [0] à
    [1] à
   *[other] às
} { $closes } ({ $left }).
home-due-done-title = Pronto
home-due-done-body = Sua apresentação deste prazo está salva. Este prazo termina { $closes_hour ->
    [0] à
    [1] à
   *[other] às
} { $closes }.
home-nothing-due = Nenhuma apresentação está marcada.
home-needs-title = O que esta apresentação pede
need-photo = Uma foto do seu rosto
need-photo-why = Para o programa saber que é você.
need-voice = Uma gravação curta da sua voz
need-voice-why = Para o programa ouvir que é você.
need-location-area = Se você está dentro da área aprovada (sim ou não)
need-location-coarse = Sua localização aproximada
need-location-precise = Sua localização
need-location-why = Só neste momento, nunca em segundo plano.
home-start-checkin = Começar a apresentação
home-appointment-title = Próximo compromisso
home-open-appointment = Ver detalhes
home-queue-waiting = { $count ->
    [one] { $network ->
        [offline] { $count } apresentação está salva neste celular e será enviada quando você tiver sinal.
       *[online] { $count } apresentação está salva neste celular e será enviada assim que o celular conseguir falar com o programa.
    }
   *[other] { $network ->
        [offline] { $count } apresentações estão salvas neste celular e serão enviadas quando você tiver sinal.
       *[online] { $count } apresentações estão salvas neste celular e serão enviadas assim que o celular conseguir falar com o programa.
    }
}
home-sync = Enviar agora
home-queue-empty = O programa recebeu todas as apresentações que você fez.
home-queue-media = { $count ->
    [one] { $count } foto ou gravação está salva e aguarda uma rede Wi-Fi.
   *[other] { $count } fotos ou gravações estão salvas e aguardam uma rede Wi-Fi.
}
home-last-receipt-title = Última apresentação recebida
home-last-receipt-body = Recebida pelo programa: { $when }.
home-open-last-receipt = Ver o comprovante
home-last-contact = Último contato com o programa: { $when }.
home-open-appointments = Compromissos
home-open-proof = Minhas provas
home-open-my-data = Meus dados
home-open-settings = Configurações

## Apresentação

checkin-title = Apresentação
checkin-window = Apresentação de { $date }, aberta até { $closes_hour ->
    [0] a
    [1] a
   *[other] as
} { $closes }.
checkin-unscheduled = Uma apresentação fora do calendário.
checkin-review = Conferir o que será enviado
checkin-discard = Cancelar esta apresentação
checkin-discarded-title = Apresentação cancelada
checkin-discarded-body = Nada dela foi guardado nem enviado.
step-photo = Foto
step-voice = Gravação de voz
step-location = Localização
step-photo-why = { $requirement ->
    [required] { $program } pede uma foto do seu rosto.
   *[optional] Você pode adicionar uma foto do seu rosto.
}
step-voice-why = { $requirement ->
    [required] { $program } pede uma gravação curta da sua voz.
   *[optional] Você pode adicionar uma gravação curta da sua voz.
}
step-location-why = { $requirement ->
    [required] { $program } pede sua localização neste momento.
   *[optional] Você pode adicionar sua localização neste momento.
}
step-photo-taken = Tirada: { $width } × { $height } pixels, { $size }.
step-voice-taken = Gravada: { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}, { $size }.
# Concorda com "etapa": "Etapa 1 de 3: Foto, concluída".
step-state = { $state ->
    [done] concluída
    [current] para fazer agora
    [todo] para fazer
   *[optional] opcional
}
step-accessibility = Etapa { $index } de { $count }: { $label }, { $state }.
capture-photo-title = Tire uma foto do seu rosto
capture-photo-instructions = Segure o celular na altura dos olhos, em um lugar bem iluminado. Só o seu rosto deve aparecer na foto.
capture-photo-action = Abrir a câmera
capture-photo-again = Tirar a foto de novo
capture-voice-title = Grave sua voz
capture-voice-instructions = Diga seu nome completo e a data de hoje. Você tem até { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}.
capture-voice-action = Começar a gravar
capture-voice-again = Gravar de novo
capture-location-title = Compartilhe sua localização uma vez
capture-location-instructions = { $mode ->
    [area] O celular verifica se você está dentro da área aprovada. Só "sim" ou "não" é enviado.
    [coarse] Só o centro do quadrado de { $grid } m onde você está é enviado, nunca o ponto exato.
   *[precise] Sua localização neste momento é enviada.
}
capture-location-action = Compartilhar minha localização
capture-location-again = Compartilhar minha localização de novo
location-sent-area = Dentro da área aprovada: { $inside ->
    [yes] sim
   *[no] não
}
location-sent-coarse = Aproximada: { $lat }, { $lon } (um quadrado de { $grid } m)
location-sent-precise = { $lat }, { $lon } (com precisão de { $accuracy } m)
hint-photo-fine = A foto está boa.
hint-voice-fine = A gravação está boa.

## Conferência

review-title = Confira o que será enviado
review-items-title = Esta apresentação contém
review-photo = { $width } × { $height } pixels, { $size }. { $blurred ->
    [0] Nenhum outro rosto.
    [one] O rosto de outra pessoa foi desfocado.
   *[other] Os rostos de outras { $blurred } pessoas foram desfocados.
}
review-voice = { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}, { $size }.
review-waits-for-wifi = Espera uma rede Wi-Fi para ser enviada; o resto vai agora.
review-time = Horário
review-time-detail = O horário do envio e o relógio do seu celular.
review-sealed-note = Quando você enviar, ela será lacrada neste celular para que só { $program } possa abrir. Ela fica neste celular até o programa confirmar que recebeu.
review-submit = Enviar apresentação
review-back = Voltar

## Enviada

submitted-title = Sua apresentação
submitted-taken = Feita
submitted-saved-title = Lacrada e salva neste celular
submitted-saved-body = { $network ->
    [offline] Ela será enviada quando você tiver sinal. Você não precisa fazer nada.
   *[online] Ela está sendo enviada. Se não houver sinal, ela será enviada mais tarde, automaticamente.
}
submitted-offline-code = Código sem conexão
submitted-offline-code-accessibility = Código sem conexão: { $code }
submitted-offline-code-help = Se você não conseguir enviar hoje, leia este código para o seu agente. Ele prova que esta apresentação existe no seu celular.
submitted-delivered-title = Recebida pelo programa
submitted-delivered-body = Recebida por { $program }: { $when }.
submitted-received = Recebida
submitted-receipt-key = Assinado por
submitted-receipt-key-accessibility = A chave do programa que assinou o comprovante.
submitted-proof = Sua prova
submitted-proof-value = Este comprovante assinado fica guardado neste celular.
submitted-open-proof = Ver todas as minhas provas
submitted-refused-title = Não aceita pelo programa
submitted-refused-body = { $program } não aceitou esta apresentação. Ela continua salva neste celular. Ligue para { $contact }.
submitted-refused-code = Para o seu agente
submitted-retry = Tentar enviar de novo

## Primeiro uso

enroll-title = Configurar as apresentações
enroll-intro = Digite o endereço e o código que o seu programa deu a você, ou escaneie o código QR do programa.
enroll-managed-title = Configurado pelo seu programa
enroll-managed-body = Seu programa preencheu estes dados para este celular.
enroll-server-label = Endereço do programa
enroll-server-hint = Começa com https://
enroll-code-label = Código
enroll-code-hint = Letras e números, por exemplo K7Q4P-2MX9A-7HJQ3.
enroll-privacy = Este celular cria a própria chave. Só o seu programa pode abrir suas apresentações.
enroll-kept-title = As suas apresentações foram mantidas
enroll-kept-body = { $count ->
    [one] 1 apresentação feita antes de este celular perder a chave continua salva neste celular. Ela será enviada quando você conectar com um código novo do seu programa.
   *[other] { $count } apresentações feitas antes de este celular perder a chave continuam salvas neste celular. Elas serão enviadas quando você conectar com um código novo do seu programa.
}
enroll-submit = Conectar
enroll-scan = Escanear o código QR
consent-title = O que este programa coleta
consent-intro = Antes da sua primeira apresentação, leia o que { $program } coleta deste celular.
consent-where-to-see-again = Você pode ler isto de novo a qualquer momento em "Meus dados".
consent-accept = Já li
consent-changed-title = O texto mudou
consent-changed-body = O programa mudou o que coleta enquanto você lia. Por favor, leia de novo.

## Compromissos

appointment-name = { $kind ->
    [court_hearing] Audiência no tribunal
    [office_visit] Visita ao escritório
   *[other] { $title ->
        [none] Compromisso
       *[other] { $title }
    }
}
appointment-when = { $date }, { $hour ->
    [0] à
    [1] à
   *[other] às
} { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}
appointment-line = { $name }: { $when }{ $place ->
    [none] {""}
   *[other] {" "}· { $place }
}
appointments-title = Compromissos
appointments-none = Você não tem compromissos marcados.
appointments-open = Ver detalhes
appointments-planned = Saída { $hour ->
    [0] à
    [1] à
   *[other] às
} { $time }
appointment-when-label = Quando
appointment-where-label = Onde
appointment-bring-label = O que levar
appointment-notes-label = Observações
appointment-if-missed-title = Se você não puder ir
appointment-detail-if-missed = { $kind ->
    [court_hearing] Se você faltar, o juiz pode decidir sem você. Se não puder ir, ligue para { $contact } antes da audiência.
   *[other] Se não puder ir, ligue para { $contact } antes do compromisso.
}
appointment-detail-plan-prompt = A que horas você vai sair para chegar { $hour ->
    [0] à
    [1] à
   *[other] às
} { $time }?
appointment-plan-hint = Por exemplo 7:30. Vamos lembrar você nesse horário.
appointment-plan-saved-title = Seu plano está salvo
appointment-plan-saved-body = Vamos lembrar você de sair { $hour ->
    [0] à
    [1] à
   *[other] às
} { $time }.
appointment-save-plan = Salvar meu plano
appointment-remove-plan = Remover o lembrete

## Provas e meus dados

proof-title = Minhas provas
proof-intro = Cada prazo para se apresentar e o comprovante que { $program } assinou quando recebeu sua apresentação.
proof-none = Ainda não há prazos para se apresentar.
proof-window-title = Últimos { $days ->
    [one] { $days } dia
   *[other] { $days } dias
}
proof-on-time = No prazo
proof-late = Atrasada
proof-saved = Salva, ainda não enviada
proof-refused = Não aceita
proof-missed = Não feita
proof-open = Ainda não feita
proof-received = Recebida: { $when }
proof-saved-detail = Código sem conexão: { $code }
proof-refused-detail = O programa não a aceitou. Ligue para o seu agente.
proof-open-checkin = Ver esta apresentação
proof-export = Compartilhar minhas provas
proof-open-ledger = Ver tudo o que este celular fez
ledger-screen-title = Tudo o que este celular fez
mydata-title = Meus dados
mydata-statement-title = O que este programa coleta
mydata-consents-title = O que você leu
mydata-consent = Versão { $version }
mydata-consent-detail = Lida: { $when } ({ $language })
mydata-never-sent = Suas buscas, seus planos e suas configurações ficam neste celular. Eles nunca são enviados.

## Configurações

settings-title = Configurações
settings-language = Idioma
settings-permissions-title = O que este aplicativo pode fazer neste celular
settings-allow = Permitir
settings-no-background-location = Este aplicativo nunca usa sua localização em segundo plano. Ele só pede a localização durante uma apresentação, se o seu programa pedir.
settings-version = Versão do aplicativo { $version }
permission-name = { $permission ->
    [camera] Câmera
    [microphone] Microfone
    [location] Localização
    [notifications] Notificações
   *[exact_alarms] Lembretes na hora certa
}
permission-why = { $permission ->
    [camera] Para a foto do seu rosto, só quando você se apresenta.
    [microphone] Para a gravação da sua voz, só quando você se apresenta.
    [location] Só durante uma apresentação, se o seu programa pedir.
    [notifications] Para lembrar você das apresentações e dos compromissos.
   *[exact_alarms] Para os lembretes chegarem no minuto certo, e não alguns minutos atrasados.
}
permission-state = { $state ->
    [granted] Permitido
    [denied] Não permitido
   *[not_asked] Ainda não foi pedido
}
permission-denied-title = { $permission ->
    [camera] A câmera está desligada para este aplicativo
    [microphone] O microfone está desligado para este aplicativo
    [location] A localização está desligada para este aplicativo
    [notifications] As notificações estão desligadas para este aplicativo
   *[exact_alarms] Os lembretes na hora certa estão desligados
}
permission-denied-body = { $permission ->
    [camera] Não é possível tirar a foto. Permita a câmera e tente de novo.
    [microphone] Não é possível gravar sua voz. Permita o microfone e tente de novo.
    [location] Não é possível compartilhar sua localização. Permita a localização e tente de novo.
    [notifications] Você não vai receber lembretes. Permita as notificações para não perder nenhuma apresentação.
   *[exact_alarms] Os lembretes podem chegar alguns minutos atrasados.
}

## Problemas, em palavras com que o participante pode agir

error-title = Algo precisa da sua atenção
error-offline-title = Ainda não enviado
error-code-invalid = Este código não funciona. Confira o código ou peça um novo ao seu programa.
error-code-empty = Digite o código que o seu programa deu a você.
error-server-url = Confira o endereço. Ele começa com https://
error-network = Não foi possível falar com o programa. Suas apresentações estão seguras neste celular e serão enviadas mais tarde.
error-pin-mismatch = Este celular não conseguiu confirmar que estava falando com o seu programa. Nada foi enviado. Ligue para o seu programa.
error-server = O servidor do programa respondeu com um problema. Tente de novo mais tarde. Se acontecer de novo, ligue para o seu programa.
error-storage-full = Este celular está cheio. Apague algumas fotos ou aplicativos e tente de novo. Nada do que já estava salvo foi perdido.
error-media = Não foi possível usar isto. Por favor, tente de novo.
error-missing-evidence = Falta algo que o programa pede. Primeiro complete todas as etapas.
error-policy-changed = O programa mudou as regras durante esta apresentação. Cancele e comece de novo.
error-window-closed = O prazo para se apresentar terminou, e também o tempo extra permitido depois dele. Não é mais possível acrescentar nada a esta apresentação. Cancele. Se você não conseguiu se apresentar a tempo, ligue para o seu programa.
error-location-not-collected = Seu programa não coleta sua localização. Nada foi guardado.
error-location-invalid = O celular não conseguiu saber onde você está. Tente de novo, ao ar livre se puder.
error-unexpected = Algo deu errado. Suas apresentações estão seguras neste celular. Tente de novo.
error-leave-time = Digite um horário como 7:30.
error-scanned-code = Este código QR não é do seu programa. Peça o código certo ao seu programa.
call-no-number-title = Como falar com o seu programa
call-no-number-body = Seu programa não deu um número de telefone para este aplicativo. Use o número que está nos seus documentos.

## Grupos de notificações (as configurações do celular mostram estes nomes)

channel-checkins-name = Apresentações
channel-checkins-description = Quando uma apresentação abre, está perto de fechar ou está atrasada.
channel-appointments-name = Compromissos
channel-appointments-description = Audiências no tribunal, visitas ao escritório e a hora de sair para ir a elas.

## O arquivo de provas (para mostrar a um advogado)

export-title = Provas de apresentação: { $program }
export-made = Gerado em { $when }
export-windows = Prazos para se apresentar dos últimos 60 dias:
export-status = { $status ->
    [delivered] recebida pelo programa
    [not_yet_sent] salva no celular, ainda não enviada
    [wedged] não aceita pelo programa
   *[not_taken] não feita
}
export-verifiable = Qualquer pessoa pode verificar o registro abaixo, sem este aplicativo (veja docs/ledger.md do projeto checkin-core):

## The shell's own controls, and when nothing can be shown

shell-back = Voltar
shell-close = Fechar
shell-take-photo = Tirar a foto
shell-switch-camera = Trocar de câmera
shell-start-recording = Começar a gravar
shell-stop-recording = Parar de gravar
shell-cancel = Cancelar
shell-loading = Um momento…
shell-locating = Procurando onde você está…
shell-scan-hint = Aponte a câmera para o código QR do seu programa.
unavailable-title = { $reason ->
    [locked] Desbloqueie o seu celular
    [key_lost] Ligue para o seu programa
    [storage_full] Este celular está cheio
   *[unexpected] Algo deu errado
}
unavailable-body = { $reason ->
    [locked] As suas apresentações ficam bloqueadas até você desbloquear este celular uma vez. Desbloqueie e abra o aplicativo de novo.
    [key_lost] Este celular perdeu a chave que protege as suas apresentações, por exemplo depois de ser restaurado. As apresentações que esperavam ser enviadas estavam seladas para o seu programa e foram mantidas. O resto que havia neste celular (o seu histórico, os seus comprovantes) não pode mais ser lido. Configure este celular de novo e conecte com um código novo do seu programa: as apresentações mantidas serão enviadas.
    [storage_full] Apague algumas fotos ou aplicativos e abra o aplicativo de novo. Nada do que já estava salvo foi perdido.
   *[unexpected] Feche o aplicativo e abra de novo. As suas apresentações neste celular estão seguras. Se acontecer de novo, ligue para o seu programa.
}
unavailable-action = { $reason ->
    [key_lost] Configurar este celular de novo
   *[other] Tentar de novo
}
call-number = Ligue para { $phone }.
