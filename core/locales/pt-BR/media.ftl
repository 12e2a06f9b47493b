# Dicas mostradas antes de enviar uma apresentação, uma por problema de
# qualidade. Os ids são estáveis: core/src/media/report.rs.

photo-too-dark = A foto está muito escura. Vá para um lugar com mais luz ou fique de frente para uma janela.
photo-too-bright = A foto está muito clara. Saia do sol direto ou afaste-se da lâmpada.
photo-blurry = A foto ficou borrada. Segure o celular parado e tente de novo.
photo-no-face = Não conseguimos ver seu rosto. Olhe direto para a câmera.
photo-face-too-small = Seu rosto está muito pequeno. Aproxime um pouco o celular.
photo-face-off-centre = Seu rosto não está no meio. Mude de posição para deixar o rosto no centro.
photo-multiple-faces = Há outras pessoas na foto. O rosto delas será desfocado, ou você pode tirar outra foto sem mais ninguém.

voice-no-speech = Não conseguimos ouvir você falar. Segure o celular perto da boca e tente de novo.
voice-too-quiet = Sua voz está muito baixa. Fale um pouco mais alto ou mais perto do celular.
voice-clipping = O som está distorcido. Afaste um pouco o celular ou fale mais baixo.
voice-too-short = A gravação está muito curta. Por favor, diga a mensagem completa.
voice-too-long = A gravação está longa. Você pode usar esta gravação ou gravar uma mensagem mais curta.
