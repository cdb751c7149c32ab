/** The status bar's contents, and the user's words for an adapter error. */
import { isMfaError } from '../adapter/errors.js';
import type { MfaErrorCode } from '../adapter/errors.js';
import type { FlowMessages } from './messages.js';
import type { FlowStatus, StatusTone } from './state.js';

type StatusButtons = Partial<Pick<FlowStatus, 'canCancel' | 'canDismiss' | 'canRetry' | 'retryLabel'>>;

export function statusBar(message: string, tone: StatusTone, buttons: StatusButtons = {}): FlowStatus {
  return Object.freeze({ message, tone, canCancel: false, canDismiss: false, canRetry: false, ...buttons });
}

/** The user-facing text for an adapter error. Adapter texts are not shown: they are not localised. */
export function describeError(error: unknown, m: FlowMessages): { code: MfaErrorCode; message: string } {
  if (!isMfaError(error)) return { code: 'bad_response', message: m.errors.bad_response };
  switch (error.code) {
    case 'rate_limited':
      return { code: error.code, message: m.tooManyAttempts(error.retryAfter) };
    case 'invalid_passcode': {
      const left = error.attemptsLeft === undefined ? '' : ` ${m.attemptsLeft(error.attemptsLeft)}`;
      return { code: error.code, message: m.passcodeIncorrect + left };
    }
    default:
      return { code: error.code, message: m.errors[error.code] };
  }
}
