/**
 * Per-user sliding-window limits: pushes can be used for "push bombing", SMS and calls cost money (OWASP
 * ASVS 6.6.4, NIST SP 800-63B-4), and preauth is the door to all of them (**preauth rate limit**).
 */
import { SimulatorError } from './errors.js';
import { MESSAGES } from './messages.js';

export type RateLimitedMethod = 'push' | 'phone' | 'sms';
/** What is rate-limited: starting a push, call or SMS batch, and preauth (per ticket subject). */
export type RateLimitedAction = RateLimitedMethod | 'preauth';

export interface RateLimit {
  /** How many requests a user may make... */
  max: number;
  /** ...within this many milliseconds. */
  windowMs: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitedAction, RateLimit>> = {
  preauth: { max: 10, windowMs: 60_000 },
  push: { max: 5, windowMs: 60_000 },
  phone: { max: 3, windowMs: 60_000 },
  sms: { max: 3, windowMs: 5 * 60_000 },
};

export class RateLimiter {
  readonly #limits: Readonly<Record<RateLimitedAction, RateLimit>>;
  readonly #requests = new Map<string, number[]>();

  constructor(limits: Readonly<Record<RateLimitedAction, RateLimit>>) {
    this.#limits = limits;
  }

  /** Counts a request, or returns how many seconds to wait (at least 1) when the limit is reached. */
  take(username: string, method: RateLimitedAction, now: number): number | undefined {
    const { max, windowMs } = this.#limits[method];
    const key = `${method}:${username}`;
    const recent = (this.#requests.get(key) ?? []).filter((time) => time > now - windowMs);
    if (recent.length >= max) {
      this.#requests.set(key, recent);
      // The oldest request in the window is the next to leave it.
      return Math.max(1, Math.ceil(((recent[0] as number) + windowMs - now) / 1000));
    }
    recent.push(now);
    this.#requests.set(key, recent);
    return undefined;
  }

  reset(): void {
    this.#requests.clear();
  }
}

/** Counts a request, or throws `rate_limited` saying how long to wait for another `noun`. */
export function takeOrRefuse(limiter: RateLimiter, username: string, action: RateLimitedAction, now: number, noun: string): void {
  const waitSeconds = limiter.take(username, action, now);
  if (waitSeconds !== undefined) throw new SimulatorError('rate_limited', MESSAGES.rateLimited(noun, waitSeconds), { retryAfter: waitSeconds });
}
