/** Hebrew; the prompt is laid out right to left. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/** The texts, numbers and durations formatted by `f` (`formats('he')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'שליחת התראה', phone: 'התקשרו אליי', passcode: 'הזנת קוד גישה' },
  methodNames: { push: 'התראת Push', phone: 'שיחה טלפונית', passcode: 'קוד גישה', securityKey: 'מפתח אבטחה', passkey: 'מפתח גישה' },
  webauthnMethod: { securityKey: 'שימוש במפתח אבטחה', passkey: 'שימוש במפתח גישה' },
  recommended: 'מומלץ',
  chooseMethod: 'בחירת שיטת אימות',
  device: 'מכשיר',
  logIn: 'כניסה',
  passcodeLabel: 'קוד גישה',
  sendCodes: 'שליחת קודים',
  passcodePlaceholder: 'לדוגמה: 867539',
  cancel: 'ביטול',
  dismiss: 'סגירה',
  retry: 'ניסיון חוזר',
  tryAgain: 'לנסות שוב',
  addDevice: 'הוספת מכשיר חדש',

  starting: { push: 'בקשת כניסה נשלחת למכשיר שלך...', phone: 'מתקשרים לטלפון שלך...' },
  status: {
    pushed: 'בקשת כניסה נשלחה למכשיר שלך...',
    calling: 'מתקשרים לטלפון שלך...',
    answered: 'השיחה נענתה. יש ללחוץ על מקש כלשהו בטלפון כדי להיכנס.',
    challenge: 'ממתינים למפתח האבטחה שלך...',
    sent: 'קודי גישה חדשים נשלחו ב-SMS',
    allow: 'האימות הצליח. מתבצעת כניסה...',
    deny: 'בקשת הכניסה נדחתה.',
    timeout: 'הזמן לאימות הסתיים.',
    fraud: 'בקשת הכניסה דווחה כהונאה. מנהל המערכת קיבל הודעה.',
    locked_out: 'החשבון שלך נעול.',
    canceled: 'בקשת האימות בוטלה',
  },
  nextStep: {
    timeout: 'אפשר לבחור שיטה ולנסות שוב.',
    locked_out: 'כדי לשחרר את הנעילה, יש לפנות לתמיכה הטכנית.',
  },
  rememberedDevice: 'המכשיר שלך מוכר. מתבצעת כניסה...',
  notRequired: 'החשבון שלך לא דורש שלב שני. מתבצעת כניסה...',
  loginDenied: 'הכניסה הזו אינה מותרת. יש לפנות לתמיכה הטכנית.',
  enrollNeeded: 'כדי להשלים את הכניסה, יש להוסיף מכשיר.',
  verifying: 'בודקים את קוד הגישה...',
  sendingCodes: 'קודי גישה נשלחים ב-SMS...',
  reconnecting: 'בעיית חיבור. מנסים שוב...',
  userCanceled: 'בקשת האימות בוטלה',
  switchedDevice: {
    push: 'ההתראה בוטלה: בחרת מכשיר אחר.',
    phone: 'השיחה בוטלה: בחרת מכשיר אחר.',
    webauthn: 'הבקשה למפתח האבטחה בוטלה: בחרת מכשיר אחר.',
  },
  canceling: 'מבטלים...',
  cancelFailed: 'לא ניתן היה לבטל את הבקשה, והיא עדיין עשויה להגיע לטלפון שלך. אם תגיע, יש לדחות אותה שם.',
  earlierNotCanceled: 'לא ניתן היה לבטל את הבקשה הקודמת, והיא עדיין עשויה להגיע לטלפון שלך. אם תגיע, יש לדחות אותה שם.',
  noDevices: 'אין מכשיר שיכול להשלים את הכניסה הזו. יש לפנות לתמיכה הטכנית.',
  noMethods: 'אי אפשר להשתמש באף אחד מהמכשירים שלך לכניסה כאן. יש לפנות לתמיכה הטכנית.',

  passcodeEmpty: 'יש להזין קוד גישה.',
  passcodeFormat: 'קוד גישה הוא בן 6 עד 10 ספרות.',
  passcodeIncorrect: 'קוד הגישה שגוי. אפשר לנסות שוב.',
  attemptsLeft: (count) =>
    count === 0
      ? 'לא נותרו ניסיונות.'
      : f.plural(count, { one: 'נותר ניסיון אחד.', two: 'נותרו שני ניסיונות.', other: 'נותרו # ניסיונות.' }),
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? 'יותר מדי ניסיונות. אפשר לנסות שוב מאוחר יותר.'
      : `יותר מדי ניסיונות. אפשר לנסות שוב בעוד ${f.span(seconds)}.`,
  errors: {
    network: 'אין חיבור לשרת. יש לבדוק את החיבור ולנסות שוב.',
    timeout: 'השרת לא הגיב בזמן. אפשר לנסות שוב.',
    unavailable: 'השירות אינו זמין כרגע. אפשר לנסות שוב בעוד רגע.',
    bad_response: 'משהו השתבש. אפשר לנסות שוב.',
    invalid_request: 'לא ניתן היה להשלים את הבקשה. יש לבחור שיטה אחרת.',
    expired: 'תוקף ניסיון הכניסה הזה פג. יש להתחיל מחדש.',
    rate_limited: 'יותר מדי ניסיונות. אפשר לנסות שוב מאוחר יותר.',
    invalid_passcode: 'קוד הגישה שגוי. אפשר לנסות שוב.',
    locked_out: 'החשבון שלך נעול. כדי לשחרר את הנעילה, יש לפנות לתמיכה הטכנית.',
  },

  nextSmsDigit: (digit) => `קוד ה-SMS הבא מתחיל בספרה ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'אפשר ליצור קודי גישה באפליקציית האימות או לקבל אותם ב-SMS.',
    withoutSms: 'יש להזין קוד גישה מאפליקציית האימות או מהטוקן.',
  },
  rememberMe: (duration) => `לזכור אותי למשך ${duration}`,
  duration: f.duration,

  enterCodeInApp: 'יש להזין את הקוד הזה באפליקציה',
  timeLeft: (seconds) => `הזמן שנותר: ${f.clock(seconds)}`,
  timeWarning: (seconds) => `נותרו כ-${f.span(seconds)} לאישור.`,
  sendAgain: { push: 'שליחת התראה נוספת', phone: 'התקשרו שוב' },
  sendCodesIn: (seconds) => `אפשר לשלוח קודים חדשים בעוד ${f.n(seconds)} שנ׳`,
  webauthnFailed: {
    canceled: 'בוטל. אפשר לנסות שוב או לבחור שיטה אחרת.',
    timeout: 'הזמן הסתיים. אפשר לנסות שוב או לבחור שיטה אחרת.',
    'no-credential': 'מפתח האבטחה או מפתח הגישה הזה אינו רשום בחשבון שלך.',
    unsupported: 'הדפדפן הזה לא תומך במפתחות אבטחה או במפתחות גישה.',
    'insecure-context': 'מפתחות אבטחה ומפתחות גישה פועלים רק בדף מאובטח (https).',
    failed: 'לא ניתן היה להשתמש במפתח. אפשר לנסות שוב או לבחור שיטה אחרת.',
  },
  tooManyRequests: (method, seconds) =>
    `יותר מדי בקשות כניסה. ${
      seconds === undefined
        ? 'כדאי להמתין רגע ולנסות שוב.'
        : `אפשר יהיה ${method === 'push' ? 'לשלוח התראה נוספת' : 'לבקש שיחה נוספת'} בעוד ${f.span(seconds)}.`
    }`,

  loading: 'בודקים את החשבון שלך...',
  links: { about: 'מה זה?', settings: 'ההגדרות והמכשירים שלי', help: 'צריך עזרה?' },
  linksLabel: 'עזרה והגדרות',
  opensInNewTab: '(נפתח בכרטיסייה חדשה)',
  headings: {
    denied: 'הכניסה אינה מותרת',
    enroll: 'כדי להמשיך, יש להוסיף מכשיר',
    error: 'משהו השתבש',
    remembered: 'אין צורך בשלב שני',
    notRequired: 'אין צורך בשלב שני',
    success: 'האימות הושלם',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /שוב|מחדש|ניסיון חוזר|try again|retry/i,
    locked_out: /לפנות|צור קשר|צרו קשר|תמיכה|מנהל|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: 'ניסיון חוזר עם מפתח האבטחה', passkey: 'ניסיון חוזר עם מפתח הגישה' },
});
