/** Every text the simulated backend shows the user, in one place. Duo's own texts where they are known. */

export const MESSAGES = {
  pushed: 'Pushed a login request to your device...',
  success: 'Success. Logging you in...',
  pushDenied: 'Login request denied on your device.',
  wrongVerificationCode: 'Wrong verification code: login request denied.',
  fraud: 'Login request reported as fraudulent. Your administrator has been notified.',
  timeout: 'Authentication timed out.',
  callNotAnswered: 'The call was not answered. Authentication timed out.',
  noKeyPressed: 'No key was pressed on the call. Authentication timed out.',
  calling: (maskedNumber: string) => `Dialing ${maskedNumber}...`,
  answered: 'Answered. Press any key on your phone to log in.',
  callEnded: 'The call ended without approval. Login denied.',
  callFraud: 'Reported as fraud from your phone. Login denied.',
  smsSent: 'New SMS passcodes sent',
  smsCooldown: (seconds: number) => `You can send new codes in ${seconds} second${seconds === 1 ? '' : 's'}.`,
  canceled: 'Authentication request canceled',
  tooManyFailures: (seconds: number) =>
    `Too many incorrect passcodes. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
  incorrectPasscode: 'Incorrect passcode. Please try again.',
  locked: (minutesLeft: number) =>
    `Your account is locked after too many failed attempts. Try again in ${minutesLeft} minute${minutesLeft === 1 ? '' : 's'} or ask your help desk to unlock it.`,
  lockedPermanently:
    'Your account is locked after too many failed attempts. Ask your help desk to unlock it.',
  remembered: 'This device is remembered. Logging you in...',
  enroll: 'Two-factor authentication is required: add a device to continue.',
  ticketRequired: 'A first-factor ticket is required.',
  ticketHowTo:
    'Call preauth({ ticket: simulator.issueTicket(username) }), as the host\'s server issues one after the password step.',
  attemptExpired: 'This login attempt has expired. Please start again.',
  transactionExpired: 'This request has expired or does not exist. Please start again.',
  loginTokenInvalid: 'This login token is unknown, expired or already used.',
  rateLimited: (what: string, seconds: number) =>
    `Too many ${what} requests. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
} as const;

/** How the user names each rate-limited method, for the rate-limit message. */
export const METHOD_NOUNS = { push: 'push', phone: 'call', sms: 'SMS', webauthn: 'security key login' } as const;

/** The preauth rate limit's noun: "Too many login requests". */
export const PREAUTH_NOUN = 'login';
