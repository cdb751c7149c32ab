/**
 * Login attempts: what preauth's `auth` creates and every start, poll and cancel belongs to (**attempt
 * binding**). An attempt lives `attemptTtlMs` (**attempt lifetime**: 10 minutes), and its idempotency keys
 * with it.
 */
import type { Clock } from './clock.js';
import { SimulatorError } from './errors.js';
import { IdempotentStarts } from './idempotency.js';
import { MESSAGES } from './messages.js';
import { randomId, type RandomSource } from './random.js';

export interface Attempt {
  /** `att_` and 26 characters of 36: 134 random bits (**identifier entropy**). */
  readonly id: string;
  /** The ticket's subject that preauth admitted. */
  readonly username: string;
  readonly expiresAt: number;
  readonly starts: IdempotentStarts;
}

export class AttemptStore {
  readonly #clock: Clock;
  readonly #random: RandomSource;
  readonly #ttlMs: number;
  #attempts = new Map<string, Attempt>();

  constructor(clock: Clock, random: RandomSource, ttlMs: number) {
    this.#clock = clock;
    this.#random = random;
    this.#ttlMs = ttlMs;
  }

  create(username: string): Attempt {
    const attempt: Attempt = {
      id: randomId(this.#random, 'att'),
      username,
      expiresAt: this.#clock.now() + this.#ttlMs,
      starts: new IdempotentStarts(),
    };
    this.#attempts.set(attempt.id, attempt);
    return attempt;
  }

  /** Throws `expired` for an unknown attempt or one past its lifetime. */
  get(id: string): Attempt {
    this.sweep();
    const attempt = this.#attempts.get(id);
    if (!attempt) throw new SimulatorError('expired', MESSAGES.attemptExpired);
    return attempt;
  }

  sweep(): void {
    const now = this.#clock.now();
    for (const [id, attempt] of this.#attempts) if (attempt.expiresAt <= now) this.#attempts.delete(id);
  }

  clear(): void {
    this.#attempts = new Map();
  }
}
