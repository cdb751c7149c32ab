/** French. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/** The texts, numbers and durations formatted by `f` (`formats('fr')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'Envoyer une notification', phone: 'M’appeler', passcode: 'Saisir un code' },
  methodNames: { push: 'Notification push', phone: 'Appel', passcode: 'Code de vérification', securityKey: 'Clé de sécurité', passkey: 'Clé d’accès' },
  webauthnMethod: { securityKey: 'Utiliser une clé de sécurité', passkey: 'Utiliser une clé d’accès' },
  recommended: 'Recommandé',
  chooseMethod: 'Choisissez une méthode de vérification',
  device: 'Appareil',
  logIn: 'Se connecter',
  passcodeLabel: 'Code de vérification',
  sendCodes: 'Envoyer des codes',
  passcodePlaceholder: 'p. ex. 867539',
  cancel: 'Annuler',
  dismiss: 'Fermer',
  retry: 'Réessayer',
  tryAgain: 'Réessayer',
  addDevice: 'Ajouter un appareil',

  starting: { push: 'Envoi d’une demande de connexion à votre appareil…', phone: 'Appel de votre téléphone en cours…' },
  status: {
    pushed: 'Demande de connexion envoyée à votre appareil…',
    calling: 'Appel de votre téléphone en cours…',
    answered: 'Appel décroché. Appuyez sur une touche de votre téléphone pour vous connecter.',
    challenge: 'En attente de votre clé de sécurité…',
    sent: 'Nouveaux codes envoyés par SMS',
    allow: 'Vérification réussie. Connexion en cours…',
    deny: 'Demande de connexion refusée.',
    timeout: 'Le délai de vérification a expiré.',
    fraud: 'Demande de connexion signalée comme frauduleuse. Votre administrateur a été prévenu.',
    locked_out: 'Votre compte est verrouillé.',
    canceled: 'Demande de vérification annulée',
  },
  nextStep: {
    timeout: 'Choisissez une méthode pour réessayer.',
    locked_out: 'Contactez votre support informatique pour le déverrouiller.',
  },
  rememberedDevice: 'Votre appareil est mémorisé. Connexion en cours…',
  notRequired: 'Votre compte ne demande pas de deuxième étape. Connexion en cours…',
  loginDenied: 'Cette connexion n’est pas autorisée. Contactez votre support informatique.',
  enrollNeeded: 'Ajoutez un appareil pour terminer la connexion.',
  verifying: 'Vérification de votre code…',
  sendingCodes: 'Envoi des codes par SMS…',
  reconnecting: 'Problème de connexion. Nouvelle tentative…',
  userCanceled: 'Demande de vérification annulée',
  switchedDevice: {
    push: 'Notification annulée\u00a0: vous avez choisi un autre appareil.',
    phone: 'Appel annulé\u00a0: vous avez choisi un autre appareil.',
    webauthn: 'Demande de clé de sécurité annulée\u00a0: vous avez choisi un autre appareil.',
  },
  canceling: 'Annulation…',
  cancelFailed: 'La demande n’a pas pu être annulée et peut encore arriver sur votre téléphone. Si c’est le cas, refusez-la.',
  earlierNotCanceled:
    'La demande précédente n’a pas pu être annulée et peut encore arriver sur votre téléphone. Si c’est le cas, refusez-la.',
  noDevices: 'Aucun appareil ne permet de terminer cette connexion. Contactez votre support informatique.',
  noMethods: 'Aucun de vos appareils ne permet de vous connecter ici. Contactez votre support informatique.',

  passcodeEmpty: 'Saisissez un code.',
  passcodeFormat: 'Un code comporte de 6 à 10 chiffres.',
  passcodeIncorrect: 'Code incorrect. Veuillez réessayer.',
  attemptsLeft: (count) =>
    count === 0
      ? 'Aucune tentative restante.'
      : f.plural(count, { one: 'Il reste # tentative.', other: 'Il reste # tentatives.' }),
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? 'Trop de tentatives. Réessayez plus tard.'
      : `Trop de tentatives. Réessayez dans ${f.span(seconds)}.`,
  errors: {
    network: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
    timeout: 'Le serveur a mis trop de temps à répondre. Veuillez réessayer.',
    unavailable: 'Le service est momentanément indisponible. Réessayez dans un instant.',
    bad_response: 'Une erreur s’est produite. Veuillez réessayer.',
    invalid_request: 'Cette demande n’a pas pu aboutir. Choisissez une autre méthode.',
    expired: 'Cette tentative de connexion a expiré. Veuillez recommencer.',
    rate_limited: 'Trop de tentatives. Réessayez plus tard.',
    invalid_passcode: 'Code incorrect. Veuillez réessayer.',
    locked_out: 'Votre compte est verrouillé. Contactez votre support informatique pour le déverrouiller.',
  },

  nextSmsDigit: (digit) => `Le prochain code SMS commence par ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'Générez des codes dans votre application d’authentification ou recevez-les par SMS.',
    withoutSms: 'Saisissez un code de votre application d’authentification ou de votre jeton.',
  },
  rememberMe: (duration) => `Se souvenir de moi pendant ${duration}`,
  duration: f.duration,

  enterCodeInApp: 'Saisissez ce code dans l’application',
  timeLeft: (seconds) => `Temps restant\u00a0: ${f.clock(seconds)}`,
  timeWarning: (seconds) => `Il reste environ ${f.span(seconds)} pour approuver.`,
  sendAgain: { push: 'Renvoyer une notification', phone: 'Rappeler' },
  sendCodesIn: (seconds) => `Nouvel envoi possible dans ${f.n(seconds)}\u00a0s`,
  webauthnFailed: {
    canceled: 'Annulé. Réessayez ou choisissez une autre méthode.',
    timeout: 'Délai dépassé. Réessayez ou choisissez une autre méthode.',
    'no-credential': 'Cette clé de sécurité ou clé d’accès n’est pas associée à votre compte.',
    unsupported: 'Ce navigateur ne prend pas en charge les clés de sécurité ni les clés d’accès.',
    'insecure-context': 'Les clés de sécurité et clés d’accès nécessitent une page sécurisée (https).',
    failed: 'La clé n’a pas pu être utilisée. Réessayez ou choisissez une autre méthode.',
  },
  tooManyRequests: (method, seconds) =>
    `Trop de demandes de connexion. ${
      seconds === undefined
        ? 'Patientez un instant, puis réessayez.'
        : `Vous pourrez ${method === 'push' ? 'renvoyer une notification' : 'demander un nouvel appel'} dans ${f.span(seconds)}.`
    }`,

  loading: 'Vérification de votre compte…',
  links: { about: 'De quoi s’agit-il\u202f?', settings: 'Mes paramètres et appareils', help: 'Besoin d’aide\u202f?' },
  linksLabel: 'Aide et paramètres',
  opensInNewTab: '(s’ouvre dans un nouvel onglet)',
  headings: {
    denied: 'Connexion non autorisée',
    enroll: 'Ajoutez un appareil pour continuer',
    error: 'Une erreur s’est produite',
    remembered: 'Aucune étape supplémentaire requise',
    notRequired: 'Aucune étape supplémentaire requise',
    success: 'Vérification terminée',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /réessa|de nouveau|à nouveau|recommence|try again|retry/i,
    locked_out: /contactez|assistance|administrateur|service informatique|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: 'Réessayer avec la clé de sécurité', passkey: 'Réessayer avec la clé d’accès' },
});
