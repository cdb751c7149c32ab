/** Spanish. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/** The texts, numbers and durations formatted by `f` (`formats('es')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'Enviar notificación', phone: 'Llamarme', passcode: 'Introducir código' },
  methodNames: { push: 'Notificación push', phone: 'Llamada', passcode: 'Código de verificación', securityKey: 'Llave de seguridad', passkey: 'Llave de acceso' },
  webauthnMethod: { securityKey: 'Usar una llave de seguridad', passkey: 'Usar una llave de acceso' },
  recommended: 'Recomendado',
  chooseMethod: 'Elige un método de verificación',
  device: 'Dispositivo',
  logIn: 'Iniciar sesión',
  passcodeLabel: 'Código de verificación',
  sendCodes: 'Enviar códigos',
  passcodePlaceholder: 'p. ej.: 867539',
  cancel: 'Cancelar',
  dismiss: 'Cerrar',
  retry: 'Reintentar',
  tryAgain: 'Volver a intentarlo',
  addDevice: 'Añadir un dispositivo',

  starting: { push: 'Enviando una solicitud de inicio de sesión a tu dispositivo…', phone: 'Llamando a tu teléfono…' },
  status: {
    pushed: 'Solicitud de inicio de sesión enviada a tu dispositivo…',
    calling: 'Llamando a tu teléfono…',
    answered: 'Llamada contestada. Pulsa cualquier tecla del teléfono para iniciar sesión.',
    challenge: 'Esperando a tu llave de seguridad…',
    sent: 'Nuevos códigos enviados por SMS',
    allow: 'Verificado. Iniciando sesión…',
    deny: 'Solicitud de inicio de sesión rechazada.',
    timeout: 'Se agotó el tiempo de verificación.',
    fraud: 'Solicitud de inicio de sesión marcada como fraudulenta. Se ha avisado a tu administrador.',
    locked_out: 'Tu cuenta está bloqueada.',
    canceled: 'Solicitud de verificación cancelada',
  },
  nextStep: {
    timeout: 'Elige un método para volver a intentarlo.',
    locked_out: 'Ponte en contacto con el soporte técnico para desbloquearla.',
  },
  rememberedDevice: 'Dispositivo reconocido. Iniciando sesión…',
  notRequired: 'Tu cuenta no necesita un segundo paso. Iniciando sesión…',
  loginDenied: 'No se permite este inicio de sesión. Ponte en contacto con el soporte técnico.',
  enrollNeeded: 'Añade un dispositivo para terminar de iniciar sesión.',
  verifying: 'Verificando tu código…',
  sendingCodes: 'Enviando códigos por SMS…',
  reconnecting: 'Problema de conexión. Reintentando…',
  userCanceled: 'Solicitud de verificación cancelada',
  switchedDevice: {
    push: 'Notificación cancelada: has elegido otro dispositivo.',
    phone: 'Llamada cancelada: has elegido otro dispositivo.',
    webauthn: 'Solicitud de la llave de seguridad cancelada: has elegido otro dispositivo.',
  },
  canceling: 'Cancelando…',
  cancelFailed: 'No se pudo cancelar la solicitud y puede que aún llegue a tu teléfono. Si llega, recházala allí.',
  earlierNotCanceled:
    'No se pudo cancelar la solicitud anterior y puede que aún llegue a tu teléfono. Si llega, recházala allí.',
  noDevices: 'Ningún dispositivo puede completar este inicio de sesión. Ponte en contacto con el soporte técnico.',
  noMethods: 'Ninguno de tus dispositivos sirve para iniciar sesión aquí. Ponte en contacto con el soporte técnico.',

  passcodeEmpty: 'Introduce un código.',
  passcodeFormat: 'El código tiene entre 6 y 10 dígitos.',
  passcodeIncorrect: 'Código incorrecto. Inténtalo de nuevo.',
  attemptsLeft: (count) =>
    count === 0 ? 'No te quedan intentos.' : f.plural(count, { one: 'Te queda # intento.', other: 'Te quedan # intentos.' }),
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? 'Demasiados intentos. Inténtalo de nuevo más tarde.'
      : `Demasiados intentos. Vuelve a intentarlo dentro de ${f.span(seconds)}.`,
  errors: {
    network: 'No se pudo conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.',
    timeout: 'El servidor tardó demasiado en responder. Inténtalo de nuevo.',
    unavailable: 'El servicio no está disponible en este momento. Inténtalo de nuevo en unos instantes.',
    bad_response: 'Algo salió mal. Inténtalo de nuevo.',
    invalid_request: 'No se pudo completar la solicitud. Elige otro método.',
    expired: 'Este intento de inicio de sesión ha caducado. Vuelve a empezar.',
    rate_limited: 'Demasiados intentos. Inténtalo de nuevo más tarde.',
    invalid_passcode: 'Código incorrecto. Inténtalo de nuevo.',
    locked_out: 'Tu cuenta está bloqueada. Ponte en contacto con el soporte técnico para desbloquearla.',
  },

  nextSmsDigit: (digit) => `El siguiente código SMS empieza por ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'Genera códigos en tu app de autenticación o recíbelos por SMS.',
    withoutSms: 'Introduce un código de tu app de autenticación o de tu token.',
  },
  rememberMe: (duration) => `Recordarme durante ${duration}`,
  duration: f.duration,

  enterCodeInApp: 'Introduce este código en la app',
  timeLeft: (seconds) => `Tiempo restante: ${f.clock(seconds)}`,
  timeWarning: (seconds) => `Quedan unos ${f.span(seconds)} para aprobar.`,
  sendAgain: { push: 'Enviar otra notificación', phone: 'Volver a llamar' },
  sendCodesIn: (seconds) => `Podrás enviar nuevos códigos en ${f.n(seconds)} s`,
  webauthnFailed: {
    canceled: 'Cancelado. Inténtalo de nuevo o elige otro método.',
    timeout: 'Se agotó el tiempo. Inténtalo de nuevo o elige otro método.',
    'no-credential': 'Esta llave de seguridad o llave de acceso no está registrada en tu cuenta.',
    unsupported: 'Este navegador no admite llaves de seguridad ni llaves de acceso.',
    'insecure-context': 'Las llaves de seguridad y las llaves de acceso solo funcionan en una página segura (https).',
    failed: 'No se pudo usar la llave. Inténtalo de nuevo o elige otro método.',
  },
  tooManyRequests: (method, seconds) =>
    `Demasiadas solicitudes de inicio de sesión. ${
      seconds === undefined
        ? 'Espera un momento y vuelve a intentarlo.'
        : `Podrás ${method === 'push' ? 'enviar otra notificación' : 'volver a llamar'} dentro de ${f.span(seconds)}.`
    }`,

  loading: 'Comprobando tu cuenta…',
  links: { about: '¿Qué es esto?', settings: 'Mi configuración y dispositivos', help: '¿Necesitas ayuda?' },
  linksLabel: 'Ayuda y configuración',
  opensInNewTab: '(se abre en una pestaña nueva)',
  headings: {
    denied: 'Inicio de sesión no permitido',
    enroll: 'Añade un dispositivo para continuar',
    error: 'Algo salió mal',
    remembered: 'No hace falta un segundo paso',
    notRequired: 'No hace falta un segundo paso',
    success: 'Verificación completada',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /de nuevo|otra vez|volver a intentar|reintent|try again|retry/i,
    locked_out: /contacto con|contacta|asistencia|soporte|administrador|mesa de ayuda|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: 'Volver a usar la llave de seguridad', passkey: 'Volver a usar la llave de acceso' },
});
