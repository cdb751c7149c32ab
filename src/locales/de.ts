/** German. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/** The texts, numbers and durations formatted by `f` (`formats('de')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'Push senden', phone: 'Mich anrufen', passcode: 'Code eingeben' },
  methodNames: { push: 'Push-Benachrichtigung', phone: 'Anruf', passcode: 'Bestätigungscode', securityKey: 'Sicherheitsschlüssel', passkey: 'Passkey' },
  webauthnMethod: { securityKey: 'Sicherheitsschlüssel verwenden', passkey: 'Passkey verwenden' },
  recommended: 'Empfohlen',
  chooseMethod: 'Anmeldemethode wählen',
  device: 'Gerät',
  logIn: 'Anmelden',
  passcodeLabel: 'Bestätigungscode',
  sendCodes: 'Codes senden',
  passcodePlaceholder: 'z. B. 867539',
  cancel: 'Abbrechen',
  dismiss: 'Schließen',
  retry: 'Erneut versuchen',
  tryAgain: 'Erneut versuchen',
  addDevice: 'Neues Gerät hinzufügen',

  starting: { push: 'Anmeldeanfrage wird an Ihr Gerät gesendet …', phone: 'Ihr Telefon wird angerufen …' },
  status: {
    pushed: 'Anmeldeanfrage an Ihr Gerät gesendet …',
    calling: 'Ihr Telefon wird angerufen …',
    answered: 'Anruf angenommen. Drücken Sie eine beliebige Taste, um sich anzumelden.',
    challenge: 'Warten auf Ihren Sicherheitsschlüssel …',
    sent: 'Neue Codes per SMS gesendet',
    allow: 'Bestätigt. Sie werden angemeldet …',
    deny: 'Anmeldeanfrage abgelehnt.',
    timeout: 'Zeitüberschreitung bei der Anmeldung.',
    fraud: 'Anmeldeanfrage als betrügerisch gemeldet. Ihr Administrator wurde benachrichtigt.',
    locked_out: 'Ihr Konto ist gesperrt.',
    canceled: 'Anmeldeanfrage abgebrochen',
  },
  nextStep: {
    timeout: 'Wählen Sie eine Methode, um es erneut zu versuchen.',
    locked_out: 'Wenden Sie sich an Ihren IT-Support, um es entsperren zu lassen.',
  },
  rememberedDevice: 'Ihr Gerät wurde wiedererkannt. Sie werden angemeldet …',
  notRequired: 'Für Ihr Konto ist kein zweiter Schritt nötig. Sie werden angemeldet …',
  loginDenied: 'Diese Anmeldung ist nicht erlaubt. Wenden Sie sich an Ihren IT-Support.',
  enrollNeeded: 'Fügen Sie ein Gerät hinzu, um die Anmeldung abzuschließen.',
  verifying: 'Code wird geprüft …',
  sendingCodes: 'Codes werden per SMS gesendet …',
  reconnecting: 'Verbindungsproblem. Neuer Versuch …',
  userCanceled: 'Anmeldeanfrage abgebrochen',
  switchedDevice: {
    push: 'Push abgebrochen: Sie haben ein anderes Gerät gewählt.',
    phone: 'Anruf abgebrochen: Sie haben ein anderes Gerät gewählt.',
    webauthn: 'Anfrage an den Sicherheitsschlüssel abgebrochen: Sie haben ein anderes Gerät gewählt.',
  },
  canceling: 'Wird abgebrochen …',
  cancelFailed:
    'Die Anfrage konnte nicht abgebrochen werden und kann noch auf Ihrem Telefon erscheinen. Falls ja, lehnen Sie sie dort ab.',
  earlierNotCanceled:
    'Die vorherige Anfrage konnte nicht abgebrochen werden und kann noch auf Ihrem Telefon erscheinen. Falls ja, lehnen Sie sie dort ab.',
  noDevices: 'Kein Gerät kann diese Anmeldung bestätigen. Wenden Sie sich an Ihren IT-Support.',
  noMethods: 'Keines Ihrer Geräte kann hier zur Anmeldung verwendet werden. Wenden Sie sich an Ihren IT-Support.',

  passcodeEmpty: 'Geben Sie einen Code ein.',
  passcodeFormat: 'Der Code besteht aus 6 bis 10 Ziffern.',
  passcodeIncorrect: 'Falscher Code. Bitte versuchen Sie es erneut.',
  attemptsLeft: (count) =>
    count === 0 ? 'Keine Versuche mehr übrig.' : f.plural(count, { one: 'Noch # Versuch übrig.', other: 'Noch # Versuche übrig.' }),
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? 'Zu viele Versuche. Versuchen Sie es später erneut.'
      : `Zu viele Versuche. Bitte warten Sie ${f.span(seconds)}.`,
  errors: {
    network: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    timeout: 'Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.',
    unavailable: 'Der Dienst ist gerade nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.',
    bad_response: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    invalid_request: 'Diese Anfrage konnte nicht ausgeführt werden. Wählen Sie eine andere Methode.',
    expired: 'Dieser Anmeldeversuch ist abgelaufen. Bitte beginnen Sie von vorn.',
    rate_limited: 'Zu viele Versuche. Versuchen Sie es später erneut.',
    invalid_passcode: 'Falscher Code. Bitte versuchen Sie es erneut.',
    locked_out: 'Ihr Konto ist gesperrt. Wenden Sie sich an Ihren IT-Support, um es entsperren zu lassen.',
  },

  nextSmsDigit: (digit) => `Der nächste SMS-Code beginnt mit ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'Erzeugen Sie Passcodes in Ihrer Authenticator-App oder lassen Sie sie sich per SMS senden.',
    withoutSms: 'Geben Sie einen Code aus Ihrer Authenticator-App oder von Ihrem Token ein.',
  },
  rememberMe: (duration) => `Angemeldet bleiben für ${duration}`,
  duration: f.duration,

  enterCodeInApp: 'Geben Sie diesen Code in Ihrer App ein',
  timeLeft: (seconds) => `Noch ${f.clock(seconds)}`,
  timeWarning: (seconds) => `Noch etwa ${f.span(seconds)} zum Bestätigen.`,
  sendAgain: { push: 'Push erneut senden', phone: 'Erneut anrufen' },
  sendCodesIn: (seconds) => `Neue Codes in ${f.n(seconds)} s`,
  webauthnFailed: {
    canceled: 'Abgebrochen. Versuchen Sie es erneut oder wählen Sie eine andere Methode.',
    timeout: 'Zeit abgelaufen. Versuchen Sie es erneut oder wählen Sie eine andere Methode.',
    'no-credential': 'Dieser Sicherheitsschlüssel oder Passkey ist für Ihr Konto nicht registriert.',
    unsupported: 'Dieser Browser unterstützt keine Sicherheitsschlüssel oder Passkeys.',
    'insecure-context': 'Sicherheitsschlüssel und Passkeys funktionieren nur auf einer sicheren (https-)Seite.',
    failed:
      'Der Sicherheitsschlüssel oder Passkey konnte nicht verwendet werden. Versuchen Sie es erneut oder wählen Sie eine andere Methode.',
  },
  tooManyRequests: (method, seconds) =>
    `Zu viele Anmeldeanfragen. ${
      seconds === undefined
        ? 'Warten Sie einen Moment und versuchen Sie es dann erneut.'
        : `Bitte warten Sie ${f.span(seconds)}, bevor Sie ${method === 'push' ? 'einen neuen Push senden' : 'sich erneut anrufen lassen'}.`
    }`,

  loading: 'Ihr Konto wird geprüft …',
  links: { about: 'Was ist das?', settings: 'Meine Einstellungen und Geräte', help: 'Hilfe' },
  linksLabel: 'Hilfe und Einstellungen',
  opensInNewTab: '(öffnet in einem neuen Tab)',
  headings: {
    denied: 'Anmeldung nicht erlaubt',
    enroll: 'Gerät hinzufügen, um fortzufahren',
    error: 'Etwas ist schiefgelaufen',
    remembered: 'Kein zweiter Schritt nötig',
    notRequired: 'Kein zweiter Schritt nötig',
    success: 'Anmeldung bestätigt',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /erneut|noch (?:ein)?mal|wiederhol|try again|retry/i,
    locked_out: /wenden Sie sich an|IT-Abteilung|Administrator|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: 'Sicherheitsschlüssel erneut verwenden', passkey: 'Passkey erneut verwenden' },
});
