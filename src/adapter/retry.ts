/**
 * Retry policy: which errors are worth retrying, how long to wait before the next try (exponential backoff
 * with full jitter, at least what the server's `Retry-After` asks for), and a loop for calls that retry a
 * few times (cancels, in-doubt starts). Every delay is clamped, so none overflows `setTimeout`.
 */
import { MfaError, type MfaErrorCode } from './errors.js';
import { MAX_RETRY_AFTER_SECONDS } from './wire.js';

export interface BackoffOptions {
  /** The cap of the first retry's delay, in ms. */
  initialMs: number;
  /** The cap never grows beyond this, in ms. */
  maxMs: number;
}

/** The longest delay `setTimeout` takes (2^31 - 1 ms); past it, timers fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 32_000 };

const TRANSIENT: ReadonlySet<MfaErrorCode> = new Set(['network', 'timeout', 'unavailable', 'rate_limited']);

/** Errors that may go away by themselves: the connection, a slow or overloaded backend. */
export function isTransient(error: MfaError): boolean {
  return TRANSIENT.has(error.code);
}

/** Errors whose server asked for a wait longer than {@link MAX_RETRY_AFTER_SECONDS} (rule **Retry-After**). */
const waitTooLong = new WeakSet<MfaError>();

/** Whether an error may be retried at all: not one whose server asked to wait longer than the client does. */
function mayRetry(error: unknown): error is MfaError {
  return error instanceof MfaError && !waitTooLong.has(error);
}

/** A transient error the client may retry. */
export function isRetryable(error: unknown): error is MfaError {
  return mayRetry(error) && isTransient(error);
}

/** Marks `error` as one whose server asked for too long a wait: it is never retried. */
export function giveUpOn(error: MfaError): MfaError {
  waitTooLong.add(error);
  return error;
}

/**
 * Rule **Retry-After**: how long the server asked to wait, in seconds, from the error body's `retryAfter`
 * (which wins) or the `Retry-After` header (seconds, or an HTTP date). `tooLong` when that exceeds
 * {@link MAX_RETRY_AFTER_SECONDS}: the client then gives up instead of waiting days.
 */
export function retryAfterOf(
  fromBody: number | undefined,
  header: string | null,
  nowMs: number,
): { seconds?: number; tooLong: boolean } {
  const seconds = fromBody ?? parseRetryAfterHeader(header, nowMs);
  if (seconds === undefined || Number.isNaN(seconds)) return { tooLong: false };
  if (seconds > MAX_RETRY_AFTER_SECONDS) return { tooLong: true };
  return { seconds: Math.max(0, seconds), tooLong: false };
}

function parseRetryAfterHeader(value: string | null, nowMs: number): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text); // 400 digits make Infinity: too long, as it should
  const date = /[a-z]/i.test(text) ? Date.parse(text) : NaN; // an HTTP date
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** A delay `setTimeout` can take: 0 for NaN or negative values, at most {@link MAX_TIMER_MS}. */
export function clampDelay(ms: number): number {
  return ms > 0 ? Math.min(MAX_TIMER_MS, ms) : 0;
}

/**
 * The delay before retry number `attempt` (1 for the first): a random value below
 * `min(maxMs, initialMs * 2^(attempt-1))` ("full jitter", so that clients that failed together do not
 * come back together), and never less than the error's `retryAfter`. Clamped: see {@link clampDelay}.
 */
export function retryDelay(attempt: number, error: MfaError, backoff: BackoffOptions, random: () => number): number {
  const cap = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1));
  const jittered = clampDelay(Math.floor(random() * cap));
  return clampDelay(Math.max(jittered, Math.ceil((error.retryAfter ?? 0) * 1000)));
}

/** @internal */
export interface RetryPolicy {
  /** How many attempts in all, the first included. */
  attempts: number;
  /** Whether an error is worth another attempt; one whose server asked for too long a wait never is. */
  retryIf: (error: MfaError) => boolean;
  backoff: BackoffOptions;
  random: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Runs `attempt` until it succeeds, fails with an error `policy` does not retry, or runs out of attempts;
 * then rejects with the last error. Waits {@link retryDelay} between attempts. Aborting `signal` rejects
 * with its reason at once.
 */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  const waitSignal = signal ?? new AbortController().signal;
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (waitSignal.aborted || tried >= policy.attempts || !mayRetry(error) || !policy.retryIf(error)) throw error;
      const delayMs = retryDelay(tried, error, policy.backoff, policy.random);
      if (delayMs > 0) await untilAborted(policy.sleep(delayMs, waitSignal), waitSignal);
    }
  }
}

/** Waits `ms` (clamped, see {@link clampDelay}), or rejects with the signal's reason as soon as it aborts. */
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
    }, clampDelay(ms));
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
