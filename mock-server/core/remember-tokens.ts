/**
 * **remembered devices**: the tokens a login with "remember me" sets (as a cookie), which let the same user's
 * later preauths answer `allow` without a second factor until they expire or {@link RememberTokens.clear}.
 */
import type { Clock } from './clock.js';
import { randomId, type RandomSource } from './random.js';

export class RememberTokens {
  readonly #clock: Clock;
  readonly #random: RandomSource;
  #tokens = new Map<string, { username: string; expiresAt: number }>();

  constructor(clock: Clock, random: RandomSource) {
    this.#clock = clock;
    this.#random = random;
  }

  /** A fresh token for `username`, valid `durationSeconds`. */
  issue(username: string, durationSeconds: number): { token: string; expiresAt: number } {
    const remember = { token: randomId(this.#random, 'rem', 32), expiresAt: this.#clock.now() + durationSeconds * 1000 };
    this.#tokens.set(remember.token, { username, expiresAt: remember.expiresAt });
    return remember;
  }

  /** Whose device `token` remembers; undefined for an unknown or swept one. */
  usernameOf(token: string): string | undefined {
    return this.#tokens.get(token)?.username;
  }

  /** Forgets the tokens expired at `now`. */
  sweep(now: number): void {
    for (const [token, remembered] of this.#tokens) if (remembered.expiresAt <= now) this.#tokens.delete(token);
  }

  clear(): void {
    this.#tokens = new Map();
  }
}
