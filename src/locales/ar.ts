/** Arabic (Modern Standard); the prompt is laid out right to left. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/**
 * Intl names two units in the nominative dual ("دقيقتان"); after a preposition (بعد، لمدة) Arabic needs the
 * genitive ("دقيقتين"). Every other count reads the same in both cases.
 */
const GENITIVE_DUALS: Record<string, string> = { ثانيتان: 'ثانيتين', دقيقتان: 'دقيقتين', ساعتان: 'ساعتين', يومان: 'يومين' };
const genitive = (duration: string): string => GENITIVE_DUALS[duration] ?? duration;

/** The texts, numbers and durations formatted by `f` (`formats('ar')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'إرسال إشعار', phone: 'اتصل بي', passcode: 'إدخال رمز التحقق' },
  methodNames: { push: 'إشعار فوري', phone: 'مكالمة هاتفية', passcode: 'رمز التحقق', securityKey: 'مفتاح أمان', passkey: 'مفتاح مرور' },
  webauthnMethod: { securityKey: 'استخدام مفتاح أمان', passkey: 'استخدام مفتاح مرور' },
  recommended: 'مُوصى به',
  chooseMethod: 'اختر طريقة التحقق',
  device: 'الجهاز',
  logIn: 'تسجيل الدخول',
  passcodeLabel: 'رمز التحقق',
  sendCodes: 'إرسال رموز',
  passcodePlaceholder: 'مثال: 867539',
  cancel: 'إلغاء',
  dismiss: 'إغلاق',
  retry: 'إعادة المحاولة',
  tryAgain: 'إعادة المحاولة',
  addDevice: 'إضافة جهاز جديد',

  starting: { push: 'جارٍ إرسال طلب تسجيل الدخول إلى جهازك…', phone: 'جارٍ الاتصال بهاتفك…' },
  status: {
    pushed: 'تم إرسال طلب تسجيل الدخول إلى جهازك…',
    calling: 'جارٍ الاتصال بهاتفك…',
    answered: 'تم الرد. اضغط أي مفتاح في هاتفك لتسجيل الدخول.',
    challenge: 'في انتظار مفتاح الأمان…',
    sent: 'تم إرسال رموز تحقق جديدة في رسالة نصية',
    allow: 'تم التحقق. جارٍ تسجيل دخولك…',
    deny: 'تم رفض طلب تسجيل الدخول.',
    timeout: 'انتهت مهلة التحقق.',
    fraud: 'تم الإبلاغ عن طلب تسجيل الدخول بوصفه احتيالًا، وتم إخطار المسؤول.',
    locked_out: 'حسابك مقفل.',
    canceled: 'تم إلغاء طلب التحقق',
  },
  nextStep: {
    timeout: 'اختر طريقة للمحاولة مرة أخرى.',
    locked_out: 'تواصل مع الدعم الفني لإلغاء قفله.',
  },
  rememberedDevice: 'تم التعرّف على جهازك. جارٍ تسجيل دخولك…',
  notRequired: 'لا يحتاج حسابك إلى خطوة ثانية. جارٍ تسجيل دخولك…',
  loginDenied: 'تسجيل الدخول هذا غير مسموح به. تواصل مع الدعم الفني.',
  enrollNeeded: 'أضف جهازًا لإكمال تسجيل الدخول.',
  verifying: 'جارٍ التحقق من الرمز…',
  sendingCodes: 'جارٍ إرسال رموز التحقق في رسالة نصية…',
  reconnecting: 'مشكلة في الاتصال. جارٍ إعادة المحاولة…',
  userCanceled: 'تم إلغاء طلب التحقق',
  switchedDevice: {
    push: 'تم إلغاء الإشعار لأنك اخترت جهازًا آخر.',
    phone: 'تم إلغاء المكالمة لأنك اخترت جهازًا آخر.',
    webauthn: 'تم إلغاء طلب مفتاح الأمان لأنك اخترت جهازًا آخر.',
  },
  canceling: 'جارٍ الإلغاء…',
  cancelFailed: 'تعذّر إلغاء الطلب وقد يصل إلى هاتفك. إذا وصل، فارفضه من هناك.',
  earlierNotCanceled: 'تعذّر إلغاء الطلب السابق وقد يصل إلى هاتفك. إذا وصل، فارفضه من هناك.',
  noDevices: 'لا يوجد جهاز يمكنه إكمال تسجيل الدخول هذا. تواصل مع الدعم الفني.',
  noMethods: 'لا يمكن استخدام أيٍّ من أجهزتك لتسجيل الدخول هنا. تواصل مع الدعم الفني.',

  passcodeEmpty: 'أدخل رمز التحقق.',
  passcodeFormat: 'يتكوّن رمز التحقق من 6 إلى 10 أرقام.',
  passcodeIncorrect: 'رمز التحقق غير صحيح. حاول مرة أخرى.',
  attemptsLeft: (count) =>
    f.plural(count, {
      zero: 'لم تتبقَّ أي محاولات.',
      one: 'تبقّت محاولة واحدة.',
      two: 'تبقّت محاولتان.',
      few: 'تبقّت # محاولات.',
      many: 'تبقّت # محاولة.',
      other: 'تبقّت # محاولة.',
    }),
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? 'محاولات كثيرة جدًا. حاول مرة أخرى لاحقًا.'
      : `محاولات كثيرة جدًا. حاول مرة أخرى بعد ${genitive(f.span(seconds))}.`,
  errors: {
    network: 'تعذّر الوصول إلى الخادم. تحقق من اتصالك وحاول مرة أخرى.',
    timeout: 'استغرق الخادم وقتًا طويلًا في الرد. حاول مرة أخرى.',
    unavailable: 'الخدمة غير متاحة حاليًا. حاول مرة أخرى بعد قليل.',
    bad_response: 'حدث خطأ ما. حاول مرة أخرى.',
    invalid_request: 'تعذّر إكمال هذا الطلب. اختر طريقة أخرى.',
    expired: 'انتهت صلاحية محاولة تسجيل الدخول هذه. ابدأ من جديد.',
    rate_limited: 'محاولات كثيرة جدًا. حاول مرة أخرى لاحقًا.',
    invalid_passcode: 'رمز التحقق غير صحيح. حاول مرة أخرى.',
    locked_out: 'حسابك مقفل. تواصل مع الدعم الفني لإلغاء قفله.',
  },

  nextSmsDigit: (digit) => `يبدأ رمز التحقق التالي في الرسائل النصية بالرقم ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'أنشئ رموز التحقق في تطبيق المصادقة أو استلمها في رسالة نصية.',
    withoutSms: 'أدخل رمز تحقق من تطبيق المصادقة أو من جهاز الرمز المميز.',
  },
  rememberMe: (duration) => `تذكّرني لمدة ${genitive(duration)}`,
  duration: f.duration,

  enterCodeInApp: 'أدخل هذا الرمز في التطبيق',
  timeLeft: (seconds) => `الوقت المتبقي: ${f.clock(seconds)}`,
  timeWarning: (seconds) => `تبقّى نحو ${genitive(f.span(seconds))} للموافقة.`,
  sendAgain: { push: 'إرسال إشعار آخر', phone: 'معاودة الاتصال' },
  sendCodesIn: (seconds) => `يمكنك إرسال رموز جديدة بعد ${genitive(f.span(seconds))}`,
  webauthnFailed: {
    canceled: 'تم الإلغاء. حاول مرة أخرى أو اختر طريقة أخرى.',
    timeout: 'انتهت المهلة. حاول مرة أخرى أو اختر طريقة أخرى.',
    'no-credential': 'مفتاح الأمان أو مفتاح المرور هذا غير مسجّل في حسابك.',
    unsupported: 'لا يدعم هذا المتصفح مفاتيح الأمان أو مفاتيح المرور.',
    'insecure-context': 'تتطلب مفاتيح الأمان ومفاتيح المرور صفحة آمنة (https).',
    failed: 'تعذّر استخدام المفتاح. حاول مرة أخرى أو اختر طريقة أخرى.',
  },
  tooManyRequests: (method, seconds) =>
    `طلبات تسجيل دخول كثيرة جدًا. ${
      seconds === undefined
        ? 'انتظر قليلًا ثم حاول مرة أخرى.'
        : `يمكنك ${method === 'push' ? 'إرسال إشعار آخر' : 'طلب مكالمة أخرى'} بعد ${genitive(f.span(seconds))}.`
    }`,

  loading: 'جارٍ التحقق من حسابك…',
  links: { about: 'ما هذا؟', settings: 'إعداداتي وأجهزتي', help: 'هل تحتاج إلى مساعدة؟' },
  linksLabel: 'المساعدة والإعدادات',
  opensInNewTab: '(يُفتح في علامة تبويب جديدة)',
  headings: {
    denied: 'تسجيل الدخول غير مسموح به',
    enroll: 'أضف جهازًا للمتابعة',
    error: 'حدث خطأ ما',
    remembered: 'لا حاجة إلى خطوة ثانية',
    notRequired: 'لا حاجة إلى خطوة ثانية',
    success: 'اكتمل التحقق',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /مرة أخرى|أعد المحاولة|إعادة المحاولة|try again|retry/i,
    locked_out: /تواصل|اتصل|الدعم|المسؤول|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: 'إعادة المحاولة بمفتاح الأمان', passkey: 'إعادة المحاولة بمفتاح المرور' },
});
