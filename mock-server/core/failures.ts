/**
 * **failure cap.** One user's consecutive failures (wrong codes, denied pushes, calls hung up), with the
 * clock: growing delays before further passcodes, a temporary lock at `lockoutThreshold`, and a permanent
 * one at `maxFailures` (NIST SP 800-63B-4 caps consecutive failures at 100). The count survives the end of
 * a temporary lock: only a success or an administrator's unlock resets it.
 */

export interface FailurePolicy {
  /** Failures that lock the user for `lockoutMs`; after that lock ends, every further failure locks again. */
  lockoutThreshold: number;
  lockoutMs: number;
  /** Failures that lock the user until an administrator unlocks them. */
  maxFailures: number;
}

/** Growing delays start at this many consecutive failures... */
export const DELAY_FROM_FAILURE = 3;
/** ...double with each further failure (1, 2, 4, ... seconds), and stop growing here. */
export const MAX_DELAY_SECONDS = 60;

export type LockState = { permanent: true } | { permanent: false; until: number };

export class FailureCount {
  readonly #policy: FailurePolicy;
  #failures = 0;
  #lastFailureAt = 0;
  #lockedUntil?: number;
  #permanent = false;

  constructor(policy: FailurePolicy) {
    this.#policy = policy;
  }

  /** Consecutive failures since the last success or unlock. */
  get failures(): number {
    return this.#failures;
  }

  /** How many more failures the user has before the next lock (for `attemptsLeft`). */
  get attemptsLeft(): number {
    return Math.max(0, Math.min(this.#policy.lockoutThreshold, this.#policy.maxFailures) - this.#failures);
  }

  /** The lock in force at `now`, if any. */
  lock(now: number): LockState | undefined {
    if (this.#permanent) return { permanent: true };
    if (this.#lockedUntil !== undefined && this.#lockedUntil > now) return { permanent: false, until: this.#lockedUntil };
    return undefined;
  }

  /** True once, when a temporary lock has run out (so the caller can announce it); the count stays. */
  lockRanOut(now: number): boolean {
    if (this.#permanent || this.#lockedUntil === undefined || this.#lockedUntil > now) return false;
    this.#lockedUntil = undefined;
    return true;
  }

  /**
   * **growing delays**: seconds to wait before another passcode may be verified, 0 when it may be now.
   * From the 3rd consecutive failure on, 2^(n-3) seconds (capped at 60) must pass since the last one.
   */
  delaySeconds(now: number): number {
    if (this.#failures < DELAY_FROM_FAILURE) return 0;
    const delayMs = Math.min(2 ** (this.#failures - DELAY_FROM_FAILURE), MAX_DELAY_SECONDS) * 1000;
    const leftMs = this.#lastFailureAt + delayMs - now;
    return leftMs > 0 ? Math.ceil(leftMs / 1000) : 0;
  }

  /** Counts a failure at `now`; returns true when it locked the user (temporarily or for good). */
  record(now: number): boolean {
    this.#failures += 1;
    this.#lastFailureAt = now;
    if (this.#failures >= this.#policy.maxFailures) {
      this.#permanent = true;
      this.#lockedUntil = undefined;
      return true;
    }
    if (this.#failures < this.#policy.lockoutThreshold) return false;
    this.#lockedUntil = now + this.#policy.lockoutMs;
    return true;
  }

  /** Locks now, as if `lockoutThreshold` (or `maxFailures`, for good) failures had just happened. */
  lockNow(now: number, permanent: boolean): void {
    const { lockoutThreshold, maxFailures } = this.#policy;
    this.#failures = Math.max(this.#failures, permanent ? maxFailures : Math.min(lockoutThreshold, maxFailures));
    this.#lastFailureAt = now;
    this.#permanent = permanent || this.#failures >= maxFailures;
    this.#lockedUntil = this.#permanent ? undefined : now + this.#policy.lockoutMs;
  }

  /** A success or an administrator's unlock: no failures, no lock. Returns whether a lock was lifted. */
  reset(): boolean {
    const wasLocked = this.#permanent || this.#lockedUntil !== undefined;
    this.#failures = 0;
    this.#lockedUntil = undefined;
    this.#permanent = false;
    return wasLocked;
  }
}
