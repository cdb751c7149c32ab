/** Stable error codes. A backend reports them in `{ "error": { "code": ... } }` bodies (see the HTTP guide). */
export type MfaErrorCode =
  /** The backend could not be reached. Retrying later may help. */
  | 'network'
  /** The backend did not answer in time. */
  | 'timeout'
  /** Too many requests; `retryAfter` says how many seconds to wait, when known. */
  | 'rate_limited'
  /** The passcode was wrong; `attemptsLeft` says how many tries remain, when known. */
  | 'invalid_passcode'
  /** Too many failures: the account is locked. */
  | 'locked_out'
  /** The backend answered with something that does not follow the contract. */
  | 'bad_response'
  /** The backend is down or in maintenance (HTTP 5xx); `retryAfter` says how many seconds to wait, when known (503). */
  | 'unavailable'
  /** The request itself was wrong (unknown device, method not allowed, missing field). */
  | 'invalid_request'
  /** The login attempt or transaction is unknown or has expired: start again. */
  | 'expired';

export const MFA_ERROR_CODES: readonly MfaErrorCode[] = [
  'network',
  'timeout',
  'rate_limited',
  'invalid_passcode',
  'locked_out',
  'bad_response',
  'unavailable',
  'invalid_request',
  'expired',
];

export interface MfaErrorDetails {
  /**
   * Seconds to wait before trying again (`rate_limited`, `unavailable`), at most `MAX_RETRY_AFTER_SECONDS`:
   * the HTTP client leaves it out when the server asked for longer (rule **Retry-After**).
   */
  retryAfter?: number;
  /** Passcode attempts left before lock-out (`invalid_passcode`), when the backend says. */
  attemptsLeft?: number;
  /** The HTTP status, when the error came from an HTTP response. */
  httpStatus?: number;
  cause?: unknown;
}

/** The only error an adapter rejects with (besides an abort reason). `message` is safe to show to the user. */
export class MfaError extends Error {
  override readonly name = 'MfaError';
  readonly code: MfaErrorCode;
  readonly retryAfter?: number;
  readonly attemptsLeft?: number;
  readonly httpStatus?: number;

  constructor(code: MfaErrorCode, message: string, details: MfaErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
    if (details.attemptsLeft !== undefined) this.attemptsLeft = details.attemptsLeft;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
  }
}

export function isMfaError(value: unknown, code?: MfaErrorCode): value is MfaError {
  return value instanceof MfaError && (code === undefined || value.code === code);
}
