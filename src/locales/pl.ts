/** Polish. Durations stand in the nominative (as `Intl` gives them), so the sentences around them are built to take it. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/** The texts, numbers and durations formatted by `f` (`formats('pl')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'Wyślij powiadomienie push', phone: 'Zadzwoń do mnie', passcode: 'Wpisz kod' },
  methodNames: { push: 'Powiadomienie push', phone: 'Połączenie', passcode: 'Kod weryfikacyjny', securityKey: 'Klucz bezpieczeństwa', passkey: 'Klucz dostępu' },
  webauthnMethod: { securityKey: 'Użyj klucza bezpieczeństwa', passkey: 'Użyj klucza dostępu' },
  recommended: 'Zalecane',
  chooseMethod: 'Wybierz metodę weryfikacji',
  device: 'Urządzenie',
  logIn: 'Zaloguj się',
  passcodeLabel: 'Kod weryfikacyjny',
  sendCodes: 'Wyślij kody',
  passcodePlaceholder: 'np. 867539',
  cancel: 'Anuluj',
  dismiss: 'Zamknij',
  retry: 'Ponów',
  tryAgain: 'Spróbuj ponownie',
  addDevice: 'Dodaj nowe urządzenie',

  starting: { push: 'Wysyłanie prośby o logowanie na Twoje urządzenie…', phone: 'Dzwonimy na Twój telefon…' },
  status: {
    pushed: 'Prośba o logowanie wysłana na Twoje urządzenie…',
    calling: 'Dzwonimy na Twój telefon…',
    answered: 'Połączenie odebrane. Naciśnij dowolny klawisz na telefonie, aby się zalogować.',
    challenge: 'Czekamy na Twój klucz bezpieczeństwa…',
    sent: 'Wysłano nowe kody SMS',
    allow: 'Zweryfikowano. Logowanie…',
    deny: 'Prośba o logowanie została odrzucona.',
    timeout: 'Upłynął czas na weryfikację.',
    fraud: 'Prośbę o logowanie zgłoszono jako oszustwo. Administrator został powiadomiony.',
    locked_out: 'Twoje konto jest zablokowane.',
    canceled: 'Prośba o weryfikację została anulowana',
  },
  nextStep: {
    timeout: 'Wybierz metodę, aby spróbować ponownie.',
    locked_out: 'Aby je odblokować, skontaktuj się z pomocą techniczną.',
  },
  rememberedDevice: 'Urządzenie rozpoznane. Logowanie…',
  notRequired: 'Twoje konto nie wymaga drugiego kroku. Logowanie…',
  loginDenied: 'To logowanie jest niedozwolone. Skontaktuj się z pomocą techniczną.',
  enrollNeeded: 'Dodaj urządzenie, aby dokończyć logowanie.',
  verifying: 'Sprawdzanie kodu…',
  sendingCodes: 'Wysyłanie kodów SMS…',
  reconnecting: 'Problem z połączeniem. Ponawianie…',
  userCanceled: 'Prośba o weryfikację została anulowana',
  switchedDevice: {
    push: 'Powiadomienie anulowane: wybrano inne urządzenie.',
    phone: 'Połączenie anulowane: wybrano inne urządzenie.',
    webauthn: 'Prośba o klucz bezpieczeństwa anulowana: wybrano inne urządzenie.',
  },
  canceling: 'Anulowanie…',
  cancelFailed: 'Nie udało się anulować prośby i może ona jeszcze dotrzeć na Twój telefon. Jeśli tak się stanie, odrzuć ją tam.',
  earlierNotCanceled:
    'Nie udało się anulować poprzedniej prośby i może ona jeszcze dotrzeć na Twój telefon. Jeśli tak się stanie, odrzuć ją tam.',
  noDevices: 'Żadne urządzenie nie może dokończyć tego logowania. Skontaktuj się z pomocą techniczną.',
  noMethods: 'Żadnego z Twoich urządzeń nie można tu użyć do logowania. Skontaktuj się z pomocą techniczną.',

  passcodeEmpty: 'Wpisz kod.',
  passcodeFormat: 'Kod ma od 6 do 10 cyfr.',
  passcodeIncorrect: 'Nieprawidłowy kod. Spróbuj ponownie.',
  attemptsLeft: (count) =>
    f.plural(count, {
      one: 'Pozostała # próba.',
      few: 'Pozostały # próby.',
      many: count === 0 ? 'Nie pozostała już żadna próba.' : 'Pozostało # prób.',
      other: 'Pozostało # próby.',
    }),
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? 'Zbyt wiele prób. Spróbuj ponownie później.'
      : `Zbyt wiele prób. Czas oczekiwania: ${f.span(seconds)}.`,
  errors: {
    network: 'Nie można połączyć się z serwerem. Sprawdź połączenie i spróbuj ponownie.',
    timeout: 'Serwer zbyt długo nie odpowiadał. Spróbuj ponownie.',
    unavailable: 'Usługa jest chwilowo niedostępna. Spróbuj ponownie za moment.',
    bad_response: 'Coś poszło nie tak. Spróbuj ponownie.',
    invalid_request: 'Nie udało się wykonać tej prośby. Wybierz inną metodę.',
    expired: 'Ta próba logowania wygasła. Zacznij od nowa.',
    rate_limited: 'Zbyt wiele prób. Spróbuj ponownie później.',
    invalid_passcode: 'Nieprawidłowy kod. Spróbuj ponownie.',
    locked_out: 'Twoje konto jest zablokowane. Aby je odblokować, skontaktuj się z pomocą techniczną.',
  },

  nextSmsDigit: (digit) => `Następny kod SMS zaczyna się od ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'Wygeneruj kod w aplikacji uwierzytelniającej lub otrzymaj kody SMS-em.',
    withoutSms: 'Wpisz kod z aplikacji uwierzytelniającej lub tokena.',
  },
  rememberMe: (duration) => `Zapamiętaj to urządzenie (${duration})`,
  duration: f.duration,

  enterCodeInApp: 'Wpisz ten kod w aplikacji',
  timeLeft: (seconds) => `Pozostało: ${f.clock(seconds)}`,
  timeWarning: (seconds) => `Pozostały czas na zatwierdzenie: około ${f.span(seconds)}.`,
  sendAgain: { push: 'Wyślij kolejne powiadomienie', phone: 'Zadzwoń ponownie' },
  sendCodesIn: (seconds) => `Nowe kody za ${f.n(seconds)} s`,
  webauthnFailed: {
    canceled: 'Anulowano. Spróbuj ponownie lub wybierz inną metodę.',
    timeout: 'Upłynął limit czasu. Spróbuj ponownie lub wybierz inną metodę.',
    'no-credential': 'Ten klucz bezpieczeństwa lub klucz dostępu nie jest zarejestrowany na Twoim koncie.',
    unsupported: 'Ta przeglądarka nie obsługuje kluczy bezpieczeństwa ani kluczy dostępu.',
    'insecure-context': 'Klucze bezpieczeństwa i klucze dostępu wymagają bezpiecznej strony (https).',
    failed: 'Nie udało się użyć klucza. Spróbuj ponownie lub wybierz inną metodę.',
  },
  tooManyRequests: (method, seconds) =>
    `Zbyt wiele próśb o logowanie. ${
      seconds === undefined
        ? 'Odczekaj chwilę i spróbuj ponownie.'
        : `${method === 'push' ? 'Czas do wysłania kolejnego powiadomienia' : 'Czas do kolejnego połączenia'}: ${f.span(seconds)}.`
    }`,

  loading: 'Sprawdzanie konta…',
  links: { about: 'Co to jest?', settings: 'Moje ustawienia i urządzenia', help: 'Potrzebujesz pomocy?' },
  linksLabel: 'Pomoc i ustawienia',
  opensInNewTab: '(otwiera się w nowej karcie)',
  headings: {
    denied: 'Logowanie niedozwolone',
    enroll: 'Dodaj urządzenie, aby kontynuować',
    error: 'Coś poszło nie tak',
    remembered: 'Drugi krok nie jest potrzebny',
    notRequired: 'Drugi krok nie jest potrzebny',
    success: 'Weryfikacja zakończona',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /ponownie|ponów|jeszcze raz|try again|retry/i,
    locked_out: /skontaktuj|pomoc[ąy]? techniczn|wsparci|administrator|dział IT|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: 'Użyj ponownie klucza bezpieczeństwa', passkey: 'Użyj ponownie klucza dostępu' },
});
