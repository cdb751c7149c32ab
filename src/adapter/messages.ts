/** The HTTP client's own texts, safe to show; a backend's `message` takes precedence where it sends one. */
import { MfaError, type MfaErrorCode } from './errors.js';

export const CLIENT_MESSAGES: Record<MfaErrorCode, string> = {
  network: 'Could not reach the server. Check your connection and try again.',
  timeout: 'The server took too long to answer. Please try again.',
  rate_limited: 'Too many attempts. Please wait a moment and try again.',
  invalid_passcode: 'Incorrect passcode. Please try again.',
  locked_out: 'Your account is locked after too many failed attempts.',
  bad_response: 'The server sent an unexpected response. Please try again later.',
  unavailable: 'The service is unavailable right now. Please try again later.',
  invalid_request: 'The request was not accepted.',
  expired: 'This login request has expired. Please start again.',
};

/**
 * A `bad_response`: the user sees a generic text; `cause` tells a developer what was wrong (`where`, e.g. the
 * route and status, and the `problem`), without echoing the data.
 */
export function contractViolation(where: string, problem: string, httpStatus?: number): MfaError {
  return new MfaError('bad_response', CLIENT_MESSAGES.bad_response, {
    ...(httpStatus !== undefined && { httpStatus }),
    cause: new Error(`${where}: ${problem}`),
  });
}
