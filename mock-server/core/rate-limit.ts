/**
 * Per-user, per-method sliding-window limits: pushes can be used for "push bombing", and SMS and calls
 * cost money (OWASP ASVS 6.6.4, NIST SP 800-63B-4).
 */

export type RateLimitedMethod = 'push' | 'phone' | 'sms';

export interface RateLimit {
  /** How many requests a user may make... */
  max: number;
  /** ...within this many milliseconds. */
  windowMs: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitedMethod, RateLimit>> = {
  push: { max: 5, windowMs: 60_000 },
  phone: { max: 3, windowMs: 60_000 },
  sms: { max: 3, windowMs: 5 * 60_000 },
};

export class RateLimiter {
  readonly #limits: Readonly<Record<RateLimitedMethod, RateLimit>>;
  readonly #requests = new Map<string, number[]>();

  constructor(limits: Readonly<Record<RateLimitedMethod, RateLimit>>) {
    this.#limits = limits;
  }

  /** Counts a request, or returns how many seconds to wait (at least 1) when the limit is reached. */
  take(username: string, method: RateLimitedMethod, now: number): number | undefined {
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
