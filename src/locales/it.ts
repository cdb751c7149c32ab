/** Italian. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/** The texts, numbers and durations formatted by `f` (`formats('it')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'Invia notifica', phone: 'Chiamami', passcode: 'Inserisci codice' },
  methodNames: { push: 'Notifica push', phone: 'Chiamata', passcode: 'Codice di verifica', securityKey: 'Chiave di sicurezza', passkey: 'Passkey' },
  webauthnMethod: { securityKey: 'Usa una chiave di sicurezza', passkey: 'Usa una passkey' },
  recommended: 'Consigliato',
  chooseMethod: 'Scegli un metodo di verifica',
  device: 'Dispositivo',
  logIn: 'Accedi',
  passcodeLabel: 'Codice di verifica',
  sendCodes: 'Invia codici',
  passcodePlaceholder: 'es. 867539',
  cancel: 'Annulla',
  dismiss: 'Chiudi',
  retry: 'Riprova',
  tryAgain: 'Riprova',
  addDevice: 'Aggiungi un dispositivo',

  starting: { push: 'Invio di una richiesta di accesso al tuo dispositivo…', phone: 'Chiamata al tuo telefono in corso…' },
  status: {
    pushed: 'Richiesta di accesso inviata al tuo dispositivo…',
    calling: 'Chiamata al tuo telefono in corso…',
    answered: 'Hai risposto. Premi un tasto qualsiasi sul telefono per accedere.',
    challenge: 'In attesa della chiave di sicurezza…',
    sent: 'Nuovi codici inviati via SMS',
    allow: 'Verifica riuscita. Accesso in corso…',
    deny: 'Richiesta di accesso rifiutata.',
    timeout: 'Il tempo per la verifica è scaduto.',
    fraud: 'Richiesta di accesso segnalata come fraudolenta. L’amministratore è stato avvisato.',
    locked_out: 'Il tuo account è bloccato.',
    canceled: 'Richiesta di verifica annullata',
  },
  nextStep: {
    timeout: 'Scegli un metodo per riprovare.',
    locked_out: 'Contatta l’assistenza per sbloccarlo.',
  },
  rememberedDevice: 'Dispositivo riconosciuto. Accesso in corso…',
  notRequired: 'Il tuo account non richiede un secondo passaggio. Accesso in corso…',
  loginDenied: 'Questo accesso non è consentito. Contatta l’assistenza.',
  enrollNeeded: 'Aggiungi un dispositivo per completare l’accesso.',
  verifying: 'Verifica del codice in corso…',
  sendingCodes: 'Invio dei codici via SMS…',
  reconnecting: 'Problema di connessione. Nuovo tentativo…',
  userCanceled: 'Richiesta di verifica annullata',
  switchedDevice: {
    push: 'Notifica annullata: hai scelto un altro dispositivo.',
    phone: 'Chiamata annullata: hai scelto un altro dispositivo.',
    webauthn: 'Richiesta della chiave di sicurezza annullata: hai scelto un altro dispositivo.',
  },
  canceling: 'Annullamento…',
  cancelFailed: 'Non è stato possibile annullare la richiesta, che potrebbe ancora arrivare sul telefono. In tal caso, rifiutala.',
  earlierNotCanceled:
    'Non è stato possibile annullare la richiesta precedente, che potrebbe ancora arrivare sul telefono. In tal caso, rifiutala.',
  noDevices: 'Nessun dispositivo può completare questo accesso. Contatta l’assistenza.',
  noMethods: 'Nessuno dei tuoi dispositivi può essere usato per accedere qui. Contatta l’assistenza.',

  passcodeEmpty: 'Inserisci un codice.',
  passcodeFormat: 'Il codice è composto da 6 a 10 cifre.',
  passcodeIncorrect: 'Codice errato. Riprova.',
  attemptsLeft: (count) =>
    count === 0
      ? 'Non hai più tentativi.'
      : f.plural(count, { one: 'Ti resta # tentativo.', other: 'Ti restano # tentativi.' }),
  tooManyAttempts: (seconds) =>
    seconds === undefined ? 'Troppi tentativi. Riprova più tardi.' : `Troppi tentativi. Riprova tra ${f.span(seconds)}.`,
  errors: {
    network: 'Impossibile raggiungere il server. Controlla la connessione e riprova.',
    timeout: 'Il server ha impiegato troppo tempo a rispondere. Riprova.',
    unavailable: 'Il servizio non è disponibile al momento. Riprova tra poco.',
    bad_response: 'Si è verificato un problema. Riprova.',
    invalid_request: 'Impossibile completare la richiesta. Scegli un altro metodo.',
    expired: 'Questo tentativo di accesso è scaduto. Ricomincia.',
    rate_limited: 'Troppi tentativi. Riprova più tardi.',
    invalid_passcode: 'Codice errato. Riprova.',
    locked_out: 'Il tuo account è bloccato. Contatta l’assistenza per sbloccarlo.',
  },

  nextSmsDigit: (digit) => `Il prossimo codice SMS inizia con ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'Genera i codici nell’app di autenticazione o ricevili via SMS.',
    withoutSms: 'Inserisci un codice generato dall’app di autenticazione o dal token.',
  },
  rememberMe: (duration) => `Ricordami per ${duration}`,
  duration: f.duration,

  enterCodeInApp: 'Inserisci questo codice nell’app',
  timeLeft: (seconds) => `Tempo rimasto: ${f.clock(seconds)}`,
  timeWarning: (seconds) => `Restano circa ${f.span(seconds)} per approvare.`,
  sendAgain: { push: 'Invia un’altra notifica', phone: 'Richiamami' },
  sendCodesIn: (seconds) => `Nuovo invio tra ${f.n(seconds)} s`,
  webauthnFailed: {
    canceled: 'Annullato. Riprova o scegli un altro metodo.',
    timeout: 'Tempo scaduto. Riprova o scegli un altro metodo.',
    'no-credential': 'Questa chiave di sicurezza o passkey non è registrata per il tuo account.',
    unsupported: 'Questo browser non supporta chiavi di sicurezza e passkey.',
    'insecure-context': 'Chiavi di sicurezza e passkey funzionano solo su una pagina sicura (https).',
    failed: 'Impossibile usare la chiave. Riprova o scegli un altro metodo.',
  },
  tooManyRequests: (method, seconds) =>
    `Troppe richieste di accesso. ${
      seconds === undefined
        ? 'Attendi un momento e riprova.'
        : `Potrai ${method === 'push' ? 'inviare un’altra notifica' : 'ricevere un’altra chiamata'} tra ${f.span(seconds)}.`
    }`,

  loading: 'Verifica dell’account in corso…',
  links: { about: 'Di cosa si tratta?', settings: 'Impostazioni e dispositivi', help: 'Hai bisogno di aiuto?' },
  linksLabel: 'Guida e impostazioni',
  opensInNewTab: '(si apre in una nuova scheda)',
  headings: {
    denied: 'Accesso non consentito',
    enroll: 'Aggiungi un dispositivo per continuare',
    error: 'Si è verificato un problema',
    remembered: 'Nessun secondo passaggio necessario',
    notRequired: 'Nessun secondo passaggio necessario',
    success: 'Verifica completata',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /riprov|di nuovo|ancora una volta|try again|retry/i,
    locked_out: /contatta|assistenza|supporto|amministratore|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: 'Riprova con la chiave di sicurezza', passkey: 'Riprova con la passkey' },
});
