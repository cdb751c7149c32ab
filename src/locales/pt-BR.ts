/** Portuguese (Brazil); also used for `pt` and the other Portuguese regions. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/** The texts, numbers and durations formatted by `f` (`formats('pt-BR')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'Enviar notificação', phone: 'Ligar para mim', passcode: 'Digitar código' },
  methodNames: { push: 'Notificação push', phone: 'Ligação', passcode: 'Código de verificação', securityKey: 'Chave de segurança', passkey: 'Chave de acesso' },
  webauthnMethod: { securityKey: 'Usar uma chave de segurança', passkey: 'Usar uma chave de acesso' },
  recommended: 'Recomendado',
  chooseMethod: 'Escolha um método de verificação',
  device: 'Dispositivo',
  logIn: 'Entrar',
  passcodeLabel: 'Código de verificação',
  sendCodes: 'Enviar códigos',
  passcodePlaceholder: 'ex.: 867539',
  cancel: 'Cancelar',
  dismiss: 'Fechar',
  retry: 'Tentar novamente',
  tryAgain: 'Tentar novamente',
  addDevice: 'Adicionar um dispositivo',

  starting: { push: 'Enviando uma solicitação de login para o seu dispositivo…', phone: 'Ligando para o seu telefone…' },
  status: {
    pushed: 'Solicitação de login enviada para o seu dispositivo…',
    calling: 'Ligando para o seu telefone…',
    answered: 'Ligação atendida. Pressione qualquer tecla do telefone para entrar.',
    challenge: 'Aguardando sua chave de segurança…',
    sent: 'Novos códigos enviados por SMS',
    allow: 'Verificado. Entrando…',
    deny: 'Solicitação de login recusada.',
    timeout: 'O tempo da verificação esgotou.',
    fraud: 'Solicitação de login marcada como fraude. Seu administrador foi notificado.',
    locked_out: 'Sua conta está bloqueada.',
    canceled: 'Solicitação de verificação cancelada',
  },
  nextStep: {
    timeout: 'Escolha um método para tentar novamente.',
    locked_out: 'Entre em contato com o suporte técnico para desbloqueá-la.',
  },
  rememberedDevice: 'Dispositivo reconhecido. Entrando…',
  notRequired: 'Sua conta não precisa de uma segunda etapa. Entrando…',
  loginDenied: 'Este login não é permitido. Entre em contato com o suporte técnico.',
  enrollNeeded: 'Adicione um dispositivo para concluir o login.',
  verifying: 'Verificando seu código…',
  sendingCodes: 'Enviando códigos por SMS…',
  reconnecting: 'Problema de conexão. Tentando novamente…',
  userCanceled: 'Solicitação de verificação cancelada',
  switchedDevice: {
    push: 'Notificação cancelada: você escolheu outro dispositivo.',
    phone: 'Ligação cancelada: você escolheu outro dispositivo.',
    webauthn: 'Solicitação da chave de segurança cancelada: você escolheu outro dispositivo.',
  },
  canceling: 'Cancelando…',
  cancelFailed: 'Não foi possível cancelar a solicitação, e ela ainda pode chegar ao seu telefone. Se chegar, recuse-a lá.',
  earlierNotCanceled:
    'Não foi possível cancelar a solicitação anterior, e ela ainda pode chegar ao seu telefone. Se chegar, recuse-a lá.',
  noDevices: 'Nenhum dispositivo pode concluir este login. Entre em contato com o suporte técnico.',
  noMethods: 'Nenhum dos seus dispositivos pode ser usado para entrar aqui. Entre em contato com o suporte técnico.',

  passcodeEmpty: 'Digite um código.',
  passcodeFormat: 'O código tem de 6 a 10 dígitos.',
  passcodeIncorrect: 'Código incorreto. Tente novamente.',
  attemptsLeft: (count) =>
    count === 0
      ? 'Nenhuma tentativa restante.'
      : f.plural(count, { one: 'Resta # tentativa.', other: 'Restam # tentativas.' }),
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? 'Muitas tentativas. Tente novamente mais tarde.'
      : `Muitas tentativas. Tente novamente em ${f.span(seconds)}.`,
  errors: {
    network: 'Não foi possível acessar o servidor. Verifique sua conexão e tente novamente.',
    timeout: 'O servidor demorou demais para responder. Tente novamente.',
    unavailable: 'O serviço está indisponível no momento. Tente novamente em instantes.',
    bad_response: 'Algo deu errado. Tente novamente.',
    invalid_request: 'Não foi possível concluir a solicitação. Escolha outro método.',
    expired: 'Esta tentativa de login expirou. Comece novamente.',
    rate_limited: 'Muitas tentativas. Tente novamente mais tarde.',
    invalid_passcode: 'Código incorreto. Tente novamente.',
    locked_out: 'Sua conta está bloqueada. Entre em contato com o suporte técnico para desbloqueá-la.',
  },

  nextSmsDigit: (digit) => `O próximo código SMS começa com ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'Gere códigos no seu app autenticador ou receba-os por SMS.',
    withoutSms: 'Digite um código do seu app autenticador ou token.',
  },
  rememberMe: (duration) => `Lembrar de mim por ${duration}`,
  duration: f.duration,

  enterCodeInApp: 'Digite este código no app',
  timeLeft: (seconds) => `Tempo restante: ${f.clock(seconds)}`,
  timeWarning: (seconds) => `Restam cerca de ${f.span(seconds)} para aprovar.`,
  sendAgain: { push: 'Enviar outra notificação', phone: 'Ligar novamente' },
  sendCodesIn: (seconds) => `Novos códigos em ${f.n(seconds)} s`,
  webauthnFailed: {
    canceled: 'Cancelado. Tente novamente ou escolha outro método.',
    timeout: 'O tempo esgotou. Tente novamente ou escolha outro método.',
    'no-credential': 'Esta chave de segurança ou chave de acesso não está registrada na sua conta.',
    unsupported: 'Este navegador não é compatível com chaves de segurança nem chaves de acesso.',
    'insecure-context': 'Chaves de segurança e chaves de acesso só funcionam em uma página segura (https).',
    failed: 'Não foi possível usar a chave. Tente novamente ou escolha outro método.',
  },
  tooManyRequests: (method, seconds) =>
    `Muitas solicitações de login. ${
      seconds === undefined
        ? 'Aguarde um momento e tente novamente.'
        : `Você poderá ${method === 'push' ? 'enviar outra notificação' : 'receber outra ligação'} em ${f.span(seconds)}.`
    }`,

  loading: 'Verificando sua conta…',
  links: { about: 'O que é isto?', settings: 'Minhas configurações e dispositivos', help: 'Precisa de ajuda?' },
  linksLabel: 'Ajuda e configurações',
  opensInNewTab: '(abre em uma nova guia)',
  headings: {
    denied: 'Login não permitido',
    enroll: 'Adicione um dispositivo para continuar',
    error: 'Algo deu errado',
    remembered: 'Nenhuma segunda etapa necessária',
    notRequired: 'Nenhuma segunda etapa necessária',
    success: 'Verificação concluída',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /novamente|de novo|outra vez|try again|retry/i,
    locked_out: /entre em contato|contate|suporte|administrador|central de ajuda|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: 'Tentar novamente com a chave de segurança', passkey: 'Tentar novamente com a chave de acesso' },
});
