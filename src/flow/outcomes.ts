/**
 * How a step ends, as the user sees it: success, a denial, enrollment, a confirmed cancel, a push or call that
 * failed, a request that failed (the login goes on), or a halt (it cannot go on; Retry starts again).
 */
import type { MfaErrorCode } from '../adapter/errors.js';
import type { FailureStatus } from '../adapter/types.js';
import { IDLE } from './derive.js';
import type { FlowRuntime, Operation } from './runtime.js';
import type { FlowStep, SuccessMethod, WebAuthnStep } from './state.js';
import { describeError, joinSentences, sentences, statusBar, textOf } from './status.js';
import type { Text } from './status.js';

/** Errors worth retrying as they are: the same request may well work a moment later. */
const RETRYABLE = new Set<MfaErrorCode>(['network', 'timeout', 'unavailable', 'bad_response']);

export function succeed(
  flow: FlowRuntime,
  method: SuccessMethod,
  token: string,
  remembered: boolean,
  message: Text,
  step: FlowStep,
): void {
  const status = statusBar(message, 'success');
  flow.set({ ...IDLE, phase: 'success', step, passcodeError: null, status, result: { method, remembered } });
  flow.emit('success', { token, method, remembered });
}

export function deny(flow: FlowRuntime, message: Text, step: FlowStep): void {
  flow.set({ ...IDLE, phase: 'denied', step, status: statusBar(message, 'error') });
  flow.failed('denied', message);
}

export function enroll(flow: FlowRuntime, enrollUrl: string, message: Text): void {
  flow.set({ ...IDLE, phase: 'enroll', step: 'enroll', enrollUrl, status: statusBar(message, 'info') });
}

export function userCanceled(flow: FlowRuntime, op: Operation, method: 'push' | 'phone' | 'webauthn'): void {
  flow.finish(op);
  const status = statusBar((m) => m.userCanceled, 'info', { canDismiss: true });
  flow.set({ ...IDLE, phase: 'choosing', step: 'user-canceled', status });
  flow.emit('cancel', { method });
}

/** What a button offers to do again: "Send another push" after a push timed out. */
export interface Again {
  readonly action: () => void;
  readonly label: Text;
}

/**
 * A push, call or WebAuthn request ended without success: say so, with what to do next; the methods stay
 * available. `again`: the status bar's Retry does that, under its label. A timeout or lock-out adds what to do
 * next, to the prompt's own text always, to a backend text (`backendTexts`) unless it already says it.
 */
export function transactionFailed(
  flow: FlowRuntime,
  reason: FailureStatus | WebAuthnStep,
  shown: Text,
  again: Again | null = null,
): void {
  let message = shown;
  if (reason === 'timeout' || reason === 'locked_out') {
    const next = reason;
    message = (m) => {
      const text = textOf(shown, m);
      return m.mentionsNextStep[next].test(text) ? text : joinSentences(text, m.nextStep[next]);
    };
  }
  if (reason === 'locked_out') return lockOut(flow, message);
  const tone = reason.endsWith('canceled') ? 'info' : 'error';
  flow.retryAction = again?.action ?? null;
  const buttons = again ? { canDismiss: true, canRetry: true, retryLabel: again.label } : { canDismiss: true };
  flow.set({ ...IDLE, phase: 'choosing', step: reason, status: statusBar(message, tone, buttons) });
  flow.failed(reason, message);
}

/**
 * A request failed but the login can go on: back to choosing, the error (and `addendum`) in the status bar.
 * `text`: a message more specific than the error code's (a refused push).
 */
export function fail(
  flow: FlowRuntime,
  op: Operation,
  error: unknown,
  retry: (() => void) | null,
  addendum: Text = '',
  text?: Text,
): void {
  const described = describeError(error);
  if (described.code === 'expired') return halt(flow, error);
  flow.finish(op);
  const { code } = described;
  if (code === 'locked_out') return lockOut(flow, described.message);
  const shown = text ?? described.message;
  const message = addendum ? sentences(shown, addendum) : shown;
  const canRetry = retry !== null && RETRYABLE.has(code);
  flow.retryAction = canRetry ? retry : null;
  const status = statusBar(message, 'error', { canDismiss: true, canRetry });
  flow.set({ ...IDLE, phase: 'choosing', step: code, status });
  flow.failed(code, message);
}

/**
 * The account is locked: every method would be refused, so none stays usable and the lock stays shown (no
 * Dismiss). Try again (the status bar's Retry) asks the backend afresh: `MfaFlow.retry` starts over.
 */
export function lockOut(flow: FlowRuntime, message: Text): void {
  flow.retryAction = null;
  const status = statusBar(message, 'error', { canRetry: true, retryLabel: (m) => m.tryAgain });
  flow.set({ ...IDLE, phase: 'choosing', step: 'locked_out', lockedOut: true, passcodeEntryOpen: false, passcodeError: null, status });
  flow.failed('locked_out', message);
}

/** The login cannot go on from here (preauth failed, the attempt expired): Retry starts again. */
export function halt(flow: FlowRuntime, error: unknown): void {
  const { code, message } = describeError(error);
  flow.stop();
  const status = statusBar(message, 'error', { canRetry: true });
  flow.set({ ...IDLE, phase: 'error', step: code, passcodeError: null, status });
  flow.failed(code, message);
}
