/**
 * Retry policy for long polls: which errors are worth retrying, and how long to wait before the next try
 * (exponential backoff with full jitter, at least what a 429's `Retry-After` asks for).
 */
import type { MfaError, MfaErrorCode } from './errors.js';

export interface BackoffOptions {
  /** The cap of the first retry's delay, in ms. */
  initialMs: number;
  /** The cap never grows beyond this, in ms. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 32_000 };

const TRANSIENT: ReadonlySet<MfaErrorCode> = new Set(['network', 'timeout', 'unavailable', 'rate_limited']);

/** Errors that may go away by themselves: the connection, a slow or overloaded backend. */
export function isTransient(error: MfaError): boolean {
  return TRANSIENT.has(error.code);
}

/**
 * The delay before retry number `attempt` (1 for the first): a random value below
 * `min(maxMs, initialMs * 2^(attempt-1))` ("full jitter", so that clients that failed together do not
 * come back together), and never less than the error's `retryAfter`.
 */
export function retryDelay(attempt: number, error: MfaError, backoff: BackoffOptions, random: () => number): number {
  const cap = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * cap);
  return Math.max(jittered, Math.ceil((error.retryAfter ?? 0) * 1000));
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `promise`, or the signal's reason if it aborts first (for injected functions that might ignore the signal). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
