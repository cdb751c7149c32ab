/** Hebrew; the prompt is laid out right to left. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/**
 * A single unit goes without its number in Hebrew: "בעוד שעה", "למשך יום", where Intl writes "1 שעה" (or, in
 * WebKit, "יום 1").
 */
const spoken = (duration: string): string => duration.replace(/^1\s+|\s+1$/u, '');

/** The texts, numbers and durations formatted by `f` (`formats('he')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'שליחת התראה', phone: 'התקשרו אליי', passcode: 'הזנת קוד' },
  methodNames: { push: 'התראת פוש', phone: 'שיחה טלפונית', passcode: 'קוד אימות', securityKey: 'מפתח אבטחה', passkey: 'מפתח גישה' },
  webauthnMethod: { securityKey: 'שימוש במפתח אבטחה', passkey: 'שימוש במפתח גישה' },
  recommended: 'מומלץ',
  chooseMethod: 'בחירת שיטת אימות',
  device: 'מכשיר',
  logIn: 'כניסה',
  passcodeLabel: 'קוד אימות',
  sendCodes: 'שליחת קודים',
  passcodePlaceholder: 'לדוגמה: 867539',
  cancel: 'ביטול',
  dismiss: 'סגירה',
  retry: 'ניסיון חוזר',
  tryAgain: 'לנסות שוב',
  addDevice: 'הוספת מכשיר חדש',

  starting: { push: 'בקשת כניסה נשלחת למכשיר שלך…', phone: 'מתקשרים לטלפון שלך…' },
  status: {
    pushed: 'בקשת כניסה נשלחה למכשיר שלך…',
    calling: 'מתקשרים לטלפון שלך…',
    answered: 'השיחה נענתה. יש ללחוץ על מקש כלשהו בטלפון כדי להיכנס.',
    challenge: 'ממתינים למפתח האבטחה שלך…',
    sent: 'קודי אימות חדשים נשלחו ב-SMS',
    allow: 'האימות הצליח. מתבצעת כניסה…',
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
  rememberedDevice: 'המכשיר שלך זוהה. מתבצעת כניסה…',
  notRequired: 'החשבון שלך לא דורש שלב שני. מתבצעת כניסה…',
  loginDenied: 'הכניסה הזו אינה מותרת. יש לפנות לתמיכה הטכנית.',
  enrollNeeded: 'כדי להשלים את הכניסה, יש להוסיף מכשיר.',
  verifying: 'בודקים את הקוד…',
  sendingCodes: 'קודי אימות נשלחים ב-SMS…',
  reconnecting: 'בעיית חיבור. מנסים שוב…',
  userCanceled: 'בקשת האימות בוטלה',
  switchedDevice: {
    push: 'ההתראה בוטלה: בחרת מכשיר אחר.',
    phone: 'השיחה בוטלה: בחרת מכשיר אחר.',
    webauthn: 'הבקשה למפתח האבטחה בוטלה: בחרת מכשיר אחר.',
  },
  canceling: 'מבטלים…',
  cancelFailed: 'לא ניתן היה לבטל את הבקשה, והיא עדיין עשויה להגיע לטלפון שלך. אם תגיע, יש לדחות אותה שם.',
  earlierNotCanceled: 'לא ניתן היה לבטל את הבקשה הקודמת, והיא עדיין עשויה להגיע לטלפון שלך. אם תגיע, יש לדחות אותה שם.',
  noDevices: 'אין מכשיר שיכול להשלים את הכניסה הזו. יש לפנות לתמיכה הטכנית.',
  noMethods: 'אי אפשר להשתמש באף אחד מהמכשירים שלך לכניסה כאן. יש לפנות לתמיכה הטכנית.',

  passcodeEmpty: 'יש להזין קוד אימות.',
  passcodeFormat: 'קוד האימות מורכב מ-6 עד 10 ספרות.',
  passcodeIncorrect: 'קוד האימות שגוי. אפשר לנסות שוב.',
  attemptsLeft: (count) =>
    count === 0
      ? 'לא נותרו ניסיונות.'
      : f.plural(count, { one: 'נותר ניסיון אחד.', two: 'נותרו שני ניסיונות.', other: 'נותרו # ניסיונות.' }),
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? 'יותר מדי ניסיונות. אפשר לנסות שוב מאוחר יותר.'
      : `יותר מדי ניסיונות. אפשר לנסות שוב בעוד ${spoken(f.span(seconds))}.`,
  errors: {
    network: 'אין חיבור לשרת. יש לבדוק את החיבור ולנסות שוב.',
    timeout: 'השרת לא הגיב בזמן. אפשר לנסות שוב.',
    unavailable: 'השירות אינו זמין כרגע. אפשר לנסות שוב בעוד רגע.',
    bad_response: 'משהו השתבש. אפשר לנסות שוב.',
    invalid_request: 'לא ניתן היה להשלים את הבקשה. יש לבחור שיטה אחרת.',
    expired: 'תוקף ניסיון הכניסה הזה פג. יש להתחיל מחדש.',
    rate_limited: 'יותר מדי ניסיונות. אפשר לנסות שוב מאוחר יותר.',
    invalid_passcode: 'קוד האימות שגוי. אפשר לנסות שוב.',
    locked_out: 'החשבון שלך נעול. כדי לשחרר את הנעילה, יש לפנות לתמיכה הטכנית.',
  },

  nextSmsDigit: (digit) => `קוד ה-SMS הבא מתחיל בספרה ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'אפשר ליצור קודי אימות באפליקציית האימות או לקבל אותם ב-SMS.',
    withoutSms: 'יש להזין קוד מאפליקציית האימות או מהטוקן.',
  },
  rememberMe: (duration) => `לזכור אותי למשך ${spoken(duration)}`,
  duration: f.duration,

  enterCodeInApp: 'יש להזין את הקוד הזה באפליקציה',
  timeLeft: (seconds) => `הזמן שנותר: ${f.clock(seconds)}`,
  timeWarning: (seconds) => `נותרו בערך ${spoken(f.span(seconds))} לאישור.`,
  sendAgain: { push: 'שליחת התראה נוספת', phone: 'התקשרו שוב' },
  sendCodesIn: (seconds) => `אפשר לשלוח קודים חדשים בעוד ${spoken(f.span(seconds))}`,
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
        : `אפשר יהיה ${method === 'push' ? 'לשלוח התראה נוספת' : 'לבקש שיחה נוספת'} בעוד ${spoken(f.span(seconds))}.`
    }`,

  loading: 'בודקים את החשבון שלך…',
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
