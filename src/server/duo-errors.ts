/**
 * Our error answers (`{ error: { code, message, retryAfter?, attemptsLeft? } }`, the contract's statuses)
 * and the translation of every Duo failure into one of them. The table in `docs/duo-bridge.md` mirrors
 * {@link fromDuoError}: change both together.
 */
import { MAX_RETRY_AFTER_SECONDS } from './duo-contract.js';
import { DuoApiError } from './duo-client.js';

export type BridgeErrorCode = 'invalid_request' | 'invalid_passcode' | 'locked_out' | 'expired' | 'rate_limited' | 'unavailable';

const STATUS: Record<BridgeErrorCode, number> = {
  invalid_request: 400,
  invalid_passcode: 401,
  locked_out: 403,
  expired: 404,
  rate_limited: 429,
  unavailable: 503,
};

export const MESSAGES = {
  expired: 'This login attempt has expired. Please start again.',
  unavailable: 'The login service is temporarily unavailable. Please try again shortly.',
  rateLimited: (s: number) => `Too many requests. Please wait ${s} seconds and try again.`,
  invalidRequest: 'This request could not be completed.',
  invalidPasscode: 'Incorrect passcode. Please try again.',
  lockedOut: 'Your account is locked after too many failed attempts. Ask your help desk to unlock it.',
} as const;

export class BridgeError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
    readonly retryAfter?: number,
    /** Another HTTP status than the code's own; see {@link startInDoubt}. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * A push, call or SMS start whose `auth` call got no answer (a timeout, the network) or a 5xx: Duo may
 * have sent it. Without a store the bridge cannot honour `Idempotency-Key`, and the client sends a start
 * answered 502, 503 or 504 again with the same key, so it would become a second push. So such a start
 * answers 500 `unavailable`, which the client does not retry by itself: the user sees "try again" and
 * chooses. (The contract gives `unavailable` 503; this is the bridge's one deviation, on purpose.)
 */
export function startInDoubt(error: BridgeError, upstream: DuoApiError): BridgeError {
  const unknownOutcome = upstream.httpStatus === 0 || upstream.httpStatus >= 500;
  return error.code === 'unavailable' && unknownOutcome ? new BridgeError('unavailable', error.message, undefined, 500) : error;
}

export function errorResponse(error: BridgeError): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter);
  const body = { error: { code: error.code, message: error.message, ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}) } };
  return new Response(JSON.stringify(body), { status: error.status ?? STATUS[error.code], headers });
}

const clampWait = (seconds: number) => Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds)));

/**
 * Duo's failures, by code first and HTTP status second (Duo documents codes as the HTTP status followed
 * by two digits). Failures that are the integration's fault (keys, signature, clock, a disabled
 * integration) become 503 `unavailable`: the user cannot fix them and must not learn the details; the
 * host's `onUpstreamError` receives the original for its logs.
 */
export function fromDuoError(error: DuoApiError, defaultRetryAfter: number): BridgeError {
  const { code, httpStatus } = error;
  if (code === 42901 || httpStatus === 429) {
    const wait = clampWait(error.retryAfter ?? defaultRetryAfter);
    return new BridgeError('rate_limited', MESSAGES.rateLimited(wait), wait);
  }
  // An unknown or expired Duo txid (Duo names the parameter in `message_detail`).
  if (code === 40401 || httpStatus === 404 || (httpStatus === 400 && error.detail === 'txid')) return new BridgeError('expired', MESSAGES.expired);
  // 40001 missing parameter, 40002 invalid parameter (an unknown device, a factor the device lacks),
  // 40003 operation not permitted for this user or factor.
  if (Math.floor(code / 100) === 400 || httpStatus === 400) return new BridgeError('invalid_request', MESSAGES.invalidRequest);
  // 401xx (credentials, signature, Date), 403xx (integration not allowed), 5xx, no answer, a timeout.
  return new BridgeError('unavailable', MESSAGES.unavailable, error.timedOut || httpStatus >= 500 || httpStatus === 0 ? 5 : undefined);
}
