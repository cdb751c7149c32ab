/**
 * The HTTP client's texts for `MfaError.message` where the backend sent none: short, for developers and logs.
 * The prompt never shows them; it shows its own localised text for each code (flow/messages.ts).
 */
import { MfaError, type MfaErrorCode } from './errors.js';

export const CLIENT_MESSAGES: Record<MfaErrorCode, string> = {
  network: 'Network error',
  timeout: 'Timed out',
  rate_limited: 'Rate limited',
  invalid_passcode: 'Wrong passcode',
  locked_out: 'Locked out',
  bad_response: 'Unexpected response',
  unavailable: 'Unavailable',
  invalid_request: 'Invalid request',
  expired: 'Expired',
};

/**
 * A `bad_response`: `cause` tells a developer what was wrong (`where`, e.g. the route and status, and the
 * `problem`), without echoing the data.
 */
export function contractViolation(where: string, problem: string, httpStatus?: number): MfaError {
  return new MfaError('bad_response', CLIENT_MESSAGES.bad_response, {
    ...(httpStatus !== undefined && { httpStatus }),
    cause: new Error(`${where}: ${problem}`),
  });
}
