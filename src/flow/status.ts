/**
 * The status bar's contents, and the user's words for an adapter error.
 *
 * The flow keeps its own texts as {@link Text} recipes, not as strings: a recipe is read with the messages
 * of the moment each time the state is derived, so a language (or `messages`) set while a status is shown
 * re-translates it at once. Backend texts are plain strings: they stay as they came.
 */
import { isMfaError } from '../adapter/errors.js';
import type { MfaErrorCode } from '../adapter/errors.js';
import type { FlowMessages } from './messages.js';
import type { FlowStatus, StatusTone } from './state.js';

/** A text: a backend string as is, or one of the flow's own, read from the current messages. */
export type Text = string | ((m: FlowMessages) => string);

/** The status as the flow keeps it: {@link FlowStatus} with recipes in place of the texts. */
export type StatusDraft = Omit<FlowStatus, 'message' | 'retryLabel'> & { readonly message: Text; readonly retryLabel?: Text };

type StatusButtons = Partial<Pick<StatusDraft, 'canCancel' | 'canDismiss' | 'canRetry' | 'retryLabel'>>;

export function statusBar(message: Text, tone: StatusTone, buttons: StatusButtons = {}): StatusDraft {
  return Object.freeze({ message, tone, canCancel: false, canDismiss: false, canRetry: false, ...buttons });
}

export const textOf = (text: Text, m: FlowMessages): string => (typeof text === 'string' ? text : text(m));

/**
 * Two sentences as one text, "Incorrect passcode. 2 attempts left.": a space between them, but none after a
 * full-width "。", "！" or "？" (Japanese and Chinese write none); an empty one is left out.
 */
export const joinSentences = (first: string, second: string): string =>
  first && second ? first + (/[。！？]$/.test(first) ? '' : ' ') + second : first || second;

/** {@link joinSentences} of two texts, read with the messages of the moment. */
export const sentences =
  (first: Text, second: Text): Text =>
  (m) =>
    joinSentences(textOf(first, m), textOf(second, m));

/** The user-facing text for an adapter error. Adapter texts are not shown: they are not localised. */
export function describeError(error: unknown): { code: MfaErrorCode; message: Text } {
  if (!isMfaError(error)) return { code: 'bad_response', message: (m) => m.errors.bad_response };
  const { code, retryAfter, attemptsLeft } = error;
  switch (code) {
    case 'rate_limited':
      return { code, message: (m) => m.tooManyAttempts(retryAfter) };
    case 'invalid_passcode':
      return {
        code,
        message: sentences(
          (m) => m.passcodeIncorrect,
          (m) => (attemptsLeft === undefined ? '' : m.attemptsLeft(attemptsLeft)),
        ),
      };
    default:
      return { code, message: (m) => m.errors[code] };
  }
}
