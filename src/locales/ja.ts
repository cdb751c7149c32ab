/** Japanese. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/** The texts, numbers and durations formatted by `f` (`formats('ja')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: 'プッシュ通知を送信', phone: '電話を受ける', passcode: 'コードを入力' },
  methodNames: { push: 'プッシュ通知', phone: '音声通話', passcode: '確認コード', securityKey: 'セキュリティキー', passkey: 'パスキー' },
  webauthnMethod: { securityKey: 'セキュリティキーを使用', passkey: 'パスキーを使用' },
  recommended: '推奨',
  chooseMethod: '認証方法を選択してください',
  device: 'デバイス',
  logIn: 'ログイン',
  passcodeLabel: '確認コード',
  sendCodes: 'コードを送信',
  passcodePlaceholder: '例：867539',
  cancel: 'キャンセル',
  dismiss: '閉じる',
  retry: '再試行',
  tryAgain: 'もう一度試す',
  addDevice: '新しいデバイスを追加',

  starting: { push: 'デバイスにログインリクエストを送信しています…', phone: 'お使いの電話に発信しています…' },
  status: {
    pushed: 'デバイスにログインリクエストを送信しました…',
    calling: 'お使いの電話に発信しています…',
    answered: '応答しました。電話のいずれかのキーを押してログインしてください。',
    challenge: 'セキュリティキーの操作を待っています…',
    sent: 'SMSで新しい確認コードを送信しました',
    allow: '認証に成功しました。ログインしています…',
    deny: 'ログインリクエストが拒否されました。',
    timeout: '認証がタイムアウトしました。',
    fraud: 'ログインリクエストが不正として報告されました。管理者に通知済みです。',
    locked_out: 'アカウントがロックされています。',
    canceled: '認証リクエストがキャンセルされました',
  },
  nextStep: {
    timeout: 'もう一度試すには、認証方法を選択してください。',
    locked_out: 'ロックを解除するには、ヘルプデスクにお問い合わせください。',
  },
  rememberedDevice: 'このデバイスは登録済みです。ログインしています…',
  notRequired: 'このアカウントでは2段階目の認証は不要です。ログインしています…',
  loginDenied: 'このログインは許可されていません。ヘルプデスクにお問い合わせください。',
  enrollNeeded: 'ログインを完了するには、デバイスを追加してください。',
  verifying: 'コードを確認しています…',
  sendingCodes: 'SMSで確認コードを送信しています…',
  reconnecting: '接続に問題があります。再試行しています…',
  userCanceled: '認証リクエストがキャンセルされました',
  switchedDevice: {
    push: '別のデバイスが選択されたため、プッシュ通知をキャンセルしました。',
    phone: '別のデバイスが選択されたため、電話による認証をキャンセルしました。',
    webauthn: '別のデバイスが選択されたため、セキュリティキーのリクエストをキャンセルしました。',
  },
  canceling: 'キャンセルしています…',
  cancelFailed: 'リクエストをキャンセルできませんでした。まだ電話に届く可能性があります。届いた場合は拒否してください。',
  earlierNotCanceled: '前のリクエストをキャンセルできませんでした。まだ電話に届く可能性があります。届いた場合は拒否してください。',
  noDevices: 'このログインを完了できるデバイスがありません。ヘルプデスクにお問い合わせください。',
  noMethods: 'ここでのログインに使えるデバイスがありません。ヘルプデスクにお問い合わせください。',

  passcodeEmpty: 'コードを入力してください。',
  passcodeFormat: 'コードは6～10桁の数字です。',
  passcodeIncorrect: 'コードが正しくありません。もう一度お試しください。',
  attemptsLeft: (count) => (count === 0 ? '試行回数の上限に達しました。' : `あと${f.n(count)}回試行できます。`),
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? '試行回数が多すぎます。しばらくしてからもう一度お試しください。'
      : `試行回数が多すぎます。${f.span(seconds)}後にもう一度お試しください。`,
  errors: {
    network: 'サーバーに接続できません。接続を確認して、もう一度お試しください。',
    timeout: 'サーバーの応答に時間がかかりすぎました。もう一度お試しください。',
    unavailable: '現在サービスを利用できません。しばらくしてからもう一度お試しください。',
    bad_response: '問題が発生しました。もう一度お試しください。',
    invalid_request: 'このリクエストを完了できませんでした。別の認証方法を選択してください。',
    expired: 'このログインの有効期限が切れました。最初からやり直してください。',
    rate_limited: '試行回数が多すぎます。しばらくしてからもう一度お試しください。',
    invalid_passcode: 'コードが正しくありません。もう一度お試しください。',
    locked_out: 'アカウントがロックされています。ロックを解除するには、ヘルプデスクにお問い合わせください。',
  },

  nextSmsDigit: (digit) => `次のSMSの確認コードは「${f.n(digit)}」で始まります。`,
  passcodeHelp: {
    withSms: '認証アプリでコードを生成するか、SMSで受け取ってください。',
    withoutSms: '認証アプリまたはトークンに表示されたコードを入力してください。',
  },
  rememberMe: (duration) => `ログイン状態を保持する（${duration}）`,
  duration: f.duration,

  enterCodeInApp: 'このコードをアプリに入力してください',
  timeLeft: (seconds) => `残り ${f.clock(seconds)}`,
  timeWarning: (seconds) => `承認の残り時間は約${f.span(seconds)}です。`,
  sendAgain: { push: 'プッシュ通知を再送信', phone: 'もう一度電話を受ける' },
  sendCodesIn: (seconds) => `${f.n(seconds)}秒後に新しいコードを送信できます`,
  webauthnFailed: {
    canceled: 'キャンセルされました。もう一度試すか、別の認証方法を選択してください。',
    timeout: 'タイムアウトしました。もう一度試すか、別の認証方法を選択してください。',
    'no-credential': 'このセキュリティキーまたはパスキーは、お使いのアカウントに登録されていません。',
    unsupported: 'このブラウザはセキュリティキーとパスキーに対応していません。',
    'insecure-context': 'セキュリティキーとパスキーは安全な（https）ページでのみ使用できます。',
    failed: 'キーを使用できませんでした。もう一度試すか、別の認証方法を選択してください。',
  },
  tooManyRequests: (method, seconds) =>
    `ログインリクエストが多すぎます。${
      seconds === undefined
        ? 'しばらく待ってから、もう一度お試しください。'
        : `${f.span(seconds)}後に${method === 'push' ? 'プッシュ通知を再送信' : 'もう一度電話を受けることが'}できます。`
    }`,

  loading: 'アカウントを確認しています…',
  links: { about: 'これは何ですか？', settings: '設定とデバイス', help: 'ヘルプ' },
  linksLabel: 'ヘルプと設定',
  opensInNewTab: '（新しいタブで開きます）',
  headings: {
    denied: 'ログインは許可されていません',
    enroll: '続行するにはデバイスを追加してください',
    error: '問題が発生しました',
    remembered: '2段階目の認証は不要です',
    notRequired: '2段階目の認証は不要です',
    success: '認証が完了しました',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /もう一度|再試行|再度|やり直|try again|retry/i,
    locked_out: /ヘルプデスク|管理者|サポート|問い合わせ|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: 'セキュリティキーで再試行', passkey: 'パスキーで再試行' },
});
