/** Simplified Chinese; also used for `zh` and `zh-Hans`, not for Traditional Chinese. */
import type { Formats } from '../i18n/format.js';
import type { LocaleMessages } from '../i18n/types.js';

/** The texts, numbers and durations formatted by `f` (`formats('zh-CN')`, given by the loader). */
export default (f: Formats): LocaleMessages => ({
  methods: { push: '发送推送通知', phone: '给我打电话', passcode: '输入验证码' },
  methodNames: { push: '推送通知', phone: '电话', passcode: '验证码', securityKey: '安全密钥', passkey: '通行密钥' },
  webauthnMethod: { securityKey: '使用安全密钥', passkey: '使用通行密钥' },
  recommended: '推荐',
  chooseMethod: '选择验证方式',
  device: '设备',
  logIn: '登录',
  passcodeLabel: '验证码',
  sendCodes: '发送验证码',
  passcodePlaceholder: '例如：867539',
  cancel: '取消',
  dismiss: '关闭',
  retry: '重试',
  tryAgain: '重试',
  addDevice: '添加新设备',

  starting: { push: '正在向你的设备发送登录请求…', phone: '正在拨打你的电话…' },
  status: {
    pushed: '已向你的设备发送登录请求…',
    calling: '正在拨打你的电话…',
    answered: '电话已接通。按手机上的任意键即可登录。',
    challenge: '正在等待你的安全密钥…',
    sent: '新的短信验证码已发送',
    allow: '验证成功，正在登录…',
    deny: '登录请求已被拒绝。',
    timeout: '验证已超时。',
    fraud: '此登录请求已被举报为欺诈，你的管理员已收到通知。',
    locked_out: '你的账户已被锁定。',
    canceled: '验证请求已取消',
  },
  nextStep: {
    timeout: '请选择一种验证方式重试。',
    locked_out: '请联系技术支持部门解锁。',
  },
  rememberedDevice: '已记住你的设备，正在登录…',
  notRequired: '你的账户无需第二步验证，正在登录…',
  loginDenied: '不允许此次登录。请联系技术支持部门。',
  enrollNeeded: '请添加一台设备以完成登录。',
  verifying: '正在验证你的验证码…',
  sendingCodes: '正在发送短信验证码…',
  reconnecting: '连接出现问题，正在重试…',
  userCanceled: '验证请求已取消',
  switchedDevice: {
    push: '你选择了其他设备，推送通知已取消。',
    phone: '你选择了其他设备，电话呼叫已取消。',
    webauthn: '你选择了其他设备，安全密钥请求已取消。',
  },
  canceling: '正在取消…',
  cancelFailed: '无法取消此请求，你的手机可能仍会收到。如果收到，请在手机上拒绝。',
  earlierNotCanceled: '无法取消之前的请求，你的手机可能仍会收到。如果收到，请在手机上拒绝。',
  noDevices: '没有可以完成此次登录的设备。请联系技术支持部门。',
  noMethods: '你的设备均无法用于在此登录。请联系技术支持部门。',

  passcodeEmpty: '请输入验证码。',
  passcodeFormat: '验证码为6到10位数字。',
  passcodeIncorrect: '验证码不正确，请重试。',
  attemptsLeft: (count) => (count === 0 ? '尝试次数已用完。' : `还可以尝试${f.n(count)}次。`),
  tooManyAttempts: (seconds) =>
    seconds === undefined ? '尝试次数过多，请稍后重试。' : `尝试次数过多，请在${f.span(seconds)}后重试。`,
  errors: {
    network: '无法连接到服务器。请检查网络连接后重试。',
    timeout: '服务器响应时间过长，请重试。',
    unavailable: '服务暂时不可用，请稍后重试。',
    bad_response: '出了点问题，请重试。',
    invalid_request: '无法完成此请求，请选择其他方式。',
    expired: '此次登录已过期，请重新开始。',
    rate_limited: '尝试次数过多，请稍后重试。',
    invalid_passcode: '验证码不正确，请重试。',
    locked_out: '你的账户已被锁定。请联系技术支持部门解锁。',
  },

  nextSmsDigit: (digit) => `下一个短信验证码以“${f.n(digit)}”开头。`,
  passcodeHelp: {
    withSms: '在身份验证器应用中生成验证码，或通过短信接收。',
    withoutSms: '输入身份验证器应用或令牌中的验证码。',
  },
  rememberMe: (duration) => `${duration}内不再询问`,
  duration: f.duration,

  enterCodeInApp: '请在应用中输入此代码',
  timeLeft: (seconds) => `剩余时间：${f.clock(seconds)}`,
  timeWarning: (seconds) => `剩余约${f.span(seconds)}，请尽快批准。`,
  sendAgain: { push: '重新发送推送通知', phone: '重新呼叫' },
  sendCodesIn: (seconds) => `${f.n(seconds)}秒后可重新发送`,
  webauthnFailed: {
    canceled: '已取消。请重试或选择其他方式。',
    timeout: '已超时。请重试或选择其他方式。',
    'no-credential': '此安全密钥或通行密钥未注册到你的账户。',
    unsupported: '此浏览器不支持安全密钥或通行密钥。',
    'insecure-context': '安全密钥和通行密钥只能在安全的（https）页面上使用。',
    failed: '无法使用此密钥。请重试或选择其他方式。',
  },
  tooManyRequests: (method, seconds) =>
    `登录请求过多。${
      seconds === undefined
        ? '请稍等片刻后重试。'
        : `${f.span(seconds)}后可${method === 'push' ? '重新发送推送通知' : '重新呼叫'}。`
    }`,

  loading: '正在检查你的账户…',
  links: { about: '这是什么？', settings: '我的设置和设备', help: '需要帮助？' },
  linksLabel: '帮助和设置',
  opensInNewTab: '（在新标签页中打开）',
  headings: {
    denied: '不允许登录',
    enroll: '添加设备以继续',
    error: '出了点问题',
    remembered: '无需第二步验证',
    notRequired: '无需第二步验证',
    success: '验证完成',
  },
  // A backend text that already says what to do next, in this language or in English (a backend may answer in it).
  mentionsNextStep: {
    timeout: /重试|再试|重新|try again|retry/i,
    locked_out: /联系|技术支持|管理员|客服|help ?desk|administrator|support/i,
  },
  webauthnAgain: { securityKey: '使用安全密钥重试', passkey: '使用通行密钥重试' },
});
