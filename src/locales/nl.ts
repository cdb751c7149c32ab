/** Dutch. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/** The texts, numbers and durations formatted by `f` (`formats('nl')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'Pushmelding sturen', phone: 'Bel mij', passcode: 'Code invoeren' },
  methodNames: { push: 'Pushmelding', phone: 'Telefoongesprek', passcode: 'Verificatiecode', securityKey: 'Beveiligingssleutel', passkey: 'Toegangssleutel' },
  webauthnMethod: { securityKey: 'Beveiligingssleutel gebruiken', passkey: 'Toegangssleutel gebruiken' },
  recommended: 'Aanbevolen',
  chooseMethod: 'Kies een verificatiemethode',
  device: 'Apparaat',
  logIn: 'Inloggen',
  passcodeLabel: 'Verificatiecode',
  sendCodes: 'Codes sturen',
  passcodePlaceholder: 'bijv. 867539',
  cancel: 'Annuleren',
  dismiss: 'Sluiten',
  retry: 'Opnieuw proberen',
  tryAgain: 'Opnieuw proberen',
  addDevice: 'Nieuw apparaat toevoegen',

  starting: { push: 'Inlogverzoek wordt naar je apparaat gestuurd…', phone: 'Je telefoon wordt gebeld…' },
  status: {
    pushed: 'Inlogverzoek naar je apparaat gestuurd…',
    calling: 'Je telefoon wordt gebeld…',
    answered: 'Gesprek aangenomen. Druk op een toets van je telefoon om in te loggen.',
    challenge: 'Wachten op je beveiligingssleutel…',
    sent: 'Nieuwe sms-codes verstuurd',
    allow: 'Geverifieerd. Je wordt ingelogd…',
    deny: 'Inlogverzoek geweigerd.',
    timeout: 'De verificatie is verlopen.',
    fraud: 'Inlogverzoek gemeld als fraude. Je beheerder is op de hoogte gesteld.',
    locked_out: 'Je account is geblokkeerd.',
    canceled: 'Verificatieverzoek geannuleerd',
  },
  nextStep: {
    timeout: 'Kies een methode om het opnieuw te proberen.',
    locked_out: 'Neem contact op met de helpdesk om het te deblokkeren.',
  },
  rememberedDevice: 'Je apparaat wordt herkend. Je wordt ingelogd…',
  notRequired: 'Voor je account is geen tweede stap nodig. Je wordt ingelogd…',
  loginDenied: 'Deze inlogpoging is niet toegestaan. Neem contact op met de helpdesk.',
  enrollNeeded: 'Voeg een apparaat toe om het inloggen af te ronden.',
  verifying: 'Je code wordt gecontroleerd…',
  sendingCodes: 'Sms-codes worden verstuurd…',
  reconnecting: 'Verbindingsprobleem. We proberen het opnieuw…',
  userCanceled: 'Verificatieverzoek geannuleerd',
  switchedDevice: {
    push: 'Pushmelding geannuleerd: je hebt een ander apparaat gekozen.',
    phone: 'Gesprek geannuleerd: je hebt een ander apparaat gekozen.',
    webauthn: 'Verzoek aan de beveiligingssleutel geannuleerd: je hebt een ander apparaat gekozen.',
  },
  canceling: 'Annuleren…',
  cancelFailed: 'Het verzoek kon niet worden geannuleerd en kan nog op je telefoon verschijnen. Weiger het daar als dat gebeurt.',
  earlierNotCanceled:
    'Het vorige verzoek kon niet worden geannuleerd en kan nog op je telefoon verschijnen. Weiger het daar als dat gebeurt.',
  noDevices: 'Geen enkel apparaat kan deze inlogpoging afronden. Neem contact op met de helpdesk.',
  noMethods: 'Geen van je apparaten kan hier worden gebruikt om in te loggen. Neem contact op met de helpdesk.',

  passcodeEmpty: 'Voer een code in.',
  passcodeFormat: 'Een code bestaat uit 6 tot 10 cijfers.',
  passcodeIncorrect: 'Onjuiste code. Probeer het opnieuw.',
  attemptsLeft: (count) =>
    count === 0 ? 'Geen pogingen meer over.' : f.plural(count, { one: 'Nog # poging over.', other: 'Nog # pogingen over.' }),
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? 'Te veel pogingen. Probeer het later opnieuw.'
      : `Te veel pogingen. Probeer het over ${f.span(seconds)} opnieuw.`,
  errors: {
    network: 'De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.',
    timeout: 'De server reageerde te traag. Probeer het opnieuw.',
    unavailable: 'De dienst is nu niet beschikbaar. Probeer het zo opnieuw.',
    bad_response: 'Er is iets misgegaan. Probeer het opnieuw.',
    invalid_request: 'Dit verzoek kon niet worden uitgevoerd. Kies een andere methode.',
    expired: 'Deze inlogpoging is verlopen. Begin opnieuw.',
    rate_limited: 'Te veel pogingen. Probeer het later opnieuw.',
    invalid_passcode: 'Onjuiste code. Probeer het opnieuw.',
    locked_out: 'Je account is geblokkeerd. Neem contact op met de helpdesk om het te deblokkeren.',
  },

  nextSmsDigit: (digit) => `De volgende sms-code begint met ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'Maak codes aan in je authenticator-app of ontvang ze per sms.',
    withoutSms: 'Voer een code in uit je authenticator-app of token.',
  },
  rememberMe: (duration) => `Mij ${duration} onthouden`,
  duration: f.duration,

  enterCodeInApp: 'Voer deze code in de app in',
  timeLeft: (seconds) => `Nog ${f.clock(seconds)}`,
  timeWarning: (seconds) => `Je hebt nog ongeveer ${f.span(seconds)} om goed te keuren.`,
  sendAgain: { push: 'Nieuwe pushmelding sturen', phone: 'Opnieuw bellen' },
  sendCodesIn: (seconds) => `Nieuwe codes over ${f.n(seconds)} s`,
  webauthnFailed: {
    canceled: 'Geannuleerd. Probeer het opnieuw of kies een andere methode.',
    timeout: 'Time-out. Probeer het opnieuw of kies een andere methode.',
    'no-credential': 'Deze beveiligingssleutel of toegangssleutel is niet geregistreerd voor je account.',
    unsupported: 'Deze browser ondersteunt geen beveiligingssleutels en toegangssleutels.',
    'insecure-context': 'Beveiligingssleutels en toegangssleutels werken alleen op een beveiligde (https-)pagina.',
    failed: 'De sleutel kon niet worden gebruikt. Probeer het opnieuw of kies een andere methode.',
  },
  tooManyRequests: (method, seconds) =>
    `Te veel inlogverzoeken. ${
      seconds === undefined
        ? 'Wacht even en probeer het dan opnieuw.'
        : `Over ${f.span(seconds)} kun je ${method === 'push' ? 'een nieuwe pushmelding sturen' : 'opnieuw gebeld worden'}.`
    }`,

  loading: 'Je account wordt gecontroleerd…',
  links: { about: 'Wat is dit?', settings: 'Mijn instellingen en apparaten', help: 'Hulp nodig?' },
  linksLabel: 'Hulp en instellingen',
  opensInNewTab: '(opent in een nieuw tabblad)',
  headings: {
    denied: 'Inloggen niet toegestaan',
    enroll: 'Voeg een apparaat toe om verder te gaan',
    error: 'Er is iets misgegaan',
    remembered: 'Geen tweede stap nodig',
    notRequired: 'Geen tweede stap nodig',
    success: 'Verificatie voltooid',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /opnieuw|nog eens|nogmaals|try again|retry/i,
    locked_out: /contact op|helpdesk|servicedesk|beheerder|ondersteuning|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: 'Beveiligingssleutel opnieuw gebruiken', passkey: 'Toegangssleutel opnieuw gebruiken' },
});
