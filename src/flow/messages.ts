/**
 * Every text the prompt shows, in English: the one language in the main bundle (the others are tables in
 * src/locales/, loaded on first use). The flow puts the texts that depend on state (status bar, passcode
 * errors, hints, the remember-me label) into its state; the views read the rest (button labels, placeholder)
 * from `flow.messages`, or from their own language's table without a flow.
 *
 * Functions take numbers, never formatted strings: each table formats them with `Intl` in its own locale
 * (src/i18n/format.ts), plural forms included.
 *
 * Backend texts (option `backendTexts`, attribute `backend-texts`): for every status and outcome it knows, the
 * prompt shows its own text in any language but English, and wherever the host replaced it through `messages`;
 * while it speaks its English defaults, the backend's text where one came (often more specific: "Dialing
 * XXX-XXX-0105..."). `always` and `never` force one or the other. A backend text the prompt has no words for
 * (a preauth notice) always shows. Shown backend texts (device names too) lose their bidi controls (rule 21).
 */
import type { MfaErrorCode } from '../adapter/errors.js';
import type { TransactionStatus } from '../adapter/types.js';
import type { WebAuthnFailureReason } from '../webauthn/types.js';
import { formats } from '../i18n/format.js';

export type DurationUnit = 'day' | 'hour' | 'minute' | 'second';

export interface FlowMessages {
  /** Method buttons. */
  methods: { push: string; phone: string; passcode: string };
  /** Each method's name, beside its icon and before its button (as in "Push ... Send me a Push"). */
  methodNames: { push: string; phone: string; passcode: string; securityKey: string; passkey: string };
  /** The WebAuthn button, by device type: a security key, or a passkey. */
  webauthnMethod: { securityKey: string; passkey: string };
  /** The badge beside the recommended method. */
  recommended: string;
  chooseMethod: string;
  device: string;
  logIn: string;
  /** The passcode field's accessible name. */
  passcodeLabel: string;
  sendCodes: string;
  passcodePlaceholder: string;
  cancel: string;
  dismiss: string;
  retry: string;
  /** After a lock-out: asks the backend afresh (the lock may have run out). */
  tryAgain: string;
  addDevice: string;

  /** Status while a push or call is being requested, before the backend answers. */
  starting: { push: string; phone: string };
  /** Fallbacks for empty backend texts, by transaction status. */
  status: Record<TransactionStatus, string>;
  /** What to do next, added after a timeout or lock-out (to a backend text only if it does not say it: `mentionsNextStep`). */
  nextStep: { timeout: string; locked_out: string };
  /**
   * Whether a backend text (with `backendTexts`) already says what to do next. Each locale's lists its own
   * phrases and the English ones (a backend may answer in English on any page); the host's replaces it whole.
   */
  mentionsNextStep: { timeout: RegExp; locked_out: RegExp };
  /** Fallbacks for an empty preauth `allow` text: a remembered device, a user exempt from the second factor. */
  rememberedDevice: string;
  notRequired: string;
  /** Fallbacks for empty preauth texts. */
  loginDenied: string;
  enrollNeeded: string;
  verifying: string;
  sendingCodes: string;
  reconnecting: string;
  userCanceled: string;
  /** The user chose another device while a push, call or security key request was pending: it was canceled. */
  switchedDevice: { push: string; phone: string; webauthn: string };
  /** While the backend has not yet confirmed a cancel (the user's, or after a watch that failed). */
  canceling: string;
  /** The user's Cancel failed: the push or call stays pending. */
  cancelFailed: string;
  /** The user moved on (or the watch failed) and the cancel of what they left failed. */
  earlierNotCanceled: string;
  noDevices: string;
  /** The user has devices, but none offers a method the policy allows. */
  noMethods: string;

  /** Inline passcode errors. */
  passcodeEmpty: string;
  passcodeFormat: string;
  passcodeIncorrect: string;
  attemptsLeft: (count: number) => string;
  tooManyAttempts: (retryAfterSeconds?: number) => string;
  /** Errors from the backend or the network, by code. Backend error texts are never shown: they are not localised. */
  errors: Record<MfaErrorCode, string>;

  nextSmsDigit: (digit: number) => string;
  /** Under the passcode field when no SMS hint applies. */
  passcodeHelp: { withSms: string; withoutSms: string };
  /** The remember-me label, around `duration` ("8 hours", from `duration`). */
  rememberMe: (duration: string) => string;
  /** A count of a unit, in words: "8 hours", "1 day". */
  duration: (count: number, unit: DurationUnit) => string;

  /** Verified Push: the line above the code the user types in the phone's app. */
  enterCodeInApp: string;
  /** How long a pending push or call has left, updated every second (not announced): "1:05 left". */
  timeLeft: (seconds: number) => string;
  /** Announced once, about 20 seconds before a pending push or call expires. */
  timeWarning: (seconds: number) => string;
  /** The button that replaces a push or call that timed out. */
  sendAgain: { push: string; phone: string };
  /** After Send codes, until the backend lets the user send another batch. Not an error. */
  sendCodesIn: (seconds: number) => string;
  /** A WebAuthn request ended without an assertion, by the browser's reason. */
  webauthnFailed: Record<WebAuthnFailureReason, string>;
  /** The backend refused a push or call: too many in a short time (`retryAfter`, when it says). */
  tooManyRequests: (method: 'push' | 'phone', retryAfterSeconds?: number) => string;
  /**
   * The status bar's Retry after a security key or passkey request failed: it names its action, so it is not
   * a second "Use a security key" beside the method's own button.
   */
  webauthnAgain: { securityKey: string; passkey: string };
}

const f = formats('en');

export const defaultMessages: FlowMessages = {
  methods: { push: 'Send me a Push', phone: 'Call Me', passcode: 'Enter a Passcode' },
  webauthnMethod: { securityKey: 'Use a security key', passkey: 'Use a passkey' },
  methodNames: { push: 'Push', phone: 'Phone call', passcode: 'Passcode', securityKey: 'Security key', passkey: 'Passkey' },
  recommended: 'Recommended',
  chooseMethod: 'Choose an authentication method',
  device: 'Device',
  logIn: 'Log In',
  passcodeLabel: 'Passcode',
  sendCodes: 'Send codes',
  passcodePlaceholder: 'ex. 867539',
  cancel: 'Cancel',
  dismiss: 'Dismiss',
  retry: 'Retry',
  tryAgain: 'Try again',
  addDevice: 'Add a new device',

  starting: { push: 'Sending a login request to your device...', phone: 'Calling your phone...' },
  status: {
    pushed: 'Pushed a login request to your device...',
    calling: 'Calling your phone...',
    answered: 'Answered. Press any key on your phone to log in.',
    challenge: 'Waiting for your security key...',
    sent: 'New SMS passcodes sent',
    allow: 'Success. Logging you in...',
    deny: 'Login request denied.',
    timeout: 'Authentication timed out.',
    fraud: 'Login request reported as fraudulent. Your administrator has been notified.',
    locked_out: 'Your account is locked out.',
    canceled: 'Authentication request canceled',
  },
  nextStep: {
    timeout: 'Choose a method to try again.',
    locked_out: 'Contact your help desk to unlock it.',
  },
  mentionsNextStep: {
    timeout: /try again|retry/i,
    locked_out: /help ?desk|administrator|support/i,
  },
  rememberedDevice: 'Your device is remembered. Logging you in...',
  notRequired: 'Your account does not need a second step. Logging you in...',
  loginDenied: 'This login is not allowed. Contact your help desk.',
  enrollNeeded: 'Add a device to finish logging in.',
  verifying: 'Verifying your passcode...',
  sendingCodes: 'Sending SMS passcodes...',
  reconnecting: 'Connection problem. Retrying...',
  userCanceled: 'Authentication request canceled',
  switchedDevice: {
    push: 'Push canceled: you chose another device.',
    phone: 'Call canceled: you chose another device.',
    webauthn: 'Security key request canceled: you chose another device.',
  },
  canceling: 'Canceling...',
  cancelFailed: 'The request could not be canceled and may still arrive on your phone. If it does, deny it there.',
  earlierNotCanceled: 'The earlier request could not be canceled and may still arrive on your phone. If it does, deny it there.',
  noDevices: 'No device can complete this login. Contact your help desk.',
  noMethods: 'None of your devices can be used to log in here. Contact your help desk.',

  passcodeEmpty: 'Enter a passcode.',
  passcodeFormat: 'A passcode is 6 to 10 digits.',
  passcodeIncorrect: 'Incorrect passcode. Please try again.',
  attemptsLeft: (count) =>
    count === 0 ? 'No attempts left.' : f.plural(count, { one: '# attempt left.', other: '# attempts left.' }),
  tooManyAttempts: (seconds) =>
    seconds === undefined ? 'Too many attempts. Try again later.' : `Too many attempts. Try again in ${f.span(seconds)}.`,
  errors: {
    network: 'Could not reach the server. Check your connection and try again.',
    timeout: 'The server took too long to answer. Please try again.',
    unavailable: 'The service is unavailable right now. Please try again in a moment.',
    bad_response: 'Something went wrong. Please try again.',
    invalid_request: 'That request could not be completed. Choose another method.',
    expired: 'This login attempt has expired. Please start again.',
    rate_limited: 'Too many attempts. Try again later.',
    invalid_passcode: 'Incorrect passcode. Please try again.',
    locked_out: 'Your account is locked out. Contact your help desk to unlock it.',
  },

  nextSmsDigit: (digit) => `Next SMS passcode starts with ${f.n(digit)}.`,
  passcodeHelp: {
    withSms: 'Create passcodes in your authenticator app or have them texted to you.',
    withoutSms: 'Enter a passcode from your authenticator app or token.',
  },
  rememberMe: (duration) => `Remember me for ${duration}`,
  duration: f.duration,

  enterCodeInApp: 'Enter this code in your app',
  timeLeft: (seconds) => `${f.clock(seconds)} left`,
  timeWarning: (seconds) => `About ${f.span(seconds)} left to approve.`,
  sendAgain: { push: 'Send another push', phone: 'Call again' },
  sendCodesIn: (seconds) => `You can send new codes in ${f.n(seconds)} s`,
  webauthnFailed: {
    canceled: 'Canceled. Try again, or choose another method.',
    timeout: 'Timed out. Try again, or choose another method.',
    'no-credential': 'This key or passkey is not registered for your account.',
    unsupported: 'This browser cannot use security keys or passkeys.',
    'insecure-context': 'Security keys and passkeys need a secure (https) page.',
    failed: 'The key or passkey could not be used. Try again, or choose another method.',
  },
  tooManyRequests: (method, seconds) =>
    `Too many login requests. ${
      seconds === undefined
        ? 'Wait a moment, then try again.'
        : `You can ${method === 'push' ? 'send another push' : 'call again'} in ${f.span(seconds)}.`
    }`,
  webauthnAgain: { securityKey: 'Try the security key again', passkey: 'Try the passkey again' },
};
