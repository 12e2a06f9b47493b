# "O que este programa coleta" (core/src/disclosure.rs), gerado a partir da
# política do programa. $requirement é required, optional ou off.

collect-program-unnamed = seu programa
collect-title = O que { $program } coleta deste celular
collect-when = Só quando você se apresenta. Nada é coletado em segundo plano nem entre uma apresentação e outra.
collect-photo = { $requirement ->
    [required] Uma foto sua em cada apresentação (obrigatória), reduzida a { $px } pixels no lado maior, sem nenhum dado escondido.
    [optional] Uma foto sua em uma apresentação, se você quiser tirar, reduzida a { $px } pixels no lado maior, sem nenhum dado escondido.
   *[off] Nenhuma foto.
}
collect-blur-yes = O rosto de outras pessoas na foto é desfocado neste celular antes do envio.
collect-blur-no = O rosto de outras pessoas na foto não é desfocado.
collect-voice = { $requirement ->
    [required] Uma gravação de voz em cada apresentação (obrigatória), de no máximo { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }.
    [optional] Uma gravação de voz em uma apresentação, se você quiser gravar, de no máximo { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }.
   *[off] Nenhuma gravação de voz.
}
collect-location-none = Sua localização nunca é coletada.
collect-location-precise = Sua localização exata no momento em que você se apresenta.
collect-location-coarse = Só sua localização aproximada quando você se apresenta: o centro do quadrado de { $grid } m onde você está, nunca o ponto exato.
collect-location-area = Só se você está dentro da área aprovada quando se apresenta (verificado neste celular), nunca onde você está.
collect-location-required = Uma apresentação não pode ser enviada sem localização.
collect-location-optional = Uma apresentação pode ser enviada sem localização se o seu celular não tiver nenhuma.
collect-location-flags = A apresentação também informa se a localização era antiga, imprecisa ou, segundo o celular, simulada.
collect-retention = A foto e a gravação são apagadas deste celular assim que o programa confirma que recebeu. O resto de cada apresentação recebida é apagado { $days ->
    [one] { $days } dia
   *[other] { $days } dias
} depois da apresentação (uma apresentação começada e nunca enviada também é apagada nesse momento). Uma apresentação que o programa ainda não recebeu nunca é apagada. Seu registro neste celular guarda uma descrição de cada apresentação (o que foi enviado, quando, a localização como foi enviada e o comprovante do programa) como sua prova.
collect-receivers = Quem recebe: { $receivers }.
collect-contact = Dúvidas: { $contact } · Aviso de privacidade: { $url }
collect-version = Versão da política: { $version }.
